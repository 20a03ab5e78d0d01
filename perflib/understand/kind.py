"""What kind of document a text is: a department's overall-expenditure report (the
only kind that gets a page), one project's report, a 决算/预算 disclosure, an
article page whose report is only a linked attachment, or something else.

The kind is read from the title (the first short lines, site furniture aside);
the phrases are lexicon.toml's `kinds`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.document import Block, Table
from .lexicon import LEX
from .who import chrome_tail, is_chrome, is_heading_line, names_a_unit, title_text

KINDS = ("department", "project", "final_accounts", "attachment_only", "other")
_TITLE_LINES = 12
_BODY_CHARS = 200  # less prose than this besides attachment lines: the page only links its report


_CRUMB = re.compile(r"\s*(?:>|»|›)\s*")
_TITLE_END = re.compile(r"(?:报告|报告书|表|说明|决算|预算|公开)$")
_YEAR_FIRST = re.compile(r"^\s*(?:19|20)\d{2}|^\s*第[一二三四五六七八九十]+部分")  # not a heading's number


def title_kind(paragraphs: list[str]) -> str | None:
    """The kind the title names (`_titled`); a project's form opening the unit's forms is no project's report."""
    kind = _titled(paragraphs)
    return "department" if kind == "project" and _units_form_after_a_projects(paragraphs) else kind


_FORM_TITLE = re.compile(r"表\s*(?:[（(][^）)]{1,30}[）)])?\s*$")  # "项目支出绩效自评表（防汛抗旱专项）"


def _units_form_after_a_projects(paragraphs: list[str]) -> bool:
    """Does the document open with a project's 自评表 and hold the unit's (部门整体支出绩效自评表) further on, as a
    workbook of the unit's forms does, a project's sheet first? The unit's form is its report; the projects'
    are attached to it. (A project's report names no 部门整体 form as a title of its own.)"""
    first = next((p for p in paragraphs[:_TITLE_LINES] if _kind_named(p) is not None), "")
    if not _FORM_TITLE.search(first):
        return False
    return any(_FORM_TITLE.search(p) and not LEX.is_attachment(p) and _kind_named(p) == "department"
               and _rows_follow(paragraphs[i + 1:i + 4]) for i, p in enumerate(paragraphs))


def _rows_follow(lines: list[str]) -> bool:
    """Is a form's row among these lines (cells apart by tabs or bars), not only a mention of the form ("本表金额与下列
    表格一致：某局部门整体支出绩效自评表" at a project's form's foot)?"""
    return any("\t" in line or line.count("|") >= 2 for line in lines)


