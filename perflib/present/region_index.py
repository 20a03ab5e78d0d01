"""The indexes of a batch by region (地区): what a province-sized run is navigated by.

    index.html                      a small batch (≤ 200 department-years, $PERFLIB_FLAT_INDEX_MAX): every
                                    department-year, as ever, then the regions summarised;
                                    a bigger one: the regions only — reports, totals, median outturn
                                    against the initial budget, reports whose checks did not pass,
                                    failures — each linking to its own pages
    regions/<slug>/index.html       one region's department-years (sortable), its failures and the
                                    files that are not department reports; past REGION_PAGE_ROWS rows
                                    the list goes on in index-2.html, index-3.html …
    regions/<slug>/portfolio.html   the region's portfolio (the batch renders it; linked when present)

With one region there are no region pages: the single index is the whole story.  Every page is
built like index.html (perflib.present.index_page: inline style, the page's own font subset, one
sorting script under a Content-Security-Policy) and returned with its font slot still empty; the
batch cuts the font and writes the page only when the page changed (perflib.run.batch).
"""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

import pandas as pd

from .. import config, regions as places
from ..labels import PORTFOLIO_FAILED, also_listed, fiction_banner, unpaged_note
from ..once import with_counted
from .html import esc
from .index_page import (INDEX_NOTE, NO_PAGES, data_note, unpaged, without_pages, blank, classed, count_cell, num_cell, text_cell, department_table,
                         failures_section, index_html, not_department, others_section, page_html, portfolio_failures,
                         sortable_table, span_of)

REGION_PAGE_ROWS = 500  # department-years on one region page (≈ 0.5 MB with its font)
REGIONS_DIR = "regions"
TOP_TITLE = "部门整体支出绩效评价：各地区"


def aggregated(n_reports: int, n_regions: int) -> bool:
    """Does this batch read by region (top index of regions, portfolio of regions and sectors)?
    Yes past config.flat_index_max() department-years (200) in more than one region."""
    return n_regions > 1 and n_reports > config.flat_index_max()


def region_dir(region: str) -> str:
    return f"{REGIONS_DIR}/{places.slug(region)}"


def page_names(region: str, parts: int) -> list[str]:
    """The region's index pages, relative to the batch's folder."""
    d = region_dir(region)
    return [f"{d}/index.html"] + [f"{d}/index-{k}.html" for k in range(2, parts + 1)]


def portfolio_name(region: str) -> str:
    return f"{region_dir(region)}/portfolio.html"


# --- figures per region ----------------------------------------------------------------------
def _total(values) -> Decimal | None:
    """Exact sum of 2-decimal money (floats from the frame, read through their shortest repr)."""
    vals = [Decimal(repr(float(v))) for v in values if not blank(v)]
    return sum(vals, Decimal(0)) if vals else None


def with_reports(summary: pd.DataFrame) -> int:
    """The regions that have reports (a region of failures only has a row of its own, not a count)."""
    return int((summary["reports"] > 0).sum())


def region_summary(reports: pd.DataFrame, failures: pd.DataFrame | None) -> pd.DataFrame:
    """One row per region (those with only failures too), in region order.  A failure with no
    region (a portfolio page of the whole batch) belongs to no region."""
    f_region, other = _failure_masks(failures)
    reports = with_counted(reports)  # (the same frame when index_pages gave it)
    by_region = dict(tuple(reports.groupby("region", sort=False)))
    empty = reports.iloc[:0]
    return pd.DataFrame([_summary_row(region, by_region.get(region, empty), f_region == region, other)
                         for region in sorted(set(by_region) | set(f_region.dropna()))])


def _failure_masks(failures: pd.DataFrame | None) -> tuple[pd.Series, pd.Series]:
    """(each failure's region, is it a file that is no department report) over the failures whose
    file is not in the tables: a report whose page failed is listed there, with its figures."""
    failures = failures if failures is not None else pd.DataFrame(columns=["region", "kind"])
    if "stage" in failures:  # (nor is a comparison page that failed a report)
        failures = failures[~failures["stage"].isin(("render", "portfolio"))]
    return (failures["region"] if "region" in failures else pd.Series(dtype=object)), not_department(failures)


