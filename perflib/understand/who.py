"""Stage 3, who and when: the department a report is about and the budget year it evaluates.

Every place a page names its unit gives a candidate: the title (also set on two or three short
lines, or split by spaces: `某区人民政府某某街道办事处 2022 部门整体支出绩效评价报告`), a name line or
form cell (单位名称 / 部门（单位）名称 / 填报单位（盖章）/ 单位（盖章）/ 名称), the first sentence
(`山东省红十字会（以下简称“省红十字会”）始建于…`, `2021年，X按照…`, `X对…整体支出…`) and the site's
chrome (发布机构 / 来源, from `Document.chrome` or still among the paragraphs). A candidate counts
only when it reads as an organisation: it ends in an institution word (lexicon.toml's
`org_suffixes`) and is no label, heading fragment, chrome word, pronoun or bare place.

The most authoritative candidate (title, then form, then first sentence, then chrome) gives the
unit; the fullest name consistent with it is written (`省红十字会` → `山东省红十字会`, `塘湖镇政府` →
`塘湖镇人民政府`, `大足区商务委` → `重庆市大足区商务委员会`). A title that names only a place gives way to
a name that starts with that place. Chrome alone names the unit only when nothing else does,
and never a finance bureau (it publishes other units' reports).

The year is the title's, else a `（2022年度）` line under it, else the year the first
paragraphs about the budget or the evaluation speak of (a date — 填报日期：2022年2月3日, 2024-04-15 —
or a year inside a cited 《document》 never counts), else the latest year a table's header gives
this year's 决算/执行 column. A page that states no year has none (no year is inferred).
"""
from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from ..read.chrome import CITED, CN_YEAR, NEIGHBOUR_LINK, year_in_digits
from ..read.document import Paragraph, Table
from .lexicon import LEX, longest_match

_HEAD = 15  # the title, name and source lines are within the first paragraphs
_OPENING = 240  # characters of a paragraph where its first sentences name the unit
_TITLE_MAX = 80  # a longer line is prose (or a whole page on one line: its opening is read)
_YEAR = r"(?:19|20)\d{2}"
# (a code before the name, "411001-某县某乡人民政府…", or chrome's digits a wrap left there, "2-04-13022-00009某局…")
_TITLE = re.compile(
    rf"^(?:\d{{3,}}\s*[-－—_]\s*|\d[\d\-－—_/:：.]*[-－—_/:：.]\d*(?!\d|\s*{_YEAR}\s*年))?(?P<dept>[^\d，。]*?)\s*(?P<year>{_YEAR})\s*年?\s*度?\s*(?P<dept2>[^\d，。]*?)\s*"
    r"(?:部门|单位)?(?:[（(]单位[)）])?(?:整体)?(?:和项目|及项目)?(?:支出)?\s*(?:预算)?(?:资金)?(?:绩效|自评|评价|决算)"
)
# What every _TITLE match holds: its year, then no digit, ，or 。 up to its kind word (a cheap test
# first: a sentence "2019年X局按期完成…，…绩效自评优。" costs _TITLE's optional groups tens of µs).
_TITLE_HINT = re.compile(rf"{_YEAR}[^\d，。]*?(?:绩效|自评|评价|决算)")
_TITLE_OPENING = re.compile(r"^.{8,80}?(?:报告书|报告|自评表|评价表|公开说明|编制说明)")  # a page flattened onto one line
_TITLE_OPENING_END = longest_match(_TITLE_OPENING)  # (where its words end at the latest: 80 characters, then 3)
# "…，X对部门整体支出…": X after the paragraph's start or a ，。：, written as two patterns (one
# anchored, one opening with that class, which the engine scans for in C: 9 µs → 1 µs a paragraph).
_DEPT_IN_TEXT_REST = (r"\s*(?P<dept>[^，,。\d\s]{2,30}?)(?:对|就)(?:本单位|本部门)?"
                      rf"(?:{_YEAR}\s*年度?)?(?:部门)?整体支出")
_DEPT_IN_TEXT_AT_START = re.compile(_DEPT_IN_TEXT_REST)
_DEPT_IN_TEXT = re.compile(r"[，,。：:]" + _DEPT_IN_TEXT_REST)
_DEPT_AFTER_YEAR = re.compile(rf"(?P<year>{_YEAR})\s*年度?\s*[，,]?\s*(?P<dept>[^，,。\d]{{2,40}}?)(?:对|的)?(?:部门)?整体支出")
# (not a year of publication, "2024年公开…"; a span's first year too: "2022—2023年度" names two)
_FISCAL_YEAR = re.compile(rf"(?P<year>{_YEAR})\s*(?:年度|年(?!公开)|(?=\s*[—–－~～至到-]\s*{_YEAR}\s*年))"
                          r"(?!\s*\d{1,2}\s*月)(?!\s*[-/.]\d)")
_PUBLISHED = re.compile(r"\s*年公开")  # a title's "2024年公开…": the year it was published, not evaluated
_DATE_CONTEXT = re.compile(r"(?:日期|时间|日\s*期)\s*[:：]?\s*$")
# "（2022年度）" under a title, or a form's field "所属年度：2022年度"
_YEAR_LINE = re.compile(rf"^[（(]?\s*(?P<year>{_YEAR})\s*年度?\s*[)）]?$|"
                        rf"^[（(]?\s*(?:所属|评价|预算|自评)年度\s*[:：]\s*(?P<field_year>{_YEAR})\s*(?:年度?)?\s*[)）]?$")
_ISSUED = re.compile(rf"\s*(?:{LEX.issued.pattern})")


def _no_spaces(text: str) -> str:
    """Every space taken out, as the regex substitution of whitespace runs by "" does, five times
    faster (str.split and the regex know the same spaces)."""
    return "".join(text.split())


_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_SEAL_WORDS = r"[（(]\s*(?:盖章|公章)\s*[)）]"  # "（盖章）" after a name: who signed
# What follows the unit's name when a sentence opens with it: a verb, its alias, a comma, a seal.
_AFTER_NAME = re.compile(
    rf"[（(]以下简称|{_SEAL_WORDS}|[，,]|是|为|属|系|于|始建|成立|主要|负责|承担|贯彻|坚持|按照|根据|依据|认真|对|就|开展|组织|"
    r"围绕|紧扣|严格|全面|切实|积极|共有|下设|内设|设有|现有|本年|全年|今年|年初|(?:19|20)\d{2}\s*年")
_UNIT_TAIL = re.compile(r"(?:的)?(?:部门|单位)(?:[（(](?:单位|部门)[)）])?$|[（(](?:单位|部门)[)）]$")
_UNIT_TAIL_ENDS = ("部门", "单位", ")", "）")  # (how every _UNIT_TAIL match ends)
_SECOND_NAME = re.compile(r"[（(](?P<name>[^（()）]{2,30})[)）]$")
_ASCII = re.compile(r"[\x00-\x7f]")
_NOT_IN_NAME = re.compile(r"[，,。；;：:、“”\"'\s《》]")
_ALIAS = re.compile(r"^[（(]以下简称\s*[“\"「]?(?P<alias>[^”\"」)）]{2,20})[”\"」]?\s*[)）]")


@dataclass(frozen=True)
class Candidate:
    name: str
    source: str  # title | form | above-title | sentence | chrome (sentence-other: a name the sentences give
    # that is not the unit's: it may tell a banner apart, never be chosen)


# the order of authority: the first source with a candidate gives the unit
_AUTHORITY = ("title", "form", "above-title", "sentence", "chrome")