def _titled(paragraphs: list[str]) -> str | None:
    """The kind the title names (the first kind of lexicon.toml's `kinds` whose phrase a title
    line matches), or None when no title line names one. A title a plain-text page glued to its
    breadcrumb ("首页 > 绩效评价XX局…报告") counts only when no line of its own names a kind; a
    numbered heading ("（二）部门预决算情况") is no title. With no title, a form's row label
    (`form_kinds`: "项目名称 | …") or the first numbered heading (`opening_kinds`: "一、项目概况")
    may name the kind."""
    lines, glued = [], []
    opening = None  # the first numbered heading
    declared = None  # "现将2024年度X局整体支出绩效自评情况报告如下": what the first such sentence reports
    headline = None  # an undated "other" title line naming no unit, waiting on the next line
    listed = ""  # a unit's dated report title came after the headline: does another follow it?
    for para in paragraphs:
        if len(lines) >= _TITLE_LINES:
            break
        found = declared is None and "现将" in para and _DECLARED.search(para)
        declared = found["what"] if found else declared
        if LEX.furniture.search(para):
            # (the title, or a page's opening flattened onto the furniture line up to its first 报告: "下载 收藏 分享
            # …某所2022年度部门整体支出绩效自评报告 根据…")
            tail = _CRUMB.split(para)[-1]
            head = title_text(tail) or ""
            if head != tail and (not tail[len(head):len(head) + 1].isspace() or _ANOTHER_TITLE.search(tail, len(head))):
                head = ""  # (the opening ends at 报告 only as a title does: "…报告 根据…", not "…报告的通知》", "…报告及…";
                # nor is it one title of a list: "…报告 2023-05-10 某局2022年度…报告")
            if not head and _TITLE_END.search(tail):
                head = tail.split()[-1]  # (a menu's last word run onto the title: "…便民查询某局2019年部门决算编制说明")
            if _TITLE_END.search(head) and len(head) >= 8:
                glued.append(head)
            continue
        if is_chrome(para) and chrome_tail(para):
            para = chrome_tail(para)  # a title run onto the end of a chrome line
        elif LEX.is_attachment(para) or LEX.is_toc(para) or is_chrome(para):
            continue
        if is_heading_line(para) and not _YEAR_FIRST.match(para):
            opening = opening or LEX.numbering.sub("", para, count=1).strip()
            continue
        if len(_YEAR_COLUMNS.findall(para)) > 1:
            continue  # a table's header of years ("2017年决算数 2018年预算数 2018年决算数") is no title
        lines.append(para)
        kind = _kind_named(para) or _kind_of_a_split_title(lines)
        if listed:
            # another unit's dated report title under the first: a list of reports ("…自评结果公示" over
            # three units' titles), the page the headline's; the same unit's title again (a page's title
            # then the article's, or its short name "县司法局…") is the report's
            if _dated_unit_title(para) and not _same_unit(para, listed):
                return headline
            return "department"
        if headline is not None:
            # a headline naming no unit and no year ("部门整体支出绩效评价等级为良的单位名单公示"), then a unit's
            # dated report title: that title is the page's, the headline another article's (unless a list
            # of such titles follows)
            if kind == "department" and _dated_unit_title(para):
                listed = para
                continue
            return headline
        if kind == "other" and not _YEAR_MARK.search(para) and not _names_unit_before_kind(para) \
                and not para.lstrip().startswith("关于"):  # (a notice's own title: "关于开展…的通知")
            headline = kind
            continue
        if kind is not None:
            return kind  # the first title line naming a kind: no later line (nor a glued one) comes first
    if headline is not None:
        return "department" if listed else headline
    for para in glued:
        kind = _kind_named(para)
        if kind is not None:
            return kind
    for kind, pattern in LEX.form_kinds:
        if any(pattern.search(para.strip("| ")) for para in lines):
            return kind
    # a page with no title may say what it reports ("现将…报告如下"): it outweighs its first heading
    said = _first_kind(declared, in_title=False) if declared else None
    for kind, pattern in LEX.opening_kinds if opening else ():
        if pattern.search(opening):
            return said or kind
    return said


def _kind_of_a_split_title(lines: list[str]) -> str | None:
    """The kind a title set on short lines names, its last line the latest ("某县信访局" / "2023年度项目支出" /
    "绩效单位自评报告"): that line with the one or two short lines above it."""
    last = lines[-1]
    if len(lines) < 2 or len(last) > 40 or not _TITLE_END.search(last):
        return None
    for n in (1, 2):
        above = lines[-1 - n:-1]
        if len(above) < n or any(len(p) > 32 or _SENTENCE_MARK.search(p) for p in above):
            return None
        kind = _kind_named("".join(above) + last)
        if kind is not None:
            return kind
    return None


_SENTENCE_MARK = re.compile(r"[，。：:；;|]")
_ANOTHER_TITLE = re.compile(r"(?:19|20)\d{2}\s*年度?[^，。；,;《》]{2,40}报告(?!如下)")
_YEAR_COLUMNS = re.compile(r"(?:19|20)\d{2}\s*年度?\s*(?:决算|预算|执行)数")
_DECLARED = re.compile(r"现将(?P<what>[^，,。；;：:]{4,60}?)(?:报告|汇报)如下")


@lru_cache(maxsize=1024)  # (title_kind and _summarises_many ask of the same first lines)
def _kind_named(para: str) -> str | None:
    """The first kind of lexicon.toml's `kinds` a title line names; None for prose, no kind, or a
    site's column name."""
    text = title_text(para)
    if text is None:
        return None  # prose, not a title
    kind = _first_kind(text)
    return None if kind == "final_accounts" and _column_name(text) else kind


