"""A time and memory budget per report: jobs run where they can be stopped.

`BoundedPool` is a process pool whose every task has a deadline and a memory ceiling. Each worker
says which task it starts (a queue); the parent, between results, measures the resident memory of
each busy worker's whole process tree (the worker, its kernels: psutil) and its task's age. A task
past either is killed with its worker, and reported as `Exceeded` with the reason; the pool, broken
by that, is made anew and the tasks that were running beside it are submitted again, so every
other report still completes.

`BoundedChild` runs calls one after another in a child Python process kept between them, each
under the same budget (the Dask worker's way: its task body cannot fork a pool).
"""
from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..labels import over_memory_zh, over_time_zh
from .platform import child_trees, ctrl_c_held, ctrl_c_released, kill_tree, pool_context, process_tree, tree_rss

DEFAULT_TIMEOUT = 300  # seconds, per report and stage (reading; rendering)
DEFAULT_MAX_MEMORY = 2048  # MB, a worker's whole process tree
POLL = 0.2  # seconds between looks at the running tasks
MAX_RESTARTS = 2  # a task whose worker died under it (not killed by us) is tried this many times more
MAX_RESUBMITS = 20  # and any task, however often a pool broke beside it (a safety net)
WINDOWS_MAX_WORKERS = 61  # (concurrent.futures.process._MAX_WINDOWS_WORKERS)
STOP_GRACE = 10.0  # seconds a stopping pool's workers get to finish and exit before they are killed


@dataclass(frozen=True)
class Budget:
    seconds: float | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MAX_MEMORY

    def reason(self, source: str, what: str, stage: str) -> str:
        """One sentence, Chinese and English: what was exceeded."""
        if what == "time":
            n = f"{self.seconds:g}"
            return f"{source}: {over_time_zh(self.seconds)} / exceeded {n} s while {stage} (--timeout)"
        return f"{source}: {over_memory_zh(self.memory_mb)} / exceeded {self.memory_mb} MB of memory while {stage} (--max-memory)"


@dataclass
class Exceeded:
    """A task that was killed: `what` is "time", "memory" or "died"; `error` the sentence."""
    what: str
    error: str


def _over(budget: Budget, started: float, tree) -> str | None:
    """"time" or "memory" when the task started at `started`, running in the processes `tree`, is past its budget."""
    if budget.seconds and time.monotonic() - started > budget.seconds:
        return "time"
    if budget.memory_mb and tree_rss(tree) > budget.memory_mb * 1024 * 1024:
        return "memory"
    return None


# --- the pool ------------------------------------------------------------------------------------
_STARTED = None  # in a worker: the queue it announces its tasks on


class WorkerPool(ProcessPoolExecutor):
    """perflib's process pool (fork on Linux, spawn elsewhere: perflib.run.platform) whose jobs
    stop_pool can stop: its workers watch its `stopping` flag (perflib.run.jobs.stop_jobs_when).
    `announce`: a queue each worker says on which task it starts (BoundedPool's)."""

    def __init__(self, workers: int, initializer=None, initargs=(), announce=None):
        workers = pool_size(workers)
        ctx = pool_context()
        self.stopping = ctx.RawValue("b", 0)  # set to 1 by stop_pool
        super().__init__(workers, mp_context=ctx, initializer=_worker_init,
                         initargs=(announce, self.stopping, initializer, initargs))

    def _spawn_process(self):  # each worker starts with Ctrl-C held, until it ignores it (_worker_init)
        with ctrl_c_held():
            super()._spawn_process()


def pool_size(workers: int, platform: str = sys.platform) -> int:
    """Workers a pool may have: -j defaults to every core, and Windows waits on at most 63 handles
    (ProcessPoolExecutor refuses more than 61 workers there)."""
    return min(workers, WINDOWS_MAX_WORKERS) if platform == "win32" else workers


def _worker_init(started_queue, stopping, initializer, initargs) -> None:
    from .jobs import stop_jobs_when

    global _STARTED
    _STARTED = started_queue
    if initializer is not None:
        initializer(*initargs)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an idle worker ignores Ctrl-C (jobs.interruptible)
    ctrl_c_released()  # a Ctrl-C that came while it started is dropped so
    stop_jobs_when(stopping)


