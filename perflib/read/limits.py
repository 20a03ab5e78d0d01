"""What a reader may spend on one file: every limit in one place.

A hostile or broken file (a zip bomb, a PDF of 5 000 blank pages, HTML nested 100 000 deep) must
end in exit 2 naming the limit, within seconds, not hang a batch or eat the machine's memory. Each
reader calls the `check_…` helper for what it is about to do *before* doing it; every helper
raises :class:`UnreadableInput` with one sentence naming the file, the limit and the variable that
changes it.

| variable                         | limit                                                  | default |
|----------------------------------|--------------------------------------------------------|---------|
| PERFLIB_MAX_FILE_MB              | size of an input file                                  | 200 MB |
| PERFLIB_MAX_TEXT_CHARS           | characters of text after decoding (.txt, .html, …)     | 10 000 000 |
| PERFLIB_MAX_PDF_PAGES            | pages of a PDF                                         | 1 000 |
| PERFLIB_MAX_OCR_PAGES            | pages read by OCR in one file                          | 300 |
| PERFLIB_MAX_ZIP_MB               | decompressed size of a zip container (.docx, .xlsx)    | 256 MB |
| PERFLIB_MAX_ZIP_MEMBER_MB        | decompressed size of one part of it                    | 64 MB |
| PERFLIB_MAX_ZIP_RATIO            | compression ratio of a part bigger than 1 MB           | 200 |
| PERFLIB_MAX_ZIP_ENTRIES          | parts in a zip container                               | 10 000 |
| PERFLIB_MAX_HTML_MB              | size of an HTML page                                   | 50 MB |
| PERFLIB_MAX_HTML_DEPTH           | nesting depth of HTML elements                         | 512 |
| PERFLIB_MAX_CELLS                | cells of a workbook (.xlsx, .xls), all sheets          | 200 000 |

XML with a DTD (`<!DOCTYPE`, `<!ENTITY`) is always refused: Office files never carry one, and
entity declarations are how an XML file expands to gigabytes.

The time and memory a batch gives one report are `perflib batch --timeout/--max-memory`
(perflib.run.budget); these limits hold for `perflib parse` and `render` too.
"""
from __future__ import annotations

import os
import re
import io
import zipfile
from dataclasses import dataclass, fields

from ..errors import UnreadableInput

MB = 1024 * 1024
RATIO_FLOOR = MB  # a part smaller than this may compress as well as it likes


@dataclass(frozen=True)
class Limits:
    file_mb: int = 200
    text_chars: int = 10_000_000
    pdf_pages: int = 1_000
    ocr_pages: int = 300
    zip_mb: int = 256
    zip_member_mb: int = 64
    zip_ratio: int = 200
    zip_entries: int = 10_000
    html_mb: int = 50
    html_depth: int = 512
    cells: int = 200_000


DEFAULTS = Limits()


def env_name(field: str) -> str:
    """'zip_member_mb' → 'PERFLIB_MAX_ZIP_MEMBER_MB'."""
    return "PERFLIB_MAX_" + field.upper()


def current() -> Limits:
    """The defaults, each replaced by its PERFLIB_MAX_… variable when set (read on every call, so
    a test or a batch worker can change them)."""
    return Limits(**{f.name: limit(f.name) for f in fields(Limits)})


_ENV_NAMES = {f.name: env_name(f.name) for f in fields(Limits)}  # (each limit's variable, named once)


def limit(field: str) -> int:
    """One limit in force: its PERFLIB_MAX_… variable when set, else the default. Read on every
    call, and only the one variable: a check before each read costs next to nothing."""
    raw = os.environ.get(_ENV_NAMES.get(field) or env_name(field))
    if raw is None:  # (no variable set: most calls, nothing to clean)
        return getattr(DEFAULTS, field)
    raw = raw.strip().replace("_", "")
    if not raw:
        return getattr(DEFAULTS, field)
    try:
        value = int(raw)
    except ValueError:
        raise UnreadableInput(f"{env_name(field)}={raw!r} is not a whole number.") from None
    if value <= 0:
        raise UnreadableInput(f"{env_name(field)}={raw!r} must be a positive number.")
    return value


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _refuse(path, what: str, field: str, shown: str) -> UnreadableInput:
    return UnreadableInput(f"{path}: {what}, over the limit of {shown} ({env_name(field)} changes it).")


