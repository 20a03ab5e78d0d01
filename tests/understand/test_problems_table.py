"""A problems section written as a table (序号 | 存在问题 | 整改措施 | 整改时限): the problems are its 存在问题 cells,
not whole rows; its 整改措施 cells are the plans when the report has no plans of its own; in every layout a page
gives it (`|` rows, tab rows, a Word or HTML table, cells one per line). A table one cell per line whose rows are
not whole (a cell left empty) gives no row it cannot place, and its header cells are never a problem or a plan."""
import pytest

from perflib.pipeline import read_record

from fixtures_files import write_docx, write_html, write_txt

OPENING = ["临川县文化和旅游局2023年度部门整体支出绩效自评报告",
           "一、部门基本情况",
           "2023年度年初预算612.40万元，调整后预算655.00万元，实际支出640.19万元，预算执行率97.74%。",
           "二、存在的问题及整改措施"]
HEADER = ["序号", "存在问题", "整改措施", "整改时限"]
ROWS = [["1", "部分绩效指标设置偏笼统，难以衡量", "对照职能重新梳理指标，逐项明确量化标准", "2024年6月"],
        ["2", "文化惠民项目资金支付进度偏慢", "按月调度支付进度，对滞后项目督促整改", "2024年9月"]]
PLANS = ["三、下一步工作计划", "（一）严格预算编制审核。", "（二）加强绩效运行监控。"]
CLOSING = ["四、自评结论", "经自评，本部门2023年度整体支出绩效自评得分93分，评价等级为优。"]

PROBLEMS = ["部分绩效指标设置偏笼统，难以衡量", "文化惠民项目资金支付进度偏慢"]
MEASURES = ["对照职能重新梳理指标，逐项明确量化标准", "按月调度支付进度，对滞后项目督促整改"]


def _write(tmp_path, layout: str, after: list[str]):
    grid = [HEADER] + ROWS
    if layout == "docx":
        return write_docx(tmp_path / "r.docx", blocks=OPENING + [grid] + after)
    if layout == "html-table":
        return write_html(tmp_path / "r.html", OPENING + [grid] + after, title=OPENING[0])
    if layout == "html-cells":  # a page's table flattened: every cell a paragraph of its own
        return write_html(tmp_path / "r.html", OPENING + [c for r in grid for c in r] + after, title=OPENING[0])
    body = ["| " + " | ".join(r) + " |" for r in grid] if layout == "pipes" else ["\t".join(r) for r in grid]
    return write_txt(tmp_path / "r.txt", "\n".join(OPENING + body + after) + "\n")


LAYOUTS = ["pipes", "tabs", "docx", "html-table", "html-cells"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_problems_are_the_tables_problem_cells_and_its_plans_stay_the_reports(tmp_path, layout):
    rec = read_record(_write(tmp_path, layout, PLANS + CLOSING))
    assert rec.problems == PROBLEMS
    assert rec.plans == ["严格预算编制审核。", "加强绩效运行监控。"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_with_no_plans_of_its_own_the_tables_measures_are_the_plans(tmp_path, layout):
    rec = read_record(_write(tmp_path, layout, CLOSING))
    assert rec.problems == PROBLEMS
    assert rec.plans == MEASURES


def test_cells_one_per_line_with_an_empty_cell_give_only_the_rows_before_it(tmp_path):
    # the first row's 整改时限 left empty: every cell after it shifted by one — that row and those after are not placed
    cells = HEADER + ["1", ROWS[0][1], ROWS[0][2]] + ROWS[1]
    rec = read_record(write_html(tmp_path / "r.html", OPENING + cells + CLOSING, title=OPENING[0]))
    assert rec.problems == []
    assert not any(c in rec.problems + rec.plans for c in HEADER)
    cells = HEADER + ROWS[0] + ["2", ROWS[1][1], ROWS[1][2]]  # the last row's 整改时限 empty: the report's end follows
    rec = read_record(write_html(tmp_path / "r.html", OPENING + cells + CLOSING, title=OPENING[0]))
    assert rec.problems[:1] == PROBLEMS[:1] and set(rec.problems) <= set(PROBLEMS)


def test_header_cells_a_text_joined_into_one_line_are_no_problem_nor_plan(tmp_path):
    # a plain text whose cells one per line were joined by the reader: nothing placed, nothing wrong
    text = "\n".join(OPENING + [c for r in [HEADER] + ROWS for c in r] + CLOSING) + "\n"
    rec = read_record(write_txt(tmp_path / "r.txt", text))
    assert not any(c in rec.problems + rec.plans for c in HEADER)
    assert not any(m in p for p in rec.problems for m in MEASURES)
