"""Plain-text reports: decoding, and text → blocks.

Reads ``.txt`` in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; a
wrong guess must fail, never produce mojibake. The text, page by page (form
feeds), goes through the layout step (layout.py): site chrome set apart,
flattened tables rebuilt as Table blocks, the rest joined into paragraphs.
"""
from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Document, Paragraph, number_tables
from .layout import lay_out_blocks, lay_out_text
from .normalize import pages_at_page_numbers

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
    warnings: list[str] = []
    text, encoding = decode_text(p, data, warnings)
    # pdftotext and friends separate pages with form feeds; keep them as pages
    # so that normalize can drop running headers and footers.
    pages = text.split("\f") if "\f" in text else pages_at_page_numbers(text)  # (a copy of a PDF's text: its footers)
    blocks, chrome = lay_out_text(pages, blank_breaks=True)
    return Document(Source(str(p), "txt", encoding, digest), blocks, warnings=warnings, laid_out=pages,
                    chrome=chrome)


def document_from_text(text: str, source: Source) -> Document:
    """A Document from text already normalized (a paragraph per line): chrome set apart and
    tables rebuilt by the layout step."""
    blocks, chrome = lay_out_blocks([Paragraph(line.strip()) for line in text.split("\n") if line.strip()])
    return Document(source, number_tables(blocks), chrome=chrome)


# --- decoding ---------------------------------------------------------------------------

def decode_text(p: Path, data: bytes, warnings: list[str] | None = None) -> tuple[str, str]:
    """The text of a file and its encoding. A file damaged in a few places (cut in the middle of
    a character, a corrupted byte) is read with those places replaced by U+FFFD, the digits of
    their sentences blanked too (a figure there is unread, never misread), and a sentence naming
    the lines and byte offsets is appended to `warnings`."""
    limits.check_text_bytes(p, len(data))
    text, encoding, damage = decode_bytes(p, data)
    limits.check_text(p, text)
    if damage:
        text = blank_damaged_figures(text, [at for at, _, _ in damage])
        if warnings is not None:
            warnings.append(damage_warning(text, encoding, damage))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableInput(f"{p}: the file contains no text.")
    if _looks_binary(text):
        raise UnreadableInput(f"{p}: is binary data, not text.")
    return text, encoding


# A damaged place: (index of its U+FFFD in the text, first byte, byte after it).
Damage = tuple[int, int, int]

