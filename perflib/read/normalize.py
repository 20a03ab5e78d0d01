"""Stage 2: raw page text → one clean text, a paragraph per line.

Fullwidth digits, letters and number punctuation become ASCII so that
"６，３６４．２４" reads as 6,364.24; Chinese prose punctuation (，。（）：)
is kept, since evidence sentences are quoted back to Chinese readers.
Lines broken in the middle of a sentence (wrapped text, PDF lines) are
joined again; headings and list items start their own paragraph.
PDF pages first lose their furniture: running headers/footers that recur
at the edges of most pages, and page numbers ("— 2 —", "第 2 页", "2/5").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..understand.lexicon import LEX

# Fullwidth forms that carry numbers; prose punctuation stays as written.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({
    "％": "%", "．": ".", "｡": "。", "＋": "+", "－": "-", "−": "-", "–": "-", "﹣": "-",
    "\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\ufeff": "", "\u200b": "", "\r": "", "\xad": "",
    "\ufffe": "-",  # pdfium gives a hyphen (or minus) that ends a line as U+FFFE
})
# A PDF's font may map a character to its radical's code point ("⽀出", "⼈民政府", "⻓江"): the character it
# stands for (the 214 Kangxi radicals fold by NFKC; of the supplement's, those drawn as a whole simplified character).
_FULLWIDTH.update({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)})
_FULLWIDTH.update(zip("⺟⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳", "母民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙龟"))
# Stray C0 controls (pdfium marks soft hyphens with \x02) carry no text; \f is a page break.
_FULLWIDTH.update({chr(c): "" for c in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F)})
_FULLWIDTH["\f"] = "\n"


def _char_class(chars) -> str:
    """A regex class of the characters, consecutive ones as ranges (the engine scans it faster)."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs) + "]"


# (re.sub finds the few characters to fold far faster than str.translate walks every character)
_FOLDABLE = re.compile(_char_class(_FULLWIDTH))

# A paragraph ends at terminal punctuation (closing quotes/brackets may follow).
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:]['\"”’）)】》]*$")
# Numbered headings and list items: 一、 （一） (一) 1. 1、 （1） (1) 第一，
LIST_MARKER = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]|\d{1,2}\s*[、.．](?!\d)|\d{1,2}\s*[、.．](?=(?:19|20)\d{2}\s*年)|第[一二三四五六七八九十]+[、，,：:]?)"
)
# A title's end: the line stands alone; a notice's or a form's too when no clause mark is in it ("…评价结果公示",
# "…绩效目标申报表" run onto the first sentence under them read as prose, and the page as the report of whatever
# unit that sentence named; "…万元，根据县财政局追加预算的通知" is a sentence wrapped there, and goes on)
# (Two patterns, _is_title asks both: the engine scans for the first one's first characters, and tries the second
# at the line's start only; one pattern of both would be tried at every character of a paragraph.)
_TITLE_END = re.compile(r"(?:报告|报告书|自评表|评价表)\s*(?:[（(]\s*(?:19|20)\d{2}\s*年度?\s*[)）])?\s*$")  # (its year after it in brackets)
_TITLE_LINE = re.compile(r"[^，,。；;：:]{6,60}(?:申报表|目标表|公示|公告|通报|通知|(?:自评|评价)结果)\s*$"
                         r"|[^，,。；;：:]{2,30}(?:召开|举办|举行)[^，,。；;：:]{0,40}(?:绩效|自评|评价)[^，,。；;：:]{0,20}"
                         r"(?:会|会议|培训班)\s*$")  # (news of a meeting about the evaluation)


def _is_title(line: str) -> bool:
    """Does the line end as a title does (a report's, a form's, a notice's, news of a meeting)?"""
    return bool(_TITLE_END.search(line) or _TITLE_LINE.match(line))

# A budget or final-accounts disclosure's title ("…2023年度部门决算", "…2024年度决算公开说明": no clause
# mark in it). A new sentence under it (one opening with a year, "2024 年度收、支总计…") does not run
# it on; the rest of a title or of a sentence does ("绩效自评公开", "数为 80.00 万元", "1,280.00万元").
_DISCLOSURE_TITLE = re.compile(r"^[^，,。；;]{0,60}(?:19|20)\d{2}\s*年度?\s*(?:部门|单位)?\s*(?:决算|预算)"
                               r"(?:公开)?(?:情况)?(?:编制)?(?:说明)?\s*$")
_OPENS_WITH_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?![\d.,，])")


def fold_chars(text: str) -> str:
    """Fullwidth digits and number punctuation → ASCII; unify spaces and line ends; a note's mark right after an
    amount or a rate dropped ("69.06万元*，其中…", "57.28万元①", "98.5%[1]": the figure's clause goes on)."""
    text = _FOLDABLE.sub(_folded, unicodedata.normalize("NFC", text))
    if _NOTE_MARK_CUE.search(text):
        text = _NOTE_MARK.sub("", text)
    text = _STOP_AS_POINT.sub("。", text)
    # A fullwidth comma between digits is a thousands separator.
    return _THOUSANDS_COMMA.sub(",", text) if "，" in text else text


