"""Legacy Word (.doc): LibreOffice converts it when installed, perflib's own reader (word97.py)
reads it otherwise; both give the same blocks and the same record.

The .doc fixtures are written by LibreOffice (from a .docx by way of .odt, which keeps the
tables), so the tests that need one skip here without LibreOffice and fail in CI without it;
the committed sample (data/samples/2021_weijian.doc) needs nothing.
"""
from __future__ import annotations

import os
import shutil
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures_files import MERGE_LEFT, MERGE_UP, SAMPLE_PARAGRAPH, convert_with_soffice, write_docx
from paths import SAMPLES
from perflib.errors import UnreadableInput
from perflib.model import Source
from perflib.pipeline import read_record
from perflib.read import word97
from perflib.read.document import Heading, Table
from perflib.read.files import read_document
from perflib.record_json import to_dict

TITLE = "某区财政局2021年度部门整体支出绩效自评报告"
READERS = ("libreoffice", "builtin")


def needs_soffice():
    """Skip with the reason when LibreOffice is missing here; in CI it must be there."""
    if shutil.which("soffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run must install libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed here")


def read_with(reader: str, path, monkeypatch):
    monkeypatch.setenv("PERFLIB_DOC_READER", reader)
    return read_document(path)


def blocks_of(doc) -> list[tuple]:
    return [(type(b).__name__, getattr(b, "level", None), b.rows if isinstance(b, Table) else b.text)
            for b in doc.blocks]


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory):
    needs_soffice()
    table = [["项目", "资金", MERGE_LEFT], ["", "年初预算数", "全年执行数"], ["项目支出", "50.00", "45.00"]]
    src = write_docx(tmp_path_factory.mktemp("doc") / "r.docx", blocks=[TITLE, SAMPLE_PARAGRAPH, table])
    return convert_with_soffice(src, "doc", via="odt")


