"""A generated report, written as .txt (each encoding), .pdf and .docx, reads back to exactly its figures.

This runs the whole pipeline (sources → normalize → parse), so PDF line
breaks, running headers and page numbers, DOCX tables and GB18030 text
are all on the path.
"""
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from perflib.pipeline import read_record

from corpus import TEMPLATES, expected, make_figures, make_variant, render_lines
from fixtures_files import write_docx, write_pdf, write_txt
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
    # Lines holding tabs are table rows in the original: give them back as a Word table.
    blocks, table = [], []
    for line in lines:
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            blocks.append(table)
            table = []
        blocks.append(line)
    if table:
        blocks.append(table)
    return write_docx(path.with_suffix(".docx"), blocks=blocks)


WRITERS = {
    "utf-8": lambda p, lines: _write_txt(p, lines, "utf-8"),
    "utf-8-sig": lambda p, lines: _write_txt(p, lines, "utf-8-sig"),
    "gb18030": lambda p, lines: _write_txt(p, lines, "gb18030"),
    "pdf": _write_pdf,
    "docx": _write_docx,
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
