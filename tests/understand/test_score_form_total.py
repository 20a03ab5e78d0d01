"""A 自评表's 总分 row is its score, in every layout a page gives the form (`|` rows with the empty cells between,
an Excel sheet, an HTML table spanning the label): the score alone, or after the full marks. Not a row of full marks
only, not a project's form's, not another year's form's when the report's comes too."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record

from fixtures_files import write_html, write_txt, write_xlsx

FORM = [["部门名称", "清河县水务局", "", "", "", "", "", ""],
        ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "1,206.30", "1,288.70", "1,260.42", "10", "97.81%", "9.8"],
        ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
        ["", "完成农村供水工程改造6处", "", "", "完成6处", "", "", ""]]
TITLE = ["部门（单位）整体支出绩效自评表", "（2023年度）"]


def _pipes(rows):
    return ["| " + " | ".join(r) + " |" for r in rows]


@pytest.mark.parametrize("total, score", [(["总分", "", "", "", "", "100", "", "92.6"], D("92.6")),
                                          (["总分", "92.6"], D("92.6")),
                                          (["总分", "", "", "", "", "100", "", ""], None)])  # full marks only
def test_the_forms_total_row_is_the_score(tmp_path, total, score):
    rec = read_record(write_txt(tmp_path / "f.txt", "\n".join(TITLE + _pipes(FORM + [total])) + "\n"))
    assert rec.score == score
    if score is not None:
        assert "总分" in rec.evidence["score"]


def test_in_a_sheet_and_a_web_page(tmp_path):
    grid = [[t] for t in TITLE] + FORM + [["总分", "95.2"]]
    assert read_record(write_xlsx(tmp_path / "f.xlsx", [("自评表", grid)])).score == D("95.2")
    page = write_html(tmp_path / "f.html", TITLE + [FORM + [["总分", "", "", "", "", "", "", "96.5"]]], title=TITLE[0])
    assert read_record(page).score == D("96.5")


def test_a_projects_form_and_another_years_form_are_not_the_units(tmp_path):
    project = [["项目名称", "农村饮水安全巩固提升工程", "", "", "", "", "", ""]] + FORM[1:]
    text = "\n".join(["清河县水务局2023年度部门整体支出绩效自评报告", "附表：项目支出绩效自评表"] + _pipes(project + [["总分", "88.5"]]))
    assert read_record(write_txt(tmp_path / "p.txt", text + "\n")).score is None
    last_year = ["部门（单位）整体支出绩效自评表", "（2022年度）"] + _pipes(FORM + [["总分", "90.1"]])
    this_year = TITLE + _pipes(FORM + [["总分", "93.4"]])
    rec = read_record(write_txt(tmp_path / "y.txt", "\n".join(["清河县水务局2023年度部门整体支出绩效自评报告"] + last_year
                                                               + this_year) + "\n"))
    assert rec.score == D("93.4")
