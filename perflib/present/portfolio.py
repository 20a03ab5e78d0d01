"""The whole dataset at once: comparison across departments and across years.

Functions of the `perflib.dataset` frames; `notebooks/portfolio.ipynb` only calls them and displays.
Recurring problems are matched on their text: character-bigram Jaccard similarity of the
normalized text (punctuation, spaces, list markers and years removed), taken over the whole item
and over its first sentence (the headline), whichever is higher.  Bigrams suit Chinese, which has
no spaces between words, and do not care if a clause moved within the item.
"""
from __future__ import annotations

import math
import os
import re
import unicodedata
from html import escape

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..check.rules import rule_by_id
from ..numbers import fmt_value
from ..regions import after_government, leading_places
from ..labels import STATUS_ZH, also_listed, fiction_banner, portfolio_title, rated_above, reason_zh
from .charts import DARK, LIGHT, MID, new_figure
from ..read.normalize import LIST_MARKER
from .html import Html, PageHead, sort_value
from .index_page import not_department

RECUR_THRESHOLD = 0.45
_NOISE = re.compile(r"[\s\W_]+|(?:19|20)\d{2}\s*年度?")


# --- text matching -------------------------------------------------------------------------
def normalize_problem(text: str) -> str:
    """NFKC, no list marker, no years, no punctuation or spaces, lower case."""
    t = unicodedata.normalize("NFKC", text or "")
    t = LIST_MARKER.sub("", t.strip(), count=1)
    return _NOISE.sub("", t).lower()


def _bigrams(t: str) -> set[str]:
    return {t[i:i + 2] for i in range(len(t) - 1)} if len(t) > 1 else ({t} if t else set())


def jaccard(a: str, b: str) -> float:
    x, y = _bigrams(normalize_problem(a)), _bigrams(normalize_problem(b))
    return len(x & y) / len(x | y) if x and y else 0.0


def _headline(text: str) -> str:
    return re.split(r"[。；;！!？?\n]", LIST_MARKER.sub("", text.strip(), count=1), maxsplit=1)[0]


def problem_similarity(a: str, b: str) -> float:
    """0..1: how alike two problem statements read (whole text or headline, the higher)."""
    return max(jaccard(a, b), jaccard(_headline(a), _headline(b)))


def recurring_problems(problems: pd.DataFrame, threshold: float = RECUR_THRESHOLD) -> pd.DataFrame:
    """Problems a department reports again in its next report, each paired with its best match
    in the previous year's report (the nearest earlier year it has a report for)."""
    cols = ["department", "year", "no", "text", "prev_year", "prev_no", "prev_text", "similarity"]
    out = []
    for dept, group in problems.dropna(subset=["department", "year"]).groupby("department", sort=True):
        years = sorted(group["year"].unique())
        for prev, year in zip(years, years[1:]):
            before = group[group["year"] == prev]
            for p in group[group["year"] == year].itertuples(index=False):
                scored = [(problem_similarity(p.text, q.text), q) for q in before.itertuples(index=False)]
                if not scored:
                    continue
                score, q = max(scored, key=lambda s: s[0])
                if score >= threshold:
                    out.append([dept, int(year), int(p.no), p.text, int(prev), int(q.no), q.text, round(score, 2)])
    return pd.DataFrame(out, columns=cols)


# --- names ---------------------------------------------------------------------------------
def short_names(names) -> dict[str, str]:
    """Department names for chart labels: without the places they start with ('广州市荔湾区人民政府…'),
    unless two departments of different places would then read the same; else without the prefix
    they all share. What a label cuts is its end, so the part that tells departments apart stays."""
    names = sorted({n for n in names if isinstance(n, str) and n})
    prefix = os.path.commonprefix(names) if len(names) > 1 else ""
    shared = {n: n[len(prefix):] if prefix and len(n) - len(prefix) >= 2 else n for n in names}
    own = {n: _without_places(n) for n in names}
    seen: dict[str, int] = {}
    for s in own.values():
        seen[s] = seen.get(s, 0) + 1
    chosen = {n: own[n] if seen[own[n]] == 1 and len(own[n]) < len(shared[n]) else shared[n] for n in names}
    taken: dict[str, int] = {}
    for s in chosen.values():
        taken[s] = taken.get(s, 0) + 1
    out = {}
    for n in names:
        s = chosen[n] if taken[chosen[n]] == 1 else shared[n]  # two that still read the same: as before
        out[n] = s if len(s) <= 14 else s[:13] + "…"
    return out


