"""Synthetic 部门整体支出绩效评价报告: random but consistent figures, rendered as text.

Three steps, kept apart so that other tools can reuse any of them:

* ``make_figures(rng)`` draws the figures of one department-year (a ``Figures``):
  budgets, adjustments and rates computed and rounded the way a report states
  them, projects ≤ overall, task funds ≤ project spending, an optional basic
  block, a rating consistent with the score, problems and plans.
* ``make_variant(rng, template)`` draws how the report is written: unit
  (元/万元/亿元), thousands separators, fullwidth digits, spaces, numbering,
  title form, 增支/减支/调减 wording, prose or table.
* ``render_text(figures, template, variant)`` writes the report as plain text
  (one paragraph per line; a PDF/DOCX writer can split it into paragraphs and,
  for lines containing a tab, table rows). ``expected(figures, template,
  variant)`` is the record the parser must read back from that text.

Templates: ``"seed"`` (the Guangzhou template of the seed report: 实际支出 /
预算完成率 / 较年初预算 / 调整增支 / 预算调整率) and ``"national"`` (the
self-evaluation-table template: 年初预算数 / 全年预算数 / 全年执行数 / 预算执行率,
基本支出 and 项目支出 separately, 自评得分 and 评价等级), the latter as prose
(``variant.table=False``) or as a table flattened to text lines.

Every amount is exact at the precision it is written with: 万元 with 2
decimals, 元 as integral yuan (optionally ``.00``), 亿元 with up to 6 decimals,
so the expected figures are exact Decimals.

    python tests/corpus.py OUTDIR [N] [SEED]   # write N sample .txt reports + expected .json
"""
from __future__ import annotations

import json
import random
import sys
from dataclasses import asdict, dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

TEMPLATES = ("seed", "national")
# Phrasings of published reports (plain labels, subjects, totals with their parts, per-block rates,
# last year's figures beside this year's, a web page's breadcrumb and 来源 line), and documents
# that are not department reports (the kind the parser must name).
REAL_TEMPLATES = ("real",)
KIND_TEMPLATES = {"project": "project", "final_accounts": "final_accounts", "attachment_only": "attachment_only"}
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# --- names -----------------------------------------------------------------------------
_PLACES = ["广州市荔湾区", "广州市天河区", "深圳市南山区", "长沙市岳麓区", "成都市武侯区", "杭州市西湖区",
           "湘潭县", "宁乡市", "南京市玄武区", "郑州市金水区", "昆明市五华区", "江门市新会区"]
_ORGS = ["教育局", "财政局", "农业农村局", "卫生健康局", "人力资源和社会保障局", "生态环境分局",
         "住房和城乡建设局", "人民政府花地街道办事处", "文化广电旅游体育局", "民政局", "交通运输局",
         "市场监督管理局", "水务局", "司法局", "统计局", "退役军人事务局", "卫生健康委员会",
         "城市管理和综合执法局", "机关事务管理中心", "档案馆", "疾病预防控制中心", "委组织部"]

_TASK_TEXTS = [
    "通过完善街道工作，提高工作人员服务群众的素质，使街道工作逐步规范化、制度化。",
    "为有需要的社区居民提供预防性、支持性、补救性的综合服务，提高基层群众参与社区活动的热情。",
    "有效防范遏制重特大事故，推动地区安全形势持续稳定好转，维护辖区社会稳定大局。",
    "增强基层党组织的凝聚力和战斗力，加强学习型党组织建设，提升党员群众服务满意度。",
    "完成年度义务教育学校改造任务，改善办学条件，全面提升教育教学质量。",
    "推进高标准农田建设，落实耕地地力保护补贴，保障粮食生产安全。",
    "开展城乡环境综合整治，完成黑臭水体治理和垃圾分类工作目标。",
    "落实就业创业扶持政策，开展职业技能培训，促进城乡劳动者稳定就业。",
]
_PROBLEMS = [
    "项目落地和建设进度滞后，受疫情、资金链等影响，有的建设进度比较缓慢，新的增长点尚未形成。",
    "预算编制的科学性和精准性有待提高，年中追加调整较多，年初预算与实际执行存在一定差距。",
    "绩效目标设置不够细化量化，部分指标难以考核，绩效评价结果运用不够充分。",
    "基层任务繁重、权责不清的矛盾仍比较突出，部分工作存在人与事不对等的情况。",
    "资产管理基础工作较为薄弱，固定资产账实不符的情况仍有发生。",
    "专项资金支出进度不均衡，下半年特别是第四季度支出较为集中。",
]
_PLANS = [
    "加强预算编制管理，提高预算编制的科学性和准确性，减少年中调整。",
    "健全绩效目标管理，细化量化绩效指标，强化绩效评价结果运用。",
    "加快项目实施和资金支付进度，跟踪预算项目执行情况，将责任落实到人。",
    "加强资产管理，定期开展资产清查，确保账实相符。",
    "强化财务人员业务培训，提升财务管理和绩效管理水平。",
]
_PLAN_HEADS = ["下一步工作计划", "改进措施", "整改措施", "意见建议", "下一步改进措施", "下一步工作打算"]


# --- figures -----------------------------------------------------------------------------
@dataclass
class BlockFigures:
    initial: Decimal  # 万元, 2 decimals
    adjustment: Decimal  # signed
    actual: Decimal
    count: int | None = None

    @property
    def adjusted(self) -> Decimal:
        return self.initial + self.adjustment

    @property
    def adjustment_rate(self) -> Decimal:
        return (self.adjustment / self.initial * HUNDRED).quantize(CENT, ROUND_HALF_UP)

    @property
    def completion_rate(self) -> Decimal:
        return (self.actual / self.adjusted * HUNDRED).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Figures:
    department: str
    year: int
    overall: BlockFigures
    projects: BlockFigures
    basic: BlockFigures | None
    tasks: list[tuple[str, Decimal | None]]
    score: Decimal
    rating: str  # 优/良/中/差
    problems: list[str]
    plans: list[str]


def _money(rng: random.Random, lo: float, hi: float) -> Decimal:
    return Decimal(rng.randint(int(lo * 100), int(hi * 100))) / 100


def _block(rng: random.Random, lo: float, hi: float, full: bool | None = None) -> BlockFigures:
    initial = _money(rng, lo, hi)
    sign = 1 if rng.random() < 0.65 else -1
    adjustment = (initial * Decimal(rng.uniform(0.01, 0.45)) * sign).quantize(CENT, ROUND_HALF_UP)
    if adjustment == 0:
        adjustment = CENT
    adjusted = initial + adjustment
    if full if full is not None else rng.random() < 0.5:
        actual = adjusted
    else:
        actual = (adjusted * Decimal(rng.uniform(0.8, 0.999))).quantize(CENT, ROUND_DOWN)
    return BlockFigures(initial, adjustment, actual)


