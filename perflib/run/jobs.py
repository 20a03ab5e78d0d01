"""What a batch worker receives and returns, and how it runs one: plain picklable values, so the
local process pool (perflib.run.batch) and a Dask cluster (perflib.run.distributed) map the same
`render_job(Job) -> JobResult`."""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..dataset import Item, correction_rows, failure_row, read_rows
from ..labels import page_title, portfolio_title
from . import role
from .fast_imports import skip_iri_grammar
from .outfiles import write_atomic


@dataclass(frozen=True)
class Job:
    source: str  # a report file; for kind="portfolio" the folder or manifest
    outdir: str
    output_name: str
    department: str | None = None
    year: int | None = None
    kind: str = "report"  # "report" | "portfolio"
    key: str = ""  # job_key: stamped into the page, so a page is recognised even without the state file
    dataset: str | None = None  # kind="portfolio": the batch's parsed reports (perflib.store), parsed once
    region: str | None = None  # kind="portfolio": one region's portfolio (None: the whole batch)
    corrections: tuple = ()  # the report's applied hand corrections (rows of perflib.corrections), for its notebook
    by_region: bool = False  # kind="portfolio", the batch's own: the batch is read by region (its title says so)
    back: tuple = ()  # kind="report": (href, label) of the index page it leads back to; () the batch's index.html


@dataclass
class JobResult:
    source: str
    status: str  # "rendered" | "failed"
    output_name: str | None = None
    path: str | None = None  # the page written (on the machine that wrote it)
    html_text: str | None = None  # the page itself, on its way from a Dask worker to the client
    error: str | None = None
    exit_code: int | None = None
    seconds: float = 0.0


def render_job(job: Job) -> JobResult:
    """Render one page (a department-year, or the portfolio); never raises for a bad report."""
    skip_iri_grammar()  # before papermill pulls in nbformat and jsonschema
    from .render import execute, export_html

    start = time.monotonic()
    interruptible(True)
    try:
        if job.kind == "portfolio":
            page_dir = (Path(job.outdir) / job.output_name).parent
            nb = execute_portfolio(Path(job.source), page_dir, job.dataset, job.region)
            title = portfolio_title(job.region, job.by_region)
        else:
            nb = execute(Path(job.source), department=job.department, year=job.year,
                         corrections=list(job.corrections))
            title = page_title(job.department, job.year)
        html = export_html(nb, title, lead=back_link(job.back) if job.kind == "report" else "")
        path = write_atomic(Path(job.outdir) / job.output_name, stamp_key(html, job.key))
        return JobResult(job.source, "rendered", job.output_name, path=str(path), seconds=time.monotonic() - start)
    except Exception as exc:
        f = failure_row(job.source, "render", exc)
        return JobResult(job.source, "failed", job.output_name, error=f["error"], exit_code=f["exit_code"],
                         seconds=time.monotonic() - start)
    finally:
        interruptible(False)


def read_job(item: Item, corrections=None) -> dict:
    """Parse one report in a batch worker: {"rows": …} or {"failure": failure_row}; never raises."""
    try:
        return {"rows": read_rows(item, corrections)}
    except Exception as exc:  # one bad report never stops the batch
        failure = failure_row(item.path, "read", exc)
        if getattr(exc, "record", None) is not None:  # read, but not a report: what it seems to miss
            failure |= correction_rows(exc.record)
        return {"failure": failure}
    finally:
        if role.BATCH_WORKER:
            release_ocr_engine()
            if _OCR_SLOT is not None:
                _OCR_SLOT.release(force=True)


# --- OCR in reading workers: one at a time, the engine let go after each report ---------------
_OCR_SLOT = None  # in a reading worker of a batch: the lock file all its reading workers share


