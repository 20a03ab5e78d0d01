"""Stage 3, lists: the tasks (主要绩效目标), problems (存在的问题) and plans (下一步计划 / 改进措施)
a report numbers however it likes: （一）/(一)/一、/1./1、/（1）/(1), or not at all.

A section starts at a heading that names it (or a sentence ending in "：" that does);
its items are the numbered paragraphs at the first level below the heading, each
with the unnumbered paragraphs that follow it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Sequence

from ..model import Record, Task
from ..read.document import Table
from ..read.realign import EMPTY
from .indicators import header_roles, role_of, split_pipes
from ..read.normalize import clause_start, sentences_of
from ..numbers import money_to_wan
from .lexicon import LEX, TOC_ENDS, cue_words, cues, holds_any
from .who import DOCUMENTS_PART, reads_as_org

_TASKS_HEAD = LEX.sections["tasks"]
# (a tasks heading only when no other names them; the lexicon compiles it behind a look-ahead on its first characters,
# the same matches: its branches open with no one character the engine could scan for, and most headings hold 工作 or 情况)
_TASKS_ELSE = LEX.sections["tasks_else"]
_TASKS_ELSE_WORDS = cue_words(_TASKS_ELSE)  # (工作, 履职: its look-ahead is tried at each place, ~0.7 µs a heading)
_PROBLEMS_HEAD = LEX.sections["problems"]
_PLANS_HEAD = LEX.sections["plans"]
_PLANS_CUES = cues(_PLANS_HEAD)  # (下, 划, 建, 改 …: most headings hold none, and the pattern costs ~1 µs a line)
# not the plans section: a problems heading ("问题及改进措施": the problems') or the year's own plan
_NOT_PLANS = re.compile(f"(?:{_PROBLEMS_HEAD.pattern})|(?:{LEX.plans_not.pattern})")
# An account of what was done, no section of the year's problems or plans: problems fixed ("上年度绩效评价发现问题
# 整改情况", "巡察反馈问题整改落实情况", a task "信访问题化解"), a plan or advice carried out ("上年度评价建议落实情况",
# "政府采购计划执行情况", a cell "已按计划完成"); not "存在问题及整改措施", "自评发现的问题及整改情况".
_DONE = re.compile(r"问题的?(?:整改|落实|化解|处置|办理|处理)[^，。：:及和与]{0,4}情况|问题化解"
                   r"|(?:计划|建议|意见|措施)的?(?:执行|落实|完成)[^，。：:及和与]{0,2}情况|按照?(?:年度)?计划")  # ("已按计划完成")
# "针对以上问题，下一步…：": the plans' lead names the problems it answers
_ANSWERING = re.compile(rf"{LEX.problems_lead.pattern}[^，,：:。]*?问题")
_AHEAD = re.compile(LEX.plans_ahead.pattern)
_LOOKS_AHEAD = re.compile(rf"{LEX.plans_ahead.pattern}|将|拟|力争")  # (not 计划: "按照整改计划逐项落实")
_HEAD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?的?(?:重点)?(?:工作)?计划")  # ("（二）2023年度工作计划")
_TASK_FUNDS = LEX.task_funds


@lru_cache(maxsize=4096)  # (asked again of the headings above each section: _next_outer, _heading_kind)
def _marker_kind(para: str) -> str | None:
    """The numbering style of a list item or heading (lexicon.toml's `numbering`), or None."""
    m = LEX.numbering.match(para)
    return m.lastgroup if m else None


def _without_furniture(paragraphs: list[str]) -> list[str]:
    """The text without its table of contents and attachment lines, which are never
    tasks, problems or plans."""
    out: list[str] = []
    toc_first = None  # the first entry of a contents list: where it recurs, the body starts
    in_toc = False
    attachments = False  # within a list of attachments ("附件：1.…自评表" / "2.…自评表"): titles of documents
    for para in paragraphs:
        attachments = LEX.is_attachment(para) or (attachments and bool(LEX.attachment_item.match(para)))
        if attachments:
            continue
        if para.endswith(TOC_ENDS) and LEX.is_toc(para):  # (its first test here: no call for most lines)
            in_toc = in_toc or para.replace(" ", "") == "目录"
            continue
        if in_toc:
            if toc_first is None:
                toc_first = para
                continue
            if para != toc_first and "。" not in para and len(para) <= 40 and "\t" not in para and " | " not in para:
                continue  # (a table's row is no entry: the body has begun)
            in_toc = False
        out.append(para)
    return _without_unmarked_contents(out)


def _without_unmarked_contents(paragraphs: list[str]) -> list[str]:
    """The text without a contents list that no 目录 line nor page numbers mark: three headings or more near the top,
    each of them again below, the first where the body starts ("第一部分 部门概况" / "一、部门职能" / … / "第一部分 部门概况")."""
    top = {}  # (the lines near the top, and where each stands again below: found in one pass)
    for s, para in enumerate(paragraphs[:_CONTENTS_START]):
        top.setdefault(para, s)
    again: dict[int, int] = {}
    for k in range(1, len(paragraphs)):
        s = top.get(paragraphs[k])
        if s is not None and s < k and s not in again:
            again[s] = k
    for s in sorted(again):
        first, j = paragraphs[s], again[s]
        if j - s < 3 or "。" in first or not (is_heading(first) or is_heading_like(first)):
            continue
        below = set(paragraphs[j:])
        if all(len(e) <= 40 and "。" not in e and e in below for e in paragraphs[s:j]):
            return paragraphs[:s] + paragraphs[j:]
        return paragraphs
    return paragraphs


_CONTENTS_START = 10  # lines from the top a contents list may start at (below a title and the page's fields)


@lru_cache(maxsize=4096)
def is_heading(para: str) -> bool:
    """A numbered heading: "二、项目支出情况" (asked of each paragraph by several readers: cached)."""
    if "。" in para:
        return False
    m = LEX.numbering.match(para)
    return m is not None and len(para[m.end():].strip()) <= 40


def _section_items(paragraphs: list[str], start: int, head_kind: str | None, at: list[int] | None = None) -> list[str]:
    """Numbered items after paragraphs[start], up to the next heading of the same level, or of a
    level above it (see _next_outer).

    Unnumbered paragraphs before the first item are an introduction, unless
    the section has no numbered items at all: then they are the items.
    """
    loose: list[str] = []
    items: list[str] = []
    item_kind = None
    outer = _next_outer(paragraphs, start, at)
    restarted = False  # items numbered as the sections are, from 一 again ("三、主要工作完成情况" / "一、完成…。" / "二、…")
    for j in range(start + 1, len(paragraphs)):
        para = paragraphs[j]
        if "部分" in para and DOCUMENTS_PART.match(para):
            break  # "第三部分 存在问题及改进措施": the document's next part, above every section
        m = LEX.numbering.match(para)  # (_marker_kind, the match kept for the item's text)
        kind = m.lastgroup if m else None
        if kind is not None and kind == head_kind:
            if is_heading(para) or _number(m.group()) != len(items) + 1 or _runs_on_a_section(para, m) or not (
                    restarted or (not items and all(_INTRO.search(t) or t.rstrip().endswith(("：", ":")) for t in loose)
                                  and (h := LEX.numbering.match(paragraphs[start])) and _number(h.group()) > 1)):
                break
            restarted = True
        if (outer is not None and kind == outer[0] and kind != item_kind and is_heading(para)
                and _number(m.group()) == outer[1]):
            break  # "（二）…" after "（一）部门概况 … 3.重点工作任务": the section under "3." has ended
        if kind is None and is_heading_like(para) and (items or loose) and not (" | " in para and " | " in (items or loose)[-1]):
            # (a short `|` row after another, "资金拨付进度偏慢 | 建立资金拨付台账", is no heading)
            nxt = paragraphs[j + 1] if j + 1 < len(paragraphs) else ""
            if not (_wraps((items or loose)[-1], para) and (_SENTENCE_END.search(para) or _marker_kind(nxt) == item_kind)):
                break  # an unnumbered heading ("存在的问题") opens the next section
            (items or loose)[-1] += para  # a line a PDF wrapped: the item's end
            continue
        if kind is None and (items or loose) and para.rstrip().endswith(("：", ":")) and _answers_the_problems(para):
            break  # "针对以上问题，下一步我局将采取以下措施：": the plans' list follows
        if kind is None and _A_NOTE.match(para) and (items or loose):
            break  # "注：1.预算执行率=…": the report's notes, after its last section
        if kind is None and (_FOOTER.match(para) or (items or loose) and (
                LEX.is_attachment(para) or _SOURCE_NOTE.match(para) or _a_forms_title(para, paragraphs[j + 1:j + 2]))):
            break  # the site's footer below the article ("主办：某县人民政府办公室 承办：…"); after the items, the page's
            # note on its source, the report's attachments ("附件2"), a form's title ("某乡2019年度项目支出绩效自评表")
        if kind is not None and item_kind is None:
            item_kind = kind
        if kind is not None and kind == item_kind:
            items.append(para[m.end():].strip())  # the item's text, its number taken off
        elif kind is not None and is_heading(para):
            break  # a heading of another level ends the section
        elif items:
            items[-1] += "\n" + para
        else:
            loose.append(para)
    if not items:  # unnumbered paragraphs: an introduction before them ("…还存在以下不足：") is none
        loose = loose[1:] if len(loose) > 1 and _INTRO.search(loose[0]) else loose
    if items and item_kind in ("paren_num", "num") and len(items) == 1:
        items = _numbered_run(items, item_kind)  # ("（1）…；（2）…", "1.…；2.…" in one paragraph)
    # (a dash opening an unnumbered item, "——粮食生产。…", is its mark, no word of it)
    return [i.lstrip("—－–- ") for i in (items or _inline_items(loose)) if _WORDS.search(i) and not _HEADER_ROW.match(i)]


def _row_text(item: str) -> str:
    """An item that is a table's numbered row ("1\t加强快检能力建设\t食品安全股\t50"): its longest cell, the words; any
    other item as it is."""
    cells = _split_cells(item) if ("\t" in item or " | " in item) else []
    if len(cells) < 2 or not cells[0].strip().isdigit():
        return item
    return max(cells[1:], key=len).strip()


def _runs_on_a_section(para: str, number: re.Match) -> bool:
    """Does a numbered paragraph open with a section's title, its text run on ("三、部门整体支出情况。全年…", "三、存在的问题：…")?"""
    cut = _TITLE_END.search(para, number.end(), number.end() + _TITLE_MAX + 1)
    title = para[number.end():cut.start()].strip() if cut else ""
    return bool(title) and (_names_a_section(title) or _SECTION_WORD.search(title) is not None)


_SECTION_WORD = re.compile(r"(?:情况|概况|结论|问题|措施|计划|建议|成效|说明|分析)$|^(?:附件|附表|联系人|联系电话|填报人)\d*$")


def _numbered_run(items: list[str], kind: str = "paren_num") -> list[str]:
    """Items numbered （1） or 1. whose next ones follow inline ("（1）…偏少；（2）基层…不足。", "1.…偏少。 2.基层…不足。"):
    each its own (their numbers as _digit_marks finds them, the first one given back)."""
    out: list[str] = []
    for item in items:
        text = ("（1）" if kind == "paren_num" else "1.") + item.lstrip("：: ")  # ("1、：社会消费品…")
        marks = _digit_marks(text)
        if not marks:
            out.append(item)
            continue
        out += [text[a.end():b.start()].strip(" ：:").rstrip("；;") for a, b in zip(marks, marks[1:])]
        last = text[marks[-1].end():]
        again = _LIST_AGAIN.search(last)  # ("…4.网络零售额增长17.95%。 1.…": a second list, another cell's, begins)
        out.append(last[:again.start() + 1 if again else None].strip(" ：:"))
    return out


_LIST_AGAIN = re.compile(r"[。；;]\s*(?:1\s*[.．、](?!\d)|[（(]1[)）])")


def _wraps(item: str, line: str) -> bool:
    """Is a short line without a mark the wrapped end of the item before it (a PDF's line: "…资金使用效益未" /
    "能充分发挥"), not a heading? The item's last line is a full line that ends mid-sentence, and the line names
    no section. (The caller asks too that the line ends a sentence or the next item follows it: a heading,
    a signature or a date after the last item does neither.)"""
    last = item.rsplit("\n", 1)[-1]
    # (a line of prose, its clauses apart by commas: not a title, nor a table's row, its cells apart by spaces)
    return (len(last) >= _FULL_LINE and not _ENDED.search(last) and _PROSE_MARK.search(last) is not None
            and not _names_a_section(line) and not any(c.isspace() or c == "|" for c in last + line))


# An introduction to a list ("…还存在以下不足：", "…主要表现在："), not an item ending in "：" ("预算执行进度不均衡：")
_INTRO = re.compile(r"(?:以下|如下|下列|几个方面|几点)[^。；]*[：:]\s*$|(?:主要|具体)(?:有|是|为|表现(?:在|为))[：:]\s*$")
_FULL_LINE = 18  # characters of a line a PDF wrapped (an item's shorter last line ended there)
_SENTENCE_END = re.compile(r"[。！!？?]\s*$")
_ENDED = re.compile(r"[。；;！!？?：:）)」”]\s*$")


def _answers_the_problems(para: str) -> bool:
    """A lead answering the problems, looking ahead ("针对以上问题，下一步我局将采取以下措施：", "为此，提出如下改进建议：")."""
    answered = _ANSWERING.sub("", para)
    if answered != para:
        return _LOOKS_AHEAD.search(answered) is not None
    return _INTRO.search(para) is not None and _ADVICE.search(para) is not None


_ADVICE = re.compile(r"(?:改进|整改)(?:措施|建议|意见)|意见建议|工作建议")


def _names_a_section(para: str) -> bool:
    return any(h.search(para) for h in (_TASKS_HEAD, _TASKS_ELSE, _PROBLEMS_HEAD, _PLANS_HEAD))


def _inline_items(items: list[str]) -> list[str]:
    """Unnumbered paragraphs (or a form's cell) written as items inline ("一是…；二是…；三是…"), one by one (the
    words before 一是, the list's introduction, left out). (A numbered item, "1.…：一是…；二是…", keeps its points.)"""
    if len(items) > 1:
        marks = [_INLINE_ITEM.match(i.lstrip()) for i in items]
        if all(m and m["n"] == n for m, n in zip(marks, _CN_ORDER)) and len(items) <= len(_CN_ORDER):
            return [i.lstrip()[m.end():].lstrip("，,：: ") for i, m in zip(items, marks)]  # a paragraph each: 一是…, 二是…
        if not all(_INLINE_FIRST.match(i) for i in items):
            return items
    out: list[str] = []
    for item in items:
        marks = _inline_marks(item)
        if len(marks) < 2 or not _introduces(item[:marks[0].start()]):
            out.append(item)
            continue
        out += [item[a.end():b.start()].strip().rstrip("；;，,") for a, b in zip(marks, marks[1:])]
        out.append(item[marks[-1].end():].strip())
    return out


def _introduces(before: str) -> bool:
    """The words before an inline list's 一是: none, or an introduction ending in "：" (not a task of its own,
    "全面完成森林资源管护任务，投入资金96万元，一是…", nor a sentence of its own, "…共分两类，一是…")."""
    return not before.strip() or before.rstrip().endswith(("：", ":")) or _LEAD_IN.search(before) is not None


_LEAD_IN = re.compile(r"(?:以下|如下|下列|几个方面|几点)[^，。；：:]{0,8}[：:。，,]?\s*$")  # ("…主要用于以下工作。")


def _inline_marks(item: str) -> list[re.Match]:
    """The marks 一是, 二是, 三是 … of an item, in their order (一是 after a mark or at the start; the next ones
    anywhere, as a PDF's joined lines leave them: "…不够充分二是…"); else its 首先, 其次 (再次) … 最后, each after a mark."""
    marks: list[re.Match] = []
    for m in _INLINE_ITEM.finditer(item):
        if m["n"] == _CN_ORDER[len(marks)] and (marks or m.start() == 0 or item[m.start() - 1] in _MARK_BEFORE):
            marks.append(m)
            if len(marks) == len(_CN_ORDER):
                break
    if len(marks) >= 2:
        return marks
    if "首先" not in item:
        return _digit_marks(item) or marks
    ordinal: list[re.Match] = []
    for m in _ORDINAL_ITEM.finditer(item):
        expected = _ORDINALS[min(len(ordinal), len(_ORDINALS) - 1)]
        if (m["w"] in expected or (ordinal and m["w"] == "最后")) and (m.start() == 0 or item[m.start() - 1] in _MARK_BEFORE):
            ordinal.append(m)
            if m["w"] == "最后":
                break
    return ordinal if len(ordinal) >= 2 else marks


def _digit_marks(item: str) -> list[re.Match]:
    """The numbers 1. 2. 3. (or （1）（2）…) of items written inline, the first opening the text and each next one
    after a "；" or "。" ("1.培训人次未达预期；2.监管信息化水平不高。"), when there are two or more."""
    if not _DIGIT_ITEM.match(item, len(item) - len(item.lstrip())):
        return []  # no number opens the text (the pattern, which the engine cannot scan for, not searched through it)
    marks: list[re.Match] = []
    for m in _DIGIT_ITEM.finditer(item):
        before = item[:m.start()].rstrip()
        if marks and m.lastgroup != marks[0].lastgroup:
            continue  # ("1.…：①…；②…": the item's points, not the next items)
        # (the next after "；" or "。", or after a space a PDF's line left, "…偏低 2、司法所…", not a reference's number,
        # "附表 2、附表 3", "第 2、第 3 季度")
        spaced = (item[m.start() - 1].isspace() and before[-1:] not in _REFERENCE_BEFORE
                  and not _COUNTED.match(item, m.end()))
        if _item_number(m) == len(marks) + 1 and (not before if not marks else before.endswith(("；", ";", "。")) or spaced):
            marks.append(m)
    return marks if len(marks) >= 2 else []


_REFERENCE_BEFORE = "表标第附款条项号章节图"
_COUNTED = re.compile(r"\s*(?:月|日|季|年|号|期)")  # ("截至 2、月末": a date's number, no item's)


def _item_number(m: re.Match) -> int:
    return ord(m["c"]) - ord("①") + 1 if m["c"] else int(m["p"] or m["n"])


_DIGIT_ITEM = re.compile(r"(?:[（(](?P<p>\d{1,2})[)）]|(?P<n>\d{1,2})[.．、](?!\d)|(?P<c>[①-⑳]))")
_ORDINAL_ITEM = re.compile(r"(?P<w>首先|其次|再次|第三|最后)[，,：:]?")
_ORDINALS = (("首先",), ("其次",), ("再次", "第三"))


_INLINE_ITEM = re.compile(r"(?P<n>[一二三四五六七八九十])是")
_CN_ORDER = "一二三四五六七八九十"
_MARK_BEFORE = "。；;，,：:\n \u3000"
_INLINE_FIRST = re.compile(r"\s*一是")
# A table's header row under a section's heading ("序号 | 重点工作 | 安排资金（万元）"): no item.
_HEADER_ROW = re.compile(r"序号(?:\s*[|\t]|\s*$)")


def _a_forms_title(para: str, after: list[str]) -> bool:
    """Is the line a form's title, its first field or row under it ("某乡2019年度项目支出绩效自评表" / "项目名称：…")?
    (An item may name a report or form: "认真编制2023年度部门整体支出绩效自评报告".)"""
    return bool(after) and _A_TITLE.fullmatch(para) is not None and _FORM_FIELD.match(after[0]) is not None


_A_TITLE = re.compile(r"[^，。；;：:]{0,30}(?:19|20)\d{2}\s*年度?[^，。；;：:]{2,30}(?:自评表|评价表)\s*")
_FORM_FIELD = re.compile(r"\s*(?:项目名称|单位名称|部门名称|主管部门|实施单位|填报单位)\s*[:：|\t]|[^|]*\|[^|]*\|")
_SOURCE_NOTE = re.compile(r"\s*[（(]\s*(?:本文|文章|信息)?来源于")  # (a page's note on where it took the text from)
_FOOTER = re.compile(r"\s*(?:主办|承办|协办|技术支持|版权所有|网站标识码|[^，。]{0,16}网站(?:提示|声明))\s*[:：]|\s*\S{0,4}ICP备")
_A_NOTE = re.compile(r"\s*(?:注|备注|数据来源)\s*[:：]")  # (not 说明：, which may explain the item before it)
# An item says something: two Chinese characters at least, besides a figure's unit (not "480000" under
# "计划安排资金(元)", not "560万元", not an empty table row "|||||" under a 改进措施 column).
_WORDS = re.compile(r"[\u4e00-\u9fff](?<![万亿千元])(?:.*?)[\u4e00-\u9fff](?<![万亿千元])", re.S)
# The labels of a form's rows that hold the problems or the plans (the cell is the whole label, its
# spaces out: not "计划开工时间", "信访问题化解情况", "年度计划投资").
_FORM_PROBLEMS = re.compile(r"(?:存在的?(?:主要)?问题(?:及原因(?:分析)?|和不足|与不足|及改进措施)?|主要问题|"
                            r"问题(?:及原因(?:分析)?|和不足|与不足)|存在的?(?:主要)?不足|"
                            r"偏差大或目标未完成原因分析|(?:目标)?(?:偏差|未完成)(?:及)?原因(?:分析)?(?:及改进措施)?)"
                            r"(?:[（(][^（）()]*[)）])?[:：]?")
_FORM_PLANS = re.compile(r"(?:(?:偏差原因分析及)?改进(?:措施|建议|意见)(?:及结果应用方案|及建议)?|整改(?:措施|意见|计划)|"
                         r"(?:下一步|下步)(?:工作)?(?:改进措施|计划|打算|措施)|意见建议|工作建议)"
                         r"(?:[（(][^（）()]*[)）])?[:：]?")
_NONE = re.compile(r"^(?:无|没有|暂无|/|—+|-+)(?:偏差|问题|差异)?[。.]?$")


def _row_values(para: str, label: re.Pattern) -> list[str] | None:
    """The section given in a form's row ("改进措施及 结果应用方案 | 无 |", "存在问题 | … |"): the cells after
    its label, none where they say 无; None when the paragraph is no such row (the items then follow it)."""
    if "|" not in para and "\t" not in para:
        return None
    cells = [c for c in (split_pipes(para) if "|" in para else [c.strip() for c in para.split("\t")]) if c]
    values = list(dict.fromkeys(cells[1:]))  # (a merged cell's text once)
    if len(values) != 1 or not label.fullmatch("".join(cells[0].split())):
        return None  # (a label and one value: not a table's header row "问题 | 整改措施 | 整改时限 |")
    return [c for c in _inline_items(values) if not _NONE.match(c) and _WORDS.search(c)]


def _next_outer(paragraphs: list[str], start: int, at: list[int] | None = None) -> tuple[str, int] | None:
    """(numbering style, number) of the heading that would follow the one enclosing the heading
    paragraphs[start]: "（二）" for "3.…" under "（一）…". The enclosing heading is the nearest one above
    in a style the text used before the heading's own (reports go 一、 › （一） › 1. › （1）). `at`:
    where headings may be (_may_open_section), when the caller has it."""
    head = paragraphs[start]
    kind = _marker_kind(head) if is_heading(head) else None
    if kind is None:
        return None
    above = [i for i in (range(start) if at is None else at) if i < start]
    styles = [(i, _marker_kind(paragraphs[i])) for i in above if is_heading(paragraphs[i])]
    first_seen: dict[str, int] = {}
    for i, k in [*styles, (start, kind)]:
        if k is not None:
            first_seen.setdefault(k, i)
    for i, k in reversed(styles):
        if k is not None and first_seen[k] < first_seen[kind]:
            n = _number(LEX.numbering.match(paragraphs[i]).group())
            return (k, n + 1) if n is not None else None
    return None


_CN_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}
_DIGITS = re.compile(r"\d+")
_CN_NUMERAL = re.compile(r"[一二三四五六七八九十]+")


