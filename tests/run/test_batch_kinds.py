"""`perflib batch` lists files that are not department reports apart from failures."""
import argparse
import shutil
from pathlib import Path

from perflib.run import batch
from perflib.run.batch import run_batch
from perflib.run.jobs import Job, JobResult
from perflib.run.outfiles import write_atomic

from paths import SEED

FIXTURES = Path(__file__).parent.parent / "understand" / "fixtures"


def test_non_department_files_listed_apart(tmp_path, monkeypatch, capsys):
    def render_job(job: Job) -> JobResult:  # no notebook: the listing is what is tested
        path = write_atomic(Path(job.outdir) / job.output_name, "<html></html>")
        return JobResult(job.source, "rendered", job.output_name, str(path))

    monkeypatch.setattr(batch, "render_job", render_job)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    for name in ("project_report.txt", "final_accounts.txt", "attachment_only.txt"):
        shutil.copy(FIXTURES / name, src / name)
    out = tmp_path / "out"
    code = run_batch(argparse.Namespace(source=str(src), outdir=str(out), jobs=1, force=False))
    cap = capsys.readouterr()
    assert code == 0  # nothing failed
    err = cap.err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("perflib: not a department report: ") for line in err)
    assert any("project_report.txt" in line and "project expenditure report" in line for line in err)
    assert "1 rendered, 0 skipped, 0 failed, 3 not a department report" in cap.out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "非部门整体支出绩效报告（3 份）" in index
    assert "未能处理的报告" not in index
    assert "final_accounts.txt" in index
