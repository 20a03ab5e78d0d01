"""Stage 3: normalized text → a finished Record: department, year, kind of document,
the figures and the sentence each came from, and the amounts no field took
(lists: outline.py; self-rating: rating.py; phrasings: lexicon.toml).

The parser reads labels ("年初预算", "全年执行数", "预算完成率"…) and takes the
figure written right after each. The block a figure belongs to (整体 / 项目 /
基本支出) is, in order: the block the label names itself ("支出总额"); the
nearest block word before it in the sentence; the whole unit when the figure
is followed by its parts ("本年实际支出 T 万元，其中基本支出 B 万元…") or the
sentence's subject is the unit ("我单位…"); the block of the sentence before
or of the section heading ("（二）项目支出情况"); the whole unit for a
figure outside any block. "其中：基本支出 A 万元，项目支出 B 万元" (or the same
in brackets after the figure) splits the figure labelled before it; a rate
followed by "（基本支出 100%，项目支出 97%）" fills each block. A clause about
another year (上年, 同比, "2020 年…" in a 2021 report) fills nothing. Tables
(Table blocks from any format, or rebuilt from rows flattened into text)
are read by understand/tables.py, each figure's evidence naming its cell. A figure that is not written stays None:
nothing is inferred here; every 万元 amount no field took is listed in
`Record.unread` with its sentence.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..labels import OCR_EVIDENCE
from ..model import Record, Source, Unread
from .hanzi import Original, simplified, simplified_document
from .kind import document_kind, title_kind
from .lexicon import LEX
from .indicators import apply_indicators, page_lines, read_document_indicators
from .ocr_sanity import drop_contradicted_ocr_figures
from .outline import is_heading, is_heading_like, read_outline
from .rating import read_rating
from ..read.document import Block as DocBlock, Document, Table
from ..read.normalize import sentences
from ..read.text import document_from_text
from ..numbers import money_to_wan, to_decimal
from .tables import read_table, store

LABELS = LEX.labels

# --- department and year -----------------------------------------------------------
_TITLE = re.compile(
    r"^(?P<dept>[^\d，。]*?)\s*(?P<year>(?:19|20)\d{2})\s*年?度?\s*(?P<dept2>[^\d，。]*?)\s*"
    r"(?:部门)?(?:单位)?(?:整体)?(?:支出)?(?:绩效|预算绩效)"
)
_DEPT_IN_TEXT = re.compile(r"(?:^|[，,。：:])\s*(?P<dept>[^，。\d\s]{2,30}?)(?:对|就)(?:本单位|本部门)?(?:(?:19|20)\d{2}\s*年度?)?(?:部门)?整体支出")
_DEPT_AFTER_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?\s*[，,]?\s*(?P<dept>[^，。\d]{2,40}?)(?:对|的)?(?:部门)?整体支出")
_YEAR_IN_TEXT = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")
_FISCAL_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")  # not a date
_SHORT_NAME = 6  # a department name this short may lack its place ("林业局", "县档案馆")
_FIGURE_LINE = 30  # a list item this short states a figure, not a task
_HEAD = 15  # the title, name and source lines are within the first paragraphs


def parse_text(text: str, source: Source) -> Record:
    """Read every figure, list and rating a normalized text states (tables flattened into
    its lines are rebuilt first); the record is finished (signs settled, kind known, unread
    amounts listed)."""
    return parse_document(document_from_text(text, source))


def parse_document(doc: Document) -> Record:
    """Read every figure, list and rating a report states: prose from its paragraphs, figures
    from its Table blocks too (understand/tables.py); the record is finished (signs settled,
    kind known, unread amounts listed). A text in traditional characters is read in simplified
    ones; what the record quotes stays in the text's own characters."""
    text = "\n".join(doc.lines())
    simple = simplified(text)
    if simple == text:
        return _parse(doc)
    rec = _parse(simplified_document(doc))
    _quote_original(rec, Original(text, simple))
    rec.text = text
    return rec