def _number(marker: str) -> int | None:
    """The number a list marker gives: "（二）" 2, "3." 3, "第十一、" 11; None when unclear."""
    digits = _DIGITS.search(marker)
    if digits:
        return int(digits.group())
    cn = _CN_NUMERAL.search(marker)
    if cn is None:
        return None
    tens, ten, ones = cn.group().partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    if not ten:
        return _CN_DIGITS.get(tens)
    return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)


def is_heading_like(para: str) -> bool:
    return len(para) <= 20 and not _PROSE_MARK.search(para)


_PROSE_MARK = re.compile(r"[。；，,]")


def _may_open_section(paragraphs: list[str]) -> list[int]:
    """Where a section may start (_find_section's test without its `head`): a heading, a short
    line, a sentence ending in '：'. Found once for the three sections, instead of searching
    every paragraph for each section's words."""
    # (a sentence ending in '：' or a heading closed by a full stop written out: asked of every paragraph)
    return [i for i, para in enumerate(paragraphs)
            if is_heading(para) or is_heading_like(para)
            or (text := para.rstrip()).endswith(("：", ":")) or text.endswith("。") and _stopped_heading(text)]


@lru_cache(maxsize=4096)  # (asked of a paragraph by _may_open_section, then again by _find_section and others)
def _stopped_heading(para: str) -> bool:
    """A numbered heading of the tasks done, the problems or the plans closed by a full stop, its items on the lines
    below ("（二）重点工作完成情况。", "（二）改进建议。"; not an item, "1.加强抽检结果运用。", "（一）审计项目计划安排偏紧。")?"""
    text = para.rstrip()
    if len(text) > _STOPPED_MAX or not text.endswith("。") or text.count("。") > 1 or _CLAUSE_MARK.search(text):
        return False
    number = LEX.numbering.match(text)
    if number is None or number.lastgroup not in ("cn", "paren_cn"):
        return False
    title = text[number.end():-1].strip()
    named = _TASKS_ELSE.search(title)  # (its title ends with the words: not "（二）部分重点工作完成情况不理想。")
    return (named is not None and named.end() == len(title)
            or bool(_PROBLEMS_TITLE.fullmatch(title) or _PLANS_TITLE.fullmatch(title)))  # ("（二）改进建议。")


