"""Every Chinese word and phrase the reader sees, in one place: pages, index, portfolio, tables,
check messages. Code and identifiers stay English; what the reader sees is zh-CN."""
from __future__ import annotations

from html import escape

BLOCK_ZH = {"overall": "整体支出", "projects": "项目支出", "basic": "基本支出", "tasks": "主要任务"}
BLOCK_SHORT = {"overall": "整体", "projects": "项目", "basic": "基本支出", "tasks": "主要任务"}
FIELD_ZH = {
    "count": "项目个数",
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "actual": "实际支出",
    "adjustment": "预算调整额",
    "adjustment_rate": "预算调整率",
    "completion_rate": "预算完成率",
    "funds_sum": "资金合计",
}

STATUS_ZH = {"ok": "相符", "warn": "小偏差", "fail": "不符", "skip": "无法核对"}

PEFA_TEXT = {"A": "95%–105%", "B": "90%–110%", "C": "85%–115%", "D": "低于 85% 或高于 115%"}

PORTFOLIO_TITLE = "部门整体支出绩效：跨部门与跨年度比较"
INDEX_TITLE = "部门整体支出绩效评价：全部部门年度"
FICTION_TAG = "虚构样例"  # what sample reports say in their text, and how a table marks them


def page_title(department: str | None, year: int | None) -> str:
    """The title of a department-year page."""
    y = f"{year} 年度" if year else ""
    return f"{department or '未署名部门'} {y}部门整体支出绩效分析"


def figure_name(name: str) -> str:
    """'projects.actual' → '项目实际支出': how a figure is named to the reader."""
    block, field = name.split(".")
    return BLOCK_SHORT.get(block, block) + FIELD_ZH.get(field, field)


def fiction_banner(count: int | None = None) -> str:
    """The notice on a page built from the project's fictional sample reports (HTML).

    `count`: how many of a page's reports are fictional (index, portfolio); None: the page is one."""
    if count is None:
        what = "本页依据 perflib 项目编写的<strong>虚构样例报告</strong>生成"
    else:
        what = (f"本页包含 {count} 份 perflib 项目编写的<strong>虚构样例报告</strong>"
                f"（表中标有“{escape(FICTION_TAG)}”）")
    return f'<p class="fiction">{what}，单位与数字均为虚构，请勿引用。</p>'


ZH_HEADERS = {
    "report_id": "报告编号", "department": "部门", "year": "年度", "fictional": "虚构样例", "source": "来源文件",
    "format": "格式", "sha256": "SHA-256",
    "overall_initial_budget": "整体年初预算（万元）", "overall_adjusted_budget": "整体调整后预算（万元）",
    "overall_actual": "整体实际支出（万元）", "overall_adjustment": "整体预算调整额（万元）",
    "overall_adjustment_rate": "整体预算调整率", "overall_completion_rate": "整体预算完成率",
    "outturn_vs_initial": "实际支出相对年初预算", "pefa_band": "PEFA 偏离等级",
    "projects_count": "项目个数", "projects_initial_budget": "项目年初预算（万元）",
    "projects_adjusted_budget": "项目调整后预算（万元）", "projects_actual": "项目实际支出（万元）",
    "projects_adjustment": "项目预算调整额（万元）", "projects_adjustment_rate": "项目预算调整率",
    "projects_completion_rate": "项目预算完成率", "basic_actual": "基本支出（万元）",
    "task_count": "主要任务数", "task_funds_sum": "任务资金合计（万元）", "task_coverage": "任务资金占项目支出",
    "rating": "自评等级", "score": "自评得分", "problem_count": "问题条数",
    "checks_ok": "核对：相符", "checks_warn": "核对：小偏差", "checks_fail": "核对：不符",
    "checks_skip": "核对：无法核对", "warning_count": "解析提示", "output": "报告页面",
}


def over_time_zh(seconds: float) -> str:
    """A report stopped by `perflib batch --timeout`."""
    return f"超过时间限制（{seconds:g} 秒）"


def over_memory_zh(mb: int) -> str:
    """A report stopped by `perflib batch --max-memory`."""
    return f"超过内存限制（{mb} MB）"
