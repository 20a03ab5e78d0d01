"""The lexicon (lexicon.toml): every entry compiles, is used, is written once, and every label
reads its field in a plain sentence."""
import re
import tomllib
from decimal import Decimal as D
from importlib import resources

import pytest

from perflib.understand import lexicon
from perflib.understand.lexicon import LEX, load

from understand.helpers_understand import fields, parse

RAW = tomllib.loads(resources.files("perflib.understand").joinpath("lexicon.toml").read_text(encoding="utf-8"))


def test_every_key_is_read_by_the_loader():
    lex = load()
    assert set(lex.raw) - lex.raw.used == set()


def _phrases():
    for key, value in RAW.items():
        if isinstance(value, list):
            for entry in value:
                yield key, entry if isinstance(entry, str) else entry.get("phrase") or entry.get("word")


def test_no_entry_written_twice():
    seen = {}
    for key, phrase in _phrases():
        assert (key, phrase) not in seen, f"{key}: {phrase!r} twice"
        seen[(key, phrase)] = True
    for e in RAW["labels"]:  # each example, a figure after it, is read by its own entry, not by another one
        m = LEX.label_re.match(e["example"] + " 345.60 万元")
        assert m and LEX.label(m).pattern == e["phrase"], e
    words = [e.get("word") or e["phrase"] for e in RAW["block_words"]]
    assert len(words) == len(set(words))


@pytest.mark.parametrize("key,phrase", list(_phrases()))
def test_every_phrase_compiles_without_capturing_groups(key, phrase):
    if key in ("rating_cues", "project_count"):
        return  # these carry their named groups on purpose
    assert re.compile(phrase).groups == 0, (key, phrase)


def test_compiled_once():
    """The parser uses the module's one Lexicon; parsing does not rebuild it."""
    before = lexicon.LEX
    parse("某县财政局2021年度部门整体支出绩效自评报告\n年初预算 10.00 万元。")
    assert lexicon.LEX is before


@pytest.mark.parametrize("entry", RAW["labels"], ids=lambda e: e["phrase"][:20])
def test_every_label_reads_its_field(entry):
    label = entry["example"]
    figure = "12.5%" if entry["kind"] == "percent" else "345.60 万元"
    text = f"某县财政局2021年度部门整体支出绩效自评报告\n二、部门整体支出情况\n1、{label}{figure}。"
    if not label.startswith("支出"):
        text = f"某县财政局2021年度部门整体支出绩效自评报告\n部门整体{label} {figure}。"
    if entry.get("follows"):  # a comparison with the figure before it
        before = next(e["example"] for e in RAW["labels"] if e["field"] == entry["follows"])
        text = f"某县财政局2021年度部门整体支出绩效自评报告\n部门整体{before} 1000.00 万元，{label} {figure}。"
    if entry["field"] == "adjusted_bare":  # (the adjusted budget where the block's figures size it: its spending here)
        text = f"某县财政局2021年度部门整体支出绩效自评报告\n部门整体{label} {figure}，实际支出 340.00 万元。"
    rec = parse(text)
    got = fields(rec.overall)
    want = D("12.5") if entry["kind"] == "percent" else D("345.60") * int(entry.get("sign", 1))
    # a budget called neither 年初 nor 调整后, alone: the initial budget (understand/assign.py)
    field = {"budget": "initial_budget", "adjusted_bare": "adjusted_budget"}.get(entry["field"], entry["field"])
    block = entry.get("block", "overall")
    got = fields(rec.block(block))
    assert got.get(field) == want, (label, text, got)


def test_cues_a_character_of_each_branch():
    """lexicon.cues: a character each branch of an alternation requires, as few as cover them all
    ("" when a branch requires none); a text holding none of them holds no match."""
    assert lexicon.cues(re.compile(r"上半年|[一二三]季度|\d{1,2}\s*月(?:底|末)")) == "上季月"
    assert lexicon.cues(re.compile(r"(?=[上截\d])(?:截至\d+月|上年|\d+月)")) == "上月"  # (a _fast look-ahead)
    assert lexicon.cues(re.compile(r"预算执行率|执行率|完成率")) == "率"  # one character all branches hold
    assert lexicon.cues(re.compile(r"上年|\d+")) == ""
    assert lexicon.cues(re.compile(r"上年|x", re.I)) == ""
    assert lexicon.holds_any("截至6月底", "上季月") and not lexicon.holds_any("全年支出", "上季月")
    assert lexicon.holds_any("全年支出", "")  # no cue: the regex must say
    for sent in ("截至2021年6月底，支出 10 万元", "上半年执行率 50%", "1-9月支出", "前三季度"):
        assert LEX.mid_year.search(sent) and lexicon.holds_any(sent, LEX.mid_year_cues), sent