_STOPPED_MAX = 24
_CLAUSE_MARK = re.compile(r"[，,；;：:]")


def _not_problems(para: str) -> bool:
    return "存在" not in para and _DONE.search(para) is not None


_NOT_A_PLAN_WORD = re.compile(r"计划生育|计划单列|计划财务")  # (in names: 计划生育服务中心, 计划单列市, 计划财务科)
_DEVIATION_COLUMN = re.compile(r"\s*偏差原因(?:分析)?(?:及|和|与)(?:改进|整改)措施\s*")
_VALUE_COLUMN = re.compile(r"\s*(?:年度)?(?:指标值|目标值|实际完成值|完成值|实际值|分值|权重|得分)\s*")


def _column_cells(paragraphs: list[str]) -> set[str]:
    """A form's "偏差原因分析及改进措施" column label, one cell a line among its header's other labels ("实际完成值"):
    no plans section (a heading so worded stands among sections, not among a header's cells)."""
    return {p for k, p in enumerate(paragraphs) if "偏差" in p and _DEVIATION_COLUMN.fullmatch(p)
            and any(_VALUE_COLUMN.fullmatch(q) for q in paragraphs[max(0, k - 3):k])}


def _not_plans(para: str, year: int | None) -> bool:
    """A heading of plans that is not the plans ahead: the problems' ("问题及改进措施"; not a lead answering them,
    "针对以上问题，下一步…："), the year's own tasks, something done (_DONE), or the report's year's plan
    ("（二）2023年度工作计划" in 2023's report: its tasks)."""
    if "计划" in para and not _PLANS_HEAD.search(_NOT_A_PLAN_WORD.sub("", para)):
        return True  # "某县妇幼保健计划生育服务中心": a name's 计划, no plan
    answered = _ANSWERING.sub("", para)
    if answered != para and not _LOOKS_AHEAD.search(answered):
        return True  # "针对上年度审计发现的问题，我局制定了整改措施：": what was done about them
    if _NOT_PLANS.search(answered) or (_DONE.search(para) and not _AHEAD.search(para)):
        return True
    stated = _HEAD_YEAR.search(para)
    return bool(stated and year is not None and int(stated.group(1)) <= year and not _AHEAD.search(para))


