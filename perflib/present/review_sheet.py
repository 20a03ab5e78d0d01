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

from ..labels import REVIEW_FILE, REVIEW_HEADERS, REVIEW_SHEET
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
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    ws.append([f"{REVIEW_HEADERS[k]}（{k}）" for k in REVIEW_COLUMNS])
    fill = PatternFill("solid", fgColor="FFF2CC")  # the columns the analyst fills
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        # every cell as text: a value stays as written (1848.31, not 1848.3100000001), sha256 stays whole
        ws.append([None if row[k] in ("", None) else (row[k] if k in ("priority", "year") else str(row[k]))
                   for k in REVIEW_COLUMNS])
    for j, key in enumerate(REVIEW_COLUMNS, start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = WIDTHS.get(key, 14)
        for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
            cell.alignment = Alignment(wrap_text=key in WRAP, vertical="top")
            if key in ("read", "suggestion", "correction"):
                cell.number_format = "@"  # text: what the analyst types stays as typed
            if key in TO_FILL:
                cell.fill = fill
        ws.cell(row=1, column=j).fill = fill if key in TO_FILL else PatternFill()
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_review(outdir: Path, items: list[dict]) -> list[dict]:
    """review.csv and review.xlsx, each complete or absent; returns the rows in their order."""
    rows = sort_items(items)
    write_atomic(Path(outdir) / "review.csv", csv_text(rows))
    write_atomic(Path(outdir) / REVIEW_FILE, xlsx_bytes(rows))
    return rows