# A sentence's stop written as a point ("…按照年初预算执行．其中，…", "执行完毕."): after a word, not a number or a
# numbering's ideograph ("一.基本情况"), before a word or the line's end.
_STOP_AS_POINT = re.compile(r"\.(?<=[^\W\d_一二三四五六七八九十百零〇a-zA-Z]\.)(?=[^\W\d_a-zA-Z]|[ \t]*(?:\n|$))")
_NOTE_MARK = re.compile(r"(?<=[\d元%])(?:\*(?!\*)|[①-⑳]|\[\d{1,2}\]|[¹²³⁴-⁹⁰]{1,2})(?![\d\w])")
_NOTE_MARK_CUE = re.compile(r"[*\[①-⑳¹²³⁴-⁹⁰]")  # (a mark's first characters: one scan of the page, not one a mark)


@lru_cache(maxsize=1)
def fold_pages(pages: tuple[str, ...]) -> tuple[str, ...]:
    """fold_chars of each of a document's pages. The layout step and then the parser's page lines
    (understand/indicators.py) fold the same pages: the last document's are kept for the second."""
    return tuple(fold_chars(p) for p in pages)


def _folded(m: re.Match) -> str:
    return _FULLWIDTH[m.group()]


_THOUSANDS_COMMA = re.compile(r"，(?<=\d，)(?=\d{3}(?!\d))")  # (the comma first: the engine scans for it)
_BLANKS = re.compile(r"[ \t]+")


# A line standing for a block read apart (a table, an OCR'd paragraph): this mark, a tab, "block" or
# "layout" and its number (no bare number: that would look like a page number).
TABLE_MARK = "\ue000"
# A line of its own between paragraphs (the layout step writes it for a blank line of a text file and
# around a line that must stand alone): the paragraph before it ends there.
PARAGRAPH_BREAK = "\ue001"


def join_broken_lines(text: str) -> str:
    """Rebuild paragraphs: one per line, no blank lines."""
    return "\n".join(broken_lines_joined(text))


def broken_lines_joined(text: str) -> list[str]:
    """join_broken_lines' paragraphs as a list (each stripped, none empty, none holding a line end): the layout
    step's blocks are made of them without their text joined and split again."""
    raws = text.split("\n")
    if _A_NUMBER_LINE.match(text) or _A_NUMBER_LINE_AFTER.search(text):  # (one scan: most have no line of a number alone)
        raws = _without_page_numbers_in_sentences(raws)
    wrap: list[float | None] = []  # the wrap width, measured when first needed (paragraphs apart never need it)

    def full(line: str) -> bool:
        """Did `line` run to the wrap width (so its paragraph goes on)?"""
        if not wrap:
            wrap.append(_wrap_width(raws))
        return (wrap[0] is not None and _width(line) >= 0.92 * wrap[0] and not is_table_line(line)
                and not _stands_alone(line))

    # (what a line is looked for only when the whole text has it: most texts have no tab, run of spaces or " | ")
    tabs, runs, bars = "\t" in text, "  " in text, " | " in text
    paras: list[str] = []
    open_para = False  # may the last paragraph take the next line?
    broken: set[int] = set()  # paragraphs of prose a blank line ended (the next may be their rest)
    last = ""  # the last line taken
    for raw in raws:
        if raw == PARAGRAPH_BREAK:  # (as the layout step writes one, about half the lines: nothing to clean)
            line = stripped = raw
        else:
            stripped = raw.strip()
            # (runs of blanks made one space only where there is such a run: inside the line, as it is stripped)
            line = _BLANKS.sub(" ", stripped) if (runs and "  " in stripped) or (tabs and "\t" in stripped) else stripped
            if tabs and "\t" in stripped and not stripped.startswith(TABLE_MARK):  # (a table's mark: "<mark>\tlayout1")
                line = _two_cells_apart(stripped) or line
        if line == PARAGRAPH_BREAK:  # a blank line of a text file, or a line that stands alone
            if open_para:
                broken.add(len(paras) - 1)
            open_para = False
            continue
        if not line:
            continue
        is_row = (tabs and "\t" in stripped) or (bars and " | " in raw)  # a table row (DOCX cells, `|` cells): never part of prose
        indented = raw[:1] in (" ", "\u3000")  # a first-line indent opens a paragraph
        if open_para and not is_row and (_continues(paras[-1], line) or
                                         (not indented and full(last) and _may_follow_wrap(line))):
            paras[-1] = _glue(paras[-1], line)
        else:
            paras.append(line)
        open_para = not is_row
        last = line
    return _rejoin_page_breaks(paras, broken)


def _two_cells_apart(row: str) -> str | None:
    """A row of a label and its figure apart by a tab ("实际支出\t157.71万元。", a Word or Excel table copied as text) written
    as a `|` row, as its cells stand apart: no sentence says whose figure its label states. None for any other line with
    a tab (a row of more cells, a clause cut by a tab: "经自评，…自评得分\t93.5分", a name: "实施单位\t河西区文化馆")."""
    cells = [c.strip() for c in row.split("\t") if c.strip()]
    if len(cells) != 2 or _PROSE_MARK.search(cells[0]) or not _FIGURE_CELL.match(cells[1]):
        return None
    return f"{cells[0]} | {cells[1]}"


_PROSE_MARK = re.compile(r"[，。；,;]")
_FIGURE_CELL = re.compile(r"[-+]?\d")