@pytest.fixture(scope="module")
def rich_doc(tmp_path_factory):
    """Headings, a line and a page break inside paragraphs, Latin-only text (8-bit pieces), a
    table with cells merged across and down, a cell of two paragraphs and a nested table."""
    needs_soffice()
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading("临江县水利局2022年度部门整体支出绩效自评报告", 0)
    d.add_heading("一、部门基本情况", 1)
    p = d.add_paragraph("第一行")
    p.add_run().add_break(WD_BREAK.LINE)
    p.add_run("第二行：年初预算1,234.56万元")
    d.add_heading("（一）基本支出", 2)
    p = d.add_paragraph("分页前")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("Latin text only, 8-bit: 1,234.56")
    t = d.add_table(rows=4, cols=4)
    for i, row in enumerate([["项目", "年初预算数", "全年预算数", "全年执行数"], ["基本支出", "100.00", "110.00", "109.00"],
                             ["", "", "200.00", "190.00"], ["合计", "", "", ""]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(3, 0).merge(t.cell(3, 3))
    t.cell(3, 0).add_paragraph("第二段")
    inner = t.cell(2, 1).add_table(rows=2, cols=2)
    for (i, j), v in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["内1", "内2", "内3", "内4"]):
        inner.cell(i, j).text = v
    d.add_paragraph("表后段落。")
    folder = tmp_path_factory.mktemp("rich")
    d.save(folder / "rich.docx")
    return convert_with_soffice(folder / "rich.docx", "doc", via="odt")


@pytest.mark.parametrize("reader", READERS)
def test_doc_reads(doc_file, reader, monkeypatch):
    before = doc_file.read_bytes()
    doc = read_with(reader, doc_file, monkeypatch)
    assert doc.source.format == "doc"
    assert doc.lines()[:2] == [TITLE, SAMPLE_PARAGRAPH]
    (table,) = doc.tables
    assert table.rows == [["项目", "资金", "资金"], ["", "年初预算数", "全年执行数"], ["项目支出", "50.00", "45.00"]]
    assert doc_file.read_bytes() == before  # the input is never modified


def test_builtin_reader_reads_headings_breaks_merges_and_nested_tables(rich_doc, monkeypatch):
    doc = read_with("builtin", rich_doc, monkeypatch)
    heads = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [(1, "临江县水利局2022年度部门整体支出绩效自评报告"), (1, "一、部门基本情况"), (2, "（一）基本支出")]
    lines = doc.lines()
    for line in ("第一行", "第二行：年初预算1,234.56万元", "分页前", "Latin text only, 8-bit: 1,234.56", "表后段落。"):
        assert line in lines
    (table,) = doc.tables
    assert table.rows == [["项目", "年初预算数", "全年预算数", "全年执行数"],
                          ["基本支出", "100.00", "110.00", "109.00"],
                          ["基本支出", "内1 内2 内3 内4", "200.00", "190.00"],
                          ["合计 第二段"] * 4]


def test_both_readers_give_the_same_blocks(doc_file, rich_doc, monkeypatch):
    for path in (doc_file, rich_doc, SAMPLES / "2021_weijian.doc"):
        via_libreoffice = blocks_of(read_with("libreoffice", path, monkeypatch))
        assert blocks_of(read_with("builtin", path, monkeypatch)) == via_libreoffice, path.name


def test_sample_doc_reads_without_libreoffice(monkeypatch, tmp_path):
    """What a machine with Python only gets: no soffice on PATH, the default reader choice."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PERFLIB_DOC_READER", raising=False)
    rec = read_record(SAMPLES / "2021_weijian.doc")
    assert rec.source.format == "doc" and rec.year == 2021
    assert rec.department == "示例市青川区卫生健康局"
    o = rec.overall
    assert (str(o.initial_budget), str(o.adjusted_budget), str(o.actual), str(o.completion_rate)) == (
        "18600.00", "22700.00", "22586.50", "99.50")
    assert str(rec.projects.actual) == "13563.00" and rec.projects.count == 52
    assert rec.rating == "优" and str(rec.score) == "94"


def test_sample_doc_same_record_with_either_reader(monkeypatch):
    needs_soffice()
    records = {}
    for reader in READERS:
        monkeypatch.setenv("PERFLIB_DOC_READER", reader)
        records[reader] = to_dict(read_record(SAMPLES / "2021_weijian.doc"))
    assert records["builtin"] == records["libreoffice"]


def test_libreoffice_asked_for_but_missing_is_exit_2(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("PERFLIB_DOC_READER", "libreoffice")
    path = SAMPLES / "2021_weijian.doc"
    with pytest.raises(UnreadableInput) as info:
        read_document(path)
    assert str(info.value) == (f"{path}: cannot read .doc with LibreOffice here (PERFLIB_DOC_READER=libreoffice): "
                               "install LibreOffice (apt-get install libreoffice-writer-nogui) or save it as "
                               ".docx/PDF.")


# --- refused files: the same sentence whichever reader would have read them ----------------------

def _with_fib(tmp_path, change) -> "Path":
    """The sample with its WordDocument stream's FIB changed in place (olefile writes a stream
    back only at its own size)."""
    import olefile

    path = tmp_path / "changed.doc"
    shutil.copy(SAMPLES / "2021_weijian.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        change(word)
        ole.write_stream("WordDocument", bytes(word))
    return path


@pytest.mark.parametrize("reader", READERS)
def test_password_protected_doc_is_exit_2(tmp_path, reader, monkeypatch):
    """Word marks an encrypted .doc in its FIB (fEncrypted); the flag is what both paths check first,
    so the sample with that flag set stands for one (no tool here writes an encrypted .doc)."""
    def encrypt_flag(word):
        struct.pack_into("<H", word, 0x0A, struct.unpack_from("<H", word, 0x0A)[0] | 0x0100)

    path = _with_fib(tmp_path, encrypt_flag)
    with pytest.raises(UnreadableInput) as info:
        read_with(reader, path, monkeypatch)
    assert str(info.value) == f"{path}: the file is password-protected; save it without a password and try again."


def test_word_95_doc_is_exit_2(tmp_path, monkeypatch):
    path = _with_fib(tmp_path, lambda word: struct.pack_into("<H", word, 32, 0))  # no FibRgW97
    with pytest.raises(UnreadableInput, match="Word 6/95 document or older.*save it as .docx or PDF"):
        read_with("builtin", path, monkeypatch)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_doc_is_exit_2_damaged(tmp_path, cut, reader, monkeypatch):
    data = (SAMPLES / "2021_weijian.doc").read_bytes()
    path = tmp_path / "cut.doc"
    path.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(UnreadableInput, match=r"cut.doc: the (Word|Office 97-2003) file is damaged \("):
        read_with(reader, path, monkeypatch)


def test_text_limit_holds_for_the_builtin_reader(monkeypatch):
    monkeypatch.setenv("PERFLIB_MAX_TEXT_CHARS", "100")
    with pytest.raises(UnreadableInput, match="over the limit of 100 characters .PERFLIB_MAX_TEXT_CHARS"):
        read_with("builtin", SAMPLES / "2021_weijian.doc", monkeypatch)


_SAMPLE = (SAMPLES / "2021_weijian.doc").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.lists(st.integers(512, len(_SAMPLE) - 1), min_size=1, max_size=12), byte=st.integers(0, 255))
def test_corrupted_doc_is_read_or_refused_never_a_crash(tmp_path_factory, at, byte):
    data = bytearray(_SAMPLE)
    for i in at:
        data[i] = byte
    path = tmp_path_factory.mktemp("bad") / "bad.doc"
    try:
        word97.check_word97(path, bytes(data))
        word97.read_word97(path, bytes(data), Source(str(path), "doc", None, "x"))
    except UnreadableInput as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)


# --- the grid of a row: borders and merge flags ------------------------------------------------

def test_grid_from_cell_borders_and_merge_flags():
    """Rows with different borders share one grid; a cell covering two columns fills both; the
    legacy horizontal merge (first / merged flags) and the vertical one repeat the first cell's text."""
    b = word97._TableBuilder()
    Cell = word97._Cell
    for text in ("项目", "资金"):
        b.add_cell(text)
    b.end_row([Cell(0, 1000), Cell(1000, 3000)])
    for text in ("", "年初", "执行"):
        b.add_cell(text)
    b.end_row([Cell(0, 1000), Cell(1000, 2000), Cell(2000, 3000)])
    for text in ("合计", "", "9.00"):
        b.add_cell(text)
    b.end_row([Cell(0, 1000, horz=1), Cell(1000, 2000, horz=2), Cell(2000, 3000, vert=3)])
    for text in ("x", "y", ""):
        b.add_cell(text)
    b.end_row([Cell(0, 1000), Cell(1000, 2000), Cell(2000, 3000, vert=1)])
    assert b.table().rows == [["项目", "资金", "资金"], ["", "年初", "执行"], ["合计", "合计", "9.00"],
                              ["x", "y", "9.00"]]


