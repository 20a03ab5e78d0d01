"""The analyst's loop inside `perflib batch`: which corrections file, which rows name which report,
what the page key and the notebook get, and the review sheet at the end.

    SOURCE/corrections.csv (or --corrections FILE: a CSV, or the filled review.csv / review.xlsx)
      → rows whose name matches several reports: not applied ("ambiguous")
      → the rest go to every reading worker; each applies the rows naming its report (by SHA-256,
        or by name / path below the folder) and says what became of each
      → a page's key holds its applied corrections: a changed correction renders that page again
      → OUTDIR/review.csv + review.xlsx: the records' items, the failures, and the rows that named
        no report ("absent") or a report that failed
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .. import corrections as hand
from ..dataset import sha256_file
from ..errors import UnwritableOutput
from ..labels import REVIEW_FILE
from ..review import below, copies_items, failure_items, outcome_item, relative_files, twice_items

DEFAULT_NAME = "corrections.csv"


def corrections_file(args) -> Path | None:
    """--corrections, else corrections.csv in the source folder (the manifest's folder) when present."""
    given = getattr(args, "corrections", None)
    if given:
        return Path(given)
    src = Path(args.source)
    default = (src if src.is_dir() else src.parent) / DEFAULT_NAME
    return default if default.is_file() else None


def keep_filled_sheets(outdir: Path, args, say) -> None:
    """The review sheets in OUTDIR that an analyst filled in and that this run was not given
    (--corrections), renamed aside before the batch writes new ones: otherwise `make report`, or
    any batch run without the sheet, wrote over every correction typed into it. Each is said."""
    given = corrections_file(args)
    for name in ("review.csv", REVIEW_FILE):
        path = Path(outdir) / name
        if not path.is_file() or (given is not None and given.is_file() and path.samefile(given)):
            continue
        try:
            filled = len(hand.load(path).rows)
        except hand.CorrectionsError:  # a bad row, a damaged file: kept all the same, nothing typed is lost
            filled = None
        if filled == 0:
            continue
        target = path.with_name(f"review-已填-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
        try:
            path.rename(target)
        except OSError as exc:  # Windows: open in Excel
            raise UnwritableOutput(f"{path}: holds corrections not passed back with --corrections, and cannot be "
                                   f"set aside ({exc.strerror or exc}): close it, then run again with "
                                   f"--corrections {path} to apply them") from None
        held = f"{filled} correction(s)" if filled else "corrections perflib cannot read back as they are"
        say(f"{path} holds {held} not passed back with --corrections: kept as {target.name} "
            f"(apply them with --corrections {target})")


def load_for_batch(args, items: list) -> tuple[hand.Corrections, list, list[hand.Outcome]]:
    """The corrections (a bad file or row: CorrectionsError, exit 2, before anything is read), the
    items without the corrections file itself, and the rows not applied because their name fits
    several reports."""
    path = corrections_file(args)
    table = hand.load(path) if path else hand.Corrections()
    if path is not None:
        items = [i for i in items if Path(i.path).resolve() != path.resolve()]
    named = _named_items(table, items)
    ambiguous = [hand.Outcome(c, "ambiguous", ", ".join(below(i.path, args.source) for i in named[id(c)][:3]))
                 for c in table.rows if len(named.get(id(c), ())) > 1]
    taken = {id(o.correction) for o in ambiguous}
    table = replace(table, rows=[c for c in table.rows if id(c) not in taken])
    _refuse_conflicts(table, items, named)
    return table, items, ambiguous


def _named_items(table: hand.Corrections, items: list) -> dict[int, list]:
    """{id of a row that names reports by name or path: the items it names}. Rows and items meet by
    file name first: a province's thousands of items are not each compared with every row."""
    by_name: dict[str, list] = {}
    for i in items:
        by_name.setdefault(hand.name_key(PurePosixPath(Path(i.path).as_posix()).name), []).append(i)
    return {id(c): [i for i in by_name.get(hand.name_key(PurePosixPath(c.file.replace("\\", "/")).name), ())
                    if hand.name_matches(c.file, i.path)]
            for c in table.rows if not c.by_sha}


def _refuse_conflicts(table: hand.Corrections, items: list, named: dict[int, list]) -> None:
    """Rows naming one report in different ways with different values: exit 2 before anything is read,
    as for one name twice (a reading worker would only fail that report). `named`: _named_items. The
    reports' SHA-256 are needed only when some row names a report by it."""
    rows_of: dict[int, list] = {}  # an item → the rows naming it by name or path, in the table's order
    for c in table.rows:
        for i in named.get(id(c), ()):
            rows_of.setdefault(id(i), []).append(c)
    by_sha = [c for c in table.rows if c.by_sha]
    for i in items:
        named_rows = rows_of.get(id(i))
        if not named_rows:
            continue  # (rows by SHA-256 alone are one per figure already: hand.load keeps one)
        sha = ""
        if by_sha or any(c.sha256 for c in named_rows):  # (a row written against other bytes is not in force)
            try:
                sha = sha256_file(i.path)
            except OSError:
                continue  # missing or unreadable: its reader says so
        rows = named_rows + [c for c in by_sha if c.file.lower() == sha]
        if len(rows) > 1:
            hand.refuse_conflicts(rows, sha, Path(i.path).name)


def applied(rows: dict) -> list[dict]:
    """The report's applied corrections, bound to its SHA-256 (a Dask worker sees the file under
    another path): what its page is made from."""
    sha = rows["report"]["sha256"]
    return [{k: v for k, v in d.items() if k != "status"} | {"file": sha}
            for d in rows.get("corrections", ()) if d["status"] == "applied"]


def key_part(corrections: list[dict]) -> list[str]:
    """What the page key adds for its corrections (nothing without any: keys stay as they were)."""
    if not corrections:
        return []
    plain = [{k: d[k] for k in ("field", "value", "note", "read")} for d in corrections]
    return [hashlib.sha256(json.dumps(plain, ensure_ascii=False, sort_keys=True).encode()).hexdigest()]


def _content(d: dict) -> tuple:
    """What a correction row says (not where it stands): the review sheet passed back is written anew
    each run, so the same correction moves to another row, or another file when renamed."""
    return tuple(str(d.get(k) or "") for k in ("file", "field", "value", "note", "read"))


def current_origins(table: hand.Corrections) -> dict[tuple, str]:
    """Each correction's content → the row of this run's file that says it (the first, if twice)."""
    out: dict[tuple, str] = {}
    for c in getattr(table, "rows", ()):
        out.setdefault(_content(c.as_dict()), c.origin)
    return out


def refresh_origins(rows: dict, origins: dict[tuple, str]) -> None:
    """A report read in an earlier run (its rows from the store) names the corrections by the rows
    they stood at then: name this run's rows instead, in its outcomes, its stderr lines and its
    review items (else an applied correction was reported "not applied: no report is that file")."""
    moved = {}  # old origin → this run's, all at once (one rewritten to row 4 is not then taken for row 4)
    for d in rows.get("corrections", ()):
        new, old = origins.get(_content(d)), d.get("origin")
        if new and old and new != old:
            moved[old] = d["origin"] = new
    if not moved:
        return
    rows["correction_problems"] = [_moved_line(p, moved) for p in rows.get("correction_problems", ())]
    # the reason names its row in brackets: "已采用（复核表（终稿）.xlsx row 3）" (an origin may hold brackets)
    named = re.compile("|".join(re.escape(f"（{o}）") for o in sorted(moved, key=len, reverse=True)))
    for item in rows.get("review", ()):
        if isinstance(item.get("reason"), str):
            item["reason"] = named.sub(lambda m: f"（{moved[m[0][1:-1]]}）", item["reason"])


def _moved_line(line: str, moved: dict[str, str]) -> str:
    """A stderr line opens with its row's origin ("fixes.csv row 3: …")."""
    old = max((o for o in moved if line.startswith(o + ":")), key=len, default=None)
    return moved[old] + line[len(old):] if old else line


def problems(rows: dict) -> list[str]:
    """stderr lines for the report's rows that were not applied."""
    return rows.get("correction_problems", [])


def unmatched(table: hand.Corrections, entries: list, failures: list[dict],
              ambiguous: list[hand.Outcome]) -> list[hand.Outcome]:
    """Rows that named no report read in this batch: its report failed, or no report is that file."""
    used = {d["origin"] for e in entries for d in e.rows.get("corrections", ())}
    read_but_failed = {d["origin"]: f for f in failures for d in f.get("corrections", ())}
    out = list(ambiguous)
    for c in table.rows:
        if c.origin in used:
            continue
        failed = read_but_failed.get(c.origin) or next(
            (f for f in failures if not c.by_sha and hand.name_matches(c.file, f["source"])), None)
        out.append(hand.Outcome(c, "report_failed", failed["error"]) if failed else hand.Outcome(c, "absent"))
    return out


def write_sheet(outdir: Path, source, items: list, entries: list, failures: list[dict],
                unused: list[hand.Outcome]) -> list[dict]:
    """OUTDIR/review.csv and review.xlsx (complete or absent) from everything the batch found."""
    from ..present.review_sheet import write_review

    rows = [r for e in entries for r in e.rows.get("review", ())]
    rows += failure_items(failures)
    rows += twice_items(entries, source)
    rows += copies_items(entries, source)
    rows += [outcome_item(o) for o in unused]
    relative_files(rows, source, [i.path for i in items])
    return write_review(outdir, rows)


def summary(sheet: list[dict], entries: list, unused: list[hand.Outcome], outdir: Path) -> str:
    """The batch's second line of output: the review sheet and the corrections."""
    done = sum(d["status"] == "applied" for e in entries for d in e.rows.get("corrections", ()))
    skipped = len(unused) + sum(d["status"] not in ("applied", "redundant")
                                for e in entries for d in e.rows.get("corrections", ()))
    fixes = f"; {done} correction(s) applied" + (f", {skipped} not applied (see stderr)" if skipped else "")
    return f"perflib batch: review sheet {len(sheet)} row(s) → {Path(outdir) / 'review.xlsx'}" + (
        fixes if done or skipped else "")
