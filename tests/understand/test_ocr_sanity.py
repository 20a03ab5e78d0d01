"""OCR'd figures that contradict their neighbours are left unread, with a warning; figures not
read by OCR, and OCR'd ones the other figures vouch for, are kept. (The scanned end-to-end
case, a red seal over the last lines, is in tests/read/test_ocr.py.)"""
from __future__ import annotations

from decimal import Decimal as D

from perflib.labels import OCR_EVIDENCE
from perflib.model import Block, Record, Source
from perflib.understand.ocr_sanity import drop_contradicted_ocr_figures

OCR = OCR_EVIDENCE.format(page=1)


def record(ocr: bool = True, **figures) -> Record:
    """A record with `figures` ("overall.actual": "6364.24", "score": "92.5", "rating": "优"),
    each quoted from a sentence, read by OCR or not."""
    rec = Record(source=Source("scan.pdf", "pdf", None, "0" * 64), overall=Block(), projects=Block(), basic=Block())
    for name, value in figures.items():
        if name == "rating":
            rec.rating = value
            continue
        if name == "score":
            rec.score = D(value)
        else:
            block, field = name.split(".")
            setattr(rec.block(block), field, D(value))
        rec.evidence[name] = f"句子 {name} {value}" + (OCR if ocr else "")
    return rec


CONSISTENT = {"overall.initial_budget": "4982.39", "overall.adjustment": "1487.41", "overall.adjusted_budget": "6469.80",
              "overall.actual": "6364.24", "overall.completion_rate": "98.37",
              "basic.actual": "3301.87", "projects.actual": "3062.37"}


def test_consistent_figures_are_all_kept():
    rec = record(**CONSISTENT, score="92.5", rating="优")
    assert drop_contradicted_ocr_figures(rec) == [] and rec.warnings == []
    assert rec.overall.actual == D("6364.24") and rec.score == D("92.5")


def test_a_score_far_from_its_rating_is_unread():
    rec = record(score="2.5", rating="优")  # 92.5 under a seal, read as 2.5
    assert drop_contradicted_ocr_figures(rec) == ["score"]
    assert rec.score is None and "score" not in rec.evidence and rec.rating == "优"
    (warning,) = rec.warnings
    assert warning.startswith("score 2.5 was read by OCR and contradicts") and "rating.matches_score" in warning


def test_a_rating_one_band_above_its_score_is_leniency_not_misreading():
    rec = record(score="88", rating="优")
    assert drop_contradicted_ocr_figures(rec) == [] and rec.score == D("88")


def test_a_score_past_100_is_unread():
    rec = record(score="925")
    assert drop_contradicted_ocr_figures(rec) == ["score"]


def test_the_figure_every_contradiction_shares_is_the_one_dropped():
    """An actual misread (6,864.24 for 6,364.24) breaks completion = actual ÷ adjusted and
    basic + projects = overall; the adjusted budget is vouched by initial + adjustment, the
    parts by nothing but stay out of the one figure both contradictions share."""
    rec = record(**{**CONSISTENT, "overall.actual": "6864.24"})
    assert drop_contradicted_ocr_figures(rec) == ["overall.actual"]
    assert rec.overall.actual is None and rec.overall.completion_rate == D("98.37")
    assert rec.basic.actual == D("3301.87") and rec.projects.actual == D("3062.37")
    assert [u.amount for u in rec.unread] == [D("6864.24")]
    assert "overall.completion_rate" in rec.warnings[0] and "overall.parts_sum" in rec.warnings[0]


def test_a_rate_that_is_not_actual_over_budget_is_unread():
    """The actual is vouched by its parts, the adjusted budget by initial + adjustment: the rate is to blame."""
    rec = record(**{**CONSISTENT, "overall.completion_rate": "88.37"})
    assert drop_contradicted_ocr_figures(rec) == ["overall.completion_rate"]
    assert rec.overall.completion_rate is None and rec.overall.actual == D("6364.24")
    assert rec.unread == []  # a rate is no amount


def test_when_two_figures_explain_a_contradiction_equally_neither_is_kept():
    rec = record(**{"overall.adjusted_budget": "6469.80", "overall.actual": "6364.24", "overall.completion_rate": "88.37"})
    assert drop_contradicted_ocr_figures(rec) == ["overall.actual", "overall.adjusted_budget", "overall.completion_rate"]
    assert len(rec.warnings) == 3


def test_a_block_larger_than_the_whole_is_unread():
    """30,623.70 for 3,062.37: larger than the whole and breaking the parts' sum; the whole is
    vouched by its completion rate, so the part is to blame."""
    rec = record(**{"overall.actual": "6364.24", "overall.adjusted_budget": "6469.80", "overall.completion_rate": "98.37",
                    "basic.actual": "3301.87", "projects.actual": "30623.70"})
    assert drop_contradicted_ocr_figures(rec) == ["projects.actual"]


def test_without_a_voucher_both_sides_of_a_contradiction_are_unread():
    rec = record(**{"overall.actual": "6364.24", "basic.actual": "3301.87", "projects.actual": "30623.70"})
    assert drop_contradicted_ocr_figures(rec) == ["overall.actual", "projects.actual"]
    assert rec.basic.actual == D("3301.87")


def test_figures_not_read_by_ocr_are_never_dropped():
    rec = record(ocr=False, score="2.5", rating="优", **{**CONSISTENT, "overall.actual": "6864.24"})
    assert drop_contradicted_ocr_figures(rec) == [] and rec.score == D("2.5") and rec.warnings == []


def test_a_small_slip_is_the_checks_business():
    """34.86 % for 34.847 % is a report's own rounding slip (a `warn`), not a misreading."""
    rec = record(**{"overall.adjusted_budget": "100.00", "overall.actual": "34.847", "overall.completion_rate": "34.86"})
    assert drop_contradicted_ocr_figures(rec) == []
