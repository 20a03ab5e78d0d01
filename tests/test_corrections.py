"""Hand corrections (perflib/corrections.py): the file format, the values, when a row applies, and
`perflib parse --corrections`."""
import json
import subprocess
import sys
import unicodedata
from decimal import Decimal

import pytest

from review_reports import DEPARTMENT, MISSED_ACTUAL, MISSED_FILE, write_known_miss
from perflib import corrections as hand
from perflib.corrections import CorrectionsError
from perflib.pipeline import analyze, read_record
from perflib.record_json import to_dict


def write_csv(path, rows, header="file,field,value,note"):
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def miss(tmp_path):
    return write_known_miss(tmp_path / "in")["miss"]


def parse_cli(*args):
    return subprocess.run([sys.executable, "-m", "perflib.cli", "parse", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")


# --- values ------------------------------------------------------------------------------
@pytest.mark.parametrize("field,text,value", [
    ("overall.actual", "1,198.20", Decimal("1198.20")),
    ("overall.actual", "1198.2万元", Decimal("1198.2")),
    ("overall.actual", "11982000元", Decimal("1198.2")),
    ("overall.actual", "１１９８．２０", Decimal("1198.20")),  # fullwidth, as typed with a Chinese IME
    ("overall.adjustment", "−35.5", Decimal("-35.5")),
    ("overall.completion_rate", "98.5%", Decimal("98.5")),
    ("projects.adjustment_rate", "-3.2", Decimal("-3.2")),
    ("year", "2023", 2023),
    ("rating", "良好", "良"),
    ("kind", "department", "department"),
    ("score", "88.5", Decimal("88.5")),
    ("projects.count", "12", 12),
    ("department", " 青岚市河西区文化馆 ", "青岚市河西区文化馆"),
])
def test_values_as_a_reader_writes_them(field, text, value):
    got = hand.parse_value(field, text, "c.csv row 2")
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("field,text,why", [
    ("overall.actual", "约1200", "an amount"), ("overall.actual", "12%", "an amount"),
    ("overall.completion_rate", "九成", "a percent"), ("year", "23年", "a year"), ("year", "1850", "a year"),
    ("rating", "很好", "a rating"), ("kind", "部门", "a kind"), ("score", "120", "between 0 and 100"),
])
def test_unparsable_values_name_the_row(field, text, why):
    with pytest.raises(CorrectionsError) as exc:
        hand.parse_value(field, text, "c.csv row 7")
    assert str(exc.value).startswith("c.csv row 7: value") and why in str(exc.value)


# --- the file -------------------------------------------------------------------------------
def test_csv_rows_with_an_empty_value_are_skipped_and_headers_may_be_chinese(tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.actual,1198.20,目标一节所写",
                                          f"{MISSED_FILE},overall.adjusted_budget,,"],
                     header="文件,字段,校正值（correction）,说明")
    table = hand.load(path)
    assert [(c.file, c.field, c.value, c.note, c.origin) for c in table.rows] == [
        (MISSED_FILE, "overall.actual", Decimal("1198.20"), "目标一节所写", f"{path} row 2")]


def test_gbk_csv_as_excel_saves_it(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(f"file,field,value,note\n{MISSED_FILE},rating,优,自评表\n".encode("gb18030"))
    assert hand.load(path).rows[0].value == "优"


@pytest.mark.parametrize("rows,header,message", [
    (["a.txt,overall.acutal,1,x"], "file,field,value,note", "row 2: unknown field 'overall.acutal'"),
    (["a.txt,overall.actual,一千,x"], "file,field,value,note", "row 2: value '一千' for overall.actual"),
    ([",overall.actual,1,x"], "file,field,value,note", "row 2: no file"),
    (["a.txt,,1,x"], "file,field,value,note", "row 2: no field"),
    (["a.txt,overall.actual,1,x,deadbeef"], "file,field,value,note,sha256", "row 2: sha256 'deadbeef'"),
    (["a.txt,overall.actual,1,x", "a.txt,overall.actual,2,y"], "file,field,value,note",
     "row 3: a.txt overall.actual is already corrected to 1"),
    (["a.txt,1"], "file,value", "needs the columns file, field, value"),
])
def test_invalid_files_are_one_sentence_naming_file_and_row(tmp_path, rows, header, message):
    path = write_csv(tmp_path / "c.csv", rows, header)
    with pytest.raises(CorrectionsError) as exc:
        hand.load(path)
    assert str(exc.value).startswith(str(path)) and message in str(exc.value)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("name,data,message", [
    ("c.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "password-protected workbook or an Excel 97–2003 .xls"),
    ("c.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "save it as .xlsx without a password, or as CSV"),
    ("c.xlsx", b"PK\x03\x04" + bytes(40), "damaged or not an .xlsx"),  # cut short in a download
])
def test_a_workbook_that_cannot_be_read_says_what_to_do(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorrectionsError) as exc:
        hand.load(path)
    assert str(exc.value).startswith(str(path)) and message in str(exc.value) and "\n" not in str(exc.value)


def test_the_same_row_twice_counts_once(tmp_path):
    path = write_csv(tmp_path / "c.csv", ["a.txt,overall.actual,1.0,x", "a.txt,overall.actual,1.00,y"])
    assert len(hand.load(path).rows) == 1


def test_names_match_whole_path_parts_from_the_end():
    assert hand.name_matches("a.txt", "/data/2021/a.txt")
    assert hand.name_matches("2021/a.txt", "/data/2021/a.txt")
    assert hand.name_matches("2021\\a.txt", "/data/2021/a.txt")
    assert not hand.name_matches("1/a.txt", "/data/2021/a.txt")
    assert not hand.name_matches("xa.txt", "/data/a.txt")


def test_names_match_as_the_file_system_compares_them(monkeypatch):
    """macOS and Windows ignore case in file names ('报告.PDF' is the file 报告.pdf there, as the user
    sees it) and macOS may give a name decomposed: a row typed so named no report. Linux tells case apart."""
    decomposed = unicodedata.normalize("NFD", "Café 报告.txt")
    assert decomposed != "Café 报告.txt" and hand.name_matches("Café 报告.txt", f"/data/{decomposed}")
    monkeypatch.setattr(hand, "FOLD_CASE", False)
    assert not hand.name_matches("报告.PDF", "/data/2021/报告.pdf")
    monkeypatch.setattr(hand, "FOLD_CASE", True)
    assert hand.name_matches("报告.PDF", "/data/2021/报告.pdf")
    assert hand.name_matches("Q1\\报告.PDF", "/data/q1/报告.pdf")
    assert not hand.name_matches("报告.PDF", "/data/2021/报告2.pdf")


# --- applying -------------------------------------------------------------------------------
def test_a_correction_fills_the_field_before_the_checks(miss, tmp_path):
    before = read_record(miss)
    assert before.overall.actual is None and before.corrected == []
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.actual,\"1,198.20\",写在绩效目标一节",
                                          "other.txt,overall.actual,5,不是这份"])
    rec = read_record(miss, corrections=path)
    assert rec.overall.actual == Decimal(MISSED_ACTUAL)
    assert rec.evidence["overall.actual"] == "人工校正：写在绩效目标一节"
    assert rec.corrected == ["overall.actual"]
    assert [o.status for o in rec.correction_outcomes] == ["applied"]
    assert not any(u.amount == Decimal(MISSED_ACTUAL) for u in rec.unread)  # taken now, by hand
    # the checks see the corrected figure: projects within overall is now checked (402.30 ≤ 1198.20)
    by_id = {c.id: c for c in rec.checks}
    assert {c.id: c.status for c in before.checks}["projects.within_overall"] == "skip"
    assert by_id["projects.within_overall"].status == "ok"
    d = to_dict(rec)
    assert d["corrected"] == ["overall.actual"] and d["overall"]["actual"] == 1198.2
    assert json.loads(json.dumps(d, ensure_ascii=False))["corrected"] == ["overall.actual"]


def test_analyze_takes_rows_as_data(miss):
    a = analyze(miss, corrections=[{"file": MISSED_FILE, "field": "overall.actual", "value": MISSED_ACTUAL,
                                    "note": "目标一节"}])
    assert a.record.overall.actual == Decimal(MISSED_ACTUAL)
    assert a.metrics.value("basic.actual") == Decimal(MISSED_ACTUAL) - Decimal("402.30")


def test_a_value_perflib_reads_itself_is_redundant(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.initial_budget,1236.5,重复"])
    rec = read_record(miss, corrections=path)
    assert [o.status for o in rec.correction_outcomes] == ["redundant"]
    assert rec.corrected == [] and rec.evidence["overall.initial_budget"] != "人工校正：重复"
    assert hand.problems(rec.correction_outcomes) == []  # said in the review sheet only


def test_a_field_perflib_now_reads_otherwise_is_not_applied(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.initial_budget,1300,另据预算批复"])
    rec = read_record(miss, corrections=path)
    assert rec.overall.initial_budget == Decimal("1236.50") and rec.corrected == []
    [o] = rec.correction_outcomes
    assert o.status == "reads_other" and o.detail == "1236.50"
    assert "not applied: perflib now reads 1236.50" in hand.problems([o])[0]


def test_read_column_says_what_the_correction_replaces(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.initial_budget,1300,另据预算批复,1236.50"],
                     header="file,field,value,note,read")
    rec = read_record(miss, corrections=path)
    assert rec.overall.initial_budget == Decimal("1300") and rec.corrected == ["overall.initial_budget"]
    assert rec.correction_outcomes[0].before == Decimal("1236.50")


def test_a_changed_file_is_stale(miss, tmp_path):
    sha = read_record(miss).source.sha256
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.actual,1198.20,目标一节,{sha}"],
                     header="file,field,value,note,sha256")
    assert read_record(miss, corrections=path).corrected == ["overall.actual"]
    with open(miss, "a", encoding="utf-8") as fh:
        fh.write("（修订）\n")
    rec = read_record(miss, corrections=path)
    assert rec.overall.actual is None and rec.corrected == []
    [o] = rec.correction_outcomes
    assert o.status == "file_changed"
    assert "the file changed since the correction was written" in o.message()


def test_a_row_may_name_the_report_by_sha256(miss, tmp_path):
    sha = read_record(miss).source.sha256
    rec = read_record(miss, corrections=write_csv(tmp_path / "c.csv", [f"{sha.upper()},rating,优,复核后"]))
    assert rec.rating == "良"  # perflib reads 良: a row with no `read` does not override it
    rec = read_record(miss, corrections=write_csv(tmp_path / "d.csv", [f"{sha},rating,优,复核后,良"],
                                                  header="file,field,value,note,read"))
    assert rec.rating == "优" and rec.corrected == ["rating"]


def test_kind_is_corrected_whatever_perflib_judged(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(f"{DEPARTMENT}2023年度项目支出绩效自评报告\n2023年度项目支出实际支出402.30万元。\n", encoding="utf-8")
    assert read_record(path).kind == "project"
    rec = read_record(path, corrections=write_csv(tmp_path / "c.csv", ["notice.txt,kind,department,实为部门报告"]))
    assert rec.kind == "department" and rec.corrected == ["kind"]


def test_a_manifest_override_wins_over_a_correction(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},year,2024,错年"], header="file,field,value,note")
    assert read_record(miss, corrections=write_csv(tmp_path / "d.csv", [f"{MISSED_FILE},year,2024,错年,2023"],
                                                   header="file,field,value,note,read")).year == 2024
    rec = read_record(miss, year=2025, corrections=path)
    assert rec.year == 2025 and "year" not in rec.corrected


def test_the_filled_review_sheet_is_a_corrections_file(tmp_path):
    from perflib.present.review_sheet import csv_text, xlsx_bytes
    from perflib.review import REVIEW_COLUMNS

    row = {k: "" for k in REVIEW_COLUMNS} | {"priority": 1, "category": "核心数字可能漏读", "file": MISSED_FILE,
                                             "field": "overall.actual", "suggestion": "1198.20", "year": 2023,
                                             "correction": "1198.20", "note": "目标一节"}
    empty = row | {"field": "overall.adjusted_budget", "correction": "", "note": ""}
    (tmp_path / "review.csv").write_text(csv_text([row, empty]), encoding="utf-8")
    (tmp_path / "review.xlsx").write_bytes(xlsx_bytes([row, empty]))
    for name in ("review.csv", "review.xlsx"):
        [c] = hand.load(tmp_path / name).rows
        assert (c.file, c.field, c.value, c.note) == (MISSED_FILE, "overall.actual", Decimal("1198.20"), "目标一节")


def test_two_rows_naming_the_report_differently_may_not_give_one_figure_two_values(miss, tmp_path):
    """By its name and by its path (or its SHA-256): the first row had silently won, and the other was
    reported as "perflib now reads" the first one's value."""
    sha = read_record(miss).source.sha256
    for other in (f"in/{MISSED_FILE}", sha):
        path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.actual,1198.20,甲", f"{other},overall.actual,1000,乙"])
        with pytest.raises(CorrectionsError, match=r"c.csv row 3: .*overall.actual=1000 contradicts .*c.csv row 2"):
            read_record(miss, corrections=path)
        proc = parse_cli(miss, "--corrections", path)
        assert proc.returncode == 2 and "contradicts" in proc.stderr and "Traceback" not in proc.stderr
    same = write_csv(tmp_path / "d.csv", [f"{MISSED_FILE},overall.actual,1198.20,甲", f"in/{MISSED_FILE},overall.actual,1198.2,乙"])
    assert read_record(miss, corrections=same).overall.actual == Decimal("1198.20")  # the same value twice: fine
    # a row written against other bytes is not in force: it contradicts nothing
    stale = write_csv(tmp_path / "e.csv", [f"{MISSED_FILE},overall.actual,1000,甲,{'a' * 64}", f"in/{MISSED_FILE},overall.actual,1198.2,乙,"],
                      header="file,field,value,note,sha256")
    rec = read_record(miss, corrections=stale)
    assert rec.overall.actual == Decimal("1198.2") and [o.status for o in rec.correction_outcomes] == ["file_changed", "applied"]


def test_a_percent_typed_in_excel_is_the_percent_it_shows(miss, tmp_path):
    """Excel holds 98.5% as 0.985: read as 0.985 %, a rate was corrected a hundred times too small."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["file", "field", "value", "note"])
    ws.append([MISSED_FILE, "overall.completion_rate", 0.985, "复核"])
    ws.append([MISSED_FILE, "score", 88.5, "复核"])
    ws.append([MISSED_FILE, "projects.completion_rate", 97.25, "复核"])
    ws.append([MISSED_FILE, "overall.adjustment_rate", 4.5, "复核"])
    ws["C2"].number_format = "0.0%"
    ws["C4"].number_format = '0.00" %"'  # a % written as text: the cell shows 97.25 %
    ws["C5"].number_format = "0.00_);[Red](0.00%)"  # a % only in the negative section
    wb.save(tmp_path / "c.xlsx")
    rows = {c.field: c.value for c in hand.load(tmp_path / "c.xlsx").rows}
    assert rows == {"overall.completion_rate": Decimal("98.5"), "score": Decimal("88.5"),
                    "projects.completion_rate": Decimal("97.25"), "overall.adjustment_rate": Decimal("4.5")}


# --- the command line -------------------------------------------------------------------------
def test_parse_with_corrections(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.actual,1198.20,目标一节",
                                          f"{MISSED_FILE},overall.initial_budget,1300,另据批复"])
    proc = parse_cli(miss, "--corrections", path)
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["overall"]["actual"] == 1198.2 and d["corrected"] == ["overall.actual"]
    assert d["evidence"]["overall.actual"] == "人工校正：目标一节"
    stale = [line for line in proc.stderr.splitlines() if "not applied" in line]
    assert stale == [f"perflib: {path} row 3: {MISSED_FILE} overall.initial_budget=1300: not applied: "
                     "perflib now reads 1236.50 (the correction was written when it read nothing)"]


def test_parse_says_when_no_row_names_the_report(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", ["2023_typo.txt,overall.actual,1198.20,目标一节"])
    proc = parse_cli(miss, "--corrections", path)
    assert proc.returncode == 0 and json.loads(proc.stdout)["overall"]["actual"] is None
    assert proc.stderr.strip() == (f"perflib: {path}: no row names {MISSED_FILE} (by its name, a path ending in it, "
                                   "or its SHA-256): nothing corrected")


def test_parse_with_a_bad_corrections_file_exits_2(miss, tmp_path):
    path = write_csv(tmp_path / "c.csv", [f"{MISSED_FILE},overall.actual,一千一百,目标一节"])
    proc = parse_cli(miss, "--corrections", path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == (f"perflib: {path} row 2: value '一千一百' for overall.actual is not an amount "
                                   "in 万元 (e.g. 1,848.31)")
    missing = parse_cli(miss, "--corrections", tmp_path / "nope.csv")
    assert missing.returncode == 2 and "no such corrections file" in missing.stderr
    assert "Traceback" not in proc.stderr + missing.stderr


def test_minus_zero_is_zero_and_a_folder_is_no_corrections_file(tmp_path):
    from perflib.corrections import CorrectionsError, load, parse_value

    assert str(parse_value("overall.actual", "-0")) == "0" and str(parse_value("score", "-0.0")) == "0.0"
    with pytest.raises(CorrectionsError, match="a folder, not a corrections file"):
        load(tmp_path)
