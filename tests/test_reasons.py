"""Why a file failed, in Chinese: the pages and the review sheet say it in the reader's language,
with perflib's own sentence (the contract's, in English) kept beside it."""
import pytest

from fixtures_files import write_corrupt_docx, write_corrupt_pdf, write_txt
from perflib.errors import PerflibError
from perflib.labels import KIND_SENTENCE, REASON_BY_EXIT_ZH, reason_zh
from perflib.pipeline import analyze


def _png_named_pdf(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return path


def _error(path) -> tuple[str, int]:
    with pytest.raises(PerflibError) as exc:
        analyze(path)
    return str(exc.value), exc.value.exit_code


@pytest.mark.parametrize("make, words", [
    (lambda d: write_txt(d / "empty.txt", ""), "空文件"),
    (lambda d: write_corrupt_pdf(d / "broken.pdf"), "文件已损坏或不完整"),
    (lambda d: write_corrupt_docx(d / "broken.docx"), "文件已损坏或不完整"),
    (lambda d: write_txt(d / "notice.txt", "关于召开年度工作会议的通知。请各科室准时参加。"), "未找到预算数字"),
    (lambda d: _png_named_pdf(d / "x.pdf"), "文件已损坏或不完整"),
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
