"""Every page perflib writes, as a reader gets it: opened from file:// in headless
Chromium with the network cut off, on a desk screen, a phone and A4 paper.

Pages are built once per session (browser_helpers.Pages); the index and
portfolio kinds need `perflib batch` and fail in CI without it.
"""
import re
from urllib.parse import unquote

import pytest

from browser_helpers import (BADGE_CONTRAST, CHART_SCROLL_HINT, CHART_TEXT_PX, NUMBER_CELLS, OVERFLOW, SIZE_LIMIT,
                             TOFU_PROBE, kinds, open_offline, pdf_pages, screenshot, squash)

pytestmark = pytest.mark.browser

FONT = '"perflib CJK"'


@pytest.fixture
def visit(browser, pages, kind):
    v = open_offline(browser, pages.path(kind))
    yield v
    v.close()


@pytest.mark.parametrize("kind", kinds())
def test_offline_without_requests_or_errors(visit, kind):
    assert visit.blocked == [], "the page tried to fetch from the network"
    assert visit.console_errors == [] and visit.page_errors == []
    assert visit.page.evaluate("document.readyState") == "complete"


@pytest.mark.parametrize("kind", kinds())
def test_reader_basics(visit, pages, kind):
    page = visit.page
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    title = page.title()
    assert re.search(r"[\u4e00-\u9fff]{4,}", title), f"title {title!r} says nothing"
    if kind.name.endswith("report"):
        assert "绩效" in title and kind.must_show[0] in title
    body = squash(page.inner_text("body"))
    missing = [t for t in kind.must_show if squash(t) not in body]
    assert not missing, f"not on the page: {missing}"
    size = pages.path(kind).stat().st_size
    assert size < SIZE_LIMIT, f"{size / 1024:.0f} KB with its charts"
    # A print stylesheet exists (rules under @media print).
    assert page.evaluate("""() => [...document.styleSheets].some(s => [...s.cssRules].some(
                              r => r.media && [...r.media].includes('print')))""")


@pytest.mark.parametrize("kind", kinds())
def test_chinese_renders_with_the_embedded_font(visit, kind):
    page = visit.page
    shot = screenshot(page, f"{kind.name}-desktop")
    assert shot.stat().st_size > 10_000
    faces = page.evaluate("[...document.fonts].map(f => [f.family.replace(/\"/g, ''), f.status])")
    assert ["perflib CJK", "loaded"] in faces, faces
    text = page.inner_text("body")
    assert re.search(r"[\u4e00-\u9fff]", text)
    assert page.evaluate(f"(t) => document.fonts.check('16px {FONT}', t)", text)
    # The embedded font itself draws every non-ASCII character (this machine has no CJK font)…
    probe = page.evaluate(TOFU_PROBE, [FONT, text])
    assert probe["checked"] > 50 and probe["tofu"] == "", f"drawn as tofu: {probe['tofu']!r}"
    # …and the probe can fail: without the embedded font, CJK text is tofu here and on CI.
    bare = page.evaluate(TOFU_PROBE, ["monospace", "部门整体支出绩效"])
    system_cjk = page.evaluate("document.fonts.check('16px monospace', '部')") and bare["tofu"] == ""
    if not system_cjk:
        assert bare["tofu"], "tofu reference did not detect a missing glyph"


CHARTS = """() => [...document.querySelectorAll('figure.pl-chart')].map(f => {
  const svg = f.querySelector('svg'), r = svg.getBoundingClientRect(), texts = [...svg.querySelectorAll('text')];
  return {w: r.width, h: r.height, label: f.getAttribute('aria-label'), text: texts.map(t => t.textContent).join(''),
          families: [...new Set(texts.map(t => getComputedStyle(t).fontFamily.split(',')[0]))]};
})"""


