"""Hostile report files: the seed report with markup and script injected into
every piece of text that reaches a page (department, tasks, problems, plans,
evidence sentences), plus hostile file names.

Every payload that could run sets `window.__pwned` or opens a dialog, so a
browser test can prove that nothing from a report ever executes.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from paths import SEED

# The department name cannot hold digits or spaces (the parser takes the title
# line up to the year and closes up spaces), so its payload is digit-free.
DEPT_PAYLOAD = "<script>window.__pwned=true</script><b>粗</b>**粗**"
HOSTILE_DEPARTMENT = DEPT_PAYLOAD + "花地街道办事处"

PAYLOADS = {
    "script": "<script>window.__pwned=1;alert(1)</script>",
    "img": '<img src=x onerror="window.__pwned=2;alert(2)">',
    "close_attr": '"><svg onload=window.__pwned=3>\'',
    "close_script": "</script><script>window.__pwned=4</script>",
    "md_link": "[点我](javascript:window.__pwned=5)",
    "js_url": "javascript:alert(6)",
    "md_bold": "**加粗**",
    "html_bold": "<b>粗体</b>",
    "template": "{{7*7}}${7*7}",
    "md_html": "<details open><summary>x</summary><iframe src=javascript:alert(7)></iframe></details>",
}
ALL = "".join(PAYLOADS.values())

# File names: one that parses (renders a page) and one that fails (listed as a failure).
HOSTILE_NAME_OK = "<img src=x onerror=window.__pwned=8>[x](javascript:alert(8)).txt"
HOSTILE_NAME_BAD = "<script>window.__pwned=9<\u2215script>.txt"  # U+2215: a file name cannot hold "/"


def hostile_text() -> str:
    """The seed's text with payloads in the title, evidence, tasks, problems and plans."""
    text = SEED.read_text(encoding="utf-8")
    replacements = [
        # department name (the report's title line)
        ("广州市荔湾区人民政府花地街道办事处 2021 部门整体支出绩效评价报告",
         f"{HOSTILE_DEPARTMENT} 2021 部门整体支出绩效评价报告"),
        # an evidence sentence: ends up in title="…" attributes and the appendix
        ("根据财政预算绩效管理要求，", f"根据财政预算绩效管理要求{ALL}，"),
        # tasks
        ("（一）通过完善街道工作，", f"（一）通过完善街道工作{ALL}，"),
        ("(四) 增强“两新”党组织", f"(四) {PAYLOADS['md_link']}增强“两新”党组织"),
        # problems
        ("(一) 项目落地和建设进度滞后，", f"(一) 项目落地和建设进度滞后{ALL}，"),
        # plans
        ("2022 年，花地街办事处将持续加强", f"2022 年，{ALL}花地街办事处将持续加强"),
    ]
    for old, new in replacements:
        assert old in text, f"the seed changed: {old!r} not found"
        text = text.replace(old, new, 1)
    return text


def write_hostile_report(folder: Path, name: str = "hostile.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(hostile_text(), encoding="utf-8")
    return path


def write_hostile_folder(folder: Path) -> dict[str, Path]:
    """A batch input: the seed, a hostile report under a hostile file name, and a
    hostile file name that fails to read (empty)."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = folder / SEED.name
    shutil.copyfile(SEED, seed)
    ok = write_hostile_report(folder, HOSTILE_NAME_OK)
    bad = folder / HOSTILE_NAME_BAD
    bad.write_bytes(b"")
    return {"seed": seed, "hostile": ok, "failing": bad}
