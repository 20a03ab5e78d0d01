"""`perflib batch`: a whole district — or a province — in one command.

    discover (folder or manifest) → read every report that changed (parse only, fast) → name outputs
    → render what changed, in a process pool → reports.csv/.xlsx/.parquet, checks.csv, indicators.csv,
    index.html and an index per region, portfolio.html (and one per region at province scale), all
    from the rows read here (`.perflib-dataset/`, perflib.store: no report is parsed twice)

A job is a plain function of picklable values (`render_job(Job) -> JobResult`), so another
scheduler (Dask, …) can map it instead of the local pool.  Everything that writes shared files
(state, index, CSV) stays in the parent process.

Bounded: reading and rendering both run in worker processes under a time and memory budget per
report (`--timeout`, `--max-memory`; perflib.run.budget): one past it is killed and listed as failed,
the rest complete.  One batch per OUTDIR at a time (`OUTDIR/.perflib-batch.lock`; perflib.run.lock).

Incremental: `OUTDIR/.perflib-state.jsonl` (perflib.run.state) maps each rendered page to the key
it was made from (source SHA-256 + notebook SHA-256 + perflib version + manifest overrides).  A page
is rendered again only when its key changed or its file is missing; a report is parsed again only
when its key changed (its rows wait in the store); a portfolio or index page is made again only
when what it shows changed.  A line is appended to the state after every page, so a killed batch
loses at most the pages in flight.

Flat in N: each report's task, check, problem and indicator rows go to the store the moment it is
read; the batch keeps one summary row per report, and the dataset files are written from the store
a chunk at a time.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from contextlib import closing
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .. import config, once
from ..dataset import OFFICE_LOCK_PREFIX, REPORT_COLUMNS, REPORT_SUFFIXES, Item, discover, is_perflib_page, place, settle_regions, sha256_file
from ..errors import one_line
from ..present.region_index import REGIONS_DIR, aggregated, portfolio_name, region_dir
from ..read.files import SUPPORTED
from ..regions import UNKNOWN
from ..review import sources_below
from ..store import CHILDREN, STORE_DIR, Spool, batch_rows, cached_rows
from . import state as journal_state
from .budget import Budget, BoundedPool, Exceeded, WorkerPool, stop_pool
from .jobs import Job, JobResult, read_job, render_job, stamp_key, worker_init
from .lock import outdir_lock
from .outfiles import shown_path, slug, storable, usable_outdir, write_atomic
from .platform import usable_cpus
from . import review

STATE_FILE = journal_state.STATE_FILE
DATASET_FILE = STORE_DIR  # the reports as parsed here, for the portfolio notebook (perflib.store)
PORTFOLIO_HTML = "portfolio.html"
RESERVED_NAMES = {"index", "portfolio"}  # pages of the batch itself: a report may not take their names
# Temp files left by write_atomic when a batch was killed: ".<name>.<8 random chars>.tmp"
_STRAY_TMP = re.compile(r"^\..+\.(?:html|csv|xlsx|json|jsonl|parquet)\.[A-Za-z0-9_]{8}\.tmp$")


# --- state --------------------------------------------------------------------------------
def job_key(source_sha: str, notebook_sha: str, item: Item, corrections: list[dict] = ()) -> str:
    """What a page depends on: the report's bytes, the notebook, perflib's code (config.code_sha), the
    manifest's overrides, its hand corrections."""
    parts = [source_sha, notebook_sha, config.code_sha(), item.department or "", str(item.year or "")]
    parts += review.key_part(corrections)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def reader_of(path: str) -> str:
    """The name's part that picks a file's reader: its suffix, any case (.htm and .html alike)."""
    suffix = Path(path).suffix.lower()
    return ".html" if suffix == ".htm" else suffix


def load_state(outdir: Path) -> dict:
    """The pages, portfolios and dataset files the last batch made, and from what (perflib.run.state)."""
    return journal_state.load(outdir)


_LEGACY = (".perflib-state.json", ".perflib-dataset.json")  # what batches before the store and journal kept


