"""Stage 3, the self-evaluation: rating (优/良/中/差, also 优秀/良好/中等/较差) and score (自评得分 N 分).

A rating or score is the report's only when it is this year's self-evaluation: not one stated for
another year ("2022年度自评得分89分", "上年度评价结果为良"), not another assessment's ("满意度调查得分",
"安全检查评定等级", "农村供水保障评价结果"), not an indicator's ("该项指标自评得分9.9分") and not a band
of the scoring rules ("得分90分（含）以上为优")."""
from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal

from ..labels import GRADE_ORDER
from ..model import Record
from ..numbers import cn_number
from ..read.normalize import NOTE_IN_BRACKETS, clause_start, sentences_of
from .lexicon import LEX
from .who import abbreviates, consistent, reads_as_org

_RATING_WORDS = LEX.rating_words
_RATING_CUE = LEX.rating_cue  # groups word_0, word_1 …: the rating word of each cue
# Every cue's `word` is one of the rating words: a paragraph naming none has no cue (a quick
# scan first: the cues' first characters 自/评/等 … are in most paragraphs, 优/良/中/差 in few).
_RATING_WORD = re.compile("|".join(re.escape(w) for w in _RATING_WORDS))
_SCORE_PREFIX = LEX.score_prefix
_SCORE_CONTEXT = LEX.score_context
# (and 得 before the figure, its 分 after it: "自评得97.5分", "综合评价得92分"; or 自评 right before it, "绩效自评97分",
# not a project's "项目自评95分")
_SCORE_WORD = rf"(?:{_SCORE_PREFIX.pattern}|得分|评分|(?:自评|考评|评价)得(?=\s*\d)|(?<!项目)自评(?=\s*\d{{1,3}}(?:\.\d+)?\s*分))"
# A score in Chinese numerals ("八十九分", "九十三点五分", "一百分"); not a bare 十 ("得分十分…" is "very").
_CN_DIGIT = "零〇一二三四五六七八九"
_CN_SCORE = rf"一百|[一二三四五六七八九]十[一二三四五六七八九]?|十[一二三四五六七八九]|[一二三四五六七八九](?![十百])"
_SCORE = re.compile(rf"{_SCORE_WORD}(?:(?<=[得评]分)数)?\s*(?:为|是|:|：|达到|共)?\s*(?:(?P<s>\d{{1,3}}(?:\.\d+)?)"
                    rf"|(?P<c>(?:{_CN_SCORE})(?:点[{_CN_DIGIT}]+)?))\s*分"
                    # (not a score table's row, its 分值 then its 得分: "综合得分 100 92"; its 得分 then
                    # its 满分, "综合得分 97.5 100", a date cell after it, "自评得分 97.5 2024年3月", and the same figure
                    # again, a merged cell repeated when flattened, "自评得分 | 96 | 96", are; 自评得分 and its value apart
                    # by a bar too, "| 自评得分 | 89 |", not another survey's "| 评价得分 | 95 |")
                    r"|(?:(?:自评|综合|评价|考评|最终)(?:得分|评分)|自评总分)\s*(?:[:：]|(?<=自评得分|自评总分)\s*\|)?\s*"
                    r"(?P<t>\d{1,3}(?:\.\d+)?)(?=[\s|]|$)"
                    r"(?![\s|]+(?!100(?:\.0+)?(?:[\s|]|$)|(?P=t)(?:[\s|]|$))\d{1,3}(?:\.\d+)?(?:[\s|]|$))"
                    # a form's cell label with its unit, its value run into the next cell ("自评总分(分)97.6部门联系人")
                    rf"|(?:{_SCORE_PREFIX.pattern})\s*[（(]分[)）]\s*[:：]?\s*(?P<f>\d{{1,3}}(?:\.\d{{1,2}})?)(?![\d.%])")
# A 总分 (or 评分数) stated before the sentence's 得分 is the scale's maximum ("评价总分100分，本单位得分93.5分").
_TOTAL = re.compile(r"(?:总分|(?<!自)评分数)\s*(?:为|是|:|：)?\s*$")  # ("综合评分数为100分，我局实际得分87分" too)
_LATER_SCORE = re.compile(r"得分|评分")
# What every _SCORE match holds (得分, 评分, 总分: score_prefix's words end so too; or 评得, 评价得, 自评 and a digit): a
# text without it is not searched for _SCORE's many openings, at ~0.1 µs a character (most sentences with 分 hold 部分,
# 充分, 分别 …).
_SCORE_CUE = re.compile(r"[得评总]分|评价?得|自评\s*\d")

# A year the sentence speaks of as the evaluated one: "2022年度", "2022年部门整体…" — not a date
# (2024年3月), not one it compares with (较2022年), not when the evaluation was done or planned
# ("我局于2024年开展绩效自评", "按照县财政局2024年工作部署").
_YEAR = re.compile(r"(?<![较比与同和])(?P<year>(?:19|20)\d{2})\s*(?:年度|年(?=\s*(?:[我本](?:局|委|办|院|中心|单位|部|所|站|校|馆|会|厅|处|队))?"
                   r"(?:部门|整体|绩效|预算|决算|财政|自评|评价|项目|全年)))")  # ("2022年我局部门整体…")
# 上年 … that is not the year evaluated: money carried over (含上年结转资金), a comparison (上年同期);
# (one compared with, 较上年, is no year word: LEX.year_word).
_NOT_LAST_YEAR = re.compile(r"\s*(?:结转|结余|同期|相比|以来)")
_CITED = re.compile(r"《[^》]*》")  # a cited document's title: its year is the document's
_ISSUED = re.compile(rf"[^，,。；;]{{0,4}}?(?:{LEX.issued.pattern})")
_CLAUSE_ENDS = "，,；;|\t"  # a table's cells (| or tab) are clauses too
_NOT_A_WORD = re.compile(r"[\W\d_]+")
# The words that name no one, opening a clause (then 本/该) and closing it: what is between them
# is a name ("农村供水保障项目评价结果" → 农村供水保障; "2023年度绩效评价" → nothing).
_OPENING = re.compile(rf"(?:{LEX.evaluation_word.pattern})*(?:本|该)?")
_CLOSING = re.compile(rf"(?:{LEX.evaluation_word.pattern})+$")
_NAME_CHARS = 80  # a clause's end holds the name (a longer run is flattened text: its end is enough)
_TITLE_LINES = 5  # the title is in the first lines (after chrome), and ends so:
_TITLE_ENDS = ("报告", "报告书", "自评表", "评价表")  # (its last words, spaces after them aside)
_WHOLE = re.compile(rf"{LEX.score_whole.pattern}|{LEX.subjects.pattern}")


