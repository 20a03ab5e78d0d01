"""HTML fragments of a department-year page; the notebook displays them.

Every piece of report text goes through `esc` (html.escape): a report is
untrusted input and may contain markup. Nothing here is Markdown, so report
text is never interpreted either. Each figure links to the sentence it
came from (#ev-… anchors in the appendix).
"""
from __future__ import annotations

import re
from pathlib import PurePath

from ..check.items import fmt_points, points_sum
from ..check.rules import rule_explanation
from .. import labels as L
from ..labels import (BLOCK_ZH, FIELD_ZH, INDICATOR_HEADERS, MET_MARK, MET_ZH, PEFA_TEXT, STATUS_ORDER_ZH, UNREAD_NOTE,
                      UNREAD_ZH, fiction_banner, figure_name, ocr_notice, status_zh, warning_zh)
from ..corrections import format_value
from ..model import BLOCK_FIELDS, MONEY_FIELDS
from .html import Html, PageHead, esc
from .narrative import check_explanation, indicators_sentence
from ..numbers import fmt_pct, fmt_value, fmt_wan
from ..pipeline import Analysis

STATUS_MARK = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "–"}


def anchor(key: str) -> str:
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _figure_cell(a: Analysis, key: str, text: str) -> str:
    """A number that links to its evidence sentence (and shows it on hover); a hand-corrected one
    carries a badge and links to its note."""
    sentence = a.record.evidence.get(key)
    if sentence is None:
        return f'<td class="num">{esc(text)}</td>'
    return (f'<td class="num">{corrected_badge(a, key)}<a href="#{anchor(key)}" title="{esc(sentence)}">'
            f'{esc(text)}</a></td>')


def corrected_badge(a: Analysis, key: str) -> str:
    """"人工校正" beside a figure a hand correction set (a word and a border: it survives greyscale)."""
    if key not in a.record.corrected:
        return ""
    return f'<span class="corrected" title="{esc(a.record.evidence.get(key, ""))}">{esc(L.CORRECTED_BADGE)}</span>'


def _fmt_field(field: str, value) -> str:
    return fmt_value(value, "int" if field == "count" else "money" if field in MONEY_FIELDS else "pct")


def header(a: Analysis) -> Html:
    rec = a.record
    banner = ""
    if a.fictional:
        banner = fiction_banner()
    if rec.source.ocr:
        banner += ocr_notice(rec.source.ocr)
    meta = f"来源文件：{esc(PurePath(rec.source.path).name)}（{esc(rec.source.format)}，SHA-256 {esc(rec.source.sha256[:12])}…）"
    badges = "".join(corrected_badge(a, k) for k in ("department", "year", "kind"))
    return PageHead(f'<header class="pl-header">{banner}<h1>{esc(a.title)}{badges}</h1><p class="meta">{meta}</p></header>',
                    a.title)


def summary(a: Analysis) -> Html:
    items = "".join(f"<p>{esc(s)}</p>" for s in a.summary)
    return Html(f'<section class="pl-summary"><h2>要点</h2>{items}</section>')