@pytest.mark.parametrize("kind", kinds())
def test_every_chart_is_drawn_in_the_page_font(visit, kind):
    """Charts are SVG in the page: as wide as the text, labelled, their text drawn by the embedded font."""
    page = visit.page
    charts = page.evaluate(CHARTS)
    assert len(charts) >= kind.min_images
    width = page.evaluate("document.querySelector('main').clientWidth")
    for c in charts:
        assert c["w"] >= 0.9 * width and c["h"] > 50, c
        assert c["label"], "a chart without alt text"
        assert c["families"] == [FONT], c["families"]
        probe = page.evaluate(TOFU_PROBE, [FONT, c["text"]])
        assert probe["tofu"] == "", f"chart text drawn as tofu: {probe['tofu']!r}"
    # an <img> (none on perflib's own pages today) must be a decoded data: image with alt text
    imgs = page.evaluate("""() => [...document.images].map(i => ({w: i.naturalWidth, ok: i.complete,
                                        alt: i.alt, src: i.src.slice(0, 22)}))""")
    for i in imgs:
        assert i["ok"] and i["w"] > 0 and i["alt"] and i["src"].startswith("data:image/"), i


@pytest.mark.parametrize("kind", kinds())
def test_phone_width(browser, pages, kind):
    v = open_offline(browser, pages.path(kind), width=375, height=812)
    try:
        screenshot(v.page, f"{kind.name}-phone")
        o = v.page.evaluate(OVERFLOW)
        assert o["docScroll"] <= o["viewport"] and o["bodyScroll"] <= o["viewport"], o
        assert o["unscrolledWide"] == [], "wide content must scroll inside its own box"
        assert o["unhinted"] == [], "a table wider than the phone must say it scrolls"
        assert o["escaping"] == [], o["escaping"]
        font_px = v.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font_px >= 14
        # a chart's labels stay legible (the chart scrolls in its box rather than shrink to 5 px)
        assert all(px >= 9.5 for px in v.page.evaluate(CHART_TEXT_PX)), v.page.evaluate(CHART_TEXT_PX)
        # …and says it scrolls, in view under it (on a wide screen it fits: no such line)
        hints = v.page.evaluate(CHART_SCROLL_HINT)
        assert all("滑动" in h for h in hints), hints
        for hint in set(hints):  # drawn in the page's own font: its characters are in the subset
            assert v.page.evaluate(TOFU_PROBE, [FONT, hint.strip('"')])["tofu"] == "", hint
        v.page.set_viewport_size({"width": 1280, "height": 900})
        assert all(h in ("none", "normal") for h in v.page.evaluate(CHART_SCROLL_HINT))
    finally:
        v.close()


@pytest.mark.parametrize("kind", kinds())
def test_numbers_right_aligned_with_thousands_separators(visit, kind):
    cells = visit.page.evaluate(NUMBER_CELLS)
    if kind.name.endswith("report"):
        assert len(cells) >= 20
    for c in cells:
        assert c["align"] in ("right", "end"), c
        integer = re.sub(r"[^\d,.]", "", c["text"]).split(".")[0]
        is_year = re.fullmatch(r"(19|20)\d\d", integer) is not None
        assert is_year or re.fullmatch(r"\d{1,3}(,\d{3})*", integer), f"no thousands separator: {c}"


@pytest.mark.parametrize("kind", kinds(badges=True))
def test_status_survives_greyscale(visit, kind):
    """Each status is a symbol and a word, and stays legible without colour (also in print)."""
    page = visit.page
    words = {}
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        badges = page.evaluate(BADGE_CONTRAST)
        assert badges
        for b in badges:
            assert re.fullmatch(r"[✓!✗–]\s*[\u4e00-\u9fff]{2,}", b["text"]), b
            assert b["contrast"] >= 4.5, (media, b)
            words.setdefault(b["cls"], set()).add(b["text"])
    # different statuses never share a label
    labels = [frozenset(w) for w in words.values()]
    assert len(set().union(*labels)) == sum(len(w) for w in labels)
    screenshot(page, f"{kind.name}-print-media")  # still emulating print: look at it in grey