def _without_places(name: str) -> str:
    """'示例市青川区人民政府临江街道办事处' → '临江街道办事处' (a remainder of at least 2 characters)."""
    name = name.strip()
    _, at = leading_places(name)
    rest = name[at:]
    rest = after_government(rest)
    return rest if len(rest) >= 2 else name


FAILURE_COLUMNS = {"source": ("文件", "text"), "exit_code": ("退出码", "int"), "reason": ("原因", "text"),
                   "error": ("perflib 的说明", "text")}


def failed_and_others(failures: pd.DataFrame) -> tuple[int, int]:
    """How many files failed, and how many are not department reports (they have a kind)."""
    if not len(failures):
        return 0, 0
    others = int(not_department(failures).sum())
    return len(failures) - others, others


def failures_heading(failures: pd.DataFrame) -> str:
    return "未能处理的文件" if failed_and_others(failures)[1] else "未能处理的报告"


def with_reasons(failures: pd.DataFrame) -> pd.DataFrame:
    """The failures with why in Chinese (`reason`, perflib.labels.reason_zh) beside perflib's sentence."""
    return failures.assign(reason=[reason_zh(e, c, s) for e, c, s in
                                   zip(failures["error"], failures["exit_code"], failures["source"])])


def label(reports: pd.DataFrame) -> pd.Series:
    """'花地街道办事处 2021' per row."""
    short = short_names(reports["department"])
    return reports.apply(lambda r: f"{short.get(r['department'], r['department'] or '未署名')} {_year(r['year'])}", axis=1)


def _year(y) -> str:
    return "" if pd.isna(y) else str(int(y))


# --- tables (escaped HTML) -----------------------------------------------------------------
def _cell(v, kind: str) -> str:
    """One escaped cell; data-v is what the page's sorting orders it by (html.sort_value)."""
    if v is not None and not isinstance(v, str) and pd.isna(v):
        v = None
    key = escape(sort_value(v, kind))
    if kind == "text":
        return f'<td data-v="">—</td>' if v is None else f'<td class="text" data-v="{key}">{escape(str(v))}</td>'
    return f'<td class="num" data-v="{key}">{fmt_value(v, "pct2" if kind == "pct" else kind)}</td>'


WIDE_COLUMNS = 5  # a table of this many columns or more is wider than a phone: a line under it says so
WIDE_TEXTS = 2  # so is one of two text columns (each at least 13em there: page.css, td.text)


def wrap_class(columns: int, texts: int = 0) -> str:
    return "table-wrap wide" if columns >= WIDE_COLUMNS or texts >= WIDE_TEXTS else "table-wrap"


def html_table(df: pd.DataFrame, columns: dict[str, tuple[str, str]], caption: str | None = None) -> Html:
    """`columns`: frame column → (Chinese header, kind: text|money|pct|int|num). Every value escaped."""
    num = ' class="num"'
    head = "".join(f'<th{num if k != "text" else ""} scope="col">{escape(h)}</th>' for h, k in columns.values())
    rows = "".join("<tr>" + "".join(_cell(r[c], k) for c, (_, k) in columns.items()) + "</tr>"
                   for _, r in df.iterrows())
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    texts = sum(kind == "text" for _, kind in columns.values())
    return Html(f'<div class="{wrap_class(len(columns), texts)}"><table class="sortable">{cap}<thead><tr>{head}</tr></thead>'
                f'<tbody>{rows}</tbody></table></div>')


def section(title: str, *paragraphs: str) -> Html:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return Html(f"<h2>{escape(title)}</h2>{body}")


def overview(ds, index_link: bool = True, region: str | None = None) -> Html:
    """The page's head; a region's portfolio is titled with the region, and its ways back are the
    region's own (perflib.present.province.region_links), not this page's link to "all"."""
    r = ds.reports
    years = sorted(int(y) for y in r["year"].dropna().unique())
    span = f"{years[0]}–{years[-1]} 年" if len(years) > 1 else (f"{years[0]} 年" if years else "年度不详")
    banner = ""
    if r["fictional"].any():
        banner = fiction_banner(int(r['fictional'].sum()))
    link = '<p class="meta pl-up"><a href="index.html">← 全部部门年度一览</a></p>' if index_link and not region else ""
    title = portfolio_title(region)
    text = (f"共 {len(r)} 份部门年度报告，{r['department'].nunique()} 个部门，{span}。"
            + also_listed(*failed_and_others(ds.failures), ds.repeats))
    return PageHead(f'<header class="pl-header">{banner}<h1>{escape(title)}</h1>{link}'
                    f"<p>{escape(text)}</p></header>", title)