# A form flattened one cell per line: a score's or rating's label alone on its line ("自评得分"), its
# value alone on the next ("95", "优"): read as one cell pair, "自评得分 95"; not a row of several values (one a
# year's: "自评得分" / "88.5" / "92.0" / "95.5" under "2021年" / "2022年" / "2023年").
_LABEL_CELL = re.compile(rf"(?:{_SCORE_PREFIX.pattern}|(?:自评|评价|综合|绩效)?等级)\s*(?:[（(]分[)）])?\s*[:：|]?\s*")
_VALUE_CELL = re.compile(rf"(?:\d{{1,3}}(?:\.\d+)?\s*分?|{_RATING_WORD.pattern})\s*\|?\s*")


_YEAR_CELL = re.compile(r"(?:19|20)\d{2}\s*年度?")  # (a row of the years above the label: its values one a year)


def _cell_pairs(paragraphs: list[str]) -> list[str]:
    out = list(paragraphs)
    for i in range(len(out) - 1):
        if (_LABEL_CELL.fullmatch(out[i]) and _VALUE_CELL.fullmatch(out[i + 1])
                and sum(bool(_YEAR_CELL.fullmatch(p.strip())) for p in out[max(0, i - 8):i]) < 2):
            out[i] = out[i].rstrip(" |:：") + " " + out[i + 1].strip(" |")
            out[i + 1] = ""
        # (a row of cells only, _row_pairs's first test: no call for each line of prose)
        elif ("\t" in out[i] or "|" in out[i]) and (pairs := _row_pairs(out[i], out[i + 1])) is not None:
            out[i], out[i + 1] = " | ".join(pairs), ""  # "自评总分 | 评价等级" over "84.25 | 良": "自评总分 84.25 | 评价等级 良"
    return out


_CELLS = re.compile(r"\s*[|\t]\s*")
_EMPTY = re.compile(r"^[-—–/－]+$")  # (an empty cell as the layout writes it)


def _row_pairs(labels: str, values: str) -> list[str] | None:
    """A table's row of score and rating labels over its row of their values, cell by cell ("自评总分 | 评价等级" over
    "84.25 | 良"): each label with its value, or None. (Every cell a label over a value, or empty over empty.)"""
    if "\t" not in labels and "|" not in labels:
        return None
    heads, cells = ([_EMPTY.sub("", c) for c in _CELLS.split(row.strip(" |"))] for row in (labels, values))
    if len(heads) != len(cells) or not all(bool(h) is bool(c) for h, c in zip(heads, cells)):
        return None
    pairs = [(h, c) for h, c in zip(heads, cells) if h]
    if not all(_LABEL_CELL.fullmatch(h) and _VALUE_CELL.fullmatch(c) for h, c in pairs):
        return None
    return list(dict.fromkeys(f"{h} {c}" for h, c in pairs))  # (a merged cell repeated: once)


# The grade bands a report states ("得分85分（含）以上为优，70（含）至85分为良，60分以下为差", "良（75-89分）"):
# each grade's lowest score. Grades in their canonical words; 合格 / 不合格 as written.
_GRADE = r"(?P<g>优秀|良好|中等|较差|不合格|合格|优|良|中|差)"
_BAND_FROM = re.compile(rf"(?P<lo>\d{{2}})\s*分?\s*(?:[（(]含[^）)]{{0,4}}[)）])?\s*(?:及以上|以上|(?:-|—|–|~|～|至|到)\s*\d{{2,3}}\s*分?"
                        rf"(?:\s*[（(]不?含[^）)]{{0,4}}[)）])?(?:之间)?)\s*(?:的)?(?:为|评为|定为|属于|是)\s*[“\"「]?{_GRADE}")
_BAND_AFTER = re.compile(rf"{_GRADE}[”\"」]?\s*[（(]\s*(?:得分)?\s*(?:(?:≥|>=)\s*(?P<ge>\d{{2}})\s*分?|(?P<lo>\d{{2}})\s*分?\s*(?:≤得分)?"
                         rf"(?:及以上|以上|(?:-|—|–|~|～|至|到|[<＜])\s*\d{{2,3}}\s*分?))\s*[)）](?!\s*\d)")  # (not "优（95分以上）3个": a count)
_BAND_BELOW = re.compile(rf"(?P<hi>\d{{2}})\s*分?\s*以下\s*(?:的)?(?:为|评为|定为|属于|是)\s*[“\"「]?{_GRADE}")  # ("60分以下为差": from 0)
# A sentence of bands for the unit's own score: the rules it was scored by, no project's, survey's, indicator's,
# appraisal's or another year's ("满意度测评85分以上为优秀", "考核85分以上为优秀", "2022年度…85分以上为优")
_BANDS_OF = re.compile(r"评分|得分|评价|等级|档次|标准|办法|分值|总分")
_BANDS_OF_ANOTHER = re.compile(r"项目|满意度|测评|调查|考核|考评|指标|单位[^，。]{0,4}个")


