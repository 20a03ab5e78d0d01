"""Write the fictional sample reports in data/samples/ (run: .venv/bin/python data/samples/make_samples.py).

Every unit and figure here is invented for perflib; each text says so ("虚构样例"), and the
pages perflib renders from them carry a fiction banner.  Two templates, as published in China:

- "seed": the prose layout of the seed report (data/000_….txt): figures in running text,
  numbered tasks with "任务涉及项目资金 … 万元", 绩效自评优.
- "national": the national 部门整体支出绩效自评 layout: 年初预算数 / 全年预算数 / 全年执行数 /
  预算执行率, 基本支出 and 项目支出 separately, 自评得分 N 分, 评价等级.
- "selfeval" / "basic_data": the forms alone, as spreadsheets: the national 部门整体支出绩效自评表
  (.xlsx) and a provincial 基础数据表 (.xls, with a previous-year column that is not this year's).

Formats: .txt, text-layer .pdf, .docx, a saved article page (.html, the national report with its
table inside a government site's chrome), legacy Word (.doc: written as .docx and converted by
LibreOffice, which must be installed to regenerate it).

Figures are derived from a few inputs with exact Decimal arithmetic, so every report adds up,
except where a slip is planted on purpose (`slip=`).  Files are byte-reproducible: fixed PDF
creation date, fixed zip timestamps in .docx.
"""
from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal as D
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))

import fpdf  # noqa: E402

from corpus import LEFT, UP, Num  # noqa: E402
from scans import make_scanned_pdf  # noqa: E402
from fixtures_files import (MERGE_UP, convert_with_soffice, write_docx, write_html, write_pdf, write_txt,  # noqa: E402
                            write_xls, write_xlsx)

FICTION = "（本报告为 perflib 虚构样例，单位与数字均为虚构）"
CITY = "示例市青川区"
FIXED = datetime(2024, 1, 1, tzinfo=timezone.utc)

_fpdf_init = fpdf.FPDF.__init__


def _fixed_date_init(self, *a, **k):  # reproducible PDFs: no "now" in the file
    _fpdf_init(self, *a, **k)
    self.creation_date = FIXED


fpdf.FPDF.__init__ = _fixed_date_init


def q2(v: D) -> D:
    return v.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def money(v: D) -> str:
    return f"{q2(v):,.2f}"


def pct(v: D) -> str:
    s = f"{q2(v):.2f}"
    return s[:-3] if s.endswith(".00") else s


@dataclass
class Block:
    initial: D
    adjustment: D
    completion: D = D(100)  # percent of the adjusted budget spent

    @property
    def adjusted(self) -> D:
        return self.initial + self.adjustment

    @property
    def actual(self) -> D:
        return q2(self.adjusted * self.completion / 100)

    @property
    def rate(self) -> D:
        return q2(self.adjustment / self.initial * 100)


@dataclass
class Report:
    file: str  # name in data/samples/, suffix gives the format
    template: str  # "seed" | "national"
    dept: str
    short: str
    year: int
    overall: Block
    projects: Block
    project_count: int
    tasks: list[tuple[str, D]]
    rating: str
    problems: list[str]
    plans: list[str]
    score: D | None = None
    encoding: str = "utf-8"
    slip: dict = field(default_factory=dict)  # figure → the (wrong) text the report prints
    # 绩效指标: (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因); prose=True: in sentences
    indicators: list[tuple] = field(default_factory=list)
    prose_indicators: bool = False


IND_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def indicator_grid(r: Report) -> list[list]:
    """The 绩效指标 table as Word has it: a repeated 一级 / 二级 merged with the cell above, a 总分 row."""
    grid = [IND_HEADER]
    prev = (None, None)
    for l1, l2, name, target, actual, w, sc, reason in r.indicators:
        c1 = MERGE_UP if l1 == prev[0] else l1
        c2 = MERGE_UP if (l1, l2) == prev else l2
        grid.append([c1, c2, name, target, actual, str(w), str(sc), reason])
        prev = (l1, l2)
    grid.append(["总分", "", "", "", "", str(sum(i[5] for i in r.indicators)), str(r.score), ""])
    return grid


