"""Word 97–2003 binary documents (.doc) read in Python, without LibreOffice.

The format is documented ([MS-DOC], Microsoft's open specification); this reader
takes from it only what a report needs — the main text, its paragraphs and its tables:

1. olefile opens the compound file; the ``WordDocument`` stream starts with the FIB,
   which says where everything else is (and whether the file is encrypted).
2. The piece table (CLX, in the ``0Table``/``1Table`` stream) maps the main text's
   characters to bytes: a piece is UTF-16LE, or 8-bit (cp1252) when "compressed".
   Chinese text is always in UTF-16 pieces.
3. Paragraph properties (PAPX, in 512-byte FKP pages named by the PlcBtePapx) say which
   paragraphs are table cells (sprmPFInTable), which mark the end of a row (sprmPFTtp),
   the nesting depth (sprmPItap), and the style (istd → the style sheet's sti: Heading 1–9, Title).
4. A row's end carries the row's geometry (sprmTDefTable): the cells' borders in twips and
   their merge flags. The borders of all rows of a table make its grid, so a cell spanning
   several columns fills every position it covers, and a vertically merged cell's text
   repeats down — the same grid the .docx reader builds from gridSpan / vMerge.

Fields keep their shown result (a TOC entry, a page number), not their code. Nested tables
are read into their outer cell, their cells' texts joined by spaces (as the .docx reader does).
Not read: headers, footers, footnotes, comments, text boxes, revisions' deleted text
(Word keeps it out of the main text already), files saved by Word 6/95.

Errors are UnreadableInput with one sentence: password-protected, damaged (any structure
that points outside its stream), an older Word format.
"""
from __future__ import annotations

import bisect
import re
import struct
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Block, Document, Heading, Paragraph, Table
from .docx import FRAME_PARAGRAPHS, FRAME_SHARE
from .normalize import clean_cell, clean_line
from .layout import lay_out_blocks

# FIB (File Information Block) flags at offset 0x0A
_F_ENCRYPTED = 0x0100
_F_WHICH_TBL_STM = 0x0200
_MAGIC = 0xA5EC
# index of (fc, lcb) pairs in FibRgFcLcb97
_STSHF, _PLCF_BTE_PAPX, _CLX = 1, 13, 33

# paragraph sprms
_P_IN_TABLE, _P_TTP, _P_ITAP = 0x2416, 0x2417, 0x6649
_P_HUGE_PAPX = 0x6646
# table sprms (on a row's end mark)
_T_DEF_TABLE, _T_VERT_MERGE, _T_MERGE = 0xD608, 0xD62B, 0x5624
_CHG_TABS = 0xC615
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6 is variable

_HEADING_STI = {**{n: n for n in range(1, 10)}, 62: 1}  # Heading 1–9, Title

# Characters of the main text that are structure, not words.
_PARA_END, _CELL_END = "\r", "\x07"
_MARKS = re.compile("[\r\x07]")  # the end of a paragraph, a cell or a row
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x0e": "\n"}  # manual line, page/section, column break
_SHOWN = {"\x1e": "-", "\xa0": " "}  # non-breaking hyphen, non-breaking space
# picture, footnote/comment references, separators, soft hyphen, drawn object … are dropped
_DROPPED = {chr(c) for c in range(0x20)} - {"\t", "\n"}


class _Damaged(Exception):
    """A structure of the file points outside its stream or contradicts itself."""


def read_word97(p: Path, data: bytes, source: Source) -> Document:
    """The Document of a Word 97–2003 file's bytes (see the module docstring)."""
    blocks, chrome = lay_out_blocks(_with_ole(p, data, lambda ole: _Reader(p, ole).blocks()))
    return Document(source, blocks, chrome=chrome)


def check_word97(p: Path, data: bytes) -> None:
    """Refuse, with one sentence, a .doc no reader can read: password-protected, older than
    Word 97, or with no Word file information block. Cheap: the container's directory and the FIB."""
    _with_ole(p, data, lambda ole: _Fib(p, _stream(ole, "WordDocument")))