def _quote_original(rec: Record, original: Original) -> None:
    rec.department = original(rec.department)
    rec.evidence = {k: original(v) for k, v in rec.evidence.items()}
    rec.problems = [original(p) for p in rec.problems]
    rec.plans = [original(p) for p in rec.plans]
    for t in rec.tasks:
        t.text = original(t.text)
    for u in rec.unread:
        u.text = original(u.text)


def _parse(doc: Document) -> Record:
    paragraphs = doc.lines()
    rec = Record(source=doc.source, text="\n".join(paragraphs))
    rec.warnings.extend(doc.warnings)
    rec.department, rec.year = _department_and_year(paragraphs, [c.text for c in doc.chrome])
    taken: dict[Decimal, list[str]] = {}
    titled = title_kind(paragraphs)
    prose = _read_figures(doc.blocks, rec, taken, whole_unit=titled == "department")
    read_outline(paragraphs, rec)
    read_rating(paragraphs, rec)
    laid_out = page_lines(doc.laid_out) if doc.laid_out is not None else []
    apply_indicators(rec, read_document_indicators(doc.tables, laid_out, paragraphs))
    settle_signs(rec)
    rec.kind = document_kind(paragraphs, rec.has_budget_figure(), titled)
    for t in rec.tasks:
        if t.funds is not None:
            taken.setdefault(abs(t.funds), []).append(rec.evidence[f"tasks.{t.no}.funds"])
    rec.unread = _unread(prose, taken) + rec.unread  # then the tables' cells (read_table)
    _mark_ocr_evidence(rec, doc)
    drop_contradicted_ocr_figures(rec)
    return rec


def _mark_ocr_evidence(rec: Record, doc: Document) -> None:
    """A figure quoted from a scanned page's text says it was read by OCR, and on which page."""
    scanned = [(b.text, b.loc.page) for b in doc.blocks if not isinstance(b, Table) and b.loc.ocr]
    if not scanned:
        return
    mark = OCR_EVIDENCE.split("{")[0]
    for key, quote in rec.evidence.items():
        page = next((n for text, n in scanned if quote and quote in text), None)
        if page is not None and mark not in quote:
            rec.evidence[key] = quote + OCR_EVIDENCE.format(page=page)


# ---------------------------------------------------------------------------------------
def _is_furniture(para: str) -> bool:
    """A breadcrumb, menu or share line of a web page: never the department."""
    return bool(LEX.furniture.search(para)) and len(para) <= 120


def _department_and_year(paragraphs: list[str], chrome: list[str] = ()) -> tuple[str | None, int | None]:
    """`chrome`: the page's chrome (Document.chrome): its 来源 / 发布机构 may give the full name of a
    short one, a name the content repeats, or the name when nothing in the content states one (a
    site may publish other units' reports: the content's name comes first)."""
    head = [p for p in paragraphs[:_HEAD * 2] if not _is_furniture(p) and not LEX.is_attachment(p)][:_HEAD]
    dept = year = None
    # the name as a 单位名称 / 来源 line states it
    stated = [_clean_department(_trim_org(m["dept"])) for para in paragraphs[:_HEAD * 2]
              if "：" in para or ":" in para or "|" in para
              for m in (LEX.name_line.search(para), LEX.source_line.search(para)) if m]
    stated = [d for d in stated if d]
    published = [d for d in (_clean_department(_trim_org(m["dept"])) for para in chrome
                             for m in [LEX.source_line.search(para)] if m) if d]
    # a name the chrome gives and the content repeats counts as stated; others come last
    stated += [d for d in published if any(d in para for para in head)]
    for i, para in enumerate(head):
        m = _TITLE.match(para) or _split_title(head, i)
        if m and len(para) <= 80:
            year = int(m["year"])
            dept = _clean_department(m["dept"] or m["dept2"])
            if not dept and not stated and i > 0 and _looks_like_org(head[i - 1]):
                dept = _clean_department(head[i - 1])  # a name line above the title
            break
    if stated and (dept is None or (not LEX.org_suffix.search(dept) and stated[0].startswith(dept))):
        dept = stated[0]  # a title naming only the place ("河西区2021年度…") under a 名称 line
    elif published and dept and not LEX.org_suffix.search(dept) and published[0].startswith(dept):
        dept = published[0]
    if year is None or dept is None:
        for para in head:
            if "绩效" not in para and "预算" not in para:
                continue
            m = _DEPT_AFTER_YEAR.search(para)
            if m:
                year = year or int(m["year"])
                dept = dept or _clean_department(m["dept"])
                break
    for para in head if dept is None or len(dept) <= _SHORT_NAME else ():
        # the first sentence may state the department, or the full name of a short one
        m = _DEPT_IN_TEXT.search(para)
        if m and _clean_department(m["dept"]):
            stated.append(_clean_department(m["dept"]))
            dept = dept or stated[-1]
            break
    for para in head[:4] if dept is None else ():
        m = _DEPT_OPENING.match(para)  # "2021年，临江县司法局按照…"
        if m:
            dept = _clean_department(m["dept"])
            break
    if dept is None and published:
        dept = published[0]
    stated += published
    for i, para in enumerate(head[1:4] if year is None else ()):
        m = _YEAR_LINE.match(para)  # "（2022年度）" under a title that names no year
        if m and "绩效" in head[i]:
            year = int(m["year"])
            break
    if year is None:
        for para in head:
            if "绩效" in para or "预算" in para:
                m = _YEAR_IN_TEXT.search(para)
                if m:
                    year = int(m["year"])
                    break
    return _full_name(dept, stated), year


