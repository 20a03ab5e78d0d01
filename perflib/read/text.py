"""Plain-text reports: decoding, and text → blocks.

Reads ``.txt`` in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; a
wrong guess must fail, never produce mojibake. Text (from a .txt or a PDF's
text layer) becomes Paragraph blocks, a paragraph per normalized line, and
Table blocks where rows of a table were flattened into text: cells apart by
tabs or spaces (normalize keeps such rows one per line), or one cell per line
with a header row of column names telling how many cells make a row.
"""
from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from itertools import accumulate
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Block, Document, Paragraph, Table, number_tables
from .normalize import TABLE_VALUE, fold_chars, is_table_line, normalize

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
    pages = [unflatten_cells(join_split_headers(pipe_rows(fold_chars(page)))) for page in text.split("\f")]
    return Document(Source(str(p), "txt", encoding, digest), blocks_from_text(normalize(pages)),
                    warnings=warnings, laid_out=text.split("\f"))


def document_from_text(text: str, source: Source) -> Document:
    """A Document from text already normalized (a paragraph per line)."""
    return Document(source, number_tables(blocks_from_text(text)))


# A line standing for a block read apart (a PDF's ruled table, an OCR'd paragraph): this mark, a tab,
# "block" and its number (no bare number: that would look like a page number to normalize).
TABLE_MARK = "\ue000"


def blocks_from_text(text: str, tables: dict[str, Table] | None = None) -> list[Block]:
    """Normalized lines → Paragraph blocks, runs of table rows → Table blocks; a placeholder
    line of `tables` (whitespace as normalize left it) → that table."""
    by_line = {" ".join(k.split()): t for k, t in (tables or {}).items()}
    blocks: list[Block] = []
    for line in text.split("\n"):
        line = line.strip()
        if line in by_line:
            blocks.append(by_line[line])
        elif line:
            blocks.append(Paragraph(line))
    return rebuild_tables(blocks)


def rebuild_tables(blocks: list[Block]) -> list[Block]:
    """Runs of two or more paragraphs that are table rows flattened to text → one Table each."""
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush():
        if len(run) >= 2:
            out.append(Table(rows=_text_rows([p.text for p in run]), loc=run[0].loc))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and is_table_line(block.text):
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return out


def _text_rows(lines: list[str]) -> list[list[str]]:
    """Cells of flattened rows: the words before a row's first figure are its label."""
    rows = []
    for line in lines:
        cells = line.split()
        k = next((n for n, c in enumerate(cells) if TABLE_VALUE.match(c)), len(cells))
        rows.append(cells if k == len(cells) else ["".join(cells[:k])] + cells[k:])
    head, body = rows[0], rows[1:]
    if body and all(len(r) == len(head) + 1 for r in body if r[0]):
        rows[0] = [""] + head  # the header names the value columns only
    return rows


# --- rows written with "|" between cells -----------------------------------------------------
_PIPE_ROW = re.compile(r"\|.*\||\|\s*$")  # two bars, or a cell closed by one at the line end
_NOT_A_ROW = re.compile(r"首页|当前位置|您的位置|所在位置")  # a web page's menu or breadcrumb
_RULE = re.compile(r"^[\s|:：\-—–=+]*$")  # a markdown rule "|---|---|"


def pipe_rows(text: str) -> str:
    """Rows with "|" between cells → tab-separated rows, so they stay one row per line.

    A "label | value" pair stays as it is. An empty cell between cells becomes "—" (no
    figure) so the cells after it keep their columns; empty cells at the row's end are dropped.
    """
    out = []
    for line in text.split("\n"):
        if not _PIPE_ROW.search(line) or _NOT_A_ROW.search(line):
            out.append(line)
            continue
        if _RULE.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) == 2:  # a "label | value" pair of a form: read as prose
            out.append(line)
            continue
        out.append("\t".join(c or "—" for c in cells))
    return "\n".join(out)


