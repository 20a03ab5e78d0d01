"""Why a file failed, in Chinese: the pages and the review sheet say it in the reader's language,
with perflib's own sentence (the contract's, in English) kept beside it."""
import pytest

from fixtures_files import write_corrupt_docx, write_corrupt_pdf, write_png, write_txt
from perflib.errors import PerflibError
from perflib.labels import KIND_SENTENCE, REASON_BY_EXIT_ZH, reason_zh, warning_zh
from perflib.pipeline import analyze


def _error(path) -> tuple[str, int]:
    with pytest.raises(PerflibError) as exc:
        analyze(path)
    return str(exc.value), exc.value.exit_code


@pytest.mark.parametrize("make, words", [
    (lambda d: write_txt(d / "empty.txt", ""), "空文件"),
    (lambda d: write_corrupt_pdf(d / "broken.pdf"), "文件已损坏或不完整"),
    (lambda d: write_corrupt_docx(d / "broken.docx"), "文件已损坏或不完整"),
    (lambda d: write_txt(d / "notice.txt", "关于召开年度工作会议的通知。请各科室准时参加。"), "未找到预算数字"),
    (lambda d: write_png(d / "x.pdf"), "文件已损坏或不完整"),  # a picture renamed
])
def test_readers_errors_have_chinese_words(tmp_path, make, words):
    error, code = _error(make(tmp_path))
    said = reason_zh(error, code)
    assert words in said, (error, said)
    assert said not in REASON_BY_EXIT_ZH.values() or code == 3  # a reason found, not only the exit code's


@pytest.mark.parametrize("kind", sorted(KIND_SENTENCE))
def test_every_kind_of_other_document_is_named(kind):
    assert reason_zh(f"x.pdf: {KIND_SENTENCE[kind]}", 3) not in ("处理失败",)
    if kind != "other":
        assert reason_zh(f"x.pdf: {KIND_SENTENCE[kind]}", 3) != REASON_BY_EXIT_ZH[3]


def test_an_unknown_error_falls_back_to_its_exit_code():
    assert reason_zh("x.txt: something new went wrong", 2) == "无法读取"
    assert reason_zh("x.txt: something new went wrong", None) == "处理失败"


def test_the_index_and_review_sheet_say_why_in_chinese(tmp_path):
    import pandas as pd

    from perflib.present.index_page import failures_section
    from perflib.review import failure_items

    f = {"source": "a/b.docx", "stage": "read", "exit_code": 2,
         "error": "a/b.docx: not a Word .docx document (it is not a zip archive).", "kind": None, "region": None}
    page = failures_section(pd.DataFrame([f]))
    assert "文件内容与扩展名不符，或格式不受支持" in page and "not a Word .docx document" in page
    (row,) = failure_items([f])
    assert row["reason"].startswith("文件内容与扩展名不符，或格式不受支持：a/b.docx: not a Word")


# Each warning as perflib words it (see the modules named): every kind has its Chinese.
WARNINGS = [
    "overall.actual 5.00 was read by OCR and contradicts the report's other figures (completion rate): left unread; "
    "check it against the scan",  # understand/ocr_sanity.py
    "table row 'a | b': 2 cells under 3 columns; not read",  # understand/tables.py
    "表1 第2行 实际支出: no unit stated; assumed 万元",  # understand/tables.py
    "overall.actual: the report also states 5.00 (kept the first figure, 4.00)",  # understand/tables.py
    "score: the indicator table totals 88 (kept the stated score, 90)",  # understand/indicators.py
    "projects.actual: 5.00 read from its context breaks projects within overall; not taken",  # understand/assign.py
    "damaged text: 1 place could not be read as utf-8 and was replaced by \ufffd: line 3 (byte 12); the figures of "
    "those sentences are not read",  # read/text.py
]


@pytest.mark.parametrize("warning", WARNINGS)
def test_every_kind_of_reading_warning_has_chinese_words(warning):
    assert warning_zh(warning)


def test_a_damaged_file_is_warned_about_in_chinese_on_the_page_and_the_sheet(tmp_path):
    from perflib.present import page
    from perflib.review import record_items

    data = "某县林业局2021年度部门整体支出绩效自评报告\n本年度实际支出 1,234.50 万元。\n第三行文字正常。\n".encode()
    at = data.find("三".encode())
    path = tmp_path / "r.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1:])
    a = analyze(path)
    html = str(page.checks(a))
    assert "文件有损坏处" in html and "damaged text: 1 place" in html
    (row,) = [r for r in record_items(a.record) if r["category"] == "读取提示"]
    assert row["reason"].startswith("文件有损坏处") and "damaged text" in row["reason"]


def test_only_the_reason_is_matched_not_the_files_path():
    assert reason_zh("scans/x.pdf: not a readable PDF (no PDF header found).", 2, "scans/x.pdf") == "文件已损坏或不完整"
    assert reason_zh("encrypted-backup/x.docx: the Word file is damaged (broken zip archive).", 2) == "文件已损坏或不完整"


def test_odd_values_give_the_fallback_not_an_error():
    import math

    import pandas as pd

    for error, code in [(None, None), (math.nan, math.nan), (pd.NA, pd.NA), (3, "x")]:
        assert reason_zh(error, code) == "处理失败"