def department_and_year(paragraphs: list[str], chrome: list[Paragraph] | None = None,
                        tables: list[Table] | None = None) -> tuple[str | None, int | None]:
    """The department (full name as the page writes it) and the evaluated year, or None for either."""
    head = content_head(paragraphs)
    titles = _titles(head)
    title_at, title_name, year = titles[0] if titles else (None, None, None)
    candidates = [Candidate(name, "title") for _, name, _ in titles if reads_as_org(name)]
    place = None  # a title that names only a place ("河西区2021年度…")
    if title_name is not None and not reads_as_org(title_name) and _is_place(title_name):
        place = title_name
    candidates += [Candidate(n, "form") for n in _form_names(paragraphs[:_HEAD * 4], tables or [])]
    if title_at is not None and title_at > 0 and title_name is None and _looks_like_org(head[title_at - 1]):
        candidates.append(Candidate(_place_above(head, title_at - 1, clean_name(head[title_at - 1])), "above-title"))
    body = head[title_at + 1:] if title_at is not None else head
    sentence_year, names = _sentence_names(body)
    candidates += [Candidate(n, "sentence" if author else "sentence-other") for n, author in names]
    candidates += [Candidate(n, "chrome") for n in _chrome_names(paragraphs[:_HEAD * 3], chrome or [])]
    dept = choose([c for c in _no_banner(candidates, body) if c.source != "sentence-other"], place, " ".join(head))
    if dept is None and place is not None and _township_title(place, head[title_at]):
        dept = place  # "某某乡2022年度部门整体…": a township is itself the unit (its government)
    dept = _named_in_full(dept, head)
    if title_at is not None:
        period = _period_below(head, title_at)
        if year is None:
            year = _year_line_below(head, title_at) or period
        elif period and period != year and _a_funds_year(head[title_at], year):
            year = period  # "…2023年异地造林补助资金项目支出绩效自评报告" / "（2024年度）": the title's year is its fund's
        year = _latest_forms_year(paragraphs, head[title_at], year)
    year = (year or _latest_sections_year(head) or sentence_year or _body_year(head) or _table_year(tables or [])
            or _launching_notice_year(head))
    return dept, year


def _named_in_full(dept: str | None, head: list[str]) -> str | None:
    """The full name the page gives a short one it chose ("重庆市某区林业局（以下简称区林业局）" for 区林业局)."""
    if not dept or not any("以下简称" in p for p in head):
        return dept
    for para in head:
        for m in _NAMED_SHORT.finditer(para):
            if m["short"].strip() == dept and (full := _leading_org(m["full"])) and full != dept and _short_of(dept, full):
                return full
    return dept


def _short_of(short: str, full: str) -> bool:
    """Is `short` a short form of the one unit `full` (its characters in order, the same last one; not "某局和某办")?"""
    rest = iter(full)
    return short[-1:] == full[-1:] and all(ch in rest for ch in short) and not _JOINED_UNITS.search(full)


_JOINED_UNITS = re.compile(r"[和及与、]")
_NAMED_SHORT = re.compile(r"(?P<full>[^，,。；;：:（(）)\s]{4,40})[（(]以下简称\s*[“\"「]?(?P<short>[^”\"」)）]{2,20})[”\"」]?\s*[)）]")


def _no_banner(candidates: list[Candidate], body: list[str] = ()) -> list[Candidate]:
    """The candidates less a line above the title that is the site's own name (the page's chrome names it too:
    来源, 发布机构, the banner; or a county's or city's government, whose portal it is: no department) when the
    first sentences name other units, never it (nor the start of it: a sentence may cut "某区委组织部内设…" at
    区委), or — a government's portal or a news site's banner — speak only as offices of other kinds (in the
    paragraphs of `body`: 局 for "我局…", 中心 for "本中心…"; over "某县融媒体中心" or "某县人民政府", "我局" is not the
    banner's): the site's banner, not the title's. (A town's government is a department: "某镇人民政府" stays.)"""
    chrome = [c.name for c in candidates if c.source == "chrome"]
    sentences = [c.name for c in candidates if c.source in ("sentence", "sentence-other") and reads_as_org(c.name)]
    # ("我局…", "本中心…": asked only of a line above the title or the chrome's names)
    spoken = ([m["office"] for para in body for m in _AN_OFFICE_SPEAKS.finditer(para)]
              if any(c.source in ("above-title", "chrome") for c in candidates) else [])
    offices = set(spoken)

    def banner(c: Candidate) -> bool:
        if c.source != "above-title" or any(consistent(c.name, n) or c.name.startswith(n) for n in sentences):
            return False
        portal = _A_PORTALS_GOVERNMENT.search(c.name) is not None
        if (portal or any(consistent(c.name, n) for n in chrome)) and sentences:
            return True
        if not (portal or _A_NEWS_SITE.search(c.name)):
            return False
        return bool(offices) and not any(o in c.name[-4:] for o in offices)  # (我委: 委员会, 我办: 办公室)

    def another_office(c: Candidate) -> bool:
        """A bureau's or a government's 来源 / 发布机构 over a report that speaks (twice or more) only as an institution
        under it (来源 某县发展和改革局 over "我中心…", 某县教育局 over "我校…", a town's government over "我站…"), which no
        title or sentence names either: the bureau that published its unit's report, not the unit."""
        return (c.source == "chrome" and _A_BUREAU.search(c.name) is not None and len(spoken) >= 2
                and offices <= _AN_INSTITUTIONS_OFFICES
                and not any(consistent(c.name, o.name) for o in candidates if o.source != "chrome"))

    kept = [c for c in candidates if not banner(c) and not another_office(c)]
    if len(kept) < len(candidates) and any(_A_PORTALS_GOVERNMENT.search(c.name) for c in candidates if c.source == "above-title"):
        # the government's banner dropped, the first sentences' finance bureau (that asked for the report), the
        # evaluator, a list of units or "县委县政府" are no author either: none rather than them
        kept = [c for c in kept if not (c.source == "sentence" and _NO_AUTHOR.search(c.name))]
    return kept


_A_BUREAU = re.compile(r"(?:局|委员会|人民政府)$")
_AN_INSTITUTIONS_OFFICES = {"中心", "校", "站", "院", "馆", "所", "队", "台"}
_A_PORTALS_GOVERNMENT = re.compile(r"(?:省|市|区|县|州|盟|旗)人民政府$")
_AN_OFFICE_SPEAKS = re.compile(r"[我本](?P<office>局|委|办(?!法)|中心|院|馆|厅|队|台|所(?!属|在|有)|站|校|部(?!门|分|署))")  # (not 本会: 本会计年度)
_A_NEWS_SITE = re.compile(r"(?:融媒体中心|广播电视台|电视台|报社)$")
_NO_AUTHOR = re.compile(r"财政(?:局|厅|部)$|、|事务所$|公司$|委.{0,3}政府$")


def content_head(paragraphs: list[str]) -> list[str]:
    """The first paragraphs of content: chrome and attachment lines left out, but the title a text
    export ran onto the end of a chrome line ("…[ 有效性 ]某局2021年度…绩效自评公开") kept."""
    out = []
    lines = paragraphs[:_HEAD * 2]
    for k, para in enumerate(lines):
        if len(out) == _HEAD:
            break
        if is_chrome(para):
            tail = chrome_tail(para)
            if tail:
                out.append(tail)
        elif (para[:1].isalnum() or _WORD.search(para)) and (
                not LEX.is_attachment(para) or not out and _titled_attachment(para, lines[k + 1:k + 2])):
            # (not a rule of dashes or dots a page sets between its metadata; a line opening with a word, most,
            # is asked no regex: \w is what isalnum() says, and the underscore)
            out.append(para)
    return out


def _titled_attachment(para: str, after: list[str]) -> bool:
    """Is the attachment line opening the content the report's own title ("附件1：某局2022年度…自评报告", the report
    sent as an attachment), not a list of attachments (another such line after it), a link to a file, nor a line over
    the report's own title (the title after it: another report the page attaches)?"""
    return ("报告" in para and not LEX.file_name_end.search(para)
            and not any(LEX.is_attachment(a) or _names_a_report(a) or a.rstrip().endswith(("报告", "报告书"))
                        for a in after))


