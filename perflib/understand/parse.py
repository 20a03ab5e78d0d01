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
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ..labels import OCR_EVIDENCE
from ..model import Record, Source, Unread
from .hanzi import Original, simplified, simplified_document
from .kind import document_kind, embedded_self_evaluation, title_kind
from .nature_split import nature_split
from .lexicon import LEX, Label, cues, holds_any
from .forms import FORMS_NAME, UNITS_ROW, projects_signed_rows, titled_year
from .indicators import OTHER_YEAR, apply_indicators, page_lines, projects_title, read_document_indicators
from .ocr_sanity import drop_contradicted_ocr_figures
from .outline import is_heading, is_heading_like, read_goal_rows, read_outline
from .rating import read_bands, read_rating
from ..read.document import Block as DocBlock, Document, Table
from ..read.normalize import clause_start, sentences_of
from ..read.text import document_from_text
from ..check.interval import Interval
from ..numbers import NUMBER, money_to_wan, to_decimal
from .assign import Ledger, Offer, offer, settle, size, whole_for_its_office
from .tables import KEY_PROJECTS, ONE_PROJECT, is_rate_base, read_table
from .who import COMPARED_YEAR, abbreviates, department_and_year, reads_as_org

LABELS = LEX.labels

_FISCAL_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")  # not a date
_FIGURE_LINE = 30  # a list item this short states a figure, not a task


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
    paragraphs = doc.lines()
    text = "\n".join(paragraphs)
    simple = simplified(text)
    if simple == text:
        return _parse(doc, paragraphs, text)
    rec = _parse(simplified_document(doc))
    written = "\n".join([text, *(c.text for c in doc.chrome or ())])  # (a department may be named in the chrome only)
    _quote_original(rec, Original(written, simplified(written)))
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


def _parse(doc: Document, paragraphs: list[str] | None = None, text: str | None = None) -> Record:
    """`paragraphs`, `text`: doc.lines() and their text, when the caller has them already."""
    if paragraphs is None or text is None:
        paragraphs = doc.lines()
        text = "\n".join(paragraphs)
    rec = Record(source=doc.source, text=text)
    rec.warnings.extend(doc.warnings)
    rec.department, rec.year = department_and_year(paragraphs, doc.chrome, doc.tables)
    titled = title_kind(paragraphs)
    section = embedded_self_evaluation(doc.blocks, rec.department) if titled == "final_accounts" else None
    if section is not None:  # a 决算 disclosure with a 部门整体支出绩效自评 section: read that section only
        heading, blocks = section
        part = Document(doc.source, blocks, laid_out=None)
        _read_content(rec, part, part.lines(), "department")
        if rec.has_budget_figure():
            rec.source = replace(rec.source, section=heading)
            rec.kind = "department"
            return rec
        rec = Record(source=doc.source, text=rec.text, department=rec.department, year=rec.year,
                     warnings=list(doc.warnings))
    _read_content(rec, doc, paragraphs, titled)
    rec.kind = document_kind(paragraphs, rec.has_budget_figure(), titled)
    return rec


def _projects_form_rows(tables: list[Table], department: str | None, set_aside: list[Table] = ()) -> set[str]:
    """The rows, as text lines, of the tables titled as one project's form ("附件：某某项目支出绩效自评表"; not the unit's
    own, "某某项目管理中心…自评表", nor a form naming a project in brackets, "…自评表（含经济普查项目）") or `set_aside`
    as one project's or another unit's when read (their 项目名称 above them), less those the unit's own tables have too
    ("评价等级 | 优" in both)."""
    aside = {id(t) for t in set_aside}

    def a_projects(t: Table) -> bool:
        return id(t) in aside or (bool(t.title) and not (department and department in t.title)
                                  and projects_title(t.title, True))
    theirs = {line for t in tables if a_projects(t) for line in t.as_text_lines()
              if id(t) not in aside or not UNITS_ROW.search(line)}  # (the unit's row under a project's: its own)
    return theirs - {line for t in tables if not a_projects(t) for line in t.as_text_lines()}


def _projects_form_lines(paragraphs: list[str]) -> set[str]:
    """The rows written as text (cells apart by `|` or tabs) of a project's form in a unit's report: from its 项目名称 row
    ("项目名称 | 农村饮水工程维修养护"), or the row after a project form's title ("附件1：…项目支出绩效自评表"), to the last row
    before a line of no cells."""
    rows: set[str] = set()
    inside = False
    line = None  # the last line of no cells: asked whether it is a form's title only when a row follows it (most are prose)
    for para in paragraphs:
        if " | " not in para and "\t" not in para:
            line = para
            continue
        if line is not None:
            inside = bool(_PROJECTS_FORM_TITLE.search(line)) and "整体" not in line
            line = None
        cells = [c for c in re.split(r"\s*\|\s*|\t", para.strip(" |")) if c]
        if UNITS_ROW.search(para):
            inside = False  # the unit's own rows after a project's ("部门整体支出自评得分 | 93.5", "部门名称 | …")
        elif cells[:1] == ["项目名称"]:
            inside = len(cells) == 2  # one project's field, not a row listing the unit's projects ("项目名称 | A | B")
        if inside:
            rows.add(para)
    return rows


_PROJECTS_FORM_TITLE = re.compile(r"项目(?:支出)?绩效(?:自评|评价)表")


def _lines_around_forms(blocks: list[DocBlock], forms: list[Table]) -> set[str]:
    """The form rows the layout left as lines beside a table read as one project's or another unit's form: those right
    after it ("自评等级 良", a row of two cells), and its fields over it when they reach up to its title or its 项目名称
    ("项目名称 某项目"). Short lines of no sentence, up to a heading, another form's title, a table or a line naming the
    unit's own (部门整体…: "部门整体自评等级：优")."""
    if not forms:
        return set()  # (most reports: no form set aside, no block to walk)
    aside = {id(t) for t in forms}
    out: set[str] = set()
    for k, block in enumerate(blocks):
        if id(block) not in aside:
            continue
        j = k + 1
        while j < len(blocks) and _a_form_rows_line(blocks[j]) and not FORMS_NAME.search(blocks[j].text):
            out.add(blocks[j].text)
            j += 1
        above, j = [], k - 1
        while j >= 0 and _a_form_rows_line(blocks[j]):
            above.append(blocks[j].text)
            if FORMS_NAME.search(blocks[j].text) or blocks[j].text.startswith("项目名称"):
                out.update(above)  # (its title or its name reached: the lines between are its fields)
                break
            j -= 1
    return out


def _a_form_rows_line(block: DocBlock) -> bool:
    """A line a form's row could have become: short, no sentence, no heading, not the unit's own row."""
    text = block.text if not isinstance(block, Table) else ""
    return (0 < len(text) <= _FORM_ROW_LINE and not _SENTENCE_MARK.search(text) and not is_heading(text)
            and not UNITS_ROW.search(text))


_FORM_ROW_LINE = 40
_SENTENCE_MARK = re.compile(r"[，。；,;]")


def _read_content(rec: Record, doc: Document, paragraphs: list[str], titled: str | None) -> None:
    """Figures, lists, rating and indicators of `doc` into `rec`, the arithmetic settled and the
    amounts no field took listed."""
    taken = Ledger()
    prose, projects_own = _read_figures(doc.blocks, rec, taken, whole_unit=titled == "department",
                                        one_project=titled == "project")
    # (a project's form cut off but for its rows and its head's signature)
    signed = projects_signed_rows(paragraphs) if "项目负责人" in rec.text else set()
    read_outline([p for k, p in enumerate(paragraphs) if k not in signed] if signed else paragraphs, rec, doc.tables)
    laid_out = page_lines(doc.laid_out) if doc.laid_out is not None else []
    read_goal_rows(doc.tables, laid_out or paragraphs, rec)
    # (a project's score is not the unit's: its section's lines, and in a unit's report its form's rows)
    projects_own |= (_projects_form_rows(doc.tables, rec.department, rec.others_forms) if titled == "department"
                     else set())
    projects_own |= _projects_form_lines(paragraphs) if titled == "department" else set()
    projects_own |= _lines_around_forms(doc.blocks, rec.others_forms)
    projects_own |= {paragraphs[k] for k in signed}
    read_rating([p for p in paragraphs if p not in projects_own], rec)
    read_bands(paragraphs, rec)
    year = rec.year if titled_year(rec.year, rec.text) else None  # (another year's form gives way to it only)
    apply_indicators(rec, read_document_indicators(doc.tables, laid_out, paragraphs, year, rec.department,
                                                   units_report=titled == "department"))
    settle(rec, taken)
    _drop_unit_mismatches(rec)
    _drop_unit_slips(rec)
    _read_nature_split(paragraphs, rec, taken)
    settle_signs(rec)
    for t in rec.tasks:
        if t.funds is not None:
            taken.take(t.funds, rec.evidence[f"tasks.{t.no}.funds"])
    _take_indicator_amounts(rec, taken)
    rec.unread = _unread(prose, taken) + rec.unread  # then the tables' cells (read_table)
    funds_rows = {(t.funds, rec.evidence[f"tasks.{t.no}.funds"]) for t in rec.tasks if t.funds is not None}
    if funds_rows:  # (a tasks table's funds cells were read: the task's funds)
        rec.unread = [u for u in rec.unread if (u.amount, u.text) not in funds_rows]
    _mark_ocr_evidence(rec, doc)
    drop_contradicted_ocr_figures(rec)


def _read_nature_split(paragraphs: list[str], rec: Record, taken: Ledger) -> None:
    """The parts' budgets a form splits by nature (understand/nature_split.py), where no statement gave them."""
    for block, field, value, evidence, written in nature_split(paragraphs, rec):
        if getattr(rec.block(block), field) is None:
            setattr(rec.block(block), field, value)
            rec.evidence[f"{block}.{field}"] = evidence
            taken.take(value, written)  # (its amount no longer unread in the line that writes it)


# A part's amount this many times the whole's, or the whole's this many times a part's: one of them
# is in another unit (元 read as 万元 is 10,000 times; 千元, 10 times).
PART_OVER_WHOLE = 5
WHOLE_OVER_PART = 1000
UNIT_SLIP = 5000  # 元 read as 万元 or the reverse: 10,000× (a table stating its unit yields to prose only then)


def _drop_unit_mismatches(rec: Record) -> None:
    """A part's amount far above the whole's, or far below, is one of them in a wrong unit: drop the
    money figures of the table whose unit was in doubt (none stated, or noted above an earlier table),
    else of the table against the prose's (whose amounts carry their unit). Neither: both kept."""
    while (loser := _unit_mismatch(rec)) is not None:  # (one table at a time: its figures gone, look again)
        for key, source in list(rec.from_table.items()):
            if source[0] == loser:
                b, f = key.split(".")
                if getattr(rec.block(b), f) is not None:
                    rec.warnings.append(f"{key}: {getattr(rec.block(b), f)} is not in the unit of the "
                                        f"other block's figures; not taken")
                    rec.withheld[key] = "unit"
                    setattr(rec.block(b), f, None)
                    rec.evidence.pop(key, None)
                del rec.from_table[key]


def _drop_unit_slips(rec: Record) -> None:
    """A block's budget or spending stated in 元 ("年初预算186.40元") beside its others in 万元 ("调整后预算198.60万元"),
    10,000 times smaller than they: 万 lost (a typo, or OCR), the figure not the report's as written either — not
    taken. (A figure in 元 is one of 万元 with four decimals or more.)"""
    for block in ("overall", "basic", "projects"):
        b = rec.block(block)
        money = {f: v for f in ("initial_budget", "adjusted_budget", "actual") if (v := getattr(b, f)) is not None and v > 0}
        if len(money) < 2:
            continue
        largest = max(money.values())
        for f, v in money.items():
            if v * UNIT_SLIP < largest and v.as_tuple().exponent <= -4:
                rec.warnings.append(f"{block}.{f}: {v} is 10,000 times smaller than the block's other figures, "
                                    f"stated in 元 beside 万元; not taken")
                rec.withheld[f"{block}.{f}"] = "unit"
                setattr(b, f, None)
                rec.evidence.pop(f"{block}.{f}", None)


def _unit_mismatch(rec: Record) -> int | None:
    """The table (its serial in `rec.from_table`) whose figures are in another unit than the other
    block's, if any."""
    for field in ("initial_budget", "adjusted_budget", "actual"):
        whole = getattr(rec.overall, field)
        for part in ("basic", "projects"):
            value = getattr(rec.block(part), field)
            if whole is None or value is None or whole <= 0 or value <= 0:
                continue
            if not (value > whole * PART_OVER_WHOLE or value * WHOLE_OVER_PART < whole):
                continue
            sides = [rec.from_table.get(f"{b}.{field}") for b in ("overall", part)]
            doubtful = [s for s in sides if s and s[1]]
            slip = value > whole * UNIT_SLIP or value * UNIT_SLIP < whole  # (not a real tiny part: 2.50 of 3,200)
            loser = (doubtful[0] if len(doubtful) == 1 else
                     next((s for s in sides if s), None) if sides.count(None) == 1 and slip else None)
            if loser is not None:
                return loser[0]
    return None


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
def _read_figures(blocks: list[DocBlock], rec: Record, taken: dict, whole_unit: bool,
                  one_project: bool = False) -> tuple[list[str], set[str]]:
    """Read the figures; returns the prose sentences (tables aside) and the paragraphs of sections
    headed by one project ("（一）农村人居环境整治项目": their figures, score and rating are its own).

    `whole_unit`: the title says this is a department's report, so a figure outside any
    block (no block word, no block heading, not a list item) is the department's; `one_project`: the title says
    it is one project's report (its form's figures are the document's own)."""
    prose: list[str] = []
    projects_own: set[str] = set()
    heading = None
    money_section = True  # before any heading: the title's and first paragraphs' figures
    within = False  # under a heading about a budget within the unit's ("（三）“三公”经费情况")
    unit = None  # the unit a section states once ("（金额单位：万元）") for its bare numbers
    attachments = False  # within a list of attachments: titles of documents, not figures
    section_part = None  # ("main" or "part", its words): the part of the unit's money the section's heading names
    above: list[str] = []  # the last lines before a table: its unit may be noted there
    tables_at = 0  # lines in `above` when the last table was met: those before stand above an earlier table
    cells = _label_cells(blocks)  # a form one cell per line: label line → its value on the next
    listed: list[str] | None = None  # the parts listed one item a line after "…实际支出 T。其中：" (None: no such list)
    listed_of = None  # (field, value): the total they are listed of
    part_below = None  # the block of a part a 其中 line opened whose amount opens the next line: that line's only
    for i, block in enumerate(blocks):
        if listed is not None and not _listed_part(block):
            _read_listed_parts(listed, listed_of, rec, taken)
            listed = None
        if isinstance(block, Table):
            heading = _heading_over_words(block) or heading
            notes = above[-3:]
            after = blocks[i + 1] if i + 1 < len(blocks) and not isinstance(blocks[i + 1], Table) else None
            m = LEX.unit_line_after.match(after.text.strip()) if after is not None else None
            if m and i + 2 < len(blocks) and isinstance(blocks[i + 2], Table):
                m = None  # a unit line between two tables heads the next one
            if m and not any(LEX.unit_stated.search(t) for t in notes):
                notes = notes + [f"单位：{m['unit']}"]  # "（单位：元）" right under a table that noted none
            read_table(block, rec, heading, notes, frozenset(above[:tables_at]) - set(above[tables_at:]), within,
                       one_project, _form_fields(above[tables_at:]))
            tables_at = len(above)
            continue
        para = block.text
        above.append(para)
        attachments = LEX.is_attachment(para) or (attachments and bool(LEX.attachment_item.match(para)))
        if attachments:
            continue
        part_above, part_below = part_below, None
        # ("一、预算执行情况：2023年年初预算…": a heading, its text run on; "（一）项目支出情况。": one closed by a stop)
        run_in = _run_in_heading(para) or _stopped_heading(para) or _block_item_title(para)
        # (a numbered line ending in "；" is an item of a list, "1.基本支出：实际支出 7512.30 万元；", no heading)
        if run_in or (is_heading(para) or is_heading_like(para)) and not _row_of_cells(blocks, i) and not para.endswith(_ITEM_END):
            head = run_in or para
            following = blocks[i + 1].text if i + 1 < len(blocks) and not isinstance(blocks[i + 1], Table) else ""
            previous = blocks[i - 1].text if i and not isinstance(blocks[i - 1], Table) else ""
            unit_line = LEX.unit_line_after.match(head.strip())
            if unit_line and i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
                pass  # "单位：万元" over a table: the section's block goes on
            elif run_in or is_heading(para) or not _states_a_parts_figure(para, following, previous):
                heading = _heading_block(head)  # "二、项目支出情况": the block of the paragraphs under it
            elif not _a_parts_figure(para):  # ("其中基本支出" ⏎ "300.00万元，实际支出290.00万元…": the next line's)
                part_below = _heading_block(head)
            section_part = _names_a_part(head)  # "（一）一般公共预算财政拨款情况": the figures under it are that source's
            if not unit_line:  # (a heading with a figure too: "（三）“三公”经费支出 12.5 万元")
                within = holds_any(head, _SUB_BUDGET_CUES) and LEX.about_a_sub_budget(head) or _heads_a_fund(head)
            below = holds_any(head, LEX.subunit_cues) and LEX.subunit_in(head) is not None
            if below:
                heading = None  # "一、下属单位支出情况": the figures under it are those units', no block's
            # (a short figure line is no section heading; "单位：万元" ends no money section, nor does a
            # form's field "联系人：某某", "所属年度：2023年度": it may open one, "执行率：98.44%")
            if not unit_line and not ("元" in head and LEX.money.search(head)):  # (every amount's unit holds 元)
                if _FIELD_LINE.match(head) and not is_heading(head):
                    closes = (below or LEX.about_a_sub_budget(head) or _another_years_heading(head, rec.year)
                              or _field_of_another_year(head, rec.year))
                    money_section = (money_section or bool(LEX.money_sections.search(head))) and not closes
                else:
                    # (a section about 三公经费 or about the units under the department: its figures are theirs)
                    money_section = (bool(LEX.money_sections.search(head)) and not within
                                     and not below and not _another_years_heading(head, rec.year))
                    unit = None
        elif heading in _NO_BLOCK:
            projects_own.add(para)
        note = LEX.unit_note.search(para) if "单位" in para else None
        if note and (note.start() < 2 or is_heading(para) or is_heading_like(para)):
            unit = note["unit"]
        if _names_a_project(para, heading):
            prose.extend(sentences_of(para))  # one project's figures: listed as unread, no block's
            continue
        # a block word carries over sentences within one paragraph; a list item longer than a
        # figure line ("2、支出：498.75万元") is a task or project, not the unit, unless its first
        # words are a label ("（一）年初预算 …")
        unit_default = whole_unit and money_section and (len(para) <= _FIGURE_LINE or not LEX.numbering.match(para)
                                                         or _opens_with_label(para) or run_in is not None
                                                         or _BUDGET_ITEM_HEAD.match(para) is not None)
        context = part_above or heading or ("overall" if unit_default else None)
        if i in cells:
            _read_label_cell(para, blocks[i + 1].text, cells[i], context, unit, rec, taken)
            prose.append(para)
            continue
        spoken = None  # the year the paragraph's sentences so far speak of ("2020年度，…。全年支出…")
        listing = False  # the paragraph has announced items ("分为三个方面，一是…。…；二是…")
        sents = sentences_of(para)
        taken.last_total = None
        opened = section_part  # a part of the unit's money the section or the paragraph opened with, alone
        aside = False  # a numbered item about a budget within the unit's speaks ("…。3、“三公”经费控制：…")
        titled = False  # the paragraph opened with such an item's title alone ("（一）办公费。")
        for i, sent in enumerate(sents):
            prose.append(sent)
            number = (LEX.numbering.match(sent) if aside or holds_any(sent, _SUB_BUDGET_CUES)
                      or sent[:1] in _NUMBER_OPENS and holds_any(sent, _CLASS_CUES) else None)
            titled = i == 1 and aside and titled  # (the sentence after a paragraph's title alone: "（一）办公费。" ⏎ …)
            if number:
                aside = _sub_budget_item(sent, number.end())  # (until the next item)
                titled = i == 0 and aside and _ITEM_TITLE.fullmatch(sent, number.end(), len(sent) - 1) is not None
            if aside and _all_nil(sent):
                continue  # "…上年年初预算安排 0 万元，实际开支 0 万元，今年年初预算安排 0 万元…": that budget's, no unit's
            if not _DIGIT.search(sent):
                context = _carried(sent, context)  # no figure, no year: only its block words carry over
                opened = _names_a_part(sent) or opened  # "（一）一般公共预算财政拨款。年初预算 …": that source's
                continue
            announced = _block_items(sent) if "分为" in sent else None  # "项目支出…分为三个方面，一是…"
            if unit is None and not _FIGURE_MARK.search(sent):
                context = _carried(sent, context)  # no amount, rate or count: nothing to read but its year
            else:
                following = sents[i + 1] if i + 1 < len(sents) else ""
                later = _NEXT_ITEM.search(sent) if listing else None  # "…；二是…" in a later sentence
                items_at = later.start() if later else announced.start() if announced else None
                # (after an item's title alone, "（一）办公费。全年预算 30 万元，…": that budget's figures, no block's)
                context = _read_sentence(sent, None if titled else context, rec, taken, spoken, unit, following, items_at,
                                         within or titled, opened)
            listing = listing or announced is not None
            spoken = _spoken_year(sent) or spoken
        if listed is not None:
            listed.append(para)
        elif para.endswith(_PARTS_LISTED_BELOW) and taken.last_total is not None:
            listed, listed_of = [], taken.last_total
    if listed is not None:
        _read_listed_parts(listed, listed_of, rec, taken)
    return prose, projects_own