def remove_stray_temps(outdir: Path) -> int:
    """Temp files of a killed run (never complete pages): delete them, here and in the region folders;
    and the state and dataset files of an older perflib (this one keeps them otherwise)."""
    for name in _LEGACY:
        (outdir / name).unlink(missing_ok=True)
    n = 0
    folders = [outdir, *(p for p in (outdir / REGIONS_DIR).glob("*") if p.is_dir())]
    for folder in folders:
        for p in folder.iterdir():
            if p.is_file() and _STRAY_TMP.match(p.name):
                p.unlink(missing_ok=True)
                n += 1
    return n


# --- planning ------------------------------------------------------------------------------
@dataclass
class Entry:
    item: Item
    key: str = ""
    rows: dict | None = None
    output_name: str = ""
    status: str = "pending"  # "rendered" | "skipped" | "failed"
    duplicates: list[str] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)  # applied hand corrections (run/review.py)
    read_key: str = ""  # what its rows in the store are kept under (perflib.store)
    counted: bool = True  # the one file of its department-year that totals count (perflib.once)
    back: tuple = ()  # (href, label) of the index page its page leads back to (Job.back)


def assign_names(entries: list[Entry]) -> None:
    """`slug(department, year).html`; two reports of the same department-year (compared the way a
    case-insensitive file system would) both get a short SHA suffix, so neither overwrites the other."""
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        r = e.rows["report"]
        base = slug(r["department"], r["year"])
        groups.setdefault(base.casefold(), []).append(e)
        e.output_name = base
    for group in groups.values():
        for e in group:
            clash = len(group) > 1 or e.output_name.casefold() in RESERVED_NAMES
            suffix = f"_{_identity(e)[:8]}" if clash else ""
            e.output_name = f"{e.output_name}{suffix}.html"


def _identity(e: Entry) -> str:
    """The source's SHA-256, or (when a manifest overrides department/year) a hash of both."""
    sha = e.rows["report"]["sha256"]
    if not (e.item.department or e.item.year):
        return sha
    return hashlib.sha256(f"{sha}\x1f{e.item.department or ''}\x1f{e.item.year or ''}".encode()).hexdigest()


def by_region(entries: list[Entry]) -> bool:
    """Is the batch read by region (an index of regions, portfolios of regions and of each)? One answer
    for its pages, its index and its portfolios (the portfolio notebook asks the same of the same rows:
    perflib.present.province.by_region): past the flat index's size, in more than one region of reports."""
    return aggregated(len(entries), len({e.rows["report"]["region"] for e in entries}))


def lead_back(entries: list[Entry], province: bool) -> None:
    """Where each page leads back to: in a batch read by region (whose index lists regions only), its
    region's index page, named; else the batch's index (the key as before). The link is part of the page,
    so of its key: a batch that grows past one index re-renders its pages."""
    if not province:
        return
    for e in entries:
        region = e.rows["report"]["region"]
        e.back = (f"{region_dir(region)}/index.html", f"{region}：部门年度一览")
        e.key = hashlib.sha256(f"{e.key}\x1f{e.back[0]}".encode("utf-8")).hexdigest()