def share_ocr_slot(lock_path: str, wait: float | None = None) -> None:
    """One scan read by OCR at a time among the batch's reading workers.

    A scanned page takes 0.4–0.6 GB while it is read (the engine, the page image and what the
    recogniser makes of it), a text report a fraction of that: two workers reading scans at once
    were the peak of a province's batch.  The engine is fetched as OCR begins
    (perflib.read.ocr.get_engine, which calls the gate set by ocr.gate_ocr), so that is where the
    slot is taken; it is given back when the report is done.  A file lock, so that a worker killed
    for its budget leaves it free; and never waited for more than `wait` seconds (None: as long as
    it takes), so that a slow scan next door cannot make this report miss its own time budget: past
    that, the scan is read beside it."""
    global _OCR_SLOT
    from filelock import FileLock, Timeout

    from ..read import ocr

    _OCR_SLOT = FileLock(lock_path)

    def take_slot() -> None:
        try:
            _OCR_SLOT.acquire(timeout=-1 if wait is None else wait)
        except Timeout:
            pass

    ocr.gate_ocr(take_slot)


def release_ocr_engine() -> bool:
    """Let go of the OCR engine a scanned PDF loaded in this process (True when there was one).

    The engine holds ~300 MB for as long as the process lives; in a province, scans are one report
    in hundreds, so a reading worker that kept it would carry it through thousands of text reports
    (and every worker would: the batch's peak memory).  Loading it again costs about a second per
    scan.  The heap is trimmed too, else glibc keeps the freed pages."""
    from ..read import ocr

    if not ocr.release_engine():
        return False
    gc.collect()
    trim_heap()
    return True