@pytest.mark.parametrize("kind", [k for k in kinds() if k.id == "indicators_report"])
def test_indicator_marks_survive_greyscale(visit, kind):
    """达成 / 未达成 / 无法判断: a symbol and a word, legible without colour, on screen and on paper."""
    page = visit.page
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        marks = page.evaluate(BADGE_CONTRAST, "table.indicators .met")
        texts = {m["text"] for m in marks}
        assert {"✓ 达成", "✗ 未达成"} <= texts, texts
        for m in marks:
            assert re.fullmatch(r"[✓✗？]\s*[\u4e00-\u9fff]{2,}", m["text"]), m
            assert m["contrast"] >= 4.5, (media, m)
    # the section groups rows under their 一级指标, and the lenient row is named in words
    groups = page.evaluate("[...document.querySelectorAll('table.indicators tr.group')].map(r => r.innerText.trim())")
    assert groups[:2] == ["产出指标", "成本指标"], groups
    lenient = page.evaluate("""() => [...document.querySelectorAll('table.indicators tr.ind')]
                                 .filter(r => r.innerText.includes('未达成却得满分')).map(r => r.cells[1].innerText)""")
    assert lenient == ["新增公办学位"]


@pytest.mark.parametrize("kind", kinds())
def test_print_to_a4(browser, pages, kind, tmp_path):
    v = open_offline(browser, pages.path(kind))
    try:
        page = v.page
        rows = page.evaluate("""() => [...document.querySelectorAll('tbody tr')].map(
                                  tr => [...tr.cells].map(td => td.innerText.replace(/\\s+/g, '')).filter(t => t))""")
        charts = page.evaluate("""() => [...document.querySelectorAll('figure.pl-chart svg')].map(s => ({
            ratio: s.viewBox.baseVal.width / s.viewBox.baseVal.height,
            texts: [...s.querySelectorAll('text')].map(t => t.textContent.replace(/\\s+/g, '')).filter(t => t)}))""")
        headings = page.evaluate("[...document.querySelectorAll('h2, h3')].map(h => h.innerText.replace(/\\s+/g, ''))")
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        v.close()
    (tmp_path / f"{kind.name}.pdf").write_bytes(pdf)
    sheets = pdf_pages(pdf)
    text = "".join(s["text"] for s in sheets)
    missing = [t for t in kind.must_show if squash(t) not in text]
    assert not missing, f"not in the PDF text: {missing}"
    # No table row split across two sheets: every row's cells are on one sheet together.
    split = [r for r in rows if r and not any(all(c in s["text"] for c in r) for s in sheets)]
    assert not split, f"rows split or lost in print: {split[:3]}"
    # No heading left alone at the foot of a sheet, its section on the next.
    orphans = [h for h in headings for s in sheets if h and s["text"].endswith(h) and s["text_ends_sheet"]]
    assert not orphans, f"headings stranded at the foot of a sheet: {orphans}"
    # Each chart printed once, whole, and wide enough to read. A chart is vector drawing and text in
    # the PDF; its frame (the figure's background, a rectangle of the chart's own proportions) tells
    # where and how wide it was printed, and every label of the chart is on that frame's sheet.
    for ratio in {round(c["ratio"], 3) for c in charts}:
        alike = [c for c in charts if round(c["ratio"], 3) == ratio]
        frames = [(w, s) for s in sheets for w, h in s["paths"] if h and abs(w / h - ratio) < 0.01 * ratio
                  and w >= 0.45 * s["width"]]
        assert len(frames) == len(alike), f"{len(alike)} chart(s) of proportions {ratio}, {len(frames)} printed whole"
        for c in alike:
            assert any(all(t in s["text"] for t in c["texts"]) for _, s in frames), f"chart split: {c['texts'][:3]}"


# --- the index: sorting and links ---------------------------------------------------------
INDEX = [k for k in kinds() if k.id in ("index", "region_index")]


def _report_table(page) -> tuple[str, int]:
    """A selector for the index's table of reports (the one linking to report pages)."""
    n = page.evaluate("""() => { const ts = [...document.querySelectorAll('table')];
                              return ts.findIndex(t => t.querySelector('tbody a[href$=".html"]')); }""")
    assert n >= 0, "no table links to report pages"
    return f"table >> nth={n}", n


def _as_number(text: str):
    t = re.sub(r"[,%\s万元]", "", text.replace("−", "-"))
    return float(t) if re.fullmatch(r"[+-]?\d+(\.\d+)?", t) else None


