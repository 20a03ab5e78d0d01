"""Was an indicator's target met? Judged from the target and the actual value as written.

`judge("≥95%", "98.2%")` is True, `judge("12次", "10次")` False, `judge("按时完成", "已按时完成")`
True, and anything this module cannot read — a target in words with an actual in numbers, units
that do not match, a sentence — is None: undecided, never a guess.

Numbers: a comparator (≥ ≤ > < =, 不低于/不少于/至少/达到/以上, 不超过/不高于/以内/以下, 大于/高于/超过,
小于/低于/少于), a number, a unit (%, 万元, 次, 个, 人次 …). A bare number target ("12次", "100%")
means "at least this" — the convention for quantity and quality targets; cost targets are
written with 不超过 / ≤. Ranges ("90%-100%", "5~8次") hold the actual inside. Dates ("2021年
12月底前", "11月30日前") hold an actual date on or before them. Words: 是/否 must be equal; an
actual of 完成 / 达标 / 有效提升 … meets, 未完成 / 未达标 / 延期 … does not.

As real tables write them: the words before an actual's figure are read past ("完成95%", "提高至93%"; a
rate's name only when it is the indicator's own: "合格率98%" for 教学设备合格率, not for 不合格率), a figure
is compared before any word of trouble in it ("不合格率1.5%" against ≤2%), a comparison in brackets after
it is no part of it ("（较上年下降2个百分点）"; other notes are), a trouble negated is none ("无延期",
"未发生延期"), a direction alone meets the same direction as the actual's whole ("逐步下降" / "有所下降"), a
year alone is a deadline when the target or the name says so ("2023年底前", "…完成年度"), and a bare target
is bounded by what the name measures: a cost itself (…成本, …费用; not 成本节约额, 费用减免) and a time limit
(…时限, 办结时间, 工期) are ceilings, a length (时长, 学时) a floor, another duration no bound. A deadline
with no year against an actual with one, an actual written as a weaker bound, "基本完成", "满意" against a
figure: None.
"""
from __future__ import annotations

import calendar
import operator
import re
from functools import lru_cache
from decimal import Decimal
from typing import NamedTuple

from ..numbers import cn_number
from ..read.normalize import fold_chars

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# comparator words before the number, and after it
_AT_LEAST = r"≥|>=|＞=|不低于|不少于|不小于|至少|达到|达|大于等于|高于等于"
_AT_MOST = r"≤|<=|不超过|不高于|不多于|不大于|低于等于|小于等于|控制在"
_ABOVE = r">|大于|高于|超过|多于"
_BELOW = r"<|小于|低于|少于"
_EQUAL = r"=|等于"
_PREFIX = re.compile(rf"^(?:(?P<ge>{_AT_LEAST})|(?P<le>{_AT_MOST})|(?P<gt>{_ABOVE})|(?P<lt>{_BELOW})|(?P<eq>{_EQUAL}))?\s*")
_SUFFIX_GE = re.compile(r"^(?:及)?以上$|^(?:或)?以上")
_SUFFIX_LE = re.compile(r"^(?:及|之)?(?:以内|以下|内)")
_UNIT = r"(?:万元|亿元|千元|元)/[\u4e00-\u9fff]{1,3}|%|‰|万元|亿元|千元|元|[^\d\s≥≤<>=~～—\-至到以及或内下上前后余多]{0,4}"
# ("1200余户", "30多人": more than the figure)
_VALUE = re.compile(rf"(?P<num>{_NUM})\s*(?P<more>余|多)?\s*(?P<unit>{_UNIT})\s*(?P<rest>.*)$")
_RANGE = re.compile(rf"^(?P<a>{_NUM})\s*(?P<ua>{_UNIT})?\s*(?:-|~|～|—|至|到)\s*(?P<b>{_NUM})\s*(?P<ub>{_UNIT})$")
_RANGE_SEPARATOR = re.compile(r"[-~～—至到]")  # (what every _RANGE match holds: a cheap test first)
_MONEY = {"元": -4, "千元": -1, "万元": 0, "亿元": 4}

