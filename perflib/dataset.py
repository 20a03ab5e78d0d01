"""A folder (or manifest) of reports as pandas DataFrames, for the analyst and for `perflib batch`.

    from perflib.dataset import load_folder
    ds = load_folder("data")          # parse only, nothing rendered
    ds.reports, ds.tasks, ds.checks, ds.problems, ds.indicators, ds.failures

One row per department-year in `reports`, per task / check / problem in the others; every frame
carries `report_id` (the first 12 hex digits of the source's SHA-256) to join on.  Money leaves
perflib here, so it is rounded to 2 decimals (万元) explicitly; rates are percent as stated; derived
percentages (outturn vs initial budget, task coverage) are rounded to 2 decimals.
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import labels
from .check.rules import STATUSES, counts
from .csvfile import decode_csv
from .errors import PerflibError, UnreadableInput
from .model import Record
from .numbers import round_money, round_to
from .pipeline import is_fictional
from .read.files import SUPPORTED

REPORT_SUFFIXES = SUPPORTED

# Column order of each frame (also the CSV headers).
REPORT_COLUMNS = [
    "report_id", "department", "year", "fictional", "source", "format", "sha256",
    "overall_initial_budget", "overall_adjusted_budget", "overall_actual", "overall_adjustment",
    "overall_adjustment_rate", "overall_completion_rate", "outturn_vs_initial", "pefa_band",
    "projects_count", "projects_initial_budget", "projects_adjusted_budget", "projects_actual",
    "projects_adjustment", "projects_adjustment_rate", "projects_completion_rate",
    "basic_actual", "task_count", "task_funds_sum", "task_coverage", "rating", "score",
    "problem_count", "checks_ok", "checks_warn", "checks_fail", "checks_skip", "warning_count",
]
REPORT_COLUMNS.append("corrected")  # the fields set by hand corrections, "overall.actual, year" (perflib.corrections)
TASK_COLUMNS = ["report_id", "department", "year", "no", "text", "funds", "share_of_projects"]
CHECK_COLUMNS = ["report_id", "department", "year", "check_id", "status", "stated", "computed", "unit", "message"]
PROBLEM_COLUMNS = ["report_id", "department", "year", "no", "text"]
INDICATOR_COLUMNS = ["report_id", "department", "year", "no", "level1", "level2", "name", "target", "actual",
                     "weight", "score", "met", "full_score", "reason"]
FAILURE_COLUMNS = ["source", "stage", "exit_code", "error", "kind"]  # kind: not a department report
MONEY_COLUMNS = {
    "overall_initial_budget", "overall_adjusted_budget", "overall_actual", "overall_adjustment",
    "projects_initial_budget", "projects_adjusted_budget", "projects_actual", "projects_adjustment",
    "basic_actual", "task_funds_sum", "funds",
}
RATE_COLUMNS = {
    "overall_adjustment_rate", "overall_completion_rate", "outturn_vs_initial",
    "projects_adjustment_rate", "projects_completion_rate", "task_coverage", "share_of_projects",
}


@dataclass(frozen=True)
class Item:
    """One report to read: its path and what a manifest says about it (overrides)."""

    path: str
    department: str | None = None
    year: int | None = None


@dataclass
class Dataset:
    reports: "pd.DataFrame"  # noqa: F821
    tasks: "pd.DataFrame"  # noqa: F821
    checks: "pd.DataFrame"  # noqa: F821
    problems: "pd.DataFrame"  # noqa: F821
    failures: "pd.DataFrame"  # noqa: F821
    indicators: "pd.DataFrame" = None  # noqa: F821  (one row per 绩效指标, from `frames`)


# --- finding reports ---------------------------------------------------------------------
def discover(source: str | Path) -> list[Item]:
    """Every report under a folder (recursively, hidden folders skipped), or the rows of a manifest CSV."""
    src = Path(source)
    if src.is_dir():
        return [Item(str(p)) for p in sorted(src.rglob("*"))
                if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(src).parts)]
    if src.is_file() and src.suffix.lower() == ".csv":
        return read_manifest(src)
    if not src.exists():
        raise UnreadableInput(f"{src}: no such folder or manifest")
    raise UnreadableInput(f"{src}: not a folder or a manifest (.csv with a 'path' column)")


def read_manifest(path: Path) -> list[Item]:
    """Manifest CSV: `path` (relative to the manifest's folder), optional `department`, `year`."""
    rows = list(csv.DictReader(decode_csv(path, "manifest").splitlines()))
    if not rows or "path" not in (k.strip().lower() for k in rows[0] if k):
        raise UnreadableInput(f"{path}: manifest needs a 'path' column")
    items = []
    for n, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("path"):
            continue
        year = row.get("year") or None
        if year is not None:
            if not year.isdigit() or not 1900 <= int(year) <= 2100:
                raise UnreadableInput(f"{path}: line {n}: year {year!r} is not a year")
            year = int(year)
        p = Path(row["path"])
        items.append(Item(str(p if p.is_absolute() else path.parent / p), row.get("department") or None, year))
    return items


# --- one record → rows -------------------------------------------------------------------
def _money(v: Decimal | None) -> float | None:
    return None if v is None else float(round_money(v))


def _rate(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def _derived_pct(v: Decimal | None) -> float | None:
    return None if v is None else float(round_to(v, 2))


def record_rows(rec: Record) -> dict:
    """Everything the frames hold about one report, as plain (picklable, JSON-able) values."""
    from .check.metrics import compute

    m = compute(rec)
    rid = rec.source.sha256[:12]
    key = {"report_id": rid, "department": rec.department, "year": rec.year}
    o, p = rec.overall, rec.projects
    n = counts(rec.checks)
    report = key | {
        "fictional": is_fictional(rec), "source": rec.source.path, "format": rec.source.format,
        "sha256": rec.source.sha256,
        "overall_initial_budget": _money(o.initial_budget), "overall_adjusted_budget": _money(o.adjusted_budget),
        "overall_actual": _money(o.actual), "overall_adjustment": _money(o.adjustment),
        "overall_adjustment_rate": _rate(o.adjustment_rate), "overall_completion_rate": _rate(o.completion_rate),
        "outturn_vs_initial": _derived_pct(m.value("overall.outturn_vs_initial")),
        "pefa_band": m["overall.pefa_band"].band,
        "projects_count": p.count, "projects_initial_budget": _money(p.initial_budget),
        "projects_adjusted_budget": _money(p.adjusted_budget), "projects_actual": _money(p.actual),
        "projects_adjustment": _money(p.adjustment), "projects_adjustment_rate": _rate(p.adjustment_rate),
        "projects_completion_rate": _rate(p.completion_rate),
        "basic_actual": _money(m.value("basic.actual")) if "basic.actual" in m.items else None,
        "task_count": len(rec.tasks), "task_funds_sum": _money(m.value("tasks.funds_sum")),
        "task_coverage": _derived_pct(m.value("tasks.coverage")),
        "rating": rec.rating, "score": _rate(rec.score), "problem_count": len(rec.problems),
        **{f"checks_{s}": n[s] for s in STATUSES}, "warning_count": len(rec.warnings),
    }
    shares = {s.no: s.of_projects for s in m.task_shares}
    tasks = [key | {"no": t.no, "text": t.text, "funds": _money(t.funds),
                    "share_of_projects": _derived_pct(shares.get(t.no))} for t in rec.tasks]
    checks = [key | {"check_id": c.id, "status": c.status,
                     "stated": _money(c.stated) if c.unit == "money" else _rate(c.stated),
                     "computed": _money(c.computed) if c.unit == "money" else _rate(c.computed),
                     "unit": c.unit, "message": c.message} for c in rec.checks]
    problems = [key | {"no": i, "text": t} for i, t in enumerate(rec.problems, start=1)]
    indicators = [key | {"no": i, "level1": ind.level1, "level2": ind.level2, "name": ind.name,
                         "target": ind.target, "actual": ind.actual, "weight": _rate(ind.weight),
                         "score": _rate(ind.score), "met": ind.met,
                         "full_score": None if ind.weight is None or ind.score is None else ind.score >= ind.weight,
                         "reason": ind.reason}
                  for i, ind in enumerate(rec.indicators, start=1)]
    report["corrected"] = ", ".join(rec.corrected)
    return {"report": report, "tasks": tasks, "checks": checks, "problems": problems, "indicators": indicators,
            **correction_rows(rec)}


def correction_rows(rec: Record) -> dict:
    """For the batch: the review sheet's items, and each correction row that named this report with
    what became of it (the applied ones go into the page's key and its notebook)."""
    from .corrections import problems
    from .review import record_items

    return {"review": record_items(rec),
            "corrections": [o.correction.as_dict() | {"status": o.status} for o in rec.correction_outcomes],
            "correction_problems": problems(rec.correction_outcomes)}


def failure_row(source: str, stage: str, exc: BaseException) -> dict:
    """What went wrong, as one plain sentence (never a traceback)."""
    if isinstance(exc, PerflibError):
        return {"source": source, "stage": stage, "exit_code": exc.exit_code, "error": str(exc),
                "kind": getattr(exc, "kind", None)}
    return {"source": source, "stage": stage, "exit_code": 1,
            "error": f"{source}: internal error: {type(exc).__name__}: {exc}"}


def read_rows(item: Item, corrections=None) -> dict:
    """Parse one report (exit 2/3 errors propagate), with its hand corrections, and return its rows."""
    from .pipeline import read_record

    rec = read_record(item.path, department=item.department, year=item.year, require_figures=True,
                      corrections=corrections)
    return record_rows(rec)


# --- rows → frames -----------------------------------------------------------------------
def frames(rows: list[dict], failures: list[dict] = ()) -> Dataset:
    """DataFrames from `record_rows` results, sorted by department and year."""
    import pandas as pd

    def frame(items, columns, sort):
        df = pd.DataFrame(list(items), columns=columns)
        if "year" in df:
            df["year"] = df["year"].astype("Int64")
        for col in ("projects_count", "task_count", "problem_count", "no", "exit_code",
                    *(f"checks_{s}" for s in STATUSES), "warning_count"):
            if col in df:
                df[col] = df[col].astype("Int64")
        for col in set(df.columns) & (MONEY_COLUMNS | RATE_COLUMNS | {"score", "stated", "computed", "weight"}):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        return df.sort_values(sort, kind="stable", na_position="last").reset_index(drop=True) if len(df) else df

    by_dept = ["department", "year", "report_id"]
    return Dataset(
        reports=frame((r["report"] for r in rows), REPORT_COLUMNS, by_dept),
        tasks=frame((t for r in rows for t in r["tasks"]), TASK_COLUMNS, by_dept + ["no"]),
        checks=frame((c for r in rows for c in r["checks"]), CHECK_COLUMNS, by_dept),
        problems=frame((p for r in rows for p in r["problems"]), PROBLEM_COLUMNS, by_dept + ["no"]),
        failures=frame(failures, FAILURE_COLUMNS, ["source"]),
        indicators=frame((i for r in rows for i in r.get("indicators", [])), INDICATOR_COLUMNS, by_dept + ["no"]),
    )


def load_folder(path: str | Path, corrections=None) -> Dataset:
    """Parse every report in a folder (or manifest) into DataFrames; unreadable ones go to `failures`.
    `corrections`: hand corrections (a corrections CSV or review sheet; perflib.corrections.load)."""
    from .corrections import load

    rows, failures, seen = [], [], set()
    corrections = load(corrections)
    for item in discover(path):
        try:
            r = read_rows(item, corrections)
        except Exception as exc:  # one bad report never stops the rest
            failures.append(failure_row(item.path, "read", exc))
            continue
        key = (r["report"]["sha256"], item.department, item.year)
        if key not in seen:  # the same file twice (copied into two folders) counts once
            seen.add(key)
            rows.append(r)
    return frames(rows, failures)


# --- rows handed over (a batch parses once; its portfolio notebook reuses the rows) ----------
DATASET_SCHEMA = 1


def dataset_json(rows: list[dict], failures: list[dict]) -> str:
    """`read_rows` results and read failures as JSON (plain values: no code runs on loading)."""
    from . import __version__

    rows = [{k: v for k, v in r.items() if k not in BATCH_ONLY} for r in rows]
    failures = [{k: v for k, v in f.items() if k not in BATCH_ONLY} for f in failures]
    return json.dumps({"schema": DATASET_SCHEMA, "perflib": __version__, "rows": rows, "failures": failures},
                      ensure_ascii=False)


BATCH_ONLY = ("review", "corrections", "correction_problems")  # the review sheet's: no frame holds them


def load_dataset(path: str | Path) -> Dataset:
    """The Dataset saved by `dataset_json`: the frames `load_folder` gives, without parsing a report."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("schema") != DATASET_SCHEMA:
            raise ValueError(f"schema {data.get('schema')!r}, expected {DATASET_SCHEMA}")
        rows, failures = data["rows"], data["failures"]
    except (OSError, ValueError, AttributeError, KeyError) as exc:
        raise UnreadableInput(f"{path}: not a perflib dataset file ({exc})") from None
    return frames(rows, failures)


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- frames → files (what `perflib batch` writes) ----------------------------------------
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = '0.00"%"'  # the cell holds the percent as stated (27.73), shown as 27.73%


def _plain_number(v) -> str:
    """27.73 → '27.73', 100.0 → '100': the figure as stated, no float noise."""
    return format(Decimal(repr(float(v))).normalize(), "f")


def csv_text(df) -> str:
    """UTF-8 with BOM (Excel reads it right), money as 2-decimal strings, blanks for missing."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if col in MONEY_COLUMNS:
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
        elif col in RATE_COLUMNS or col in ("score", "stated", "computed", "weight"):
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else _plain_number(v))
        elif out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
        elif col in ("met", "full_score"):  # true / false / blank (undecided)
            out[col] = out[col].map(lambda v: "" if v is None or pd.isna(v) else "true" if v else "false")
    return "\ufeff" + out.to_csv(index=False, lineterminator="\r\n")


def write_csv(path: Path, df) -> Path:
    from .run.outfiles import write_atomic

    return write_atomic(Path(path), csv_text(df))


def reports_xlsx_bytes(df, indicators=None) -> bytes:
    """A sheet of department-years (Chinese headers, 万元 as #,##0.00 and rates as 0.00"%", links to
    the pages) and, given `indicators`, a sheet of 绩效指标 (one row per indicator)."""
    import io

    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "部门年度"
    cols = list(df.columns)
    ws.append([labels.ZH_HEADERS.get(c, c) for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in df.itertuples(index=False):
        row = []
        for col, v in zip(cols, values):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                row.append(None)
            elif col == "fictional":
                row.append("是" if v else "否")
            elif hasattr(v, "item"):  # numpy scalar → Python
                row.append(v.item())
            else:
                row.append(v)
        ws.append(row)
    for j, col in enumerate(cols, start=1):
        letter = get_column_letter(j)
        fmt = MONEY_FORMAT if col in MONEY_COLUMNS else RATE_FORMAT if col in RATE_COLUMNS else None
        for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
            if fmt and cell.value is not None:
                cell.number_format = fmt
            if col == "output" and cell.value:
                cell.hyperlink = str(cell.value)
                cell.style = "Hyperlink"
        ws.column_dimensions[letter].width = 36 if col in ("department", "source") else 14
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = ws.dimensions
    if indicators is not None:
        _indicator_sheet(wb.create_sheet(labels.INDICATOR_SHEET), indicators)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _indicator_sheet(ws, df) -> None:
    import pandas as pd
    from openpyxl.styles import Font

    cols = list(df.columns)
    ws.append([labels.INDICATOR_HEADERS.get(c, labels.ZH_HEADERS.get(c, c)) for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for values in df.itertuples(index=False):
        row = []
        for col, v in zip(cols, values):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                row.append(None)
            elif col in ("met", "full_score"):
                row.append("是" if v else "否")
            else:
                row.append(v.item() if hasattr(v, "item") else v)
        ws.append(row)
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = ws.dimensions


def write_reports_xlsx(path: Path, df, indicators=None) -> Path:
    from .run.outfiles import write_atomic

    return write_atomic(Path(path), reports_xlsx_bytes(df, indicators))
