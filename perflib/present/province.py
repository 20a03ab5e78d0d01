"""The portfolio at province scale: regions and sectors compared, the extremes named, every region
linked to its own portfolio (the department-level view of perflib.present.portfolio).

Functions of the dataset frames (perflib.dataset); notebooks/portfolio.ipynb calls them when a batch
reads by region (perflib.present.region_index.aggregated) and shows its whole dataset.  Nothing
here lists every department-year: distributions, medians and shares per region and per sector,
and the few department-years farthest from the norm, so the page stays light at ten thousand
reports.  It loads only the frames and columns it needs (`load`).
"""
from __future__ import annotations

from dataclasses import replace
from html import escape
from urllib.parse import quote

import matplotlib
import pandas as pd

from ..dataset import Dataset, load_folder
from ..labels import PROVINCE_TITLE, also_listed, fiction_banner, rated_above
from ..numbers import fmt_value
from ..once import keep_counted
from ..review import sources_below
from ..regions import UNKNOWN
from .charts import DARK, LIGHT, MID, new_figure
from .html import Html, PageHead, sort_value
from .index_page import not_department
from .portfolio import failed_and_others, score_band, wrap_class
from ..store import load_dataset
from .region_index import aggregated, portfolio_name

MOST = 12  # groups a chart draws at most: the half with the highest and the half with the lowest medians
EXTREMES = 10  # department-years named per extreme table
INDICATOR_COLUMNS = ["report_id", "level2", "name", "weight", "score", "met", "full_score"]


# --- loading --------------------------------------------------------------------------------
def load(dataset: str | None, reports_dir: str, region: str | None = None) -> tuple[Dataset, bool]:
    """The portfolio's data and whether it reads by region: a batch's store (perflib.store) when
    given, else the folder parsed here.  Read by region, only the reports, the failures and a few
    indicator columns are loaded; otherwise every frame (of `region` only, when given).  A
    department-year read from two files counts once (perflib.once)."""
    ds, aggregate = _load(dataset, reports_dir, region)
    ds = keep_counted(ds)
    return replace(ds, failures=sources_below(ds.failures, reports_dir)), aggregate


def _load(dataset: str | None, reports_dir: str, region: str | None = None) -> tuple[Dataset, bool]:
    if not dataset:
        ds = load_folder(reports_dir)
        if region is not None:
            ids = set(ds.reports.loc[ds.reports["region"] == region, "report_id"])
            mine = {name: df[df["report_id"].isin(ids)] for name, df in vars(ds).items() if name not in ("failures", "repeats")}
            ds = Dataset(**mine, failures=ds.failures[ds.failures["region"] == region])
        return ds, region is None and by_region(ds.reports)
    head = load_dataset(dataset, region=region, tables=("reports", "failures"))
    if region is None and by_region(head.reports):
        ind = load_dataset(dataset, tables=("indicators",), columns={"indicators": INDICATOR_COLUMNS}).indicators
        return Dataset(head.reports, head.tasks, head.checks, head.problems, head.failures, ind), True
    return load_dataset(dataset, region=region), False


def by_region(reports: pd.DataFrame) -> bool:
    return aggregated(len(reports), reports["region"].nunique() if len(reports) else 0)


# --- figures per group ----------------------------------------------------------------------
def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole.where(whole > 0) * 100).astype("float64")


def above_band(reports: pd.DataFrame) -> pd.Series:
    """Per report: a self-rating above the band its own score falls in (优 on 87 points)."""
    bands = reports["score"].map(score_band)
    return pd.Series([rated_above(r, b) for r, b in zip(reports["rating"], bands)], index=reports.index)