_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*[年.\-/])?\s*(?P<m>\d{1,2})\s*(?:月(?:份)?|[.\-/](?=\d))\s*(?:(?P<d>\d{1,2})\s*日?|(?P<end>底|末))?")
_BEFORE = re.compile(r"前|以前|之前|内|止|截止|底|末")
_YEAR_END = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:底|末)")
_NEXT_YEAR = re.compile(r"次年|翌年|下一?年度?|来年")

# a change written as a direction and its size ("下降5%", "同比增长≥5%"): the same direction on both
# sides compares the sizes (a bare size is "at least" it) — 下降 in the actual is no failure then
_CHANGE = re.compile(r"^(?:同比|环比|较上年|比上年|较去年|比去年)?(?:(?P<up>提高|提升|增长|增加|上升)|(?P<down>下降|降低|减少))")

# a change to a level ("下降至5%以下", "提高至95%"): the levels compare, a bare one bounding the way of the change
_TO_LEVEL = re.compile(_CHANGE.pattern + "(?:至|到)")

_YES = {"是", "有", "无", "否", "没有"}
# (a trouble negated is none: "无延期", "未发生逾期")
_NEGATIVE = re.compile(r"^(?:未|没有|尚未|暂未|不)(?:按时|如期|全部|完全)?(?:完成|达标|达到|实现|合格|到位|开展|落实|通过)"
                       r"|^(?:未|没有|尚未)(?:有效|明显|显著)?(?:提升|提高|改善|增强|缓解|降低|减少)"
                       r"|(?<![无未没])(?<!未发生)(?<!未出现)(?<!没有发生)(?<!没有出现)(?:延期|滞后|逾期|推迟)|部分完成|未能|不达标|不合格|未开展|^否定$")
# (下降 is no trouble by itself: a cost, a complaint count or a concentration down is the aim)
_POSITIVE = re.compile(r"^(?:已|均|全部)?(?:按时|如期|按期|按计划|全面|顺利|全部)?(?:完成|达标|达到|实现|合格|到位|落实|通过|符合|满足)"
                       r"|^(?:有效|明显|显著|大幅|稳步|持续|逐步)?(?:提升|提高|改善|增强|加强|缓解)|^(?:达到|符合)(?:预期|目标|要求)|^良好$|^优良?$|^满意$"
                       r"|^(?:无|未发生|未出现|没有发生|没有出现|没有)(?:延期|滞后|逾期|推迟)(?:情况|现象)?$")
# ... of which only these say a target in figures was reached ("≥90%" / "达标"; not "满意", "良好", "基本完成")
_REACHED = re.compile(r"^(?:已|均|全部)?(?:按时|如期|按期|全面|顺利|全部)?(?:完成|达标|达到|实现|符合|满足)(?:目标|预期|要求)?$")
# Words before the actual's figure ("完成95%", "已完成18座", "合格率98%", "提高至93%"): its figure is read after them
# (never past a negation: "未完成…" is not met).
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}?率")  # ("合格率", "投诉率": the rate an actual names first)
_ACTUAL_LEAD = re.compile(r"^(?:已|累计|全年|实际)?(?:完成|实现|达到|达|为)(?:率)?(?:为|达到?)?(?=\d)"
                          rf"|^(?P<rate>{_RATE_NAME.pattern})(?:为|达到?)?(?=\d)"
                          r"|^(?:提高|提升|增长|增加|上升|降低|下降|减少|降)(?:至|到)")
