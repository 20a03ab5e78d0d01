"""Shared machinery for the browser tests: one headless Chromium per session, the
pages perflib writes (each built once per session), and in-page probes.

A page kind is a name, how to build it, and what a reader must find on it.
Adding a kind (say a new batch page) means adding one `PageKind` to `KINDS`.

The fixtures `browser` and `pages` are registered in conftest.py (imported
from here) so that every test module shares one browser and one set of pages.
"""
from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from hostile_reports import HOSTILE_DEPARTMENT, HOSTILE_NAME_OK, write_hostile_folder, write_hostile_report
from paths import ROOT, SEED

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "test-artifacts"
SEED_DEPARTMENT = "广州市荔湾区人民政府花地街道办事处"
SIZE_LIMIT = 400 * 1024


# --- the CLI ---------------------------------------------------------------------------
def run_cli(*args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT)
    assert proc.returncode in ok, f"perflib {' '.join(args)} exited {proc.returncode}: {proc.stderr}"
    return proc


def require_batch() -> None:
    """Batch pages need `perflib batch` (branch `batch`). Missing in CI is a failure, not a skip."""
    if importlib.util.find_spec("perflib.run.batch") is not None:
        return
    msg = "perflib.run.batch is not importable: the index/portfolio pages need `perflib batch` (branch batch)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(msg)
    pytest.skip(msg)


def write_variant_report(folder: Path) -> Path:
    """A second, ordinary department-year with other figures, so sorting has something to do."""
    text = SEED.read_text(encoding="utf-8")
    for old, new in (("广州市荔湾区人民政府花地街道办事处 2021", "广州市荔湾区人民政府茶滘街道办事处 2020"),
                     ("6364.24", "15364.24"), ("4982.39", "3982.39"), ("3601.87", "2601.87")):
        assert old in text
        text = text.replace(old, new)
    text = text.replace("2021", "2020")  # the whole report speaks of 2020 (a 2021 sentence is another year's)
    path = folder / "variant_2020.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- the pages -------------------------------------------------------------------------
