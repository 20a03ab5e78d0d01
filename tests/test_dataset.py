"""perflib.dataset: finding reports, the frames, and the CSV / Excel files made from them."""
import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from fixtures_files import write_corrupt_pdf, write_txt
from paths import ROOT, SEED
from perflib.dataset import (REPORT_COLUMNS, Item, csv_text, discover, frames, load_folder, read_manifest,
                             read_rows, reports_xlsx_bytes)
from perflib.errors import UnreadableInput
from perflib.pipeline import read_record

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copy(SAMPLES / "2022_jiaoyu.pdf", tmp_path / "sub" / "x.pdf") if (tmp_path / "sub").mkdir() is None else None
    write_corrupt_pdf(tmp_path / "broken.pdf")
    write_txt(tmp_path / "notice.txt", "这是一份会议通知，与预算无关。")
    (tmp_path / "readme.md").write_text("not a report", encoding="utf-8")
    write_txt(tmp_path / ".hidden" / "skip.txt", "hidden")
    (tmp_path / "sub" / "~$x.docx").write_bytes(b"\x0bsomeone" + bytes(154))  # Word's owner file of an open x.docx
    (tmp_path / "~$预算.xlsx").write_bytes(b"\x0bsomeone" + bytes(154))
    (tmp_path / "sub" / "y.wps").write_bytes(b"whatever")  # a report perflib cannot read: listed, with what to do
    return tmp_path


def test_discover_folder_recursive_skips_hidden_and_other_files(folder):
    names = sorted(p.path.rsplit("/", 1)[-1] for p in discover(folder))
    assert names == ["broken.pdf", "notice.txt", "seed.txt", "x.pdf", "y.wps"]


def test_manifest_paths_relative_to_manifest_and_overrides(tmp_path):
    (tmp_path / "m").mkdir()
    shutil.copy(SEED, tmp_path / "seed.txt")
    manifest = tmp_path / "m" / "list.csv"
    manifest.write_bytes("path,department,year\n../seed.txt,某某局,2020\n../seed.txt,,\n".encode("gb18030"))
    items = read_manifest(manifest)
    assert [i.department for i in items] == ["某某局", None]
    assert [i.year for i in items] == [2020, None]
    assert all((tmp_path / "m" / "../seed.txt").samefile(i.path) for i in items)
    rows = read_rows(items[0])["report"]
    assert (rows["department"], rows["year"]) == ("某某局", 2020)


@pytest.mark.parametrize("text, why", [("file,year\na.txt,2020\n", "path"), ("path,year\na.txt,20x0\n", "year")])
def test_bad_manifest_is_refused_with_a_reason(tmp_path, text, why):
    m = tmp_path / "m.csv"
    m.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableInput, match=why):
        discover(m)


def test_load_folder_frames(folder):
    ds = load_folder(folder)
    assert list(ds.reports.columns) == REPORT_COLUMNS
    assert len(ds.reports) == 2
    rec = read_record(folder / "seed.txt")
    seed = ds.reports[ds.reports["department"] == rec.department].iloc[0]
    assert seed["overall_actual"] == float(rec.overall.actual)
    assert seed["projects_count"] == rec.projects.count and seed["year"] == rec.year
    assert not seed["fictional"]
    assert ds.reports[ds.reports["format"] == "pdf"]["fictional"].all()
    mine = ds.tasks[ds.tasks["report_id"] == seed["report_id"]]
    assert list(mine["funds"]) == [float(t.funds) for t in rec.tasks]
    checks = ds.checks[ds.checks["report_id"] == seed["report_id"]]
    assert list(checks["status"]) == [c.status for c in rec.checks]
    assert seed["checks_warn"] == sum(c.status == "warn" for c in rec.checks)
    assert list(ds.problems[ds.problems["report_id"] == seed["report_id"]]["text"]) == rec.problems
    # the bad ones are failures with their exit codes, not rows
    fails = dict(zip(ds.failures["source"].map(lambda s: s.rsplit("/", 1)[-1]), ds.failures["exit_code"]))
    assert fails == {"broken.pdf": 2, "notice.txt": 3, "y.wps": 2}
    assert all(str(folder) in e for e in ds.failures["error"])


