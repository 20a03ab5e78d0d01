"""Saved web pages damaged in a few places (a download cut short, a corrupted byte) are read as
damaged text files are: the places replaced, named in a warning, the figures of their sentences
unread, never misread. A page that is not text is still refused.

Invented unit and figures.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from fixtures_files import write_bytes, write_html
from perflib.errors import UnreadableInput
from perflib.model import BLOCK_FIELDS
from perflib.pipeline import read_record
from perflib.read.html import _blank_text_digits

TITLE = "青川区河道管理所2023年度部门整体支出绩效自评报告"
PARAGRAPHS = [
    TITLE,
    "一、部门基本情况",
    "青川区河道管理所负责辖区内河道巡查与堤防维护。",
    "二、预算执行情况",
    "2023年度部门整体支出年初预算636.40万元，调整预算688.00万元。",
    "全年实际支出671.25万元，预算执行率97.57%。",
    "三、自评结论",
    "经自评，本单位2023年度部门整体支出绩效自评得分91.5分，等级为优。",
]


def page(tmp_path, encoding: str) -> bytes:
    return write_html(tmp_path / f"clean-{encoding}.html", PARAGRAPHS, TITLE, encoding=encoding).read_bytes()


def damage_at(data: bytes, encoding: str, text: str, offset: int = 1) -> bytes:
    """The page with the byte `offset` into the first character of `text` corrupted."""
    at = data.index(text.encode(encoding)) + offset
    return data[:at] + b"\xff" + data[at + 1:]


def damage_warnings(rec) -> list[str]:
    return [w for w in rec.warnings if w.startswith("damaged text")]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_corrupted_byte_loses_only_its_sentences_figures(tmp_path, encoding):
    clean = read_record(write_bytes(tmp_path / "clean.html", page(tmp_path, encoding)))
    assert clean.overall.actual == Decimal("671.25") and not damage_warnings(clean)
    rec = read_record(write_bytes(tmp_path / "bad.html", damage_at(page(tmp_path, encoding), encoding, "实际支出")))
    assert rec.overall.actual is None and rec.overall.completion_rate is None  # the damaged sentence's
    assert rec.overall.initial_budget == Decimal("636.40")
    for field in BLOCK_FIELDS:  # every other figure as the clean page gives it, or unread: never another
        assert getattr(rec.overall, field) in (None, getattr(clean.overall, field)), field
    assert rec.department == clean.department and rec.year == 2023
    assert rec.score == clean.score == Decimal("91.5")
    [warning] = damage_warnings(rec)
    assert f"could not be read as {encoding}" in warning and "line " in warning and "byte" in warning


def test_a_page_cut_short_in_the_middle_of_a_character_is_read(tmp_path):
    data = page(tmp_path, "utf-8")
    end = data.index("等级为优".encode()) + 1  # the first byte of 等 only
    rec = read_record(write_bytes(tmp_path / "cut.html", data[:end]))
    assert rec.overall.actual == Decimal("671.25") and rec.overall.completion_rate == Decimal("97.57")
    assert rec.score is None  # its sentence was the damaged one
    assert len(damage_warnings(rec)) == 1


def test_the_digits_of_tags_are_kept():
    assert _blank_text_digits('<td colspan="2">年初预算12.5万元</td>') == '<td colspan="2">年初预算\ufffd\ufffd.\ufffd万元</td>'


def test_a_page_of_binary_data_is_still_refused(tmp_path):
    junk = b"<html><body><p>" + bytes(range(128, 256)) * 40 + b"</p></body></html>"
    with pytest.raises(UnreadableInput):
        read_record(write_bytes(tmp_path / "junk.html", junk))