_PARTS_LISTED_BELOW = ("其中：", "其中:")
_FORM_FIELD_LINES = 8  # lines over a table its form's fields may take, one cell a line ("项目名称" ⏎ "某项目" ⏎ "主管部门" ⏎ …)


def _form_fields(lines: list[str]) -> list[str]:
    """The last lines over a table where its form's fields may stand: up to _FORM_FIELD_LINES, from the form's title
    or a heading on ("附件：2022年度绩效自评表": a 项目名称 line above it is another form's or the text's)."""
    lines = lines[-_FORM_FIELD_LINES:]
    cut = next((k for k in range(len(lines) - 1, -1, -1) if FORMS_NAME.search(lines[k]) or is_heading(lines[k])), -1)
    return lines[max(cut, 0):]  # (the title itself kept: it says whose form it is)


_NUMBER_OPENS = frozenset(" \t\u3000（(一二三四五六七八九十百0123456789第任目")  # (a list number's first characters: LEX.numbering)
_ITEM_END = ("；", ";")


def _states_a_parts_figure(para: str, following: str, previous: str) -> bool:
    """Is the line (numbered as no heading) an item of a list of parts: a block word and its amount ("基本支出800.00万元",
    "其中：项目支出 | 400万元") after a line that ends in 其中： or after another such item, or a part a 其中 opens (its
    amount on it or opening the next line: "其中基本支出" ⏎ "759万元，…", a page broke the line there)? It states a
    figure, it heads no section. (A block word and its amount over the lines that detail it, "基本支出 310.00万元" ⏎ "年初
    预算300.00万元，…", or a block word alone, "基本支出" ⏎ "300.00万元，实际支出…", heads its lines.)"""
    opened = LEX.parts_intro.match(para) is not None
    if not (opened or previous.rstrip().endswith(_PARTS_LISTED_BELOW) or _a_parts_figure(previous)):
        return False
    return _a_parts_figure(para + following if opened else para, len(para))


def _a_parts_figure(text: str, within: int | None = None) -> bool:
    """Does a block word (starting before `within`) stand right before its own amount in `text`?"""
    return "元" in text and any(_OWN_FIGURE.match(text, m.end())
                               for m in LEX.block_words.finditer(text, 0, len(text) if within is None else within))


def _listed_part(block: DocBlock) -> bool:
    """Is the block an item of a list of parts ("1.基本支出 52,096,114.52 元，执行率 99.58%；")?"""
    return (not isinstance(block, Table) and LEX.numbering.match(block.text) is not None
            and LEX.part_figure.search(block.text) is not None)


def _read_listed_parts(items: list[str], total: tuple[str, Decimal], rec: Record, taken: Ledger) -> None:
    """基本支出 and 项目支出 listed one item a line after "…实际支出 T。其中：": the parts of that total when each is listed
    once, alone, and they add up to it (each item its own evidence)."""
    parts = [(item, found[0]) for item in items if len(found := list(LEX.part_figure.finditer(item))) == 1]
    if len(parts) != len(items) or sorted(_part_block(m) for _, m in parts) != ["basic", "projects"]:
        return  # (a third item, a block listed twice, an item of several figures: not the two parts)
    values = [money_to_wan(m["num"], m["unit"]) for _, m in parts]
    if adds_up(total[1], values):
        for (item, m), value in zip(parts, values):
            _store(rec, _part_block(m), total[0], value, item, taken)


_DIGIT = re.compile(r"\d")


def _heading_over_words(table: Table) -> str | None:
    """The part a heading set with spaces names when the layout took it for a table's first row over a row of
    words only ("项目支出 预算 执行情况" over "年初预算 调整后预算 实际支出", no figure in any cell): the prose
    below is that part's."""
    if not table.rows or len(table.rows) > 3 or any(_DIGIT.search(c) for row in table.rows for c in row):
        return None
    first = [c for c in table.rows[0] if c.strip()]
    word = LEX.block_words.fullmatch(first[0].strip()) if first else None
    if (word is None or LEX.block_of(word) not in ("basic", "projects") or not is_heading_like(" ".join(first))
            or any(LEX.label_re.fullmatch(c.strip()) for c in first)):  # ("项目支出 | 年初预算 | …": a header row)
        return None
    return LEX.block_of(word)


def _another_years_heading(para: str, year: int | None) -> bool:
    """A heading opening with another year than the report's ("二、上年度预算执行情况", "二、2022年度预算
    执行情况" in 2023's report; not "与上年度对比情况"): the figures under it are no default's."""
    text = para[m.end():] if (m := LEX.numbering.match(para)) else para
    text = text.lstrip()
    if LEX.money_section_other_year.match(text):
        return True
    y = re.match(r"((?:19|20)\d{2})\s*年", text)
    return bool(y and year is not None and int(y.group(1)) < year)


def _field_of_another_year(field: str, year: int | None) -> bool:
    """A form's field about another year: its label says so ("上年对比：…", "上期数据：…") or its value is
    another year ("比较年度：2022年度", "对比口径：2022年决算"); not "资金来源：…上年结转" (this year's money),
    "执行对比：年初预算与实际支出", "核算口径：2022年决算数对比"."""
    label, _, value = re.split(r"([:：])", field, maxsplit=1)
    if _OTHER_YEAR_LABEL.search(label):
        return True
    m = _BARE_YEAR.match(value)
    return m is not None and year is not None and int(m.group(1)) != year


_OTHER_YEAR_LABEL = re.compile("|".join((*OTHER_YEAR, "上期")))  # (the indicator and table readers' words, and 上期)
_BARE_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年?度?\s*(?:决算数?|预算数?|数据|情况)?\s*$")  # ("对比口径：2022年决算")


def _row_of_cells(blocks: list[DocBlock], i: int) -> bool:
    """Is short line i a row of a table laid out as lines ("项目按期完工率 100% 100%" under "指标 指标值 实际完成值",
    "项目 合计 财政拨款 其他资金" over a table of as many columns), not a heading? Its 项目 names an indicator or
    the label column, no block for the lines below. (≥ 3 cells of ≥ 2 characters, as many as a line or table row
    beside it: a heading spaced out letter by letter has cells of one.)"""
    cells = blocks[i].text.split()
    if is_heading(blocks[i].text) or len(cells) < 3 or any(len(c) < 2 for c in cells):
        return False

    def width(b):
        return (len(b.rows[0]) if b.rows else 0) if isinstance(b, Table) else len(b.text.split())

    def first_row(b):
        return " ".join(b.rows[0]) if isinstance(b, Table) and b.rows else b.text

    if i > 0 and width(blocks[i - 1]) == len(cells):
        return True
    # the line after: a line of words over a table of its own header row ("科目 预算数 执行数") is the table's
    # heading ("基本支出 预算 执行情况"), not a second header; over rows of figures it is their header
    return (i + 1 < len(blocks) and width(blocks[i + 1]) == len(cells)
            and bool(_DIGIT.search(blocks[i].text) or _DIGIT.search(first_row(blocks[i + 1]))))


# A form flattened one cell per line: a budget's label alone on its line, its unit in brackets ("年初预算数（万元）",
# "执行率（%）"), then its value alone on the next line ("1,208.40").
_LABEL_CELL = re.compile(rf"(?P<label>{LEX.label_re.pattern})\s*(?:[（(](?P<unit>{LEX.unit}|%)[)）])?\s*[:：]?")
_VALUE_CELL = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>{LEX.unit}|%)?")
_CELL_FIELDS = ("initial_budget", "adjusted_budget", "budget", "actual", "completion_rate")


def _label_cells(blocks: list[DocBlock]) -> dict[int, tuple[re.Match, str | None]]:
    """{index of a label line: (its label, the unit in its brackets)} for each budget label alone on a paragraph whose next
    paragraph is a lone number."""
    out = {}
    for i in range(len(blocks) - 1):
        a, b = blocks[i], blocks[i + 1]
        if isinstance(a, Table) or isinstance(b, Table) or len(a.text) > 20 or not _DIGIT.match(b.text):
            continue
        m = _LABEL_CELL.fullmatch(a.text)
        named = LEX.label_re.fullmatch(m["label"]) if m else None
        before = blocks[i - 1] if i else None  # ("基本支出⏎年初预算数⏎300": a row of a block's own)
        if before is not None and not isinstance(before, Table) and _last_block(before.text) not in (None, "overall"):
            continue
        after = blocks[i + 2] if i + 2 < len(blocks) else None  # "预算执行率⏎10⏎9": an indicator's 分值 and 得分,
        if after is not None and not isinstance(after, Table) and _VALUE_CELL.fullmatch(after.text):  # or a header
            continue  # row's last cell over its values: a row of figures, not one label's
        if named and LEX.label(named).field in _CELL_FIELDS and _VALUE_CELL.fullmatch(b.text):
            out[i] = (named, m["unit"])
    return out


def _read_label_cell(label_line: str, value_line: str, cell: tuple[re.Match, str | None], context: str | None,
                     unit: str | None, rec: Record, taken: Ledger) -> None:
    """The figure of a label line and the value line under it, in the label's unit (or the value's, or
    the section's); in the block the label names, or the context's."""
    m, noted = cell
    label = LEX.label(m)
    v = _VALUE_CELL.fullmatch(value_line)
    unit = v["unit"] or noted or (unit if label.kind == "money" else None)  # a rate says %: a bare 10 may be points
    if unit is None or (unit == "%") != (label.kind == "percent"):
        return
    block = label.block or context
    if block is None or block in _NO_BLOCK:
        return
    value = to_decimal(v["num"]) if unit == "%" else money_to_wan(v["num"], unit)
    _store(rec, block, label.field, value, f"{label_line} {value_line}", taken)
_FIGURE_MARK = re.compile(r"元|%|个")  # an amount's unit, a rate, a count of projects
_LEADING_YEAR = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年度?\s*[，,]?\s*)?")


def _run_in_heading(para: str) -> str | None:
    """The section heading a paragraph opens with, its text run on after a colon ("一、预算执行情况：2023年年初预算…",
    "二、部门基本情况：本单位…"): a top-level number and the name of a section about the unit's budget or the unit (not
    a list item, "1.农田建设资金：…"), or None."""
    if "：" not in para[:24] and ":" not in para[:24]:
        return None
    m = _RUN_IN.match(para)
    return m["head"] if m else None


def _stopped_heading(para: str) -> str | None:
    """A numbered heading closed by a full stop on a line of its own ("（一）项目支出情况。", "一、部门整体支出情况。"):
    its words, the stop cut off; None for anything else (an item, "（一）审计项目计划安排偏紧。", ends in no 情况). (Not
    "1、收入支出预算安排情况。": a heading of that level names no block and would end the block its section's heading named.)"""
    if len(para) > _STOPPED_LINE or not para.endswith("。"):
        return None
    m = _STOPPED_HEAD.fullmatch(para)
    # (one naming no block, "（一）预算执行情况。" under "二、项目支出情况", would end the section its parent opened)
    return m["head"] if m and _heading_block(m["head"]) is not None else None


def _block_item_title(para: str) -> str | None:
    """A numbered item titled by a block, closed by a full stop, its text run on ("1.基本支出。主要用于…，全年支出 7512.30
    万元。"): its number and title, the heading of its text."""
    m = _BLOCK_ITEM.match(para) if "支出" in para[:12] else None
    return m["head"] if m else None


_BLOCK_ITEM = re.compile(r"(?P<head>\s*(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
                         r"\s*[、.．])\s*(?:基本支出|项目支出)(?:情况)?)。\S")
_STOPPED_LINE = 32  # characters of such a heading, at most (its number, a title of up to 20, 情况, the stop)
_STOPPED_HEAD = re.compile(r"(?P<head>\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．])"
                           r"[^，,；;。：:\d%]{2,20}(?:情况|概况))。")


# (the unit's money or the unit itself, not one fund's, "二、专项资金管理情况：…", nor a project's)
_RUN_IN = re.compile(r"^\s*(?P<head>[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?:部门|单位)?(?:整体)?(?:支出)?"
                     r"(?:预算|决算|收支|支出)(?:执行|安排|使用)?(?:情况|概况)|(?:部门|单位)?(?:基本情况|概况))\s*[：:]\s*\S")


# A list item opening with the name of a part about the unit's budget, its text run on ("1.收入支出预算安排及执行情况。2020年
# 部门收入支出年初预算安排…", "2.预算调整。年中追加…", "1.总体执行。全年实际支出…"): its figures are the section's (the unit's
# under a heading naming no block), not a task's.
_BUDGET_ITEM_HEAD = re.compile(r"\s*\d{1,2}\s*[、.．]\s*(?:(?:部门|单位)?(?:整体)?(?:收入|收支)?(?:支出)?(?:预算|决算|收支|支出)"
                               r"(?:(?:及|和|与)?(?:执行|安排|使用))*(?:情况|概况)"
                               r"|(?:预算|总体|整体)(?:调整|执行|安排)(?:情况)?)\s*[：:。]")


def _opens_with_label(para: str) -> bool:
    """A list item whose first words (after its number and a year) are a label."""
    m = LEX.numbering.match(para)
    rest = para[m.end():] if m else para
    rest = rest[_LEADING_YEAR.match(rest).end():]
    return LEX.label_re.match(rest) is not None


@lru_cache(maxsize=4096)  # (asked of every paragraph; reports repeat their paragraphs)
def _names_a_project(para: str, heading: str | None = None) -> bool:
    """A list item that opens with one project's name ("1、农村道路维护项目：…"; under a heading of
    the projects block, any name before "：" that is no label, block or section itself, and a label
    or a bare budget: "1.高标准农田建设：全年预算 …", "2.公共图书馆免费开放：预算 45 万元 …")."""
    m = LEX.numbering.match(para)
    if m is None:
        return False
    if "项目" in para and LEX.project_item.match(para, m.end()) is not None:
        return True
    if heading != "projects":
        return False
    name = _ITEM_HEAD.match(para, m.end())  # its figures' labels right after the name
    if name is None or not _is_a_name(name["name"]):
        return False
    figures = _LEADING_YEAR.match(para, name.end()).end()
    return LEX.label_re.match(para, figures) is not None or _BARE_BUDGET.match(para, figures) is not None


_FIELD_LINE = re.compile(r"^[^\d，,。；;：:]{2,10}[:：]\s*[^\s，,。；;：:]")  # "联系人：周立"
_ITEM_HEAD = re.compile(r"\s*(?P<name>[^，,。；;：:、\d\s]{2,30})[：:]")
# "2.公共图书馆免费开放：预算 45 万元，…": a budget no label names (年初 or 调整后), right after the name
_BARE_BUDGET = re.compile(rf"(?:预算|资金|经费)(?:数|金额)?{LEX.money_after.pattern}")


@lru_cache(maxsize=1024)  # (the same few heads, 项目 before a label, in every report of a batch)
def _is_a_name(text: str) -> bool:
    """Is `text` a name of its own: no label, block word, section or summary in it, not the unit?"""
    return not (LEX.label_re.search(text) or LEX.block_words.search(text) or LEX.not_a_project.search(text)
                or LEX.not_a_project_name.fullmatch(text) or LEX.subjects.search(text))


@lru_cache(maxsize=4096)  # (asked of most sentences; reports repeat their sentences, one batch's the same ones)
def _last_block(text: str) -> str | None:
    """The block named by the text's last block word that names one (not a breakdown item)."""
    return _last_naming(text, _naming_words(text, len(text)))


def _heading_block(head: str) -> str | None:
    """The block of the paragraphs under a heading: its last block word's; none when that part is named beside the
    whole, joined to it ("（三）部门整体支出或项目实施情况分析", "部门整体及项目支出情况"): the heading is about both, so a
    figure under it naming no block of its own is no part's (the unit's in a department's report, as under "一、基本情况")."""
    if "支出" in head and LEX.key_spending.search(head):
        return _KEY_PROJECTS  # "二、重点支出情况": a few named items' figures
    words = _naming_words(head, len(head))
    block = _last_naming(head, words)
    if block in ("basic", "projects") and len(words) >= 2 and LEX.block_of(words[-2]) == "overall" \
            and _WHOLE_THEN_PART.fullmatch(head, words[-2].end(), words[-1].start()):
        return None
    return block


# (the lexicon's joiners of two parts, or 或: "部门整体支出或项目…")
_WHOLE_THEN_PART = re.compile(rf"(?:支出)?(?:{LEX.parts_joined.pattern}|\s*或者?\s*)")


def _naming_words(text: str, end: int) -> list[re.Match]:
    """The block words and named funds ("城区环卫专项资金") before `end`, in order; not those of a note
    in brackets on a figure ("追加 45 万元（用于非遗展演项目），调整后预算 …": the note speaks of its figure,
    not of the labels after it)."""
    # (matched past `end`, kept when they start before it: "部门" is a block word by the label's first characters)
    noted = "（" in text or "(" in text  # (a note is in brackets: most sentences have none)
    words = [m for m in LEX.block_words.finditer(text, 0, end + _LOOKAHEAD) if m.start() < end
             and not (noted and _in_note(text, m.start(), end))
             and not LEX.compared_block.search(text, max(0, m.start() - 3), m.start())  # (较基本支出: compared with)
             and not _a_cause(text, m)]
    if "专项" in text:  # (a fund whose labels follow it: not "…专项行动，全年实际支出 …")
        funds = [m for m in LEX.named_fund.finditer(text, 0, end)
                 if (LEX.label_re.match(text, m.end()) or _BARE_BUDGET.match(text, m.end()))
                 and not (noted and _in_note(text, m.start(), end)) and _names_one_project(text, m)]
        words = sorted(words + funds, key=lambda m: m.start())
    return words