class Pages:
    """Builds each page kind on first use, once per session, in one temp folder."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self._built: dict[str, Path] = {}
        self._batch: Path | None = None
        self._province: Path | None = None

    def path(self, kind: "PageKind") -> Path:
        if kind.needs_batch:
            require_batch()
        if kind.name not in self._built:
            self._built[kind.name] = kind.build(self)
        return self._built[kind.name]

    def render(self, source: Path, name: str) -> Path:
        proc = run_cli("render", str(source), "-o", str(self.workdir / name))
        return Path(proc.stdout.strip().splitlines()[-1])

    def batch_outdir(self) -> Path:
        """`perflib batch` over the seed, a variant, a hostile report and a hostile-named empty file."""
        if self._batch is None:
            src = self.workdir / "batch-in"
            files = write_hostile_folder(src)
            write_variant_report(src)
            out = self.workdir / "batch-out"
            proc = run_cli("batch", str(src), "-o", str(out), "-j", "2", ok=(1,))  # the empty file fails
            assert files["failing"].name in proc.stderr
            self._batch = out
        return self._batch

    def province_outdir(self) -> Path:
        """`perflib batch` over reports in region folders (three regions, a failure in one), read by
        region: past PERFLIB_FLAT_INDEX_MAX (set low here) the batch indexes and compares regions."""
        if self._province is None:
            src = self.workdir / "province-in"
            for rel, name in PROVINCE.items():
                (src / rel).parent.mkdir(parents=True, exist_ok=True)
                (src / rel).write_bytes(name.read_bytes() if isinstance(name, Path) else name)
            out = self.workdir / "province-out"
            proc = subprocess.run([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), "-j", "2"],
                                  capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                                  env={**os.environ, "PERFLIB_FLAT_INDEX_MAX": "4"})
            assert proc.returncode == 1 and "broken.docx" in proc.stderr, proc.stderr  # the broken file only
            assert "and 3 region portfolios (3 rendered)" in proc.stdout, proc.stdout
            self._province = out
        return self._province


SAMPLES = ROOT / "data" / "samples"
PROVINCE = {  # path under the batch's folder → the sample it holds (or bytes)
    "青岚市/河西区/2021/a.txt": SAMPLES / "2021_linjiang.txt", "青岚市/河西区/2022/b.txt": SAMPLES / "2022_linjiang.txt",
    "青岚市/河西区/2021/seed.txt": SEED,
    "青岚市/临江县/w.txt": SAMPLES / "2022_weijian.txt", "青岚市/临江县/j.txt": SAMPLES / "2023_jiaoyu.txt",
    "白沙县/2022/g.txt": SAMPLES / "2022_wenguang.txt", "白沙县/2023/c.txt": SAMPLES / "2023_chengguan.txt",
    "白沙县/broken.docx": b"PK not a docx",
}


@dataclass(frozen=True)
class PageKind:
    name: str
    build: Callable[[Pages], Path]
    must_show: tuple[str, ...]  # text a reader must find, on screen and on paper
    min_images: int = 0  # charts (SVG figures) the page must show
    needs_batch: bool = False
    hostile: bool = False  # built (partly) from hostile reports
    has_badges: bool = False  # shows check results as status badges


def _report(p: Pages) -> Path:
    return p.render(SEED, "report")


def _hostile_report(p: Pages) -> Path:
    return p.render(write_hostile_report(p.workdir / "hostile-in", HOSTILE_NAME_OK), "hostile")


def _indicators_report(p: Pages) -> Path:
    """A fictional sample with a 绩效指标 table and planted leniency (a missed target in full marks)."""
    return p.render(ROOT / "data" / "samples" / "2023_jiaoyu.txt", "indicators")


def _corrected_page(p: Pages) -> Path:
    """A report whose whole-unit actual perflib leaves unread, filled in by a hand correction."""
    from review_reports import CORRECTION_NOTE, MISSED_ACTUAL, MISSED_FILE, write_known_miss

    miss = write_known_miss(p.workdir / "corrected-in")["miss"]
    fixes = p.workdir / "corrections.csv"
    fixes.write_text(f"file,field,value,note\n{MISSED_FILE},overall.actual,{MISSED_ACTUAL},{CORRECTION_NOTE}\n",
                     encoding="utf-8")
    proc = run_cli("render", str(miss), "-o", str(p.workdir / "corrected"), "--corrections", str(fixes))
    return Path(proc.stdout.strip().splitlines()[-1])


def _one_figure_page(p: Pages) -> Path:
    """A report that gives one figure: sentences where charts and tables would be empty."""
    from review_reports import write_one_figure

    return p.render(write_one_figure(p.workdir / "one-figure-in"), "one-figure")


def _index(p: Pages) -> Path:
    return p.batch_outdir() / "index.html"


def _portfolio(p: Pages) -> Path:
    return p.batch_outdir() / "portfolio.html"


def _province_index(p: Pages) -> Path:
    return p.province_outdir() / "index.html"


def _region_index(p: Pages) -> Path:
    return p.province_outdir() / "regions" / "青岚市_河西区" / "index.html"


def _province_portfolio(p: Pages) -> Path:
    return p.province_outdir() / "portfolio.html"


REPORT_TEXT = (SEED_DEPARTMENT, "6,364.24", "4,982.39", "3,601.87", "1,381.85", "数字核对", "主要任务")
KINDS = {
    k.name: k for k in (
        PageKind("report", _report, REPORT_TEXT, min_images=3, has_badges=True),
        PageKind("indicators_report", _indicators_report,
                 ("示例市青川区教育局", "绩效指标", "新增公办学位", "≥1200个", "980个", "未达成", "未达成却得满分",
                  "自评得分"), min_images=3, has_badges=True),
        PageKind("hostile_report", _hostile_report, (HOSTILE_DEPARTMENT, "6,364.24", "数字核对"), min_images=3,
                 hostile=True, has_badges=True),
        PageKind("corrected_page", _corrected_page, ("青岚市河西区文化馆", "1,198.20", "人工校正", "见绩效目标一节"),
                 min_images=2, has_badges=True),
        PageKind("one_figure_page", _one_figure_page, ("青岚市河西区档案馆", "356.80", "review.xlsx")),
        PageKind("index", _index, (SEED_DEPARTMENT, "茶滘街道办事处", HOSTILE_DEPARTMENT), needs_batch=True,
                 hostile=True),
        PageKind("portfolio", _portfolio, ("花地街道办事处", "茶滘街道办事处"), min_images=1, needs_batch=True,
                 hostile=True),
        PageKind("province_index", _province_index, ("各地区", "青岚市 › 河西区", "青岚市 › 临江县", "白沙县"),
                 needs_batch=True),
        PageKind("region_index", _region_index, ("青岚市 › 河西区", SEED_DEPARTMENT, "临江街道办事处", "review.xlsx"),  # (its ways to move are not printed)
                 needs_batch=True),
        PageKind("province_portfolio", _province_portfolio,
                 ("跨地区与跨行业比较", "地区比较", "行业比较", "青岚市 › 河西区", "白沙县", "卫生健康"),
                 min_images=3, needs_batch=True),
    )
}


def kinds(*, hostile: bool | None = None, badges: bool | None = None) -> list:
    """Page kinds as pytest params (ids = names), optionally filtered."""
    return [pytest.param(k, id=k.name) for k in KINDS.values()
            if (hostile is None or k.hostile == hostile) and (badges is None or k.has_badges == badges)]


# --- fixtures (registered in conftest.py) ------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def pages(tmp_path_factory) -> Pages:
    return Pages(tmp_path_factory.mktemp("pages"))


# --- a visit: one page opened offline, with everything suspicious counted ----------------
@dataclass
class Visit:
    page: object
    context: object
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def close(self):
        self.context.close()


def open_offline(browser, path: Path, *, width: int = 1000, height: int = 900) -> Visit:
    """Open `path` from file:// with every non-file:/data: request aborted and counted."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    v = Visit(page, context)

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            v.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and v.console_errors.append(m.text))
    page.on("pageerror", lambda e: v.page_errors.append(str(e)))

    def on_dialog(d):
        v.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return v