def read_bands(paragraphs: list[str], rec: Record) -> None:
    """The grade bands the report states for its own score (two grades at least, ordered: each above the next),
    into rec.bands, the sentence into rec.bands_sentence."""
    for para in paragraphs:
        if "分" not in para or not _RATING_WORD.search(para):
            continue
        for sent in sentences_of(para):
            if not _BANDS_OF.search(sent) or _BANDS_OF_ANOTHER.search(sent) or any(
                    int(y) != rec.year for y in re.findall(r"((?:19|20)\d{2})\s*年", sent)):
                continue
            found = {}
            for m in [*_BAND_FROM.finditer(sent), *_BAND_AFTER.finditer(sent)]:
                found.setdefault(_RATING_WORDS.get(m["g"], m["g"]), Decimal(m["lo"] or m["ge"]))
            for m in _BAND_BELOW.finditer(sent):
                found.setdefault(_RATING_WORDS.get(m["g"], m["g"]), Decimal(0))
            if _ordered(found):
                rec.bands, rec.bands_sentence = found, sent
                return
    for cells in _band_tables(paragraphs):
        found = {_RATING_WORDS.get(g, g): _band_low(cell) for g, cell in cells}
        if _ordered(found):
            rec.bands, rec.bands_sentence = found, "；".join(f"{g}：{cell}" for g, cell in cells)
            return


def _ordered(found: dict[str, Decimal]) -> bool:
    """Two grades at least, each one's lowest score above the next's."""
    ranked = [g for g in GRADE_ORDER if g in found]
    return len(found) >= 2 and all(found[a] > found[b] for a, b in zip(ranked, ranked[1:]))


# A table of the bands (a row of grades over a row of ranges, or a grade and its range on each row): "评价等级 | 优 | 良 …"
# over "得分区间 | 90分（含）以上 | 80（含）-90分 …", or "优 | 90≤得分≤100".
_GRADE_CELL = re.compile(_GRADE)
_GRADES_LABEL = re.compile(r"(?:评价|绩效|评定)?(?:等级|档次)")
_RANGE_LABEL = re.compile(r"(?:得分|分值|分数|评分)(?:区间|范围|标准)?|区间|范围|分数段")
# A range cell's lowest score: "90分（含）以上", "≥90", "90≤得分≤100", "80（含）-90分", "80-89分"; "60分以下", "得分＜60": 0
_RANGE_FROM = re.compile(r"^(?:得分)?\s*(?:≥|>=|大于等于)?\s*(?P<lo>\d{2})\s*分?\s*(?:[（(]含[)）])?\s*"
                         r"(?:及以上|以上|(?:≤|<=|＜|<)\s*得分|(?:-|—|–|~|～|至|到)\s*\d{2,3}\s*分?(?:\s*[（(]不?含[)）])?|$)")
_RANGE_BELOW = re.compile(r"^(?:\d{2}\s*分?\s*以下|(?:得分)?\s*(?:＜|<|低于|小于)\s*\d{2}\s*分?)")


def _band_low(cell: str) -> Decimal | None:
    text = "".join(cell.split()).rstrip("。")
    m = _RANGE_FROM.match(text)
    if m and m["lo"]:
        return Decimal(m["lo"])
    return Decimal(0) if _RANGE_BELOW.match(text) else None


def _band_tables(paragraphs: list[str]) -> list[list[tuple[str, str]]]:
    """Each band table's (grade, range cell) pairs, every range one _band_low reads, of a table whose title above is
    about the unit's own score (not a survey's or an appraisal's: _BANDS_OF_ANOTHER). Its cells apart by `|`, tabs
    or spaces."""
    found = []
    for i, para in enumerate(paragraphs):
        if not _GRADES_HEAD.match(para):
            continue  # (most lines: the lines above are not looked at)
        above = paragraphs[max(0, i - _TITLE_BACK):i]
        if not any(_BANDS_TITLE.search(p) for p in above + [para]) \
                or any(_BANDS_OF_ANOTHER.search(p) or (_ANOTHER_ASSESSMENT.search(p) and not _BANDS_TITLE.search(p))
                       for p in above):  # (the report's own title, "…档案局…绩效自评报告", is no other assessment's)
            continue
        cells = _cells(para)
        if len(cells) >= 3 and all(_GRADE_CELL.fullmatch(c) for c in cells[1:]):  # grades in a row, their ranges under it
            below = _cells(paragraphs[i + 1]) if i + 1 < len(paragraphs) else []
            if len(below) == len(cells) and _RANGE_LABEL.fullmatch(below[0]):
                pairs = list(zip(cells[1:], below[1:]))
                if all(_band_low(c) is not None for _, c in pairs):
                    found.append(pairs)
        elif len(cells) == 2 and _RANGE_LABEL.fullmatch(cells[1]):  # a grade and its range on each row
            pairs = []
            for row in map(_cells, paragraphs[i + 1:]):
                if len(row) != 2 or not _GRADE_CELL.fullmatch(row[0]) or _band_low(row[1]) is None:
                    break
                pairs.append((row[0], row[1]))
            if len(pairs) >= 2:
                found.append(pairs)
    return found


# The lines above a band table say it is the evaluation's own ("二、评价等级标准", "评分等级如下："), not another
# assessment's ("二、内部控制评价情况", "二、档案管理达标情况").
_BANDS_TITLE = re.compile(r"绩效|自评|评价等级|评分|等级标准|评价标准|等级划分|得分等级")
_ANOTHER_ASSESSMENT = re.compile(r"内部控制|内控|档案|信用|安全|文明|达标")
_TITLE_BACK = 4  # lines above a band table that may title it
_GRADES_HEAD = re.compile(r"\|?\s*(?:评价|绩效|评定)?(?:等级|档次)\s*(?:[|\t ]|$)")


def _cells(line: str) -> list[str]:
    """A row's cells: apart by tabs or `|`, else by spaces (a text row: these cells hold none)."""
    if "\t" in line or "|" in line:
        return ["".join(c.split()) for c in (line.split("\t") if "\t" in line else line.strip().strip("|").split("|"))]
    return line.split()