_WORD = re.compile(r"[\w\u4e00-\u9fff]")


def chrome_tail(para: str) -> str | None:
    """The title a text export ran into a chrome line: the text before its first key ("某局2022年绩效自评
    附表发布时间：…") or after its last bracketed key ("…[ 有效性 ] 某局2021年度…绩效自评公开"), when it
    names a report (绩效 / 决算 / 预算)."""
    first = LEX.chrome_key.search(para)
    cut = max(para.rfind("]"), para.rfind("】"))
    # after a classification's key comes its value ("[ 体裁分类 ]\t财政预算、决算"), not a title
    tail = para[cut + 1:] if cut >= 0 and not _CLASS_KEY.search(para[:cut + 1]) else ""
    for part in (para[:first.start()] if first else "", tail):
        part = part.strip(" |\t\u3000")
        if len(part) >= 8 and _REPORT_WORD.search(part) and not LEX.chrome_key.search(part):
            return part
    return None


_REPORT_WORD = re.compile(r"绩效|决算|预算")
_CLASS_KEY = re.compile(r"(?:主题|体裁|信息)分类\s*[\]】]\s*$")


# --- candidates -------------------------------------------------------------------------------
def title_text(para: str) -> str | None:
    """The text of a line that may be a title: the line, or the opening of a page flattened onto
    one line up to its first 报告 / 自评表 / 公开说明 (a 决算's); None for prose."""
    if len(para) <= _TITLE_MAX and "。" not in para:
        return para
    opening = para[:_TITLE_OPENING_END]  # (its words first: the lazy run is tried at each of 80 places)
    if "报告" not in opening and "自评表" not in opening and "评价表" not in opening and "说明" not in opening:
        return None
    m = _TITLE_OPENING.match(para)
    return m.group() if m and "。" not in m.group() else None


def names_a_unit(text: str) -> bool:
    """Does a title's text before its kind words ("XX局2021年度") name an organisation?"""
    # "…2020年度预算绩效自评报告", "…2024年财政预算支出绩效自评情况报告"
    text = _YEAR_AT_END.sub("", text.strip())
    return reads_as_org(clean_name(text))


_YEAR_AT_END = re.compile(rf"(?:关于)?\s*{_YEAR}\s*年?度?\s*(?:财政)?(?:预算)?(?:支出)?\s*$")


def _titles(head: list[str]) -> list[tuple[int, str | None, int | None]]:
    """(index, the name it gives, the year it gives) of each title line, the title first: a page
    may print its title twice, once with the unit's name ("2022年度部门整体支出绩效自评报告" /
    "2022年度某某会部门整体支出绩效自评报告", "…决算编制说明" / "411001-某县某乡人民政府…决算公开").
    Titles with a year in digits first; only when there is none, the title naming a report with its year in
    Chinese numerals ("某局二〇二三年度部门整体…报告": not any line so written, a cited notice, a plan or a date)."""
    found = _titles_of(head)
    if found:
        return found
    no_year = _title_with_no_year(head)
    if no_year and CN_YEAR.search(head[no_year[0][0]]):  # the title itself, in Chinese numerals (and its lines above)
        at = no_year[0][0]
        digits = [year_in_digits(p) if at - 2 <= k <= at else p for k, p in enumerate(head)]
        found = [t for t in _titles_of(digits) if at - 2 <= t[0] <= at and t[2] is not None]
    return found or no_year


def _titles_of(head: list[str]) -> list[tuple[int, str | None, int | None]]:
    """(index, name, year) of each line of `head` that is a title with its year."""
    found = []
    for i, para in enumerate(head):
        # ("第二部分：某局2022年度…报告": a title if it names the unit)
        part = DOCUMENTS_PART.match(para) if "部分" in para else None
        if LEX.numbering.match(para) and not _YEAR_START.match(para) and part is None:
            continue  # a numbered heading is no title
        if _CITING.match(para) or _closes_a_citation(para) or _NEIGHBOUR_LINK.match(para):
            continue  # "根据《…通知》要求": a sentence citing a document, its year and publisher the document's; a line
            # of such a sentence cut inside the title it cites, "某县财政局关于开展2021年度…自评工作的通知》("; a link to
            # another page, "上一篇：某局2021年度…报告"
        text = title_text(_ATTACHMENT_MARK.sub("", para, 1) if para.startswith("附件") else para)
        if text is None:
            continue
        m = _title_match(text)
        first = i  # the title's first line
        if m is None:
            m, first = _split_title(head, i)
        if m and len(set(fiscal_years(text))) <= 1:  # a table's header of years is no title
            name = _title_unit(m["dept"]) or _title_unit(m["dept2"])
            if part is not None and not (name and reads_as_org(name) and not name.startswith("第")):
                continue
            year = None if _PUBLISHED.match(text, m.end("year")) else int(m["year"])
            found.append((i, _place_above(head, first, name), year))
    return found


def _closes_a_citation(para: str) -> bool:
    """Does the line close a 《title》 a line above opened (its first 》 before any 《)?"""
    close = para.find("》")
    return close >= 0 and not 0 <= para.find("《") < close


def _title_with_no_year(head: list[str]) -> list[tuple[int, str | None, int | None]]:
    for i, para in enumerate(head[:6]):  # a title with no year: "某局部门整体支出绩效自评报告"
        if len(para) <= _TITLE_MAX and _names_a_report(para) and not LEX.numbering.match(para):
            m = _TITLE_NO_YEAR.match(para)
            return [(i, _title_unit(m["dept"]) if m else None, None)]
    return []


_ATTACHMENT_MARK = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*[:：、.]\s*")  # (the report sent as one: "附件1：某局…报告")
DOCUMENTS_PART = re.compile(r"\s*第[一二三四五六七八九十]{1,2}部分\s*[:：、.]?\s*")  # ("第二部分：", a document's part)
_NEIGHBOUR_LINK = re.compile(NEIGHBOUR_LINK)
_CITING = re.compile(r"\s*(?:根据|依据|按照|遵照|据)")  # (a sentence citing a document: "据省委办公厅…印发《…》")
# (or a span of years, no one year: "某局2022—2023年度部门整体…")
_TITLE_NO_YEAR = re.compile(rf"^(?P<dept>[^\d，。]{{2,40}}?)(?:{_YEAR}\s*[—–－~～至到-]\s*{_YEAR}\s*年度?)?"
                            r"(?:关于)?(?:部门|单位|整体|预算|绩效)")
_YEAR_START = re.compile(rf"^\s*{_YEAR}")  # "2021年度…" is not numbered "20…"
# (its year may follow in brackets: "某局部门整体支出绩效自评报告（2023年度）")
_REPORT_WORDS = re.compile(rf"绩效.{{0,12}}(?:报告|报告书|自评表|评价表)"
                           rf"(?:\s*[（(]\s*{_YEAR}\s*(?:年?度?\s*[—–－~～至到-]\s*{_YEAR})?\s*年度?\s*[)）])?$")  # (or two: "（2022—2023年度）")


@lru_cache(maxsize=4096)  # (every title line, and the lines of the head that are none: reports repeat them)
def _title_match(text: str) -> re.Match | None:
    return _TITLE.match(text) if _TITLE_HINT.search(text) else None


def _names_a_report(para: str) -> bool:
    return bool(_REPORT_WORDS.search(para))


