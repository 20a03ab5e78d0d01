"""perflib.run.budget: a task past its time or memory is killed and named; every other one completes."""
import operator
import os
import time

import pytest

import psutil

from perflib.run import budget
from perflib.run.budget import BoundedChild, Budget, BoundedPool, Exceeded, WorkerPool, stop_pool
from perflib.run.jobs import interruptible, worker_init
from perflib.run.platform import alive, child_trees, process_tree, tree_rss


# Module-level, so a worker (forked or spawned) can unpickle them by name.
def nap(seconds: float) -> str:
    time.sleep(seconds)
    return f"slept {seconds}"


def hog(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)
    for i in range(0, len(block), 4096):  # touch every page: resident, not just reserved
        block[i] = 1
    time.sleep(30)
    return len(block)


def task(arg):
    kind, n = arg
    return nap(n) if kind == "nap" else hog(n)


def stuck(seconds: float) -> None:
    """A job that will not stop (0: one that ends at once): it waits on a child (a kernel, say) and ignores Ctrl-C."""
    import signal
    import subprocess
    import sys

    if seconds:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        subprocess.run([sys.executable, "-c", f"import time; time.sleep({seconds})"])


def patient(marker: str) -> str:
    """A batch job that would take a minute: it says it started (a file), then waits."""
    interruptible(True)
    try:
        with open(marker, "w"):
            pass
        time.sleep(60)
        return "finished"
    finally:
        interruptible(False)


def test_tree_measures_children():
    import subprocess
    import sys

    me = os.getpid()
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(80 * 2**20); time.sleep(30)"])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and psutil.Process(child.pid).memory_info().rss < 80 * 2**20:
            time.sleep(0.05)
        tree = process_tree(me)
        assert tree[0].pid == me and child.pid in [p.pid for p in tree]
        assert tree_rss(tree) >= psutil.Process().memory_info().rss + 80 * 2**20
        assert [p.pid for p in child_trees([child.pid])[child.pid]] == [child.pid]
        assert tree_rss(child_trees([child.pid])[child.pid]) >= 80 * 2**20
    finally:
        child.kill()
        child.wait()
    assert process_tree(child.pid) == [] and child_trees([child.pid]) == {child.pid: []}  # gone


def test_slow_and_hungry_tasks_are_killed_the_rest_complete():
    # a forked worker starts as big as this process (its pages count as resident): budget above that
    limit = psutil.Process().memory_info().rss // 2**20 + 250
    args = [("nap", 0.1), ("nap", 30), ("hog", 500), ("nap", 0.2), ("nap", 1.5), ("nap", 0.1)]
    pool = BoundedPool(2, Budget(seconds=4, memory_mb=limit), stage="reading")
    start = time.monotonic()
    got = dict(pool.map(task, args, source_of=lambda a: f"{a[0]}-{a[1]}"))
    assert set(got) == set(args), got
    assert time.monotonic() - start < 60, got  # no hang (the 30 s nap is proved stopped below)
    slow, hungry = got[("nap", 30)], got[("hog", 500)]
    assert isinstance(slow, Exceeded) and slow.what == "time", got
    assert slow.error == "nap-30: 超过时间限制（4 秒） / exceeded 4 s while reading (--timeout)"
    assert isinstance(hungry, Exceeded) and hungry.what == "memory", got
    assert f"超过内存限制（{limit} MB）" in hungry.error and f"exceeded {limit} MB" in hungry.error
    for a in args:  # the others completed, even those running beside a killed task (resubmitted)
        if a[0] == "nap" and a[1] < 30:
            assert got[a] == f"slept {a[1]}", got


def _is_resource_tracker(proc) -> bool:
    """multiprocessing's one helper process per parent, with spawn (not a worker: it stays)."""
    try:
        return "resource_tracker" in " ".join(proc.cmdline())
    except psutil.Error:
        return False


def test_no_worker_left_behind():
    before = {c.pid for c in psutil.Process().children(recursive=True)}  # e.g. a browser other tests keep
    pool = BoundedPool(2, Budget(seconds=1, memory_mb=None))
    got = dict(pool.map(task, [("nap", 20), ("nap", 0.1)]))
    assert isinstance(got[("nap", 20)], Exceeded) and got[("nap", 0.1)] == "slept 0.1"
    time.sleep(0.5)
    alive = [c for c in psutil.Process().children(recursive=True)
             if c.pid not in before and c.status() != psutil.STATUS_ZOMBIE and not _is_resource_tracker(c)]
    assert not alive, alive