def _read_all(items: list[Item], notebook_sha: str, failures: list[dict], say,
              budget: Budget | None = None, jobs: int = 1, corrections=None, spool: Spool | None = None,
              force: bool = False) -> list[Entry]:
    """One Entry per distinct file, in the items' order.  A report the store already holds under
    its read key (its bytes, the notebook, perflib, a manifest's overrides, the correction rows
    that name it) is not parsed again, nor a file it knows holds no department report; a parsed
    one's rows go to the store at once, its Entry keeps the report row (and the review's rows)."""
    cached = spool.cached_reports() if spool is not None and not force else {}
    others = spool.cached_others() if spool is not None and not force else {}
    read_keys: dict[int, str] = {}
    failed_before = len(failures)
    first: dict[str, Item] = {}  # same-bytes key → the item that makes the page; later ones are duplicates
    duplicates: dict[str, list[Item]] = {}
    entries: dict[str, Entry] = {}
    to_parse: list[Item] = []
    origins = review.current_origins(corrections)
    for item in items:
        if not storable(item.path):  # its name cannot go into the dataset, the pages or the state
            shown = shown_path(item.path)
            failures.append({"source": shown, "stage": "read", "exit_code": 2, "region": UNKNOWN,
                             "error": f"{shown}: the file name is not UTF-8 (as unzipped from an "
                                      "archive made on Chinese Windows): rename the file or its folder"})
            say(failures[-1])
            continue
        try:
            if not os.path.isfile(item.path):  # a manifest may name a pipe or /dev/zero: its reader says no
                raise OSError(item.path)
            sha = sha256_file(item.path)
        except OSError:
            to_parse.append(item)  # missing or unreadable: the reader says why, in its words
            continue
        same_bytes = job_key(sha, notebook_sha, item)
        if same_bytes in first:  # the same bytes twice (a copy in another folder): one page
            duplicates.setdefault(same_bytes, []).append(item)
            continue
        first[same_bytes] = item
        key = read_keys[id(item)] = job_key(sha, notebook_sha, item, _naming(corrections, item.path, sha))
        if key in others:  # the same bytes held no department report last time either
            was = others[key]
            failures.append(was | {"source": item.path, "region": item.region or UNKNOWN,
                                   "error": was["error"].replace(was["source"], item.path)})
            say(failures[-1])
        elif key in cached:
            rows = cached_rows(cached[key], item.path)
            review.refresh_origins(rows, origins)
            entries[same_bytes] = _entry(item, rows, notebook_sha, key)
            spool.reuse(key)
        else:
            to_parse.append(item)

    def take(parsed) -> None:
        for item, got in parsed:
            if "failure" in got:
                known = got["failure"]["exit_code"] == 3 and read_keys.get(id(item))  # no report in it: remembered
                failures.append(got["failure"] | {"region": item.region or UNKNOWN, "entry_key": known or None})
                say(got["failure"])
                continue
            rows = got["rows"]
            same_bytes = job_key(rows["report"]["sha256"], notebook_sha, item)
            if same_bytes in entries:  # a copy read apart, or changed between hashing and reading: the first's
                duplicates.setdefault(same_bytes, []).append(item)
                continue
            key = read_keys.get(id(item)) or same_bytes
            if spool is not None:
                spool.add(key, rows)
            entries[same_bytes] = _entry(item, {k: v for k, v in rows.items() if k not in CHILDREN}, notebook_sha, key)

    # Closed here, not whenever it is collected: on Ctrl-C its workers are stopped before this returns.
    with closing(_parse(to_parse, budget, jobs, corrections)) as parsed:
        take(parsed)
    # The same bad bytes in several files (empty downloads, say): every one is listed, not one for all; a copy
    # under another suffix is read its own way (a.pdf beside a.txt: a PDF maybe, where the text was binary).
    copies = {item.path: key for key, item in first.items() if key in duplicates}
    apart: list[Item] = []
    for f in failures[failed_before:]:
        key = copies.get(f["source"])
        for copy in list(duplicates.get(key, ())):
            if reader_of(copy.path) != reader_of(f["source"]):
                apart.append(copy)
                duplicates[key].remove(copy)  # (no copy of the failed one: a file of its own, stored as read its way,
                read_keys[id(copy)] = hashlib.sha256(f"{key}\x1f{reader_of(copy.path)}".encode()).hexdigest()
                continue  # never as what the failed one's bytes hold)
            failures.append(f | {"source": copy.path, "error": f["error"].replace(f["source"], copy.path),
                                 "entry_key": None, "region": copy.region or UNKNOWN})
            say(failures[-1])
    if apart:
        with closing(_parse(apart, budget, jobs, corrections)) as parsed:
            take(parsed)
    order = {id(item): n for n, item in enumerate(items)}
    out = sorted(entries.values(), key=lambda e: order[id(e.item)])
    for e in out:
        e.duplicates = [d.path for d in duplicates.get(job_key(e.rows["report"]["sha256"], notebook_sha, e.item), [])]
        e.rows["report"].update(place(e.rows["report"]["department"], e.item.region))  # folders may have moved
        for line in review.problems(e.rows):
            print(f"perflib: {line}", file=sys.stderr)
    return out