def _split_title(head: list[str], i: int) -> re.Match | None:
    """A title set on short lines ("2021年度" / "某县供销社" / "部门整体支出绩效评价报告"): the line that
    ends it and the one or two short lines above it, read as one title."""
    if i == 0 or not head[i].endswith(("报告", "报告书")) or len(head[i]) > 40:
        return None
    above = [p for p in head[max(0, i - 2):i] if len(p) <= 20 and not re.search(r"[，。：:]", p)]
    if len(above) != min(2, i):
        return None
    return _TITLE.match("".join(above) + head[i])


_YEAR_LINE = re.compile(r"^[（(]?\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*[)）]?$")
_DEPT_OPENING = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年度?\s*[，,]?\s*)?(?P<dept>[^，。\d\s]{{2,30}}?(?:{LEX.org_end.pattern}))"
                           r"(?:按照|根据|依据|认真|对|就|开展|组织)")


def _full_name(dept: str | None, stated: list[str]) -> str | None:
    """A short name ("林业局") the page states in full elsewhere ("来源：某县林业局") → the full name."""
    if dept is None:
        return None
    longer = [d for d in stated if d != dept and d.endswith(dept)]
    return max(longer, key=len) if longer else dept


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
    if LEX.org_suffix.search(name):
        return name
    ends = [m.end() for m in LEX.org_end.finditer(name)]
    return name[:ends[-1]] if ends else name


def _looks_like_org(para: str) -> bool:
    return len(para) <= 40 and bool(LEX.org_suffix.search(para)) and "，" not in para


# ---------------------------------------------------------------------------------------
def _read_figures(blocks: list[DocBlock], rec: Record, taken: dict, whole_unit: bool) -> list[str]:
    """Read the figures; returns the prose sentences (tables aside).

    `whole_unit`: the title says this is a department's report, so a figure outside any
    block (no block word, no block heading, not a list item) is the department's."""
    prose: list[str] = []
    heading = None
    money_section = True  # before any heading: the title's and first paragraphs' figures
    unit = None  # the unit a section states once ("（金额单位：万元）") for its bare numbers
    attachments = False  # within a list of attachments: titles of documents, not figures
    above: list[str] = []  # the last lines before a table: its unit may be noted there
    for block in blocks:
        if isinstance(block, Table):
            read_table(block, rec, heading, above[-3:])
            continue
        para = block.text
        above.append(para)
        attachments = LEX.is_attachment(para) or (attachments and bool(LEX.attachment_item.match(para)))
        if attachments:
            continue
        if is_heading(para) or is_heading_like(para):
            heading = _last_block(para)  # "二、项目支出情况": the block of the paragraphs under it
            if not LEX.money.search(para):  # a short figure line is no section heading
                money_section = bool(LEX.money_sections.search(para))
                unit = None
        note = LEX.unit_note.search(para) if "单位" in para else None
        if note and (note.start() < 2 or is_heading(para) or is_heading_like(para)):
            unit = note["unit"]
        if _names_a_project(para):
            prose.extend(sentences(para))  # one project's figures: listed as unread, no block's
            continue
        # a block word carries over sentences within one paragraph; a list item longer than a
        # figure line ("2、支出：498.75万元") is a task or project, not the unit, unless its first
        # words are a label ("（一）年初预算 …")
        unit_default = whole_unit and money_section and (len(para) <= _FIGURE_LINE or not LEX.numbering.match(para)
                                                         or _opens_with_label(para))
        context = heading or ("overall" if unit_default else None)
        spoken = None  # the year the paragraph's sentences so far speak of ("2020年度，…。全年支出…")
        for sent in sentences(para):
            prose.append(sent)
            context = _read_sentence(sent, context, rec, taken, spoken, unit)
            years = _years_outside_titles(sent, len(sent))
            spoken = years[-1] if years else spoken
    return prose


