"""What an analyst should look at: one item per row of the review sheet (perflib/present/review_sheet.py).

From a record (`record_items`, in the batch worker that read it): a core figure the report seems to
state but perflib left empty (an unread amount right after a known label), a core figure missing
altogether, a failed or warned check, a reading warning, a figure read by OCR, a figure of another
block that seems unread, and what became of each hand correction. From the batch
(`failure_items`, `unmatched_items`): reports that failed or are not department reports, and
correction rows that named no report of the batch.

Every item has the REVIEW_COLUMNS; `correction` and `note` stay empty for the analyst, except on
the rows of corrections already given (they are carried forward, so the sheet passed back keeps them).
"""
from __future__ import annotations

import re
from pathlib import Path

from . import corrections as hand, once
from .labels import (OCR_EVIDENCE, REVIEW_CATEGORY, REVIEW_HEADERS, SCORING_CHECKS, figure_name, reason_zh,
                     warning_zh)
from .model import Record, Unread
from .numbers import fmt_wan, money_to_wan, round_money
from .understand.lexicon import LEX

REVIEW_COLUMNS = list(REVIEW_HEADERS)
PRIORITY = {category: n for n, category in enumerate(REVIEW_CATEGORY, start=1)}
# The figures a page is about: without them the summary has no spending story.
CORE = ("overall.actual", "overall.initial_budget", "overall.adjusted_budget", "overall.completion_rate")
FIELD_ORDER = {f: n for n, f in enumerate(hand.FIELDS)}
_OCR_MARK = OCR_EVIDENCE.split("{")[0]
_NAMES = {"department": "部门名称", "year": "年度", "kind": "文件类别", "projects.count": "项目个数"}
_CLAUSE = re.compile(r"[。；;]")
_ASIDE = re.compile(r"[（(][^（）()]{0,8}[)）]")  # "全年(调整)预算数": an aside inside a label
# between a label and its figure, the words a label may run on with ("年初预算安排资金额度合计 5,230.00 万元")
_GAP = re.compile(r"(?:安排|资金|额度|金额|总额|合计|总计)*[\s为是达到了共计合约均:：]{0,6}$")


def field_zh(fld: str) -> str:
    return (_NAMES.get(fld) or figure_name(fld)) if fld else ""


def item(category: str, rec: Record | None = None, **values) -> dict:
    row = {k: "" for k in REVIEW_COLUMNS}
    if rec is not None:
        row |= {"file": rec.source.path, "department": rec.department or "", "year": rec.year or "",
                "sha256": rec.source.sha256}
    row |= {k: ("" if v is None else v) for k, v in values.items()}
    row["priority"] = PRIORITY[category]
    row["category"] = REVIEW_CATEGORY[category]
    row["field_zh"] = field_zh(row["field"])
    return row


# --- from one record ------------------------------------------------------------------------
def record_items(rec: Record) -> list[dict]:
    """Every item one department record gives (before the batch adds its own)."""
    out = _correction_items(rec)
    out += _missing_items(rec)
    out += _check_items(rec)
    out += [item("warning", rec, reason=f"{zh}：{w}" if (zh := warning_zh(w)) else w) for w in rec.warnings]
    out += _ocr_items(rec)
    return out


def missing_core(rec: Record) -> list[str]:
    """The core figures the report does not give (or perflib could not read); an adjusted budget the
    report implies (initial + adjustment, or actual ÷ completion rate) is not missing."""
    o = rec.overall
    implied = {"overall.adjusted_budget": (o.initial_budget is not None and o.adjustment is not None)
               or (o.actual is not None and bool(o.completion_rate))}
    return [f for f in CORE if hand.get(rec, f) is None and not implied.get(f)]


def _missing_items(rec: Record) -> list[dict]:
    """Empty fields with an unread amount that seems to be theirs; core fields even without one."""
    hints: dict[str, list[tuple[Unread, str]]] = {}
    for u in rec.unread:
        guess = guess_field(u)
        if guess and hand.get(rec, guess[0]) is None:
            hints.setdefault(guess[0], []).append((u, guess[1]))
    out = []
    core = missing_core(rec)
    for fld in core:
        if fld not in hints:
            out.append(item("core_missing", rec, field=fld,
                            reason=f"报告未给出（或 perflib 未能读取）{field_zh(fld)}；如原文写有，请填校正值"))
    for fld, found in sorted(hints.items(), key=lambda kv: FIELD_ORDER[kv[0]]):
        category = "core_unread" if fld in CORE else "field_unread"
        for u, label in found:
            out.append(item(category, rec, field=fld, suggestion=hand.format_value(fld, u.amount), evidence=u.text,
                            reason=f"原文“{label}”后写有 {fmt_wan(u.amount)} 万元，perflib 未读入{field_zh(fld)}；"
                                   "核对原文后，如确为本年数字，请把它填入校正值"))
    return out


