"""The document model every format reader produces.

A report, whatever it was published as, becomes its blocks in reading order:
headings, paragraphs and tables. A table is a grid with merged cells expanded
(every position holds the text of the cell that covers it), so each cell can
name its row and column headers. Every block knows where it stands in the file
(page, table number, row, column, sheet), and whether OCR read it: that is what
evidence quotes back to the reader.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field, replace

from ..labels import OCR_EVIDENCE
from ..model import Source


@dataclass(frozen=True)
class Location:
    """Where a block or cell stands in the file; every part is optional."""

    page: int | None = None   # 1-based page of a PDF (or sheet number of a workbook)
    sheet: str | None = None  # worksheet name (Excel)
    table: int | None = None  # 1-based number of the table in the document
    row: int | None = None    # 0-based row in the table grid
    col: int | None = None    # 0-based column in the table grid
    ocr: bool = False         # read from a scanned image by OCR


NOWHERE = Location()  # (frozen: one instance serves every block that says nothing of its place)


@dataclass
class Heading:
    text: str
    level: int = 1
    loc: Location = NOWHERE


@dataclass
class Paragraph:
    text: str
    loc: Location = NOWHERE


@dataclass
class Table:
    """A grid of cell texts, merged cells expanded, row by row.

    `header_rows` rows at the top hold column headers and `header_cols`
    columns at the left hold row headers (a reader sets what it knows;
    understanding may decide again from the labels). `title` is the caption,
    the line just above the table, or the sheet name.
    """

    rows: list[list[str]]
    loc: Location = NOWHERE
    title: str | None = None
    header_rows: int = 1
    header_cols: int = 1

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> str:
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return row[c] if 0 <= c < len(row) else ""

    def column_header(self, c: int) -> str:
        """The header text above column c, merged header rows joined, repeats once."""
        return _join_unique(self.cell(r, c) for r in range(min(self.header_rows, len(self.rows))))

    def row_header(self, r: int) -> str:
        """The label(s) at the left of row r."""
        return _join_unique(self.cell(r, c) for c in range(self.header_cols))  # (cells past a row's end are "")

    def cell_loc(self, r: int, c: int) -> Location:
        return Location(page=self.loc.page, sheet=self.loc.sheet, table=self.loc.table,
                        row=r, col=c, ocr=self.loc.ocr)

    def cell_evidence(self, r: int, c: int, row: str | None = None, col: str | None = None) -> str:
        """The evidence of a figure read from a cell: `表名 · 行 × 列: 单元格`.

        `row` / `col` name the headers when the reader of the table found them
        itself (header rows in the middle of a sheet, a label/value form).
        """
        where = self.title or (f"表{self.loc.table}" if self.loc.table else "表")
        row = self.row_header(r) if row is None else row
        col = self.column_header(c) if col is None else col
        text = f"{where} · {row} × {col}: {self.cell(r, c)}"
        return text + (OCR_EVIDENCE.format(page=self.loc.page) if self.loc.ocr else "")

    def as_text_lines(self) -> list[str]:
        """Rows as tab-separated lines (a merged cell's text appears once per row)."""
        lines = []
        for row in self.rows:
            cells: list[str] = []
            for text in row:
                if text and (not cells or cells[-1] != text):
                    cells.append(text)
            if cells:
                lines.append("\t".join(cells))
        return lines


Block = Heading | Paragraph | Table


@dataclass
class Document:
    """A report file read into blocks; `warnings` are said to the user, not fatal."""

    source: Source
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Text as laid out, page by page, before line repair (txt, a PDF's text layer): rows of a
    # table flattened into text keep their empty leading cells here, which line repair loses.
    laid_out: list[str] | None = None
    # Site chrome (breadcrumb, 索引号/发布机构 blocks, 来源/作者/浏览量 lines) kept apart from the
    # content: never read for figures, lists or titles; 发布机构 / 来源 may name the unit.
    chrome: list[Paragraph] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def ocr_pages(self) -> list[int]:
        return sorted({b.loc.page for b in self.blocks if b.loc.ocr and b.loc.page is not None})

    def lines(self) -> list[str]:
        """The document as text, a paragraph per line, a table row per tab-separated line:
        the text evidence sentences are quoted from."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Table):
                out.extend(b.as_text_lines())
            elif b.text:
                out.append(b.text)
        return out


_TITLE_MAX = 60  # a line longer than this above a table is prose, not its caption
# a figure alone above a table is the last cell of what came before (a table flattened one cell per
# line: "控制率 / 46 / 50 / 108.70%"), not this table's caption
_FIGURE_ONLY = re.compile(r"[\s\d.,，%％+\-]*$")


def number_tables(blocks: list[Block]) -> list[Block]:
    """Number the tables in document order and give each untitled one a title:
    the short line just above it, else the nearest heading above."""
    n = 0
    heading = None
    prev: Block | None = None
    for b in blocks:
        if isinstance(b, Heading):
            heading = b.text
        elif isinstance(b, Table):
            n += 1
            b.loc = replace(b.loc, table=n)
            if not b.title:
                above = prev.text if isinstance(prev, (Heading, Paragraph)) else None
                first = _join_unique(b.rows[0]) if b.rows and len(set(c for c in b.rows[0] if c)) == 1 else ""
                if above and len(above) <= _TITLE_MAX and "。" not in above and not _FIGURE_ONLY.match(above):
                    b.title = above
                elif first and len(first) <= _TITLE_MAX:
                    b.title = first  # a title row across the whole table
                else:
                    b.title = heading
        prev = b
    return blocks


def _join_unique(parts) -> str:
    out: list[str] = []
    for p in parts:
        p = " ".join(p.split())
        if p and p not in out:
            out.append(p)
    return " ".join(out)