def _entry(item: Item, rows: dict, notebook_sha: str, read_key: str) -> Entry:
    """An Entry; its page's key holds the corrections applied to it (run/review.py)."""
    fixes = review.applied(rows)
    return Entry(item, job_key(rows["report"]["sha256"], notebook_sha, item, fixes), rows, corrections=fixes,
                 read_key=read_key)


def _naming(corrections, path: str, sha: str) -> list[dict]:
    """The correction rows that may name this file (by its SHA-256 or by name): what its rows depend on."""
    return [c.as_dict() for c in getattr(corrections, "rows", ()) if c.matches(path, sha)]


def _parse(items: list[Item], budget: Budget | None, jobs: int, corrections=None):
    """(item, read_job(item)) for every item, as each is read: in worker processes under the budget
    (a hostile file can neither hang nor blow up this process), or here when there is no budget."""
    read = partial(read_job, corrections=corrections) if corrections else read_job
    if budget is None or not items:
        for item in items:
            yield item, read(item)
        return
    workers = min(jobs, len(items))
    # one scan read by OCR at a time (jobs.share_ocr_slot), waited for within half a report's time budget
    slot = Path(tempfile.mkdtemp(prefix="perflib-ocr-")) if workers > 1 else None
    wait = budget.seconds / 2 if budget.seconds else None
    pool = BoundedPool(workers, budget, worker_init, (os.getpid(), str(slot / "ocr.lock") if slot else None, wait),
                       stage="reading")
    try:
        for item, res in pool.map(read, items, source_of=lambda it: it.path):
            if isinstance(res, Exceeded):
                res = {"failure": {"source": item.path, "stage": "read", "exit_code": 2, "error": res.error}}
            yield item, res
    finally:
        if slot is not None:
            shutil.rmtree(slot, ignore_errors=True)


def budget_of(args) -> Budget | None:
    """The per-report budget the command line asked for (None: run as a library call, unbounded)."""
    if not hasattr(args, "timeout") and not hasattr(args, "max_memory"):
        return None
    return Budget(seconds=getattr(args, "timeout", None) or None, memory_mb=getattr(args, "max_memory", None) or None)


def has_key(page: Path, key: str) -> bool:
    """Was this page made from exactly these inputs? (Its head says so.)"""
    try:
        with page.open(encoding="utf-8", errors="replace") as fh:
            return f'<meta name="perflib-key" content="{key}">' in fh.read(4096)
    except OSError:
        return False


def _reuse(entry: Entry, outdir: Path, pages: dict, adopt: bool = True) -> bool:
    """True when the page for this key exists (renamed if its name changed).

    A page written just before a batch was killed is in no state file yet; its
    stamped key still proves it current (`adopt`), so it is not rendered again.
    """
    old = pages.get(entry.key)
    if old is None:
        if adopt and has_key(outdir / entry.output_name, entry.key):
            pages[entry.key] = page_state(entry)
            return True
        return False
    target = outdir / entry.output_name
    if old["output"] != entry.output_name:
        source = outdir / old["output"]
        if not source.is_file():
            return False
        os.replace(source, target)  # a rename is atomic: the page is complete under one name or the other
        old["output"] = entry.output_name
    return target.is_file()


def nothing_to_read(source: Path) -> str:
    """Why a folder or manifest gave no report: what it holds instead."""
    if not source.is_dir():
        return "the manifest lists no report"
    files = [p for p in source.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)]
    if any(p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(OFFICE_LOCK_PREFIX) for p in files):
        held = "its pages and workbooks are perflib's own output"
    elif files:
        kinds = sorted({"~$ (an open document's owner)" if p.name.startswith(OFFICE_LOCK_PREFIX)
                        else p.suffix.lower() or "(no suffix)" for p in files})
        held = f"it holds only {', '.join(kinds[:8])}{' …' if len(kinds) > 8 else ''} files"
    else:
        held = "it is empty"
    looked = ", ".join(sorted({".html" if s == ".htm" else s for s in SUPPORTED}))
    return f"no report file found ({held}; reports are {looked})"


