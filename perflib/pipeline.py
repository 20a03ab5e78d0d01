"""The stages in order: file → Record with checks (what `perflib parse` prints)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import corrections as hand
from .check.rules import run_checks
from .errors import NotAReport
from .check.metrics import Metrics, compute
from .labels import FICTION_TAG, KIND_SENTENCE, page_title
from .model import Record
from .present.narrative import summary
from .understand.parse import parse_document
from .read.files import read_document


def read_record(path: str | Path, department: str | None = None, year: int | None = None,
                require_figures: bool = False, corrections=None) -> Record:
    """Read, normalize, parse, correct and check one report.

    `corrections`: hand corrections (a CSV / review sheet path, rows, or perflib.corrections.Corrections),
    applied before the checks (`rec.corrected`, `rec.correction_outcomes`).
    `department` / `year` override what the report says (a manifest may know better).
    With `require_figures`, a text with no budget figure raises NotAReport.
    """
    rec = parse_document(read_document(path))
    if corrections:
        hand.apply(rec, corrections)
    _override(rec, "department", department or None)
    _override(rec, "year", int(year) if year else None)
    rec.checks = run_checks(rec)
    if require_figures:
        require_budget_figure(rec, path)
    return rec


def _override(rec: Record, name: str, value) -> None:
    """A manifest's department / year; over a hand correction of that field, the manifest wins."""
    if value is None or getattr(rec, name) == value:
        return
    setattr(rec, name, value)
    if name in rec.corrected:
        rec.corrected.remove(name)
        rec.evidence.pop(name, None)


def require_budget_figure(rec: Record, path: str | Path) -> None:
    """NotAReport (exit 3) when the file is not a department report (its sentence names what it
    is), or states no budget figure at all."""
    if rec.kind not in ("department", "other"):
        raise NotAReport(f"{path}: {KIND_SENTENCE[rec.kind]}", kind=rec.kind, record=rec)
    if rec.kind == "other" and rec.has_budget_figure():  # its title says it is a notice, a target declaration…
        raise NotAReport(f"{path}: {KIND_SENTENCE['other_titled']}", kind=rec.kind, record=rec)
    if not rec.has_budget_figure():
        raise NotAReport(f"{path}: {KIND_SENTENCE['other']}", record=rec)


def is_fictional(rec: Record) -> bool:
    """Sample reports written for the project say so in their text."""
    return FICTION_TAG in rec.text


@dataclass
class Analysis:
    """Everything a department-year page shows."""

    record: Record
    metrics: Metrics
    summary: list[str]

    @property
    def title(self) -> str:
        return page_title(self.record.department, self.record.year)

    @property
    def fictional(self) -> bool:
        return is_fictional(self.record)


def analyze(path: str | Path, department: str | None = None, year: int | None = None,
            corrections=None) -> Analysis:
    """Read one report (with hand `corrections`, see read_record) and derive everything its page shows."""
    rec = read_record(path, department=department, year=year, require_figures=True, corrections=corrections)
    m = compute(rec)
    return Analysis(rec, m, summary(rec, m))