def _split_title(head: list[str], i: int) -> tuple[re.Match | None, int]:
    """A title set on short lines ("2021年度" / "某县供销社" / "部门整体支出绩效评价报告"): the line that
    ends it and the one or two short lines above it, read as one title; and the index of its first line."""
    if i == 0 or not head[i].endswith(("报告", "报告书")) or len(head[i]) > 40:
        return None, i
    above = [p for p in head[max(0, i - 2):i] if len(p) <= 20 and not re.search(r"[，。：:]", p)]
    if len(above) == min(2, i):
        return _title_match("".join(above) + head[i]), i - len(above)
    # (one longer line above, a form's empty fields before it: "文件名称: | |||" / "某局2023年度部门整体支出" / "绩效评价报告")
    if len(head[i - 1]) <= _SPLIT_LINE and not re.search(r"[，。：:|]", head[i - 1]):
        return _title_match(head[i - 1] + head[i]), i - 1
    return None, i


_SPLIT_LINE = 32  # characters of a title's first line set above its last


def _title_unit(dept: str | None) -> str | None:
    """The unit a title names before its year: "X关于Y" (X's report on Y: a finance bureau's
    evaluation of a department) names Y."""
    name = clean_name(_trim_org(_after_a_banner(dept)))
    if name and "：" in name:  # ("某县财政局：某县商务局…": the publisher set before the unit by a colon)
        before, after = (clean_name(_trim_org(part)) or "" for part in name.rsplit("：", 1))
        shared = len(os.path.commonprefix([before, after]))
        if reads_as_org(after) and (not reads_as_org(before) or shared >= 2 and LEX.place_end.search(after, 0, shared)):
            name = after  # (the same place's two bodies, the publisher's then the unit's; "公布：某局…")
        elif reads_as_org(before) and not reads_as_org(after):
            name = before  # ("某县教育局：局机关2023年度…": the bureau's own)
    if name and "关于" in name:
        about = clean_name(_trim_org(name.rsplit("关于", 1)[1]))
        return about if reads_as_org(about) else name
    return name


def _after_a_banner(dept: str | None) -> str | None:
    """The title's name less a site's name its line begins with, set apart by a space ("某县财政局 某县市场监管局…",
    "某县人民政府网 某局…"): the unit is the last name, when it starts with its place ("中共某县委 组织部" is one name)
    and is no branch of the name before it ("某市生态环境局 某县分局")."""
    parts = dept.split() if dept else []
    if len(parts) < 2:
        return dept
    before, last = clean_name("".join(parts[:-1])), parts[-1]
    if not (reads_as_org(last) and starts_with_place(last) and before):
        return dept
    if _A_SITE.search(before) or last.startswith(before):  # ("某县公安局 某县公安局交通警察大队": the last in full)
        return last
    branch = _A_BRANCH.search(last)  # ("某市生态环境局 某县分局": one name; "某县教育局 某县实验小学分校": the school's)
    return last if reads_as_org(before) and (branch is None or reads_as_org(last[:branch.start()])) else dept


_A_SITE = re.compile(r"(?:网|网站|门户)$")
_A_BRANCH = re.compile(r"分(?:局|院|所|中心|公司|校)$|[支大中]队$|派出所$")


def _place_above(head: list[str], first: int, name: str | None) -> str | None:
    """A title's unit with its place, when the title sets the place on a line of its own above it
    ("某某县" / "信访局" / "2023年度…"): a bare place line right above an organisation's name."""
    if not name or first == 0 or not reads_as_org(name) or starts_with_place(name):
        return name
    place = head[first - 1].strip()
    if len(place) <= 12 and _is_place(place) and not reads_as_org(place) and consistent(place + name, name):
        return place + name
    return name


def _period_below(head: list[str], at: int) -> int | None:
    """The year a line of its own right under the title states in brackets as the period ("（2024年度）",
    "( 20 24 年度 )")."""
    m = _line_below(head, at, 2, lambda para: _PERIOD_LINE.fullmatch(para.strip()))
    return int(re.sub(r"\s", "", m["year"])) if m else None


_PERIOD_LINE = re.compile(r"[（(]\s*(?P<year>(?:1\s*9|2\s*0)\s*\d\s*\d)\s*年度\s*[)）]")


_FORMS_TITLE = re.compile(r"(?:自评|评价)表$")
_A_YEAR = re.compile(rf"{_YEAR}\s*年?度?")


def _latest_forms_year(paragraphs: list[str], title: str, year: int | None) -> int | None:
    """A document (a workbook's sheets) opening with a self-evaluation form of one year whose form is then given again
    for later years ("部门整体支出绩效自评表" / "（2022年度）" … the same title / "（2023年度）"): the latest form's year, the
    report's (a year's self-evaluation is written after it ends, and may show the year before beside it)."""
    if year is None or not _FORMS_TITLE.search(title.strip()):
        return year
    bare = _A_YEAR.sub("", title).strip()
    at = next((i for i, para in enumerate(paragraphs) if para.strip() == title.strip()), len(paragraphs))
    for i, para in enumerate(paragraphs[at + 1:], at + 1):
        if _A_YEAR.sub("", para).strip() != bare:
            continue
        found = YEAR_IN_FIGURES.search(para)
        below = next((m for line in paragraphs[i + 1:i + 3] if (m := _YEAR_LINE.match(line.strip()))), None)
        for y in (int(found[0]) if found else None, int(below["year"] or below["field_year"]) if below else None):
            if y is not None and year < y <= year + 2 and _spent(paragraphs[i + 1:i + 8]):
                year = y
    return year


YEAR_IN_FIGURES = re.compile(_YEAR)  # (a year written in figures: the forms' reader asks too)
_TOTAL_ROW = re.compile(r"资金总额|合\s*计|部门整体支出")
_AMOUNT = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.]*%)")


def _spent(lines: list[str]) -> bool:
    """Do a form's first lines state its year's spending: a total row with its budgets and its outturn (three amounts
    or more, not only the 年初预算 of a year to come)?"""
    return any(_TOTAL_ROW.search(line) and len(_AMOUNT.findall(line)) >= 3 for line in lines)


def _a_funds_year(title: str, year: int) -> bool:
    """Is the title's year that of a fund it names ("2023年异地造林补助资金项目…", "…衔接推进乡村振兴补助资金…": the
    money of 2023's budget, spent and evaluated later), not the period ("2023年度…", "2023年部门整体…", "2023年县级
    财政资金…", "2023年专项资金…": a source of money, not a fund)?"""
    return (re.search(rf"{year}\s*年(?!度)[^，。\d]{{0,20}}?(?:补助|奖补|补贴|奖励|衔接|发展|救灾|转移支付)资金", title) is not None
            and not _WHOLE_REPORT.search(title))  # (a department's report: "…2023年财政资金部门整体支出…")


_WHOLE_REPORT = re.compile(r"部门整体|单位整体|整体支出")


def _year_line_below(head: list[str], at: int) -> int | None:
    """"（2022年度）" on a line of its own under a title that names no year."""
    m = _line_below(head, at, 3, _YEAR_LINE.match)
    return int(m["year"] or m["field_year"]) if m else None


def _line_below(head: list[str], at: int, lines: int, match) -> re.Match | None:
    """The first match of `match` on the `lines` lines under the title at `at`."""
    return next((m for para in head[at + 1:at + 1 + lines] if (m := match(para))), None)


# The form's next field, run onto the name's line ("部门（单位）全称：X档案馆" + "主管部门审核意见："), or what
# is evaluated of it ("评价对象：X局部门整体支出"):
# the name ends where it starts.
_NEXT_FIELD = re.compile(r"(?:主管部门|财政部门)?(?:审核)?意见|填报日期|填报人|联系人|联系电话|负责人|(?:部门)?整体(?:支出)?|[及和](?:其)?(?:所属|下属|直属)")


