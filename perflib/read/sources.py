"""Stage 1: a file on disk → its text, page by page, and where it came from.

Reads what government sites actually publish: ``.txt`` in UTF-8 (with or
without BOM), GBK/GB18030 or UTF-16; ``.pdf`` with a text layer (pypdfium2);
``.docx`` (python-docx, paragraphs and tables in document order).  Anything
else — missing, empty, corrupt, a scan without text, a legacy ``.doc`` —
raises :class:`UnreadableInput` with one plain sentence; library exceptions
never escape this module.
"""
from __future__ import annotations

import hashlib
import threading
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits

SUPPORTED = (".txt", ".pdf", ".docx")

# Magic numbers: the content decides the reader when it is unambiguous, so a
# report saved with the wrong extension (a .docx named .doc) is still read.
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls (Office 97-2003)

# Byte-order marks, longest first (UTF-32LE's BOM starts with UTF-16LE's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Any GB-family verdict is decoded as GB18030, their common superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "ms936", "euc_cn", "hz"}
_GB_MARGIN = 0.1  # chaos (share of odd characters) a GB guess may trail the best by
# A page with fewer visible characters than this carries no real text layer.
_MIN_PAGE_CHARS = 5


@dataclass
class Document:
    source: Source
    pages: list[str]  # a .docx is one page; a .txt is split at form feeds
    # True when each line is one of the document's own paragraphs (Word): line repair must not
    # join them; text and PDF lines are wherever the text happened to wrap.
    paragraphs: bool = False


def read_document(path: str | Path) -> Document:
    """Read a report file; raise UnreadableInput with a one-sentence reason."""
    p = Path(path)
    data = _read_bytes(p)
    digest = hashlib.sha256(data).hexdigest()
    kind = _kind(p, data)
    if kind == "pdf":
        pages = _read_pdf(p, data)
        return Document(Source(str(p), "pdf", None, digest, pages=len(pages)), pages)
    if kind == "docx":
        return Document(Source(str(p), "docx", None, digest), [_read_docx(p, data)], paragraphs=True)
    text, encoding = _decode_text(p, data)
    # pdftotext and friends separate pages with form feeds; keep them as pages
    # so that normalize can drop running headers and footers.
    return Document(Source(str(p), "txt", encoding, digest), text.split("\f"))


def _read_bytes(p: Path) -> bytes:
    if not p.exists():
        raise UnreadableInput(f"{p}: no such file.")
    if p.is_dir():
        raise UnreadableInput(f"{p}: is a folder, not a report file.")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED and suffix != ".doc":
        shown = suffix or "(none)"
        raise UnreadableInput(
            f"{p}: unsupported file type '{shown}' (expected .txt, .pdf or .docx)."
        )
    limits.check_file_size(p, limits.file_size(p))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    if not data.strip():
        raise UnreadableInput(f"{p}: the file is empty.")
    return data


def _kind(p: Path, data: bytes) -> str:
    """Which reader to use: the magic number first, then the extension."""
    if data.startswith(_PDF_MAGIC) or (p.suffix.lower() == ".pdf" and _PDF_MAGIC in data[:1024]):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        raise UnreadableInput(
            f"{p}: is a legacy Word 97-2003 (.doc) file; save it as .docx or PDF and try again."
        )
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        raise UnreadableInput(f"{p}: not a readable PDF (no PDF header found).")
    if data.lstrip().startswith(b"{\\rtf"):
        raise UnreadableInput(f"{p}: is an RTF document; save it as .docx or PDF and try again.")
    if suffix == ".doc":
        raise UnreadableInput(f"{p}: is not a Word .docx document; save it as .docx or PDF and try again.")
    if suffix == ".docx":
        raise UnreadableInput(f"{p}: not a Word .docx document (it is not a zip archive).")
    return "txt"


# --- .txt -----------------------------------------------------------------

def _decode_text(p: Path, data: bytes) -> tuple[str, str]:
    limits.check_text_bytes(p, len(data))
    text, encoding = _decode(p, data)
    limits.check_text(p, text)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableInput(f"{p}: the file contains no text.")
    if _looks_binary(text):
        raise UnreadableInput(f"{p}: is binary data, not text.")
    return text, encoding


