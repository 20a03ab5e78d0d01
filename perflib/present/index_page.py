"""OUTDIR/index.html of a district-sized batch: every department-year in one sortable table, the
regions summarised (perflib.present.region_index, which also builds a province's indexes from the
same pieces: the page shell, the department-year table, the failure lists), then the failures.

Self-contained like the report pages: the page style and a subset font are inlined, nothing is
fetched.  Sorting is a small inline script that only reorders rows (no markup is built from
text); a Content-Security-Policy lets that one script run and nothing else, so even a report
name that slipped past escaping could not run code.  Without the script the table reads in
department-year order.  Every report-derived string goes through `esc`.
"""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from .. import __version__
from ..labels import (CORRECTED_BADGE, CORRECTED_INDEX_NOTE, FICTION_TAG, INDEX_TITLE, NOT_DEPARTMENT_ZH, PAGE_FAILED,
                      LENIENT_ZH, PORTFOLIO_FAILED, unpaged_note,
                      RATING_RANK, REVIEW_FILE, REVIEW_INDEX_NOTE, STATUS_ZH, also_listed, fiction_banner, reason_zh)
from ..numbers import fmt_value
from ..regions import after_government
from .. import once
from ..once import with_counted
from .html import FONT_SLOT, SORT_SCRIPT, csp, esc, page_css



INDEX_CSS = """\
body { max-width: 90rem; }
.tag { display: inline-block; font-size: 0.75rem; padding: 0 0.3rem; margin-left: 0.3rem; border-radius: 3px;
  border: 1px dashed #8a5a00; color: #6b4500; background: #fff7e6; white-space: nowrap; }
td.zero { color: var(--muted); }
td.dept { min-width: 12rem; }
td.short { white-space: nowrap; }
thead th, thead th.num { white-space: normal; vertical-align: bottom; min-width: 3.5em; }
td.bad { font-weight: 600; }
tfoot tr.total > * { font-weight: 600; background: var(--bg-soft); white-space: nowrap; }
tfoot tr.total:first-child > * { border-top: 2px solid #9aa5b1; }
"""


def blank(v) -> bool:
    import pandas as pd

    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def _dec(v) -> Decimal:
    return Decimal(repr(float(v)))


def num_cell(v, kind: str) -> str:
    """Right-aligned, thousands separators; data-v holds the raw value for sorting."""
    if blank(v):
        return '<td class="num" data-v="">—</td>'
    text = fmt_value(v, kind)
    raw = _dec(v) if kind not in ("int", "year") else int(v)
    return f'<td class="num" data-v="{esc(raw)}">{esc(text)}</td>'


def text_cell(v, inner: str | None = None) -> str:
    value = "" if blank(v) else str(v)
    return f'<td data-v="{esc(value)}">{inner if inner is not None else (esc(value) or "—")}</td>'


def classed(cell: str, cls: str) -> str:
    """A cell of text_cell or num_cell with a class of INDEX_CSS ("short": white-space: nowrap)."""
    return cell.replace("<td ", f'<td class="{cls}" ', 1)


def rating_cell(v) -> str:
    """优/良/中/差 sort in that order, not by their sounds (the sort compares data-v: "0优" < "1良")."""
    rank = None if blank(v) else RATING_RANK.get(str(v))
    return text_cell(v) if rank is None else text_cell(f"{rank}{v}", esc(str(v)))


def count_cell(v, status: str) -> str:
    n = 0 if blank(v) else int(v)
    cls = "num zero" if n == 0 else ("num bad" if status in ("warn", "fail") else "num")
    mark = f'<span class="st st-{status}">{n}</span>' if n and status in ("warn", "fail") else str(n)
    return f'<td class="{cls}" data-v="{n}">{mark}</td>'


COLUMNS = [  # header, css class
    ("部门", ""), ("行业", ""), ("年度", "num"), ("实际支出（万元）", "num"), ("年初预算（万元）", "num"),
    ("实际支出相对年初预算", "num"), ("预算调整率", "num"), ("预算完成率", "num"), ("自评等级", ""),
    *((f"核对：{STATUS_ZH[s]}", "num") for s in ("ok", "warn")), (f"核对：{LENIENT_ZH}", "num"),
    *((f"核对：{STATUS_ZH[s]}", "num") for s in ("fail", "skip")), ("报告", ""),
]


