"""The seed report must parse to exactly the figures in seeds/expected/."""
import json
import subprocess
import sys

import pytest

from perflib.record_json import to_dict

from paths import SEED, SEED_EXPECTED

EXPECTED = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record(seed_record):
    return to_dict(seed_record)


def test_department_year_rating(record):
    for key in ("department", "year", "rating", "score"):
        assert record[key] == EXPECTED[key], key


@pytest.mark.parametrize("block", ["overall", "projects"])
def test_blocks(record, block):
    assert record[block] == EXPECTED[block]


def test_tasks_and_problems(record):
    assert [t["funds"] for t in record["tasks"]] == EXPECTED["task_funds"]
    assert [t["no"] for t in record["tasks"]] == [1, 2, 3, 4]
    assert record["tasks"][2]["text"].endswith("任务涉及项目资金 1014.69 万元。")
    assert len(record["problems"]) == EXPECTED["problems"]
    assert record["problems"][0].startswith("项目落地和建设进度滞后")
    assert record["plans"] and record["plans"][0].startswith("2022 年，花地街办事处")


def test_checks(record):
    statuses = {c["id"]: c["status"] for c in record["checks"]}
    for cid, status in EXPECTED["checks"].items():
        assert statuses[cid] == status, cid
    rate = next(c for c in record["checks"] if c["id"] == "projects.adjustment_rate")
    assert rate["computed"] == pytest.approx(34.847, abs=0.0005)
    assert "0.013 个百分点" in rate["message"]


def test_every_figure_has_evidence_that_contains_it(record):
    for block in ("overall", "projects"):
        for field, value in record[block].items():
            if value is None:
                continue
            sentence = record["evidence"][f"{block}.{field}"]
            assert sentence in record["evidence"].values()
            text = str(value) if field == "count" else f"{value:g}".rstrip("0")
            assert text.split(".")[0] in sentence, (block, field, sentence)
    for t in record["tasks"]:
        assert f"{t['funds']:.2f}" in record["evidence"][f"tasks.{t['no']}.funds"]


def test_cli_parse_prints_the_record():
    out = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(SEED)],
                         capture_output=True, text=True, encoding="utf-8", check=True)
    rec = json.loads(out.stdout)
    assert rec["schema"] == 2 and rec["source"]["format"] == "txt"
    assert len(rec["source"]["sha256"]) == 64
    assert "广州市荔湾区人民政府花地街道办事处" in out.stdout  # not ASCII-escaped