def screenshot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(out), full_page=full_page)
    return out


# --- in-page probes ------------------------------------------------------------------------
# Characters drawn with the page's font stack vs. a code point no font has (tofu): a glyph
# whose pixels equal the tofu's did not render. No CJK system font is assumed (CI has none).
TOFU_PROBE = """
([family, text]) => {
  const c = document.createElement('canvas'); c.width = 40; c.height = 40;
  const g = c.getContext('2d', {willReadFrequently: true});
  const draw = (ch) => { g.clearRect(0, 0, 40, 40); g.font = `28px ${family}`; g.fillText(ch, 4, 30);
                         return g.getImageData(0, 0, 40, 40).data.join(','); };
  const tofu = draw('\\u{10FFFD}');
  const chars = [...new Set([...text])].filter(ch => ch.trim() && ch.codePointAt(0) > 0x7f);
  return {checked: chars.length, tofu: chars.filter(ch => draw(ch) === tofu).join('')};
}
"""

# Cells whose text is a number (optionally with %, 万元); how they are aligned.
NUMBER_CELLS = r"""
() => [...document.querySelectorAll('td, th')]
  .filter(td => /^[+\-−]?\d[\d,]*(\.\d+)?\s*(%|万元)?$/.test(td.innerText.trim()))
  .map(td => ({text: td.innerText.trim(), align: getComputedStyle(td).textAlign}))
"""

OVERFLOW = """
() => {
  const doc = document.documentElement;
  const wide = [...document.querySelectorAll('table, pre, img, svg')].filter(e => e.scrollWidth > e.clientWidth + 1);
  // a wide element is fine if it, or a box around it, scrolls on its own
  const scrolls = (e) => { for (; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const escaping = [...document.body.querySelectorAll('*')].filter(e => {
      const r = e.getBoundingClientRect(); return r.width && r.right > doc.clientWidth + 1 && !scrolls(e.parentElement); })
    .map(e => e.tagName + '.' + e.className + ' ' + (e.innerText || '').slice(0, 30));
  // a table wider than its box says so under it (.table-wrap.wide: "← 左右滑动查看全表 →")
  const unhinted = wide.filter(e => e.tagName === 'TABLE' && !e.closest('.table-wrap.wide'))
    .map(e => `${e.className} ${e.scrollWidth}>${e.clientWidth}px ` + [...e.querySelectorAll('th')].map(h => h.textContent).join('|').slice(0, 40));
  return {docScroll: doc.scrollWidth, bodyScroll: document.body.scrollWidth, viewport: doc.clientWidth,
          unhinted: unhinted,
          unscrolledWide: wide.filter(e => !scrolls(e)).map(e => e.tagName + '.' + e.className),
          escaping: escaping.slice(0, 10)};
}
"""

# The smallest text of each chart as drawn, in CSS px (its font size times the chart's scale).
CHART_TEXT_PX = """() => [...document.querySelectorAll('figure.pl-chart svg')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
})"""

# The line under each chart saying it scrolls sideways ("none" where it is not shown).
CHART_SCROLL_HINT = """() => [...document.querySelectorAll('figure.pl-chart')]
  .map(f => getComputedStyle(f, '::after').content)"""

# WCAG contrast of each status badge's text against what is behind it.
BADGE_CONTRAST = """
(sel) => { sel = sel || '.st';
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = (e) => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                      if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  return [...document.querySelectorAll(sel)].map(e => {
    const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
    return {cls: e.className, text: e.innerText.trim(),
            contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
  });
}
"""


# --- the printed page ------------------------------------------------------------------------
def squash(text: str) -> str:
    """Text with all whitespace removed: PDF lines wrap wherever the layout wrapped them."""
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: bytes) -> list[dict]:
    """Per page: its text (whitespace removed), the size of each image and of each drawn path on
    it (points), and whether the text ends the sheet (no image below its last character)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(io.BytesIO(pdf))
    out = []
    for page in doc:
        textpage = page.get_textpage()
        # pdfium marks a hyphen that ends a line as U+FFFE; it is the "-" the page shows.
        text = textpage.get_text_range().replace("\ufffe", "-")
        n = textpage.count_chars()
        last_bottom = textpage.get_charbox(n - 1)[1] if n else page.get_height()
        images, lowest = [], page.get_height()
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=5):
            left, bottom, right, top = obj.get_bounds()
            images.append((right - left, top - bottom))
            lowest = min(lowest, bottom)
        paths = []
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=5):
            left, bottom, right, top = obj.get_bounds()
            paths.append((right - left, top - bottom))
        out.append({"text": squash(text), "images": images, "paths": paths, "width": page.get_width(),
                    "text_ends_sheet": lowest >= last_bottom})
    doc.close()
    return out
