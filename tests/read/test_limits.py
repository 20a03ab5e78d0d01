"""perflib.read.limits: every helper refuses past its limit (naming it) and passes a real report."""
import io
import os
import subprocess
import sys
import time
import zipfile

import pytest

import hostile_files as hf
from paths import ROOT, SEED
from perflib.errors import UnreadableInput
from perflib.read import limits

SAMPLES = ROOT / "data" / "samples"


def refused(fn, *args, var):
    with pytest.raises(UnreadableInput) as err:
        fn(*args)
    msg = str(err.value)
    assert msg.startswith("x.bin: ") and var in msg and "\n" not in msg, msg
    return msg


# --- the limits themselves --------------------------------------------------------------------
def test_defaults_and_env_overrides(monkeypatch):
    assert limits.current() == limits.DEFAULTS
    monkeypatch.setenv("PERFLIB_MAX_PDF_PAGES", "12")
    monkeypatch.setenv("PERFLIB_MAX_ZIP_MB", "1_000")
    lim = limits.current()
    assert lim.pdf_pages == 12 and lim.zip_mb == 1000 and lim.cells == limits.DEFAULTS.cells
    monkeypatch.setenv("PERFLIB_MAX_CELLS", "lots")
    with pytest.raises(UnreadableInput, match="PERFLIB_MAX_CELLS"):
        limits.current()


def test_every_limit_is_documented_in_the_module_and_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for var, _field, value in limits.describe():
        assert var in limits.__doc__ and var in readme, var
        assert f"{value:,}".replace(",", " ") in limits.__doc__ or f"{value}" in limits.__doc__, var


# --- one helper each --------------------------------------------------------------------------
def test_file_size(monkeypatch):
    limits.check_file_size("x.bin", 200 * limits.MB)
    refused(limits.check_file_size, "x.bin", 200 * limits.MB + 1, var="PERFLIB_MAX_FILE_MB")
    monkeypatch.setenv("PERFLIB_MAX_FILE_MB", "1")
    assert "1 MB" in refused(limits.check_file_size, "x.bin", 2 * limits.MB, var="PERFLIB_MAX_FILE_MB")


def test_text(monkeypatch):
    monkeypatch.setenv("PERFLIB_MAX_TEXT_CHARS", "10")
    limits.check_text("x.bin", "一" * 10)
    refused(limits.check_text, "x.bin", "一" * 11, var="PERFLIB_MAX_TEXT_CHARS")
    limits.check_text_bytes("x.bin", 40)
    refused(limits.check_text_bytes, "x.bin", 41, var="PERFLIB_MAX_TEXT_CHARS")


def test_pages_and_ocr_pages():
    limits.check_pages("x.bin", 1000)
    assert "5,000 pages" in refused(limits.check_pages, "x.bin", 5000, var="PERFLIB_MAX_PDF_PAGES")
    limits.check_ocr_pages("x.bin", 300)
    refused(limits.check_ocr_pages, "x.bin", 301, var="PERFLIB_MAX_OCR_PAGES")


def test_cells():
    limits.check_cells("x.bin", 200_000)
    refused(limits.check_cells, "x.bin", 1_000_000, var="PERFLIB_MAX_CELLS")


def _zip(members: dict[str, bytes]) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def test_zip_sizes_ratio_and_entries(monkeypatch):
    limits.check_zip("x.bin", _zip({"word/document.xml": b"<w/>" * 1000, "media/a.png": b"\x89PNG" * 10}))
    # a big, extremely compressible part: the ratio names it (declared sizes only, nothing inflated)
    refused(limits.check_zip, "x.bin", _zip({"a.xml": b" " * (3 * limits.MB)}), var="PERFLIB_MAX_ZIP_RATIO")
    monkeypatch.setenv("PERFLIB_MAX_ZIP_MEMBER_MB", "1")
    refused(limits.check_zip, "x.bin", _zip({"a.bin": bytes(range(256)) * 8000}), var="PERFLIB_MAX_ZIP_MEMBER_MB")
    monkeypatch.setenv("PERFLIB_MAX_ZIP_MEMBER_MB", "64")
    monkeypatch.setenv("PERFLIB_MAX_ZIP_MB", "1")
    refused(limits.check_zip, "x.bin", _zip({f"{i}.bin": bytes(range(256)) * 1000 for i in range(5)}),
            var="PERFLIB_MAX_ZIP_MB")
    monkeypatch.setenv("PERFLIB_MAX_ZIP_ENTRIES", "3")
    refused(limits.check_zip, "x.bin", _zip({f"{i}.xml": b"<a/>" for i in range(4)}), var="PERFLIB_MAX_ZIP_ENTRIES")


