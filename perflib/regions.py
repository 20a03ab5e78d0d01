"""Where a department-year belongs: its region (地区), 省 › 市 › 区/县 and no lower.

The first of three sources that says:

1. the folders a report sits in under the batch's source, when they are named like places
   (`data/广州市/荔湾区/2021/…` → 广州市 › 荔湾区); a year folder (`2021`, `2021年度`) and a folder
   with any other name (`samples`, `教育局`, `附件`) are not regions;
2. a manifest's `region` column, as written (`广州市 › 荔湾区`, `广州市/荔湾区` or `广州市荔湾区`);
3. the places the department's full name begins with (广东省广州市荔湾区人民政府花地街道办事处 →
   广东省 › 广州市 › 荔湾区).

A region is a tuple of place names from the top; its label joins them with " › ".  Levels only go
down (省, then 市/州/盟/地区, then 区/县/旗 or a county-level 市) and stop at the county: a 街道, 镇
or 乡 is where a department sits, not a region.  A report with no region is in 未识别地区.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from .run.outfiles import WINDOWS_DEVICES

SEPARATOR = " › "
UNKNOWN = "未识别地区"

_PROVINCE = ("特别行政区", "自治区", "省")
_PREFECTURE = ("自治州", "地区", "市", "盟")
_COUNTY = ("自治县", "自治旗", "区", "县", "旗")
_SUFFIXES = sorted({*_PROVINCE, *_PREFECTURE, *_COUNTY}, key=len, reverse=True)
# What no place name holds, but institutions do: "生态环境局青川区分局" does not begin with a
# place called 生态环境局青川区.
_NOT_PLACE = re.compile("[局委厅办院署司所站队校室部处]|政府|中心")
_CJK = r"\u4e00-\u9fff"
_TOKEN = re.compile(
    rf"(?:某(?:省|市|区|县)|[{_CJK}]县"  # 某市某区 (as examples write it), 赵县; never 城市 (管理局)
    rf"|[{_CJK}]{{2,12}}?(?:自治区|自治州|自治县|自治旗)"  # 新疆维吾尔自治区, 黔东南苗族侗族自治州
    rf"|[{_CJK}]{{2,8}}?(?:特别行政区|地区|省|市|盟|区|县|旗))")
_PARTY = re.compile(r"^(?:中国共产党|中共|共青团)")  # 中共青川区委组织部: the place follows
_YEAR_FOLDER = re.compile(r"^(?:19|20)\d\d(?:年度?)?$")
_SPLIT = re.compile(r"\s*(?:›|>|/|\||\\)\s*")


def _level(token: str, previous: int) -> int:
    """0 province, 1 prefecture, 2 county (a 市 under a prefecture is a county-level city)."""
    if token.endswith(_PROVINCE):
        return 0
    if token.endswith(_COUNTY):
        return 2
    return 2 if token.endswith("市") and previous == 1 else 1


def leading_places(name: str | None) -> tuple[tuple[str, ...], int]:
    """The places a name begins with, from the top, and how many characters they take."""
    if not name:
        return (), 0
    text = name.strip()
    start = m.end() if (m := _PARTY.match(text)) else 0
    places: list[str] = []
    level, at = -1, start
    while level < 2:
        m = _TOKEN.match(text, at)
        if not m or _NOT_PLACE.search(m.group()):
            break
        new = _level(m.group(), level)
        if new <= level:  # 广州市天河区…市: levels only go down
            break
        places.append(m.group())
        level, at = new, m.end()
    return tuple(places), (at if places else 0)


def after_government(rest: str) -> str:
    """What follows a name's places, without the 人民政府 they are ("人民政府临江街道办事处" → 临江街道办事处;
    the government itself keeps its word)."""
    return rest[len("人民政府"):] if rest.startswith("人民政府") and len(rest) > len("人民政府") + 1 else rest


def is_place(name: str) -> bool:
    """A folder or manifest value made of place names only (广州市, 广州市荔湾区)."""
    places, used = leading_places(name)
    return bool(places) and used == len(name.strip())


def from_folders(path: str | Path, root: str | Path) -> tuple[str, ...]:
    """The region the folders between `root` and the file name, when they are named like places."""
    try:
        parts = Path(path).resolve().relative_to(Path(root).resolve()).parts[:-1]
    except ValueError:
        return ()
    places: list[str] = []
    for part in parts:
        if _YEAR_FOLDER.match(part):
            continue
        if is_place(part):
            places.extend(leading_places(part)[0])
        elif _SHORT_COUNTY.match(part) and _last_level(places) == 1:
            places.append(part)  # 阳泉市/城区, 攀枝花市/东区, 常德市/津市: a county named by one character
    return tuple(places[:3])


# A county-level district or city of one character and its suffix (城区, 郊区, 矿区, 东区, 津市): a place
# only as a folder under a prefecture's, never at the start of a department's name ("城区管理…").
_SHORT_COUNTY = re.compile(rf"^[{_CJK}][区市]$")


def _last_level(places: list[str]) -> int:
    level = -1
    for p in places:
        level = _level(p, level)
    return level


def from_text(value: str | None) -> tuple[str, ...]:
    """A manifest's region as written: levels apart by › / > |, or place names run together."""
    value = (value or "").strip()
    if not value:
        return ()
    if _SPLIT.search(value):
        return tuple(p for p in _SPLIT.split(value) if p)
    return leading_places(value)[0] if is_place(value) else (value,)


def label(region: Iterable[str] | None) -> str:
    parts = tuple(region or ())
    return SEPARATOR.join(parts) if parts else UNKNOWN


def parts(region_label: str | None) -> tuple[str, ...]:
    if not region_label or region_label == UNKNOWN:
        return ()
    return tuple(region_label.split(SEPARATOR))


def region_of(given: str | None, department: str | None) -> str:
    """The region label of a report: the folder's or manifest's (`given`, a label), else its name's."""
    if given:
        return given
    return label(leading_places(department)[0])


def settle(labels: Iterable[str]) -> dict[str, str]:
    """One name per place: a region written without its upper levels (荔湾区) is filed under the one
    region that ends with it (广州市 › 荔湾区), when there is exactly one."""
    regions = {lab: parts(lab) for lab in set(labels)}
    full = [r for r in regions.values() if r and not any(len(o) > len(r) and o[-len(r):] == r
                                                         for o in regions.values())]
    out = {}
    for lab, r in regions.items():
        wider = [f for f in full if len(f) > len(r) and f[-len(r):] == r] if r else []
        out[lab] = label(wider[0]) if len(wider) == 1 else lab
    return out


_SAFE = re.compile(rf"[0-9a-z{_CJK}-]")


def slug(region_label: str) -> str:
    """A folder name for a region's pages: the places joined by '_', or with a short hash when
    that would lose anything (other characters, capitals, a long name), so two regions never share one."""
    names = parts(region_label) or (region_label,)
    plain = "_".join(names)
    if (all(_SAFE.match(c) for n in names for c in n) and len(plain) <= 60
            and plain.upper() not in WINDOWS_DEVICES):  # (a folder "nul" is no folder on Windows)
        return plain
    kept = re.sub(rf"[^0-9A-Za-z{_CJK}-]+", "_", plain).strip("_-")[:40] or "region"
    return f"{kept}_{hashlib.sha256(region_label.encode('utf-8')).hexdigest()[:8]}"
