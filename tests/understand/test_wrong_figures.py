"""Inputs that once gave wrong figures (wrong_figures/README.md): every field as a careful reader takes
it, null where the report does not state it — a figure that is not the report's is worse than none."""
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perflib.pipeline import read_record

CASES = sorted((Path(__file__).parent / "wrong_figures").glob("*.txt"))
BLOCK_FIELDS = ("initial_budget", "adjusted_budget", "actual", "completion_rate")
EXTRA_FIELDS = ("adjustment", "adjustment_rate", "count")


def _same(want, got) -> bool:
    if want is None or got is None:
        return want is got
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return Decimal(str(got)) == Decimal(str(want))
    return got == want


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_field_is_the_reports_or_null(path):
    want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    rec = read_record(path)
    wrong = [f"{key}: {getattr(rec, key)!r}, not {want[key]!r}" for key in ("department", "year", "score", "rating")
             if not _same(want[key], getattr(rec, key))]
    for block in ("overall", "projects", "basic"):
        # (adjustment, adjustment_rate, count: checked where the expectation states them)
        for fld in BLOCK_FIELDS + tuple(k for k in EXTRA_FIELDS if k in want[block]):
            got = getattr(rec.block(block), fld)
            if not _same(want[block].get(fld), got):
                wrong.append(f"{block}.{fld}: {got}, not {want[block].get(fld)}")
    assert not wrong, "; ".join(wrong)


def test_the_cases_are_there():
    assert len(CASES) == 298


_WHOLE_RECORDS = """
import hashlib, json, sys
from perflib.pipeline import read_record
from perflib.record_json import to_dict
digest = hashlib.sha256()
for path in sys.argv[1:]:
    record = to_dict(read_record(path))
    record.pop("source", None)
    digest.update(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str).encode())
print(digest.hexdigest())
"""


def test_every_record_is_the_same_whatever_the_hash_seed():
    """The whole record (warnings and their order too) does not depend on the order Python iterates a set
    of strings in, which changes from process to process."""
    import os
    import subprocess
    import sys

    def digest(seed: str) -> str:
        return subprocess.run([sys.executable, "-c", _WHOLE_RECORDS, *map(str, CASES)], check=True, text=True,
                              capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
    assert digest("1") == digest("2") == digest("3")
