"""The 绩效指标 table reads back exactly: generated tables in txt (tabs, spaces) and docx (merged
cells), grids with merged cells expanded, sentences; and the checks find what was planted."""
import random
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from perflib.pipeline import read_record
from perflib.read.document import Location, Table
from perflib.understand.indicators import read_indicators, role_of, tables_from_lines

from corpus import (_rating, _section, expected, expected_indicators, indicator_docx_rows, indicator_grid, indicator_lines,
                    make_figures, make_indicators, make_variant, render_lines)
from fixtures_files import MERGE_UP, blocks_from_lines, write_docx, write_pdf, write_txt
from understand.test_parse_roundtrip import as_expected

FEW = settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _as_dicts(indicators):
    return [{f: getattr(i, f) for f in ("level1", "level2", "name", "target", "actual", "weight", "score",
                                        "met", "reason")} for i in indicators]


def _report(rng: random.Random, fmt: str):
    """A national-template report with an indicator table, its figures and its indicator rows."""
    figures, variant = make_figures(rng), make_variant(rng, "national")
    if fmt in ("docx", "pdf"):
        variant = replace(variant, table_sep="\t" if fmt == "docx" else "  ", fullwidth=False)
    execution = variant.table and variant.table_scores
    rows = make_indicators(rng, execution=execution)
    total = sum((r.score for r in rows), Decimal(10) if execution else Decimal(0))
    figures = replace(figures, score=total, rating=_rating(total))
    variant = replace(variant, state_score=True)
    lines = render_lines(figures, "national", variant)
    at = next(i for i, ln in enumerate(lines) if "自评结论" in ln)
    head = [_section(variant, 4, "绩效指标完成情况"), "部门整体支出绩效指标完成情况表"]
    sep = {"txt-tab": "\t", "txt-space": rng.choice([" ", "  "]), "docx": "\t", "pdf": "  "}[fmt]
    table = indicator_lines(rows, sep, total=total)
    return figures, variant, rows, total, execution, lines[:at] + head + table + lines[at:], len(head) + at