_LEADING_YEAR = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年度?\s*[，,]?\s*)?")


def _opens_with_label(para: str) -> bool:
    """A list item whose first words (after its number and a year) are a label."""
    m = LEX.numbering.match(para)
    rest = para[m.end():] if m else para
    rest = rest[_LEADING_YEAR.match(rest).end():]
    return LEX.label_re.match(rest) is not None


def _names_a_project(para: str) -> bool:
    """A list item that opens with one project's name ("1、农村道路维护项目：…")."""
    m = LEX.numbering.match(para)
    return m is not None and "项目" in para and LEX.project_item.match(para, m.end()) is not None


def _last_block(text: str) -> str | None:
    last = None
    for m in LEX.block_words.finditer(text):
        if not _is_breakdown_item(text, m):
            last = m.lastgroup
    return last


_FIGURE_NEXT = re.compile(r"\s*(?:为|是|共|合计|:|：)?\s*[-+]?\d")
_PARTS_NEXT = LEX.parts_next  # "，其中：" or "（" right after a figure
_CLAUSE_END = "，,；;"


def _is_breakdown_item(sent: str, m: re.Match) -> bool:
    """"其中：基本支出 2762.37 万元，项目支出 3601.87 万元" or "…万元（基本支出 …）": these block
    words name a share of the figure before, not the block of the labels after them."""
    if not _FIGURE_NEXT.match(sent, m.end()):
        return False
    before = sent[: m.start()]
    return (bool(LEX.parts_intro.search(before)) or before.rfind("（") > before.rfind("）")
            or before.rfind("(") > before.rfind(")"))


def _block_at(sent: str, pos: int) -> str | None:
    """The block named by the nearest block word before `pos` in the sentence."""
    found = None
    for m in LEX.block_words.finditer(sent, 0, pos):
        if not _is_breakdown_item(sent, m):
            found = m.lastgroup
    return found


def _parts_follow(sent: str, end: int, pattern: re.Pattern) -> int | None:
    """Where the parts of the figure ending at `end` start ("，其中基本支出 …", "（基本支出 …")."""
    m = _PARTS_NEXT.match(sent, end)
    return m.end() if m and pattern.match(sent, m.end()) else None


def _part_block(m: re.Match) -> str:
    return next(b for b in ("overall", "basic", "projects") if b in m.re.groupindex and m[b])


_CITED = re.compile(r"《[^》]*》")  # a cited document's title


def _years_outside_titles(sent: str, end: int) -> list[int]:
    """Years written before `end`, not counting those inside a cited document's 《title》."""
    if "年" not in sent:
        return []
    titles = [(t.start(), t.end()) for t in _CITED.finditer(sent)] if "《" in sent else []
    return [int(y["year"]) for y in _FISCAL_YEAR.finditer(sent, 0, end)
            if not any(a <= y.start() < b for a, b in titles)]