def page_state(e: Entry) -> dict:
    """A page in the state file: where it came from and the hand corrections it was made with."""
    return {"source": e.item.path, "output": e.output_name, "department": e.item.department, "year": e.item.year,
            "corrections": e.corrections}


# --- the command ---------------------------------------------------------------------------
def run_batch(args) -> int:
    started = time.monotonic()
    outdir = Path(args.outdir)
    items = discover(args.source, exclude=args.outdir)  # a missing folder / bad manifest: UnreadableInput, exit 2
    if not items:  # (a mistyped or wrong folder: the index would be empty with no word why)
        print(f"perflib: {args.source}: {nothing_to_read(Path(args.source))}", file=sys.stderr)
    # a bad corrections file or row: CorrectionsError, exit 2, before anything is read
    corrections, items, ambiguous = review.load_for_batch(args, items)
    usable_outdir(outdir)  # a file in the way: one sentence, exit 2
    with outdir_lock(outdir, wait=getattr(args, "wait", False), say=lambda m: print(m, file=sys.stderr)):
        review.keep_filled_sheets(outdir, args, say=lambda m: print(f"perflib: {m}", file=sys.stderr))
        return _run_batch(args, items, outdir, started, corrections, ambiguous)


def _run_batch(args, items: list[Item], outdir: Path, started: float, corrections=None, ambiguous=()) -> int:
    NOTEBOOK = config.notebook()
    remove_stray_temps(outdir)
    state = load_state(outdir)
    pages: dict = {} if args.force else state["pages"]
    jobs = max(1, args.jobs or usable_cpus())
    budget = budget_of(args)
    with_pages = not getattr(args, "no_pages", False)

    failures: list[dict] = []
    progress = _Progress()
    spool = Spool(outdir)
    try:
        entries = _read_all(items, sha256_file(NOTEBOOK), failures, progress.fail, budget, jobs, corrections,
                            spool, args.force)
        assign_names(entries)
        settle_regions([e.rows["report"] for e in entries], failures)
        # decided once, over every report read: the index, the dataset, the review sheet and the
        # portfolios (which recount the same rows from the store) all name the same file
        for e, counts in zip(entries, once.counted_mask([e.rows["report"] for e in entries])):
            e.counted = counts
        province = by_region(entries)
        lead_back(entries, province)
        todo: list[Job] = []
        for e in entries:
            if _reuse(e, outdir, pages, adopt=not args.force):
                e.status = "skipped"
            elif with_pages:
                r = e.rows["report"]
                todo.append(Job(e.item.path, str(outdir), e.output_name, r["department"], r["year"], key=e.key,
                                corrections=tuple(e.corrections), back=e.back))
            else:
                e.status = "unrendered"  # --no-pages: in the dataset and the indexes, without a page
        # Every report is parsed once, here: the portfolio notebooks get the rows, not the files.
        store = spool.commit([_store_row(e) for e in entries], failures)
    except BaseException:
        spool.abandon()
        raise

    portfolios = _portfolio_jobs(args.source, entries, failures, outdir, store, province)
    cached = {name for name, (job, key) in portfolios.items()
              if not args.force and state["portfolios"].get(name) == key and (outdir / name).is_file()}
    # First, not last: they are the longest jobs, and at the end they would run alone on one core.
    todo[:0] = [job for name, (job, key) in portfolios.items() if name not in cached]

    by_name = {e.output_name: e for e in entries}
    journal = journal_state.Journal(outdir, {
        **journal_state.empty(), "tables": state["tables"],
        "portfolios": {name: state["portfolios"][name] for name in cached},
        "pages": {e.key: pages[e.key] for e in entries if e.status == "skipped"}})
    portfolio_status = {name: "skipped" if name in cached else "failed" for name in portfolios}

    progress.start(len(todo))
    if getattr(args, "scheduler", None):  # the same jobs on a Dask cluster; the results come back here
        from .distributed import run_on_cluster

        results = run_on_cluster(todo, args.scheduler, budget=budget)
    else:
        if todo:
            _prepare_render_workers()
        results = _run(todo, jobs, budget)
    with closing(results):  # on Ctrl-C, its workers are stopped before the interrupt goes on
        for n, res in enumerate(results):
            if n == 0:  # the workers are started: while they render, this process readies write_tables
                _load_table_writers()
            progress.step()
            if res.output_name in portfolios:
                job, key = portfolios[res.output_name]
                portfolio_status[res.output_name] = res.status
                if res.status == "rendered":
                    journal.portfolio(res.output_name, key)
                else:
                    failures.append({"source": res.source, "stage": "portfolio", "exit_code": res.exit_code,
                                     "error": res.error, "region": job.region})
                    progress.fail(failures[-1])
            else:
                e = by_name[res.output_name]
                e.status = res.status
                if res.status == "rendered":
                    journal.page(e.key, page_state(e))
                else:
                    failures.append({"source": res.source, "stage": "render", "exit_code": res.exit_code,
                                     "error": res.error, "region": e.rows["report"]["region"]})
                    progress.fail(failures[-1])
    progress.close()
    remove_stray_temps(outdir)  # a render killed for its budget may leave its temp file

    # a report whose page failed was read all the same: its figures stay in the dataset and the
    # indexes (the portfolios, rendered meanwhile, count it too), its failure is listed
    good = [e for e in entries if e.status in ("rendered", "skipped", "unrendered", "failed")]
    shown = {name for name, status in portfolio_status.items() if status != "failed"}
    write_tables(outdir, good, failures, shown, journal, province, source=args.source)
    journal.close()
    remove_stale_pages(outdir, state["pages"], entries)
    unused = review.unmatched(corrections or review.hand.Corrections(), entries, failures, list(ambiguous))
    for o in unused:
        print(f"perflib: {o.message()}", file=sys.stderr)
    sheet = review.write_sheet(outdir, args.source, items, entries, failures, unused)
    counts = {s: sum(e.status == s for e in entries) for s in ("rendered", "skipped", "unrendered")}
    dup = sum(len(e.duplicates) for e in entries)
    others = sum(bool(f.get("kind")) for f in failures)  # not department reports: listed, not failed
    pages_failed = sum(f["stage"] == "portfolio" for f in failures)  # (said after "portfolio")
    failures_n = len(failures) - others - pages_failed
    regional = [status for name, status in portfolio_status.items() if name != PORTFOLIO_HTML]
    print(f"perflib batch: {counts['rendered']} rendered, {counts['skipped']} skipped, {failures_n} failed"
          + (f", {counts['unrendered']} without a page (--no-pages)" if counts["unrendered"] else "")
          + (f", {others} not a department report" if others else "")
          + (f", {dup} duplicate file(s) counted once" if dup else "")
          + f"; portfolio {portfolio_status.get(PORTFOLIO_HTML, 'none')}"
          + (f" and {len(regional)} region portfolios ({regional.count('rendered')} rendered)" if regional else "")
          + f"; {time.monotonic() - started:.1f} s → {outdir / 'index.html'}")
    print(review.summary(sheet, entries, unused, outdir))
    return 1 if failures_n or pages_failed else 0