def _size(n: int) -> str:
    """Bytes as a reader counts them: 0.0 MB says nothing of a text of 400 bytes."""
    return f"{n:,} bytes" if n < MB // 10 else _mb(n)


def _mb(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n < 10 * MB else f"{n / MB:,.0f} MB"


# --- any file ------------------------------------------------------------------------------
def check_file_size(path, size: int) -> None:
    """Before reading a file: its size in bytes."""
    file_mb = limit("file_mb")
    if size > file_mb * MB:
        raise _refuse(path, f"the file is {_mb(size)}", "file_mb", f"{file_mb} MB")


def check_text_bytes(path, nbytes: int) -> None:
    """Before decoding text: no encoding uses more than 4 bytes a character, so more bytes than
    4 × the character limit cannot decode within it (and decoding them would be slow)."""
    text_chars = limit("text_chars")
    if nbytes > 4 * text_chars:
        raise _refuse(path, f"the text is {_size(nbytes)}", "text_chars", f"{text_chars:,} characters")


def check_chars(path, n: int) -> None:
    """Before decoding: the number of characters a file declares (a Word .doc's FIB)."""
    text_chars = limit("text_chars")
    if n > text_chars:
        raise _refuse(path, f"the text has {n:,} characters", "text_chars", f"{text_chars:,} characters")


def check_text(path, text: str) -> None:
    """After decoding: the number of characters."""
    text_chars = limit("text_chars")
    if len(text) > text_chars:
        raise _refuse(path, f"the text has {len(text):,} characters", "text_chars",
                      f"{text_chars:,} characters")


# --- pages -------------------------------------------------------------------------------------
def check_pages(path, n: int) -> None:
    """Before extracting a PDF's text: its page count."""
    pdf_pages = limit("pdf_pages")
    if n > pdf_pages:
        raise _refuse(path, f"the PDF has {n:,} pages", "pdf_pages", _count(pdf_pages, "page"))


def check_ocr_pages(path, n: int) -> None:
    """Before OCR: the number of pages that would be read by OCR."""
    ocr_pages = limit("ocr_pages")
    if n > ocr_pages:
        raise _refuse(path, f"{n:,} pages would need OCR", "ocr_pages", _count(ocr_pages, "OCR page"))


# --- zip containers (.docx, .xlsx) ---------------------------------------------------------------
def check_zip(path, zf: zipfile.ZipFile) -> None:
    """Before inflating anything: the central directory's sizes (entries, per part, total, ratio);
    then every XML part read through a bounded reader (a lying directory cannot make it inflate
    more than it declared) and refused if it declares a DTD or entities."""
    lim = current()
    infos = zf.infolist()
    if len(infos) > lim.zip_entries:
        raise _refuse(path, f"the archive has {len(infos):,} parts", "zip_entries", f"{lim.zip_entries:,} parts")
    total = 0
    for info in infos:
        if info.file_size > lim.zip_member_mb * MB:
            raise _refuse(path, f"its part {info.filename} inflates to {_mb(info.file_size)}",
                          "zip_member_mb", f"{lim.zip_member_mb} MB per part")
        if info.file_size > RATIO_FLOOR and info.file_size > lim.zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise _refuse(path, f"its part {info.filename} is compressed {ratio:,.0f} to 1 (a zip bomb?)",
                          "zip_ratio", f"{lim.zip_ratio} to 1")
        total += info.file_size
    if total > lim.zip_mb * MB:
        raise _refuse(path, f"the archive inflates to {_mb(total)}", "zip_mb", f"{lim.zip_mb} MB")
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            check_xml(path, read_member(path, zf, info), info.filename)


# What zipfile raises on a damaged archive (a bit flip can ask for "zip file version 8.4").
ZIP_ERRORS = (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError)


def check_zip_bytes(path, data: bytes, what: str) -> None:
    """check_zip on a container held in memory (.docx, .xlsx); a broken archive is damaged `what`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(path, zf)
    except ZIP_ERRORS:
        raise UnreadableInput(f"{path}: the {what} file is damaged (broken zip archive).") from None


def read_member(path, zf: zipfile.ZipFile, info: zipfile.ZipInfo | str) -> bytes:
    """A part's bytes, inflated in chunks and never more than it declares (nor than the per-part
    limit), whatever the data really holds."""
    if isinstance(info, str):
        info = zf.getinfo(info)
    cap = min(info.file_size, current().zip_member_mb * MB)
    chunks, got = [], 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(min(MB, cap + 1 - got))
                if not chunk:
                    break
                got += len(chunk)
                if got > cap:
                    raise UnreadableInput(f"{path}: its part {info.filename} holds more than the "
                                          f"{_mb(cap)} its zip directory declares (a zip bomb?).")
                chunks.append(chunk)
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:  # RuntimeError: an encrypted part
        raise UnreadableInput(f"{path}: the archive is damaged ({info.filename}: "
                              f"{(str(exc) or type(exc).__name__).rstrip('.')}).") from None
    except Exception as exc:  # zlib.error and friends: damaged, never a traceback
        raise UnreadableInput(f"{path}: the archive is damaged ({info.filename}: {type(exc).__name__}).") from None
    return b"".join(chunks)


# --- XML and HTML ---------------------------------------------------------------------------------
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
                   for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def check_xml(path, data: bytes, name: str = "") -> None:
    """Refuse XML that declares a DTD or entities (the billion-laughs family)."""
    if any(mark in data for mark in _DTD_MARKS):
        where = f"its part {name}" if name else "its XML"
        raise UnreadableInput(f"{path}: {where} declares a DTD or entities, which perflib refuses "
                              "(Office files never need one; entity expansion can exhaust memory).")


_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr basefont "
                  b"bgsound frame keygen isindex".split())
# Closed implicitly by the next sibling: an unclosed <p> or <td> is not nesting.
_OPTIONAL_END = frozenset(b"p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption "
                          b"rb rt rp html head body".split())
_SKIP = re.compile(rb"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:_-]*)[^>]*?(/?)>")


def html_depth(data: bytes | str) -> int:
    """How deeply elements nest, by a scan of the tags (no parse, no tree): a closing tag closes
    everything opened since its opening tag; void and optional-end elements do not nest."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    stack: list[bytes] = []
    open_count: dict[bytes, int] = {}
    deepest = 0
    pos = 0
    for m in _SKIP.finditer(data):  # comments, scripts and styles hold no elements
        deepest = _scan(data[pos:m.start()], stack, open_count, deepest)
        pos = m.end()
    return _scan(data[pos:], stack, open_count, deepest)