def test_zip_bombs_are_refused_from_the_directory_fast(tmp_path):
    for build in (hf.zip_bomb_docx, hf.zip_bomb_xlsx):
        path = build(tmp_path / f"b{build.__name__[-4:]}", inflated_mb=100)
        start = time.monotonic()
        with zipfile.ZipFile(path) as zf, pytest.raises(UnreadableInput, match="PERFLIB_MAX_ZIP_"):
            limits.check_zip(path, zf)
        assert time.monotonic() - start < 0.5  # decided from the directory, nothing inflated


def test_lying_directory_is_never_inflated_past_what_it_declares(tmp_path):
    path = hf.lying_zip_docx(tmp_path / "lie.docx", real_kb=8192, declared=1000)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size == 1000 and info.compress_size > 1000  # the lie took
        with pytest.raises(UnreadableInput, match="lie.docx: the archive is damaged|zip bomb"):
            limits.read_member(path, zf, info)


def test_read_member_caps_what_it_reads(monkeypatch):
    zf = _zip({"a.xml": b"<a/>" * 1000})
    assert limits.read_member("x.bin", zf, "a.xml") == b"<a/>" * 1000
    monkeypatch.setenv("PERFLIB_MAX_ZIP_MEMBER_MB", "1")
    big = _zip({"b.xml": b"x" * (limits.MB + 10)})
    with pytest.raises(UnreadableInput, match="holds more than"):
        limits.read_member("x.bin", big, "b.xml")


def test_xml_entities_refused_plain_xml_passes():
    limits.check_xml("x.bin", b'<?xml version="1.0"?><w:document><w:t>&amp;&lt;!DOCTYPE</w:t></w:document>')
    refused(limits.check_xml, "x.bin", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>',
            var="DTD")
    refused(limits.check_xml, "x.bin", '<!DOCTYPE a><a/>'.encode("utf-16-le"), var="DTD")
    zf = _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'})
    assert "word/document.xml" in refused(limits.check_zip, "x.bin", zf, var="DTD")


def test_html_depth_scan():
    assert limits.html_depth(b"<html><body><div><p>a<p>b<br><img src=x></div></body></html>") == 1
    assert limits.html_depth("<div><div><span>深</span></div></div>") == 3
    assert limits.html_depth(b"<div><!-- <div><div> --><script>'<div><div>'</script></div>") == 1
    # unclosed tags are closed by their parent's end tag
    assert limits.html_depth(b"<div><section><b><i>x</div><div>y</div>") == 4
    assert limits.html_depth(b"<ul>" + b"<li><ul>" * 30 + b"</ul></li>" * 30 + b"</ul>") == 31


def test_html_size_and_depth(monkeypatch, tmp_path):
    limits.check_html("x.bin", b"<html><body>" + b"<div>" * 500 + b"</div>" * 500 + b"</body></html>")
    refused(limits.check_html, "x.bin", b"<div>" * 513, var="PERFLIB_MAX_HTML_DEPTH")
    data = hf.deep_html(tmp_path / "deep.html").read_bytes()
    start = time.monotonic()
    assert "100,000" in refused(limits.check_html, "x.bin", data, var="PERFLIB_MAX_HTML_DEPTH")
    assert time.monotonic() - start < 2
    monkeypatch.setenv("PERFLIB_MAX_HTML_MB", "1")
    refused(limits.check_html, "x.bin", "<p>" + "字" * limits.MB, var="PERFLIB_MAX_HTML_MB")


def test_real_reports_are_within_every_limit():
    from perflib.read.files import SUPPORTED, read_document

    for path in [SEED, *sorted(SAMPLES.glob("*.*"))]:
        if path.suffix in SUPPORTED:
            read_document(path)  # raises past a limit