_YEAR_MARK = re.compile(r"(?:19|20)\d{2}|年")
_YEAR4 = re.compile(r"(?:19|20)\d{2}")
_REPORT_END = re.compile(r"(?:报告|报告书)\s*$")
_COLUMN_CHARS = 16


def _names_unit_before_kind(para: str) -> bool:
    """Does a title line name an organisation before the first kind phrase it holds?"""
    text = title_text(para) or ""
    for _, pattern, _ in LEX.kinds:
        m = pattern.search(text)
        if m:
            return names_a_unit(text[:m.start()])
    return False


def _same_unit(title: str, other: str) -> bool:
    """Do two dated report titles name the same unit, one maybe by its short name ("青川县司法局2023年度…",
    "县司法局2023年度…")?"""
    a, b = (t[:m.start()].strip() if (m := _YEAR4.search(t)) else t for t in (title, other))
    short, full = sorted((a, b), key=len)
    return len(short) >= 2 and full.endswith(short)


def _dated_unit_title(para: str) -> bool:
    """A report's title naming its unit and its year ("某局2023年度部门整体支出绩效自评报告")."""
    return bool(_YEAR4.search(para) and _REPORT_END.search(para)) and _names_unit_before_kind(para)


def _column_name(text: str) -> bool:
    """A site's column that budget and 决算 disclosures are filed under, and often performance
    reports too ("- 预决算与三公经费", "财政预决算"): 预决算 (budgets and final accounts together),
    with no year and no unit, in a short line. A disclosure's own title is one year's 预算 or 决算,
    and names that year or its unit."""
    text = text.strip("-·•* \t")
    at = text.find("预决算")
    return (0 <= at and len(text) <= _COLUMN_CHARS and not _YEAR_MARK.search(text)
            and not names_a_unit(text[:at]))


def _first_kind(text: str, in_title: bool = True) -> str | None:
    """The first kind of lexicon.toml's `kinds` the text names. "other" only in a title: in a
    sentence ("现将…自评工作情况报告如下") its words are the report's own."""
    for kind, pattern, named in LEX.kinds:
        m = pattern.search(text)
        if m and (in_title or kind != "other") and (not named or names_a_unit(text[:m.start()])):
            return kind
    return None


# How far a numbered heading's section reaches: to the next heading of the same or a higher rank.
_RANK = {"ordinal": 0, "cn": 1, "paren_cn": 2, "num": 3, "paren_num": 4, "task_num": 5, "task_cn": 5}


def embedded_self_evaluation(blocks: list[Block], department: str | None = None) -> tuple[str, list[Block]] | None:
    """A 决算 disclosure's 部门整体支出绩效自评 section (lexicon.toml's `embedded_section`): its heading
    as written and its blocks, up to the next heading of its rank that is not the self-evaluation's
    too (（二）部门整体支出绩效自评表 goes on). The first such section holding a figure (a contents list
    names the sections too, with no figures under them); else a table titled so; else None. A report attached
    (`…部门预算绩效评价报告`) counts only when its title, or the line above it, names the `department`."""
    texts = [b.text if not isinstance(b, Table) else None for b in blocks]
    for i, text in enumerate(texts):
        if text is None or len(text) > 60 or "。" in text or not LEX.embedded_section.search(text):
            continue
        if not _OWN_SECTION.search(text) and not (department and any(
                department in (t or "") for t in (text, texts[i - 1] if i else None))):
            continue  # ("附件1" / "2023年度某小学" / "单位绩效评价报告": another unit's report)
        rank = _rank(text)
        end = len(blocks)
        for j in range(i + 1, len(blocks)):
            other = texts[j]
            if other is None or len(other) > 60 or "。" in other or LEX.embedded_section.search(other):
                continue
            if rank is None and text.rstrip().endswith("报告") and LEX.is_attachment(other):
                end = j  # a report attached, its title of no rank, ends at the next attachment ("附件2 专项…报告")
                break
            r = _rank(other)
            if rank is not None and r is not None and r <= rank:
                end = j
                break
        part = blocks[i + 1:end]
        if any(isinstance(b, Table) or LEX.money.search(b.text) for b in part):
            return text.strip(), part
    for b in blocks:
        if isinstance(b, Table) and b.title and LEX.embedded_section.search(b.title):
            return b.title.strip(), [b]
    return None


