"""indicators.csv and the 绩效指标 sheet: one row per indicator, with department and year."""
import csv
import io

from openpyxl import load_workbook

from perflib.dataset import INDICATOR_COLUMNS, csv_text, load_folder, reports_xlsx_bytes

from paths import ROOT


def test_indicators_frame_csv_and_sheet():
    ds = load_folder(ROOT / "data" / "samples")
    ind = ds.indicators
    assert list(ind.columns) == INDICATOR_COLUMNS
    assert ind["department"].notna().all() and ind["year"].notna().all()
    edu = ind[(ind["department"] == "示例市青川区教育局") & (ind["year"] == 2023)]
    assert len(edu) == 7 and list(edu["no"]) == list(range(1, 8))
    seats = edu[edu["name"] == "新增公办学位"].iloc[0]
    assert (seats["target"], seats["actual"], seats["weight"], seats["score"], seats["met"], seats["full_score"]) == \
        ("≥1200个", "980个", 15.0, 15.0, False, True)
    rows = list(csv.DictReader(io.StringIO(csv_text(ind).lstrip("\ufeff"))))
    assert len(rows) == len(ind)
    r = next(x for x in rows if x["name"] == "新增公办学位" and x["year"] == "2023")
    assert (r["weight"], r["score"], r["met"], r["full_score"]) == ("15", "15", "false", "true")
    assert any(x["met"] == "" for x in rows)  # undecided stays blank, never a guess
    wb = load_workbook(io.BytesIO(reports_xlsx_bytes(ds.reports, ind)))
    sheet = wb["绩效指标"]
    header = [c.value for c in sheet[1]]
    assert "三级指标" in header and "偏差原因分析及改进措施" in header
    assert sheet.max_row == len(ind) + 1
