"""`perflib batch` and the analyst's loop, without papermill: the review sheet, corrections read back
from it, which pages render again, and corrections that no longer fit.

The renderer is replaced by a fast one (as in test_batch.py) that records the corrections each job
was given; test_batch_review_e2e.py runs the real notebook.
"""
import argparse
import csv
import shutil
from pathlib import Path

import pytest

from review_reports import DEPARTMENT, MISSED_ACTUAL, MISSED_FILE, fill_review, write_known_miss
from perflib import cli
from perflib.run import batch
from perflib.run.batch import run_batch
from perflib.run.jobs import Job, JobResult
from perflib.run.outfiles import write_atomic
from perflib.store import load_dataset

NOTE = "见绩效目标一节：全年实际支出"


@pytest.fixture
def fake_render(monkeypatch):
    calls = {}

    def render_job(job: Job) -> JobResult:
        calls[Path(job.source).name if job.kind == "report" else "PORTFOLIO"] = list(job.corrections)
        # (a page's head names perflib, as a rendered page's does)
        path = write_atomic(Path(job.outdir) / job.output_name,
                            f'<html><head><meta name="generator" content="perflib"></head>{job.source}</html>')
        return JobResult(job.source, "rendered", job.output_name, str(path))

    monkeypatch.setattr(batch, "render_job", render_job)
    return calls


def args(source, out, corrections=None):
    return argparse.Namespace(source=str(source), outdir=str(out), jobs=1, force=False, corrections=corrections)