def group_summary(reports: pd.DataFrame, indicators: pd.DataFrame | None, by: str) -> pd.DataFrame:
    """One row per region or sector (`by`): reports, the spread of outturn against the initial
    budget (quartiles and median), the median adjustment rate, the share of reports with a check
    that failed, the share rated above their score's band, and the leniency of the 绩效指标: of the
    indicators whose target was missed, the share still given full marks."""
    r = reports.assign(_fail=reports["checks_fail"].fillna(0) > 0, _above=above_band(reports),
                       _rated=reports["rating"].notna() & reports["score"].notna())
    g = r.groupby(by, dropna=False)
    out = pd.DataFrame({
        "reports": g.size(), "departments": g["department"].nunique(),
        "q1": g["outturn_vs_initial"].quantile(0.25), "median": g["outturn_vs_initial"].median(),
        "q3": g["outturn_vs_initial"].quantile(0.75), "adjustment": g["overall_adjustment_rate"].median(),
        "with_fail": g["_fail"].sum(), "rated": g["_rated"].sum(), "above": g["_above"].sum(),
    })
    out["fail_share"] = _pct(out["with_fail"], out["reports"])
    out["above_share"] = _pct(out["above"], out["rated"])
    out["unmet"], out["unmet_full"] = 0, 0
    if indicators is not None and len(indicators):
        ind = indicators.assign(_unmet=indicators["met"].map(lambda v: v is False or v == False),  # noqa: E712
                                _full=indicators["full_score"].map(lambda v: v is True or v == True))  # noqa: E712
        ind = ind.merge(reports[["report_id", by]].drop_duplicates("report_id"), on="report_id", how="inner")
        ind["_unmet_full"] = ind["_unmet"] & ind["_full"]
        gi = ind.groupby(by, dropna=False)
        out["unmet"] = gi["_unmet"].sum().reindex(out.index).fillna(0).astype(int)
        out["unmet_full"] = gi["_unmet_full"].sum().reindex(out.index).fillna(0).astype(int)
    out["lenient_share"] = _pct(out["unmet_full"], out["unmet"])
    return out.reset_index().rename(columns={by: "group"})


GROUP_COLUMNS = {
    "reports": ("报告数", "int"), "departments": ("部门数", "int"), "q1": ("下四分位", "pct"),
    "median": ("中位数", "pct"), "q3": ("上四分位", "pct"), "adjustment": ("预算调整率中位数", "pct"),
    "fail_share": ("有核对不符的报告占比", "pct"),
    "above_share": ("自评等级高于得分档次的占比（占写明等级与得分的报告）", "pct"),
    "unmet": ("未达成的指标", "int"), "lenient_share": ("其中仍得满分", "pct"),
}


