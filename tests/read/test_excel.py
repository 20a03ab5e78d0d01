"""Excel workbooks (.xlsx, .xls): every sheet a table, merged cells expanded, cells as Excel shows them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from corpus import LEFT, UP, Num, make_figures, table_layout
from fixtures_files import write_bytes, write_corrupt_xlsx, write_txt, write_xls, write_xlsx
from perflib.errors import UnreadableInput
from perflib.read.files import read_document

WRITERS = {"xlsx": write_xlsx, "xls": write_xls}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_sheet_is_a_table_with_merges_expanded(tmp_path, fmt):
    grid = [["部门整体支出绩效自评表", LEFT, LEFT],
            ["部门名称", "某局", LEFT],
            ["执行情况", "全年执行数", "执行率"],
            [UP, Num(Decimal("1234567.5"), 2, thousands=True), Num(Decimal("99.62"), 2, percent=True)],
            [UP, Num(Decimal("88"), 0), ""]]
    doc = read_document(WRITERS[fmt](tmp_path / f"t.{fmt}", [("自评表", grid), ("Sheet2", [["说明"]])]))
    assert doc.source.format == fmt and doc.source.pages == 2
    first, second = doc.tables
    assert first.rows == [["部门整体支出绩效自评表"] * 3, ["部门名称", "某局", "某局"],
                          ["执行情况", "全年执行数", "执行率"], ["执行情况", "1,234,567.50", "99.62%"],
                          ["执行情况", "88", ""]]
    assert first.title == "自评表" and first.loc.sheet == "自评表" and first.loc.table == 1
    assert second.rows == [["说明"]] and second.title == "说明"  # a generic sheet name: its first line


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_basic_data_sheet(tmp_path, fmt):
    f = make_figures(5)
    doc = read_document(WRITERS[fmt](tmp_path / f"t.{fmt}", [table_layout(f, "basic_data")]))
    (table,) = doc.tables
    assert table.rows[1][:2] == ["预算单位", f.department]
    assert [r[0] for r in table.rows[3:]] == ["合计", "基本支出", "其中：人员经费", "公用经费", "项目支出"]
    assert table.rows[-1][3] == f"{f.projects.actual:f}"


def unreadable(path) -> str:
    with pytest.raises(UnreadableInput) as info:
        read_document(path)
    msg = str(info.value)
    assert str(path) in msg and "\n" not in msg and msg.endswith(".")
    return msg


def test_damaged_xlsx(tmp_path):
    assert "damaged" in unreadable(write_corrupt_xlsx(tmp_path / "t.xlsx"))


def test_damaged_xls(tmp_path):
    path = write_xls(tmp_path / "t.xls", [("表", [["年初预算数", "100"]] * 40)])
    data = path.read_bytes()
    assert "damaged" in unreadable(write_bytes(path, data[:600] + bytes(len(data) - 600)))


def test_text_named_xlsx(tmp_path):
    assert "not an Excel workbook" in unreadable(write_txt(tmp_path / "t.xlsx", "年初预算数 100 万元"))


def test_empty_workbook(tmp_path):
    assert "empty" in unreadable(write_xlsx(tmp_path / "t.xlsx", [("表", [[""]])]))


# --- a workbook of the 自评表's budget rows, built here: sheets of (name, rows, options) ----------------------
def _form(year=2023, figures=((300, 320, 315, 0.9844), (200, 208, 206, 0.9904), (100, 112, 109, 0.9732)),
          unit="（万元）", money="#,##0.00", rate="0.00%", score=92):
    rows = [["部门整体支出绩效自评表", "", "", "", "", ""], [f"（{year}年度）", "", "", "", "", ""],
            ["部门名称", "青岭县水务局", "", "", "", ""],
            [f"年度预算执行情况{unit}", "", "年初预算数", "全年预算数", "全年执行数", "执行率"]]
    for label, (a, b, c, r) in zip(("年度资金总额", "其中：基本支出", "项目支出"), figures):
        rows.append(["", label, (a, money), (b, money), (c, money), (r, rate)])
    rows.append(["自评得分", score, "", "评价等级", "优" if score >= 90 else "良", ""])
    return rows


def _xlsx(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, opts in sheets:
        ws = wb.create_sheet(name)
        for i, row in enumerate(rows, 1):
            for j, v in enumerate(row, 1):
                v, fmt = v if isinstance(v, tuple) else (v, None)
                if v not in (None, ""):
                    ws.cell(i, j, v).number_format = fmt or "General"
        for col in opts.get("hidden_cols", ()):
            ws.column_dimensions[col].hidden = True
        for r in opts.get("hidden_rows", ()):
            ws.row_dimensions[r].hidden = True
        ws.sheet_state = opts.get("state", "visible")
    wb.save(path)
    return path


def _xls(path, sheets):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for name, rows, opts in sheets:
        ws = wb.add_sheet(name)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                v, fmt = v if isinstance(v, tuple) else (v, None)
                if v not in (None, ""):
                    ws.write(i, j, v, xlwt.easyxf(num_format_str=fmt) if fmt else xlwt.Style.default_style)
        for c in opts.get("hidden_cols", ()):
            ws.col(c).hidden = True
        if opts.get("state") == "hidden":
            ws.visibility = 1
    wb.save(str(path))
    return path


def _figures(rec, block="overall"):
    b = getattr(rec, block)
    return tuple(None if v is None else float(v)
                 for v in (b.initial_budget, b.adjusted_budget, b.actual, b.completion_rate))


IN_YUAN = ((3000000, 3200000, 3150000, 0.9844), (2000000, 2080000, 2060000, 0.9904),
           (1000000, 1120000, 1090000, 0.9732))


@pytest.mark.parametrize("fmt, unit, cell", [
    ("0!.0000", "（万元）", "300.0000"),  # the literal point: 3000000 元 shown as 300.0000 (万元)
    ('0!.0000"万元"', "", "300.0000万元"),
    ('[>=10000]0!.0000"万元";0.00', "", "300.0000万元"),  # the section whose condition holds
    ("#,##0.00,", "（千元）", "3,000.00"),  # a trailing comma divides by 1000
    ('#,##0.00"元"', "", "3,000,000.00元"),  # the unit Excel shows after the figure
])
def test_number_formats_shown_as_excel_shows_them(tmp_path, fmt, unit, cell):
    from perflib.pipeline import read_record

    path = _xlsx(tmp_path / "t.xlsx", [("自评表", _form(figures=IN_YUAN, unit=unit, money=fmt), {})])
    assert read_document(path).tables[0].rows[4][2] == cell
    assert _figures(read_record(path)) == (300, 320, 315, 98.44)


def test_xls_literal_point_format(tmp_path):
    from perflib.pipeline import read_record

    path = _xls(tmp_path / "t.xls", [("自评表", _form(figures=IN_YUAN, money="0!.0000"), {})])
    assert read_document(path).tables[0].rows[4][2] == "300.0000"
    assert _figures(read_record(path)) == (300, 320, 315, 98.44)


def test_quoted_percent_and_other_literals():
    from perflib.read.excel import _number

    assert _number(98.44, '0.00"%"') == "98.44%"
    assert _number(1234.5, '"¥"#,##0.00') == "1,234.50"  # a currency sign before the figure: dropped as before
    assert _number(12.5, '0.0"分"') == "12.5"  # not a unit of money
    assert _number(5, '[>=10000]0!.0000"万元";0.00') == "5.00"


def _with_draft_column(label="全年预算数"):
    rows = _form()
    for i, row in enumerate(rows):
        row.insert(3, label if i == 3 else ({4: 330, 5: 215, 6: 115}[i], "#,##0.00") if i in (4, 5, 6) else "")
    return rows


@pytest.mark.parametrize("label", ["全年预算数", "调整后预算数", "全年预算数（草稿）"])
def test_hidden_column_is_not_read(tmp_path, label):
    from perflib.pipeline import read_record

    path = _xlsx(tmp_path / "t.xlsx", [("自评表", _with_draft_column(label), {"hidden_cols": ["D"]})])
    assert [c for c in read_document(path).tables[0].rows[4] if c.startswith("330")] == []
    rec = read_record(path)
    assert _figures(rec) == (300, 320, 315, 98.44) and _figures(rec, "basic")[1] == 208


def test_xls_hidden_column_is_not_read(tmp_path):
    from perflib.pipeline import read_record

    path = _xls(tmp_path / "t.xls", [("自评表", _with_draft_column(), {"hidden_cols": [3]})])
    assert _figures(read_record(path)) == (300, 320, 315, 98.44)


def test_hidden_row_is_not_read(tmp_path):
    from perflib.pipeline import read_record

    rows = _form()
    rows.insert(4, ["", "年度资金总额", (310, "#,##0.00"), (330, "#,##0.00"), (322, "#,##0.00"), (0.9758, "0.00%")])
    rec = read_record(_xlsx(tmp_path / "t.xlsx", [("自评表", rows, {"hidden_rows": [5]})]))
    assert _figures(rec) == (300, 320, 315, 98.44)


PREVIOUS = ((280, 290, 286, 0.9862), (190, 195, 193, 0.9897), (90, 95, 93, 0.9789))


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_hidden_sheet_is_not_read(tmp_path, fmt):
    from perflib.pipeline import read_record

    write = {"xlsx": _xlsx, "xls": _xls}[fmt]
    path = write(tmp_path / f"t.{fmt}", [("草稿", _form(figures=PREVIOUS, score=90), {"state": "hidden"}),
                                         ("自评表", _form(), {})])
    assert [t.loc.sheet for t in read_document(path).tables] == ["自评表"]
    rec = read_record(path)
    assert _figures(rec) == (300, 320, 315, 98.44) and rec.score == 92


def test_a_workbook_of_hidden_sheets_only_is_read_whole():
    from perflib.read.excel import _shown

    assert _shown([False, True]) == [False, True] and _shown([False, False]) == [True, True]


def test_budget_execution_row_with_amounts_carrying_their_unit(tmp_path):
    """Cells shown '300.00万元' (the format's unit): the 自评表's execution row is still read."""
    from perflib.pipeline import read_record

    rows = [r[:5] + ["分值", r[5], "得分"] if i == 3 else r[:5] + ["", r[5], ""] for i, r in enumerate(_form())]
    rows[4][5], rows[4][7] = 10, 9.8
    money = '#,##0.00"万元"'
    for r in rows[4:7]:
        r[2:5] = [(v[0], money) for v in r[2:5]]
    rec = read_record(_xlsx(tmp_path / "t.xlsx", [("自评表", rows, {})]))
    assert _figures(rec) == (300, 320, 315, 98.44)
    assert rec.budget_execution is not None and rec.budget_execution.weight == 10


def _project_sheet():
    return [["项目支出绩效自评表", "", "", "", "", ""], ["（2023年度）", "", "", "", "", ""],
            ["项目名称", "城区管网改造", "", "", "", ""], ["主管部门", "青岭县水务局", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            ["", "年度资金总额", (60, "#,##0.00"), (66, "#,##0.00"), (64, "#,##0.00"), (0.9697, "0.00%")],
            ["自评得分", 88, "", "评价等级", "良", ""]]


def _project_list():
    return [["项目支出明细表", "", "", ""], ["单位：万元", "", "", ""], ["项目名称", "年初预算", "调整后预算", "实际支出"],
            ["管网改造", 60, 66, 64], ["水土保持", 40, 46, 45], ["合计", 100, 112, 109]]


@pytest.mark.parametrize("first, second", [
    (("上年度", _form(2022, PREVIOUS, score=90)), ("本年度", _form())),
    (("2022年度", _form(2022, PREVIOUS, score=90)), ("2023年度", _form())),
    (("项目自评表", _project_sheet()), ("部门整体自评表", _form())),
    (("项目明细", _project_list()), ("自评表", _form())),
])
def test_the_workbooks_own_sheet_is_read_first(tmp_path, first, second):
    """Another year's sheet, a project's sheet before the report's own: read after it."""
    from perflib.pipeline import read_record

    path = _xlsx(tmp_path / "t.xlsx", [(*first, {}), (*second, {})])
    assert [t.loc.sheet for t in read_document(path).tables] == [second[0], first[0]]
    rec = read_record(path)
    assert (rec.year, rec.score, rec.kind) == (2023, 92, "department")
    assert _figures(rec) == (300, 320, 315, 98.44) and _figures(rec, "projects")[:3] == (100, 112, 109)


@pytest.mark.parametrize("title", ["部门整体支出绩效目标申报表", "部门预算申报表"])
def test_a_next_years_plan_sheet_does_not_put_the_report_aside(tmp_path, title):
    """'2023年度' (the self-evaluation) then '2024年度' (next year's targets, nothing spent yet): the
    2023 sheet is the report's, read first — not 2024 and 330/330/0."""
    from perflib.pipeline import read_record

    plan = _form(2024, ((330, 330, 0, 0), (210, 210, 0, 0), (120, 120, 0, 0)))
    plan[0][0] = title
    path = _xlsx(tmp_path / "t.xlsx", [("2023年度", _form(), {}), ("2024年度", plan, {})])
    assert [t.loc.sheet for t in read_document(path).tables] == ["2023年度", "2024年度"]
    rec = read_record(path)
    assert (rec.year, rec.score, rec.kind) == (2023, 92, "department")
    assert _figures(rec) == (300, 320, 315, 98.44) and _figures(rec, "projects")[:3] == (100, 112, 109)


def test_the_reports_own_sheet_titled_with_its_targets_and_results_is_no_plan(tmp_path):
    """'2022年度' (last year's self-evaluation) then '2023年度' titled 部门整体绩效目标表及自评结果 (this year's
    targets and what was done: the report): 目标表 made it a plan, and last year's sheet was read first."""
    from perflib.pipeline import read_record

    last = _form(2022, ((400, 420, 410, 97.62), (250, 260, 255, 98.08), (150, 160, 155, 96.88)))
    own = _form()
    own[0][0] = "2023年度部门整体绩效目标表及自评结果"
    path = _xlsx(tmp_path / "t.xlsx", [("2022年度", last, {}), ("2023年度", own, {})])
    rec = read_record(path)
    assert (rec.year, rec.score) == (2023, 92) and _figures(rec) == (300, 320, 315, 98.44)


@pytest.mark.parametrize("names", [("项目自评表1", "项目自评表2"), ("2023年决算", "2024年预算"), ("Sheet1", "Sheet2")])
def test_sheet_order_kept(tmp_path, names):
    """Only project sheets; years of differently named sheets; generic names: the workbook's order."""
    path = _xlsx(tmp_path / "t.xlsx", [(names[0], _form(), {}), (names[1], _form(), {})])
    assert [t.loc.sheet for t in read_document(path).tables] == list(names)


@pytest.mark.parametrize("fmt, rate_format, head", [("xlsx", None, "执行率"), ("xls", None, "执行率"),
                                                    ("xlsx", "0.0000", "执行率（%）")])
def test_a_rate_stored_as_a_share_of_one(tmp_path, fmt, rate_format, head):
    """0.9844 under 执行率 (no % format): 98.44% when the row's actual ÷ budget says so, never 0.9844%."""
    from perflib.pipeline import read_record

    rows = _form(rate=rate_format)
    rows[3][5] = head
    rows[6][5] = (0.5, rate_format)  # 项目支出 109 ÷ 112 is not 50%: a share that says nothing sure
    rec = read_record({"xlsx": _xlsx, "xls": _xls}[fmt](tmp_path / f"t.{fmt}", [("自评表", rows, {})]))
    assert _figures(rec) == (300, 320, 315, 98.44) and _figures(rec, "basic")[3] == 99.04
    assert _figures(rec, "projects") == (100, 112, 109, None)


def _form_of_indicators(title="石桥县卫生健康局2023年度部门整体支出绩效自评表"):
    return [[title, "", "", "", "", "", ""],
            ["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", 410, 430, 422, 10, "98.14%", 9.8],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "入户随访人次", "≥1200人次", "1340人次", 30, 30],
            ["产出指标", "质量指标", "药品抽检合格率", "≥98%", "99%", 20, 20],
            ["效益指标", "社会效益指标", "群众健康知识知晓率", "≥80%", "86%", 20, 19],
            ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "95%", 20, 20],
            ["自评得分", 91, "评价等级", "优", "", "", ""]]


