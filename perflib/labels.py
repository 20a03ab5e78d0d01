"""Every Chinese word and phrase the reader sees, in one place: pages, index, portfolio, tables,
check messages. Code and identifiers stay English; what the reader sees is zh-CN."""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape

BLOCK_ZH = {"overall": "整体支出", "projects": "项目支出", "basic": "基本支出", "tasks": "主要任务"}
BLOCK_SHORT = {"overall": "整体", "projects": "项目", "basic": "基本支出", "tasks": "主要任务", "indicators": "指标"}
FIELD_ZH = {
    "count": "项目个数",
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "actual": "实际支出",
    "adjustment": "预算调整额",
    "adjustment_rate": "预算调整率",
    "completion_rate": "预算完成率",
    "funds_sum": "资金合计",
    "project_funds_sum": "中项目资金合计",  # (不含机关运转、人员和公用经费等基本支出任务)
    "weight_sum": "分值合计",
    "score_sum": "得分合计",
}

STATUS_ZH = {"ok": "相符", "warn": "小偏差", "fail": "不符", "skip": "无法核对"}
# Checks of how the 绩效指标 were scored (a missed target given full marks, no reason written): their
# warning is leniency to note, not a figure a little off.
SCORING_CHECKS = ("indicators.unmet_full_score", "indicators.unmet_reason")
LENIENT_ZH = "需留意"  # what a scoring check's warning is called
# How a page counts its checks, in this order (status_zh's words).
STATUS_ORDER_ZH = (STATUS_ZH["ok"], STATUS_ZH["warn"], LENIENT_ZH, STATUS_ZH["fail"], STATUS_ZH["skip"])


def status_zh(check_id: str, status: str) -> str:
    return LENIENT_ZH if status == "warn" and check_id in SCORING_CHECKS else STATUS_ZH[status]


RATING_RANK = {"优": 0, "良": 1, "中": 2, "差": 3}  # best first: how ratings sort, and which is above which
# The grades a report's own bands may name, best first: RATING_RANK's, and 合格 / 不合格 of a pass-fail scheme
GRADE_ORDER = ("优", "良", "中", "合格", "差", "不合格")


def rated_above(rating, band) -> bool:
    """A self-rating above the band its own score falls in (优 on 87 points: band 良)."""
    return isinstance(band, str) and RATING_RANK.get(rating, 9) < RATING_RANK[band]

PEFA_TEXT = {"A": "95%–105%", "B": "90%–110%", "C": "85%–115%", "D": "低于 85% 或高于 115%"}

PORTFOLIO_TITLE = "部门整体支出绩效：跨部门与跨年度比较"
PROVINCE_TITLE = "部门整体支出绩效：跨地区与跨行业比较"  # the portfolio of a batch read by region


def also_listed(failed: int, others: int, repeats: int = 0) -> str:
    """The files a page's counts leave out, worded alike on every page: "另有 2 份未能处理、1 份不是部门整体支出
    绩效报告。" (failed: read or rendered with an error; others: not a department's report; repeats: a
    department-year already counted from another file, perflib.once)."""
    parts = ([f"{failed} 份未能处理"] if failed else []) + ([f"{others} 份不是部门整体支出绩效报告"] if others else [])
    parts += [f"{repeats} 份与另一文件同为一个部门年度，不重复计入"] if repeats else []
    return f"另有 {'、'.join(parts)}。" if parts else ""


PAGE_FAILED = "页面未能生成"
PORTFOLIO_FAILED = "比较页未能生成，原因列于文末。"  # (a page of the batch's own, not a report)


def unpaged_note(n: int, where: str = "文末") -> str:
    """Reports read whose page failed: in the table and the totals, their failure listed `where`."""
    return f"其中 {n} 份的页面未能生成（数字已读出，计入表中与合计），原因列于{where}。" if n else ""


def portfolio_title(region: str | None = None, by_region: bool = False) -> str:
    """A portfolio's title, its heading and its tab's: a region's names the region (one colon only)."""
    if region:
        return f"{region} {PORTFOLIO_TITLE}"
    return PROVINCE_TITLE if by_region else PORTFOLIO_TITLE
