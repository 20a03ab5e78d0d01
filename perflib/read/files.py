"""Stage 1: a file on disk → its Document (blocks in reading order) and where it came from.

The content decides the reader when it is unambiguous (magic numbers), so a
report saved with the wrong extension (a .docx named .doc) is still read;
the extension decides the rest. Every reader lives in its own module
(text, pdf, docx, doc, html, excel); anything that cannot be read — missing,
empty, corrupt, a scan without text, a converter that is not installed —
raises :class:`UnreadableInput` with one plain sentence; library exceptions
never escape the readers.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Document, number_tables

SUPPORTED = (".txt", ".pdf", ".docx", ".doc", ".html", ".htm", ".xlsx", ".xls")

_PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls (Office 97-2003)
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<!--")


def read_document(path: str | Path) -> Document:
    """Read a report file into its Document; raise UnreadableInput with a one-sentence reason."""
    p = path if isinstance(path, Path) else Path(path)  # (a Path given is not parsed again)
    data = read_bytes(p)
    digest = hashlib.sha256(data).hexdigest()
    fmt = file_format(p, data)
    doc = _READERS[fmt](p, data, digest)
    doc.blocks = number_tables(doc.blocks)
    doc.source.ocr = doc.ocr_pages
    return doc


# Formats perflib does not read that reports do come in: what to save them as.
SAVE_AS = {".rtf": ("an RTF document", ".docx or PDF"), ".wps": ("a WPS Writer document", ".docx or PDF"),
           ".et": ("a WPS spreadsheet", ".xlsx"), ".ofd": ("an OFD document", "PDF")}


def _save_as(p: Path, suffix: str) -> UnreadableInput:
    what, instead = SAVE_AS[suffix]
    return UnreadableInput(f"{p}: is {what}; save it as {instead} and try again.")


def _missing(p: Path) -> str:
    """Why a path opens nothing: a link whose target is gone (an unmounted share, a moved folder)
    names that target, since the link itself is there to see."""
    try:
        target = os.readlink(p)
    except OSError:
        return f"{p}: no such file."
    return f"{p}: no such file (a link to {target}, which does not exist)."


def read_bytes(p: Path) -> bytes:
    try:
        st = p.stat()  # (one system call for: is it there, is it a folder, how big)
    except OSError:
        st = None
    if st is None:
        raise UnreadableInput(_missing(p))
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableInput(f"{p}: is a folder, not a report file.")
    if not stat.S_ISREG(st.st_mode):  # a link to /dev/zero has no size to check and no end; a pipe waits
        raise UnreadableInput(f"{p}: not a regular file (a device, a pipe or a socket), not a report file.")
    suffix = p.suffix.lower()
    if suffix in SAVE_AS:
        raise _save_as(p, suffix)
    if suffix not in SUPPORTED:
        shown = suffix or "(none)"
        raise UnreadableInput(
            f"{p}: unsupported file type '{shown}' (expected {', '.join(SUPPORTED)})."
        )
    limits.check_file_size(p, st.st_size)
    try:
        with open(p, "rb", buffering=0) as f:  # (unbuffered: the whole file in one read)
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:  # growing while read (a download still coming in): read to the limit
                data += f.read(limits.limit("file_mb") * limits.MB + 1 - len(data))
                limits.check_file_size(p, len(data))
    except OSError as exc:
        raise UnreadableInput(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    if not data.strip():
        raise UnreadableInput(f"{p}: the file is empty.")
    return data


def file_format(p: Path, data: bytes) -> str:
    """Which reader to use: the magic number first, then the extension."""
    suffix = p.suffix.lower()
    if data.startswith(_PDF_MAGIC) or (suffix == ".pdf" and _PDF_MAGIC in data[:1024]):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_format(p, data)
    if data.startswith(OLE_MAGIC):
        return _ole_format(p, data)
    if suffix == ".pdf":
        raise UnreadableInput(f"{p}: not a readable PDF (no PDF header found).")
    if data.lstrip().startswith(b"{\\rtf"):
        raise _save_as(p, ".rtf")  # (RTF saved under another name: .doc, say)
    if suffix == ".doc":
        raise UnreadableInput(f"{p}: is not a Word document; save it as .docx or PDF and try again.")
    if suffix == ".docx":
        raise UnreadableInput(f"{p}: not a Word .docx document (it is not a zip archive).")
    if suffix in (".xlsx", ".xls"):
        raise UnreadableInput(f"{p}: not an Excel workbook (neither an .xlsx zip archive nor an .xls file).")
    if suffix in (".html", ".htm") or _looks_like_html(data):
        return "html"
    return "txt"


def _zip_format(p: Path, data: bytes) -> str:
    import zipfile
    from io import BytesIO

    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
    except limits.ZIP_ERRORS:
        what = "Excel" if p.suffix.lower() in (".xlsx", ".xls") else "Word"
        raise UnreadableInput(f"{p}: the {what} file is damaged (broken zip archive).") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if p.suffix.lower() in (".xlsx", ".xls"):
        raise UnreadableInput(f"{p}: is a zip archive but not an Excel workbook.")
    raise UnreadableInput(f"{p}: is a zip archive but not a Word .docx document.")


def _ole_format(p: Path, data: bytes) -> str:
    """An Office 97-2003 compound file: a workbook or a Word document (its stream names say)."""
    from io import StringIO

    from xlrd.compdoc import CompDoc

    try:
        names = {entry.name for entry in CompDoc(data, logfile=StringIO()).dirlist}
    except Exception:  # xlrd's CompDocError and whatever a damaged directory raises
        raise UnreadableInput(f"{p}: the Office 97-2003 file is damaged (its internal directory "
                              "cannot be read).") from None
    if "EncryptedPackage" in names:  # an .xlsx/.docx saved with a password
        raise UnreadableInput(f"{p}: the file is password-protected; save it without a password and try again.")
    if "WordDocument" in names:
        return "doc"
    if names & {"Workbook", "Book"}:
        return "xls"
    raise UnreadableInput(f"{p}: is an Office 97-2003 file but neither a Word document nor an Excel workbook.")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_START) and b"<" in head


def _read_txt(p: Path, data: bytes, digest: str) -> Document:
    from .text import read_txt

    return read_txt(p, data, digest)


def _read_pdf(p: Path, data: bytes, digest: str) -> Document:
    from .pdf import read_pdf

    return read_pdf(p, data, digest)


def _read_docx(p: Path, data: bytes, digest: str) -> Document:
    from .docx import read_docx

    return read_docx(p, data, Source(str(p), "docx", None, digest))


def _read_doc(p: Path, data: bytes, digest: str) -> Document:
    from .doc import read_doc

    return read_doc(p, data, digest)


def _read_html(p: Path, data: bytes, digest: str) -> Document:
    from .html import read_html

    return read_html(p, data, digest)


def _read_xlsx(p: Path, data: bytes, digest: str) -> Document:
    from .excel import read_xlsx

    return read_xlsx(p, data, digest)


def _read_xls(p: Path, data: bytes, digest: str) -> Document:
    from .excel import read_xls

    return read_xls(p, data, digest)


_READERS = {"txt": _read_txt, "pdf": _read_pdf, "docx": _read_docx, "doc": _read_doc,
            "html": _read_html, "xlsx": _read_xlsx, "xls": _read_xls}
