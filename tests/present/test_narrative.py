"""The Chinese summary, on the seed and on a record without figures."""
import pytest

from perflib.check.metrics import compute
from perflib.model import Record, Source
from perflib.present.narrative import summary


@pytest.fixture(scope="module")
def seed_metrics(seed_record):
    return compute(seed_record)


def test_seed_summary(seed_record, seed_metrics):
    s = summary(seed_record, seed_metrics)
    assert 3 <= len(s) <= 6
    text = "".join(s)
    assert "广州市荔湾区人民政府花地街道办事处整体实际支出 6,364.24 万元" in s[0]
    assert "127.73%" in s[0] and "调增 1,381.85 万元" in s[0]
    assert "推算基本支出为 2,762.37 万元" in text
    assert "85.8%" in text
    assert "1 项有超出四舍五入的小偏差" in text and "34.86%" in text
    assert "自评等级为“优”" in text and "D 级" in text


def test_summary_of_a_record_without_figures():
    s = summary(Record(source=Source("x", "txt", None, "")), compute(Record(source=Source("x", "txt", None, ""))))
    assert len(s) >= 1 and "不足" in "".join(s)


def test_figure_names_say_their_block_once():
    from perflib.labels import figure_name

    assert [figure_name(n) for n in ("projects.count", "projects.actual", "overall.completion_rate")] == \
        ["项目个数", "项目实际支出", "整体预算完成率"]