def _a_cause(text: str, m: re.Match) -> bool:
    """Is the block word in a clause giving a cause ("因项目取消调减预算…", "因部分资金调入基本支出，", "根据项目实施进度…"),
    or what a change went to ("增加部分全部用于项目支出，", "主要是项目支出增加；", "主要是追加了…项目经费。"), no figure or
    label right after it: it names no block of the labels after it ("其中用于项目支出 400 万元", "用于项目支出的资金年初预算…",
    "主要是项目支出：年初预算…" name theirs)."""
    if (LEX.label_re.match(text, m.end()) or _FIGURE_NEXT.match(text, m.end()) or _BARE_BUDGET.match(text, m.end())
            or (colon := _COLON.match(text, m.end())) and LEX.label_re.match(text, colon.end())):
        return False  # ("主要为新增项目支出：年初预算…": the block of the labels after it)
    clause = clause_start(text, m.start(), "，,；;。：:")
    end = min((i for i in (text.find(c, m.end()) for c in "，,；;。：:") if i >= 0), default=len(text))
    if ((whole := _ALL_OF_IT.match(text, clause)) and whole.end() == m.start()
            and _AFTER_FIGURE_CLAUSE.search(text, max(0, clause - 12), clause)):
        return True  # "上年结转资金 37.85 万元，全部为项目资金": what the figure before it is, no block of the next labels
    return (_CAUSE.search(text, clause, m.start()) is not None
            or (_BASIS.search(text, clause, m.start()) is not None
                and (m.group() == "项目" or not LEX.label_re.search(text, m.end(), end)))
            or (_USED_FOR.search(text, clause, m.start()) is not None and _CHANGE_WORD.search(text, clause, m.start()) is not None)
            or ((mainly := _MAINLY.search(text, clause, m.start())) is not None
                and _CHANGE_WORD.search(text, mainly.end(), end) is not None))  # ("主要是追加了…项目经费"; not "较年初增加主要是…")


_CAUSE = re.compile(r"因|由于|调入|调出")
_COLON = re.compile(r"\s*[：:]\s*")
_ALL_OF_IT = re.compile(r"\s*(?:全部|均|都|全额)(?:为|是|属于)")  # (not 用于: "全部用于项目支出。" may name the next)
_AFTER_FIGURE_CLAUSE = re.compile(rf"\d\s*(?:{LEX.unit})\s*[，,]\s*$")
# (a basis: its block word names no block when bare, "根据项目实施进度调整后预算…", or when its clause states no figure,
# "按照项目支出进度要求，全年实际支出…"; "根据财政批复我局项目支出安排年初预算…" names its own)
_BASIS = re.compile(r"根据|按照|依据")
_USED_FOR = re.compile(r"用于")  # (after the change it says the use of: "增加部分全部用于项目支出")
_MAINLY = re.compile(r"主要是|主要系|主要为|主要在|系")  # (before the change it names: "主要是项目支出增加")
_CHANGE_WORD = re.compile(r"增加|减少|追加|调增|调减|新增|结余|下降|上升|增长")
_AFTER_FIGURE = re.compile(rf"\d\s*(?:{LEX.unit}|%)\s*$")
_NOTE_BACK = 12  # characters before a note's bracket that may hold its figure


def _in_note(text: str, pos: int, end: int) -> bool:
    """Is `pos` inside brackets opened right after a figure and closed before `end`?"""
    opened = _bracket_around(text, pos, end)
    return opened >= 0 and _AFTER_FIGURE.search(text, max(0, opened - _NOTE_BACK), opened) is not None


def _bracket_around(text: str, pos: int, end: int) -> int:
    """Where the bracket that holds `pos` opens (not closed before `pos`, closed before `end`), or -1."""
    opened = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    if opened < 0 or max(text.rfind("）", opened, pos), text.rfind(")", opened, pos)) >= 0:
        return -1
    return opened if text.find("）", pos, end) >= 0 or text.find(")", pos, end) >= 0 else -1


_FIGURE_NEXT = re.compile(rf"\s*{LEX.part_filler}\s*[-+]?\d")
_PARTS_NEXT = LEX.parts_next  # "，其中：" or "（" right after a figure


def _is_breakdown_item(sent: str, m: re.Match) -> bool:
    """"其中：基本支出 2762.37 万元，项目支出 3601.87 万元" or "…万元（基本支出 …）": these block
    words name a share of the figure before, not the block of the labels after them."""
    if not _FIGURE_NEXT.match(sent, m.end()):
        return False
    before = sent[: m.start()]
    return (bool(LEX.parts_intro.search(before)) or before.rfind("（") > before.rfind("）")
            or before.rfind("(") > before.rfind(")"))


def _object_of_label(sent: str, m: re.Match) -> bool:
    """"调减基本支出 40 万元", "追加项目支出 200 万元": a block word between a label and its figure names
    that figure's block only, not the block of the labels after it ("…，调整后预算 6340 万元" is the unit's)."""
    after = _BUDGET_WORD.match(sent, m.end())  # ("调减项目支出预算 24 万元": the same, its 预算 said)
    return (_FIGURE_NEXT.match(sent, after.end() if after else m.end()) is not None
            and any(lb.end() == m.start() for lb in LEX.label_re.finditer(sent, max(0, m.start() - 12), m.start())))


_BUDGET_WORD = re.compile(r"预算(?:数|资金)?")


@lru_cache(maxsize=4096)
def _block_at(sent: str, pos: int, unit: str | None = None) -> str | None:
    """The block named by the nearest block word before the label at `pos` in the sentence (`unit`: the section's, for
    its bare numbers)."""
    closable = "；" in sent or ";" in sent  # (a list of parts is closed by a "；": most sentences have none)
    words = [m for m in _naming_words(sent, _words_end(sent, pos))
             if not _listed_blocks(sent, m, pos) and not (closable and _part_closed(sent, m, pos))]
    if words and "其中" in sent:
        words = _before_an_outgrown_part(sent, words, pos)
    if words and LEX.summed.match(sent, words[-1].end()) and LEX.summed_with.search(sent, 0, words[-1].start()):
        return "overall"  # "专项资金和基本支出合计年初预算 …": the parts together are the whole
    if _both_parts(sent, words, pos):
        words = words[:-2]  # "部门整体支出包括基本支出和项目支出两部分，年初预算 …": the pair names neither part
    if closable and words and _sum_of_the_parts(sent, words, pos):
        return "overall"
    listed = _after_a_list_of_parts(sent, words, pos)
    if listed is None and words and _outgrown_own_figure(sent, words[-1], pos, unit) \
            and not _is_breakdown_item(sent, words[-1]) and not _object_of_label(sent, words[-1]):
        return _ONE_PROJECT  # (no block's: left unread)
    return listed or _last_naming(sent, words)


# A block word's own amount right after it, as a label's ("项目支出 996.06 万元", "项目支出：…", a row "项目支出 | …"),
# or a bare number under a section's unit ("项目支出 | 996.06;")
_OWN_FIGURE = re.compile(rf"\s*(?:\|\s*)?{LEX.part_filler}\s*(?P<num>{NUMBER})\s*(?P<unit>{LEX.unit})")
_OWN_BARE = re.compile(rf"\s*(?:\|\s*)?{LEX.part_filler}\s*(?P<num>{NUMBER})(?=\s*(?:[，；;。|]|,(?!\d)|$))")


def _amounts_from(sent: str, start: int, unit: str | None) -> list[re.Match]:
    """The amounts from `start` on, in order: those with their unit, and under a section's unit the bare numbers labels
    state."""
    amounts = list(LEX.money.finditer(sent, start))
    if unit:
        bare = (LEX.bare_after.match(sent, m.end()) for m in LEX.label_re.finditer(sent, start))
        amounts = sorted(amounts + [b for b in bare if b], key=lambda a: a.start())
    return amounts


def _outgrown_own_figure(sent: str, word: re.Match, pos: int, unit: str | None = None) -> bool:
    """Did the block word at `word` state its own amount, and an amount after it up to the label's figure at `pos` go
    well past that amount ("项目支出 | 996.06万元;2021年全年实际支出1755.06万元", lines joined: "基本支出510.00万元全年
    实际支出842.36万元": the part cannot have spent 1755.06 of 996.06; the label speaks of the whole, or of another's
    money)? Its labels are then no block's; an amount within reach ("项目支出 400 万元；实际支出 380 万元") is still the
    part's. (`unit`: the section's, "单位：万元" over bare numbers, "项目支出 | 996.06;…实际支出1755.06;".)"""
    own = _OWN_FIGURE.match(sent, word.end()) or (_OWN_BARE.match(sent, word.end()) if unit else None)
    figure = _DIGIT.search(sent, pos) if own is not None else None  # (the label's own: an amount, or a rate after them)
    if figure is None:
        return False
    stated = money_to_wan(own["num"], own.groupdict().get("unit") or unit)
    for a in _amounts_from(sent, own.end(), unit):
        if a.start() > figure.start():
            break
        value = money_to_wan(a["num"], a.groupdict().get("unit") or unit)
        field = _field_before(sent, a.start())
        if field == "adjustment":
            stated += value  # ("年中追加 150 万元": what it may spend grew by as much)
        elif field in _BUDGET_FIELDS and value <= stated * _WELL_PAST:
            stated = max(stated, value)  # ("调整后预算 300 万元" after its 追加; not the whole's "全年预算 1800 万元")
        elif value > stated * _WELL_PAST:
            return True
    return False


_BUDGET_FIELDS = ("initial_budget", "adjusted_budget", "budget")


def _field_before(sent: str, pos: int) -> str | None:
    """The field of the label before the amount at `pos` in its clause, if any."""
    labels = list(LEX.label_re.finditer(sent, clause_start(sent, pos, "，,；;。"), pos))
    return LEX.label(labels[-1]).field if labels else None


# (a label after a block word, or the rest of one its 支出 began: "基本支出预算 250 万元" is read by 支出预算)
_LABEL_AFTER_WORD = rf"(?:{LEX.label_re.pattern}|(?:预算|决算)(?:数|金额)?)"
_LIST_ITEM = re.compile(rf"\s*(?P<label>{_LABEL_AFTER_WORD})?\s*{LEX.part_filler}\s*(?P<num>{NUMBER})\s*(?P<unit>{LEX.unit})\s*[，,、；;]\s*")


def _after_a_list_of_parts(sent: str, words: list[re.Match], pos: int) -> str | None:
    """"基本支出年初预算 200 万元，项目支出年初预算 100 万元，调整后预算 320 万元"; "其中：基本支出 208 万元，项目支出
    107 万元，执行率 98.44%": two parts listed clause by clause, each with its own figure (of one label or none);
    a label in a later clause names neither. The whole's when the first amount after the list is at least the
    parts together or the list opens with 其中 after the whole's amount; else no block's (left unread)."""
    if len(words) < 2 or {LEX.block_of(words[-2]), LEX.block_of(words[-1])} != {"basic", "projects"}:
        return None
    first = _LIST_ITEM.fullmatch(sent, words[-2].end(), words[-1].start())
    last = _LIST_ITEM.match(sent, words[-1].end(), pos)
    if first is None or last is None or _item_field(sent, first) != _item_field(sent, last):
        return None
    together = money_to_wan(first["num"], first["unit"]) + money_to_wan(last["num"], last["unit"])
    after = LEX.money.search(sent, last.end())
    before = sent[: words[-2].start()]
    if (after and money_to_wan(after["num"], after["unit"]) >= together) or (
            LEX.parts_intro.search(before[-4:]) and _AMOUNT_END.search(before[:before.rfind("其中")])):
        return "overall"
    return _ONE_PROJECT  # (no block: "基本支出年初预算 200 万元，项目支出年初预算 100 万元，调整后预算 110 万元")


_LAST_ITEM = re.compile(rf"\s*(?:{_LABEL_AFTER_WORD})?\s*{LEX.part_filler}\s*(?:{NUMBER})\s*(?:{LEX.unit})"
                        rf"(?:\s*[，,；;]{LEX.summed.pattern}\s*{LEX.part_filler}\s*(?:{NUMBER})\s*(?:{LEX.unit}))?\s*[。；;]?\s*")


def _both_parts(sent: str, words: list[re.Match], end: int) -> bool:
    """Do the last two block words name both parts, not one, for the labels (or sentences) after them before `end`:
    joined ("包括基本支出和项目支出两部分，年初预算 …", "基本支出和项目支出年初预算 …": the two together), or, to the
    sentence's end, each with its own figure ("基本支出 208 万元，项目支出 107 万元。", "…，合计 315 万元。": the next
    sentence's labels)? ("基本支出、项目支出年初预算分别为 …" never gets here: _listed_blocks drops them first.)"""
    if len(words) < 2 or {LEX.block_of(words[-2]), LEX.block_of(words[-1])} != {"basic", "projects"}:
        return False
    if LEX.parts_joined.fullmatch(sent, words[-2].end(), words[-1].start()):
        return True
    return (end == len(sent) and _LIST_ITEM.fullmatch(sent, words[-2].end(), words[-1].start()) is not None
            and _LAST_ITEM.fullmatch(sent, words[-1].end()) is not None)


_SUMMED_END = re.compile(rf"[，,；;]{LEX.summed.pattern}\s*{LEX.part_filler}\s*(?P<num>{NUMBER})\s*(?P<unit>{LEX.unit})\s*[。；;]?\s*$")
_LEAD_LABEL_END = re.compile(r"\s*[:：]\s*")


def _read_summed_parts(sent: str, rec: Record, taken: dict, spoken: int | None) -> None:
    """"基本支出年初预算 200 万元，项目支出年初预算 100 万元，合计 300 万元", "支出决算：基本支出 208 万元；项目支出
    107 万元；合计 315 万元": the two parts, each with its figure of one label (theirs, or the one before the colon
    opening the list), then their sum: the sum is the whole's figure of that label (it must add up)."""
    end = _SUMMED_END.search(sent)
    if end is None:
        return
    words = _naming_words(sent, end.start())
    if len(words) < 2 or {LEX.block_of(words[-2]), LEX.block_of(words[-1])} != {"basic", "projects"}:
        return
    first = _LIST_ITEM.fullmatch(sent, words[-2].end(), words[-1].start())
    last = _LIST_ITEM.fullmatch(sent, words[-1].end(), end.start() + 1)
    if first is None or last is None or _another_body_speaks(sent, words[-2].start(), rec) or any(
            _about_another_year(sent, at, rec, spoken) for at in (words[-2].start(), end.start())):
        return  # (the list's lead names the year: "上年支出决算：基本支出…；项目支出…；合计…")
    field, lead = _item_field(sent, first), None
    if first["label"] is None and last["label"] is None:
        labels = [m for m in LEX.label_re.finditer(sent, 0, words[-2].start())
                  if _LEAD_LABEL_END.fullmatch(sent, m.end(), words[-2].start())]
        lead = labels[-1] if labels else None
        field = LEX.label(lead).field if lead else None
    elif field != _item_field(sent, last):
        return
    if field not in _PART_FIELDS or (lead is not None and LEX.label(lead).kind != "money"):
        return
    parts = [(words[-2], first), (words[-1], last)]
    values = [money_to_wan(item["num"], item["unit"]) for _, item in parts]
    total = money_to_wan(end["num"], end["unit"])
    if not adds_up(total, values):
        return
    _store(rec, "overall", field, total, sent, taken)
    if lead is not None:  # (the parts' own labels were read with them)
        for (word, _), value in zip(parts, values):
            _store(rec, LEX.block_of(word), field, value, sent, taken)


def _item_field(sent: str, item: re.Match) -> str | None:
    """The field of a list item's label: its own, or the one its block word's 支出 began ("基本支出预算 …")."""
    if not item["label"]:
        return None
    at = item.start("label")
    m = LEX.label_re.match(sent, at) or LEX.label_re.match(sent, max(0, at - 2))
    return LEX.label(m).field if m else None


_AMOUNT_END = re.compile(rf"\d\s*(?:{LEX.unit})\s*[，,]?\s*$")


def _sum_of_the_parts(sent: str, words: list[re.Match], pos: int) -> bool:
    """Does the label at `pos` stand in a clause opening with 合计 after clauses of two blocks or more ("基本支出 …；项目
    支出 …；合计年初预算 9900 万元，…": the parts summed, the whole's)?"""
    at = clause_start(sent, pos, "；;")
    return (_SUM_OPENING.match(sent, at) is not None
            and len({LEX.block_of(w) for w in words if w.start() < at and _has_own_figure(sent, w)}) >= 2)


def _has_own_figure(sent: str, word: re.Match) -> bool:
    """Does an amount follow the block word in its clause ("基本支出年初预算 2400 万元"; not "基本支出保障有力，")?"""
    end = _CLAUSE_END.search(sent, word.end())
    return LEX.money.search(sent, word.end(), end.start() if end else len(sent)) is not None


_SUM_OPENING = re.compile(r"\s*(?:以上|两项|二者|两者)?(?:合计|总计|共计)")


def _part_closed(sent: str, m: re.Match, pos: int) -> bool:
    """Is the block word at `m` one of a 其中 list of blocks that a "；" closes before `pos` ("年初预算 8620 万元，其中：
    基本支出预算 3200 万元，项目支出预算 5420 万元；调整后预算 9000 万元": the list names its parts, the
    clause after it is the whole's again)?"""
    closes = [i for i in (sent.find("；", m.end(), pos), sent.find(";", m.end(), pos)) if i >= 0]
    if not closes:
        return False
    intro = LEX.parts_intro.search(sent, clause_start(sent, m.start(), "；;。"), m.start())
    # a list of parts names two blocks or more; "其中：项目支出调整后预算 930 万元；实际支出 910 万元" is one
    # part's figures, split by "；"
    return intro is not None and len({LEX.block_of(w) for w in LEX.block_words.finditer(sent, intro.end(), min(closes))}) >= 2


def _before_an_outgrown_part(sent: str, words: list[re.Match], pos: int) -> list[re.Match]:
    """The block words before the label at `pos`, less those of one part a 其中 opens right after the whole's amount
    when, after that part's own budget (its adjusted one, else its initial one), an amount up to the label's figure is
    well past both that budget and the whole ("年初预算 1320 万元，其中项目支出预算追加至 620 万元，全年实际支出 1548.3
    万元，预算执行率 96.2%": the part cannot have spent 1548.3 of 620; the clauses from there are the whole's again).
    The part's block named again after its budget ("…，项目支出实际支出 548.2 万元") still names it; a list of parts
    (其中基本支出 …，项目支出 …) is left to `_after_a_list_of_parts`."""
    at = sent.rfind("其中", 0, words[-1].start())
    intro = LEX.parts_intro.match(sent, at) if at >= 0 else None
    if intro is None or not any(w.start() == intro.end() for w in words):
        return words
    if len({LEX.block_of(w) for w in words if w.start() >= at}) > 1:
        return words
    before = [a for a in LEX.money.finditer(sent, max(0, at - 40), at) if _UP_TO_QIZHONG.fullmatch(sent, a.end(), at)]
    figure = _DIGIT.search(sent, pos)  # (the label's own figure: an amount, or a rate after the amounts)
    budget = _parts_budget(sent, intro.end(), pos)
    if not before or figure is None or budget is None:
        return words
    whole = money_to_wan(before[-1]["num"], before[-1]["unit"])
    for a in LEX.money.finditer(sent, budget[1]):
        if a.start() > figure.start():
            break
        value = money_to_wan(a["num"], a["unit"])
        if value > whole and value > budget[0] * _WELL_PAST and _bracket_around(sent, a.start(), len(sent)) < 0:
            return [w for w in words if not at <= w.start() < budget[1]]
    return words


_WELL_PAST = Decimal("1.2")  # (a part may overspend its budget a little, never by a fifth)


