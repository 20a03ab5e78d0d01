"""A kernel that has exited is never signalled again: its pid, and the process group named after
it, may by then be another program's (pids wrap at 32,768 on many Linux systems; a batch started
in a session of its own has its pid as its process group id)."""
import os
import signal
import subprocess
import sys

import pytest
from loops import run_apart

from perflib.run.kernels import ForkedProcess, ForkProvisioner

pytestmark = pytest.mark.skipif(os.name == "nt", reason="kernels are forked on Linux only; POSIX signals")
pidfds = pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="pidfds are Linux's")


def _sleeper(**kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], **kw)


def test_an_exited_kernel_s_process_group_is_not_signalled(monkeypatch):
    sent = []
    monkeypatch.setattr(os, "killpg", lambda pgid, signum: sent.append((pgid, signum)))
    prov = ForkProvisioner(kernel_id="k")
    prov.process = subprocess.Popen([sys.executable, "-c", "pass"], start_new_session=True)
    prov.pid = prov.pgid = prov.process.pid
    prov.process.wait()  # exited and reaped: its pid is free for anyone
    run_apart(prov.send_signal, signal.SIGKILL)
    assert sent == []


def test_a_live_kernel_s_process_group_is_signalled():
    prov = ForkProvisioner(kernel_id="k")
    prov.process = _sleeper(start_new_session=True)
    prov.pid = prov.pgid = prov.process.pid
    try:
        run_apart(prov.send_signal, signal.SIGTERM)
        assert prov.process.wait(timeout=10) == -signal.SIGTERM
    finally:
        prov.process.kill()
        prov.process.wait()


@pidfds
def test_a_forked_kernel_is_followed_by_its_pidfd_not_its_pid(monkeypatch):
    child = _sleeper()
    forked = ForkedProcess(child.pid)
    try:
        assert forked.poll() is None
        # From here on the pid is never used: a newcomer under it must not be looked at or signalled.
        monkeypatch.setattr(os, "kill", lambda *a: pytest.fail(f"os.kill{a}: the pid, not the pidfd"))
        forked.send_signal(signal.SIGKILL)
        child.wait(timeout=10)  # reaped, as the zygote reaps its kernels
        assert forked.poll() == 0
        forked.kill()  # gone: nothing is sent
    finally:
        child.kill()
        child.wait()


@pidfds
def test_a_kernel_gone_before_it_is_followed_is_never_looked_at_again(monkeypatch):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    pid = child.pid
    monkeypatch.setattr(os, "kill", lambda *a: pytest.fail(f"os.kill{a} on a pid that is free"))
    assert ForkedProcess(pid).poll() == 0
