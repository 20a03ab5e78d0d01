"""A batch parses every report once: its portfolio notebook gets the parsed rows
(`.perflib-dataset/`, perflib.store), not the report files."""
import argparse
import shutil
from pathlib import Path

import pandas as pd
import pytest

from paths import ROOT
from perflib import pipeline
from perflib.dataset import load_folder
from perflib.store import load_dataset
from perflib.errors import UnreadableInput
from perflib.run import batch, jobs
from perflib.run.jobs import Job, JobResult
from perflib.run.outfiles import write_atomic

SAMPLES = ROOT / "data" / "samples"
REPORTS = ("2021_linjiang.txt", "2022_linjiang.txt", "2022_jiaoyu.pdf", "2021_wenguang.docx")
FRAMES = ("reports", "tasks", "checks", "problems", "failures")


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy2(SAMPLES / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")  # a read failure travels too
    return folder


def _args(source, out):
    return argparse.Namespace(source=str(source), outdir=str(out), jobs=1, force=False)


def _stub_page(job: Job) -> JobResult:
    path = write_atomic(Path(job.outdir) / job.output_name, f"<html>{job.output_name}</html>")
    return JobResult(job.source, "rendered", job.output_name, path=str(path))


def _assert_same_dataset(a, b):
    for name in FRAMES:
        got = getattr(a, name)
        if name == "reports":  # the batch's dataset also names each report's page
            assert got["output"].notna().all()
            got = got.drop(columns="output")
        pd.testing.assert_frame_equal(got, getattr(b, name), obj=name)


def test_batch_parses_each_report_once_and_hands_the_rows_to_the_portfolio(reports, tmp_path, monkeypatch):
    parsed, portfolio_jobs = [], []
    real_read_record = pipeline.read_record

    def counting_read_record(path, *a, **kw):
        parsed.append(Path(path).name)
        return real_read_record(path, *a, **kw)

    def render_job(job: Job) -> JobResult:  # pages stubbed: this test is about the parsing
        if job.kind == "portfolio":
            portfolio_jobs.append(job)
        return _stub_page(job)

    monkeypatch.setattr(pipeline, "read_record", counting_read_record)
    monkeypatch.setattr(batch, "render_job", render_job)
    assert batch.run_batch(_args(reports, tmp_path / "out")) == 1  # broken.pdf
    assert sorted(parsed) == sorted([*REPORTS, "broken.pdf"])  # once each, in this process

    [job] = portfolio_jobs
    assert Path(job.dataset) == tmp_path / "out" / batch.DATASET_FILE
    handed = load_dataset(job.dataset)
    assert len(handed.reports) == len(REPORTS) and list(handed.failures["source"]) == [str(reports / "broken.pdf")]
    _assert_same_dataset(handed, load_folder(reports))  # what the notebook would have parsed itself


def test_load_dataset_refuses_what_is_not_a_dataset(tmp_path):
    folder = tmp_path / "d"
    with pytest.raises(UnreadableInput, match=r"d: not a perflib dataset folder"):
        load_dataset(folder)  # missing
    folder.mkdir()
    with pytest.raises(UnreadableInput, match=r"d: not a perflib dataset folder"):
        load_dataset(folder)  # empty
    for name in ("reports", "tasks", "checks", "problems", "indicators", "failures"):
        (folder / f"{name}.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"d: not a perflib dataset folder"):
        load_dataset(folder)


@pytest.mark.slow
def test_portfolio_kernel_does_not_parse_the_reports(reports, tmp_path, monkeypatch):
    """The report files are gone by the time the portfolio notebook runs, and it still shows them all."""
    expected = load_folder(reports)

    def render_job(job: Job) -> JobResult:
        if job.kind != "portfolio":
            return _stub_page(job)
        for f in reports.iterdir():
            f.unlink()
        return jobs.render_job(job)  # the real notebook, in a kernel

    monkeypatch.setattr(batch, "render_job", render_job)
    batch.run_batch(_args(reports, tmp_path / "out"))
    page = (tmp_path / "out" / batch.PORTFOLIO_HTML).read_text(encoding="utf-8")
    r = expected.reports
    assert f"共 {len(r)} 份部门年度报告，{r['department'].nunique()} 个部门" in page
    from perflib.labels import also_listed
    from perflib.present.portfolio import failed_and_others

    assert also_listed(*failed_and_others(expected.failures)) in page and "份未能处理" in page
    assert not list(reports.iterdir())
