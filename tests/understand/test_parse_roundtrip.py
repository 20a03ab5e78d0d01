"""Property tests: any text parses without raising; a generated report parses back to its figures."""
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflib.model import BLOCK_FIELDS, Source
from perflib.read.normalize import normalize
from perflib.understand.parse import parse_text, settle_signs

from evidence import traceable
from corpus import TEMPLATES, expected, make_figures, make_variant, render_text

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(text: str):
    rec = parse_text(normalize([text]), Source("gen.txt", "txt", "utf-8", ""))
    settle_signs(rec)
    return rec


def as_expected(rec) -> dict:
    return {
        "department": rec.department, "year": rec.year,
        **{b: {f: getattr(rec.block(b), f) for f in BLOCK_FIELDS} for b in ("overall", "projects", "basic")},
        "task_funds": [t.funds for t in rec.tasks], "rating": rec.rating, "score": rec.score,
        "problems": len(rec.problems), "plans": len(rec.plans),
    }


# --- never raises -----------------------------------------------------------------------------
_REPORT_BITS = st.sampled_from([
    "年初预算", "调整增支", "调减", "预算调整率", "预算完成率", "全年执行数", "全年预算数", "执行率", "万元", "亿元",
    "元", "%", "％", "，", "。", "：", "\n", "\t", " ", "（一）", "1.", "一、", "其中：", "基本支出", "项目支出",
    "年度资金总额", "部门整体", "共", "个项目", "自评得分", "分", "评价等级为", "优", "存在的问题", "下一步工作计划",
    "单位：元", "项目 年初预算数 全年预算数 全年执行数 执行率", "2021年度", "１２３", "4,982.39", "-", "—", "100",
    "63,642,400.00", "0.5", "单位名称：", "局",
])


@FAST
@given(st.text())
def test_any_text_parses(text):
    parse(text)


@FAST
@given(st.lists(st.one_of(_REPORT_BITS, st.text(alphabet="0123456789.,%-年元万亿一二（）() \n\t", max_size=8)),
                max_size=60).map("".join))
def test_report_like_noise_parses(text):
    rec = parse(text)
    for key, sentence in rec.evidence.items():
        assert traceable(sentence, rec.text), key


# --- round trip -----------------------------------------------------------------------------
@pytest.mark.parametrize("template", TEMPLATES)
@FAST
@given(rng=st.randoms(use_true_random=False))
def test_generated_report_parses_back(template, rng):
    figures, variant = make_figures(rng), make_variant(rng, template)
    text = render_text(figures, template, variant)
    rec = parse(text)
    want = expected(figures, template, variant)
    got = as_expected(rec)
    for key in want:
        assert got[key] == want[key], (key, variant, text)
    for name in ("overall", "projects", "basic"):
        for f in BLOCK_FIELDS:
            if getattr(rec.block(name), f) is not None:
                assert traceable(rec.evidence[f"{name}.{f}"], rec.text)
    assert not [w for w in rec.warnings if "kept the first" in w], rec.warnings


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("table", [False, True])
def test_every_option_of_each_variant(template, table):
    """Deterministic sweep: each phrasing option at least once, whatever hypothesis draws."""
    rng = random.Random(f"{template}{table}")
    options = {
        "unit": ["万元", "元", "亿元"], "thousands": [True, False], "fullwidth": [True, False],
        "space": [True, False], "decrease": ["调整减支", "调减", "减支"], "signed_rate": [True, False],
        "item": ["（一）", "(一)", "一、", "1.", "（1）", "1、", "(1)", ""],
        "title": ["dept-year", "year-dept", "two-lines", "name-line", "sentence"],
        "table_sep": ["\t", " "], "breakdown": [True, False], "table_scores": [True, False], "rating_word": ["short", "long"],
    }
    for name, values in options.items():
        for value in values:
            figures = make_figures(rng)
            if figures.overall.adjustment > 0:  # make sure decreases are exercised too
                figures.basic.adjustment = -abs(figures.basic.adjustment)
                figures.basic.actual = min(figures.basic.actual, figures.basic.adjusted)
                figures.projects.adjustment = -abs(figures.projects.adjustment)
                figures.projects.actual = min(figures.projects.actual, figures.projects.adjusted)
                figures.overall = type(figures.overall)(
                    figures.basic.initial + figures.projects.initial,
                    figures.basic.adjustment + figures.projects.adjustment,
                    figures.basic.actual + figures.projects.actual)
            variant = make_variant(rng, template)
            variant = type(variant)(**(variant.__dict__ | {name: value, "table": table and template == "national"}))
            if name == "item":
                from corpus import _SECTION_FOR_ITEM
                variant = type(variant)(**(variant.__dict__ | {"section": _SECTION_FOR_ITEM[value][0]}))
            text = render_text(figures, template, variant)
            got, want = as_expected(parse(text)), expected(figures, template, variant)
            for key in want:
                assert got[key] == want[key], (name, value, key, text)