def _summary_row(label: str, listed: pd.DataFrame, mine, other) -> dict:
    """The figures of one row of the regions table: `listed`, the reports of those regions (with
    `counted`); `mine`, `other`: masks over the failures (theirs; not department reports)."""
    r = listed.loc[listed["counted"]]  # a department-year once (perflib.once)
    both = r[r["overall_actual"].notna() & r["overall_initial_budget"].notna()]  # the totals compare like with like
    return {
        "region": label, "reports": len(r), "repeats": len(listed) - len(r),
        # a department of one region is not that of another: a township's 城关镇 is in many counties
        "departments": len(r[["region", "department"]].dropna().drop_duplicates()),
        "years": span_of(r["year"].dropna().unique()),
        "actual": _total(both["overall_actual"]), "initial": _total(both["overall_initial_budget"]),
        "totalled": len(both),
        "median_outturn": r["outturn_vs_initial"].median() if r["outturn_vs_initial"].notna().any() else None,
        "with_fail": int((r["checks_fail"].fillna(0) > 0).sum()),
        "with_warn": int((r["checks_warn"].fillna(0) > 0).sum()),
        "failed": int((mine & ~other).sum()), "others": int((mine & other).sum()),
        "fictional": int(r["fictional"].sum()), "unpaged": unpaged(listed),
    }


ALL_REGIONS = "全部地区"


def summary_totals(reports: pd.DataFrame, failures: pd.DataFrame | None, summary: pd.DataFrame) -> pd.DataFrame:
    """The rows under the regions table: a subtotal per city that holds two regions or more (when the
    batch spans more than one city), then the whole batch. Each is computed from the reports
    themselves (a median of all of them, not of the regions' medians)."""
    f_region, other = _failure_masks(failures)
    reports = with_counted(reports)
    rows = []
    cities = city_groups(list(summary["region"]))
    if len(cities) > 1 or any(not members for members in cities.values()):
        for city, members in cities.items():
            if len(members) > 1:
                rows.append(_summary_row(f"{city}（{len(members)} 个地区）", reports[reports["region"].isin(members)],
                                         f_region.isin(members), other))
    rows.append(_summary_row(f"{ALL_REGIONS}（{with_reports(summary)} 个）", reports, f_region.notna(), other))
    return pd.DataFrame(rows)


def city_groups(regions: list[str]) -> dict[str, list[str]]:
    """{city: its regions} for the cities whose counties are regions of the batch: a county's city is
    its label less the county ("青岚市 › 青山区" → 青岚市), and a region that is the city itself
    ("某省 › 青岚市", its own departments) belongs to it too. Only the level above the counties: a
    group holding a city with counties of its own (a province of cities) is no subtotal, its counties
    being another's. Regions of no city (a county named alone) are under the key "".)"""
    parts = {r: places.parts(r) for r in regions}
    keys = {p[:-1] for p in parts.values() if len(p) > 1}

    def is_city(r, key):  # the region is that city itself (its label ends with the city's)
        return len(parts[r]) >= len(key) and parts[r][-len(key):] == key

    groups: dict[str, list[str]] = {}
    for key in sorted(keys):
        members = [r for r in regions if parts[r][:-1] == key or is_city(r, key)]
        counties = [r for r in members if not is_city(r, key)]
        cities_below = any(k != key and k[:len(key)] == key for k in keys)  # (某省 › 深圳市 › 南山区: 某省 is no city)
        if cities_below or any(is_city(r, k) for r in counties for k in keys):  # a group of cities: no subtotal
            continue
        groups[places.SEPARATOR.join(key)] = members
    grouped = {r for members in groups.values() for r in members}
    if any(r not in grouped for r in regions):
        groups[""] = []  # (regions outside every city: the batch spans more than these cities)
    return groups


REGION_COLUMNS = [
    ("地区", ""), ("报告数", "num"), ("部门数", "num"), ("年度", ""), ("实际支出合计（万元）", "num"),
    ("年初预算合计（万元）", "num"), ("实际支出相对年初预算（中位数）", "num"), ("有不符的报告", "num"),
    ("有小偏差的报告", "num"), ("未能处理", "num"), ("非部门报告", "num"), ("页面", ""),
]


