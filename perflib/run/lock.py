"""One batch per output folder: `OUTDIR/.perflib-batch.lock`, held with flock while a batch runs.

The kernel releases a flock when its holder dies, so a lock file left by a killed batch is simply
taken over; the file only tells who holds it (pid, host, start time), for the message.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import PerflibError

LOCK_FILE = ".perflib-batch.lock"
_held: list[int] = []  # this process's lock descriptors


class OutdirBusy(PerflibError):
    """Another batch is writing into the same folder (exit 2)."""

    exit_code = 2


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return f"process {info['pid']} on {info['host']}, started {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not said who it is yet"


@contextmanager
def outdir_lock(outdir: Path, wait: bool = False, say=None):
    """Hold OUTDIR's batch lock for the `with` block; exit 2 (OutdirBusy) when another batch holds
    it, or with `wait`, wait for it (saying so through `say`)."""
    fd = os.open(outdir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise OutdirBusy(f"{outdir}: another perflib batch is writing into this folder ({_holder(fd)}); "
                                 "wait for it to finish, or run again with --wait.") from None
            if say:
                say(f"perflib: {outdir}: waiting for the batch already writing into this folder ({_holder(fd)}) …")
            fcntl.flock(fd, fcntl.LOCK_EX)
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime())}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
        _held.append(fd)
        try:
            yield
        finally:
            _held.remove(fd)
            os.ftruncate(fd, 0)  # the file stays (removing it would race a waiting batch)
    finally:
        os.close(fd)  # releases the lock


def _close_in_child() -> None:
    """A forked worker must not keep the lock alive after its batch died."""
    for fd in _held:
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)
