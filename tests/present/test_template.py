"""The page template as nbconvert's named template "perflib": the contract's by-hand path
(`papermill notebooks/department_year.ipynb out.ipynb -p source PATH`, then
`jupyter nbconvert --to html --template perflib out.ipynb`) gives the same offline page."""
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from paths import ROOT, SEED
from perflib import __version__, config
from perflib.numbers import fmt_value
from perflib.pipeline import analyze
from perflib.present import charts
from perflib.present.html import csp, page_css
from perflib.run import render

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
NETWORK = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, ftp://, //host


class _References(HTMLParser):
    """Every URL the page would load or link to: src/href/… attributes and CSS url()."""

    URL_ATTRS = {"src", "href", "srcset", "data", "poster", "action", "xlink:href"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in self.URL_ATTRS and value:
                self.urls.append(value)
            if name == "style" and value:
                self.urls += _css_urls(value)

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    urls = [u.strip("'\" ") for u in re.findall(r"url\(([^)]*)\)", css)]
    return urls + [u.strip("'\" ") for u in re.findall(r"@import\s+([^;]+);", css)]


@pytest.fixture(scope="module")
def by_hand(tmp_path_factory):
    """The executed notebook and the page, made with the two commands of the contract."""
    folder = tmp_path_factory.mktemp("by_hand")
    nb = folder / "out.ipynb"
    subprocess.run([BIN / "papermill", config.notebook(), nb, "-p", "source", str(SEED), "--cwd",
                    config.notebook().parent, "--no-progress-bar"], cwd=folder, check=True, capture_output=True)
    subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", "--template", "perflib", nb.name],
                   cwd=folder, check=True, capture_output=True)
    return nb, (folder / "out.html").read_text(encoding="utf-8")


def test_by_hand_page_references_nothing_on_the_network(by_hand):
    _, html = by_hand
    refs = _References()
    refs.feed(html)
    assert refs.urls, "the page links its figures to their evidence"
    assert [u for u in refs.urls if NETWORK.match(u)] == []
    assert [u for u in refs.urls if not u.startswith(("#", "data:"))] == []
    assert refs.scripts == 0
    for fetched in ("require.js", "require.min.js", "mathjax", "mermaid", "cdnjs", "unpkg"):
        assert fetched not in html.lower()


def test_by_hand_page_shows_the_report_figures_and_no_code(by_hand):
    _, html = by_hand
    a = analyze(SEED)
    n_charts = len(charts.all_charts(a.record, a.metrics))
    figures = re.findall(r'<figure [^>]*class="pl-chart[^>]*>\s*(<svg.*?</svg>)\s*</figure>', html, re.S)
    assert len(figures) == n_charts >= 1 and "<img" not in html
    assert all("<text" in svg for svg in figures) and "预算从年初到实际" in figures[0]  # charts' text is text
    assert fmt_value(a.record.overall.actual, "money") in html
    assert page_css() in html  # the style is inlined (and the installed template is the checkout's)
    assert "analyze(" not in html and "In&nbsp;[" not in html and "jp-InputArea" not in html


def test_by_hand_page_is_titled_and_versioned_as_perflibs(by_hand):
    """By hand the page was titled "out" (the notebook's file name), its generator and footer said no
    version and it had no Content-Security-Policy: the header's output names them (PageHead), and the
    template reads them there."""
    _, html = by_hand
    title = analyze(SEED).title
    assert f"<title>{escape(title)}</title>" in html
    generator = BeautifulSoup(html, features="html.parser").find("meta", attrs={"name": "generator"})
    assert generator["content"] == f"perflib {__version__}"
    assert f"由 perflib {__version__} " in html
    policy = BeautifulSoup(html, features="html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy["content"] == csp() and "script-src 'none'" in policy["content"]  # (by hand: no script)


def test_by_hand_page_body_is_the_rendered_page_body(by_hand):
    """perflib's renderer and the by-hand command go through the same template: only the font (which
    only the renderer adds) differs, and how the markup is written
    out (by hand, nbconvert's exporter re-writes it with BeautifulSoup: `<br/>` for `<br>`)."""
    nb_path, html = by_hand
    ours = str(BeautifulSoup(render.export_html(nbformat.read(nb_path, as_version=4), "t"), features="html.parser"))

    def body(page: str) -> str:
        inner = page[page.index("<main>"):page.index('<footer class="pl-footer">')]
        return re.sub(r'id="cell-id=[^"]*"', "", inner)  # papermill's injected cell: a random id by hand

    assert body(html) == body(ours)


def test_the_footer_points_to_an_appendix_only_where_there_is_one():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    assert "数字出处见附录" in render.export_html(nb, "t")  # a report page: its appendix quotes each figure
    portfolio = nbformat.read(ROOT / "notebooks" / "portfolio.ipynb", as_version=4)
    footer = render.export_html(portfolio, "t").split('<footer class="pl-footer">')[1]
    assert "数字出处见附录" not in footer and "各部门数字的出处见其报告页的附录" in footer


def test_a_batch_pages_link_back_is_drawn_in_the_page_font():
    """The link back to the index is part of the page before its font is cut: no character of it
    falls back to a box (it once showed "一〿" for 一览)."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    from perflib.run.jobs import back_link

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    lead = back_link(("regions/青岚市_河西区/index.html", "青岚市 › 河西区：部门年度一览"))
    html = render.export_html(nb, "t", lead=lead)
    assert html.index(lead) == html.index("<main>") + len("<main>\n")
    woff2 = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html)[1])
    cmap = TTFont(io.BytesIO(woff2)).getBestCmap()
    assert [c for c in "←青岚市河西区：部门年度一览" if ord(c) not in cmap] == []
    assert 'href="regions/%E9%9D%92' in lead  # the folder's name quoted
