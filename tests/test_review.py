"""The review sheet's items (perflib/review.py) and files (perflib/present/review_sheet.py)."""
import csv
from decimal import Decimal

from openpyxl import load_workbook

from review_reports import MISSED_ACTUAL, MISSED_FILE, write_known_miss
from perflib import review
from perflib.model import Unread
from perflib.pipeline import read_record
from perflib.present.review_sheet import write_review
from perflib.review import guess_field, record_items, sort_items


def test_an_unread_amount_after_a_known_label_names_its_field():
    assert guess_field(Unread("全年实际支出1,198.20万元，完成年度目标。", Decimal("1198.20"))) == (
        "overall.actual", "全年实际支出")
    # an aside inside the label, and the figure's block from the block word before it
    assert guess_field(Unread("年初预算500万元，全年(调整)预算数620.5万元", Decimal("620.5")))[0] == "overall.adjusted_budget"
    assert guess_field(Unread("其中项目支出年初预算 41.2 万元", Decimal("41.2")))[0] == "projects.initial_budget"
    assert guess_field(Unread("基本支出决算数为3,120,000元", Decimal("312")))[0] == "basic.actual"


def test_an_unread_amount_of_another_year_or_without_a_label_names_nothing():
    assert guess_field(Unread("较上年实际支出1,100.00万元增长8%", Decimal("1100"))) is None
    assert guess_field(Unread("全镇本级收入实现111.11万元", Decimal("111.11"))) is None
    assert guess_field(Unread("部门整体支出总额\t864.2\t100%", Decimal("864.2"))) is None


def test_a_known_miss_is_the_first_row(tmp_path):
    paths = write_known_miss(tmp_path / "in")
    rec = read_record(paths["miss"])
    rows = sort_items(record_items(rec))
    first = rows[0]
    assert (first["category"], first["field"], first["read"], first["suggestion"]) == (
        "核心数字可能漏读", "overall.actual", "", MISSED_ACTUAL)
    assert "全年实际支出1,198.20万元" in first["evidence"] and first["correction"] == "" == first["note"]
    assert first["sha256"] == rec.source.sha256 and first["year"] == 2023
    # the adjusted budget and the completion rate are not stated at all: missing, with no suggestion
    missing = {r["field"] for r in rows if r["category"] == "核心数字缺失"}
    assert missing == {"overall.adjusted_budget", "overall.completion_rate"}
    assert [r["priority"] for r in rows] == sorted(r["priority"] for r in rows)


def test_checks_warnings_and_corrections_become_rows(tmp_path):
    paths = write_known_miss(tmp_path / "in")
    path = tmp_path / "c.csv"
    path.write_text(f"file,field,value,note\n{MISSED_FILE},overall.actual,100,写错的校正\n"
                    f"{MISSED_FILE},projects.actual,402.3,多余\n", encoding="utf-8")
    rec = read_record(paths["miss"], corrections=path)
    rows = record_items(rec)
    by = {(r["category"], r["field"]) for r in rows}
    # 100 万元 overall is less than the projects' 402.30: a failed check, on the corrected figure
    assert ("核对不符", "projects.actual") in by  # the figure the check holds to the whole
    applied = next(r for r in rows if r["category"] == "已人工校正")
    assert (applied["field"], applied["correction"], applied["note"], applied["read"]) == (
        "overall.actual", "100", "写错的校正", "")
    redundant = next(r for r in rows if r["category"] == "校正多余")
    assert redundant["field"] == "projects.actual" and "可删除" in redundant["reason"]


def test_failures_and_unmatched_corrections(tmp_path):
    from perflib.corrections import Correction, Outcome

    items = review.failure_items([
        {"source": "/d/bad.pdf", "stage": "read", "exit_code": 2, "error": "/d/bad.pdf: damaged"},
        {"source": "/d/proj.txt", "stage": "read", "exit_code": 3, "error": "a project report", "kind": "project",
         "review": [review.item("core_missing", file="/d/proj.txt", field="overall.initial_budget")]},
        {"source": "/d", "stage": "portfolio", "exit_code": 1, "error": "x"}])
    assert [(r["category"], r["field"], r["read"]) for r in items] == [
        ("报告未能处理", "", ""), ("非部门整体报告", "kind", "project")]  # a project's figures: no row asks for them
    c = Correction("gone.txt", "overall.actual", Decimal(5), "5", "n", origin="c.csv row 4")
    row = review.outcome_item(Outcome(c, "absent"))
    assert row["category"] == "校正未采用" and row["correction"] == "5" and "c.csv row 4" in row["reason"]
    for r in items:  # the batch's folder exists; its reports may sit in subfolders
        r["file"] = str(tmp_path / "2023" / r["file"].rsplit("/", 1)[-1])
    review.relative_files(items, tmp_path, [str(tmp_path / "2023" / "bad.pdf"), str(tmp_path / "2023" / "proj.txt")])
    assert [r["file"] for r in items] == ["2023/bad.pdf", "2023/proj.txt"]