_PAGE_NUMBER_LINE = re.compile(r"\s*\d{1,3}\s*")
# A line of a number alone: the first line, or one after a line end (the engine scans for "\n" alone, not trying
# a line's start at every character as a ^ in multi-line mode has it do)
_A_NUMBER_LINE = re.compile(r"[ \t]*\d{1,3}[ \t]*(?:\n|\Z)")
_A_NUMBER_LINE_AFTER = re.compile(r"\n[ \t]*\d{1,3}[ \t]*(?=\n|\Z)")
_FIGURE_GOES_ON = re.compile(r"\s*\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|％)")
# (prose ending in an amount to the cent: "…201.7" / "5" / "万元" may be a digit wrapped alone, "…192.35" / "5" not)
_CUT_BEFORE_UNIT = re.compile(r"[^\d\s,.，][\d,]*\d\.\d\d\s*$")
_UNIT_GOES_ON = re.compile(r"\s*(?:万元|亿元|元|%|％)")


def _without_page_numbers_in_sentences(raws: list[str]) -> list[str]:
    """A page's number left on a line of its own inside a sentence a page break cut, right before the rest of a
    figure ("…实际支出为" / "3" / "248.66万元，…"): dropped, else joined to the figure (3248.66). Only between a line
    of prose (a clause mark in it, not ended) and a line opening with an amount or a rate: a table laid out one
    cell per line has its figures apart on lines of their own."""
    out: list[str] = []
    for i, raw in enumerate(raws):
        if _PAGE_NUMBER_LINE.fullmatch(raw) and out:
            before = next((r for r in reversed(out) if r.strip()), "")
            after = next((r for r in raws[i + 1:] if r.strip()), "")
            prose_goes_on = (("，" in before or "," in before) and before.rstrip()[-1:] not in "。；;！？!?）)"
                             or len(before) > 6 and before.rstrip()[-1:] in "为是达：:")  # (…实际支出为 | 5 | 248.66万元)
            if prose_goes_on and _FIGURE_GOES_ON.match(after):
                continue  # (…，实际支出为 | a page's number | 248.66万元)
            if ("，" in before or "," in before) and _CUT_BEFORE_UNIT.search(before) and _UNIT_GOES_ON.match(after):
                continue  # (…，实际支出1,248.66 | a page's number | 万元，…)
        out.append(raw)
    return out


def _rejoin_page_breaks(paras: list[str], broken: set[int]) -> list[str]:
    """"…统筹推进疫情防控和经济社" | a blank line | "会发展，…": a page break cut a sentence, and the
    paragraph after the break is its rest. Only words on either side, never a figure: the cut
    sentence and the whole paragraph after it hold no digit (joined, a block word of one would
    carry to the other's figures)."""
    if not broken:
        return paras
    out: list[str] = []
    for i, para in enumerate(paras):
        # (the cut paragraph's length first, then its last character: headings are short, most paragraphs end in 。)
        if (i - 1) in broken and out and len(out[-1]) >= 60 and _cut_mid_word(out[-1]) and _GOES_ON.match(para) \
                and not _DIGIT.search(para) and _continues(out[-1], para):
            out[-1] = _glue(out[-1], para)
        elif (i - 1) in broken and out and _cut_in_an_amount(out[-1], para):
            out[-1] += para  # "…调整预算为 1781.86 万" | a blank line | "元，比年初…": one figure, its unit's rest below
        else:
            out.append(para)
    return out


def _cut_in_an_amount(prev: str, para: str) -> bool:
    """Does a line of prose end in an amount whose unit (or its last character) opens the next paragraph, the rest of
    the sentence after it? No paragraph opens with 元, 万元 or % followed by a comma."""
    rest = _UNIT_REST.match(para)  # (first: most paragraphs open otherwise, and the end is looked at in its last characters)
    end = _AMOUNT_CUT.search(prev, max(0, len(prev) - 8)) if rest is not None else None
    # (a scale left above wants 元 below: "…万" | "元，"; a bare number any unit: "…2250.00" | "万元，", "….00" | "元，")
    return (end is not None and ("，" in prev or "," in prev)
            and (rest["unit"] == "元" or not end["scale"]))


_AMOUNT_CUT = re.compile(r"\d\s*(?P<scale>[万亿千])?$")
_UNIT_REST = re.compile(r"(?P<unit>[万亿千]元|元|%|％)\s*[，,。；;、）)]")


# The end of a long paragraph of prose cut in the middle of a word: it stops on an ideograph that
# is no unit or count word; and the start of its rest: an ideograph, then prose.
_CUT_END = re.compile(r"[\u4e00-\u9fff](?<![元个分次人项万亿年月日])$")
_GOES_ON = re.compile(r"[\u4e00-\u9fff].{10,}[，。；]")
_DIGIT = re.compile(r"\d")


def _cut_mid_word(prev: str) -> bool:
    """Does `prev` (60 characters or more) end in the middle of a sentence of words: a clause mark in
    it, 20 characters or more, no digit?"""
    # (searched from the last two characters only: the pattern ends at $, the end or a line end just before it;
    # and only when the last character is an ideograph or that line end: most paragraphs end in 。)
    if len(prev) < 60 or not ("\u4e00" <= prev[-1] <= "\u9fff" or prev[-1] == "\n") \
            or not _CUT_END.search(prev, len(prev) - 2):
        return False
    cut = prev[max(prev.rfind(mark) for mark in "。！？；") + 1:]
    return len(cut) >= 20 and ("，" in cut or "、" in cut) and not _DIGIT.search(cut)