def _parts_budget(sent: str, start: int, pos: int) -> tuple[Decimal, int] | None:
    """A part's budget stated from `start` to `pos` (or a "；" before it) and where it ends: its first adjusted budget
    ("预算追加至 620 万元", "调整后预算 560 万元"), else its first initial budget."""
    initial = None
    end = min([pos] + [i for i in (sent.find("；", start, pos), sent.find(";", start, pos)) if i >= 0])
    for label in LEX.label_re.finditer(sent, start, end):  # (within the part's clauses: "；" may end them)
        field = LEX.label(label).field
        to = _ADJUSTED_TO.match(sent, label.end()) if field == "adjustment" else None  # ("追加至 620 万元")
        if field in ("adjusted_budget", "initial_budget") or to:
            a = LEX.money.match(sent, to.end() if to else _FILLER.match(sent, label.end()).end())
            if a and field != "initial_budget":
                return money_to_wan(a["num"], a["unit"]), a.end()
            if a and initial is None:
                initial = money_to_wan(a["num"], a["unit"]), a.end()
    return initial


_FILLER = re.compile(rf"\s*{LEX.part_filler}\s*")
_UP_TO_QIZHONG = re.compile(r"\s*[，,]?\s*")  # (the whole's amount ends right before its 其中)
_ADJUSTED_TO = re.compile(r"\s*[至到]\s*")


def _listed_blocks(sent: str, m: re.Match, pos: int) -> bool:
    """Is the block word at `m` one of several listed before a "分别为" that stands before `pos`
    ("基本支出、项目支出年初预算分别为 A、B 万元，全年实际支出 C 万元"): each names its figure of the
    list, none the labels after it."""
    if LEX.respectively_cue not in sent:
        return False
    for q in LEX.respectively.finditer(sent, m.end(), pos):
        start = clause_start(sent, q.start(), "，,；;：:")
        listed = [w for w in LEX.block_words.finditer(sent, start, q.start())]
        return start <= m.start() and len(listed) >= 2 and len({LEX.block_of(w) for w in listed}) >= 2
    return False


_LOOKAHEAD = 2  # characters a block word's pattern looks past its end (部门 before 年初, 全年, 预算 …)


def _words_end(sent: str, pos: int) -> int:
    """Where block words before the label at `pos` may end: a label that opens with 支出 ("支出预算",
    "支出决算数") may share it with the block word before it ("基本支出预算")."""
    return pos + 2 if sent.startswith("支出", pos) else pos


def _last_naming(sent: str, words: list[re.Match]) -> str | None:
    """The block of the last of these block words that is no breakdown item (looked at from the
    last back: the earlier ones need not be judged); _ONE_PROJECT when it is a named project's 项目."""
    for i in range(len(words) - 1, -1, -1):
        m = words[i]
        if not _is_breakdown_item(sent, m) and not _object_of_label(sent, m):
            if m.re is LEX.named_fund:
                return _ONE_PROJECT  # (a fund's word is in the list only when a name stands before it)
            if m.group() in _BARE_PROJECT and LEX.key_projects.fullmatch(_project_head(sent, m)):
                return _KEY_PROJECTS  # "重点项目": a few projects
            if m.group() == "个项目" and LEX.listed_projects.search(sent, max(0, m.start() - 16), m.start()):
                return _KEY_PROJECTS  # "防汛和抗旱两个项目": a few named projects
            if m.group() in _BARE_PROJECT and (_names_one_project(sent, m) or _the_project_again(sent, words, i)):
                return _ONE_PROJECT
            if m.group() == "项目支出" and _names_one_project(sent, m):
                return _ONE_PROJECT  # "其中，学生资助项目支出 1120 万元": that project's spending
            return LEX.block_of(m)
    return None


def _the_project_again(sent: str, words: list[re.Match], i: int) -> bool:
    """Is the bare 项目 of words[i], opening its clause, the one project named by the block word right before it,
    the first the sentence names ("…农村公路养护项目年初预算 A 万元，…，项目预算执行率 R")? Not after the block's
    own words ("项目支出…，其中信息化建设项目 120 万元，项目预算执行率 R": the block's rate)."""
    return (i == 1 and not _project_head(sent, words[i]) and words[0].group() in _BARE_PROJECT
            and _names_one_project(sent, words[0]))


# Not a block: the figures of one project named before 项目 ("学生资助项目", "“…”项目"), or of a few
# named ones ("重点项目"). A figure in it is left unread; a heading or sentence naming it gives
# the sentences after it no block.
_ONE_PROJECT = ONE_PROJECT
_KEY_PROJECTS = KEY_PROJECTS  # ("重点项目" …: a few named ones; its sentences' 项目支出 still names the block)
_NO_BLOCK = (_ONE_PROJECT, _KEY_PROJECTS)
_BARE_PROJECT = ("项目", "项目资金")
_NAME_ENDS = "，,。；;：:、"
_NAME_OPENING = re.compile(r"\s*(?:其中\s*|(?:19|20)\d{2}\s*年度?\s*|[一二三四五六七八九十]是\s*)*")  # (…, "二是")
_QUOTED = re.compile(r"[“\"「『《][^“”\"「」『』《》]{2,40}[”\"」』》]")


def _names_one_project(sent: str, m: re.Match) -> bool:
    """Does a name stand before the bare 项目 (项目资金: _BARE_PROJECT) at `m`, from its clause's start
    (after a list number, 其中 or a year): "其中：学生资助项目全年预算 …", "其中“…”项目年初预算 …"? Not
    words that name the block ("调整后项目预算", "本级项目", "我局项目")."""
    head = _project_head(sent, m)
    if _QUOTED.fullmatch(head) or _THIS_ONE.fullmatch(head):
        return True  # ("该项目年初预算 …": the one project the section names, its figures its own)
    if not head and m.group() in _BARE_PROJECT and _clause_names_a_project(sent, m.start()):
        return True  # "县交通运输局在我镇实施的农村公路提升项目，项目资金 …": that project's money
    if m.re is LEX.named_fund and LEX.fund_level.fullmatch(head):
        return False  # "省级专项资金": where the money comes from, no fund's name
    undertaken = _UNDERTAKEN.search(head) if "的" in head or "项目" in head else None
    if undertaken is not None:
        head = head[undertaken.end():]  # "本中心实施的农村公路养护项目…": the name after what the unit undertook
    return (2 <= len(head) <= 30 and (not _NOT_NAME_CHARS.search(head) or _BRACKETED_NAME.fullmatch(head))
            and _is_a_name(head))


_THIS_ONE = re.compile(r"该|此|这一?个?")
# A unit's words before a project's name: what it carries out ("本中心实施的…", "我站承担的…", "县交通运输局负责的…").
# So are a few projects' words naming the one they pick out ("其中重点项目为免疫规划项目，年初预算 …").
_UNDERTAKEN = re.compile(r".*(?:(?:实施|承担|负责|牵头|承办|执行|组织实施)的|项目(?:为|是|即))")
_PROJECT_CLAUSE = re.compile(r"(?:^|[，,。；;：:])(?:[^，,。；;：:]*的)?(?P<name>[^，,。；;：:的]{2,30})项目\s*[，,]\s*$")


def _clause_names_a_project(sent: str, pos: int) -> bool:
    """Is the clause right before `pos` nothing but one project's name ("…在我镇实施的农村公路提升项目，")?"""
    m = _PROJECT_CLAUSE.search(sent, 0, pos)
    return m is not None and not _NOT_NAME_CHARS.search(m["name"]) and _is_a_name(m["name"])


def _project_head(sent: str, m: re.Match) -> str:
    """The words before the 项目 at `m` from its clause's start (after a list number, 其中 or a year)."""
    start = clause_start(sent, m.start(), _NAME_ENDS)
    if start == 0:
        number = LEX.numbering.match(sent)
        start = number.end() if number and number.end() <= m.start() else 0
    return sent[_NAME_OPENING.match(sent, start, m.start()).end():m.start()]


_NOT_NAME_CHARS = re.compile(r"[\d\s（）()]")
# A name with what it pays for or holds in brackets at its end ("信访事务(宣传费)项目", "农村公路养护（含桥梁）项目"):
# still one project's name; not a scope ("单位（本级）", "全馆（含分馆）", "部门（单位）").
_BRACKETED_NAME = re.compile(r"[^\d\s（）()]{3,}(?<!本级)(?<!单位)(?<!部门)(?<!机关)"
                             r"[（(](?![^）)]*(?:部门|单位|本级|机关|本部|所属|下属))[^\d\s（）()]{1,12}[)）]")


def _parts_follow(sent: str, end: int, pattern: re.Pattern) -> int | None:
    """Where the parts of the figure ending at `end` start ("，其中基本支出 …", "（基本支出 …")."""
    m = _PARTS_NEXT.match(sent, end)
    return m.end() if m and pattern.match(sent, m.end()) else None


def _part_block(m: re.Match) -> str:
    return next(b for b in ("overall", "basic", "projects") if b in m.re.groupindex and m[b])


_CITED = re.compile(r"《[^》]*》")  # a cited document's title


def _last_year_before(sent: str, end: int, default: int | None) -> int | None:
    """The last year written before `end`, not counting those inside a cited document's 《title》; `default` when
    none is. (`end` is the sentence's end or where a label, count or list starts: none of those starts with a
    digit, a space, 度 or 月, so a year ending by `end` reads the same in the whole sentence as in its part
    before `end`.)"""
    for year_end, year in reversed(_year_marks(sent)):  # (a loop: no list, no generator, asked for every label)
        if year_end <= end:
            return year
    return default


@lru_cache(maxsize=4096)
def _year_marks(sent: str) -> tuple[tuple[int, int], ...]:
    """(end, year) of each year the sentence writes outside a cited 《title》: found once per
    sentence, asked for each of its labels."""
    if "年" not in sent:
        return ()
    if "《" not in sent:  # (no cited title: every year counts, no title to look up for each)
        return tuple((y.end(), int(y["year"])) for y in _FISCAL_YEAR.finditer(sent))
    titles = [(t.start(), t.end()) for t in _CITED.finditer(sent)]
    return tuple((y.end(), int(y["year"])) for y in _FISCAL_YEAR.finditer(sent)
                 if not any(a <= y.start() < b for a, b in titles))


@lru_cache(maxsize=4096)
def _spoken_year(sent: str) -> int | None:
    """The year the sentence leaves the next ones speaking of: its last year, not one it compares
    with ("…，与2021年相比减少 X 万元。其中：…": the parts are still this year's) nor one a reason for a
    change names ("…减少27.31万元，主要原因是2022年有疫情防控经费…。其中：…")."""
    marks = _year_marks(sent)
    compared = {m.end() for m in COMPARED_YEAR.finditer(sent)} if marks else ()
    reason = _REASON.search(sent) if marks and "因" in sent else None
    for end, year in reversed(marks):  # (a loop, not next() over a generator: asked of every sentence)
        if end not in compared and (reason is None or end <= reason.start()) and not _CARRIED_FROM.match(sent, end):
            return year
    return None


# A year money was carried over from ("1.2019 年结余结转 29.32 万元。2.收入…3.支出…"): the sentences after it still
# speak of the year evaluated.
_CARRIED_FROM = re.compile(r"\s*(?:底|末)?\s*(?:结余结转|结转结余|结转|结余)")


_SPAN_OF_YEARS_BEFORE = re.compile(r"(?:19|20)\d{2}\s*(?:年度?)?\s*(?:至|到|[-—–~～－])\s*(?:19|20)\d{2}\s*年度?\s*$")
_REASON = re.compile(r"原因(?:主要)?(?:是|为|在于)|(?:主要)?是(?:由于|因为)")


def _about_another_year(sent: str, pos: int, rec: Record, spoken: int | None = None) -> bool:
    """Is the clause holding the label at `pos` about another year than the report's? With no
    year of its own, a sentence speaks of the year the sentences before it (`spoken`) named."""
    year = rec.year
    other_year, part_of_year, together = _year_words(sent)
    if other_year:
        start = clause_start(sent, pos, "，,；;")
        if any(not _in_inclusion(sent, y.start(), pos) for y in LEX.other_year.finditer(sent, start, pos)):
            return True
        if _another_year_opens(sent, pos) and _speaks_of_its_year(rec.text, year):
            return True
    if (part_of_year or "月" in sent or "季" in sent) and _in_part_of_year(sent, pos):
        return True
    if together and LEX.years_together.search(sent, clause_start(sent, pos, "；;"), pos):
        return True  # "两年共安排预算 …，实际支出 …": the years' money together, no one year's
    if "年" in sent[max(0, pos - 3):pos] and _SPAN_OF_YEARS_BEFORE.search(sent, max(0, pos - 20), pos):
        return True  # "2021-2023年实际支出 …": the span's money, no one year's
    # a label opening with a year word ("年度追加预算", "本年追加") leaves it to the year before it:
    # "2022年度追加预算 A" is 2022's, "…，本年追加 B" the report year's
    opening = _LABEL_YEAR.match(sent, pos)
    if opening and opening["own"] and year is not None:
        return False
    said = _last_year_before(sent, opening.end() if opening else pos, spoken)
    return said is not None and year is not None and said != year


def _another_year_opens(sent: str, pos: int) -> bool:
    """Does a year before the report's open a clause before `pos`, as the subject of the clauses after it up to "；"
    ("上年度我镇全年预算 A 万元，实际支出 B 万元，执行率 R；本年度…": B and R are last year's too), with no year of its
    own spoken since ("…，本年实际支出较上年增长…")?"""
    start = clause_start(sent, pos, "；;")
    m = _ANOTHER_YEAR_OPENING.match(sent, start, pos)  # (opening the clauses: not "…实际支出 A，上年为 B，同比…")
    return (m is not None and not _A_YEAR_SPOKEN.search(sent, m.end(), pos)
            and not _A_YEAR_SPOKEN.match(sent, pos))


@lru_cache(maxsize=8)  # (asked only where a year before opens a clause; a text's hash is kept by the string)
def _speaks_of_its_year(text: str, year: int | None) -> bool:
    """Does the report state figures of its own year in its body (本年, 今年, 本年度, the year written, a figure after it
    in its clause), so that its 上年度 is the year before, not the year a report written the year after calls 上年度
    ("2024年公开…" / "上年度，我中心…"; a cited notice's 《…2023年度…》 or a plan's "今年，我局将…" says nothing)?"""
    if year is None:
        return False
    body = _CITED.sub("", text.split("\n", 1)[1]) if "\n" in text else ""  # (not the title's year, nor a cited notice's)
    return re.search(rf"(?:{LEX.this_year_words}|{year}\s*年度?)[^。；;\n]{{0,30}}?\d\s*(?:万元|亿元|元|%)", body) is not None


# (the lexicon's words for the year before; not the year's own money named by it: 上年结转, 上年末, 上年同期, nor a
# comparison's base: 上年相比; the word taken whole, atomic, so that 上年度结转 is not 上年 before 度结转)
_ANOTHER_YEAR_OPENING = re.compile(rf"\s*(?:在|而|但)?\s*(?>{LEX.last_year_words})"
                                   r"(?!结转|结余|剩余|同期|末|底|初|以来|相比|比较|基础|的基础|为)")
_A_YEAR_SPOKEN = re.compile(rf"{LEX.this_year_words}|本期|当期|(?:19|20)\d{{2}}\s*年")
_LABEL_YEAR = re.compile(r"(?P<own>本年度?)|年度|年中")
# A month before the year's last or a quarter ("10月份", "十月", "1-11月", "四季度"), with the colon or comma after it
# when it opens its clause ("10月份：实际支出 …", "9月，部门预算执行率 …"); and the words that may stand between it and a label
_A_MONTH = re.compile(rf"(?:{LEX.a_month.pattern})\s*(?P<sep>[：:，,]\s*)?")
_OPENS_ITS_CLAUSE = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年度?\s*)?")  # (what may stand before such a month: its year)
_BEFORE_A_LABEL = re.compile(r"(?:的|财政|部门|整体|项目|基本|支出|预算|资金|\s)*")
_BARE_BEFORE_A_RATE = re.compile(r"(?:的|财政|预算|资金|\s)*")  # (no block's: "，部门整体预算执行率 R" is the year's)
_A_MONTHS_OWN = ("completion_rate", "actual")  # (a month's budget or change may be the year's: "9月份追加预算 …")
_MONTH_COMPARED = re.compile(r"(?:较|比|高于|低于|同比|同|与|对比|相较于?)(?:上年)?(?:同期)?\s*(?:(?:19|20)\d{2}\s*年\s*)?$")


def _months_clause(sent: str, pos: int) -> int:
    """Where a month's figures for the label at `pos` may start: its own clause ("10月份预算执行率为 80%，本年实际支出
    604.5 万元": the year's again), or the one before when a rate opens this one ("9月份实际支出 A 万元，预算执行率 R":
    the rate of the month's amount)."""
    start = clause_start(sent, pos, "，,；;")
    if start > 0 and sent[start - 1] in "，," and _BARE_BEFORE_A_RATE.fullmatch(sent, start, pos):
        label = LEX.label_re.match(sent, pos)
        if label is not None and LEX.label(label).field == "completion_rate":
            return clause_start(sent, start - 1, "，,；;")
    return start


@lru_cache(maxsize=4096)  # (asked for every label of a sentence holding 月)
def _months_figures(sent: str) -> tuple[re.Match, ...]:
    """The months before the year's last that state their own progress or spending: "10月份预算执行率为 80%",
    "9月份项目支出实际支出 450 万元" (not a comparison's base, "较10月份执行率提高…", nor a 决算's date, nor a note's:
    "全年实际支出 A（10月份实际支出 B），预算执行率 R" — its month speaks of the note's figure only)."""
    out = []
    for month in _A_MONTH.finditer(sent):
        if (_MONTH_COMPARED.search(sent, max(0, month.start() - 12), month.start())
                or _bracket_around(sent, month.end(), len(sent)) >= 0):
            continue
        if month["sep"] and not _OPENS_ITS_CLAUSE.fullmatch(sent, clause_start(sent, month.start(), "，,；;"),
                                                            month.start()):
            continue  # ("…于9月，实际支出 …" is no month's heading)
        for label in LEX.label_re.finditer(sent, month.end(), min(len(sent), month.end() + 24)):
            if not _BEFORE_A_LABEL.fullmatch(sent, month.end(), label.start()):
                break  # ("项目支出预算执行率": 支出预算 is a label too, before 执行率)
            if LEX.label(label).field in _A_MONTHS_OWN and "决算" not in label.group():
                out.append(month)
                break
    return tuple(out)


_INCLUSION = re.compile(r"[（(]\s*(?:含|包含|包括)")


def _in_inclusion(sent: str, at: int, pos: int) -> bool:
    """Is `at` inside a bracket saying what the whole includes, closed before `pos` ("部门整体支出（含上年结转资金
    12 万元）执行率 96.5%": the whole is this year's, its 上年 names a part)?"""
    opened = max(sent.rfind("（", 0, at), sent.rfind("(", 0, at))
    if opened < 0 or not _INCLUSION.match(sent, opened):
        return False
    closed = [c for c in (sent.find("）", opened, pos), sent.find(")", opened, pos)) if c >= 0]
    return bool(closed) and min(closed) > at


def _in_part_of_year(sent: str, pos: int) -> bool:
    """Does a part of the year ("截至6月底…") speak at `pos`, within its part of the sentence (up
    to "；") and with no phrase of the whole year ("全年…") since?"""
    part_start = clause_start(sent, pos, "；;")
    last = None
    for m in LEX.mid_year.finditer(sent, part_start, pos) if _year_words(sent)[1] else ():
        last = m
    months = _months_figures(sent) if "月" in sent or "季" in sent else ()
    start = _months_clause(sent, pos) if months else pos
    for month in months:  # (a month's end: one heading its clause ends after the comma that opens it)
        if start <= month.end() <= pos and (last is None or month.start() > last.start()):
            last = month
    return last is not None and not (LEX.whole_year.search(sent, last.end(), pos) or LEX.whole_year.match(sent, pos))