INDEX_TITLE = "部门整体支出绩效评价：全部部门年度"
FICTION_TAG = "虚构样例"  # what sample reports say in their text, and how a table marks them

# What a file is when it is not a department's overall-expenditure report (the exit-3 sentence).
KIND_SENTENCE = {
    "project": "a project expenditure report (项目支出绩效自评报告), not a department report",
    "final_accounts": "a budget or final-accounts disclosure (部门预算/决算公开), not a performance report",
    "attachment_only": "an article page whose report is only a linked attachment (附件); open the attachment",
    "other": "no budget figure found (is this a performance evaluation report?)",
    "other_titled": "not a department report: its title names another kind of page (a notice, a target "
                    "declaration, a summary of several units, a monitoring analysis, news of a meeting)",
}
NOT_DEPARTMENT_ZH = "非部门整体支出绩效报告"  # the index section listing such files

# Why a file failed, in Chinese, for the pages and the review sheet: the CLI's one-line error (English,
# the contract's) is matched against these in order; the first that matches says it, with the English
# kept beside it. A kind of page not a department report is named by its kind.
REASON_ZH = [
    (r"\(--timeout\)$", "超过时间限制"),  # (a report stopped by the batch's budget: Exceeded.error)
    (r"\(--max-memory\)$", "超过内存限制"),
    (r"project expenditure report", "单个项目的支出绩效自评报告，不是部门整体报告"),
    (r"final-accounts disclosure", "部门预算或决算公开，不是绩效评价报告"),
    (r"linked attachment", "文章页，报告在其附件中：请打开附件"),
    (r"its title names another kind of page", "标题表明是其他类型的页面（通知、目标申报、汇总、监控分析或会议新闻等）"),
    (r"no budget figure found", "未找到预算数字（可能不是绩效评价报告）"),
    (r"the file is empty", "空文件"),
    (r"password-protected|encrypted", "文件设有密码"),
    (r"scanned|cannot OCR", "扫描页面无法识别文字"),
    (r"contains no text|has no article text|nothing to read|sheets are all empty", "文件中没有可读的文字"),
    (r"over the limit of|took longer than|memory budget|timed out|time limit", "超出处理时间、大小或内存上限"),
    (r"DTD or entities", "含有不安全的 XML 声明，已拒绝读取"),
    (r"LibreOffice", "LibreOffice 无法转换该文件"),
    (r"is not valid", "文字编码无法识别"),
    (r"damaged|broken zip|not a readable", "文件已损坏或不完整"),
    (r"not a Word|not an Excel|not an HTML|is binary data|is an RTF|Word 6/95|is a zip archive but|neither a Word",
     "文件内容与扩展名不符，或格式不受支持"),
    (r"no such file|cannot be read|is a folder", "文件不存在或无法打开"),
    (r"notebook failed|kernel|in cell", "生成页面时出错"),
]
# A reading warning (the record's, in English) said in Chinese on the page and the review sheet.
WARNING_ZH = [
    (r"was read by OCR and contradicts", "OCR 识别的数字与报告其他数字矛盾，未采用：请对照扫描件核对"),
    (r"cells under \d+ columns; not read", "表格行的单元格数与表头列数不符，该行未读取"),
    (r"no unit stated; assumed 万元", "表格未写明金额单位，按万元读取：请核对"),
    (r"no unit stated; read in", "表格未写明金额单位，按正文写出相同数字所用的单位读取：请核对"),
    (r"the report also states", "报告对同一数字前后写法不一，采用了先出现的数值"),
    (r"the indicator table totals", "指标表得分合计与报告所写自评得分不同，采用所写得分"),
    (r"an indicator table of some indicators only", "指标表只列出部分指标（分值合计不足100分），其合计未作为自评得分"),
    (r"read from its context breaks", "由上下文判断归属的数字与其他数字矛盾，未采用"),
    (r"stated in 元 beside 万元", "该数字以“元”写出，比同类数字小一万倍（疑为漏写“万”字），未采用"),
    (r"damaged text", "文件有损坏处，按其编码无法读出，已替换为 �；这些句子中的数字未读取"),
]


