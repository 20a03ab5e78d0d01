"""`perflib batch --scheduler tcp://HOST:PORT`: the batch's report pages rendered on a Dask cluster.

Only the executor changes.  The parent (the Dask *client*) still reads every report, decides what to
render (incremental skipping), writes every file (`write_atomic`) and the state; a worker needs no
shared file system with it:

    client: Job → RemoteJob (the source's bytes + its file name) ──submit──▶ worker
    worker: bytes → private temp dir → `render_job` there → HTML text ──────▶ client
    client: check the provenance, write the page atomically, yield a JobResult like the local pool

The portfolio page needs the whole folder, so it is rendered on the client, in one local process,
while the cluster works on the reports.

A worker that dies mid-report is the scheduler's to handle: it gives the report to another worker,
up to `distributed.scheduler.allowed-failures` times (default 3), then fails it with KilledWorker;
that and a lost scheduler become a failed report with a plain reason, so the batch always finishes.

Dask is an optional extra (`pip install perflib[dask]`): this module imports it only when used.
"""
from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__, config
from .budget import BoundedChild, Budget, Exceeded, WorkerPool, stop_pool
from .jobs import Job, JobResult, render_job, worker_init
from ..dataset import sha256_file
from ..errors import PerflibError
from .outfiles import write_atomic

RETRIES = 2  # a task that raises (say, a worker's disk is full) is tried again on any worker
KEY_PREFIX = "perflib-render-"
CONNECT_TIMEOUT = "20s"
_POLL = 0.05  # seconds between looks at the futures when nothing finished


class ClusterUnavailable(PerflibError):
    """Dask is not installed, or the scheduler cannot be reached (exit 2: nothing was rendered)."""

    exit_code = 2


# --- the job, as a worker receives it ------------------------------------------------------
@dataclass(frozen=True)
class RemoteJob:
    job: Job  # as the local pool would get it; job.source is the client's path (named in messages)
    source_name: str  # the file name, kept: it tells the reader the format and the page shows it
    source_bytes: bytes
    budget: Budget | None = None  # enforced on the worker: the render runs in a child process


@dataclass
class RemoteResult:
    result: JobResult  # html_text holds the page (path is None: the worker's copy is gone); the client writes it
    record: dict  # provenance: what the worker rendered, with which perflib and notebook


def remote_job(job: Job, budget: Budget | None = None) -> RemoteJob:
    src = Path(job.source)
    return RemoteJob(job, src.name, src.read_bytes(), budget)


def render_remote(rjob: RemoteJob) -> RemoteResult:
    """Runs on a Dask worker: render one report from its bytes in a private temp dir, return the text.

    Never raises for a bad report (render_job turns that into a failed result)."""
    job = rjob.job
    tmp = Path(tempfile.mkdtemp(prefix="perflib-", dir=_scratch_dir()))
    try:
        (tmp / "in").mkdir()
        source = tmp / "in" / rjob.source_name
        source.write_bytes(rjob.source_bytes)
        res = bounded_render(replace(job, source=str(source), outdir=str(tmp / "out")), rjob.budget)
        if res.status == "rendered":
            res.html_text, res.path = Path(res.path).read_text(encoding="utf-8"), None
        res.source = job.source
        if res.error:  # name the client's file, not the worker's temp copy
            res.error = res.error.replace(str(source), job.source)
        return RemoteResult(res, provenance(rjob.source_bytes))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bounded_render(job: Job, budget: Budget | None) -> JobResult:
    """render_job, in a child process that is killed past the budget (a failed result then). The
    children are kept for the next pages (one per task running at once on this worker)."""
    if budget is None:
        return render_job(job)
    child = _IDLE.take()
    try:
        res = child.call(render_job, job, budget, job.source)
    finally:
        _IDLE.put(child)
    if isinstance(res, Exceeded):
        return JobResult(job.source, "failed", job.output_name, error=res.error, exit_code=2)
    return res


IDLE_SECONDS = 300.0  # a render child idle this long is closed: a worker between batches holds no kernels


class IdleChildren:
    """This process's render children between tasks, each with the time it went idle. A reaper
    thread closes those idle for `idle_seconds`: a Dask worker lives on after a batch, and each
    child holds its kernel template and a warm kernel (a few hundred MB)."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS):
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._idle: list[tuple[float, BoundedChild]] = []
        self._reaper: threading.Thread | None = None

    def take(self) -> BoundedChild:
        """The child idle the shortest time (its kernels the warmest), or a new one."""
        with self._lock:
            return self._idle.pop()[1] if self._idle else BoundedChild()

    def put(self, child: BoundedChild) -> None:
        with self._lock:
            self._idle.append((time.monotonic(), child))
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap_forever, name="perflib-idle-children",
                                                daemon=True)
                self._reaper.start()

    def close_idle(self, older_than: float = 0.0) -> int:
        """Close the children idle for `older_than` seconds or more; how many were closed."""
        now = time.monotonic()
        with self._lock:
            stale = [c for t, c in self._idle if now - t >= older_than]
            self._idle = [(t, c) for t, c in self._idle if now - t < older_than]
        for child in stale:
            child.close()
        return len(stale)

    def _reap_forever(self) -> None:
        while True:
            time.sleep(max(self.idle_seconds / 4, 0.05))
            self.close_idle(self.idle_seconds)


_IDLE = IdleChildren()


def _close_children() -> None:
    _IDLE.close_idle()


atexit.register(_close_children)


def provenance(source_bytes: bytes) -> dict:
    NOTEBOOK = config.notebook()
    return {"sha256": hashlib.sha256(source_bytes).hexdigest(), "perflib": __version__,
            "notebook": sha256_file(NOTEBOOK) if NOTEBOOK.is_file() else "missing",
            "host": socket.gethostname()}


def _scratch_dir() -> str | None:
    """The worker's own scratch space (a dead worker's leftovers are purged by its successor)."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        return None