def _region_row(s, portfolios: set[str]) -> str:
    region = s.region
    links = [f'<a href="{esc(quote(page_names(region, 1)[0]))}">一览</a>']
    if portfolio_name(region) in portfolios:
        links.append(f'<a href="{esc(quote(portfolio_name(region)))}">比较</a>')
    # 青岚市 › 河西区, 2021–2023 年, 一览 · 比较: each read as one
    return f'<tr>{_figure_cells(s)}{classed(text_cell(region, " · ".join(links)), "short")}</tr>'


def _figure_cells(s) -> str:
    """A row's cells up to its links: its name, then its figures (a region's, or a total's)."""
    return "".join([
        classed(text_cell(s.region), "short"),
        _reports_cell(s), num_cell(s.departments, "int"), classed(text_cell(s.years), "short"),
        num_cell(s.actual, "money"), num_cell(s.initial, "money"), num_cell(s.median_outturn, "pct2"),
        count_cell(s.with_fail, "fail"), count_cell(s.with_warn, "warn"),
        count_cell(s.failed, "fail"), num_cell(s.others, "int"),
    ])


def _reports_cell(s) -> str:
    """The region's reports, and how many its totals hold when not all ("40（合计计入 37）"); a
    department-year from a second file is listed on the region's page, not counted here."""
    notes = ([f"合计计入 {s.totalled}"] if 0 < s.reports != s.totalled else []) + (
        [f"另 {s.repeats} 份重复"] if s.repeats else [])
    cell = num_cell(s.reports, "int")
    return cell.replace("</td>", f"（{'；'.join(notes)}）</td>") if notes else cell


def regions_table(summary: pd.DataFrame, portfolios: set[str], totals: pd.DataFrame | None = None) -> str:
    """The sortable table of regions; `totals` (summary_totals) stand below it, apart from the sorting."""
    foot = "".join(_total_row(t) for t in totals.itertuples()) if totals is not None else ""
    return sortable_table(REGION_COLUMNS, "".join(_region_row(s, portfolios) for s in summary.itertuples()), foot)


def _total_row(s) -> str:
    """A total's row: its name a row header, no links."""
    cells = _figure_cells(s).replace("<td", '<th scope="row"', 1).replace("</td>", "</th>", 1)
    return f'<tr class="total">{cells}<td></td></tr>'


REGIONS_NOTE = ('<p class="note"><span class="screen">点击表头可排序。</span>地区取报告所在的地名文件夹，或清单（manifest）的 region 列，'
                "否则取部门全称开头的地名（省 › 市 › 区/县）；无法判断的归入“未识别地区”。"
                "两项金额为同时写明整体实际支出与年初预算的报告之和（只写明其一的不计入，两者可比），"
                "未全部计入的，报告数旁注明计入几份；“实际支出相对年初预算”取各报告的中位数；"
                "“有不符的报告”是至少一项核对不符的报告数，“有小偏差的报告”是至少一项小偏差的报告数："
                "一份报告可以两者都有，两列不能相加。表末的合计行（各市及全部地区）按其中的全部报告计算，"
                "中位数也取其中全部报告的，而非地区中位数的中位数；部门按地区分计（不同地区的同名单位各算一个）。</p>")


# --- pages ----------------------------------------------------------------------------------
def index_pages(reports: pd.DataFrame, failures: pd.DataFrame | None, portfolio: str | None = None,
                portfolios: set[str] = frozenset(), by_region: bool | None = None) -> dict[str, str]:
    """Every index page of a batch: {path relative to the batch folder: HTML with an empty font slot}.
    `portfolios`: the portfolio pages that exist (top and per region), to link to; `by_region`: the
    batch's answer (perflib.run.batch.by_region), else decided from these reports."""
    reports = with_counted(reports)
    summary = region_summary(reports, failures)
    pages = {}
    if len(summary) > 1:
        of_region = dict(tuple(reports.groupby("region", sort=False)))
        for s in summary.itertuples():
            pages.update(_region_pages(s, of_region.get(s.region, reports.iloc[:0]), _of_region(failures, s.region),
                                       portfolios))
    if by_region is None:
        by_region = aggregated(len(reports), with_reports(summary))
    if by_region:
        pages["index.html"] = _top(reports, failures, summary, portfolio, portfolios)
    else:
        section = ""
        if len(summary) > 1:
            table = regions_table(summary, portfolios, summary_totals(reports, failures, summary))
            section = f"<section><h2>按地区（{with_reports(summary)} 个）</h2>{table}{REGIONS_NOTE}</section>"
        pages["index.html"] = index_html(reports, failures, portfolio, section)
    return pages


