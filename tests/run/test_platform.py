"""perflib.run.platform: the one place that decides fork or spawn, IPC or TCP, and walks process
trees with psutil."""
import os
import subprocess
import sys
import time

import psutil
import pytest

from perflib.run import platform


@pytest.fixture
def linux(monkeypatch):
    monkeypatch.delenv(platform.PORTABLE_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")


@pytest.mark.parametrize("value, forced", [("1", True), ("yes", True), ("0", False), ("", False), (" ", False)])
def test_portable_env(monkeypatch, linux, value, forced):
    monkeypatch.setenv(platform.PORTABLE_ENV, value)
    assert platform.forced_portable() is forced
    assert platform.can_fork() is (not forced)
    assert platform.pool_context().get_start_method() == ("spawn" if forced else "fork")


def test_fork_on_linux_only(monkeypatch, linux):
    assert platform.can_fork()
    monkeypatch.setattr(sys, "platform", "darwin")  # has fork; Python itself no longer uses it there
    assert not platform.can_fork() and platform.pool_context().get_start_method() == "spawn"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delattr(os, "fork")  # Windows
    assert not platform.can_fork()


def test_kernel_sockets(monkeypatch, linux, tmp_path):
    assert platform.kernel_transport(str(tmp_path)) == ("ipc", str(tmp_path / "ipc"))
    monkeypatch.setenv(platform.PORTABLE_ENV, "1")
    assert platform.kernel_transport(str(tmp_path)) == ("tcp", "127.0.0.1")
    monkeypatch.delenv(platform.PORTABLE_ENV)
    monkeypatch.setattr(os, "name", "nt")
    assert platform.kernel_transport(str(tmp_path)) == ("tcp", "127.0.0.1")


def test_usable_cpus_without_affinity(monkeypatch):
    if hasattr(os, "sched_getaffinity"):
        assert platform.usable_cpus() == len(os.sched_getaffinity(0))
        monkeypatch.delattr(os, "sched_getaffinity")  # macOS, Windows
    monkeypatch.setattr(os, "cpu_count", lambda: 7)
    assert platform.usable_cpus() == 7


TREE = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); " \
       "print('up', flush=True); time.sleep(60)"


def test_kill_tree_kills_every_descendant():
    proc = subprocess.Popen([sys.executable, "-c", TREE], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "up"
    tree = platform.process_tree(proc.pid)
    assert [p.pid for p in tree][0] == proc.pid and len(tree) == 2
    assert platform.tree_rss(tree) == pytest.approx(sum(p.memory_info().rss for p in tree), rel=0.2)
    # the same tree from one look at this process's descendants, as the budget takes it
    assert {p.pid for p in platform.child_trees([proc.pid])[proc.pid]} == {p.pid for p in tree}
    platform.kill_tree(tree)  # dead (gone or a zombie) when it returns
    assert not any(map(platform.alive, tree))
    proc.wait(timeout=10)
    assert platform.process_tree(proc.pid) == [] and platform.tree_rss(tree) == 0


@pytest.mark.parametrize("portable", [False, True])
def test_parent_watch(monkeypatch, portable):
    """The posix way (the parent id changes) and the psutil way Windows takes (the parent is gone)."""
    monkeypatch.setenv(platform.PORTABLE_ENV, "1" if portable else "0")
    if not portable:
        assert platform.parent_watch(os.getppid())() is True
        assert platform.parent_watch(os.getppid() + 1)() is False
        return
    assert platform.parent_watch(os.getppid())() is True
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    watch = platform.parent_watch(gone.pid)
    gone.wait()
    assert watch() is False


def test_ctrl_c_is_ignored_while_a_worker_starts_on_windows(monkeypatch):
    """Windows has no signal masks: the batch ignores Ctrl-C while it starts a worker (an attribute the
    worker inherits), and the worker takes it back once it ignores Ctrl-C itself."""
    from types import SimpleNamespace

    from perflib.run import platform

    calls = []
    monkeypatch.setattr(platform, "os", SimpleNamespace(name="nt"))
    monkeypatch.setattr(platform, "_console_ctrl_c", lambda ignored: calls.append(ignored))
    with platform.ctrl_c_held():
        assert calls == [True]
    platform.ctrl_c_released()
    assert calls == [True, False, False]