def read_rating(paragraphs: list[str], rec: Record) -> None:
    title = "".join(p for p in paragraphs[:_TITLE_LINES] if p.rstrip().endswith(_TITLE_ENDS))
    paragraphs = _cell_pairs(paragraphs)
    # (a paragraph with no cue has no sentence with one)
    rated = [sentences_of(para) for para in paragraphs if _may_rate(para)]
    found = _rating_cue(rated, rec, title)
    if found:
        sent, m = found
        rec.rating = _RATING_WORDS[next(w for w in m.groupdict().values() if w)]
        rec.evidence["rating"] = sent
    # The overall score: 自评得分 / 综合得分 / 总分 first; a bare 得分 only next to the self-evaluation
    # (an indicator's 得分 is not the report's score).
    scored = [sentences_of(para) for para in paragraphs if _may_score(para)]
    seen: dict[str, list[re.Match]] = {}  # (each sentence's scores, found by the first pass for the second)
    for bare in (False, True):
        for sents in scored:
            for sent in sents:
                if rec.score is not None:
                    return
                found, scores = [], seen.get(sent)
                if scores is None:
                    scores = seen[sent] = list(_SCORE.finditer(sent)) if _SCORE_CUE.search(sent) else []
                for m in scores:
                    prefixed = bool(_SCORE_PREFIX.match(sent, m.start()))
                    if prefixed == bare or (bare and not _SCORE_CONTEXT.search(sent)):
                        continue
                    value = Decimal(m["s"] or m["t"] or m["f"]) if m["c"] is None else cn_number(m["c"])
                    if _is_a_maximum(sent, m, value):
                        continue
                    if value <= 100 and _is_the_score(sent, m, rec, title):
                        found.append((m, value))
                if found and "本级" not in title and len(scores) > 1:
                    # beside other scores, the bureau's own is a part ("机关本级自评得分 93 分，所属单位平均得分 86 分";
                    # not in a report of 某局本级, nor "本级及所属单位整体自评得分 92 分")
                    found = [(m, v) for m, v in found
                             if "本级" not in sent[slice(*_score_clause(sent, m))] or _names_the_whole(sent, m)]
                if found:  # several: the one naming the whole ("局本级自评得分 89 分，部门整体自评得分 90 分")
                    rec.score = next((v for m, v in found if _names_the_whole(sent, m)), found[0][1])
                    rec.evidence["score"] = sent
    _read_total_row(paragraphs, rec)
    _read_form_total(paragraphs, rec)


def _rating_cue(rated: list[tuple[str, ...]], rec: Record, title: str) -> tuple[str, re.Match] | None:
    """The sentence and cue of the report's rating among the sentences of `rated`: a sentence of the self-evaluation
    first ("…部门整体支出绩效自评得分86分，等级为良"), then any: "年度综合考评等级优秀" in the 部门概况 is the year's work
    appraisal, not this evaluation. (The second pass tries only the sentences the first did not: those it tried gave
    no rating; they are kept in order as the first pass meets them, each asked once whether it says 自评 or 绩效.)"""
    later = []
    for sents in rated:
        for sent in sents:
            if "自评" not in sent and "绩效" not in sent:  # (not of the self-evaluation: the second pass's)
                later.append(sent)
                continue
            if (m := _rating_in(sent, rec, title)) is not None:
                return sent, m
    for sent in later:
        if (m := _rating_in(sent, rec, title)) is not None:
            return sent, m
    return None


def _rating_in(sent: str, rec: Record, title: str) -> re.Match | None:
    """The sentence's first cue of one grade that is this year's self-evaluation's, the unit's own."""
    return next((m for m in _one_grade_cues(sent) if _is_this_self_evaluation(sent, m.start(), rec, title)
                 and not _anothers_grade(sent, m.start(), rec, title) and not _grades_side_by_side(sent)), None)


# A 自评表's last row, its 总分: the score alone ("总分 | 95.2"), or after the full marks (总分 | 100 | 93.6", the
# empty cells between as "—"); within a form (its budget row or its title above). Its cells apart by tabs, or by spaces
# where the layout left the row a line ("总分 100 92").
_CELL_GAP = r"(?:\t|[ \u3000]+)"
_FORM_TOTAL = re.compile(rf"总分(?:{_CELL_GAP}—)*(?P<full>{_CELL_GAP}100(?:\.0{{1,2}})?)?(?:{_CELL_GAP}—)*{_CELL_GAP}"
                         rf"(?P<s>\d{{1,2}}(?:\.\d{{1,2}})?)(?:{_CELL_GAP}—)*")
_FORM_ABOVE = re.compile(r"自评表|评分表|年度资金总额")
_POINTS_HEADER = re.compile(r"(?:^|\t)(?:分值|权重)(?:\t|$)")
_ANOTHER_YEARS_FORM = re.compile(r"(?:上|前|去)一?年度?[^\t]{0,20}自评表")
_FORM_ROWS = 40  # lines from the form's title or budget row to its 总分
_TOTAL_CELLS = ("总分", "合计", "总计")


def _score_header_cells(lines: list[str]) -> bool:
    """Do the lines hold a score table's header one cell a line ("分值" ⏎ "得分")?"""
    return any(a == "分值" and b == "得分" for a, b in zip(lines, lines[1:]))


def _read_form_total(paragraphs: list[str], rec: Record) -> None:
    """The score from the one 总分 row of a form of the report's year (another year's form, a project's: not its)."""
    if rec.score is not None:
        return
    found, since = [], 0
    for i, para in enumerate(paragraphs):
        m = _FORM_TOTAL.fullmatch(para) if para.startswith("总分") else None
        if m is None and para in _TOTAL_CELLS and _score_header_cells(paragraphs[max(0, i - _FORM_ROWS):i]):
            # (a score table one cell a line: "合计" ⏎ "100" ⏎ "92", under "分值" ⏎ "得分")
            para = " ".join(paragraphs[i:i + 3])
            m = _FORM_TOTAL.fullmatch("总分" + para[len(paragraphs[i]):])
        if m is None:
            continue
        form = paragraphs[max(since, i - _FORM_ROWS):i]  # (the lines of this form only: after the last one's total)
        since = i + 1
        years = [int(y) for p in form for y in re.findall(r"((?:19|20)\d{2})\s*年", p)]  # (the nearest: its period)
        # (the score alone after 总分, in a form with a 分值 column: a whole number there may be that column's, "总分 | 90 |")
        alone = m["full"] is None and "." not in m["s"]
        if (any(_FORM_ABOVE.search(p) for p in form) and not (alone and any(_POINTS_HEADER.search(p) for p in form))
                and not any(_ANOTHER_YEARS_FORM.search(p) for p in form)
                and not any(LEX.project_table.search(p) or p.startswith("项目名称") for p in form)
                and (rec.year is None or not years or years[-1] == rec.year)):
            found.append((m, para))
    if len(found) == 1:
        (m, para), = found
        rec.score = Decimal(m["s"])
        rec.evidence["score"] = para