# --- the client side -----------------------------------------------------------------------
def connect(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable("--scheduler needs Dask: pip install 'perflib[dask]'") from None
    # Worker and scheduler loss are reported per report, in one sentence each: no log lines too.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    _check_address(address)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnavailable(f"{address}: cannot reach the Dask scheduler ({type(exc).__name__}: {exc})") from None


def _check_address(address: str) -> None:
    """One sentence for an address with no port ("foo", "tcp://host"): a Client made with it fails, then spends 40 s
    closing itself as it is collected and prints a traceback (distributed 2024-2025)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        _, port = parse_host_port(parse_address(address)[1])
        if not 0 < port < 65536:
            raise ValueError(f"port {port} out of range")
    except ValueError as exc:
        raise ClusterUnavailable(f"{address}: not a Dask scheduler's address, which is tcp://HOST:PORT ({exc})") from None


def run_on_cluster(todo: list[Job], address: str, retries: int = RETRIES, budget: Budget | None = None):
    """Yield a JobResult per job as it finishes, like batch._run: report pages on the cluster
    (the page already written on this side), the portfolio in a local process."""
    if not todo:
        return
    client = connect(address)
    expected = provenance(b"")
    reports = deque(j for j in todo if j.kind == "report")
    local_jobs = [j for j in todo if j.kind != "report"]
    if budget is not None:  # the portfolio too, in a child process under the budget
        pool = ThreadPoolExecutor(1) if local_jobs else None
        local = [pool.submit(bounded_render, j, budget) for j in local_jobs] if pool else []
    else:
        pool = WorkerPool(1, worker_init, (os.getpid(),)) if local_jobs else None
        local = [pool.submit(render_job, j) for j in local_jobs] if pool else []
    running: dict = {}  # dask future → (Job, sha256 of the bytes sent)
    window, window_at = 0, 0.0
    try:
        while reports or running or local:
            progressed = False
            if reports and time.monotonic() - window_at > 1:  # workers come and go: look again each second
                window, window_at = _window(client), time.monotonic()
            # A bounded window: the sources' bytes go out as workers free up, not all at once.
            while reports and len(running) < window:
                job = reports.popleft()
                try:
                    rjob = remote_job(job, budget)
                except OSError as exc:  # gone or unreadable since it was parsed
                    yield _failed(job, f"{job.source}: cannot read it to send it to the cluster: {exc.strerror or exc}")
                    progressed = True
                    continue
                fut = client.submit(render_remote, rjob, key=f"{KEY_PREFIX}{uuid.uuid4().hex}", pure=False,
                                    retries=retries)
                running[fut] = (job, hashlib.sha256(rjob.source_bytes).hexdigest())
            for fut in [f for f in running if f.done()]:
                job, sha = running.pop(fut)
                yield _collect(fut, job, sha, expected, address)
                progressed = True
            for fut in [f for f in local if f.done()]:
                local.remove(fut)
                yield fut.result()
                progressed = True
            if not progressed:
                if client.status in ("closed", "closing", "failed"):
                    for job in [*reports, *(j for j, _ in running.values())]:
                        yield _failed(job, f"{job.source}: lost the connection to the Dask scheduler at {address}")
                    reports.clear()
                    running.clear()
                time.sleep(_POLL)
    finally:
        # On Ctrl-C (or a lost scheduler): drop what has not finished; nothing half-written remains.
        if running:
            client.cancel(list(running), force=True)
        client.close(timeout=10)
        if isinstance(pool, WorkerPool):
            stop_pool(pool)
        elif pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        _close_children()  # the portfolio's, on this side: the batch is done with it


def _window(client) -> int:
    """Jobs in flight: two per worker thread (one running, one queued), at least 2."""
    try:
        return max(2, 2 * sum(client.nthreads().values()))
    except Exception:  # the scheduler is gone: submit nothing more; the loop notices and fails the rest
        return 0


def _collect(fut, job: Job, sha: str, expected: dict, address: str) -> JobResult:
    """A finished future → a JobResult; the page is written here, atomically, as the local pool would."""
    try:
        remote: RemoteResult = fut.result()
    except Exception as exc:
        return _failed(job, f"{job.source}: {_lost_reason(exc, address)}")
    res, rec = remote.result, remote.record
    if res.status != "rendered":
        return res
    mismatch = [f"{what} {rec[what][:12]} (here {expected[what][:12]})" for what in ("perflib", "notebook")
                if rec[what] != expected[what]]
    if rec["sha256"] != sha:
        mismatch.append("the source's bytes arrived changed")
    if mismatch:  # the page would not be what the incremental key says it is
        return _failed(job, f"{job.source}: not written: worker {rec['host']} has " + ", ".join(mismatch)
                       + "; install the same perflib on every worker")
    path = write_atomic(Path(job.outdir) / job.output_name, res.html_text)
    res.path, res.html_text = str(path), None  # written: the text need not stay in memory
    return res


def _lost_reason(exc: BaseException, address: str) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return "every Dask worker that tried to render it died (KilledWorker); see the workers' logs"
    if isinstance(exc, (OSError, TimeoutError)) or "Cancelled" in name or "CommClosed" in name:
        return f"lost on the cluster: the connection to the Dask scheduler at {address} broke ({name})"
    return f"the Dask task failed: {name}: {exc}"


def _failed(job: Job, error: str) -> JobResult:
    return JobResult(job.source, "failed", job.output_name, error=error, exit_code=1)