def _find_section(paragraphs: list[str], head: re.Pattern, exclude=None,
                  prefer_not: re.Pattern | None = None, at: list[int] | None = None,
                  form_label: re.Pattern | None = None, cues: str | tuple[str, ...] = "") -> int | None:
    """The first heading matching `head` (and not `exclude`, a pattern or a test); one that does not also match
    `prefer_not` wins ("（一）存在的问题" inside "四、存在的问题及改进措施"). `at`: the indices
    _may_open_section gave, when the caller has them. `form_label`: a table row is a heading only
    when its first cell is that label ("改进措施 | … |", not "年度计划投资 | 560万元 |"). `cues`: characters (or words) one of
    which every match of `head` holds (lexicon.cues, lexicon.cue_words), when asking for them first pays (a long alternation
    the engine cannot scan for, whose characters most lines lack)."""
    found = []
    for i in range(len(paragraphs)) if at is None else at:
        para = paragraphs[i]
        if cues and not holds_any(para, cues):
            continue
        if not head.search(para) or (exclude and (exclude(para) if callable(exclude) else exclude.search(para))):
            continue
        if form_label is not None and ("|" in para or "\t" in para) and _row_values(para, form_label) is None:
            continue
        if is_heading(para) or is_heading_like(para) or (para.rstrip().endswith(("：", ":")) and head.search(para[-30:])) \
                or _stopped_heading(para):
            found.append(i)
    if prefer_not is not None:
        for k, i in enumerate(found):
            if not prefer_not.search(paragraphs[i]):
                # only a sub-heading right under the combined one, not a later unrelated section
                if k == 0 or i - found[0] <= 8:
                    return i
                break
    return found[0] if found else None


def read_outline(paragraphs: list[str], rec: Record, tables: Sequence[Table] = ()) -> None:
    paragraphs = _leads_apart(_labels_rejoined(_without_furniture(paragraphs)))
    at = _may_open_section(paragraphs)
    i = _find_section(paragraphs, _TASKS_HEAD, exclude=_not_tasks, at=at)
    other = _find_section(paragraphs, _TASKS_ELSE, exclude=lambda para: _not_tasks(para) or _another_years(para, rec.year),
                          at=at, cues=_TASKS_ELSE_WORDS)
    duties_done = i is None and other is not None and _DUTIES_DONE.search(paragraphs[other]) is not None
    i = other if i is None else i
    i = _tasks_subheading(paragraphs, i) if i is not None else None
    tabled, evidence = _task_table(paragraphs, i, rec.year, tables) if i is not None else (None, {})
    items = _task_items(paragraphs, i, at) if i is not None and (
        not tabled or all(t.funds is None for t in tabled)) else []
    if duties_done and len(items) < 2:
        items = []  # one paragraph under "二、部门履职情况" sums the year up ("2023年财政总支出35.6亿元…"): no list of tasks
    summed_up = not items or len(items) == 1 and not LEX.numbering.match(paragraphs[i + 1]) and len(_inline_marks(items[0])) < 2
    if not tabled and other not in (None, i) and summed_up:
        # one paragraph of prose under "三、绩效目标实现情况" sums the year up, or its items are analyses: the items under
        # "（三）部门年度重点工作" are the tasks, when they are the work done, not planned ("计划开展…，安排经费90万元")
        theirs = _task_items(paragraphs, other, at)
        items = theirs if len(theirs) >= 2 and not any(_PLANNED.match(t) for t in theirs) else items
    if not tabled and not items:
        tabled, evidence = _form_tasks(paragraphs, rec.year, tables)
    if not tabled and not items:
        items = _performance_section_work(paragraphs, at)
    if tabled and not any(_task_funds(t, rec.year)[0] is not None for t in items):
        rec.tasks = tabled  # (a table of the tasks' names, its funds nowhere: the items under it, if they state theirs)
        rec.evidence.update(evidence)
    else:
        for no, text in enumerate(items, start=1):
            rec.tasks.append(_task(no, text, rec))
    i = _find_section(paragraphs, _PROBLEMS_HEAD, exclude=_not_problems, prefer_not=_PLANS_HEAD, at=at,
                      form_label=_FORM_PROBLEMS)
    measures: list[str] = []  # a problems table's 整改措施 column: the plans, when the report has no other
    table_end = None  # (a problems table one cell per line: its header cells are no section's heading)
    i = _own_subheading(paragraphs, i) if i is not None else None
    if i is not None:
        in_cells = _cell_line_table(paragraphs, _above_header_cells(paragraphs, i))
        if in_cells is not None:
            header, rows, table_end = in_cells
        else:
            rows = _section_or_row(paragraphs, i, _FORM_PROBLEMS, at)
            header = _table_header(paragraphs, i) if rows else None
            rows = [_split_cells(r) for r in rows] if header is not None else rows
        if header is not None:
            measures = [m for m in _in_column(rows, header, _MEASURES_COLUMN) if not _CARRIED_OUT.search(m)]
            rows = _in_column(rows, header, _PROBLEMS_COLUMN)
        rec.problems = rows
    else:
        rec.problems = (_form_row(paragraphs, _FORM_PROBLEMS)
                        or _headed_paragraph(paragraphs, _PROBLEMS_TITLE, _not_problems, at) or [])
    columns = _column_cells(paragraphs)  # ("偏差原因分析及改进措施" one cell a line after "实际完成值": a column's label)

    def not_the_plans(para: str) -> bool:
        return para in columns or _not_plans(para, rec.year)

    i = _find_section(paragraphs, _PLANS_HEAD, exclude=not_the_plans, at=at, form_label=_FORM_PLANS, cues=_PLANS_CUES)
    if i is not None and table_end is not None and i < table_end:
        i = _find_section(paragraphs[table_end:], _PLANS_HEAD, exclude=not_the_plans, form_label=_FORM_PLANS,
                          cues=_PLANS_CUES)
        i = None if i is None else i + table_end
    if i is not None:
        rec.plans = _section_or_row(paragraphs, _own_subheading(paragraphs, i, _PLANS_TITLE), _FORM_PLANS, at)
    else:
        rec.plans = (_form_row(paragraphs, _FORM_PLANS) or measures
                     or _headed_paragraph(paragraphs, _PLANS_TITLE, lambda title: _not_plans(title, rec.year), at) or [])
    # (a table's header cells on lines of their own are no problem nor plan: "整改措施" / "整改时限"; a statement that
    # there is none, "本年度未发现明显问题", no problem; measures already taken, "我中心已采取以下整改措施：1.已修订…", no plan)
    rec.problems, rec.plans = ([_row_text(t) for t in items if not _TABLE_HEAD_CELL.fullmatch("".join(t.split()))]
                               for items in (rec.problems, rec.plans))
    rec.problems = [t for t in rec.problems if not (len(t) <= _NONE_SAID_MAX and _NO_PROBLEM.fullmatch(t))]
    pairs = [_PROBLEM_AND_MEASURE.fullmatch(t) for t in rec.problems]
    if rec.problems and all(pairs):  # "1.问题：保教人员流失较多。措施：完善…": each item a problem and its measure
        rec.problems = [m["problem"] for m in pairs]
        rec.plans = rec.plans or [m["measure"] for m in pairs]
    labels = [_PROBLEM_OR_MEASURE.match(t) for t in rec.problems]
    if all(labels) and len({bool(m["problem"]) for m in labels}) == 2:
        # "问题：资金规模小。" / "建议：争取社会资金。" under "三、问题与建议": the problems, then what is proposed
        rec.plans = rec.plans or _inline_items([t[m.end():] for t, m in zip(rec.problems, labels) if not m["problem"]])
        rec.problems = _inline_items([t[m.end():] for t, m in zip(rec.problems, labels) if m["problem"]])
    rec.plans = [t for t in rec.plans if not _PLAN_CARRIED_OUT.match(t)]


