"""Hostile report text in a real browser: nothing from a report runs, opens a
dialog, becomes a link or markup; it all shows as the literal text it is."""
import pytest

from browser_helpers import kinds, open_offline
from hostile_reports import HOSTILE_DEPARTMENT, HOSTILE_NAME_BAD, HOSTILE_NAME_OK, PAYLOADS

pytestmark = pytest.mark.browser

# What each page must show literally (the payloads as text).
LITERALS = {
    "hostile_report": [*PAYLOADS.values(), HOSTILE_DEPARTMENT, HOSTILE_NAME_OK],
    "index": [HOSTILE_DEPARTMENT, HOSTILE_NAME_BAD],
    "portfolio": [HOSTILE_DEPARTMENT],
}

# What matplotlib's SVG backend draws perflib's charts with (tag names as the DOM spells them).
CHART_TAGS = {"defs", "style", "g", "path", "text", "use", "clipPath", "rect", "pattern"}

DOM_AUDIT = """
() => {
  const all = [...document.querySelectorAll('*')];
  return {
    handlers: all.flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + ' ' + a.name)),
    jsUrls: all.flatMap(e => [...e.attributes].filter(a => /^\\s*javascript:/i.test(a.value) && a.name !== 'title')
                              .map(a => e.tagName + ' ' + a.name + '=' + a.value)),
    pwnScripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
    foreign: [...document.querySelectorAll('iframe, object, embed, svg:not(figure.pl-chart > svg), form, base, ' +
               'body meta, head meta[http-equiv]:not([http-equiv="Content-Security-Policy"])')].map(e => e.tagName),
    // perflib's charts (SVG in the page) hold drawing elements and text, nothing that runs or links out
    chartTags: [...new Set([...document.querySelectorAll('figure.pl-chart svg *')].map(e => e.tagName))],
    chartLinks: [...document.querySelectorAll('figure.pl-chart svg [href]')].map(e => e.getAttribute('href'))
                .filter(h => !h.startsWith('#')),
    markupFromText: [...document.querySelectorAll('b, strong, em, a')].map(e => e.innerText.trim())
                     .filter(t => ['粗', '粗体', '加粗', '点我', 'x'].includes(t)),
    titleAttrs: [...document.querySelectorAll('[title]')].map(e => e.getAttribute('title')),
  };
}
"""


@pytest.mark.parametrize("kind", kinds(hostile=True))
def test_nothing_from_a_report_runs(browser, pages, kind):
    v = open_offline(browser, pages.path(kind))
    try:
        page = v.page
        # Hover and follow every in-page link too: a payload could wait for a click.
        links = page.locator("a")
        for i in range(min(links.count(), 40)):
            link = links.nth(i)
            href = link.get_attribute("href") or ""
            if link.is_visible():
                link.hover()
                if href.startswith("#"):
                    link.click()
        assert v.dialogs == []
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert v.page_errors == [] and v.console_errors == [] and v.blocked == []
        audit = page.evaluate(DOM_AUDIT)
        assert audit["handlers"] == [] and audit["jsUrls"] == [] and audit["pwnScripts"] == 0
        assert audit["foreign"] == [], "report text became elements"
        assert set(audit["chartTags"]) <= CHART_TAGS, set(audit["chartTags"]) - CHART_TAGS
        assert audit["chartLinks"] == []
        assert audit["markupFromText"] == [], "report text was read as HTML or Markdown"
        if kind.name == "hostile_report":
            # Evidence sentences sit in title="…" attributes, intact.
            assert any(PAYLOADS["close_attr"] in t and PAYLOADS["close_script"] in t for t in audit["titleAttrs"])
            assert page.title().startswith(HOSTILE_DEPARTMENT)
    finally:
        v.close()


@pytest.mark.parametrize("kind", kinds(hostile=True))
def test_report_text_shows_as_text(browser, pages, kind):
    v = open_offline(browser, pages.path(kind))
    try:
        page = v.page
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        text = page.inner_text("body")
        missing = [s for s in LITERALS[kind.name] if s not in text]
        assert not missing, f"not shown literally: {missing}"
        assert "<script>" in text
    finally:
        v.close()
