"""The stages in order: file → Record with checks (what `perflib parse` prints)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import run_checks
from .errors import NotAReport
from .metrics import Metrics, compute
from .model import Record
from .narrative import summary
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
    rec = parse_text(normalize(doc.pages, paragraphs=doc.paragraphs), doc.source)
    if department:
        rec.department = department
    if year:
        rec.year = int(year)
    settle_signs(rec)
    rec.checks = run_checks(rec)
    if require_figures and not rec.has_budget_figure():
        raise NotAReport(f"{path}: no budget figure found (is this a performance evaluation report?)")
    return rec


@dataclass
class Analysis:
    """Everything a department-year page shows."""

    record: Record
    metrics: Metrics
    summary: list[str]

    @property
    def title(self) -> str:
        year = f"{self.record.year} 年度" if self.record.year else ""
        return f"{self.record.department or '未署名部门'} {year}部门整体支出绩效分析".replace("  ", " ")

    @property
    def fictional(self) -> bool:
        """Sample reports written for the project say so in their text."""
        return FICTION_MARK in self.record.text


FICTION_MARK = "虚构样例"


def analyze(path: str | Path, department: str | None = None, year: int | None = None) -> Analysis:
    """Read one report and derive everything its page shows."""
    rec = read_record(path, department=department, year=year, require_figures=True)
    m = compute(rec)
    return Analysis(rec, m, summary(rec, m))