@pytest.mark.parametrize("sheet", ["评价项目", "考核项目及指标", "自评表"])
def test_a_sheet_named_for_the_projects_evaluated_is_the_units_form(tmp_path, sheet):
    """A sheet named '评价项目' whose title says 部门整体支出绩效自评表: the unit's form, its indicators
    and execution row read (b199c80 dropped both); the rating row under the table is no indicator."""
    from perflib.pipeline import read_record

    rec = read_record(_xlsx(tmp_path / "t.xlsx", [(sheet, _form_of_indicators(), {})]))
    assert [i.name for i in rec.indicators] == ["入户随访人次", "药品抽检合格率", "群众健康知识知晓率", "居民满意度"]
    assert rec.indicators[2].score == 19
    assert rec.budget_execution is not None and rec.budget_execution.weight == 10


def test_header_wrapped_by_alt_enter_is_read(tmp_path):
    """A header typed '年初\\n预算数' (Alt+Enter to fit the column) is the 年初预算数 column."""
    from perflib.pipeline import read_record

    rows = [[c.replace("预算数", "\n预算数").replace("执行数", "\n执行数") for c in row]
            if i == 3 else row for i, row in enumerate(_form())]
    rec = read_record(_xlsx(tmp_path / "a.xlsx", [("自评表", rows, {})]))
    assert _figures(rec) == (300, 320, 315, 98.44)


