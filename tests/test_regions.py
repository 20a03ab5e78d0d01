"""perflib.regions: a report's region from its folders, a manifest's column or its department's name."""
import pytest

from perflib.regions import (UNKNOWN, from_folders, from_text, is_place, label, leading_places, region_of, settle,
                             slug)


@pytest.mark.parametrize("name, places", [
    ("广州市荔湾区人民政府花地街道办事处", ("广州市", "荔湾区")),
    ("广东省广州市荔湾区财政局", ("广东省", "广州市", "荔湾区")),  # a province prefix too
    ("某市某区财政局", ("某市", "某区")),
    ("示例市青川区人民政府临江街道办事处", ("示例市", "青川区")),  # 街道 is no region level
    ("临江县白沙镇人民政府", ("临江县",)),
    ("广州市市场监督管理局", ("广州市",)),  # 市场 is not a place
    ("示例市城市管理和综合执法局", ("示例市",)),  # nor 城市
    ("示例市生态环境局青川区分局", ("示例市",)),  # an institution is not a place name
    ("内蒙古自治区锡林郭勒盟正蓝旗教育局", ("内蒙古自治区", "锡林郭勒盟", "正蓝旗")),
    ("黔东南苗族侗族自治州凯里市民政局", ("黔东南苗族侗族自治州", "凯里市")),  # a county-level 市
    ("河北省石家庄市赵县教育局", ("河北省", "石家庄市", "赵县")),
    ("上海市浦东新区教育局", ("上海市", "浦东新区")),
    ("中共青川区委组织部", ("青川区",)),
    ("广州市天河区越秀区", ("广州市", "天河区")),  # stops at the county
    ("教育局", ()), ("", ()), (None, ()),
])
def test_leading_places(name, places):
    assert leading_places(name)[0] == places


def test_folders_named_like_places_are_the_region(tmp_path):
    root = tmp_path / "data"
    assert from_folders(root / "荔湾区" / "2021" / "a.txt", root) == ("荔湾区",)
    assert from_folders(root / "广州市" / "荔湾区" / "2021年度" / "a.pdf", root) == ("广州市", "荔湾区")
    assert from_folders(root / "广州市荔湾区" / "a.pdf", root) == ("广州市", "荔湾区")
    # a year folder, a department folder, a town and an ASCII folder are not regions
    assert from_folders(root / "荔湾区" / "教育局" / "花地街道" / "2021" / "a.txt", root) == ("荔湾区",)
    assert from_folders(root / "samples" / "a.txt", root) == ()
    assert from_folders(root / "a.txt", root) == ()
    assert from_folders(tmp_path / "elsewhere" / "荔湾区" / "a.txt", root) == ()


def test_a_county_of_one_character_is_a_region_under_its_prefecture(tmp_path):
    root = tmp_path / "data"
    assert from_folders(root / "山西省" / "阳泉市" / "城区" / "2021" / "a.txt", root) == ("山西省", "阳泉市", "城区")
    assert from_folders(root / "阳泉市" / "郊区" / "a.txt", root) == ("阳泉市", "郊区")
    assert from_folders(root / "常德市" / "津市" / "a.txt", root) == ("常德市", "津市")  # a county-level city
    # not alone, nor under a province or a county: there it names no county
    assert from_folders(root / "城区" / "a.txt", root) == ()
    assert from_folders(root / "山西省" / "城区" / "a.txt", root) == ("山西省",)
    assert from_folders(root / "阳泉市" / "盂县" / "东区" / "a.txt", root) == ("阳泉市", "盂县")


def test_manifest_region_as_written():
    assert from_text("广州市 › 荔湾区") == from_text("广州市/荔湾区") == from_text("广州市荔湾区") == ("广州市", "荔湾区")
    assert from_text("青川新区管委会") == ("青川新区管委会",)  # not a place name: kept as written, one level
    assert from_text("  ") == () and from_text(None) == ()
    assert is_place("广州市荔湾区") and not is_place("荔湾区教育局")


def test_region_of_prefers_what_was_given():
    assert region_of("示例市 › 青川区", "广州市荔湾区财政局") == "示例市 › 青川区"
    assert region_of(None, "广州市荔湾区财政局") == "广州市 › 荔湾区"
    assert region_of(None, "教育局") == UNKNOWN == label(())


def test_settle_files_a_short_name_under_its_one_full_region():
    names = settle(["荔湾区", "广州市 › 荔湾区", "广州市", "海珠区", "广州市 › 海珠区", "深圳市 › 海珠区", UNKNOWN])
    assert names["荔湾区"] == "广州市 › 荔湾区"
    assert names["广州市"] == "广州市"  # the city's own departments stay the city's
    assert names["海珠区"] == "海珠区"  # two full regions end with it: left as written
    assert names[UNKNOWN] == UNKNOWN


def test_slugs_are_safe_and_distinct():
    labels = ["广州市 › 荔湾区", "广州市_荔湾区", "Region A", "region a", "../../etc", "<script>", "名" * 80, UNKNOWN]
    slugs = [slug(x) for x in labels]
    assert slug("广州市 › 荔湾区") == "广州市_荔湾区"
    assert len(set(s.casefold() for s in slugs)) == len(labels)
    for s in slugs:
        assert s and "/" not in s and "\\" not in s and not s.startswith(".") and len(s.encode()) < 200
    for device in ("nul", "aux", "con", "com1", "lpt9"):  # (a manifest's region) no folder on Windows
        assert slug(device).split("_")[0] == device and slug(device) != device