def group_table(summary: pd.DataFrame, what: str, links: bool = False) -> Html:
    """The summary as a table; with `links` (regions), each links to its own list and portfolio."""
    head = "".join(f'<th class="num" scope="col">{escape(h)}</th>' for h, _ in GROUP_COLUMNS.values())
    link_head = '<th class="nosort" scope="col">页面</th>' if links else ""
    rows = []
    for s in summary.itertuples(index=False):
        values = ((getattr(s, col), "pct2" if kind == "pct" else kind) for col, (_, kind) in GROUP_COLUMNS.items())
        cells = "".join(_num_cell(None if pd.isna(v) else v, k) for v, k in values)
        link = ""
        if links:
            page = portfolio_name(s.group)
            link = (f'<td data-v=""><a href="{escape(quote(page.rsplit("/", 1)[0] + "/index.html"))}">一览</a> · '
                    f'<a href="{escape(quote(page))}">比较</a></td>')
        rows.append(f'<tr><td class="text name" data-v="{escape(str(s.group))}">{escape(str(s.group))}</td>{cells}{link}</tr>')  # 青岚市 › 河西区 unbroken
    cap = f"<caption>实际支出相对年初预算（%）的分布与核对结果，按{escape(what)}</caption>"
    wrap = wrap_class(1 + len(GROUP_COLUMNS) + bool(links))
    return Html(f'<div class="{wrap}"><table class="sortable">{cap}<thead><tr><th scope="col">{escape(what)}</th>{head}{link_head}'
                f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def extremes(reports: pd.DataFrame, column: str, reference: float, n: int = EXTREMES) -> pd.DataFrame:
    """The `n` department-years farthest from `reference` in `column`, farthest first."""
    df = reports.dropna(subset=[column])
    gap = (df[column] - reference).abs()
    far = gap.nlargest(n).index
    cols = ["department", "year", "region", "sector", column, "checks_fail", "output"]
    out = df.loc[far, [c for c in cols if c in df]].reset_index(drop=True)
    # those left out at the same distance as the last one shown: the cut would otherwise pick among equals unseen
    out.attrs["tied"] = int((gap == gap[far[-1]]).sum() - (gap[far] == gap[far[-1]]).sum()) if len(far) else 0
    return out


def _num_cell(v, kind: str) -> str:
    return f'<td class="num" data-v="{escape(sort_value(v, kind))}">{escape(fmt_value(v, kind))}</td>'


def _text_cell(v) -> str:
    return f'<td class="text" data-v="{escape(sort_value(v))}">{escape(str(v))}</td>'


def extremes_table(df: pd.DataFrame, column: str, header: str) -> Html:
    kinds = {"department": "text", "year": "year", "region": "text", "sector": "text", column: "pct2",
             "checks_fail": "int"}
    names = {"department": "部门", "year": "年度", "region": "地区", "sector": "行业", column: header,
             "checks_fail": "不符"}
    num = ' class="num"'
    head = "".join(f'<th{"" if kinds[c] == "text" else num} scope="col">{names[c]}</th>' for c in kinds)
    rows = []
    for _, r in df.iterrows():
        cells = "".join(_text_cell(r[c]) if kinds[c] == "text" else _num_cell(None if pd.isna(r[c]) else r[c], kinds[c])
                        for c in kinds)
        page = r.get("output")
        link = f'<a href="{escape(quote(str(page)))}">查看</a>' if isinstance(page, str) and page else "—"
        rows.append(f"<tr>{cells}<td>{link}</td></tr>")
    tied = df.attrs.get("tied", 0)
    note = f'<p class="note">另有 {tied} 个部门年度与表中最后一行同值，未列出。</p>' if tied else ""
    return Html(f'<div class="{wrap_class(len(kinds) + 1)}"><table class="sortable"><thead><tr>{head}'
                f'<th class="nosort" scope="col">报告</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>{note}')


# --- charts ---------------------------------------------------------------------------------
# matplotlib 3.10 says orientation=, and deprecates vert= (gone in 3.13); 3.8 and 3.9 know only vert=
_HORIZONTAL = ({"orientation": "horizontal"} if tuple(int(p) for p in matplotlib.__version__.split(".")[:2]) >= (3, 10)
               else {"vert": False})


def _chosen(groups: dict[str, pd.Series], most: int) -> tuple[list[str], str]:
    """Groups in order of their median; past `most`, the halves with the highest and lowest medians."""
    order = sorted(groups, key=lambda k: groups[k].median())
    if len(order) <= most:
        return order, ""
    half = most // 2
    return order[:half] + order[-half:], f"（中位数最低与最高的各 {half} 个，共 {len(order)} 个）"


def box_chart(reports: pd.DataFrame, by: str, title: str, column: str = "outturn_vs_initial",
              reference: float = 100.0, most: int = MOST):
    """Horizontal box plots of `column` per group, in order of their medians; a reference line."""
    groups = {str(k): g[column].dropna().astype(float) for k, g in reports.groupby(by)}
    groups = {k: v for k, v in groups.items() if len(v)}
    names, note = _chosen(groups, most)
    fig = new_figure(8.0, 1.3 + 0.38 * max(len(names), 1))
    ax = fig.subplots()
    if not names:
        ax.text(0.5, 0.5, "报告未写明所需数字", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    ax.axvspan(reference - 5, reference + 5, color=LIGHT, alpha=0.35, linewidth=0)
    ax.boxplot([groups[n] for n in names], **_HORIZONTAL, widths=0.6, showfliers=False, patch_artist=True,
               boxprops={"facecolor": MID, "edgecolor": "#333333"}, medianprops={"color": DARK, "linewidth": 2},
               whiskerprops={"color": "#333333"}, capprops={"color": "#333333"})
    ax.axvline(reference, color="#333333", linewidth=0.8)
    ax.set_yticks(range(1, len(names) + 1), [f"{n}（{len(groups[n])}）" for n in names], fontsize=8)
    ax.set_xlabel("%（阴影：±5 个百分点；括号内为报告数；不画离群值）")
    ax.set_title(title + note, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def share_chart(summary: pd.DataFrame, column: str, title: str, most: int = 2 * MOST):
    """Horizontal bars of a share per group, the highest `most`."""
    known = summary.dropna(subset=[column])
    df = known.nlargest(most, column).sort_values(column)
    fig = new_figure(8.0, 1.3 + 0.32 * max(len(df), 1))
    ax = fig.subplots()
    if df.empty:
        ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    ax.barh(range(len(df)), df[column], color=MID, edgecolor="#333333", linewidth=0.5)
    for y, v in enumerate(df[column]):
        ax.annotate(f"{v:.1f}%", (v, y), va="center", ha="left", fontsize=8, xytext=(3, 0), textcoords="offset points")
    ax.set_yticks(range(len(df)), [str(g) for g in df["group"]], fontsize=8)
    ax.set_xlim(0, max(5.0, float(df[column].max()) * 1.2))  # (shares of 17–20 % are not flattened against 100 %)
    ax.set_xlabel("%")
    parts = ([f"最高的 {len(df)} 个，共 {len(known)} 个"] if len(known) > len(df) else []) + (
        [f"另 {len(summary) - len(known)} 个无数据"] if len(summary) > len(known) else [])
    shown = f"（{'；'.join(parts)}）" if parts else ""
    ax.set_title(title + shown, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --- text -----------------------------------------------------------------------------------
def overview(ds: Dataset) -> Html:
    r = ds.reports
    years = sorted(int(y) for y in r["year"].dropna().unique())
    span = f"{years[0]}–{years[-1]} 年" if len(years) > 1 else (f"{years[0]} 年" if years else "年度不详")
    banner = fiction_banner(int(r["fictional"].sum())) if r["fictional"].any() else ""
    text = (f"共 {len(r)} 份部门年度报告，{r['region'].nunique()} 个地区，{r['sector'].nunique()} 个行业，"
            f"{r['department'].nunique()} 个部门，{span}。" + also_listed(*failed_and_others(ds.failures), ds.repeats)
            + "本页比较地区与行业，只列出最突出的部门年度；每个地区的比较页逐一比较其部门。")
    return PageHead(f'<header class="pl-header">{banner}<h1>{escape(PROVINCE_TITLE)}</h1>'
                    f'<p class="meta pl-up"><a href="index.html">← 各地区一览</a></p><p>{escape(text)}</p></header>',
                    PROVINCE_TITLE)


def region_links(region: str) -> Html:
    """A region portfolio's way back up and across."""
    return Html(f'<p class="meta pl-up"><a href="../../portfolio.html">← 全部地区比较</a> · '
                f'<a href="index.html">{escape(region)}部门年度一览</a></p>')


def failure_counts(failures: pd.DataFrame) -> pd.DataFrame:
    """Per region: how many files could not be read, and how many are not department reports."""
    other = not_department(failures)
    df = failures.assign(region=failures["region"].fillna(UNKNOWN), unread=~other, other=other)
    df = df.groupby("region")[["unread", "other"]].sum()
    df = df.reset_index()
    return df.sort_values("region", key=lambda r: (r == UNKNOWN).map(str) + r).reset_index(drop=True)  # 未识别 last


FAILURE_COLUMNS = {"region": ("地区", "text"), "unread": ("未能处理", "int"), "other": ("非部门整体支出绩效报告", "int")}