# A score table's total row, its label lost in flattening or kept (总分): 满分 100, the score, the grade ("100.00 | 94.04 | 优"),
# a few lines under the table's heading (绩效等级, 评价结果): the score, when the grade is the score's band.
_TOTAL_ROW = re.compile(rf"\s*(?:(?:总分|合计|总计|得分合计)\s*[|\t]\s*)?100(?:\.0{{1,2}})?\s*[|\t]\s*(?P<s>\d{{1,2}}(?:\.\d{{1,2}})?)\s*[|\t]\s*"
                        rf"(?P<w>{_RATING_WORD.pattern})[\s|]*")
_RESULT_HEAD = re.compile(r"等级|评价结果")
_TOTAL_LABELS = ("总分", "合计", "总计", "得分")  # (a total row's label kept: "总分 | 100 | 94.04 | 优")
_TOTAL_ROW_STARTS = ("100", *_TOTAL_LABELS)  # (how a _TOTAL_ROW line opens: the others are asked no regex)
_RESULT_ROWS = 8  # lines from the heading to the total row


def _read_total_row(paragraphs: list[str], rec: Record) -> None:
    if rec.score is not None:
        return
    for i, para in enumerate(paragraphs):
        m = _TOTAL_ROW.fullmatch(para) if para.startswith(_TOTAL_ROW_STARTS) else None
        if m is None or not any(_RESULT_HEAD.search(p) for p in paragraphs[max(0, i - _RESULT_ROWS):i]):
            continue
        if any(LEX.project_table.search(p) for p in paragraphs[max(0, i - _RESULT_ROWS - 2):i]):
            continue  # a project's 自评表 (an appendix's): its total, not the unit's
        score, grade = Decimal(m["s"]), _RATING_WORDS[m["w"]]
        if _band(score) != grade or rec.rating not in (None, grade):
            return
        rec.score = score
        rec.evidence["score"] = para
        if rec.rating is None:
            rec.rating = grade
            rec.evidence["rating"] = para
        return


def _band(score: Decimal) -> str | None:
    """The grade a score falls in, by the bands of the check rating.matches_score."""
    from ..check.rules import rule_by_id  # (the checks import the parser's modules)
    for grade, lo, below in rule_by_id("rating.matches_score").bands:
        if (lo is None or score >= lo) and (below is None or score < below):
            return grade
    return None


def _is_a_maximum(sent: str, m: re.Match, value: Decimal) -> bool:
    """Is the score `m` a 总分 the sentence goes on to give a 得分 within (the scale, not the score)?
    Not a 自评总分 below 100 whose parts' 得分 follow in a 其中 list ("自评总分92分，其中预算执行得分19分，
    …": the score, then its parts; "评价总分100分，其中…20分；本单位得分93.5分" is the scale)."""
    value_at = next(m.start(g) for g in ("s", "c", "t", "f") if m[g] is not None)
    later = _LATER_SCORE.search(sent, m.end())
    if not (later and _TOTAL.search(sent, m.start(), value_at)):
        return False
    parts = LEX.parts_intro.search(sent, m.end(), later.start())
    return not (value < 100 and LEX.self_report.match(sent, m.start()) and parts is not None
                and not any(c in sent[parts.end():later.start()] for c in _PART_ENDS))


@lru_cache(maxsize=4096)  # (asked of every paragraph; reports repeat their paragraphs)
def _may_rate(para: str) -> bool:
    return bool(_RATING_WORD.search(para) and _RATING_CUE.search(para))


@lru_cache(maxsize=4096)
def _may_score(para: str) -> bool:
    return _SCORE_CUE.search(para) is not None and _SCORE.search(para) is not None


@lru_cache(maxsize=4096)  # (both passes of read_rating ask; reports repeat their sentences)
def _one_grade_cues(sent: str) -> tuple[re.Match, ...]:
    """The sentence's rating cues that name one grade, not the scale's list (whether each is this
    year's self-evaluation rating is _is_this_self_evaluation's to say)."""
    return tuple(m for m in _RATING_CUE.finditer(sent)
                 if not LEX.rating_scale.match(sent, max(m.end(g) for g, w in m.groupdict().items() if w)))


def _is_the_score(sent: str, m: re.Match, rec: Record, title: str) -> bool:
    """Is the score `m` this year's self-evaluation total: not a band's bound, not an indicator's?"""
    if LEX.score_band.match(sent, m.end()):
        return False
    if _of_a_part(sent, m):
        return False
    if m["f"] is not None and LEX.project_form.search(sent, 0, m.start()):
        return False  # a project's form squashed onto one line: its score
    indicators = [i for i in LEX.indicator.finditer(sent, 0, m.start())
                  if not _BY_CRITERIA.search(sent, clause_start(sent, i.start(), _CLAUSE_ENDS), i.start())]
    if indicators and not _WHOLE.search(sent, indicators[-1].end(), m.end()):
        return False
    return _is_this_self_evaluation(sent, m.start(), rec, title)


# The criteria an evaluation followed ("对照整体支出绩效评价指标开展自评"): no indicator whose score follows.
_BY_CRITERIA = re.compile(r"对照|按照|依据|根据")
# An average of several ("项目自评平均得分", "各单位平均得分") or a block's ("项目支出绩效得分"): no one's total, or not the
# whole unit's; unless its clause names the whole ("部门整体支出（含基本支出和项目支出）自评得分", "…合计得分")
_PART_SCORED = re.compile(r"平均|基本支出|项目支出")
_WHOLE_SCORED = re.compile(r"整体|合计|总")


def _score_clause(sent: str, m: re.Match) -> tuple[int, int]:
    """Where the clause of the score `m` starts, and where its score word ends ("平均自评得分", "自评平均得分")."""
    return clause_start(sent, m.start(), _CLAUSE_ENDS), m.start() + 4


def _of_a_part(sent: str, m: re.Match) -> bool:
    start, end = _score_clause(sent, m)
    return _PART_SCORED.search(sent, start, end) is not None and not _names_the_whole(sent, m)


