"""Stage 1: every file users download reads, or fails with one plain sentence."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fixtures_files import (
    MERGE_LEFT,
    MERGE_UP,
    SAMPLE_PARAGRAPH,
    write_bytes,
    write_corrupt_docx,
    write_corrupt_pdf,
    write_docx,
    write_docx_bad_xml,
    write_encrypted_pdf,
    write_legacy_doc,
    write_pdf,
    write_png,
    write_scanned_pdf,
    write_txt,
    write_zip_not_docx,
)
from perflib.errors import NotAReport, UnreadableInput
from perflib.read.files import read_document

REPORT = "广州市荔湾区人民政府花地街道办事处 2021 部门整体支出绩效评价报告\n" + SAMPLE_PARAGRAPH
# Characters outside GBK: CJK Extension A/B and the euro sign only GB18030 can encode.
GB18030_ONLY = "㐀䶵𠀀𪚥€"


def unreadable(path) -> str:
    """Read `path`, expecting UnreadableInput; return its message after checking its shape."""
    with pytest.raises(UnreadableInput) as info:
        read_document(path)
    msg = str(info.value)
    assert str(path) in msg
    assert "\n" not in msg and "Traceback" not in msg
    assert msg.endswith(".")
    return msg


# --- text ------------------------------------------------------------------

@pytest.mark.parametrize(
    "encoding, reported",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb2312", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_txt_encodings(tmp_path, encoding, reported):
    path = write_txt(tmp_path / "r.txt", REPORT, encoding)
    doc = read_document(path)
    assert doc.lines() == REPORT.split("\n")
    assert doc.source.encoding == reported
    assert doc.source.format == "txt"
    assert doc.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("text", ["预算完成率100%。", "绩效自评优", "繁體中文報告", "调整减支"])
def test_short_gbk_text(tmp_path, text):
    # On a few bytes cp949/Shift-JIS tie with GBK; the Chinese reading must win.
    doc = read_document(write_txt(tmp_path / "r.txt", text, "gbk"))
    assert doc.lines() == [text] and doc.source.encoding == "gb18030"


def test_gb18030_only_characters(tmp_path):
    text = REPORT + GB18030_ONLY
    doc = read_document(write_txt(tmp_path / "r.txt", text, "gb18030"))
    assert "\n".join(doc.lines()) == text
    assert doc.source.encoding == "gb18030"


def test_utf16_big_endian_with_bom(tmp_path):
    path = write_bytes(tmp_path / "r.txt", b"\xfe\xff" + REPORT.encode("utf-16-be"))
    assert read_document(path).lines() == REPORT.split("\n")


def test_bom_is_not_text(tmp_path):
    doc = read_document(write_txt(tmp_path / "r.txt", REPORT, "utf-8-sig"))
    assert not doc.lines()[0].startswith("\ufeff")


def test_form_feeds_split_pages(tmp_path):
    doc = read_document(write_txt(tmp_path / "r.txt", "第一页。\f第二页。"))
    assert doc.lines() == ["第一页。", "第二页。"]


def test_nul_bytes_are_binary(tmp_path):
    assert "binary" in unreadable(write_bytes(tmp_path / "r.txt", b"abc\x00\x01\x02def" * 50))


def test_control_characters_are_binary(tmp_path):
    assert "binary" in unreadable(write_bytes(tmp_path / "r.txt", bytes(range(1, 32)) * 20))


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_one_damaged_byte_is_read_with_a_warning_not_guessed(tmp_path, encoding):
    """Damaged, not a wrong encoding: read in its own encoding, the place named (tests/read/test_text_damaged.py)."""
    data = (SAMPLE_PARAGRAPH * 20).encode(encoding)
    doc = read_document(write_bytes(tmp_path / "r.txt", data[:501] + b"\xff" + data[501:]))
    assert doc.source.encoding == {"utf-8": "utf-8", "gbk": "gb18030"}[encoding]
    assert "".join(doc.lines()).count("\ufffd") >= 1 and len(doc.warnings) == 1


def test_bad_bom_is_unreadable(tmp_path):
    unreadable(write_bytes(tmp_path / "r.txt", b"\xff\xfe\x00\xd8"))  # lone surrogate


# --- PDF -------------------------------------------------------------------

def test_pdf_pages_in_order(tmp_path):
    path = write_pdf(tmp_path / "r.pdf", ["第一页正文。", "第二页正文。", "第三页正文。"],
                     footer_page_numbers=False)
    doc = read_document(path)
    assert doc.source.format == "pdf" and doc.source.pages == 3 and doc.source.encoding is None
    assert doc.lines() == ["第一页正文。", "第二页正文。", "第三页正文。"]


def test_pdf_keeps_chinese_figures(tmp_path):
    doc = read_document(write_pdf(tmp_path / "r.pdf", [SAMPLE_PARAGRAPH], wrap="WORD"))
    text = "".join(doc.lines())
    for figure in ("6,364.24", "4,982.39", "27.73%", "预算完成率"):
        assert figure in text


def test_long_pdf_reads_every_page(tmp_path):
    # Speed is measured by bench/bench_render.py, not asserted here.
    path = write_pdf(tmp_path / "big.pdf", [SAMPLE_PARAGRAPH * 10] * 60, header="标题")
    doc = read_document(path)
    assert doc.source.pages == 60
    from perflib.read.pdf import read_pdf_pages

    assert all("预算" in page for page in read_pdf_pages(path, path.read_bytes()))


def test_scanned_pdf_needs_ocr(tmp_path):
    msg = unreadable(write_scanned_pdf(tmp_path / "scan.pdf", pages=2))
    assert "no text layer" in msg and "OCR" in msg


def test_corrupt_pdf(tmp_path):
    assert "not a readable PDF" in unreadable(write_corrupt_pdf(tmp_path / "r.pdf"))


def test_encrypted_pdf(tmp_path):
    assert "password" in unreadable(write_encrypted_pdf(tmp_path / "r.pdf"))


def test_text_named_pdf(tmp_path):
    assert "not a readable PDF" in unreadable(write_txt(tmp_path / "r.pdf", REPORT))


# --- DOCX ------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_order(tmp_path):
    table = [
        ["项目", "年初预算", "实际支出"],
        ["整体支出", "4982.39", "6364.24"],
    ]
    path = write_docx(tmp_path / "r.docx", blocks=["一、基本情况", table, "二、结论。"])
    doc = read_document(path)
    assert doc.source.format == "docx"
    assert doc.lines() == ["一、基本情况", "项目\t年初预算\t实际支出", "整体支出\t4982.39\t6364.24", "二、结论。"]
    assert [t.rows for t in doc.tables] == [table]
    assert doc.tables[0].title == "一、基本情况" and doc.tables[0].loc.table == 1


def test_docx_merged_cells_expanded(tmp_path):
    table = [
        ["项目", "资金", MERGE_LEFT],
        ["党建", "预算", "实际"],
        [MERGE_UP, "10.5", "9.8"],
    ]
    doc = read_document(write_docx(tmp_path / "r.docx", ["前言。"], [table]))
    # every position of the grid holds the text of the cell that covers it
    assert doc.tables[0].rows == [["项目", "资金", "资金"], ["党建", "预算", "实际"], ["党建", "10.5", "9.8"]]
    assert doc.tables[0].cell_evidence(2, 2) == "表1 · 党建 × 资金: 9.8"
    assert doc.lines() == ["前言。", "项目\t资金", "党建\t预算\t实际", "党建\t10.5\t9.8"]


def test_docx_named_doc_is_read(tmp_path):
    path = write_docx(tmp_path / "r.doc", [SAMPLE_PARAGRAPH])
    assert read_document(path).lines() == [SAMPLE_PARAGRAPH]


def test_damaged_legacy_doc(tmp_path):
    assert "damaged" in unreadable(write_legacy_doc(tmp_path / "r.doc"))


def test_corrupt_docx(tmp_path):
    assert "damaged" in unreadable(write_corrupt_docx(tmp_path / "r.docx"))


def test_docx_with_broken_xml(tmp_path):
    assert "damaged" in unreadable(write_docx_bad_xml(tmp_path / "r.docx"))


def test_zip_that_is_not_docx(tmp_path):
    assert "not a Word" in unreadable(write_zip_not_docx(tmp_path / "r.docx"))


@pytest.mark.parametrize("name", ["r.docx", "r.pdf", "r.txt", "r.doc"])
def test_renamed_image(tmp_path, name):
    unreadable(write_png(tmp_path / name))


# --- nothing to read -------------------------------------------------------

def test_missing(tmp_path):
    assert "no such file" in unreadable(tmp_path / "nope.pdf")


def test_directory(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    assert "folder" in unreadable(tmp_path / "dir.txt")


@pytest.mark.parametrize("name", ["r.txt", "r.pdf", "r.docx"])
@pytest.mark.parametrize("content", [b"", b"  \r\n\t "])
def test_empty(tmp_path, name, content):
    assert "empty" in unreadable(write_bytes(tmp_path / name, content))


@pytest.mark.parametrize("name", ["r.odt", "report", "r.pdf.bak"])
def test_unsupported_extension(tmp_path, name):
    assert "unsupported file type" in unreadable(write_txt(tmp_path / name, REPORT))


@pytest.mark.parametrize("name, said", [("r.rtf", "is an RTF document; save it as .docx or PDF"),
                                        ("r.wps", "is a WPS Writer document; save it as .docx or PDF"),
                                        ("r.et", "is a WPS spreadsheet; save it as .xlsx"),
                                        ("r.ofd", "is an OFD document; save it as PDF")])
def test_a_format_reports_come_in_says_what_to_save_it_as(tmp_path, name, said):
    assert said in unreadable(write_txt(tmp_path / name, REPORT))


def test_uppercase_extension(tmp_path):
    assert read_document(write_txt(tmp_path / "R.TXT", REPORT)).lines() == REPORT.split("\n")


# --- fuzz: bad bytes never escape as anything but UnreadableInput ----------

_PREFIXES = st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe",
                             b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<!DOCTYPE html><html><body>",
                             b"<table><tr><td>"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=_PREFIXES, body=st.binary(max_size=400),
       suffix=st.sampled_from([".txt", ".pdf", ".docx", ".doc", ".html", ".xlsx", ".xls"]))
@example(prefix=b"<!DOCTYPE html><html><body>", body=b"\x01\r", suffix=".txt")  # (a control character in a page's text)
def test_random_bytes(tmp_path, prefix, body, suffix):
    path = write_bytes(tmp_path / f"r{suffix}", prefix + body)
    try:
        doc = read_document(path)
    except (UnreadableInput, NotAReport) as exc:  # (NotAReport: a page or workbook perflib made)
        assert "\n" not in str(exc)
    else:
        assert all(isinstance(line, str) for line in doc.lines())
