"""Text-layer PDFs: tables drawn with ruled lines come out as Table blocks, not glued text."""
from __future__ import annotations

from decimal import Decimal

import pytest

from corpus import LEFT, UP, Num
from fixtures_files import SAMPLE_PARAGRAPH, write_pdf_table
from perflib.pipeline import read_record
from perflib.read.files import read_document

TITLE = "某某局2021年度部门整体支出绩效自评报告"
GRID = [["部门整体支出预算执行情况表", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        [UP, "年度资金总额", Num(Decimal("1274.38")), Num(Decimal("1342.49")), Num(Decimal("1342.49")), "100%"],
        [UP, "其中：基本支出", Num(Decimal("1000.00")), Num(Decimal("1100.00")), Num(Decimal("1099.00")), "99.91%"]]


def test_ruled_table_is_a_table(tmp_path):
    path = write_pdf_table(tmp_path / "t.pdf", GRID, before=[TITLE, "一、预算执行情况"], after=[SAMPLE_PARAGRAPH])
    doc = read_document(path)
    (table,) = doc.tables
    assert table.rows == [
        ["部门整体支出预算执行情况表"] * 6,  # colspan
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["年度预算执行情况（万元）", "年度资金总额", "1274.38", "1342.49", "1342.49", "100%"],  # rowspan
        ["年度预算执行情况（万元）", "其中：基本支出", "1000.00", "1100.00", "1099.00", "99.91%"]]
    assert table.loc.page == 1 and table.title == "一、预算执行情况"
    lines = doc.lines()
    assert lines[:2] == [TITLE, "一、预算执行情况"]
    assert lines[-1].replace(" ", "") == SAMPLE_PARAGRAPH.replace(" ", "")  # a wrap may eat a space
    assert not any("1274.381342.49" in line for line in lines)
    assert not any("— 1 —" in line for line in lines)  # the page number is still furniture


def test_figures_from_a_pdf_table_name_their_cell(tmp_path):
    rec = read_record(write_pdf_table(tmp_path / "t.pdf", GRID, before=[TITLE]))
    assert rec.overall.actual == Decimal("1342.49") and rec.basic.completion_rate == Decimal("99.91")
    assert rec.evidence["basic.actual"] == f"{TITLE} · 其中：基本支出 × 全年执行数: 1099.00"


def test_wrapped_cells_join_up(tmp_path):
    long_label = "其中：基本支出（含人员经费和公用经费，按财政批复口径统计）"
    grid = [["项目", "年初预算数", "全年执行数"], [long_label, "10.00", "9.00"], ["项目支出", "5.00", "4.00"]]
    doc = read_document(write_pdf_table(tmp_path / "t.pdf", grid, font_size=14))
    assert doc.tables[0].rows[1][0] == long_label


def test_cells_glued_in_the_text_layer_are_cut_apart(tmp_path):
    from fixtures_files import write_pdf_aligned

    lines = [TITLE, "部门整体支出预算执行情况（万元）",
             ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
             ["年度资金总额", "1274.38", "1342.49", "1342.49", "100%"],
             ["项目支出", "800.00", "900.00", "899.10", "99.90%"],
             "其他资金1.5万元已于2.1日拨付，另有3.5.6款项。"]
    path = write_pdf_aligned(tmp_path / "g.pdf", lines)
    from perflib.read.pdf import read_pdf_pages

    glued = path.read_bytes()
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(glued)
    assert "1274.381342.491342.49100%" in pdf[0].get_textpage().get_text_range()  # what the text layer says
    pdf.close()
    assert "年度资金总额\t1274.38\t1342.49\t1342.49\t100%" in read_pdf_pages(path, glued)[0]
    rec = read_record(path)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (Decimal("1274.38"), Decimal("1342.49"), Decimal("1342.49"), Decimal("100"))
    assert rec.projects.completion_rate == Decimal("99.90")
    assert rec.evidence["projects.actual"] == "部门整体支出预算执行情况（万元） · 项目支出 × 全年执行数: 899.10"
    assert "其他资金1.5万元已于2.1日拨付，另有3.5.6款项。" in rec.text  # prose is never cut


# --- another year's table, another year's row -----------------------------------------------
_SCORE = "经自评，本部门2021年度部门整体支出绩效自评得分93分，评价等级为优。"
_HEAD = ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]


def _figures(rec):
    o = rec.overall
    return tuple(None if v is None else float(v) for v in (o.initial_budget, o.adjusted_budget, o.actual))


def test_a_table_captioned_another_year_is_not_read(tmp_path):
    """'表1 2020年度预算执行情况' in a 2021 report: that year's table; the 2021 figures stated after it are."""
    grid = [_HEAD, ["年度资金总额", "510.00", "530.00", "522.00", "98.49%"]]
    path = write_pdf_table(tmp_path / "t.pdf", grid, before=[TITLE, "表1 2020年度预算执行情况（单位：万元）"], after=[
        "本年度部门整体支出年初预算540万元，调整后预算566万元，实际支出560万元，预算执行率98.94%。", _SCORE])
    assert _figures(read_record(path)) == (540, 566, 560)


def test_a_table_captioned_this_year_or_naming_it_is_read(tmp_path):
    """(guard) The caption of the report's year, or another year's whose columns name the report's."""
    grid = [_HEAD, ["年度资金总额", "540.00", "566.00", "560.00", "98.94%"]]
    path = write_pdf_table(tmp_path / "a.pdf", grid, before=[TITLE, "表1 2021年度预算执行情况（单位：万元）"], after=[_SCORE])
    assert _figures(read_record(path)) == (540, 566, 560)
    grid = [["项目", "2020年决算数", "2021年年初预算数", "2021年全年预算数", "2021年全年执行数"],
            ["年度资金总额", "522.00", "540.00", "566.00", "560.00"]]
    path = write_pdf_table(tmp_path / "b.pdf", grid, before=[TITLE, "表1 2020—2021年度支出对比（单位：万元）"], after=[_SCORE])
    assert _figures(read_record(path)) == (540, 566, 560)


@pytest.mark.parametrize("before", [
    ["某某局2022年部门整体支出绩效自评报告", "（2021年度）", "表1 2021年度预算执行情况（单位：万元）"],
    ["某某局2022年部门整体支出绩效自评报告", "二、2021年度预算执行情况", "表1 2021年度预算执行情况（单位：万元）"],
    [TITLE, "2020年结转资金26万元已纳入调整后预算（单位：万元）"],
])
def test_a_table_under_a_publication_year_title_or_a_note_is_read(tmp_path, before):
    """A title of the year published over '（2021年度）' (the year evaluated), or a note about last
    year's money above the table: the table is the report's, read — not skipped as another year's."""
    grid = [_HEAD, ["年度资金总额", "540.00", "566.00", "560.00", "98.94%"]]
    path = write_pdf_table(tmp_path / "t.pdf", grid, before=before, after=[_SCORE])
    assert _figures(read_record(path)) == (540, 566, 560)


def test_a_row_of_another_year_under_a_year_column_is_not_read(tmp_path):
    """'年度资金总额 | 2020年 | …' above '年度资金总额 | 2021年 | …': the 2021 row's figures."""
    grid = [["项目", "年度", "年初预算数", "全年预算数", "全年执行数"],
            ["年度资金总额", "2020年", "510.00", "530.00", "522.00"],
            ["年度资金总额", "2021年", "540.00", "566.00", "560.00"]]
    path = write_pdf_table(tmp_path / "t.pdf", grid, before=[TITLE, "单位：万元"], after=[_SCORE])
    assert _figures(read_record(path)) == (540, 566, 560)
