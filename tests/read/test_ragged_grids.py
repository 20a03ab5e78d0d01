"""A real table (an HTML page's, a Word file's) whose rows lost a merged cell or an empty one reads as the same table
flattened into `|` rows does: its figures realigned under the columns that can hold them, never one column off."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record
from perflib.read.realign import realign_grid

TITLE = "青石县测绘院2022年度部门整体支出绩效自评表"
# the header leads with a label the form merged over its rows (预算执行情况), lost: the rows are one cell short
SPANNING = [["部门名称", "青石县测绘院"],
            ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
            ["总额", "240.00", "260.00", "254.80", "98.00%", "10", "9.80"]]
# a row that left out its empty 执行数 cell: the percentage right after the budget
SHORT = [["单位名称", "青石县测绘院"],  # (the report's unit: a form naming another is that unit's, not read)
         ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
         ["部门整体支出总额", "612.40", "100%", "20"]]


def _html(rows, path, pad=True):
    width = max(map(len, rows))
    cells = ["<tr>" + "".join(f"<td>{c}</td>" for c in row + [""] * (width - len(row) if pad else 0)) + "</tr>"
             for row in rows]
    path.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>'
                    f'<h1>{TITLE}</h1><table border="1">{"".join(cells)}</table></body></html>', encoding="utf-8")
    return path


def _docx(rows, path):
    import docx

    doc = docx.Document()
    doc.add_paragraph(TITLE)
    table = doc.add_table(rows=len(rows), cols=max(map(len, rows)))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    doc.save(path)
    return path


def _pipes(rows, path):
    path.write_text(TITLE + "\n" + "\n".join(" | ".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_pipes, _html, _docx], ids=["pipes", "html", "docx"])
def test_a_header_with_a_merged_label_lost(tmp_path, make):
    rec = read_record(make(SPANNING, tmp_path / f"t.{make.__name__[1:].replace('pipes', 'txt')}"))
    o = rec.overall
    assert (o.initial_budget, o.adjusted_budget, o.actual, o.completion_rate) == \
        (D("240.00"), D("260.00"), D("254.80"), D("98.00"))


@pytest.mark.parametrize("make", [_pipes, _html, _docx], ids=["pipes", "html", "docx"])
def test_a_row_that_left_out_an_empty_cell(tmp_path, make):
    rec = read_record(make(SHORT, tmp_path / f"t.{make.__name__[1:].replace('pipes', 'txt')}"))
    # the 20 points are no rate: the stated 100% is
    assert (rec.overall.adjusted_budget, rec.overall.completion_rate) == (D("612.40"), D("100"))


def test_a_grid_that_fits_stays_as_it_is():
    rows = [["项目", "年初预算数", "全年预算数", "全年执行数", "执行率", ""],
            ["资金总额", "520.00", "566.80", "559.33", "98.68%", ""],
            ["自评得分", "93.5", "评价等级", "优", "", ""]]
    assert realign_grid(rows) is rows
