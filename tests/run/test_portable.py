"""The portable paths (PERFLIB_PORTABLE=1: spawn pools, kernels started as papermill starts them,
TCP sockets — what macOS and Windows run) make the same pages, byte for byte, as Linux's fork paths."""
import os
import shutil
import subprocess
import sys
import threading
import time

import psutil
import pytest

from paths import ROOT, SEED

pytestmark = pytest.mark.slow
SAMPLES = ROOT / "data" / "samples"


def _batch(src, out, portable: bool) -> tuple[subprocess.CompletedProcess, set[str]]:
    """`perflib batch` in a child process, and the command lines of every process under it."""
    env = {**os.environ, "PERFLIB_PORTABLE": "1" if portable else "0"}
    proc = subprocess.Popen([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    seen: set[str] = set()

    def watch():
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                for child in root.children(recursive=True):
                    seen.add(" ".join(child.cmdline()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stdout, stderr = proc.communicate(timeout=600)
    watcher.join()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), seen


def test_portable_batch_makes_the_same_pages_as_the_fork_batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    shutil.copy(SAMPLES / "2022_jiaoyu.pdf", src / "jiaoyu.pdf")
    # three reports on two workers: one of them renders two, so on Linux it forks the second kernel
    shutil.copy(SAMPLES / "2021_linjiang.txt", src / "linjiang.txt")

    fork, fork_procs = _batch(src, tmp_path / "fork", portable=False)
    portable, portable_procs = _batch(src, tmp_path / "portable", portable=True)
    for run in (fork, portable):
        assert run.returncode == 0, run.stderr
        assert "3 rendered, 0 skipped, 0 failed; portfolio rendered" in run.stdout
        assert run.stderr == ""

    # each took its own way: a kernel template and no spawned workers, or spawned workers and no template
    assert any("kernel_zygote" in c for c in fork_procs) and not any("spawn_main" in c for c in fork_procs)
    assert any("spawn_main" in c for c in portable_procs) and not any("kernel_zygote" in c for c in portable_procs)
    assert any("ipykernel_launcher" in c for c in portable_procs)

    pages = sorted(p.name for p in (tmp_path / "fork").glob("*.html"))
    assert len(pages) == 5  # three reports, the index and the portfolio
    assert sorted(p.name for p in (tmp_path / "portable").glob("*.html")) == pages
    for name in pages:
        assert (tmp_path / "portable" / name).read_bytes() == (tmp_path / "fork" / name).read_bytes(), name