def _call(task_id: int, fn, arg):
    from .jobs import interruptible

    _STARTED.put((task_id, os.getpid(), time.monotonic()))  # CLOCK_MONOTONIC is system-wide
    interruptible(True)  # Ctrl-C stops a running task; an idle worker ignores it
    try:
        return fn(arg)
    finally:
        interruptible(False)


class BoundedPool:
    """A ProcessPoolExecutor that kills (and replaces) a worker whose task runs past the budget."""

    def __init__(self, workers: int, budget: Budget, initializer=None, initargs=(), stage: str = "rendering"):
        self.workers = workers
        self.budget = budget
        self.initializer, self.initargs = initializer, initargs
        self.stage = stage
        self._pool = None
        self._queue = None

    def _start(self) -> None:
        self._queue = pool_context().Queue()  # fork on Linux, spawn elsewhere (perflib.run.platform)
        self._pool = WorkerPool(self.workers, self.initializer, self.initargs, announce=self._queue)

    def _stop(self, wait_: bool = True) -> None:
        if self._pool is not None:
            if wait_:
                stop_pool(self._pool)
            else:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._queue.close()
            self._pool = self._queue = None

    def _worker_pids(self) -> list[int]:
        return list((getattr(self._pool, "_processes", None) or {}).keys())

    def map(self, fn, args: list, source_of=str):
        """Yield (arg, result or Exceeded) as tasks finish, in any order."""
        todo = deque(enumerate(args))
        restarts: dict[int, list[int]] = {}
        try:
            while todo:
                yield from self._round(fn, todo, restarts, args, source_of)
        finally:
            self._stop()  # on Ctrl-C: drop what has not started; running tasks stop at the signal

    def _round(self, fn, todo: deque, restarts: dict, args: list, source_of):
        """Submit everything to a (new) pool and collect until it is done or broken."""
        if self._pool is None:
            self._start()
        futures = {}
        while todo:
            task_id, arg = todo.popleft()
            futures[self._pool.submit(_call, task_id, fn, arg)] = task_id
        running: dict[int, tuple[int, float]] = {}  # task → (worker pid, started)
        killed: dict[int, str] = {}  # task → "time" | "memory"
        broken = False
        while futures:
            done, _ = wait(futures, timeout=POLL, return_when=FIRST_COMPLETED)
            if done:
                self._drain(running)  # who had started, for a pool that broke
            for fut in done:
                task_id = futures.pop(fut)
                started = running.pop(task_id, None) is not None
                try:
                    yield args[task_id], fut.result()
                except BrokenProcessPool:
                    broken = True
                    if task_id in killed:
                        yield args[task_id], Exceeded(killed[task_id], self.budget.reason(
                            source_of(args[task_id]), killed[task_id], self.stage))
                        continue
                    # Beside a task we killed, or not started yet: not its fault, run it again. A
                    # worker that died by itself may have died of this task: only a few more tries.
                    tries = restarts.setdefault(task_id, [0, 0])  # [died under it, resubmitted]
                    tries[0] += started and not killed
                    tries[1] += 1
                    if tries[0] <= MAX_RESTARTS and tries[1] <= MAX_RESUBMITS:
                        todo.append((task_id, args[task_id]))
                    else:
                        yield args[task_id], Exceeded("died", f"{source_of(args[task_id])}: the worker "
                                                      f"process died while {self.stage} it (killed by the system?)")
            if broken or not futures:
                continue
            self._drain(running)
            pending = set(futures.values())
            for task_id in [t for t in running if t not in pending]:  # announced after it finished
                del running[task_id]
            if running:
                trees = child_trees([pid for pid, _ in running.values()])
                for task_id, (pid, started) in running.items():
                    what = _over(self.budget, started, trees[pid])
                    if what and task_id not in killed:
                        killed[task_id] = what
                if killed.keys() & running.keys():
                    # Every worker's tree goes (kernels too): the pool is broken by this anyway, and a
                    # worker it terminates would leave its kernels behind.
                    kill_tree([p for tree in child_trees(self._worker_pids()).values() for p in tree])
        if broken:
            self._stop(wait_=False)

    def _drain(self, running: dict) -> None:
        while True:
            try:
                task_id, pid, started = self._queue.get_nowait()
            except (queue.Empty, OSError, ValueError, EOFError):
                return
            running[task_id] = (pid, started)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Shut `pool` down and be sure its workers are gone: what has not started is dropped (a
    WorkerPool's running jobs are stopped too), the workers get STOP_GRACE seconds to finish what
    runs and exit, and whatever is left is then killed with its kernels.

    On Ctrl-C a running job stops at the signal and shuts its kernel down; but a signal can land
    anywhere — in an import, inside a lock it never releases — and a worker caught there never
    exits. Waiting for it would hang the batch after "interrupted"; the grace bounds the wait."""
    from multiprocessing.connection import wait as wait_for

    workers = dict(getattr(pool, "_processes", None) or {})  # pid → Process; the pool empties it as they exit
    if isinstance(pool, WorkerPool):  # the jobs it had queued for its workers, and those running, stop
        pool.stopping.value = 1
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + STOP_GRACE
    running = {proc.sentinel: pid for pid, proc in workers.items()}
    try:
        while running and time.monotonic() < deadline:
            for gone in wait_for(list(running), timeout=max(0.0, deadline - time.monotonic())):
                del running[gone]
    finally:  # past the grace, or a second Ctrl-C: kill what is left (its kernels first found)
        if running:
            kill_tree([p for tree in child_trees(list(running.values())).values() for p in tree])
    pool.shutdown(wait=True)  # its manager thread, which ends once the workers are gone


# --- calls in a child process (Dask) ----------------------------------------------------------------
class BoundedChild:
    """A child Python that runs calls one after another, each under a budget, and is kept between
    them: the Dask worker's way (its task body cannot fork a pool). Kept, it keeps what a batch
    worker keeps from one page to the next — papermill and the exporter imported, the kernel
    template warm — where a fresh child per page paid for all of it every time. A call past its
    budget, or one the child dies of, kills the child with its kernels; the next call starts anew."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None

    def _start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "perflib.run.budget"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def call(self, fn, arg, budget: Budget, source: str, stage: str = "rendering"):
        """fn(arg) in the child under `budget`: its result, or Exceeded."""
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        proc = self.proc
        answer: list = []
        reader = threading.Thread(target=lambda: answer.append(_receive(proc.stdout)), daemon=True)
        reader.start()
        try:
            _send(proc.stdin, (fn, arg))
        except (BrokenPipeError, OSError):
            pass  # it died before reading: the reader sees the end of its output
        started, what = time.monotonic(), None
        try:
            while reader.is_alive():
                what = _over(budget, started, process_tree(proc.pid))
                if what:
                    break
                reader.join(POLL)
        finally:
            if reader.is_alive():  # past the budget, or interrupted: nothing is left behind
                self._kill()
                reader.join(timeout=10)
        if what:
            return Exceeded(what, budget.reason(source, what, stage))
        if not answer or answer[0] is None:
            self._kill()
            return Exceeded("died", f"{source}: the process {stage} it died (exit {proc.poll()})")
        return answer[0][0]

    def _kill(self) -> None:
        if self.proc is not None:
            kill_tree(process_tree(self.proc.pid))
            self.proc.wait()
            self.proc = None

    def close(self) -> None:
        """End of input: the child shuts its kernels down and exits (killed if it will not)."""
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
            self.proc = None
        except (OSError, subprocess.TimeoutExpired):
            self._kill()


def _send(stream, obj) -> None:
    data = pickle.dumps(obj)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _receive(stream):
    """One message, or None at the end of the stream (or a message cut short)."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    return pickle.loads(data) if len(data) == size else None


def _child_main() -> None:
    """Calls from stdin, results to stdout, until stdin ends (BoundedChild's protocol)."""
    from .jobs import worker_init

    worker_init(os.getppid())  # Ctrl-C stops only a running job; a dead parent ends this process
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever fn prints must not mix with the results
    while True:
        call = _receive(inp)
        if call is None:
            return
        fn, arg = call
        _send(out, (fn(arg),))  # in a tuple: a result of None is not the end of the stream


if __name__ == "__main__":
    _child_main()