def _write(tmp_path, fmt, lines, rows, total, at):
    if fmt.startswith("txt"):
        return write_txt(tmp_path / "r.txt", "\n".join(lines) + "\n")
    if fmt == "pdf":  # three pages with a running header, rows as the PDF text layer gives them
        third = max(1, len(lines) // 3)
        pages = ["\n".join(lines[i:i + third]) for i in range(0, len(lines), third)]
        # paragraphs indented, as Chinese documents are set: without it a paragraph whose last line
        # fills the width exactly reads as going on (test_format_roundtrip's PDFs do the same)
        return write_pdf(tmp_path / "r.pdf", pages, header="部门整体支出绩效评价报告", footer_page_numbers=True,
                         indent=True)
    n_table = len(rows) + 2  # the indicator table's text rows: written as a Word table with merged cells
    blocks = (blocks_from_lines(lines[:at]) + [indicator_docx_rows(rows, total, merge_up=MERGE_UP)]
              + blocks_from_lines(lines[at + n_table:]))
    return write_docx(tmp_path / "r.docx", blocks=blocks)


@pytest.mark.parametrize("fmt", ["txt-tab", "txt-space", "docx", "pdf"])
@FEW
@given(rng=st.randoms(use_true_random=False))
def test_indicator_table_reads_back(tmp_path, fmt, rng):
    figures, variant, rows, total, execution, lines, at = _report(rng, fmt)
    rec = read_record(_write(tmp_path, fmt, lines, rows, total, at))
    assert _as_dicts(rec.indicators) == expected_indicators(rows), (fmt, variant)
    # the rest of the report still reads as it did (in a PDF the table's lines can disturb the
    # task list of the prose parser: a known limit of line repair, not of the indicator reader)
    got, want = as_expected(rec), expected(figures, "national", variant)
    if fmt == "pdf":
        got.pop("task_funds"), want.pop("task_funds")
    assert got == want
    # every 分值 / 得分 names its table, row and column
    for n, r in enumerate(rows, start=1):
        ev = rec.evidence[f"indicators.{n}.score"]
        assert ev.startswith("部门整体支出绩效指标完成情况表 · ") and r.name in ev and "× 得分: " in ev
    if execution:
        assert (rec.budget_execution.weight, rec.budget_execution.score) == (10, 10)
    else:
        assert rec.budget_execution is None
    # the planted leniency is found, nothing else
    status = {c.id: c.status for c in rec.checks}
    assert status["indicators.weights_total"] == "ok"
    assert status["indicators.score_total"] == "ok"
    assert status["indicators.score_within_weight"] == "ok"
    assert status["rating.matches_score"] == "ok"
    lenient = [r for r in rows if not r.met and r.score == r.weight]
    flagged = [c for c in rec.checks if c.id == "indicators.unmet_full_score" and c.status == "warn"]
    assert len(flagged) == len(lenient)
    silent = [r for r in rows if not r.met and not r.reason]
    assert len([c for c in rec.checks if c.id == "indicators.unmet_reason" and c.status == "warn"]) == len(silent)


@given(rng=st.randoms(use_true_random=False))
@settings(max_examples=50, deadline=None)
def test_grid_with_merged_cells_expanded(rng):
    rows = make_indicators(rng)
    grid = indicator_grid(rows)
    # a form's side label spanning the rows, as an Excel sheet has it
    grid = [["绩效指标"] + r for r in grid]
    table = Table(grid, loc=Location(table=3), title=None)
    found = read_indicators([table], [])
    assert _as_dicts(found.indicators) == expected_indicators(rows)
    assert found.evidence["indicators.1.weight"].startswith("表3 · ")


@given(rng=st.randoms(use_true_random=False))
@settings(max_examples=50, deadline=None)
def test_flattened_lines_carry_levels(rng):
    rows = make_indicators(rng)
    found = read_indicators(tables_from_lines(["指标表"] + indicator_lines(rows, "\t")), [])
    assert _as_dicts(found.indicators) == expected_indicators(rows)


def test_header_roles_by_label():
    assert role_of("三级指标") == "name" and role_of("指标名称") == "name"
    assert role_of("年度指标值") == "target" and role_of("预期值") == "target"
    assert role_of("实际完成值") == "actual" and role_of("全年实际值") == "actual"
    assert role_of("分值") == "weight" and role_of("权重") == "weight"
    assert role_of("得分") == "score" and role_of("自评得分") == "score"
    assert role_of("偏差原因分析及改进措施") == "reason" and role_of("未完成原因") == "reason"
    assert role_of("备 注") is None


def test_other_header_words_and_total_row():
    lines = ["指标名称\t目标值\t实际值\t权重\t自评得分\t未完成原因",
             "培训场次\t12次\t10次\t40\t30\t报名不足",
             "群众满意度\t≥90%\t93%\t60\t60",
             "合计\t\t\t100\t90"]
    found = read_indicators(tables_from_lines(lines), [])
    assert [(i.name, i.met, i.weight, i.score, i.reason) for i in found.indicators] == [
        ("培训场次", False, 40, 30, "报名不足"), ("群众满意度", True, 60, 60, None)]
    assert (found.total_weight, found.total_score) == (100, 90)
    assert "合计" in found.total_evidence


def test_indicators_in_sentences():
    paras = ["（一）产出指标完成情况。",
             "数量指标：培训场次，目标值≥12次，实际完成14次，分值10分，得分10分；"
             "质量指标：验收合格率，目标值≥95%，实际完成92%，分值10分，得分10分。",
             "满意度指标：群众满意度，目标值为90%，实际为93%。"]
    found = read_indicators([], paras)
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.met) for i in found.indicators]
    assert got == [
        (None, "数量指标", "培训场次", "≥12次", "14次", 10, 10, True),
        (None, "质量指标", "验收合格率", "≥95%", "92%", 10, 10, False),
        ("满意度指标", None, "群众满意度", "90%", "93%", None, None, True),
    ]
    assert "培训场次" in found.evidence["indicators.1.score"]


def test_no_table_no_indicators(seed_record):
    assert seed_record.indicators == [] and seed_record.budget_execution is None
    assert not any(c.id.startswith("indicators.") for c in seed_record.checks)