def _report_row(r, link_prefix: str = "", region: bool = False, drop: str = "") -> str:
    dept = "" if blank(r.department) else str(r.department)
    shown = dept[len(drop):] if drop and dept.startswith(drop) and len(dept) > len(drop) + 1 else dept
    if shown != dept:  # 示例市青川区人民政府东林街道办事处 in 青川区's list: 东林街道办事处
        shown = after_government(shown)
    tag = f'<span class="tag">{FICTION_TAG}</span>' if bool(r.fictional) else ""
    tag += _corrected_tag(r)
    if not bool(getattr(r, "counted", True)):
        tag += f'<span class="tag" title="{esc(REPEAT_NOTE)}">{REPEAT_BADGE}</span>'
    link = "" if blank(getattr(r, "output", None)) else str(r.output)
    href = esc(link_prefix + quote(link))
    name = esc(shown) or "未署名部门"
    if shown != dept:
        name = f'<span title="{esc(dept)}">{name}</span>'
    cells = [
        # the name opens the page too: on a phone the 查看 column is a table's width away
        classed(text_cell(dept, (f'<a href="{href}">{name}</a>' if link else name) + tag), "dept"),
        *([classed(text_cell(getattr(r, "region", None)), "short")] if region else []),
        classed(text_cell(getattr(r, "sector", None)), "short"),
        num_cell(r.year, "year"),
        num_cell(r.overall_actual, "money"),
        num_cell(r.overall_initial_budget, "money"),
        num_cell(r.outturn_vs_initial, "pct2"),
        num_cell(r.overall_adjustment_rate, "pct"),
        num_cell(r.overall_completion_rate, "pct"),
        rating_cell(r.rating),
        *(count_cell(getattr(r, f"checks_{s}", 0), s) for s in ("ok", "warn", "lenient", "fail", "skip")),
        text_cell(link, f'<a href="{href}">查看</a>' if link else PAGE_FAILED if _page_failed(r) else "—"),
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _page_failed(r) -> bool:
    v = getattr(r, "page_failed", False)
    return not blank(v) and bool(v)


def unpaged(reports) -> int:
    """Reports read whose page failed (a batch's `page_failed`): listed with their figures."""
    return int(reports["page_failed"].fillna(False).astype(bool).sum()) if "page_failed" in reports else 0


NO_PAGES = "本次没有生成各部门年度的页面（perflib batch --no-pages），表中“报告”一栏因此为空。"


def without_pages(reports) -> bool:
    """A batch run with --no-pages: no row has a page, nor failed to get one."""
    return ("output" not in reports or bool(reports["output"].map(blank).all())) and not unpaged(reports)


REPEAT_BADGE = "重复未计"
REPEAT_NOTE = f"同一部门年度另有一份文件已计入合计与比较（{once.RULE_ZH}）；本行列出，不重复计入"


def department_table(reports, link_prefix: str = "", region: bool = False, drop: str = "") -> str:
    """The sortable table of department-years (links to their pages, `link_prefix` before each);
    `drop`: the places every name begins with on a region's page (shown once, in its heading)."""
    columns = COLUMNS[:1] + ([("地区", "")] if region else []) + COLUMNS[1:]
    body = "".join(_report_row(r, link_prefix, region, drop) for r in reports.itertuples(index=False))
    return sortable_table(columns, body)


def sortable_table(columns, body: str, foot: str = "") -> str:
    """`foot`: rows of totals, below the body and left where they are when it is sorted."""
    head = "".join(f'<th class="{c}" scope="col">{esc(h)}</th>' if c else f'<th scope="col">{esc(h)}</th>'
                   for h, c in columns)
    return (f'<div class="table-wrap wide"><table class="sortable"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody>{f'<tfoot>{foot}</tfoot>' if foot else ''}</table></div>")


def span_of(years) -> str:
    """'2021–2023 年', '2021 年' or ''."""
    years = sorted(int(y) for y in years)
    return f"{years[0]}–{years[-1]} 年" if len(years) > 1 else (f"{years[0]} 年" if years else "")


def _corrected_tag(r) -> str:
    """"人工校正" beside a report some of whose figures were set by hand (the fields on hover)."""
    fields = getattr(r, "corrected", None)
    if blank(fields) or not fields:
        return ""
    return f'<span class="corrected" title="{esc(fields)}">{esc(CORRECTED_BADGE)}</span>'


def not_department(failures):
    """Rows of files that are readable but not department reports (a project report, a 决算 …): a
    boolean Series over `failures` (all False without a kind column); None without failures."""
    if failures is None:
        return None
    if "kind" not in getattr(failures, "columns", ()):
        import pandas as pd

        return pd.Series(False, index=failures.index, dtype=bool)
    return failures["kind"].map(lambda k: not blank(k))


def _reason(f) -> str:
    """Why, in Chinese, with perflib's own sentence (the CLI's, in English) under it."""
    error = "" if blank(f.error) else str(f.error)
    return f'{esc(reason_zh(error, f.exit_code, f.source))}<div class="note">{esc(error)}</div>'


def others_section(failures) -> str:
    mask = not_department(failures)
    if mask is None or not mask.any():
        return ""
    rows = "".join(f'<tr><td>{esc(f.source)}</td><td>{_reason(f)}</td></tr>'
                   for f in failures[mask].itertuples(index=False))
    return (f'<section><h2>{NOT_DEPARTMENT_ZH}（{int(mask.sum())} 份）</h2>'
            '<div class="table-wrap"><table><thead><tr><th>文件</th><th>说明</th></tr></thead>'
            f'<tbody>{rows}</tbody></table></div></section>')


def portfolio_failures(failures):
    """Rows of the batch's own comparison pages that failed (not reports): a boolean Series."""
    import pandas as pd

    if failures is None or "stage" not in getattr(failures, "columns", ()):
        return pd.Series(False, index=getattr(failures, "index", None), dtype=bool)
    return failures["stage"] == "portfolio"


def failures_section(failures) -> str:
    """The reports that failed, then the comparison pages that did (a page, not a file: no '.')."""
    mask = not_department(failures)
    if mask is not None:
        failures = failures[~mask]
    if failures is None or not len(failures):
        return ""
    pages = portfolio_failures(failures)
    reports, out = failures[~pages], ""
    code = lambda f: esc("" if blank(f.exit_code) else int(f.exit_code))  # noqa: E731
    if len(reports):
        stage = {"read": "读取", "render": "生成页面"}
        rows = "".join(f'<tr><td>{esc(f.source)}</td><td>{esc(stage.get(f.stage, f.stage))}</td>'
                       f'<td class="num">{code(f)}</td><td>{_reason(f)}</td></tr>'
                       for f in reports.itertuples(index=False))
        out += (f'<section><h2>未能处理的报告（{len(reports)} 份）</h2>'
                '<div class="table-wrap"><table><thead><tr><th>文件</th><th>环节</th><th class="num">退出码</th>'
                f'<th>原因</th></tr></thead><tbody>{rows}</tbody></table></div></section>')
    if pages.any():
        rows = "".join(f'<tr><td>{esc(_portfolio_label(f))}</td><td class="num">{code(f)}</td><td>{_reason(f)}</td></tr>'
                       for f in failures[pages].itertuples(index=False))
        out += (f'<section><h2>未能生成的比较页（{int(pages.sum())} 个）</h2>'
                '<div class="table-wrap"><table><thead><tr><th>比较页</th><th class="num">退出码</th>'
                f'<th>原因</th></tr></thead><tbody>{rows}</tbody></table></div></section>')
    return out


def _portfolio_label(f) -> str:
    region = getattr(f, "region", None)
    return f"{region}的比较页" if isinstance(region, str) and region else "全部报告的比较页"


def build_index(reports, failures=None, portfolio: str | None = None, regions: str = "") -> str:
    """The index page as one HTML string (`reports` / `failures`: the dataset frames, plus `output`;
    `regions`: a section summarising the regions, placed after the table)."""
    from .webfont import fill_font_slot

    return fill_font_slot(index_html(reports, failures, portfolio, regions), FONT_SLOT)


def index_html(reports, failures=None, portfolio: str | None = None, regions: str = "") -> str:
    """build_index's page with its font slot still empty (the font is cut last, from the page)."""
    reports = with_counted(reports)
    repeats = int((~reports["counted"]).sum())
    n = len(reports) - repeats  # a department-year once (perflib.once); its second file is listed, marked
    depts = reports["department"].nunique() if n else 0
    span = span_of(reports["year"].dropna().unique()) if n else ""
    fictional = int(reports["fictional"].sum()) if n else 0
    n_regions = reports["region"].nunique() if n and "region" in reports else 0
    lead = [f"共 {n} 份部门年度报告，{depts} 个部门{('，' + span) if span else ''}"
            + (f"，分属 {n_regions} 个地区。" if n_regions > 1 else "。")]
    mask = not_department(failures)
    others = int(mask.sum()) if mask is not None else 0
    no_page = unpaged(reports)  # (their failures are listed; the reports are in the table)
    pages_failed = int(portfolio_failures(failures).sum()) if failures is not None else 0
    failed = len(failures) - others - no_page - pages_failed if failures is not None else 0
    if failed or others:
        lead.append(also_listed(failed, others).removesuffix("。") + "，列于文末，各附原因。")
    if no_page:
        lead.append(unpaged_note(no_page))
    if pages_failed:
        lead.append(PORTFOLIO_FAILED)
    if n and without_pages(reports):
        lead.append(NO_PAGES)
    if repeats:
        lead.append(also_listed(0, 0, repeats).removesuffix("。") + f"（表中标有“{REPEAT_BADGE}”；以哪份为准见复核表）。")
    notes = "".join(f"<p>{esc(t)}</p>" for t in lead)
    if fictional:
        notes += fiction_banner(fictional)
    if n and "corrected" in reports and reports["corrected"].fillna("").astype(bool).any():
        notes += f'<p class="note">{esc(CORRECTED_INDEX_NOTE)}</p>'
    if portfolio:
        notes += f'<p class="pl-up"><a href="{esc(quote(portfolio))}">跨部门、跨年度比较 →</a></p>'
    table = department_table(reports, region=n_regions > 1)
    body = f"{table}\n{INDEX_NOTE}{data_note()}\n{regions}\n{failures_section(failures)}\n{others_section(failures)}"
    return page_html(INDEX_TITLE, notes, body)


INDEX_NOTE = ('<p class="note"><span class="screen">点击表头可排序。</span>“实际支出相对年初预算”= 整体实际支出 ÷ 年初预算；'
              "预算调整率、完成率为报告所写；核对各列是 perflib 按报告数字复算的结果数；"
              "行业按部门名称归类，地区按所在文件夹或部门名称开头的地名。</p>")


def data_note(prefix: str = "", whole: bool = False) -> str:
    """Where the dataset and the review sheet are, as links (`prefix`: from a page in a subfolder);
    `whole`: the page shows part of the batch."""
    files = ("reports.csv", "reports.xlsx", "reports.parquet", "checks.csv", "indicators.csv")  # store.DATASET_FILES
    links = "、".join(f'<a href="{prefix}{name}">{name}</a>' for name in files)
    review = esc(REVIEW_INDEX_NOTE).replace(
        esc(REVIEW_FILE), f'<a href="{prefix}{REVIEW_FILE}">{REVIEW_FILE}</a>', 1)
    return f'<p class="note">{"全部" if whole else ""}数据见 {links}。{review}</p>'


def page_html(title: str, notes: str, body: str) -> str:
    """An index page: the page style, the font slot (filled last), the sorting script and a
    Content-Security-Policy that lets that one script run and nothing else."""
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="{csp(SORT_SCRIPT)}">
<meta name="generator" content="perflib {esc(__version__)}">
<title>{esc(title)}</title>
<style>
{FONT_SLOT}
{page_css()}
{INDEX_CSS}</style>
</head>
<body>
<main>
<header class="pl-header"><h1>{esc(title)}</h1>{notes}</header>
{body}
<footer class="pl-footer">由 perflib {esc(__version__)} 生成。</footer>
</main>
<script>{SORT_SCRIPT}</script>
</body>
</html>
"""
    return html
