"""Traditional characters (繁體) → simplified, for matching only.

Some sites serve reports converted to traditional characters ("部門整體支出", "萬元"). The
lexicon is written in simplified characters, so the parser reads a simplified copy of the text;
every quote it keeps (evidence, lists, the department's name) is then taken back from the
original text at the same place. That needs a conversion that keeps every character's place:
one character for one, which OpenCC's t2s conversion gives character by character (a phrase
conversion may change a text's length).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

from ..read.document import Document, Table

_T2S = OpenCC("t2s")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# 覆 is simplified too, so t2s leaves it; in these words it is the traditional form of 复 ("批覆" is 批复, approved)
_FU_AS_FU = re.compile(r"(?<=[批答回反])覆")
_MET: set[str] = set()  # every character seen so far
_TRADITIONAL: set[str] = set()  # those with a simplified form …
_TABLE: dict[int, str] = {}  # … and that form


def simplified(text: str) -> str:
    """`text` in simplified characters, character for character (same length, same places)."""
    if "覆" in text:
        text = _FU_AS_FU.sub("复", text)
    chars = set(_convertible().findall(text))  # (most texts have none: no set of every character)
    if not chars:
        return text
    for ch in chars - _MET:
        if _HAN.match(ch):
            conv = _T2S.convert(ch)
            if len(conv) == 1 and conv != ch:
                _TRADITIONAL.add(ch)
                _TABLE[ord(ch)] = conv
        _MET.add(ch)
    if _TRADITIONAL.isdisjoint(chars):
        return text
    return _convertible().sub(_simple_form, text)  # (faster than str.translate over every character)


def prepare() -> None:
    """Build the pattern of the characters t2s may change now (~15 ms, from OpenCC's dictionaries):
    the kernel template (perflib.run.kernel_zygote) does, so its kernels do not each build it again."""
    _convertible()


def _simple_form(m: re.Match) -> str:
    return _TABLE.get(ord(m.group()), m.group())


@lru_cache(maxsize=1)
def _convertible() -> re.Pattern:
    """The Han characters t2s may change, one by one: the one-character keys of the dictionaries
    its configuration chains (every other character converts to itself). Every Han character when
    they cannot be read. (All in the BMP: a class with astral characters would be far slower.)"""
    import opencc

    folder = Path(opencc.__file__).parent
    chars: set[str] = set()
    try:
        config = json.loads((folder / "config" / "t2s.json").read_text(encoding="utf-8"))
        for name in _dictionary_files(config["conversion_chain"]):
            for line in (folder / "dictionary" / name).read_text(encoding="utf-8").splitlines():
                key = line.split("\t", 1)[0]
                if len(key) == 1 and _HAN.match(key):  # (only these are converted: see simplified)
                    chars.add(key)
    except (OSError, ValueError, KeyError, TypeError):
        return _HAN
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]") if chars else _HAN


def _dictionary_files(node) -> list[str]:
    """The dictionary files an OpenCC configuration names (its chain, groups included)."""
    if isinstance(node, list):
        return [f for item in node for f in _dictionary_files(item)]
    if isinstance(node, dict):
        if node.get("type") == "txt":
            return [node["file"]]
        return _dictionary_files(node.get("dict") or node.get("dicts") or [])
    return []


class Original:
    """Takes a quote from the simplified copy back to the original text's characters."""

    def __init__(self, original: str, simple: str):
        assert len(original) == len(simple)
        self.original, self.simple = original, simple
        self.forms: dict[int, str] | None = None

    def __call__(self, quote: str | None) -> str | None:
        if not quote:
            return quote
        whole = self._whole(quote)
        if whole is not None:
            return whole
        # a quote made of pieces ("表1 · 项目支出 × 2023年决算数: 1731.57", a header of two lines): each character
        # as this text writes it most often
        if self.forms is None:
            self.forms = written_forms(self.original, self.simple)
        return quote.translate(self.forms)

    def _whole(self, quote: str) -> str | None:
        at = self.simple.find(quote)
        if at >= 0:
            return self.original[at:at + len(quote)]
        m = _spaced(quote).search(self.simple)  # a name whose spaces were removed
        return re.sub(r"\s+", "", self.original[m.start():m.end()]) if m else None


def written_forms(original: str, simple: str) -> dict[int, str]:
    """{a simplified character: the form a text writes it in most often} over a text and its simplified copy (a
    str.translate table)."""
    seen: dict[str, Counter] = {}
    for s, o in zip(simple, original):
        if s != o:
            seen.setdefault(s, Counter())[o] += 1
    return {ord(s): forms.most_common(1)[0][0] for s, forms in seen.items()}


@lru_cache(maxsize=64)
def _spaced(quote: str) -> re.Pattern:
    return re.compile(r"\s*".join(re.escape(c) for c in quote))


def simplified_document(doc: Document) -> Document:
    """A copy of a Document whose every text (paragraphs, headings, table cells, the text as laid
    out, its site chrome) is in simplified characters, in the same places."""

    def block(b):
        if isinstance(b, Table):
            return replace(b, rows=[[simplified(c) for c in row] for row in b.rows],
                           title=simplified(b.title) if b.title else b.title)
        return replace(b, text=simplified(b.text))

    laid_out = [simplified(p) for p in doc.laid_out] if doc.laid_out is not None else None
    return replace(doc, blocks=[block(b) for b in doc.blocks], laid_out=laid_out,
                   chrome=[block(c) for c in doc.chrome] if doc.chrome else doc.chrome)
