"""Kernel folders in the temporary directory: a killed renderer's are removed by the next one,
a live one's never."""
import os
import subprocess
import sys
import tempfile
import time

import pytest

from perflib.run import kernels

HOLD = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1]); lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _kernel_dir(tmp, name, lock=True, age=60.0):
    folder = tmp / f"{kernels.KERNEL_DIR_PREFIX}{name}"
    folder.mkdir()
    (folder / "kernel.json").write_text("{}", encoding="utf-8")
    if lock:
        (folder / kernels.OWNER_LOCK).write_text("", encoding="utf-8")
    then = time.time() - age
    os.utime(folder, (then, then))
    return folder


def test_only_folders_whose_owner_died_are_removed(tmp):
    dead = _kernel_dir(tmp, "dead")
    young = _kernel_dir(tmp, "young", age=0)  # its owner may be taking its lock right now
    legacy = _kernel_dir(tmp, "legacy", lock=False)  # an older perflib's: nothing says who owns it
    alive = _kernel_dir(tmp, "alive")
    other = tmp / "perflib-ocr-x"
    other.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(alive / kernels.OWNER_LOCK)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        os.utime(alive, (time.time() - 60, time.time() - 60))
        assert kernels.sweep_stale_dirs() == 1
        assert not dead.exists()
        assert young.is_dir() and legacy.is_dir() and alive.is_dir() and other.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert kernels.sweep_stale_dirs() == 1  # its owner is gone now
    assert not alive.exists()


def _shut_down(k):
    """As a Renderer does: on the kernels' own loop (the test's thread may have one running already)."""
    loop = kernels.KernelLoop()
    try:
        loop.submit(k.shutdown).result(timeout=30)
    finally:
        loop.close()


def test_a_warm_kernel_holds_its_folder_until_shut_down(tmp):
    k = kernels.WarmKernel()
    folder = k._dir
    assert os.path.dirname(folder) == str(tmp)
    assert kernels.sweep_stale_dirs(min_age=0) == 0 and os.path.isdir(folder)
    _shut_down(k)  # never started: nothing to stop, the folder goes
    assert not os.path.exists(folder)


def test_a_file_system_that_cannot_lock_still_gets_kernels(tmp, monkeypatch):
    """Where the temporary directory cannot be locked, a kernel's folder has no lock file (so no
    sweep takes it for a dead one's), and the kernel is made and removed as before."""

    def cannot(self, *a, **k):
        raise OSError("locking not supported")

    monkeypatch.setattr(kernels.FileLock, "acquire", cannot)
    k = kernels.WarmKernel()
    assert k._owner is None and not os.path.exists(os.path.join(k._dir, kernels.OWNER_LOCK))
    assert kernels.sweep_stale_dirs(min_age=0) == 0 and os.path.isdir(k._dir)
    _shut_down(k)
    assert not os.path.exists(k._dir)