_OWN_SECTION = re.compile(r"整体(?:支出)?绩效(?:自评|评价)")  # (a 决算 disclosure's own section, whoever it names)


def _rank(text: str) -> int | None:
    m = LEX.numbering.match(text)
    return _RANK.get(m.lastgroup) if m else None


def only_attachments(paragraphs: list[str]) -> bool:
    """An article whose body is a line or two and links to 附件 files."""
    links = [p for p in paragraphs if LEX.is_attachment(p)]
    # (a chrome line is short: a long one is text, whatever words it holds — 信息公开 in a form)
    body = sum(len(p) for p in paragraphs if not LEX.is_attachment(p) and not is_chrome(p))
    return bool(links) and body < _BODY_CHARS


def _disclosure_sections(paragraphs: list[str]) -> int:
    """How many different headings of a budget or 决算 disclosure's template the text has."""
    return len({p for p in paragraphs if len(p) <= 40 and "情况说明" in p and LEX.disclosure_section.search(p)})


def document_kind(paragraphs: list[str], has_figures: bool, titled: str | None = ...) -> str:
    """The document's kind; `titled`: title_kind(paragraphs) when the caller has it already."""
    kind = title_kind(paragraphs) if titled is ... else titled
    if kind is not None and kind != "department":
        return kind
    if not has_figures and only_attachments(paragraphs):
        return "attachment_only"
    if kind is None and _disclosure_sections(paragraphs) >= 2:
        return "final_accounts"  # a budget or 决算 disclosure whose title the page left out
    if kind is None and not has_figures:
        return "other"
    if kind == "department" and (_summarises_many(paragraphs) or not has_figures and _lists_reports(paragraphs)):
        return "other"
    return "department"


def _lists_reports(paragraphs: list[str]) -> bool:
    """A page of no figure whose first lines are report titles of several units ("某局2023年度部门整体支出绩效自评报告
    2024-05-10" / "某委…"): a column's list of reports, none of them read."""
    titles = [p for p in paragraphs[:_TITLE_LINES] if _dated_unit_title(_DATE_AFTER.sub("", p))]
    if len(titles) < 3 or all(_same_unit(titles[0], t) for t in titles[1:]):
        return False
    # (a list under a column's name or a headline, or its titles dated; not a unit's own title over its units' reports)
    return paragraphs[0] not in titles or all(_DATE_AFTER.search(t) for t in titles)


_DATE_AFTER = re.compile(r"\s*[\[（(]?(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?[\]）)]?\s*$")  # ("…报告2024-05-10")


_ISSUER_TAIL = re.compile(r"(?:关于)?\s*(?:(?:19|20)\d{2}\s*年?度?)?\s*$")
_OPENING_PARAS = 3
# A title's words before its kind that name every department of a level, not one unit ("2023年度县直部门整体支出…",
# "关于2023年度市级部门…", "2023年度全县部门…").
_LEVEL_BEFORE_KIND = re.compile(r"(?:[省市县区州旗][直级]|全[省市县区州旗])各?(?:一级)?(?:预算)?$")
# A unit's own report's title, which a template may word for a level's departments ("2023年度县直部门整体支出绩效自评报告"):
# not the results published for all of them ("…县级部门整体支出绩效自评结果公开").
_SELF_REPORT = re.compile(r"自评价?(?:情况|工作)?(?:报告|报告书|表)")
# A summary's own title word, after a place alone ("青岭县2023年度…评价总报告"; not a unit's 自评总报告).
_SUMMARY_TITLE = re.compile(r"评价总报告$")
_PLACE_ONLY = re.compile(r"[^\s，,。；;：:]{1,12}[省市区县州盟旗]")  # ("青岭县", "云溪市东城区")
_SENTENCE_END = re.compile(r"[。；;]")
# A summary's first section: what was evaluated ("一、评价对象", "一、评价范围", "一、评价概况").
_EVALUATED_SECTION = re.compile(r"评价(?:对象|范围|概况|基本情况|工作(?:开展)?情况)")