_NEGATED = re.compile(r"未|没有|尚未|暂未")
_ANOTHER_RATE = re.compile(rf"(?:{_RATE_NAME.pattern})(?:为|达到?)?\d")  # (what is left of an actual led by its own rate's name)
# A direction alone ("逐步下降", "同比下降"): an actual going the same way meets it, the other way does not
_DIRECTION = re.compile(r"(?:逐步|逐年|持续|有所|稳步|明显|有效|进一步)?(?:同比|环比|较上年|比上年|较去年)?(?:(?P<up>提高|提升|增长|增加|上升)|(?P<down>下降|降低|减少))")
# Targets that hold a figure down against last year's ("不高于上年", "只减不增", "零增长", "稳中有降"): a direction down.
_NOT_UP = re.compile(r"(?:不高于|不超过|低于)上年(?:水平|度)?|只减不增|零增长|不增长|稳中有降")
# ... and up ("稳中有升", "不减少", "持续向好", "明显改善"): an actual going down does not meet it.
_NOT_DOWN = re.compile(r"稳中有升|不减少|不下降|只增不减|(?:持续|稳步|逐步|不断)?向好|(?:有效|明显|显著|持续|逐步|不断|进一步)?(?:改善|提升|提高|增强)")
# A year alone as a deadline ("2023年", "2023年完成"): the actual's year on or before it
_STRONG = re.compile(r"明显|显著|大幅")
_YEAR_ONLY = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?(?P<when>(?:底前?|前|内)?(?:完成|建成|实施|投入使用)|底前?|前|内)?")
_DONE_NAME = re.compile(r"(?:完成|完工|建成|交付|上线|投用)(?:时间|年度|年份|期限)?$")  # ("…升级完成年度")
# Durations: a bare one may be a limit ("办结时限 3个工作日") or a length ("培训 3天"): only the name says
_DURATION = re.compile(r"^(?:个?工作日|天|日|个?月|小时|分钟|周|年)$")
_LIMIT_NAME = re.compile(r"(?:时限|工期|(?:办结|办理|审批|审理|审查|响应|处置|处理|到达|整改|等候|等待)(?:时间|天数|日数|时长|周期))$")
# "none happened": a target of none ("0起", "不发生") and an actual saying so
_NONE_TARGET = re.compile(r"0(?:起|件|次|例|个|人)?|不发生|零发生|无")
_NONE_HAPPENED = re.compile(r"(?:未|没有|无|零)发生|无|0(?:起|件|次|例|个|人)?")
# (the name of a cost itself, "资料印刷成本", not of money saved, waived or collected: "成本节约额", "费用减免金额")
# (the unit's own running costs: "物业管理费", "政务大厅运维费", "“三公”经费支出"; not a fee it collects or pays out:
# "排污费", "水资源费", "生活补助费", "奖补经费", nor a standard to reach: "生均公用经费")
_COST_NAME = re.compile(r"(?:成本|费用|单价|造价|管理费|运维费|维护费|物业费|会议费|培训费|差旅费|接待费|印刷费|办公费|水电费|租赁费"
                        r"|三公[”\"]?经费(?:支出)?|公务用车[^，。]{0,6}费)$")
# A rate the work keeps down (管网漏损率, 安全事故发生率, 投诉率, 不合格率): its bare target is a ceiling.
_WORSE_RATE = re.compile(r"(?:漏损|漏失|发生|差错|出错|投诉|事故|失误|返工|误差|损耗|流失|辍学|空置|闲置|违规|违章|违法|超标|不合格|不达标"
                         r"|死亡|发病|患病|复发|犯罪|失业|缺陷|退货|故障|逾期|延误|欠费|拖欠|结余)率$")
# A level the work keeps down by its name (PM2.5平均浓度, 排放总量): its bare target is a ceiling, in any unit.
_WORSE_LEVEL = re.compile(r"(?:PM2\.5|PM10|颗粒物|二氧化硫|二氧化氮|氮氧化物|臭氧|化学需氧量|COD|氨氮|总磷|总氮)[^，。]{0,6}浓度$"
                          r"|(?<!达标)排放(?:总)?量$")
_LENGTH_NAME = re.compile(r"(?:时长|学时|课时|时数|天数)$")  # (a length to reach: a floor, the convention)
# Money a name leaves either way ("培训经费": a budget to spend or to keep within; "结余资金"): no bound, "eq?".
_EITHER_WAY = re.compile(r"经费(?:支出)?$|结余(?:资金)?$")
_MONEY_UNIT = re.compile(r"万元$|(?:万|千)?元/")  # (万元, or money per thing: 元/人)
_NOT_A_COST = re.compile(r"节约|节省|减免|减少|降低|收缴|征收|审减|带动|控制率|达标|合规|补助|补贴|奖补|奖励|发放|配套")


