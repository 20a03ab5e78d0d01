"""perflib.run.lock: one batch per output folder; a dead batch's lock is taken over."""
import json
import os
import subprocess
import sys

import pytest

from perflib.run.lock import HOLDER_FILE, LOCK_FILE, OutdirBusy, outdir_lock

HOLD = """
import sys, time
from pathlib import Path
from perflib.run.lock import outdir_lock
with outdir_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(outdir, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(outdir), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_lock_names_its_holder_and_refuses_a_second(tmp_path):
    proc = hold(tmp_path, 30)
    try:
        assert (tmp_path / LOCK_FILE).is_file()
        info = json.loads((tmp_path / HOLDER_FILE).read_text(encoding="utf-8"))
        assert info["pid"] == proc.pid and info["host"] and info["started"]
        with pytest.raises(OutdirBusy) as err:
            with outdir_lock(tmp_path):
                pass
        msg = str(err.value)
        assert str(tmp_path) in msg and f"process {proc.pid}" in msg and "--wait" in msg and "\n" not in msg
        assert OutdirBusy.exit_code == 2
    finally:
        proc.kill()
        proc.wait()


def test_wait_waits_for_the_holder(tmp_path):
    import time

    proc = hold(tmp_path, 1.5)
    said, start = [], time.monotonic()
    with outdir_lock(tmp_path, wait=True, say=said.append):
        assert time.monotonic() - start > 1  # got it only once the holder was done
        proc.wait(timeout=10)
        assert json.loads((tmp_path / HOLDER_FILE).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert len(said) == 1 and "waiting" in said[0] and str(proc.pid) in said[0]


def test_a_killed_holders_lock_is_taken_over(tmp_path):
    proc = hold(tmp_path, 30)
    proc.kill()
    proc.wait()
    assert str(proc.pid) in (tmp_path / HOLDER_FILE).read_text(encoding="utf-8")  # the stale note is still there
    with outdir_lock(tmp_path):
        assert json.loads((tmp_path / HOLDER_FILE).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not (tmp_path / HOLDER_FILE).exists()  # released: no one holds it
    assert (tmp_path / LOCK_FILE).is_file()  # the lock file stays (a waiting batch may have it open)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_forked_children_do_not_keep_the_lock(tmp_path):
    ready_r, ready_w = os.pipe()
    with outdir_lock(tmp_path):
        pid = os.fork()
        if pid == 0:  # a worker that outlives its batch for a moment
            import time

            os.write(ready_w, b"1")  # the fork hooks have run
            time.sleep(3)
            os._exit(0)
        assert os.read(ready_r, 1) == b"1"
    try:
        with outdir_lock(tmp_path):  # released although the child still runs
            pass
    finally:
        os.waitpid(pid, 0)


def test_a_busy_folders_message_when_the_holder_has_not_said_who_it_is(tmp_path):
    from filelock import FileLock

    with FileLock(tmp_path / LOCK_FILE):  # held, but no note beside it (yet)
        with pytest.raises(OutdirBusy, match="a process that has not said who it is yet"):
            with outdir_lock(tmp_path):
                pass