def _rating(score: Decimal) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def make_figures(rng: random.Random | int | None = None) -> Figures:
    """Random, consistent figures of one department-year (`rng` a Random or a seed)."""
    if not isinstance(rng, random.Random):
        rng = random.Random(rng)
    full = rng.random() < 0.5
    basic = _block(rng, 200, 8000, full)
    projects = _block(rng, 50, 9000, full)
    projects.count = rng.randint(1, 120)
    overall = BlockFigures(basic.initial + projects.initial, basic.adjustment + projects.adjustment,
                           basic.actual + projects.actual)
    if overall.adjustment == 0:  # a zero adjustment has no sign word; keep the figures simple
        basic.adjustment += CENT  # raises basic's adjusted budget: actual stays within it
        overall = BlockFigures(basic.initial + projects.initial, basic.adjustment + projects.adjustment,
                               basic.actual + projects.actual)
    n_tasks = rng.randint(0, 5)
    texts = rng.sample(_TASK_TEXTS, n_tasks)
    budget = projects.actual * Decimal(rng.uniform(0.3, 0.98))
    weights = [rng.random() + 0.05 for _ in range(n_tasks)]
    with_funds = rng.random() < 0.75
    tasks = []
    for text, w in zip(texts, weights):
        funds = (budget * Decimal(w / sum(weights))).quantize(CENT, ROUND_DOWN) if with_funds else None
        if funds is not None and rng.random() < 0.1:
            funds = None  # one task without funds now and then
        tasks.append((text, funds))
    score = Decimal(rng.randint(550, 1000)) / 10
    if rng.random() < 0.5:
        score = score.to_integral_value(ROUND_DOWN)
    return Figures(
        department=rng.choice(_PLACES) + rng.choice(_ORGS),
        year=rng.randint(2016, 2024),
        overall=overall, projects=projects, basic=basic,
        tasks=tasks, score=score, rating=_rating(score),
        problems=rng.sample(_PROBLEMS, rng.randint(1, 4)),
        plans=rng.sample(_PLANS, rng.randint(1, 4)),
    )


# --- how it is written ----------------------------------------------------------------
@dataclass(frozen=True)
class Variant:
    unit: str = "万元"  # 万元 | 元 | 亿元
    thousands: bool = False  # 6,364.24
    yuan_cents: bool = True  # 元 amounts written with .00
    fullwidth: bool = False  # ６３６４．２４
    space: bool = True  # "6364.24 万元" vs "6364.24万元"
    section: str = "一、"  # numbering of sections: 一、 | （一） | 1.
    item: str = "（一）"  # numbering of list items: （一） (一) 一、 1. （1） 1、 (1) or "" for paragraphs
    title: str = "dept-year"  # dept-year | year-dept | two-lines | name-line | sentence
    decrease: str = "调整减支"  # 调整减支 | 调减 | 减支
    signed_rate: bool = False  # a decrease's rate written "-3.2%"
    rate_100: str = "100"  # how 100 % is written: "100" | "100.00"
    state_basic: bool = True  # seed template: state the basic block too
    state_count: bool = True  # national template: state the number of projects
    state_score: bool = True  # national template: state 自评得分
    rating_word: str = "short"  # short (优) | long (优秀)
    breakdown: bool = False  # national prose: "全年执行数 X，其中：基本支出 A，项目支出 B" instead of block by block
    table: bool = False  # national template: figures in a flattened table
    table_sep: str = " "  # "\t" (DOCX cells) or spaces
    table_scores: bool = False  # 自评表 columns 分值 / 得分 as well
    plan_head: str = "下一步工作计划"
    task_funds: str = "任务涉及项目资金"  # phrase before a task's funds
    # "real" template only (drawn by make_variant for it alone, so other templates keep their draws)
    real_style: str = "parts"  # parts | brackets | basic-heading | list | respectively
    initial_label: str = "年初预算"
    adjusted_label: str = "全年预算"
    actual_label: str = "本年支出"
    increase_label: str = "年中追加预算"
    subject: str = ""  # "", 我单位, 本部门 …: the sentence's subject
    prev_year: bool = False  # a sentence with last year's spending before this year's figures
    compare: bool = False  # "较上年增支 D 万元" after this year's spending
    web_page: bool = False  # breadcrumb, short name in the title, full name on the 来源 line


ITEM_STYLES = ("（一）", "(一)", "一、", "1.", "（1）", "1、", "(1)")
_SECTION_FOR_ITEM = {"（一）": ["一、"], "(一)": ["一、"], "一、": ["（一）", "1."], "1.": ["一、", "（一）"],
                     "（1）": ["一、", "（一）", "1."], "1、": ["一、", "（一）"], "(1)": ["一、", "1."], "": ["一、"]}


REAL_OPTIONS = {
    "real_style": ["parts", "brackets", "basic-heading", "list", "respectively"],
    "initial_label": ["年初预算", "部门预算安排", "年初批复预算", "年初预算数为"],
    "adjusted_label": ["全年预算", "调整后预算", "调整后全年预算数"],
    "actual_label": ["本年支出", "全年支出", "实际支出", "本年实际支出", "决算数"],
    "increase_label": ["年中追加预算", "本年追加预算", "追加", "调整增支"],
    "subject": ["", "我单位", "本部门", "全局", "我局"],
    "prev_year": [True, False], "compare": [True, False], "web_page": [True, False],
}


def make_variant(rng: random.Random | int | None, template: str) -> Variant:
    if not isinstance(rng, random.Random):
        rng = random.Random(rng)
    v = _make_variant(rng, template)
    if template in REAL_TEMPLATES or template in KIND_TEMPLATES:
        v = replace(v, table=False, **{k: rng.choice(opts) for k, opts in REAL_OPTIONS.items()})
    return v


def _make_variant(rng: random.Random, template: str) -> Variant:
    item = rng.choice(ITEM_STYLES + ("",))
    return Variant(
        unit=rng.choice(["万元", "万元", "元", "亿元"]),
        thousands=rng.random() < 0.4,
        yuan_cents=rng.random() < 0.5,
        fullwidth=rng.random() < 0.25,
        space=rng.random() < 0.5,
        section=rng.choice(_SECTION_FOR_ITEM[item]),
        item=item,
        title=rng.choice(["dept-year", "year-dept", "two-lines", "name-line", "sentence"]),
        decrease=rng.choice(["调整减支", "调减", "减支"]),
        signed_rate=rng.random() < 0.3,
        rate_100=rng.choice(["100", "100.00"]),
        state_basic=rng.random() < 0.5,
        state_count=rng.random() < 0.6,
        state_score=rng.random() < 0.7,
        rating_word=rng.choice(["short", "long"]),
        breakdown=rng.random() < 0.5,
        table=template == "national" and rng.random() < 0.5,
        table_sep=rng.choice(["\t", " ", "  "]),
        table_scores=rng.random() < 0.4,
        plan_head=rng.choice(_PLAN_HEADS),
        task_funds=rng.choice(["任务涉及项目资金", "安排资金", "使用项目经费", "涉及资金"]),
    )


_CN = "一二三四五六七八九十"
_FULL = str.maketrans({**{chr(0x30 + i): chr(0xFF10 + i) for i in range(10)}, ".": "．", "%": "％", ",": "，"})


