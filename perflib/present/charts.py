"""Stage 7: matplotlib charts with real Chinese glyphs.

The font is Noto Sans CJK SC, shipped inside the `mplfonts` package (a pip
dependency), so charts look the same on every machine with no system font.
Figures are built with the object API (no pyplot state): nothing leaks
between reports, and a notebook shows only what it displays.
Colours differ in lightness and carry hatches, so they survive grey printing.

A chart reaches the page as SVG placed in the HTML itself (`svg_markup`), its text kept
as text: the page draws it with its own embedded font (whose subset therefore covers the
charts' characters), a reader can select and search it, and it stays sharp at any zoom and
on paper. Writing SVG skips rasterising and PNG encoding, which cost most of a page's time.
"""
from __future__ import annotations

import base64
import html
import io
import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import matplotlib

matplotlib.use("Agg") if not matplotlib.get_backend().lower().startswith(("module://", "inline")) else None
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from ..check.metrics import Metrics, compute  # noqa: E402
from ..model import Block, Record, Source, Task  # noqa: E402
from ..numbers import fmt_pct, fmt_wan  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DARK, MID, LIGHT, UP, DOWN = "#1f3b5c", "#5b87b8", "#c9d8ea", "#2e7d4f", "#b23b3b"
DPI = 144  # what text is laid out at; pages get SVG, and a raster (savefig png) is crisp on high-density screens


@lru_cache(maxsize=1)
def cjk_font_path() -> str:
    return str(resources.files("mplfonts").joinpath("fonts", FONT_FILE))


@lru_cache(maxsize=1)
def use_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib and make it the default."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    matplotlib.rcParams["font.family"] = [name]
    matplotlib.rcParams["font.sans-serif"] = [name]
    matplotlib.rcParams["axes.unicode_minus"] = False  # ASCII hyphen: present in every font
    matplotlib.rcParams["svg.fonttype"] = "none"
    return name


def new_figure(width: float, height: float) -> Figure:
    use_cjk_font()
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return fig


def _f(v: Decimal | None) -> float:
    return float(v) if v is not None else 0.0


BRIDGE_BLOCKS = (("overall", "部门整体支出"), ("projects", "项目支出"))


def bridge_blocks(rec: Record) -> list[tuple[str, str]]:
    """The blocks a budget bridge can be drawn for: both the initial budget and the actual stated."""
    return [(name, title) for name, title in BRIDGE_BLOCKS
            if rec.block(name).initial_budget is not None and rec.block(name).actual is not None]


def budget_bridge(rec: Record, m: Metrics) -> Figure:
    """Initial budget → adjustment → adjusted budget → actual, for the department and its projects
    (only those the report gives both figures for; a panel that says so when neither)."""
    blocks = bridge_blocks(rec) or list(BRIDGE_BLOCKS[:1])
    fig = new_figure(8.0 if len(blocks) > 1 else 5.0, 3.6)
    axes = fig.subplots(1, len(blocks), squeeze=False)[0]
    for ax, (name, title) in zip(axes, blocks):
        b = rec.block(name)
        ax.set_title(title, fontsize=12)
        adjusted = b.adjusted_budget or m.value(f"{name}.implied_adjusted_budget")
        if b.adjustment is None and b.initial_budget is not None and adjusted is not None:
            adjustment = adjusted - b.initial_budget
        else:
            adjustment = b.adjustment
        if b.initial_budget is None or b.actual is None:
            ax.text(0.5, 0.5, "报告未给出年初预算或实际支出", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            continue
        labels = ["年初预算", "预算调整", "实际支出"]
        bottoms = [0.0, _f(b.initial_budget) if (adjustment or 0) >= 0 else _f(b.initial_budget + adjustment), 0.0]
        heights = [_f(b.initial_budget), abs(_f(adjustment)), _f(b.actual)]
        colors = [LIGHT, UP if (adjustment or 0) >= 0 else DOWN, DARK]
        hatches = ["", "//" if (adjustment or 0) >= 0 else "\\\\", ""]
        bars = ax.bar(labels, heights, bottom=bottoms, color=colors, hatch=hatches, edgecolor="#333333", linewidth=0.6)
        bars[1].sticky_edges.y.clear()  # the floating bar's base is no axis limit: the labels need headroom
        texts = [fmt_wan(b.initial_budget), ("+" if (adjustment or 0) >= 0 else "−") + fmt_wan(abs(adjustment or Decimal(0))),
                 fmt_wan(b.actual)]
        if adjustment is None:
            texts[1] = "未写明"
        for bar, text in zip(bars, texts):
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()),
                        ha="center", va="bottom", fontsize=9, xytext=(0, 2), textcoords="offset points")
        ax.axhline(_f(b.initial_budget), color="#777777", linewidth=0.6, linestyle="--")
        ax.set_ylabel("万元")
        ax.margins(y=0.15)
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.suptitle("预算从年初到实际：调整与执行", fontsize=13)
    return fig