def test_cue_words_a_word_of_each_branch():
    """lexicon.cue_words: words (literal runs) each branch holds, as few as cover them all, the longest of those that
    cover as many (() when a branch holds none); a text holding none of them holds no match."""
    assert lexicon.cue_words(re.compile(r"(?:重点|主要)工作(?:任务)?情况|履职(?:及|和)绩效情况|年度工作")) == ("工作", "绩效情况")
    assert lexicon.cue_words(re.compile(r"(?=[重履])(?:重点工作|履职)")) == ("履职", "重点工作")  # (a _fast look-ahead)
    assert lexicon.cue_words(re.compile(r"预算执行率|执行率")) == ("执行率",)  # one word all branches hold
    assert lexicon.cue_words(re.compile(r"上年|\d+")) == ()
    assert lexicon.cue_words(re.compile(r"上年|x", re.I)) == ()
    assert lexicon.cue_words(re.compile(r"(?i:工作)|履职")) == ()  # (a case-blind group: no sure word)
    assert lexicon.holds_any("（二）重点工作完成情况", ("工作", "履职")) and not lexicon.holds_any("二、部门概况", ("工作", "履职"))
    tasks_else = LEX.sections["tasks_else"]
    for head in ("三、主要工作完成情况", "（二）履职情况", "二、部门履职及绩效情况", "（一）年度重点工作", "重点完成了以下几项工作"):
        assert tasks_else.search(head) and lexicon.holds_any(head, lexicon.cue_words(tasks_else)), head


def test_last_char_class_holds_the_end_of_every_match():
    """lexicon._last_char_class: the characters a match of the patterns can end with, which spares
    _sources its two searches where a label follows none of them; None when a match may end anywhere."""
    ends = lexicon._last_char_class(r"(?:政府性基金|专项)(?:预算)?(?:支出)?", r"财政(?:拨款|补助)(?:资金)?")
    assert ends is not None and set(ends.pattern[1:-1]) == set("金项算出款助")
    assert lexicon._last_char_class(r"基金(?=[，,])", r"(?<=[，,])拨款$") is not None  # (look-arounds take no character)
    assert lexicon._last_char_class(r"资金|[^，]{0,3}") is None  # (may match nothing)
    assert lexicon._last_char_class(r"资金.") is None
    for text in ("政府性基金预算", "中央资金", "上级转移支付", "专项债券资金支出", "财政拨款", "一般公共预算", "某某补助经费"):
        assert (LEX.part_fund_before.search(text) or LEX.main_source_before.search(text)), text
        assert LEX.part_or_source_end.match(text[-1]), text
    assert LEX.part_fund_before.search("专项资金\n", 0, 5) and LEX.part_or_source_end.match("\n")  # ($ before a newline)


def test_hand_written_guards_still_match_their_patterns():
    """Guards written beside a pattern, to skip it cheaply, stand for that pattern as it is: a change to the pattern
    must change its guard too (this fails first)."""
    import re._parser as sre_parse

    from perflib.understand import who
    # title_text asks the first _TITLE_OPENING_END characters for its words: the longest a match can be
    assert sre_parse.parse(who._TITLE_OPENING.pattern).getwidth()[1] == who._TITLE_OPENING_END
    opening = "某" * 80 + "自评表"  # (its words ending at the last place a match may end)
    assert who.title_text(opening + "，" + "某" * 200) == opening
    # the figure reader asks a heading for 元 before LEX.money: every unit holds it
    assert all("元" in unit for unit in RAW["units"])
    # is_toc asks for a line ending in TOC_ENDS with two leader characters in a row, or opening with 目
    assert RAW["toc"] == r"(?:[.…·．]{3,}|\s{2,})\s*[（(]?\s*\d{1,3}\s*[)）]?\s*$|^目\s*录$", \
        "the toc pattern changed: check lexicon.TOC_ENDS and _TOC_LEADER (Lexicon.is_toc's guard) against it"
    for line in ("一、部门概况……………3", "二、绩效情况  12", "三、问题………（5）", "目 录", "目录"):
        assert LEX.is_toc(line) and LEX.toc.search(line), line
    # the rating reader asks a sentence for _SCORE_CUE before _SCORE: every way a score is written holds it
    from perflib.understand import rating
    for said in ("自评得分92分", "综合得分 91 分", "评分95分", "总得分90分", "自评总分(分)97.6", "自评得分 | 96 |",
                 "自评得97.5分", "综合评价得 91 分", "考评得88分", "自评得分为九十三点五分"):
        found = list(rating._SCORE.finditer(said))
        assert found and all(rating._SCORE_CUE.search(m.group()) for m in found), said