def test_form_grid_two_header_rows_execution_and_trailing_rows():
    """A 自评表 sheet as one grid: budget execution on top, a two-row indicator header, a 总分 row,
    then a 评价等级 row merged across the sheet."""
    grid = [
        ["年度预算执行情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["年度资金总额", "100.00", "120.00", "118.00", "10", "98.33%", "9.8", ""],
        ["绩效指标", "绩效指标", "绩效指标", "绩效指标", "绩效指标", "绩效指标", "绩效指标", "绩效指标"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "巡查次数", "≥24次", "26次", "50", "50", ""],
        ["效益指标", "社会效益指标", "投诉办结率", "100%", "96%", "40", "36", "个别投诉涉及多部门，已建立会商机制"],
        ["总分", "总分", "总分", "总分", "总分", "100", "95.8", ""],
        ["评价等级", "评价等级", "评价等级", "优", "优", "优", "优", "优"],
    ]
    found = read_indicators([Table(grid, loc=Location(sheet="自评表", table=1), title="自评表")], [])
    assert [(i.name, i.met, i.weight, i.score) for i in found.indicators] == [
        ("巡查次数", True, 50, 50), ("投诉办结率", False, 40, 36)]
    ex = found.budget_execution
    assert (ex.weight, ex.score, ex.actual) == (10, Decimal("9.8"), "98.33%")
    assert found.execution_evidence["budget_execution.score"] == "自评表 · 年度资金总额 × 得分: 9.8"
    assert (found.total_weight, found.total_score) == (100, Decimal("95.8"))
    assert found.total_evidence.endswith("× 得分: 95.8")


def test_space_separated_rows_keep_a_spaced_comparator_in_its_cell():
    lines = ["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
             "产出指标 数量指标 培训场次 ≥ 12次 14次 50 50",
             "质量指标 合格率 不低于 95% 93% 50 45"]
    found = read_indicators(tables_from_lines(lines), [])
    assert [(i.level2, i.name, i.target, i.actual, i.weight, i.score, i.met) for i in found.indicators] == [
        ("数量指标", "培训场次", "≥12次", "14次", 50, 50, True), ("质量指标", "合格率", "不低于95%", "93%", 50, 45, False)]


def test_a_row_wrapped_in_its_last_cell_is_joined_but_a_heading_is_not():
    lines = ["一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施",
             "产出指标  数量指标  培训场次  ≥12次  10次  40  30  报名人数不足，已调整宣",
             "传方式",
             "质量指标  合格率  ≥95%  97%  60  60",
             "三、自评结论",
             "自评得分  90  评价等级  优"]
    found = read_indicators(tables_from_lines(lines), [])
    assert [i.reason for i in found.indicators] == ["报名人数不足，已调整宣传方式", None]
    assert found.indicators[-1].name == "合格率"


def test_a_level_wrapped_in_a_row_of_spaces_is_joined_where_it_stands_not_to_the_last_cell():
    """A PDF's text: the 二级 cell "服务对象满意度指标" wrapped, its "标" alone on the next line. Joined to the
    last cell, it shifted the row's cells: the name read as the level, the 分值 as 93.5."""
    lines = ["一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施",
             "产出指标  数量指标  巡河次数  ≥48次  52次  60  60",
             "满意度指标  服务对象满意度指  沿岸居民满意度  ≥90%  93.5%  40  38",
             "             标",
             "三、自评结论"]
    found = read_indicators(tables_from_lines(lines), [])
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.reason)
            for i in found.indicators][-1] == ("满意度指标", "服务对象满意度指标", "沿岸居民满意度", "≥90%", "93.5%",
                                               40, 38, None)
    # a reason's wrapped end still goes to the reason
    lines[2:4] = ["满意度指标  服务对象满意度指标  沿岸居民满意度  ≥90%  88%  40  35  入户宣讲不足，下",
                  "年加强", "总分  100  95"]
    found = read_indicators(tables_from_lines(lines), [])
    assert found.indicators[-1].reason == "入户宣讲不足，下年加强"


@pytest.mark.parametrize("row, tail, expected", [
    # a name is no level: "服务对象" + "满意度" is the reason's end
    ("满意度指标  服务对象满意度指标  服务对象  ≥90%  86%  40  34  入户回访不足，加强", "满意度",
     ("服务对象", 34, "入户回访不足，加强满意度")),
    # a level word already ("质量"), the row's last cell a reason: "指标" is the reason's end
    ("产出指标  质量  冷链温控达标率  100%  98%  40  38  停电两次，纳入下年考核", "指标", ("冷链温控达标率", 38, "停电两次，纳入下年考核指标")),
    # a page's number or a mark after a row ending in its 得分: no part of the 得分
    ("产出指标  数量指标  水质检测次数  ≥12次  12次  40  40", "3", ("水质检测次数", 40, None)),
    ("产出指标  数量指标  水质检测次数  ≥12次  12次  40  40", "—", ("水质检测次数", 40, None)),
])
def test_a_lone_short_line_after_a_row_is_no_level_where_it_cannot_be(row, tail, expected):
    lines = ["一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施",
             "产出指标  数量指标  巡河次数  ≥48次  52次  60  60", row, "          " + tail,
             "效益指标  社会效益指标  河道水质达标率  ≥90%  92%  0  0"]
    found = read_indicators(tables_from_lines(lines), [])
    assert [(i.name, i.score, i.reason) for i in found.indicators][1] == expected