def _marker(style: str, n: int) -> str:
    cn = _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]
    return {"（一）": f"（{cn}）", "(一)": f"({cn})", "一、": f"{cn}、", "1.": f"{n}.",
            "（1）": f"（{n}）", "1、": f"{n}、", "(1)": f"({n})", "": ""}[style]


def _num(value: Decimal, places: int, thousands: bool) -> str:
    q = value.quantize(Decimal(1).scaleb(-places)) if places else value.quantize(Decimal(1))
    return f"{q:,f}" if thousands else f"{q:f}"


def amount(wan: Decimal, v: Variant, with_unit: bool = True) -> str:
    """A 万元 figure as the variant writes it ("6,364.24 万元", "63642400元", "0.636424 亿元")."""
    if v.unit == "元":
        text = _num(wan * 10000, 2 if v.yuan_cents else 0, v.thousands)
    elif v.unit == "亿元":
        yi = (wan / 10000).quantize(Decimal("0.000001"))
        text = f"{yi:f}".rstrip("0")
        text = text + "0" * (2 - len(text.split(".")[1])) if "." in text else text + ".00"
        if v.thousands and yi >= 1000:
            text = _num(yi, len(text.split(".")[1]), True)
    else:
        text = _num(wan, 2, v.thousands)
    return text + ((" " if v.space else "") + v.unit if with_unit else "")


def rate(value: Decimal, v: Variant, signed: bool = True) -> str:
    value = value if signed else abs(value)
    text = v.rate_100 if value == HUNDRED else f"{value:f}"
    return text + "%"


def _sp(v: Variant) -> str:
    return " " if v.space else ""


# --- templates ----------------------------------------------------------------------------
def _title(f: Figures, v: Variant, kind: str) -> list[str]:
    y, d = f.year, f.department
    name = f"部门整体支出绩效{kind}报告"
    return {
        "dept-year": [f"{d}{y}年度{name}"],
        "year-dept": [f"{y}年度{d}{name}"],
        "two-lines": [d, f"{y}年度{name}"],
        "name-line": [f"{y}年度{name}", f"单位名称：{d}"],
        "sentence": [name],
    }[v.title]


def _adjust_clause(b: BlockFigures, v: Variant) -> str:
    if b.adjustment >= 0:
        return f"调整增支{_sp(v)}{amount(b.adjustment, v)}，预算调整率{_sp(v)}{rate(b.adjustment_rate, v)}"
    return (f"{v.decrease}{_sp(v)}{amount(-b.adjustment, v)}，预算调整率{_sp(v)}"
            f"{rate(b.adjustment_rate, v, signed=v.signed_rate)}")


def _seed_figures(b: BlockFigures, v: Variant) -> str:
    return (f"实际支出{_sp(v)}{amount(b.actual, v)}，预算完成率{_sp(v)}{rate(b.completion_rate, v)}，"
            f"较年初预算{_sp(v)}{amount(b.initial, v)}，{_adjust_clause(b, v)}")


def _section(v: Variant, n: int, text: str) -> str:
    return _marker(v.section, n) + text


def _items(v: Variant, texts: list[str]) -> list[str]:
    return [_marker(v.item, i) + t for i, t in enumerate(texts, start=1)]


def _task_lines(f: Figures, v: Variant) -> list[str]:
    out = []
    for text, funds in f.tasks:
        line = text
        if funds is not None:
            line += f"{v.task_funds}{_sp(v)}{amount(funds, v)}。"
        out.append(line)
    return _items(v, out)


def _intro(f: Figures, v: Variant) -> str:
    """The first sentence: states the year (and the department when the title does not)."""
    return f"根据财政预算绩效管理要求，{f.year}年{f.department}对部门整体支出开展绩效自评。"


def _render_seed(f: Figures, v: Variant) -> list[str]:
    lines = [f"{f.department} {f.year} 部门整体支出绩效评价报告"] if v.title == "dept-year" else _title(f, v, "评价")
    o, p = f.overall, f.projects
    para = (f"根据财政预算绩效管理要求，{f.year}{_sp(v)}年{f.department}对部门整体支出开展绩效自评，"
            f"年度整体{_seed_figures(o, v)}。")
    if v.state_basic and f.basic is not None:
        para += f"其中基本支出{_seed_figures(f.basic, v)}。"
    para += "从整体评价情况来看，预算编制、执行及使用效益情况均达到了预期的绩效目标。"
    lines.append(para)
    lines.append(_section(v, 1, "项目安排管理使用效益情况"))
    para = (f"{f.year}{_sp(v)}年度，{f.department}财政支出项目包括专项工作经费、人员经费等共{_sp(v)}{p.count}{_sp(v)}个项目，"
            f"{_seed_figures(p, v)}。从评价情况来看，我单位较好完成了年度工作任务。")
    if f.tasks:
        para += "主要绩效目标完成情况："
    lines.append(para)
    lines += _task_lines(f, v)
    lines.append(_section(v, 2, "综合评价情况及评价结论"))
    word = {"short": f.rating, "long": _LONG[f.rating]}[v.rating_word]
    lines.append(f"{f.year}{_sp(v)}年{f.department}按期完成各项工作任务，绩效自评{word}。")
    lines.append(_section(v, 3, "工作中存在的问题及改进措施"))
    lines += _items(v, f.problems)
    lines.append(_section(v, 4, f"{f.year + 1}{_sp(v)}年工作计划及改进措施"))
    lines += _items(v, f.plans) if v.item else ["".join(f.plans)]
    return lines


_LONG = {"优": "优秀", "良": "良好", "中": "中等", "差": "较差"}


def _national_prose(b: BlockFigures, v: Variant) -> str:
    return (f"年初预算数为{_sp(v)}{amount(b.initial, v)}，全年预算数{_sp(v)}{amount(b.adjusted, v)}，"
            f"全年执行数{_sp(v)}{amount(b.actual, v)}，预算执行率{_sp(v)}{rate(b.completion_rate, v)}")


def _table(f: Figures, v: Variant) -> list[str]:
    sep = v.table_sep
    unit_v = replace(v, space=False)
    cols = ["项目", "年初预算数", "全年预算数", "全年执行数"] + (["分值", "执行率", "得分"] if v.table_scores else ["执行率"])
    rows = [("年度资金总额", f.overall, "10"), ("其中：基本支出", f.basic, "—"), ("项目支出", f.projects, "—")]
    out = [f"{f.year}年度部门整体支出预算执行情况（单位：{v.unit}）", sep.join(cols)]
    for name, b, points in rows:
        cells = [name, amount(b.initial, unit_v, False), amount(b.adjusted, unit_v, False),
                 amount(b.actual, unit_v, False)]
        pct = rate(b.completion_rate, v)
        cells += [points, pct, points] if v.table_scores else [pct]
        out.append(sep.join(cells))
    return out