def _prepare_render_workers() -> None:
    """Import and load, once, here, what every render worker would before its first page (papermill
    through perflib's engine, nbconvert's exporter and its templates, the page font, which this
    process loads for its index pages anyway): forked after this, the workers inherit it, where each
    did it itself (~0.3 CPU-s a worker, and the font's ~0.08 twice over). This process is idle
    meanwhile (reading is over), and its main thread is the only one importing: a fork leaves no
    import half-done. Nothing is done where workers are not forked (spawn: each is a fresh Python)."""
    from .platform import can_fork
    from .render import prepare_parent

    if can_fork():
        prepare_parent()


def _load_table_writers() -> None:
    """Import and load what write_tables needs (openpyxl, the page font) now, while the workers
    render and this process only waits, rather than after the last page with every other core idle
    (~0.5 s). Not before the workers are forked: they need neither, and a fork during another
    thread's import could leave that import half-done in the child."""
    import openpyxl  # noqa: F401

    from ..present.webfont import prepare

    prepare()


def _store_row(e: Entry) -> dict:
    """An entry's report row as the store keeps it: with its read key, its page's name and the
    review's rows (the review sheet of a later batch needs them too)."""
    return e.rows["report"] | {"output": _page(e), "entry_key": e.read_key, "batch_rows": batch_rows(e.rows)}