_BARE_DEPT = re.compile(r"部门[\s:：|]")  # (a form's bare 部门 field, its cue: lexicon's dept_field)
# A person's field on the line (the 部门 beside it is theirs: "填报人：李明 部门：财务室"), and an office within a unit.
_PERSON_FIELD = re.compile(r"填报人|填表人|制表人|联系人|经办人|负责人|分管领导|审核|联系电话|电话")
_AN_OFFICE = re.compile(r"(?:(?<!办公)室|股|科)$|(?:局|馆|院|中心)(?:办公室|财务|计财|预算|绩效)")
# A field naming a unit beside it ("单位：白鹭县图书馆"), not the unit of its figures ("金额单位：元", "单位：万元").
_UNIT_FIELD = re.compile(r"(?<!金额)(?<!计量)单位\s*[:：|]\s*(?![（(]?\s*(?:万元|千元|亿元|元)(?![\u4e00-\u9fff]))")


def _form_names(paragraphs: list[str], tables: list[Table]) -> list[str]:
    """Names a form states: "单位名称：X", "部门（单位）名称 | X |", "填报单位（盖章）：X", table cells."""
    out = []
    for para in paragraphs:
        if "名称" in para or "单位" in para or "评价对象" in para:
            out += [_trim_org(_NEXT_FIELD.split(m["dept"], 1)[0]) for m in LEX.name_line.finditer(para)]
    for table in tables:
        for row in table.rows[:12]:
            cells = distinct_cells(row)
            for a, b in zip(cells, cells[1:]):
                if LEX.name_label.fullmatch(_no_spaces(a).rstrip(":：")):
                    out.append(_trim_org(_no_spaces(b)))
    names = [n for n in (clean_name(o) for o in out) if n]
    return names or _bare_dept_names(paragraphs, tables)


def distinct_cells(row: list[str]) -> list[str]:
    """A row's cells with text, a merged cell (its text repeated across its span) once."""
    return [c for k, c in enumerate(row) if c and (k == 0 or row[k - 1] != c)]


def _bare_dept_names(paragraphs: list[str], tables: list[Table]) -> list[str]:
    """The names a form's bare 部门 field gives (lexicon's dept_field), where no other line names the unit."""
    out = []
    for para in paragraphs:
        if "部门" in para and _BARE_DEPT.search(para) and not _UNIT_FIELD.search(para):
            # (not after a person's field: "填报人：李明 部门：财务室" is theirs; "部门：X 填表人：李明" the form's)
            out += [_NEXT_FIELD.split(m["dept"], 1)[0] for m in LEX.dept_line.finditer(para)
                    if not _PERSON_FIELD.search(para, 0, m.start())]
    for table in tables:
        for row in table.rows[:12]:
            cells = distinct_cells(row)
            if not any(_UNIT_FIELD.search(c + "|") for c in cells):
                out += [_no_spaces(cells[k + 1]) for k in range(len(cells) - 1)
                        if LEX.dept_field.fullmatch(_no_spaces(cells[k]).rstrip(":："))
                        and not any(_PERSON_FIELD.search(c) for c in cells[:k])]
    names = [clean_name(_trim_org(o)) for o in out if not _AN_OFFICE.search(o.strip())]  # (an office: before trimming)
    return [n for n in names if n and starts_with_place(n)]


def _sentence_names(body: list[str]) -> tuple[int | None, list[tuple[str, bool]]]:
    """Names the first paragraphs of the text give the unit (each with whether it may be the unit: not an
    evaluator nor the finance bureau organising the evaluation), and the year the first such sentence names
    ("2021年，X对部门整体支出开展了绩效自评")."""
    names: list[tuple[str, bool]] = []
    year = None
    prose = _first(4, (p[:_OPENING] for p in body if not is_heading_line(p)))  # a name stands in a sentence's opening
    for para in prose:
        for name, named_year, author in _opening_names(para):
            names.append((name, author))
            if named_year is not None and "绩效" in para + "".join(body[:1]):
                year = year or named_year
    return year, names


@lru_cache(maxsize=4096)  # (a pure function of the paragraph's opening: reports repeat their openings)
def _opening_names(para: str) -> tuple[tuple[str, int | None], ...]:
    """_sentence_names of one paragraph's opening: (name, the year written with it, if any, whether it may be the
    unit's), in order."""
    out: list[tuple[str, int | None]] = []
    spending = "整体支出" in para  # (what _DEPT_IN_TEXT and _DEPT_AFTER_YEAR end with)
    found = [_dept_in_text(para), _DEPT_AFTER_YEAR.search(para)] if spending else []
    for m in found + [_DEPT_OPENING.match(para)]:
        name = clean_name(_trim_org(m["dept"])) if m else None
        if name:
            out.append((name, int(m["year"]) if "year" in m.re.groupindex and m["year"] else None))
    lead = _leading_org(para)
    if lead:
        out.append((lead, None))
    out += [(n, None) for n in (clean_name(m["dept"]) for m in _clause_subjects(para)) if n and reads_as_org(n)]
    return tuple((n, y, not _evaluator_or_sponsor(para, n)) for n, y in out)


def _evaluator_or_sponsor(para: str, name: str) -> bool:
    """Is the name the evaluator ("某会计师事务所", "某咨询有限公司": not the unit evaluated) or the finance bureau that
    organised the evaluation ("县财政局组织开展…", "…统一部署"), not the unit reporting?"""
    if _EVALUATOR.search(name):
        return True
    at = para.find(name) if _FINANCE_BUREAU.search(name) else -1
    return at >= 0 and _SPONSORS.match(para, at + len(name)) is not None


_EVALUATOR = re.compile(r"事务所$|(?:咨询|评估|会计|审计|税务|财务|顾问)[^，。、]{0,8}公司$")
_FINANCE_BUREAU = re.compile(r"财政(?:局|厅|部)$")
# (not its own organisation or staff: "县财政局组织机构…", "县财政局组织全局干部…")
_SPONSORS = re.compile(r"\s*(?:组织(?!机构|架构|结构|(?:开展)?(?:全局|全厅|本局|本厅|局机关|厅机关|干部|职工))|要求|统一|印发|下发|委托|"
                       r"牵头|部署|安排)")


def _dept_in_text(para: str) -> re.Match | None:
    """"X对…整体支出" at the paragraph's start or after a ，,。：: (the start tried first)."""
    return _DEPT_IN_TEXT_AT_START.match(para) or _DEPT_IN_TEXT.search(para)


def _first(n: int, items) -> list:
    """The first n items (of a generator: the rest are never computed)."""
    return list(itertools.islice(items, n))


def _clause_subjects(para: str) -> list[re.Match]:
    """_CLAUSE_SUBJECT.finditer(para), tried only where a clause starts (its own anchor: the
    paragraph's start or after ，。；) rather than at every character."""
    found: list[re.Match] = []
    if not _ORG_THEN_VERB.search(para):
        return found  # (what every match ends with)
    end = 0
    for start in [0] + [m.end() for m in _CLAUSE_START.finditer(para)]:
        if start >= end:
            m = _CLAUSE_SUBJECT.match(para, start)
            if m:
                found.append(m)
                end = m.end()
    return found


# 属 (belongs to) after a name, but not the 属 of 所属 before the units under it ("…机关及所属单位": no unit named
# "…机关及所"; "某研究所属市农业农村局" is one)
_BELONGS = r"(?<!所)属|属(?!单位|机构|部门|各|二级|下属|事业|企业|学校)"
# a clause that says what the unit is: "…，省司法厅为省政府组成部门"
_CLAUSE_SUBJECT = re.compile(rf"(?:^|(?<=[，,。；;]))(?P<dept>[^，,。；;\s\d《》“”（）()]{{2,25}}?(?:{LEX.org_end.pattern}))"
                             rf"(?=为|是|系|作为|属于|{_BELONGS})")