@lru_cache(maxsize=4096)
def _year_words(sent: str) -> tuple[bool, bool, bool]:
    """Do another year (上年, 同比 …), a part of the year and several years together ("两年共…") appear
    anywhere in the sentence? (Asked once per sentence, not once per label: a pattern with no
    look-ahead that finds nothing in the whole sentence finds nothing in a part of it.)"""
    return (LEX.other_year.search(sent) is not None,
            holds_any(sent, LEX.mid_year_cues) and LEX.mid_year.search(sent) is not None,
            ("年" in sent or "五" in sent) and holds_any(sent, _TOGETHER_CUES)  # (五: "十四五以来")
            and LEX.years_together.search(sent) is not None)


_TOGETHER_CUES = "共计"  # (every years_together match ends with 共, 合计, 累计 or 总计: most sentences hold neither)


def _read_sentence(sent: str, context: str | None, rec: Record, taken: dict, spoken: int | None = None,
                   unit: str | None = None, following: str = "", items_at: int | None = None,
                   within: bool = False, opened: tuple[str, str] | None = None) -> str | None:
    """`unit`: the unit the section states for bare numbers (None: a money figure needs its unit);
    `following`: the next sentence of the paragraph (it may list the parts of a total); `items_at`:
    where the items of a block's spending start, announced in this sentence ("项目支出…分为三个方面，
    一是…") or before it ("…；二是…"); `within`: the section is about a budget within the unit's; `opened`: the
    part of the unit's money its section or paragraph opened with, alone ("（一）政府性基金预算情况")."""
    # (a regex is asked only of a sentence holding its cue character: most name no count, no 其中 …)
    for m in LEX.count.finditer(sent) if LEX.count_cue in sent else ():
        if (not _about_another_year(sent, m.start(), rec, spoken) and not _another_body_speaks(sent, m.start(), rec)
                and not _count_of_others(sent, m, rec)):
            _store(rec, "projects", "count", int(next(n for n in m.groupdict().values() if n)), sent, taken)
    read: list[tuple[re.Match, re.Match]] = []  # (label, figure) of this year
    classes: list[tuple[re.Match, re.Match]] = []  # (label, figure) of a class of spending: no block's
    procurement = LEX.not_the_budget_cue in sent
    openers = _other_funds_openers(sent, rec)
    item = _item_name(sent) if items_at is None and holds_any(sent, LEX.parts_intro_cues) else None
    if item and (context == "projects" or _one_fund_or_unit(item, rec.department)):
        items_at = 0  # "…共有8个支出项目。其中，审判业务年初预算数 8 万元，…；执行业务 300 万元…": each project's;
        # "…调整后预算 1012.5 万元。其中：优抚对象补助资金调整后预算 650 万元…": one fund's, not the unit's
    for m, label, after, of_a_class in _labelled_figures(sent, unit):
        if of_a_class:
            classes.append((m, after))  # 工资福利支出预算: one class of spending, no block's budget
            continue
        if items_at is not None and m.start() >= items_at and not _item_names_a_block(sent, m.start()):
            continue  # one of the items listed, not its block's whole
        part_at, opener = _opener_of(openers, m.start())
        if (opener is not None and not any(n.start() >= part_at for n, _ in read + classes)
                and _the_class_goes_on(sent, opener[0].end(), m.start(), read)):
            if m.start() < opener[1].start():
                classes.append((m, after))  # "三公经费（含…）年初预算 18 万元": the label of its own amount
                continue
            classes.append(opener)  # "上年结转资金 32.5 万元，执行率 100%": the labels after it are its
        if classes and _the_class_goes_on(sent, classes[-1][1].end(), m.start(), read):
            if (label.kind != "money" or not _exceeds(after, classes[-1][1], unit)
                    or _another_budget_within(sent, classes[-1][1].end(), m.start())):
                classes.append((m, after))  # "“三公”经费支出预算 8 万元，实际支出 5 万元，执行率 62.5%": the class's
                continue  # (else "人员经费年初预算 250 万元，全年实际支出 490 万元": the unit's again; not when another
                # budget within is named between, "…，培训费预算 9.5 万元，实际支出 8.8 万元": that one's)
        if procurement and LEX.not_the_budget.search(sent, 0, m.start()):
            continue  # procurement's budget and rate, not the unit's
        if _another_body_speaks(sent, m.start(), rec):
            # (the office's figures read before, and a unit's line like its own: one part of several)
            taken.office_a_part |= bool(taken.own_office) and (_a_units_line(sent, m.start()) or (
                LEX.subunit_in(sent, 0, m.start()) is not None and not _A_SHARE_OF_IT.search(sent)))
            continue  # "全县教育系统年初预算 …", "县教育局2023年部门年初预算 …": that body's money
        if not _about_another_year(sent, m.start(), rec, spoken):
            follows = label.follows
            if follows and (not read or LEX.label(read[-1][0]).field != follows):
                continue  # "实际支出 X，较年初预算减少 Y": not the budget's adjustment
            if (label.kind != "money" and "其中" in sent and _after_an_unread_part(sent, read, m.start())
                    and not _bears_out_the_whole(read, rec, unit, after)):
                continue  # "…，其中政府性基金预算支出 334 万元，执行率 101.21%": that part's rate (not "全年支出总额 1318.6
                # 万元，其中“三公”经费 11.8 万元，预算执行率 97.50%" of a budget of 1352.4: the whole's)
            read.append((m, after))
    sources = _sources(sent, read, unit, opened) if read else {}
    if "另有" in sent and LEX.other_money.search(sent):
        taken.other_money = True  # "…，另有上年结转资金 40 万元": a main source's figures are not all the unit's
    budget = _budget_total(sent, read)
    units = False  # (within a budget's section: was the last total the unit's?)
    money_read = False  # (was a money label read: else the sentence may state the parts of a total before it)
    whole_said = False  # (was an amount read the whole unit's by its parts: a rate after it with no block word is too)
    # (the last amount read, found once: a rate may follow it, "全年实际支出 T 万元，预算执行率 R。其中…")
    last_money = -1  # (a loop, not max() over a generator: asked of every sentence with a figure)
    for j, (n, _) in enumerate(read):
        if LEX.label(n).kind == "money":
            last_money = j
    for k, (m, after) in enumerate(read):
        label = LEX.label(m)
        money = label.kind == "money"
        money_read = money_read or money
        parts_at = _parts_follow(sent, after.end(), LEX.part_figure if money else LEX.part_rate)
        value = money_to_wan(after["num"], after.groupdict().get("unit") or unit) if money else to_decimal(after["num"])  # (inline: every label)
        whole = parts_at is not None or (money and _split_later(sent, after.end(), read[k + 1:], value))
        # "2024年共支出 T 万元。其中，基本支出 B 万元，项目支出 P 万元。": parts that add up make the whole unit's
        whole = whole or (k == last_money and _parts_add_up(following, value))
        whole_said = whole_said or (money and whole)
        stated = (label.block or _block_at(sent, m.start(), unit) or (None if money else _part_before(sent, m.start()))
                  or ("overall" if whole or (not money and whole_said) or LEX.subjects.search(sent, 0, m.start())
                      or _names_the_unit(sent, m.start(), rec.department)
                      else None) or _sentence_block(sent))
        if budget and m.start() > budget[0] and label.field in ("initial_budget", "adjustment"):
            stated = budget[2] or "overall"  # a part of the budget stated before 其中
        if within and stated == "overall" and not whole and not _the_unit_said(sent, m, rec.department):
            # under "（三）“三公”经费情况": "…，支出总额 15 万元，执行率 75%" is that budget's total, unless
            # of the unit's size ("全年支出总额 897 万元，其中“三公”经费 12.5 万元"); a rate goes with its amount
            if money:
                units = (_of_the_units_size(value, rec) or _holds_the_sub_budget(sent, after.end())
                         or _split_into_blocks(sent, after.end(), value))
            elif not units:  # (a rate before the amount it goes with: "执行率 R，支出总额 A"; or after an unlabelled one)
                units = _rate_of_the_unit(sent, m, read[k + 1:], rec, unit)
            if not units:
                continue
        block = stated or context
        # (in a 重点项目 section, a sentence saying 项目支出 names the block; its other 项目 words are the few projects')
        spending = context == _KEY_PROJECTS and (label.block == "projects" or _says_project_spending(sent, m.start()))
        if block is None or block in _NO_BLOCK or (context in _NO_BLOCK and stated == "projects" and not spending):
            continue  # no block's, or one project's (its own 项目 words in its section): left unread
        if block == "projects" and label.block is None and _named_items_part(sent, m.start()):
            continue  # under "二、项目支出情况": "食品安全抽检年初预算 80 万元，实际支出 78.5 万元" is that item's
        if label.field == "adjustment" and (_changes(read) > 1 or LEX.carryover.search(sent)):
            continue  # one of several changes to the budget ("追加 A、调减 B"): the net is not stated
        if label.sign < 0 and value > 0:
            value = -value
        if label.field == "adjustment_rate" and value > 0 and LEX.decrease.search(sent[: m.start()].rsplit("，", 1)[-1] + m.group()):
            value = -value
        if block in ("basic", "projects") and m.start() in sources:
            continue  # "项目支出中财政拨款年初预算 …", "…中专项资金执行率 …": a source's or fund's share of the part, not the part's
        if block == "overall" and _a_subunits_brackets(sent, m.start()):
            continue  # "下属单位2个：市水文站（全年预算 286 万元，…）": that unit's figures
        if (block == "overall" and label.field in taken.own_office
                and (_names_the_whole(sent, m.start()) or _the_unit_after_its_office(sent, m.start(), rec.department))
                and whole_for_its_office(rec, taken, label.field, value, sent)):
            continue  # "局本级全年预算 1210 万元，…；部门汇总全年预算 5012 万元": the whole's, in its office's place
        source = sources.get(m.start()) if block == "overall" else None
        if source is not None:  # one fund type's, one fund's or a main source's figure: not (yet) the whole's
            if source[0] == "main":
                taken.main_source.append(Offer(block, label.field, value, sent, stated is None))
            taken.other_fund_type |= LEX.other_fund_types.match(source[1]) is not None
            continue
        _store(rec, block, label.field, value, sent, taken, inferred=stated is None)
        if label.field == "adjustment" and "含" in sent and _HOLDS_BEFORE.search(sent, max(0, m.start() - 10), m.start()):
            taken.held_changes.append((block, value, sent))  # "调整后预算含上级追加资金 210 万元": all the change?
        if block == "overall" and getattr(rec.overall, label.field, None) == value and _own_office_only(sent, m.start()):
            taken.own_office[label.field] = (value, sent)  # (a figure of the whole may follow: it is the unit's)
        if money and block == "overall" and label.field in _PART_FIELDS:
            taken.last_total = (label.field, value)  # the parts in the next sentence may be its
        if parts_at is not None and label.field != "adjustment":  # the sign of a part of an adjustment is not stated reliably
            _read_parts(sent, parts_at, label.field, money, rec, taken)
    if holds_any(sent, LEX.parts_intro_cues):  # (most sentences hold no 其中: no lists of labels to make)
        _read_breakdown(sent, [m for m, _ in read], rec, taken, [m for m, _ in classes])
    if budget and budget[2] not in _NO_BLOCK and not (within and not budget[2] and not _of_the_units_size(budget[1], rec)):
        _store(rec, budget[2] or "overall", "adjusted_budget", budget[1], sent, taken)
    if not money_read:
        _read_parts_of_total(sent, rec, taken, spoken)
    if LEX.summed_cue in sent and context not in _NO_BLOCK:
        _read_summed_parts(sent, rec, taken, spoken)
    several = False  # "基本支出、项目支出…分别为": the sentence names no one block for the next
    # (a class's label names the field of a list after it: "公用经费支出决算数 40 万元，基本支出、项目支出分别为…")
    named = sorted(read + classes, key=lambda pair: pair[0].start()) if classes else read
    for q in _RESPECTIVELY.finditer(sent) if LEX.respectively_cue in sent else ():
        several |= _read_respectively(sent, q, named, context, rec, taken, spoken)
    return context if several else _carried(sent, context)


def _after_an_unread_part(sent: str, read: list[tuple[re.Match, re.Match]], pos: int) -> bool:
    """Does the rate at `pos` follow an amount a 其中 opened after the last figure read, one no label read and naming no
    block ("…实际支出 2286.4 万元，其中政府性基金预算支出 334 万元，执行率 101.21%")? The rate is that part's."""
    start = read[-1][1].end() if read else 0
    at = sent.find("其中", start, pos)
    amount = LEX.money.search(sent, at, pos) if at >= 0 else None
    # (the part states its own spending, "政府性基金预算支出 334 万元", not a share named alone, "其中疫情防控 420.3 万元";
    # no block word from it to the rate's label: "…，整体支出预算执行率 97.3%" names the whole)
    return (amount is not None and _PART_SPENDS.search(sent, at, amount.start()) is not None
            and not LEX.block_words.search(sent, at, _words_end(sent, pos)))


_PART_SPENDS = re.compile(r"支出|预算|决算")


def _bears_out_the_whole(read: list[tuple[re.Match, re.Match]], rec: Record, unit: str | None, rate: re.Match) -> bool:
    """Is the rate the last spending read ÷ a budget of the unit's (read before, or in the sentence), within rounding?"""
    actual, budgets = None, [b for b in (rec.overall.adjusted_budget, rec.overall.initial_budget) if b is not None]
    for m, after in read:
        field = LEX.label(m).field
        if field in ("actual", "adjusted_budget", "initial_budget"):
            value = money_to_wan(after["num"], after.groupdict().get("unit") or unit)
            if field == "actual":
                actual = value
            else:
                budgets.append(value)
    return any(is_rate_base(actual, to_decimal(rate["num"]), b) for b in budgets)


def _named_items_part(sent: str, pos: int) -> bool:
    """Does a name open the first label's clause in the part of the sentence holding `pos` (from its start or a "；"):
    "食品安全抽检年初预算 80 万元，实际支出 78.5 万元" (not "年初预算 …", "本年度年初预算 …", "我局年初预算 …")?"""
    first, named = _named_item_opens(sent, clause_start(sent, pos, "；;"))
    return named and first <= pos


@lru_cache(maxsize=4096)  # (asked of each label under the projects heading; reports repeat their sentences)
def _named_item_opens(sent: str, part: int) -> tuple[int, bool]:
    """(where the part's first label starts, whether a name opens its clause)."""
    first = LEX.label_re.search(sent, part)
    if first is None:
        return len(sent), False
    head = sent[clause_start(sent, first.start(), _NAME_ENDS):first.start()]
    head = head[_NAME_OPENING.match(head).end():].strip()
    return first.start(), (2 <= len(head) <= 20 and not _NOT_NAME_CHARS.search(head) and _is_a_name(head)
                           and not LEX.block_words.search(head + first.group())  # (not "基本" of "基本支出决算")
                           and not _NO_ITEMS_NAME.search(head) and not _A_PLACE.search(head) and not reads_as_org(head))


_A_PLACE = re.compile(r"(?:省|市|县|区|州|旗|镇|乡|街道|村|社区)$")  # ("丰都县江池镇年初预算 …": the unit, by its place)
# Words of where money comes from, or of a kind of money, not an item's name ("县财政安排", "业务经费", "上级补助")
_NO_ITEMS_NAME = re.compile(r"财政|安排|拨款|补助|经费|费$|资金|上级|本级|[省市县区]级|中央|自筹|专项|追加|下达")


def _changes(read: list[tuple[re.Match, re.Match]]) -> int:
    """How many changes to the budget (追加, 调减 …) the sentence's labels read state."""
    return sum(LEX.label(m).field == "adjustment" for m, _ in read)


def _sources(sent: str, read: list, unit: str | None, opened: tuple[str, str] | None = None) -> dict[int, tuple[str, str]]:
    """("part" or "main", its words) by the start of each label read that a part of the money states: a fund
    type's, one fund's or a source's words right before it ("政府性基金预算年初预算", "专项资金执行率",
    "财政拨款年初预算") or opening the sentence's first clause that states an amount ("政府性基金预算年初安排
    800 万元，实际支出 …"), and the labels after it while that part goes on (no "；", block word, subject
    or figure of the unit's between; an amount well above the part's is the unit's again)."""
    out, run = {}, _source_opening(sent)  # run: (kind, words, the figure it goes on from, its last amount)
    may_open = _OPENING_CUE.search(sent) is not None  # (most sentences name no part at a clause's opening)
    if run is None and opened is not None:
        run = (*opened, _SENTENCE_START.match(sent), None)  # (from the sentence's start: its first clause is the part's)
    for m, after in read:
        back, ends = max(0, m.start() - 16), LEX.part_or_source_end
        word = None if m.start() == 0 or (ends and not ends.match(sent, m.start() - 1)) else (
            LEX.part_fund_before.search(sent, back, m.start()) or LEX.main_source_before.search(sent, back, m.start()))
        if (word is not None and LEX.change_label.search(m.group())
                and LEX.obtained_cause.search(sent, max(0, word.start() - 4), m.start())):
            run = None  # "因争取上级补助资金调整后预算增加至 …": the money that changed the unit's budget, not its figure
            continue
        opening = _part_opening(sent, m.start()) if word is None and may_open else None
        if word is not None:
            run = ("part" if word.re is LEX.part_fund_before else "main", word.group(), after, None)
        elif opening is not None:
            run = (*opening, after, None)
        elif run is None or not _the_class_goes_on(sent, run[2].end(), m.start(), []) or (
                LEX.label(m).kind == "money" and run[3] is not None and LEX.label(m).field != "adjusted_budget"
                and _wan(run[3], unit) > 0 and _exceeds(after, run[3], unit)) or LEX.all_funds.search(sent, run[2].end(), m.start()):
            # (an adjusted budget may be well above the part's first: "政府性基金预算年初预算 0 万元，调整后预算 356 万元")
            run = None
            continue
        out[m.start()] = run[:2]
        run = (run[0], run[1], after, after if LEX.label(m).kind == "money" else run[3])
    return out


_SENTENCE_START = re.compile("")


def _names_a_part(text: str) -> tuple[str, str] | None:
    """("main" or "part", its words) when the text is nothing but a part of the unit's money, numbered or not
    ("（一）一般公共预算财政拨款情况", "（二）政府性基金预算。")."""
    if len(text) > _PART_LINE_MAX or not _OPENING_CUE.search(text):
        return None
    text = text.strip().rstrip("。.：: ")
    number = LEX.numbering.match(text)
    m = LEX.opening_part.fullmatch(text, number.end() if number else 0)
    return _part_named(m) if m is not None else None


def _part_named(m: re.Match) -> tuple[str, str] | None:
    """("main", its words) or ("part", its words) of an `opening_part` match naming a source or a part, else None."""
    return ("main", m["main"]) if m["main"] else ("part", m["part"]) if m["part"] else None


# What every opening_part names (a sentence holding none of them opens no part): its words' cores, and a frame's 口径.
_OPENING_CUES = ("拨款", "公共", "财政补助", "基金", "国有资本", "结转", "代编", "专户", "转移支付", "单位资金", "其他资金",
                 "本级", "口径")
# (one scan of the text for any of them: 2-4 times faster than 13 substring tests where none is, as in most texts)
_OPENING_CUE = re.compile("|".join(map(re.escape, _OPENING_CUES)))
_PART_LINE_MAX = 40  # a line naming a part alone is short


