"""`met` judged from target and actual as written: a table of pairs, undecidable ones None."""
import pytest

from perflib.understand.met import judge

CASES = [
    # numbers with comparators and units
    ("≥95%", "98.2%", True),
    ("≥95%", "94.9%", False),
    ("≥ 95 %", "95%", True),
    (">95%", "95%", False),
    ("不低于90%", "92%", True),
    ("不低于90%", "89%", False),
    ("不少于12次", "12次", True),
    ("不少于12次", "11次", False),
    ("≤100万元", "96.5万元", True),
    ("≤100万元", "1,200,000元", False),
    ("不超过100万元", "100万元", True),
    ("不超过100万元", "100.01万元", False),
    ("大于80%", "81%", True),
    ("小于5%", "5%", False),
    ("3个工作日以内", "2个工作日", True),
    ("95分以上", "93分", False),
    ("12次", "14次", True),
    ("12次", "10次", False),
    ("100%", "100%", True),
    ("100%", "98%", False),
    ("90%-100%", "96%", True),
    ("90%-100%", "88%", False),
    ("5~8次", "9次", False),
    ("≥95%", "≥95%", True),
    # dates
    ("2021年12月31日前", "2021年11月20日", True),
    ("2021年12月31日前", "2022年1月5日", False),
    ("12月底前", "11月完成", True),
    ("6月30日前", "7月15日", False),
    ("2021年12月底前完成", "按时完成", True),
    ("6月底前", "次年1月完成", False),
    # words
    ("按时完成", "按时完成", True),
    ("按时完成", "已完成", True),
    ("按时完成", "未按时完成", False),
    ("达标", "达标", True),
    ("达标", "未达标", False),
    ("是", "是", True),
    ("否", "否", True),
    ("否", "是", False),
    ("有效提升", "明显提升", True),
    ("完成", "未完成", False),
    ("有效缓解", "未有效缓解", False),
    ("有效缓解", "明显缓解", True),
    ("完成", "部分完成", False),
    ("≥95%", "未达到", False),
    ("≥90%", "达标", True),
    # a bare zero is "none" (h5-m01)
    ("0起", "1起", False),
    ("0起", "0起", True),
    ("0%", "1.5%", False),
    ("0件", "2件", False),
    ("0", "0", True),
    # a change and its size, the same direction on both sides (h5-m02, h5-m03)
    ("下降5%", "下降6%", True),
    ("下降5%", "下降3%", False),
    ("下降5%", "上升2%", False),  # the other way
    ("同比下降5%", "同比下降6%", True),
    ("下降≥5%", "下降6%", True),
    ("减少10%", "减少12%", True),
    ("提高5%", "提高3%", False),
    ("提高5%", "提高6%", True),
    ("增长10%", "增长8%", False),
    ("同比增长≥5%", "同比增长6.2%", True),
    ("提高5%", "下降1%", False),
    # a month against a day of it (h5-m04)
    ("2023年6月30日前", "2023年6月", True),
    ("6月30日前", "6月", True),
    ("6月底前", "6月", True),
    ("2023年6月30日前", "2023年7月", False),
    # (a survey of 160 rows as real tables write them: 28 wrong judgements before)
    # words before the actual's figure: the figure
    ("100%", "完成96%", False),
    ("≥98%", "实现97%", False),
    ("20座", "已完成18座", False),
    ("完成率100%", "完成率97%", False),
    ("≥95%", "提高至93%", False),
    ("≥95%", "提升到97%", True),
    ("≤5%", "达到3%", True),
    # a word of trouble inside a good figure or negated
    ("按时完成", "无延期", True),
    ("≥90%", "91%（较上年下降2个百分点）", True),
    # a direction alone
    ("逐步下降", "有所下降", True),
    ("同比下降", "同比下降12%", True),
    ("下降", "下降", True),
    ("逐步下降", "上升3%", False),
    # a year as a deadline
    ("2023年完成", "2023年", True),
    ("2023年底前", "2023年11月", True),
    ("12月底", "11月", True),
    # the same bound before and after the figure
    ("控制在50万元以内", "46.2万元", True),
    ("达到95%以上", "94%", False),
    ("不少于4次以上", "3次", False),
    # none happened
    ("0起", "未发生", True),
    ("不发生", "未发生", True),
]

