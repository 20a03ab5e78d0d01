"""OUTDIR/review.csv and review.xlsx: what an analyst should check, most important first.

Both hold the same rows (perflib/review.py) and columns. The CSV's header is the column keys; the
sheet's is "中文（key）", which the corrections reader (perflib/corrections.py) understands, so the
filled sheet — either file — goes back to `perflib batch --corrections` as it is. The columns to
fill (校正值、说明) stand out; everything else is what perflib found.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..dataset import as_text
from ..labels import REVIEW_FILE, REVIEW_HEADERS, REVIEW_SHEET, WORKBOOK_CREATOR
from ..review import REVIEW_COLUMNS, sort_items
from ..run.outfiles import write_atomic

WIDTHS = {"priority": 6, "category": 14, "file": 28, "department": 26, "year": 7, "field": 22, "field_zh": 14,
          "read": 12, "suggestion": 12, "evidence": 50, "reason": 50, "correction": 14, "note": 24, "sha256": 14}
WRAP = ("evidence", "reason", "department", "file")
TO_FILL = ("correction", "note")


def csv_text(rows: list[dict]) -> str:
    """UTF-8 with BOM (Excel opens it right), keys as the header."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=REVIEW_COLUMNS, lineterminator="\r\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()


def xlsx_bytes(rows: list[dict]) -> bytes:
    """The sheet, written row by row (openpyxl's write-only mode: a province's items are never held
    as cells), each column's style made once."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    wb.properties.creator = WORKBOOK_CREATOR  # (so that a copy among the reports is known: excel.own_workbook)
    ws = wb.create_sheet(REVIEW_SHEET)
    fill = PatternFill("solid", fgColor="FFF2CC")  # the columns the analyst fills
    for j, key in enumerate(REVIEW_COLUMNS, start=1):  # before any row: write-only sheets write as they go
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(key, 14)
    ws.freeze_panes = "C2"
    style = {key: (Alignment(wrap_text=key in WRAP, vertical="top"),
                   "@" if key in ("read", "suggestion", "correction") else None,  # text: stays as typed
                   fill if key in TO_FILL else None) for key in REVIEW_COLUMNS}

    def cell(value, key, header=False):
        c = as_text(WriteOnlyCell(ws, value))  # (a report's text or file name starting with "=": no formula)
        align, number_format, background = style[key]
        c.alignment = Alignment(wrap_text=True, vertical="top") if header else align
        if header:
            c.font = Font(bold=True)
        elif number_format:
            c.number_format = number_format
        if background is not None:
            c.fill = background
        return c

    ws.append([cell(f"{REVIEW_HEADERS[k]}（{k}）", k, header=True) for k in REVIEW_COLUMNS])
    for row in rows:
        # every cell as text: a value stays as written (1848.31, not 1848.3100000001), sha256 stays whole
        ws.append([cell(None if row[k] in ("", None) else (row[k] if k in ("priority", "year") else str(row[k])), k)
                   for k in REVIEW_COLUMNS])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(REVIEW_COLUMNS))}{len(rows) + 1}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_review(outdir: Path, items: list[dict]) -> list[dict]:
    """review.csv and review.xlsx, each complete or absent; returns the rows in their order."""
    rows = sort_items(items)
    text = csv_text(rows)
    csv_path, xlsx_path = Path(outdir) / "review.csv", Path(outdir) / REVIEW_FILE
    if xlsx_path.is_file() and csv_path.is_file() and csv_path.read_bytes() == text.encode("utf-8"):
        return rows  # the same rows as the sheet there: a rerun with nothing changed writes neither
    write_atomic(csv_path, text)
    write_atomic(xlsx_path, xlsx_bytes(rows))
    return rows