# A tasks section written as a table ("序号 | 重点任务 | 资金（万元） | 完成情况"): its task column and its funds column.
_TASK_COLUMN = re.compile(r"(?:重点|主要|年度)?(?:工作)?任务(?:名称|内容)?|(?:重点|主要)工作(?:任务|内容)?|工作(?:内容|事项)")
_FUNDS_COLUMN = re.compile(r"(?:(?:实际)?(?:使用|安排|投入|下达|支出|预算)?(?:资金|金额|经费)(?!来源)|实际支出(?:数|额)?|(?:预算|执行)数)"
                           r"(?:[（(](?P<unit>万元|元)[)）])?")
_SPENT_FIRST = ("实际", "执行", "使用", "支出", "投入", "")  # (which funds column a task's funds are: the spent one first)
_CELL_FIGURE = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)?")


def _performance_section_work(paragraphs: list[str], at: list[int] | None) -> list[str]:
    """With no tasks found elsewhere, the work done listed under "三、部门整体支出绩效情况" (a template's section that
    lists either the year's work or its analyses): two items or more, none an analysis or a section of its own
    ("（一）预算执行情况。…", "（二）重点工作完成情况")."""
    i = _find_section(paragraphs, _PERFORMANCE_SECTION, at=at)
    items = _task_items(paragraphs, i, at) if i is not None else []
    titles = [re.split(r"[。：:，,；;]", t, maxsplit=1)[0] for t in items]
    if len(items) < 2 or any(_ANALYSIS_HEAD.match(t) or _SECTION_WORD.search(title) or _NO_WORK_TITLE.search(title)
                             or _NO_WORK.search(t.split("\n")[0])  # (its own paragraph: the conclusion may follow the last)
                             or _a_bodys(t, title) for t, title in zip(items, titles)):
        return []
    return items


def _a_bodys(item: str, title: str) -> bool:
    """Is the item a body's results under its name ("县教师进修学校：全年完成…"), no work of the unit's?"""
    return item[len(title):len(title) + 1] in ("：", ":") and reads_as_org(title)


# (an evaluation's dimension or an indicator's group, not work: "数量指标：…", "投入管理", "履职效能", "产出目标完成")
_NO_WORK_TITLE = re.compile(r"指标|目标|效能|效率|效应|效益|管理$|绩效")


# (the section's items speak of the money or the score, not of work done: "三公经费支出…", "…自评得分86分")
_NO_WORK = re.compile(r"得分|等级|三公|预算执行|执行率|年初预算|调整后预算|决算|目标值|指标值|实际完成值|实际完成\d|满意度")


_PERFORMANCE_SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?:部门|单位)整体支出绩效情况\s*$")


def _task_items(paragraphs: list[str], i: int, at: list[int] | None) -> list[str]:
    """The items of the tasks' section under heading i: no analyses, nor duties, nor an indicator table's rows."""
    items = _section_items(paragraphs, i, _heading_kind(paragraphs, i), at)
    if items and all(_ANALYSIS_HEAD.match(t) for t in items):
        return []  # "（一）资金投入情况分析。…（二）总体绩效目标完成情况分析…": the section's analyses, no tasks
    items = _before_an_indicator_table(items)
    if items and all(_DUTY.match(t) for t in items):
        return []  # "1.负责全县普法宣传工作。" …: the unit's duties, no tasks done
    return items


def _another_years(para: str, year: int | None) -> bool:
    """Does a heading name another year's work ("（二）2022年重点工作完成情况", "上年度主要工作完成情况", "2024年主要工作及成效目标")?"""
    return bool(_OTHER_YEAR_WORD.search(para)) or any(year is not None and int(y) != year for y in _A_YEAR.findall(para))


_OTHER_YEAR_WORD = re.compile(r"上一?年|去年|前年|下一?年|明年")
_A_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A duty, not a task done: how a unit's 主要职责 are listed ("负责全县普法宣传工作。", "承担…", "拟订…").
_DUTY = re.compile(r"\s*(?:负责|承担|贯彻|拟订|拟定)")


def _not_tasks(para: str) -> bool:
    """A problems heading, or an indicator table's header cell on a line of its own ("年度目标值"): no tasks' heading."""
    return _PROBLEMS_HEAD.search(para) is not None or (len(para) <= 8 and role_of(para) is not None)


def _before_an_indicator_table(items: list[str]) -> list[str]:
    """The items before an indicator table's rows under the tasks' heading ("三、绩效目标完成情况" / "| 指标名称 | 年度指标值 |
    …"): its header and rows are the indicators, no tasks."""
    for k, item in enumerate(items):
        if ("\t" in item or " | " in item) and header_roles(_split_cells(item.split("\n")[0])) is not None:
            return items[:k]
    return items


def _task_table(paragraphs: list[str], start: int, year: int | None,
                tables: Sequence[Table] = ()) -> tuple[list[Task] | None, dict[str, str]]:
    """The tasks of a table right under the tasks' heading (its header within two lines: a task column, maybe a funds
    column, every cell a short label): one a row of the header's width, its task cell the text, its funds cell the
    funds (in the header's unit, 万元 unless 元), a 合计 row none; None when there is no such table. With them, the
    evidence of their funds ("tasks.N.funds" → the row or sentence). The table's rows are read from its block among
    `tables` when there is one: a row's line leaves out its empty cells and says a merged cell's text once."""
    for h in range(start + 1, min(start + 3, len(paragraphs))):
        header = ["".join(c.split()) for c in _split_cells(paragraphs[h])]
        task = next((k for k, c in enumerate(header) if _TASK_COLUMN.fullmatch(c)), None)
        if task is not None and len(header) >= 2 and all(c and not c[0].isdigit() for c in header) \
                and all(len(c) <= 10 for c in header[:-1]) and len(header[-1]) <= (16 if _REMARKS.search(header[-1]) else 10):
            break
    else:
        return None, {}
    header, rows = _rows_under(paragraphs, h, tables, header)
    task = next((k for k, c in enumerate(header) if _TASK_COLUMN.fullmatch(c)), None)
    if task is None:
        return None, {}  # (the block's header row is not the line's: no table of tasks to read)
    columns = [k for k, c in enumerate(header) if _FUNDS_COLUMN.fullmatch(c)]
    # (a table of tasks and what was done, no funds column: the tasks' names, no funds)
    funds = min(columns, key=lambda k: next(n for n, w in enumerate(_SPENT_FIRST) if w in header[k] or not w)) \
        if columns else None
    unit = (_FUNDS_COLUMN.fullmatch(header[funds])["unit"] if columns else None) or "万元"
    tasks: list[Task] = []
    evidence: dict[str, str] = {}
    if task > 0 and _FORM_TASKS_LABEL.fullmatch(header[0]):  # ("年度主要任务 | 任务名称 | …": a 自评表's part)
        for no, (name, amount, row) in enumerate(_form_task_rows(rows, columns, funds, unit), start=1):
            tasks.append(Task(no=no, text=name, funds=amount))
            if amount is not None:
                evidence[f"tasks.{no}.funds"] = row
        return tasks or None, evidence
    for cells, row in rows:
        if len(cells) != len(header) or _header_like(cells):
            break  # (another table's header in the same block: "项目资金（万元） | 年初预算数 | …")
        if cells[task] in _TOTAL_ROWS or not _WORDS.search(cells[task]):
            continue
        no = len(tasks) + 1
        figure = _CELL_FIGURE.fullmatch(cells[funds]) if funds is not None else None
        amount = money_to_wan(figure["num"], figure["unit"] or unit) if figure else None
        if amount is not None:
            evidence[f"tasks.{no}.funds"] = row
        elif funds is None:  # no funds column: what the row's other cells say of its money ("全年投入资金300万元，…")
            amount, sent = _task_funds("。".join(c for k, c in enumerate(cells) if k != task and not c.isdigit()), year)
            if amount is not None:
                evidence[f"tasks.{no}.funds"] = sent
        tasks.append(Task(no=no, text=cells[task], funds=amount))
    return tasks or None, evidence


_REMARKS = re.compile(r"(?:原因|措施|备注|说明)$")
# A 自评表's part of the year's tasks, its label beside the header of their table ("年度主要任务 | 任务名称 | 主要内容 | …").
_FORM_TASKS_LABEL = re.compile(r"(?:年度)?(?:主要|重点)(?:工作)?任务(?:完成情况)?")


def _form_task_rows(rows, columns: list[int], funds: int | None, unit: str):
    """(name, funds, line) of the rows of a 自评表's tasks part, read from their cells as the page wrote them (its
    layout may set them off their header's columns: the label's cell, merged down, is no cell of theirs): the name
    its first words, the funds the figure in the funds column's place among the amounts, when each amount is there.
    The part ends at a row of another (a header's labels: "年初预算数", or more figures than amounts)."""
    rank = columns.index(funds) if funds is not None else None
    for cells, line in rows:
        filled = [c for c in cells if c not in ("", EMPTY)]
        figures = [c for c in filled if _CELL_FIGURE.fullmatch(c)]
        words = [c for c in filled if not _CELL_FIGURE.fullmatch(c)]
        if not words or len(figures) > len(columns) or _header_like(words):
            return
        if words[0] in _TOTAL_ROWS:
            continue
        figure = _CELL_FIGURE.fullmatch(figures[rank]) if rank is not None and len(figures) == len(columns) else None
        yield words[0], money_to_wan(figure["num"], figure["unit"] or unit) if figure else None, line


