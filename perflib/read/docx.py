"""Word .docx reports (python-docx): paragraphs and tables in document order.

A Word paragraph is a paragraph: its lines are never joined to the next.
Tables become Table blocks with merged cells expanded (gridSpan across,
vMerge down), so every position of the grid holds its cell's text.
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from . import limits
from .document import Document, Heading, Paragraph, Table
from .normalize import clean_cell, clean_line
from .layout import lay_out_blocks

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:Heading|heading|标题|Title)\s*(\d?)$")


def read_docx(p: Path, data: bytes, source: Source) -> Document:
    """Read .docx bytes into a Document under `source` (a converted .doc keeps its own source)."""
    limits.check_zip_bytes(p, data, "Word")  # before python-docx inflates anything
    try:
        import docx

        body = docx.Document(BytesIO(data)).element.body
        read = list(_blocks(body, body))
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{p}: the Word file is damaged ({_docx_reason(exc)}).") from None
    blocks, chrome = lay_out_blocks(read)
    return Document(source, blocks, chrome=chrome)


def _docx_reason(exc: Exception) -> str:
    if type(exc).__name__ == "XMLSyntaxError":
        return "its text is not well-formed XML"
    if isinstance(exc, KeyError):
        return f"part {exc} is missing"
    return (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(".")


def _blocks(parent, body):
    """Blocks of `parent` in order (`body`: the document's, whose text _is_frame measures a box against)."""
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            level = _heading_level(child)
            for line in _paragraph_text(child).split("\n"):
                text = clean_line(line)
                if text:
                    yield Heading(text, level) if level else Paragraph(text)
        elif child.tag == _W + "tbl" and _is_frame(child, body):
            # a report typed into one column of cells (a frame): its paragraphs and tables are the text
            for tr in child.iterchildren(_W + "tr"):
                if not _hidden_row(tr):
                    for tc in tr.iterchildren(_W + "tc"):
                        yield from _blocks(tc, body)
        elif child.tag == _W + "tbl":
            rows = _grid(child)
            if any(any(c for c in r) for r in rows):
                yield Table(rows=rows)
        elif child.tag == _W + "sdt" and not _placeholder(child):  # content controls wrap ordinary paragraphs
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content, body)


def _is_frame(tbl, body) -> bool:
    """A table of one column (each row one cell, none set off by cells skipped before or after it) holding the
    report: FRAME_PARAGRAPHS paragraphs or more and FRAME_SHARE of the document's text. No table of figures,
    whose label and value stand side by side, but the report typed into a box. (A box beside the report — a
    note, a caption, a few lines on one budget — stays a table, unread: read as text, its first line would
    head the report's paragraphs after it.)"""
    rows = [tr for tr in tbl.iterchildren(_W + "tr") if not _hidden_row(tr)]
    if not rows or any(len(tr.findall(_W + "tc")) != 1 or tr.grid_before or tr.grid_after for tr in rows):
        return False
    own = [p for tr in rows for tc in tr.iterchildren(_W + "tc") for p in tc.iterchildren(_W + "p")]
    return (sum(1 for p in own if _paragraph_text(p).strip()) >= FRAME_PARAGRAPHS  # (a table inside counts none)
            and _text_length(tbl) >= FRAME_SHARE * _text_length(body))  # (measured only for such a table)


FRAME_PARAGRAPHS = 3
FRAME_SHARE = 0.5


def _text_length(el) -> int:
    return sum(len(t.text or "") for t in el.iter(_W + "t"))


def _heading_level(p) -> int:
    style = p.style or ""
    m = _HEADING_STYLE.match(style)
    return int(m.group(1) or 1) if m else 0


def _grid(tbl) -> list[list[str]]:
    """The table's rows with spans expanded: a merged cell's text at every position it covers."""
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_W + "tr"):
        if _hidden_row(tr):
            continue
        row: list[str] = []
        row.extend([""] * tr.grid_before)
        for tc in tr.iterchildren(_W + "tc"):
            span = max(1, tc.grid_span)
            if tc.vMerge == "continue" and rows:  # the text belongs to the cell above
                above = rows[-1]
                at = len(row)
                text = above[at] if at < len(above) else ""
            else:
                text = _cell_text(tc)
            row.extend([text] * span)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _cell_text(tc) -> str:
    return clean_cell("\n".join(_text_lines(tc)))


def _text_lines(parent) -> list[str]:
    """Paragraphs and nested table rows of a cell, as lines."""
    lines: list[str] = []
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            lines.append(_paragraph_text(child))
        elif child.tag == _W + "tbl":
            lines.extend(" ".join(c for c in row if c) for row in _grid(child))
        elif child.tag == _W + "sdt" and not _placeholder(child):
            content = child.find(_W + "sdtContent")
            if content is not None:
                lines.extend(_text_lines(content))
    return lines


def _paragraph_text(p) -> str:
    """The text a reader sees: runs (in hyperlinks, tracked insertions, smart tags, content controls
    and simple fields too) less those hidden (w:vanish) or struck out (w:strike, w:dstrike:
    '调整后预算<strike>330</strike>320万元' is 320, never 330320). Deleted text (w:del, w:moveFrom)
    is never read."""
    return "".join("" if _unseen(r) else r.text for r in _runs(p))


# Inline containers whose runs are the paragraph's text: Word 2003–2007 wrapped dates and figures in
# smart tags ("<w:smartTag>2023</w:smartTag>年"), forms in content controls and fields.
_INLINE = {_W + t for t in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "dir", "bdo")}


def _runs(parent):
    """The runs of a paragraph in reading order, inside its inline containers too."""
    for child in parent.iterchildren():
        if child.tag == _W + "r":
            yield child
        elif child.tag in _INLINE:
            yield from _runs(child)
        elif child.tag == _W + "sdt" and not _placeholder(child):
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _runs(content)


def _placeholder(sdt) -> bool:
    """A content control still showing its prompt ("单击或点击此处输入文字。", "请输入金额"): nothing was filled
    in. The flag alone is not enough (a tool may leave it set over text typed in): the prompt is in
    Word's placeholder style, or reads as a prompt."""
    pr = sdt.find(_W + "sdtPr")
    if pr is None or not _on(pr.find(_W + "showingPlcHdr")):
        return False
    styles = [s.get(_W + "val", "") for s in sdt.iter(_W + "rStyle")]
    return any("placeholder" in s.lower() for s in styles) or bool(_PROMPT.search("".join(sdt.itertext())))


_PROMPT = re.compile(r"单击|轻触|点击此处|点击输入|此处输入|在此处|在此键入|此处填写|请输入|请填写|请选择|键入|^\s*例\s*[：:]|"
                     r"click or tap|click here|tap here|enter text", re.I)


def _unseen(r) -> bool:
    rpr = r.find(_W + "rPr")
    return rpr is not None and any(_on(rpr.find(_W + tag)) for tag in ("vanish", "strike", "dstrike"))


def _on(el) -> bool:
    return el is not None and el.get(_W + "val", "true").lower() not in ("0", "false", "off")


def _hidden_row(tr) -> bool:
    """A row hidden whole: marked hidden, or every run of it hidden text (a draft row left in the table)."""
    trpr = tr.find(_W + "trPr")
    if trpr is not None and _on(trpr.find(_W + "hidden")):
        return True
    runs = tr.xpath(".//w:r[w:t]")
    return bool(runs) and all(_unseen(r) for r in runs) and any(_on(r.find(_W + "rPr/" + _W + "vanish")) for r in runs)
