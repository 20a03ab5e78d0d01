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
