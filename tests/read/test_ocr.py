"""OCR of scanned PDFs: figures come back exactly, in the right paragraph or table cell.

The scans are drawn by tests/scans.py (Noto Sans CJK SC at 150–200 dpi, rotated by up to 1°,
blurred, noisy, JPEG in an image-only PDF); the figures are invented (虚构样例).
"""
import hashlib
import re
import socket
import sys
import time
from decimal import Decimal as D
from difflib import SequenceMatcher
from types import SimpleNamespace

import pytest

from perflib import config
from perflib.errors import UnreadableInput
from perflib.pipeline import read_record
from perflib.read import ocr
from perflib.read.document import Paragraph, Table
from scans import Seal, Title, expected_blocks, make_scanned_pdf, sample_report

# Each: how the report is written (seed, layout) and how it was scanned (dpi, max rotation).
VARIANTS = {
    "prose-200dpi-1deg": dict(seed=11, layout=0, dpi=200, max_angle=1.0),
    "merged-150dpi-0.8deg": dict(seed=23, layout=1, dpi=150, max_angle=0.8),
}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def _no_network(*args, **kwargs):
    raise AssertionError("OCR tried to use the network")


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """No socket may connect while OCR runs, and the engine is created afresh under that rule;
    the cache lives in a temp folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        mp.setattr(socket, "getaddrinfo", _no_network)
        mp.setenv("PERFLIB_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        mp.setattr(ocr, "_ENGINE", None)
        yield


@pytest.fixture(scope="module", params=list(VARIANTS), ids=list(VARIANTS))
def scanned(request, offline):
    v = VARIANTS[request.param]
    pages = sample_report(v["seed"], v["layout"])
    data = make_scanned_pdf(pages, seed=v["seed"], dpi=v["dpi"], max_angle=v["max_angle"])
    sha = hashlib.sha256(data).hexdigest()
    t = time.perf_counter()
    got = ocr.ocr_pdf_pages(data, [1, 2], sha, name="scan.pdf")
    return SimpleNamespace(pages=pages, data=data, sha=sha, got=got, seconds=time.perf_counter() - t, layout=v["layout"],
                           expected=expected_blocks(pages))


def _squash(text: str) -> str:
    """Spaces do not survive OCR between CJK and digits ("表1 部门" reads "表1部门"), and
    fullwidth brackets may come back halfwidth (normalize folds them anyway)."""
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def test_blocks_in_order_on_their_pages(scanned):
    assert list(scanned.got) == [1, 2]
    for page, blocks in scanned.got.items():
        kinds = ["t" if isinstance(b, Table) else "p" for b in blocks]
        assert kinds == [k for k, _ in scanned.expected[page - 1]], f"page {page}: {blocks}"
        for b in blocks:
            assert b.loc.page == page and b.loc.ocr is True and b.loc.table is None


def test_every_figure_in_prose_comes_back_exactly(scanned):
    for page, blocks in scanned.got.items():
        for block, (kind, want) in zip(blocks, scanned.expected[page - 1]):
            if kind != "p":
                continue
            assert isinstance(block, Paragraph)
            assert NUMBER.findall(block.text) == NUMBER.findall(want), (block.text, want)
            ratio = SequenceMatcher(None, _squash(block.text), _squash(want)).ratio()
            assert ratio > 0.9, (block.text, want)


def test_budget_sentence_read_verbatim(scanned):
    para = next(b for b in scanned.got[1] if isinstance(b, Paragraph) and "万元" in b.text)
    want = next(w for k, w in scanned.expected[0] if k == "p" and "万元" in w)
    assert _squash(para.text) == _squash(want)
    assert re.search(r"\d{1,3}(,\d{3})*\.\d{2}%", para.text)


def test_tables_grid_headers_and_cells(scanned):
    for page, blocks in scanned.got.items():
        tables = [b for b in blocks if isinstance(b, Table)]
        wanted = [w for k, w in scanned.expected[page - 1] if k == "t"]
        assert len(tables) == len(wanted)
        for table, want in zip(tables, wanted):
            assert (len(table.rows), table.n_cols) == (len(want), len(want[0]))
            assert table.header_rows == 1 and table.header_cols == 1
            assert table.rows == want
            for c, header in enumerate(want[0]):
                assert table.column_header(c) == header
            for r, row in enumerate(want):
                assert table.row_header(r) == row[0]


def test_budget_table_figures(scanned):
    table = next(b for b in scanned.got[1] if isinstance(b, Table))
    assert table.rows[0] == ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]
    assert [r[0] for r in table.rows[1:]] == ["年度资金总额", "基本支出", "项目支出"]
    for row in table.rows[1:]:
        assert all(re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}", cell) for cell in row[1:4]), row
        assert re.fullmatch(r"\d{1,3}\.\d{2}%", row[4]), row
    assert _squash(table.title) == _squash("表1 部门整体支出情况（单位：万元）")
    assert "全年执行数" in table.cell_evidence(1, 3) and "年度资金总额" in table.cell_evidence(1, 3)
    assert table.cell_loc(1, 3).ocr and table.cell_loc(1, 3).page == 1


def test_merged_cells_expanded(scanned):
    table = next(b for b in scanned.got[2] if isinstance(b, Table))
    if scanned.layout != 1:  # only layout 1 draws merged cells; the others must not invent any
        assert table.cell(0, 0) != "一级指标" and all(len(set(r)) == len(r) for r in table.rows[1:])
        return
    assert table.cell(1, 0) == table.cell(2, 0) == "产出指标"   # a cell spanning two rows
    assert table.row_header(2) == "产出指标"
    assert table.rows[4][:5] == ["合计"] * 5                      # a cell spanning five columns
    assert table.cell(4, 5) == "40"


def test_cells_wrapped_over_several_lines(offline):
    """A 偏差原因 cell wraps over three lines: its text comes back whole, in order, unspaced."""
    pages = [["四、绩效指标完成情况",
              [["三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
               ["培训人次", "≥20次", "18次", "受疫情影响部分培训延期举办，下一年度将提前制定培训计划并分批实施"],
               ["资金到位率", "100%", "98.50%", "上级补助资金于年末才下达，导致部分资金未能及时拨付到位"],
               ["群众满意度", "≥95%", "96.20%", "无"]]]]
    data = make_scanned_pdf(pages, seed=9, dpi=180, max_angle=0.8)
    got = ocr.ocr_pdf_pages(data, [1], hashlib.sha256(data).hexdigest(), name="form.pdf")[1]
    assert [type(b) for b in got] == [Paragraph, Table]
    assert got[1].rows == expected_blocks(pages)[0][1][1]


def test_second_read_comes_from_the_cache(scanned, monkeypatch):
    def no_engine(name):
        raise AssertionError("the OCR engine was loaded for a cached page")

    monkeypatch.setattr(ocr, "_ENGINE", None)
    monkeypatch.setattr(ocr, "_new_engine", no_engine)
    best = min(_timed(lambda: ocr.ocr_pdf_pages(scanned.data, [1, 2], scanned.sha, name="scan.pdf"))
               for _ in range(5))
    again = ocr.ocr_pdf_pages(scanned.data, [1, 2], scanned.sha, name="scan.pdf")
    assert again == scanned.got
    assert best < 0.02, f"cached re-read took {best * 1000:.1f} ms (OCR took {scanned.seconds:.1f} s)"
    files = sorted(p.name for p in (config.cache_dir() / "ocr").iterdir() if p.name.startswith(scanned.sha))
    assert len(files) == 2 and not any(p.name.startswith(".tmp") for p in (config.cache_dir() / "ocr").iterdir())


def test_cache_hit_in_a_fresh_process_imports_no_ocr(scanned, tmp_path):
    """A cached page costs no model, no rapidocr, no onnxruntime, no pdfium, no OpenCV."""
    import subprocess

    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(scanned.data)
    code = (
        "import sys, time; from pathlib import Path; from perflib.read import ocr; "
        f"data = Path({str(pdf)!r}).read_bytes(); t = time.perf_counter(); "
        f"got = ocr.ocr_pdf_pages(data, [1, 2], {scanned.sha!r}, name='scan.pdf'); "
        "dt = time.perf_counter() - t; "
        "heavy = [m for m in ('rapidocr_onnxruntime', 'onnxruntime', 'pypdfium2', 'cv2') if m in sys.modules]; "
        "print(sum(len(b) for b in got.values()), heavy, dt)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) == sum(len(b) for b in scanned.got.values())
    assert out[1] == "[]", out
    assert float(out[2]) < 0.5  # the first hit of a process, imports of json/metadata included


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def test_scans_are_deterministic():
    page = [["年初预算数为1,234.56万元。", [["项目", "金额"], ["合计", "1,234.56"]]]]
    assert make_scanned_pdf(page, seed=3, dpi=100) == make_scanned_pdf(page, seed=3, dpi=100)
    assert make_scanned_pdf(page, seed=3, dpi=100) != make_scanned_pdf(page, seed=4, dpi=100)


def test_page_limit(monkeypatch):
    monkeypatch.setenv("PERFLIB_MAX_OCR_PAGES", "1")
    with pytest.raises(UnreadableInput, match=r"scan\.pdf.*limit of 1 OCR page "):
        ocr.ocr_pdf_pages(b"%PDF-", [1, 2], "0" * 64, name="scan.pdf")


def test_blank_scan_is_unreadable(offline):
    data = make_scanned_pdf([[]], seed=5, dpi=150)
    with pytest.raises(UnreadableInput, match=r"blank\.pdf: nothing recognisable"):
        ocr.ocr_pdf_pages(data, [1], hashlib.sha256(data).hexdigest(), name="blank.pdf")


def test_without_rapidocr(monkeypatch, tmp_path):
    monkeypatch.setenv("PERFLIB_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(ocr, "_ENGINE", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails
    with pytest.raises(UnreadableInput, match=r"x\.pdf: .*cannot OCR here: install rapidocr-onnxruntime"):
        ocr.ocr_pdf_pages(b"%PDF-", [1], "1" * 64, name="x.pdf")


def test_corrupt_pdf_is_unreadable(offline):
    with pytest.raises(UnreadableInput, match=r"bad\.pdf"):
        ocr.ocr_pdf_pages(b"%PDF-1.4 broken", [1], "2" * 64, name="bad.pdf")


@pytest.mark.parametrize("raw, fixed", [
    ("年初预算4，982.39万元", "年初预算4,982.39万元"),
    ("预算执行率为98。37%", "预算执行率为98.37%"),
    ("执行数4, 982. 39万元", "执行数4,982.39万元"),
    ("执行率98.37 %", "执行率98.37%"),
    ("共1O2个项目", "共102个项目"),
    ("培训3，100人次", "培训3，100人次"),          # no decimals: may be a pause, left alone
    ("任务完成。2023年", "任务完成。2023年"),      # a sentence end before a year stays
    ("分别为12，13和14", "分别为12，13和14"),
    ("执行率98,14%", "执行率98.14%"),             # a thousands group has three digits
    ("2,858,57", "2,858.57"),
    ("支出1，234，5万元", "支出1,234.5万元"),
    ("第3,4条", "第3,4条"),
    ("共12,345人", "共12,345人"),
])
def test_number_repairs_only_when_unambiguous(raw, fixed):
    assert ocr._fix_numbers(raw) == fixed


# More scans, harder: other seeds, stronger rotation (the page is deskewed within ±5°), more noise.
HARDER = {
    "seed31-180dpi-2.5deg": dict(seed=31, layout=0, dpi=180, max_angle=2.5, noise=0.04),
    "seed32-150dpi-noisy": dict(seed=32, layout=1, dpi=150, max_angle=1.0, noise=0.08),
    "seed33-200dpi-4deg": dict(seed=33, layout=1, dpi=200, max_angle=4.0, noise=0.05),
}


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(HARDER))
def test_harder_scans_read_back_exactly(variant, offline):
    v = HARDER[variant]
    pages = sample_report(v["seed"], v["layout"])
    data = make_scanned_pdf(pages, seed=v["seed"], dpi=v["dpi"], max_angle=v["max_angle"], noise=v["noise"])
    got = ocr.ocr_pdf_pages(data, [1, 2], hashlib.sha256(data).hexdigest(), name="scan.pdf")
    for page, want in enumerate(expected_blocks(pages), 1):
        assert len(got[page]) == len(want)
        for block, (kind, value) in zip(got[page], want):
            if kind == "t":
                assert isinstance(block, Table) and block.rows == value
            else:
                assert NUMBER.findall(block.text) == NUMBER.findall(value), (block.text, value)


# --- a red seal over the last lines; figures that contradict their neighbours -----------------------
def _sealed_report(score: str = "92.5", rate: str = "98.37%") -> list:
    """One page of an invented report whose last lines (the score, the blocks' spending) lie
    under the unit's seal."""
    return [Title("2022年度部门整体支出绩效自评报告"), "一、部门整体支出情况",
            "2022年度，示例区水务局年初预算数为4,982.39万元，调整增支1,487.41万元，全年预算数6,469.80万元，"
            f"全年执行数6,364.24万元，预算执行率为{rate}。",
            "二、自评结论",
            f"经自评，本单位2022年度部门整体支出绩效自评得分{score}分，评价等级为“优”。其中基本支出3,301.87万元，"
            "项目支出3,062.37万元。",
            "单位（盖章）：示例区水务局", "二〇二三年三月十日"]


SEALED = dict(dpi=150, max_angle=1.5, noise=0.05, quality=70, paper=218, seal=Seal("示例区水务局", x=0.64, up=1.0))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 4])
def test_red_seal_over_the_last_lines_is_taken_out(seed, tmp_path, offline):
    """150 dpi, grey paper, skewed, JPEG, the seal over the score and the blocks' spending."""
    path = tmp_path / "sealed.pdf"
    path.write_bytes(make_scanned_pdf([_sealed_report()], seed=seed, **SEALED))
    rec = read_record(path)
    assert rec.source.ocr == [1]
    assert (rec.score, rec.rating) == (D("92.5"), "优")
    o = rec.overall
    assert (o.initial_budget, o.adjustment, o.adjusted_budget, o.actual, o.completion_rate) == (
        D("4982.39"), D("1487.41"), D("6469.80"), D("6364.24"), D("98.37"))
    assert (rec.basic.actual, rec.projects.actual) == (D("3301.87"), D("3062.37"))
    assert not [w for w in rec.warnings if "read by OCR" in w]


