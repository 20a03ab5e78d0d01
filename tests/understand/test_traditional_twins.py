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


def test_what_a_traditional_page_is_quoted_by_stays_as_written(tmp_path):
    # a table laid out one cell per line, its evidence "表1 · 项目支出 × …": each header in the page's characters
    path = HERE.parent / "real_phrasing" / "079_two_year_columns_table.txt"
    twin = tmp_path / "twin.txt"
    twin.write_text(_S2T.convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    rec = read_record(twin)
    assert rec.evidence and all(_S2T.convert(q) == q for q in rec.evidence.values()), rec.evidence
    assert rec.department == _S2T.convert(read_record(path).department)