def test_same_file_twice_counts_once(tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    shutil.copy(SEED, tmp_path / "b.txt")
    assert len(load_folder(tmp_path).reports) == 1


@pytest.fixture(scope="module")
def seed_frames():
    return frames([read_rows(Item(str(SEED)))])


def test_csv_bom_headers_and_exact_money(seed_frames):
    text = csv_text(seed_frames.reports)
    assert text.startswith("\ufeffreport_id,department,year,")
    back = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), dtype=str)
    row = back.iloc[0]
    assert row["projects_adjustment"] == "930.80"  # 2 decimals kept, as a string
    assert row["overall_actual"] == "6364.24"
    assert row["overall_completion_rate"] == "100" and row["overall_adjustment_rate"] == "27.73"
    assert row["fictional"] == "false"
    checks = pd.read_csv(io.StringIO(csv_text(seed_frames.checks).lstrip("\ufeff")), dtype=str)
    assert list(checks.columns) == ["report_id", "department", "year", "check_id", "status", "stated", "computed",
                                    "unit", "message"]
    assert checks.set_index("check_id").loc["overall.adjustment", "stated"] == "1381.85"


def test_xlsx_headers_values_and_number_formats(seed_frames):
    reports = seed_frames.reports.assign(output="2021_x.html")
    wb = openpyxl.load_workbook(io.BytesIO(reports_xlsx_bytes(reports)))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["报告编号", "部门", "年度"]
    col = {h: i for i, h in enumerate(headers)}
    row = ws[2]
    actual = row[col["整体实际支出（万元）"]]
    assert actual.value == pytest.approx(6364.24) and actual.number_format == "#,##0.00"
    rate = row[col["整体预算调整率"]]
    assert rate.value == pytest.approx(27.73) and rate.number_format == '0.00"%"'
    assert row[col["虚构样例"]].value == "否"
    assert row[col["报告页面"]].hyperlink.target == "2021_x.html"
    back = pd.read_excel(io.BytesIO(reports_xlsx_bytes(reports)))
    assert back.loc[0, "项目个数"] == 73


def test_a_copy_of_perflibs_own_workbooks_among_the_reports_is_no_report(tmp_path, capsys):
    """A filled review sheet kept beside the reports (renamed, saved again by a spreadsheet program) gave
    a department-year of its own, its figures picked from the sheet's cells."""
    from perflib.cli import main
    from perflib.present.review_sheet import xlsx_bytes
    from perflib.dataset import reports_xlsx_bytes
    from perflib.review import item

    (tmp_path / "one").mkdir()
    shutil.copy(SEED, tmp_path / "one" / "seed.txt")
    shutil.copy(SEED, tmp_path / "seed.txt")
    rows = [item("core_missing", file="seed.txt", field="overall.actual", read="", reason="缺") | {"correction": "5,991.68"}]
    (tmp_path / "复核表-已填.xlsx").write_bytes(xlsx_bytes(rows))
    (tmp_path / "数据.xlsx").write_bytes(reports_xlsx_bytes(load_folder(tmp_path / "one").reports))
    wb = openpyxl.load_workbook(tmp_path / "复核表-已填.xlsx")  # saved again, an author of its own, a sheet added
    wb.properties.creator = "某分析员"
    wb.save(tmp_path / "saved-again.xlsx")
    wb.create_sheet("备注")
    wb.properties.creator = "perflib"
    wb.save(tmp_path / "with-a-sheet.xlsx")
    assert sorted(Path(i.path).name for i in discover(tmp_path)) == ["seed.txt", "seed.txt"]
    for name in ("复核表-已填.xlsx", "数据.xlsx", "saved-again.xlsx", "with-a-sheet.xlsx"):
        assert main(["parse", str(tmp_path / name)]) == 3
        assert "perflib's own" in capsys.readouterr().err