def _render_national(f: Figures, v: Variant) -> list[str]:
    lines = _title(f, v, "自评")
    if v.title == "sentence":
        lines.append(_intro(f, v))
    lines.append(_section(v, 1, "部门基本情况"))
    lines.append(f"{f.department}内设机构{_sp(v)}6{_sp(v)}个，编制人数{_sp(v)}45{_sp(v)}人，主要负责本系统政策的组织实施。")
    lines.append(_section(v, 2, "部门整体支出情况"))
    if v.table:
        lines += _table(f, v)
    elif v.breakdown:
        o, b, p, sp = f.overall, f.basic, f.projects, _sp(v)
        parts = []
        for label, attr in (("年初预算数", "initial"), ("全年预算数", "adjusted"), ("全年执行数", "actual")):
            parts.append(f"{label}{sp}{amount(getattr(o, attr), v)}，其中：基本支出{sp}{amount(getattr(b, attr), v)}，"
                         f"项目支出{sp}{amount(getattr(p, attr), v)}")
        lines.append(f"{f.year}年度部门整体支出" + "；".join(parts) + "。"
                     f"部门整体预算执行率{sp}{rate(o.completion_rate, v)}，其中基本支出预算执行率{sp}"
                     f"{rate(b.completion_rate, v)}，项目支出预算执行率{sp}{rate(p.completion_rate, v)}。")
    else:
        lines.append(f"{f.year}年度部门整体支出{_national_prose(f.overall, v)}。"
                     f"其中：基本支出{_national_prose(f.basic, v)}；项目支出{_national_prose(f.projects, v)}。")
    if v.state_count:
        lines.append(f"全年共实施{_sp(v)}{f.projects.count}{_sp(v)}个项目，均按计划推进。")
    lines.append(_section(v, 3, "年度绩效目标完成情况"))
    if f.tasks and v.item:
        lines.append("围绕年度绩效目标，主要完成了以下工作：")
    lines += _task_lines(f, v)
    lines.append(_section(v, 4, "自评结论"))
    word = {"short": f.rating, "long": _LONG[f.rating]}[v.rating_word]
    score = f"自评得分{_sp(v)}{f.score}{_sp(v)}分，" if v.state_score else ""
    lines.append(f"经自评，{f.department}{f.year}年度部门整体支出绩效{score}评价等级为“{word}”。")
    lines.append(_section(v, 5, "存在的问题"))
    lines += _items(v, f.problems)
    lines.append(_section(v, 6, v.plan_head))
    lines += _items(v, f.plans)
    return lines


_SPLIT_ORG = ("人民政府", "委员会", "委")  # where a short name starts when the department has no place


def _short_name(department: str) -> str:
    """"广州市荔湾区教育局" → "教育局": the name without its place, as a web page's title may write it."""
    for org in sorted(_ORGS, key=len, reverse=True):
        if department.endswith(org) and len(org) >= 3:
            return org
    return department


def _last_year(f: Figures) -> Decimal:
    """Last year's spending: a figure near this year's that is none of them."""
    return (f.overall.actual * Decimal("0.87")).quantize(CENT, ROUND_DOWN) + Decimal("0.03")


def _real_head(f: Figures, v: Variant) -> list[str]:
    name = "部门整体支出绩效自评报告"
    if not v.web_page:
        return [f"{f.department}{f.year}年度{name}"]
    return ["当前位置：首页 > 政务公开 > 财政资金 > 绩效评价",
            f"{_short_name(f.department)}{f.year}年度{name}",
            f"发布时间：{f.year + 1}-05-20 来源：{f.department} 字号：大 中 小"]


def _render_real(f: Figures, v: Variant) -> list[str]:
    """Published phrasing: no block word before the unit's figures, totals followed by their parts,
    per-block rates in brackets, last year's figure and a comparison that must stay unread."""
    o, b, p, sp = f.overall, f.basic, f.projects, _sp(v)
    a = lambda x: sp + amount(x, v)  # noqa: E731
    subject = v.subject
    lines = _real_head(f, v) + [_section(v, 1, "部门基本情况"),
                                f"本单位内设机构{sp}5{sp}个，主要承担辖区内相关公共服务职能。",
                                _section(v, 2, "部门整体支出情况")]
    if v.prev_year:
        lines.append(f"{f.year - 1}年{subject or '我单位'}实际支出{a(_last_year(f))}。")
    if o.adjustment >= 0:
        adjust = f"{v.increase_label}{a(o.adjustment)}"
    else:
        adjust = f"调减{a(-o.adjustment)}"
    budget = f"{f.year}年{subject}{v.initial_label}{a(o.initial)}，{adjust}，{v.adjusted_label}{a(o.adjusted)}。"
    compare = f"，较上年增支{a(o.actual - _last_year(f))}" if v.compare and v.real_style != "respectively" else ""
    rates = (f"预算执行率{sp}{rate(o.completion_rate, v)}（基本支出{sp}{rate(b.completion_rate, v)}，"
             f"项目支出{sp}{rate(p.completion_rate, v)}）。")
    if v.real_style == "parts":
        lines.append(budget + f"{v.actual_label}{a(o.actual)}{compare}，其中基本支出{a(b.actual)}、"
                              f"项目支出{a(p.actual)}。" + rates)
    elif v.real_style == "brackets":
        lines.append(budget + f"{v.actual_label}{a(o.actual)}（基本支出{a(b.actual)}，项目支出{a(p.actual)}）"
                              f"{compare}。" + rates)
    elif v.real_style == "respectively":
        lines += [f"{f.year}年{subject}年初预算、{v.adjusted_label}、{v.actual_label}分别为{a(o.initial)}、"
                  f"{a(o.adjusted)}、{a(o.actual)}。{adjust}。",
                  f"基本支出、项目支出{v.actual_label}分别为{a(b.actual)}、{a(p.actual)}。"
                  f"预算执行率{sp}{rate(o.completion_rate, v)}，基本支出、项目支出执行率分别为"
                  f"{sp}{rate(b.completion_rate, v)}、{rate(p.completion_rate, v)}。"]
    elif v.real_style == "list":
        lines.append(budget)
        lines += [f"1、收入：{amount(o.adjusted + CENT, v)}", f"2、支出：{amount(o.actual, v)}"]
        lines.append(rates)
    else:  # basic-heading: the overall total opens the 基本支出 section
        lines.append(budget)
        lines += [_marker("（一）", 1) + "基本支出情况",
                  f"{v.actual_label}{a(o.actual)}{compare}，其中基本支出{a(b.actual)}、项目支出{a(p.actual)}。"
                  "基本支出主要用于人员经费和日常公用经费。",
                  _marker("（一）", 2) + "项目支出情况",
                  f"全年共实施{sp}{p.count}{sp}个项目，项目支出预算执行率{sp}{rate(p.completion_rate, v)}。",
                  rates]
    lines.append(_section(v, 3, "主要任务完成情况"))
    lines += [f"任务{i}：{text}" + (f"{v.task_funds}{a(funds)}。" if funds is not None else "")
              for i, (text, funds) in enumerate(f.tasks, start=1)]
    word = _LONG[f.rating] if v.rating_word == "long" else f.rating
    lines += [_section(v, 4, "自评结论"), f"经自评，评价等级为“{word}”。",
              _section(v, 5, "存在的问题")] + _items(v, f.problems) + [_section(v, 6, v.plan_head)] + _items(v, f.plans)
    return lines + [f"附件1：{f.year}年度部门整体支出绩效自评表.xlsx"]


