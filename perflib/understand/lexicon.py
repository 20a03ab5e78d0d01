"""The phrasings the parser knows (lexicon.toml), compiled once at import.

`LEX` is the one compiled lexicon; parse.py, outline.py and rating.py read
every label, block word, unit and style from it. `load(text)` compiles
another TOML text (tests), and records which keys the code read, so a test
can tell an entry nobody uses.
"""
from __future__ import annotations

import re
import tomllib
try:
    import re._parser as _sre_parse  # Python ≥ 3.11
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..numbers import NUMBER, NUMBER_BEFORE_UNIT


@dataclass(frozen=True)
class Label:
    field: str | None
    kind: str | None  # "money" | "percent"
    pattern: str
    sign: int = 1  # -1: the label itself says "decrease"
    block: str | None = None  # the label names its block itself
    follows: str | None = None  # a comparison with the figure before it: read only right after that field


class _Tracked(dict):
    """A dict that remembers which keys were read."""

    def __init__(self, data: dict):
        super().__init__(data)
        self.used: set[str] = set()

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)


def _alt(words) -> str:
    """Alternation of literal words, longest first (so 办事处 wins over 办)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# What every `toc` match needs (Lexicon.is_toc): the line ends with a page number (or its bracket) or 目录's 录, and
# holds a leader's first two characters ([.…·．]{3,} or \s{2,}) in a row, or opens with 目 ("目 录").
TOC_ENDS = tuple("0123456789)）录")  # (a caller asking of every line may test it first: no call for most)
_TOC_LEADER = re.compile(r"[.…·．\s][.…·．\s]")

# Character classes a pattern may start with, as the look-ahead writes them.
ATTACHMENT_LINE_MAX = 200  # characters: a longer line is text, whatever it opens with (is_attachment)
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _first_chars(items, last: bool = False) -> tuple[set[str] | None, bool]:
    """What a parsed pattern can start with (with `last`: end with) — single characters, or a class
    such as ``\\d`` — (None: anything), and whether it can match empty."""
    out: set[str] = set()
    for op, av in (reversed(list(items)) if last else items):
        name = str(op)
        if name == "LITERAL":
            return out | {re.escape(chr(av))}, False
        if name == "IN":
            chars = set()
            for iop, iav in av:
                if str(iop) == "LITERAL":
                    chars.add(re.escape(chr(iav)))
                elif str(iop) == "RANGE" and iav[1] - iav[0] < 512:
                    chars |= {re.escape(chr(c)) for c in range(iav[0], iav[1] + 1)}
                elif str(iop) == "CATEGORY" and str(iav) in _CATEGORIES:
                    chars.add(_CATEGORIES[str(iav)])
                else:
                    return None, False
            return out | chars, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width
        if name == "BRANCH":
            nullable = False
            for branch in av[1]:
                chars, empty = _first_chars(branch, last)
                if chars is None:
                    return None, False
                out |= chars
                nullable |= empty
            if not nullable:
                return out, False
            continue
        if name == "SUBPATTERN":
            chars, empty = _first_chars(av[3], last)
            if chars is not None and av[1] & re.IGNORECASE and any(_cased(c) for c in chars):
                return None, False  # the look-ahead would not ignore case
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            chars, empty = _first_chars(av[2], last)
            empty = empty or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return out, False
    return out, True


def _cased(c: str) -> bool:
    return c.lower() != c.upper()


def cue(pattern: re.Pattern) -> str:
    """A character every match of `pattern` holds ("" when none is sure): a text without it holds no
    match anywhere, in any part of it, so a caller may ask `cue in text` before the regex."""
    if pattern.flags & re.IGNORECASE:
        return ""
    return min(_required(_sre_parse.parse(pattern.pattern).data), default="")


def cues(pattern: re.Pattern) -> str:
    """Characters of which every match of `pattern` holds one ("" when none are sure): a text holding
    none of them holds no match, so a caller may ask `holds_any(text, cues)` before the regex. For an
    alternation whose branches require no character in common (cue gives none): a character each
    branch requires, as few as cover every branch."""
    if pattern.flags & re.IGNORECASE:
        return ""
    return "".join(sorted(_one_of_each(_sre_parse.parse(pattern.pattern).data)))


def longest_match(pattern: re.Pattern) -> int:
    """The most characters a match of `pattern` can span (a caller may look for its words within as many first)."""
    return _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1]


def cue_words(pattern: re.Pattern) -> tuple[str, ...]:
    """Words (runs of literal characters) of which every match of `pattern` holds one (() when none are sure): a text
    holding none of them holds no match, so a caller may ask `holds_any(text, words)` before the regex. Like cues, for a
    pattern whose few words most texts lack though their characters are common ("工作", "履职" where 作 and 况 are in
    most headings)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    return tuple(sorted(_words_of_each(_sre_parse.parse(pattern.pattern).data)))


