"""Charts draw Chinese with real glyphs (pyproject turns 'Glyph … missing' warnings into errors), and
reach the page as SVG whose text is text: deterministic, escaped, nothing but drawing elements."""
import re
import warnings
from html.parser import HTMLParser
from xml.etree import ElementTree

from hostile_reports import ALL, HOSTILE_DEPARTMENT
from perflib.check.metrics import compute
from perflib.model import Record, Source
from perflib.present import charts

# What matplotlib's SVG backend writes for perflib's charts (html.parser lowercases clipPath).
SVG_TAGS = {"svg", "defs", "style", "g", "path", "text", "use", "clippath", "rect", "pattern"}


class Svg(HTMLParser):
    """The SVG as a browser's HTML parser sees it inside a page: tags, attributes, text."""

    def __init__(self, svg: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.texts, self._in_text = [], [], [], False
        self.feed(svg)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        self._in_text = tag == "text"

    def handle_endtag(self, tag):
        self._in_text = False

    def handle_data(self, data):
        if self._in_text:
            self.texts.append(data)


def test_seed_charts_have_real_glyphs(seed_record):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any missing glyph fails here, not just in pytest's filter
        figs = charts.all_charts(seed_record, compute(seed_record))
        svgs = [charts.svg_markup(f) for f in figs]
    assert len(svgs) == 3
    assert all(s.startswith("<svg") and s.endswith("</svg>") and 2_000 < len(s) < 40_000 for s in svgs)
    assert charts.alt_text(figs[0]) == "预算从年初到实际：调整与执行"


def test_chart_text_is_text_and_the_svg_is_the_same_every_time(seed_record):
    m = compute(seed_record)
    first = [charts.svg_markup(f) for f in charts.all_charts(seed_record, m)]
    assert first == [charts.svg_markup(f) for f in charts.all_charts(seed_record, m)]
    for s in first:
        ElementTree.fromstring(s)  # well-formed: every group taken out went with its end tag
    texts = [Svg(s).texts for s in first]
    assert "预算从年初到实际：调整与执行" in texts[0] and "6,364.24" in texts[0]
    assert "任务2" in texts[2]
    for s in first:
        assert "<?xml" not in s and "DOCTYPE" not in s and "metadata" not in s and "Matplotlib" not in s
    # ids (clip paths, hatches, tick marks) never repeat across the charts of one page
    ids = [re.findall(r' id="([^"]+)"', s) for s in first]
    assert all(ids) and len({i for one in ids for i in one}) == sum(len(one) for one in ids)


def test_svg_leaves_the_figure_as_it_was(seed_record):
    fig = charts.budget_bridge(seed_record, compute(seed_record))
    engine = fig.get_layout_engine()
    charts.svg_markup(fig)
    assert fig.get_layout_engine() is engine


def test_hostile_text_in_a_chart_stays_text():
    """Report text can reach a chart (the portfolio labels bars with department names)."""
    fig = charts.new_figure(6, 3)
    fig.set_layout_engine(None)  # labels this long leave constrained layout no room (and a warning)
    ax = fig.subplots()
    ax.barh([0, 1], [1, 2])
    ax.set_yticks([0, 1], [HOSTILE_DEPARTMENT, ALL])
    ax.set_title(ALL)
    ax.annotate(HOSTILE_DEPARTMENT, (1, 0))
    markup = charts.svg_markup(fig)
    as_xml = [e.text for e in ElementTree.fromstring(markup).iter() if e.tag.endswith("}text")]
    assert as_xml.count(ALL) == 2  # well-formed and escaped for XML (JupyterLab shows it as an image)
    svg = Svg(markup)
    assert set(svg.tags) <= SVG_TAGS, set(svg.tags) - SVG_TAGS
    for tag, name, value in svg.attrs:
        assert not name.startswith("on"), (tag, name)
        if name.endswith("href"):
            assert value.startswith("#"), (tag, name, value)
    assert svg.texts.count(ALL) == 2 and svg.texts.count(HOSTILE_DEPARTMENT) == 2


def test_a_chart_displays_as_svg_with_its_alt_text(seed_record):
    from IPython.core.formatters import DisplayFormatter

    chart = charts.as_image(charts.budget_bridge(seed_record, compute(seed_record)))
    data, meta = DisplayFormatter().format(chart)
    assert data["image/svg+xml"] == chart.svg and data["image/svg+xml"].startswith("<svg")
    assert meta["image/svg+xml"] == {"alt": "预算从年初到实际：调整与执行"}
    assert data["text/plain"] == "图表：预算从年初到实际：调整与执行"  # no object address in the notebook


def test_font_is_the_bundled_cjk_font():
    name = charts.use_cjk_font()
    assert "CJK" in name
    from matplotlib import font_manager
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert path == charts.cjk_font_path()


def test_charts_of_an_empty_record_do_not_fail():
    r = Record(source=Source("x", "txt", None, ""))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in charts.all_charts(r, compute(r)):
            charts.svg_markup(f)


def test_a_chart_has_an_img_twin_for_jupyterlab_and_the_page_places_the_svg_itself(seed_record):
    """Lab renders raw SVG only in a trusted notebook (papermill's out.ipynb is not one): the
    text/html twin is the same SVG as an <img> of a data URL, its alt text escaped. The page
    template, which nbconvert hands the text/html first, still places the SVG itself."""
    import base64

    import nbformat
    from IPython.core.formatters import DisplayFormatter
    from perflib.run.render import _exporter

    rec = Record(source=Source("x.txt", "txt", None, ""), department=HOSTILE_DEPARTMENT,
                 year=2021, overall=seed_record.overall, basic=seed_record.basic, projects=seed_record.projects)
    chart = charts.as_image(charts.budget_bridge(rec, compute(rec)))
    data, meta = DisplayFormatter().format(chart)
    img = re.fullmatch(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"<>]*)" style="max-width:100%">',
                       data["text/html"])
    assert img, data["text/html"][:200]
    assert base64.b64decode(img[1]).decode("utf-8") == chart.svg

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(chart)")
    cell.outputs = [nbformat.v4.new_output("display_data", data, metadata=meta)]
    nb.cells = [cell]
    page, _ = _exporter().from_notebook_node(nb)
    assert page.count("<svg") == 1 and 'class="pl-chart' in page
    assert "data:image/svg" not in page
