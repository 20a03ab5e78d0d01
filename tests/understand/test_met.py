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
    ("下降5%", "上升2%"),
]


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
