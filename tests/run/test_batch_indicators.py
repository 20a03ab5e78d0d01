"""`perflib batch` writes indicators.csv next to checks.csv, and the 绩效指标 sheet in reports.xlsx."""
import argparse
import shutil
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from paths import ROOT
from perflib.run import batch
from perflib.run.batch import run_batch
from perflib.run.jobs import Job, JobResult
from perflib.run.outfiles import write_atomic

SAMPLES = ROOT / "data" / "samples"


def test_batch_writes_indicators(tmp_path, monkeypatch):
    def render_job(job: Job) -> JobResult:  # pages are not the point here: write a stub through write_atomic
        path = write_atomic(Path(job.outdir) / job.output_name, f"<html>{job.source}</html>")
        return JobResult(job.source, "rendered", job.output_name, str(path))

    monkeypatch.setattr(batch, "render_job", render_job)
    src = tmp_path / "in"
    src.mkdir()
    for name in ("2022_weijian.txt", "2023_jiaoyu.txt", "2021_linjiang.txt"):
        shutil.copy(SAMPLES / name, src / name)
    out = tmp_path / "out"
    assert run_batch(argparse.Namespace(source=str(src), outdir=str(out), jobs=1, force=False)) == 0
    ind = pd.read_csv(out / "indicators.csv", encoding="utf-8-sig")
    assert len(ind) == 14  # two reports with 7 indicators each; 临江街道 has none
    assert set(ind["year"]) == {2022, 2023} and ind["department"].notna().all()
    reports = pd.read_csv(out / "reports.csv", encoding="utf-8-sig")
    assert set(ind["report_id"]) < set(reports["report_id"])
    assert load_workbook(out / "reports.xlsx")["绩效指标"].max_row == 15
