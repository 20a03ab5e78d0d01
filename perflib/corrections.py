"""Hand corrections as data: a CSV (or the filled review sheet) → figures set on a Record.

    file,field,value,note[,read][,sha256]
    2021_linjiang.txt,overall.initial_budget,1848.31,原文表格第 2 行（表头错位，perflib 未读）

- `file`: the report's file name (or its path below the batch folder) or its SHA-256.
- `field`: a record path (FIELDS below).
- `value`: as a reader writes it: money in 万元 (`1,848.31`, `1848.31万元`; 元 / 亿元 are converted),
  rates in percent (`98.5` or `98.5%`), the year, a rating word, a kind.
- `note`: why; the figure's evidence becomes `人工校正：{note}`.
- `read` (optional): what perflib read when the correction was written (the review sheet fills it);
  empty: perflib read nothing.
- `sha256` (optional): the report's SHA-256 when the correction was written (the review sheet fills it).

A correction is applied after reading and before the checks, and only while it still fits:
- the file named with a recorded `sha256` that differs: the file changed → not applied;
- perflib now reads the field with the correction's own value → redundant, not applied;
- perflib now reads something other than `read` → not applied (the report or perflib changed).
Those outcomes are reported (stderr, the review sheet), never applied silently.

The review sheet (`review.csv` / `review.xlsx`) is accepted as is: its `correction` column is the
value, rows with no correction are ignored, its Chinese headers are understood.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from .csvfile import decode_csv
from .errors import UnreadableInput
from .model import MONEY_FIELDS, Record
from .read.files import OLE_MAGIC, ZIP_MAGIC
from .numbers import NUMBER, money_to_wan, round_money
from .understand.lexicon import LEX

EVIDENCE = "人工校正：{note}"
KINDS = ("department", "project", "final_accounts", "attachment_only", "other")
BLOCKS = ("overall", "projects", "basic")
RATE_FIELDS = ("adjustment_rate", "completion_rate")
# Every field a correction may set, and how its value is written.
FIELDS: dict[str, str] = {
    "department": "text", "year": "year", "kind": "kind", "rating": "rating", "score": "points",
    **{f"{b}.{f}": "money" for b in BLOCKS for f in MONEY_FIELDS},
    **{f"{b}.{f}": "percent" for b in BLOCKS for f in RATE_FIELDS},
    "projects.count": "count",
}
FIELDS_HELP = ("department, year, kind, rating, score, {overall,projects,basic}.{initial_budget,adjusted_budget,"
               "actual,adjustment,adjustment_rate,completion_rate}, projects.count")
# Column keys, and the headers (Chinese ones of the review sheet too) that mean them.
COLUMNS = {
    "file": ("file", "文件", "来源文件"), "field": ("field", "字段"), "value": ("value", "数值"),
    "correction": ("correction", "校正值", "校正"), "note": ("note", "说明", "校正说明"),
    "read": ("read", "perflib读到", "读到"), "sha256": ("sha256", "sha-256"),
}
_SHA = re.compile(r"[0-9a-f]{64}")
_KEY_IN_HEADER = re.compile(r"[（(]\s*([a-z0-9_]+)\s*[)）]\s*$")


class CorrectionsError(UnreadableInput):
    """A corrections file that cannot be used: one sentence naming the file, the row and why (exit 2)."""


@dataclass(frozen=True)
class Correction:
    file: str  # as written: a name, a path below the batch folder, or a SHA-256
    field: str
    value: object  # str | int | Decimal, parsed
    text: str  # the value as written
    note: str
    read: object = None  # what perflib read when the correction was written (None: nothing)
    sha256: str | None = None  # the report's SHA-256 when the correction was written
    origin: str = ""  # "corrections.csv row 5"

    @property
    def by_sha(self) -> bool:
        return bool(_SHA.fullmatch(self.file.lower()))

    def matches(self, path: str | Path, sha256: str) -> bool:
        """Does this row name that report (by SHA-256, or by its name / the end of its path)?"""
        if self.by_sha:
            return self.file.lower() == sha256.lower()
        return name_matches(self.file, path)

    def as_dict(self) -> dict:
        """Plain values (papermill parameters, JSON): `load_rows` reads them back."""
        return {"file": self.file, "field": self.field, "value": self.text, "note": self.note,
                "read": format_value(self.field, self.read), "sha256": self.sha256 or "", "origin": self.origin}


@dataclass
class Outcome:
    """What became of one correction row."""

    correction: Correction
    status: str  # applied | redundant | file_changed | reads_other | absent | ambiguous | report_failed
    detail: str = ""  # what perflib reads now / the other files / the failure
    before: object = None  # applied: what perflib had read (None: nothing)

    @property
    def applied(self) -> bool:
        return self.status == "applied"

    def message(self) -> str:
        """One English line for stderr."""
        c = self.correction
        what = f"{c.origin}: {c.file} {c.field}={c.text}"
        return {
            "applied": f"{what}: applied",
            "redundant": f"{what}: perflib now reads this value itself; the row can go",
            "file_changed": f"{what}: not applied: the file changed since the correction was written "
                            f"(SHA-256 {c.sha256[:12] if c.sha256 else ''}… then, {self.detail[:12]}… now)",
            "reads_other": f"{what}: not applied: perflib now reads {self.detail or 'nothing'}"
                           f" (the correction was written when it read {format_value(c.field, c.read) or 'nothing'})",
            "absent": f"{what}: not applied: no report in the batch is that file",
            "ambiguous": f"{what}: not applied: the name matches several reports ({self.detail}); "
                         "write the path below the folder or the SHA-256",
            "report_failed": f"{what}: not applied: the report could not be read ({self.detail})",
        }[self.status]


@dataclass
class Corrections:
    """The rows of one corrections file (or passed as data)."""

    rows: list[Correction] = field(default_factory=list)
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.rows)

    def for_report(self, path: str | Path, sha256: str) -> list[Correction]:
        return [c for c in self.rows if c.matches(path, sha256)]


# --- reading ---------------------------------------------------------------------------------
def load(source) -> Corrections:
    """A corrections file (.csv, or the review sheet as .csv/.xlsx), a Corrections, or rows as dicts
    (`Correction.as_dict`, or `file,field,value,note` keys); None: none."""
    if source is None:
        return Corrections()
    if isinstance(source, Corrections):
        return source
    if isinstance(source, (str, Path)):
        path = Path(source)
        return Corrections(_parse_rows(_table(path), str(path)), str(path))
    rows = [(n, {k: "" if v is None else str(v) for k, v in dict(r).items()}) for n, r in enumerate(source, start=1)]
    return Corrections(_parse_rows(rows, "corrections", origin_key=True), "corrections")


def _table(path: Path) -> list[tuple[int, dict]]:
    """(row number, {column key: cell text}) for every data row of a .csv or .xlsx file."""
    if path.is_dir():
        raise CorrectionsError(f"{path}: a folder, not a corrections file (.csv or .xlsx)")
    if not path.is_file():
        raise CorrectionsError(f"{path}: no such corrections file")
    head = _head(path)
    if head.startswith(OLE_MAGIC) or path.suffix.lower() == ".xls":
        raise CorrectionsError(f"{path}: a password-protected workbook or an Excel 97–2003 .xls, which perflib "
                               "cannot read: save it as .xlsx without a password, or as CSV")
    if path.suffix.lower() == ".xlsx" or head.startswith(ZIP_MAGIC):
        grid = _xlsx_rows(path)
    else:
        grid = list(csv.reader(decode_csv(path, "the corrections file", CorrectionsError).splitlines()))
    if not grid:
        raise CorrectionsError(f"{path}: the corrections file is empty")
    keys = [_column_key(h) for h in grid[0]]
    missing = [k for k in ("file", "field") if k not in keys]
    if missing or not ({"value", "correction"} & set(keys)):
        raise CorrectionsError(f"{path}: a corrections file needs the columns file, field, value (or correction)"
                               f" and note; found: {', '.join(str(h) for h in grid[0])}")
    out = []
    for n, cells in enumerate(grid[1:], start=2):
        row = {k: str(c if c is not None else "").strip() for k, c in zip(keys, cells) if k}
        out.append((n, row))
    return out


def _head(path: Path) -> bytes:
    """Its first bytes: an OLE container is a workbook of Office 97–2003, or one Office encrypted."""
    try:
        with open(path, "rb") as fh:
            return fh.read(8)
    except OSError as exc:
        raise CorrectionsError(f"{path}: cannot read the corrections file ({exc.strerror or type(exc).__name__})") from None


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or non-Excel file: say so, in one line
        raise CorrectionsError(f"{path}: the corrections workbook is damaged or not an .xlsx ({type(exc).__name__}): "
                               "save it again as .xlsx or CSV") from None
    try:
        ws = wb.worksheets[0]
        return [["" if c.value is None else _cell_text(c.value, getattr(c, "number_format", None)) for c in row]
                for row in ws.iter_rows()]
    finally:
        wb.close()


def _cell_text(v, number_format: str | None = None) -> str:
    """An Excel cell as text: 1848.31 stays 1848.31 (no float noise), 2021.0 is 2021; a cell formatted
    as a percent shows 98.5% and holds 0.985: it is 98.5%."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if number_format and _scales_by_100(number_format, v):
        return format((Decimal(repr(v)) * 100).normalize(), "f") + "%"
    return format(Decimal(repr(v)).normalize(), "f") if isinstance(v, float) else str(v)