def trim_heap() -> None:
    """Give freed memory back to the system (glibc's malloc_trim; nothing elsewhere)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # musl or another libc: the pages stay, as before
            pass


def execute_portfolio(source: Path, outdir: Path, dataset: str | Path | None = None, region: str | None = None):
    """Run notebooks/portfolio.ipynb for a folder or manifest of reports (in a fresh warm kernel).
    With `dataset` (a batch's perflib.store folder) the notebook reads the reports from it instead
    of parsing every one of them again; with `region`, only that region's.  `outdir`: the folder
    the page goes to (its links are relative to it)."""
    from .render import shared_renderer

    params = {"reports_dir": str(source.resolve()), "outdir": str(outdir.resolve()),
              "dataset": str(Path(dataset).resolve()) if dataset else None, "region": region}
    label = f"{source} ({region} portfolio)" if region else f"{source} (portfolio)"
    return shared_renderer(config.portfolio_notebook(), spare_at_first=False).run(params, label)


# --- worker processes ----------------------------------------------------------------------
def quiet_interrupts() -> None:
    """Ctrl-C must end a batch with one line, not tracebacks.

    A job stopped by Ctrl-C leaves nbclient tasks whose kernel is gone; asyncio would log each as
    a traceback ("Task exception was never retrieved"): the job's own failure says it all. And a
    KeyboardInterrupt that lands inside a finalizer cannot be raised there: Python would print it
    ("Exception ignored in …") and drop it. It is delivered to the main thread again instead, a
    moment later, from another thread: raised now, it would land in this hook and be printed too
    (a no-op once this process ignores Ctrl-C, as an idle worker does). Once a job of this process
    was interrupted, an object Ctrl-C stopped half-made (a kernel manager whose __init__ it cut
    short) cannot finalise either: its __del__'s error is the interrupt's, and is not printed; nor
    is the warning for a coroutine it stopped between its making and its await (nbclient's
    "coroutine 'NotebookClient.async_execute_cell' was never awaited").
    """
    import _thread
    import logging
    import warnings

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    default = sys.unraisablehook
    show = warnings.showwarning

    def showwarning(message, category, *args, **kwargs) -> None:
        if not (_interrupted and issubclass(category, RuntimeWarning) and "was never awaited" in str(message)):
            show(message, category, *args, **kwargs)

    warnings.showwarning = showwarning

    def hook(unraisable) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            again = threading.Timer(0.05, _thread.interrupt_main)
            again.daemon = True  # never keeps a stopping process alive
            again.start()
        elif not (_interrupted and getattr(unraisable.object, "__name__", None) == "__del__"):
            default(unraisable)

    sys.unraisablehook = hook


_stopping = None  # in a pool's worker: the pool's flag, set when the batch stops (stop_jobs_when)
_job = 0  # jobs started in this worker (each interruptible(True) counts one)
_interrupted = 0  # the last of them interrupted


def _interrupt(signum, frame) -> None:
    """A running job's Ctrl-C handler: KeyboardInterrupt, remembering which job it stopped."""
    global _interrupted
    _interrupted = _job
    raise KeyboardInterrupt


def interruptible(on: bool) -> None:
    """Ctrl-C stops a worker's running job (its kernel is shut down, its temp file removed);
    an idle worker ignores it, so the pool winds down without tracebacks. A job that starts once
    its batch is stopping stops at once (see stop_jobs_when)."""
    global _job, _interrupted
    if on:
        _job += 1
        if _stopping is not None and _stopping.value:
            _interrupted = _job
            raise KeyboardInterrupt
    if role.BATCH_WORKER:
        signal.signal(signal.SIGINT, _interrupt if on else signal.SIG_IGN)


def stop_jobs_when(stopping) -> None:
    """In a pool's worker: once `stopping` (a byte in memory shared with the batch) is set, no job
    runs on.

    Ctrl-C reaches a worker only as a signal at one instant: a worker between two jobs then
    ignores it, and goes on to a job the pool had already queued for it, which ran to its end
    (seconds with the portable paths' kernels, up to the pool's STOP_GRACE). So the batch also
    sets this flag as it stops (perflib.run.budget.stop_pool): a job that starts after it stops
    at once (interruptible), and a job running when it is set and not yet stopped by the signal
    is interrupted, once, by this thread. A plain shared byte, looked at 20 times a second, and
    not a multiprocessing Event: no lock that a signal could leave held, and setting it never
    waits for the workers (an Event's set() waits for every waiting worker to wake, forever for
    one killed meanwhile)."""
    global _stopping
    _stopping = stopping

    def watch():
        global _interrupted
        while not stopping.value:
            time.sleep(0.05)
        while True:
            job = _job
            if job != _interrupted and signal.getsignal(signal.SIGINT) is _interrupt:
                _interrupted = job
                _interrupt_main()
            time.sleep(0.05)

    threading.Thread(target=watch, name="perflib-stop", daemon=True).start()


def _interrupt_main() -> None:
    """Ctrl-C to this process's main thread: a real signal where there are per-thread signals, so
    that a wait in a system call (select) ends at once; elsewhere (Windows) Python's simulated one."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
    else:
        import _thread

        _thread.interrupt_main()


def worker_init(parent_pid: int, ocr_slot: str | None = None, ocr_wait: float | None = None) -> None:
    """A batch worker: Ctrl-C for running jobs only, gone with its parent; a reading worker shares
    the batch's OCR slot (`ocr_slot`, a lock file, waited for at most `ocr_wait` s: share_ocr_slot)."""
    role.BATCH_WORKER = True  # (its Renderers then fork every kernel from one template)
    # A forked worker shares the parent's objects (at province scale, a row per report) until it
    # writes to their pages, and the garbage collector's passes write to every object they visit:
    # frozen, they are never visited, so each worker does not end up with a copy of them all.
    gc.freeze()
    quiet_interrupts()
    if ocr_slot:
        share_ocr_slot(ocr_slot, ocr_wait)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    from .platform import parent_watch

    parent_alive = parent_watch(parent_pid)

    def watch_parent():  # a killed batch must not leave workers behind
        while parent_alive():
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


def back_link(back: tuple = ()) -> str:
    """The line a batch's report page opens with: back to the batch's index beside it, or (a batch read
    by region) to its region's index, which names the region."""
    from urllib.parse import quote

    from ..present.html import esc

    href, label = back or ("index.html", "全部部门年度一览")
    return f'<p class="pl-up"><a href="{esc(quote(href))}">← {esc(label)}</a></p>'


def stamp_key(html: str, key: str) -> str:
    """Record in the page which inputs made it (see job_key)."""
    if not key:
        return html
    return html.replace("<head>", f'<head>\n<meta name="perflib-key" content="{key}">', 1)
