"""In Chromium: the 人工校正 badge and list are seen, on screen and on A4; a one-figure page has no
empty chart frame and no header-only table. (The pages also pass every check of test_browser.py:
they are page kinds there.)"""
import pytest

from browser_helpers import BADGE_CONTRAST, KINDS, open_offline, pdf_pages, screenshot, squash
from review_reports import CORRECTION_NOTE

pytestmark = pytest.mark.browser

EMPTY_TABLES = """() => [...document.querySelectorAll('table')]
    .filter(t => !t.tBodies.length || ![...t.tBodies].some(b => b.rows.length)).map(t => t.className)"""


def test_corrected_badge_and_list_on_screen_and_on_a4(browser, pages, tmp_path):
    v = open_offline(browser, pages.path(KINDS["corrected_page"]))
    try:
        page = v.page
        badge = page.locator("table.figures td.num .corrected")
        assert badge.count() == 1 and badge.is_visible()
        # beside its figure, on the same line
        cell = page.locator("table.figures td.num", has=page.locator(".corrected"))
        assert squash(cell.inner_text()) == "人工校正1,198.20"
        fig_box, badge_box = cell.locator("a").bounding_box(), badge.bounding_box()
        assert abs((fig_box["y"] + fig_box["height"] / 2) - (badge_box["y"] + badge_box["height"] / 2)) < 6
        listing = page.locator("ul.corrections li")
        assert listing.count() == 1 and listing.is_visible()
        assert CORRECTION_NOTE in listing.inner_text() and "整体实际支出：1,198.20 万元" in listing.inner_text()
        # the figure links to its note
        assert cell.locator("a").get_attribute("href") == "#ev-overall-actual"
        assert page.locator("ul.corrections #ev-overall-actual").count() == 1
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            for b in page.evaluate(BADGE_CONTRAST, ".corrected"):
                assert b["text"] == "人工校正" and b["contrast"] >= 4.5, (media, b)
        page.emulate_media(media="screen")
        screenshot(page, "corrected-page")
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        v.close()
    (tmp_path / "corrected.pdf").write_bytes(pdf)
    sheets = pdf_pages(pdf)
    assert all(abs(s["width"] - 595) < 2 for s in sheets)  # A4: 595 pt wide
    text = "".join(s["text"] for s in sheets)
    assert "人工校正1,198.20" in text  # the badge prints beside its figure
    assert squash("整体实际支出：1,198.20 万元人工校正（perflib 未读取）") in text
    assert squash(CORRECTION_NOTE) in text


def test_one_figure_page_has_no_empty_frame(browser, pages):
    v = open_offline(browser, pages.path(KINDS["one_figure_page"]))
    try:
        page = v.page
        assert page.evaluate("document.images.length") == 0  # no chart drawn around nothing
        assert page.evaluate(EMPTY_TABLES) == []
        sentences = page.locator(".chart-missing")
        assert sentences.count() == 3 and all(sentences.nth(i).is_visible() for i in range(3))
        body = page.inner_text("body")
        assert "报告未给出年初预算或实际支出" not in body  # the old text drawn inside an empty chart
        assert "报告未给出（或 perflib 未能读取）整体年初预算" in body and "review.xlsx" in body
        screenshot(page, "one-figure-page")
    finally:
        v.close()
