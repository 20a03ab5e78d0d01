"""A generated report, written in every format perflib reads, reads back to exactly its figures.

This runs the whole pipeline (read → document → parse), so PDF line breaks,
running headers and page numbers, DOCX and HTML tables, site chrome around
an article page, Excel forms with merged cells and GB18030 text are all on
the path. Figures read from a table carry evidence naming their cell.
"""
import os
import shutil

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from perflib.pipeline import read_record
from perflib.record_json import to_dict

from corpus import (TABLE_LAYOUTS, TEMPLATES, expected, expected_table, make_figures, make_variant, render_lines,
                    table_layout, table_text)
from evidence import CELL_EVIDENCE, traceable
from fixtures_files import (blocks_from_lines, convert_with_soffice, write_docx, write_html, write_pdf,
                            write_pdf_table, write_txt, write_xls, write_xlsx)
from understand.test_parse_roundtrip import as_expected

# No shrinking: a PDF per example makes it slow, and the failing variant is printed anyway.
FEW = settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _write_txt(path, lines, encoding):
    bom = encoding == "utf-8-sig"
    return write_txt(path.with_suffix(".txt"), "\n".join(lines) + "\n", "utf-8" if bom else encoding, bom=bom)


def _write_pdf(path, lines):
    # Spread the report over three pages with a running header, as published PDFs are.
    third = max(1, len(lines) // 3)
    pages = ["\n".join(lines[i:i + third]) for i in range(0, len(lines), third)]
    return write_pdf(path.with_suffix(".pdf"), pages, header="部门整体支出绩效评价报告", footer_page_numbers=True,
                     indent=True)


def _write_docx(path, lines):
    return write_docx(path.with_suffix(".docx"), blocks=blocks_from_lines(lines))


def _write_html(path, lines, encoding="utf-8"):
    return write_html(path.with_suffix(".html"), blocks_from_lines(lines), lines[0], encoding=encoding,
                      meta_charset=encoding != "gb18030")


def _write_doc(path, lines):
    return convert_with_soffice(_write_docx(path, lines), "doc", via="odt")


def needs_soffice():
    """Skip with the reason when LibreOffice is missing here; in CI it must be there."""
    if shutil.which("soffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run must install libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed here")


WRITERS = {
    "utf-8": lambda p, lines: _write_txt(p, lines, "utf-8"),
    "utf-8-sig": lambda p, lines: _write_txt(p, lines, "utf-8-sig"),
    "gb18030": lambda p, lines: _write_txt(p, lines, "gb18030"),
    # a table flattened one cell per line (as copied out of a PDF or a web page)
    "txt-cells": lambda p, lines: _write_txt(p, [c for ln in lines for c in ln.split("\t")], "utf-8"),
    "pdf": _write_pdf,
    "docx": _write_docx,
    "html": _write_html,
    "html-gb18030": lambda p, lines: _write_html(p, lines, "gb18030"),
}


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("template", TEMPLATES)
@FEW
@given(rng=st.randoms(use_true_random=False))
def test_report_in_every_format_reads_back(tmp_path, fmt, template, rng):
    figures, variant = make_figures(rng), make_variant(rng, template)
    lines = render_lines(figures, template, variant)
    path = WRITERS[fmt](tmp_path / f"r_{fmt}", lines)
    rec = read_record(path)
    got, want = as_expected(rec), expected(figures, template, variant)
    for key in want:
        assert got[key] == want[key], (fmt, key, variant)
    if fmt == "gb18030":
        assert rec.source.encoding == "gb18030"
    for key, evidence in rec.evidence.items():
        assert traceable(evidence, rec.text), (fmt, key, evidence)


def read_doc_both_ways(path, monkeypatch):
    """The record of a .doc through LibreOffice and through the built-in reader: they must agree."""
    records = []
    for reader in ("libreoffice", "builtin"):
        monkeypatch.setenv("PERFLIB_DOC_READER", reader)
        records.append(read_record(path))
    monkeypatch.delenv("PERFLIB_DOC_READER")
    assert to_dict(records[1]) == to_dict(records[0])
    return records[1]


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_report_as_legacy_doc_reads_back(tmp_path, template, rng, monkeypatch):
    needs_soffice()
    figures, variant = make_figures(rng), make_variant(rng, template)
    rec = read_doc_both_ways(_write_doc(tmp_path / "r_doc", render_lines(figures, template, variant)), monkeypatch)
    assert rec.source.format == "doc"
    got, want = as_expected(rec), expected(figures, template, variant)
    for key in want:
        assert got[key] == want[key], (key, variant)


# --- forms: the 自评表 / 基础数据表 as a spreadsheet, or as a table on a page ------------------
FORM_WRITERS = {
    "xlsx": lambda p, sheet, title: write_xlsx(p.with_suffix(".xlsx"), [sheet]),
    "xls": lambda p, sheet, title: write_xls(p.with_suffix(".xls"), [sheet]),
    "html": lambda p, sheet, title: write_html(p.with_suffix(".html"), [sheet[1]], title),
    "docx": lambda p, sheet, title: write_docx(p.with_suffix(".docx"), blocks=[sheet[1]]),
    "pdf": lambda p, sheet, title: write_pdf_table(p.with_suffix(".pdf"), sheet[1]),  # ruled lines
}


@pytest.mark.slow
@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
@settings(FEW, max_examples=2)
@given(rng=st.randoms(use_true_random=False), unit=st.sampled_from(["万元", "元"]))
def test_form_as_legacy_doc_reads_back(tmp_path, layout, rng, unit, monkeypatch):
    """The forms (merged cells across and down) as a .doc: both readers, the same record, every figure."""
    needs_soffice()
    figures = make_figures(rng)
    sheet = table_layout(figures, layout, unit, True, "上年决算数")
    path = convert_with_soffice(write_docx(tmp_path / "form.docx", blocks=[sheet[1]]), "doc", via="odt")
    rec = read_doc_both_ways(path, monkeypatch)
    got, want = as_expected(rec), expected_table(figures, layout)
    for key in want:
        assert got[key] == want[key], (layout, key)


@pytest.mark.parametrize("fmt", list(FORM_WRITERS))
@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
@settings(FEW, max_examples=4)
@given(rng=st.randoms(use_true_random=False), unit=st.sampled_from(["万元", "元"]), thousands=st.booleans(),
       prev=st.sampled_from(["上年决算数", "上年执行数", "{year}年决算数"]))
def test_form_in_every_format_reads_back(tmp_path, fmt, layout, rng, unit, thousands, prev):
    figures = make_figures(rng)
    sheet = table_layout(figures, layout, unit, thousands, prev.format(year=figures.year - 1))
    title = f"{figures.department}{figures.year}年度部门整体支出绩效自评情况"  # the article page's <title>
    rec = read_record(FORM_WRITERS[fmt](tmp_path / "form", sheet, title))
    got, want = as_expected(rec), expected_table(figures, layout)
    for key in want:
        assert got[key] == want[key], (fmt, layout, key)
    cells = {table_text(c) for row in sheet[1] for c in row}
    for block in ("overall", "projects", "basic"):
        for field in ("initial_budget", "adjusted_budget", "actual", "completion_rate"):
            m = CELL_EVIDENCE.match(rec.evidence[f"{block}.{field}"])
            assert m, rec.evidence[f"{block}.{field}"]
            assert m["cell"] in cells and m["row"] in cells and m["col"] in cells
            assert traceable(m.group(), rec.text)