class _Quantity(NamedTuple):  # (a tuple: built twice per indicator, 2× faster than a frozen dataclass)
    op: str  # ge le gt lt eq range
    value: Decimal
    unit: str
    upper: Decimal | None = None  # ranges


@lru_cache(maxsize=4096)  # (an indicator table's rows: the same targets and values in report after report)
def judge(target: str | None, actual: str | None, about: str = "") -> bool | None:
    """True: met; False: not met; None: cannot be decided from what is written. `about`: the indicator's
    name (a bare cost or time limit is an upper bound: "资料印刷成本", "办结时限")."""
    if not target or not actual:
        return None
    t, a = _in_figures(_clean(target)), _in_figures(_clean(actual))
    if not t or not a:
        return None
    if _NONE_TARGET.fullmatch(t) and _NONE_HAPPENED.fullmatch(a):
        return True  # "0起" / "不发生" against "未发生"
    t = _figure_after_words(t, t, about)
    a = _figure_after_words(a, t, about)
    if t in _YES or a in _YES:  # 是/否 answers must agree (是否发生安全事故：否)
        return (t == a) if (t in _YES and a in _YES) else None
    tl, al = _TO_LEVEL.match(t), _TO_LEVEL.match(a)
    if tl and ((al and al.lastgroup == tl.lastgroup) or (al is None and _CHANGE.match(a) is None)):
        tq, aq = _quantity(t[tl.end():]), _quantity(a[al.end():] if al else a)
        if tq is not None and aq is not None:
            if tq.op == "bare":
                tq = tq._replace(op="le" if tl.lastgroup == "down" else "ge")
            return _compare(tq, aq)
    tc, ac = _CHANGE.match(t), _CHANGE.match(a)
    if tc and ac and tc.lastgroup == ac.lastgroup:
        tq, aq = _quantity(t[tc.end():]), _quantity(a[ac.end():])
        if tq is not None and aq is not None:
            return _compare(tq, aq)
    elif tc and ac and _by_figures(t[tc.end():]) and _by_figures(a[ac.end():]):
        # the other way ("提高5%" / "下降1%"; not of something else: "减少企业跑腿次数" / "增加网办事项20项"), unless by nothing
        size = _quantity(a[ac.end():]) if ac.end() < len(a) else None
        if size is None or size.value != 0:
            return False
    ty, ay = _YEAR_ONLY.fullmatch(t), _YEAR_ONLY.fullmatch(a)
    if ty and ay and (ty["when"] or _DONE_NAME.search(about)):
        return int(ay["y"]) <= int(ty["y"])  # "2023年" / "2024年完成": the year the work was done
    tq, aq = _quantity(t), _quantity(a)
    if tq is not None and aq is not None and not tq.unit.startswith("月"):  # (figures first: "不合格率1.5%" against "≤2%"; a month is a date)
        return _compare(_bounded_by_what(tq, about), aq)
    direction = _DIRECTION.fullmatch(t)
    way = direction.lastgroup if direction else "down" if _NOT_UP.fullmatch(t) else "up" if _NOT_DOWN.fullmatch(t) else None
    if way and tq is None:  # "逐步下降" / "有所下降", "同比下降12%"
        said = _DIRECTION.match(a)
        if said is None and _NOT_DOWN.fullmatch(a):  # "持续改善" / "明显改善"
            return True if way == "up" and (not _STRONG.search(t) or _STRONG.search(a)) else None
        size = _quantity(a[said.end():]) if said and said.end() < len(a) else None
        if said is None or (said.end() < len(a) and (size is None or size.value == 0)):
            return False if said is None and _NEGATIVE.search(a) else None  # ("未达到预期"; "亏损额减少但户数增加", "同比下降0%")
        if said.lastgroup != way:
            return False  # the other way ("有效提升" / "有所下降")
        if not _STRONG.search(t) or _STRONG.search(a):
            return True  # (not "明显提升" / "有所提升": a weaker change than the one aimed at)
        return None
    ranked = _ranked(t, a)
    if ranked is not None:
        return ranked
    grade = _GRADE_WORD.fullmatch(t)
    if grade and not _NEGATIVE.search(a) and "优良" not in a and (grade["g"] in a or (grade["g"] in ("合格", "及格") and _REACHED.match(a))):
        return True  # "合格" / "全部合格", "合格率100%", "达标"
    if grade:
        return None  # a grade against words of no grade ("优秀" / "满意", "优" / "优良"): not said
    if _ANOTHER_RATE.match(a):
        return None  # the figure of another rate than the indicator's ("未完成率3%", "不合格率1.5%" for 合格率): not compared
    if _NEGATIVE.search(a):
        return False
    td, ad = _date(t), _date(a)
    if td is not None and (ad is not None or _POSITIVE.search(a)):
        if ad is None:
            return True  # "按时完成" against a deadline
        if _NEXT_YEAR.search(a) and not _NEXT_YEAR.search(t) and td[0] is None:
            return False  # a deadline of this year, reached the next
        if not _BEFORE.search(t) and td != ad:
            return None
        if (ad[0] is None) != (td[0] is None) and not _NEXT_YEAR.search(a):
            return None  # "12月31日前" / "2024年3月": which year the deadline is in, not said
        if ad[1] == td[1] and (None in (ad[0], td[0]) or ad[0] == td[0]) and _month_only(a):
            # an actual of a month ("2023年6月") against a day of it: met when the day is the month's last
            last = calendar.monthrange(ad[0] or td[0] or 2001, ad[1])[1]
            return True if td[2] >= last else None
        return _date_on_or_before(ad, td)
    if aq is None and ad is None and (_REACHED.match(a) if tq is not None else _POSITIVE.search(a)):
        return True  # the actual says in words that the target was reached
    if t == a and tq is None:
        return True
    return None