_PROJECT_TITLES = ("重点工作专项经费项目支出绩效自评报告", "公共服务运行经费项目支出绩效单位自评报告",
                   "专项资金绩效评价报告", "业务能力提升项目绩效自评报告")
_DISCLOSURE_TITLES = ("部门决算", "部门决算公开报告", "单位决算情况说明", "部门预算")


def _render_kind(f: Figures, v: Variant, kind: str) -> list[str]:
    """A document that is not a department report, with budget figures a parser might take
    (and, for a disclosure, a contents list naming its 部门整体支出绩效自评 section)."""
    o, sp = f.overall, _sp(v)
    a = lambda x: sp + amount(x, v)  # noqa: E731
    pick = f.projects.count or 0  # a stable choice of title
    head = ["当前位置：首页 > 信息公开 > 预算绩效"] if v.web_page else []
    if kind == "project":
        return head + [f"{f.department}{f.year}年度{_PROJECT_TITLES[pick % len(_PROJECT_TITLES)]}",
                       _section(v, 1, "项目基本情况"),
                       f"本项目年初预算{a(o.initial)}，全年预算{a(o.adjusted)}，实际支出{a(o.actual)}，"
                       f"预算执行率{sp}{rate(o.completion_rate, v)}。"]
    if kind == "final_accounts":
        contents = (["目 录", "第一部分 部门概况", f"第二部分 {f.year}年度部门决算情况说明",
                     f"第三部分 {f.year}年度部门整体支出绩效自评情况"] if v.prev_year else [])
        return head + [f"{f.department}{f.year}年度{_DISCLOSURE_TITLES[pick % len(_DISCLOSURE_TITLES)]}",
                       *contents, "第一部分 部门概况", "一、部门职责", "负责本行业的政策实施和公共服务工作。",
                       f"第二部分 {f.year}年度部门决算情况说明",
                       f"{f.year}年度本年支出合计{a(o.actual)}，其中：基本支出{a(f.basic.actual)}，"
                       f"项目支出{a(f.projects.actual)}。"]
    intro = ["现将我单位部门整体支出绩效自评报告予以公开，详见附件。"] if v.compare else []
    return head + [f"{f.department}{f.year}年度部门整体支出绩效自评报告",
                   f"发布时间：{f.year + 1}-04-18 来源：{f.department}", *intro,
                   f"附件：{f.department}{f.year}年度部门整体支出绩效自评报告.pdf"]


def render_lines(f: Figures, template: str, v: Variant) -> list[str]:
    """The report as paragraphs (table rows keep their cell separator); ASCII digits."""
    if template == "seed":
        return _render_seed(f, v)
    if template == "national":
        return _render_national(f, v)
    if template in REAL_TEMPLATES:
        return _render_real(f, v)
    if template in KIND_TEMPLATES:
        return _render_kind(f, v, template)
    raise ValueError(f"unknown template {template!r}")


def render_text(f: Figures, template: str, v: Variant | None = None) -> str:
    """The report as plain text, one paragraph per line (fullwidth when the variant says so)."""
    text = "\n".join(render_lines(f, template, v or Variant()))
    return text.translate(_FULL) if (v and v.fullwidth) else text


# --- what the parser must read back -------------------------------------------------------
def _block_expect(b: BlockFigures | None, fields: tuple[str, ...], count: int | None = None) -> dict:
    out = dict.fromkeys(("count", "initial_budget", "adjusted_budget", "actual", "adjustment",
                         "adjustment_rate", "completion_rate"))
    if b is None:
        return out
    values = {"initial_budget": b.initial, "adjusted_budget": b.adjusted, "actual": b.actual,
              "adjustment": b.adjustment, "adjustment_rate": b.adjustment_rate,
              "completion_rate": b.completion_rate}
    out.update({k: values[k] for k in fields})
    out["count"] = count
    return out


def expected(f: Figures, template: str, v: Variant | None = None) -> dict:
    """The figures a correct parser reads from render_text(f, template, v) (Decimals, 万元)."""
    v = v or Variant()
    if template in REAL_TEMPLATES:
        return _expected_real(f, v)
    if template == "seed":
        fields = ("initial_budget", "actual", "adjustment", "adjustment_rate", "completion_rate")
        overall = _block_expect(f.overall, fields)
        projects = _block_expect(f.projects, fields, f.projects.count)
        basic = _block_expect(f.basic if v.state_basic else None, fields)
        score = None
        plans = len(f.plans) if v.item else 1
    else:
        fields = ("initial_budget", "adjusted_budget", "actual", "completion_rate")
        overall = _block_expect(f.overall, fields)
        projects = _block_expect(f.projects, fields, f.projects.count if v.state_count else None)
        basic = _block_expect(f.basic, fields)
        score = f.score if v.state_score else None
        plans = len(f.plans)
    dept_stated = True
    return {
        "department": f.department if dept_stated else None,
        "year": f.year,
        "overall": overall, "projects": projects, "basic": basic,
        "task_funds": [funds for _, funds in f.tasks],
        "rating": f.rating, "score": score,
        "problems": len(f.problems), "plans": plans,
    }


def _expected_real(f: Figures, v: Variant) -> dict:
    """What the real template states for this year; `unread_amounts` what must stay unread."""
    overall = _block_expect(f.overall, ("initial_budget", "adjusted_budget", "actual", "adjustment",
                                        "completion_rate"))
    basic = _block_expect(f.basic, ("actual", "completion_rate"))
    projects = _block_expect(f.projects, ("completion_rate",) if v.real_style == "list" else
                             ("actual", "completion_rate"), f.projects.count if v.real_style == "basic-heading" else None)
    if v.real_style == "list":
        basic = _block_expect(f.basic, ("completion_rate",))
    return {"department": f.department, "year": f.year, "overall": overall, "projects": projects,
            "basic": basic, "task_funds": [funds for _, funds in f.tasks], "rating": f.rating,
            "problems": len(f.problems), "plans": len(f.plans), "kind": "department"}


def unread_amounts(f: Figures, template: str, v: Variant) -> list[Decimal]:
    """Amounts the text states that are no field of this year: they must be listed as unread."""
    if template not in REAL_TEMPLATES:
        return []
    out = [_last_year(f)] if v.prev_year else []
    if v.compare and v.real_style not in ("list", "respectively"):
        out.append(f.overall.actual - _last_year(f))
    if v.real_style == "list":
        out.append(f.overall.adjusted + CENT)
    return out


def _jsonable(obj):
    if isinstance(obj, Decimal):
        return float(obj)
    if isinstance(obj, dict):
        return {k: _jsonable(x) for k, x in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(x) for x in obj]
    return obj


