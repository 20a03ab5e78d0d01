"""Stage 3: normalized text → Record: department, year, the figures and the
sentence each came from (lists: outline.py; self-rating: rating.py).

The parser reads labels ("年初预算", "全年执行数", "预算完成率"…) and takes the
figure written right after each; the block a figure belongs to (整体 /
项目 / 基本支出) is the nearest block word before it in the same paragraph.
A heading naming a block ("（二）项目支出情况") is the block of the paragraphs
under it that name none; "其中：基本支出 A 万元，项目支出 B 万元" splits the
figure labelled before "其中". Tables (Table blocks, from any format, or
rebuilt from text rows) are read by understand/tables.py, each figure's
evidence naming its cell. A figure that is not written stays None: nothing
is inferred here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block, Record, Source
from .outline import is_heading, is_heading_like, read_outline
from .rating import read_rating
from ..read.document import Block as DocBlock, Document, Table
from ..read.normalize import sentences
from ..read.text import document_from_text
from ..numbers import NUMBER, money_to_wan, to_decimal
from .tables import read_table

# --- block words: which spending block a figure belongs to -------------------
_BLOCK_WORDS = re.compile(r"(?P<overall>部门整体|整体支出|整体实际|整体预算|整体|年度资金总额|资金总额|支出总额|总支出)"
                          r"|(?P<basic>基本支出)"
                          r"|(?P<projects>项目支出|项目资金|个项目|项目)")

# --- labels and the figure each introduces ------------------------------------
# Words allowed between a label and its figure ("年初预算数为 4,982.39 万元").
_FILLER = r"[\s为是达到了共计合约均:：（）()]{0,6}"


@dataclass(frozen=True)
class Label:
    field: str
    pattern: str
    kind: str  # "money" | "percent"
    sign: int = 1  # -1: the label itself says "decrease"


LABELS = [
    Label("initial_budget", r"年初预算(?:数|金额|资金|安排)?", "money"),
    Label("adjusted_budget", r"调整后(?:的)?(?:全年)?预算(?:数|金额)?|预算调整后|全年预算(?:数|金额)?", "money"),
    Label("actual", r"实际支出(?:数|金额)?|全年执行(?:数|金额)?|实际执行(?:数|金额)?|支出决算(?:数)?|决算支出", "money"),
    Label("adjustment", r"调整增支|调整增加|预算调增|预算增加|调增|增支|追加", "money"),
    Label("adjustment", r"调整减支|调整减少|预算调减|预算减少|调减|减支|核减", "money", sign=-1),
    Label("adjustment", r"预算调整(?:数|额|金额)", "money"),
    Label("adjustment_rate", r"预算调整率|调整率", "percent"),
    Label("completion_rate", r"预算完成率|预算执行率|执行率|完成率", "percent"),
]
_LABEL_RE = re.compile("|".join(f"(?P<L{i}>{lb.pattern})" for i, lb in enumerate(LABELS)))
_MONEY_AFTER = re.compile(rf"{_FILLER}(?P<num>{NUMBER})\s*(?P<unit>万元|亿元|千元|元)")
_PCT_AFTER = re.compile(rf"{_FILLER}(?P<num>{NUMBER})\s*%")
_COUNT = re.compile(r"(?:共|合计|涉及|累计)(?:计|实施|安排|开展|设立|设置|执行|有|涉及)?\s*(?P<n>\d+)\s*个(?:项目|专项)|项目(?:个数|数量|数)\s*[为:：共]?\s*(?P<m>\d+)\s*个")
_DECREASE_WORDS = re.compile(r"调减|减支|减少|下调|核减")

# --- department and year -----------------------------------------------------------
_TITLE = re.compile(
    r"^(?P<dept>[^\d，。]*?)\s*(?P<year>(?:19|20)\d{2})\s*年?度?\s*(?P<dept2>[^\d，。]*?)\s*"
    r"(?:部门)?(?:整体)?(?:支出)?(?:绩效|预算绩效)"
)
_NAME_LINE = re.compile(r"(?:单位|部门|预算单位)名称\s*[:：]\s*(?P<dept>[^，。\s\d（(:：]+)")
_ORG_END = re.compile(r"办事处|委员会|中心|政府|公司|学校|医院|[局办委院处所站会部厅室队馆署社]")
_ORG_SUFFIX = re.compile(r"(?:局|办|委员会|委|院|处|中心|所|站|会|部|厅|室|队|馆|政府|办事处|公司|学校|医院|署|社)$")
_DEPT_IN_TEXT = re.compile(r"(?:^|[，,。：:])\s*(?P<dept>[^，。\d\s]{2,30}?)(?:对|就)(?:本单位|本部门)?(?:(?:19|20)\d{2}\s*年度?)?(?:部门)?整体支出")
_YEAR_IN_TEXT = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")

def parse_text(text: str, source: Source) -> Record:
    """Read every figure, list and rating a normalized text states (tables flattened into
    its lines are rebuilt first)."""
    return parse_document(document_from_text(text, source))


def parse_document(doc: Document) -> Record:
    """Read every figure, list and rating a report states: prose from its paragraphs,
    figures from its Table blocks too (understand/tables.py)."""
    paragraphs = doc.lines()
    rec = Record(source=doc.source, text="\n".join(paragraphs))
    rec.warnings.extend(doc.warnings)
    rec.department, rec.year = _department_and_year(paragraphs)
    _read_figures(doc.blocks, rec)
    read_outline(paragraphs, rec)
    read_rating(paragraphs, rec)
    return rec


# ---------------------------------------------------------------------------------------
def _department_and_year(paragraphs: list[str]) -> tuple[str | None, int | None]:
    head = paragraphs[:8]
    dept = year = None
    for i, para in enumerate(head):
        m = _TITLE.match(para)
        if m and len(para) <= 80:
            year = int(m["year"])
            dept = _clean_department(m["dept"] or m["dept2"])
            if not dept and i > 0 and _looks_like_org(paragraphs[i - 1]):
                dept = _clean_department(paragraphs[i - 1])
            break
    if dept is None:
        for para in head:
            m = _NAME_LINE.search(para)
            if m:
                dept = _clean_department(_trim_org(m["dept"]))
                break
    if year is None or dept is None:
        for para in head:
            if "绩效" not in para and "预算" not in para:
                continue
            m = re.search(r"(?P<year>(?:19|20)\d{2})\s*年度?\s*[，,]?\s*(?P<dept>[^，。\d]{2,40}?)(?:对|的)?(?:部门)?整体支出", para)
            if m:
                year = year or int(m["year"])
                dept = dept or _clean_department(m["dept"])
                break
    if dept is None:
        for para in head:
            m = _DEPT_IN_TEXT.search(para)
            if m:
                dept = _clean_department(m["dept"])
                break
    if year is None:
        for para in head:
            if "绩效" in para or "预算" in para:
                m = _YEAR_IN_TEXT.search(para)
                if m:
                    year = int(m["year"])
                    break
    return dept, year


def _clean_department(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"^[\s《“\"]+|[\s》”\"]+$", "", name)
    name = re.sub(r"^(?:关于|附件\s*\d*\s*[:：]?)", "", name)
    name = re.sub(r"(?:关于|的)?(?:部门|单位)?$", "", name).strip()
    name = re.sub(r"\s+", "", name) if re.search(r"[\u4e00-\u9fff]", name) else name
    return name if len(name) >= 2 else None


def _trim_org(name: str) -> str:
    """"XX局根据…" (a name line run into the next sentence) → "XX局"."""
    if _ORG_SUFFIX.search(name):
        return name
    ends = [m.end() for m in _ORG_END.finditer(name)]
    return name[:ends[-1]] if ends else name


def _looks_like_org(para: str) -> bool:
    return len(para) <= 40 and bool(_ORG_SUFFIX.search(para)) and "，" not in para


# ---------------------------------------------------------------------------------------
def _read_figures(blocks: list[DocBlock], rec: Record) -> None:
    heading = None
    above: list[str] = []  # the last lines before a table: its unit may be noted there
    for block in blocks:
        if isinstance(block, Table):
            read_table(block, rec, heading, above[-3:])
            continue
        para = block.text
        above.append(para)
        if is_heading(para) or is_heading_like(para):
            heading = _last_block(para)  # "二、项目支出情况": the block of the paragraphs under it
        context = heading  # a block word carries over sentences within one paragraph
        for sent in sentences(para):
            context = _read_sentence(sent, context, rec)


def _last_block(text: str) -> str | None:
    last = None
    for m in _BLOCK_WORDS.finditer(text):
        if not _is_breakdown_item(text, m):
            last = m.lastgroup
    return last


def _block_at(sent: str, pos: int, context: str | None) -> str | None:
    """The block named by the nearest block word before `pos`."""
    found = context
    for m in _BLOCK_WORDS.finditer(sent, 0, pos):
        if not _is_breakdown_item(sent, m):
            found = m.lastgroup
    return found


_FIGURE_NEXT = re.compile(rf"\s*(?:为|是|共|合计|:|：)?\s*(?:{NUMBER})")


def _is_breakdown_item(sent: str, m: re.Match) -> bool:
    """"其中：基本支出 2762.37 万元，项目支出 3601.87 万元": these block words name a share
    of the figure before, not the block of the labels after them."""
    return bool(_FIGURE_NEXT.match(sent, m.end())) and "其中" in sent[: m.start()]


def _read_sentence(sent: str, context: str | None, rec: Record) -> str | None:
    for m in _COUNT.finditer(sent):
        _store(rec, "projects", "count", int(m["n"] or m["m"]), sent)
    for m in _LABEL_RE.finditer(sent):
        label = LABELS[int(m.lastgroup[1:])]
        after = (_MONEY_AFTER if label.kind == "money" else _PCT_AFTER).match(sent, m.end())
        if not after:
            continue
        block = _block_at(sent, m.start(), context)
        if block is None:
            continue
        if label.kind == "money":
            value = money_to_wan(after["num"], after["unit"])
        else:
            value = to_decimal(after["num"])
        if label.sign < 0 and value > 0:
            value = -value
        if label.field == "adjustment_rate" and value > 0 and _DECREASE_WORDS.search(sent[: m.start()].rsplit("，", 1)[-1] + m.group()):
            value = -value
        _store(rec, block, label.field, value, sent)
    _read_breakdown(sent, rec)
    return _last_block(sent) or context


# "全年执行数 6364.24 万元，其中：基本支出 2762.37 万元，项目支出 3601.87 万元"
_BREAKDOWN = re.compile(r"其中\s*[:：，,]?\s*")
_BLOCK_FIGURE = re.compile(rf"(?P<block>基本支出|项目支出)\s*(?:为|是|共|合计|:|：)?\s*(?P<num>{NUMBER})\s*(?P<unit>万元|亿元|千元|元)")


def _read_breakdown(sent: str, rec: Record) -> None:
    """Block words followed directly by an amount, after "其中", take the money label before "其中"."""
    for q in _BREAKDOWN.finditer(sent):
        labels = [m for m in _LABEL_RE.finditer(sent, 0, q.start())
                  if LABELS[int(m.lastgroup[1:])].kind == "money"]
        if not labels:
            continue
        label = LABELS[int(labels[-1].lastgroup[1:])]
        if label.field == "adjustment":
            continue  # the sign of a breakdown of an adjustment is not stated reliably
        end = len(sent)
        nxt = _LABEL_RE.search(sent, q.end())
        if nxt:
            end = nxt.start()
        for m in _BLOCK_FIGURE.finditer(sent, q.end(), end):
            block = "basic" if m["block"] == "基本支出" else "projects"
            _store(rec, block, label.field, money_to_wan(m["num"], m["unit"]), sent)


def _store(rec: Record, block: str, field: str, value, sentence: str) -> None:
    """First statement wins; a different later statement is only a warning."""
    b: Block = rec.block(block)
    key = f"{block}.{field}"
    current = getattr(b, field)
    if current is None:
        setattr(b, field, value)
        rec.evidence[key] = sentence
    elif current != value:
        rec.warnings.append(f"{key}: the report also states {value} (kept the first figure, {current})")


def settle_signs(rec: Record) -> None:
    """A rate printed unsigned next to a decrease ("调减 120 万元，调整率 5%") is negative."""
    for name in ("overall", "projects", "basic"):
        b = rec.block(name)
        if b.adjustment is not None and b.adjustment < 0 and b.adjustment_rate is not None and b.adjustment_rate > 0:
            b.adjustment_rate = -b.adjustment_rate