def _scan(chunk: bytes, stack: list, open_count: dict, deepest: int) -> int:
    for m in _TAG.finditer(chunk):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
        elif not selfclosing and name not in _VOID and name not in _OPTIONAL_END:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            deepest = max(deepest, len(stack))
    return deepest


def check_html(path, data: bytes | str) -> None:
    """Before parsing HTML: its size, then its nesting depth (a cheap scan)."""
    lim = current()
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > lim.html_mb * MB:
        raise _refuse(path, f"the HTML page is {_mb(size)}", "html_mb", f"{lim.html_mb} MB")
    depth = html_depth(data)
    if depth > lim.html_depth:
        raise _refuse(path, f"its HTML nests {depth:,} elements deep", "html_depth",
                      f"{lim.html_depth:,} levels")


# --- workbooks --------------------------------------------------------------------------------------
def check_cells(path, n: int) -> None:
    """Before reading a workbook's cells: how many there are (all sheets; a sheet's dimension or
    row × column count is enough, empty formatted cells included)."""
    cells = limit("cells")
    if n > cells:
        raise _refuse(path, f"the workbook has {n:,} cells", "cells", f"{cells:,} cells")


def describe() -> list[tuple[str, str, int]]:
    """(variable, field, value in force) for every limit: for --help and the README."""
    lim = current()
    return [(env_name(f.name), f.name, getattr(lim, f.name)) for f in fields(Limits)]