def test_row_without_matching_geometry_keeps_its_cells():
    b = word97._TableBuilder()
    for text in ("a", "b"):
        b.add_cell(text)
    b.end_row([word97._Cell(0, 100)])  # one border pair for two cells: not trusted
    assert b.table().rows == [["a", "b"]]


def test_merge_up_in_a_generated_table(doc_file, monkeypatch, tmp_path):
    """A 绩效指标 table with a label merged down and a 合计 row merged across, both readers."""
    needs_soffice()
    grid = [["一级指标", "二级指标", "三级指标", "分值", "得分"],
            ["产出指标", "数量指标", "培训人次", "10", "10"],
            [MERGE_UP, "质量指标", "验收合格率", "10", "9.5"],
            ["合计", MERGE_LEFT, MERGE_LEFT, "20", "19.5"]]
    src = write_docx(tmp_path / "m.docx", blocks=[TITLE, grid])
    path = convert_with_soffice(src, "doc", via="odt")
    tables = {r: read_with(r, path, monkeypatch).tables[0].rows for r in READERS}
    assert tables["builtin"] == tables["libreoffice"] == [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"], ["产出指标", "数量指标", "培训人次", "10", "10"],
        ["产出指标", "质量指标", "验收合格率", "10", "9.5"], ["合计", "合计", "合计", "20", "19.5"]]


# --- .docx text a reader does not see -----------------------------------------------------
_UNIT = "石川镇农业服务中心"


