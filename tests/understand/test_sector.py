"""perflib.understand.sector: a department's sector from the institution words of its name (sectors.toml)."""
import tomllib
from importlib import resources

import pytest

from perflib.understand.sector import sector_of, sectors


@pytest.mark.parametrize("name, sector", [
    ("示例市青川区教育局", "教育"),
    ("示例市青川区卫生健康局", "卫生健康"),
    ("广州市荔湾区人民政府花地街道办事处", "街道/乡镇"),
    ("临江县白沙镇人民政府", "街道/乡镇"),
    ("示例市青川区农业农村局", "农业农村"),
    ("示例市公安局交通警察支队", "公安政法"),  # the word nearest the end names the unit
    ("示例市财政局", "财政"),
    ("示例市交通运输局", "交通"),
    ("示例市青川区文化广电旅游体育局", "文化旅游"),
    ("示例市青川区民政局", "民政"),
    ("教育路街道办事处", "街道/乡镇"),  # a 街道 named after a road, not an education bureau
    ("镇江市教育局", "教育"),  # a place that looks like a word is set aside first
    ("示例市第一人民医院", "卫生健康"),
    ("青川区人民政府", "党政综合"),
    ("某某有限公司", "其他"), (None, "其他"),
])
def test_sector_of(name, sector):
    assert sector_of(name) == sector


def test_every_word_reads_its_own_sector():
    data = tomllib.loads(resources.files("perflib.understand").joinpath("sectors.toml").read_text(encoding="utf-8"))
    words = [w for s in data["sector"] for w in s["words"]]
    assert len(words) == len(set(words)), "a word listed twice"
    for s in data["sector"]:
        for word in s["words"]:
            assert sector_of(f"示例市{word}") == s["name"], word
    assert sectors()[-1] == data["other"] and len(sectors()) == len(data["sector"]) + 1
