"""The national 部门整体支出绩效自评表 (财预〔2020〕10号's form) as one grid, in our own words and
figures: the unit, the budget-execution rows with 分值/执行率/得分, the 年度总体目标 rows, the 绩效指标
table and the 总分 row — for writing it in every format (xlsx, xls, docx, html, pdf, text rows)."""
from decimal import Decimal

from corpus import LEFT, UP, Num

DEPARTMENT = "临江县河西区档案馆"
YEAR = 2022
TARGETS = "1.完成馆藏档案数字化10万页；2.举办档案主题展览2场；3.接待查档利用3000人次。"
DONE = "1.完成数字化10.6万页；2.举办展览2场；3.接待查档3215人次。"
# 一级, 二级, 三级, 指标值, 实际完成值, 分值, 得分, 偏差原因
INDICATORS = [
    ("产出指标", "数量指标", "档案数字化页数", "≥10万页", "10.6万页", "30", "30", ""),
    ("产出指标", "时效指标", "展览按期举办率", "100%", "100%", "20", "20", ""),
    ("效益指标", "社会效益指标", "查档利用人次", "≥3000人次", "3215人次", "20", "20", ""),
    ("满意度指标", "服务对象满意度指标", "查档群众满意度", "≥95%", "93%", "20", "18", "个别查档等候时间较长，已增设窗口"),
]
BUDGET = {  # block: (年初预算数, 全年预算数, 全年执行数, 执行率)
    "年度资金总额": ("420.00", "450.00", "441.00", "98.00%"),
    "其中：基本支出": ("300.00", "310.00", "310.00", "100.00%"),
    "项目支出": ("120.00", "140.00", "131.00", "93.57%"),
}
EXECUTION = ("10", "9.8")  # 分值, 得分 of 年度资金总额
TOTAL = ("100", "97.8")
WIDTH = 9


def grid(unit: str = "万元") -> list[list]:
    """The form; cells are str, Num or corpus.LEFT / UP (merged with the cell left / above)."""
    pad = lambda cells: cells + [LEFT] * (WIDTH - len(cells))  # noqa: E731
    g = [pad(["部门整体支出绩效自评表"]), pad([f"（{YEAR}年度）"]),
         pad(["部门（单位）名称", DEPARTMENT]),
         [f"年度部门整体支出预算执行情况（{unit}）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
          "得分", LEFT]]
    for label, (a, b, c, rate) in BUDGET.items():
        first = label == "年度资金总额"
        g.append([UP, label, a, b, c, EXECUTION[0] if first else "—", rate, EXECUTION[1] if first else "—", LEFT])
    g += [["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
          [UP, TARGETS, LEFT, LEFT, LEFT, DONE, LEFT, LEFT, LEFT],
          ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    last1 = last2 = None
    for l1, l2, *rest in INDICATORS:
        g.append([UP, UP if l1 == last1 else l1, UP if (l1, l2) == (last1, last2) else l2, *rest])
        last1, last2 = l1, l2
    g += [["总分", LEFT, LEFT, LEFT, LEFT, LEFT, TOTAL[0], TOTAL[1], LEFT],
          ["评价等级", "优", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT]]
    return g


def text_rows(sep: str = "\t") -> list[str]:
    """The form as a text export writes it: a row per line, cells apart by `sep`, a merged cell once."""
    lines = []
    for row in grid():
        cells = []
        for c in row:
            if c in (LEFT, UP):
                continue
            cells.append(c.text if isinstance(c, Num) else c)
        lines.append(sep.join(cells))
    return lines


def expected() -> dict:
    figures = {}
    for label, block in (("年度资金总额", "overall"), ("其中：基本支出", "basic"), ("项目支出", "projects")):
        a, b, c, rate = BUDGET[label]
        figures[block] = {"initial_budget": Decimal(a), "adjusted_budget": Decimal(b), "actual": Decimal(c),
                          "completion_rate": Decimal(rate.rstrip("%"))}
    return figures