def guess_field(u: Unread) -> tuple[str, str] | None:
    """(field, label) when the unread amount stands right after a known money label, in a clause
    about this year: the field it may be. None when nothing says."""
    text = u.text
    for m in LEX.money.finditer(text):
        if round_money(money_to_wan(m["num"], m["unit"])) != round_money(u.amount):
            continue
        clause_start = max((c.end() for c in _CLAUSE.finditer(text, 0, m.start())), default=0)
        clause = text[clause_start:m.start()]
        if LEX.other_year.search(clause):
            return None  # 上年 / 同比 …: another year's figure
        plain = _ASIDE.sub("", clause)
        label = None
        for lm in LEX.label_re.finditer(plain):
            if _GAP.fullmatch(plain[lm.end():]) and LEX.label(lm).kind == "money":
                label = lm
        if label is None:
            return None
        lb = LEX.label(label)
        block = lb.block or _block_before(plain[:label.end()])  # "基本支出决算数": the label ate 支出
        fld = f"{block}.{lb.field}"
        return (fld, label.group(0)) if fld in hand.FIELDS else None
    return None


def _block_before(text: str) -> str:
    last = None
    for last in LEX.block_words.finditer(text):
        pass
    return LEX.block_of(last) if last else "overall"


def _check_items(rec: Record) -> list[dict]:
    out = []
    for c in rec.checks:
        if c.status not in ("fail", "warn"):
            continue
        if c.status == "warn" and c.id in SCORING_CHECKS:  # leniency: no figure of the report is off
            out.append(item("check_lenient", rec, reason=c.message))
            continue
        fld = c.id if c.id in hand.FIELDS else _stated_field(c.id)
        read = hand.format_value(fld, hand.get(rec, fld)) if fld else ""
        out.append(item("check_fail" if c.status == "fail" else "check_warn", rec, field=fld, read=read,
                        evidence=rec.evidence.get(fld, "") if fld else "", reason=c.message))
    return out


def _stated_field(check_id: str) -> str:
    """The figure a check holds the report to, when a correction can set it (rating.matches_score: the
    rating; indicators.score_total: the score), so that its row can be filled as it stands."""
    from .check.rules import rule_by_id

    rule = rule_by_id(check_id)
    return rule.stated if rule and rule.stated in hand.FIELDS else ""


def _ocr_items(rec: Record) -> list[dict]:
    return [item("ocr", rec, field=key, read=hand.format_value(key, hand.get(rec, key)), evidence=sentence,
                 reason="由 OCR 从扫描页识别，请与原件核对")
            for key, sentence in rec.evidence.items()
            if _OCR_MARK in sentence and key in hand.FIELDS and key not in rec.corrected]


_UNUSED_ZH = {
    "file_changed": "文件在写校正后已更改（SHA-256 不同），校正未采用；核对后如仍需要，请更新或清空 sha256 一栏",
    "reads_other": "perflib 现在读到 {now}，与写校正时（{then}）不同，校正未采用；如仍需要，请把 perflib读到 一栏改为 {now}",
    "absent": "批量处理的文件中没有这份报告，校正未采用",
    "ambiguous": "文件名对应多份报告（{detail}），校正未采用；请写出所在子文件夹或 SHA-256",
    "report_failed": "报告未能处理，校正未采用：{detail}",
}


def outcome_item(o: hand.Outcome, rec: Record | None = None) -> dict:
    """A correction row carried forward: its correction and note kept, `read` as it was written, so
    the sheet passed back does the same again (an unused row stays unused until the analyst acts)."""
    c = o.correction
    keep = {"file": c.file, "field": c.field, "correction": c.text, "note": c.note,
            "read": hand.format_value(c.field, o.before if o.applied else c.read), "sha256": c.sha256 or ""}
    if rec is not None and o.status in ("applied", "redundant"):
        keep["sha256"] = rec.source.sha256
    if o.status == "applied":
        return item("correction_applied", rec, **keep, reason=f"已采用（{c.origin}）")
    if o.status == "redundant":
        return item("correction_redundant", rec, **keep, reason="perflib 已自行读出相同数值，此校正可删除")
    now = o.detail or "空值"
    then = hand.format_value(c.field, c.read) or "空值"
    reason = _UNUSED_ZH[o.status].format(now=now, then=then, detail=o.detail)
    return item("correction_unused", rec, **keep, reason=f"{reason}（{c.origin}）")


def _correction_items(rec: Record) -> list[dict]:
    out = []
    for o in rec.correction_outcomes:
        row = outcome_item(o, rec)
        row["file"] = o.correction.file  # as the analyst wrote it
        out.append(row)
    return out