def basic_vs_projects(rec: Record, m: Metrics) -> Figure:
    """How the department's spending splits into basic (staff, running) and project spending."""
    fig = new_figure(8.0, 2.0)
    ax = fig.subplots()
    basic, projects = m.value("basic.actual"), rec.projects.actual
    if basic is None or projects is None or basic < 0:
        ax.text(0.5, 0.5, "报告未给出足够数字区分基本支出与项目支出", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    total = basic + projects
    label_basic = "基本支出（推算）" if "推算" in m["basic.actual"].label else "基本支出"
    ax.barh([0], [_f(basic)], color=LIGHT, edgecolor="#333333", hatch="-", label=label_basic)
    ax.barh([0], [_f(projects)], left=[_f(basic)], color=MID, edgecolor="#333333", label="项目支出")
    for left, width, name in ((Decimal(0), basic, label_basic), (basic, projects, "项目支出")):
        share = fmt_pct(width / total * 100, 1) if total else ""
        ax.text(_f(left + width / 2), 0, f"{name}\n{fmt_wan(width)} 万元（{share}）", ha="center", va="center", fontsize=9,
                bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "none", "pad": 2})
    ax.set_yticks([])
    ax.set_xlim(0, _f(total))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel("万元")
    ax.set_title("整体支出构成：基本支出与项目支出", fontsize=12)
    ax.spines[["top", "right", "left"]].set_visible(False)
    return fig


def task_funds(rec: Record, m: Metrics) -> Figure:
    """Each listed task's funds against the project spending they are part of."""
    funded = [t for t in rec.tasks if t.funds is not None]
    fig = new_figure(8.0, 1.2 + 0.45 * (len(funded) + 1))
    ax = fig.subplots()
    if not funded:
        ax.text(0.5, 0.5, "报告未写明各项任务的资金", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    # (a task of basic spending, 保障机关正常运转, is shown as such: its funds are no share of the projects')
    names = [f"任务{t.no}（基本支出）" if t.of_basic_spending else f"任务{t.no}" for t in funded]
    values = [t.funds for t in funded]
    of_projects = [not t.of_basic_spending for t in funded]
    colors = [MID] * len(funded)
    projects = m.value("tasks.project_funds_sum") or 0
    rest = rec.projects.actual - projects if rec.projects.actual is not None else None
    if rest is not None and rest > 0:
        names.append("其他项目支出")
        values.append(rest)
        of_projects.append(True)
        colors.append(LIGHT)
    ys = list(range(len(names)))[::-1]
    ax.barh(ys, [_f(v) for v in values], color=colors, edgecolor="#333333", linewidth=0.6)
    for y, v, share_of in zip(ys, values, of_projects):
        share = f"（{fmt_pct(v / rec.projects.actual * 100, 1)}）" if rec.projects.actual and share_of else ""
        ax.annotate(f"{fmt_wan(v)} 万元{share}", (_f(v), y), va="center", fontsize=9, xytext=(3, 0), textcoords="offset points")
    ax.set_yticks(ys, names)
    ax.margins(x=0.3)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel("万元")
    title = "主要任务资金与项目支出" + (f"（项目支出 {fmt_wan(rec.projects.actual)} 万元）" if rec.projects.actual else "")
    ax.set_title(title, fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _split_known(rec: Record, m: Metrics) -> bool:
    basic = m.value("basic.actual")
    return basic is not None and basic >= 0 and rec.projects.actual is not None


# Each chart, whether the report gives it anything to draw, and the sentence the page shows instead.
CHARTS = (
    (budget_bridge, lambda rec, m: bool(bridge_blocks(rec)),
     "报告未同时给出年初预算和实际支出，无法绘制预算从年初到实际的调整与执行图。"),
    (basic_vs_projects, _split_known, "报告未给出足够数字区分基本支出与项目支出，支出构成图从略。"),
    (task_funds, lambda rec, m: any(t.funds is not None for t in rec.tasks),
     "报告未写明各项主要任务的资金，任务资金图从略。"),
)


def all_charts(rec: Record, m: Metrics) -> list[Figure]:
    """The charts the report has figures for (none is an empty frame)."""
    return [draw(rec, m) for draw, drawable, _ in CHARTS if drawable(rec, m)]


def unavailable(rec: Record, m: Metrics) -> list[str]:
    """A sentence for each chart the report has no figures for."""
    return [why for _, drawable, why in CHARTS if not drawable(rec, m)]


# No date, no creator line: the same chart is always the same bytes.
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
# matplotlib wraps every artist in a group named after it (figure_1, patch_3, text_12 …): the same
# names in every chart of a page, nothing refers to them, and a group with no other attribute draws
# nothing of its own. They are more than half the chart's elements (each one parsed again by
# nbconvert's clean-up pass), so they go; the ids things do refer to — clip paths, hatches, tick
# marks — are hashes of their content and the salt.
_GROUP = re.compile(r"<g\b[^>]*>|</g>")
_PLAIN_GROUP = re.compile(r'<g(?: id="[^"]*")?/?>')
_INDENT = re.compile(r">\n\s*<")  # between elements only: text sits inside <text>…</text>
_TAG = re.compile(r"<[^>]*>")  # a tag; report text inside <text> is escaped, so it holds no "<"


def _unwrap_plain_groups(svg: str) -> str:
    """Every <g> or <g id="…"> removed with its </g>; a group that styles or clips what it holds kept."""
    kept: list[bool] = []

    def one(m: re.Match) -> str:
        tag = m.group()
        if tag == "</g>":
            return tag if kept.pop() else ""
        keep = not _PLAIN_GROUP.fullmatch(tag)
        if not tag.endswith("/>"):  # an empty <g …/> closes itself
            kept.append(keep)
        return tag if keep else ""

    return _GROUP.sub(one, svg)


def _svg2_links(tag: str) -> str:
    """xlink:href → href (SVG 2): the page then declares no XLink namespace (one URL less in it)."""
    return tag.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "").replace(" xlink:href=", " href=")


def svg_markup(fig: Figure) -> str:
    """The chart as an <svg> element to place in an HTML page: text as text (svg.fonttype none),
    deterministic ids salted with the chart's title (so two charts on a page never share one), no
    XML prolog. matplotlib escapes the text it writes (&, <, >, quotes)."""
    engine = fig.get_layout_engine()
    buf = io.StringIO()
    try:
        if engine is not None:
            # savefig would lay the figure out twice (in a dry-run draw, then again in the real
            # one): lay it out once and draw it with the positions found.
            engine.execute(fig)
            fig.set_layout_engine(None)
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "perflib " + alt_text(fig)}):
            fig.savefig(buf, format="svg", metadata=_SVG_METADATA)
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    svg = buf.getvalue()
    svg = _INDENT.sub("><", _unwrap_plain_groups(svg[svg.index("<svg"):])).strip()
    svg = svg.replace("<svg ", f'<svg style="--pl-min-width: {legible_width(fig)}px" ', 1)
    return _TAG.sub(lambda m: _svg2_links(m.group()), svg)