_REASONS = [(re.compile(pattern, re.IGNORECASE), words) for pattern, words in REASON_ZH]
_WARNINGS = [(re.compile(pattern), words) for pattern, words in WARNING_ZH]


def _words_for(table, text: str) -> str | None:
    """The words of the first pattern of `table` that `text` matches."""
    return next((words for pattern, words in table if pattern.search(text)), None)


def warning_zh(warning: str) -> str | None:
    """The Chinese words for a reading warning (WARNING_ZH), or None for one not listed."""
    return _words_for(_WARNINGS, warning or "")


REASON_BY_EXIT_ZH = {1: "生成页面时出错", 2: "无法读取", 3: "未找到预算数字（可能不是绩效评价报告）"}


def reason_zh(error, exit_code=None, source=None) -> str:
    """The Chinese words for a failure's one-line error (REASON_ZH), else for its exit code. Only the
    reason is matched, not the file's path before it ("scans/x.pdf: …")."""
    text = error if isinstance(error, str) else ""
    if isinstance(source, str) and source and source in text:
        text = text[text.index(source) + len(source):]
    else:
        text = text.split(": ", 1)[-1]
    words = _words_for(_REASONS, text)
    if words is not None:
        return words
    try:
        return REASON_BY_EXIT_ZH.get(int(exit_code), "处理失败")
    except (TypeError, ValueError, OverflowError):  # None, NaN, pd.NA, text
        return "处理失败"


UNREAD_ZH = "报告中未读取的金额"
UNREAD_NOTE = "报告写到、但没有读入任何字段的金额（如上年数字、说明性金额），请对照原文判断。"


def page_title(department: str | None, year: int | None) -> str:
    """The title of a department-year page."""
    y = f"{year} 年度" if year else ""
    return f"{department or '未署名部门'} {y}部门整体支出绩效分析"


@lru_cache(maxsize=256)  # (named in every check's sentence; the names are few)
def figure_name(name: str) -> str:
    """'projects.actual' → '项目实际支出': how a figure is named to the reader."""
    if "." not in name:
        return {"score": "自评得分", "rating": "自评等级"}.get(name, name)
    block, field = name.split(".")
    short, words = BLOCK_SHORT.get(block, block), FIELD_ZH.get(field, field)
    return words if words.startswith(short) else short + words  # "项目个数", not "项目项目个数"


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
    "projects_completion_rate": "项目预算完成率", "basic_actual": "基本支出（万元，未写明时为整体减项目）",
    "task_count": "主要任务数", "task_funds_sum": "任务资金合计（万元）", "task_coverage": "任务资金占项目支出",
    "rating": "自评等级", "score": "自评得分", "problem_count": "问题条数",
    "checks_ok": "核对：相符", "checks_warn": "核对：小偏差", "checks_lenient": f"核对：{LENIENT_ZH}", "checks_fail": "核对：不符",
    "checks_skip": "核对：无法核对", "warning_count": "解析提示", "output": "报告页面",
    "corrected": "人工校正字段", "region": "地区", "sector": "行业", "counted": "计入合计",
}


# --- the 绩效指标 table ---------------------------------------------------------------------------
INDICATOR_SHEET = "绩效指标"
REPORTS_SHEET = "部门年度"  # reports.xlsx's first sheet
WORKBOOK_CREATOR = "perflib"  # the author every workbook perflib writes names (Excel keeps it on saving)
INDICATOR_HEADERS = {
    "no": "序号", "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值",
    "actual": "实际完成值", "weight": "分值", "score": "得分", "met": "是否达成", "full_score": "是否满分",
    "reason": "偏差原因分析及改进措施",
}
MET_MARK = {True: "✓", False: "✗", None: "？"}  # read in greyscale: a symbol and a word, never colour alone
MET_ZH = {True: "达成", False: "未达成", None: "无法判断"}
INDICATOR_SECTION = "绩效指标"
INDICATOR_NONE = "报告未列出绩效指标表。"
INDICATOR_LEGEND = ("“达成”由年度指标值与实际完成值比较得出：✓ 达成，✗ 未达成，？ 无法从所写内容判断。"
                    "分值、得分取自报告原文，点击可查看出处。")