def test_a_stopped_pool_kills_a_worker_that_does_not_finish_in_its_grace(monkeypatch):
    """Ctrl-C (here: the caller closing the results) leaves a worker that never returns: the batch
    still ends, after the grace, and no worker or child of it is left."""
    monkeypatch.setattr(budget, "STOP_GRACE", 1.0)
    before = {c.pid for c in psutil.Process().children(recursive=True)}  # e.g. a browser other tests keep
    pool = BoundedPool(2, Budget(seconds=None, memory_mb=None))
    results = pool.map(stuck, [0, 60, 60])
    assert next(results) == (0, None)

    def family():
        return [p for p in psutil.Process().children(recursive=True)
                if p.pid not in before and not _is_resource_tracker(p)]

    wait_until = time.monotonic() + 30
    while time.monotonic() < wait_until and len(family()) < 4:
        time.sleep(0.05)  # both workers, each with its child
    procs = family()
    assert len(procs) == 4
    started = time.monotonic()
    results.close()  # what the caller's KeyboardInterrupt does to the generator
    assert time.monotonic() - started < 10
    assert not [p for p in procs if alive(p)]


def test_a_stopped_pool_stops_its_running_job_and_starts_none_of_those_queued(tmp_path):
    """Stopping (Ctrl-C, here with no signal at all): the job running is stopped at once, not after
    the grace, and a job the pool had already handed to its worker never starts."""
    pool = WorkerPool(1, worker_init, (os.getpid(),))
    first, second = tmp_path / "first", tmp_path / "second"
    running = pool.submit(patient, str(first))
    queued = pool.submit(patient, str(second))  # in the worker's call queue too (one is queued ahead)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not first.exists():
        time.sleep(0.02)
    assert first.exists()
    started = time.monotonic()
    stop_pool(pool)
    assert time.monotonic() - started < budget.STOP_GRACE / 2
    assert isinstance(running.exception(timeout=5), KeyboardInterrupt)
    assert queued.cancelled() or isinstance(queued.exception(timeout=5), KeyboardInterrupt)
    assert not second.exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL, process groups, links")
def test_stopping_a_pool_whose_worker_was_killed_does_not_hang(monkeypatch):
    """A worker killed meanwhile (a budget kill, the system's OOM killer) never hears the pool
    stop: stopping it still returns (a multiprocessing Event's set() would wait for it forever)."""
    import signal
    import threading

    monkeypatch.setattr(budget, "STOP_GRACE", 1.0)
    pool = WorkerPool(2, worker_init, (os.getpid(),))
    assert [f.result(timeout=30) for f in [pool.submit(nap, 0.3), pool.submit(nap, 0.3)]] == ["slept 0.3"] * 2
    victim = next(iter(pool._processes))
    time.sleep(0.3)  # its stop watcher waiting
    os.kill(victim, signal.SIGKILL)
    stopper = threading.Thread(target=stop_pool, args=(pool,), daemon=True)
    stopper.start()
    stopper.join(timeout=20)
    assert not stopper.is_alive(), "stop_pool hangs on a pool with a killed worker"


def test_a_task_whose_worker_dies_is_retried_then_failed():
    got = dict(BoundedPool(1, Budget(seconds=10, memory_mb=None)).map(os._exit, [3]))
    assert isinstance(got[3], Exceeded) and got[3].what == "died" and "worker process died" in got[3].error


def test_a_bounded_child_enforces_the_budget():
    child = BoundedChild()
    try:
        assert child.call(time.sleep, 0.1, Budget(seconds=10, memory_mb=500), "x") is None
        slow = child.call(time.sleep, 30, Budget(seconds=1, memory_mb=None), "r.pdf")
        assert isinstance(slow, Exceeded) and slow.error.startswith("r.pdf: 超过时间限制（1 秒）")
        big = child.call(b"x".__mul__, 600 * 1024 * 1024, Budget(seconds=30, memory_mb=300), "r.pdf")
        assert isinstance(big, Exceeded) and big.what == "memory"
    finally:
        child.close()