def _names_the_whole(sent: str, m: re.Match) -> bool:
    return _WHOLE_SCORED.search(sent, *_score_clause(sent, m)) is not None


def _is_this_self_evaluation(sent: str, pos: int, rec: Record, title: str) -> bool:
    """Does the score or rating at `pos` speak of the report's year and of the unit's
    self-evaluation (its clause names no other assessment, and no one but the unit or what the
    report's `title` names: a project report's "某某项目评价等级为优")?"""
    return not _another_year(sent, pos, rec.year) and _of_the_unit(sent, pos, rec, title)


def _of_the_unit(sent: str, pos: int, rec: Record, title: str) -> bool:
    """Is the score or rating at `pos` the unit's self-evaluation's, whatever its year?"""
    if LEX.self_report.search(title) and _evaluated_by_another(sent[:pos], rec.department):
        return False
    start = clause_start(sent, pos, _CLAUSE_ENDS)
    clause = sent[start:pos]
    review = _REVIEWED.search(sent, 0, pos)
    if review and "自评" not in sent[review.end():pos + 4]:
        return False  # "经县财政局复核，评价等级为良", "…，复核得分 89 分，等级为良": the review's, not the unit's
    if _AIMED.search(sent, start, pos):
        return False  # "争取部门整体支出绩效综合得分达到95分": a target, not the score
    if (LEX.other_assessment.search(_without_the_units_name(clause, rec.department))
            or _APPRAISAL.search(sent, start, pos + 2)
            or _names_a_superior(clause, rec, _FORM_FIELD.match(sent, pos) is not None)
            or _graded_by_another(sent, start, pos)):
        return False
    # an area's evaluation ("在全市妇幼健康服务年度评价中结果为良好") is not the unit's own; its 自评 in
    # one ("在全县…绩效自评中等级为优") is
    area = LEX.other_bodies.search(clause) if "全" in clause else None
    if area and not LEX.self_report.search(clause, area.end()):
        return False
    if _another_units(sent, pos, rec, title):
        return False
    if "项目" in clause and "项目" not in title and _ONE_PROJECTS.search(clause) and not _WHOLE_SCORED.search(clause):
        return False  # ("…开展了项目自评，该项目自评得分95分": one project's, in a department's report)
    if "项目" not in title and _projects_self_evaluation_speaks(sent, pos) and not _WHOLE_SCORED.search(clause):
        return False  # ("对农资打假专项开展了项目自评，评价等级为优", "我局“智慧城管”项目自评得分96分")
    if LEX.self_evaluation.search(clause) or (rec.department and rec.department in clause):
        return True
    name = _name(clause)
    if (clause.rstrip().endswith(("（", "(")) and sent.startswith("自评", pos) and _GRADE_WORD.search(clause)
            and "项目" not in clause and not _A_BODY_IN.search(clause)):
        return True  # the score in brackets after the grade it gives, no body or project named: "绩效等级：良好（自评分86.5分）"
    # (the unit by a short name the title does not write: "县农业局" in 某县农业农村局's report)
    return not name or name in title or ((reads_as_org(name) or name in LEX.kind_names)
                                         and _is_the_unit(name, rec.department))


# Another body's review before a cue, no 自评 after it up to the cue's own words ("经县财政局复核，评价等级为良", "复核得分
# 89 分"; not the unit's own check, "经财务股复核，我局…自评得分").
_REVIEWED = re.compile(r"(?:财政|主管部门|上级|第三方|审计|评审|专家)[^，,。；;]{0,12}复核|复核(?:得分|评分|结果|等级)"
                       r"|第三方(?:机构)?[^，,。；;]{0,8}(?:评价|评估)")  # ("经委托第三方机构评价，得分83分，等级为良")
# A work appraisal's score or grade, read with its cue's first words ("市直单位考评得分 95.5 分"; "部门整体支出绩效综合考评得分"
# after 经自评 is the unit's own, "我单位自评得分" too).
_APPRAISAL = re.compile(r"(?<![我本])(?:单位|年度|年终|工作)考评$")  # (not "我单位考评得分", "本年度考评得分": the unit's)
_GRADE_WORD = re.compile(r"等级|等次")
_A_BODY_IN = re.compile(rf"(?<![我本])(?:{LEX.org_end.pattern})")  # ("所属区社会福利院绩效等级为良好（自评分…）"; not 我局)
# A score aimed at, not reached ("争取…综合得分达到95分", "力争自评得分…").
_AIMED = re.compile(r"争取|力争|确保|预计|预期|拟|目标是")


def _grades_side_by_side(sent: str) -> bool:
    """Is the line a table's row of grades in several columns ("评价等级 | 良 | 优" under "2022年 | 2023年"), which of
    them the unit's this year not said by the row?"""
    if not _CELL_EDGES.search(sent):
        return False
    cells = _CELL_EDGES.split(NOTE_IN_BRACKETS.sub("", sent).strip())  # (a legend in brackets aside: "优 （优 良 中 差）")
    return len({c for c in cells if c in _RATING_WORDS}) >= 2  # (one merged cell repeated, "优 优", says one)


_CELL_EDGES = re.compile(r"[\s|]+")  # (a row's cells apart by tabs, bars or spaces)


def _without_the_units_name(clause: str, department: str | None) -> str:
    """The clause less the unit's name, full or short ("青岭县审计局…", "县审计局…": an audit bureau's own 审计 is no
    other assessment)."""
    if not department:
        return clause
    short = _PLACES_BEFORE.sub("", department)
    return clause.replace(department, "").replace(short, "") if len(short) >= 2 else clause.replace(department, "")


_PLACES_BEFORE = re.compile(r"^.*[省市区县州盟旗镇乡]")  # ("青岭县审计局" → 审计局)
_ONE_PROJECTS = re.compile(r"(?:该|此|这个|单个)(?:项目|专项)|[”\"」』]\s*(?:项目|专项)")  # (not "项目自评指标": the method)
# One project's self-evaluation named before a score or grade in its sentence, the whole not named in its clause.
_A_PROJECTS_SELF_EVALUATION = re.compile(r"(?:开展了?|进行了?)(?:项目|专项)(?:支出)?(?:绩效)?自评|[”\"」』]\s*(?:项目|专项)[^，,。；;]{0,6}自评"
                                         r"|专项[^，,。；;]{0,8}(?:开展了?|进行了?)[^，,。；;]{0,4}自评")
