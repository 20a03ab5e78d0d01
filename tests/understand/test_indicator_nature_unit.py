"""A 绩效指标 form whose comparison and unit stand in columns of their own beside the target's figure
(一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | …, as provincial budget systems print it): the target is read
as the row states it whole ("≥" "500" "人次" → ≥500人次), the actual with the row's unit, and met judged on them
(a ceiling "≤" kept: a cost above it, a rate of accidents below it), in every layout a page flattens it to. A row
stated in words leaves its 度量单位 empty: read without it, not shifted."""
import pytest

from perflib.pipeline import read_record
from perflib.understand.met import judge

from fixtures_files import write_docx, write_html, write_pdf_table, write_txt, write_xlsx

HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "实际完成值", "得分"]
ROWS = [
    ["产出指标", "数量指标", "修缮农村公路里程", "≥", "36", "公里", "15", "38.5", "15"],
    ["产出指标", "质量指标", "工程验收合格率", "＝", "100", "%", "15", "100", "15"],
    ["产出指标", "时效指标", "补助资金兑付及时率", "≥", "98", "%", "10", "95", "8"],
    ["产出指标", "成本指标", "每公里养护成本", "≤", "3.2", "万元", "10", "3.6", "7"],
    ["效益指标", "社会效益指标", "道路交通事故发生率", "≤", "1.5", "%", "15", "0.8", "15"],
    ["效益指标", "可持续影响指标", "群众出行条件", "定性", "持续改善", "", "15", "明显改善", "14"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%", "10", "94.2", "10"],
]
# What a careful reader takes from each row: target, actual, met.
EXPECTED = {
    "修缮农村公路里程": ("≥36公里", "38.5公里", True),
    "工程验收合格率": ("＝100%", "100%", True),
    "补助资金兑付及时率": ("≥98%", "95%", False),
    "每公里养护成本": ("≤3.2万元", "3.6万元", False),
    "道路交通事故发生率": ("≤1.5%", "0.8%", True),
    "群众出行条件": ("持续改善", "明显改善", True),
    "沿线群众满意度": ("≥90%", "94.2%", True),
}
OPENING = ["青溪县交通运输局2023年度部门整体支出绩效自评报告",
           "一、部门基本情况",
           "2023年度年初预算842.60万元，调整后预算915.30万元，实际支出903.18万元，预算执行率98.68%。",
           "二、绩效指标完成情况"]
CLOSING = ["三、自评结论", "经自评，2023年度部门整体支出绩效自评得分94分，评价等级为优。"]


def _merged(rows):
    """The level cells written once per group (merged cells as a page gives them)."""
    out, last = [], [None, None]
    for row in rows:
        row = list(row)
        for k in (0, 1):
            row[k], last[k] = ("" if row[k] == last[k] else row[k]), row[k]
        out.append(row)
    return out


def _text(layout: str) -> str:
    grid = [HEADER] + ROWS
    if layout == "pipes":
        body = ["| " + " | ".join(r) + " |" for r in grid]
    elif layout == "pipes-merged":
        body = ["| " + " | ".join(r) + " |" for r in [HEADER] + _merged(ROWS)]
    elif layout == "cell-per-line":
        body = [c for r in grid for c in r if c]
    elif layout == "spaces":
        body = ["  ".join(r) for r in [HEADER] + _merged(ROWS)]
    else:
        body = ["\t".join(r) for r in grid]
    return "\n".join(OPENING + body + CLOSING) + "\n"


def _read(tmp_path, layout: str):
    if layout == "docx":
        path = write_docx(tmp_path / "r.docx", OPENING, [[HEADER] + ROWS])
        return read_record(path)
    if layout == "xlsx":
        return read_record(write_xlsx(tmp_path / "r.xlsx", [("自评表", [[line] for line in OPENING] + [HEADER] + ROWS
                                                                      + [[line] for line in CLOSING])]))
    if layout == "html":
        return read_record(write_html(tmp_path / "r.html", OPENING + [[HEADER] + ROWS] + CLOSING, title=OPENING[0]))
    if layout == "pdf":
        return read_record(write_pdf_table(tmp_path / "r.pdf", [HEADER] + ROWS, before=OPENING, after=CLOSING))
    return read_record(write_txt(tmp_path / "r.txt", _text(layout)))


@pytest.mark.parametrize("layout", ["pipes", "pipes-merged", "cell-per-line", "spaces", "tabs", "docx", "xlsx", "html",
                                    "pdf"])
def test_a_comparison_and_a_unit_in_their_own_columns_make_the_target_whole(tmp_path, layout):
    rec = _read(tmp_path, layout)
    got = {i.name: (i.target, i.actual, i.met) for i in rec.indicators}
    assert got == EXPECTED
    assert {i.name: (i.weight, i.score) for i in rec.indicators}["每公里养护成本"] == (10, 7)


def test_without_its_columns_a_bare_ceiling_would_be_judged_a_floor():
    # what the columns prevent: the same figures with the comparison lost read the wrong way round
    assert judge("3.2万元", "3.6万元", "每公里养护成本") is False  # (a cost: a ceiling by its name)
    assert judge("≤1.5%", "0.8%", "道路交通事故发生率") is True
    assert judge("1.5%", "0.8%", "道路交通事故发生率") is True  # a rate the work keeps down: a ceiling by its name


@pytest.mark.parametrize("target, actual, name, met", [
    ("12%", "10.5%", "管网漏损率", True),
    ("12%", "13.1%", "管网漏损率", False),
    ("2‰", "2.5‰", "学生辍学率", False),
    ("0.5%", "0.3%", "产品不合格率", True),
    ("95%", "96%", "产品合格率", True),  # (合格率: a floor)
    ("5%", "3%", "投诉办结率", False),  # (a rate of complaints handled: a floor)
    ("≥90%", "95%", "投诉率", True),  # (a stated comparison wins over the name)
    ("＝100%", "98%", "验收合格率", False),
])
def test_a_bare_target_of_a_rate_kept_down_is_a_ceiling(target, actual, name, met):
    assert judge(target, actual, name) is met


def test_a_bare_figure_keeps_its_own_unit_and_comparison_before_the_columns(tmp_path):
    """A target cell stating its comparison and unit itself ("≥95%") is kept as written, not given them twice."""
    rows = [["产出指标", "数量指标", "巡查次数", "≥", "≥24次", "次", "20", "26", "20"]]
    text = "\n".join(OPENING + ["| " + " | ".join(r) + " |" for r in [HEADER] + rows] + CLOSING)
    rec = read_record(write_txt(tmp_path / "r.txt", text))
    assert [(i.target, i.actual, i.met) for i in rec.indicators] == [("≥24次", "26次", True)]