_CLAUSE_START = re.compile(r"[，,。；;]")
_ORG_THEN_VERB = re.compile(rf"(?:{LEX.org_end.pattern})(?=为|是|系|作为|属于|{_BELONGS})")
_DEPT_OPENING = re.compile(rf"^(?:{_YEAR}\s*年度?\s*[，,]?\s*)?(?P<dept>[^，。\d\s]{{2,30}}?(?:{LEX.org_end.pattern}))"
                           r"(?:按照|根据|依据|认真|对|就|开展|组织)")


def _leading_org(para: str) -> str | None:
    """The organisation a paragraph opens with, when a verb, its alias or a comma follows it."""
    text = _no_spaces(para[:50]) if _CJK.search(para[:4]) else para[:50]
    if _CITING.match(text):
        return None  # "据陕西省委办公厅,…印发《…》": the publisher of a document cited, not the unit
    for m in LEX.org_end.finditer(text, 0, 40):
        if _NOT_IN_NAME.search(text, 0, m.end()):
            return None  # the paragraph does not open with a name
        if m.end() < 3:
            continue
        after = _AFTER_NAME.match(text, m.end())
        if after or m.end() == len(text):
            name = clean_name(text[:m.end()])
            if after and _SEAL.match(after.group()) and _FIRM.search(text, 0, m.end()):
                return None  # a third party's seal on the cover (会计师事务所（盖章）): it evaluated the unit
            return name if name and reads_as_org(name) else None
    return None


_FIRM = re.compile(r"(?:事务所|公司)$")


def _chrome_names(paragraphs: list[str], chrome: list[Paragraph]) -> list[str]:
    """发布机构 / 来源 values: the chrome the layout step set apart, then chrome still in the text."""
    out = []
    for line in [p.text for p in chrome] + [p for p in paragraphs if is_chrome(p)]:
        out += [_trim_org(m["dept"]) for m in LEX.source_line.finditer(line)]
    return [n for n in (clean_name(o) for o in out) if n]


# --- reading a name ---------------------------------------------------------------------------
@lru_cache(maxsize=4096)  # a unit's name comes again from the title, the form, the sentences and choose()
def clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = _NAME_QUOTES.sub("", name)
    name = _NAME_PREFIX.sub("", name)
    name = _NAME_SUFFIX.sub("", name).strip()
    name = _no_spaces(name) if _CJK.search(name) else name
    name = _SEAL.sub("", name)
    return name if len(name) >= 2 else None


_NAME_QUOTES = re.compile(r"^[\s《“\"•·\[【\-－—–]+|[\s》”\"•·\]】]+$")  # (and a list's dash before it: "- 某局")
# (a leading 对 is the preposition of "对X…的评价": X is the name; 对外… opens names itself; "现将X…报告如下": X)
# (a seal before the name: "名称：（公章）某局"; a project form's label run onto its cell: "实施单位某馆")
# (a notice's verb before the report it publishes: "关于公开某局…的公告", "转发某局…"; a column's "信息公开："; a
# document's part: "第二部分：某局2022年度…")
_ORG_BEFORE_COLON = r"[\u4e00-\u9fff]{0,5}(?:局|委|办|院|馆|所|站|队|会|部|厅|室|处|社|校|园|中心|政府)\s*[:：]"
_NAME_PREFIX = re.compile(r"^(?:关于|现将|现就|特将|兹将|对(?!外)|附件\s*\d*\s*[:：]?|名称\s*[:：]\s*|标\s*题\s*[:：]?\s*|\d{3,}\s*[-－—_]\s*|"
                          r"[（(]\s*(?:盖章|公章)\s*[)）]\s*|实施单位\s*[:：]?\s*|(?:公开|公布|印发|转发|报送|上报)(?=\S)|分别(?:是|为)|包括|包含|"
                          rf"信息公开\s*[:：]\s*|{DOCUMENTS_PART.pattern}|"
                          rf"(?!{_ORG_BEFORE_COLON})[\u4e00-\u9fff]{{1,6}}\s*[:：]\s*)+")  # (one after another: "关于对某局…";
# a field's label cut short before the name, "称: 某馆…" of 名称: a name holds no colon; but not a unit's own name,
# "县教育局：局机关2022年度…"; a list's verb before its first unit: "…预算单位分别是某镇人民政府本级、…")
_NAME_SUFFIX = re.compile(r"(?:关于|的)?(?:部门|单位)?$")
# "X局本级", the bureau's own accounts without its units' (also written "X局局本级"): X局
_OWN_LEVEL = re.compile(r"(?P<end>[\u4e00-\u9fff])(?P=end)?本级$")
_SEAL = re.compile(_SEAL_WORDS + "$")


def _trim_org(name: str | None) -> str | None:
    """"XX局根据…" (a name line run into the next sentence) → "XX局"; "XX会部门（单位）" → "XX会"."""
    if not name:
        return name
    name = name.strip()
    if name.endswith("本级"):
        name = _OWN_LEVEL.sub(r"\g<end>", name)
    if name.endswith(_UNIT_TAIL_ENDS):
        name = _UNIT_TAIL.sub("", name)
    second = _SECOND_NAME.search(name) if name.endswith((")", "）")) else None
    first = name[:second.start()].rstrip() if second else ""
    if second and reads_as_org(second["name"].strip()) and reads_as_org(first):
        return first  # "X局（Y局）": the unit and its second name (one body, two plates): X
    if LEX.org_suffix.search(name):
        return name
    ends = [m.end() for m in LEX.org_end.finditer(name)]
    return name[:ends[-1]] if ends else name


@lru_cache(maxsize=4096)  # (asked again of every candidate by choose(), and of a name's tails by parse.py)
def reads_as_org(name: str | None) -> bool:
    """Ends in an institution word and is no label, heading fragment, chrome word, pronoun or place."""
    if not name or (len(name) > 40 and len(_ASCII.sub("", name)) > 40) or _DIGIT.search(name):
        return False  # (a name's length in its Chinese characters: markup around it is the page's to escape)
    if _CLAUSE_MARK.search(name):
        return False  # a clause of prose ("为进一步规范…,根据…要求,我中心"), however it ends
    suffix = LEX.org_suffix.search(name)
    if not suffix or suffix.start() < 1:
        return False  # a bare institution word ("办公室") names no one
    return not LEX.not_a_name.search(name)


_CLAUSE_MARK = re.compile(r"[，,。；;！!？?《》]")  # (《》: a cited document's title)


def _is_place(name: str) -> bool:
    return bool(LEX.place_end.search(name)) and not LEX.not_a_name.search(name) and len(name) <= 20


def _looks_like_org(para: str) -> bool:
    return len(para) <= 40 and "，" not in para and reads_as_org(clean_name(para)) and not _menu_of_names(para)


def _menu_of_names(para: str) -> bool:
    """A site's menu of units, their names apart by spaces ("某县林业局 某县水务局 某县财政局"), not one name
    set in parts: three names or more, or two of one place (siblings; "某区人民政府 某某街道办事处" is one unit)."""
    parts = para.split()
    if len(parts) < 2 or not all(reads_as_org(clean_name(p)) for p in parts):
        return False
    shared = os.path.commonprefix(parts)
    return len(parts) >= 3 or any(LEX.place_end.search(shared, 0, k) for k in range(1, len(shared) + 1))


@lru_cache(maxsize=4096)
def is_chrome(para: str) -> bool:
    """A breadcrumb, menu, share line or metadata line of a web page (索引号 / 发布机构 / 来源 …)."""
    if len(para) > 400 or "。" in para:
        return False  # prose (a chrome line a text export ran into the next paragraph included)
    return bool(LEX.furniture.search(para)) and len(para) <= 120 or bool(LEX.chrome_key.search(para))


@lru_cache(maxsize=4096)
def is_heading_line(para: str) -> bool:
    return bool(LEX.numbering.match(para)) and len(para) <= 40 and "。" not in para


