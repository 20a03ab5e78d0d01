"""A folder (or manifest) of reports as pandas DataFrames, for the analyst and for `perflib batch`.

    from perflib.dataset import load_folder
    ds = load_folder("data")          # parse only, nothing rendered
    ds.reports, ds.tasks, ds.checks, ds.problems, ds.indicators, ds.failures

One row per department-year in `reports`, per task / check / problem in the others; every frame
carries `report_id` (the first 12 hex digits of the source's SHA-256) to join on.  Each report has a
`region` (perflib.regions: its folder, a manifest's column, or the places its name begins with) and
a `sector` (perflib.understand.sector: its kind of work, from the words of its name).  Money leaves
perflib here, so it is rounded to 2 decimals (万元) explicitly; rates are percent as stated; derived
percentages (outturn vs initial budget, task coverage) are rounded to 2 decimals.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import labels, regions
from .check.rules import STATUSES, counts
from .csvfile import decode_csv
from .errors import PerflibError, UnreadableInput
from .model import Record
from .numbers import round_money, round_to
from .pipeline import is_fictional
from .read.excel import own_workbook
from .read.files import SAVE_AS, SUPPORTED
from .read.html import made_by_perflib
from .run.state import STATE_FILE

# A report saved in a format perflib does not read (.rtf, .wps …) is listed with what to save it as,
# not passed by in silence.
REPORT_SUFFIXES = (*SUPPORTED, *SAVE_AS)

# Column order of each frame (also the CSV headers).
REPORT_COLUMNS = [
    "report_id", "department", "year", "region", "sector", "fictional", "source", "format", "sha256",
    "overall_initial_budget", "overall_adjusted_budget", "overall_actual", "overall_adjustment",
    "overall_adjustment_rate", "overall_completion_rate", "outturn_vs_initial", "pefa_band",
    "projects_count", "projects_initial_budget", "projects_adjusted_budget", "projects_actual",
    "projects_adjustment", "projects_adjustment_rate", "projects_completion_rate",
    "basic_actual", "task_count", "task_funds_sum", "task_coverage", "rating", "score",
    "problem_count", "checks_ok", "checks_warn", "checks_lenient", "checks_fail", "checks_skip", "warning_count",
]
REPORT_COLUMNS.append("corrected")  # the fields set by hand corrections, "overall.actual, year" (perflib.corrections)
TASK_COLUMNS = ["report_id", "department", "year", "no", "text", "funds", "share_of_projects"]
CHECK_COLUMNS = ["report_id", "department", "year", "check_id", "status", "stated", "computed", "unit", "message"]
PROBLEM_COLUMNS = ["report_id", "department", "year", "no", "text"]
INDICATOR_COLUMNS = ["report_id", "department", "year", "no", "level1", "level2", "name", "target", "actual",
                     "weight", "score", "met", "full_score", "reason"]
FAILURE_COLUMNS = ["source", "stage", "exit_code", "error", "kind", "region"]  # kind: not a department report
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
    region: str | None = None  # a region label, from the folders it sits in or a manifest column


@dataclass
class Dataset:
    reports: "pd.DataFrame"  # noqa: F821
    tasks: "pd.DataFrame"  # noqa: F821
    checks: "pd.DataFrame"  # noqa: F821
    problems: "pd.DataFrame"  # noqa: F821
    failures: "pd.DataFrame"  # noqa: F821
    indicators: "pd.DataFrame" = None  # noqa: F821  (one row per 绩效指标, from `frames`)
    repeats: int = 0  # department-years read from a second file, left out of these frames (perflib.once)


# --- finding reports ---------------------------------------------------------------------
# Word and Excel keep a small owner file "~$name.docx" beside a document open for editing (Windows
# and macOS, and a synced folder anywhere): not a report, and no reason to fail a batch.
OFFICE_LOCK_PREFIX = "~$"


def discover(source: str | Path, exclude: str | Path | None = None) -> list[Item]:
    """Every report under a folder (recursively), or the rows of a manifest CSV. Not read in a
    folder: hidden files and folders, Office's owner files (~$name.docx), and what perflib wrote there itself — a batch's output folder inside it
    (`exclude`, the batch's own; any folder holding a batch's state file), its workbooks where the
    output folder is the source itself, any page perflib made (`perflib render -o` into the folder),
    any workbook it wrote wherever it was copied (a filled review sheet kept beside the reports):
    read as reports, a second batch would count every department-year again."""
    src = Path(source)
    if src.is_dir():
        every = sorted(src.rglob("*"))  # (one walk of the tree for both)
        # Not only regular files: a link to a report whose target is gone (an unmounted share) or a
        # pipe named like one is listed as failed by its reader, not passed over in silence.
        found = [p for p in every if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir()
                 and not p.name.startswith(OFFICE_LOCK_PREFIX)
                 and not any(part.startswith(".") for part in p.relative_to(src).parts)]
        outputs = {s.parent for s in every if s.name == STATE_FILE} | ({Path(exclude)} if exclude is not None else set())
        outputs = {o.resolve() for o in outputs if o.is_dir()}
        root = src.resolve()
        inside = {o for o in outputs if o != root and root in o.parents}  # never the source itself, nor above it
        return [Item(str(p), region=_folder_region(p, src)) for p in found
                if not (inside and inside.intersection(p.resolve().parents))
                and not (p.is_file() and (p.name in OUTPUT_WORKBOOKS and p.parent.resolve() in outputs
                                          or is_perflib_page(p) or p.suffix.lower() == ".xlsx" and own_workbook(p)))]
    if src.is_file() and src.suffix.lower() == ".csv":
        return read_manifest(src)
    if not src.exists():
        raise UnreadableInput(f"{src}: no such folder or manifest")
    raise UnreadableInput(f"{src}: not a folder or a manifest (.csv with a 'path' column)")


# The workbooks a batch writes at the top of its output folder (perflib.store.DATASET_FILES, the review sheet).
OUTPUT_WORKBOOKS = ("reports.xlsx", labels.REVIEW_FILE)


def is_perflib_page(path: Path) -> bool:
    """A page perflib made: its head names perflib as its generator (in the first kilobytes)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as fh:
            return made_by_perflib(fh.read(4096))
    except OSError:
        return False  # read as a report: its reader says what is wrong


