"""What differs between Linux, macOS and Windows, decided in one place.

perflib is fastest where it can fork: batch workers are forked from the batch (they start with
perflib already imported) and notebook kernels are forked from a kernel template
(perflib.run.kernel_zygote). It does so on Linux only:

| | Linux | macOS | Windows, and Linux with `PERFLIB_PORTABLE=1` |
|---|---|---|---|
| worker pools | `fork` | `spawn` | `spawn` (each worker a fresh Python) |
| kernels | forked from the template (from the second on) | started as papermill starts them | the same |
| kernel sockets | IPC, in a private folder | IPC | TCP on 127.0.0.1 |
| a worker notices its batch died | its parent id changes | the same | psutil: the parent is gone |

macOS has fork, but Python itself stopped using it there by default (system libraries are not
fork-safe), so perflib does not either. `PERFLIB_PORTABLE=1` is how CI runs the Windows paths on
Linux. Process trees, their memory and killing them are psutil's on every platform. The pages are
the same bytes either way (tests/run/test_portable.py).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psutil

PORTABLE_ENV = "PERFLIB_PORTABLE"


def forced_portable() -> bool:
    """PERFLIB_PORTABLE=1 (any value but empty or 0): the portable paths, even on Linux."""
    return os.environ.get(PORTABLE_ENV, "").strip() not in ("", "0")


def can_fork() -> bool:
    """Fork workers and kernels? On Linux, unless the portable paths are forced."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and not forced_portable()


def pool_context():
    """The multiprocessing context every perflib process pool uses: fork, or spawn."""
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


@contextmanager
def ctrl_c_held():
    """Ctrl-C held back (blocked, not lost) in this thread meanwhile, and in every process it starts.

    A terminal's Ctrl-C reaches every process of the batch at once. A spawned worker is a fresh
    Python that spends its first second importing, before it can say that it ignores Ctrl-C: there
    it printed a KeyboardInterrupt traceback or two. Started with Ctrl-C blocked (a child inherits
    the mask, across exec too), the worker holds it until it ignores it (ctrl_c_released), and the
    batch gets one held here when this ends. Windows has no signal masks: there the batch ignores
    Ctrl-C meanwhile (the console's Ctrl-C attribute, which a child inherits), and the worker takes it
    back once it ignores it itself; one pressed in that moment is lost, not held."""
    if os.name == "nt":
        _console_ctrl_c(ignored=True)
        try:
            yield
        finally:
            _console_ctrl_c(ignored=False)
        return
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def ctrl_c_released() -> None:
    """In a process started under ctrl_c_held: deliver the Ctrl-C held back, to its handler now."""
    if os.name == "nt":
        _console_ctrl_c(ignored=False)
    elif hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _console_ctrl_c(ignored: bool) -> None:
    """Windows: SetConsoleCtrlHandler(NULL, TRUE) makes this process, and the processes it starts from
    now on, ignore Ctrl-C; FALSE takes it back (Python's own SIGINT handling then works again)."""
    import ctypes

    ctypes.windll.kernel32.SetConsoleCtrlHandler(None, bool(ignored))


def kernel_transport(folder: str) -> tuple[str, str]:
    """How a kernel and its renderer talk: IPC sockets in the kernel's private `folder` (nothing
    listens on the network), or TCP on the loopback where Jupyter uses it (Windows)."""
    if os.name == "nt" or forced_portable():
        return "tcp", "127.0.0.1"
    return "ipc", os.path.join(folder, "ipc")


def usable_cpus() -> int:
    """Cores this process may run on (its affinity where the system says, else all of them)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# --- process trees (psutil) ------------------------------------------------------------------------
def process_tree(pid: int) -> list[psutil.Process]:
    """`pid` and every descendant it has now (empty when it is gone)."""
    import psutil  # here: `perflib parse` need not import it

    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def child_trees(pids: list[int]) -> dict[int, list[psutil.Process]]:
    """Each of `pids` (children of this process) with its descendants, from one look at the process
    table however many they are: the budget looks at every busy worker five times a second."""
    import psutil

    try:
        family = psutil.Process().children(recursive=True)
    except psutil.Error:
        family = []
    by_pid = {proc.pid: proc for proc in family}
    kids: dict[int, list[psutil.Process]] = {}
    for proc in family:
        try:
            kids.setdefault(proc.ppid(), []).append(proc)
        except psutil.Error:  # exited meanwhile
            pass
    trees = {}
    for pid in pids:
        tree, todo = [], [by_pid[pid]] if pid in by_pid else []
        while todo:
            proc = todo.pop()
            tree.append(proc)
            todo.extend(kids.get(proc.pid, ()))
        trees[pid] = tree
    return trees


def tree_rss(procs: list[psutil.Process]) -> int:
    """Resident bytes of these processes together (what has exited meanwhile counts 0)."""
    import psutil

    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def kill_tree(procs: list[psutil.Process], wait: float = 5.0) -> None:
    """Kill these processes outright (SIGKILL; TerminateProcess on Windows), and wait (at most `wait`
    s) until each is dead: gone, or a zombie its parent has yet to reap. psutil checks each is
    still the process it was (not a reused pid) before it kills."""
    import psutil

    for proc in procs:
        try:
            proc.kill()
        except psutil.Error:
            pass
    deadline = time.monotonic() + wait
    while any(map(alive, procs)) and time.monotonic() < deadline:
        time.sleep(0.01)


def alive(proc: psutil.Process) -> bool:
    """Whether this process still runs: not gone, not a zombie, not a new process under its pid."""
    import psutil

    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def parent_watch(parent_pid: int):
    """A function telling whether `parent_pid`, this process's parent, is still alive.

    On Linux and macOS an orphan is given a new parent at once; Windows keeps the old parent id,
    so there psutil asks whether that process still runs (and is the same one)."""
    if os.name == "posix" and not forced_portable():
        return lambda: os.getppid() == parent_pid
    import psutil

    try:
        parent = psutil.Process(parent_pid)
    except psutil.Error:
        return lambda: False
    return lambda: alive(parent)
