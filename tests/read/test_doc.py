"""Legacy Word (.doc): LibreOffice converts it, the docx reader reads it; without LibreOffice, exit 2."""
from __future__ import annotations

import os
import shutil

import pytest

from fixtures_files import MERGE_LEFT, SAMPLE_PARAGRAPH, convert_with_soffice, write_docx
from perflib.errors import UnreadableInput
from perflib.read.files import read_document

TITLE = "某区财政局2021年度部门整体支出绩效自评报告"


def needs_soffice():
    """Skip with the reason when LibreOffice is missing here; in CI it must be there."""
    if shutil.which("soffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run must install libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed here")


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory):
    needs_soffice()
    table = [["项目", "资金", MERGE_LEFT], ["", "年初预算数", "全年执行数"], ["项目支出", "50.00", "45.00"]]
    src = write_docx(tmp_path_factory.mktemp("doc") / "r.docx", blocks=[TITLE, SAMPLE_PARAGRAPH, table])
    return convert_with_soffice(src, "doc", via="odt")


def test_doc_reads_through_libreoffice(doc_file):
    before = doc_file.read_bytes()
    doc = read_document(doc_file)
    assert doc.source.format == "doc"
    assert doc.lines()[:2] == [TITLE, SAMPLE_PARAGRAPH]
    (table,) = doc.tables
    assert table.rows == [["项目", "资金", "资金"], ["", "年初预算数", "全年执行数"], ["项目支出", "50.00", "45.00"]]
    assert doc_file.read_bytes() == before  # the input is never modified


def test_doc_without_libreoffice_is_exit_2(doc_file, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    with pytest.raises(UnreadableInput) as info:
        read_document(doc_file)
    msg = str(info.value)
    assert msg == (f"{doc_file}: cannot read .doc here: install LibreOffice (apt-get install "
                   "libreoffice-writer-nogui) or save it as .docx/PDF.")