_BITS = st.sampled_from(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因",
                         "产出指标", "数量指标", "总分", "合计", "年度资金总额", "执行率", "≥", "95%", "12次", "10",
                         "9.5", "—", "\t", " ", "  ", "\n", "，", "。", "目标值", "实际完成", "：", "按时完成", "未完成"])


@given(st.lists(_BITS, max_size=80).map("".join))
@settings(max_examples=200, deadline=None)
def test_any_text_reads_without_raising(text):
    lines = text.split("\n")
    found = read_indicators(tables_from_lines(lines), lines)
    for ind in found.indicators:
        assert ind.name and ind.met in (True, False, None)


@given(st.lists(st.lists(_BITS.filter(lambda b: b not in "\t\n"), min_size=0, max_size=9), max_size=12))
@settings(max_examples=200, deadline=None)
def test_any_grid_reads_without_raising(rows):
    read_indicators([Table(rows)], [])


def test_a_serial_number_column_in_flattened_rows():
    lines = ["序号\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
             "1\t产出指标\t数量指标\t培训场次\t12次\t12次\t50\t50",
             "2\t质量指标\t合格率\t≥95%\t96%\t50\t48"]
    found = read_indicators(tables_from_lines(lines), [])
    assert [(i.level1, i.level2, i.name, i.score) for i in found.indicators] == [
        ("产出指标", "数量指标", "培训场次", 50), ("产出指标", "质量指标", "合格率", 48)]


def test_a_new_level1_does_not_inherit_the_last_level2():
    grid = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训场次", "12次", "12次", "50", "50"],
            ["满意度指标", "", "群众满意度", "≥90%", "95%", "50", "50"]]
    found = read_indicators([Table(grid)], [])
    assert [(i.level1, i.level2) for i in found.indicators] == [("产出指标", "数量指标"), ("满意度指标", None)]


# A 自评表 flattened one row per line, its header without a column for the row's label (the label
# "项目资金（万元）" stood on lines of its own above): the figures go under the figure columns.
_FORM = """\
    部门整体支出绩效自评表
    （2022年度）
    部门名称 青禾县林业局
    年度
    资金
    （万元）
    年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
    年度资金总额: 1240.5 1302.8 1187.6 {row}
     其中:基本支出 820.1 836.4 830.2 - -
"""


def test_a_form_row_whose_label_has_no_column_reads_under_the_figure_columns(tmp_path):
    path = tmp_path / "form.txt"
    path.write_text(_FORM.format(row="10 91.16% 9"), encoding="utf-8")
    ex = read_record(path).budget_execution
    assert (ex.weight, ex.actual, ex.score) == (10, "91.16%", 9)


def test_a_form_row_with_an_empty_cell_gives_no_budget_execution_rather_than_shifted_figures(tmp_path):
    """"… 1187.6 10 9" under six columns: the 执行率 cell is empty, so no cell can be placed (it gave
    the 全年执行数 1187.6 as the 分值 and the 分值 as the rate)."""
    path = tmp_path / "form.txt"
    path.write_text(_FORM.format(row="10 9"), encoding="utf-8")
    assert read_record(path).budget_execution is None