def indicator_lines(r: Report, sep: str) -> list[str]:
    """The table flattened to text lines: a 一级 / 二级 written on the first row of its group only."""
    return [sep.join(str(c) for c in row if c is not MERGE_UP and c != "") for row in indicator_grid(r)]


def indicator_sentences(r: Report) -> list[str]:
    parts = [f"{l2}：{name}，目标值{target}，实际完成{actual}，分值{w}分，得分{sc}分"
             for l1, l2, name, target, actual, w, sc, reason in r.indicators]
    return ["绩效指标完成情况：" + "；".join(parts) + "。"]


def seed_text(r: Report) -> list[str]:
    o, p, s = r.overall, r.projects, r.slip
    inc = lambda b: "调整增支" if b.adjustment >= 0 else "调整减支"  # noqa: E731
    paras = [
        f"{r.dept} {r.year} 部门整体支出绩效评价报告",
        FICTION,
        f"根据财政预算绩效管理要求，{r.year} 年{r.short}对部门整体支出开展绩效自评，年度整体实际支出 "
        f"{money(o.actual)} 万元，预算完成率 {pct(o.completion)}%，较年初预算 {money(o.initial)} 万元，"
        f"{inc(o)} {money(abs(o.adjustment))} 万元，预算调整率 {s.get('overall.rate', pct(abs(o.rate)))}%。"
        "从整体评价情况来看，预算编制、执行及使用效益情况基本达到了预期的绩效目标。",
        "一、项目安排管理使用效益情况",
        f"{r.year} 年度，{r.short}（部门）财政支出项目共 {r.project_count} 个项目，实际支出 {money(p.actual)} 万元，"
        f"预算完成率 {s.get('projects.completion', pct(p.completion))}%，较年初预算 {money(p.initial)} 万元，"
        f"{inc(p)} {money(abs(p.adjustment))} 万元，预算调整率 {s.get('projects.rate', pct(abs(p.rate)))}%。"
        "从评价情况来看，我单位较好完成了年度履职任务。主要绩效目标完成情况：",
    ]
    marks = "一二三四五六七八九十"
    for i, (text, funds) in enumerate(r.tasks):
        paras.append(f"（{marks[i]}）{text}任务涉及项目资金 {money(funds)} 万元。")
    paras += [
        *(indicator_sentences(r) if r.indicators and r.prose_indicators else []),
        "二、综合评价情况及评价结论",
        f"{r.year} 年{r.short}按期完成各项工作任务，预算经费整体支出和各项目支出执行情况良好，绩效自评{r.rating}。",
        "三、工作中存在的问题及改进措施",
        *(f"（{marks[i]}）{t}" for i, t in enumerate(r.problems)),
        f"四、{r.year + 1} 年工作计划及改进措施",
        *(f"（{marks[i]}）{t}" for i, t in enumerate(r.plans)),
    ]
    return paras


