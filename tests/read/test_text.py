"""Plain text: tables flattened into text come back as Table blocks."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus import make_figures, table_layout, table_text
from fixtures_files import write_txt
from perflib.pipeline import read_record
from perflib.read.files import read_document

TITLE = "某某局2021年度部门整体支出绩效自评报告"


def test_rows_apart_by_spaces_are_a_table(tmp_path):
    text = f"{TITLE}\n支出情况（单位：万元）\n项目 年初预算数 全年执行数 执行率\n项目支出 40.00 45.00 100%\n其他说明。"
    doc = read_document(write_txt(tmp_path / "r.txt", text))
    (table,) = doc.tables
    assert table.rows == [["项目", "年初预算数", "全年执行数", "执行率"], ["项目支出", "40.00", "45.00", "100%"]]
    assert table.title == "支出情况（单位：万元）"
    assert doc.lines()[-1] == "其他说明。"


@pytest.mark.parametrize("with_label_column", [True, False])
def test_one_cell_per_line(tmp_path, with_label_column):
    f = make_figures(11)
    o, p = f.overall, f.projects
    header = (["项目"] if with_label_column else []) + ["年初预算数", "全年预算数", "全年执行数", "执行率"]
    cells = [f"{f.department}{f.year}年度部门整体支出绩效自评报告", "一、预算执行情况",
             "2021年度部门整体支出预算执行情况表（单位：万元，表格较宽时各列逐行列出）", *header]
    for label, b in (("年度资金总额", o), ("项目支出", p)):
        cells += [label, f"{b.initial}", f"{b.adjusted}", f"{b.actual}", f"{b.completion_rate}%"]
    cells += ["二、存在的问题", "（一）部分项目进度较慢。"]
    rec = read_record(write_txt(tmp_path / "r.txt", "\n".join(cells)))
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (o.initial, o.adjusted, o.actual, o.completion_rate)
    assert rec.projects.actual == p.actual
    assert rec.evidence["projects.actual"].endswith(f" · 项目支出 × 全年执行数: {p.actual}")
    assert rec.problems == ["部分项目进度较慢。"]


def test_a_list_of_short_lines_is_not_a_table(tmp_path):
    text = f"{TITLE}\n预算编制\n预算执行\n项目管理\n以上三方面均已落实。"
    doc = read_document(write_txt(tmp_path / "r.txt", text))
    assert not doc.tables and doc.lines() == text.split("\n")


def test_header_split_over_two_lines_joins_by_column(tmp_path):
    # The first words of three column names stand on a line of their own, above their columns.
    text = (f"{TITLE}\n单位：万元\n"
            "          期初      本年      本年\n"
            "科目      预算数    预算数    执行数    执行率\n"
            "支出合计  70.50     81.25     80.00     98.46%\n"
            "项目支出  20.50     31.25     30.00     96%\n其他说明。")
    (table,) = read_document(write_txt(tmp_path / "r.txt", text)).tables
    assert table.rows[0] == ["科目", "期初预算数", "本年预算数", "本年执行数", "执行率"]
    assert table.rows[2] == ["项目支出", "20.50", "31.25", "30.00", "96%"]


def test_header_word_below_its_column(tmp_path):
    text = (f"{TITLE}\n单位：万元\n"
            "名称      年初预算    调整后    执行率\n"
            "                      预算数\n"
            "合计      12.00       14.00     95%\n"
            "基本支出  10.00       11.00     100%\n")
    (table,) = read_document(write_txt(tmp_path / "r.txt", text)).tables
    assert table.rows[0] == ["名称", "年初预算", "调整后预算数", "执行率"]


def test_split_header_not_joined_when_a_word_overlaps_no_column(tmp_path):
    text = (f"{TITLE}\n"
            "                                        附注\n"
            "名称      年初预算    调整后    执行率\n"
            "合计      12.00       14.00     95%\n"
            "基本支出  10.00       11.00     100%\n")
    doc = read_document(write_txt(tmp_path / "r.txt", text))
    assert "附注" in doc.lines()
    assert doc.tables[0].rows[0] == ["名称", "年初预算", "调整后", "执行率"]


def test_rows_with_bars_between_cells(tmp_path):
    text = (f"{TITLE}\n单位名称 | 某某局 |\n"
            "资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
            "年度资金总额 | 50.00 | 55.00 | 54.00 | 98.18% |\n"
            "项目支出 | 10.00 | | 9.00 | 90% |\n"
            "年度总体目标 | 完成全部工作。 |\n")
    doc = read_document(write_txt(tmp_path / "r.txt", text))
    (table,) = doc.tables
    assert table.rows[1] == ["年度资金总额", "50.00", "55.00", "54.00", "98.18%"]
    assert table.rows[2] == ["项目支出", "10.00", "—", "9.00", "90%"]  # the empty cell keeps its column
    assert "单位名称 | 某某局 |" in doc.lines()  # a label/value pair stays prose


def test_one_cell_per_line_closed_by_bars(tmp_path):
    cells = ["名称", "年初预算数", "全年预算数", "全年执行数", "合计", "30.00", "33.00", "32.00",
             "基本支出", "20.00", "21.00", "21.00"]
    text = f"{TITLE}\n支出情况（万元）\n" + "\n".join(f"{c} |" for c in cells) + "\n评价等级：良"
    rec = read_record(write_txt(tmp_path / "r.txt", text))
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("30.00"), D("33.00"), D("32.00"))
    assert rec.basic.actual == D("21.00")


def test_header_of_year_columns_heads_the_table(tmp_path):
    text = f"{TITLE}\n对比如下：\n项目 2020年（万元） 2021年（万元） 增减率\n支出合计 80.00 88.00 10%\n项目支出 30.00 33.50 11.67%\n"
    (table,) = read_document(write_txt(tmp_path / "r.txt", text)).tables
    assert table.rows[0] == ["项目", "2020年（万元）", "2021年（万元）", "增减率"]


@pytest.mark.parametrize("footer", ["- {} -", "第 {} 页 共 4 页", "— {} —"])
def test_a_pdfs_text_copied_with_its_footers_and_running_headers_and_no_form_feed(tmp_path, footer):
    head = ["示例松风县林业局", "示例松风县林业局2023年度部门整体支出绩效自评报告"]
    duties = ["负责全县林业资源保护和管理工作。", "承担森林防火和林业有害生物防治工作。", "内设股室6个，下属事业单位2个。"]
    lines = ["示例松风县林业局2023年度部门整体支出绩效自评报告", "一、部门基本情况", *duties, "二、部门整体支出情况",
             "2023年，我局年初预算1,250.40万元，调整后预算", footer.format(2), *head,
             "1,561.00万元，全年实际支出1,498.32万元，预算执行率95.98%。", *duties, footer.format(3), *head,
             "三、存在的问题", "预算编制的精准度还需提高。", *duties, footer.format(4)]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    rec = read_record(path)
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("1561.00"), D("1498.32"))
    assert read_document(path).lines().count("示例松风县林业局") == 0