# Blocks whose every character is wide (East Asian Width W or F: CJK ideographs, kana, hangul,
# CJK and fullwidth punctuation); tests/read/test_normalize.py checks them against unicodedata.
WIDE_BLOCKS = ("\u1100-\u115f\u2e80-\u303e\u3041-\u3247\u3250-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
               "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6")
_WIDE_BLOCK_RUNS = re.compile(f"[{WIDE_BLOCKS}]+")


@lru_cache(maxsize=None)
def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _widths(lines: list[str]) -> list[float]:
    """Printed width of each line in ems: CJK characters are square, Latin and digits about half.
    (The WIDE_BLOCKS are dropped from all lines at once; what is left of a line is narrow when it is
    ASCII, else looked up character by character.)"""
    rests = _WIDE_BLOCK_RUNS.sub("", "\n".join(lines)).split("\n")
    out = []
    for line, rest in zip(lines, rests):
        narrow = len(rest) if rest.isascii() else sum(not _is_wide(ch) for ch in rest)
        out.append((len(line) - narrow) + 0.55 * narrow)
    return out


def _width(line: str) -> float:
    return _widths([line])[0]


def _wrap_width(raws: list[str]) -> float | None:
    """The line width a PDF wrapped its text at, when the text is visibly wrapped.

    Text extracted from a PDF has most lines of one (maximal) width; a text
    file with a paragraph per line does not. A wrapped line that happens to end
    in "。" is then still known to go on to the next line.
    """
    stripped = (r.strip() for r in raws)
    measured = [r for r in stripped if len(r) >= 8 and not is_table_line(r)]
    if len(measured) < 6:
        return None
    widths = _widths(measured)
    top = max(widths)
    at_top = sum(w >= 0.92 * top for w in widths)
    return top if at_top >= 0.4 * len(widths) else None


def _may_follow_wrap(line: str) -> bool:
    return (not LIST_MARKER.match(line) and not is_table_line(line) and not _is_title(line)
            and not _stands_alone(line))


def _continues(prev: str, line: str) -> bool:
    """Is `line` the rest of the sentence that `prev` left open?"""
    # (the open number searched for in the last three characters only: the pattern ends at $)
    if _OPEN_NUMBER.search(prev, max(0, len(prev) - 3)) and line[:1].isdigit() and not LIST_MARKER.match(line):
        return True  # "6,364." + "24 万元": a figure cut by the line end
    if line[:1] == "." and line[1:2].isdigit() and prev[-1:].isdigit():
        return True  # "自评总分97" + ".6，评价等级为优": cut before its decimal point
    if _ENDS_SENTENCE.search(prev) or _is_title(prev) or _WHOLE_NOTE.match(prev):
        return False
    if _stands_alone(prev) or _stands_alone(line) or (_is_title(line) and len(line) <= 60):
        return False  # a web page's menu, breadcrumb, title and attachment links are lines of their own
    if LIST_MARKER.match(line):
        return False
    if (_FORM_FIGURE.match(prev) and _FORM_NAME.match(line)) or (_FORM_FIELD.match(prev) and _FORM_FIELD.match(line)
                                                                  and _KNOWN_FIELD.match(line)):
        return False  # "年初预算数：8,620,000.00" then "调整后预算数：…", "部门名称：某局" then "联系人：某某": two fields
    if _OPENS_WITH_YEAR.match(line) and _DISCLOSURE_TITLE.search(prev):
        return False  # a disclosure's title, then its first sentence
    if LIST_MARKER.match(prev) and len(prev) <= 30:
        return False  # a heading such as "一、项目安排管理使用效益情况"
    if is_table_line(prev) or is_table_line(line):
        return False  # rows of a table flattened to text stay one per line
    return len(prev) >= 16 or prev.endswith(("，", ",", "、"))


# A line that is one note in brackets ("（本报告为虚构样例，数字均为虚构）"): said, it is done.
_WHOLE_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
# Lines of a web page that never run on: a breadcrumb or menu, an attachment link, the page's index
# number ("监督索引号53090000…"), the contents heading.
# (Anywhere in the line, and at its start: two patterns for _stands_alone, as _is_title's.)
_STANDS_ALONE_IN = re.compile(r"当前位置|您的位置|所在位置|首页\s*[|>»›]|\.(?:pdf|docx?|xlsx?|wps|zip|rar)\s*$", re.I)
_STANDS_ALONE_AT_START = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*[:：]|(?:监督)?索引号|目\s*录$", re.I)


def _stands_alone(line: str) -> bool:
    return bool(_STANDS_ALONE_IN.search(line) or _STANDS_ALONE_AT_START.match(line))