def national_text(r: Report) -> tuple[list[str], list[list[str]]]:
    o, p, s = r.overall, r.projects, r.slip
    basic = Block(o.initial - p.initial, o.adjustment - p.adjustment)
    b_actual = o.actual - p.actual
    b_completion = q2(b_actual / basic.adjusted * 100)
    paras = [
        f"{r.dept}{r.year}年度部门整体支出绩效自评报告",
        FICTION,
        "一、部门基本情况",
        f"（一）部门职能。{r.short}是主管本区相关事务的政府工作部门，内设机构与下属单位按“三定”方案设置。",
        "（二）年度预算及执行情况。",
        f"{r.year}年度部门整体支出年初预算数为{money(o.initial)}万元，全年预算数为{money(o.adjusted)}万元，"
        f"全年执行数为{money(o.actual)}万元，预算执行率为{s.get('overall.completion', pct(o.completion))}%。",
        f"其中：基本支出年初预算数{money(basic.initial)}万元，全年预算数{money(basic.adjusted)}万元，"
        f"全年执行数{money(b_actual)}万元，预算执行率{pct(b_completion)}%；",
        f"项目支出年初预算数{money(p.initial)}万元，全年预算数{money(p.adjusted)}万元，全年执行数{money(p.actual)}万元，"
        f"预算执行率{s.get('projects.completion', pct(p.completion))}%，共涉及{r.project_count}个项目。",
        "二、绩效目标及实现情况",
        "（一）年度主要绩效目标完成情况",
        *(f"{i}. {t}涉及资金{money(f)}万元。" for i, (t, f) in enumerate(r.tasks, start=1)),
        *(["（二）绩效指标完成情况", "部门整体支出绩效指标完成情况表"] if r.indicators else []),
        "三、自评结论",
        f"根据部门整体支出绩效自评表，本部门{r.year}年度自评得分{r.score}分，评价等级为“{r.rating}”。",
        "四、存在的问题及原因分析",
        *(f"（{'一二三四五'[i]}）{t}" for i, t in enumerate(r.problems)),
        "五、下一步改进措施",
        *(f"（{'一二三四五'[i]}）{t}" for i, t in enumerate(r.plans)),
    ]
    table = [
        ["部门整体支出绩效自评表", "", "", "", ""],
        ["项目", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "预算执行率"],
        ["年度资金总额", money(o.initial), money(o.adjusted), money(o.actual), pct(o.completion) + "%"],
        ["其中：基本支出", money(basic.initial), money(basic.adjusted), money(b_actual), pct(b_completion) + "%"],
        ["项目支出", money(p.initial), money(p.adjusted), money(p.actual), pct(p.completion) + "%"],
        ["自评得分", str(r.score), "评价等级", r.rating, ""],
    ]
    return paras, table


def _basic(r: Report) -> tuple[Block, D, D]:
    o, p = r.overall, r.projects
    basic = Block(o.initial - p.initial, o.adjustment - p.adjustment)
    b_actual = o.actual - p.actual
    return basic, b_actual, q2(b_actual / basic.adjusted * 100)


def _wan(v: D) -> Num:
    return Num(q2(v), 2, thousands=True)


def _rate(v: D) -> Num:
    return Num(q2(v), 2, percent=True)