def _about_another_year(sent: str, pos: int, year: int | None, spoken: int | None = None) -> bool:
    """Is the clause holding the label at `pos` about another year than the report's? With no
    year of its own, a sentence speaks of the year the sentences before it (`spoken`) named."""
    clause_start = max(sent.rfind(c, 0, pos) for c in _CLAUSE_END) + 1
    if LEX.other_year.search(sent, clause_start, pos):
        return True
    if _in_part_of_year(sent, pos):
        return True
    years = _years_outside_titles(sent, pos)
    said = years[-1] if years else spoken
    return said is not None and year is not None and said != year


def _in_part_of_year(sent: str, pos: int) -> bool:
    """Does a part of the year ("截至6月底…") speak at `pos`, within its part of the sentence (up
    to "；") and with no phrase of the whole year ("全年…") since?"""
    part_start = max(sent.rfind("；", 0, pos), sent.rfind(";", 0, pos)) + 1
    last = None
    for m in LEX.mid_year.finditer(sent, part_start, pos):
        last = m
    return last is not None and not (LEX.whole_year.search(sent, last.end(), pos) or LEX.whole_year.match(sent, pos))


def _read_sentence(sent: str, context: str | None, rec: Record, taken: dict, spoken: int | None = None,
                   unit: str | None = None) -> str | None:
    """`unit`: the unit the section states for bare numbers (None: a money figure needs its unit)."""
    for m in LEX.count.finditer(sent):
        if not _about_another_year(sent, m.start(), rec.year, spoken):
            _store(rec, "projects", "count", int(next(n for n in m.groupdict().values() if n)), sent, taken)
    read: list[tuple[re.Match, re.Match]] = []  # (label, figure) of this year
    for m in LEX.label_re.finditer(sent):
        if LEX.label(m).kind == "money":
            after = LEX.money_after.match(sent, m.end()) or (unit and LEX.bare_after.match(sent, m.end()))
        else:
            after = LEX.pct_after.match(sent, m.end()) or LEX.formula_after.match(sent, m.end())
        if after and not _about_another_year(sent, m.start(), rec.year, spoken):
            follows = LEX.label(m).follows
            if follows and (not read or LEX.label(read[-1][0]).field != follows):
                continue  # "实际支出 X，较年初预算减少 Y": not the budget's adjustment
            read.append((m, after))
    changes = sum(LEX.label(m).field == "adjustment" for m, _ in read)
    for k, (m, after) in enumerate(read):
        label = LEX.label(m)
        money = label.kind == "money"
        parts_at = _parts_follow(sent, after.end(), LEX.part_figure if money else LEX.part_rate)
        whole = parts_at is not None or (money and _split_later(sent, after.end(), read[k + 1:]))
        block = (label.block or _block_at(sent, m.start())
                 or ("overall" if whole or LEX.subjects.search(sent, 0, m.start()) else context))
        if block is None:
            continue
        value = money_to_wan(after["num"], after.groupdict().get("unit") or unit) if money else to_decimal(after["num"])
        if label.field == "adjustment" and (changes > 1 or LEX.carryover.search(sent)):
            continue  # one of several changes to the budget ("追加 A、调减 B"): the net is not stated
        if label.sign < 0 and value > 0:
            value = -value
        if label.field == "adjustment_rate" and value > 0 and LEX.decrease.search(sent[: m.start()].rsplit("，", 1)[-1] + m.group()):
            value = -value
        _store(rec, block, label.field, value, sent, taken)
        if parts_at is not None and label.field != "adjustment":  # the sign of a part of an adjustment is not stated reliably
            _read_parts(sent, parts_at, label.field, money, rec, taken)
    _read_breakdown(sent, [m for m, _ in read], rec, taken)
    if not any(LEX.label(m).kind == "money" for m, _ in read):
        _read_parts_of_total(sent, rec, taken, spoken)
    several = False  # "基本支出、项目支出…分别为": the sentence names no one block for the next
    for q in _RESPECTIVELY.finditer(sent):
        several |= _read_respectively(sent, q, read, context, rec, taken, spoken)
    return context if several else (_last_block(sent) or context)


# "年初预算、调整后预算、实际支出分别为 A、B、C 万元"; "基本支出、项目支出执行率分别为 99%、97%"
_RESPECTIVELY = LEX.respectively
_LIST_SEP = re.compile(r"\s*(?:、|和|及|与|，|,)\s*")