_THE_WHOLE_SAID = re.compile(r"部门整体|单位整体|整体支出|整体自评|综合评价|[我本](?:局|委|办|院|厅|中心|站|所|馆|部门|单位)|[；;]|基础上")


def _projects_self_evaluation_speaks(sent: str, pos: int) -> bool:
    """Is the last thing the sentence says before `pos` one project's self-evaluation ("“X”项目自评得分"), no word of the
    unit's own since ("…开展了项目自评和部门整体自评", "在开展项目自评的基础上，本部门…", "…；部门整体支出…")?"""
    last = None
    for last in _A_PROJECTS_SELF_EVALUATION.finditer(sent, 0, pos):
        pass
    return last is not None and not _THE_WHOLE_SAID.search(sent, last.start(), pos)
# A form's field: a label with its unit in brackets ("自评总分(分)97.6", a 自评表 squashed onto one line)
_FORM_FIELD = re.compile(r"\D{1,8}[（(]分[)）]")


def _names_a_superior(clause: str, rec: Record, form_field: bool) -> bool:
    """Does the clause name the unit's superior ("主管部门县教育局…评价等级为良")? Not a form's 主管部门 field
    beside its score field (`form_field`: "主管部门财政处室…自评总分(分)97.6", a 自评表 squashed onto one
    line), nor one naming the unit itself ("主管部门湖西县档案馆…": a first-level unit's own)."""
    if form_field:
        return False
    for m in LEX.superior.finditer(clause):
        if _ROW_FIELD.match(clause, m.end()) or _asks_or_reviews(clause, m):
            continue
        named = clause[m.end():].lstrip("：:　 ")
        if not (rec.department and named.startswith(rec.department)):
            return True
    return False


def _asks_or_reviews(clause: str, m: re.Match) -> bool:
    """Is the superior `m` asking or reviewing the unit's own evaluation (按/经 before it, or 自评 after the act)?"""
    act = LEX.superior_acts.match(clause, m.end())
    return act is not None and (LEX.superior_act_lead.search(clause, 0, m.start()) is not None
                                or LEX.superior_act_self.match(clause, act.end()) is not None)


# A form row's field: its label's colon, its value, a space, the row's next field ("主管部门：县人民政府　自评得分：92分").
_ROW_FIELD = re.compile(r"\s*[:：]\s*[^\s，,；;。:：]{2,30}[ \u3000]+(?:\S|$)")


def _anothers_grade(sent: str, pos: int, rec: Record, title: str) -> bool:
    """Is the rating at `pos`, in a clause of its own, another's by its part of the sentence (up to ；):
    a scoring rule's band ("评分标准为执行率≥95%得满分，等级为优"), or the grade that goes with the score nearest
    before it, when that is not the unit's ("某某项目自评得分95分，等级为优；部门整体…") nor an aspect of it given
    after the unit's ("自评总分92分，其中预算执行得分19分，…，等级为优")?"""
    start = clause_start(sent, pos, _PART_ENDS)
    rule = LEX.scoring_rule.search(sent, start, pos)
    # (not when the unit then gives its score: "对照评分标准：本部门…自评得分92分，等级为优" applies the standard)
    if rule and not _the_unit_scores(sent[rule.end():pos], rec.department):
        return True
    clause = clause_start(sent, pos, _CLAUSE_ENDS)
    # (the grade goes with the score nearest before it: "…类指标得分66.7分，综合自评得分84.9分，等级为良好"; or, that one
    # among the parts the unit's score is said to hold, with the unit's: "自评总分92分，其中预算执行得分19分，…，等级为优")
    # (a clause with no 分 names no score: the searches, _UNIT_SCORED's trying a name at each place, are spared)
    scored = clause > start and sent.find("分", start, clause) >= 0
    scores = list(_SCORE.finditer(sent, start, clause)) if scored and _SCORE_CUE.search(sent, start, clause) else []
    if not scores and clause > start:  # "评价结果：青岭县水务局92分，等级为优；…": a unit listed with its score
        named = _UNIT_SCORED.search(sent, start, clause) if scored else None
        return named is not None and reads_as_org(named["name"]) and not _is_the_unit(named["name"], rec.department)
    if not scores:
        return False
    nearest = sent[clause_start(sent, scores[-1].start(), "，,；;"):scores[-1].start()]
    units = [m for m in scores[:-1] if _of_the_unit(sent, m.start(), rec, title)]
    if units and _A_BODY_REFERRED.search(nearest):
        return True  # after the unit's, "该中心自评得分82分，等级为良", "其中下属某站…": that body's
    if _of_the_unit(sent, scores[-1].start(), rec, title):
        return False
    # (the grade another's, unless the nearest score is a part of the unit's, its aspects introduced as such after it:
    # not "其中县实验幼儿园自评得分79分")
    return not (_AN_ASPECTS_SCORE.search(nearest) and any(_PARTS_FOLLOW.search(sent, m.end(), scores[-1].start()) for m in units))


_PARTS_FOLLOW = re.compile(r"其中|分别为|包括")  # (the scores after the unit's are its parts)
_A_BODY_REFERRED = re.compile(r"[该其](?:中心|站|所|院|校|馆|队|处|园|局|单位|项目)|下属|所属|二级单位")
# A score of one aspect of the unit's work ("预算执行得分18分", "产出指标得分45分", "项目管理得分28分")
_AN_ASPECTS_SCORE = re.compile(r"^[^，,；;]{0,4}(?:预算执行|执行|产出|效益|效果|满意度|指标|管理|决策|过程|投入|履职|资金)[^，,；;]{0,6}$")