def ranking(reports: pd.DataFrame) -> pd.DataFrame:
    """Department-years by |adjustment rate|, with outturn vs initial budget and the checks."""
    cols = ["department", "year", "overall_adjustment_rate", "outturn_vs_initial", "pefa_band",
            "overall_completion_rate", "task_coverage", "rating", "score", "checks_warn", "checks_fail"]
    df = reports[cols].copy()
    df["_abs"] = df["overall_adjustment_rate"].abs()
    return df.sort_values("_abs", ascending=False, na_position="last").drop(columns="_abs").reset_index(drop=True)


RANKING_COLUMNS = {
    "department": ("部门", "text"), "year": ("年度", "year"), "overall_adjustment_rate": ("预算调整率", "pct"),
    "outturn_vs_initial": ("实际支出相对年初预算", "pct"), "pefa_band": ("PEFA 等级", "text"),
    "overall_completion_rate": ("预算完成率", "pct"), "task_coverage": ("任务资金占项目支出", "pct"),
    "rating": ("自评等级", "text"), "score": ("自评得分", "num"), "checks_warn": ("小偏差", "int"),
    "checks_fail": ("不符", "int"),
}


def rating_vs_checks(reports: pd.DataFrame) -> pd.DataFrame:
    """Per self-rating: how many reports, and how many of them have figures that do not add up."""
    df = reports.assign(rating=reports["rating"].fillna("未写明"),
                        has_fail=reports["checks_fail"].fillna(0) > 0,
                        has_warn=reports["checks_warn"].fillna(0) > 0)
    order = {"优": 0, "良": 1, "中": 2, "差": 3, "未写明": 4}
    g = df.groupby("rating").agg(reports=("report_id", "count"), with_fail=("has_fail", "sum"),
                                 with_warn=("has_warn", "sum"), mean_score=("score", "mean")).reset_index()
    g["fail_share"] = g["with_fail"] / g["reports"] * 100
    return g.sort_values("rating", key=lambda s: s.map(order)).reset_index(drop=True)


RATING_COLUMNS = {
    "rating": ("自评等级", "text"), "reports": ("报告数", "int"), "mean_score": ("平均自评得分", "num"),
    "with_warn": ("有小偏差的报告", "int"), "with_fail": ("有不符的报告", "int"),
    "fail_share": ("有不符的比例", "pct"),
}


def year_on_year(reports: pd.DataFrame) -> pd.DataFrame:
    """Departments with reports for more than one year: figures by year and change on the year before."""
    cols = ["department", "year", "overall_initial_budget", "overall_actual", "overall_adjustment_rate",
            "outturn_vs_initial", "rating", "checks_fail"]
    df = reports.dropna(subset=["department", "year"])
    df = df[df.groupby("department")["year"].transform("nunique") > 1][cols].sort_values(["department", "year"])
    df["actual_change"] = df.groupby("department")["overall_actual"].pct_change(fill_method=None) * 100
    return df.reset_index(drop=True)


YOY_COLUMNS = {
    "department": ("部门", "text"), "year": ("年度", "year"), "overall_initial_budget": ("年初预算（万元）", "money"),
    "overall_actual": ("实际支出（万元）", "money"), "actual_change": ("实际支出比上年", "pct"),
    "overall_adjustment_rate": ("预算调整率", "pct"), "outturn_vs_initial": ("实际支出相对年初预算", "pct"),
    "rating": ("自评等级", "text"), "checks_fail": ("不符", "int"),
}
RECUR_COLUMNS = {
    "department": ("部门", "text"), "prev_year": ("上次", "year"), "prev_text": ("上次所写问题", "text"),
    "year": ("本次", "year"), "text": ("本次所写问题", "text"), "similarity": ("文字相似度", "num"),
}


# --- the 绩效指标 tables across departments ---------------------------------------------------
def _lost(ind: pd.DataFrame) -> pd.Series:
    return (ind["weight"] - ind["score"]).where(ind["weight"].notna() & ind["score"].notna())


