"""The stages in order: file → Record with checks (what `perflib parse` prints)."""
from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .errors import NotAReport
from .model import Record
from .normalize import normalize
from .parse import parse_text, settle_signs
from .sources import read_document


def read_record(path: str | Path, department: str | None = None, year: int | None = None,
                require_figures: bool = False) -> Record:
    """Read, normalize, parse and check one report.

    `department` / `year` override what the report says (a manifest may know better).
    With `require_figures`, a text with no budget figure raises NotAReport.
    """
    doc = read_document(path)
    rec = parse_text(normalize(doc.pages), doc.source)
    if department:
        rec.department = department
    if year:
        rec.year = int(year)
    settle_signs(rec)
    rec.checks = run_checks(rec)
    if require_figures and not rec.has_budget_figure():
        raise NotAReport(f"{path}: no budget figure found (is this a performance evaluation report?)")
    return rec