def _figure_after_words(text: str, target: str, about: str = "") -> str:
    """The value after the words before its figure ("完成95%", "合格率98%", "提高至93%" against a level, "达到3%"),
    or a change after its rate's name ("投诉率下降8%"); never past a negation ("未完成…"), nor past the name of a
    rate that is not the indicator's own ("合格率99%" for 不合格率, "差错率0.5%" for 准确率)."""
    led = _ACTUAL_LEAD.match(text)
    if led and led["rate"] and not (_own_rate(led["rate"], about) or target.startswith(led["rate"])):
        led = None
    if led and led.end() < len(text) and not _NEGATED.search(text[:led.end()]) \
            and (_quantity(text) is None or led.group().startswith("达")) and _quantity(text[led.end():]) is not None \
            and not (_TO_LEVEL.match(text) and _TO_LEVEL.match(target)):
        return text[led.end():]
    led = _RATE_NAME.match(text)
    if led and _own_rate(led.group(), about) and _CHANGE.match(text[led.end():]):
        return text[led.end():]
    return text


# Grades in words, ranked ("优秀" over "良好" over "合格"), and levels of an award or an acceptance ("国家" over "省级").
_GRADE_WORD = re.compile(r"(?:评为|评定为|达到|获评|获得|为)?(?P<g>优秀|良好|合格|及格|中等|较差|不合格|优|良|中|差)(?:等次|等级|档次)?")
_GRADE_RANK = {"优秀": 4, "优": 4, "良好": 3, "良": 3, "合格": 2, "及格": 2, "中等": 2, "中": 2, "较差": 1, "差": 1, "不合格": 1}
_LEVEL_WORD = re.compile(r"国家级?|省级|市级|县级")
_LEVEL_RANK = {"国": 4, "省": 3, "市": 2, "县": 1}


def _by_figures(rest: str) -> bool:
    """Is what follows a change's verb nothing or its size ("5%", "2个百分点"), no object of its own?"""
    return not rest or _quantity(rest) is not None or re.fullmatch(r"\d+(?:\.\d+)?个百分点", rest) is not None