# A form's line: a name, a colon and one figure ("年初预算数：8,620,000.00", "预算执行率：99.06%"); the start
# of the next such line (a name and a colon); and a field of any short value with no clause in it
# ("部门名称：某市住房和城乡建设局", "联系人：某某": a line of its own when the next is one too; not the rest
# of a wrapped name, "会办公室 联系电话：…", nor a seal alone, "大队：（盖章）").
_FORM_FIGURE = re.compile(r"^[^\d，,。；;：:]{2,16}[:：]\s*[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|万元|亿元|千元|元)?$")
_FORM_FIELD = re.compile(r"^[^\d\s，,。；;：:]{2,16}[:：]\s*(?:[（(](?:盖章|公章)[)）]\s*)?(?![（(])[^，,。；;：:、]{1,40}$")
_FORM_NAME = re.compile(r"^[^\d，,。；;：:]{2,16}[:：]")
# The fields a cover form lists under its name line (what a wrapped name's rest never starts with: "会办公室联系电话：…")
_KNOWN_FIELD = re.compile(r"(?:联系人|联系电话|电话|填报人|填报日期|负责人|单位负责人|财务负责人|(?:所属|下属)[^：:]{0,12}|"
                          r"地址|邮编|邮政编码|主管部门|单位名称|部门名称|单位性质|人员编制|编制人数|实有人数|"
                          r"(?:所属|评价|预算|自评)年度)\s*[:：]")
# A number left open at the end of a line: "6,364." or "6,"
_OPEN_NUMBER = re.compile(r"\d[.,]$")


def _glue(prev: str, line: str) -> str:
    # Chinese needs no space across a line break, nor does a number cut in two
    # ("1,381.8" + "5 万元"); keep one between Latin words.
    # (the ends searched from the last two characters only: the patterns end at $, the end or a line end before it)
    end = max(0, len(prev) - 2)
    if _LATIN_OR_DIGIT_END.search(prev, end) and _LATIN_START.match(line):
        return prev + " " + line
    if _LATIN_END.search(prev, end) and _DIGIT_START.match(line):
        return prev + " " + line
    return prev + line


_LATIN_OR_DIGIT_END = re.compile(r"[A-Za-z0-9%]$")
_LATIN_END = re.compile(r"[A-Za-z%]$")
_LATIN_START = re.compile(r"[A-Za-z]")
_DIGIT_START = re.compile(r"[0-9]")


# Some PDFs place every glyph on its own, and the text layer comes out
# letter-spaced: "预 算 完 成 率 1 0 0 %".  Such a line is nearly all single
# spaces between single characters; real word gaps there are wider.
_SPACED_PAIR = re.compile(r" (?<=\S )(?=\S)")  # (the space first: the engine scans for it)


_GLUED_LINE = 300  # characters: a longer line with section marks in it is a document pasted whole (a download site's)
_GLUED_MARKS = 4  # section marks in such a line, at least
# A section's or an item's mark after a sentence's end or a space ("…报告如下: 一、部门基本情况 (一)部门职能 …。2、…").
# (not a list of numbers: "一、二季度", "1、2月份"; but "三、2023年度…", "（三）三公经费")
_GLUED_MARK = re.compile(r"(?:(?<=[。；;：:！？])|(?<=\s))(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}、)"
                         r"(?=\S)(?![一二三四五六七八九十\d]{1,2}(?:、|季度|月|年级|类|个|项|次))")


def split_glued(page: str) -> str:
    """A page whose text a download site gave as one line ("2023年度某局…自评报告 根据…。 一、部门基本情况 (一)部门职能 …")
    with its sections and items on lines of their own, split at their marks."""
    if len(page) < _GLUED_LINE:
        return page
    lines = page.split("\n")
    if max(map(len, lines)) < _GLUED_LINE:
        return page
    out: list[str] = []
    for line in lines:
        marks = list(_GLUED_MARK.finditer(line)) if len(line) >= _GLUED_LINE else []
        if not _glued_sections(line, marks):
            out.append(line)
            continue
        cuts = [0, *(m.start() for m in marks), len(line)]
        for part in (line[a:b].strip() for a, b in zip(cuts, cuts[1:])):
            titled = _TITLE_THEN_TEXT.match(part)  # ("二、部门整体支出预算执行情况 2023年度…": the title, then its text)
            if titled and not _FIGURE_OPENS.match(titled["text"]):  # (not "（一）年初预算 860.00万元。": a label and its figure)
                out += [titled["title"].strip().removesuffix("。"), titled["text"]]  # (a heading: no sentence of its own)
            elif part:
                out.append(part)
    return "\n".join(out)


def _glued_sections(line: str, marks: list[re.Match]) -> bool:
    """Does a long line, with its `marks` (_GLUED_MARK's), hold a document's sections: four marks or more, of two
    levels at least, one of them a section's ("一、")? (A paragraph listing its items inline, "主要职责是：（一）…
    （二）…", holds one level; a contents list's line, its leaders, is no document.)"""
    if len(marks) < 2 or _LEADERS.search(line):
        return False  # (few marks; or a contents list's entries, their leaders to page numbers: the contents' reader's)
    kinds = [m.group() for m in marks]
    levels = {"cn" if k.endswith("、") and not k[0].isdigit() else "paren" if k[0] in "（(" else "num" for k in kinds}
    if len(marks) >= _GLUED_MARKS:
        return len(levels) >= 2 and "cn" in levels
    # (a page's opening on one line, two or three marks: each after a sentence's end, of two levels — "…102个项目。
    # (二)部门资金情况。2023年度…", "…。一、部门基本情况(一)…"; not a sentence listing its items "职责是：（一）…；（二）…")
    return len(levels) >= 2 and all(m.start() == 0 or line[m.start() - 1] in "。！？"
                                    or line[m.start() - 1] in ":：" and m.group().endswith("、") for m in marks)