@pytest.mark.slow
def test_the_seal_hides_the_score_from_a_grey_reading(tmp_path, offline, monkeypatch):
    """The fixture is a real obstacle: read in plain grey (the seal left in), the score's line is lost."""
    import cv2
    import numpy as np

    monkeypatch.setattr(ocr, "_without_red_ink", lambda im: cv2.cvtColor(np.asarray(im.convert("RGB")),
                                                                          cv2.COLOR_RGB2GRAY))
    data = make_scanned_pdf([_sealed_report()], seed=1, **SEALED)
    blocks = ocr.ocr_pdf_pages(data, [1], hashlib.sha256(data).hexdigest() + "-grey", name="sealed.pdf")[1]
    assert not any("92.5" in b.text for b in blocks if isinstance(b, Paragraph))


@pytest.mark.slow
def test_ocr_figures_that_contradict_their_neighbours_are_unread(tmp_path, offline):
    """The scan itself states a score far below its rating and a rate that is not actual ÷ budget:
    OCR reads them as written, and the record leaves both unread, saying why."""
    path = tmp_path / "odd.pdf"
    path.write_bytes(make_scanned_pdf([_sealed_report(score="2.5", rate="88.37%")], seed=7, dpi=200, max_angle=0.5))
    rec = read_record(path)
    assert rec.score is None and rec.overall.completion_rate is None
    assert rec.overall.actual == D("6364.24") and rec.rating == "优"  # vouched by their neighbours
    odd = sorted(w.split(" ")[0] for w in rec.warnings if "read by OCR and contradicts" in w)
    assert odd == ["overall.completion_rate", "score"]