def _the_unit_scores(text: str, department: str | None) -> bool:
    """Does `text` name the unit (a subject word, its name), then give a score (not a band's bound: "本部门得分
    90分以上等级为优" is still the rule)?"""
    unit = LEX.subjects.search(text)
    at = unit.end() if unit else text.find(department) + len(department) if department and department in text else -1
    return at >= 0 and any(not LEX.score_band.match(text, s.end()) for s in _SCORE.finditer(text, at))


def _graded_by_another(sent: str, start: int, pos: int) -> bool:
    """Is the unit graded by another body in the clause sent[start:pos]: a passive ("被市档案局评定为
    优秀"), but not one naming no one in a sentence saying 自评 ("经自评，我局…绩效被评为优")?"""
    passive = LEX.graded_by_another.search(sent, start, pos)
    return passive is not None and not (LEX.graded_unnamed.match(sent, passive.end())
                                        and LEX.self_report.search(sent, 0, pos))


# An organisation's name as a clause holds it: up to 25 characters, ending as an organisation's does.
_ORG_NAME = rf"[^，,；;：:\s\d《》“”]{{2,25}}?(?:{LEX.org_end.pattern})"
# A unit named right before a bare score ("青岭县水务局92分"): a list of units' results.
_UNIT_SCORED = re.compile(rf"(?P<name>{_ORG_NAME})\s*\d{{1,3}}(?:\.\d+)?\s*分(?!\w*[值数])")
# A unit the sentence's part (up to ；) opens with, doing its own self-evaluation: "县农技站自评得分95分，
# 等级为优；…" (the rating after the comma is still the 农技站's).
_PART_ENDS = "；;。"
_UNIT_EVALUATING = re.compile(rf"\s*(?P<name>{_ORG_NAME})\s*"
                              r"(?:(?:19|20)\d{2}\s*年度?)?(?:部门整体支出)?(?:绩效)?(?:自评|得分|评分|等级)")


def _another_units(sent: str, pos: int, rec: Record, title: str) -> bool:
    """Does the part of the sentence holding `pos` open with another unit than the report's (a
    所属单位 named), evaluating itself?"""
    start = clause_start(sent, pos, _PART_ENDS)
    m = _UNIT_EVALUATING.match(sent, start, pos)
    if m is None or not reads_as_org(m["name"]) or m["name"] in title:
        return False
    return not _is_the_unit(m["name"], rec.department)


def _evaluated_by_another(before: str, department: str | None) -> bool:
    """Is the unit, by a subject word or its name, evaluated (对 …) in `before`, by someone else: no
    自评 said ("县财政局对我局…开展了重点绩效评价"; not "我局对本部门整体支出开展自评"), and the body
    last named before 对 not the unit ("我局成立绩效评价工作小组，对本局…进行了全面评价" is its own)?"""
    if LEX.self_report.search(before):
        return False
    names = [department[i:] for i in range(len(department) - 2)] if department else []
    return any((LEX.subjects.match(before, m.end()) or any(before.startswith(n, m.end()) for n in names))
               and not _the_unit_acts(before[:m.start()], department)
               for m in LEX.evaluated.finditer(before))


# A body named: the unit by a subject word (我局, 本单位 …), or a name ending as an organisation's does.
_BODY = re.compile(rf"(?P<own>{LEX.subjects.pattern})"
                   rf"|(?P<name>{_ORG_NAME})")


def _the_unit_acts(lead: str, department: str | None) -> bool:
    """Is the last body `lead` names the unit: a subject word (我局, 本单位 …), its name or a short
    form of it? (None named: not said to be the unit.)"""
    bodies = [b for b in _BODY.finditer(lead) if b["own"] or reads_as_org(b["name"])]
    return bool(bodies) and (bodies[-1]["own"] is not None or _is_the_unit(bodies[-1]["name"], department))


def _is_the_unit(name: str, department: str | None) -> bool:
    """Is `name` the department: its name, or the name without its place or in short form ("县市场监管局"
    for 湖东县市场监督管理局: its characters in order), or its kind alone (学校 for 某县第二中学)?"""
    return bool(department) and (consistent(name, department) or abbreviates(name, department)
                                 or department.endswith(LEX.kind_names.get(name, ())))


def _name(clause: str) -> str:
    """What the clause names, but the words that name no one (numbers and years aside)."""
    words = _NOT_A_WORD.sub("", clause[-_NAME_CHARS:])
    words = words[_OPENING.match(words).end():]
    closing = _CLOSING.search(words)
    return words[:closing.start()] if closing else words


def _another_year(sent: str, pos: int, year: int | None) -> bool:
    """Is the last year the sentence names before `pos` (2022年度, 上年度, 本年 …) not the report's?"""
    if "年" not in sent:
        return False  # (every _YEAR and year word holds 年)
    cited = [(t.start(), t.end()) for t in _CITED.finditer(sent, 0, pos)] if "《" in sent else []
    last_end, other = -1, False
    for y in _YEAR.finditer(sent):  # (not up to `pos`: "2022年自评得分" — its 年 knows itself by the 自评 at `pos`)
        if y.start() >= pos:
            break
        if any(a <= y.start() < b for a, b in cited) or _ISSUED.match(sent, y.end()):
            continue  # a document's year, not the evaluation's
        if _names_problems(sent, y.start(), y.end(), pos):
            continue
        last_end, other = y.end(), year is not None and int(y["year"]) != year
    for w in LEX.year_word.finditer(sent, 0, pos):
        if w["last"] is not None and (_NOT_LAST_YEAR.match(sent, w.end()) or _names_problems(sent, w.start(), w.end(), pos)):
            continue
        if w.end() > last_end:
            last_end, other = w.end(), w["last"] is not None
    return other


def _names_problems(sent: str, start: int, end: int, pos: int) -> bool:
    """Does the year at sent[start:end] name the problems found then ("针对上年度评价发现的问题"): its
    clause, ending before `pos`, opens with 针对 before it and names 问题 (整改, 意见 …) after it?"""
    opening = clause_start(sent, start, _CLAUSE_ENDS)
    closing = min([i for i in (sent.find(c, end, pos) for c in _CLAUSE_ENDS) if i >= 0] or [pos])
    return (closing < pos and LEX.problems_lead.search(sent, opening, start) is not None
            and LEX.problems.search(sent, end, closing) is not None)
