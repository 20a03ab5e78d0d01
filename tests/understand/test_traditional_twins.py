"""A page in traditional characters (a site serving 繁體, a mirror converting its pages) reads as its simplified twin:
the same kind, department, year and figures, every layout rule applying (chrome, lines joined, tables laid out one
cell per line), and what the record quotes in the page's own characters."""
from pathlib import Path

import pytest
from opencc import OpenCC

from perflib.pipeline import read_record

HERE = Path(__file__).parent
TWINS = sorted([*(HERE.parent / "real_phrasing").glob("*.txt"), *(HERE / "fixtures").glob("*.txt")])
FIELDS = ("initial_budget", "adjusted_budget", "actual", "adjustment", "adjustment_rate", "completion_rate", "count")
_S2T, _T2S = OpenCC("s2t"), OpenCC("t2s")  # (phrase by phrase: 批复 → 批覆, as such pages write it)


def _read(path: Path) -> dict:
    rec = read_record(path)
    figures = {f"{b}.{f}": getattr(getattr(rec, b), f) for b in ("overall", "basic", "projects") for f in FIELDS}
    return {**figures, "kind": rec.kind, "year": rec.year, "department": _T2S.convert(rec.department or ""),
            "score": rec.score, "rating": _T2S.convert(rec.rating or ""), "indicators": len(rec.indicators)}


def test_there_are_twins_to_read():
    assert len(TWINS) >= 100


@pytest.mark.parametrize("path", TWINS, ids=[p.name for p in TWINS])
def test_a_page_in_traditional_characters_reads_as_its_simplified_twin(tmp_path, path):
    twin = tmp_path / path.name
    twin.write_text(_S2T.convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert _read(twin) == _read(path)


@pytest.mark.parametrize("name", ["079_two_year_columns_table.txt", "029_table_header_two_lines.txt",
                                  "107_disclosure_title_in_meta_rows.txt"])
def test_what_a_traditional_page_is_quoted_by_stays_as_written(tmp_path, name):
    # a table's evidence "表1 · 项目支出 × …" (a header of two lines), a name from metadata rows: in the page's characters
    path = HERE.parent / "real_phrasing" / name
    twin = tmp_path / "twin.txt"
    twin.write_text(_S2T.convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    rec = read_record(twin)
    assert rec.evidence and all(_S2T.convert(q) == q for q in rec.evidence.values()), rec.evidence
    assert rec.department == _S2T.convert(read_record(path).department)


@pytest.mark.parametrize("name", ["web_page.txt", "page_with_metadata_block.txt"])
def test_a_web_page_in_traditional_characters_reads_as_its_twin(tmp_path, name):
    # the same page saved as HTML: its paragraphs and tables laid out by the same words in simplified characters
    text = (HERE / "fixtures" / name).read_text(encoding="utf-8")
    pages = {}
    for kind, body in (("simple", text), ("trad", _S2T.convert(text))):
        html = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
        pages[kind] = tmp_path / f"{kind}.html"
        pages[kind].write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{html}</body></html>',
                               encoding="utf-8")
    assert _read(pages["trad"]) == _read(pages["simple"])
    assert _read(pages["simple"])["overall.actual"] is not None