# --- through every reader, in a subprocess: exit 2, one line, quickly ---------------------
HOSTILE = {
    "bomb.docx": (hf.zip_bomb_docx, "PERFLIB_MAX_ZIP_MEMBER_MB"),
    "lie.docx": (hf.lying_zip_docx, "damaged"),
    "entities.docx": (hf.entity_docx, "DTD"),
    "blank.pdf": (hf.blank_pages_pdf, "PERFLIB_MAX_PDF_PAGES"),
    "huge.txt": (hf.huge_text, "PERFLIB_MAX_TEXT_CHARS"),
    "bomb.xlsx": (hf.zip_bomb_xlsx, "PERFLIB_MAX_ZIP_MEMBER_MB"),
    "deep.html": (hf.deep_html, "PERFLIB_MAX_HTML_DEPTH"),
    "cells.xls": (hf.formatted_cells_xls, "PERFLIB_MAX_CELLS"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_exits_2_quickly_naming_the_limit(tmp_path, name):
    build, named = HOSTILE[name]
    path = build(tmp_path / name)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(path)], capture_output=True,
                          text=True, timeout=60)
    assert time.monotonic() - start < 15
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and named in proc.stderr and str(path) in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_hostile_builders_for_new_formats_make_what_they_say(tmp_path):
    """The files above are what their names say, read with the helpers' own measures."""
    with zipfile.ZipFile(hf.zip_bomb_xlsx(tmp_path / "b.xlsx", inflated_mb=70)) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size >= 70 * limits.MB
        with pytest.raises(UnreadableInput, match="PERFLIB_MAX_ZIP_MEMBER_MB"):
            limits.check_zip(tmp_path / "b.xlsx", zf)
    assert limits.html_depth(hf.deep_html(tmp_path / "d.html", depth=2000).read_bytes()) == 2000
    xls = hf.formatted_cells_xls(tmp_path / "c.xls", rows=1000, cols=1000)
    assert xls.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 (Excel 97-2003) file
    assert xls.stat().st_size < 5 * limits.MB  # a million cells, a few bytes each


def test_xls_builder_makes_a_million_cells(tmp_path):
    xls = hf.formatted_cells_xls(tmp_path / "c.xls", rows=1000, cols=1000)
    xlrd = pytest.importorskip("xlrd", reason="xlrd counts the cells (a dependency of the .xls reader)")
    book = xlrd.open_workbook(str(xls), formatting_info=True, on_demand=True)
    cells = sum(book.sheet_by_index(i).nrows * book.sheet_by_index(i).ncols for i in range(book.nsheets))
    assert cells == 1_000_000
    with pytest.raises(UnreadableInput, match="PERFLIB_MAX_CELLS"):
        limits.check_cells(xls, cells)


@pytest.mark.parametrize("name", ["2021_jiaoyu.docx", "2022_nongye.xlsx"])
def test_a_zip_asking_for_an_unknown_version_is_damaged_not_a_crash(tmp_path, name):
    """A bit flip in a zip's headers can ask for "zip file version 8.4" (zipfile raises
    NotImplementedError): the file is damaged, exit 2."""
    import struct

    from perflib.cli import main

    data = bytearray((SAMPLES / name).read_bytes())
    for sig, at in ((b"PK\x01\x02", 6), (b"PK\x03\x04", 4)):  # central directory, local headers
        i = data.find(sig)
        while i >= 0:
            struct.pack_into("<H", data, i + at, 84)
            i = data.find(sig, i + 4)
    path = tmp_path / name
    path.write_bytes(bytes(data))
    assert main(["parse", str(path)]) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX devices and pipes")
def test_a_device_or_a_pipe_is_no_report(tmp_path):
    """A link to /dev/zero named .txt has size 0 and no end: read whole, it took 24 GB before the
    system killed it; a pipe waited forever. Neither is a report file."""
    from perflib.read.files import read_document

    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    for name in ("zero.txt", "pipe.txt"):
        with pytest.raises(UnreadableInput, match="not a regular file"):
            read_document(tmp_path / name)


def test_a_file_that_grows_while_read_is_held_to_the_limit(tmp_path, monkeypatch):
    from perflib.read import files

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 10)
    monkeypatch.setattr(type(path), "stat", lambda self, **kw: os.stat_result((0o100644, 0, 0, 1, 0, 0, 2, 0, 0, 0)))
    monkeypatch.setenv("PERFLIB_MAX_FILE_MB", "1")
    assert files.read_bytes(path) == b"x" * 10  # larger than its size said, within the limit: read
    path.write_bytes(b"x" * (2 * 1024 * 1024))
    with pytest.raises(UnreadableInput, match="over the limit of 1 MB"):
        files.read_bytes(path)