_FIGURE_OPENS = re.compile(r"[-+]?\d[\d,.]*\s*(?:万元|亿元|千元|元|%|分)")  # (an amount, not a year: "2023 年度…")
_LEADERS = re.compile(r"\.{6,}|…{3,}|·{6,}|-{6,}|_{6,}")
# (a title and its text apart by a space, or a title that ends its sentence: "（二）部门资金情况。2023年度…")
_TITLE_THEN_TEXT = re.compile(r"(?P<title>(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)])[^\s，。；：,;:]{2,30}"
                              r"(?:\s+|。(?=\S)))(?P<text>\S.*)")


def unspace_letterspaced(text: str) -> str:
    """Close the gaps in letter-spaced lines, and a stray space inside a word of prose ("其中:基 本支出
    5692.7 万元，…"); leave ordinary lines alone."""
    # (a line with no space is left as it is: no cache lookup, its hash computed, for most lines)
    return "\n".join([_unspace(line) if " " in line else line for line in text.split("\n")])


# One space between two ideographs, in a line of prose (a sentence mark in it): a PDF's line break
# turned into a space inside a word ("基 本支出"). It is closed only where that makes a label or block
# word of the lexicon four characters long or more (not 整体 of "调整 体现", 项目 of "事项 目标"):
# elsewhere such a space may stand for a missing comma, and a line of table cells apart by spaces
# has no sentence mark.
_STRAY_SPACE = re.compile(r" (?<=[\u4e00-\u9fff] )(?=[\u4e00-\u9fff])")


def _close_split_words(line: str) -> str:
    """The line with each stray space that splits a label or block word of prose taken out."""
    if not ("。" in line or "，" in line):
        return line
    for m in reversed(list(_STRAY_SPACE.finditer(line))):
        at = m.start()
        joined = line[max(0, at - 10):at] + line[m.end():m.end() + 10]
        cut = min(at, 10)  # where the space stood in `joined`
        if any(w.start() < cut < w.end() and w.end() - w.start() >= 4
               for pattern in (LEX.label_re, LEX.block_words) for w in pattern.finditer(joined)):
            line = line[:at] + line[m.end():]
    return line


@lru_cache(maxsize=4096)  # (a line of every page, and reports repeat their lines)
def _unspace(line: str) -> str:
    spaces = line.count(" ")
    if spaces < 4:  # fewer spaced pairs than the 0.8 × (6 − 1) the shortest such line needs
        if line.endswith(" 告"):  # a title's last word split by a stray space ("某局部门整体支出绩效自评报 告")
            line = _SPLIT_REPORT_END.sub("报告", line)
        spaced = _letterspaced_ideographs(line) if spaces == 3 else None  # ("一、项 目 概 括": a heading spaced out)
        return spaced or (_close_split_words(line) if " " in line else line)
    chars = len("".join(_DIGIT_RUN.sub("0", line).split()))  # (a year not spaced out, "云 南 省2022年 度 …": one letter;
    # each number of a row one too, "项目支出 500000 625000 …": never run together)
    # (a spaced pair is one space: too few spaces, and the pairs need not be counted)
    if chars < 6 or spaces < 0.8 * (chars - 1) or len(_SPACED_PAIR.findall(line)) < 0.8 * (chars - 1):
        return _letterspaced_ideographs(line) or _close_split_words(line)
    return _WIDE_GAP.sub(" ", _SPACED_PAIR.sub("", line))


def _letterspaced_ideographs(line: str) -> str | None:
    """A line whose ideographs are all spaced apart while its numbers and Latin words are not ("2022-04-07 15:25 来 源:
    零 陵 区 林 业 局", "411001-衡 山 县 贯 塘 乡 人 民 政 府2023年 部 门 决 算 公 开", a justified PDF line): the spaces
    beside an ideograph or a Chinese mark closed, those between two numbers kept; None when it is no such line."""
    spaced = len(_SPACED_IDEOGRAPHS.findall(line))
    if spaced < 3 or len(_TIGHT_IDEOGRAPHS.findall(line)) * 10 > spaced or (spaced < 5 and "  " in line):
        return None  # (three pairs, none tight, and no wider gap: a short line spaced out, not cells apart)
    return _WIDE_GAP.sub(" ", _SPACE_BY_IDEOGRAPH.sub("", line))


_SPACED_IDEOGRAPHS = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_TIGHT_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])")
_CHINESE = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"  # (ideographs, Chinese marks, full-width forms)
_SPACE_BY_IDEOGRAPH = re.compile(rf"(?<=[{_CHINESE}]) (?=\S)|(?<=\S) (?=[{_CHINESE}])")
_WIDE_GAP = re.compile(r"\s{2,}")
_DIGIT_RUN = re.compile(r"\d+")
_SPLIT_REPORT_END = re.compile(r"报 +告$")


# --- page furniture ---------------------------------------------------------