def _docx_with_runs(path, runs, table=None):
    """A 2023 report whose figure sentence is `runs` ((text, hidden, struck) each), and an optional
    table ((cells, hidden) rows)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph(f"{_UNIT}2023年度部门整体支出绩效自评报告")
    d.add_paragraph("经自评，本单位2023年度部门整体支出绩效自评得分91分，评价等级为优。")
    p = d.add_paragraph()
    for text, hidden, struck in runs:
        run = p.add_run(text)
        run.font.hidden = hidden or None
        run.font.strike = struck or None
    if table:
        d.add_paragraph("单位：万元")
        t = d.add_table(rows=0, cols=len(table[0][0]))
        for cells, hidden in table:
            tr = t.add_row()
            for cell, text in zip(tr.cells, cells):
                cell.paragraphs[0].add_run(text).font.hidden = hidden == "runs" or None
            if hidden == "row":
                trpr = tr._tr.get_or_add_trPr()
                trpr.append(OxmlElement("w:hidden"))
    d.save(path)
    return path


def _overall(path) -> dict:
    return to_dict(read_record(path))["overall"]


@pytest.mark.parametrize("hidden, struck", [(True, False), (False, True)])
def test_docx_hidden_or_struck_run_is_not_read(tmp_path, hidden, struck):
    """'调整后预算<vanish>410万元（初稿），调整后预算</vanish>406万元' is 406, and '调整后预算<strike>410</strike>406万元'
    too (the struck digits were glued on: 410406)."""
    old = "410万元（初稿），调整后预算" if hidden else "410"
    path = _docx_with_runs(tmp_path / "r.docx", [("本年度部门整体支出年初预算380万元，调整后预算", False, False),
                                                 (old, hidden, struck),
                                                 ("406万元，实际支出398万元，预算执行率98.03%。", False, False)])
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"]) == (380, 406, 398)


@pytest.mark.parametrize("how", ["runs", "row"])
def test_docx_hidden_table_row_is_not_read(tmp_path, how):
    """A draft row of the table, every run of it hidden text (or the row marked hidden), above the real one."""
    head = ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]
    path = _docx_with_runs(tmp_path / "r.docx", [("部门整体支出情况见下表。", False, False)], table=[
        (head, None), (["年度资金总额", "390.00", "415.00", "401.00", "96.63%"], how),
        (["年度资金总额", "380.00", "406.00", "398.00", "98.03%"], None)])
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"], got["completion_rate"]) == (380, 406, 398, 98.03)


def test_docx_tracked_insertion_is_read(tmp_path):
    """A tracked change: w:del 410 (never read) and w:ins 406, the text the document now says."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = _docx_with_runs(tmp_path / "r.docx", [("本年度部门整体支出年初预算380万元，调整后预算", False, False)])
    import docx

    d = docx.Document(path)
    p = d.paragraphs[-1]._p
    p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>410</w:delText></w:r></w:del>'))
    p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x"><w:r><w:t>406</w:t></w:r></w:ins>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>万元，实际支出398万元，预算执行率98.03%。</w:t></w:r>'))
    d.save(path)
    assert _overall(path)["adjusted_budget"] == 406


@pytest.mark.parametrize("wrap", [
    '<w:smartTag {ns} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">{runs}</w:smartTag>',
    '<w:sdt {ns}><w:sdtPr/><w:sdtContent>{runs}</w:sdtContent></w:sdt>',
    '<w:fldSimple {ns} w:instr=" MERGEFIELD 调整后预算 ">{runs}</w:fldSimple>',
    '<w:smartTag {ns} w:element="a"><w:smartTag w:element="b">{runs}</w:smartTag></w:smartTag>',
])
def test_docx_figure_inside_a_smart_tag_content_control_or_field_is_read(tmp_path, wrap):
    """Word 2003–2007 wrapped figures in smart tags ('<w:smartTag>406</w:smartTag>万元'), a form its
    fields in content controls or merge fields: their runs are the sentence's, not dropped
    (which left '调整后预算万元' and no adjusted budget)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = _docx_with_runs(tmp_path / "r.docx", [("本年度部门整体支出年初预算380万元，调整后预算", False, False)])
    import docx

    d = docx.Document(path)
    p = d.paragraphs[-1]._p
    p.append(parse_xml(wrap.format(ns=nsdecls("w"), runs="<w:r><w:t>40</w:t></w:r><w:r><w:t>6</w:t></w:r>")))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>万元，实际支出398万元，预算执行率98.03%。</w:t></w:r>'))
    d.save(path)
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"]) == (380, 406, 398)


def test_docx_table_captioned_another_year_first_is_not_read(tmp_path):
    """'表1 2022年度预算执行情况' then '表2 2023年度…' in a 2023 report: the second table's figures."""
    from fixtures_files import write_docx

    head = ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]
    path = write_docx(tmp_path / "r.docx", blocks=[
        f"{_UNIT}2023年度部门整体支出绩效自评报告",
        "表1 2022年度预算执行情况（单位：万元）", [head, ["年度资金总额", "360.00", "371.00", "366.00", "98.65%"]],
        "表2 2023年度预算执行情况（单位：万元）", [head, ["年度资金总额", "380.00", "406.00", "398.00", "98.03%"]],
        "经自评，本单位2023年度部门整体支出绩效自评得分91分，评价等级为优。"])
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"], got["completion_rate"]) == (380, 406, 398, 98.03)