def _ranked(t: str, a: str) -> bool | None:
    """A grade or a level reached (met) or one below it (not): "优秀" against "良好"; "通过国家验收" against "通过省级验收"
    (the same words around the level). None when neither side is such."""
    tg, ag = _GRADE_WORD.fullmatch(t), _GRADE_WORD.fullmatch(a)
    if tg and ag:
        return _GRADE_RANK[ag["g"]] >= _GRADE_RANK[tg["g"]]
    tl, al = _LEVEL_WORD.search(t), _LEVEL_WORD.search(a)
    if tl and al and _LEVEL_WORD.sub("", t) == _LEVEL_WORD.sub("", a) and tl.group() != al.group():
        return _LEVEL_RANK[al.group()[0]] >= _LEVEL_RANK[tl.group()[0]]
    return None


def _own_rate(rate: str, name: str) -> bool:
    """Is `rate` ("合格率") the rate the indicator's name ends in ("教学设备合格率"; not "产品抽检不合格率")?"""
    return name.endswith(rate) and not name[:-len(rate)].endswith(("不", "未", "非", "无"))


def _bounded_by_what(t: _Quantity, about: str) -> _Quantity:
    """A bare target of a cost, a time limit or a rate the work keeps down is a ceiling ("成本指标 | 5000元",
    "审批时限 | 3个工作日", "管网漏损率 | 12%"); one of a duration, or money ("培训经费", "结余资金"), whose name does
    not say which it is, no bound:
    "eq?" (met only when equal). (Other bare targets, money too, are floors: the convention.)"""
    if t.op != "bare" or t.value == 0:
        return t
    if (_COST_NAME.search(about) and not _NOT_A_COST.search(about) and _MONEY_UNIT.match(t.unit)) \
            or (_LIMIT_NAME.search(about) and _DURATION.match(t.unit)) or (_WORSE_RATE.search(about) and t.unit in ("%", "‰")) \
            or _WORSE_LEVEL.search(about):
        return t._replace(op="le")
    if (_DURATION.match(t.unit) and not _LENGTH_NAME.search(about)) or (_MONEY_UNIT.match(t.unit) and _EITHER_WAY.search(about)):
        return t._replace(op="eq?")
    return t


_HANZI_COUNT = re.compile(r"(?P<n>[一二三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
                          r"(?P<unit>个|次|人|家|所|项|场|座|条|户|名|批|件|台|辆|套|篇|部|处|类|支|期|轮|本|册|份|间|栋|块|天|周)?")


def _in_figures(text: str) -> str:
    """A count written in Chinese numerals, alone ("五个", "十二次", "两场"), in figures; any other text as it is."""
    m = _HANZI_COUNT.fullmatch(text)
    return f"{cn_number(m['n'].replace('两', '二'))}{m['unit'] or ''}" if m else text


def _clean(text: str) -> str:
    text = fold_chars(text).strip()
    text = text.replace("％", "%").replace("≧", "≥").replace("≦", "≤").replace("＞", ">").replace("＜", "<").replace("＝", "=")
    return "".join(text.split()).rstrip("。；;，,")


def _quantity(text: str) -> _Quantity | None:
    m = _RANGE.match(text) if _RANGE_SEPARATOR.search(text) else None
    if m:
        ua, ub = m["ua"] or m["ub"] or "", m["ub"] or ""
        if ua and ub and ua != ub:
            return None
        lo, hi = _to(m["a"], ua), _to(m["b"], ub)
        return _Quantity("range", min(lo, hi), _unit(ub), max(lo, hi))
    p = _PREFIX.match(text)
    op = p.lastgroup or "eq?"
    v = _VALUE.match(text, p.end())
    if not v:
        return None
    rest = _NOTE.sub("", v["rest"])  # (a note in brackets after the figure: "90%（较上年下降2个百分点）")
    if rest:
        if _SUFFIX_GE.match(rest) and op in ("eq?", "ge", "gt"):
            op = "ge" if op == "eq?" else op  # ("达到95%以上", "不少于4次以上": the same bound twice)
        elif _SUFFIX_LE.match(rest) and op in ("eq?", "le", "lt"):
            op = "le" if op == "eq?" else op  # ("控制在50万元以内", "≤5个工作日内")
        elif rest == "左右":
            return _Quantity("about", _to(v["num"], v["unit"]), _unit(v["unit"])) if op == "eq?" else None
        else:
            return None
    if v["more"]:
        if op != "eq?":
            return None  # ("≥1200余人": no reading)
        op = "gt"
    if op == "eq?":
        op = "bare"
    return _Quantity(op, _to(v["num"], v["unit"]), _unit(v["unit"]))