@pytest.mark.parametrize("kind", INDEX)
def test_index_sorts_when_a_header_is_clicked(visit, kind):
    page = visit.page
    locator, n = _report_table(page)
    table = page.locator(locator)
    headers = table.locator("thead th")
    assert headers.count() >= 3
    column = lambda i: table.evaluate(  # noqa: E731
        "(t, i) => [...t.tBodies[0].rows].map(r => (r.cells[i] || {}).innerText || '')", i)
    first_col_rows = len(column(0))
    assert first_col_rows >= 3, "the batch rendered three reports"
    sorted_any = 0
    for i in range(headers.count()):
        before = column(i)
        if len(set(before)) < 2:
            continue
        headers.nth(i).click()
        once = column(i)
        headers.nth(i).click()
        twice = column(i)
        name = headers.nth(i).inner_text()
        assert sorted(once) == sorted(before), f"{name}: clicking lost or changed rows"
        assert twice == once[::-1], f"{name}: a second click does not reverse the order"
        nums = [_as_number(x) for x in once]
        if all(x is not None for x in nums):
            assert nums in (sorted(nums), sorted(nums, reverse=True)), f"{name}: not in numeric order: {once}"
        sorted_any += 1
    assert sorted_any >= 2


PORTFOLIOS = [k for k in kinds() if k.id in ("portfolio", "province_portfolio")]


@pytest.mark.parametrize("kind", PORTFOLIOS)
def test_every_portfolio_table_sorts_when_a_header_is_clicked(visit, kind):
    """Each comparison table orders by any column (the link column excepted), runs no script but its own."""
    page = visit.page
    tables = page.locator("table.sortable")
    assert tables.count() >= 2 and tables.count() == page.locator("table").count()
    sorted_any = 0
    for t in range(tables.count()):
        table = tables.nth(t)
        headers = table.locator("thead th")
        column = lambda i: table.evaluate(  # noqa: E731
            "(t, i) => [...t.tBodies[0].rows].map(r => (r.cells[i] || {}).innerText || '')", i)
        for i in range(headers.count()):
            before = column(i)
            if len(set(before)) < 2 or not headers.nth(i).locator("button").count():
                continue
            headers.nth(i).click()
            once = column(i)
            name = headers.nth(i).inner_text()
            assert sorted(once) == sorted(before), f"{name}: clicking lost or changed rows"
            nums = [_as_number(x) for x in once]
            if all(x is not None for x in nums):
                assert nums == sorted(nums), f"{name}: not in ascending numeric order: {once}"
            sorted_any += 1
    assert sorted_any >= 3
    assert page.locator("th.nosort button").count() == 0
    assert visit.console_errors == [] and visit.page_errors == []


@pytest.mark.parametrize("kind", INDEX)
def test_index_links_open_the_right_report(visit, pages, kind):
    page = visit.page
    locator, _ = _report_table(page)
    links = page.locator(locator).locator('tbody a[href$=".html"]')
    targets = links.evaluate_all("as => as.map(a => [a.getAttribute('href'), a.closest('tr').innerText])")
    assert len(targets) >= 3
    outdir = pages.path(kind).parent
    index_url = page.url
    for i, (href, row) in enumerate(targets):
        assert not re.match(r"\s*(https?:|javascript:|//)", href), href
        links.nth(i).click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://") and page.url.endswith(".html") and page.url != index_url
        h1 = page.inner_text("h1")
        department = h1.split(" ")[0]
        assert squash(department) in squash(row), f"{href} opened {h1!r}, row says {row!r}"
        assert (outdir / unquote(href)).resolve().is_file()
        # and the page leads back to the list it is in: the batch's index, or in a batch read by region
        # (whose index lists regions only) its region's page, named
        back = page.locator("p.pl-up a")
        assert back.inner_text() == ("← 全部部门年度一览" if kind.name == "index" else "← 青岚市 › 河西区：部门年度一览")
        back.click()
        page.wait_for_load_state("load")
        assert page.url == index_url
        page.goto(index_url)
        page.wait_for_load_state("load")
    assert len({href for href, _ in targets}) * 2 == len(targets)  # the name and 查看 open each page
    assert visit.blocked == [] and visit.console_errors == [] and visit.dialogs == []