_FORMAT_PART = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].|;|%')


def _scales_by_100(number_format: str, value) -> bool:
    """Does Excel show `value` a hundred times larger under this format: a % in the section the value
    takes (positive; negative; zero), outside quotes, escapes, [colour] codes and padding ("0.00\" %\""
    shows 98.5 as 98.50 %)?"""
    sections: list[list[str]] = [[]]
    for m in _FORMAT_PART.finditer(number_format):
        if m[0] == ";":
            sections.append([])
        elif m[0] == "%":
            sections[-1].append("%")
    percent = ["%" in sec for sec in sections]
    at = 0 if value > 0 else (1 if value < 0 else 2)
    return percent[at] if at < len(percent) else percent[0]


def _column_key(header) -> str | None:
    h = re.sub(r"\s+", "", str(header or "")).lower()
    m = _KEY_IN_HEADER.search(h)
    if m and m.group(1) in COLUMNS:  # "校正值（correction）"
        return m.group(1)
    for key, names in COLUMNS.items():
        if h in names:
            return key
    return None


def _parse_rows(rows: list[tuple[int, dict]], name: str, origin_key: bool = False) -> list[Correction]:
    out: dict[tuple[str, str], Correction] = {}
    for n, row in rows:
        text = (row.get("correction") or row.get("value") or "").strip()
        if not text:
            continue  # a review-sheet row nobody corrected
        origin = row.get("origin") if origin_key and row.get("origin") else f"{name} row {n}"
        c = parse_row(row, text, origin)
        key = (c.file.lower() if c.by_sha else c.file, c.field)
        if key in out and out[key].value != c.value:
            raise CorrectionsError(f"{origin}: {c.file} {c.field} is already corrected to {out[key].text} "
                                   f"({out[key].origin}); keep one row")
        out.setdefault(key, c)
    return list(out.values())