def test_a_bounded_child_is_kept_between_calls_and_replaced_after_a_kill():
    child = BoundedChild()
    try:
        budget = Budget(seconds=2, memory_mb=None)
        first = child.call(operator.call, os.getpid, budget, "a")
        assert child.call(operator.call, os.getpid, budget, "b") == first  # the same process: kept warm
        slow = child.call(time.sleep, 30, budget, "r.pdf")
        assert isinstance(slow, Exceeded) and slow.what == "time" and not psutil.pid_exists(first)
        died = child.call(os._exit, 3, budget, "d.pdf")
        assert isinstance(died, Exceeded) and died.what == "died" and "d.pdf" in died.error
        again = child.call(operator.call, os.getpid, budget, "c")
        assert again not in (first, None) and child.call(operator.call, os.getpid, budget, "c") == again
    finally:
        child.close()
    assert child.proc is None and not psutil.pid_exists(again)


def test_idle_render_children_are_kept_then_closed_after_the_idle_time():
    """A Dask worker keeps its render child between pages, and closes it (kernels and all) once
    it has been idle for the idle time: a worker lives on after the batch."""
    from perflib.run.distributed import IdleChildren

    idle = IdleChildren(idle_seconds=0.5)
    child = idle.take()
    budget = Budget(seconds=10, memory_mb=None)
    pid = child.call(operator.call, os.getpid, budget, "a")
    idle.put(child)
    assert idle.take() is child  # the next page, soon after: the same warm child
    idle.put(child)
    deadline = time.monotonic() + 10
    while child.proc is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child.proc is None and not psutil.pid_exists(pid), "the idle child was not closed"
    fresh = idle.take()
    assert fresh is not child
    assert idle.close_idle() == 0  # (taken: not idle)


def test_dask_task_body_enforces_the_budget(tmp_path):
    """What a Dask worker runs (render_remote) renders in a child process under the batch's budget."""
    from paths import SEED
    from perflib.run.distributed import RemoteJob, render_remote
    from perflib.run.jobs import Job

    job = Job(str(SEED), str(tmp_path), "seed.html", key="k")
    start = time.monotonic()
    remote = render_remote(RemoteJob(job, SEED.name, SEED.read_bytes(), Budget(seconds=1, memory_mb=None)))
    res = remote.result
    assert time.monotonic() - start < 15
    assert res.status == "failed" and res.exit_code == 2
    assert res.error == f"{SEED}: 超过时间限制（1 秒） / exceeded 1 s while rendering (--timeout)"
    assert not list(tmp_path.iterdir())  # nothing written by the worker side


def test_many_quick_tasks_and_kills_lose_nothing():
    """Tasks that finish between two looks are never mistaken for running ones, and tasks queued
    behind several killed ones are run, not given up."""
    args = [("nap", 0.01 + i / 1000) for i in range(40)] + [("nap", 30 + i) for i in range(4)]
    got = dict(BoundedPool(2, Budget(seconds=1.5, memory_mb=None)).map(task, args))
    for a in args:
        if a[1] < 30:
            assert got[a] == f"slept {a[1]}", (a, got[a])
        else:
            assert isinstance(got[a], Exceeded) and got[a].what == "time"


def how_started(_) -> str:
    me = " ".join(psutil.Process().cmdline())
    return "spawn" if "spawn_main" in me else "fork"


def test_workers_start_as_the_platform_says():
    """fork on Linux; spawn with PERFLIB_PORTABLE=1 (and on macOS and Windows)."""
    from perflib.run.platform import pool_context

    got = dict(BoundedPool(1, Budget(seconds=60, memory_mb=None)).map(how_started, [0]))
    assert got[0] == pool_context().get_start_method()


def test_a_worker_interrupted_as_it_starts_survives_without_a_traceback(capfd):
    """Ctrl-C reaches a batch's workers too, and a spawned worker spends its first second
    importing: it holds the signal until it ignores it, so it neither dies nor prints tracebacks."""
    import signal

    pool = WorkerPool(1, worker_init, (os.getpid(),))
    try:
        future = pool.submit(nap, 0.2)
        (pid,) = pool._processes  # started by submit, still starting
        worker = psutil.Process(pid)
        worker.send_signal(signal.SIGINT)
        assert future.result(timeout=60) == "slept 0.2"
        assert worker.is_running()
    finally:
        stop_pool(pool)
    assert "Traceback" not in capfd.readouterr().err


def test_a_pool_on_windows_has_at_most_61_workers():
    """-j defaults to every core, and ProcessPoolExecutor refuses more than 61 workers on Windows."""
    assert [budget.pool_size(n, "win32") for n in (96, 61, 8)] == [61, 61, 8]
    assert [budget.pool_size(n, "linux") for n in (96, 8)] == [96, 8]