def review_rows(out: Path) -> list[dict]:
    with open(out / "review.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def report_row(out: Path, department=DEPARTMENT, year="2023") -> dict:
    with open(out / "reports.csv", encoding="utf-8-sig", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if r["department"] == department and r["year"] == year)


def test_fill_the_review_sheet_and_rerun(tmp_path, fake_render, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    assert run_batch(args(src, out)) == 0
    first = review_rows(out)[0]
    assert (first["file"], first["field"], first["suggestion"], first["correction"]) == (
        MISSED_FILE, "overall.actual", MISSED_ACTUAL, "")
    assert report_row(out)["overall_actual"] == "" and report_row(out)["corrected"] == ""

    filled = tmp_path / "filled.xlsx"
    fill_review(out / "review.xlsx", filled, MISSED_FILE, "overall.actual", first["suggestion"], NOTE)
    fake_render.clear()
    assert run_batch(args(src, out, filled)) == 0
    assert set(fake_render) == {"PORTFOLIO", MISSED_FILE}  # the corrected page only, and the portfolio
    [fix] = fake_render[MISSED_FILE]
    assert (fix["field"], fix["value"], fix["note"]) == ("overall.actual", MISSED_ACTUAL, NOTE)
    assert "1 correction(s) applied" in capsys.readouterr().out

    row = report_row(out)
    assert row["overall_actual"] == MISSED_ACTUAL and row["corrected"] == "overall.actual"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="corrected"') == 1 and "1,198.20" in index
    reports = load_dataset(out / batch.DATASET_FILE).reports  # what the portfolio reads
    [r] = reports[reports["year"] == 2023].to_dict("records")
    assert r["overall_actual"] == 1198.2 and r["corrected"] == "overall.actual"
    state = batch.load_state(out)
    [page] = [p for p in state["pages"].values() if p["source"].endswith(MISSED_FILE)]
    assert [(c["field"], c["value"], c["note"]) for c in page["corrections"]] == [("overall.actual", MISSED_ACTUAL, NOTE)]

    # the new sheet carries the correction forward: passed back as it is, nothing changes
    carried = [r for r in review_rows(out) if r["category"] == "已人工校正"]
    assert [(r["file"], r["field"], r["correction"], r["note"]) for r in carried] == [
        (MISSED_FILE, "overall.actual", MISSED_ACTUAL, NOTE)]
    assert not any(r["field"] == "overall.actual" and r["category"] == "核心数字可能漏读" for r in review_rows(out))
    fake_render.clear()
    assert run_batch(args(src, out, out / "review.xlsx")) == 0
    assert fake_render == {}

    # editing the correction renders that page again, and only that page (and the portfolio)
    fill_review(out / "review.xlsx", filled, MISSED_FILE, "overall.actual", "1198.2", NOTE + "（复核）")
    assert run_batch(args(src, out, filled)) == 0
    assert set(fake_render) == {"PORTFOLIO", MISSED_FILE}


def test_the_sheet_passed_back_or_renamed_says_its_corrections_are_applied(tmp_path, fake_render, capsys):
    """The review sheet is written anew each run: a correction stands at another row, or in a file of
    another name. A report read before keeps its correction, and says so: it was reported "not applied:
    no report in the batch is that file", and the sheet listed it twice (校正未采用 and 已人工校正)."""
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    run_batch(args(src, out))
    fill_review(out / "review.xlsx", out / "review.xlsx", MISSED_FILE, "overall.actual", MISSED_ACTUAL, NOTE)
    assert run_batch(args(src, out, out / "review.xlsx")) == 0
    capsys.readouterr()
    renamed = tmp_path / "复核-定稿.xlsx"
    for passed in (out / "review.xlsx", out / "review.xlsx", renamed):
        if passed == renamed:
            shutil.copy(out / "review.xlsx", renamed)
        fake_render.clear()
        assert run_batch(args(src, out, passed)) == 0
        cap = capsys.readouterr()
        assert fake_render == {} and "not applied" not in cap.err and "1 correction(s) applied" in cap.out
        rows = review_rows(out)
        assert not [r for r in rows if r["category"] == "校正未采用"]
        [carried] = [r for r in rows if r["category"] == "已人工校正"]
        assert passed.name in carried["reason"]  # the row it stands at now
    assert report_row(out)["overall_actual"] == MISSED_ACTUAL


def test_a_page_no_report_is_any_more_goes(tmp_path, fake_render):
    """A department or year corrected (then withdrawn) renames a page: the old one, linked from nowhere,
    was left to be mailed out. A page perflib did not make stays."""
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    run_batch(args(src, out))
    before = {p.name for p in out.glob("20*.html")}
    (out / "2019_mine.html").write_text("<html>an analyst's own page</html>", encoding="utf-8")
    fixes = tmp_path / "c.csv"
    fixes.write_text(f"file,field,value,note,read\n{MISSED_FILE},year,2021,错年,2023\n", encoding="utf-8")
    run_batch(args(src, out, fixes))
    moved = {p.name for p in out.glob("20*.html")} - {"2019_mine.html"}
    assert {n[:4] for n in moved} == {"2021", "2022"} and len(moved) == len(before) == 2
    fixes.write_text("file,field,value,note\n", encoding="utf-8")  # withdrawn
    run_batch(args(src, out, fixes))
    assert {p.name for p in out.glob("20*.html")} == before | {"2019_mine.html"}


def test_rows_naming_one_report_differently_with_two_values_stop_the_batch_before_reading(tmp_path, fake_render, capsys):
    from perflib.dataset import sha256_file

    src, out = tmp_path / "in", tmp_path / "out"
    paths = write_known_miss(src)
    fixes = tmp_path / "c.csv"
    fixes.write_text(f"file,field,value,note\n{MISSED_FILE},overall.actual,100,甲\n"
                     f"{sha256_file(paths['miss'])},overall.actual,200,乙\n", encoding="utf-8")
    assert cli.main(["batch", str(src), "-o", str(out), "--corrections", str(fixes)]) == 2
    err = capsys.readouterr().err
    assert "contradicts" in err and "Traceback" not in err and not out.exists() and fake_render == {}


def test_a_stale_correction_is_reported_not_applied(tmp_path, fake_render, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = write_known_miss(src)
    run_batch(args(src, out))
    filled = tmp_path / "filled.xlsx"
    row = fill_review(out / "review.xlsx", filled, MISSED_FILE, "overall.actual", MISSED_ACTUAL, NOTE)
    assert row["sha256"]  # the sheet records which bytes the correction was written against
    run_batch(args(src, out, filled))
    capsys.readouterr()

    with open(paths["miss"], "a", encoding="utf-8") as fh:  # the department republishes its report
        fh.write("（2024年3月修订）\n")
    fake_render.clear()
    assert run_batch(args(src, out, filled)) == 0
    err = capsys.readouterr().err
    assert f"{MISSED_FILE} overall.actual={MISSED_ACTUAL}: not applied: the file changed" in err
    assert fake_render[MISSED_FILE] == []  # rendered again (new bytes), without the correction
    assert report_row(out)["overall_actual"] == "" and report_row(out)["corrected"] == ""
    unused = [r for r in review_rows(out) if r["category"] == "校正未采用"]
    assert [(r["field"], r["correction"]) for r in unused] == [("overall.actual", MISSED_ACTUAL)]
    assert "SHA-256 不同" in unused[0]["reason"] and unused[0]["sha256"] == row["sha256"]  # stays stale


def test_default_corrections_file_absent_and_ambiguous_rows(tmp_path, fake_render, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    (src / "2023").mkdir()
    shutil.copy(src / MISSED_FILE, src / "2023" / MISSED_FILE)  # the same name twice, in two folders
    (src / "corrections.csv").write_text(
        "file,field,value,note\n"
        f"{MISSED_FILE},overall.actual,1198.20,两份同名\n"
        f"2023/{MISSED_FILE},overall.actual,1198.20,子文件夹里的那份\n"
        "gone.txt,rating,优,已删除的报告\n", encoding="utf-8")
    assert run_batch(args(src, out)) == 0  # corrections.csv in the folder is used, and is no report
    err = capsys.readouterr().err
    assert f"row 2: {MISSED_FILE} overall.actual=1198.20: not applied: the name matches several reports" in err
    assert "row 4: gone.txt rating=优: not applied: no report in the batch is that file" in err
    rows = review_rows(out)
    assert {r["reason"].split("，")[0] for r in rows if r["category"] == "校正未采用"} == {
        "批量处理的文件中没有这份报告", f"文件名对应多份报告（2023/{MISSED_FILE}, {MISSED_FILE}）"}
    # the copy in 2023/ is the same bytes as the other: one page, and the row naming its path applies
    assert report_row(out)["corrected"] == "overall.actual"


def test_a_bad_corrections_row_stops_the_batch_before_anything(tmp_path, fake_render, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    bad = tmp_path / "c.csv"
    bad.write_text(f"file,field,value,note\n{MISSED_FILE},overall.actual,约一千二百万,估计\n", encoding="utf-8")
    assert cli.main(["batch", str(src), "-o", str(out), "--corrections", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (f"perflib: {bad} row 2: value '约一千二百万' for overall.actual is not an amount in 万元 "
                           "(e.g. 1,848.31)")
    assert fake_render == {} and not out.exists()


def test_a_file_judged_not_a_report_can_be_corrected_into_one(tmp_path, fake_render, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "notice.txt").write_text(f"{DEPARTMENT}2023年度项目支出绩效自评报告\n2023年度项目支出实际支出402.30万元。\n",
                                    encoding="utf-8")
    assert run_batch(args(src, out)) == 0  # not a department report: listed, not failed
    [row] = [r for r in review_rows(out) if r["category"] == "非部门整体报告"]
    assert (row["file"], row["field"], row["read"]) == ("notice.txt", "kind", "project")
    filled = tmp_path / "filled.xlsx"
    fill_review(out / "review.xlsx", filled, "notice.txt", "kind", "department", "标题写错，实为部门整体报告")
    assert run_batch(args(src, out, filled)) == 0
    assert "notice.txt" in fake_render and report_row(out)["corrected"] == "kind"


def test_a_row_naming_a_report_in_other_case_applies_where_file_names_ignore_case(tmp_path, fake_render,
                                                                                   monkeypatch):
    """On macOS and Windows an analyst typing 2023_WENHUAGUAN.TXT names 2023_wenhuaguan.txt: the row
    was 'absent' (the batch indexes the rows by file name)."""
    from perflib import corrections
    monkeypatch.setattr(corrections, "FOLD_CASE", True)
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    fixes = tmp_path / "c.csv"
    fixes.write_text(f"file,field,value,note\n{MISSED_FILE.upper()},overall.actual,{MISSED_ACTUAL},{NOTE}\n",
                     encoding="utf-8")
    assert run_batch(args(src, out, str(fixes))) == 0
    assert report_row(out)["corrected"] == "overall.actual"
    assert fake_render[MISSED_FILE][0]["value"] == MISSED_ACTUAL


def test_the_conflict_check_hashes_only_the_reports_a_row_names_by_name(tmp_path, monkeypatch):
    """A row by SHA-256 made the batch hash every report of the folder before reading any (again)."""
    from perflib.dataset import discover
    from perflib.run import review

    src = tmp_path / "in"
    write_known_miss(src)
    for n in range(5):
        (src / f"other{n}.txt").write_text(f"其他{n}", encoding="utf-8")
    fixes = tmp_path / "c.csv"
    fixes.write_text(f"file,field,value,note\n{'a' * 64},overall.actual,1,甲\n{MISSED_FILE},overall.actual,2,乙\n",
                     encoding="utf-8")
    hashed = []
    real = review.sha256_file
    monkeypatch.setattr(review, "sha256_file", lambda p: hashed.append(Path(p).name) or real(p))
    review.load_for_batch(args(src, tmp_path / "out", fixes), discover(src))
    assert hashed == [MISSED_FILE]


def test_a_filled_sheet_not_passed_back_is_kept_aside_not_written_over(tmp_path, fake_render, capsys):
    """The analyst fills OUTDIR/review.xlsx in place, then runs `make report` (no --corrections):
    the batch wrote a new sheet over it and every correction was gone. It is set aside, and said;
    the sheet passed back, or one nobody filled, is written over as before."""
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    assert run_batch(args(src, out)) == 0
    sheet = out / "review.xlsx"
    assert run_batch(args(src, out)) == 0 and sorted(p.name for p in out.glob("review*")) == ["review.csv",
                                                                                              "review.xlsx"]
    first = review_rows(out)[0]
    fill_review(sheet, tmp_path / "filled.xlsx", MISSED_FILE, "overall.actual", first["suggestion"], NOTE)
    shutil.copy(tmp_path / "filled.xlsx", sheet)  # filled in place
    capsys.readouterr()

    assert run_batch(args(src, out)) == 0
    err = capsys.readouterr().err
    [kept] = out.glob("review-已填-*.xlsx")
    assert kept.read_bytes() == (tmp_path / "filled.xlsx").read_bytes()
    assert f"{sheet} holds 1 correction(s) not passed back with --corrections: kept as {kept.name}" in err
    assert review_rows(out)[0]["correction"] == ""  # this run's sheet, with nothing applied

    shutil.copy(kept, sheet)
    assert run_batch(args(src, out, str(sheet))) == 0  # passed back: applied, and the new sheet replaces it
    assert "not passed back" not in capsys.readouterr().err and len(list(out.glob("review-已填-*"))) == 1
    assert report_row(out)["overall_actual"] == MISSED_ACTUAL


def test_a_filled_sheet_with_a_bad_row_is_kept_aside_too(tmp_path, fake_render, capsys):
    """A sheet whose rows perflib cannot all read back (one value mistyped) was taken for an empty one
    and written over: every correction in it was lost."""
    src, out = tmp_path / "in", tmp_path / "out"
    write_known_miss(src)
    assert run_batch(args(src, out)) == 0
    rows = review_rows(out)
    rows[0]["correction"] = "1,198.2万万"  # a slip of the keyboard
    with open(out / "review.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    typed = (out / "review.csv").read_bytes()
    capsys.readouterr()
    assert run_batch(args(src, out)) == 0
    [kept] = out.glob("review-已填-*.csv")
    assert kept.read_bytes() == typed and "cannot read back" in capsys.readouterr().err