@pytest.mark.parametrize("initial", ["", "-", "1000"])
def test_a_grid_row_keeps_each_cell_under_its_column_a_blank_one_too(initial):
    """A 自评表 read as a grid (Excel, Word): an empty 年初预算数 is a cell of its own, not a label."""
    from perflib.understand.indicators import IndicatorTable, _read_execution

    out = IndicatorTable()
    _read_execution(Table([["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                           ["年度资金总额", initial, "1000", "980", "10", "98%", "9.8"]]), out)
    ex = out.budget_execution
    assert (ex.weight, ex.actual, ex.score) == (10, "98%", Decimal("9.8"))


def test_a_flattened_row_as_long_as_its_header_by_chance_is_not_taken_for_a_grid_row(tmp_path):
    """A side label and 年度资金总额, one cell (执行率) missing: seven cells under seven headers, one of them
    a label among the figures. Placed as a grid, 全年执行数 1187.6 was the 分值."""
    path = tmp_path / "form.txt"
    path.write_text("部门整体支出绩效自评表\n（2022年度）\n部门名称 青禾县林业局\n"
                    "项目 年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分\n"
                    "年度资金（万元） 年度资金总额: 1240.5 1302.8 1187.6 10 9\n", encoding="utf-8")
    assert read_record(path).budget_execution is None


# --- a web page's 自评表 flattened one cell per line ---------------------------------------------------
_CELL_FORM_TOP = ["部门整体支出绩效自评表", "（2023年度）", "主管部门名称", "青禾县水利局", "年度预", "算申请", "(万元)",
                  "年初", "预算数", "全年预算数", "全年", "执行数", "分值", "执行率", "得分", "年度资金总额",
                  "860.5万元", "902万元", "880.2万元", "10", "97.6%", "9.5", "年度总体目标", "预期目标", "实际完成情况",
                  "完成河道清淤40公里", "完成河道清淤42公里"]


def _cells_page(tmp_path, cells: list[str]):
    """One cell per line, a blank line after each, an empty cell a line of one space (as copied from a page)."""
    path = tmp_path / "cells.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return read_record(path)


def _rows(rec):
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.reason) for i in rec.indicators]


_WRAPPED_HEAD = ["一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
                 "偏差原因", "分析及", "改进措施"]
_GROUPED_ROWS = ["产出指标", "(60)", "数量", "指标", "河道清淤长度", "40公里", "42公里", "20", "20", " ",
                 "堤防巡查次数", "24次", "24次", "10", "10", "……", " ", " ", " ",
                 "质量", "指标", "工程验收合格率", "100%", "96%", "15", "12", "两段护坡返工，已督促整改",
                 "成本", "指标", "清淤单价", "≤35元/立方米", "33元/立方米", "15", "15", " ",
                 "效益指标", "(30分)", "社会效", "益指标", "受益农田面积", "1.5万亩", "1.6万亩", "30", "28", "/"]


def test_a_form_one_cell_per_line_wrapped_header_levels_once_reason_and_placeholders(tmp_path):
    """The header's cells wrapped over lines, merged level cells given once (the 一级 with its group's
    weight), "……" rows, a reason, "/" and empty reasons: every row under its level. Read no row before."""
    rec = _cells_page(tmp_path, _CELL_FORM_TOP + _WRAPPED_HEAD + _GROUPED_ROWS + ["自评得分", "94.5"])
    assert _rows(rec) == [
        ("产出指标", "数量指标", "河道清淤长度", "40公里", "42公里", 20, 20, None),
        ("产出指标", "数量指标", "堤防巡查次数", "24次", "24次", 10, 10, None),
        ("产出指标", "质量指标", "工程验收合格率", "100%", "96%", 15, 12, "两段护坡返工，已督促整改"),
        ("产出指标", "成本指标", "清淤单价", "≤35元/立方米", "33元/立方米", 15, 15, None),
        ("效益指标", "社会效益指标", "受益农田面积", "1.5万亩", "1.6万亩", 30, 28, None)]
    assert rec.evidence["indicators.3.score"].endswith("工程验收合格率 × 得分: 12")
    assert rec.budget_execution.weight == 10


def test_a_form_one_cell_per_line_whose_level_wrapped_into_two_words(tmp_path):
    """"服务对象" / "满意度指标": a 二级 wrapped into two lines, the second a level word of its own. Read
    alone, "满意度指标" was taken for a new 二级 under the 一级 before (效益指标)."""
    rows = _GROUPED_ROWS + ["满意度指标", "服务对象", "满意度指标", "沿岸村民满意度", "≥90%", "92%", "10", "9", " "]
    rec = _cells_page(tmp_path, _CELL_FORM_TOP + _WRAPPED_HEAD + rows + ["自评得分", "94.5"])
    assert _rows(rec)[-1] == ("满意度指标", "服务对象满意度指标", "沿岸村民满意度", "≥90%", "92%", 10, 9, None)
    assert _rows(rec)[-2][:2] == ("效益指标", "社会效益指标")


def test_a_reasons_end_before_a_groups_level_is_not_the_levels_first_half(tmp_path):
    """"…已加强服务对象" / "满意度指标" / "(20)": the reason ends in words a level could start with, and the next
    group's 一级 follows with its weight: no "服务对象满意度指标" 一级."""
    rows = _GROUPED_ROWS[:-10] + ["效益指标", "(30分)", "社会效", "益指标", "受益农田面积", "1.5万亩", "1.4万亩", "30", "26",
                                  "回访不足，已加强服务对象", "满意度指标", "(10)", "服务对象满意度指标", "沿岸村民满意度",
                                  "≥90%", "92%", "10", "9", " "]
    rec = _cells_page(tmp_path, _CELL_FORM_TOP + _WRAPPED_HEAD + rows + ["自评得分", "94.5"])
    assert _rows(rec)[-1] == ("满意度指标", "服务对象满意度指标", "沿岸村民满意度", "≥90%", "92%", 10, 9, None)
    assert _rows(rec)[-2][-1] == "回访不足，已加强服务对象"


def test_a_form_one_cell_per_line_levels_repeated_no_reason_total_and_a_projects_table_after(tmp_path):
    """Header cells whole, no reason column, level cells on every row, a 合计 row, then a project's form: its rows
    are not the unit's. The 合计 is of 90 points, the indicators' only (the budget row's 10 points, its 9.5, lie
    outside it): 87 is not the score, and none is stated."""
    head = ["一级指标", "二级指标", "指标名称", "指标值", "实际完成值", "分值", "得分"]
    rows = ["产出指标", "数量指标", "新建灌溉渠道", "12公里", "12公里", "40", "40",
            "产出指标", "时效指标", "汛前完工率", "100%", "90%", "20", "17",
            "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "30", "30",
            "合计", "90", "87"]
    project = ["项目支出绩效自评表", "项目名称", "小型水库除险加固", "一级指标", "二级指标", "指标名称", "指标值",
               "实际完成值", "分值", "得分", "产出指标", "数量指标", "加固水库座数", "3座", "3座", "50", "50"]
    rec = _cells_page(tmp_path, _CELL_FORM_TOP + head + rows + project)
    assert _rows(rec) == [
        ("产出指标", "数量指标", "新建灌溉渠道", "12公里", "12公里", 40, 40, None),
        ("产出指标", "时效指标", "汛前完工率", "100%", "90%", 20, 17, None),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 30, 30, None)]
    assert rec.score is None


def test_a_form_one_cell_per_line_weight_only_total_and_a_row_that_cannot_be_aligned(tmp_path):
    """A 合计 row giving one figure (分值 or 得分, the row does not say): no score. A row with a cell
    gone (its 实际完成值) cannot be aligned: left out, the next group read again."""
    rows = ["产出指标", "(60)", "数量", "指标", "河道清淤长度", "40公里", "20", "18", " ",
            "堤防巡查次数", "24次", "24次", "10", "10",
            "质量", "指标", "工程验收合格率", "100%", "96%", "15", "12", " ",
            "合计", "100", "三、下一步工作", "继续加强河道管护。"]
    rec = _cells_page(tmp_path, _CELL_FORM_TOP + _WRAPPED_HEAD + rows)
    assert _rows(rec) == [("产出指标", "质量指标", "工程验收合格率", "100%", "96%", 15, 12, None)]
    assert rec.score is None


def test_cells_one_per_line_that_are_no_indicator_table_give_no_row(tmp_path):
    """Form cells around the header words but no rows that fall under them, and prose after a row."""
    rows = ["产出指标", "数量指标", "河道清淤长度", "40公里", "42公里", "20", "20",
            "经核查，全年清淤任务均按期完成，资金使用规范，效果良好，群众反映较好，今后将继续加强管护。"]
    rec = _cells_page(tmp_path, _CELL_FORM_TOP + _WRAPPED_HEAD + ["说明", "见附件"] + rows)
    assert rec.indicators == []


@pytest.mark.parametrize("total, score", [("| 合计 | | | 60 | 58.75 |", None),  # some indicators only
                                          ("| 合计 | | | 105 | 97 |", Decimal("97"))])  # bonus points beyond 100
def test_an_indicator_tables_total_is_the_score_only_of_every_indicator(tmp_path, total, score):
    path = tmp_path / "r.txt"
    path.write_text("北坡区审计局2023年度部门整体支出绩效评价报告\n二、指标得分情况\n| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n"
                    "| 投入 | 预算编制 | 预算编制科学性 | 10 | 9 |\n| 过程 | 预算执行 | 预算执行率 | 20 | 19.75 |\n"
                    f"| 产出 | 职责履行 | 审计项目完成率 | 30 | 30 |\n| 加分项 | 创新 | 工作创新 | 5 | 3 |\n{total}\n",
                    encoding="utf-8")
    assert read_record(path).score == score


def _indicators_of(tmp_path, body: str):
    path = tmp_path / "r.txt"
    path.write_text("示例松风县城市管理局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
                    "全年预算2,398.20万元，实际支出2,215.74万元。\n二、绩效指标完成情况\n" + body, encoding="utf-8")
    rec = read_record(path)
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in rec.indicators], rec


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_rows_whose_empty_reason_and_merged_level_cells_were_dropped(tmp_path, sep):
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            # a 二级 cell that is no level word, the empty reason dropped at the right
            ["产出", "职责履行", "重点工作任务完成率", "100%", "100%", "20", "20"],
            # the merged 一级 cell dropped at the left, the 二级 no level word again
            ["社会满意度", "市民满意度", "≥90%", "92%", "30", "30"]]
    got, _ = _indicators_of(tmp_path, "\n".join(sep.join(r) for r in rows) + "\n三、自评结论\n")
    assert got == [("产出", "职责履行", "重点工作任务完成率", "100%", "100%", Decimal(20), Decimal(20)),
                   ("产出", "社会满意度", "市民满意度", "≥90%", "92%", Decimal(30), Decimal(30))]