def _form_tasks(paragraphs: list[str], year: int | None, tables: Sequence[Table]) -> tuple[list[Task] | None, dict[str, str]]:
    """The tasks of a 自评表's part of them (_FORM_TASKS_LABEL beside a tasks header), when the report has no other."""
    for k, para in enumerate(paragraphs):
        if ("\t" in para or " | " in para) and _FORM_TASKS_LABEL.fullmatch("".join(_split_cells(para)[0].split())):
            found = _task_table(paragraphs, k - 1, year, tables)
            if found[0]:
                return found
    return None, {}


def _rows_under(paragraphs: list[str], h: int, tables: Sequence[Table], header: list[str]):
    """(header, rows) of the table whose header is at paragraphs[h] (`header` its cells there): its table block's
    header and rows (cells, line) when there is such a block, else the lines after it."""
    for grid in tables:
        lines = grid.as_text_lines()
        if paragraphs[h] in lines:
            k = lines.index(paragraphs[h])
            rows = [row for row in grid.rows if any(row)]  # (the rows as_text_lines gives a line)
            width = len(rows[k])  # (a block's row keeps its cells' places: only its empty cells at the end may be gone)
            return (["".join(c.split()) for c in rows[k]],
                    (([c.strip() for c in row] + [""] * (width - len(row)), line)
                     for row, line in zip(rows[k + 1:], lines[k + 1:])))
    return header, (([c.strip() for c in _split_cells(row)], row) for row in paragraphs[h + 1:])


def _header_like(cells: list[str]) -> bool:
    """A header row: no figure, two short labels (their units aside) naming a budget's or an indicator's column
    ("年初预算数", "三级指标"; not a task's row of words, "预算绩效管理 | 无 | 按时完成", "决算编报 | 不涉及资金 | 按时报送")."""
    filled = [_UNIT_NOTE.sub("", c) for c in cells if c and c != EMPTY]
    return (not any(_DIGIT_IN.search(c) for c in filled)
            and sum(len(c) <= _LABEL_MAX and bool(_BUDGET_COLUMN.fullmatch(c) or role_of(c)) for c in filled) >= 2)


_UNIT_NOTE = re.compile(r"\s*[（(][^（）()]*[)）]\s*")  # ("项目资金 (万元)")
_LABEL_MAX = 7  # characters of a column's label


_TOTAL_ROWS = ("合计", "总计", "小计")


_DIGIT_IN = re.compile(r"\d")
# (a budget's column label: "年初预算数", "全年执行数", "执行率", "项目资金", "预算金额"; not "决算编报", "不涉及资金")
_BUDGET_COLUMN = re.compile(r"(?:年初|全年|调整后?|实际|项目|本年|财政)?(?:预算|执行|支出|决算)?(?:金额|资金|数|额|率|数额)?")


_SUBHEADINGS_AHEAD = 8  # paragraphs under a heading where its sub-headings may stand


def _own_subheading(paragraphs: list[str], i: int, own: re.Pattern | None = None) -> int:
    """A heading naming the problems (or the plans: `own`) among others ("二、绩效评价结论及问题", "五、评价结论及建议") with a
    sub-heading of them alone right under it ("（二）存在的问题", "（三）改进建议"): that sub-heading; else `i`."""
    own = own or _PROBLEMS_TITLE
    title = _heading_title(paragraphs[i])
    if title is None or own.fullmatch(title) and not _COMBINED.search(title):
        return i  # (naming them alone: its sub-headings are theirs, "（一）改进措施" / "（二）工作安排"; not "存在的问题及建议")
    rank = _RANK.get(_marker_kind(paragraphs[i]) or "", 0)
    for j in range(i + 1, min(i + 1 + _SUBHEADINGS_AHEAD, len(paragraphs))):
        para = paragraphs[j].rstrip()
        if rank and _RANK.get(_marker_kind(para) or "", 0) >= rank and (is_heading(para) or _stopped_heading(para)):
            break  # the next section ("五、…"), or one above it: its sub-headings are its own
        sub = _heading_title(para) if is_heading(para) or _stopped_heading(para) else None  # (or "（三）改进建议。")
        if sub is not None and own.fullmatch(sub):
            return j
    return i


def _tasks_subheading(paragraphs: list[str], i: int) -> int:
    """A tasks heading whose first line under it is a sub-heading naming the tasks done again ("三、绩效目标完成情况" /
    "（一）年度主要任务完成情况", its table or items next; not the targets set, "（一）年度绩效目标"): that sub-heading,
    no task itself; else `i`."""
    j = i + 1
    sub = _heading_title(paragraphs[j]) if j < len(paragraphs) and is_heading(paragraphs[j]) else None
    if sub is None or len(sub) > _TITLE_MAX:
        return i
    names_them = (_TASKS_HEAD.search(sub) or _TASKS_ELSE.search(sub)) and _DONE_WORDS.search(sub) and not _not_tasks(paragraphs[j])
    return j if names_them or _WORK_DONE_TITLE.fullmatch(sub) else i


_PLANNED = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年度?\s*(?:计划|拟|将|预计)|(?:年初|全年|年度)?(?:计划|拟|预计)(?:开展|实施|完成|安排|投入|建设|新建|组织|推进|使用|下达))")
_COMBINED = re.compile(r"[及和与]")  # (a title naming two things: "存在的问题及建议")
_RANK = {"cn": 4, "paren_cn": 3, "num": 2, "paren_num": 1}  # (the levels of numbered headings, outermost first)
_DUTIES_DONE = re.compile(r"履职(?:(?:及|和|与)绩效)?情况")  # (no 工作 named: its items are tasks only as a list)
_DONE_WORDS = re.compile(r"(?:完成|实现|开展|落实|推进)情况")
_WORK_DONE_TITLE = re.compile(r"(?:年度)?(?:重点|主要)工作(?:任务)?")  # ("（一）年度重点工作": the work done, its items next)


def _heading_title(para: str) -> str | None:
    m = LEX.numbering.match(para)
    return "".join(para[m.end():].split()).rstrip("：:。") if m else None


def _headed_paragraph(paragraphs: list[str], head: re.Pattern, exclude, at: list[int] | None) -> list[str] | None:
    """With no heading of its own, a numbered paragraph whose first sentence names the section ("二、存在的问题。一是…；
    二是…", "（一）存在问题：档案数字化经费不足…"): the rest of the paragraph (its inline items one by one, an
    introduction left out), or the items under it when the rest introduces them."""
    for i, para in enumerate(paragraphs):
        m = LEX.numbering.match(para)
        cut = _TITLE_END.search(para, m.end(), m.end() + _TITLE_MAX + 1) if m else None
        if cut is None or not head.fullmatch("".join(para[m.end():cut.start()].split())) or exclude(para[:cut.start()]):
            continue
        rest = para[cut.end():].strip()
        # (its items follow only when the rest introduces them: "二、存在的问题。主要有以下几点：")
        items = _section_items(paragraphs, i, m.lastgroup, at) if not rest or _INTRO.search(rest) else _inline_items([rest])
        return [t for t in items if _WORDS.search(t)] or None
    return None


_TITLE_END = re.compile(r"[。：:]")
# Such a title whole (not a task's "（二）聚焦群众反映问题：…"): the problems', the plans'.
_PROBLEMS_TITLE = re.compile(r"(?:部门|单位)?(?:存在的?|主要)(?:主要)?(?:问题|不足)(?:及(?:原因|原因分析|整改措施|改进措施|建议))?|不足之处")
_PLANS_TITLE = re.compile(r"(?:下一步|下步|今后)(?:的)?(?:工作)?(?:计划|打算|措施|改进措施|工作思路|思路)?|(?:改进|整改)(?:措施|意见|建议|方向)(?:(?:及|和|与)(?:措施|意见|建议))?"
                          r"|意见建议|下一步工作计划")
_TITLE_MAX = 16  # characters of a section's title before its first sentence's end


# A problems section written as a table ("序号 | 存在问题 | 整改措施 | 整改时限"): its columns of problems and of measures.
_CARRIED_OUT = re.compile(r"^已|已(?:整改|完成|落实|修订|建立|制定|采取)|整改完毕|整改到位")  # (a measure taken: no plan)
_PROBLEM_AND_MEASURE = re.compile(r"(?:存在)?问题[：:]\s*(?P<problem>.+?)\s*(?:改进|整改)?(?:措施|对策|建议)[：:]\s*(?P<measure>.+)", re.S)
_PROBLEM_OR_MEASURE = re.compile(r"\s*(?:(?P<problem>(?:存在的?)?(?:主要)?问题)|(?:改进|整改)?(?:措施|对策|建议))\s*[：:]\s*(?=\S)")
_NO_PROBLEM = re.compile(r"(?:经自评[，,]?)?(?:本年度|本部门|我局|本单位|本年)?[^，。；]{0,6}?(?:未发现|没有发现|不存在|暂无|无)"
                         r"(?:明显|重大|突出|较大)?(?:的)?问题[。；]?")