_NON_UTF8 = ("gb18030", "cp950")  # the other encodings Chinese reports come in (cp950: Big5 as Windows writes it)
_FAMILY = {"gb18030": "gb", "cp950": "big5", "big5": "big5", "big5hkscs": "big5"}  # detector answers
# the encoding of the text after each byte-order mark (the mark itself cut off)
_BOM_BODY = {b"\xff\xfe\x00\x00": "utf-32-le", b"\x00\x00\xfe\xff": "utf-32-be", b"\xef\xbb\xbf": "utf-8",
             b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_DAMAGE_PER_NON_ASCII = 100  # a damaged place allowed per this many non-ASCII characters read
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")  # never in text, never inside a multi-byte character
_CONTROL_BYTE_SET = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"  # (the same bytes)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_bytes(p: Path, data: bytes) -> tuple[str, str, list[Damage]]:
    """(text, encoding, damaged places) of a file's bytes. Strict decoding first: a wrong guess
    must fail, not produce mojibake. Only when no encoding reads the whole file is it read as
    damaged — see _read_damaged for when."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError:
                found = _read_damaged(data[len(bom):], _BOM_BODY[bom], skipped=len(bom))
                if found is None:
                    raise UnreadableInput(
                        f"{p}: starts with a {encoding} byte-order mark but is not valid {encoding}."
                    ) from None
                return found[0], encoding, found[1]
    controls = _has_control_bytes(data)
    if not controls:
        try:
            return data.decode("utf-8"), "utf-8", []  # the fast, common path
        except UnicodeDecodeError:
            pass
    guess = detect_encoding(data)
    # A reading of the whole file in the detected encoding with no control character in it (an
    # ISO-2022 file has escape bytes, and they are its encoding's, not damage).
    whole = guess is not None and _reads_clean(data, guess)
    if whole and _FAMILY.get(guess, guess) in ("gb", "big5"):
        return _strict(p, data, guess)
    # Not a Chinese encoding as it stands: a Chinese file damaged in a few places, or else
    # what the detector said (a file in another language), or nothing.
    for encoding in ("utf-8", *_NON_UTF8):
        found = _read_damaged(data, encoding)
        if found is not None:
            return found[0], encoding, found[1]
    if guess is not None and (whole or not controls):
        return _strict(p, data, guess)
    if controls:  # NUL and other control bytes: no text encoding without a BOM has them in Chinese prose
        raise UnreadableInput(f"{p}: is binary data, not text.")
    raise UnreadableInput(
        f"{p}: the text encoding could not be recognised (the file may be damaged or not text)."
    )


def _has_control_bytes(data: bytes) -> bool:
    """Any byte of _CONTROL_BYTES in `data` (bytes.translate drops them far faster than the regex finds one)."""
    return len(data.translate(None, _CONTROL_BYTE_SET)) != len(data)


def _reads_clean(data: bytes, encoding: str) -> bool:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return not _CONTROL_CHARS.search(text)


def _strict(p: Path, data: bytes, encoding: str) -> tuple[str, str, list[Damage]]:
    try:
        return data.decode(encoding), encoding, []
    except (UnicodeDecodeError, LookupError):
        raise UnreadableInput(f"{p}: the text is not valid {encoding}.") from None


def _read_damaged(data: bytes, encoding: str, skipped: int = 0) -> tuple[str, list[Damage]] | None:
    """The text of `data` in `encoding` with its damaged places replaced, or None when it is not
    a file of that encoding damaged in a few places (`skipped`: bytes before `data` in the file,
    a byte-order mark).

    A damaged place is a run of bytes the encoding cannot decode (a character cut short, a
    corrupted byte) or a control byte (NUL …), which no text holds. It is read only when

    - there is at most one damaged place per 100 non-ASCII characters read, at least one allowed:
      a file read in a wrong encoding fails on far more (GBK read as UTF-8, about every other
      character; UTF-8 read as GB18030 or GBK as Big5, one in 20–30), and so does binary data;
      a download cut short or a bad copy damages a handful of places;
    - for an encoding other than UTF-8, the strict detector that judges an undamaged file
      names this encoding for the file with its damaged lines cut out (GB18030 and Big5
      decode much of any byte soup, so their error count alone proves little).
    """
    most = max(1, len(data) // _DAMAGE_PER_NON_ASCII)  # more than the rule below allows, whatever the text
    spans = _undecodable(data, encoding, stop_after=4 * most)  # (a UTF-8 place may be several errors)
    if spans is None or len(_merge(spans)) > most:
        return None
    if encoding in _NON_UTF8:
        spans = _realigned(data, encoding, spans)
    if encoding in ("utf-8", *_NON_UTF8):  # ASCII-compatible: a control byte stands alone
        spans = sorted(spans + [(m.start(), m.end()) for m in _CONTROL_BYTES.finditer(data)])
    if not spans:
        return None  # nothing damaged: the strict reading refused this encoding for a reason
    places = _merge(spans)
    kept = [data[a:b] for a, b in zip([0] + [e for _, e in places], [s for s, _ in places] + [len(data)])]
    pieces: list[str] = []
    damage: list[Damage] = []
    length = 0
    try:
        for piece, (start, end) in zip(kept, places + [(len(data), len(data))]):
            pieces.append(piece.decode(encoding))
            length += len(pieces[-1])
            if start < len(data):
                damage.append((length, skipped + start, skipped + end))
                pieces.append("\ufffd")
                length += 1
    except UnicodeDecodeError:
        return None
    text = "".join(pieces)
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - len(places)
    if not text.replace("\ufffd", "").strip() or len(places) > max(1, non_ascii // _DAMAGE_PER_NON_ASCII):
        return None
    if encoding in _NON_UTF8 and _FAMILY.get(detect_encoding(_without_damaged_lines(data, places)) or "") \
            != _FAMILY[encoding]:
        return None
    return text, damage


def _realigned(data: bytes, encoding: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Damaged places of a double-byte encoding, the reading realigned after each. A lost lead
    byte leaves its trail byte to pair with the next character's lead, and so on until the next
    ASCII byte: wrong characters, the line's 。 eaten, and an error at the end of the run. So
    after an error the reading resumes one byte further when that reads more of the line
    cleanly, and an error of the first pass that the realigned reading does not meet is no
    damaged place. (A newline is never part of a character in these encodings.)"""
    out: list[tuple[int, int]] = []
    starts = [s for s, _ in spans]
    at = i = 0  # the reading's position; the next error of the first pass
    while i < len(starts):
        s = starts[i]
        if s < at:
            i += 1
            continue
        line_end = data.find(b"\n", s)
        line_end = len(data) if line_end < 0 else line_end
        bad = _first_error(data, max(at, data.rfind(b"\n", 0, s) + 1), min(line_end, s + 8), line_end, encoding)
        if bad is None:
            i += 1  # the realigned reading passes it: it was the end of a misaligned run
            continue
        one = _first_error(data, bad + 1, min(line_end, bad + 1 + _WINDOW), line_end, encoding)
        two = _first_error(data, bad + 2, min(line_end, bad + 2 + _WINDOW), line_end, encoding)
        if one is None and two is None:  # both read on cleanly: the one that reads like prose
            further = _prose_marks(data, bad + 2, line_end, encoding) > _prose_marks(data, bad + 1, line_end, encoding)
        else:
            further = one is not None and (two is None or two > one)
        at = bad + 2 if further else bad + 1
        out.append((bad, at))
    return out


_PROSE_MARKS = re.compile("[，。、；：“”（）《》]")


def _prose_marks(data: bytes, start: int, line_end: int, encoding: str, length: int = 512) -> int:
    """How many of Chinese prose's commonest marks (，。、 …) a reading from `start` meets:
    a misaligned reading pairs trail bytes with lead bytes and meets almost none."""
    return len(_PROSE_MARKS.findall(data[start:min(line_end, start + length)].decode(encoding, "replace")))


_WINDOW = 1024  # bytes looked at after a damaged place: a misaligned run ends at the next ASCII byte


def _first_error(data: bytes, start: int, end: int, line_end: int, encoding: str) -> int | None:
    """Where decoding data[start:end] first fails; None when it does not (a character cut by
    `end` before the line's end does not count)."""
    try:
        data[start:end].decode(encoding)
        return None
    except UnicodeDecodeError as exc:
        at = start + exc.start
        return None if end < line_end and at >= end - 4 else at


def _without_damaged_lines(data: bytes, places: list[tuple[int, int]]) -> bytes:
    """The bytes with every line holding a damaged place cut out: a corrupted lead byte of a
    double-byte encoding pairs the bytes after it wrongly until the next ASCII byte (at the latest
    the line's end), so the damaged line may hold a few wrong characters before its error. The
    damaged places alone when that leaves too little to judge."""
    keep, at = [], 0
    for start, end in places:
        if start < at:
            continue
        line_start = data.rfind(b"\n", at, start) + 1 or at
        line_end = data.find(b"\n", end)
        keep.append(data[at:line_start])
        at = len(data) if line_end < 0 else line_end + 1
    keep.append(data[at:])
    rest = b"".join(keep)
    if len(rest) >= len(data) // 2:
        return rest
    return b"".join(data[a:b] for a, b in zip([0] + [e for _, e in places], [s for s, _ in places] + [len(data)]))


class _TooMany(Exception):
    """More undecodable bytes than a damaged file can have: not this encoding."""


def _undecodable(data: bytes, encoding: str, stop_after: int) -> list[tuple[int, int]] | None:
    """The byte spans `encoding` cannot decode, in one pass (the error handler notes them);
    None past `stop_after` of them (a wrong encoding fails on nearly every character: no need
    to note them all)."""
    _NOTED.spans, _NOTED.stop_after = [], stop_after
    # A double-byte codec reports a lead byte and the byte after it as one error even when that
    # byte is ASCII (a newline, a digit): only the lead byte is taken, the next is read again.
    _NOTED.lead_only = _norm(encoding) in _NON_UTF8
    try:
        data.decode(encoding, errors=_NOTE_ERRORS)
        return _NOTED.spans
    except _TooMany:
        return None
    finally:
        _NOTED.spans = None


def _note_error(exc: UnicodeDecodeError):
    end = exc.start + 1 if _NOTED.lead_only else exc.end
    _NOTED.spans.append((exc.start, end))
    if len(_NOTED.spans) > _NOTED.stop_after:
        raise _TooMany
    return "", end


_NOTED = threading.local()
_NOTE_ERRORS = "perflib-note"
codecs.register_error(_NOTE_ERRORS, _note_error)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Touching or overlapping byte spans as one place."""
    out: list[list[int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


# A damaged place may have taken a digit, a point, a unit or the label that says what a figure
# is: the digits of its sentence (or table row) are blanked, so no figure there is read.
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_DIGIT = re.compile(r"[0-9０-９]")


def blank_digits(text: str) -> str:
    return _DIGIT.sub("\ufffd", text)


def blank_damaged_figures(text: str, at: list[int], sentence_end: re.Pattern = _SENTENCE_END,
                          blank=blank_digits) -> str:
    """The digits of each sentence holding a damaged place (`at`: indexes of its U+FFFD) blanked.
    `sentence_end` and `blank`: what ends a sentence and how its digits go (an HTML page: its
    block tags end one too, and the digits of its tags stay)."""
    pieces, done = [], 0
    for i in at:
        if i < done:
            continue  # in the sentence just blanked
        start = max(done, max((m.end() for m in sentence_end.finditer(text, max(done, i - 2000), i)),
                              default=max(done, i - 2000)))
        end = sentence_end.search(text, i + 1)
        end = end.start() if end else len(text)
        pieces.append(text[done:start])
        pieces.append(blank(text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def damage_warning(text: str, encoding: str, damage: list[Damage]) -> str:
    shown = []
    for at, start, end in damage[:5]:
        line = text.count("\n", 0, at) + 1
        where = f"byte {start:,}" if end - start == 1 else f"bytes {start:,}–{end - 1:,}"
        shown.append(f"line {line} ({where})")
    more = f" and {len(damage) - 5} more" if len(damage) > 5 else ""
    n = len(damage)
    return (f"damaged text: {n} place{'s' if n > 1 else ''} could not be read as {encoding} and "
            f"{'were' if n > 1 else 'was'} replaced by \ufffd: {', '.join(shown)}{more}; "
            "the figures of those sentences are not read")


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


_SPACES = "\t\n\r\f\v \u3000\xa0"


def _looks_binary(text: str) -> bool:
    """Mostly control or unassigned characters: a binary file that happened to decode."""
    if text.replace("\n", " ").replace("\t", " ").isprintable():
        return False  # (the whole text asked at once: line ends and tabs aside, most texts are printable)
    for line in text.split("\n"):  # (line by line: most lines are printable as they are, nothing to drop)
        if not line.isprintable():
            for space in _SPACES:  # (str.replace, one character at a time, is the fastest way to drop them)
                line = line.replace(space, "")
            if not line.isprintable():
                break
    else:
        return False  # the common case: no Cc/Cn/Cs character at all
    bad = sum(
        1 for ch in text
        if unicodedata.category(ch) in ("Cc", "Cn", "Cs") and ch not in "\t\n\r\f\v"
    )
    return bad > max(2, len(text) // 100)


