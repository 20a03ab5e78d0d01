"""One batch per output folder: `OUTDIR/.perflib-batch.lock`, held while a batch runs.

The lock is filelock's (flock on Linux and macOS, LockFileEx on Windows): the system releases it
when its holder dies, so the lock of a killed batch is simply taken over, and filelock closes it
in a forked child, so a worker that outlives its batch for a moment does not keep it. Who holds
it (pid, host, start time, for the message) is written beside it, in `.perflib-batch.holder.json`:
on Windows a locked file cannot be read by anyone else.
"""
from __future__ import annotations

import json
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import PerflibError
from .outfiles import write_atomic

LOCK_FILE = ".perflib-batch.lock"
HOLDER_FILE = ".perflib-batch.holder.json"


class OutdirBusy(PerflibError):
    """Another batch is writing into the same folder (exit 2)."""

    exit_code = 2


def _holder(outdir: Path) -> str:
    try:
        info = json.loads((outdir / HOLDER_FILE).read_text(encoding="utf-8"))
        return f"process {info['pid']} on {info['host']}, started {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not said who it is yet"


def _say_who_holds(outdir: Path) -> None:
    me = {"pid": os.getpid(), "host": socket.gethostname(),
          "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime())}
    try:
        write_atomic(outdir / HOLDER_FILE, json.dumps(me, ensure_ascii=False))
    except OSError:  # only the message of a second batch needs it
        pass


@contextmanager
def outdir_lock(outdir: Path, wait: bool = False, say=None):
    """Hold OUTDIR's batch lock for the `with` block; exit 2 (OutdirBusy) when another batch holds
    it, or with `wait`, wait for it (saying so through `say`)."""
    lock = FileLock(outdir / LOCK_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise OutdirBusy(f"{outdir}: another perflib batch is writing into this folder ({_holder(outdir)}); "
                             "wait for it to finish, or run again with --wait.") from None
        if say:
            say(f"perflib: {outdir}: waiting for the batch already writing into this folder ({_holder(outdir)}) …")
        lock.acquire(timeout=-1)
    try:
        _say_who_holds(outdir)
        yield
    finally:
        try:  # the lock file stays (removing it would race a waiting batch); the holder's note goes
            (outdir / HOLDER_FILE).unlink(missing_ok=True)
        except OSError:
            pass
        lock.release()
