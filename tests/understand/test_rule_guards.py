"""Guards of the right readings the rules against wrong values must leave alone (a review of those rules wrote each case
to make a rule fire where it must not): a table titled 部门整体支出（含所属二级单位）, 一般公共预算及政府性基金…, this
year's table beside last year's, a block word after 用于 naming its own figures, a unit describing itself as a 二级单位,
a fee the unit collects or pays out, a grade reached in words, a task of wages for others, a band table of another
assessment …; and `lists_*`, a hunt's lists and self-evaluations (a project's or a third party's score or grade
beside the unit's, "未发现明显问题", measures already taken, a task's planned and actual funds). Each `NAME.truth.json` holds what a careful reader takes, by key (`overall.actual`, `problems`,
`ind:NAME:met`, `check:ID` …); `judge_pairs.json`, 绩效指标 targets and actuals with their met."""
import json
import re
from pathlib import Path

import pytest

from perflib.pipeline import read_record
from perflib.record_json import to_dict
from perflib.understand.met import judge

HERE = Path(__file__).parent / "rule_guards"
CASES = sorted(p for p in HERE.iterdir() if p.suffix in (".txt", ".docx", ".pdf", ".html"))
PAIRS = json.loads((HERE / "judge_pairs.json").read_text(encoding="utf-8"))
_ITEM_MARK = re.compile(r"^(?:[一二三四五六七八九十]+是|\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])\s*")


def _item(text: str) -> str:
    return _ITEM_MARK.sub("", text).rstrip("。；;")


def _value(rec: dict, key: str):
    """The record's value for a truth key."""
    if key in ("problems", "plans"):
        return [_item(x) for x in rec[key]]
    if key == "tasks":
        return [[t["no"], t["funds"]] for t in rec["tasks"]]
    if key in ("ntasks", "nproblems", "nplans", "nind"):
        return len(rec[{"ntasks": "tasks", "nproblems": "problems", "nplans": "plans", "nind": "indicators"}[key]])
    if key.startswith("ind:"):
        _, name, field = key.split(":")
        return next((i.get(field) for i in rec["indicators"] if i["name"] == name), "MISSING-ROW")
    if key.startswith("check:"):
        return next((c["status"] for c in rec["checks"] if c["id"] == key[6:]), None)
    if key in ("score", "rating", "year", "department"):
        return rec.get(key)
    block, field = key.split(".")
    return rec[block][field]


def _same(got, want) -> bool:
    if isinstance(want, list) and all(isinstance(x, str) for x in want):
        return isinstance(got, list) and [_item(x) for x in got] == [_item(x) for x in want]
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return abs(got - want) < 1e-6
    return got == want


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_right_reading_survives(path):
    want = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
    rec = to_dict(read_record(path))
    wrong = [f"{k}: {_value(rec, k)!r}, not {v!r}" for k, v in want.items() if not _same(_value(rec, k), v)]
    assert not wrong, "; ".join(wrong)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p['name']}|{p['target']}|{p['actual']}" for p in PAIRS])
def test_a_target_and_its_actual_judged_as_a_careful_reader_would(pair):
    assert judge(pair["target"], pair["actual"], pair["name"]) is pair["met"]


def test_the_cases_are_there():
    assert (len(CASES), len(PAIRS)) == (264, 97)