LEGIBLE_PX = 10  # the smallest chart text a phone reader gets, in CSS px


def legible_width(fig: Figure) -> int:
    """The width (CSS px) at which the chart's smallest text is drawn LEGIBLE_PX high: on a phone
    the page keeps a chart at least this wide, scrolling sideways in its box (page.css), rather
    than shrink its labels to 5 px."""
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    smallest_px = min(sizes, default=matplotlib.rcParams["font.size"]) * 4 / 3  # pt → CSS px at natural size
    natural = fig.get_figwidth() * 96
    return round(natural * min(1.0, LEGIBLE_PX / smallest_px))


def warm_up() -> None:
    """Draw each chart once, from invented figures, and throw them away: the font is then loaded and
    matplotlib's caches (font, colours, hatches, tick machinery) filled. The kernel template
    (perflib.run.kernel_zygote) does this once, so that a kernel forked from it draws a report's
    charts as a warm process would (~0.1 s of CPU less per report)."""
    overall = Block(initial_budget=Decimal(1000), adjustment=Decimal(200), actual=Decimal(1180))
    projects = Block(initial_budget=Decimal(600), adjustment=Decimal(-50), actual=Decimal(540))
    rec = Record(source=Source("warm-up", "txt", None, ""), overall=overall, projects=projects,
                 tasks=[Task(1, "任务", Decimal(300))])
    for fig in all_charts(rec, compute(rec)):
        svg_markup(fig)


def alt_text(fig: Figure) -> str:
    """The chart's title, for readers who cannot see the image."""
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if not title:
        titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
        title = "；".join(titles)
    return title or "图表"


class Chart:
    """A chart for display(): SVG, its alt text as metadata. The page template places the SVG in
    the page (perflib/present/templates/perflib: data_svg and data_html). JupyterLab shows the
    text/html twin, the same SVG as an <img>: Lab renders raw SVG only in a trusted notebook, and a
    notebook papermill executed (out.ipynb) is not one, while an <img> of a data URL it shows always."""

    def __init__(self, fig: Figure):
        self.svg = svg_markup(fig)
        self.alt = alt_text(fig)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        img = f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(self.alt)}" style="max-width:100%">'
        return {"image/svg+xml": self.svg, "text/html": img}, {"image/svg+xml": {"alt": self.alt}}

    def __repr__(self) -> str:  # the text/plain of the output: no object address in the notebook
        return f"图表：{self.alt}"


def as_image(fig: Figure) -> Chart:
    """The chart for display() in a notebook: SVG with alt text (see Chart)."""
    return Chart(fig)