def test_the_sheet_files(tmp_path):
    paths = write_known_miss(tmp_path / "in")
    rows = write_review(tmp_path, record_items(read_record(paths["miss"])))
    with open(tmp_path / "review.csv", encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert list(got[0]) == review.REVIEW_COLUMNS
    for needed in ("file", "department", "year", "field", "read", "evidence", "reason", "correction", "note"):
        assert needed in review.REVIEW_COLUMNS
    assert [g["field"] for g in got] == [r["field"] for r in rows]
    ws = load_workbook(tmp_path / "review.xlsx").active
    headers = [c.value for c in ws[1]]
    assert headers[review.REVIEW_COLUMNS.index("correction")] == "校正值（correction）"
    assert ws.cell(row=2, column=review.REVIEW_COLUMNS.index("suggestion") + 1).value == MISSED_ACTUAL
    assert ws.max_row == len(rows) + 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_check_of_the_rating_or_the_score_names_the_figure_so_the_row_can_be_filled_as_it_stands(tmp_path):
    """rating.matches_score and indicators.score_total rows had no field, no read, no evidence: filled
    as they stood they gave "no field", and with a field only "perflib now reads 优"."""
    path = tmp_path / "r.txt"
    path.write_text("青禾县林业局2023年度部门整体支出绩效自评报告\n2023年度实际支出 80.00 万元。\n"
                    "经自评，自评得分87分，自评等级为优。\n", encoding="utf-8")
    rec = read_record(path)
    [row] = [r for r in record_items(rec) if r["category"] == "核对不符"]
    assert (row["field"], row["read"]) == ("rating", "优") and "优" in row["evidence"]
    fixed = read_record(path, corrections=[{"file": "r.txt", "field": row["field"], "value": "良", "note": "按得分",
                                            "read": row["read"]}])
    assert fixed.rating == "良" and fixed.corrected == ["rating"]


def test_origins_move_all_at_once_not_one_after_another():
    """Two rows moved down by one (3 → 4, 4 → 5): the first rewritten to row 4 was then taken for the second."""
    from perflib.run.review import refresh_origins

    d = lambda field, origin: {"file": "a.txt", "field": field, "value": "1", "note": "", "read": "", "origin": origin}
    rows = {"corrections": [d("overall.actual", "f.csv row 3"), d("overall.initial_budget", "f.csv row 4")],
            "correction_problems": ["f.csv row 3: a.txt overall.actual=1: not applied", "f.csv row 4: a.txt overall.initial_budget=1: not applied"],
            "review": [{"reason": "不同（f.csv row 3）"}, {"reason": "不同（f.csv row 4）"}]}
    now = {tuple(str(x[k] or "") for k in ("file", "field", "value", "note", "read")): o
           for x, o in ((rows["corrections"][0], "f.csv row 4"), (rows["corrections"][1], "f.csv row 5"))}
    refresh_origins(rows, now)
    assert [c["origin"] for c in rows["corrections"]] == ["f.csv row 4", "f.csv row 5"]
    assert [p.split(":")[0] for p in rows["correction_problems"]] == ["f.csv row 4", "f.csv row 5"]
    assert [r["reason"] for r in rows["review"]] == ["不同（f.csv row 4）", "不同（f.csv row 5）"]


def test_an_origin_with_brackets_of_its_own_is_renamed_too():
    from perflib.run.review import refresh_origins

    d = {"file": "a.txt", "field": "overall.actual", "value": "1", "note": "", "read": "", "origin": "复核表（终稿）.xlsx row 3"}
    rows = {"corrections": [d], "correction_problems": [], "review": [{"reason": "已采用（复核表（终稿）.xlsx row 3）"}]}
    refresh_origins(rows, {("a.txt", "overall.actual", "1", "", ""): "复核表（终稿）.xlsx row 4"})
    assert rows["review"][0]["reason"] == "已采用（复核表（终稿）.xlsx row 4）"


def test_a_label_run_on_with_words_of_its_own_still_suggests_its_field(tmp_path):
    """"年初预算安排资金额度合计 5,230.00 万元": unread, and listed as a missing figure with no suggestion."""
    path = tmp_path / "r.txt"
    path.write_text("青禾县林业局2023年度部门整体支出绩效自评报告\n"
                    "2023年度年初预算安排资金额度合计 5,230.00 万元，全年实际支出 5,100.00 万元。\n", encoding="utf-8")
    rec = read_record(path)
    [row] = [r for r in record_items(rec) if r["field"] == "overall.initial_budget"]
    assert (row["category"], row["suggestion"]) == ("核心数字可能漏读", "5230.00")