# --- choosing ---------------------------------------------------------------------------------
@lru_cache(maxsize=4096)  # (consistent() folds each candidate against every other)
def _fold(name: str) -> str:
    """A name with its long institution words in their short forms (人民政府 → 政府)."""
    for long, short in LEX.abbreviations:
        name = name.replace(long, short)
    return name


def abbreviates(name: str, department: str) -> bool:
    """Is `name` a short form of the department's name, its characters in the same order ("县政府办" for
    某某县人民政府办公室, "市三院" for 某某市第三人民医院)?"""
    rest = iter(department)
    return all(c in rest for c in name)


def consistent(a: str, b: str) -> bool:
    """One name is the other without its place, or in short form ("省红十字会", "塘湖镇政府"): what the
    longer adds before the shorter is a place ("重庆市", "山东"), a place's name before the level the
    shorter opens with ("岳阳" before "县司法局"), or nothing."""
    if a == b:
        return True  # (a name is its own: most candidates write the unit's name alike)
    fa, fb = sorted((_fold(a), _fold(b)), key=len)
    if not fb.endswith(fa):
        return False
    extra = fb[:len(fb) - len(fa)]
    if any(fa.startswith(extra[i:]) for i in range(len(extra) - 1)):
        return False  # a place written twice ("施甸县施甸县教育局": a slip of the text, not a longer name)
    if not extra or LEX.place_end.search(extra) or re.fullmatch(LEX.provinces, extra):
        return True
    # "县委宣传部" for "（中共）岳阳县委宣传部", "县司法局" for "岳阳县司法局": the short form keeps the level of
    # its place and drops the place's name
    place = extra + fa[:1]
    return (fa[:1] in _PLACE_LEVELS and len(extra) >= 2 and bool(LEX.place_end.search(place))
            and not _NO_PLACE.search(place) and not fa.startswith("市场"))


_PLACE_LEVELS = "省市区县州盟旗镇乡"
# (a 区 that is no district: "东城社区老年大学" is not the 区老年大学, nor is "农贸市场…" a 市's)
_NO_PLACE = re.compile(r"(?:社|小|校|景|街|片)区$")


def choose(candidates: list[Candidate], place: str | None = None, text: str = "") -> str | None:
    """The unit the most authoritative candidate names, written as fully as the page writes it
    (a provincial unit's short name "省司法厅" with its province where `text` writes it)."""
    orgs = [c for c in candidates if reads_as_org(c.name)]
    if place is not None:  # a title naming its place only: the name that starts with it
        placed = [c for c in orgs if c.name.startswith(place) and c.source != "chrome"]
        orgs = placed + [c for c in orgs if c not in placed]
    base = next((c for src in _AUTHORITY for c in orgs if c.source == src), None)
    if base is None or base.source == "chrome" and LEX.publisher.search(base.name):
        return None  # a finance bureau publishing the page may have written some other unit's report
    same = [c.name for c in orgs if consistent(c.name, base.name)]
    if max(map(len, same)) == len(base.name):  # a short name, none fuller ("民宗局", "某县文旅广体局"): the page's full one
        same += [c.name for c in orgs if c.source in ("title", "form", "above-title", "sentence")
                 and _abbreviates(base.name, c.name)]
    full = max(same, key=lambda n: (len(n), n == base.name))
    if full.startswith("省") and text:
        m = re.search(rf"(?:{LEX.provinces}){re.escape(full)}", text)
        full = m.group() if m else full
    return full


def _abbreviates(short: str, name: str) -> bool:
    """Is `short` a short form of the placed name `name` ("民宗局" of "黔岭县民族宗教事务局", "某县文旅广体局" of "某县文化旅游
    广电体育局"): its characters in order, the same last character (its kind of office), `name` longer by two or more?"""
    if len(name) < len(short) + 2 or short[-1:] != name[-1:] or not starts_with_place(name) or short in name:
        return False  # (a name holding the short one whole is no fuller form of it: "内容概述中共某区委组织部")
    rest = iter(name)
    return all(ch in rest for ch in short)


def starts_with_place(name: str) -> bool:
    """Does a name open with a place ("某某县信访局"; not "信访局")?"""
    return any(LEX.place_end.search(name, 0, k) for k in range(2, len(name)))


def _township_title(place: str, title: str) -> bool:
    """Does the title name one township (not "各乡镇", "某区街道") and no unit of it ("东坡镇2023年度农业
    综合服务中心部门…"): the place, its year if it gives one, then the report's words?"""
    return (_TOWNSHIP.search(place) is not None
            and re.match(rf"\s*{re.escape(place)}\s*(?:{_YEAR}\s*年度?)?\s*(?:部门|单位|整体)", title) is not None)


_TOWNSHIP = re.compile(r"(?<![区县市各乡])(?:乡|镇|街道)$")  # a county or district named alone is no one unit


# --- the year ---------------------------------------------------------------------------------
def fiscal_years(text: str) -> list[int]:
    """Years a text speaks of: not dates (2022年2月3日, 日期：2022年…), years in a cited 《title》 or
    the year a document was issued ("《…办法》（2022年印发）")."""
    if "年" not in text:
        return []
    titles = [(t.start(), t.end()) for t in CITED.finditer(text)] if "《" in text else []
    return [int(y["year"]) for y in _FISCAL_YEAR.finditer(text)
            if not any(a <= y.start() < b for a, b in titles) and not _DATE_CONTEXT.search(text, 0, y.start())
            and not _ISSUED.match(text, y.end())]


_SECTION_YEAR = re.compile(rf"\s*(?P<year>{_YEAR})\s*年度?(?!\d)")


def _latest_sections_year(head: list[str]) -> int | None:
    """A report whose title names no year, its sections the same heading for each year ("一、2022年度部门整体支出情况"
    … "二、2023年度部门整体支出情况"): the latest section's year, the report's (the year before is shown beside it). A
    section of another kind ("三、2024年上半年预算执行情况", "二、2024年部门预算情况") is none of them."""
    years: dict[str, set[int]] = {}
    for para in head:
        if is_heading_line(para):
            m = _SECTION_YEAR.match(para, LEX.numbering.match(para).end())
            if m:
                years.setdefault(para[m.end():].strip(), set()).add(int(m["year"]))
    latest = [max(ys) for ys in years.values() if len(ys) > 1 and max(ys) - min(ys) <= 2]
    return max(latest) if len(latest) == 1 else None


def _body_year(head: list[str]) -> int | None:
    """The year the first paragraph about the budget or the evaluation speaks of; a line of column
    headers for several years ("2020年决算数 2021年预算数 2021年决算数") gives this year's 决算 column's."""
    plans = None  # the rank of the plans heading whose section the paragraph is in
    joined = None  # ... of a heading of a look back and the plans ("三、存在问题及下一步改进措施")
    arranged = None  # the year of the work arrangement the evaluation followed, when no other year is stated
    for k, para in enumerate(head):
        if is_heading_line(para):
            rank = _RANK.get(LEX.numbering.match(para).lastgroup, 9)
            ahead = LEX.plans_ahead.search(para)
            if joined is not None and rank <= joined:
                joined = None
            if ahead and not LEX.plans_after_review.search(para, 0, ahead.start()):
                plans = rank if plans is None else plans
            elif plans is not None and rank <= plans:
                plans = None  # the next section of the plans' rank or higher
            elif ahead and joined is None:
                joined = rank
        if plans is not None:
            continue  # "二、下一步计划 / 2024年将…": next year's plans
        if joined is not None and not is_heading_line(para):
            # its sentences looking ahead are the plans ("2024年我局将…")
            para = "。".join(s for s in re.split(r"[。；;]", para) if not LEX.plans_sentence.search(s))
        if ("绩效" in para or "预算" in para or "决算" in para) and not is_chrome(para):
            # "比2021年增加…": the year compared with is not the report's; nor the year the unit was founded
            years = fiscal_years(_AHEAD_YEAR.sub("", _FOUNDED.sub("", COMPARED_YEAR.sub("", para))))
            work = _ARRANGED_YEAR.search(para) if "工作" in para else None
            if work and years == [int(work["year"])]:
                arranged = arranged or int(work["year"])
                continue  # "按照县财政局2024年预算绩效管理工作安排，…": the year the work was arranged in
            if len(set(years)) > 1:
                # (a header line cut inside its last column, "… 2018年决" ⏎ "算数三公经费 …": that column read whole)
                cut = _CUT_COLUMN.search(para) if k + 1 < len(head) else None
                header = para + head[k + 1][:_COLUMN_REST] if cut else para
                spent = [int(m["year"]) for m in _SPENT_YEAR.finditer(header)]
                if spent:
                    return max(spent)
                continue  # years side by side: no one year is the report's
            if years and not _is_row(para):
                # (a budget planned, "2023年部门预算安排…", may be another year's than the spending below it; the
                # final accounts, "2021年部门决算收支完成情况", are the year's own)
                planned = "预算" in para and "决算" not in para and not _SPENDING.search(para)
                return (_spent_below(head[k + 1:], years[0]) if planned else None) or years[0]
    return arranged