def _with_ole(p: Path, data: bytes, work):
    import olefile

    try:
        ole = olefile.OleFileIO(BytesIO(data))
    except Exception:  # olefile raises OSError and friends on a broken container
        raise UnreadableInput(f"{p}: the Word file is damaged (its OLE container cannot be read).") from None
    try:
        return work(ole)
    except UnreadableInput:
        raise
    except (_Damaged, struct.error, IndexError, ValueError, KeyError, OSError, EOFError) as exc:
        why = str(exc) if isinstance(exc, _Damaged) else "a structure points outside the file"
        raise UnreadableInput(f"{p}: the Word file is damaged ({why}).") from None
    finally:
        ole.close()


def _stream(ole, name: str) -> bytes:
    if not ole.exists(name):
        raise _Damaged(f"no {name} stream")
    return ole.openstream(name).read()


class _Fib:
    """The File Information Block at the start of the WordDocument stream."""

    def __init__(self, p: Path, word: bytes):
        if len(word) < 0x200 or struct.unpack_from("<H", word, 0)[0] != _MAGIC:
            raise _Damaged("no Word file information block")
        self.word = word
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & _F_ENCRYPTED:
            raise UnreadableInput(f"{p}: the file is password-protected; save it without a password and try again.")
        csw = struct.unpack_from("<H", word, 32)[0]
        at = 34 + 2 * csw
        cslw = struct.unpack_from("<H", word, at)[0]
        if csw != 14 or cslw != 22:
            raise UnreadableInput(f"{p}: is a Word 6/95 document or older; perflib reads Word 97–2003 .doc "
                                  "files: save it as .docx or PDF and try again.")
        self.table_stream = "1Table" if flags & _F_WHICH_TBL_STM else "0Table"
        self.ccp_text = struct.unpack_from("<i", word, at + 2 + 12)[0]
        if self.ccp_text < 0:
            raise _Damaged("a negative text length")
        self.n_pairs = struct.unpack_from("<H", word, at + 2 + 4 * cslw)[0]
        self.pairs_at = at + 2 + 4 * cslw + 2

    def fc_lcb(self, index: int) -> tuple[int, int]:
        """The (offset, size) pair number `index` of FibRgFcLcb; (0, 0) when the FIB has fewer."""
        if index >= self.n_pairs:
            return 0, 0
        return struct.unpack_from("<II", self.word, self.pairs_at + 8 * index)


@dataclass
class _Piece:
    cp: int          # first character
    cp_lim: int      # one past the last
    fc: int          # byte offset of the first character in WordDocument
    compressed: bool  # 8-bit characters (else UTF-16LE)


@dataclass
class _Props:
    """What a paragraph's properties say about its place in the document."""

    istd: int = 0
    in_table: bool = False
    ttp: bool = False            # the mark ends a row of the outermost table
    depth: int = 0               # table nesting: 0 outside, 1 in a table, 2 in a nested one
    cells: list[_Cell] = field(default_factory=list)  # geometry of the row this mark ends


@dataclass
class _Cell:
    left: int
    right: int
    horz: int = 0   # 0 not merged, 1 first of a horizontal merge, 2/3 merged with the left
    vert: int = 0   # 0 not merged, 1 merged with the cell above, 3 first of a vertical merge