def key_figures(a: Analysis) -> Html:
    """Stated figures per block, with the check that covers each."""
    rec = a.record
    by_id = {c.id: c for c in rec.checks}
    rows = []
    for block in ("overall", "projects", "basic"):
        b = rec.block(block)
        if b.is_empty():
            continue
        for field in BLOCK_FIELDS:
            value = getattr(b, field)
            if value is None:
                continue
            c = by_id.get(f"{block}.{field}")
            computed = "—"
            status = ""
            if c is not None:
                computed = _fmt_field(field, c.computed) if c.computed is not None else "—"
                status = f'<span class="st st-{c.status}">{STATUS_MARK[c.status]} {status_zh(c.id, c.status)}</span>'
            unit = "万元" if field in MONEY_FIELDS else ("%" if field != "count" else "个")
            rows.append(
                f"<tr><td>{esc(BLOCK_ZH[block])}</td><td>{esc(FIELD_ZH[field])}（{unit}）</td>"
                f"{_figure_cell(a, f'{block}.{field}', _fmt_field(field, value).rstrip('%'))}"
                f'<td class="num">{esc(computed.rstrip("%"))}</td><td>{status}</td></tr>'
            )
    rows += _score_row(a, by_id)
    if not rows:
        return Html(f'<section><h2>关键数字</h2><p class="note">{esc(L.NO_KEY_FIGURES)}</p>{derived(a)}</section>')
    table = ("<table class=\"figures\"><thead><tr><th>范围</th><th>指标</th><th class=\"num\">报告数</th>"
             "<th class=\"num\">复算</th><th>核对</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    return Html(f'<section><h2>关键数字</h2><p class="note">“报告数”取自原文，点击可查看出处；“复算”由报告中的其他数字推算。</p>{table}{derived(a)}</section>')


def _score_row(a: Analysis, by_id: dict) -> list[str]:
    """自评得分 against the sum of the indicator table's 得分."""
    rec = a.record
    if rec.score is None:
        return []
    c = by_id.get("indicators.score_total")
    total = points_sum(rec, "score")
    computed = fmt_points(total.point) if total is not None else "—"
    status = f'<span class="st st-{c.status}">{STATUS_MARK[c.status]} {status_zh(c.id, c.status)}</span>' if c else ""
    return [f"<tr><td>{esc(L.SCORE_ROW[0])}</td><td>{esc(L.SCORE_ROW[1])}</td>{_figure_cell(a, 'score', fmt_points(rec.score))}"
            f'<td class="num">{esc(computed)}</td><td>{status}</td></tr>']


def derived(a: Analysis) -> str:
    rows = []
    for m in a.metrics.items.values():
        if m.unit == "band":
            if m.band is None:
                continue
            value = f"{m.band} 级（{PEFA_TEXT[m.band]}）"
        elif m.value is None:
            continue
        else:
            value = f"{fmt_wan(m.value)} 万元" if m.unit == "money" else fmt_pct(m.value, 2)
        sources = "、".join(f'<a href="#{anchor(k)}">{esc(_source_name(k))}</a>' for k in m.inputs
                           if k in a.record.evidence)
        rows.append(f'<tr><td>{esc(m.label)}</td><td class="num">{esc(value)}</td><td>{esc(m.formula)}</td><td>{sources}</td></tr>')
    if not rows:
        return f'<h3>推算指标</h3><p class="note">{esc(L.NO_DERIVED)}</p>'
    # (wider than a phone, its 依据 column out of view: the line under a wide table says it scrolls)
    return ('<h3>推算指标</h3><div class="table-wrap wide"><table class="derived"><thead><tr><th>指标</th>'
            '<th class="num">数值</th><th>算法</th><th>依据</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")


def _source_name(key: str) -> str:
    parts = key.split(".")
    if parts[0] == "tasks" and len(parts) == 3:
        return f"任务{parts[1]}资金"
    if len(parts) == 2 and parts[0] in BLOCK_ZH:
        return figure_name(key)
    if parts[0] == "indicators" and len(parts) == 3:
        return f"指标{parts[1]}{INDICATOR_HEADERS.get(parts[2], parts[2])}"
    if parts[0] == "budget_execution":
        return f"{L.EXECUTION_ROW}{INDICATOR_HEADERS.get(parts[1], parts[1])}"
    return {"rating": "自评等级", "score": "自评得分", "department": "部门名称", "year": "年度",
            "kind": "文件类别"}.get(key, key)


def chart_heading(title: str) -> Html:
    return Html(f"<h2>{esc(title)}</h2>")


def charts_missing(a: Analysis) -> Html:
    """One sentence for each chart the report gives no figures for (instead of an empty frame)."""
    from .charts import unavailable

    return Html("".join(f'<p class="note chart-missing">{esc(s)}</p>'
                        for s in unavailable(a.record, a.metrics)))


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f'<p class="note">{esc(empty)}</p>'
    return "<ol>" + "".join(f"<li>{esc(i).replace(chr(10), '<br>')}</li>" for i in items) + "</ol>"


def tasks(a: Analysis) -> Html:
    rec = a.record
    if not rec.tasks:
        body = '<p class="note">报告未列出主要任务。</p>'
    else:
        shares = {s.no: s for s in a.metrics.task_shares}
        rows = []
        for t in rec.tasks:
            funds = fmt_wan(t.funds) if t.funds is not None else "未写明"
            share = shares.get(t.no)
            pct = fmt_pct(share.of_projects, 1) if share and share.of_projects is not None else "—"
            rows.append(f"<tr><td class=\"num\">{t.no}</td><td class=\"text\">{esc(t.text)}</td>"
                        f"{_figure_cell(a, f'tasks.{t.no}.funds', funds)}<td class=\"num\">{esc(pct)}</td></tr>")
        body = ('<table class="tasks"><thead><tr><th class="num">序号</th><th>任务</th><th class="num">资金（万元）</th>'
                '<th class="num">占项目支出</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return Html(f"<section><h2>主要任务</h2>{body}</section>")


def indicators(a: Analysis) -> Html:
    """The 绩效指标 table grouped by 一级指标: target and actual, met or not (a symbol and a word, so
    it reads in greyscale), weight against score; every 分值 / 得分 links to its cell."""
    rec = a.record
    if not rec.indicators:
        return Html(f'<section class="pl-indicators"><h2>{esc(L.INDICATOR_SECTION)}</h2><p class="note">{esc(L.INDICATOR_NONE)}</p></section>')
    num = ' class="num"'
    head = "".join(f"<th{num if k in ('weight', 'score', 'target', 'actual') else ''}>{esc(INDICATOR_HEADERS[k])}</th>"
                   for k in ("level2", "name", "target", "actual", "met", "weight", "score", "reason"))
    rows, group = [], object()
    for n, ind in enumerate(rec.indicators, start=1):
        if ind.level1 != group:
            group = ind.level1
            rows.append(f'<tr class="group"><th colspan="8">{esc(ind.level1 or L.NO_LEVEL1)}</th></tr>')
        full = ind.met is False and ind.weight is not None and ind.score is not None and ind.score >= ind.weight
        note = f'<br><span class="st st-warn">! {esc(L.LENIENT_MARK)}</span>' if full else ""
        mark = f'<span class="met met-{str(ind.met).lower()}">{MET_MARK[ind.met]} {MET_ZH[ind.met]}</span>{note}'
        pts = lambda v: fmt_points(v) if v is not None else "—"  # noqa: E731
        rows.append(
            f'<tr class="ind met-{str(ind.met).lower()}"><td>{esc(ind.level2 or "")}</td><td class="text">{esc(ind.name)}</td>'
            f'<td class="val">{esc(ind.target or "—")}</td><td class="val">{esc(ind.actual or "—")}</td><td>{mark}</td>'
            f"{_figure_cell(a, f'indicators.{n}.weight', pts(ind.weight))}"
            f"{_figure_cell(a, f'indicators.{n}.score', pts(ind.score))}"
            f'<td class="text">{esc(ind.reason or "")}</td></tr>')
    ex = rec.budget_execution
    if ex is not None:
        rows.append(f'<tr class="group"><th colspan="8">{esc(L.EXECUTION_GROUP)}</th></tr><tr><td></td><td class="text">{esc(L.EXECUTION_ROW)}</td>'
                    f'<td class="val">—</td><td class="val">{esc(ex.actual or "—")}</td><td></td>'
                    f"{_figure_cell(a, 'budget_execution.weight', fmt_points(ex.weight))}"
                    f"{_figure_cell(a, 'budget_execution.score', fmt_points(ex.score) if ex.score is not None else '—')}"
                    "<td></td></tr>")
    weights, scores = points_sum(rec, "weight"), points_sum(rec, "score")
    if weights is not None or scores is not None:
        rows.append(f'<tr class="total"><th colspan="5">{esc(L.TOTAL_ROW)}</th>'
                    f'<td class="num">{esc(fmt_points(weights.point)) if weights else "—"}</td>'
                    f'<td class="num">{esc(fmt_points(scores.point)) if scores else "—"}</td><td></td></tr>')
    table = (f'<div class="table-wrap wide"><table class="indicators"><thead><tr>{head}</tr></thead><tbody>'
             + "".join(rows) + "</tbody></table></div>")
    lead = f"<p>{esc(indicators_sentence(rec) or '')}</p>"
    legend = f'<p class="note">{esc(L.INDICATOR_LEGEND)}</p>'
    return Html(f'<section class="pl-indicators"><h2>{esc(L.INDICATOR_SECTION)}</h2>{lead}{legend}{table}</section>')


def problems_and_plans(a: Analysis) -> Html:
    rec = a.record
    rating = ""
    if rec.rating or rec.score is not None:
        parts = []
        if rec.rating:
            parts.append(f"自评等级：<strong>{esc(rec.rating)}</strong>{corrected_badge(a, 'rating')}")
        if rec.score is not None:
            parts.append(f"自评得分：<strong>{esc(rec.score)}</strong> 分{corrected_badge(a, 'score')}")
        rating = f'<p>{"；".join(parts)}（<a href="#{anchor("rating" if rec.rating else "score")}">出处</a>）</p>'
    return Html(
        f"<section><h2>自评、问题与计划</h2>{rating}<h3>存在的问题</h3>{_list(rec.problems, '报告未列出问题。')}"
        f"<h3>下一步计划与改进措施</h3>{_list(rec.plans, '报告未列出计划。')}</section>"
    )


def checks(a: Analysis) -> Html:
    rec = a.record
    said = [status_zh(c.id, c.status) for c in rec.checks]
    tally = "，".join(f"{w} {said.count(w)} 项" for w in STATUS_ORDER_ZH if w in said)
    if all(c.status == "skip" for c in rec.checks):  # a table of "无法核对" rows says nothing
        return Html(f'<section><h2>数字核对</h2><p class="note">{esc(L.NO_CHECKS)}</p>'
                    f'{_warnings(rec)}</section>')
    rows = []
    for c in rec.checks:
        why = rule_explanation(c.id) or check_explanation(c.status)
        explain = f'<div class="why">{esc(why)}</div>' if c.status in ("warn", "fail") else ""
        rows.append(f'<tr class="row-{c.status}"><td><span class="st st-{c.status}">{STATUS_MARK[c.status]} '
                    f"{status_zh(c.id, c.status)}</span></td><td>{esc(c.message)}{explain}</td></tr>")
    table = ('<table class="checks"><thead><tr><th>结果</th><th>核对内容</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    return Html(f"<section><h2>数字核对</h2><p>{esc(tally)}。数字按原文的位数取四舍五入区间后再比较，"
                f"因此 100% 与 99.62% 这样的写法不会被误判。</p>{table}{_warnings(rec)}</section>")


def _warnings(rec) -> str:
    """Each reading warning in Chinese where its kind is known, perflib's own sentence under it."""
    if not rec.warnings:
        return ""
    items = "".join(f'<li>{esc(zh)}<div class="note">{esc(w)}</div></li>' if (zh := warning_zh(w))
                    else f"<li>{esc(w)}</li>" for w in rec.warnings)
    return f"<h3>读取提示</h3><ol>{items}</ol>"


def _unread(rec) -> str:
    """The money amounts the report states that perflib did not use, each with its sentence."""
    if not rec.unread:
        return ""
    items = "".join(f'<li><span class="key">{esc(fmt_wan(u.amount))} 万元</span><br><q>{esc(u.text)}</q></li>'
                    for u in rec.unread)
    return (f'<h3>{esc(UNREAD_ZH)}</h3><p class="note">{esc(UNREAD_NOTE)}</p>'
            f'<ul class="evidence unread">{items}</ul>')


def _corrected_value(key: str, value) -> str:
    """A corrected figure as the page writes figures: 1,848.31 万元, 98.5%."""
    if "." in key and key.split(".")[1] in BLOCK_FIELDS:
        field = key.split(".")[1]
        return _fmt_field(field, value) + (" 万元" if field in MONEY_FIELDS else "")
    return format_value(key, value)


def _corrections(a: Analysis) -> str:
    """人工校正: each figure a hand correction set, its value, what perflib had read and the note
    (the figures' anchors are here: a corrected figure links to its note)."""
    done = [o for o in a.record.correction_outcomes if o.applied]
    if not done:
        return ""
    items = []
    for o in done:
        c = o.correction
        was = f"（perflib 原读取：{_corrected_value(c.field, o.before)}）" if o.before is not None else "（perflib 未读取）"
        items.append(f'<li><span id="{anchor(c.field)}"></span><span class="key">{esc(_source_name(c.field))}：'
                     f'{esc(_corrected_value(c.field, c.value))}</span><span class="corrected">{esc(L.CORRECTED_BADGE)}</span>{esc(was)}<br>'
                     f'<q>{esc(a.record.evidence.get(c.field, ""))}</q></li>')
    return (f'<h3 id="corrections">{esc(L.CORRECTED_SECTION)}</h3><p class="note">{esc(L.CORRECTED_NOTE)}</p>'
            f'<ul class="evidence corrections">{"".join(items)}</ul>')


def appendix(a: Analysis) -> Html:
    """Each evidence sentence once, with the figures read from it (each an anchor); hand corrections
    in a list of their own."""
    rec = a.record
    by_sentence: dict[str, list[str]] = {}
    for key, sentence in rec.evidence.items():
        if key in rec.corrected:
            continue  # listed under 人工校正
        by_sentence.setdefault(sentence, []).append(key)
    items = []
    for sentence, keys in by_sentence.items():
        anchors = "".join(f'<span id="{anchor(k)}"></span>' for k in keys)
        names = "、".join(_source_name(k) for k in keys)
        items.append(f'<li>{anchors}<span class="key">{esc(names)}</span><br><q>{esc(sentence)}</q></li>')
    sources = (f'<p class="note">以下句子摘自报告原文（经全角转半角、断行修复），前面列出从该句读出的数字。</p>'
               f'<ul class="evidence">{"".join(items)}</ul>' if items else f'<p class="note">{esc(L.NO_EVIDENCE)}</p>')
    return Html(
        f'<section class="appendix"><h2>附录</h2>{_corrections(a)}<h3>数字出处</h3>{sources}'
        f'{_unread(rec)}'
        f'<details><summary>报告全文（经规范化）</summary><pre class="source">{esc(rec.text)}</pre></details></section>'
    )