# --- a header row split over two lines -----------------------------------------------------
def join_split_headers(text: str) -> str:
    """Two lines of column names, one under the other ("年初" over "预算数") → one header row.

    Only space-aligned text, where a word stands above or below the column it
    belongs to: each word of the line with fewer words joins the word of the
    other line its printed span overlaps; a word overlapping none, or two words
    on one, and the lines are left alone. The pair must be followed by a row of figures.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 2 < len(lines):
            merged = _merge_header(lines[i], lines[i + 1], lines[i + 2])
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _spans(line: str) -> list[tuple[int, int, str]]:
    """Words of a line with their printed columns (CJK characters two wide)."""
    if "\t" in line:
        return []
    spans = []
    starts = [0, *accumulate(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)]
    # a word: single spaces inside, two or more between words
    for m in re.finditer(r"\S+(?:\s\S+)*?(?=\s{2,}|\s*$)", line):
        spans.append((starts[m.start()], starts[m.end()], m.group()))
    return spans


def _merge_header(upper: str, lower: str, after: str) -> str | None:
    if not any(TABLE_VALUE.match(c) for c in after.split()) or not is_table_line(" ".join(after.split())):
        return None
    if max(len(upper), len(lower)) > 200:
        return None  # prose, not column names
    a, b = _spans(upper), _spans(lower)
    if not a or not b or len(a) == len(b) or any(TABLE_VALUE.match(w) or re.search(r"\d", w) for *_, w in a + b):
        return None
    full, part = (a, b) if len(a) > len(b) else (b, a)
    if len(full) < 3 or any(len(w) > 8 for *_, w in a + b):
        return None
    joined = {}
    for s, e, w in part:
        hits = [k for k, (fs, fe, _) in enumerate(full) if min(e, fe) > max(s, fs)]
        if len(hits) != 1 or hits[0] in joined:
            return None
        joined[hits[0]] = w
    words = [(joined.get(k, "") + w if full is b else w + joined.get(k, "")) for k, (_, _, w) in enumerate(full)]
    return "\t".join(words)


# --- one cell per line ---------------------------------------------------------------------
# A column name of a flattened table: short, no figures, a budget word in it.
_COLUMN_NAME = re.compile(r"^[^\d，。；;:：]{0,4}(?:预算|执行|支出|决算|调整|完成|金额|分值|得分|权重|项目|名称|科目)[^\d，。；;]{0,8}$")
_MAX_CELL = 24  # a longer line is prose, not a cell


def unflatten_cells(text: str) -> str:
    """Rebuild tables written one cell per line into tab-separated rows.

    The header is a run of at least three column names; each following group
    of as many lines (a label, then figures) is a row. The label column may be
    missing from the header: then a row is one line longer than the header.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        k = 0
        while i + k < len(lines) and _COLUMN_NAME.match(lines[i + k].strip()):
            k += 1
        rows, width = [], k
        if k >= 3:  # the reading that takes in more lines is the table's shape
            rows, width = max(((_cell_rows(lines, i + k, w), w) for w in (k, k + 1)),
                              key=lambda rw: len(rw[0]) * rw[1])
        if rows:
            header = [c.strip() for c in lines[i:i + k]]
            out.append("\t".join(([""] if width > k else []) + header))
            out.extend("\t".join(r) for r in rows)
            i += k + width * len(rows)
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _cell_rows(lines: list[str], start: int, width: int) -> list[list[str]]:
    rows = []
    at = start
    while at + width <= len(lines):
        cells = [c.strip() for c in lines[at:at + width]]
        label, values = cells[0], cells[1:]
        if (not label or len(label) > _MAX_CELL or TABLE_VALUE.match(label)
                or not all(TABLE_VALUE.match(v) for v in values)):
            break
        rows.append(cells)
        at += width
    return rows


# --- decoding ---------------------------------------------------------------------------

def decode_text(p: Path, data: bytes, warnings: list[str] | None = None) -> tuple[str, str]:
    """The text of a file and its encoding. A file damaged in a few places (cut in the middle of
    a character, a corrupted byte) is read with those places replaced by U+FFFD, the digits of
    their sentences blanked too (a figure there is unread, never misread), and a sentence naming
    the lines and byte offsets is appended to `warnings`."""
    limits.check_text_bytes(p, len(data))
    text, encoding, damage = _decode(p, data)
    limits.check_text(p, text)
    if damage:
        text = _blank_damaged_figures(text, [at for at, _, _ in damage])
        if warnings is not None:
            warnings.append(_damage_warning(text, encoding, damage))
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
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode(p: Path, data: bytes) -> tuple[str, str, list[Damage]]:
    """Strict decoding first: a wrong guess must fail, not produce mojibake. Only when no
    encoding reads the whole file is it read as damaged — see _read_damaged for when."""
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
    controls = _CONTROL_BYTES.search(data) is not None
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


def _blank_damaged_figures(text: str, at: list[int]) -> str:
    pieces, done = [], 0
    for i in at:
        if i < done:
            continue  # in the sentence just blanked
        start = max(done, max((m.end() for m in _SENTENCE_END.finditer(text, max(done, i - 2000), i)),
                                     default=max(done, i - 2000)))
        end = _SENTENCE_END.search(text, i + 1)
        end = end.start() if end else len(text)
        pieces.append(text[done:start])
        pieces.append(_DIGIT.sub("\ufffd", text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _damage_warning(text: str, encoding: str, damage: list[Damage]) -> str:
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


