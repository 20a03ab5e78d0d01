"""Stage 2: raw page text → one clean text, a paragraph per line.

Fullwidth digits, letters and number punctuation become ASCII so that
"６，３６４．２４" reads as 6,364.24; Chinese prose punctuation (，。（）：)
is kept, since evidence sentences are quoted back to Chinese readers.
Lines broken in the middle of a sentence (wrapped text, PDF lines) are
joined again; headings and list items start their own paragraph.
"""
from __future__ import annotations

import re
import unicodedata

# Fullwidth forms that carry numbers; prose punctuation stays as written.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({
    "％": "%", "．": ".", "＋": "+", "－": "-", "−": "-", "–": "-", "﹣": "-",
    "\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\ufeff": "", "\u200b": "", "\r": "",
})
_TRANS = str.maketrans(_FULLWIDTH)

# A paragraph ends at terminal punctuation (closing quotes/brackets may follow).
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:]['\"”’）)】》]*$")
# Numbered headings and list items: 一、 （一） (一) 1. 1、 （1） (1) 第一，
LIST_MARKER = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]|\d{1,2}\s*[、.．](?!\d)|\d{1,2}\s*[.．](?=(?:19|20)\d{2}\s*年)|第[一二三四五六七八九十]+[、，,：:]?)"
)
_TITLE = re.compile(r"(报告|报告书|自评表|评价表)\s*$")


def fold_chars(text: str) -> str:
    """Fullwidth digits and number punctuation → ASCII; unify spaces and line ends."""
    text = unicodedata.normalize("NFC", text).translate(_TRANS)
    # A fullwidth comma between digits is a thousands separator.
    return re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", text)


def join_broken_lines(text: str) -> str:
    """Rebuild paragraphs: one per line, no blank lines."""
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    paras: list[str] = []
    for line in lines:
        if not line:
            continue
        if paras and _continues(paras[-1], line):
            paras[-1] = _glue(paras[-1], line)
        else:
            paras.append(line)
    return "\n".join(paras)


def _continues(prev: str, line: str) -> bool:
    """Is `line` the rest of the sentence that `prev` left open?"""
    if _ENDS_SENTENCE.search(prev) or _TITLE.search(prev):
        return False
    if LIST_MARKER.match(line):
        return False
    if LIST_MARKER.match(prev) and len(prev) <= 30:
        return False  # a heading such as "一、项目安排管理使用效益情况"
    if is_table_line(prev) or is_table_line(line):
        return False  # rows of a table flattened to text stay one per line
    return len(prev) >= 16 or prev.endswith(("，", ",", "、"))


def _glue(prev: str, line: str) -> str:
    # Chinese needs no space across a line break; keep one between Latin/digit runs.
    if re.search(r"[A-Za-z0-9%]$", prev) and re.match(r"[A-Za-z0-9]", line):
        return prev + " " + line
    return prev + line


def normalize(pages: list[str]) -> str:
    """All pages of a document → one normalized text."""
    return join_broken_lines("\n".join(fold_chars(p) for p in pages))


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?[”’」』）)]*")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping the end punctuation."""
    return [s.strip() for s in _SENTENCE.findall(paragraph) if s.strip()]


# A cell of a flattened table: a figure, a percentage or a placeholder ("—").
TABLE_VALUE = re.compile(r"^(?:[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)\s*%?$|^[-—–/－]+$")
_TABLE_HEAD_WORD = re.compile(r"预算|执行|支出|决算|调整|完成|金额|分值|得分|权重|指标|项目|名称")


def is_table_line(line: str) -> bool:
    """A table row flattened to text: cells apart by tabs/spaces, mostly figures or column names."""
    cells = line.split()
    if len(cells) < 3 or re.search(r"[，。；;]", line):
        return False
    values = sum(bool(TABLE_VALUE.match(c)) for c in cells)
    heads = sum(bool(_TABLE_HEAD_WORD.search(c)) and len(c) <= 16 for c in cells)
    return (values >= 2 and 2 * values >= len(cells)) or (heads >= 3 and 2 * heads >= len(cells) and values == 0)
