"""Reports for the analyst's loop (review sheet → corrections → pages), in our own words and
figures (青岚市河西区 is invented), and a helper that fills a row of the review sheet as an analyst
would in Excel.

`write_known_miss` writes a department with two years; in 2023 the whole unit's actual spending
stands under the targets heading with no block word, which perflib leaves unread by design
(README, "What it does not do") and lists as an unread amount: the review sheet's first row.
"""
from __future__ import annotations

from pathlib import Path

DEPARTMENT = "青岚市河西区文化馆"
MISSED_ACTUAL = "1198.20"  # the 2023 actual the report states where perflib does not read it
MISSED_FILE = "2023_wenhuaguan.txt"
CORRECTION_NOTE = "见绩效目标一节：全年实际支出1198.20万元"

_2023 = f"""{DEPARTMENT}2023年度部门整体支出绩效自评报告
（虚构样例：单位与数字均为虚构）
一、部门基本情况
{DEPARTMENT}负责全区群众文化活动的组织、辅导和非遗保护。
二、部门整体支出情况
2023年度部门整体支出年初预算1,236.50万元。其中项目支出年初预算410.00万元，实际支出402.30万元，预算执行率98.12%。
三、年度绩效目标完成情况
全年实际支出1,198.20万元，全年组织公益演出46场，完成年度目标。
四、存在的问题
部分活动场地设施老化。
五、下一步工作计划
争取场馆改造资金。
评价等级为“良”。
"""

_2022 = f"""{DEPARTMENT}2022年度部门整体支出绩效自评报告
（虚构样例：单位与数字均为虚构）
一、部门基本情况
{DEPARTMENT}负责全区群众文化活动的组织、辅导和非遗保护。
二、部门整体支出情况
2022年度部门整体支出年初预算1,180.00万元，全年预算数1,220.00万元，实际支出1,205.60万元，预算执行率98.82%。
三、存在的问题
群众参与度有待提高。
评价等级为“良”。
"""

ONE_FIGURE_DEPARTMENT = "青岚市河西区档案馆"
_ONE_FIGURE = f"""{ONE_FIGURE_DEPARTMENT}2023年度部门整体支出绩效自评报告
（虚构样例：单位与数字均为虚构）
一、部门整体支出情况
2023年度部门整体实际支出356.80万元。
二、存在的问题
档案数字化进度偏慢。
"""


def write_known_miss(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"miss": folder / MISSED_FILE, "complete": folder / "2022_wenhuaguan.txt"}
    paths["miss"].write_text(_2023, encoding="utf-8")
    paths["complete"].write_text(_2022, encoding="utf-8")
    return paths


def write_one_figure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2023_danganguan.txt"
    path.write_text(_ONE_FIGURE, encoding="utf-8")
    return path


def fill_review(sheet: Path, out: Path, file: str, field: str, value: str, note: str) -> dict:
    """Fill the correction and note of the sheet's row for (file, field), as an analyst does in
    Excel; save as `out`. Returns that row as {column key: value}."""
    from openpyxl import load_workbook

    wb = load_workbook(sheet)
    ws = wb.active
    keys = [str(c.value).rsplit("（", 1)[-1].rstrip("）") for c in ws[1]]
    col = {k: i for i, k in enumerate(keys)}
    for row in ws.iter_rows(min_row=2):
        if row[col["file"]].value == file and row[col["field"]].value == field:
            row[col["correction"]].value = value
            row[col["note"]].value = note
            wb.save(out)
            return {k: row[i].value for k, i in col.items()}
    raise AssertionError(f"no review row for {file} {field}")