def form_grid(r: Report) -> tuple[str, list[list]]:
    """The form a spreadsheet sample holds: the 自评表 or the 基础数据表 (figures in 万元)."""
    o, p = r.overall, r.projects
    basic, b_actual, b_completion = _basic(r)
    rows = [("年度资金总额", o.initial, o.adjusted, o.actual, o.completion),
            ("其中：基本支出", basic.initial, basic.adjusted, b_actual, b_completion),
            ("项目支出", p.initial, p.adjusted, p.actual, p.completion)]
    if r.template == "selfeval":
        grid = [["部门整体支出绩效自评表"] + [LEFT] * 7,
                [f"（{r.year}年度）"] + [LEFT] * 7,
                [FICTION] + [LEFT] * 7,
                ["部门名称", r.dept] + [LEFT] * 6,
                ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
        for i, (label, ini, adj, act, rate) in enumerate(rows):
            grid.append([UP, label, _wan(ini), _wan(adj), _wan(act), Num(D(10), 0) if i == 0 else "—", _rate(rate),
                         Num(q2(rate / 10), 1) if i == 0 else "—"])
        grid.append(["年度总体目标", "预期目标", LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT])
        for text, funds in r.tasks:
            grid.append([UP, text, LEFT, LEFT, f"已完成，使用资金{money(funds)}万元。", LEFT, LEFT, LEFT])
        grid.append(["自评得分", Num(r.score, 1), LEFT, LEFT, "评价等级", r.rating, LEFT, LEFT])
        return "自评表", grid
    prev = lambda v: _wan(q2(v * D("0.93")))  # noqa: E731 - the previous year's figure, never this year's
    grid = [[f"{r.year}年度部门整体支出绩效评价基础数据表"] + [LEFT] * 5,
            [FICTION] + [LEFT] * 5,
            ["预算单位", r.dept, LEFT, LEFT, "单位：万元", LEFT],
            ["项目", "年初预算数", "全年预算数", "全年决算数", "执行率", "上年决算数"]]
    for label, ini, adj, act, rate in rows:
        grid.append([label.replace("其中：", ""), _wan(ini), _wan(adj), _wan(act), _rate(rate), prev(act)])
    grid.insert(-1, ["其中：人员经费", _wan(q2(basic.initial * D("0.7"))), "—", "—", "—", "—"])
    grid.insert(-1, ["公用经费", _wan(basic.initial - q2(basic.initial * D("0.7"))), "—", "—", "—", "—"])
    return "基础数据表", grid


def write(r: Report) -> Path:
    path = HERE / r.file
    if path.suffix == ".xlsx":
        return _fixed_core_dates(_fixed_zip_times(write_xlsx(path, [form_grid(r)])))
    if path.suffix == ".xls":
        return write_xls(path, [form_grid(r)])
    if r.template == "seed":
        paras, table = seed_text(r), None
    else:
        paras, table = national_text(r)
    if r.indicators and not r.prose_indicators and path.suffix != ".docx":
        at = paras.index("部门整体支出绩效指标完成情况表") + 1
        paras[at:at] = ["\n".join(indicator_lines(r, "\t" if path.suffix == ".txt" else "  "))]
    if path.suffix == ".txt":
        return write_txt(path, "\n\n".join(paras) + "\n", encoding=r.encoding)
    if path.stem.endswith("_scan"):  # printed and scanned: pages as images, no text layer (OCR)
        items = list(paras)
        if table is not None:
            items.insert(items.index("三、自评结论"), table)
        half = len(items) // 2
        path.write_bytes(make_scanned_pdf([items[:half], items[half:]], seed=r.year, dpi=180))
        return path
    if path.suffix == ".pdf":
        pages, page = [], []
        for para in paras:  # a new page at each top-level heading after the first two
            if para.startswith(("三、", "四、")) and page:
                pages.append("\n".join(page))
                page = []
            page.append(para)
        pages.append("\n".join(page))
        return write_pdf(path, pages, header=f"{r.dept}绩效自评", footer_page_numbers="第 {n} 页")
    blocks = list(paras)
    if table is not None:  # the national self-assessment table, as Word files and pages carry it
        blocks.insert(blocks.index("三、自评结论"), table)
    if r.indicators and not r.prose_indicators:
        blocks.insert(blocks.index("部门整体支出绩效指标完成情况表") + 1, indicator_grid(r))
    if path.suffix == ".html":
        return write_html(path, blocks, paras[0], encoding=r.encoding)
    if path.suffix == ".doc":  # LibreOffice keeps the table going by way of .odt
        docx = write_docx(path.with_suffix(".docx.tmp.docx"), blocks=blocks)
        try:
            doc = convert_with_soffice(docx, "doc", via="odt")
            doc.replace(path)
        finally:
            for tmp in path.parent.glob(path.stem + ".docx.tmp*"):
                tmp.unlink()
        return path
    return _fixed_zip_times(write_docx(path, blocks=blocks))


def _fixed_core_dates(path: Path) -> Path:
    """openpyxl stamps the workbook's created/modified dates with now; pin them too."""
    import re

    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", data)
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def _fixed_zip_times(path: Path) -> Path:
    """python-docx stamps zip entries with the current time; pin them so the bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    path.write_bytes(out.getvalue())
    return path


# --- the reports ---------------------------------------------------------------------------
LINJIANG = f"{CITY}人民政府临江街道办事处"
PAY_SLOW = [
    "部分项目资金支付进度偏慢，年中集中支付的情况仍然存在。受项目招标周期影响，个别项目下半年才完成采购，资金执行前松后紧。",
    "项目资金支付进度偏慢，年底集中支付的问题依然存在。部分工程类项目结算周期长，资金执行不均衡。",
    "部分项目资金支付进度偏慢，年底集中支付问题仍未根本解决。个别项目前期论证不足，实施中多次调整。",
]
TARGETS_VAGUE = [
    "绩效目标设置不够细化，部分指标难以量化考核。个别项目的产出指标以定性描述为主，年终评价缺少可比依据。",
    "绩效目标设置仍不够细化，部分指标难以量化。新增项目的效益指标多为定性表述，评价依据不足。",
]

# --- 绩效指标 (fictional), each list's 分值 adding up to 100 ---------------------------------------
def _edu(score_year: dict) -> list[tuple]:
    rows = [
        ("产出指标", "数量指标", "新增公办学位", "≥1200个", score_year["seats"], D(15), score_year["seats_pts"], score_year.get("seats_why", "")),
        ("产出指标", "数量指标", "教师培训人次", "≥3000人次", "3260人次", D(10), D(10), ""),
        ("产出指标", "质量指标", "义务教育巩固率", "≥99%", "99.6%", D(15), D(15), ""),
        ("产出指标", "时效指标", "生均公用经费拨付", "按季度足额拨付", "按时完成", D(10), D(10), ""),
        ("成本指标", "经济成本指标", "生均公用经费标准", "≤900元", "880元", D(10), D(10), ""),
        ("效益指标", "社会效益指标", "学位供给紧张状况", "有效缓解", score_year["relief"], D(20), score_year["relief_pts"], score_year.get("relief_why", "")),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", score_year["sat"], D(20), score_year["sat_pts"], score_year.get("sat_why", "")),
    ]
    return rows


def _health(vacc: str, vacc_pts: D, vacc_why: str, sat: str, sat_pts: D, sat_why: str) -> list[tuple]:
    return [
        ("产出指标", "数量指标", "家庭医生签约人数", "≥6万人", "6.3万人", D(15), D(15), ""),
        ("产出指标", "质量指标", "适龄儿童免疫规划疫苗接种率", "≥95%", vacc, D(15), vacc_pts, vacc_why),
        ("产出指标", "时效指标", "核酸检测结果报告时限", "≤24小时", "12小时", D(10), D(10), ""),
        ("成本指标", "经济成本指标", "人均基本公共卫生服务补助", "≤89元", "89元", D(10), D(10), ""),
        ("效益指标", "社会效益指标", "居民健康素养水平", "≥28%", "29.5%", D(20), D(20), ""),
        ("效益指标", "可持续影响指标", "基层首诊机制", "逐步建立", "已建立", D(10), D(10), ""),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", sat, D(20), sat_pts, sat_why),
    ]


MINZHENG_INDICATORS = [
    ("产出指标", "数量指标", "城乡低保对象覆盖", "≥3200人", "3350人", D(30), D(30), ""),
    ("产出指标", "时效指标", "救助资金发放", "每月10日前", "按时完成", D(20), D(20), ""),
    ("效益指标", "社会效益指标", "困难群众基本生活保障", "有效保障", "有效保障", D(25), D(25), ""),
    ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93%", D(25), D(25), ""),
]


REPORTS = [
    # 临江街道: seed template, three years; payment delays recur every year.
    Report("2021_linjiang.txt", "seed", LINJIANG, "临江街道办事处", 2021,
           Block(D("3820.50"), D("612.30")), Block(D("1960.00"), D("412.30")), 41,
           [("推进社区党群服务中心标准化建设，提升基层治理和服务群众能力。", D("486.20")),
            ("落实辖区环境卫生保洁和垃圾分类工作，改善人居环境。", D("1020.75")),
            ("做好辖区安全生产、消防和疫情防控工作，维护社会稳定。", D("655.40"))],
           "优", [PAY_SLOW[0], "基层任务繁重，人员力量与工作量不匹配。社区专职人员流动较大，业务骨干不足。"],
           ["加快预算执行进度，按月跟踪项目支付。", "优化人员配置，加强业务培训。"]),
    Report("2022_linjiang.txt", "seed", LINJIANG, "临江街道办事处", 2022,
           Block(D("3905.00"), D("488.60")), Block(D("2010.00"), D("350.60")), 44,
           [("推进老旧小区改造和加装电梯工作，改善居住条件。", D("842.10")),
            ("落实辖区环境卫生保洁和垃圾分类工作，改善人居环境。", D("1011.30")),
            ("开展社区养老服务和困难群众帮扶。", D("398.55"))],
           "优", [PAY_SLOW[1], "部分项目前期谋划不足，预算调整较多。年中追加项目较多，年初预算编制不够精准。"],
           ["细化年初预算编制，减少年中调整。", "建立项目支付进度通报机制。"], encoding="gb18030"),
    Report("2023_linjiang.pdf", "seed", LINJIANG, "临江街道办事处", 2023,
           Block(D("4010.80"), D("356.20")), Block(D("2106.40"), D("301.00")), 39,
           [("推进社区党群服务中心标准化建设，提升基层治理和服务群众能力。", D("520.00")),
            ("落实辖区环境卫生保洁和垃圾分类工作，改善人居环境。", D("1050.20")),
            ("做好辖区安全生产和应急管理工作。", D("610.35"))],
           "良", [PAY_SLOW[2], "绩效自评结果运用不够充分，评价结论与下年预算安排衔接不紧。"],
           ["将自评结果与下年预算安排挂钩。", "压实项目单位支付责任。"]),
    # 文化广电旅游体育局: seed template; 2022 prints a project adjustment rate 0.05 pp off (warn).
    Report("2021_wenguang.docx", "seed", f"{CITY}文化广电旅游体育局", "区文化广电旅游体育局", 2021,
           Block(D("2450.00"), D("-120.00"), D("98.50")), Block(D("1310.00"), D("-120.00"), D("97.80")), 23,
           [("举办全民健身和群众文化活动，丰富群众精神文化生活。", D("402.60")),
            ("推进公共图书馆和文化馆总分馆建设。", D("356.00"))],
           "良", ["公共文化设施利用率不高，部分基层文化站活动较少。", "文物保护专项资金使用进度较慢。"],
           ["提高基层文化设施使用效率。", "加快文物保护项目实施。"]),
    Report("2022_wenguang.txt", "seed", f"{CITY}文化广电旅游体育局", "区文化广电旅游体育局", 2022,
           Block(D("2380.00"), D("205.50")), Block(D("1240.00"), D("185.50")), 25,
           [("举办全民健身和群众文化活动，丰富群众精神文化生活。", D("430.00")),
            ("推进体育场馆免费低收费开放。", D("288.80"))],
           "优", ["公共文化设施利用率仍然不高，部分基层文化站活动偏少。", "项目绩效目标与实际产出衔接不够。"],
           ["推动基层文化设施错时开放。", "完善项目绩效目标。"],
           slip={"projects.rate": "15.01"}),
    # 城市管理和综合执法局: seed template; 2023 states a completion rate far from its figures (fail).
    Report("2022_chengguan.pdf", "seed", f"{CITY}城市管理和综合执法局", "区城市管理和综合执法局", 2022,
           Block(D("6120.00"), D("830.00")), Block(D("4020.00"), D("760.00")), 57,
           [("开展市容环境整治和违法建设治理。", D("1860.00")),
            ("保障环卫作业和垃圾转运处理。", D("2105.40"))],
           "优", ["执法力量不足，一线执法人员配备与辖区面积不相适应。", "环卫作业外包服务监管不到位。"],
           ["充实一线执法力量。", "加强外包服务考核。"]),
    Report("2023_chengguan.txt", "seed", f"{CITY}城市管理和综合执法局", "区城市管理和综合执法局", 2023,
           Block(D("6300.00"), D("-260.00"), D("99.20")), Block(D("4100.00"), D("-260.00"), D("98.90")), 55,
           [("开展市容环境整治和违法建设治理。", D("1720.00")),
            ("保障环卫作业和垃圾转运处理。", D("2010.60"))],
           "优", ["执法力量仍显不足，一线执法人员配备与辖区面积不相适应。", "部分项目预算编制偏大，执行中调减较多。"],
           ["优化执法力量配置。", "提高预算编制准确性。"], encoding="gb18030",
           slip={"projects.completion": "92.10"}),
    # 民政局: seed template, one year.
    Report("2023_minzheng.txt", "seed", f"{CITY}民政局", "区民政局", 2023,
           Block(D("5230.00"), D("410.00")), Block(D("3880.00"), D("380.00")), 31,
           [("落实城乡低保、特困人员供养等社会救助政策。", D("2310.00")),
            ("推进居家社区养老服务。", D("960.50"))],
           "优", ["社会救助对象动态管理不够及时。", "养老服务项目绩效指标偏重产出，效果指标不足。"],
           ["加强救助对象动态核查。", "完善养老服务效果指标。"],
           indicators=MINZHENG_INDICATORS, prose_indicators=True),
    # 民政局 2022: the national layout, printed and scanned (no text layer: read by OCR).
    Report("2022_minzheng_scan.pdf", "national", f"{CITY}民政局", "区民政局", 2022,
           Block(D("4980.00"), D("265.00"), D("98.80")), Block(D("3620.00"), D("240.00"), D("98.10")), 28,
           [("落实城乡低保和临时救助政策。", D("2080.00"))],
           "良", ["部分救助资金拨付进度偏慢。"], ["加快救助资金拨付。"], score=D("88")),
    # 教育局: national template, three years; vague targets recur.
    Report("2021_jiaoyu.docx", "national", f"{CITY}教育局", "区教育局", 2021,
           Block(D("48200.00"), D("3150.00"), D("99.10")), Block(D("15400.00"), D("2600.00"), D("97.60")), 86,
           [("保障全区中小学校正常运转，落实生均公用经费标准。", D("6820.00")),
            ("推进学位建设，新增公办学位。", D("5240.00"))],
           "优", [TARGETS_VAGUE[0], "部分学校预算执行进度偏慢。"],
           ["细化绩效目标和指标。", "加强学校预算执行监控。"], score=D("93.5"),
           indicators=_edu({"seats": "1050个", "seats_pts": D(11), "seats_why": "两所新建学校延期交付，已督促加快建设",
                            "relief": "有效缓解", "relief_pts": D(20), "sat": "88%", "sat_pts": D("17.5"),
                            "sat_why": "课后服务时段安排意见较多，已调整"})),
    Report("2022_jiaoyu.pdf", "national", f"{CITY}教育局", "区教育局", 2022,
           Block(D("50100.00"), D("2780.00"), D("98.70")), Block(D("16300.00"), D("2300.00"), D("96.90")), 91,
           [("保障全区中小学校正常运转，落实生均公用经费标准。", D("7010.00")),
            ("实施教师队伍建设和培训计划。", D("1860.00"))],
           "优", [TARGETS_VAGUE[1], "学位建设项目受用地影响，进度滞后。"],
           ["完善绩效指标体系。", "协调解决学校建设用地问题。"], score=D("91"),
           indicators=_edu({"seats": "1100个", "seats_pts": D(12), "seats_why": "建设用地未落实，部分学位延后提供",
                            "relief": "基本缓解", "relief_pts": D(16), "sat": "87%", "sat_pts": D(18),
                            "sat_why": "学位分配政策宣传不足，已加强解读"})),
    Report("2023_jiaoyu.txt", "national", f"{CITY}教育局", "区教育局", 2023,
           Block(D("51800.00"), D("1960.00"), D("99.40")), Block(D("17100.00"), D("1700.00"), D("98.20")), 88,
           [("保障全区中小学校正常运转，落实生均公用经费标准。", D("7150.00")),
            ("推进学位建设，新增公办学位。", D("4380.00"))],
           "良", ["学位建设项目受用地影响，进度仍然滞后。", "部分专项资金结余较多。"],
           ["加快学位建设。", "及时清理盘活结余资金。"], score=D("88.5"),
           # planted: a missed target (980 of ≥1200 seats) given its full 15 points, with no reason stated
           indicators=_edu({"seats": "980个", "seats_pts": D(15),
                            "relief": "未有效缓解", "relief_pts": D(12), "relief_why": "学位建设滞后，下年加快推进",
                            "sat": "86%", "sat_pts": D("16.5"), "sat_why": "入学咨询渠道不畅，已开通专线"})),
    # 卫生健康局: national template, two years.
    Report("2022_weijian.txt", "national", f"{CITY}卫生健康局", "区卫生健康局", 2022,
           Block(D("21500.00"), D("6400.00"), D("99.80")), Block(D("12800.00"), D("6200.00"), D("99.60")), 64,
           [("做好疫情防控物资保障和核酸检测工作。", D("8600.00")),
            ("实施基本公共卫生服务项目。", D("3200.00"))],
           "优", ["应急类支出占比较高，年初预算难以准确预计。", "基层医疗机构人才短缺。"],
           ["提高预算编制的前瞻性。", "加强基层卫生人才队伍建设。"], score=D("95"), encoding="gb18030",
           # planted: the table's points add up to 97, the report states 95
           indicators=_health("96.2%", D(15), "", "85%", D(17), "")),
    Report("2023_weijian.docx", "national", f"{CITY}卫生健康局", "区卫生健康局", 2023,
           Block(D("19800.00"), D("-1250.00"), D("98.80")), Block(D("10200.00"), D("-1300.00"), D("97.50")), 58,
           [("实施基本公共卫生服务项目。", D("3350.00")),
            ("推进社区卫生服务中心标准化建设。", D("1420.00"))],
           "优", ["基层医疗机构人才短缺问题仍然存在。", "部分项目绩效目标偏低，缺乏挑战性。"],
           ["拓宽基层卫生人才引进渠道。", "科学设定绩效目标值。"], score=D("87"),
           # planted: rated 优 on 87 points (the 良 band)
           indicators=_health("93.1%", D(12), "部分流动儿童未及时建档，已联合学校排查", "84%", D(10),
                              "就诊等候时间较长，已推行分时段预约")),
    Report("2021_weijian.doc", "national", f"{CITY}卫生健康局", "区卫生健康局", 2021,
           Block(D("18600.00"), D("4100.00"), D("99.50")), Block(D("9800.00"), D("3900.00"), D("99.00")), 52,
           [("做好疫情防控和重点人群健康管理工作。", D("5100.00")),
            ("实施基本公共卫生服务项目。", D("2980.00"))],
           "优", ["应急类支出占比较高，年初预算难以准确预计。", "信息化项目建设进度偏慢。"],
           ["提高预算编制的前瞻性。", "加快信息化项目建设。"], score=D("94")),
    # 文化广电旅游体育局 2023: the national layout, published as an article page with its table.
    Report("2023_wenguang.html", "national", f"{CITY}文化广电旅游体育局", "区文化广电旅游体育局", 2023,
           Block(D("2520.00"), D("168.00"), D("99.30")), Block(D("1330.00"), D("150.00"), D("98.60")), 24,
           [("举办全民健身和群众文化活动，丰富群众精神文化生活。", D("445.00")),
            ("推进公共图书馆和文化馆总分馆建设。", D("312.40"))],
           "优", ["部分文化惠民活动参与人数不及预期。", "项目绩效目标与实际产出衔接仍不够紧密。"],
           ["丰富活动形式，扩大群众参与。", "完善项目绩效目标。"], score=D("92.5"), encoding="gb18030"),
    # 农业农村局: the forms alone, as spreadsheets.
    Report("2022_nongye.xlsx", "selfeval", f"{CITY}农业农村局", "区农业农村局", 2022,
           Block(D("8650.00"), D("1240.00"), D("98.40")), Block(D("5120.00"), D("1180.00"), D("97.90")), 37,
           [("落实耕地地力保护补贴，保障粮食生产安全。", D("2100.00")),
            ("推进高标准农田建设。", D("1650.00"))],
           "优", [], [], score=D("91.5")),
    Report("2023_nongye.xls", "basic_data", f"{CITY}农业农村局", "区农业农村局", 2023,
           Block(D("8920.00"), D("-310.00"), D("99.10")), Block(D("5300.00"), D("-350.00"), D("98.80")), 35,
           [], "良", [], []),
]


def main() -> None:
    for r in REPORTS:
        print(write(r).relative_to(HERE.parents[1]))


if __name__ == "__main__":
    main()
