"""The page with hand corrections (a badge beside the figure, the 人工校正 list) and a page from a
report that gives only a few figures (a sentence instead of an empty chart or a header-only table)."""
import re

import pytest

from review_reports import MISSED_ACTUAL, MISSED_FILE, write_known_miss, write_one_figure
from paths import SEED
from perflib.pipeline import analyze
from perflib.present import charts, page
from perflib.present.html import Html, cells_aligned

FIX = [{"file": MISSED_FILE, "field": "overall.actual", "value": MISSED_ACTUAL, "note": "见绩效目标一节第一句"}]


def whole_page(a) -> str:
    """Every fragment the notebook displays, in order (charts aside)."""
    return "".join(f._repr_html_() for f in (
        page.header(a), page.summary(a), page.key_figures(a), page.chart_heading("图表"), page.charts_missing(a),
        page.tasks(a), page.indicators(a), page.problems_and_plans(a), page.checks(a), page.appendix(a)))


def header_only_tables(html: str) -> list[str]:
    return [t[:80] for t in re.findall(r"<table.*?</table>", html, flags=re.S)
            if not re.search(r"<tbody>\s*<tr", t)]


@pytest.fixture
def corrected(tmp_path):
    return analyze(write_known_miss(tmp_path / "in")["miss"], corrections=FIX)


def test_a_corrected_figure_has_a_badge_and_links_to_its_note(corrected):
    html = page.key_figures(corrected)
    cell = re.search(r'<td class="num"><span class="corrected"[^>]*>人工校正</span><a href="#ev-overall-actual"'
                     r'[^>]*>1,198.20</a></td>', html)
    assert cell, html
    appendix = page.appendix(corrected)
    item = re.search(r'<h3 id="corrections">人工校正</h3>.*?<li><span id="ev-overall-actual"></span>'
                     r'<span class="key">整体实际支出：1,198.20 万元</span>.*?（perflib 未读取）.*?'
                     r"<q>人工校正：见绩效目标一节第一句</q>", appendix, flags=re.S)
    assert item, appendix
    assert appendix.count('id="ev-overall-actual"') == 1  # the anchor once, in the list of corrections


def test_uncorrected_pages_carry_no_mark():
    a = analyze(SEED)
    html = whole_page(a)
    assert 'class="corrected"' not in html and "人工校正" not in html


def test_a_one_figure_report_has_sentences_not_empty_frames(tmp_path):
    a = analyze(write_one_figure(tmp_path / "in"))
    assert charts.all_charts(a.record, a.metrics) == []  # nothing to draw: no frame at all
    html = whole_page(a)
    assert header_only_tables(html) == []
    assert len(re.findall(r'class="note chart-missing"', html)) == 3
    assert "报告给出的数字不足以推算其他指标" in html and "每一项核对都缺少所需的数字" in html
    [missing] = [s for s in a.summary if "未给出" in s]
    assert "整体年初预算、整体调整后预算、整体预算完成率" in missing and "review.xlsx" in missing
    assert a.summary.index(missing) == 1  # right after the one spending sentence the report allows


def test_the_budget_bridge_draws_only_the_blocks_it_has(tmp_path):
    one = write_one_figure(tmp_path / "in")  # the whole unit's actual; with a corrected initial budget, a bridge
    a = analyze(one, corrections=[{"file": one.name, "field": "overall.initial_budget", "value": "360",
                                   "note": "预算批复"}])
    [bridge] = charts.all_charts(a.record, a.metrics)
    assert [ax.get_title() for ax in bridge.axes] == ["部门整体支出"]  # the projects give none: no empty panel
    full = charts.budget_bridge(analyze(SEED).record, analyze(SEED).metrics)
    assert [ax.get_title() for ax in full.axes] == ["部门整体支出", "项目支出"]


def test_cells_say_their_alignment_for_jupyterlab():
    html = ('<table><thead><tr><th>部门</th><th class="num">金额</th></tr></thead><tbody><tr>'
            '<td class="dept x">花地街道</td><td class="num">1,198.20</td><td class="val">≥95%</td>'
            '<td style="color:red">自定</td><td>&lt;td class="num"&gt;</td></tr></tbody></table>')
    out = cells_aligned(html)
    assert re.findall(r'<t[dh](?:\s[^>]*)?>', out) == [
        '<th style="text-align:left">', '<th class="num" style="text-align:right">',
        '<td class="dept x" style="text-align:left">', '<td class="num" style="text-align:right">',
        '<td class="val" style="text-align:right">', '<td style="color:red">', '<td style="text-align:left">']
    assert Html(html)._repr_html_() == out
