"""Inputs that once gave a wrong value outside the money blocks (wrong_values/README.md): the 绩效指标
rows, the tasks' funds, the department, year, score, rating and kind. Each expectation names the keys it
holds perflib to; a value that is not the report's is worse than none, so null is written where null is
what perflib gives and the report allows."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from perflib.pipeline import read_record
from perflib.record_json import to_dict

CASES = sorted(p for p in (Path(__file__).parent / "wrong_values").iterdir() if p.suffix in (".txt", ".html", ".docx", ".xlsx", ".pdf"))
SCALARS = ("department", "year", "score", "rating", "kind")


def _same(want, got) -> bool:
    if want is None or got is None or isinstance(want, bool) or isinstance(got, bool):
        return want is got  # (null is null; met true is not 1)
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and Decimal(str(got)) == Decimal(str(want))
    return got == want


def _indicator_errors(want: list[dict], got: list[dict], exact: bool) -> list[str]:
    """Rows by name: every row perflib gives is one the table has (unless `exact` is false), with every
    field the expectation names; every expected row is given."""
    by_name = {row["name"]: row for row in want}
    wrong = [f"indicator {g['name']!r} is no row of the table" for g in got if exact and g["name"] not in by_name]
    given = {g["name"]: g for g in got}
    for name, row in by_name.items():
        if name not in given:
            wrong.append(f"indicator {name!r} not given")
            continue
        wrong += [f"indicator {name!r}.{f}: {given[name].get(f)!r}, not {v!r}"
                  for f, v in row.items() if not _same(v, given[name].get(f))]
    return wrong


def _task_errors(want: list[dict], got: list[dict], exact: bool) -> list[str]:
    """Tasks by position: each expected task's funds; with `exact`, no further task carries funds."""
    wrong = [f"task {i + 1} not given" for i in range(len(got), len(want))]
    wrong += [f"task {i + 1}.funds: {g.get('funds')!r}, not {w['funds']!r}"
              for i, (w, g) in enumerate(zip(want, got)) if "funds" in w and not _same(w["funds"], g.get("funds"))]
    if exact:
        wrong += [f"task {i + 1}.funds: {g['funds']!r}, a task the expectation does not hold"
                  for i, g in enumerate(got[len(want):], start=len(want)) if g.get("funds") is not None]
    return wrong


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_value_is_the_reports_or_null(path):
    want = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    rec = to_dict(read_record(path))
    wrong = [f"{key}: {rec.get(key)!r}, not {want[key]!r}" for key in SCALARS
             if key in want and not _same(want[key], rec.get(key))]
    if "indicators" in want:
        wrong += _indicator_errors(want["indicators"], rec.get("indicators") or [], want.get("indicators_exact", True))
    if "tasks" in want:
        wrong += _task_errors(want["tasks"], rec.get("tasks") or [], want.get("tasks_exact", False))
    assert not wrong, "; ".join(wrong)


def test_the_cases_are_there():
    assert len(CASES) == 114