# ("…（较上年下降2个百分点）", "96%，较上年下降1个百分点": a comparison, no part of the figure)
_NOTE = re.compile(r"[（(](?:较|比|同比|环比)[^（）()]*[)）]$|[，,；;](?:较|比|同比|环比)[^，,；;]*$")


def _to(num: str, unit: str | None) -> Decimal:
    value = Decimal(num.replace(",", ""))
    return value.scaleb(_MONEY[unit]) if unit in _MONEY else value


def _unit(unit: str | None) -> str:
    return "万元" if unit in _MONEY else (unit or "")


def _compare(t: _Quantity, a: _Quantity) -> bool | None:
    if t.op == "bare" and t.value == 0:
        t = t._replace(op="le")  # a bare zero ("0起", "0%") is "none": at most it
    if t.unit and a.unit and t.unit != a.unit:
        return None
    if t.unit == "%" and not a.unit and a.value <= 1 < t.value:
        return None  # "0.96" against "≥90%": a share or a slip, not said
    if t.unit == "万元" and not a.unit:
        return None  # "480000" against "≥50万元": 元 or 万元, not said
    if a.op == "range":
        return None
    if t.op == "about":  # a target of "about" a figure ("90%左右"): met by an actual above it, else not said
        return True if a.op in ("bare", "eq") and (not t.unit or a.unit == t.unit) and a.value > t.value else None
    if a.op == "about":  # "90%左右": met only when clearly on the right side of the target
        a = a._replace(op="bare")
        if a.value == t.value or t.op == "eq?":
            return None
    if a.op not in ("bare", "eq"):
        # an actual written as a bound ("≥95%") settles only a target bounded the same way, and only when
        # it is at least as tight ("≥90%" against "≥95%" may be 92% or 97%)
        if t.op not in _SAME_BOUND.get(a.op, ()):
            return None
        if a.op in ("ge", "gt"):
            met = a.value > t.value if t.op == "gt" else a.value >= t.value
        else:
            met = a.value < t.value if t.op == "lt" else a.value <= t.value
        return True if met else None
    x = a.value
    if t.op == "eq?":
        return True if x == t.value else None
    if t.op == "range":
        return t.value <= x <= (t.upper or t.value)
    return _MEETS[t.op](x, t.value)


# the target bounds an actual written as a bound can settle
_SAME_BOUND = {"ge": ("ge", "gt", "bare"), "gt": ("ge", "gt", "bare"), "le": ("le", "lt"), "lt": ("le", "lt")}
# does the actual x meet a target of this kind: op(x, target)
_MEETS = {"ge": operator.ge, "bare": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt,
          "eq": operator.eq}


def _date(text: str) -> tuple[int | None, int, int] | None:
    end = _YEAR_END.search(text)
    if end:
        return (int(end["y"]), 12, 31)  # "2023年底前": the year's last day
    m = _DATE.search(text)
    if not m or not 1 <= int(m["m"]) <= 12:
        return None
    if m["y"] is None and "月" not in m.group():
        return None
    day = int(m["d"]) if m["d"] else 31  # "6月" / "6月底": the whole month
    return (int(m["y"]) if m["y"] else None, int(m["m"]), day)


def _month_only(text: str) -> bool:
    """A date of a month without its day ("2023年6月", not "6月底")."""
    m = _DATE.search(text)
    return m is not None and m["d"] is None and m["end"] is None


def _date_on_or_before(a: tuple, t: tuple) -> bool:
    """Compare with years when both state one, else month and day (the same budget year)."""
    if a[0] is not None and t[0] is not None:
        return a <= t
    return (a[1], a[2]) <= (t[1], t[2])