def test_a_groups_points_are_not_its_level(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<html><body><h1>示例松风县城市管理局2023年度部门整体支出绩效自评报告</h1><table>"
                    "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td>"
                    "<td>得分</td></tr><tr><td rowspan='2'>产出指标（50分）</td><td>数量指标</td><td>道路保洁面积</td><td>≥120万㎡</td>"
                    "<td>126万㎡</td><td>25</td><td>25</td></tr><tr><td>质量指标(25)</td><td>保洁达标率</td><td>≥95%</td><td>97%</td>"
                    "<td>25</td><td>25</td></tr></table></body></html>", encoding="utf-8")
    assert [(i.level1, i.level2) for i in read_record(path).indicators] == [("产出指标", "数量指标"), ("产出指标", "质量指标")]


@pytest.mark.parametrize("sep", [" | ", "\t"])
@pytest.mark.parametrize("project_first", [False, True])
def test_a_projects_form_beside_the_units_in_text_is_not_the_units(tmp_path, sep, project_first):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    unit = ["部门整体支出绩效自评表", sep.join(header),
            sep.join(["产出指标", "数量指标", "道路保洁面积", "≥120万㎡", "126万㎡", "50", "50"]),
            sep.join(["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "92%", "40", "40"]), sep.join(["总分", "100", "100"])]
    project = ["项目支出绩效自评表", sep.join(["项目名称", "城乡环卫一体化服务项目"]), sep.join(header),
               sep.join(["产出指标", "数量指标", "保洁村庄数量", "≥45个", "46个", "30", "30"]),
               sep.join(["满意度指标", "服务对象满意度指标", "村民满意度", "≥85%", "90%", "30", "30"]), sep.join(["总分", "100", "99.6"])]
    body = project + unit if project_first else unit + project
    got, _ = _indicators_of(tmp_path, "\n".join(body) + "\n三、自评结论\n")
    assert [name for _, _, name, *_ in got] == ["道路保洁面积", "市民满意度"]


def test_next_years_target_table_is_not_this_years_indicators(tmp_path):
    body = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n产出指标\t数量指标\t道路保洁面积\t≥120万㎡\t126万㎡\t50\t50\n"
            "四、2024年度绩效目标\n2024年度部门整体支出绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\t分值\n"
            "产出指标\t数量指标\t道路保洁面积\t≥130万㎡\t50\n满意度指标\t服务对象满意度指标\t市民满意度\t≥92%\t50\n")
    got, _ = _indicators_of(tmp_path, body + "五、自评结论\n")
    assert [(name, target) for _, _, name, target, *_ in got] == [("道路保洁面积", "≥120万㎡")]


def test_last_years_form_one_cell_per_line_after_this_years_is_not_read(tmp_path):
    def form(period, target, actual):
        return ["部门整体支出绩效自评表", period, "部门名称", "示例松风县城市管理局", "年度资金总额", "801.00", "850.00", "812.30",
                "年度总体目标", "预期目标", "实际完成情况", "保障城区道路保洁。", "城区道路保洁到位。",
                "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
                "产出指标", "数量指标", "道路保洁面积", target, actual, "50", "50",
                "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "92%", "40", "40", "总分", "100", "100"]
    body = "\n".join(form("（2023年度）", "≥120万㎡", "126万㎡") + ["附：上年度自评表"] + form("（2022年度）", "≥110万㎡", "112万㎡"))
    got, _ = _indicators_of(tmp_path, body + "\n五、自评结论\n")
    assert [(name, target) for _, _, name, target, *_ in got] == [("道路保洁面积", "≥120万㎡"), ("市民满意度", "≥90%")]


@pytest.mark.parametrize("header, row", [
    # a 扣分 column after the points: the row's last figures are not its 分值 | 得分
    (["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "扣分"],
     ["产出", "工作质量", "工程验收", "合格", "合格", "10", "8", "2"]),
    # a 序号 is no level
    (["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
     ["（二）", "城市容貌整洁程度", "明显改善", "明显改善", "20", "20"]),
])
def test_rows_whose_cells_cannot_be_placed_are_not_guessed(tmp_path, header, row):
    got, _ = _indicators_of(tmp_path, "\t".join(header) + "\n" + "\t".join(row) + "\n三、自评结论\n")
    assert all(level not in ("（二）",) for _, level, *_ in got) and all(name not in ("合格", "按期") for _, _, name, *_ in got)


@pytest.mark.parametrize("field", ["项目名称\t示例松风县城市管理局部门整体支出", "项目名称\t道路保洁、园林绿化、市政维护",
                                   "项目名称\t年初预算\t全年预算\t执行数"])
def test_a_project_name_field_of_the_units_own_form_or_a_list_names_no_project(tmp_path, field):
    body = (f"部门整体支出绩效自评表\n{field}\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t数量指标\t道路保洁面积\t≥120万㎡\t126万㎡\t50\t50\n")
    got, _ = _indicators_of(tmp_path, body + "三、自评结论\n")
    assert [name for _, _, name, *_ in got] == ["道路保洁面积"]


@pytest.mark.parametrize("title", ["附件2：项目支出绩效自评表", "2023年度项目支出绩效自评表"])
def test_a_projects_form_whose_name_field_lists_two_projects_is_not_the_units(tmp_path, title):
    """Under a project's form's title, a 项目名称 listing two projects is still a project's form (under the unit's
    own title, the test above, such a list names no project)."""
    head = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    body = (f"附件1：部门整体支出绩效自评表\n{head}产出指标\t数量指标\t道路保洁面积\t≥120万㎡\t126万㎡\t50\t50\n"
            f"总分\t\t\t\t\t50\t50\n{title}\n项目名称\t背街小巷整治、公厕提升项目\n{head}"
            "产出指标\t数量指标\t整治小巷条数\t≥30条\t32条\t50\t50\n")
    got, rec = _indicators_of(tmp_path, body + "三、自评结论\n")
    assert [name for _, _, name, *_ in got] == ["道路保洁面积"]


@pytest.mark.parametrize("tail, cells", [
    # words after the points (备注, 扣分原因, 偏差原因 | 改进措施): the row still reads by position
    (["备注"], []), (["扣分原因"], []), (["偏差原因", "改进措施"], []),
])
def test_a_cut_row_under_a_header_ending_in_words(tmp_path, tail, cells):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", *tail]
    rows = [header, ["产出", "履职效能", "不动产登记办件量", "≥1.2万件", "1.26万件", "20", "20"],
            ["效益", "服务", "群众满意度", "≥90%", "93%", "20", "19"]]
    got, _ = _indicators_of(tmp_path, "\n".join("\t".join(r) for r in rows) + "\n三、自评结论\n")
    assert [(l1, l2, name) for l1, l2, name, *_ in got] == [("产出", "履职效能", "不动产登记办件量"), ("效益", "服务", "群众满意度")]


def test_a_projects_name_field_beside_its_department_field(tmp_path):
    body = ("部门整体支出绩效自评表（2023年度）\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t数量指标\t道路保洁面积\t≥120万㎡\t126万㎡\t50\t50\n总分\t100\t100\n项目支出绩效自评表\n"
            "项目名称\t地质灾害防治项目\t主管部门\t示例松风县自然资源局\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t数量指标\t地质灾害点巡查次数\t≥12次\t12次\t50\t50\n")
    got, _ = _indicators_of(tmp_path, body + "三、自评结论\n")
    assert [name for _, _, name, *_ in got] == ["道路保洁面积"]


@pytest.mark.parametrize("title", ["附：2024年度部门整体支出绩效目标表", "附：上年度（2022年度）部门整体支出绩效自评表"])
def test_an_appended_table_of_another_year_is_not_this_years(tmp_path, title):
    body = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n产出指标\t数量指标\t道路保洁面积\t≥120万㎡\t126万㎡\t50\t50\n"
            f"{title}\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t数量指标\t绿地养护面积\t≥80万㎡\t82万㎡\t50\t50\n")
    got, _ = _indicators_of(tmp_path, body + "五、自评结论\n")
    assert [name for _, _, name, *_ in got] == ["道路保洁面积"]