UNDECIDABLE = [
    ("≥95%", None),
    (None, "98%"),
    ("", "98%"),
    ("≥95%", "较好"),          # words against a number
    ("100%", "12次"),          # units that do not match
    ("12次", "12人"),
    ("有效提升", "见附件"),
    ("群众满意", "95%"),
    ("是", "完成"),
    ("90%-100%", "85%-95%"),   # a range as the actual
    ("≤100万元", "≥90万元"),   # a bound of the other direction
    ("按时完成", "详见报告"),
    ("6月15日前", "6月"),      # which day of 6月: unknown
    ("12月31日前", "2024年3月"),  # which year's December: not said
    ("≥95%", "基本完成"),       # 基本: not all
    ("≥90%", "满意"),           # a word that is no figure's claim
    ("≥95%", "≥90%"),           # a weaker bound: 92% or 97%
    ("≥90%", "0.96"),           # a share or a slip
    ("12个月", "14个月"),       # a duration: a length or a limit, the name does not say
    ("明显提升", "有所提升"),   # a weaker change than the one aimed at
]


@pytest.mark.parametrize("target,actual,about,expected", [
    ("5000元", "4800元", "成本指标 资料印刷成本", True),   # a bare cost is a ceiling
    ("90万元", "89.97万元", "成本指标 委托业务总成本", True),
    ("1100万元", "1093万元", "经济效益指标 木材销售收入", False),  # other money: a floor (the convention)
    ("3个工作日", "2个工作日", "时效指标 审批时限", True),   # a time limit
    ("5个工作日", "7个工作日", "项目审批办结时间", False),
    ("3天", "5天", "集中办公", None),                       # a duration of no limit: only equal is sure
    ("40小时", "48小时", "培训时长", True),                  # a length, no limit
    ("10万元", "12.5万元", "成本节约额", True),              # money saved: a floor
    ("500万元", "620万元", "为企业减免费用", True),
    # the rate the actual names: the indicator's own, read past; another rate, not
    ("≤2%", "不合格率1.5%", "食品抽检不合格率", True),
    ("≤3%", "逾期率1.2%", "小微企业贷款逾期率", True),
    ("下降5%", "投诉率下降8%", "消费投诉率", True),
    ("≤2%", "合格率99%", "产品抽检不合格率", None),
    ("≥99%", "差错率0.5%", "登记数据准确率", None),
    # a year alone: a deadline when the name says so
    ("2023年", "2024年", "系统升级完成年度", False),
    ("2023年", "2022年", "普查数据年份", None),
    ("2023年底前", "2024年", "普查数据年份", False),
    # a note in brackets: a comparison is no part of the figure, another note may be
    ("100%", "100%（2项延期至次年）", "整改按时完成率", False),
    ("≥90%", "92%（上年数据）", "患者满意度", None),
    # a direction: the actual's whole
    ("逐步减少", "亏损额减少但户数增加3户", "亏损企业户数", None),
    ("逐步减少", "同比下降0%", "财政结余资金", None),
    # another rate's figure than the indicator's: not compared, not "未完成" read as not done
    ("≥95%", "未完成率3%", "项目完成率", None),
    ("≥98%", "不合格率1.5%", "产品合格率", None),
    ("≤2%", "不合格率1.5%", "产品不合格率", True),
    # an amount per something (元/户, 元/立方米): compared in that unit only
    ("≤500元/户", "480元/户", "户均补助成本", True),
    ("≤35元/立方米", "38元/立方米", "清淤单价", False),
    ("≤500元/户", "0.05万元/户", "户均补助成本", None),
    # more than a figure (余, 多): met when the figure itself reaches a floor, else not said
    ("1000户", "1200余户", "帮扶户数", True),
    ("≥1200人", "1200多人", "培训人数", True),
    ("≥1200人", "1100多人", "培训人数", None),
    ("≤30人", "40余人", "会议人数", None),
    # a count in Chinese numerals, alone
    ("≥5个", "五个", "新建服务站点", True),
    ("≥5个", "三个", "新建服务站点", False),
    ("≥10次", "十二次", "督导检查次数", True),
    ("2场", "两场", "专题培训", True),
    ("十四五规划", "145规划", "规划编制", None),

    # a bare cost, fee or running money is a ceiling, in 万元 or per head
    ("120万元", "118.5万元", "物业管理费", True),
    ("45万元", "41.2万元", "“三公”经费支出", True),
    ("800元/人", "760元/人", "人均培训成本", True),
    ("500万元", "520万元", "非税收入收缴", True),  # (money collected: a floor)
    # a rate or a level the work keeps down
    ("5%", "3%", "资金结余率", True),
    ("35", "32", "PM2.5平均浓度", True),
    # a time to deal with something is a ceiling; a length to reach, a floor
    ("5天", "3天", "行政许可平均办结天数", True),
    ("20天", "25天", "平均办结天数", False),
    ("3个工作日", "2个工作日", "不动产登记平均办理天数", True),
    ("10天", "12天", "培训天数", True),
    # about a figure: met only when clearly past it
    ("≥90%", "90%左右", "群众满意度", None),
    ("≥90%", "95%左右", "群众满意度", True),
    ("90%左右", "92%", "群众满意度", True),  # (above the figure aimed at)
    # an amount of no unit against 万元: 元 or 万元, not said
    ("≥50万元", "480000", "补助资金", None),
    # a decline is no failure by itself; a figure with a comparison after it is the figure
    ("≤5%", "较上年下降2个百分点", "群众投诉率", None),
    ("≥95%", "96%，较上年下降1个百分点", "义务教育巩固率", True),
    ("逐年下降", "同比下降15%", "信访总量", True),
    ("不高于上年", "较上年下降6%", "“三公”经费支出", True),
    ("只减不增", "同比下降12.3%", "一般性支出", True),
    ("零增长", "下降2%", "会议费", True),
    ("稳中有降", "较上年下降", "信访总量", True),
    ("零增长", "增长3%", "会议费", False),
    ("持续改善", "PM2.5浓度同比下降8%", "空气质量", None),
    # grades and levels
    ("优秀", "良好", "年度绩效考核等次", False),
    ("良好", "优秀", "年度绩效考核等次", True),
    ("优秀", "满意", "年度绩效考核等次", None),
    ("通过国家验收", "通过省级验收", "示范创建验收", False),
    ("达到市级标准", "达到省级标准", "档案管理", True),
])
def test_the_indicators_name_bounds_a_bare_target_and_names_its_rate(target, actual, about, expected):
    assert judge(target, actual, about) is expected


@pytest.mark.parametrize("target,actual,expected", CASES)
def test_decided(target, actual, expected):
    assert judge(target, actual) is expected


@pytest.mark.parametrize("target,actual", UNDECIDABLE)
def test_undecidable_is_none(target, actual):
    assert judge(target, actual) is None


def test_fullwidth_is_read():
    assert judge("≥９５％", "９６．５％") is True


from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(["≥", "≤", "不低于", "不超过", "以上", "以内", "前", "月", "日", "年", "2021", "12", "95",
                           ".5", "%", "万元", "元", "次", "-", "~", "至", "完成", "未", "按时", "是", "否", "提升", " ", "，"])


@given(st.lists(_PIECES, max_size=12).map("".join), st.lists(_PIECES, max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_never_guesses_on_empty(target, actual):
    assert judge(target, actual) in (True, False, None)
    assert judge(target, "") is None and judge("", actual) is None
