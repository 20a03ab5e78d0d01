"""The real-phrasing evaluation set is well-formed and bench/eval_phrasing.py runs on it.

No precision or recall threshold here: the parser is being improved against this set; the
threshold test comes later. This only guards the set itself and the measuring script.
"""
from __future__ import annotations

import importlib.util
import io
import json
import re
import sys

import pytest

from paths import ROOT

FIXTURES = ROOT / "tests" / "real_phrasing"
SCRIPT = ROOT / "bench" / "eval_phrasing.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("eval_phrasing", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


ev = _load_script()
TXT = sorted(FIXTURES.glob("*.txt"))


def test_the_set_is_big_enough_and_mixed():
    fixtures, problems = ev.load_fixtures(FIXTURES)
    assert problems == []
    assert len(fixtures) >= 60
    assert sum(f.kind != "department" for f in fixtures) >= 8
    assert sum("control" in f.phenomena for f in fixtures) >= 5
    assert sum(bool(f.fields) for f in fixtures) >= 40


def test_every_json_has_its_text_and_back():
    stems_txt = {p.stem for p in FIXTURES.glob("*.txt")}
    stems_json = {p.stem for p in FIXTURES.glob("*.json")}
    assert stems_txt == stems_json


@pytest.mark.parametrize("txt", TXT, ids=[p.stem for p in TXT])
def test_fixture_is_well_formed(txt):
    assert re.fullmatch(r"\d{3}_[a-z0-9_]+", txt.stem), "name is NNN_slug"
    text = txt.read_bytes().decode("utf-8")  # UTF-8, strictly
    ascii_digits = text.translate({0xFF10 + i: 0x30 + i for i in range(10)})
    assert 5 <= len(text.splitlines()) <= 40
    meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    assert ev.validate_expected(meta) == []
    for key, value in meta["fields"].items():
        block, name = key.split(".")
        if name in ev.MONEY:
            assert re.fullmatch(r"-?\d+\.\d{2}", value), f"{key}: money with 2 decimals"
        if name == "count":
            assert str(value) in ascii_digits, f"{key}: the count is written in the text"
    if meta["kind"] == "department" and meta["year"] is not None:
        assert str(meta["year"]) in ascii_digits


def test_validate_expected_catches_mistakes():
    good = {"kind": "department", "department": "临江县林业局", "year": 2021,
            "fields": {"overall.actual": "12.30", "projects.count": 3, "overall.completion_rate": "98.4"},
            "phenomena": ["control"]}
    assert ev.validate_expected(good) == []
    for bad_fields in ({"overall.actual": "12.3"}, {"overall.actual": 12.3}, {"overall.spending": "1.00"},
                       {"projects.count": "3"}, {"basic.completion_rate": "98%"}):
        assert ev.validate_expected(dict(good, fields=bad_fields)), bad_fields
    assert ev.validate_expected(dict(good, kind="report"))
    assert ev.validate_expected(dict(good, kind="project"))  # only department fixtures list fields


def test_scoring_rules():
    fx = ev.Fixture("x", FIXTURES / "x.txt", "department", "A局", 2021,
                    {"overall.actual": "100.00", "overall.completion_rate": "100"}, [])
    rec = {"department": "A局", "year": 2021,
           "overall": {"actual": 100.004, "completion_rate": 100.0, "initial_budget": 90.0},
           "projects": {}, "basic": {}}
    s = ev.score_fixture(fx, ev.Result(0, rec))
    assert s.fields["overall.actual"].tp == 1
    assert s.fields["overall.completion_rate"].tp == 1
    assert s.fields["overall.initial_budget"].fp == 1  # not expected: any value is a false positive
    assert s.department_ok and s.year_ok
    other = ev.Fixture("y", FIXTURES / "y.txt", "project", None, None, {}, [])
    assert ev.score_fixture(other, ev.Result(3, rec)).fields == {}  # said "not a department report"
    taken = ev.score_fixture(other, ev.Result(0, rec))
    assert taken.kind_got == "department" and sum(c.fp for c in taken.fields.values()) == 3


def test_the_evaluation_runs_in_process():
    out = io.StringIO()
    assert ev.main(["--json"], out=out) == 0
    summary = json.loads(out.getvalue())
    assert summary["fixtures"] == len(TXT)
    assert summary["fixture_problems"] == []
    assert set(summary["fields"]) == set(ev.FIELDS)
    assert summary["overall"]["expected"] == sum(
        len(json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["fields"]) for p in TXT)
    for key in ("kind", "department", "year", "phenomena", "errors"):
        assert key in summary
    text = io.StringIO()
    assert ev.main(["--show-errors"], out=text) == 0
    assert "ALL FIELDS" in text.getvalue()