class _Reader:
    def __init__(self, p: Path, ole):
        self.p = p
        self.word = _stream(ole, "WordDocument")
        self.fib = _Fib(p, self.word)
        self.ccp_text = self.fib.ccp_text
        limits.check_chars(p, self.ccp_text)
        self.table = _stream(ole, self.fib.table_stream)
        self.data = ole.openstream("Data").read() if ole.exists("Data") else b""

    def _table_bytes(self, index: int) -> bytes:
        fc, lcb = self.fib.fc_lcb(index)
        if fc + lcb > len(self.table):
            raise _Damaged("a table of the file points outside its stream")
        return self.table[fc:fc + lcb]

    # --- text ----------------------------------------------------------------------------------
    def pieces(self) -> list[_Piece]:
        clx = self._table_bytes(_CLX)
        i = 0
        while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers of pieces, skipped
            i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
        if i >= len(clx) or clx[i] != 0x02:
            raise _Damaged("no piece table")
        lcb = struct.unpack_from("<I", clx, i + 1)[0]
        plc = clx[i + 5:i + 5 + lcb]
        if len(plc) != lcb or (lcb - 4) % 12:
            raise _Damaged("a broken piece table")
        n = (lcb - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        pieces = []
        for k in range(n):
            fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
            compressed = bool(fc & 0x40000000)
            fc &= 0x3FFFFFFF
            if cps[k + 1] < cps[k]:
                raise _Damaged("a broken piece table")
            pieces.append(_Piece(cps[k], cps[k + 1], fc // 2 if compressed else fc, compressed))
        return pieces

    def text(self, pieces: list[_Piece]) -> str:
        parts = []
        for pc in pieces:
            lim = min(pc.cp_lim, self.ccp_text)
            if lim <= pc.cp:
                continue
            n = lim - pc.cp
            size = n if pc.compressed else 2 * n
            raw = self.word[pc.fc:pc.fc + size]
            if len(raw) != size:
                raise _Damaged("the text points outside its stream")
            parts.append(raw.decode("cp1252", errors="replace") if pc.compressed else raw.decode("utf-16-le", "replace"))
        text = "".join(parts)
        if len(text) < self.ccp_text:
            raise _Damaged("the piece table does not cover the text")
        return text

    # --- paragraph properties ------------------------------------------------------------------
    def papx_runs(self) -> tuple[list[int], list[tuple[int, bytes]]]:
        """(first FC of each run, (FC limit, istd + grpprl) of each run), sorted by FC."""
        plc = self._table_bytes(_PLCF_BTE_PAPX)
        if len(plc) < 4:
            return [], []
        n = (len(plc) - 4) // 8
        pns = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
        runs: list[tuple[int, int, bytes]] = []
        for pn in pns:
            at = (pn & 0x3FFFFF) * 512
            page = self.word[at:at + 512]
            if len(page) != 512:
                raise _Damaged("a paragraph page points outside its stream")
            crun = page[511]
            fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
            for k in range(crun):
                bx = page[4 * (crun + 1) + 13 * k]
                runs.append((fcs[k], fcs[k + 1], self._papx(page, 2 * bx) if bx else b"\x00\x00"))
        runs.sort(key=lambda r: r[0])
        return [r[0] for r in runs], [(r[1], r[2]) for r in runs]

    def _papx(self, page: bytes, o: int) -> bytes:
        cb = page[o]
        body = page[o + 2:o + 2 + 2 * page[o + 1]] if cb == 0 else page[o + 1:o + 2 * cb]
        for sprm, operand in _sprms(body[2:]):
            if sprm == _P_HUGE_PAPX:  # the properties did not fit in the page: they are in Data
                at = struct.unpack_from("<I", operand)[0]
                size = struct.unpack_from("<H", self.data, at)[0]
                return body[:2] + self.data[at + 2:at + 2 + size]
        return body

    def styles(self) -> dict[int, int]:
        """istd → sti (the built-in style a style is: 1–9 Heading 1–9, 62 Title)."""
        stsh = self._table_bytes(_STSHF)
        if len(stsh) < 6:
            return {}
        cb_stshi = struct.unpack_from("<H", stsh, 0)[0]
        cstd = struct.unpack_from("<H", stsh, 2)[0]
        at = 2 + cb_stshi
        out = {}
        for istd in range(cstd):
            if at + 2 > len(stsh):
                break
            cb = struct.unpack_from("<H", stsh, at)[0]
            if cb >= 2:
                out[istd] = struct.unpack_from("<H", stsh, at + 2)[0] & 0x0FFF
            at += 2 + cb
        return out

    # --- blocks --------------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        pieces = self.pieces()
        text = self.text(pieces)
        limits.check_text(self.p, text)
        starts, runs = self.papx_runs()
        sti = self.styles()
        piece_cps = [pc.cp for pc in pieces]

        def props_at(cp: int) -> _Props:
            pc = pieces[bisect.bisect_right(piece_cps, cp) - 1]
            fc = pc.fc + (cp - pc.cp) * (1 if pc.compressed else 2)
            k = bisect.bisect_right(starts, fc) - 1
            if k < 0 or fc >= runs[k][0]:
                return _Props()
            return _props(runs[k][1])

        out: list[Block] = []
        builder = _TableBuilder()
        visible = _FieldFilter()
        start = 0
        cell_lines: list[str] = []  # paragraphs of the current cell
        cell_blocks: list[Block] = []  # the same as blocks of text (a table of one column is text: _TableBuilder)
        own = 0  # paragraphs of the cell's own text among them
        inner: list[str] = []       # texts of a nested table's cells inside the current cell
        for mark in _MARKS.finditer(text):
            end, ch = mark.start(), mark.group()
            raw = visible.take(text[start:end])
            start = end + 1
            props = props_at(end)
            lines = [clean_line(x) for x in raw.split("\n")]
            level = _HEADING_STI.get(sti.get(props.istd, -1), 0)
            if props.depth == 0:
                if builder.rows or builder.cells:
                    builder.end_row([])
                    out.extend(builder.blocks(text))
                out.extend(_text_blocks(lines, level))
                continue
            if props.depth >= 2:  # a nested table: its cells' texts join the outer cell
                if any(lines):
                    inner.append(" ".join(x for x in lines if x))
                continue
            words = "\n".join(x for x in lines if x)  # (a cell's lines: clean_cell joins them as the .docx reader does)
            if props.ttp:  # the row's end mark: the row is complete
                builder.end_row(props.cells)
                continue
            if words or inner:
                cell_lines.append(" ".join([*inner, words]).strip())
                cell_blocks.extend([Paragraph(" ".join(inner))] if inner else [])
                mine = _text_blocks(lines, level)
                cell_blocks.extend(mine)
                own += bool(mine)
                inner.clear()
            if ch == _CELL_END:
                builder.add_cell(clean_cell("\n".join(x for x in cell_lines if x)), cell_blocks, own)
                cell_lines, cell_blocks, own = [], [], 0
        if builder.rows or builder.cells:
            builder.end_row([])
            out.extend(builder.blocks(text))
        return out


def _text_blocks(lines: list[str], level: int) -> list[Block]:
    return [Heading(x, level) if level else Paragraph(x) for x in lines if x]


def _sprms(grpprl: bytes):
    """(sprm, operand bytes) of a property list."""
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _T_DEF_TABLE:
                size = struct.unpack_from("<H", grpprl, i)[0] + 1
            elif sprm == _CHG_TABS and grpprl[i] == 255:
                dels = grpprl[i + 1]
                adds = grpprl[i + 2 + 4 * dels]
                size = 1 + 1 + 4 * dels + 1 + 3 * adds
            else:
                size = grpprl[i] + 1
        else:
            size = _OPERAND_SIZE[spra]
        if i + size > len(grpprl):
            return
        yield sprm, grpprl[i:i + size]
        i += size


def _props(papx: bytes) -> _Props:
    pr = _Props(istd=struct.unpack_from("<H", papx, 0)[0] if len(papx) >= 2 else 0)
    for sprm, op in _sprms(papx[2:]):
        if sprm == _P_IN_TABLE:
            pr.in_table = op[0] != 0
        elif sprm == _P_TTP:
            pr.ttp = op[0] != 0
        elif sprm == _P_ITAP:
            pr.depth = struct.unpack_from("<i", op)[0]
        elif sprm == _T_DEF_TABLE:
            pr.cells = _def_table(op[2:])
        elif sprm == _T_VERT_MERGE and len(op) >= 3 and op[1] < len(pr.cells):
            pr.cells[op[1]].vert = op[2]
        elif sprm == _T_MERGE and op[0] < op[1] <= len(pr.cells):
            pr.cells[op[0]].horz = 1
            for c in pr.cells[op[0] + 1:op[1]]:
                c.horz = 2
    if pr.in_table and pr.depth == 0:
        pr.depth = 1
    return pr


def _def_table(op: bytes) -> list[_Cell]:
    """The cells of a row: borders (rgdxaCenter) and the merge flags of each TC80."""
    n = op[0]
    xs = struct.unpack_from(f"<{n + 1}h", op, 1)
    cells = [_Cell(xs[k], xs[k + 1]) for k in range(n)]
    at = 1 + 2 * (n + 1)
    for k in range(n):
        if at + 20 * k + 2 > len(op):
            break  # cells without a TC80 keep the defaults
        grf = struct.unpack_from("<H", op, at + 20 * k)[0]
        cells[k].horz = grf & 0x3
        cells[k].vert = (grf >> 5) & 0x3
    return cells


class _FieldFilter:
    """Only the shown result of fields (between the separator and the end), never their code."""

    def __init__(self):
        self.stack: list[bool] = []  # per open field: is its result showing yet

    def take(self, text: str) -> str:
        out = []
        for ch in text:
            if ch == _FIELD_BEGIN:
                self.stack.append(False)
            elif ch == _FIELD_SEP:
                if self.stack:
                    self.stack[-1] = True
            elif ch == _FIELD_END:
                if self.stack:
                    self.stack.pop()
            elif all(self.stack):
                if ch in _LINE_BREAKS:
                    out.append(_LINE_BREAKS[ch])
                elif ch in _SHOWN:
                    out.append(_SHOWN[ch])
                elif ch not in _DROPPED:
                    out.append(ch)
        return "".join(out)


class _TableBuilder:
    """Rows of one table (cell texts and geometry) → a grid with merged cells expanded."""

    def __init__(self):
        self.cells: list[str] = []
        self.rows: list[tuple[list[str], list[_Cell]]] = []
        self.text: list[Block] = []  # every cell's paragraphs, for a table of one column
        self.own = 0  # of them, the cells' own (a table inside a cell counts none: as the .docx reader counts)

    def add_cell(self, text: str, paragraphs: tuple[Block, ...] | list[Block] = (), own: int = 0) -> None:
        self.cells.append(text)
        self.text.extend(paragraphs)
        self.own += own

    def blocks(self, document: str) -> list[Block]:
        """The table, or its cells' paragraphs when it has one column and holds the report (`document`: the
        document's text, measured, as the .docx reader's _is_frame does, only for such a table)."""
        paragraphs, self.text = self.text, []
        own, self.own = self.own, 0
        if all(len(cells) == 1 for cells, _ in self.rows) and own >= FRAME_PARAGRAPHS:
            chars = sum(len(c) for cells, _ in self.rows for c in cells)
            if chars >= FRAME_SHARE * len(re.sub(r"\s", "", document)):  # (its characters, as .docx counts text runs)
                self.rows = []
                return paragraphs
        return [self.table()]

    def end_row(self, geometry: list[_Cell]) -> None:
        if self.cells:
            self.rows.append((self.cells, geometry if len(geometry) == len(self.cells) else []))
        self.cells = []

    def table(self) -> Table:
        rows, self.rows, self.cells = self.rows, [], []
        edges = sorted({x for _, geo in rows for c in geo for x in (c.left, c.right)})
        grid: list[list[str]] = []
        for texts, geo in rows:
            if not geo:  # no geometry: one position per cell
                grid.append(list(texts))
                continue
            line = [""] * max(len(edges) - 1, 0)
            first = ""
            for k, (text, cell) in enumerate(zip(texts, geo)):
                if cell.horz >= 2:  # the legacy way to merge: the text is the first cell's
                    text = first
                else:
                    first = text
                a, b = edges.index(cell.left), edges.index(cell.right)
                for pos in range(min(a, b), max(a, b)):
                    if cell.vert == 1 and grid and pos < len(grid[-1]):
                        line[pos] = grid[-1][pos]  # the text of the cell above
                    else:
                        line[pos] = text
            grid.append(line)
        width = max((len(r) for r in grid), default=0)
        return Table(rows=[r + [""] * (width - len(r)) for r in grid])