# A plan's opening that says it was carried out ("我中心已采取以下整改措施：", "已修订评审工作规程"; not "已列入2024年计划",
# "对已完成的项目…").
_PLAN_CARRIED_OUT = re.compile(r"(?:针对[^，。]{0,20}[，,])?(?:[我本][^，。]{0,6})?已(?:采取|修订|建立|完成|落实|整改|制定|通过|实施)")
_NONE_SAID_MAX = 30  # characters of a sentence saying there is no problem (a longer item is a problem stated)
_PROBLEMS_COLUMN = re.compile(r"^(?:存在的?|主要|发现的?)?问题(?:描述|表现|清单|内容)?$")
_MEASURES_COLUMN = re.compile(r"^(?:整改|改进)(?:措施|举措|意见|建议|方向)(?:及(?:计划|时限))?$")


# The header cells such a table has ("序号", "存在问题", "整改措施", "整改时限", "责任单位" …).
_TABLE_HEAD_CELL = re.compile(r"(?:序号|编号|(?:存在的?|主要|发现的?)?问题(?:描述|表现|清单|内容)?|(?:整改|改进)(?:措施|举措|意见|建议|方向)"
                              r"|(?:整改|完成)(?:时限|期限|时间)|(?:整改)?责任(?:单位|科室|部门|人)|整改(?:情况|目标|要求)|备注)")
_SERIAL_CELL = re.compile(r"\d{1,2}")


def _table_header(paragraphs: list[str], start: int) -> list[str] | None:
    """The cells of a problems table's header right under a section's heading (apart by `|`, tabs or spaces), if any."""
    for para in paragraphs[start:start + 4]:  # (the section found at the header's first cell: "存在问题 | 整改措施")
        cells = ["".join(c.split()) for c in _split_cells(para)]
        if (len(cells) >= 2 and all(_TABLE_HEAD_CELL.fullmatch(c) for c in cells if c)
                and any(_PROBLEMS_COLUMN.match(c) for c in cells)):
            return cells
    return None


def _split_cells(line: str) -> list[str]:
    """A table row's cells: apart by tabs or `|`, else by spaces (a text row: Chinese cells hold no space)."""
    return _row_cells(line) if "\t" in line or "|" in line else line.split()


def _above_header_cells(paragraphs: list[str], i: int) -> int:
    """The line above the header cells a section was found at ("存在问题" after "序号"), or `i`."""
    while i > 0 and _TABLE_HEAD_CELL.fullmatch("".join(paragraphs[i].split())):
        i -= 1
    return i


def _cell_line_table(paragraphs: list[str], start: int) -> tuple[list[str], list[list[str]], int] | None:
    """A problems table a page flattened one cell per line right under the section's heading ("序号" / "存在问题" /
    "整改措施" / "整改时限" / "1" / …): (header, rows, the index after its last row). Rows are read while each is
    whole: its 序号 the next number, no other cell a lone number (a cell left empty shifts the next one in)."""
    header: list[str] = []
    j = start + 1
    while j < len(paragraphs) and _TABLE_HEAD_CELL.fullmatch("".join(paragraphs[j].split())):
        header.append("".join(paragraphs[j].split()))
        j += 1
    if len(header) < 2 or not any(_PROBLEMS_COLUMN.match(c) for c in header):
        return None
    serial = next((k for k, c in enumerate(header) if c in ("序号", "编号")), None)
    rows: list[list[str]] = []
    while j + len(header) <= len(paragraphs):
        row = [c.strip() for c in paragraphs[j:j + len(header)]]
        if serial is not None and row[serial] != str(len(rows) + 1):
            break
        if any(_SERIAL_CELL.fullmatch(c) or is_heading(c) for k, c in enumerate(row) if k != serial):
            break
        rows.append(row)
        j += len(header)
    return (header, rows, j) if rows else None


def _in_column(rows: list[list[str]], header: list[str], column: re.Pattern) -> list[str]:
    """Each row's cell under the header's column `column` (rows of the header's width; an empty cell, none)."""
    at = next((k for k, c in enumerate(header) if column.match(c)), None)
    if at is None:
        return []
    return [c[at] for c in rows if len(c) == len(header) and _WORDS.search(c[at])]


# A lead to the plans inside a paragraph of problems, after a sentence's end ("…较差。针对以上问题，下一步我场将采取以下措施：
# 一是…", "…不足。改进措施：一是…"): its own paragraph, the problems before it and the plans after it.
_LEAD_INSIDE = re.compile(rf"(?<=。)\s*(?:{LEX.problems_lead.pattern}[^。：:]{{0,30}}?问题[^。：:]{{0,30}}|(?:改进|整改)(?:措施|建议|意见))[：:]")


_LEAD_WORDS = re.compile(r"针对|措施|建议|意见")  # (one of which every _LEAD_INSIDE match holds: one scan, not four)


def _labels_rejoined(paragraphs: list[str]) -> list[str]:
    """A form's label cell a page split over two lines ("年度主要" / "工作内容", one cell per line) as one line, when
    together they name a list's section and apart neither does."""
    if not any(len(a) <= 6 and len(b) <= 6 for a, b in zip(paragraphs, paragraphs[1:])):
        return paragraphs  # (no two short lines in a row: most texts)
    out: list[str] = []
    k = 0
    while k < len(paragraphs):
        first, second = paragraphs[k], paragraphs[k + 1] if k + 1 < len(paragraphs) else ""
        if (len(first) <= 6 and len(second) <= 6 and _LABEL_PART.fullmatch(first) and _LABEL_PART.fullmatch(second)
                and _names_a_section(first + second)
                and not _names_a_section(first) and not _names_a_section(second)):
            out.append(first + second)
            k += 2
            continue
        out.append(first)
        k += 1
    return out