def test_docx_header_cell_wrapped_over_lines_is_read(tmp_path):
    """'年初' and '预算数' on two lines of one cell (a line break, or two paragraphs): the 年初预算数 column."""
    import docx

    head = ["项目", "年初\n预算数", "全年\n预算数", "全年执行数", "执行率"]
    path = _docx_with_runs(tmp_path / "r.docx", [("部门整体支出情况见下表。", False, False)], table=[
        (head, None), (["年度资金总额", "380.00", "406.00", "398.00", "98.03%"], None)])
    d = docx.Document(path)
    cell = d.tables[0].cell(0, 3)
    cell.paragraphs[0].runs[0].text = "全年"
    cell.add_paragraph("执行数")
    d.save(path)
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"], got["completion_rate"]) == (380, 406, 398, 98.03)


def test_docx_content_control_showing_its_prompt_is_not_read(tmp_path):
    """A content control never filled in shows Word's prompt ('单击或点击此处输入文字。'): no text of the report."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = _docx_with_runs(tmp_path / "r.docx", [("本年度部门整体支出年初预算380万元，调整后预算406万元，实际支出398万元。", False, False)])
    import docx

    d = docx.Document(path)
    p = d.paragraphs[0]._p  # the title line: "<prompt>2023年度…" if the prompt were read
    p.insert(0, parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr>'
                          '<w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>'))
    d.save(path)
    rec = read_record(path)
    assert rec.department == _UNIT
    assert "点击" not in rec.text


def test_docx_content_control_flagged_as_prompt_over_typed_text_is_read(tmp_path):
    """A tool may leave the prompt flag set over text typed in: text that is no prompt is the report's."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = _docx_with_runs(tmp_path / "r.docx", [("部门整体支出情况如下：", False, False)])
    import docx

    d = docx.Document(path)
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
        '<w:t>本年度部门整体支出年初预算380万元，调整后预算406万元，实际支出398万元，此处不含上年结转。</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'))
    d.save(path)
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"]) == (380, 406, 398)


@pytest.mark.parametrize("prompt, style", [("请输入金额", "PlaceholderText"), ("请输入金额", None), ("（金额）", "PlaceholderText")])
def test_docx_custom_prompt_in_a_sentence_is_not_read(tmp_path, prompt, style):
    """A form's own prompt in a content control never filled in ('实际支出<请输入金额>515万元'): in Word's
    placeholder style, or worded as a prompt, it is no text of the report."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = _docx_with_runs(tmp_path / "r.docx", [("本年度部门整体支出年初预算380万元，调整后预算406万元，实际支出", False, False)])
    import docx

    d = docx.Document(path)
    p = d.paragraphs[-1]._p
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr>'
                       f'<w:sdtContent><w:r>{rpr}<w:t>{prompt}</w:t></w:r></w:sdtContent></w:sdt>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>398万元。</w:t></w:r>'))
    d.save(path)
    got = _overall(path)
    assert (got["initial_budget"], got["adjusted_budget"], got["actual"]) == (380, 406, 398)


# --- a report typed into a box: a table of one column --------------------------------------------

def _framed_report(path, rows: int = 1):
    """A title, then the report in a table of one column (`rows` cells, the paragraphs spread over them),
    an indicator table inside the last cell."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{_UNIT}2023年度部门整体支出绩效自评报告")
    paras = ["一、部门基本情况", f"{_UNIT}为镇属事业单位。", "二、预算执行情况",
             "2023年度，本单位年初预算数为320.50万元，调整后预算数为356.20万元，全年实际支出348.90万元，预算执行率为97.95%。",
             "三、自评结论", "经自评，本单位部门整体支出绩效自评得分为92分，等级为优。"]
    t = d.add_table(rows=rows, cols=1)
    per = -(-len(paras) // rows)
    for r in range(rows):
        cell = t.cell(r, 0)
        chunk = paras[r * per:(r + 1) * per]
        cell.paragraphs[0].text = chunk[0]
        for text in chunk[1:]:
            cell.add_paragraph(text)
    inner = t.cell(rows - 1, 0).add_table(rows=2, cols=3)
    for (i, j), v in zip([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)], ["指标", "分值", "得分", "培训人次", "10", "9"]):
        inner.cell(i, j).text = v
    d.save(path)
    return path


