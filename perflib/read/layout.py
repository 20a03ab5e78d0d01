"""Layout recovery: what a reader produced → the right blocks (one step, every text reader).

Real pages reach perflib as whatever a site, a PDF's text layer or a copy-paste made of them.
This step runs on the text of a .txt, a PDF's text layer and the paragraphs of an HTML or Word
page (this module; its parts: chrome.py, flat_tables.py, realign.py), and does two things:

* **Site chrome** in the first part of a page — breadcrumbs, ``[ 索引号 ] … [ 发布机构 ] …``
  blocks (often printed twice), bullet metadata (``• 发布机构`` then ``  • value``), pipe metadata
  (``索引号: | … | ||``), 来源 / 作者 / 日期 / 浏览量 / 无障碍 / 字体 / 注册 登录 lines, site
  names and menus — leaves the content for ``Document.chrome``: a key/value pair as ONE
  paragraph ``KEY：VALUE`` (fullwidth colon) whatever layout it came in, other lines as written.
* **Flattened tables** become Table blocks when their labels say what they are (the column
  roles and row blocks of lexicon.toml's ``columns`` / ``table_rows``): rows with ``|`` between
  cells (ragged empty cells, a row split over two lines), one cell per line (blank lines between
  cells, explicit empty cells as lone ``|``, group header lines above the column names), rows
  apart by spaces or tabs (blank lines between rows, a header split over two lines). A data row
  whose cells do not fill its header — an extra column in the header (资金来源), an empty cell
  left out, a merged cell written once — is realigned by what its cells are (a percentage under
  the rate, points under 分值/得分, money under the budget columns) where only one reading places
  its figures; cells glued together (``64.864.864.8100%``) are cut only where the row's own
  arithmetic (rate = actual ÷ budget) confirms the cut. Anything else is left as written.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..understand.hanzi import Original, simplified
from .chrome import chrome_of_lines, join_preview_chunks, split_chrome, split_foot
from .document import Block, Heading, Paragraph, Table
from .flat_tables import recover
from .realign import realign_grid
from .normalize import (PARAGRAPH_BREAK, TABLE_MARK, broken_lines_joined, fold_pages, lines_without_furniture,
                        split_glued, unspace_letterspaced)

# Pinyin a page printed after each character (<ruby> flattened): "項(xiàng)目" → "項目".
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# (the bracket first, the character before it looked behind: the engine scans for the bracket)
_RUBY = re.compile(rf"\((?<=[\u4e00-\u9fff]\()(?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def drop_ruby(text: str) -> str:
    return _RUBY.sub("", text) if "(" in text else text


def drop_markdown(text: str) -> str:
    """A text a converter wrote as Markdown (its headings marked "# "), its marks off: "# 某局2020年度…报告" → the title,
    "**864.20万元**" → the figure. A text with no such heading is left as written ("1#楼", "**" in a name)."""
    if "#" not in text or not _MD_HEADING.search(text):
        return text
    text = _MD_HEADING.sub("", text)
    return _MD_BOLD.sub(lambda m: m[1] or m[2], text) if "**" in text or "__" in text else text


_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")


def lay_out_text(pages: list[str], tables: dict[str, Block] | None = None,
                 blank_breaks: bool = False) -> tuple[list[Block], list[Paragraph]]:
    """Text as laid out, page by page (a .txt, a PDF's text layer; `tables`: blocks read apart,
    standing in the text as TABLE_MARK lines) → (blocks, chrome). Chrome comes off the first page;
    running headers, footers and page numbers off every page; tables are rebuilt; the rest is
    joined into paragraphs (normalize). `blank_breaks`: a blank line ends a paragraph (a text file)."""
    pages = [unspace_letterspaced(drop_ruby(split_glued(drop_markdown(p)))) for p in fold_pages(tuple(pages))] or [""]
    simple = [simplified(p) for p in pages]
    if simple != pages:  # 繁體: laid out by the same words in simplified characters, then quoted as written
        written = AsWritten("\n".join(pages), "\n".join(simple))
        blocks, chrome = _lay_out(simple, tables, blank_breaks)
        return [written.block(b) for b in blocks], [Paragraph(written(c.text)) for c in chrome]
    return _lay_out(pages, tables, blank_breaks)


def _lay_out(pages: list[str], tables: dict[str, Block] | None, blank_breaks: bool) -> tuple[list[Block], list[Paragraph]]:
    chrome, first = split_chrome(pages[0].split("\n"))
    pages[0] = "\n".join(join_preview_chunks(chrome, first))
    if len(pages) > 1:  # (a text cut into pages: the links at its foot are on its last page)
        foot, last = split_foot(pages[-1].split("\n"))
        chrome, pages[-1] = chrome + foot, "\n".join(last)
    if blank_breaks:
        pages = [_BLANK_LINES.sub(f"\n{PARAGRAPH_BREAK}\n", p) for p in pages]
    lines = ["" if ln.strip() == PARAGRAPH_BREAK else ln for ln in lines_without_furniture(pages, keep_indent=True)]
    marks = dict(tables or {})
    out: list[str] = []
    at = 0
    for start, end, items in recover(lines):
        out += _indent_marks(lines[at:start])
        for item in items:
            if isinstance(item, Table):
                key = f"{TABLE_MARK}\tlayout{len(marks) + 1}"
                marks[key] = item
                out.append(key)
            else:
                out += [PARAGRAPH_BREAK, item, PARAGRAPH_BREAK]  # a row's text stands alone
        at = end
    out += _indent_marks(lines[at:])
    return blocks_from_lines(broken_lines_joined("\n".join(out)), marks), [Paragraph(c) for c in chrome]


class AsWritten(Original):
    """A text the layout step made from a simplified copy (character for character) of a page, in the page's own
    characters: each of its characters is found in order in the copy (spaces between them free: lines were joined,
    spaces dropped) and taken from the page at the same place; a text made of pieces (a chrome "KEY：VALUE", a header
    of two lines), each character in the form the page writes it in most often. One already as written (a PDF's table
    read apart from the text) stays as it is."""

    def __init__(self, original: str, simple: str):
        super().__init__(original, simple)
        self.at = 0  # where the last text was found: the next is looked for after it first

    def __call__(self, text: str) -> str:
        return text if not text or simplified(text) != text else super().__call__(text)

    def _whole(self, text: str) -> str | None:
        chars = tuple(c for c in text if not c.isspace())
        if not chars:
            return text
        found = _spaced_chars(chars)
        m = found.search(self.simple, self.at) or found.search(self.simple, 0, self.at)
        if m is None:
            return None
        self.at = m.end()
        places = iter(i for i in range(m.start(), m.end()) if not self.simple[i].isspace())
        return "".join(c if c.isspace() else self.original[next(places)] for c in text)

    def block(self, b: Block) -> Block:
        if isinstance(b, Table):
            b.rows = [[self(c) for c in row] for row in b.rows]
            if b.title:
                b.title = self(b.title)
        else:
            b.text = self(b.text)
        return b


@lru_cache(maxsize=512)  # (a page's short texts repeat: its table cells, "—"; its paragraphs do not)
def _spaced_chars(chars: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\s*".join(re.escape(c) for c in chars))


def _indent_marks(lines: list[str]) -> list[str]:
    """Lines for paragraph joining: one leading space when a line was indented (a paragraph starts);
    a blank line a paragraph break. (One comprehension: no function call per line.)"""
    return [(" " + text if line[:1].isspace() else text) if (text := line.strip()) else PARAGRAPH_BREAK
            for line in lines]


def blocks_from_lines(lines: list[str], marks: dict[str, Block] | None = None) -> list[Block]:
    """Joined lines (broken_lines_joined's: stripped, none empty) → Paragraph blocks; a TABLE_MARK line
    (whitespace as normalize left it) → its block."""
    by_line = {" ".join(k.split()): t for k, t in (marks or {}).items()}
    if not by_line:
        return [Paragraph(line) for line in lines]
    return [by_line[line] if line in by_line else Paragraph(line) for line in lines]


def lay_out_blocks(blocks: list[Block]) -> tuple[list[Block], list[Paragraph]]:
    """The blocks of a reader of paragraphs (HTML, Word) → (blocks, chrome): chrome off the first
    part of the page, tables rebuilt from runs of paragraphs; a page in traditional characters laid out
    as its simplified twin, then quoted as written (as lay_out_text does)."""
    for b in blocks:
        if isinstance(b, Table):
            b.rows = [[drop_ruby(c) for c in row] for row in b.rows]
        else:
            b.text = drop_ruby(b.text)
    original = "\n".join(t for b in blocks for t in _texts(b))
    simple = simplified(original)
    if simple == original:
        return _lay_out_blocks(blocks)
    written = AsWritten(original, simple)
    laid_out, chrome = _lay_out_blocks([_simplified_block(b) for b in blocks])
    return [written.block(b) for b in laid_out], [Paragraph(written(c.text)) for c in chrome]


def _texts(b: Block) -> list[str]:
    return [c for row in b.rows for c in row] if isinstance(b, Table) else [b.text]


def _simplified_block(b: Block) -> Block:
    if isinstance(b, Table):
        return replace(b, rows=[[simplified(c) for c in row] for row in b.rows])
    return replace(b, text=simplified(b.text))


def _lay_out_blocks(blocks: list[Block]) -> tuple[list[Block], list[Paragraph]]:
    for b in blocks:
        if isinstance(b, Table):
            b.rows = realign_grid(b.rows)
    texts = [b for b in blocks if isinstance(b, (Paragraph, Heading))]
    decided = dict(zip(map(id, texts), chrome_of_lines([b.text for b in texts])))
    chrome: list[str] = []
    out: list[Block] = []
    for b in blocks:
        gives, leaves = decided.get(id(b), ([], None))
        chrome.extend(gives)
        out.extend([b] if leaves is None else [Paragraph(t, b.loc) for t in leaves])
    result: list[Block] = []
    run: list[Paragraph] = []

    def flush():
        at = 0
        for start, end, items in recover([p.text for p in run]):
            result.extend(run[at:start])
            loc = run[start].loc
            for x in items:
                if isinstance(x, Table):
                    x.loc = loc
                result.append(Paragraph(x, loc) if isinstance(x, str) else x)
            at = end
        result.extend(run[at:])
        run.clear()

    for b in out:
        if isinstance(b, Paragraph):
            run.append(b)
            continue
        flush()
        result.append(b)
    flush()
    return result, [Paragraph(c) for c in dict.fromkeys(chrome)]