def _part_opening(sent: str, pos: int) -> tuple[str, str] | None:
    """("main" or "part", its words) when a part of the unit's money is named alone at the opening of the clause
    (to a "；") of the label at `pos`, right before the clause's first label, and that part goes on to `pos`
    (lexicon.toml's `opening_part`: "2.政府性基金预算：年初预算 …", "一是财政拨款，年初预算 …", "从财政拨款口径看，…")."""
    for marks in ("；;", "；;：:"):  # (the clause, or its words after a colon: "资金来源包括三类：一是财政拨款，…")
        start = clause_start(sent, pos, marks)
        number = LEX.numbering.match(sent, start)
        m = LEX.opening_part.match(sent, number.end() if number else start)
        first = LEX.label_re.match(sent, m.end()) if m is not None and (m["main"] or m["part"] or m["frame"]) else None
        # (its first label may be unread, "上年结转资金全年预算 …": the labels after it in the clause are the part's still)
        if first is not None and (first.start() == pos or first.start() < pos and _the_class_goes_on(sent, first.end(), pos, [])
                                  and not LEX.all_funds.search(sent, first.end(), pos)):
            break
    else:
        return None
    if (named := _part_named(m)) is not None:
        return named
    if LEX.all_funds.search(m["frame"]):
        return None  # "按全部资金（含财政拨款）口径统计，…": every source
    framed = LEX.main_source.search(m["frame"]) or LEX.part_funds.search(m["frame"])
    return None if framed is None else ("main" if framed.re is LEX.main_source else "part", framed.group())


# Characters of which every match of lexicon.toml's `part_funds` holds one: 金 (基金, 资金), 经 (国有资本经营, 经费),
# 付 (转移支付). (cues() finds none: a branch of its opens with any characters; the regex tries it at every
# position, and most clauses before an amount name no fund.)
_PART_FUNDS_CUES = "金经付"


def _holds_any_in(text: str, chars: str, start: int, end: int) -> bool:
    """Does text[start:end] hold one of `chars`?"""
    for c in chars:
        if text.find(c, start, end) >= 0:
            return True
    return False


def _source_opening(sent: str) -> tuple[str, str, re.Match, re.Match] | None:
    """A fund type's or one fund's words opening the sentence's first clause that states an amount, with
    no label between them and it ("政府性基金预算年初安排 800 万元"): the labels after it are that part's."""
    first, start = _first_amount(sent)
    if first is None or "元" not in sent or not _holds_any_in(sent, _PART_FUNDS_CUES, start, first.start()):
        return None
    word = LEX.part_funds.search(sent, start, first.start())
    if word is None or LEX.label_re.search(sent, word.end(), first.start()) or LEX.block_words.search(sent, start, word.start()):
        return None
    return "part", word.group(), first, first


@lru_cache(maxsize=4096)  # (a pure function of the sentence and the block before it, asked of every sentence)
def _carried(sent: str, context: str | None) -> str | None:
    """The block the sentence leaves to the next ones of its paragraph: its last block word's, or the
    context's. Within one project's section, its 项目 words name that project ("项目预算执行率 …")."""
    last = _last_block(sent)
    if last == _ONE_PROJECT and context not in _NO_BLOCK and _fund_in_a_part(sent):
        return context  # "…，其中农村饮水专项资金预算 300 万元。": a part of the sentence's figure, not the next one's
    if last in ("basic", "projects") and _both_parts(sent, _naming_words(sent, len(sent)), len(sent)):
        return context  # the sentence named both parts: neither is the next sentence's
    if last is not None and "原因" in sent:
        words = _naming_words(sent, len(sent))
        cause = sent.find("原因")
        if words[-1].start() > cause and _CHANGE_WORD.search(sent, words[-1].end()):
            # "增加原因：项目支出预算增加。": what changed, not the block of the next sentence's figures (a block named
            # before the cause still is: "项目支出年初预算 400 万元，…，增加原因：新增项目支出增加。")
            last = _last_naming(sent, [w for w in words if w.start() < cause])
    return context if last is None or (context in _NO_BLOCK and last == "projects") else last


def _says_project_spending(sent: str, pos: int) -> bool:
    """Is the block word naming the label at `pos` 项目支出 itself, not a bare 项目/项目资金 ("项目预算资金 …" in a
    重点项目 section is one of them)?"""
    words = _naming_words(sent, _words_end(sent, pos))
    return bool(words) and words[-1].group() == "项目支出"


def _fund_in_a_part(sent: str) -> bool:
    """Is the sentence's last naming word a named fund in a 其中 clause?"""
    words = _naming_words(sent, len(sent))
    intro = LEX.parts_intro.search(sent) if "其中" in sent else None
    return bool(words) and words[-1].re is LEX.named_fund and intro is not None and intro.start() < words[-1].start()


@lru_cache(maxsize=4096)  # (a pure function of the sentence: reports repeat their sentences)
def _labelled_figures(sent: str, unit: str | None) -> tuple[tuple[re.Match, Label, re.Match, bool], ...]:
    """(label, Label, the figure written right after it, whether the label is a class of spending's)
    of each label followed by its figure, in order; revenue's and a task's rate left out. `unit`: as _read_sentence's."""
    out = []
    for m in LEX.label_re.finditer(sent):
        label = LEX.label(m)
        if label.kind == "money":
            after = LEX.money_after.match(sent, m.end()) or (unit and LEX.bare_after.match(sent, m.end()))
        else:
            after = LEX.pct_after.match(sent, m.end()) or LEX.formula_after.match(sent, m.end())
        if not after:
            continue
        if LEX.revenue.search(sent, max(0, m.start() - 4), m.start()):
            continue  # 收入决算数, 收支决算, 收入预算完成率: revenue's, never spending's
        if label.kind == "money" and sent.endswith(LEX.per_head, 0, m.start()):
            continue  # 人均实际支出, 生均支出: one head's share, not the unit's
        if label.field == "budget" and _CHANGED_BEFORE.search(sent, max(0, m.start() - 8), m.start()):
            continue  # "年中调减基本支出预算 40 万元": the change to the budget, not the budget
        if label.field == "actual" and _BUDGET_RUN_IN.match(sent) and not _SPENT_WORD.search(m.group()):
            continue  # "（二）支出预算：2026年支出合计 …": the budget's total, not the spending (实际支出 is spent)
        if (label.field == "actual" and (revenue := _BUDGET_REVENUE_THEN.search(sent, 0, m.start()))
                and not _SPENT_WORD.search(sent, max(0, m.start() - 2), m.end())
                and (side := LEX.money.search(revenue.group())) and to_decimal(side["num"]) == to_decimal(after["num"])):
            continue  # "部门预算收入合计 302.5 万元，支出合计 302.5 万元": the budget's other side, balancing its revenue
            # (not "收入预算 820.5 万元，全年支出 801.2 万元": what was spent of it)
        if (label.field == "completion_rate" and sent.endswith(LEX.task_rate, 0, m.start())
                and not sent.endswith(LEX.budget_task_rate, 0, m.start())):
            continue  # 任务完成率, 年度计划完成率: a task's progress, not the budget's
        if label.field == "completion_rate" and m.group() == "完成率" and sent.endswith(LEX.task_rate_bare, 0, m.start()):
            continue  # 项目完成率: the projects done, not the money spent
        if label.kind != "money" and LEX.second_figure_after.match(sent, after.end()):
            continue  # "预算调整率 10% 6.67%": a row of target and actual, which is which unstated
        if label.kind != "money" and LEX.rate_threshold_after.match(sent, after.end()):
            continue  # "执行率100%的项目10个": a threshold picking some projects out, no block's rate
        if label.kind != "money" and "最" in sent and (pick := _EXTREME.search(sent, 0, m.start())) \
                and not _WHOLE_OR_BLOCK.search(sent, pick.end(), m.end()):
            continue  # "项目支出执行率最低的是客运站维修项目，执行率为 62.5%": the one item picked out's
        if label.kind != "money" and LEX.rate_floor_after.match(sent, after.end()):
            continue  # "预算执行率达90%以上", "所有项目执行率均达到90%以上": a floor the rate reached, not the rate
        # (公用经费执行率 is that class's rate as 公用经费支出决算数 is its amount)
        out.append((m, label, after, sent.endswith(LEX.classes_before_a_label, 0, m.start())))
    return tuple(out)


# A sentence headed by the spending budget it states ("（二）支出预算：…", "2.部门收支预算：…"): its 支出合计 is budgeted,
# not spent ("部门预算：年初…，本年支出合计…" may say both: not this)
_BUDGET_RUN_IN = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．])?\s*"
                            r"(?:部门|单位)?(?:支出|收支|收入支出)预算\s*[:：]")
_SPENT_WORD = re.compile(r"实际|决算|执行|完成|发生")
_WHOLE_OR_BLOCK = re.compile(r"整体|部门|基本支出|项目支出|全年")
_EXTREME = re.compile(r"率最(?:低|高)的(?:是|为)")  # (the item a rate picks out, "执行率最低的是…项目", no block's)
# The clause right before a label that states a budget's revenue ("2021年部门预算收入合计 302.50 万元，"): the label
# opening the next clause is that budget's spending side unless it says spent
_BUDGET_REVENUE_THEN = re.compile(r"(?:预算(?:总)?收入|收入预算)[^，,；;。：:]{0,16}[，,、]\s*$")
# A change's verb right before a budget's label and its block word ("调减基本支出预算 40 万元", "追加项目支出预算 …").
_CHANGED_BEFORE = re.compile(r"(?:调减|调增|追加|追减|核减|核增|压减|增加|减少)了?(?:基本|项目|部门|单位)?$")
_HOLDS_BEFORE = re.compile(r"(?:包)?含[^，,。；;：:\d]{0,8}$")  # ("…含上级追加资金", "其中含追加")
_OWN_OFFICE = re.compile(r"(?<!含)(?:(?:局|委|办|院|厅|中心)?机关本级|(?:局|委|办|院|厅|中心)本级|局机关|^本级)"
                         r"(?!及|和|与|、|以外|之外)")
_THE_WHOLE = re.compile(r"全系统|部门整体|含下属|含所属")
_WHOLE_AS_WELL = re.compile(rf"汇总|全局(?!性)|合并|合计|总计|{_THE_WHOLE.pattern}")  # (the whole, or the units' sum maybe)


def _names_the_whole(sent: str, pos: int) -> bool:
    """Does the clause of the figure at `pos` name the whole (部门汇总, 全系统, 部门整体 …), not the units under it?"""
    head = sent[clause_start(sent, pos, "；;。"):pos]
    # ("下属学校汇总…", "所属3个单位合并…": the units under it; "加上所属2家事业单位，部门整体…", "局机关及所属单位汇总…": the whole)
    return bool(_THE_WHOLE.search(head) or _WHOLE_AS_WELL.search(head) and not LEX.units_apart(head))


def _the_unit_after_its_office(sent: str, pos: int, department: str | None) -> bool:
    """Is the unit itself (我局, 本部门, its name …) the subject of the figure at `pos`, its office not named with it?
    After its office's own figures ("局机关本级年初预算 520 万元 …。我局年初预算 1850 万元 …") it is the whole."""
    start = clause_start(sent, pos, "；;。")
    first = LEX.label_re.search(sent, start, pos + 1)
    head = sent[start:first.start() if first else pos]  # (the words before the sentence's first label)
    subject = LEX.subjects.search(head)
    if subject is None and not _names_the_unit(head, len(head), department) or _OWN_OFFICE.search(head):
        return False
    # (the unit alone as the clause's head: not "我局负责分配的…转移支付资金", "我局政府性基金预算": a part of its money)
    if subject:
        rest = head[subject.end():]
    else:  # (after the unit's name, or its short name: "2022年岭北县交通运输局年初预算 …")
        rest = head[max((head.rfind(n) + len(n) for n in _short_names(department or "") if n in head), default=0):]
    return _WHOLE_HEAD_REST.fullmatch(rest) is not None


_A_SHARE_OF_IT = re.compile(r"^\s*其中|含在|包含在|已含|并入")  # ("其中，我局下属…站…，已含在上述局机关本级数中")
_WHOLE_HEAD_REST = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年度?)?\s*(?:部门|单位)?\s*(?:整体|汇总|合计|全年|总)?\s*(?:支出)?\s*[，,:：]?\s*")


def _a_units_line(sent: str, pos: int) -> bool:
    """Does the sentence open with a unit's name right before its first label at `pos`, as the office's line does
    ("县图书馆年初预算 …", "县农技推广中心2023年年初预算 …"; not an area's whole, "全县教育系统…", nor money handed down,
    "县财政局下达全县…")?"""
    number = LEX.numbering.match(sent)
    name = _YEAR_TAIL.sub("", sent[number.end() if number else 0:pos]).strip(" ：:")
    return (bool(name) and LEX.label_re.search(sent, 0, pos) is None and not _NOT_A_UNITS_LINE.search(name)
            and reads_as_org(name))


_YEAR_TAIL = re.compile(r"\s*(?:19|20)\d{2}\s*年度?\s*$")
_NOT_A_UNITS_LINE = re.compile(r"全|系统|下达|各|所有|行业|领域")


def _own_office_only(sent: str, pos: int) -> bool:
    """Is the figure at `pos` the unit's own office's alone by the head of its clause ("局本级2023年全年预算…",
    "机关本级实际支出…"; not "局本级及下属单位…", "部门汇总（含局本级）…")?"""
    if "本级" not in sent and "机关" not in sent:
        return False  # (most sentences: no office named)
    head = sent[clause_start(sent, pos, "；;。"):pos]
    return _OWN_OFFICE.search(head) is not None and _WHOLE_AS_WELL.search(head) is None


_BODY_END = ("局", "站", "所", "院", "中心", "馆", "队", "校", "会", "园", "室")


def _a_subunits_brackets(sent: str, pos: int) -> bool:
    """Does the figure at `pos` stand in brackets right after the name of a unit under the department, listed as one
    ("下属单位2个：市水文站（全年预算 286 万元…）")? (Not the unit's own name: "本部门为某局（全年预算 …）".)"""
    start = max(0, pos - 60)
    opened = max(sent.rfind("（", start, pos), sent.rfind("(", start, pos))
    if opened < 0 or max(sent.rfind("）", opened, pos), sent.rfind(")", opened, pos)) >= 0:
        return False  # (most figures: no bracket open before them)
    return sent[:opened].rstrip().endswith(_BODY_END) and LEX.subunit_word.search(sent, 0, opened) is not None


def _count_of_others(sent: str, m: re.Match, rec: Record) -> bool:
    """Is the count `m` other bodies' or several years' by the head of its clause ("下属单位共实施项目8个",
    "市乡村振兴局共安排项目120个", "近三年累计实施项目36个"), or one of a row of target and actual
    ("完成项目数量 10个 12个")?"""
    if LEX.second_figure_after.match(sent, m.end()) or LEX.count_reviewed_after.match(sent, m.end()):
        return True
    start = clause_start(sent, m.start(), "，,；;：:。")
    head = sent[start:m.start()]
    others = LEX.count_of_others.search(head)
    if others and not LEX.subjects.search(head, 0, others.start()):  # ("我局在全县各乡镇共实施项目20个": its own, in the towns)
        return True
    dept = rec.department
    if LEX.subunit_in(head) and not (dept and LEX.subunit_in(dept)):
        return True
    name = _head_name(head)
    return bool(dept and name and (_another_level(name, dept) or _another_kind_of_unit(name, dept)))


def _another_body_speaks(sent: str, pos: int, rec: Record) -> bool:
    """Is another body than the unit the subject at `pos`? An area's whole that states a figure in
    this clause or an earlier one ("全县教育系统年初预算 A，实际支出 B"; "全镇财政总收入 A，财政总支出 B"),
    or a unit of another kind whose name opens a clause right before its labels ("县教育局2023年部门年初
    预算 …" in a school's report), or a unit under the department ("…局下属公路养护中心年初预算 …"). The
    unit itself speaking after it ("…，我校年初预算 …") ends it."""
    said = None  # the subject of the last clause before `pos` that has one (a loop, no list: asked for every label)
    for at, body in _subjects_of_clauses(sent, rec.department):
        if at < pos:
            said = body
    return said == "other"


# (not the comma of "28,650.20"; every branch opens with its mark, so the engine scans for the marks alone)
_CLAUSE_END = re.compile(r"[，；;]|,(?:(?<!\d,)|(?!\d))")
_FIGURE = re.compile(rf"(?:{NUMBER})\s*(?:{LEX.unit})")  # (money: "全县森林覆盖率达到65.3%" is no budget)
# ("县水土保持站：年初预算 …", "县卫健委2023年下达卫生系统年初预算 …")
_HEAD_TAIL = re.compile(rf"\s*(?:(?:19|20)\d{{2}}\s*年度?)?\s*{LEX.handed_down}\s*(?:部门|单位)?\s*(?:整体)?\s*[:：]?\s*$")


@lru_cache(maxsize=4096)
def _subjects_of_clauses(sent: str, department: str | None) -> tuple[tuple[int, str], ...]:
    """(where, "unit" or "other") for each clause whose subject the unit or another body is, in order:
    found once per sentence, asked for each of its labels."""
    out = []
    start = 0
    named = _may_name_the_unit(sent, department)  # (most sentences never name the unit: no clause to look in)
    for end in [m.start() for m in _CLAUSE_END.finditer(sent)] + [len(sent)]:
        found = _subject_of_clause(sent, start, end, department, named)
        if found:
            out.append(found)
        start = end + 1
    # a part of the department (局机关本级) beside the unit as a subject: the part's money, not the whole's
    # (or beside a unit under it, "局机关年初预算 …；下属救助站 …", or after 其中, "其中局机关基本支出 …": a share)
    whole = any(body != "part" for _, body in out)
    return tuple((at, "other" if body == "part" else body) for at, body in out if body != "part" or whole)


def _subject_of_clause(sent: str, start: int, stop: int, department: str | None,
                       named: bool = True) -> tuple[int, str] | None:
    """(where it is named, "unit" or "other") when the unit or another body is the subject of the clause
    sent[start:stop]: the unit by a subject word or its name; another body by an area's whole that
    states a figure after it in the clause, or by a name of another kind right before the clause's
    first label. (`named`: False when the sentence holds no name of the unit's, _may_name_the_unit.)"""
    region = LEX.region_fiscal.search(sent, start, stop) if "总" in sent else None
    if region and not LEX.own_fiscal.search(sent, start, region.start()):
        return region.start(), "other"  # "2023年财政总支出35.6亿元": the county's, whoever speaks
    said_below = _IS_A_SUBUNIT.search(sent, start, stop) if "单位" in sent else None
    if (said_below and not LEX.label_re.search(sent, start, stop) and sent[stop:stop + 1] in "，,"
            and not _THE_WHOLE_NAMED.search(sent, stop)
            and not LEX.subjects.search(sent, start, said_below.start())
            and not _names_the_unit(sent[start:said_below.start()], said_below.start() - start, department)):
        return start, "other"  # "县水文站为我局二级单位，2023年年初预算 …": the clauses after it speak of that unit
        # (not after a "；", nor when the whole is named after it: "…；2023年部门整体支出年初预算 …", nor of the unit
        # itself: "县疾控中心为我委直属事业单位，…" in the 疾控中心's report, "我站是本局下属事业单位，…")
    own = LEX.subjects.search(sent, start, stop)
    below = _subunit_speaks(sent, start, stop, department)
    if below is None and ("争" in sent or "申" in sent):
        below = _obtained_speaks(sent, start, stop)  # "我局争取市级专项资金年初预算 …": that money's
    if (own and LEX.whole_system.fullmatch(own.group()) and department
            and (_another_kind_of_unit(head := _head_name(sent[start:own.start()]), department)
                 or _another_level(head, department))):
        return start, "other"  # "县教育局全系统年初预算 …" in a school's report: the bureau's whole system
        # (not "县卫生健康局下达我院年初预算 …": the unit's own budget, handed down to it)
    if own or (named and _names_the_unit(sent[start:stop], stop - start, department)):
        at = own.start() if own else start
        return (below, "other") if below is not None and below >= at else (at, "unit")  # "我局下属…中心年初预算"
    if below is not None:
        return below, "other"
    area = LEX.other_bodies.search(sent, start, stop) if "全" in sent else None
    if area and (_FIGURE.search(sent, area.end(), stop) or LEX.label_re.search(sent, area.end(), stop)):
        return area.start(), "other"
    first = LEX.label_re.search(sent, start, stop) if department else None
    if first:
        name = _head_name(sent[start:first.start()])
        if name and (_another_kind_of_unit(name, department) or _another_level(name, department)):
            return first.start() - 1, "other"
        if part := LEX.unit_part.match(name):  # "局机关本级年初预算 …": judged with the sentence's other subjects
            return start, "other" if part["share"] else "part"  # ("其中局机关 …": a share of the figure before)
    return None