def _page(e: Entry) -> str | None:
    """The name of the entry's page, when it has one or is about to (not with --no-pages)."""
    return e.output_name if e.status in ("skipped", "pending", "rendered") else None


def _portfolio_jobs(source, entries: list[Entry], failures: list[dict], outdir: Path, store: Path,
                    province: bool) -> dict:
    """{page name: (Job, key)}: portfolio.html, and one per region when the batch reads by region.
    A portfolio's key is what it shows: the notebook, perflib, its reports (key, region, sector,
    page) and read failures; it is rendered again only when that changed."""
    if not entries:
        return {}
    nb = config.portfolio_notebook()
    nb_sha = sha256_file(nb) if nb.is_file() else "missing"

    def key(region, mine, fails):
        parts = [str(Path(source).resolve()), nb_sha, config.code_sha(), region or "",
                 *sorted("\x1e".join([e.rows["report"]["region"], e.rows["report"]["sector"], e.key, _page(e) or ""])
                         for e in mine),
                 *sorted(f"{f['source']}\x1e{f['error']}\x1e{f.get('region')}" for f in fails)]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    regions: dict[str, list[Entry]] = {}
    for e in entries:
        regions.setdefault(e.rows["report"]["region"], []).append(e)

    def job(name, region):
        return Job(str(source), str(outdir), name, kind="portfolio", dataset=str(store), region=region,
                   by_region=province and region is None)

    out = {PORTFOLIO_HTML: (job(PORTFOLIO_HTML, None), key(None, entries, failures))}
    if province:
        for region, mine in sorted(regions.items()):
            name = portfolio_name(region)
            out[name] = (job(name, region), key(region, mine, [f for f in failures if f.get("region") == region]))
    return out


def _run(todo: list[Job], jobs: int, budget: Budget | None = None):
    """Yield results as jobs finish: in worker processes under the budget; without one, in this
    process for one job at a time, else in a process pool."""
    if not todo:
        return
    if budget is not None:
        pool = BoundedPool(min(jobs, len(todo)), budget, worker_init, (os.getpid(),), stage="rendering")
        for job, res in pool.map(render_job, todo, source_of=lambda j: j.source):
            yield failed_result(job, res) if isinstance(res, Exceeded) else res
        return
    if jobs == 1 or len(todo) == 1:
        for job in todo:
            yield render_job(job)
        return
    pool = WorkerPool(min(jobs, len(todo)), worker_init, (os.getpid(),))
    try:
        pending = {pool.submit(render_job, job) for job in todo}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
    finally:
        # On Ctrl-C: drop what has not started; running jobs stop at the signal and clean up.
        stop_pool(pool)


def failed_result(job: Job, exceeded: Exceeded) -> JobResult:
    return JobResult(job.source, "failed", job.output_name, error=exceeded.error, exit_code=2)


