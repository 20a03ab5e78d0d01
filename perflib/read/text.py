"""Plain-text reports: decoding, and text → blocks.

Reads ``.txt`` in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; a
wrong guess must fail, never produce mojibake. The text, page by page (form
feeds), goes through the layout step (layout.py): site chrome set apart,
flattened tables rebuilt as Table blocks, the rest joined into paragraphs.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Document, Paragraph, number_tables
from .layout import lay_out_blocks, lay_out_text

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


def read_txt(p: Path, data: bytes, digest: str) -> Document:
    text, encoding = decode_text(p, data)
    # pdftotext and friends separate pages with form feeds; keep them as pages
    # so that normalize can drop running headers and footers.
    pages = text.split("\f")
    blocks, chrome = lay_out_text(pages, blank_breaks=True)
    return Document(Source(str(p), "txt", encoding, digest), blocks, laid_out=pages, chrome=chrome)


def document_from_text(text: str, source: Source) -> Document:
    """A Document from text already normalized (a paragraph per line): chrome set apart and
    tables rebuilt by the layout step."""
    blocks, chrome = lay_out_blocks([Paragraph(line.strip()) for line in text.split("\n") if line.strip()])
    return Document(source, number_tables(blocks), chrome=chrome)


# --- decoding ---------------------------------------------------------------------------

def decode_text(p: Path, data: bytes) -> tuple[str, str]:
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
    encoding = detect_encoding(data)
    if encoding is None:
        raise UnreadableInput(
            f"{p}: the text encoding could not be recognised (the file may be damaged or not text)."
        )
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise UnreadableInput(f"{p}: the text is not valid {encoding}.") from None


def detect_encoding(data: bytes) -> str | None:
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


_SPACES = str.maketrans("", "", "\t\n\r\f\v \u3000\xa0")


def _looks_binary(text: str) -> bool:
    """Mostly control or unassigned characters: a binary file that happened to decode."""
    if text.translate(_SPACES).isprintable():  # the common case: no Cc/Cn/Cs character at all
        return False
    bad = sum(
        1 for ch in text
        if unicodedata.category(ch) in ("Cc", "Cn", "Cs") and ch not in "\t\n\r\f\v"
    )
    return bad > max(2, len(text) // 100)