def _spent_below(paragraphs: list[str], year: int) -> int | None:
    """The year of the next few paragraphs' spending when it is one year's: a budget planned ("2023年部门预算安排888.88万元",
    a year ahead; "2020年年初预算为999.99万元", the year before) over "2021年度…实际执行支出171.15万元" is not the report's
    year, the spending's is; None when the spending states no year or several. A year after the budget's counts only
    as a budget year written before the spending in its sentence ("2021年度…批复支出预算…，实际执行支出…"; not "…实际支出
    801.72万元，2022年将继续…", nor "根据2022年初报送的决算报表，全年实际支出…"). (A paragraph comparing, "2021年度实际支出
    450万元，同比增长5%", "上年决算数…", states no report's.)"""
    spent = set()
    for para in paragraphs[:_PLANNED_AHEAD_OF]:
        if not _SPENDING.search(para) or is_heading_line(para):
            continue
        for sent in _SENTENCE_END.split(para):  # (the sentences stating spending: others may name other years)
            word = _SPENDING.search(sent)
            if word and not _COMPARING.search(sent):
                years = [y for y in fiscal_years(COMPARED_YEAR.sub("", sent)) if y <= year]
                years += [int(m["year"]) for m in _BUDGET_YEAR.finditer(sent) if m.start() < word.start() and int(m["year"]) > year]
                if not years:
                    return None  # ("全年实际支出480.00万元": the budget's year's, unsaid)
                spent |= set(years)
    return spent.pop() if len(spent) == 1 else None


_SENTENCE_END = re.compile(r"[。！？]")
# A budget year's ("2021年度", "2024年部门年初预算", "2021年全年支出"), not a date's ("2022年初报送", "于2022年收回").
_BUDGET_YEAR = re.compile(rf"(?P<year>{_YEAR})\s*(?:年度|年(?=\s*(?:部门|单位|本单位|全年|年初预算|预算|决算|实际|共计|累计)))")


# (a comparison, or money carried over from a year before: "2021年结转项目资金30.00万元，均已执行")
_COMPARING = re.compile(r"上年|上一年|同比|环比|较(?:上|去|前|\s*\d)|相比|对比|结转|结余")  # (not 较大, 较好: no comparison)


_SPENDING = re.compile(r"实际(?:执行)?支出|支出决算|决算数|执行数|执行率|(?:全年|本年)支出|实际执行")
_PLANNED_AHEAD_OF = 4  # paragraphs after a budget's that may state the report's spending


# A year compared with: "比2021年", "较2021年", "与2021年相比", "同2021年比较" (a bare 与/同 is "and":
# "2022年结转资金与2023年部门预算").
COMPARED_YEAR = re.compile(rf"(?:比|较|对比)\s*{_YEAR}\s*年度?|(?:与|同)\s*{_YEAR}\s*年度?(?=\s*(?:相比|比较|对比|同期))")
# A heading's rank by its numbering (一、 above （一） above 1.): a section reaches to the next of its rank or higher.
_RANK = {"ordinal": 0, "cn": 1, "paren_cn": 2, "num": 3, "paren_num": 4, "task_num": 5, "task_cn": 5}
# The year the unit was set up: "我局于2019年机构改革时组建", "成立于2015年" (not "2023年成立绩效评价工作小组":
# a founding word with its object, nor a clause about the evaluation).
_FOUNDED = re.compile(rf"{_YEAR}\s*年[^，,。；;\d绩评组]{{0,15}}?(?:{LEX.founded.pattern})(?:的|而成|为[^，,。；;]{{0,30}})?"
                      rf"(?=[，,。；;）)]|$)|(?:{LEX.founded.pattern})于\s*{_YEAR}\s*年"
                      rf"|{_YEAR}\s*年(?:党政|政府)?机构改革(?:方案|后|中|时|以来)")  # ("根据2019年机构改革方案，组建…":
# a reform's year; not "2019年机构改革当年，我局年初预算 …", the year evaluated)
# A year a budget is being prepared for, ahead of the evaluated one: "为做好2024年度预算编制", "为科学编制2024年部门预算"
# (not "为做好2023年度部门整体支出绩效自评工作", nor "在编制2023年度部门预算时": the evaluated year's).
_AHEAD_YEAR = re.compile(rf"为了?(?:做好|科学|进一步)?(?:编制|编好|做好)\s*{_YEAR}\s*年度?\s*(?:部门)?预算(?!执行|绩效)")
# The year of the finance bureau's work arrangement an evaluation followed: the evaluation is made the year after the
# evaluated one ("按照县财政局2024年预算绩效管理工作安排，我局对部门整体支出开展了自评").
_ARRANGED_YEAR = re.compile(rf"(?P<year>{_YEAR})\s*年度?(?:全面)?(?:预算)?绩效管理工作(?:安排|要点|计划|部署|任务)")
_SPENT_YEAR = re.compile(rf"(?P<year>{_YEAR})\s*年度?\s*(?:{LEX.spent_column.pattern})")
# A column's header cut at the line's end ("2018年决", "2018"), and the characters of the next line that may end it
_CUT_COLUMN = re.compile(rf"{_YEAR}(?:\s*年度?\s*[\u4e00-\u9fff]{{0,3}})?$")
_COLUMN_REST = 5


# The notice that launched this evaluation, cited: "根据《某县财政局关于开展2023年度部门整体支出绩效自评工作
# 的通知》" (the year it has evaluated is the report's; any other cited document's year is the document's).
_LAUNCHING_NOTICE = re.compile(rf"《[^》]*?开展\s*(?P<year>{_YEAR})\s*年度?[^》]*?(?:自评|评价)[^》]*》")


def _launching_notice_year(head: list[str]) -> int | None:
    """With no other year stated, the year of the cited notice that launched the evaluation."""
    years = {int(m["year"]) for para in head if "《" in para for m in _LAUNCHING_NOTICE.finditer(para)}
    return years.pop() if len(years) == 1 else None


def _is_row(para: str) -> bool:
    return "|" in para or "\t" in para


def _table_year(tables: list[Table]) -> int | None:
    """A 基础数据表 with 2020年决算数 | 2021年预算数 | 2021年决算数: this year's 决算 column's year."""
    for table in tables:
        for row in table.rows[:4]:
            years = [int(m["year"]) for cell in row if cell and LEX.spent_column.search(cell)
                     for m in _FISCAL_YEAR.finditer(cell)]
            if years:
                return max(years)
    return None
