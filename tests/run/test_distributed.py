"""`perflib batch --scheduler`: the same batch on a Dask cluster (a LocalCluster on loopback here)."""
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import dask
import pandas as pd
import psutil
import pytest
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from paths import ROOT
from perflib.store import load_dataset

SAMPLES = ROOT / "data" / "samples"
# One report of each format: the worker must read the bytes the way the client does (by file name).
REPORTS = ("2021_linjiang.txt", "2022_jiaoyu.pdf", "2021_wenguang.docx")


def batch(src, out, *extra):
    return subprocess.run([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), *extra],
                          capture_output=True, text=True, encoding="utf-8")


def reports_dir(tmp_path, names):
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, src / name)
    return src


def local_cluster(**config):
    with dask.config.set(config):
        return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None)


@pytest.fixture
def cluster():
    c = local_cluster()
    yield c
    c.close()


# --- fast: the parts that need no rendering -------------------------------------------------
def test_local_batch_does_not_import_dask():
    code = ("import sys; import perflib.cli, perflib.run.batch; "
            "sys.exit(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_unreachable_scheduler_is_one_sentence_exit_2(tmp_path, monkeypatch, capsys):
    from perflib.run import distributed
    from perflib.cli import main

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    src = reports_dir(tmp_path, ["2021_linjiang.txt"])
    code = main(["batch", str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "tcp://127.0.0.1:9: cannot reach the Dask scheduler" in err
    assert not list((tmp_path / "out").glob("*.html"))


@pytest.mark.parametrize("address", ["foo", "tcp://host", "tcp://host:port", "tcp://127.0.0.1:99999"])
def test_a_scheduler_address_with_no_port_is_one_sentence_at_once(tmp_path, address):
    src = reports_dir(tmp_path, ["2021_linjiang.txt"])
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(tmp_path / "out"),
                        "--scheduler", address], capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr.count("\n")) == (2, 1), p.stderr
    assert f"perflib: {address}: not a Dask scheduler's address, which is tcp://HOST:PORT (" in p.stderr
    assert time.monotonic() - start < 20  # (a Client made with it took 40 s to close, printing a traceback)


def test_without_dask_installed_says_how_to_get_it(tmp_path, monkeypatch, capsys):
    from perflib.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    src = reports_dir(tmp_path, ["2021_linjiang.txt"])
    code = main(["batch", str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "pip install 'perflib[dask]'" in capsys.readouterr().err


# --- slow: real renders on a LocalCluster ---------------------------------------------------
@pytest.mark.slow
def test_cluster_batch_writes_the_same_files_as_a_local_batch(tmp_path, cluster):
    src = reports_dir(tmp_path, REPORTS)
    # a hand correction (the folder's corrections.csv): a cluster worker applies it like a local one
    (src / "corrections.csv").write_text("file,field,value,note,read\n2021_linjiang.txt,score,91,自评表所列,\n",
                                         encoding="utf-8")
    local = batch(src, tmp_path / "local", "-j", "2")
    remote = batch(src, tmp_path / "dask", "--scheduler", cluster.scheduler_address)
    assert local.returncode == 0 and remote.returncode == 0, remote.stderr
    assert "3 rendered, 0 skipped, 0 failed; portfolio rendered" in remote.stdout
    assert "Traceback" not in remote.stderr

    def files(out):
        return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())

    names = files(tmp_path / "local")
    assert names == files(tmp_path / "dask")
    assert len([n for n in names if re.match(r"20\d\d_.*\.html$", n)]) == 3
    corrected = (tmp_path / "dask" / "2021_示例市青川区人民政府临江街道办事处.html").read_text("utf-8")
    assert "人工校正：自评表所列" in corrected
    for name in names:
        a, b = (tmp_path / "local" / name), (tmp_path / "dask" / name)
        if name.endswith(".xlsx"):  # zips whose entries carry the time they were written
            assert _xlsx_cells(a) == _xlsx_cells(b)
        elif name.startswith(".perflib-dataset/"):  # the batch's store: rows in the order they were read
            continue
        else:
            assert a.read_bytes() == b.read_bytes(), name
    for frame in ("reports", "tasks", "checks", "problems", "indicators", "failures"):
        pd.testing.assert_frame_equal(getattr(load_dataset(tmp_path / "local" / ".perflib-dataset"), frame),
                                      getattr(load_dataset(tmp_path / "dask" / ".perflib-dataset"), frame))

    again = batch(src, tmp_path / "dask", "--scheduler", cluster.scheduler_address)  # incremental
    assert again.returncode == 0
    assert "0 rendered, 3 skipped, 0 failed; portfolio skipped" in again.stdout


def _xlsx_cells(path):
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


class KillWorkerMidReport(WorkerPlugin):
    """Test-only: a worker that starts rendering a report SIGKILLs itself `delay` seconds later —
    once per batch (a marker file says it happened), or every time (`once=False`)."""

    def __init__(self, marker_dir, delay=1.5, once=True):
        self.marker_dir, self.delay, self.once = str(marker_dir), delay, once

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not str(key).startswith("perflib-render-"):
            return
        marker = os.path.join(self.marker_dir, "killed" if self.once else f"killed-{os.getpid()}")
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        threading.Timer(self.delay, self.kill, (marker,)).start()

    @staticmethod
    def kill(marker):
        """Note this worker's pid and its children's (the notebook kernel and its helpers), then die."""
        me = psutil.Process()
        pids = [me.pid, *(c.pid for c in me.children(recursive=True))]
        with open(marker, "w") as fh:
            fh.write(" ".join(map(str, pids)))
        os.kill(me.pid, signal.SIGKILL)


def _register(cluster, plugin):
    with Client(cluster.scheduler_address, set_as_default=False) as c:
        c.register_plugin(plugin, name="perflib-test-kill")


def _all_gone(pids, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL")
@pytest.mark.slow
def test_a_worker_killed_mid_report_loses_nothing(tmp_path, cluster):
    src = reports_dir(tmp_path, ["2021_linjiang.txt", "2023_minzheng.txt"])
    marks = tmp_path / "marks"
    marks.mkdir()
    _register(cluster, KillWorkerMidReport(marks))
    proc = batch(src, tmp_path / "out", "--scheduler", cluster.scheduler_address)

    worker, *children = map(int, (marks / "killed").read_text().split())
    assert children, "the worker was killed before its report's kernel started"
    assert _all_gone([worker])
    assert proc.returncode == 0, proc.stderr
    assert "2 rendered, 0 skipped, 0 failed; portfolio rendered" in proc.stdout
    pages = sorted((tmp_path / "out").glob("20*.html"))
    assert len(pages) == 2
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list((tmp_path / "out").glob(".*.tmp"))
    assert _all_gone(children), "the killed worker's notebook kernel (or its helpers) is still running"


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL")
@pytest.mark.slow
def test_a_report_whose_workers_keep_dying_is_a_failure_with_its_reason(tmp_path):
    cluster = local_cluster(**{"distributed.scheduler.allowed-failures": 0})  # the first death is final
    try:
        src = reports_dir(tmp_path, ["2021_linjiang.txt"])
        marks = tmp_path / "marks"
        marks.mkdir()
        _register(cluster, KillWorkerMidReport(marks, delay=0.5, once=False))
        proc = batch(src, tmp_path / "out", "--scheduler", cluster.scheduler_address)
    finally:
        cluster.close()
    assert proc.returncode == 1
    assert "0 rendered, 0 skipped, 1 failed; portfolio rendered" in proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.startswith("perflib:")]
    assert len(lines) == 1 and "2021_linjiang.txt" in lines[0] and "KilledWorker" in lines[0]
    assert "Traceback" not in proc.stderr
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "2021_linjiang.txt" in index and "KilledWorker" in index
    assert not list((tmp_path / "out").glob("20*.html"))
