"""A scanned PDF (no text layer) is read by OCR inside the PDF reader: its paragraphs and tables
reach the parser, figures from a table cell name it (and say OCR read it), `source.ocr` lists
the pages."""
from __future__ import annotations

from decimal import Decimal

import pytest

from corpus import make_figures
from paths import SAMPLES
from perflib.pipeline import read_record
from perflib.read import ocr
from scans import Title, make_scanned_pdf


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFLIB_CACHE_DIR", str(tmp_path / "cache"))


def test_scanned_report_reads_through_ocr(tmp_path, private_cache):
    f = make_figures(21)
    o, b, p = f.overall, f.basic, f.projects
    title = f"{f.year}年度部门整体支出绩效自评报告"
    rows = [["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]]
    for label, blk in (("年度资金总额", o), ("基本支出", b), ("项目支出", p)):
        rows.append([label, f"{blk.initial:,.2f}", f"{blk.adjusted:,.2f}", f"{blk.actual:,.2f}",
                     f"{blk.completion_rate}%"])
    page = [Title(title), f"单位名称：{f.department}", "一、部门整体支出情况", "表1 部门整体支出情况（单位：万元）", rows]
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_scanned_pdf([page], seed=5, dpi=200, max_angle=0.5))
    rec = read_record(path)
    assert rec.source.format == "pdf" and rec.source.ocr == [1]
    assert rec.year == f.year
    for name, blk in (("overall", o), ("basic", b), ("projects", p)):
        got = rec.block(name)
        assert (got.initial_budget, got.adjusted_budget, got.actual, got.completion_rate) == (
            blk.initial, blk.adjusted, blk.actual, blk.completion_rate), name
    assert rec.evidence["projects.actual"].endswith(f" · 项目支出 × 全年执行数: {p.actual:,.2f}（扫描件第 1 页，OCR 识别）")


def test_blank_pages_without_images_are_not_ocred(tmp_path, monkeypatch):
    from fixtures_files import write_pdf

    def no_ocr(*a, **k):
        raise AssertionError("OCR was asked for a page with no image")

    monkeypatch.setattr(ocr, "ocr_pdf_pages", no_ocr)
    path = write_pdf(tmp_path / "r.pdf", ["第一页正文，内容较长一些。", "", "第三页正文。"], footer_page_numbers=False)
    rec = read_record(path)
    assert rec.source.ocr == [] and "第三页正文。" in rec.text


def test_scanned_sample_says_its_figures_were_read_by_ocr():
    """The scanned sample: figures from its prose say which page OCR read them on, and its page
    tells the reader to check them against the scan (the sample is pinned in the OCR cache's key,
    so a rerun is fast)."""
    from perflib.pipeline import analyze
    from perflib.present import page

    a = analyze(SAMPLES / "2022_minzheng_scan.pdf")
    rec = a.record
    assert rec.source.ocr == [1, 2] and rec.kind == "department"
    assert (rec.overall.initial_budget, rec.overall.actual, rec.projects.actual) == (
        Decimal("4980.00"), Decimal("5182.06"), Decimal("3786.66"))
    assert rec.evidence["overall.actual"].endswith("（扫描件第 1 页，OCR 识别）")
    assert rec.evidence["overall.actual"].removesuffix("（扫描件第 1 页，OCR 识别）") in rec.text
    head = str(page.header(a))
    assert 'class="ocr-notice"' in head and "第 1、2 页是扫描件" in head
    assert 'class="ocr-notice"' not in str(page.header(analyze(SAMPLES / "2022_weijian.txt")))