def _words_of_each(items) -> set[str]:
    """Words of which every match of a parsed sequence holds one (empty: none sure)."""
    return _sure_of_each(items, _runs, lambda runs: max(runs, key=lambda r: (len(r), r)), _cover_words)


def _runs(items) -> set[str]:
    """Runs of literal characters every match of a parsed sequence holds, each whole (look-arounds aside)."""
    out: set[str] = set()
    run = ""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        if run:
            out.add(run)
            run = ""  # (anything else between: the run ends, a shorter one is still held)
        if name == "SUBPATTERN" and not (av[1] | av[2]):  # (no inline flags: a case-blind group)
            out |= _runs(av[3].data)
        elif name == "BRANCH":
            out |= set.intersection(*(_runs(b.data) for b in av[1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            out |= _runs(av[2].data)
    if run:
        out.add(run)
    return out


def _cover_words(branches: list[set[str]]) -> set[str]:
    """Words that meet every branch, each branch holding one of them in one of its runs (the word most branches hold
    first, then the longest); empty when a branch holds no run."""
    if not all(branches):
        return set()
    return _cover([{r[i:j] for r in b for i in range(len(r)) for j in range(i + 1, len(r) + 1)} for b in branches])


def _one_of_each(items) -> set[str]:
    """Characters of which every match of a parsed sequence consumes one (empty: none sure)."""
    return _sure_of_each(items, _required, min, _cover)


def _sure_of_each(items, held, pick, cover) -> set[str]:
    """What every match of a parsed sequence holds one of: one of what it always holds (`held`: a set of characters or
    words; `pick` chooses one), else what a group always holds, or a `cover` of the branches of an alternation (empty:
    none sure)."""
    always = held(items)
    if always:
        return {pick(always)}
    for op, av in items:
        name = str(op)
        if name == "SUBPATTERN" and not (av[1] | av[2]):
            found = _sure_of_each(av[3].data, held, pick, cover)
        elif name == "BRANCH":
            found = cover([held(b.data) for b in av[1]])
        else:
            continue
        if found:
            return found
    return set()


def _cover(branches: list[set[str]]) -> set[str]:
    """Characters (or words) that meet every set (greedily: the one most sets hold first, then the longest); empty
    when a set is."""
    if not all(branches):
        return set()
    chosen: set[str] = set()
    while branches:
        best = min(set().union(*branches), key=lambda w: (-sum(w in b for b in branches), -len(w), w))
        chosen.add(best)
        branches = [b for b in branches if best not in b]
    return chosen


def holds_any(text: str, chars: str) -> bool:
    """Does `text` hold one of `chars` (cues' answer, or the words of cue_words'; none: maybe, the regex must say)?"""
    for c in chars:  # (a plain loop: no call per character, asked of every sentence)
        if c in text:
            return True
    return not chars


def _required(items) -> set[str]:
    """Characters every match of a parsed sequence consumes (look-arounds aside)."""
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
        elif name == "SUBPATTERN" and not (av[1] | av[2]):  # (no inline flags: a case-blind group)
            out |= _required(av[3].data)
        elif name == "BRANCH":
            out |= set.intersection(*(_required(b.data) for b in av[1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            out |= _required(av[2].data)
    return out


def _fast(pattern: str) -> re.Pattern:
    """`pattern` compiled behind a look-ahead on its possible first characters: the regex engine
    then skips every other position at once (a tenfold speed-up on a long alternation). Not when
    the engine skips them by itself (see _engine_skips): there a look-ahead only slows it down."""
    parsed = _sre_parse.parse(pattern)
    chars, nullable = _first_chars(parsed)
    if chars is None or nullable or not chars or parsed.state.flags & re.IGNORECASE or _engine_skips(parsed):
        return re.compile(pattern)
    return re.compile(f"(?=[{''.join(sorted(chars))}])(?:{pattern})")


def _last_char_class(*patterns: str) -> re.Pattern | None:
    """A class of the characters every match of the patterns ends with (None: it may end with any)."""
    out: set[str] = set()
    for pattern in patterns:
        chars, nullable = _first_chars(_sre_parse.parse(pattern), last=True)
        if chars is None or nullable:
            return None
        out |= chars
    return re.compile(f"[{''.join(sorted(out))}]")


def _engine_skips(parsed) -> bool:
    """Does the pattern open with a character, a class, or an alternation whose every branch opens
    with a character? The regex engine then scans for those characters in C before trying it
    (CPython's re: the "charset prefix" of a compiled pattern)."""
    items = parsed.data
    while items and str(items[0][0]) == "SUBPATTERN":
        group, add_flags, del_flags, sub = items[0][1]
        if add_flags or del_flags:
            return False
        items = sub.data
    if not items:
        return False
    op, av = items[0]
    if str(op) in ("LITERAL", "IN"):
        return str(op) == "LITERAL" or all(str(iop) in ("LITERAL", "RANGE", "CATEGORY") for iop, _ in av)
    if str(op) == "BRANCH":
        return all(b.data and str(b.data[0][0]) == "LITERAL" for b in av[1])
    return False


def _labels(entries: list[dict]) -> list[Label]:
    return [Label(e["field"] or None, e.get("kind") or None, e["phrase"], int(e.get("sign", 1)), e.get("block"),
                  e.get("follows"))
            for e in entries]


def _groups(entries: list[dict], key: str) -> str:
    """One pattern whose named group (m.lastgroup) says which entry matched: (?:…)(?P<cn>)|(?:…)(?P<num>)."""
    by_name: dict[str, list[str]] = {}
    for e in entries:
        by_name.setdefault(e[key].replace("-", "_"), []).append(e["phrase"])
    # (the group an empty one after its entry's phrases: an alternative that opens with a character
    # or a class is then passed over at a glance where the text has another, not entered)
    return "|".join(f"(?:{'|'.join(ps)})(?P<{name}>)" for name, ps in by_name.items())


def _ordered_block_words(entries: list[dict], where: str) -> dict[str, list[str]]:
    """Each block's words (escaped) and phrases, in the order they are tried."""
    by_block: dict[str, list[tuple[bool, str]]] = {}
    for e in entries:
        if where in e["in"]:
            words = by_block.setdefault(e["block"], [])
            words.append((False, re.escape(e["word"])) if "word" in e else (True, e["phrase"]))
    # longest first, so 办事处 wins over 办 (a pattern goes after the words of its block)
    return {b: [w for _, w in sorted(ws, key=lambda pw: (pw[0], -len(pw[1])))] for b, ws in by_block.items()}


def _block_words(entries: list[dict], where: str) -> re.Pattern:
    """One pattern whose named group says which block matched: (?P<overall>…)|(?P<basic>…)."""
    ordered = _ordered_block_words(entries, where)
    return re.compile("|".join(f"(?P<{b}>{'|'.join(ws)})" for b, ws in ordered.items()))


def _marked_words(entries: list[dict], where: str) -> tuple[str, dict[str, str]]:
    """The same words as one alternation, each followed by an empty group W0, W1 … that says which
    matched, and the block of each group. With no group around the words, alternatives that all open
    with a character let the regex engine scan a text for those characters in C (it tries the
    words only there), instead of trying the pattern at each place."""
    marked = [(w, b) for b, ws in _ordered_block_words(entries, where).items() for w in ws]
    pattern = "|".join(f"{f'(?:{w})' if _alternates(w) else w}(?P<W{i}>)" for i, (w, _) in enumerate(marked))
    return pattern, {f"W{i}": b for i, (_, b) in enumerate(marked)}


def _alternates(pattern: str) -> bool:
    """Has the pattern a | outside any group and class (it must be bracketed to take a suffix)?"""
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            return True
    return False


class Lexicon:
    """Every compiled pattern the parser uses, built from one TOML text."""

    def __init__(self, text: str):
        raw = _Tracked(tomllib.loads(text))
        self.raw = raw
        units = raw["units"]
        self.unit = "|".join(units)
        filler = raw["filler"]
        # labels
        self.labels = _labels(raw["labels"])
        self._label_of_group = {f"L{i}": lb for i, lb in enumerate(self.labels)}
        # Each label's group is an empty one after its pattern (it still closes last: m.lastgroup names
        # the label): an alternative that opens with a character is then skipped by the engine at a
        # glance where the text has another, not entered through its group.
        self.label_re = _fast("|".join(f"(?:{lb.pattern})(?P<L{i}>)" for i, lb in enumerate(self.labels)))
        self.money_after = re.compile(rf"{filler}(?P<num>{NUMBER})\s*(?P<unit>{self.unit})")
        self.pct_after = re.compile(rf"(?:{raw['rate_moved_to']})?{filler}(?P<num>{NUMBER})\s*%")
        self.money = _fast(rf"(?P<num>{NUMBER_BEFORE_UNIT})\s*+(?P<unit>{self.unit})")
        self.decrease = _fast(_alt(raw["decrease_words"]))
        self.count = _fast(raw["project_count"])
        self.count_of_others = re.compile(raw["count_of_others"])
        self.grouping_row = re.compile(raw["grouping_row"])
        self.count_reviewed_after = re.compile(raw["count_reviewed_after"])  # (matched after the count)
        self.second_figure_after = re.compile(raw["second_figure_after"])  # (matched after a figure)
        self.count_cue = cue(self.count)  # (个: most sentences name no count)
        # blocks
        prose_words, self._block_of_group = _marked_words(raw["block_words"], "prose")
        self.block_words = _fast(prose_words)  # the block a match names: block_of(m)
        self.compared_block = re.compile(raw["compared_block"])  # (searched up to a block word)
        parts = _block_words(raw["block_words"], "part")
        self.part_filler = raw["part_filler"]
        self.part_figure = _fast(rf"(?:{parts.pattern})\s*{self.part_filler}\s*(?P<num>{NUMBER})\s*(?P<unit>{self.unit})")
        self.part_rate = _fast(rf"(?:{parts.pattern})\s*(?:预算)?(?:执行率|完成率)?\s*{self.part_filler}\s*(?P<num>{NUMBER})\s*%")
        self.revenue = re.compile(raw["revenue"])  # (searched up to a label: $ is there)
        self.spending_classes = tuple(w + s for w in raw["spending_classes"] for s in ("", "支出"))
        self.classes_before_a_label = self.spending_classes + tuple(raw["adjacent_classes"])
        self.not_the_budget = _fast(raw["not_the_budget"])
        self.not_the_budget_cue = cue(self.not_the_budget)
        self.parts_intro = _fast(rf"(?:{raw['parts_intro']})\s*[:：，,]?\s*")
        self.parts_intro_cues = cues(self.parts_intro)  # (one of them in every match: `holds_any`)
        self.parts_next = re.compile(rf"\s*[，,；;]?\s*(?:(?:{raw['parts_intro']})\s*[:：，,]?|[（(])\s*")
        self.respectively = _fast(rf"(?:{raw['respectively']})\s*[:：]?\s*")
        self.respectively_cue = cue(self.respectively)
        self.subjects = _fast(_alt(raw["subjects"]))
        self.kind_names = {kind: tuple(ends) for kind, ends in raw["kind_names"].items()}
        self.project_item = re.compile(raw["project_item"])
        self.not_a_project_name = re.compile(raw["not_a_project_name"])
        self.not_a_project = re.compile(raw["not_a_project"])
        self.key_projects = re.compile(raw["key_projects"])
        self.key_spending = re.compile(raw["key_spending"])
        self.listed_projects = re.compile(raw["listed_projects"])
        self.other_bodies = _fast(raw["other_bodies"])
        self.unit_part = re.compile(raw["unit_part"])
        self.table_source_row = re.compile(raw["table_source_row"])
        self.budget_form = re.compile(raw["budget_form"])
        self.whole_system = re.compile(raw["whole_system"])
        self.level = re.compile(raw["level"])
        self.handed_down = raw["handed_down"]
        self.subunit = _fast(raw["subunit"])
        self.subunit_cues = cues(self.subunit)  # (属, 级: most sentences name no unit under the department)
        self.subunit_word = re.compile(raw["subunit_word"])
        self._units_apart = re.compile(rf"(?<![及和与含括、])(?:{raw['subunit_word']})")
        self.with_units = re.compile(raw["with_units"])
        self.named_fund = _fast(raw["named_fund"])
        self.obtained = _fast(raw["obtained"])
        self.obtained_cause = re.compile(raw["obtained_cause"])  # (searched up to a label)
        self.change_label = re.compile(raw["change_label"])
        self.summed_with = re.compile(raw["summed_with"])  # (searched up to a block word)
        self.summed = re.compile(raw["summed"])  # (matched after it)
        self.summed_cue = cue(self.summed)  # (计: most sentences sum no parts)
        self.parts_joined = re.compile(raw["parts_joined"])  # (between two block words)
        self.fund_item = re.compile(raw["fund_item"])
        self.fund_level = re.compile(raw["fund_level"])
        self.fund_source = re.compile(raw["fund_source"])
        self.task_rate = tuple(raw["task_rate"])
        self.per_head = tuple(raw["per_head"])
        self.budget_task_rate = tuple(raw["budget_task_rate"])
        self.task_rate_bare = tuple(raw["task_rate_bare"])
        self.rate_threshold_after = re.compile(raw["rate_threshold_after"])  # (matched after the rate)
        self.rate_floor_after = re.compile(raw["rate_floor_after"])  # (matched after the rate)
        self.other_year = _fast(raw["other_year"])
        self.region_fiscal = _fast(raw["region_fiscal"])
        self.own_fiscal = _fast(raw["own_fiscal"])
        self.mid_year = _fast(raw["mid_year"])
        self.mid_year_cues = cues(self.mid_year)  # (月, 季 …: most sentences name no part of the year)
        self.years_together = re.compile(raw["years_together"])
        self.whole_year = _fast(raw["whole_year"])
        self.a_month = re.compile(raw["a_month"])
        self.carryover = _fast(rf"(?:{raw['carryover']}){filler}(?:{NUMBER})\s*(?:{self.unit})")
        self.formula_after = re.compile(rf"{raw['formula']}(?P<num>{NUMBER})\s*%")
        self.unit_note = _fast(rf"{raw['unit_note']}(?P<unit>{self.unit})")
        self.unit_stated = re.compile(rf"(?:{raw['unit_note']}|[（(]\s*)(?P<unit>{self.unit})")  # or "（万元）"
        self.unit_line_after = re.compile(rf"{raw['unit_line_after']}(?P<unit>{self.unit})\s*[)）]?\s*[。.]?$")
        # a bare number after a money label, the unit stated once for the section; it ends at a clause
        # mark, never at a thousands comma ("8,620,000.00" is not "8,620" followed by ",")
        self.bare_after = re.compile(rf"{filler}(?P<num>{NUMBER})(?=\s*(?:[，；;。]|,(?!\d)|$))")
        self.money_sections = re.compile(raw["money_sections"])
        self.money_section_other_year = re.compile(raw["money_section_other_year"])
        # table columns
        # tables (understand/tables.py): (field, kind, header pattern) and (block, row-label pattern)
        self.columns = [(lb.field, lb.kind, re.compile(lb.pattern)) for lb in _labels(raw["columns"])]
        self.table_rows = [(e["block"] or None, re.compile(e["phrase"])) for e in raw["table_rows"]]
        # department and year (understand/who.py)
        suffixes = _alt(raw["org_suffixes"])
        self.org_suffix = re.compile(rf"(?:{suffixes})$")
        self.org_end = _fast(suffixes)
        self.abbreviations = list(raw["abbreviations"].items())
        self.not_a_name = re.compile(raw["not_a_name"])
        self.place_end = re.compile(raw["place_end"])
        self.provinces = _alt(raw["provinces"])
        names = "|".join(raw["name_lines"])
        self.name_label = re.compile(names)  # a form cell that is the name's label
        # "单位名称：X", "单位名称 X", or a form's cells "单位名称 | X |"
        value = r"(?P<dept>[^，,、。\s\d（(:：|\[\]【】•·]+)"
        # a separator, or none: "单位名称某某中心"; a verb ("评价对象为某局…"); a seal before the name: "部门名称：（公章）某局"
        self.name_line = _fast(rf"(?:{names})[\s:：|]*(?:为|是)?(?:[（(]\s*(?:盖章|公章)\s*[)）][\s:：]*)?{value}")
        self.dept_field = re.compile(raw["dept_field"])
        self.dept_line = re.compile(rf"(?:{raw['dept_field']})[\s:：|]*{value}")
        # (发布机构 / 发文机关 never begin a sentence: the name may follow with no separator, a page's
        # metadata cells run together: "发文机关最高人民法院")
        self.source_line = _fast(rf"(?:(?:{'|'.join(raw['source_lines'])})(?=[\s:：|\]】•·])|(?:发布|发文)(?:机构|机关|单位))"
                                 rf"[\s:：|\]】•·]*{value}")
        self.publisher = re.compile(raw["publishers"])
        self.chrome_key = _fast(raw["chrome_keys"])
        self.spent_column = re.compile(raw["spent_column"])
        self.furniture = _fast(_alt(raw["furniture"]))
        # kinds
        # in order: the first wins; `named`: only after the unit's name ("XX局2021年度绩效自评报告")
        self.kinds = [(e["kind"], _fast(e["phrase"]), bool(e.get("named"))) for e in raw["kinds"]]
        self.form_kinds = [(e["kind"], re.compile(e["phrase"])) for e in raw["form_kinds"]]
        self.many_departments = re.compile(raw["many_departments"])
        self.all_departments = re.compile(raw["all_departments"])
        self.level_departments = re.compile(raw["level_departments"])
        self.embedded_section = re.compile(raw["embedded_section"])
        self.disclosure_section = re.compile(raw["disclosure_section"])
        self.opening_kinds = [(e["kind"], re.compile(e["phrase"])) for e in raw["opening_kinds"]]
        self.file_name_end = re.compile(raw["file_name_end"], re.I)
        self.attachment = _fast(f"(?i:{raw['attachment']}|{raw['file_name_end']})")
        self.toc = re.compile(raw["toc"])
        self.attachment_item = re.compile(raw["attachment_item"])
        self.attachment_form = re.compile(raw["attachment_form"])
        # lists
        self.numbering = re.compile(rf"^\s*(?:{_groups(raw['numbering'], 'style')})")
        self.sub_budgets = _fast(raw["sub_budgets"])
        self.part_funds = _fast(raw["part_funds"])
        self.part_fund_before = re.compile(rf"(?:{raw['part_funds']})$")  # (searched up to a label)
        self.main_source_before = re.compile(rf"(?:{raw['main_source']})$")
        # (the characters both end with, and a newline, before which their $ matches too: a label right
        # after none of them follows neither, and the two searches, a long alternation tried at each of
        # 16 places, are spared)
        self.part_or_source_end = _last_char_class(raw["part_funds"], raw["main_source"], "\n")
        self.main_source = re.compile(raw["main_source"])
        self.opening_part = re.compile(raw["opening_part"])
        self.all_funds = re.compile(raw["all_funds"])
        self.other_fund_types = re.compile(raw["other_fund_types"])
        self.other_money = re.compile(raw["other_money"])
        # a heading or a table's title about one: it opens with it (after a number, a year, the unit)
        # ("2.3 三公经费", "（三）部门“三公”经费情况", "附表：“三公”经费": a decimal number, the unit's word, a table's number)
        self.sub_budget_topic = re.compile(rf"(?:{_groups(raw['numbering'], 'style')}|附?表\s*(?:\d+|[一二三四五六七八九十]+)?\s*[:：.、]?|\d{{1,2}}(?:\.\d{{1,2}})+)?\s*"
                                           rf"(?:(?:19|20)\d{{2}}\s*年度?\s*)?"
                                           rf"(?:{_alt(raw['subjects'])})?\s*(?:部门|单位)?\s*(?:{raw['sub_budgets']})")
        self.with_the_budget = re.compile(raw["with_the_budget"])
        self.sections = {e["section"]: _fast(e["phrase"]) for e in raw["sections"]}  # (looked for in every heading)
        self.task_funds = re.compile(
            rf"{raw['task_funds']}[^，。；]{{0,8}}?(?P<num>{NUMBER})\s*(?P<unit>{self.unit})")
        self.plans_not = re.compile(raw["plans_not"])
        self.goal_row = re.compile(raw["goal_row"])
        self.goal_target = re.compile(raw["goal_target"])
        self.task_funds_use = re.compile(raw["task_funds_use"])
        self.task_funds_budgeted = re.compile(raw["task_funds_budgeted"])
        self.task_funds_spent_whole = re.compile(raw["task_funds_spent_whole"])
        self.task_funds_not = re.compile(raw["task_funds_not"])
        self.task_funds_revenue = re.compile(raw["task_funds_revenue"])
        self.task_funds_paid = re.compile(raw["task_funds_paid"])
        self.task_funds_object = re.compile(raw["task_funds_object"])
        self.task_funds_per = re.compile(raw["task_funds_per"])
        self.task_funds_other_period = re.compile(raw["task_funds_other_period"])
        self.task_funds_whole = re.compile(raw["task_funds_whole"])
        self.task_funds_source = re.compile(raw["task_funds_source"])
        self.task_funds_inline_item = re.compile(raw["task_funds_inline_item"])
        self.task_funds_planned = re.compile(raw["task_funds_planned"])
        self.task_funds_returned = re.compile(raw["task_funds_returned"])
        self.task_funds_joined = re.compile(raw["task_funds_joined"])
        # rating
        self.rating_words: dict[str, str] = raw["rating_words"]
        # one pattern: the cues in order, each cue's `word` group renamed word_0, word_1 …
        self.rating_cue = _fast("|".join(p.replace("(?P<word>", f"(?P<word_{i}>")
                                         for i, p in enumerate(raw["rating_cues"])))
        self.rating_scale = re.compile(raw["rating_scale"])
        self.other_assessment = re.compile(raw["other_assessment"])
        self.graded_by_another = re.compile(raw["graded_by_another"])
        self.graded_unnamed = re.compile(raw["graded_unnamed"])
        self.scoring_rule = re.compile(raw["scoring_rule"])
        self.superior = re.compile(raw["superior"])
        self.superior_acts = re.compile(raw["superior_acts"])
        self.superior_act_lead = re.compile(raw["superior_act_lead"])
        self.superior_act_self = re.compile(raw["superior_act_self"])


        self.problems_lead = re.compile(raw["problems_lead"])
        self.problems = re.compile(raw["problems"])
        self.evaluated = re.compile(raw["evaluated"])
        self.self_report = re.compile(raw["self_report"])
        self.self_evaluation = re.compile(f"{raw['self_evaluation']}|{_alt(raw['subjects'])}")
        self.evaluation_word = re.compile(f"(?:{'|'.join(raw['evaluation_words'])})")
        self.score_band = re.compile(raw["score_band"])
        self.indicator = re.compile(raw["indicator"])
        self.score_whole = re.compile(raw["score_whole"])
        # (not a year compared with: 较上年, 和上年度相比)
        self.last_year_words, self.this_year_words = _alt(raw["last_year"]), _alt(raw["this_year"])
        self.year_word = re.compile(f"(?<![较比与同和])(?P<last>{self.last_year_words})"
                                    f"|(?<![较比与同])(?:{self.this_year_words})")
        self.issued = re.compile(raw["issued"])
        self.founded = re.compile(raw["founded"])
        self.plans_ahead = re.compile(raw["plans_ahead"])
        self.plans_after_review = re.compile(raw["plans_after_review"])
        self.plans_sentence = re.compile(raw["plans_sentence"])
        self.score_prefix = re.compile(raw["score_prefix"])
        self.project_form = re.compile(raw["project_form"])
        self.project_table = re.compile(raw["project_table"])
        self.score_context = re.compile(raw["score_context"])

    @lru_cache(maxsize=4096)  # asked of each paragraph by several readers
    def is_attachment(self, para: str) -> bool:
        """An attachment line ("附件1：…", "….pdf"); not the attachment's own form opening the
        text that follows ("附件3：…基础数据表 填报单位： 单位：万元 …"), nor a page of text that
        opens with its 附件 mark (a text layer flattened into one line)."""
        if len(para) > ATTACHMENT_LINE_MAX:
            return False
        if not ((para.startswith("附件") or "." in para[-6:]) and self.attachment.search(para)):
            return False
        return not (para.startswith("附件") and self.attachment_form.match(para)
                    and not self.attachment.search(para, 2))  # (and no file name at its end)

    def subunit_in(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """The first unit under the department named in text[start:end] (`subunit`), not one within the
        department with its units (`with_units`: "及所属二级单位" is the department's own whole)."""
        for m in self.subunit.finditer(text, start, len(text) if end is None else end):
            if not any(w.start() <= m.start() for w in self.with_units.finditer(text, max(0, m.start() - 10), m.end())
                       if w.end() >= m.end()):
                return m
        return None

    def units_apart(self, text: str) -> bool:
        """Does the text name units under the department apart from it ("下属学校汇总", "所属3个单位合并"), not joined to
        it ("局机关及所属单位汇总", "局机关、所属单位汇总", "局本级和3个二级单位汇总": the whole)?"""
        return any(not any(w.start() <= m.start() and m.end() <= w.end()
                           for w in self.with_units.finditer(text, max(0, m.start() - 10), m.end() + 8))
                   for m in self._units_apart.finditer(text))

    def about_a_sub_budget(self, text: str) -> bool:
        """A heading or table title about a budget within the unit's ("（一）“三公”经费控制情况"), naming no
        block ("三公经费及部门整体支出情况" is about the unit too)."""
        return (self.sub_budget_topic.match(text.strip()) is not None and not self.block_words.search(text)
                and not self.with_the_budget.search(text))

    def is_toc(self, para: str) -> bool:
        """A table-of-contents line (dot leaders and a page number) or the contents heading."""
        # (what `toc` ends with, then two leader characters in a row or the heading's 目 first: the pattern, tried at each
        # place, is asked only then; the look for two in a row opens with a class the engine scans for in C)
        return (para.endswith(TOC_ENDS) and (para.startswith("目") or _TOC_LEADER.search(para) is not None)
                and bool(self.toc.search(para)))

    def label(self, m: re.Match) -> Label:
        """The label a match of `label_re` stands for."""
        return self._label_of_group[m.lastgroup]

    def block_of(self, m: re.Match) -> str | None:
        """The block ("overall", "basic", "projects") a match of `block_words` names; None for a named
        fund's words (`named_fund`: one project's money, no block), which stand in the same lists."""
        return self._block_of_group.get(m.lastgroup) if m.re is not self.named_fund else None


def load(text: str | None = None) -> Lexicon:
    if text is None:
        text = resources.files("perflib.understand").joinpath("lexicon.toml").read_text(encoding="utf-8")
    return Lexicon(text)


LEX = load()