def _read_respectively(sent: str, q: re.Match, read: list, context: str | None, rec: Record, taken: dict,
                       spoken: int | None = None) -> bool:
    """Names listed before "分别为" and as many figures after it: each name takes its figure.
    The names are all labels (of one block) or all block words (of one field); anything else,
    or a count that differs, is left unread. Returns whether the names are several blocks."""
    start = max(sent.rfind(c, 0, q.start()) for c in "，,；;：:") + 1
    names = _LIST_SEP.split(sent[start:q.start()].strip())
    several = len(names) >= 2 and sum(bool(LEX.block_words.search(n)) for n in names) >= 2
    if _about_another_year(sent, q.start(), rec.year, spoken):
        return several
    figures = []
    pos = q.end()
    while True:
        m = _FIGURE_ITEM.match(sent, pos)
        if not m:
            break
        figures.append(m)
        sep = _LIST_SEP.match(sent, m.end())
        if not sep:
            break
        pos = sep.end()
    if len(names) < 2 or len(figures) != len(names):
        return several
    unit = figures[-1]["unit"]
    percent = figures[-1]["pct"] is not None
    if any((f["pct"] is not None) != percent for f in figures) or (not percent and unit is None):
        return several
    values = [to_decimal(f["num"]) if percent else money_to_wan(f["num"], f["unit"] or unit) for f in figures]
    # a field named once after the last block ("项目支出执行率") is every block's
    tail = LEX.label_re.search(names[-1])
    shared = LEX.label(tail) if tail and tail.start() > 0 else None
    if shared is not None:
        names[-1] = names[-1][:tail.start()]
    # the first name may follow its subject or "其中" ("我局年初预算", "其中基本支出")
    blocks = [_name(LEX.block_words, n, i == 0) for i, n in enumerate(names)]
    labels = [_name(LEX.label_re, n, i == 0) for i, n in enumerate(names)]
    if all(blocks):
        label = shared or _last_label_before(read, start, "percent" if percent else "money")
        if label is None or (label.kind == "percent") != percent or label.field == "adjustment":
            return several
        pairs = [(b.lastgroup, label) for b in blocks]
    elif all(labels) and shared is None:
        block = _block_at(sent, start) or ("overall" if LEX.subjects.search(sent, 0, start) else context)
        if block is None:
            return several
        pairs = [(block, LEX.label(m)) for m in labels]
        if any((lb.kind == "percent") != percent or lb.sign < 0 for _, lb in pairs):
            return several
    else:
        return several
    for (block, label), value in zip(pairs, values):
        _store(rec, block, label.field, value, sent, taken)
    return several


_FIGURE_ITEM = re.compile(rf"(?P<num>[-+]?\d[\d,]*(?:\.\d+)?)\s*(?:(?P<unit>{LEX.unit})|(?P<pct>%))?")


def _name(pattern: re.Pattern, name: str, first: bool) -> re.Match | None:
    """`name` is one label or block word (the first of a list may have words before it)."""
    if not first:
        return pattern.fullmatch(name)
    found = [m for m in pattern.finditer(name) if m.end() == len(name)]
    return found[-1] if found else None


def _last_label_before(read: list, pos: int, kind: str):
    labels = [LEX.label(m) for m, _ in read if m.end() <= pos and LEX.label(m).kind == kind]
    return labels[-1] if labels else None


def _split_later(sent: str, end: int, later: list[tuple[re.Match, re.Match]]) -> bool:
    """Is the figure ending at `end` split by a "其中 基本支出 … 项目支出 …" further on, with no
    figure of this year read in between (a comparison with last year may stand between)?"""
    for q in _BREAKDOWN.finditer(sent, end):
        if any(m.start() < q.start() and LEX.label(m).kind == "money" for m, _ in later):
            return False
        return bool(LEX.part_figure.match(sent, q.end()))
    return False


_PART_SEP = re.compile(r"\s*[，,、；;]\s*")


