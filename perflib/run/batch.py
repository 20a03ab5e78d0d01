"""`perflib batch`: a whole district in one command.

    discover (folder or manifest) → read every report (parse only, fast) → name outputs
    → render what changed, in a process pool → index.html, reports.csv/.xlsx, checks.csv,
    portfolio.html (from the rows read here, `.perflib-dataset.json`: no report is parsed twice)

A job is a plain function of picklable values (`render_job(Job) -> JobResult`), so another
scheduler (Dask, …) can map it instead of the local pool.  Everything that writes shared files
(state, index, CSV) stays in the parent process.

Bounded: reading and rendering both run in worker processes under a time and memory budget per
report (`--timeout`, `--max-memory`; perflib.run.budget): one past it is killed and listed as failed,
the rest complete.  One batch per OUTDIR at a time (`OUTDIR/.perflib-batch.lock`; perflib.run.lock).

Incremental: `OUTDIR/.perflib-state.json` maps each rendered page to the key it was made from
(source SHA-256 + notebook SHA-256 + perflib version + manifest overrides).  A page is rendered
again only when its key changed or its file is missing.  The state is rewritten (atomically)
after every page, so a killed batch loses at most the pages in flight.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .. import __version__, config
from ..dataset import Item, dataset_json, discover, sha256_file
from .budget import Budget, BoundedPool, Exceeded
from .jobs import Job, JobResult, read_job, render_job, worker_init
from .lock import outdir_lock
from .outfiles import slug, write_atomic
from . import review

STATE_FILE = ".perflib-state.json"
DATASET_FILE = ".perflib-dataset.json"  # the reports as parsed here, for the portfolio notebook
STATE_SCHEMA = 1
PORTFOLIO_HTML = "portfolio.html"
RESERVED_NAMES = {"index", "portfolio"}  # pages of the batch itself: a report may not take their names
# Temp files left by write_atomic when a batch was killed: ".<name>.<8 random chars>.tmp"
_STRAY_TMP = re.compile(r"^\..+\.(?:html|csv|xlsx|json)\.[A-Za-z0-9_]{8}\.tmp$")


# --- state --------------------------------------------------------------------------------
def job_key(source_sha: str, notebook_sha: str, item: Item, corrections: list[dict] = ()) -> str:
    """What a page depends on: the report's bytes, the notebook, perflib, the manifest's overrides,
    its hand corrections."""
    parts = [source_sha, notebook_sha, __version__, item.department or "", str(item.year or "")]
    parts += review.key_part(corrections)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def load_state(outdir: Path) -> dict:
    try:
        state = json.loads((outdir / STATE_FILE).read_text(encoding="utf-8"))
        if state.get("schema") == STATE_SCHEMA and isinstance(state.get("pages"), dict):
            return state
    except (OSError, ValueError, AttributeError):
        pass  # no state, or unreadable: render everything
    return {"schema": STATE_SCHEMA, "pages": {}}


def save_state(outdir: Path, state: dict) -> None:
    write_atomic(outdir / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))


def remove_stray_temps(outdir: Path) -> int:
    """Temp files of a killed run (never complete pages): delete them."""
    n = 0
    for p in outdir.iterdir():
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


def _read_all(items: list[Item], notebook_sha: str, failures: list[dict], say,
              budget: Budget | None = None, jobs: int = 1, corrections=None) -> list[Entry]:
    entries: dict[str, Entry] = {}
    for item, got in zip(items, _parse(items, budget, jobs, corrections)):
        if "failure" in got:
            failures.append(got["failure"])
            say(got["failure"])
            continue
        rows = got["rows"]
        for line in review.problems(rows):
            print(f"perflib: {line}", file=sys.stderr)
        same_bytes = job_key(rows["report"]["sha256"], notebook_sha, item)
        if same_bytes in entries:  # the same bytes twice (a copy in another folder): one page
            entries[same_bytes].duplicates.append(item.path)
            continue
        fixes = review.applied(rows)
        entries[same_bytes] = Entry(item, job_key(rows["report"]["sha256"], notebook_sha, item, fixes), rows,
                                    corrections=fixes)
    return list(entries.values())


def _parse(items: list[Item], budget: Budget | None, jobs: int, corrections=None) -> list[dict]:
    """read_job for every item, in order: in worker processes under the budget (a hostile file
    can neither hang nor blow up this process), or here when there is no budget."""
    read = partial(read_job, corrections=corrections) if corrections else read_job
    if budget is None or not items:
        return [read(item) for item in items]
    pool = BoundedPool(min(jobs, len(items)), budget, worker_init, (os.getpid(),), stage="reading")
    got = {}
    for item, res in pool.map(read, items, source_of=lambda it: it.path):
        if isinstance(res, Exceeded):
            res = {"failure": {"source": item.path, "stage": "read", "exit_code": 2, "error": res.error}}
        got[id(item)] = res
    return [got[id(item)] for item in items]


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


def page_state(e: Entry) -> dict:
    """A page in the state file: where it came from and the hand corrections it was made with."""
    return {"source": e.item.path, "output": e.output_name, "department": e.item.department, "year": e.item.year,
            "corrections": e.corrections}


# --- the command ---------------------------------------------------------------------------
def run_batch(args) -> int:
    started = time.monotonic()
    outdir = Path(args.outdir)
    items = discover(args.source)  # a missing folder / bad manifest: UnreadableInput, exit 2
    # a bad corrections file or row: CorrectionsError, exit 2, before anything is read
    corrections, items, ambiguous = review.load_for_batch(args, items)
    outdir.mkdir(parents=True, exist_ok=True)
    with outdir_lock(outdir, wait=getattr(args, "wait", False), say=lambda m: print(m, file=sys.stderr)):
        return _run_batch(args, items, outdir, started, corrections, ambiguous)


def _run_batch(args, items: list[Item], outdir: Path, started: float, corrections=None, ambiguous=()) -> int:
    NOTEBOOK = config.notebook()
    remove_stray_temps(outdir)
    state = load_state(outdir)
    pages: dict = {} if args.force else state["pages"]
    jobs = max(1, args.jobs or len(os.sched_getaffinity(0)))
    budget = budget_of(args)

    failures: list[dict] = []
    progress = _Progress()
    entries = _read_all(items, sha256_file(NOTEBOOK), failures, progress.fail, budget, jobs, corrections)
    assign_names(entries)

    todo: list[Job] = []
    for e in entries:
        if _reuse(e, outdir, pages, adopt=not args.force):
            e.status = "skipped"
        else:
            r = e.rows["report"]
            todo.append(Job(e.item.path, str(outdir), e.output_name, r["department"], r["year"], key=e.key,
                            corrections=tuple(e.corrections)))
    portfolio_key = _portfolio_key(args.source, entries)
    portfolio_cached = (not args.force and state.get("portfolio") == portfolio_key
                        and (outdir / PORTFOLIO_HTML).is_file())
    if entries and not portfolio_cached:
        # Every report is parsed once, here: the portfolio notebook gets the rows, not the files.
        dataset = write_atomic(outdir / DATASET_FILE, dataset_json([e.rows for e in entries], failures))
        # First, not last: it is the longest job, and at the end it would run alone on one core.
        todo.insert(0, Job(str(args.source), str(outdir), PORTFOLIO_HTML, kind="portfolio", dataset=str(dataset)))

    by_name = {e.output_name: e for e in entries}
    new_state = {"schema": STATE_SCHEMA, "perflib": __version__, "portfolio": state.get("portfolio"),
                 "pages": {e.key: pages[e.key] for e in entries if e.status == "skipped"}}
    portfolio_status = "skipped" if portfolio_cached else ("failed" if entries else "none")
    save_state(outdir, new_state)

    progress.start(len(todo))
    if getattr(args, "scheduler", None):  # the same jobs on a Dask cluster; the results come back here
        from .distributed import run_on_cluster

        results = run_on_cluster(todo, args.scheduler, budget=budget)
    else:
        results = _run(todo, jobs, budget)
    for res in results:
        progress.step()
        if res.output_name == PORTFOLIO_HTML:
            portfolio_status = res.status
            if res.status == "rendered":
                new_state["portfolio"] = portfolio_key
            else:
                failures.append({"source": res.source, "stage": "portfolio", "exit_code": res.exit_code,
                                 "error": res.error})
                progress.fail(failures[-1])
        else:
            e = by_name[res.output_name]
            e.status = res.status
            if res.status == "rendered":
                new_state["pages"][e.key] = page_state(e)
            else:
                failures.append({"source": res.source, "stage": "render", "exit_code": res.exit_code,
                                 "error": res.error})
                progress.fail(failures[-1])
        save_state(outdir, new_state)
    progress.close()
    remove_stray_temps(outdir)  # a render killed for its budget may leave its temp file

    good = [e for e in entries if e.status in ("rendered", "skipped")]
    write_tables(outdir, good, failures, portfolio_status)
    unused = review.unmatched(corrections or review.hand.Corrections(), entries, failures, list(ambiguous))
    for o in unused:
        print(f"perflib: {o.message()}", file=sys.stderr)
    sheet = review.write_sheet(outdir, args.source, items, entries, failures, unused)
    counts = {s: sum(e.status == s for e in entries) for s in ("rendered", "skipped")}
    dup = sum(len(e.duplicates) for e in entries)
    others = sum(bool(f.get("kind")) for f in failures)  # not department reports: listed, not failed
    failures_n = len(failures) - others
    print(f"perflib batch: {counts['rendered']} rendered, {counts['skipped']} skipped, {failures_n} failed"
          + (f", {others} not a department report" if others else "")
          + (f", {dup} duplicate file(s) counted once" if dup else "")
          + f"; portfolio {portfolio_status}; {time.monotonic() - started:.1f} s → {outdir / 'index.html'}")
    print(review.summary(sheet, entries, unused, outdir))
    return 1 if failures_n else 0


def _portfolio_key(source, entries: list[Entry]) -> str:
    nb = config.portfolio_notebook()
    nb_sha = sha256_file(nb) if nb.is_file() else "missing"
    parts = [str(Path(source).resolve()), nb_sha, __version__, *sorted(e.key for e in entries)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


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
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=worker_init,
                               initargs=(os.getpid(),))
    try:
        pending = {pool.submit(render_job, job) for job in todo}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
    finally:
        # On Ctrl-C: drop what has not started; running jobs stop at the signal and clean up.
        pool.shutdown(wait=True, cancel_futures=True)


def failed_result(job: Job, exceeded: Exceeded) -> JobResult:
    return JobResult(job.source, "failed", job.output_name, error=exceeded.error, exit_code=2)


def write_tables(outdir: Path, entries: list[Entry], failures: list[dict], portfolio_status: str) -> None:
    """index.html, reports.csv, reports.xlsx, checks.csv, indicators.csv: from the same frames as `load_folder`."""
    from ..dataset import frames, write_csv, write_reports_xlsx
    from ..present.index_page import build_index

    ds = frames([e.rows for e in entries], failures)
    links = {e.rows["report"]["report_id"]: e.output_name for e in entries}
    ds.reports.insert(len(ds.reports.columns), "output", ds.reports["report_id"].map(links))
    write_csv(outdir / "reports.csv", ds.reports)
    write_reports_xlsx(outdir / "reports.xlsx", ds.reports, ds.indicators)
    write_csv(outdir / "checks.csv", ds.checks)
    write_csv(outdir / "indicators.csv", ds.indicators)
    portfolio = PORTFOLIO_HTML if (outdir / PORTFOLIO_HTML).is_file() and portfolio_status != "failed" else None
    write_atomic(outdir / "index.html", build_index(ds.reports, ds.failures, portfolio=portfolio))


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
        line = (f"perflib: not a department report: {f['error']}" if f.get("kind")
                else f"perflib: {f['error']} (exit {f['exit_code']})")
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