_THE_WHOLE_NAMED = re.compile(r"部门整体|单位整体|整体支出|全局|部门(?=年初|全年|调整|实际|预算|支出|决算|总)|[我本](?:局|委|办|院|厅|中心)(?!下属|所属|二级)")
# A unit said to be one under the department ("县水文站为我局二级单位", "…是本局下属事业单位").
_IS_A_SUBUNIT = re.compile(r"(?:为|是|系)(?:我|本)(?:局|委|办|院|厅|中心|部门|单位)?的?(?:下属|直属|所属|二级)(?:预算|事业|行政)?单位")


# (a clause's few opening words recur across reports, "我局", "全年", "县教育局"; _HEAD_TAIL, all of it optional, is
# tried at every position of the head: 1-5 µs a head)
@lru_cache(maxsize=4096)
def _head_name(head: str) -> str:
    """The words of a clause's head before a year, 下达 …系统, 部门 or 整体 at its end (after a year at its start:
    "2022年县防汛抗旱服务中心年初预算 …")."""
    name = head[:_HEAD_TAIL.search(head).start()].strip()
    return name[_LEADING_YEAR.match(name).end():]


def _subunit_speaks(sent: str, start: int, stop: int, department: str | None) -> int | None:
    """Where a unit under the department (下属单位, "下属公路养护中心") is named in the clause sent[start:stop]
    before its first label: its figures are that unit's, not the department's (whose own name may hold
    such words: "某县直属机关工作委员会办公室")."""
    if not holds_any(sent, LEX.subunit_cues) or (department and LEX.subunit_in(department)):
        return None
    first = LEX.label_re.search(sent, start, stop)
    below = LEX.subunit_in(sent, start, first.start()) if first else None
    return below.start() if below else None


def _obtained_speaks(sent: str, start: int, stop: int) -> int | None:
    """Where money the unit obtained (争取 …资金) is named in the clause sent[start:stop] before its first label."""
    first = LEX.label_re.search(sent, start, stop)
    got = LEX.obtained.search(sent, start, first.start()) if first else None
    return got.start() if got else None


def _another_kind_of_unit(name: str, department: str) -> bool:
    """Does `name` name a unit of another kind than the report's (a 局 in a 中学's report)? Of the same
    kind it may be the unit's own short name ("市监局" for 市场监督管理局): not judged."""
    if not reads_as_org(name) or name in department or abbreviates(name, department):
        return False
    return _org_kind(name) != _org_kind(department)


def _org_kind(name: str) -> str:
    suffix = LEX.org_suffix.search(name)
    word = suffix.group() if suffix else ""
    return dict(LEX.abbreviations).get(word, word)


def _names_the_unit(sent: str, pos: int, name: str | None) -> bool:
    """Is the unit itself (named `name`), by its name or a short form of it ("省红十字会" for
    山东省红十字会), the subject before `pos`?"""
    if not name or len(name) < 3:
        return False
    shorts = _short_names(name)
    # each short name is a tail of the name, so each holds the shortest (the last): where that one is
    # not before `pos`, none is (asked of every clause of every sentence; most never name the unit)
    if not shorts or sent.find(shorts[-1], 0, pos) < 0:
        return False
    # the text up to the short name: _another_level judges the word before its longest run agreeing with the
    # unit's name ("市住房和城乡建设局" holds 城乡建设局 after 和, but 市 before 住房和城乡建设局 names the city's bureau)
    return any(0 <= at <= pos - len(short) and not (at and _another_level(sent[:at + len(short)], name))
               for short, at in _first_places(sent, name))


def _may_name_the_unit(sent: str, name: str | None) -> bool:
    """Does the sentence hold the unit's shortest short name (each of its names holds it: without it,
    _names_the_unit is False of any part of the sentence)?"""
    if not name or len(name) < 3:
        return False
    shorts = _short_names(name)
    return bool(shorts) and shorts[-1] in sent


def _another_level(name: str, department: str) -> bool:
    """Is `name` a body of another level with the unit's own name ("市水利局" in 青岭县水利局's report): a level
    word (`level`) before a tail of the department's name, where the department's own level word differs?"""
    # (the first tail name[i:], i ≥ 1, that the department ends with, from the length of their common tail: no
    # slice and endswith for each i, asked of every clause's head)
    i = max(1, len(name) - _common_tail(name, department))
    if i > len(name) - 3:
        return False  # (no tail of three characters or more in common)
    ours = department[len(department) - len(name) + i - 1:len(department) - len(name) + i]
    return (LEX.level.fullmatch(name[i - 1]) is not None and LEX.level.fullmatch(ours or " ") is not None
            and ours != name[i - 1])


def _common_tail(a: str, b: str) -> int:
    """How many characters `a` and `b` end with in common."""
    n, most = 0, min(len(a), len(b))
    while n < most and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


@lru_cache(maxsize=8)
def _first_places(sent: str, name: str) -> tuple[tuple[str, int], ...]:
    """Where each short name of the unit first stands in the sentence (-1: nowhere): looked up once a
    sentence, not once a label (a run-on sentence of n labels was searched n times)."""
    return tuple((short, sent.find(short)) for short in _short_names(name))


@lru_cache(maxsize=64)
def _short_names(name: str) -> tuple[str, ...]:
    """The unit's name and its tails that still read as a unit's name ("省红十字会")."""
    return tuple(name[i:] for i in range(len(name) - 2) if reads_as_org(name[i:]))


@lru_cache(maxsize=8)
def _sentence_block(sent: str) -> str | None:
    """The whole unit, when every block word of the sentence names it ("…，部门整体预算执行率 93.81%")."""
    blocks = {LEX.block_of(m) for m in LEX.block_words.finditer(sent) if not _is_breakdown_item(sent, m)}
    return "overall" if blocks == {"overall"} else None


def _part_before(sent: str, pos: int) -> str | None:
    """The block of a part figure right before a rate ("基本支出 A 元，执行率 100%"): the rate is that part's."""
    start = max(sent.rfind("；", 0, pos), sent.rfind(";", 0, pos), sent.rfind("其中", 0, pos))
    found = None
    for m in LEX.part_figure.finditer(sent, max(start, 0), pos):
        found = m
    if found is None or not _BETWEEN_PART_AND_RATE.fullmatch(sent, found.end(), pos):
        return None
    return _part_block(found)


_BETWEEN_PART_AND_RATE = re.compile(r"\s*[，,、]?\s*(?:其|预算)?")


def _parts_add_up(sent: str, total: Decimal) -> bool:
    """Does `sent` open with 其中 and list parts of `total` by block (基本支出 …, 项目支出 …): all of them
    when there are two or more (they add up to it), or one that is less than it (a block is no
    part of itself)?"""
    q = LEX.parts_intro.match(sent.lstrip())
    if not q:
        return False
    text = sent.lstrip()
    parts = [money_to_wan(m["num"], m["unit"]) for m in LEX.part_figure.finditer(text, q.end())
             if not _names_one_project(text, m)]  # ("其中学生资助项目支出 1120 万元": a project's, no block's)
    return adds_up(total, parts) if len(parts) >= 2 else len(parts) == 1 and 0 < parts[0] < total


def _budget_total(sent: str, read: list) -> tuple[int, Decimal, str | None] | None:
    """"预算收入 X 万元，其中年初预算 A 万元，调整追加 B 万元" with A + B = X: (where 其中 stands, X, the block a
    word before X names). X is the adjusted budget and A, B are its parts, whatever the word before X
    and the heading above say (the parts say what it is)."""
    if not holds_any(sent, LEX.parts_intro_cues):
        return None
    for q in _BREAKDOWN.finditer(sent):
        before = [m for m in LEX.money.finditer(sent, 0, q.start())]
        if not before or not re.fullmatch(r"\s*[，,；;]?\s*", sent[before[-1].end():q.start()]):
            continue
        total = money_to_wan(before[-1]["num"], before[-1]["unit"])
        after = {}
        for m, fig in read:
            if m.start() > q.start() and LEX.label(m).field in ("initial_budget", "adjustment") and fig.groupdict().get("unit"):
                after.setdefault(LEX.label(m).field, money_to_wan(fig["num"], fig["unit"]) * LEX.label(m).sign)
        if len(after) == 2 and adds_up(total, [after["initial_budget"], after["adjustment"]]):
            return q.start(), total, _block_at(sent, before[-1].start())
    return None


# "年初预算、调整后预算、实际支出分别为 A、B、C 万元"; "基本支出、项目支出执行率分别为 99%、97%"
_RESPECTIVELY = LEX.respectively
_LIST_SEP = re.compile(r"\s*(?:、|和|及|与|，|,)\s*")


def _read_respectively(sent: str, q: re.Match, read: list, context: str | None, rec: Record, taken: dict,
                       spoken: int | None = None) -> bool:
    """Names listed before "分别为" and as many figures after it: each name takes its figure.
    The names are all labels (of one block) or all block words (of one field); anything else,
    or a count that differs, is left unread. Returns whether the names are several blocks."""
    start = clause_start(sent, q.start(), "，,；;：:")
    names = _LIST_SEP.split(sent[start:q.start()].strip())
    several = len(names) >= 2 and sum(bool(LEX.block_words.search(n)) for n in names) >= 2
    if _about_another_year(sent, q.start(), rec, spoken) or _another_body_speaks(sent, q.start(), rec):
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
        names[-1] = names[-1][:tail.start()].removesuffix("的")  # ("基本支出和项目支出的实际支出分别为…")
    # the first name may follow its subject or "其中" ("我局年初预算", "其中基本支出")
    blocks = [_name(LEX.block_words, n, i == 0) for i, n in enumerate(names)]
    labels = [_name(LEX.label_re, n, i == 0) for i, n in enumerate(names)]
    if all(blocks):
        label = shared or _last_label_before(read, start, "percent" if percent else "money")
        if label is None or (label.kind == "percent") != percent or label.field == "adjustment":
            return several
        pairs = [(LEX.block_of(b), label) for b in blocks]
    elif all(labels) and shared is None:
        block = _block_at(sent, start) or ("overall" if LEX.subjects.search(sent, 0, start) else context)
        if block is None or block in _NO_BLOCK:
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


_ITEMS = re.compile(r"分为[一二三四五六七八九十两\d]+个?(?:方面|类|部分|大类|项)[^。；;]{0,6}?[，,：:]?\s*一是")
_ITEM_MARK = re.compile(r"[一二三四五六七八九十]是")
_NEXT_ITEM = re.compile(r"[二三四五六七八九十]是")
_BLOCK_NAME = re.compile(r"基本支出|项目支出|整体支出|部门整体")


def _block_items(sent: str) -> re.Match | None:
    """Where a block's spending, divided into items, starts listing them ("我单位项目支出…分为三个方面，
    一是…"): a division of anything else ("预算执行情况良好，分为两个方面，一是预算执行率…") lists the
    unit's own figures."""
    m = _ITEMS.search(sent)
    return m if m and _PARTED_BLOCK.search(sent, 0, m.start()) else None


_PARTED_BLOCK = re.compile(r"项目支出|基本支出|支出项目|\d+\s*个项目|项目\s*\d+\s*个")
_ITEM_NAME = re.compile(r"\s*其中\s*[，,:：]?\s*(?P<name>[^\s，,。；;：:、\d（(]{2,16}?)")


def _item_name(sent: str) -> str | None:
    """The name, when the sentence opens with 其中 and a name that is no block's, no subject's, right
    before its first label ("其中，审判业务年初预算数 8 万元": 审判业务)."""
    first = LEX.label_re.search(sent)
    m = _ITEM_NAME.match(sent) if first else None
    if m is None:
        return None
    name = sent[m.start("name"):first.start()]
    named = (m.end() <= first.start() and 2 <= len(name) <= 16 and not _CLAUSE.search(name)
             and not LEX.block_words.search(sent, m.start("name"), _words_end(sent, first.start()))
             and not LEX.subjects.search(name) and not _NOT_A_NAME.fullmatch(name))
    return name if named else None


def _one_fund_or_unit(name: str, department: str | None) -> bool:
    """Is the part named after 其中 one fund of a named purpose ("优抚对象补助资金") or another unit
    ("县教育局" in a finance bureau's summary)? (A source of the unit's money, "一般公共预算", is not.)"""
    if LEX.fund_item.search(name):  # (a class of spending, 人员经费, is read as one: its own rule)
        return not (LEX.fund_source.match(name) or name.endswith(LEX.spending_classes))
    return reads_as_org(name) and not (department and (name in department or abbreviates(name, department)))


_CLAUSE = re.compile(r"[\s，,。；;：:、\d（(]")
_NOT_A_NAME = re.compile(r"(?:本年|全年|当年|本年度|年度|部门|单位|本级|合计|总计)(?:的)?")


def _item_names_a_block(sent: str, pos: int) -> bool:
    """Does the listed item holding the label at `pos` name a block ("一是基本支出 …")? (By a block's
    own name: a bare 项目 there is some project, "用于项目建设".)"""
    marks = list(_ITEM_MARK.finditer(sent, 0, pos))
    start = marks[-1].end() if marks else 0
    return _BLOCK_NAME.search(sent, start, _words_end(sent, pos)) is not None


def _exceeds(figure: re.Match, class_figure: re.Match, unit: str | None) -> bool:
    """Is the amount well above the class's (a fifth more): the whole's, not the class's?"""
    return _wan(figure, unit) > _wan(class_figure, unit) * Decimal("1.2")


def _wan(figure: re.Match, unit: str | None = None) -> Decimal:
    """An amount matched (its `num`, its `unit` or the section's) in 万元."""
    return money_to_wan(figure["num"], figure.groupdict().get("unit") or unit)


def _the_class_goes_on(sent: str, start: int, pos: int, read: list) -> bool:
    """Does the class of spending whose figure ends at `start` still speak at the label at `pos`:
    no "；", no block word (one ending inside the label too: "…，基本支出预算合计"), not the unit as
    the subject ("…，我局全年…") and no figure of the unit's in between?"""
    between = sent[start:pos]
    return ("；" not in between and ";" not in between
            # (the block words starting before the label: "部门" is one by the label's first characters)
            and all(w.group() in _ITS_TOTAL for w in LEX.block_words.finditer(sent, start, _words_end(sent, pos) + _LOOKAHEAD)
                    if w.start() < _words_end(sent, pos))
            and not LEX.subjects.search(between)
            and not (read and read[-1][0].start() > start))


def _the_unit_said(sent: str, m: re.Match, department: str | None) -> bool:
    """Does the sentence name the unit, or one of its blocks, for the label `m` ("部门支出总额", "我局总支出"),
    more than a word for "the total" of whatever it is about ("支出总额", "总支出")? (Block words are looked
    for in the whole sentence: "部门" knows itself by the label after it.)"""
    words = (w for w in LEX.block_words.finditer(sent) if w.start() < m.start())
    if any(w.group() not in _ITS_TOTAL for w in words):
        return True
    subject = None
    for subject in LEX.subjects.finditer(sent, 0, m.end()):
        pass
    said = subject is not None or _names_the_unit(sent, m.start(), department)
    # (not the unit's when its budget within is named after it: "我局严格控制“三公”经费，全年支出总额 9.8 万元")
    return said and LEX.sub_budgets.search(sent, subject.end() if subject else 0, m.start()) is None


def _part_end(sent: str, pos: int) -> int:
    """Where the part of the sentence holding `pos` ends: its next "；", or the sentence's end."""
    ends = [i for i in (sent.find("；", pos), sent.find(";", pos)) if i >= 0]
    return min(ends) if ends else len(sent)


def _split_into_blocks(sent: str, end: int, value: Decimal) -> bool:
    """Do the blocks' amounts right after it, in its part of the sentence, add up to it ("支出总额 A，基本支出 B，项目支出
    C")? Then it is the unit's whole."""
    parts = [money_to_wan(p["num"], p["unit"]) for p in LEX.part_figure.finditer(sent, end, _part_end(sent, end))]
    return len(parts) >= 2 and adds_up(value, parts)


def _holds_the_sub_budget(sent: str, end: int) -> bool:
    """Does the total ending at `end` hold 三公经费 as its part ("支出总额 A 万元，其中“三公”经费 …", "总支出 A 万元中，
    “三公”经费 …")? Then it is the unit's."""
    return _HOLDS_THE_SUB_BUDGET.match(sent, end) is not None


_HOLDS_THE_SUB_BUDGET = re.compile(r"\s*中?\s*[，,（(]?\s*(?:其中\s*[:：，,]?)?\s*[“\"]?三公[”\"]?经费")


def _rate_of_the_unit(sent: str, m: re.Match, later: list, rec: Record, unit: str | None) -> bool:
    """Is the rate at `m`, under a heading about a budget within the unit's, the unit's: the amount it goes
    with (the next labelled one in its part of the sentence, else the last amount before it) of the unit's?"""
    part_end = _part_end(sent, m.end())
    amount = next((after for n, after in later if n.start() < part_end and LEX.label(n).kind == "money"), None)
    if amount is None:
        before = list(LEX.money.finditer(sent, clause_start(sent, m.start(), "；;"), m.start()))
        amount = before[-1] if before else None
    return amount is not None and (_of_the_units_size(_wan(amount, unit), rec) or _holds_the_sub_budget(sent, amount.end()))


def _of_the_units_size(value: Decimal, rec: Record) -> bool:
    """Is the amount at least half the unit's budget read so far (a budget within it, 三公经费, is a few
    hundredths of it)? Not when no budget is read yet: then it is not known."""
    budget = rec.overall.adjusted_budget or rec.overall.initial_budget
    return budget is not None and budget > 0 and value * 2 >= budget


# Block words that say "the total" of whatever the clause is about: within a class's run, the class's
# ("“三公”经费调整后预算 6.5 万元，实际支出总额 5.8 万元，执行率 89.23%"); a larger amount still ends the run (_exceeds).
_ITS_TOTAL = frozenset({"支出总额", "资金总额", "总支出"})


@lru_cache(maxsize=256)
def _first_amount(sent: str, at: int = 0) -> tuple[re.Match | None, int]:
    """The sentence's first amount (from `at` on) and where its clause starts (two readers ask, for each sentence)."""
    first = LEX.money.search(sent, at)
    return first, 0 if first is None else clause_start(sent, first.start(), "，,；;：:")


def _other_funds_openers(sent: str, rec: Record) -> list[tuple[int, tuple[re.Match, re.Match] | None]]:
    """(where it starts, _other_funds_open of it) for each part of the sentence a "；" sets apart ("全年会议费预算 6 万元，
    实际支出 4.2 万元；培训费预算 9.5 万元，实际支出 8.8 万元": each part opened by its own budget within the unit's)."""
    parts = [0] + ([m.end() for m in _PART_MARK.finditer(sent)] if "；" in sent or ";" in sent else [])
    return [(at, _other_funds_open(sent, rec, at)) for at in parts]