def _read_parts(sent: str, at: int, field: str, money: bool, rec: Record, taken: dict) -> None:
    """"基本支出 A 万元，项目支出 B 万元" (or rates) right after a figure: each fills its block."""
    pattern = LEX.part_figure if money else LEX.part_rate
    end = len(sent)
    nxt = LEX.label_re.search(sent, at)
    if nxt:
        end = nxt.start()
    pos = at
    while True:
        m = pattern.match(sent, pos, end)
        if not m:
            return
        value = money_to_wan(m["num"], m["unit"]) if money else to_decimal(m["num"])
        _store(rec, _part_block(m), field, value, sent, taken)
        sep = _PART_SEP.match(sent, m.end(), end)
        if not sep:
            return
        pos = sep.end()


# "全年执行数 6364.24 万元，…，其中：基本支出 2762.37 万元，项目支出 3601.87 万元"
_BREAKDOWN = LEX.parts_intro
_PART_FIELDS = ("initial_budget", "adjusted_budget", "actual")


def _read_parts_of_total(sent: str, rec: Record, taken: dict, spoken: int | None) -> None:
    """A sentence with no money label that states 基本支出 A and 项目支出 B ("其中基本支出 A 万元…；项目支出
    B 万元…", "实际支出中，基本支出 A…") names the parts of a total stated before it: the one of the
    unit's figures that A + B makes exactly (the label before them, if any, must agree)."""
    parts = [m for m in LEX.part_figure.finditer(sent) if not _about_another_year(sent, m.start(), rec.year, spoken)]
    if len(parts) != 2 or {_part_block(m) for m in parts} != {"basic", "projects"}:
        return
    values = [money_to_wan(m["num"], m["unit"]) for m in parts]
    total = values[0] + values[1]
    candidates = [f for f in _PART_FIELDS if getattr(rec.overall, f) == total]
    named = LEX.label_re.search(sent, 0, parts[0].start())
    if named:
        candidates = [f for f in candidates if f == LEX.label(named).field]
    if len(candidates) != 1:
        return
    for m, value in zip(parts, values):
        _store(rec, _part_block(m), candidates[0], value, sent, taken)


def _read_breakdown(sent: str, read: list[re.Match], rec: Record, taken: dict) -> None:
    """Block words followed directly by an amount, after "其中", take the money label
    (of this year) read before "其中"."""
    for q in _BREAKDOWN.finditer(sent):
        labels = [m for m in read if m.end() <= q.start() and LEX.label(m).kind == "money"]
        if not labels:
            continue
        label = LEX.label(labels[-1])
        if label.field == "adjustment":
            continue  # the sign of a breakdown of an adjustment is not stated reliably
        end = len(sent)
        nxt = LEX.label_re.search(sent, q.end())
        if nxt:
            end = nxt.start()
        for m in LEX.part_figure.finditer(sent, q.end(), end):
            _store(rec, _part_block(m), label.field, money_to_wan(m["num"], m["unit"]), sent, taken)


def _store(rec: Record, block: str, field: str, value, sentence: str, taken: dict | None = None) -> None:
    """First statement wins; a different later statement is only a warning (and its amount unread)."""
    if not store(rec, block, field, value, sentence):
        return
    if taken is not None and isinstance(value, Decimal):
        taken.setdefault(abs(value), []).append(sentence)


def _unread(prose: list[str], taken: dict[Decimal, list[str]]) -> list[Unread]:
    """Every 万元 amount written in prose that no field took, with its sentence."""
    out = []
    for sent in prose:
        if "元" not in sent:
            continue
        for m in LEX.money.finditer(sent):
            if sent[m.start() - 1: m.start()].isdigit():
                continue  # the tail of a longer number
            amount = money_to_wan(m["num"], m["unit"])
            if not any(s in sent or sent in s for s in taken.get(abs(amount), ())):
                out.append(Unread(text=sent, amount=amount))
    return out


def settle_signs(rec: Record) -> None:
    """A rate printed unsigned next to a decrease ("调减 120 万元，调整率 5%") is negative.
    parse_text applies it; calling it again changes nothing."""
    for name in ("overall", "projects", "basic"):
        b = rec.block(name)
        if b.adjustment is not None and b.adjustment < 0 and b.adjustment_rate is not None and b.adjustment_rate > 0:
            b.adjustment_rate = -b.adjustment_rate