@pytest.mark.parametrize("label", ["年度预算情况（万元）", "年度预算执行情况（万元）"])
def test_a_budget_row_under_its_header_cell_merged_down_is_the_forms(tmp_path, label):
    """The form's side label "年度预算情况（万元）" merged over its header row and its one row of figures: no
    年度资金总额 label, the figures are the unit's (the form's title names it), its rate too."""
    import openpyxl

    from perflib.pipeline import read_record

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    rows = [["示例松风县气象局2023年度部门整体支出绩效自评表"], ["部门名称", "示例松风县气象局"],
            [label, "年初预算数", "全年预算数", "全年执行数", "执行率"], [None, 486.2, 512.6, 498.31, "97.21%"],
            ["自评总分（分）", 92.5, "自评等级", "优"]]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:E1")
    ws.merge_cells("B2:E2")
    ws.merge_cells("A3:A4")
    wb.save(tmp_path / "f.xlsx")
    rec = read_record(tmp_path / "f.xlsx")
    assert _figures(rec) == (486.2, 512.6, 498.31, 97.21)
    assert (rec.score, rec.rating) == (Decimal("92.5"), "优")


def test_a_row_of_another_label_under_the_merged_header_cell_is_not_the_forms(tmp_path):
    """Guard: under the merged header cell, a row naming one source (财政拨款) is that source's, not the form's."""
    import openpyxl

    from perflib.pipeline import read_record

    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [["示例松风县气象局2023年度部门整体支出绩效自评表"],
            ["年度预算情况（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数"],
            [None, "财政拨款", 400, 420, 410]]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "g.xlsx")
    assert _figures(read_record(tmp_path / "g.xlsx")) == (None, None, None, None)