_DASH = r"[-—–―─~～•·*]"
# Page numbers nobody would write in prose: safe to drop wherever they are.
_DECORATED_PAGE_NO = re.compile(
    rf"^(?:{_DASH}+\s*\d{{1,4}}\s*{_DASH}+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
# A line that may be a decorated page number: its first character (after the indent) opens one of
# those forms. (One search of the whole page: most pages have no such line, and then their lines
# need not be matched one by one.)
_PAGE_NO_OPENING = re.compile(rf"\n[^\S\n]*(?:{_DASH}|第|共|[Pp])")
_PAGE_NO_FIRST = re.compile(rf"[^\S\n]*(?:{_DASH}|第|共|[Pp])")  # (the same, the page's first line)
# A bare "2" or "2/5" is a page number only at the top or bottom of a page.
_BARE_PAGE_NO = re.compile(r"^\d{1,3}(?:\s*/\s*\d{1,3})?$")
# The same, glued to a running header or footer: "花地街道办事处 第 3 页".
_PAGE_NO_AFFIX = re.compile(
    rf"(?:^(?:{_DASH}*\s*\d{{1,4}}\s*{_DASH}*|第\s*\d{{1,4}}\s*页)\s+"
    rf"|\s+(?:{_DASH}*\s*\d{{1,4}}(?:\s*/\s*\d{{1,4}})?\s*{_DASH}*|第\s*\d{{1,4}}\s*页(?:\s*共\s*\d{{1,4}}\s*页)?)$)"
)
_EDGE = 3  # lines at each end of a page where headers and footers are looked for
# A note in brackets ("年初预算数（万元）", "…自评表（含某某项目）"), one level deep: what a label or a title says aside.
NOTE_IN_BRACKETS = re.compile(r"[（(][^()（）]*[)）]")
# A markdown table's rule under its header ("|---|:---:|"): a row of no cells.
MARKDOWN_RULE = re.compile(r"^[\s|:：\-—–=+]*$")


def pages_at_page_numbers(text: str) -> list[str]:
    """A text of no form feed cut into pages after its page-number lines ("- 2 -", "第 2 页 共 8 页"), when it has two or
    more: a PDF's text copied with its footers and running headers, each footer the end of a page."""
    if "\f" in text or not _PAGE_NO_OPENING.search(text):
        return [text]
    lines = text.split("\n")
    ends = [i for i, ln in enumerate(lines) if _DECORATED_PAGE_NO.match(ln.strip())]
    if len(ends) < 2:
        return [text]
    starts = [0, *(i + 1 for i in ends)]
    return ["\n".join(lines[a:b]) for a, b in zip(starts, [*(i + 1 for i in ends), len(lines)])]


def strip_page_furniture(pages: list[str], keep_indent: bool = False) -> list[str]:
    """Drop page numbers and running headers/footers; keep the page order.

    `keep_indent`: lines keep their leading whitespace as it was (the layout step reads columns
    from it); else an indented line keeps one leading space (a paragraph starts there)."""
    return ["\n".join(lines) for lines in page_lines_without_furniture(pages, keep_indent)]


def lines_without_furniture(pages: list[str], keep_indent: bool = False) -> list[str]:
    """The lines of strip_page_furniture's pages in turn, as the pages joined would split (a page left with no line is
    one empty line): not joined and split again."""
    return [ln for lines in page_lines_without_furniture(pages, keep_indent) for ln in (lines or [""])]


def page_lines_without_furniture(pages: list[str], keep_indent: bool = False) -> list[list[str]]:
    """strip_page_furniture's pages as their lines (none blank): the layout step takes them so, not joined and split
    again."""
    if keep_indent:  # (a line is blank when nothing is left of it stripped at its end: one strip a line)
        pages_lines = [[kept for ln in p.split("\n") if (kept := ln.rstrip())] for p in pages]
    else:
        pages_lines = [[(" " if ln[:1].isspace() else "") + text for ln in p.split("\n") if (text := ln.strip())]
                       for p in pages]
    running = _running_lines(pages_lines)
    out = []
    for no, lines in enumerate(pages_lines):
        if _PAGE_NO_OPENING.search(pages[no]) or _PAGE_NO_FIRST.match(pages[no]):  # (the page not copied to ask its first line)
            lines = [ln for ln in lines if not _DECORATED_PAGE_NO.match(ln.strip())]
        out.append(_peel(lines, running, first_page=no == 0))
    return out


def _furniture_key(line: str) -> str:
    return "".join(_PAGE_NO_AFFIX.sub("", line).split())


def _running_lines(pages_lines: list[list[str]]) -> set[str]:
    """Lines (page numbers aside) found at the same edge, the top or the foot, of at least 40% of the pages (not
    the end of a table's cell wrapped at one page's foot and the same words near the next page's top)."""
    if len(pages_lines) < 2:
        return set()
    counts: dict[tuple[bool, str], int] = {}
    for lines in pages_lines:
        edge = max(1, min(_EDGE, len(lines) // 3))  # a short page is not all edge
        for top, part in ((True, lines[:edge]), (False, lines[-edge:])):
            for key in {_furniture_key(ln) for ln in part} - {""}:
                counts[top, key] = counts.get((top, key), 0) + 1
    need = max(2, 0.4 * len(pages_lines))
    # the end of a sentence broken at a page's foot ("0.00281" / "2 亿元。") is no running line
    return {key for (_, key), n in counts.items() if n >= need and not _ENDS_SENTENCE.search(key)}


def _peel(lines: list[str], running: set[str], first_page: bool) -> list[str]:
    """Remove furniture from both ends of a page, stopping at the first body line."""
    def is_furniture(line: str) -> bool:
        # (no running lines, on a single page: no key to compute)
        return bool(_BARE_PAGE_NO.match(line.strip())) or (bool(running) and _furniture_key(line) in running)

    top = 0
    while top < min(_EDGE + 1, len(lines)) and is_furniture(lines[top]):
        top += 1
    bottom = len(lines)
    while bottom > top and len(lines) - bottom <= _EDGE and is_furniture(lines[bottom - 1]):
        bottom -= 1
    kept = lines[top:bottom]
    # A running header that is the report's title still titles the first page once.
    titles = [ln for ln in lines[:top] if _is_title(ln)]
    return ([titles[-1]] if first_page and titles else []) + kept


def normalize(pages: list[str], paragraphs: bool = False) -> str:
    """All pages of a document → one normalized text, a paragraph per line.

    `paragraphs`: the lines already are the document's paragraphs (Word): kept as they are.
    """
    if paragraphs:
        lines = (_BLANKS.sub(" ", ln).strip() for p in pages for ln in fold_chars(p).split("\n"))
        return "\n".join(ln for ln in lines if ln)
    pages = strip_page_furniture([unspace_letterspaced(fold_chars(p)) for p in pages])
    return join_broken_lines("\n".join(pages))


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?[”’」』）)]*")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping the end punctuation."""
    return list(sentences_of(paragraph))


@lru_cache(maxsize=4096)  # (the parser and the rating reader split the same paragraphs; reports repeat them)
def sentences_of(paragraph: str) -> tuple[str, ...]:
    """sentences(), as a tuple shared by every caller: not to be changed."""
    return tuple(text for s in _SENTENCE.findall(paragraph) if (text := s.strip()))


def clause_start(sent: str, pos: int, marks: str) -> int:
    """Where the clause holding `pos` starts: just after the last of `marks` before it, or 0. (Each reader
    passes its own marks: "，；" for a clause, "；。" for a part of a sentence.)"""
    if len(marks) <= 2:  # (two rfinds beat a regex's call)
        return max(sent.rfind(marks[0], 0, pos), sent.rfind(marks[-1], 0, pos)) + 1
    m = _up_to_last_mark(marks).match(sent, 0, pos)
    return m.end() if m else 0


@lru_cache(maxsize=64)
def _up_to_last_mark(marks: str) -> re.Pattern:
    # (a greedy run backs off from `pos` to the last mark in C: a few times faster than an rfind per mark)
    return re.compile(f".*[{re.escape(marks)}]", re.S)


# A cell of a flattened table: a figure, a percentage or a placeholder ("—").
TABLE_VALUE = re.compile(r"^(?:[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)\s*%?$|^[-—–/－]+$")
_TABLE_HEAD_WORD = re.compile(r"预算|执行|支出|决算|调整|完成|金额|分值|得分|权重|指标|项目|名称"
                              r"|^(?:19|20)\d{2}年度?(?:[（(][^)）]{0,6}[)）])?$")  # a year column: "2022年（万元）"


_PROSE_PUNCTUATION = re.compile(r"[，。；;]")


@lru_cache(maxsize=4096)  # (asked of the same lines by the layout step and line joining)
def is_table_line(line: str) -> bool:
    """A table row flattened to text: cells apart by tabs/spaces, mostly figures or column names
    (and then no figure at all)."""
    cells = line.split()
    if len(cells) < 3 or _PROSE_PUNCTUATION.search(line):
        return False
    values = sum(bool(TABLE_VALUE.match(c)) for c in cells)
    if values:
        return values >= 2 and 2 * values >= len(cells)
    heads = sum(bool(_TABLE_HEAD_WORD.search(c)) and len(c) <= 16 for c in cells)
    return heads >= 3 and 2 * heads >= len(cells)


def clean_line(text: str) -> str:
    """One paragraph or table cell as the parser reads it: folded, whitespace collapsed."""
    return _WHITESPACE.sub(" ", fold_chars(text)).strip()


_WHITESPACE = re.compile(r"\s+")


# A line break inside a cell between two Chinese characters (or full-width punctuation), a line of a
# few characters on one side of it: a header wrapped to fit its column ("年初<br>预算数", a Word cell's
# "年度资金¶总额", an Excel Alt+Enter). Two longer lines are two things ("中共某县委组织部¶某县公务员局").
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_WRAPPED = re.compile(rf"(?<=[{_CJK}])[^\S\n]*\n\s*(?=[{_CJK}])")
_WRAP_PIECE = 4  # characters: the shorter line of a wrapped header is at most this long


def clean_cell(text: str) -> str:
    """A table cell as the parser reads it: `clean_line`, a header's wrap between Chinese characters
    joined without a space ("年初预算数", as a PDF's cell reads, not "年初 预算数")."""
    if "\n" in text:
        text = _WRAPPED.sub(lambda m: "" if _short_side(text, m) else " ", text)
    return clean_line(text)


def _short_side(text: str, m: re.Match) -> bool:
    before = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
    after_end = text.find("\n", m.end())
    after = text[m.end():after_end if after_end >= 0 else len(text)].strip()
    return min(len(before), len(after)) <= _WRAP_PIECE and not before.endswith(_WHOLE_ENDS)


# A line ending as a unit's name or a whole term does ("某县水务局¶河长办", "产出指标¶数量指标", "合计¶其中："): the next
# line is a second one, not its rest.
_WHOLE_ENDS = ("局", "委", "办", "院", "所", "站", "队", "馆", "厅", "会", "部", "中心", "政府", "办事处", "公司",
               "学校", "中学", "小学", "医院", "指标", "合计", "小计", "总计")