def _of_region(failures: pd.DataFrame | None, region: str | None):
    """The failures of `region`; None: those of the batch as a whole."""
    if failures is None or not len(failures) or "region" not in failures:
        return failures if region is None else None
    return failures[failures["region"].isna()] if region is None else failures[failures["region"] == region]


def _top(reports, failures, summary, portfolio, portfolios) -> str:
    totals = summary_totals(reports, failures, summary)
    whole = totals.iloc[-1]  # (the lead says what the table's last row says)
    n, failed, others, repeats = (int(whole[k]) for k in ("reports", "failed", "others", "repeats"))
    lead = [f"共 {n} 份部门年度报告，{whole['departments']} 个部门，{with_reports(summary)} 个地区"
            f"{('，' + whole['years']) if whole['years'] else ''}。每个地区有自己的一览页（部门年度可排序）和比较页。"]
    if failed or others or repeats:
        lead.append(also_listed(failed, others, repeats).removesuffix("。") + "，分列于所在地区的一览页。")
    if whole["unpaged"]:
        lead.append(unpaged_note(int(whole["unpaged"]), where="所在地区的一览页"))
    own = _of_region(failures, None)  # the batch's own pages that failed (a portfolio)
    if own is not None and portfolio_failures(own).any():
        lead.append(PORTFOLIO_FAILED)
    notes = "".join(f"<p>{esc(t)}</p>" for t in lead)
    if int(reports["fictional"].sum()):
        notes += fiction_banner(int(reports["fictional"].sum()))
    if portfolio:
        notes += f'<p class="pl-up"><a href="{esc(quote(portfolio))}">跨地区、跨行业比较 →</a></p>'
    table = regions_table(summary, portfolios, totals)
    return page_html(TOP_TITLE, notes, table + REGIONS_NOTE + data_note()
                     + failures_section(own))


def _region_pages(s, reports: pd.DataFrame, failures, portfolios: set[str]) -> dict[str, str]:
    parts = max(1, -(-len(reports) // REGION_PAGE_ROWS))
    names = page_names(s.region, parts)
    up = "../../"
    pages = {}
    for k, name in enumerate(names):
        chunk = reports.iloc[k * REGION_PAGE_ROWS:(k + 1) * REGION_PAGE_ROWS]
        nav = [f'<a href="{up}index.html">← 全部地区</a>']
        if portfolio_name(s.region) in portfolios:
            nav.append('<a href="portfolio.html">本地区比较 →</a>')
        lead = ((f"{s.region}：{s.reports} 份部门年度报告，{s.departments} 个部门{('，' + s.years) if s.years else ''}。"
                 if s.reports else f"{s.region}：没有读出部门年度报告。")
                + also_listed(s.failed, s.others, s.repeats) + unpaged_note(s.unpaged)
                + (NO_PAGES if len(chunk) and without_pages(chunk) else ""))
        notes = f'<p class="meta pl-up">{" · ".join(nav)}</p><p>{esc(lead)}</p>'
        fictional = int(chunk["fictional"].sum())  # (this page's rows: a region's may take several pages)
        if fictional:
            notes += fiction_banner(fictional)
        if parts > 1:
            links = " ".join(f"第 {j + 1} 页" if j == k else f'<a href="{esc(n.rsplit("/", 1)[1])}">第 {j + 1} 页</a>'
                             for j, n in enumerate(names))
            first, last = k * REGION_PAGE_ROWS + 1, k * REGION_PAGE_ROWS + len(chunk)
            rows = f"{first}–{last}" if last > first else f"{first}"
            notes += (f'<p class="meta">部门年度较多，分 {parts} 页列出（按部门、年度排序<span class="screen">；点击表头在本页内排序</span>），'
                      f'本页为第 {rows} 份：{links}</p>')
        # (a region of failures only: no table of nothing; names shown without the region's own places)
        table = department_table(chunk, link_prefix=up, drop="".join(places.parts(s.region))) + INDEX_NOTE if len(chunk) else ""
        body = table + data_note(up, whole=True)
        if k == 0:
            body += failures_section(failures) + others_section(failures)
        pages[name] = page_html(f"{s.region}：部门年度一览", notes, body)
    return pages