def write_samples(outdir: str | Path, n: int = 10, seed: int = 0) -> list[Path]:
    """Write n reports (`NNN_template.txt`) and their expected figures (`.expected.json`)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        template = TEMPLATES[i % len(TEMPLATES)]
        f, v = make_figures(rng), make_variant(rng, template)
        path = outdir / f"{i:03d}_{template}.txt"
        path.write_text(render_text(f, template, v) + "\n", encoding="utf-8")
        meta = {"template": template, "variant": asdict(v), "expected": _jsonable(expected(f, template, v))}
        path.with_suffix(".expected.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # pragma: no cover
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__.rsplit("\n\n", 1)[-1])
    for p in write_samples(args[0], int(args[1]) if len(args) > 1 else 10, int(args[2]) if len(args) > 2 else 0):
        print(p)


# --- the 绩效指标 table ------------------------------------------------------------------
# (一级, 二级, 三级, kind, unit): kind says how target and actual are written.
_INDICATOR_POOL = [
    ("产出指标", "数量指标", "培训场次", "count", "次"),
    ("产出指标", "数量指标", "走访企业户数", "count", "户"),
    ("产出指标", "数量指标", "新增公共座椅", "count", "个"),
    ("产出指标", "质量指标", "验收合格率", "pct", "%"),
    ("产出指标", "质量指标", "档案规范率", "pct", "%"),
    ("产出指标", "时效指标", "整改按时办结", "words", ""),
    ("产出指标", "时效指标", "资金拨付时限", "date", ""),
    ("成本指标", "经济成本指标", "单次培训成本", "cost", "万元"),
    ("效益指标", "社会效益指标", "群众知晓度", "improve", ""),
    ("效益指标", "社会效益指标", "发生安全事故", "yesno", ""),
    ("效益指标", "可持续影响指标", "长效机制建立", "words", ""),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "pct", "%"),
    ("满意度指标", "服务对象满意度指标", "企业满意度", "pct", "%"),
]
_REASONS = ["受天气影响工期顺延，下一年度提前谋划", "报名人数不足，已调整宣传方式", "供应商交付延迟，已督促整改",
            "部分点位未完成验收，明年一季度完成"]


@dataclass
class IndicatorRow:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    met: bool
    reason: str | None


def _target_actual(rng: random.Random, kind: str, unit: str, met: bool) -> tuple[str, str]:
    if kind == "count":
        n = rng.randint(5, 400)
        a = n + rng.randint(0, 30) if met else n - rng.randint(1, n - 1)
        return rng.choice([f"≥{n}{unit}", f"{n}{unit}", f"不少于{n}{unit}"]), f"{a}{unit}"
    if kind == "pct":
        t = rng.randint(80, 98)
        a = Decimal(rng.randint(t * 10, 1000)) / 10 if met else Decimal(rng.randint(500, t * 10 - 1)) / 10
        return rng.choice([f"≥{t}%", f"不低于{t}%"]), f"{a}%"
    if kind == "cost":
        t = Decimal(rng.randint(20, 500)) / 10
        a = t - Decimal(rng.randint(0, 10)) / 10 if met else t + Decimal(rng.randint(1, 50)) / 10
        return rng.choice([f"≤{t}万元", f"不超过{t}万元"]), f"{a}万元"
    if kind == "date":
        m = rng.randint(6, 12)
        a = rng.randint(1, m) if met else rng.randint(m + 1, 13)
        return f"{m}月底前", (f"{a}月完成" if a <= 12 else "次年1月完成")
    if kind == "yesno":
        return "否", "否" if met else "是"
    if kind == "improve":
        return "有效提升", "明显提升" if met else "未达到预期"
    return "按时完成", rng.choice(["按时完成", "已完成"]) if met else rng.choice(["未完成", "部分完成"])


def make_indicators(rng: random.Random | int | None = None, execution: bool = False) -> list[IndicatorRow]:
    """3–9 indicators grouped by level, weights adding up to 100 (90 when the budget-execution row
    takes 10), some targets missed: scored below the weight, or (leniency) in full."""
    if not isinstance(rng, random.Random):
        rng = random.Random(rng)
    picks = sorted(rng.sample(range(len(_INDICATOR_POOL)), rng.randint(3, 9)))
    total = 90 if execution else 100
    cuts = sorted(rng.sample(range(1, total), len(picks) - 1))
    weights = [Decimal(b - a) for a, b in zip([0] + cuts, cuts + [total])]
    rows = []
    for i, w in zip(picks, weights):
        level1, level2, name, kind, unit = _INDICATOR_POOL[i]
        met = rng.random() < 0.7
        target, actual = _target_actual(rng, kind, unit, met)
        if met or rng.random() < 0.3:
            score = w  # a missed target given full marks now and then: leniency to be found
        else:
            score = (w * Decimal(rng.randint(30, 95)) / 100).quantize(Decimal("0.1") if rng.random() < 0.5 else Decimal(1), ROUND_HALF_UP)
        reason = rng.choice(_REASONS) if not met and rng.random() < 0.7 else None
        rows.append(IndicatorRow(level1, level2, name, target, actual, w, score, met, reason))
    return rows


INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def indicator_grid(rows: list[IndicatorRow], total: Decimal | None = None) -> list[list[str]]:
    """The table as a grid, merged cells expanded (every row names its 一级 and 二级)."""
    grid = [list(INDICATOR_HEADER)]
    for r in rows:
        grid.append([r.level1, r.level2, r.name, r.target, r.actual, _pts(r.weight), _pts(r.score), r.reason or ""])
    if total is not None:
        grid.append(["总分", "", "", "", "", _pts(sum((r.weight for r in rows), Decimal(0))), _pts(total), ""])
    return grid


def indicator_lines(rows: list[IndicatorRow], sep: str = "\t", total: Decimal | None = None) -> list[str]:
    """The table flattened to text: a 一级 / 二级 written only on the first row of its group (as a merged
    cell is), empty cells kept as empty between tabs, dropped between spaces."""
    out = []
    grid = indicator_grid(rows, total)
    prev = (None, None)
    for k, cells in enumerate(grid):
        cells = list(cells)
        if 0 < k <= len(rows):
            l1, l2 = cells[0], cells[1]
            if (l1, l2) == prev:
                cells[0] = cells[1] = ""
            elif l1 == prev[0]:
                cells[0] = ""
            prev = (l1, l2)
        if sep != "\t":
            cells = [c for c in cells if c]
        out.append(sep.join(cells))
    return out


def indicator_docx_rows(rows: list[IndicatorRow], total: Decimal | None = None, merge_up=None) -> list[list]:
    """The grid for fixtures_files.write_docx, a repeated 一级 / 二级 merged with the cell above."""
    grid = indicator_grid(rows, total)
    out = [grid[0]]
    for k in range(1, len(grid)):
        cells = list(grid[k])
        if k <= len(rows) and k > 1:
            if grid[k][0] == grid[k - 1][0]:
                cells[0] = merge_up
                if grid[k][1] == grid[k - 1][1]:
                    cells[1] = merge_up
        out.append(cells)
    return out


def _pts(v: Decimal) -> str:
    return f"{v.normalize():f}"


def expected_indicators(rows: list[IndicatorRow]) -> list[dict]:
    return [{"level1": r.level1, "level2": r.level2, "name": r.name, "target": r.target, "actual": r.actual,
             "weight": r.weight, "score": r.score, "met": r.met, "reason": r.reason} for r in rows]


# --- the figures as forms: the 自评表 and 基础数据表 sheets (Excel, or a table on a page) ------
TABLE_LAYOUTS = ("selfeval", "basic_data", "form")
LEFT, UP = "<<", "^^"  # a cell merged with its neighbour to the left / above


@dataclass(frozen=True)
class Num:
    """A figure in a cell: its value as the cell holds it (in the table's unit; a rate in percent),
    shown with `places` decimals (a spreadsheet's number format), as a percentage or not."""

    value: Decimal
    places: int = 2
    percent: bool = False
    thousands: bool = False

    @property
    def text(self) -> str:
        return _num(self.value, self.places, self.thousands) + ("%" if self.percent else "")


def _money_cell(wan: Decimal, unit: str, thousands: bool) -> Num:
    return Num(wan * 10000 if unit == "元" else wan, 2, thousands=thousands)


def _rate_cell(value: Decimal) -> Num:
    return Num(value, 2, percent=True)


def table_layout(f: Figures, layout: str, unit: str = "万元", thousands: bool = False,
                 prev: str = "上年决算数") -> tuple[str, list[list]]:
    """(sheet name, grid) of a form stating f's figures; cells are str, Num, LEFT or UP.

    "selfeval": the national 部门整体支出绩效自评表 (title, year line, 部门名称, the budget rows
    with 分值/得分 columns, a goals block, 自评得分 and 评价等级). "basic_data": a provincial
    基础数据表 (预算单位, 单位 note, rows 合计/基本支出 and its 其中 rows/项目支出, and a column
    for the previous year — `prev` — that is never this year's). "form": label/value pairs
    under section rows (部门整体支出 / 基本支出 / 项目支出).
    """
    m = lambda wan: _money_cell(wan, unit, thousands)  # noqa: E731
    o, b, p = f.overall, f.basic, f.projects
    if layout == "selfeval":
        grid = [["部门整体支出绩效自评表"] + [LEFT] * 7,
                [f"（{f.year}年度）"] + [LEFT] * 7,
                ["部门名称", f.department] + [LEFT] * 6,
                [f"年度预算执行情况（{unit}）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
        for i, (label, blk) in enumerate((("年度资金总额", o), ("其中：基本支出", b), ("项目支出", p))):
            grid.append([UP, label, m(blk.initial), m(blk.adjusted), m(blk.actual),
                         Num(Decimal(10), 0) if i == 0 else "—", _rate_cell(blk.completion_rate),
                         Num(Decimal(10), 0) if i == 0 else "—"])
        grid += [["年度总体目标", "预期目标", LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
                 [UP, "按计划完成年度重点工作任务。", LEFT, LEFT, "已按计划完成。", LEFT, LEFT, LEFT],
                 ["自评得分", Num(f.score, 1 if f.score != f.score.to_integral_value() else 0), LEFT, LEFT,
                  "评价等级", f.rating, LEFT, LEFT]]
        return "自评表", grid
    if layout == "basic_data":
        rng = random.Random(str(o.actual))
        before = lambda blk: m((blk.actual * Decimal(rng.uniform(0.7, 1.2))).quantize(CENT))  # noqa: E731
        staff = (b.initial * Decimal("0.6")).quantize(CENT)
        grid = [[f"{f.year}年度部门整体支出绩效评价基础数据表"] + [LEFT] * 5,
                ["预算单位", f.department, LEFT, LEFT, f"单位：{unit}", LEFT],
                ["项目", "年初预算数", "全年预算数", "全年决算数", "执行率", prev]]
        for label, blk in (("合计", o), ("基本支出", b)):
            grid.append([label, m(blk.initial), m(blk.adjusted), m(blk.actual), _rate_cell(blk.completion_rate),
                         before(blk)])
        grid += [["其中：人员经费", m(staff), "—", "—", "—", "—"],
                 ["公用经费", m(b.initial - staff), "—", "—", "—", "—"],
                 ["项目支出", m(p.initial), m(p.adjusted), m(p.actual), _rate_cell(p.completion_rate), before(p)]]
        return "基础数据表", grid
    if layout == "form":
        grid = [[f"{f.year}年度部门整体支出绩效评价基础数据表"] + [LEFT] * 3,
                ["部门名称", f.department, LEFT, LEFT],
                [f"单位：{unit}", LEFT, LEFT, LEFT]]
        for label, blk in (("部门整体支出", o), ("基本支出", b), ("项目支出", p)):
            grid += [[label, LEFT, LEFT, LEFT],
                     ["年初预算数", m(blk.initial), "全年预算数", m(blk.adjusted)],
                     ["全年执行数", m(blk.actual), "执行率", _rate_cell(blk.completion_rate)]]
        return "基础数据", grid
    raise ValueError(f"unknown layout {layout!r}")


def table_text(cell) -> str:
    """A grid cell as text (a merged cell's continuation is empty)."""
    if isinstance(cell, Num):
        return cell.text
    return "" if cell in (LEFT, UP) else cell


def expected_table(f: Figures, layout: str) -> dict:
    """The figures a correct reader takes from table_layout(f, layout) (Decimals, 万元)."""
    fields = ("initial_budget", "adjusted_budget", "actual", "completion_rate")
    selfeval = layout == "selfeval"
    return {
        "department": f.department, "year": f.year,
        "overall": _block_expect(f.overall, fields), "projects": _block_expect(f.projects, fields),
        "basic": _block_expect(f.basic, fields),
        "rating": f.rating if selfeval else None, "score": f.score if selfeval else None,
    }


# --- layouts: the same report as real pages lay it out ---------------------------------------------
# Each layout is a transform of render_lines' output, applied to any generated report: the figures a
# reader takes stay the same (apply_layout), only the layout changes. Table layouts act on the national
# template's flattened table (layout_variant turns it on), chrome and name layouts on any template.
LAYOUTS = ("cells", "cells-blank", "cells-pipe", "pipe-rows", "pipe-extra-column", "pipe-split-row",
           "space-rows", "glued-row", "chrome", "prefixed-name", "split-title", "yuan")
CHROME_STYLES = ("brackets", "bullets", "pipes", "bare-keys", "after-title")
_TABLE_LAYOUTS = ("cells", "cells-blank", "cells-pipe", "pipe-rows", "pipe-extra-column", "pipe-split-row",
                  "space-rows", "glued-row")


def layout_variant(v: Variant, template: str, layout: str) -> Variant:
    """The variant a layout needs: a table for the table layouts (national template), 元 for "yuan"."""
    if layout in _TABLE_LAYOUTS and template == "national":
        v = replace(v, table=True, fullwidth=False, thousands=False)
    if layout == "glued-row":
        v = replace(v, table_scores=False, unit="万元")
    if layout == "yuan":
        v = replace(v, unit="元")
    return v


def apply_layout(lines: list[str], f: Figures, template: str, v: Variant, layout: str,
                 rng: random.Random) -> list[str]:
    """The report's lines (render_lines) as `layout` lays them out; a text with blank lines and
    bars as a page gives it (join with "\\n")."""
    if layout in _TABLE_LAYOUTS:
        return _table_layout(lines, f, template, v, layout, rng)
    if layout == "chrome":
        return _with_chrome(lines, f, v, rng.choice(CHROME_STYLES), rng)
    if layout == "prefixed-name":
        return _prefixed_name(lines, f, rng)
    if layout == "split-title":
        return _split_title(lines, f)
    return lines  # "yuan": the variant does it


def _table_rows(f: Figures, v: Variant) -> tuple[list[str], list[list[str]]]:
    """(lines of the flattened table as render_lines wrote them, its rows as cells)."""
    table = _table(f, v)
    cells = [ln.split(v.table_sep) if v.table_sep != " " else ln.split(" ") for ln in table[1:]]
    return table[1:], cells


def _table_layout(lines: list[str], f: Figures, template: str, v: Variant, layout: str,
                  rng: random.Random) -> list[str]:
    if template != "national" or not v.table:
        return lines
    written, rows = _table_rows(f, v)
    at = lines.index(written[0])
    new = _lay_table(rows, layout, rng)
    return lines[:at] + new + lines[at + len(written):]


def _lay_table(rows: list[list[str]], layout: str, rng: random.Random) -> list[str]:
    header, body = rows[0], rows[1:]
    if layout in ("cells", "cells-blank"):
        gap = "\n\n" if layout == "cells-blank" else "\n"
        group = ["年度预算执行情况"] if rng.random() < 0.5 else []  # a group line above the column names
        cells = group + header[(1 if rng.random() < 0.5 else 0):] + [c for r in body for c in r]
        return [gap.join(cells)]
    if layout == "cells-pipe":  # each cell closed by a bar, an empty cell a lone bar
        cells = header + [c if c != "—" else "" for r in body for c in r]
        return [f"{c} |" if c else "|" for c in cells]
    if layout == "pipe-rows":
        return [" | ".join(r) + " |" + "|" * rng.randint(0, 6) for r in [header] + body]
    if layout == "pipe-extra-column":  # the header names a funding-source column the rows leave out
        head = [header[0], "资 金 来 源"] + header[1:]
        return [" | ".join(head) + " | |||"] + [" | ".join(r) + " | " + "|" * rng.randint(1, 5) for r in body]
    if layout == "pipe-split-row":  # one row broken over two lines after its second figure
        out = [" | ".join(header) + " |"]
        k = rng.randrange(len(body))
        for i, r in enumerate(body):
            if i == k:
                out += [" | ".join(r[:3]) + " |", " | ".join(r[3:]) + " | |||"]
            else:
                out.append(" | ".join(r) + " |")
        return out
    if layout == "space-rows":  # rows apart by spaces, long runs of blank lines between them
        return [("\n" * rng.randint(2, 6)).join(" ".join(r) for r in [header[1:]] + body)]
    if layout == "glued-row":  # the first row's figures written without separators, the rest as rows
        first = body[0]
        glued = [first[0], "".join(first[1:])]
        return [" | ".join(header) + " |", " | ".join(glued) + " |"] + [" | ".join(r) + " |" for r in body[1:]]
    raise ValueError(layout)


def _publisher(f: Figures, rng: random.Random) -> str:
    """Who a page says published it: the unit itself, or a finance bureau publishing for it."""
    place = next((p for p in _PLACES if f.department.startswith(p)), "某某县")
    return f.department if rng.random() < 0.5 else f"{place}财政局"


def _with_chrome(lines: list[str], f: Figures, v: Variant, style: str, rng: random.Random) -> list[str]:
    """Site chrome before the title (and after it): none of it is content."""
    who, day = _publisher(f, rng), f"{f.year + 1}-04-2{rng.randint(0, 9)}"
    crumb = "您当前所在位置:首页>政务公开>法定主动公开内容>财政资金>绩效评价"
    if style == "brackets":  # the block printed twice, as on Chongqing's sites
        block = [f"[ 索引号 ] 11500230008689586D/{f.year + 1}-00016 [ 发文字号 ]", "[ 主题分类 ] 财政 [ 体裁分类 ] 其他",
                 f"[ 发布机构 ] {who}", f"[ 成文日期 ] {day} [ 发布日期 ] {day}"]
        single = [f"[ 索引号 ] 11500230008689586D/{f.year + 1}-00016", "[ 发文字号 ]", "[ 发布机构 ] " + who,
                  "[ 有效性 ]", f"[ 发布日期 ] {day}"]
        return [crumb, ""] + block + single + [""] + lines
    if style == "bullets":
        meta = ["• 索引号", "  • 79518791-2-/2022-0713018", "  • 发布机构", f"  • {who}", "  • 公开目录", "  • 自评报告",
                "  • 发布日期", f"  • {day}", "  • 文号", "  • 浏览量", "  • 主题词"]
        return meta + lines
    if style == "pipes":
        meta = [f"索引号: | 11500106009290438E/{f.year + 1}-01109 | 信息分类名称: | 财政/财政预算、决算 | ||",
                f"发布机构: | {who} | 生成日期: | {day} | 发布日期: | {day} |",
                f"名称: | {lines[0]} | ||||", "文号: | 主题词: |"]
        return meta + lines
    if style == "bare-keys":
        bar = "无障碍浏览 打开适老化模式 x 注册 登录"
        meta = [bar, "某某县人民政府", bar, f"索引号 11533022015259234k/{f.year + 1}0427-00001 发布机构 {who}",
                f"公开目录 绩效评价 发布日期 {day}", f"文号 浏览量 {rng.randint(1, 999)}", "主题词 财政"]
        return meta + lines
    # after-title: 来源 / 日期 / 责任编辑 between the title and the text, the title printed again
    return lines[:1] + [f"来源:{who}", f"日期:{day} 12:24", "责任编辑:某某"] + lines


def _title_at(lines: list[str]) -> int:
    return next(i for i, ln in enumerate(lines) if ln.endswith("报告"))


def _prefixed_name(lines: list[str], f: Figures, rng: random.Random) -> list[str]:
    """The title without the department, the department on a prefixed name line under it."""
    at = _title_at(lines)
    title = lines[at].replace(f.department, "").strip()
    if str(f.year) not in title:
        title = f"{f.year}年度{title}"
    prefix = rng.choice(["名称:", "名称：", "单位名称：", "单位名称:"])
    rest = [ln for ln in lines[at + 1:] if not ln.startswith("单位名称：")]
    return [title, prefix + f.department] + rest


def _split_title(lines: list[str], f: Figures) -> list[str]:
    """A PDF's title broken by spaces and a line break: "XX局 2022 部门整体支出绩效评价报" / "告"."""
    at = _title_at(lines)
    title = lines[at].replace(f.department, "").replace(f"{f.year}年度", "").replace(f"{f.year}", "").strip()
    spaced = f"{f.department} {f.year} {title}"
    rest = [ln for ln in lines[at + 1:] if not ln.startswith("单位名称：")]
    return [spaced[:-1], spaced[-1]] + rest