# --- from the batch ---------------------------------------------------------------------------
_CORRECTION_ROWS = {REVIEW_CATEGORY[c] for c in ("correction_applied", "correction_redundant", "correction_unused")}


def failure_items(failures: list[dict]) -> list[dict]:
    """A report that failed (read or render), or a file that is not a department report, with what
    its record seems to miss when it was read (a figure perflib left unread may be why)."""
    out = []
    for f in failures:
        if f.get("stage") == "portfolio":
            continue
        if f.get("kind"):  # (its figures are no department's: no row asks for them)
            out.append(item("not_department", file=f["source"], field="kind", read=f["kind"], reason=_why(f)))
            continue
        out.append(item("report_failed", file=f["source"], reason=_why(f)))
        out += [r for r in f.get("review", ()) if r["category"] not in _CORRECTION_ROWS]  # those: unmatched()
    return out


def twice_items(entries: list, source) -> list[dict]:
    """Two files or more that read as the same department-year (a PDF and the article page that
    announced it, a corrected re-issue): the indexes list each, the totals and comparisons count one
    (perflib.once: the batch's `counted`, decided over all its reports), so the analyst says which one
    stands (or a manifest keeps only that one). Files of the same bytes are one already."""
    groups: dict[tuple, list] = {}
    for e in entries:
        key = once.department_year(e.rows["report"])
        if key is not None:
            groups.setdefault(key, []).append(e)
    out = []
    for (_, dept, year), same in groups.items():
        if len(same) < 2:
            continue
        kept = [o for o in same if o.counted]
        for e in same:
            others = "、".join(below(o.item.path, source) for o in same if o is not e)
            counted = (("本份" if e.counted else "、".join(below(o.item.path, source) for o in kept))
                       + f"（{once.RULE_ZH}）")
            out.append(item("same_year_twice", file=e.item.path, department=dept, year=year,
                            sha256=e.rows["report"].get("sha256", ""),
                            reason=f"与 {others} 读出同一部门年度：索引两份都列出，合计与比较只计入{counted}。"
                                   "请确认以哪份为准，或用清单（manifest）只保留一份。"))
    return out


def copies_items(entries: list, source) -> list[dict]:
    """A file of the same bytes as another (a copy in a second folder): read and counted once, under
    the first one's path and region; each copy is named, so none goes missing unseen."""
    out = []
    for e in entries:
        r = e.rows["report"]
        first = below(e.item.path, source)
        for copy in e.duplicates:
            out.append(item("same_file", file=copy, department=r.get("department") or "", year=r.get("year"),
                            sha256=r.get("sha256", ""),
                            reason=f"与 {first} 字节相同：只读一次、计入一次，页面与地区（{r.get('region') or ''}）"
                                   f"都随 {first}。如这份的位置才对，请删去另一份。"))
    return out


def _why(f: dict) -> str:
    """A failure's reason for the analyst: in Chinese, then perflib's own sentence."""
    return f"{reason_zh(f.get('error'), f.get('exit_code'), f.get('source'))}：{f.get('error') or ''}"


def below(path: str | Path, source: str | Path) -> str:
    """A report's path below the batch folder (or the manifest's folder), as a correction names it;
    its name when it lies elsewhere."""
    root = Path(source) if Path(source).is_dir() else Path(source).parent
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def sources_below(failures, source):
    """A failures frame for a page: each file named below the batch folder, as the review sheet names
    it, never by its absolute path (a page is handed to others; the machine's folders are not theirs)."""
    if source is None or failures is None or not len(failures) or "source" not in failures:
        return failures
    shown = [below(s, source) if isinstance(s, str) else s for s in failures["source"]]
    out = failures.assign(source=shown)
    if "error" in failures:  # perflib's sentence names the file as it was given
        out["error"] = [e.replace(s, n) if isinstance(e, str) and isinstance(s, str) else e
                        for e, s, n in zip(failures["error"], failures["source"], shown)]
    return out


def relative_files(items: list[dict], source: str | Path, paths) -> None:
    """`file` as a correction names it, for the rows holding one of the batch's own `paths`."""
    names = {str(p): below(p, source) for p in paths}
    for row in items:
        row["file"] = names.get(str(row["file"]), row["file"])


def sort_items(items: list[dict]) -> list[dict]:
    """Most important first: missing core figures, failed checks, unused corrections, failures …"""
    def key(row):
        year = row["year"] if isinstance(row["year"], int) else 0
        return (row["priority"], str(row["department"]), year, str(row["file"]),
                FIELD_ORDER.get(row["field"], len(FIELD_ORDER)), str(row["reason"]))
    return sorted(items, key=key)

