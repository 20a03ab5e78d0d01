"""PDF reports (pypdfium2): the text layer's pages → blocks; scanned pages by OCR.

Running headers/footers and page numbers go, flattened tables are rebuilt (layout). Tables drawn with
ruled lines are read cell by cell (pdf_tables.py) and stand in the page text
as one placeholder line until the blocks are built; rows whose cells the text
layer glued together are cut where the characters were placed apart. A page
with fewer visible characters than _MIN_PAGE_CHARS has no real text layer:
when it holds an image (a scan) it is read by OCR (ocr.py), its blocks put
where the page stands.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Block, Document, Location, Table
from .layout import lay_out_text
from .normalize import TABLE_MARK, TABLE_VALUE, clean_line
from .pdf_tables import PageTable, find_tables

# A page with fewer visible characters than this carries no real text layer.
_MIN_PAGE_CHARS = 5


def read_pdf(p: Path, data: bytes, digest: str) -> Document:
    """The text layer's pages; a page with no text layer but an image on it (a scan) read by
    OCR (perflib/read/ocr.py), its blocks kept where the page stands."""
    tables: dict[str, Block] = {}
    with _PDFIUM_LOCK:
        pages, images = _pdf_pages(p, data, tables)
    if not pages:
        raise UnreadableInput(f"{p}: not a readable PDF (it has no pages).")
    blank = [n for n, text in enumerate(pages, start=1) if _blank(text)]
    scanned = [n for n in blank if n in images]
    if len(blank) == len(pages) and not scanned:
        raise UnreadableInput(f"{p}: the PDF has no text layer and no scanned image; there is nothing to read.")
    if scanned:
        from .ocr import ocr_pdf_pages

        for n, page_blocks in ocr_pdf_pages(data, scanned, digest, name=str(p)).items():
            marks = []
            for block in page_blocks:
                key = f"{TABLE_MARK}\tblock{len(tables) + 1}"
                tables[key] = _folded(block)
                marks.append(key)
            pages[n - 1] = "\n".join(marks)
    blocks, chrome = lay_out_text(pages, tables)
    return Document(Source(str(p), "pdf", None, digest, pages=len(pages)), blocks, laid_out=pages, chrome=chrome)


def _blank(text: str) -> bool:
    return len("".join(text.split())) < _MIN_PAGE_CHARS and TABLE_MARK not in text


def _folded(block: Block) -> Block:
    """An OCR block's text as normalize would leave it (fullwidth digits → ASCII…)."""
    if isinstance(block, Table):
        block.rows = [[clean_line(c) for c in row] for row in block.rows]
        block.title = clean_line(block.title) if block.title else block.title
    else:
        block.text = clean_line(block.text)
    return block


# PDFium is not thread-safe: one document at a time per process.
_PDFIUM_LOCK = threading.Lock()


def read_pdf_pages(p: Path, data: bytes) -> list[str]:
    """The text layer of each page (lines that start indented marked with an ideographic
    space; a ruled table as one placeholder line)."""
    with _PDFIUM_LOCK:
        return _pdf_pages(p, data, {})[0]