@pytest.mark.parametrize("rows", [1, 3])
def test_docx_report_typed_into_a_one_column_table_is_read_as_text(tmp_path, rows):
    """A report inside one cell (or a column of cells) is the report's text, not a table of one column:
    its figures, score and rating are read; a table inside the cell stays a table."""
    path = _framed_report(tmp_path / "r.docx", rows)
    rec = read_record(path)
    o = to_dict(rec)["overall"]
    assert (o["initial_budget"], o["adjusted_budget"], o["actual"], o["completion_rate"]) == (320.5, 356.2, 348.9, 97.95)
    assert (rec.score, rec.rating) == (92, "优")
    doc = read_document(path)
    assert [t.rows for t in doc.tables] == [[["指标", "分值", "得分"], ["培训人次", "10", "9"]]]


@pytest.mark.parametrize("lines", [["“三公”经费情况", "年初预算12.00万元，实际支出10.50万元。"],
                                   ["项目支出情况", "年初预算140.00万元", "实际支出146.60万元"]])
def test_docx_box_beside_the_report_stays_a_table(tmp_path, lines):
    """A one-column box of a few lines beside the report (a note, a caption, "项目支出情况 / 年初预算…"), not
    holding most of its text, is no framed report: it stays a table (unread as before; read as text, its first
    line would head the report's paragraphs after it), and the body's figures are the unit's."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{_UNIT}2023年度部门整体支出绩效自评报告")
    d.add_paragraph("二、预算执行情况")
    t = d.add_table(rows=len(lines), cols=1)
    for k, line in enumerate(lines):
        t.cell(k, 0).text = line
    d.add_paragraph("2023年度年初预算320.50万元，调整后预算356.20万元，全年实际支出348.90万元，预算执行率97.95%。")
    d.save(tmp_path / "b.docx")
    o = to_dict(read_record(tmp_path / "b.docx"))["overall"]
    assert (o["initial_budget"], o["adjusted_budget"], o["actual"]) == (320.5, 356.2, 348.9)
    assert len(read_document(tmp_path / "b.docx").tables) == 1


def test_docx_table_of_two_columns_stays_a_table(tmp_path):
    """Label and value side by side is a form, not a frame: still read as a table."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{_UNIT}2023年度部门整体支出绩效自评表")
    t = d.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate([("项目", "金额（万元）"), ("年初预算数", "320.50"), ("全年执行数", "348.90")]):
        t.cell(i, 0).text, t.cell(i, 1).text = a, b
    d.save(tmp_path / "f.docx")
    assert len(read_document(tmp_path / "f.docx").tables) == 1


def test_both_readers_read_a_framed_report_alike(tmp_path, monkeypatch):
    """The .doc reader without LibreOffice reads a one-column table as text too (a table inside a cell it
    flattens into a line, as it always has)."""
    needs_soffice()
    src = _framed_report(tmp_path / "r.docx", 3)
    path = convert_with_soffice(src, "doc", via="odt")
    texts = {r: [b for b in blocks_of(read_with(r, path, monkeypatch)) if b[0] != "Table"] for r in READERS}
    assert texts["builtin"][:7] == texts["libreoffice"][:7]
    for reader in READERS:
        monkeypatch.setenv("PERFLIB_DOC_READER", reader)
        o = to_dict(read_record(path))["overall"]
        assert (o["initial_budget"], o["actual"], o["completion_rate"]) == (320.5, 348.9, 97.95), reader
