"""JobResult: where the page was written (`path`) and the page itself on its way from a Dask worker
(`html_text`) are two fields, never one field holding either.  A reading worker's OCR: the engine
let go after each report, one scan at a time among a batch's workers."""
from concurrent.futures import Future
from pathlib import Path

import pytest

from perflib.run import distributed
from perflib.run.jobs import Job, JobResult
from perflib.run.outfiles import write_atomic

PAGE = "<html><body>页面</body></html>"


def _fake_render_job(job: Job) -> JobResult:
    path = write_atomic(Path(job.outdir) / job.output_name, PAGE)
    return JobResult(job.source, "rendered", job.output_name, path=str(path))


def test_worker_sends_the_text_and_the_client_writes_it_and_keeps_the_path(tmp_path, monkeypatch):
    monkeypatch.setattr(distributed, "render_job", _fake_render_job)
    source = tmp_path / "r.txt"
    source.write_text("报告", encoding="utf-8")
    job = Job(str(source), str(tmp_path / "out"), "2021_x.html")

    remote = distributed.render_remote(distributed.remote_job(job))  # what a worker returns
    assert remote.result.html_text == PAGE
    assert remote.result.path is None  # the worker's temp copy is gone: no path to hand back

    fut = Future()
    fut.set_result(remote)
    res = distributed._collect(fut, job, remote.record["sha256"], distributed.provenance(b""), "tcp://x")
    assert res.status == "rendered", res.error
    assert res.path == str(tmp_path / "out" / "2021_x.html")
    assert Path(res.path).read_text(encoding="utf-8") == PAGE
    assert res.html_text is None


# --- a reading worker lets go of the OCR engine a scan loaded ------------------------------------
def _text_report(tmp_path) -> Path:
    path = tmp_path / "临江县教育局2021.txt"
    path.write_text("临江县教育局2021年度部门整体支出绩效评价报告\n年初预算100.00万元，实际支出90.00万元。\n",
                    encoding="utf-8")
    return path


def test_a_batch_worker_drops_the_ocr_engine_after_each_report(tmp_path, monkeypatch):
    from perflib.dataset import Item
    from perflib.read import ocr
    from perflib.run import jobs, role

    monkeypatch.setattr(role, "BATCH_WORKER", True)
    monkeypatch.setattr(ocr, "_ENGINE", object())  # as a scanned PDF read before would leave it
    jobs.read_job(Item(str(_text_report(tmp_path))))
    assert ocr._ENGINE is None
    assert jobs.release_ocr_engine() is False  # nothing left to let go


def test_outside_a_batch_worker_the_engine_is_kept_for_the_next_scan(tmp_path, monkeypatch):
    from perflib.dataset import Item
    from perflib.read import ocr
    from perflib.run import jobs, role

    engine = object()
    monkeypatch.setattr(role, "BATCH_WORKER", False)
    monkeypatch.setattr(ocr, "_ENGINE", engine)
    jobs.read_job(Item(str(_text_report(tmp_path))))
    assert ocr._ENGINE is engine


# --- one scan at a time among a batch's reading workers ------------------------------------------
def _gate(tmp_path, monkeypatch):
    from perflib.read import ocr
    from perflib.run import jobs

    engine = object()
    monkeypatch.setattr(ocr, "_ENGINE", engine)  # get_engine returns at once: only the slot is timed
    monkeypatch.setattr(ocr, "_BEFORE_OCR", None)  # the gate, restored after the test
    monkeypatch.setattr(jobs, "_OCR_SLOT", None)
    lock = str(tmp_path / "ocr.lock")
    jobs.share_ocr_slot(lock, wait=0.3)
    return ocr, jobs, engine, lock


def test_a_reading_worker_takes_the_ocr_slot_as_ocr_begins_and_gives_it_back_after_the_report(tmp_path, monkeypatch):
    from filelock import FileLock, Timeout

    from perflib.dataset import Item
    from perflib.run import role

    ocr, jobs, engine, lock = _gate(tmp_path, monkeypatch)
    other = FileLock(lock)  # another reading worker
    other.acquire(timeout=0)  # free before any OCR
    other.release()
    assert ocr.get_engine() is engine
    with pytest.raises(Timeout):
        other.acquire(timeout=0)  # held while this worker's scan is read
    monkeypatch.setattr(role, "BATCH_WORKER", True)
    monkeypatch.setattr(jobs, "release_ocr_engine", lambda: False)  # keep the test's engine
    jobs.read_job(Item(str(_text_report(tmp_path))))
    other.acquire(timeout=0)  # the report is done: the slot is free again
    other.release()


def test_a_worker_does_not_wait_for_the_slot_longer_than_it_was_told(tmp_path, monkeypatch):
    import time

    from filelock import FileLock

    ocr, jobs, engine, lock = _gate(tmp_path, monkeypatch)
    other = FileLock(lock)
    other.acquire(timeout=0)  # a scan next door that takes its time
    try:
        start = time.monotonic()
        assert ocr.get_engine() is engine  # read beside it, after waiting 0.3 s
        assert 0.25 <= time.monotonic() - start < 5
    finally:
        other.release()


def _frozen() -> int:
    import gc

    return gc.get_freeze_count()


def test_a_worker_freezes_what_it_inherited_so_the_collector_does_not_copy_it():
    import os
    from concurrent.futures import ProcessPoolExecutor

    from perflib.run.jobs import worker_init
    from perflib.run.platform import pool_context

    inherited = [{"row": n} for n in range(10_000)]  # a batch's rows, as a forked worker shares them
    with ProcessPoolExecutor(1, mp_context=pool_context(), initializer=worker_init, initargs=(os.getpid(),)) as pool:
        assert pool.submit(_frozen).result() >= len(inherited)


_HALF_MADE = """
import gc, sys
from perflib.run import jobs
jobs.quiet_interrupts()
jobs._interrupted = {interrupted}

class HalfMade:  # (like a kernel manager whose __init__ Ctrl-C cut short)
    def __del__(self):
        raise RuntimeError("default value not set properly")

HalfMade()
gc.collect()

async def cell():  # (like nbclient's cell coroutine, made and never awaited: Ctrl-C landed in between)
    pass

cell()
gc.collect()
print("done")
"""


@pytest.mark.parametrize("interrupted", [0, 1])
def test_what_an_interrupt_left_half_done_prints_nothing(interrupted):
    """Ctrl-C gives one line: a __del__ failing once a job of the process was interrupted (an object the
    interrupt stopped half-made), or a coroutine it stopped before its await, is not printed; before any
    interrupt both are, as Python prints them."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _HALF_MADE.format(interrupted=interrupted)],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "done"
    if interrupted:
        assert done.stderr == ""
    else:
        assert "Exception ignored in" in done.stderr and "default value not set properly" in done.stderr
        assert "coroutine 'cell' was never awaited" in done.stderr