def _pdf_pages(p: Path, data: bytes, tables: dict[str, Block]) -> tuple[list[str], set[int]]:
    """Each page's text, ruled tables replaced by a placeholder line (the tables go into
    `tables`), and the (1-based) pages that hold an image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise UnreadableInput(f"{p}: not a readable PDF ({_pdf_reason(exc)}).") from None
    try:
        limits.check_pages(p, len(pdf))  # (its own sentence: past a limit, not unreadable)
    except UnreadableInput:
        pdf.close()
        raise
    try:
        pages = [_page_lines(pdf, i, tables) for i in range(len(pdf))]
        blank = [i for i, lines in enumerate(pages) if _blank("".join(line for line, _, _ in lines))]
        images = {i + 1 for i in blank  # only a page without text can be a scan to OCR
                  if next(pdf[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2), None) is not None}
    except Exception as exc:
        raise UnreadableInput(f"{p}: not a readable PDF ({_pdf_reason(exc)}).") from None
    finally:
        pdf.close()
    return _mark_indents(pages), images


def _page_lines(pdf, index: int, tables: dict[str, Table]) -> list[tuple[str, float | None, float]]:
    """A page's text lines, each with the x and width of its first character.

    pdfium hands back UTF-16; only broken surrogates from a damaged font map
    are dropped there, never real characters. Its text and character indices
    run in step, so a line's first character box can be looked up, and the
    lines inside a ruled table become one placeholder line for that table.
    """
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        in_step = len(text) == textpage.count_chars()
        found = find_tables(page) if in_step else []
        where = _place_chars(textpage, text, found) if found else {}
        placed: set[int] = set()
        lines, start = [], 0
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            size = len(line)  # in the page's text, whatever the line becomes
            owners = {where.get(k) for k in range(start, start + size) if not text[k].isspace()}
            if owners and None not in owners and len(owners) == 1:  # a line of a table
                t = owners.pop()
                if t not in placed:
                    placed.add(t)
                    key = f"{TABLE_MARK}\tblock{len(tables) + 1}"
                    tables[key] = Table(rows=found[t].rows(), loc=Location(page=index + 1))
                    lines.append((key, None, 0.0))
            else:
                left, width = None, 0.0
                if in_step and line[:1] and not line[:1].isspace():
                    x0, _, x1, _ = textpage.get_charbox(start)
                    left, width = x0, x1 - x0
                if in_step and (_GLUED.search(line) or _HEADER_LIKE.match(line)):
                    line = _split_glued(textpage, start, line)
                lines.append((line, left, width))
            start += size + (2 if in_step and text[start + size:start + size + 2] == "\r\n" else 1)
        return lines
    finally:
        textpage.close()
        page.close()


# Figures of neighbouring cells run together in the text layer: "1274.381342.49", "100%99.91%".
_GLUED = re.compile(r"\d\.\d+\.\d|%\d")
# …and the column names of its header: "项目年初预算数全年预算数全年执行数执行率".
_HEADER_LIKE = re.compile(r"^[^，。；;！？]{6,60}$")
_HEADER_WORD = re.compile(r"预算|执行|支出|决算|调整|完成|金额|项目|名称|科目")
_CELL_GAP = 0.3  # points between two characters' advance boxes: separately placed text


def _split_glued(textpage, start: int, line: str) -> str:
    """A table row whose cells the text layer glued together, cut where the characters were
    placed apart (their advance boxes do not touch), cells joined by tabs; else the line as is."""
    pieces, piece = [], ""
    prev_right = None
    for k, ch in enumerate(line):
        x0, _, x1, _ = textpage.get_charbox(start + k, loose=True)
        if piece and prev_right is not None and x0 - prev_right > _CELL_GAP and not ch.isspace():
            pieces.append(piece)
            piece = ""
        piece += ch
        prev_right = x1
    pieces.append(piece)
    pieces = [p.strip() for p in pieces if p.strip()]
    numeric = [bool(TABLE_VALUE.match(p)) for p in pieces]
    first = numeric.index(True) if True in numeric else len(pieces)
    if sum(numeric) >= 2 and all(numeric[first:]):
        return "\t".join(pieces)
    names = [p for p in pieces if 2 <= len(p) <= 16 and not TABLE_VALUE.match(p)]
    if len(pieces) >= 3 and len(names) == len(pieces) and sum(bool(_HEADER_WORD.search(p)) for p in pieces) >= 2:
        return "\t".join(pieces)  # a header row of column names
    return line


def _place_chars(textpage, text: str, found: list[PageTable]) -> dict[int, int]:
    """Give each character inside a table to its cell; index → the table it is in."""
    where: dict[int, int] = {}
    for k, ch in enumerate(text):
        if ch.isspace():
            continue
        x0, y0, x1, y1 = textpage.get_charbox(k)
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        for t, table in enumerate(found):
            if table.contains(x, y):
                table.add_char(x, y, k, ch)
                where[k] = t
                break
    return where


def _mark_indents(pages: list[list[tuple[str, float | None, float]]]) -> list[str]:
    """Page texts, with a leading ideographic space on lines that start indented.

    Chinese documents indent a paragraph's first line by two characters, by
    position rather than by spaces, so the text layer does not show it; the
    character boxes do. Line repair uses it to tell where paragraphs begin.
    """
    starts = [(left, width) for lines in pages for _, left, width in lines if left is not None]
    if len(starts) < 3:
        return ["\n".join(line for line, _, _ in lines) for lines in pages]
    margin = min(left for left, _ in starts)
    em = sorted(width for _, width in starts)[len(starts) // 2] or 1.0
    out = []
    for lines in pages:
        out.append("\n".join(
            ("\u3000" + line) if left is not None and 1.5 * em <= left - margin <= 4.5 * em else line
            for line, left, _ in lines))
    return out


def _pdf_reason(exc: Exception) -> str:
    msg = str(exc)
    if "password" in msg.lower():
        return "it is password-protected"
    if "(PDFium: " in msg:  # "Failed to load document (PDFium: Data format error)."
        return msg.split("(PDFium: ", 1)[1].rstrip(").").lower()
    return msg.rstrip(".") or type(exc).__name__