def write_tables(outdir: Path, entries: list[Entry], failures: list[dict], portfolios: set[str] = frozenset(),
                 journal: journal_state.Journal | None = None, province: bool | None = None,
                 source: str | None = None) -> None:
    """reports.csv/.xlsx/.parquet, checks.csv, indicators.csv (the reports of `entries`, their rows
    streamed from the store) and the index pages (perflib.present.region_index), each written only
    when what it holds changed.  `portfolios`: the portfolio pages there are to link to."""
    import pandas as pd

    from ..dataset import FAILURE_COLUMNS, by_dept, typed_frame
    from ..present.region_index import index_pages
    from ..store import DATASET_FILES, write_dataset_files

    # counted: the one file of each department-year the totals hold (perflib.once), for whoever sums the table
    rows = [e.rows["report"] | {"counted": e.counted, "output": _page(e), "page_failed": e.status == "failed"}
            for e in entries]
    listed = typed_frame(pd.DataFrame(rows, columns=[*REPORT_COLUMNS, "counted", "output", "page_failed"]), by_dept)
    reports = listed.drop(columns="page_failed")  # (the index's to say, not the dataset's)
    fails = typed_frame(pd.DataFrame(failures, columns=FAILURE_COLUMNS), ["source"])
    key = hashlib.sha256(json.dumps([config.code_sha(), sorted([e.key, r["region"], r["sector"], r["output"]]
                                                         for e, r in zip(entries, rows)), failures],
                                    ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    if (journal is None or journal.state["tables"] != key
            or not all((outdir / name).is_file() for name in DATASET_FILES)):
        write_dataset_files(outdir, reports, {e.key for e in entries})
        if journal is not None:
            journal.tables(key)
    portfolio = PORTFOLIO_HTML if PORTFOLIO_HTML in portfolios else None
    written = index_pages(listed, sources_below(fails, source), portfolio, portfolios, by_region=province)
    for name, html in written.items():
        write_page(outdir / name, html)
    remove_stale_region_pages(outdir, set(written) | set(portfolios))


def write_page(path: Path, html: str) -> bool:
    """An index page, its font cut from it, unless the page there was made from this very HTML."""
    from ..present.html import FONT_SLOT
    from ..present.webfont import fill_font_slot

    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    if has_key(path, key):
        return False
    write_atomic(path, fill_font_slot(stamp_key(html, key), FONT_SLOT))
    return True


def remove_stale_pages(outdir: Path, before: dict, entries: list[Entry]) -> None:
    """The report pages the last batch here made that no report of this one is (a department or year
    corrected, withdrawn, a report gone), and the old page of a report whose render failed now, made
    from other inputs (one made from these, as --force renders again, stays): linked from nowhere,
    they would still be mailed out. Only a page perflib made (its head names perflib)."""
    current = set()  # the files this batch's pages are (on macOS and Windows 2021_ABC.html is 2021_abc.html)
    stale = {p.get("output") for p in before.values()}
    for e in entries:
        page = outdir / e.output_name
        if e.status != "failed" or has_key(page, e.key):
            current |= _file_id(page)
        else:
            stale.add(e.output_name)
    for name in stale:
        path = outdir / name if name and "/" not in name and "\\" not in name else None
        if path is not None and path.is_file() and not (_file_id(path) & current) and is_perflib_page(path):
            path.unlink(missing_ok=True)


def _file_id(path: Path) -> set[tuple[int, int]]:
    try:
        st = path.stat()
    except OSError:
        return set()
    return {(st.st_dev, st.st_ino)}


def remove_stale_region_pages(outdir: Path, current: set[str]) -> None:
    """Region pages of regions (or page counts) this batch no longer has."""
    for page in (outdir / REGIONS_DIR).glob("*/*.html"):
        if page.relative_to(outdir).as_posix() not in current and re.fullmatch(r"index(-\d+)?|portfolio", page.stem):
            page.unlink(missing_ok=True)
            if not any(page.parent.iterdir()):
                page.parent.rmdir()


class _Progress:
    """A tqdm bar on a terminal only; failures always go to stderr as one plain line."""

    def __init__(self):
        self.bar = None

    def start(self, total: int) -> None:
        if sys.stderr.isatty() and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="页", desc="生成", file=sys.stderr, dynamic_ncols=True)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def fail(self, f: dict) -> None:
        if f.get("kind"):
            line = f"perflib: not a department report: {f['error']}"
        elif f.get("stage") == "portfolio":  # (its source is the batch's: say which page did not come)
            region = f.get("region") if f.get("region") not in (None, "", UNKNOWN) else None
            line = f"perflib: the comparison page{f' of {region}' if region else ''} was not made: {f['error']} (exit {f['exit_code']})"
        else:
            line = f"perflib: {f['error']} (exit {f['exit_code']})"
        line = one_line(line)
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
