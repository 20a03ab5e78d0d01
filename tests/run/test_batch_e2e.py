"""`perflib batch` end to end, through papermill and nbconvert, on a few small reports."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html import unescape

import psutil
import pytest

from fixtures_files import write_corrupt_pdf
from paths import ROOT, SEED

from perflib.present.html import SORT_SCRIPT, csp

pytestmark = pytest.mark.slow
SAMPLES = ROOT / "data" / "samples"


def batch(src, out, *extra):
    return subprocess.run([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), *extra],
                          capture_output=True, text=True, encoding="utf-8")


def test_real_batch_failure_isolation_and_incremental(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    shutil.copy(SAMPLES / "2022_jiaoyu.pdf", src / "jiaoyu.pdf")
    write_corrupt_pdf(src / "broken.pdf")
    out = tmp_path / "out"
    proc = batch(src, out, "-j", "2")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith("perflib:")] == [
        line for line in proc.stderr.splitlines() if "broken.pdf" in line]
    assert "2 rendered, 0 skipped, 1 failed; portfolio rendered" in proc.stdout
    pages = sorted(p.name for p in out.glob("*.html"))
    assert pages == ["2021_广州市荔湾区人民政府花地街道办事处.html", "2022_示例市青川区教育局.html",
                     "index.html", "portfolio.html"]
    for name in pages:
        html = (out / name).read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>") and '<html lang="zh-CN">' in html
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "broken.pdf" in index and "虚构样例" in index
    portfolio = (out / "portfolio.html").read_text(encoding="utf-8")
    assert "跨部门与跨年度比较" in portfolio and 'class="pl-chart' in portfolio and "<svg" in portfolio
    assert "import " not in portfolio  # no code shown; the one script is the tables' sorting, allowed by its hash
    assert re.findall(r"<script>(.*?)</script>", portfolio, re.S) == [SORT_SCRIPT]
    assert unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', portfolio)[1]) == csp(SORT_SCRIPT)
    report = (out / pages[0]).read_text(encoding="utf-8")
    assert "<script" not in report
    assert unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', report)[1]) == csp()

    again = batch(src, out, "-j", "2")
    assert "0 rendered, 2 skipped, 1 failed; portfolio skipped" in again.stdout
    (src / "broken.pdf").unlink()
    with open(src / "seed.txt", "ab") as fh:
        fh.write(b"\n")
    third = batch(src, out, "-j", "2")
    assert third.returncode == 0
    assert "1 rendered, 1 skipped, 0 failed; portfolio rendered" in third.stdout


def _workers_gone(pids, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL, process groups, links")
def test_killed_batch_leaves_only_complete_pages(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("2021_linjiang.txt", "2022_linjiang.txt", "2023_minzheng.txt", "2022_weijian.txt"):
        shutil.copy(SAMPLES / name, src / name)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("20*.html")):  # mid-way: one page done
        time.sleep(0.05)
    assert list(out.glob("20*.html")), "no page was rendered in time"
    descendants = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _workers_gone(descendants), "workers outlived the killed batch"
    for page in out.glob("*.html"):  # complete or absent
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    done_before = {p.name for p in out.glob("20*.html")}
    assert len(done_before) < 4

    rerun = batch(src, out, "-j", "2")
    assert rerun.returncode == 0, rerun.stderr
    rendered, skipped = map(int, re.search(r"(\d+) rendered, (\d+) skipped", rerun.stdout).groups())
    # pages finished before the kill are kept (a page in flight at the kill may be redone)
    assert rendered + skipped == 4 and 1 <= skipped <= len(done_before)
    assert not list(out.glob(".*.tmp"))
    assert len(list(out.glob("20*.html"))) == 4 and (out / "index.html").is_file()


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL, process groups, links")
def test_ctrl_c_stops_cleanly(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it): one line, exit 130,
    no traceback from workers or kernels, no half page, no process left."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        shutil.copy(SEED, src / f"r{i}.txt")
        (src / f"r{i}.txt").write_text(SEED.read_text(encoding="utf-8").replace("2021", str(2010 + i)),
                                       encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("20*.html")):
        time.sleep(0.05)
    descendants = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    # (the message in full: pytest's diff of the pair cuts a long stderr in the middle)
    assert (proc.returncode, stderr.strip()) == (130, "perflib: interrupted"), f"stdout:\n{stdout}\nstderr:\n{stderr}"
    assert _workers_gone(descendants), "workers or kernels outlived the interrupted batch"
    for page in out.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(out.glob(".*.tmp"))
