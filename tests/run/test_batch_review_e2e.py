"""The analyst's loop end to end, through papermill and nbconvert: a report with a known miss, its
row of review.xlsx filled, the batch run again — the figure is on the page (marked), in the index,
the dataset and the portfolio; editing the correction renders that page only; a stale one is said."""
import csv
import shutil
import subprocess
import sys

import pytest

from paths import SEED
from review_reports import CORRECTION_NOTE, DEPARTMENT, MISSED_ACTUAL, MISSED_FILE, fill_review, write_known_miss

pytestmark = pytest.mark.slow
PAGE = f"2023_{DEPARTMENT}.html"


def batch(src, out, *extra):
    return subprocess.run([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), "-j", "2", *extra],
                          capture_output=True, text=True, encoding="utf-8")


def reports_row(out):
    with open(out / "reports.csv", encoding="utf-8-sig", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if r["department"] == DEPARTMENT and r["year"] == "2023")


def test_review_correct_rerun(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = write_known_miss(src)
    shutil.copy(SEED, src / "seed.txt")
    first = batch(src, out)
    assert first.returncode == 0, first.stderr
    assert "3 rendered" in first.stdout and "review sheet" in first.stdout
    page = (out / PAGE).read_text(encoding="utf-8")
    assert ">1,198.20</a>" not in page  # before: no figure, only an unread amount (and a task's text)
    assert "报告未给出（或 perflib 未能读取）整体实际支出" in page

    filled = tmp_path / "review-filled.xlsx"
    fill_review(out / "review.xlsx", filled, MISSED_FILE, "overall.actual", MISSED_ACTUAL, CORRECTION_NOTE)
    second = batch(src, out, "--corrections", str(filled))
    assert second.returncode == 0, second.stderr
    assert "1 rendered, 2 skipped, 0 failed; portfolio rendered" in second.stdout
    assert "1 correction(s) applied" in second.stdout
    page = (out / PAGE).read_text(encoding="utf-8")
    assert '<span class="corrected"' in page and f"人工校正：{CORRECTION_NOTE}" in page and ">1,198.20</a>" in page
    assert '<h3 id="corrections">人工校正</h3>' in page and "整体实际支出：1,198.20 万元" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'title="overall.actual">人工校正</span>' in index and "1,198.20" in index
    row = reports_row(out)
    assert row["overall_actual"] == MISSED_ACTUAL and row["corrected"] == "overall.actual"
    portfolio = (out / "portfolio.html").read_text(encoding="utf-8")
    assert "1,198.20" in portfolio  # year on year: 2022 and the corrected 2023

    # an edited note renders that page again, and only that one (and the portfolio built on it)
    fill_review(out / "review.xlsx", filled, MISSED_FILE, "overall.actual", MISSED_ACTUAL, CORRECTION_NOTE + "，已复核")
    third = batch(src, out, "--corrections", str(filled))
    assert "1 rendered, 2 skipped, 0 failed; portfolio rendered" in third.stdout
    assert f"人工校正：{CORRECTION_NOTE}，已复核" in (out / PAGE).read_text(encoding="utf-8")

    # the report is republished: the correction was written against other bytes, and is not applied
    with open(paths["miss"], "a", encoding="utf-8") as fh:
        fh.write("（本报告于2024年3月修订）\n")
    fourth = batch(src, out, "--corrections", str(filled))
    assert fourth.returncode == 0
    assert f"{MISSED_FILE} overall.actual={MISSED_ACTUAL}: not applied: the file changed" in fourth.stderr
    assert "1 rendered, 2 skipped" in fourth.stdout
    assert '<span class="corrected"' not in (out / PAGE).read_text(encoding="utf-8")
    assert reports_row(out)["corrected"] == ""


def test_render_with_corrections(tmp_path):
    paths = write_known_miss(tmp_path / "in")
    fixes = tmp_path / "c.csv"
    fixes.write_text(f"file,field,value,note\n{MISSED_FILE},overall.actual,{MISSED_ACTUAL},{CORRECTION_NOTE}\n"
                     f"{MISSED_FILE},overall.initial_budget,1300,另据批复\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "render", str(paths["miss"]), "-o",
                           str(tmp_path / "out"), "--corrections", str(fixes)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert "overall.initial_budget=1300: not applied: perflib now reads 1236.50" in proc.stderr
    html = (tmp_path / "out" / PAGE).read_text(encoding="utf-8")
    assert f"人工校正：{CORRECTION_NOTE}" in html and "另据批复" not in html
