"""The pages of a batch read by region, as a reader moves through them offline: from the index of
regions down to a region's list and portfolio, and back up (the generic page checks — offline,
font, phone, A4, sorting — run on these pages in test_browser.py)."""
import pytest

from browser_helpers import KINDS, open_offline, pdf_pages, squash

pytestmark = pytest.mark.browser


def test_every_region_link_opens_that_region_and_leads_back(browser, pages):
    top = pages.path(KINDS["province_index"])
    v = open_offline(browser, top)
    try:
        page = v.page
        links = page.locator('tbody a:text("一览")')
        regions = links.evaluate_all("as => as.map(a => a.closest('tr').cells[0].innerText)")
        assert sorted(regions) == ["白沙县", "青岚市 › 临江县", "青岚市 › 河西区"]
        for i, region in enumerate(regions):
            links.nth(i).click()
            page.wait_for_load_state("load")
            assert squash(region) in squash(page.inner_text("h1"))
            page.locator('a:text("本地区比较")').click()  # the region's portfolio
            page.wait_for_load_state("load")
            assert page.url.endswith("/portfolio.html") and squash(region) in squash(page.title())
            assert page.title() == page.inner_text("h1") and page.title().count("：") == 1  # one colon
            page.locator('a:text("全部地区比较")').click()  # up to the province's
            page.wait_for_load_state("load")
            assert "跨地区与跨行业比较" in page.inner_text("h1") and page.title() == page.inner_text("h1")
            page.locator('a:text("各地区一览")').click()  # and back to the start
            page.wait_for_load_state("load")
            assert page.url == top.as_uri()
        assert v.blocked == [] and v.console_errors == [] and v.page_errors == []
    finally:
        v.close()


def test_the_province_portfolio_links_down_to_every_region(browser, pages):
    v = open_offline(browser, pages.path(KINDS["province_portfolio"]))
    try:
        hrefs = v.page.locator('a:text("比较")').evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert len(hrefs) == 3
        outdir = pages.path(KINDS["province_portfolio"]).parent
        from urllib.parse import unquote

        assert all((outdir / unquote(h)).is_file() for h in hrefs)
    finally:
        v.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("kind, cells", [("province_portfolio", "table:has(caption) tbody tr td:first-child"),
                                         ("province_index", "tbody tr td.short")])
def test_region_and_sector_names_stay_on_one_line(browser, pages, width, kind, cells):
    """In the regions' and sectors' tables: a name, a span of years, a region's links."""
    v = open_offline(browser, pages.path(KINDS[kind]), width=width)
    try:
        lines = v.page.locator(cells).evaluate_all(
            """tds => tds.map(td => { const r = document.createRange(); r.selectNodeContents(td);
                                      return [td.innerText, new Set([...r.getClientRects()].map(q => Math.round(q.top))).size]; })""")
        assert lines and all(n == 1 for _, n in lines), lines
    finally:
        v.close()


def test_a_long_index_prints_its_column_names_on_every_sheet(browser, pages, tmp_path):
    """Chromium repeats a table's header on each printed sheet, but printed the sort buttons in it as
    empty boxes: the column names went missing from the second sheet on."""
    import pandas as pd

    from perflib.present.index_page import build_index
    from perflib.run import batch
    from perflib.store import load_dataset

    reports = load_dataset(pages.path(KINDS["index"]).parent / batch.DATASET_FILE).reports
    long = tmp_path / "index.html"
    long.write_text(build_index(pd.concat([reports] * 12, ignore_index=True)), encoding="utf-8")
    v = open_offline(browser, long)
    try:
        names = v.page.evaluate("[...document.querySelector('table').tHead.rows[0].cells].map(th => th.innerText)")
        pdf = v.page.pdf(format="A4")
    finally:
        v.close()
    sheets = [s for s in pdf_pages(pdf) if squash("查看") in s["text"]]  # the sheets the table is on
    assert len(sheets) >= 2
    for n, s in enumerate(sheets, start=1):
        missing = [name for name in names if squash(name) not in s["text"]]
        assert not missing, f"sheet {n}: column names not printed: {missing}"


def test_ratings_sort_best_first_not_by_their_sounds(browser, pages, tmp_path):
    """优 良 中 差, not 差 良 优 中 (their order by pinyin, which a plain text sort gives)."""
    from perflib.present.index_page import build_index
    from perflib.run import batch
    from perflib.store import load_dataset

    reports = load_dataset(pages.path(KINDS["index"]).parent / batch.DATASET_FILE).reports
    ratings = ["中", "差", "优", "良"]
    reports["rating"] = [ratings[i % 4] for i in range(len(reports))]
    page_file = tmp_path / "index.html"
    page_file.write_text(build_index(reports), encoding="utf-8")
    v = open_offline(browser, page_file)
    try:
        page = v.page
        page.locator("table >> nth=0").locator("thead th", has_text="自评").click()
        shown = page.evaluate("""() => { const t = document.querySelector('table');
            const i = [...t.tHead.rows[0].cells].findIndex(th => th.innerText.includes('自评'));
            return [...t.tBodies[0].rows].map(r => r.cells[i].innerText.trim()); }""")
    finally:
        v.close()
    order = {"优": 0, "良": 1, "中": 2, "差": 3}
    assert len(set(shown)) >= 3 and [order[x] for x in shown] == sorted(order[x] for x in shown), shown


def test_the_totals_stay_below_the_regions_whatever_the_sort(browser, pages):
    v = open_offline(browser, pages.path(KINDS["province_index"]))
    try:
        page = v.page
        rows = """() => [...document.querySelector('table').rows].map(r => r.cells[0].innerText.trim())"""
        before = page.evaluate(rows)
        for _ in range(2):  # ascending, then descending
            page.locator("table >> nth=0").locator("thead th", has_text="报告数").click()
            after = page.evaluate(rows)
            assert after[-2:] == ["青岚市（2 个地区）", "全部地区（3 个）"] and sorted(after) == sorted(before)
        assert v.console_errors == [] and v.page_errors == []
    finally:
        v.close()