def parse_row(row: dict, text: str, origin: str) -> Correction:
    file = (row.get("file") or "").strip().replace("\\", "/")
    fld = (row.get("field") or "").strip()
    if not file:
        raise CorrectionsError(f"{origin}: no file: write the report's file name or SHA-256")
    if not fld:
        raise CorrectionsError(f"{origin}: no field: write the record path of the figure (e.g. overall.actual)")
    if fld not in FIELDS:
        raise CorrectionsError(f"{origin}: unknown field {fld!r}; fields: {FIELDS_HELP}")
    value = parse_value(fld, text, origin)
    read_text = (row.get("read") or "").strip()
    read = parse_value(fld, read_text, origin, column="read") if read_text else None
    sha = (row.get("sha256") or "").strip().lower() or None
    if sha is not None and not _SHA.fullmatch(sha):
        raise CorrectionsError(f"{origin}: sha256 {sha!r} is not a SHA-256 (64 hex digits)")
    return Correction(file, fld, value, text, (row.get("note") or "").strip(), read, sha, origin)


def parse_value(fld: str, text: str, origin: str = "", column: str = "value"):
    """A value as a reader writes it → the record's type, or CorrectionsError naming the row."""
    kind = FIELDS[fld]
    s = unicodedata.normalize("NFKC", text).strip().replace("−", "-")

    def bad(why: str):
        return CorrectionsError(f"{origin}: {column} {text!r} for {fld} is not {why}")

    if kind == "text":
        if not s:
            raise bad("a name")
        return s
    if kind == "kind":
        if s not in KINDS:
            raise bad("a kind (" + ", ".join(KINDS) + ")")
        return s
    if kind == "rating":
        if s not in LEX.rating_words:
            raise bad("a rating (优/良/中/差)")
        return LEX.rating_words[s]
    if kind in ("year", "count"):
        if not s.isdigit() or (kind == "year" and not 1900 <= int(s) <= 2100):
            raise bad("a year" if kind == "year" else "a whole number")
        return int(s)
    if kind == "money":
        s = s.replace(" ", "")
        m = re.fullmatch(rf"({NUMBER})({LEX.unit})?", s)
        if not m:
            raise bad("an amount in 万元 (e.g. 1,848.31)")
        return money_to_wan(m.group(1), m.group(2) or "万元") + 0  # (+ 0: -0 is 0)
    m = re.fullmatch(rf"({NUMBER})%?", s.replace(" ", ""))  # percent, points
    if not m:
        raise bad("a percent (e.g. 98.5)" if kind == "percent" else "a number of points")
    try:
        value = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only passes numbers
        raise bad("a number") from None
    if kind == "points" and not 0 <= value <= 100:
        raise bad("a score between 0 and 100")
    return value + 0  # (-0 is 0)


def name_matches(file: str, path: str | Path) -> bool:
    """`a.txt` names …/a.txt; `2021/a.txt` names …/2021/a.txt (whole path parts, from the end)."""
    want = [name_key(p) for p in PurePosixPath(file.replace("\\", "/")).parts]
    have = [name_key(p) for p in PurePosixPath(Path(path).as_posix()).parts]
    return bool(want) and len(want) <= len(have) and have[-len(want):] == want


