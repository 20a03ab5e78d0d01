"""Every fictional sample with a 绩效指标 table (Word, PDF, tab-separated text, sentences) reads
back exactly the rows data/samples/make_samples.py wrote, and its planted leniency is found."""
import importlib.util
import sys

import pytest

from paths import ROOT
from perflib.pipeline import read_record

SAMPLES = ROOT / "data" / "samples"


def _make_samples():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


REPORTS = [r for r in _make_samples().REPORTS if r.indicators]


def test_samples_cover_every_form():
    assert {r.file.rsplit(".", 1)[1] for r in REPORTS} >= {"txt", "pdf", "docx"}
    assert any(r.prose_indicators for r in REPORTS)


@pytest.mark.parametrize("r", REPORTS, ids=[r.file for r in REPORTS])
def test_sample_indicators_read_back(r):
    rec = read_record(SAMPLES / r.file)
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.reason) for i in rec.indicators]
    want = [(None if r.prose_indicators else l1, l2, name, target, actual, w, s, None if r.prose_indicators else (why or None))
            for l1, l2, name, target, actual, w, s, why in r.indicators]
    assert got == want
    if not r.prose_indicators:
        assert rec.score == r.score


PLANTED = {
    "2023_jiaoyu.txt": {"indicators.unmet_full_score": "warn", "indicators.unmet_reason": "warn"},
    "2022_weijian.txt": {"indicators.score_total": "fail"},
    "2023_weijian.docx": {"rating.matches_score": "fail"},
}


@pytest.mark.parametrize("r", REPORTS, ids=[r.file for r in REPORTS])
def test_planted_leniency_found_and_nothing_else(r):
    rec = read_record(SAMPLES / r.file)
    found = {c.id: c.status for c in rec.checks
             if c.id.startswith(("indicators.", "rating.")) and c.status in ("warn", "fail")}
    planted = PLANTED.get(r.file, {})
    if r.file == "2022_weijian.txt":  # its missed 群众满意度 also states no reason
        planted = planted | {"indicators.unmet_reason": "warn"}
    assert found == planted
