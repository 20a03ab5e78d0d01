"""Text files damaged in a few places (cut mid-character, a corrupted byte) are read, with the
damaged places replaced and named in a warning; a figure near one is unread, never misread.
A wrong encoding and binary data are still refused.

The reports are generated (tests/corpus.py: invented departments and figures).
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import TEMPLATES, amount, expected, make_figures, make_variant, render_lines
from fixtures_files import write_bytes, write_txt
from perflib.errors import UnreadableInput
from perflib.pipeline import read_record
from perflib.read.files import read_document
from understand.test_parse_roundtrip import as_expected

_TMP = Path(tempfile.mkdtemp(prefix="perflib-damaged-"))
FEW = settings(max_examples=6, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CLOSING = "以上为本单位部门整体支出绩效自评情况，特此报告。"  # a last line with no figure in it
WARNING = re.compile(r"damaged text: (\d+) places? could not be read as ([\w-]+) and w\w+ replaced by \ufffd: "
                     r"(line \d+ \(bytes? [\d,–]+\)(?:, )?)+(?: and \d+ more)?; the figures of those sentences are not read")


def report(rng, template, encoding: str) -> tuple[bytes, dict]:
    """A generated report as bytes, and what reading it undamaged gives (its figures checked)."""
    figures, variant = make_figures(rng), make_variant(rng, template)
    text = "\n".join([*render_lines(figures, template, variant), CLOSING]) + "\n"
    bom = b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b""
    data = bom + text.encode("utf-8" if bom else encoding)
    clean = as_expected(read_record(write_bytes(_TMP / f"clean-{encoding}.txt", data)))
    want = expected(figures, template, variant)
    for key in want:
        if key not in ("problems", "plans"):  # the closing line may count as one more item
            assert clean[key] == want[key], key
    return data, clean


def damage_warnings(rec) -> list[str]:
    return [w for w in rec.warnings if w.startswith("damaged text")]


def char_at(data: bytes, encoding: str, line_no: int, column: int) -> tuple[int, int]:
    """Byte span of the character at (0-based) line and column of the encoded report."""
    bom = 3 if encoding == "utf-8-sig" else 0
    enc = "utf-8" if bom else encoding
    lines = data[bom:].decode(enc).split("\n")
    before = "\n".join(lines[:line_no]) + ("\n" if line_no else "") + lines[line_no][:column]
    start = bom + len(before.encode(enc))
    return start, start + len(lines[line_no][column].encode(enc))


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
@pytest.mark.parametrize("template", TEMPLATES)
@FEW
@given(rng=st.randoms(use_true_random=False), keep=st.integers(1, 2))
def test_cut_in_the_middle_of_a_character_keeps_every_figure(tmp_path, encoding, template, rng, keep):
    data, want = report(rng, template, encoding)
    body = data.rstrip(b"\n")  # the file ends inside the closing line's last character
    cut = body[:-(len("。".encode(encoding)))]
    cut += "。".encode(encoding)[:min(keep, len("。".encode(encoding)) - 1)]
    rec = read_record(write_bytes(tmp_path / "cut.txt", cut))
    assert as_expected(rec) == want
    (warning,) = damage_warnings(rec)
    n_lines = cut.count(b"\n") + 1
    assert WARNING.fullmatch(warning) and f"line {n_lines} (byte" in warning, warning
    assert rec.source.encoding == ("gb18030" if encoding == "gbk" else "utf-8")


def _prose_line(lines: list[str]) -> int:
    """The line nearest the middle that is long prose without a figure (not a heading, an item, a
    table row or header, a label: damage there may leave a figure unread, rightly)."""
    candidates = [i for i, ln in enumerate(lines) if len(ln) >= 20 and not re.search(r"[\d\s:：|]", ln)
                  and not re.match(r"^[（(一二三四五六七八九十、.]", ln)]
    return min(candidates, key=lambda i: abs(i - len(lines) // 2)) if candidates else len(lines) - 1


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-8-sig"])
@pytest.mark.parametrize("template", TEMPLATES)
@FEW
@given(rng=st.randoms(use_true_random=False), bad_byte=st.sampled_from([(0xFF, 0), (0xFF, 1), (0x80, 0)]))
def test_one_corrupted_byte_in_the_middle_keeps_every_figure(tmp_path, encoding, template, rng, bad_byte):
    """A character's first or second byte made one that cannot stand there (0xFF anywhere, 0x80
    first): the damage is seen. (A byte changed into another valid one is a different character,
    which no reader can tell.)"""
    bad, which = bad_byte
    data, want = report(rng, template, encoding)
    text = data.decode("utf-8-sig" if encoding == "utf-8-sig" else encoding)
    lines = text.split("\n")
    line_no = _prose_line(lines)
    start, end = char_at(data, encoding, line_no, len(lines[line_no]) // 2)
    at = start + min(which, end - start - 1)  # the character's first byte or the next one
    damaged = data[:at] + bytes([bad]) + data[at + 1:]
    rec = read_record(write_bytes(tmp_path / "bad.txt", damaged))
    assert as_expected(rec) == want
    (warning,) = damage_warnings(rec)
    assert WARNING.fullmatch(warning) and f"line {line_no + 1} (byte" in warning, warning


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
@pytest.mark.parametrize("field", ["overall.actual", "overall.initial_budget", "projects.actual"])
@settings(FEW, max_examples=4)
@given(rng=st.randoms(use_true_random=False), bad=st.sampled_from([0xFF, 0x80]))
def test_a_damaged_figure_is_unread_not_misread(tmp_path, encoding, field, rng, bad):
    figures, variant = make_figures(rng), make_variant(rng, "seed")
    text = "\n".join(render_lines(figures, "seed", variant)) + "\n"
    data = text.encode(encoding)
    clean = read_record(write_bytes(tmp_path / "clean.txt", data))
    block, name = field.split(".")
    assert getattr(clean.block(block), name) is not None
    evidence = clean.evidence[field]
    figs = getattr(figures, block)
    wan = figs.actual if name == "actual" else figs.initial
    written = amount(wan, variant, with_unit=False)
    assert written in evidence, (written, evidence)
    # the middle digit of the figure, wherever the report writes it
    digit = [i for i, ch in enumerate(written) if ch.isdigit()][len(written.replace(",", "").replace(".", "")) // 2]
    damaged = bytearray(data)
    for m in re.finditer(r"(?<![\d.,])" + re.escape(written) + r"(?![\d])", text):
        damaged[len(text[:m.start() + digit].encode(encoding))] = bad
    damaged = bytes(damaged)
    rec = read_record(write_bytes(tmp_path / "bad.txt", damaged))
    assert getattr(rec.block(block), name) is None  # unread …
    got, before = as_expected(rec), as_expected(clean)
    for key in ("overall", "projects", "basic"):
        for f, v in got[key].items():
            assert v is None or v == before[key][f], (key, f, v)  # … and nothing else misread
    assert len(damage_warnings(rec)) == 1


def test_damaged_place_named_by_line_and_byte(tmp_path):
    text = "某县林业局2021年度部门整体支出绩效自评报告\n第二行文字正常。\n第三行文字正常。\n"
    data = text.encode("utf-8")
    at = data.find("三".encode())
    doc = read_document(write_bytes(tmp_path / "r.txt", data[:at] + b"\xff" + data[at + 1:]))
    assert doc.lines()[2] == "第\ufffd行文字正常。"  # the character's three bytes are one damaged place
    (warning,) = doc.warnings
    assert warning == ("damaged text: 1 place could not be read as utf-8 and was replaced by \ufffd: "
                       f"line 3 (bytes {at:,}–{at + 2:,}); the figures of those sentences are not read")


def test_bom_file_with_a_bad_byte(tmp_path):
    text = "某县林业局2021年度部门整体支出绩效自评报告\n本年度实际支出1,234.50万元。\n其他说明文字。\n"
    data = b"\xef\xbb\xbf" + text.encode()
    at = data.find("其".encode())
    doc = read_document(write_bytes(tmp_path / "r.txt", data[:at + 1] + b"\xff" + data[at + 2:]))
    assert doc.source.encoding == "utf-8-sig"
    assert doc.lines()[1] == "本年度实际支出1,234.50万元。" and doc.lines()[2].endswith("他说明文字。")
    assert len(doc.warnings) == 1 and "line 3" in doc.warnings[0]


def test_the_digits_of_a_damaged_sentence_are_blanked_not_its_neighbours(tmp_path):
    text = "年初预算数为4,982.39万元。全年执行数6,364.24万元，执行率98.37%。其余支出正常。\n"
    data = text.encode("utf-8")
    at = data.find("执".encode())
    doc = read_document(write_bytes(tmp_path / "r.txt", data[:at] + b"\xff" + data[at + 1:]))
    line = doc.lines()[0]
    assert line.startswith("年初预算数为4,982.39万元。全年")
    assert "6,364.24" not in line and "98.37" not in line and not re.search(r"\d", line.split("。")[1])
    assert line.endswith("其余支出正常。")


# --- still refused ------------------------------------------------------------------------------

def refused(path) -> str:
    with pytest.raises(UnreadableInput) as info:
        read_document(path)
    msg = str(info.value)
    assert msg.startswith(f"{path}: ") and "\n" not in msg
    return msg


def test_too_many_damaged_places_is_refused(tmp_path):
    """One damaged place per 100 non-ASCII characters is the most a file may have."""
    text = "本单位全年认真落实各项预算管理制度，切实提高资金使用效益。" * 40
    data = bytearray(text.encode("utf-8"))
    for i in range(0, len(data), 150):  # about one damaged character in 50
        data[i] = 0xFF
    assert "encoding could not be recognised" in refused(write_bytes(tmp_path / "r.txt", bytes(data)))


@pytest.mark.parametrize("body", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(range(7, 250)) * 20,
                                  b"abc\x00\x01\x02def" * 50])
def test_binary_is_still_refused(tmp_path, body):
    msg = refused(write_bytes(tmp_path / "r.txt", body))
    assert "binary" in msg or "encoding could not be recognised" in msg


def test_a_few_chinese_characters_in_gbk_are_not_taken_for_damaged_utf8(tmp_path):
    """Mostly ASCII with a few GBK characters: read as GB18030, never as UTF-8 with 'damage'."""
    text = ("Budget report, unit: 10k yuan. " * 30) + "年初预算数100.00万元，执行率98%。" + (" total 100.00" * 20)
    doc = read_document(write_txt(tmp_path / "r.txt", text, "gbk"))
    assert doc.source.encoding == "gb18030" and not doc.warnings
    assert "年初预算数100.00万元，执行率98%。" in "\n".join(doc.lines())


def test_big5_damaged_is_read_as_big5(tmp_path):
    text = "某縣林業局年度部門整體支出績效自評報告。本年度實際支出一千二百萬元，預算執行情況良好。" * 8
    data = text.encode("big5")
    at = len(data) // 2
    at += data[at] < 0x80  # a character's first byte
    doc = read_document(write_bytes(tmp_path / "r.txt", data[:at] + b"\xff" + data[at + 1:]))
    assert doc.source.encoding == "cp950" and len(doc.warnings) == 1
    assert "部門整體支出績效自評報告" in doc.lines()[0]