# macOS and Windows file names ignore case: there "报告.PDF" is the file 报告.pdf, as the user sees it.
FOLD_CASE = sys.platform in ("darwin", "win32")


def name_key(name: str) -> str:
    """A file name as compared: composed (macOS may give a name decomposed that was typed composed),
    and without case where the file system ignores it."""
    name = unicodedata.normalize("NFC", name)
    return name.casefold() if FOLD_CASE else name


# --- values on a record -------------------------------------------------------------------
def get(rec: Record, fld: str):
    if "." in fld:
        block, name = fld.split(".")
        return getattr(rec.block(block), name)
    return getattr(rec, fld)


def _set(rec: Record, fld: str, value) -> None:
    if "." in fld:
        block, name = fld.split(".")
        setattr(rec.block(block), name, value)
    else:
        setattr(rec, fld, value)


def same(fld: str, a, b) -> bool:
    """Equal as a reader would compare them: money to the cent, numbers by value, text exactly."""
    if a is None or b is None:
        return a is b
    if FIELDS.get(fld) == "money":
        return round_money(a) == round_money(b)
    return a == b


def format_value(fld: str, value) -> str:
    """A value as a correction (and the review sheet's `read` column) writes it."""
    if value is None:
        return ""
    if FIELDS.get(fld) == "money":
        return format(round_money(value), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def apply(rec: Record, corrections) -> list[Outcome]:
    """Apply the rows that name this report and still fit; return what became of each.

    Sets the field, its evidence (人工校正：note) and lists it in `rec.corrected`."""
    table = load(corrections)
    rows = table.for_report(rec.source.path, rec.source.sha256)
    refuse_conflicts(rows, rec.source.sha256, Path(rec.source.path).name)
    outcomes = []
    for c in rows:
        outcomes.append(_apply_one(rec, c))
    rec.correction_outcomes = outcomes
    return outcomes


def refuse_conflicts(rows: list[Correction], sha256: str, name: str) -> None:
    """Two rows naming one report in different ways (its name, its path, its SHA-256) that give one
    figure different values: which is meant cannot be told (the first had silently won). A row written
    against other bytes than the report's is not in force (file_changed): it contradicts nothing."""
    first: dict[str, Correction] = {}
    for c in rows:
        if not c.by_sha and c.sha256 and c.sha256 != sha256.lower():
            continue
        seen = first.setdefault(c.field, c)
        if not same(c.field, seen.value, c.value):
            raise CorrectionsError(f"{c.origin}: {c.file} {c.field}={c.text} contradicts {seen.origin} "
                                   f"({seen.file} {c.field}={seen.text}): both name {name}; keep one row")


def _apply_one(rec: Record, c: Correction) -> Outcome:
    sha = rec.source.sha256
    if not c.by_sha and c.sha256 and c.sha256 != sha.lower():
        return Outcome(c, "file_changed", sha)
    if c.field in rec.corrected:  # the same field named twice (once by name, once by SHA-256)
        return Outcome(c, "redundant" if same(c.field, get(rec, c.field), c.value) else "reads_other",
                       format_value(c.field, get(rec, c.field)))
    now = get(rec, c.field)
    if same(c.field, now, c.value):
        return Outcome(c, "redundant")
    # `kind` is always judged: a row that does not say what it was written against corrects any judgement.
    expected = now if c.field == "kind" and c.read is None else c.read
    if not same(c.field, now, expected):
        return Outcome(c, "reads_other", format_value(c.field, now))
    _set(rec, c.field, c.value)
    rec.evidence[c.field] = EVIDENCE.format(note=c.note or "（未写明理由）")
    rec.corrected.append(c.field)
    if FIELDS[c.field] == "money":  # the amount the analyst took is no longer unread
        rec.unread = [u for u in rec.unread if round_money(u.amount) != round_money(c.value)]
    return Outcome(c, "applied", before=now)


def report_problems(rec: Record, corrections) -> list[str]:
    """The stderr lines of one report read with `corrections` (parse, render): its rows not applied,
    and when no row names it at all, that (a mistyped file name left the figure as it was, silently)."""
    lines = problems(rec.correction_outcomes)
    table = load(corrections)
    if table.rows and not rec.correction_outcomes:
        lines.append(f"{table.source}: no row names {Path(rec.source.path).name} (by its name, a path ending "
                     "in it, or its SHA-256): nothing corrected")
    return lines


def problems(outcomes: list[Outcome]) -> list[str]:
    """The stderr lines: every row that was not applied, but could have been (a redundant row is
    only said in the review sheet)."""
    return [o.message() for o in outcomes if o.status not in ("applied", "redundant")]