def test_a_report_workbook_with_a_sheet_named_like_perflibs_is_still_a_report(tmp_path):
    from perflib.read.excel import own_workbook

    wb = openpyxl.Workbook()
    wb.active.title = "部门年度"  # a unit's own form may be so named
    wb.active.append(["项目", "年初预算数", "全年执行数"])
    wb.active.append(["年度资金总额", 100, 98])
    wb.save(tmp_path / "form.xlsx")
    assert own_workbook(tmp_path / "form.xlsx") is None and len(discover(tmp_path)) == 1


def test_telling_perflibs_workbooks_apart_inflates_only_the_openings_of_small_parts(tmp_path):
    """Every .xlsx of a folder is asked; a part that inflates to gigabytes is not inflated."""
    import tracemalloc
    import zipfile

    from perflib.read.excel import own_workbook

    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("docProps/core.xml", b"<cp:coreProperties>" + b" " * (64 << 20))
        z.writestr("xl/workbook.xml", b"<workbook><sheets/></workbook>")
    tracemalloc.start()
    try:
        assert own_workbook(tmp_path / "bomb.xlsx") is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20


def test_an_older_review_sheet_resaved_with_its_header_in_runs_is_still_perflibs(tmp_path):
    """LibreOffice may keep a cell as rich-text runs (<t>优先级（</t>…<t>priority</t>…): the header is
    their text joined."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from perflib.read.excel import own_workbook

    wb = openpyxl.Workbook()
    wb.active.title = "复核表"
    wb.active["A1"] = CellRichText(["优先级（", TextBlock(InlineFont(b=True), "priority"), "）"])
    wb.active["B1"] = "类别（category）"
    wb.properties.creator = "某分析员"
    wb.save(tmp_path / "old.xlsx")
    assert own_workbook(tmp_path / "old.xlsx") == "review sheet (复核表)"


def test_text_that_starts_like_a_formula_stays_text_in_the_workbooks(seed_frames, tmp_path):
    """Report text and file names are untrusted: a file named =HYPERLINK(…).pdf, a target written
    "=1+1", a department set by a manifest were stored as formulas that Excel runs."""
    from perflib.present.review_sheet import xlsx_bytes
    from perflib.review import REVIEW_COLUMNS

    evil = '=HYPERLINK("http://example.invalid","点此")'
    reports = seed_frames.reports.assign(output="2021_x.html", department=evil)
    indicators = pd.DataFrame([{"report_id": "r", "department": evil, "year": 2021, "no": 1, "level1": "产出指标",
                                "level2": "数量指标", "name": "=1+1", "target": "=2*3", "actual": "6", "weight": 10.0,
                                "score": 10.0, "met": True, "full_score": True, "reason": None}])
    wb = openpyxl.load_workbook(io.BytesIO(reports_xlsx_bytes(reports, indicators)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert {c.value for c in cells} >= {evil, "=1+1", "=2*3"}
    assert all(c.data_type == "s" for c in cells)
    row = {k: "" for k in REVIEW_COLUMNS} | {"priority": 5, "file": "=cmd|' /C calc'!A0.pdf", "department": evil}
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([row]))).active
    assert [c.data_type for c in ws[2] if isinstance(c.value, str) and c.value.startswith("=")] == ["s", "s"]


@pytest.mark.parametrize("text, said", [
    ("path,department\n", "the manifest lists no report"),  # (it said: needs a 'path' column)
    ("path,department\n,某局\n", "line 2: no path"),  # (passed by in silence)
    ('path,department\n"a.txt,某局\nb.txt,乙局\n', "line 2: not a CSV row"),  # (one path of the rest of the file)
    ("file,department\na.txt,某局\n", "manifest needs a 'path' column"),
])
def test_a_manifest_that_lists_nothing_right_says_what(tmp_path, text, said):
    manifest = tmp_path / "list.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableInput, match=said):
        read_manifest(manifest)