def _decode(p: Path, data: bytes) -> tuple[str, str]:
    """Strict decoding only: a wrong guess must fail, not produce mojibake."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise UnreadableInput(
                    f"{p}: starts with a {encoding} byte-order mark but is not valid {encoding}."
                ) from None
    if b"\x00" in data:  # no text encoding without a BOM puts NUL bytes in Chinese prose
        raise UnreadableInput(f"{p}: is binary data, not text.")
    try:
        return data.decode("utf-8"), "utf-8"  # the fast, common path
    except UnicodeDecodeError:
        pass
    encoding = _detect(data)
    if encoding is None:
        raise UnreadableInput(
            f"{p}: the text encoding could not be recognised (the file may be damaged or not text)."
        )
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise UnreadableInput(f"{p}: the text is not valid {encoding}.") from None


def _detect(data: bytes) -> str | None:
    """Ask charset-normalizer; among its near-equal answers prefer GB18030.

    Reports are Simplified Chinese, and on a short text the detector often
    finds cp949 or Shift-JIS exactly as plausible as GBK (chaos ties), so a
    GB-family candidate within _GB_MARGIN of the best one wins.  Any GB-family
    answer is decoded as GB18030, the superset of GB2312 and GBK.
    """
    from charset_normalizer import from_bytes

    try:
        matches = list(from_bytes(data))
    except Exception:  # the detector must never turn bad bytes into a traceback
        return None
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if _norm(match.encoding) in _GB_FAMILY and match.chaos <= best.chaos + _GB_MARGIN:
            return "gb18030"
    return _norm(best.encoding)


def _norm(encoding: str) -> str:
    return encoding.lower().replace("-", "_")


def _looks_binary(text: str) -> bool:
    """Mostly control or unassigned characters: a binary file that happened to decode."""
    bad = sum(
        1 for ch in text
        if unicodedata.category(ch) in ("Cc", "Cn", "Cs") and ch not in "\t\n\r\f\v"
    )
    return bad > max(2, len(text) // 100)


# --- .pdf -----------------------------------------------------------------

# PDFium is not thread-safe: one document at a time per process.
_PDFIUM_LOCK = threading.Lock()


def _read_pdf(p: Path, data: bytes) -> list[str]:
    with _PDFIUM_LOCK:
        pages = _pdf_pages(p, data)
    if not pages:
        raise UnreadableInput(f"{p}: not a readable PDF (it has no pages).")
    if all(len("".join(t.split())) < _MIN_PAGE_CHARS for t in pages):
        raise UnreadableInput(
            f"{p}: the PDF has no text layer (a scanned image); it needs OCR before it can be read."
        )
    return pages


def _pdf_pages(p: Path, data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise UnreadableInput(f"{p}: not a readable PDF ({_pdf_reason(exc)}).") from None
    try:
        limits.check_pages(p, len(pdf))
        pages = [_page_lines(pdf, i) for i in range(len(pdf))]
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{p}: not a readable PDF ({_pdf_reason(exc)}).") from None
    finally:
        pdf.close()
    return _mark_indents(pages)


def _page_lines(pdf, index: int) -> list[tuple[str, float | None, float]]:
    """A page's text lines, each with the x and width of its first character.

    pdfium hands back UTF-16; only broken surrogates from a damaged font map
    are dropped there, never real characters. Its text and character indices
    run in step, so a line's first character box can be looked up.
    """
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        in_step = len(text) == textpage.count_chars()
        lines, start = [], 0
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            left, width = None, 0.0
            if in_step and line[:1] and not line[:1].isspace():
                x0, _, x1, _ = textpage.get_charbox(start)
                left, width = x0, x1 - x0
            lines.append((line, left, width))
            start += len(line) + (2 if in_step and text[start + len(line):start + len(line) + 2] == "\r\n" else 1)
        return lines
    finally:
        textpage.close()
        page.close()


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


# --- .docx ----------------------------------------------------------------

def _read_docx(p: Path, data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise UnreadableInput(f"{p}: is a zip archive but not a Word .docx document.")
            limits.check_zip(p, zf)  # before python-docx inflates anything
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):  # e.g. "zip file version 8.4"
        raise UnreadableInput(f"{p}: the .docx file is damaged (broken zip archive).") from None
    try:
        import docx

        body = docx.Document(BytesIO(data)).element.body
        return "\n".join(_block_lines(body))
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{p}: the .docx file is damaged ({_docx_reason(exc)}).") from None


def _docx_reason(exc: Exception) -> str:
    if type(exc).__name__ == "XMLSyntaxError":
        return "its text is not well-formed XML"
    if isinstance(exc, KeyError):
        return f"part {exc} is missing"
    return (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(".")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _block_lines(parent) -> list[str]:
    """Paragraphs and table rows of a body (or cell) in document order."""
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            lines.append(Paragraph(child, None).text)
        elif child.tag == _W + "tbl":
            lines.extend(_table_lines(child))
        elif child.tag == _W + "sdt":  # content controls wrap ordinary paragraphs
            content = child.find(_W + "sdtContent")
            if content is not None:
                lines.extend(_block_lines(content))
    return lines


def _table_lines(tbl) -> list[str]:
    """One line per row, cells joined by a tab; merged cells appear once."""
    lines = []
    for tr in tbl.iterchildren(_W + "tr"):
        cells = []
        for tc in tr.iterchildren(_W + "tc"):
            if tc.vMerge == "continue":  # the text belongs to the row above
                continue
            text = " ".join(t for t in _block_lines(tc) if t.strip())
            if text:
                cells.append(text)
        if cells:
            lines.append("\t".join(cells))
    return lines