def indicator_losses(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per 二级指标: how many indicators, how many lost points, the share, the points lost in all;
    the ones that lose points most often first."""
    cols = ["level2", "indicators", "losing", "losing_share", "points_lost", "reports"]
    if indicators is None or not len(indicators):
        return pd.DataFrame(columns=cols)
    df = indicators.assign(level2=indicators["level2"].fillna("（未写明）"), lost=_lost(indicators))
    df["losing"] = df["lost"] > 0
    g = df.groupby("level2").agg(indicators=("name", "count"), losing=("losing", "sum"),
                                 points_lost=("lost", "sum"), reports=("report_id", "nunique")).reset_index()
    g["losing_share"] = g["losing"] / g["indicators"] * 100
    g = g.sort_values(["losing", "points_lost", "level2"], ascending=[False, False, True])
    return g[cols].reset_index(drop=True)


LOSS_COLUMNS = {
    "level2": ("二级指标", "text"), "indicators": ("指标数", "int"), "losing": ("失分的指标", "int"),
    "losing_share": ("失分比例", "pct"), "points_lost": ("共失分", "num"), "reports": ("涉及报告", "int"),
}


def score_band(score) -> str | None:
    """The band (优/良/中/差) a score falls in, by the bands of the rule `rating.matches_score`."""
    if score is None or pd.isna(score):
        return None
    rule = rule_by_id("rating.matches_score")
    for label_, lo, below in rule.bands:
        if (lo is None or score >= float(lo)) and (below is None or score < float(below)):
            return label_
    return None


def rating_vs_score(reports: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """Per department-year stating a self-rating and a score: the band the score falls in, the check's
    verdict; ratings above their band first."""
    cols = ["department", "year", "rating", "score", "band", "verdict"]
    df = reports[reports["rating"].notna() & reports["score"].notna()][["report_id", "department", "year", "rating", "score"]].copy()
    if not len(df):
        return pd.DataFrame(columns=cols)
    df["band"] = df["score"].map(score_band)
    verdicts = checks[checks["check_id"] == "rating.matches_score"].drop_duplicates("report_id")
    status = dict(zip(verdicts["report_id"], verdicts["status"]))
    df["verdict"] = df["report_id"].map(lambda rid: STATUS_ZH.get(status.get(rid), "—"))
    df["_above"] = [rated_above(r, b) for r, b in zip(df["rating"], df["band"])]
    df = df.sort_values(["_above", "department", "year"], ascending=[False, True, True])
    return df[cols].reset_index(drop=True)


RATING_SCORE_COLUMNS = {
    "department": ("部门", "text"), "year": ("年度", "year"), "rating": ("自评等级", "text"),
    "score": ("自评得分", "num"), "band": ("得分所在档次", "text"), "verdict": ("核对", "text"),
}


def unmet_full_marks(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per department: indicators whose target was not met, how many of them still got full marks, the share."""
    cols = ["department", "indicators", "unmet", "unmet_full", "unmet_full_share"]
    if indicators is None or not len(indicators):
        return pd.DataFrame(columns=cols)
    df = indicators.assign(unmet=indicators["met"].map(lambda v: v is False or v == False),  # noqa: E712
                           full=indicators["full_score"].map(lambda v: bool(v) if v is not None and not pd.isna(v) else False))
    df["unmet_full"] = df["unmet"] & df["full"]
    g = df.groupby("department").agg(indicators=("name", "count"), unmet=("unmet", "sum"),
                                     unmet_full=("unmet_full", "sum")).reset_index()
    g["unmet_full_share"] = (g["unmet_full"] / g["unmet"].where(g["unmet"] > 0) * 100)
    g = g.sort_values(["unmet_full_share", "department"], ascending=[False, True], na_position="last")
    return g[cols].reset_index(drop=True)


LENIENT_COLUMNS = {
    "department": ("部门", "text"), "indicators": ("指标数", "int"), "unmet": ("未达成", "int"),
    "unmet_full": ("未达成仍得满分", "int"), "unmet_full_share": ("占未达成的比例", "pct"),
}


# --- charts --------------------------------------------------------------------------------
def _no_data(fig, text: str):
    ax = fig.subplots()
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


CHART_ROWS = 20  # a ranking chart shows at most this many bars; the tables list everything


def rate_ranking_chart(reports: pd.DataFrame, column: str, title: str, reference: float = 0.0,
                       bands: tuple[float, ...] = (), most: int = CHART_ROWS):
    """Horizontal bars, one per department-year, sorted; a reference line (0 % or 100 %) and optional bands.

    With more than `most` department-years only the `most` farthest from the reference are drawn
    (the title says so): a district fits, and a province's page stays small and readable.
    """
    df = reports.dropna(subset=[column]).assign(_label=lambda d: label(d))
    if len(df) > most:
        title = f"{title}（偏离最大的 {most} 个，共 {len(df)} 个）"
        df = df.loc[(df[column].astype(float) - reference).abs().nlargest(most).index]
    df = df.sort_values(column)
    fig = new_figure(8.0, 1.2 + 0.32 * max(len(df), 1))
    if df.empty:
        return _no_data(fig, "报告未写明所需数字")
    ax = fig.subplots()
    for width in bands:  # PEFA-style tolerance bands around the reference
        ax.axvspan(reference - width, reference + width, color=LIGHT, alpha=0.35, linewidth=0)
    values = df[column].astype(float)
    colors = [DARK if abs(v - reference) > (bands[-1] if bands else math.inf) else MID for v in values]
    ax.barh(range(len(df)), values - reference, left=reference, color=colors, edgecolor="#333333", linewidth=0.5)
    ax.axvline(reference, color="#333333", linewidth=0.8)
    for y, v in enumerate(values):
        ax.annotate(f"{v:,.2f}%", (v, y), va="center", ha="left" if v >= reference else "right", fontsize=8,
                    xytext=(3 if v >= reference else -3, 0), textcoords="offset points")
    ax.set_yticks(range(len(df)), df["_label"], fontsize=8)
    ax.margins(x=0.15)
    ax.set_xlabel("%")
    ax.set_title(title, fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def distribution_chart(reports: pd.DataFrame):
    """Histograms of adjustment rate and outturn vs initial budget across all department-years."""
    fig = new_figure(8.0, 3.0)
    axes = fig.subplots(1, 2)
    for ax, col, title in zip(axes, ("overall_adjustment_rate", "outturn_vs_initial"),
                              ("预算调整率分布", "实际支出相对年初预算分布")):
        vals = reports[col].dropna().astype(float)
        if vals.empty:
            ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            continue
        ax.hist(vals, bins=min(10, max(3, len(vals))), color=MID, edgecolor="#333333", linewidth=0.5)
        ax.axvline(vals.median(), color=DARK, linestyle="--", linewidth=1)
        ax.set_title(f"{title}（中位数 {vals.median():,.2f}%）", fontsize=11)
        ax.set_xlabel("%")
        ax.set_ylabel("部门年度数")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts are whole numbers
        ax.spines[["top", "right"]].set_visible(False)
    return fig


LEGEND_COLUMNS = 4  # names per row of the year-on-year legend (at 8 pt, four long names fill the width)
YOY_LINES = 10  # departments a year-on-year chart draws at most (a legend of forty names is unreadable)


def year_on_year_chart(reports: pd.DataFrame, most: int = YOY_LINES):
    """Actual spending and adjustment rate by year, one line per department with several years;
    past `most` departments, those whose spending changed most from their first year to their last."""
    df = year_on_year(reports)
    if df.empty:
        return _no_data(new_figure(8.0, 3.4), "没有部门有两个以上年度的报告")
    title = "同一部门逐年变化"
    if df["department"].nunique() > most:
        ends = df.groupby("department")["overall_actual"].agg(["first", "last"])
        change = ((ends["last"] - ends["first"]) / ends["first"].where(ends["first"] != 0)).abs()
        keep = change.fillna(-1).nlargest(most).index
        title += f"（整体实际支出变化最大的 {most} 个部门，共 {df['department'].nunique()} 个）"
        df = df[df["department"].isin(keep)]
    lines = df["department"].nunique()
    # The legend goes below both plots, never over a line: the figure grows by its rows.
    fig = new_figure(8.0, 3.4 + 0.22 * -(-lines // LEGEND_COLUMNS))
    axes = fig.subplots(1, 2)
    short = short_names(df["department"])
    markers = "osD^v<>p*h"
    for i, (dept, g) in enumerate(df.groupby("department", sort=True)):
        for ax, col in zip(axes, ("overall_actual", "overall_adjustment_rate")):
            ax.plot(g["year"].astype(int), g[col].astype(float), marker=markers[i % len(markers)], label=short[dept])
    axes[0].set_title("整体实际支出（万元）", fontsize=11)
    axes[1].set_title("预算调整率（%）", fontsize=11)
    for ax in axes:
        years = sorted(df["year"].astype(int).unique())
        ax.set_xticks(years, [str(y) for y in years])
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.set_major_formatter(__import__("matplotlib").ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=min(lines, LEGEND_COLUMNS),
               fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=13 if len(title) < 20 else 11)
    return fig
