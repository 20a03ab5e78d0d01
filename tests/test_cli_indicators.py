"""`perflib parse` prints the 绩效指标 table as the contract's Indicator objects."""
import json
import subprocess
import sys

from paths import ROOT

KEYS = ["level1", "level2", "name", "target", "actual", "weight", "score", "met", "reason"]


def _parse(path):
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(path)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_parse_prints_indicators():
    rec = _parse(ROOT / "data" / "samples" / "2023_jiaoyu.txt")
    inds = rec["indicators"]
    assert len(inds) == 7 and all(list(i) == KEYS for i in inds)
    assert inds[0] == {"level1": "产出指标", "level2": "数量指标", "name": "新增公办学位", "target": "≥1200个",
                       "actual": "980个", "weight": 15, "score": 15, "met": False, "reason": None}
    assert inds[-1]["score"] == 16.5 and rec["score"] == 88.5
    assert rec["evidence"]["indicators.1.score"] == "部门整体支出绩效指标完成情况表 · 产出指标 数量指标 新增公办学位 × 得分: 15"
    warn = [c for c in rec["checks"] if c["id"] == "indicators.unmet_full_score" and c["status"] == "warn"]
    assert len(warn) == 1 and "新增公办学位" in warn[0]["message"]


def test_report_without_a_table_has_an_empty_list():
    rec = _parse(ROOT / "data" / "000_8fb6ef2090065a78.txt")
    assert rec["indicators"] == [] and rec["budget_execution"] is None