_PART_MARK = re.compile(r"[；;]")


def _opener_of(openers: list[tuple[int, tuple[re.Match, re.Match] | None]], pos: int) -> tuple[int, tuple | None]:
    """The part holding `pos`: (where it starts, the money other than the unit's that opens it, or None)."""
    found = openers[0]
    for part in openers:
        if part[0] <= pos:
            found = part
    return found


def _other_funds_open(sent: str, rec: Record, at: int = 0) -> tuple[re.Match, re.Match] | None:
    """(its name, its amount) when money other than the unit's spending this year opens the sentence's
    first clause that states an amount (from `at` on: a part a "；" sets apart): a budget within the unit's (“三公”经费
    预算数 18.60 万元) or the money carried over into the year (我局上年结转资金 32.50 万元). Its labels and those
    after it are then its own, as a class of spending's. Not a part of the unit's named after a block word or in
    brackets ("部门整体支出（含上年结转资金 120 万元）执行率 98.5%")."""
    first, start = _first_amount(sent, at)
    if first is None:
        return None
    word = ((LEX.sub_budgets.search(sent, start, first.start()) if holds_any(sent, _SUB_BUDGET_CUES) else None)
            or (LEX.carryover.search(sent, start, first.end()) if "结转" in sent else None)  # (the words every match holds)
            # ("全年公用经费预算 130 万元，实际支出 128.8 万元": one class of spending's)
            or (_SPENDING_CLASS.search(sent, start, first.start()) if holds_any(sent, _CLASS_CUES) else None))
    topic = False  # (named as the topic before a colon: "在“三公”经费方面：年初预算 …")
    if word is None and start > 0:
        word = _sub_budget_before(sent, start, first.start())
        topic = word is not None
        if word is not None and _the_units_total_after(sent, word.end(), first, rec):
            word = None  # "“三公”经费开支：全年支出总额 2548 万元，其中“三公”经费 18 万元": the unit's total, its topic's part
        start = 0 if word is None else clause_start(sent, word.start(), "，,；;：:")
    if word is None or word.end() > first.end():
        return None
    head = sent[start:word.start()]
    if LEX.block_words.search(head) or LEX.label_re.search(head) or "（" in head or "(" in head:
        return None
    if not topic and (_IN_PASSING_BEFORE.search(head)
                      or _IN_PASSING_AFTER.search(_BRACKETED.sub("", sent[word.end():first.start()]))):
        return None  # "受取暖费上涨影响全年支出 …", "扣除物业费后…", "在压减公用经费的情况下…", "人员经费与公用经费合计…": the unit's
    return word, first


# Words that make a budget within the unit's, or a class, a circumstance of the clause's figure, not its subject
_IN_PASSING_BEFORE = re.compile(r"受|因|由于|扣除|除|含|包括|在|压减|压缩|从紧|控制|严控|节约")
_IN_PASSING_AFTER = re.compile(r"上涨|下降|影响|后|在内|以外|之外|情况下|从紧|压减|压缩|调增|调减|增加|减少|合计|共计|总计|[与和及、]")
_BRACKETED = re.compile(r"[（(][^）)]*[)）]")


def _another_budget_within(sent: str, start: int, pos: int) -> bool:
    """Is another budget within the unit's named between `start` and `pos` with its own amount ("…，培训费预算 9.5 万元，
    实际支出 …"; not "…，办公费压减 5%，全年实际支出 880 万元")?"""
    word = LEX.sub_budgets.search(sent, start, pos)
    return word is not None and LEX.money.search(sent, word.end(), pos) is not None


def _sub_budget_item(sent: str, title_at: int) -> bool:
    """Does the numbered item opening the sentence (its title at `title_at`, after the number) name a budget
    within the unit's or a class of spending as its title ("3、“三公”经费控制：…", "（一）公用经费。"), no block?"""
    title = _ITEM_TITLE.match(sent, title_at)
    return bool(title and (LEX.sub_budgets.search(title.group()) or _SPENDING_CLASS.search(title.group())
                           or _names_a_fund(title.group()))
                and not LEX.block_words.search(title.group()))


def _heads_a_fund(head: str) -> bool:
    """Is the line a numbered heading naming one fund ("（一）公共卫生服务补助资金")? Its section's figures are that fund's."""
    if "资金" not in head and "经费" not in head:
        return False
    number = LEX.numbering.match(head)
    return number is not None and _names_a_fund(head[number.end():].strip().rstrip("。：:"))


def _names_a_fund(title: str) -> bool:
    """Does a title name one fund ("公共卫生服务补助资金", "计划生育奖励扶助经费"), not the unit's money, a block's or a
    source's ("财政拨款资金", "项目资金", "上年结转资金", "专项资金")?"""
    return (_FUND_NAME.fullmatch(title) is not None and not LEX.block_words.search(title)
            and not _NO_ONE_FUND.search(title))


# (a fund for a purpose: 补助, 专项, 奖励 …; not the unit's own running money, "中心运行经费", "地方保障经费")
_FUND_NAME = re.compile(r"[\u4e00-\u9fff]{2,16}(?:补助|专项|奖励|扶助|奖补|救助|补贴|转移支付)(?:资金|经费)")
_NO_ONE_FUND = re.compile(r"财政|预算|部门|单位|整体|自有|结转|结余|其他|上级|本级|各项|全部|^专项(?:资金|经费)$|^项目|^资金")


_ITEM_TITLE = re.compile(r"[^，,。；;：:]{2,24}")


def _all_nil(sent: str) -> bool:
    """Does the sentence state amounts, every one of them nil? (No unit's budget or spending is nil; a budget
    within it, under an item about it, often is: an amount there is not told apart from the unit's otherwise.)"""
    amounts = _amounts(sent) if "元" in sent else ()
    return bool(amounts) and all(a == 0 for _, _, a in amounts)


_SPENDING_CLASS = re.compile("|".join(re.escape(w) for w in sorted(LEX.spending_classes, key=len, reverse=True)))
# (a character of each class's words, rarer than the 出 of 支出 `cues` would pick: most sentences name no class)
_CLASS_CUES = "福务助资公人运"
_SUB_BUDGET_CUES = cues(LEX.sub_budgets)  # (a sentence with none of them names no budget within the unit's)


def _sub_budget_before(sent: str, start: int, pos: int) -> re.Match | None:
    """A budget within the unit's that the sentence names as the topic of the figures after a colon ("“三公”经费
    情况：年初预算 12 万元…", "本单位“三公”经费：…"): only 支出/情况 words between it and the colon that opens the
    figures' clause at `start`, nothing of the unit's (block word, subject, figure) before their first amount
    at `pos`. (Not a clause before a comma, "严格控制“三公”经费开支，全年实际支出 …", nor an activity, "加强“三公”
    经费管理：…": the unit's figures may follow.)"""
    if sent[start - 1] not in ":：" or not holds_any(sent, _SUB_BUDGET_CUES):
        return None
    found = None
    for found in LEX.sub_budgets.finditer(sent, 0, start - 1):
        pass
    if found is None or not _TOPIC_TAIL.fullmatch(sent, found.end(), start - 1):
        return None
    head = LEX.sub_budgets.sub("", sent[clause_start(sent, found.start(), "，,；;：:"):found.start()])
    if _JOINED.search(head):
        return None  # "预算执行和“三公”经费管理情况：…": a topic of the unit's too
    since = sent[found.end():pos]
    if (any(w.group() not in _ITS_TOTAL for w in LEX.block_words.finditer(since)) or LEX.subjects.search(since)
            or _DIGIT.search(since)):
        return None  # (its total's word may be its own: "三公经费：全年支出总额 12.5 万元"; _the_units_total_after)
    return found


def _the_units_total_after(sent: str, topic_end: int, first: re.Match, rec: Record) -> bool:
    """After a budget's topic and its colon, is the first amount a total word's ("支出总额", "总支出") of the unit's
    size, or one holding 三公经费 as its part: the unit's, not the topic's?"""
    if not any(w.group() in _ITS_TOTAL for w in LEX.block_words.finditer(sent, topic_end, first.start())):
        return False
    return _of_the_units_size(_wan(first), rec) or _holds_the_sub_budget(sent, first.end())


_JOINED = re.compile(r"[\u4e00-\u9fff]{2,}\s*[和与及、]")  # (another subject joined to it)
# (the words a topic may have after its name: "情况", "预算执行情况", "控制情况", "方面", "运行维护费情况", "（境）费用情况";
# not an activity alone: "管理", "控制")
_TOPIC_TAIL = re.compile(r"(?:[（(]境[)）])?(?:维护)?(?:费用?|经费)?"
                         r"(?:(?:支出|预算|执行|使用|开支|控制|管理){0,2}情况|支出|预算|开支|方面)?")


def _last_label_before(read: list, pos: int, kind: str):
    labels = [LEX.label(m) for m, _ in read if m.end() <= pos and LEX.label(m).kind == kind]
    return labels[-1] if labels else None


def _split_later(sent: str, end: int, later: list[tuple[re.Match, re.Match]], total: Decimal) -> bool:
    """Is the figure ending at `end` split by a "其中 基本支出 … 项目支出 …" further on, with no
    figure of this year read in between (a comparison with last year may stand between), nor another
    total its parts are (_split_elsewhere: "…；2022年度支出合计 219.32 万元，其中：…")?"""
    if not holds_any(sent, LEX.parts_intro_cues):
        return False
    for q in _BREAKDOWN.finditer(sent, end):
        if any(m.start() < q.start() and LEX.label(m).kind == "money" for m, _ in later):
            return False
        return not _split_elsewhere(sent, end, q, total) and bool(LEX.part_figure.match(sent, q.end()))
    return False


def _split_elsewhere(sent: str, end: int, q: re.Match, total: Decimal | None) -> bool:
    """Does another total stand between the figure ending at `end` and the 其中 `q` ("…；2022年度支出合计
    219.32 万元，其中：…"): a money label with its own amount, no change, neither compared with ("较2022年支出
    435.30 万元增加…", "占全年预算 455.30 万元的…") nor in brackets, or another year's amount stated for itself
    ("上年同期支出 398.10 万元")? Its parts are then that one's — unless they add up to `total`, the figure's
    ("…，含上年结转资金 20 万元，其中：…", "…，结转下年 11.60 万元，其中：…")."""
    at = q.start()
    parts = [money_to_wan(m["num"], m["unit"]) for m in LEX.part_figure.finditer(sent, q.end())]
    if total is not None and len(parts) >= 2 and adds_up(total, parts):
        return False
    for m, label, _, _ in _labelled_figures(sent, None):
        if (end <= m.start() < at and label.kind == "money" and label.field != "adjustment"
                and not _RATE_BASE.match(sent, m.end()) and _a_total_of_its_own(sent, m.start())):
            return True
    if not LEX.other_year.search(sent, end, at):
        return False
    # an amount of another year with no label of ours ("上年同期支出 398.10 万元")
    return any(LEX.other_year.search(sent, clause_start(sent, a.start(), "，,；;：:"), a.start())
               and _a_total_of_its_own(sent, a.start()) for a in LEX.money.finditer(sent, end, at))


def _a_total_of_its_own(sent: str, pos: int) -> bool:
    """Is the figure at `pos` stated for itself: its clause compares it with nothing and no bracket holds it?"""
    clause = sent[clause_start(sent, pos, "，,；;：:"):pos]
    return not _COMPARED.search(clause) and clause.count("（") + clause.count("(") <= clause.count("）") + clause.count(")")


_COMPARED = re.compile(r"较|比|与|同比|占|相对|对照")  # (not 同期: "上年同期支出 X 万元" is a total)
_RATE_BASE = re.compile(rf"[^，,；;。]{{0,6}}?(?:{NUMBER})\s*(?:{LEX.unit})\s*的\s*(?:{NUMBER})\s*%")  # ("…455.30万元的98.35%")


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
    unit's figures that A + B makes (within rounding; the label before them, if any, must agree).
    After 其中, other parts may stand beside them ("其中：人员经费 A，公用经费 B，项目支出 C"): when all
    the parts add up to the total, the block parts among them fill their blocks."""
    parts = [m for m in LEX.part_figure.finditer(sent) if not _about_another_year(sent, m.start(), rec, spoken)
             and not _another_body_speaks(sent, m.start(), rec)
             and not _names_one_project(sent, m)]  # ("其中，学生资助项目支出 1120 万元": that project's)
    if not parts:
        return
    q = LEX.parts_intro.search(sent, 0, parts[0].start())
    items = [money_to_wan(m["num"], m["unit"]) for m in _ITEM.finditer(sent, q.end())] if q else []
    if len(parts) == 2 and {_part_block(m) for m in parts} == {"basic", "projects"}:
        items = [money_to_wan(m["num"], m["unit"]) for m in parts]
    elif len(items) < 2:
        # "…实际支出 T 万元。其中基本支出 B 万元，…" (the rest cut off): the one part of the total just before
        last = getattr(taken, "last_total", None)
        if q and q.start() <= 2 and len(parts) == 1 and last and 0 < money_to_wan(parts[0]["num"], parts[0]["unit"]) < last[1]:
            _store(rec, _part_block(parts[0]), last[0], money_to_wan(parts[0]["num"], parts[0]["unit"]), sent, taken)
        return
    candidates = [f for f in _PART_FIELDS if getattr(rec.overall, f) is not None and adds_up(getattr(rec.overall, f), items)]
    named = LEX.label_re.search(sent, 0, parts[0].start())
    if named:
        candidates = [f for f in candidates if f == LEX.label(named).field]
    if len(candidates) != 1:
        return
    for m in parts:
        _store(rec, _part_block(m), candidates[0], money_to_wan(m["num"], m["unit"]), sent, taken)


# one part of a 其中 list: a name, then its amount ("人员经费支出 434.89 万元")
_ITEM = re.compile(rf"[^，,；;、。：:\d]{{1,14}}?\s*{LEX.part_filler}\s*(?P<num>{NUMBER})\s*(?P<unit>{LEX.unit})")


def adds_up(total: Decimal, parts: list[Decimal]) -> bool:
    """Do the parts add up to the total, within the rounding of each figure as written?"""
    whole = Interval.stated(parts[0])
    for p in parts[1:]:
        whole = whole + Interval.stated(p)
    return Interval.stated(total).gap_to(whole) == 0


def _read_breakdown(sent: str, read: list[re.Match], rec: Record, taken: dict,
                    classes: list[re.Match] = ()) -> None:
    """Block words followed directly by an amount, after "其中", take the money label
    (of this year) read before "其中" — unless a class of spending's label stands after it."""
    if not holds_any(sent, LEX.parts_intro_cues):
        return
    for q in _BREAKDOWN.finditer(sent):
        # (not a rate's base: "实际支出 X 万元，占全年预算 Y 万元的 98.35%，其中…" splits X)
        labels = [m for m in read if m.end() <= q.start() and LEX.label(m).kind == "money"
                  and not _RATE_BASE.match(sent, m.end())]
        if not labels or any(labels[-1].end() <= c.start() and c.end() <= q.start() for c in classes):
            continue
        figure = LEX.money.search(sent, labels[-1].end(), q.start())
        total = money_to_wan(figure["num"], figure["unit"]) if figure else None
        if _split_elsewhere(sent, labels[-1].end(), q, total):
            continue  # "…；2022年度支出合计 219.32 万元，其中：…": another total's parts
        label = LEX.label(labels[-1])
        if label.field == "adjustment":
            continue  # the sign of a breakdown of an adjustment is not stated reliably
        end = next((m.start() for m in read if m.start() >= q.end() and LEX.label(m).kind == "money"), len(sent))
        first = LEX.part_figure.search(sent, q.end(), end)
        if first and (LEX.main_source.search(sent, q.end(), first.start()) or LEX.part_funds.search(sent, q.end(), first.start())):
            continue  # "其中财政拨款支出：基本支出 A，项目支出 B": one source's parts, not the total's
        found = list(LEX.part_figure.finditer(sent, q.end(), end))
        if found and figure and LEX.money.search(sent, figure.end(), q.start()):
            # amounts between the label's figure and 其中: the parts are those of the amount they make
            sums = [money_to_wan(m["num"], m["unit"]) for m in found]
            made = next((m for m in reversed(labels) if (f := LEX.money.search(sent, m.end(), q.start()))
                         and adds_up(money_to_wan(f["num"], f["unit"]), sums)), None)
            if made is not None:
                label = LEX.label(made)
            elif any(adds_up(money_to_wan(a["num"], a["unit"]), sums) for a in LEX.money.finditer(sent, figure.end(), q.start())):
                continue  # "全年预算数 A；全年支出决算 B，其中基本支出 C…": the parts of B, whose label was not read
        for m in found:
            _store(rec, _part_block(m), label.field, money_to_wan(m["num"], m["unit"]), sent, taken)


def _store(rec: Record, block: str, field: str, value, sentence: str, taken: Ledger | None = None,
           inferred: bool = False) -> None:
    """First statement wins; a different later statement is only a warning (and its amount unread).
    `inferred`: the block came from the context only (assign.py may not take it)."""
    offer(rec, taken, Offer(block, field, value, sentence, inferred))


def _take_indicator_amounts(rec: Record, taken: Ledger) -> None:
    """An amount in a 绩效指标's target or actual ("生均公用经费标准 ≤900元 880元") was read, as that
    indicator's: not one the report's money left unread. Taken with the indicator's name, so the
    same amount in a sentence that does not name the indicator stays unread."""
    for ind in rec.indicators:
        if not ind.name or len(ind.name) < 2:
            continue
        for value in (ind.target, ind.actual):
            if value and "元" in value:  # (every amount's unit holds 元: most targets are counts or rates)
                for m in LEX.money.finditer(value):
                    taken.take(money_to_wan(m["num"], m["unit"]), ind.name)


UNREAD_QUOTE = 300  # characters: a longer sentence is quoted around each unread amount, not whole
_BEFORE, _AFTER = 160, 60  # (the label that names an amount stands before it)


def _unread(prose: list[str], taken: dict[Decimal, list[str]]) -> list[Unread]:
    """Every 万元 amount written in prose that no field took, with its sentence (around the amount,
    in a long one: a run-on list of n amounts would otherwise be quoted n times whole)."""
    out = []
    for sent in prose:
        if "元" not in sent:
            continue
        for start, end, amount in _amounts(sent):
            for s in taken.get(size(amount), ()):  # (a loop, not any(): most amounts were taken by no sentence)
                if s in sent or sent in s:
                    break  # taken from this sentence
            else:
                out.append(Unread(text=_quote(sent, start, end), amount=amount))
    return out


@lru_cache(maxsize=4096)  # (every sentence of prose; reports repeat their sentences)
def _amounts(sent: str) -> tuple[tuple[int, int, Decimal], ...]:
    """(start, end, 万元) of each amount the sentence writes (not the tail of a longer number)."""
    return tuple((m.start(), m.end(), money_to_wan(m["num"], m["unit"])) for m in LEX.money.finditer(sent)
                 if not sent[m.start() - 1: m.start()].isdigit())


def _quote(sent: str, start: int, end: int) -> str:
    if len(sent) <= UNREAD_QUOTE:
        return sent
    a, b = max(0, start - _BEFORE), min(len(sent), end + _AFTER)
    return ("…" if a else "") + sent[a:b] + ("…" if b < len(sent) else "")


def settle_signs(rec: Record) -> None:
    """A rate printed unsigned next to a decrease ("调减 120 万元，调整率 5%") is negative.
    parse_text applies it; calling it again changes nothing."""
    for name in ("overall", "projects", "basic"):
        b = rec.block(name)
        if b.adjustment is not None and b.adjustment < 0 and b.adjustment_rate is not None and b.adjustment_rate > 0:
            b.adjustment_rate = -b.adjustment_rate