_LABEL_PART = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _leads_apart(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for para in paragraphs:
        m = _LEAD_INSIDE.search(para) if "。" in para and _LEAD_WORDS.search(para) else None  # (after a 。 only)
        if m is None or m.end() >= len(para) or para[m.end():].lstrip().startswith("已") or LEX.numbering.match(para):
            # (not a problem item's own measure taken: "1.…。整改措施：已修订…")
            out.append(para)
            continue
        out += [para[:m.start()].strip(), para[m.start():m.end()].strip(), para[m.end():].strip()]
    return out


# The parts of a self-evaluation's analysis (the standard outline: 资金投入情况分析, 总体绩效目标完成情况分析,
# 绩效指标完成情况分析 …), not a unit's tasks ("全县经济运行情况分析" is a statistics bureau's).
_ANALYSIS_HEAD = re.compile(r"(?:项目)?(?:资金(?:投入|管理|使用|到位|执行)|(?:总体)?绩效目标|绩效指标|(?:产出|效益|满意度)(?:指标)?"
                            r"|项目(?:管理|实施)|组织实施)[^。，,；;：:]{0,6}?情况分析(?![报会师员表材])"  # (not "…分析报告编制")
                            r"|(?:产出|效益|满意度|成本|数量|质量|时效)指标(?:完成|实现)情况"
                            r"|(?:经济|效率|效益|效果|公平)性"  # ("（一）经济性。…（二）效率性。…": the standard analysis)
                            r"|部门(?:决策|过程|管理|产出|效益|履职)(?:情况)?"  # ("（一）部门决策情况 …（四）部门效益情况")
                            r"|(?:产出|效益|效果|满意度)情况[：:。]")  # ("（一）产出情况：五项重点工作全部按期完成…")


def _section_or_row(paragraphs: list[str], i: int, label: re.Pattern, at: list[int] | None) -> list[str]:
    in_row = _row_values(paragraphs[i], label)
    return in_row if in_row is not None else _section_items(paragraphs, i, _heading_kind(paragraphs, i), at)


def _form_row(paragraphs: list[str], label: re.Pattern) -> list[str] | None:
    """With no section of its own, the form's row for it ("改进措施及结果应用方案 | 加强… |"), if any."""
    for para in paragraphs:
        if "|" in para or "\t" in para:
            found = _row_values(para, label)
            if found is not None:
                return found
    return None


def read_goal_rows(tables: list[Table], paragraphs: list[str], rec: Record) -> None:
    """A 自评表's 年度总体目标 rows ("年度总体目标 | 预期目标 | 实际完成情况", then the targets as written),
    from its Table blocks or its rows as text (cells apart by tabs or `|`): each numbered target is
    a task. Read only when the prose gave no tasks."""
    if rec.tasks:
        return
    lines = [_row_cells(p) for p in paragraphs if "\t" in p or "|" in p]
    for rows in [t.rows for t in tables] + [lines]:
        text = _goal_text(rows)
        if text:
            rec.tasks = [Task(no=n, text=item) for n, item in enumerate(_goal_items(text), start=1)]
            return


def _row_cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")] if "\t" in line else split_pipes(line)


def _goal_text(rows: list[list[str]]) -> str | None:
    """The text of the 预期目标 cell under a 年度总体目标 header, or None."""
    for r, row in enumerate(rows):
        cells = ["".join((c or "").split()) for c in row]  # (re.sub(r"\s+", "", …), faster)
        side = next((k for k, c in enumerate(cells) if LEX.goal_row.match(c)), None)
        if side is None:
            continue
        target = next((k for k, c in enumerate(cells) if k != side and LEX.goal_target.search(c)), None)
        if target is not None:  # a header row: the targets are in the rows under it
            for below in rows[r + 1:r + 4]:
                # a side label merged down the rows may be written once: the row's cells then start later
                at = target if len(below) >= len(row) else target - (len(row) - len(below))
                if 0 <= at < len(below) and _is_goal_text(below[at]):
                    return below[at].strip()
            return None
        texts = [c for k, c in enumerate(row) if k > side and _is_goal_text(c)]
        if texts:  # "年度总体目标 | the targets | what was done", no header
            return texts[0].strip()
    return None


def _is_goal_text(cell: str | None) -> bool:
    return bool(cell) and len(cell.strip()) >= 6 and not LEX.goal_target.search(cell) and not LEX.goal_row.match(cell)


_GOAL_MARK = re.compile(r"(?:^|(?<=[。；;\s]))\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[、.．](?!\d)|目标\s*\d{1,2}\s*[:：]|"
                        r"[一二三四五六七八九十]{1,2}、)")


def _goal_items(text: str) -> list[str]:
    """Targets numbered in one cell ("（1）…。（2）…", "1.…；2.…", "目标1：…") one by one; unnumbered: one."""
    marks = list(_GOAL_MARK.finditer(text))
    if len(marks) < 2:
        return [text]
    items = [text[a.end():b.start()] for a, b in zip(marks, marks[1:])] + [text[marks[-1].end():]]
    return [i.strip() for i in items if i.strip()]


def _heading_kind(paragraphs: list[str], i: int) -> str | None:
    """A section opened by a sentence ending in '：' inside a paragraph has no level of its own;
    it lives under the nearest heading above it."""
    para = paragraphs[i].rstrip()
    if is_heading(para) or _stopped_heading(para):
        return _marker_kind(para)  # (a heading closed by a full stop too: "（三）改进建议。")
    for para in reversed(paragraphs[:i]):
        if is_heading(para):
            return _marker_kind(para)
    return None


def _task(no: int, text: str, rec: Record) -> Task:
    """A task and its funds: the amount after 资金 / 经费 (one after 使用 / 安排 / 投入 … first); an
    amount saved or recovered (审减金额 …), worked on (评价资金规模 …), per unit (每亩 …), of another
    year, or one source's part beside another's is no task's funds; the whole unit's yields to the
    task's; amounts of two inline items (一是…；二是…) give none."""
    text = text.replace("\n", "")
    funds, sent = _task_funds(text, rec.year)
    if funds is not None:
        rec.evidence[f"tasks.{no}.funds"] = sent
    return Task(no=no, text=text, funds=funds)


_THIS_YEARS_PART = re.compile(r"其中[，,]?(?:本年度?|当年|今年|(?:19|20)\d{2}年度?)")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年度?(?P<carried>结转|结余)?")


def _in_part_of_year(sent: str, pos: int) -> bool:
    """Does a part of the year ("上半年", "截至6月") speak at `pos`, no phrase of the whole year ("全年") since?"""
    last = None
    for last in LEX.mid_year.finditer(sent, 0, pos):
        pass
    return last is not None and not LEX.whole_year.search(sent, last.end(), pos)


class _Amount(NamedTuple):
    """An amount a task's text states, and what its words say of it."""
    own: bool  # not the whole unit's ("全局…")
    uses: bool  # a word of spending before it ("使用", "投入")
    sent: str
    m: re.Match
    source: bool  # one source's part ("省级下达…")
    item: int  # the inline item (一是, 二是 …) it stands in; 0 before the first
    at: int  # where its sentence starts in the text
    clause: str  # its clause, up to the amount


def _taken_in(clause: str) -> bool:
    """Is the amount closing `clause` money the unit takes in, waives or saves others ("依法征收…费用", "为企业减轻负担
    金额")? Not when paid out: a paying word right before those words ("支付征收补偿资金", "拨付稳岗返还资金") or after them
    ("开展降低…死亡率专项行动投入资金")."""
    word = next(reversed(list(LEX.task_funds_revenue.finditer(clause))), None)  # (the last, nearest the amount)
    if word is None:
        return False
    paid_right_before = LEX.task_funds_paid.search(clause, max(0, word.start() - _PAID_GAP - 2), word.start())
    # (a paying word after them, but not a fee's name: "有偿使用费用" is what was taken in)
    paid_after = any(not clause.startswith("费", m.end()) for m in LEX.task_funds_paid.finditer(clause, word.end()))
    return not (paid_right_before or paid_after)


_PAID_GAP = 2  # characters between a paying word and the name of what it pays ("拨付稳岗返还资金")
_THE_YEAR_ONLY = re.compile(r"\s*(?:全年|本年度?|年度)(?:共|累计|合计)?\s*")


@lru_cache(maxsize=4096)  # (a pure function of the item's text: reports repeat their tasks)
def _task_funds(text: str, year: int | None = None) -> tuple[Decimal | None, str | None]:
    """(the task's funds, the sentence stating them), or (None, None)."""
    found: list[_Amount] = []
    items = [i.start() for i in LEX.task_funds_inline_item.finditer(text)]
    at = 0
    for sent in sentences_of(text):
        at = max(text.find(sent, at), 0)
        for m in _TASK_FUNDS.finditer(sent):
            if m.group().startswith("支出") and (inner := _TASK_FUNDS.search(sent, m.start() + 2)) \
                    and inner.start() < m.start("num"):
                m = inner  # "支出法律援助经费45万元": the funds word nearest the amount names it
            before = sent[max(0, m.start() - 8):m.start()]
            if LEX.task_funds_not.search(before) or LEX.task_funds_object.search(before + m.group()[:2]):
                continue
            clause = sent[clause_start(sent, m.start(), "，,；;：:"):m.start()]
            if LEX.task_funds_per.search(clause) or LEX.task_funds_other_period.search(clause) or _taken_in(clause + m.group()):
                continue  # (one head's, another period's, or money taken in: "依法征收…使用费用3260万元")
            if m.group().startswith("实际支出") and (LEX.task_funds_spent_whole.search(clause)
                                                  or not any(f.sent is sent for f in found)):
                continue  # only beside the task's budget ("经费年初预算50万元，实际支出48万元"): alone, what the
                # whole unit spent may be meant ("全年实际支出1198.20万元，…", "全年本局实际支出1320万元")
            if m.group().startswith("支出") and (LEX.task_funds_spent_whole.search(clause) or _THE_YEAR_ONLY.fullmatch(clause)):
                continue  # the whole unit's ("全年本局支出…", "全年共支出…"), not "河湖管护支出1035.28万元"
            if year is not None and any(int(y.group(1)) != year and not (int(y.group(1)) < year and y["carried"])
                                        for y in _YEAR_IN.finditer(clause)):
                continue  # another year's money ("2022年投入资金80万元" in 2023's report; "使用2022年结转资金" is this year's)
            if LEX.task_funds_returned.search(sent[m.end():]):
                continue  # money handed back ("结余资金20万元已按规定上缴财政")
            if "累计" in clause and _THIS_YEARS_PART.search(sent, m.end()):
                continue  # several years' ("累计投入资金3500万元，其中本年度投入620万元": not the year's)
            found.append(_Amount(not LEX.task_funds_whole.search(clause), bool(LEX.task_funds_use.search(before)),
                                 sent, m, bool(LEX.task_funds_source.match(clause)),
                                 sum(i < at + m.start() for i in items), at, clause))
    joined = {id(f.m) for f, g in zip(found, found[1:]) if f.sent is g.sent
              and LEX.task_funds_joined.match(f.sent[f.m.end():g.m.start()])}
    joined |= {id(g.m) for f, g in zip(found, found[1:]) if id(f.m) in joined}
    found = [f for f in found if id(f.m) not in joined]  # parts joined by 和: each none
    if sum(f.source for f in found) >= 2:
        found = [f for f in found if not f.source]  # parts by source: together the funds, each none
    part_of_year = [f for f in found if _in_part_of_year(f.sent, f.m.start())]
    if part_of_year and len(part_of_year) < len(found):
        found = [f for f in found if f not in part_of_year]  # "上半年投入资金60万元，全年投入资金120万元": the year's
    first = LEX.task_funds_inline_item.search(text)
    # the lead total must follow the task's title (a lead opening the list is the unit's whole) and be spent
    lead = [f for f in found if f.item == 0 and f.own and f.at > 0 and not LEX.task_funds_planned.search(f.clause)] \
        if first and "一是" in first.group() else []
    if lead and len({f.item for f in found}) > 1:
        found = lead  # the task's own total before its items ("全年共投入资金200万元。一是…；二是…")
    if len({f.item for f in found}) > 1:
        return None, None  # amounts of two items written inline
    planned = [f for f in found if LEX.task_funds_planned.search(f.clause) or LEX.task_funds_budgeted.match(f.m.group())]
    if planned and len(planned) < len(found):
        found = [f for f in found if f not in planned]  # "年初计划投入资金100万元，实际投入资金95万元": what was spent
        # (and "经费年初预算50万元，实际支出48万元")
    if not found:
        return None, None
    best = max(found, key=lambda f: (f.own, f.uses))  # the first that uses money, else the first
    return money_to_wan(best.m["num"], best.m["unit"]), best.sent