def _summarises_many(paragraphs: list[str]) -> bool:
    """A department report's title naming no unit, or only a finance bureau or a government ("青岚县人民政府关于
    2023年度部门整体支出绩效评价情况的报告"), whose sentences before the first heading count the departments
    evaluated (lexicon.toml's `many_departments`), or whose first section, headed for what was evaluated ("一、评价
    对象"), counts a level's departments and their 整体支出 with no unit speaking ("…等十二个县直部门2023年度部门整体支出",
    `level_departments`; a finance bureau's title only when it is no 自评报告): a summary of many, not one unit's report.
    So is a place's 评价总报告 ("青岭县2023年度部门整体支出绩效评价总报告"), and a title of no unit naming a level's
    departments that is no 自评报告 ("2023年度县直部门整体支出绩效评价结果报告", "…县级部门整体支出绩效自评结果公开", no
    unit's name on the line above; a unit's template says "2023年度县直部门整体支出绩效自评报告"). A unit's own title ("某局…", "某镇人民政府…") is its report
    whatever it counts."""
    for at, para in enumerate(paragraphs[:_TITLE_LINES]):
        if _kind_named(para) == "department":
            break
    else:
        return False
    text = title_text(para) or ""
    m = next(filter(None, (pattern.search(text) for kind, pattern, _ in LEX.kinds if kind == "department")), None)
    issuer = _ISSUER_TAIL.sub("", text[:m.start()]).strip() if m else ""  # ("某县财政局关于2023年度…": 某县财政局)
    no_unit = not names_a_unit(issuer)
    if m and no_unit and _SUMMARY_TITLE.search(text) and _PLACE_ONLY.fullmatch(issuer):
        return True
    if (m and not _SELF_REPORT.search(text) and _LEVEL_BEFORE_KIND.search(issuer)
            and not names_a_unit(_LEVEL_BEFORE_KIND.sub("", issuer))
            and not (at and names_a_unit(paragraphs[at - 1]))):
        return True  # "2023年度县直部门整体支出绩效评价结果报告" (not a unit's template, "2023年度县直部门…自评报告")
    opening, section = [], []
    for p in paragraphs[at + 1:at + 1 + _OPENING_PARAS]:
        if is_heading_line(p):
            break
        opening.append(p)
    counted = any(("个" in p or "家" in p) and LEX.many_departments.search(p) for p in opening)
    if not counted and (no_unit or LEX.publisher.search(issuer) and "自评" not in text):
        # (a finance bureau's own 自评报告 may count the departments it asked: only its 评价报告 is looked into)
        section = _first_section(paragraphs[at + 1:])
        counted = any("整体支出" in sentence and LEX.level_departments.search(sentence) and not LEX.subjects.search(sentence)
                      for p in section if "个" in p or "家" in p for sentence in _SENTENCE_END.split(p))
    if not counted and not any("各" in p and LEX.all_departments.search(p) for p in opening):
        return False  # (most reports count no departments: the title is looked at only for those that do)
    if not counted:  # (every department, uncounted: only a report of the publisher's *about* them, "…关于…的报告")
        return "关于" in text[:m.start()] and LEX.publisher.search(issuer) is not None if m else False
    return no_unit or LEX.publisher.search(issuer) is not None


def _first_section(paragraphs: list[str]) -> list[str]:
    """The paragraphs under the first heading among these when it names what was evaluated ("一、评价对象"), up to the
    next heading (at most _OPENING_PARAS)."""
    for at, p in enumerate(paragraphs[:_OPENING_PARAS + 1]):
        if is_heading_line(p):
            if not _EVALUATED_SECTION.search(p):
                return []
            section = []
            for q in paragraphs[at + 1:at + 1 + _OPENING_PARAS]:
                if is_heading_line(q):
                    break
                section.append(q)
            return section
    return []