LENIENT_MARK = "未达成却得满分"  # an unmet target given its full 分值
NO_LEVEL1 = "（未写明一级指标）"
EXECUTION_GROUP = "预算执行"
EXECUTION_ROW = "预算执行率"
TOTAL_ROW = "合计"
SCORE_ROW = ("自评", "自评得分（分）")  # the key-figures row of the stated score


# Figures read from scanned pages: each says so, and the page tells the reader to check the scan.
OCR_EVIDENCE = "（扫描件第 {page} 页，OCR 识别）"


def ocr_notice(pages: list[int]) -> str:
    """The page's notice when some of the report was read by OCR (HTML)."""
    which = "、".join(str(n) for n in pages)
    return (f'<p class="ocr-notice">本报告第 {escape(which)} 页是扫描件，其中的文字和数字由 OCR 识别，'
            "可能有误，请与原件核对。</p>")


def over_time_zh(seconds: float) -> str:
    """A report stopped by `perflib batch --timeout`."""
    return f"超过时间限制（{seconds:g} 秒）"


def over_memory_zh(mb: int) -> str:
    """A report stopped by `perflib batch --max-memory`."""
    return f"超过内存限制（{mb} MB）"


# --- hand corrections and the review sheet (perflib/corrections.py, perflib/review.py) ----------
CORRECTED_BADGE = "人工校正"  # beside a figure set by a hand correction
CORRECTED_SECTION = "人工校正"  # the appendix list of corrections, each with its note
CORRECTED_NOTE = "以下数字不是从报告原文读出，而是分析人员按校正表补录或改正的，附其说明。"
CORRECTED_INDEX_NOTE = "标有“人工校正”的报告含分析人员补录或改正的数字（见该报告页面附录）。"
REVIEW_INDEX_NOTE = ("需要人工核对的数字（未读出的核心数字、核对不符、OCR 识别等）列在复核表 review.xlsx 中；"
                     "填写其“校正值”一栏后，重新运行 perflib batch 并以 --corrections 指向这份复核表"
                     "（如 perflib batch data -o outputs --corrections outputs/review.xlsx），即可采用。")
REVIEW_FILE = "review.xlsx"
# A page section with nothing to show says so in one sentence (no empty frame, no header-only table).
NO_KEY_FIGURES = "报告未给出可以列表的预算数字。"
NO_DERIVED = "报告给出的数字不足以推算其他指标。"
NO_EVIDENCE = "perflib 没有从报告原文读出数字。"
NO_CHECKS = "报告给出的数字不足以互相核对：每一项核对都缺少所需的数字。"
MISSING_CORE = ("报告未给出（或 perflib 未能读取）{names}；如原文写有，可在批量处理生成的复核表"
                "（review.xlsx）中核对原文并填写校正值，重新生成后即可采用。")
REVIEW_SHEET = "复核表"
# The review sheet's columns: key → Chinese header (the Excel sheet writes "中文（key）"; the
# corrections reader takes either).
REVIEW_HEADERS = {
    "priority": "优先级", "category": "类别", "file": "文件", "department": "部门", "year": "年度",
    "field": "字段", "field_zh": "数字名称", "read": "perflib读到", "suggestion": "可能的数值", "evidence": "原文",
    "reason": "原因", "correction": "校正值", "note": "说明", "sha256": "SHA-256",
}
# What each kind of review item is called (the `category` column), in the order they are sorted.
REVIEW_CATEGORY = {
    "core_unread": "核心数字可能漏读",
    "core_missing": "核心数字缺失",
    "check_fail": "核对不符",
    "correction_unused": "校正未采用",
    "report_failed": "报告未能处理",
    "not_department": "非部门整体报告",
    "same_year_twice": "同一部门年度有多份文件",
    "same_file": "相同文件只读一次",
    "field_unread": "数字可能漏读",
    "ocr": "OCR 识别的数字",
    "check_warn": "核对小偏差",
    "check_lenient": f"指标评分{LENIENT_ZH}",  # (nothing to correct: how the report scored itself)
    "warning": "读取提示",
    "correction_applied": "已人工校正",
    "correction_redundant": "校正多余",
}
