"""JobResult: where the page was written (`path`) and the page itself on its way from a Dask worker
(`html_text`) are two fields, never one field holding either."""
from concurrent.futures import Future
from pathlib import Path

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
