"""page.py fragments with hostile report text (fast, no browser, no notebook):
every fragment is a small, known set of tags and attributes, links stay in the
page, and the report's text comes back out exactly as written."""
import json
from html.parser import HTMLParser

import pytest
from hypothesis import given, strategies as st

from hostile_reports import ALL, HOSTILE_DEPARTMENT, HOSTILE_NAME_OK, PAYLOADS, write_hostile_report
from paths import ROOT
from perflib.present import page
from perflib.present.html import esc

# Every tag and attribute page.py may write; report text adds none.
TAGS = {"header", "section", "h1", "h2", "h3", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "a",
        "span", "div", "ol", "ul", "li", "br", "q", "details", "summary", "pre"}
ATTRS = {"class", "href", "title", "id"}


class Fragment(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_data(self, data):
        self.text.append(data)

    @property
    def data(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from perflib.pipeline import analyze

    return analyze(write_hostile_report(tmp_path_factory.mktemp("hostile"), HOSTILE_NAME_OK))


FRAGMENTS = ["header", "summary", "key_figures", "tasks", "problems_and_plans", "checks", "appendix"]


@pytest.mark.parametrize("name", FRAGMENTS)
def test_fragment_markup_is_only_perflibs(hostile, name):
    f = Fragment(getattr(page, name)(hostile))
    assert set(f.tags) <= TAGS, set(f.tags) - TAGS
    for tag, attr, value in f.attrs:
        assert attr in ATTRS, (tag, attr)
        if attr == "href":
            assert value.startswith("#ev-"), value
        if attr == "id":
            assert value.startswith("ev-") and value.replace("-", "").replace("_", "").isalnum()


def test_report_text_comes_back_verbatim(hostile):
    """Parse the fragments as a browser would: the payloads are text, whole."""
    rec = hostile.record
    assert HOSTILE_DEPARTMENT in Fragment(page.header(hostile)).data
    assert HOSTILE_NAME_OK in Fragment(page.header(hostile)).data
    tasks = Fragment(page.tasks(hostile)).data
    assert ALL in tasks and PAYLOADS["md_link"] in tasks
    lists = Fragment(page.problems_and_plans(hostile)).data
    assert all(p in lists for p in rec.problems + rec.plans) and ALL in lists
    appendix = Fragment(page.appendix(hostile)).data
    assert ALL in appendix and rec.text in appendix  # the whole normalized text, verbatim


def test_evidence_in_title_attributes_is_intact(hostile):
    f = Fragment(page.key_figures(hostile))
    titles = [v for _, k, v in f.attrs if k == "title"]
    assert titles and all(t in hostile.record.evidence.values() for t in titles)
    assert any(ALL in t for t in titles)


def test_chart_heading_escapes():
    f = Fragment(page.chart_heading(PAYLOADS["script"]))
    assert f.tags == ["h2"] and f.data == PAYLOADS["script"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00")))
def test_esc_round_trips_in_text_and_attributes(text):
    f = Fragment(f'<p title="{esc(text)}">{esc(text)}</p>')
    assert f.tags == ["p"]
    assert f.attrs == [("p", "title", text)]
    assert f.data == text


@given(st.text())
def test_anchor_ids_are_plain(key):
    a = page.anchor(key)
    assert a.startswith("ev-") and all(c.isascii() and (c.isalnum() or c in "-_") for c in a)


def test_fragments_are_html_never_markdown(hostile):
    """Jupyter shows fragments as text/html: no Markdown renderer ever sees report text."""
    from IPython.core.formatters import DisplayFormatter

    for name in FRAGMENTS:
        data, _ = DisplayFormatter().format(getattr(page, name)(hostile))
        assert "text/html" in data and "text/markdown" not in data, name


def test_notebook_displays_no_report_text_as_markdown():
    nb = json.loads((ROOT / "notebooks" / "department_year.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "Markdown" not in code and "display_markdown" not in code and "%%markdown" not in code
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":  # static prose only; no {{variables}} (python-markdown)
            assert "{{" not in "".join(c["source"])