def _folder_region(path: Path, root: Path) -> str | None:
    places = regions.from_folders(path, root)
    return regions.label(places) if places else None


def read_manifest(path: Path) -> list[Item]:
    """Manifest CSV: `path` (relative to the manifest's folder), optional `department`, `year`, `region`."""
    reader = csv.DictReader(decode_csv(path, "manifest").splitlines(), strict=True)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:  # an unterminated quote: the rest of the file would have been one path
        raise UnreadableInput(f"{path}: line {len(rows) + 2}: not a CSV row ({exc}: a quote left open?)") from None
    if "path" not in (k.strip().lower() for k in reader.fieldnames or () if k):
        raise UnreadableInput(f"{path}: manifest needs a 'path' column")
    if not rows:
        raise UnreadableInput(f"{path}: the manifest lists no report (a 'path' column, and no row under it)")
    items = []
    for n, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("path"):
            if any(row.values()):  # a row of something, but no file: say so rather than pass it by
                raise UnreadableInput(f"{path}: line {n}: no path (the row names no report file)")
            continue
        year = row.get("year") or None
        if year is not None:
            if not year.isdigit() or not 1900 <= int(year) <= 2100:
                raise UnreadableInput(f"{path}: line {n}: year {year!r} is not a year")
            year = int(year)
        p = Path(row["path"])
        region = regions.from_text(row.get("region"))
        items.append(Item(str(p if p.is_absolute() else path.parent / p), row.get("department") or None, year,
                          regions.label(region) if region else None))
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
    lenient = sum(c.status == "warn" and c.id in labels.SCORING_CHECKS for c in rec.checks)
    report = key | place(rec.department) | {
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
        # a scoring check's warning is leniency to note (需留意), not a figure a little off (小偏差)
        "checks_warn": n["warn"] - lenient, "checks_lenient": lenient,
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


def place(department: str | None, region: str | None = None) -> dict:
    """`region` and `sector` of a report: the region given (folder, manifest), else its name's."""
    from .understand.sector import sector_of

    return {"region": regions.region_of(region, department), "sector": sector_of(department)}


def settle_regions(reports: list[dict], failures: list[dict] = ()) -> None:
    """One name per place across a batch (perflib.regions.settle), in place."""
    names = regions.settle([r["region"] for r in reports] + [f["region"] for f in failures if f.get("region")])
    for row in [*reports, *failures]:
        if row.get("region"):
            row["region"] = names[row["region"]]


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
    rows = record_rows(rec)
    rows["report"].update(place(rec.department, item.region))
    return rows


# --- rows → frames -----------------------------------------------------------------------
def frames(rows: list[dict], failures: list[dict] = ()) -> Dataset:
    """DataFrames from `record_rows` results, sorted by department and year."""
    import pandas as pd

    def frame(items, columns, sort):
        return typed_frame(pd.DataFrame(list(items), columns=columns), sort)

    return Dataset(
        reports=frame((r["report"] for r in rows), REPORT_COLUMNS, by_dept),
        tasks=frame((t for r in rows for t in r["tasks"]), TASK_COLUMNS, by_dept + ["no"]),
        checks=frame((c for r in rows for c in r["checks"]), CHECK_COLUMNS, by_dept),
        problems=frame((p for r in rows for p in r["problems"]), PROBLEM_COLUMNS, by_dept + ["no"]),
        failures=frame(failures, FAILURE_COLUMNS, ["source"]),
        indicators=frame((i for r in rows for i in r.get("indicators", [])), INDICATOR_COLUMNS, by_dept + ["no"]),
    )


by_dept = ["department", "year", "report_id"]
INT_COLUMNS = {"year", "projects_count", "task_count", "problem_count", "no", "exit_code",
               *(f"checks_{s}" for s in STATUSES), "checks_lenient", "warning_count"}
FLOAT_COLUMNS = MONEY_COLUMNS | RATE_COLUMNS | {"score", "stated", "computed", "weight"}


def typed_frame(df, sort: list[str]):
    """A frame's columns as the dataset types them (whole numbers Int64, figures float64), sorted."""
    import pandas as pd

    for col in INT_COLUMNS & set(df.columns):
        df[col] = df[col].astype("Int64")
    for col in FLOAT_COLUMNS & set(df.columns):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in set(df.columns) - INT_COLUMNS - FLOAT_COLUMNS:
        if len(df) and df[col].isna().all():  # nothing in it: the same dtype whichever way it was read
            df[col] = pd.Series([None] * len(df), index=df.index, dtype=object)
    return df.sort_values(sort, kind="stable", na_position="last").reset_index(drop=True) if len(df) and sort else df


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
            failures.append(failure_row(item.path, "read", exc) | {"region": item.region or regions.UNKNOWN})
            continue
        key = (r["report"]["sha256"], item.department, item.year)
        if key not in seen:  # the same file twice (copied into two folders) counts once
            seen.add(key)
            rows.append(r)
    settle_regions([r["report"] for r in rows], failures)
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


def csv_text(df, header: bool = True) -> str:
    """UTF-8 with BOM (Excel reads it right), money as 2-decimal strings, blanks for missing.
    `header=False`: the rows only (a further chunk of a file being streamed)."""
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
    rows = out.to_csv(index=False, header=header, lineterminator="\r\n")
    return "\ufeff" + rows if header else rows


def write_csv(path: Path, df) -> Path:
    from .run.outfiles import write_atomic

    return write_atomic(Path(path), csv_text(df))


def reports_xlsx_bytes(df, indicators=None) -> bytes:
    """A sheet of department-years (Chinese headers, 万元 as #,##0.00 and rates as 0.00"%", links to
    the pages) and, given `indicators` (a frame, or frames one after another), a sheet of 绩效指标
    (one row per indicator).  Written row by row (openpyxl's write-only mode): a province's sheets
    never sit in memory as cells."""
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.creator = labels.WORKBOOK_CREATOR  # (so that a copy among the reports is known: excel.own_workbook)
    _reports_sheet(wb.create_sheet(labels.REPORTS_SHEET), df)
    if indicators is not None:
        chunks = [indicators] if hasattr(indicators, "columns") else indicators
        _indicator_sheet(wb.create_sheet(labels.INDICATOR_SHEET), chunks)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _header(ws, names: list[str], wrap: bool = False) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cells = []
    for name in names:
        cell = as_text(WriteOnlyCell(ws, name))
        cell.font = Font(bold=True)
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    ws.append(cells)


def as_text(cell):
    """A cell whose text starts with "=" stays that text: openpyxl would store it as a formula, which
    Excel runs (a file named =HYPERLINK(…).pdf, a target written 目标值=1+1). Returns the cell."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def _text_cell(ws, v):
    """`v` as openpyxl appends it, except text that would be taken for a formula (as_text)."""
    if isinstance(v, str) and v.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        return as_text(WriteOnlyCell(ws, v))
    return v


def _plain(v):
    """A frame's value as a cell holds it: None for missing, numpy scalars as Python."""
    import pandas as pd

    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _reports_sheet(ws, df) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    cols = list(df.columns)
    formats = {c: MONEY_FORMAT if c in MONEY_COLUMNS else RATE_FORMAT if c in RATE_COLUMNS else None for c in cols}
    for j, col in enumerate(cols, start=1):  # before any row: write-only sheets write as they go
        ws.column_dimensions[get_column_letter(j)].width = 36 if col in ("department", "source") else 14
    ws.freeze_panes = "D2"
    _header(ws, [labels.ZH_HEADERS.get(c, c) for c in cols], wrap=True)
    for values in df.itertuples(index=False):
        row = []
        for col, v in zip(cols, values):
            v = _plain(v)
            if v is not None and col in ("fictional", "counted"):
                v = "是" if v else "否"
            if v is not None and (formats[col] or col == "output"):
                cell = as_text(WriteOnlyCell(ws, v))
                if formats[col]:
                    cell.number_format = formats[col]
                else:
                    cell.hyperlink = str(v)
                    cell.style = "Hyperlink"
                v = cell
            row.append(_text_cell(ws, v))
        ws.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(cols), 1))}{len(df) + 1}"


def _indicator_sheet(ws, chunks) -> None:
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "D2"
    cols, n = None, 0
    for df in chunks:
        if cols is None:
            cols = list(df.columns)
            _header(ws, [labels.INDICATOR_HEADERS.get(c, labels.ZH_HEADERS.get(c, c)) for c in cols])
        for values in df.itertuples(index=False):
            row = []
            for col, v in zip(cols, values):
                v = _plain(v)
                row.append(("是" if v else "否") if v is not None and col in ("met", "full_score") else _text_cell(ws, v))
            ws.append(row)
            n += 1
    if cols:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{n + 1}"


def write_reports_xlsx(path: Path, df, indicators=None) -> Path:
    from .run.outfiles import write_atomic

    return write_atomic(Path(path), reports_xlsx_bytes(df, indicators))
