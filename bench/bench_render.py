"""How long does a department-year page take? Three ways, same N reports, one run, one machine.

    python bench/bench_render.py [N] [-j JOBS] [--naive-sample K] [--skip-naive] [--keep DIR] [--portable]

1. naive   — per report, the `papermill` CLI on notebooks/department_year.ipynb, then
             `jupyter nbconvert --to html --no-input` (what a user would write);
2. perflib — `perflib batch DIR -o OUT -j JOBS` from a clean output folder
             (and the same batch on a Dask LocalCluster of JOBS workers: `--scheduler`);
3. floor   — the same analysis with no kernel: one warm Python process calling perflib's own
             functions (parse, checks, metrics, narrative, charts, HTML + font) per report,
             divided by the cores.

With `--no-charts`, also the batch and the floor with no chart drawn (the notebook's charts cell
emptied, through PERFLIB_NOTEBOOK): what a kernel, papermill, the export and the font cost a page by
themselves, against the floor, which is mostly drawing charts.

Also: one cold `perflib render` vs the naive pair for one report; `parse` throughput for text
and PDF on one core; the batch's peak memory (all its processes together, RSS and PSS; from a
second run of the batch, since sampling it slows it) and the sizes of its report pages. The generated reports are checked to parse as their samples do first.
This is a script that prints what it measured; it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "department_year.ipynb"
BIN = Path(sys.executable).parent
SAMPLES = sorted({p.resolve() for p in [*ROOT.glob("data/*.txt"), *ROOT.glob("data/samples/*.txt")]})
PLACES = "东南西北中上下前后左右金银铜铁松竹梅兰菊荷桂枫柳杨"


# ---- inputs ------------------------------------------------------------------------------------

def make_reports(n: int, folder: Path) -> list[Path]:
    """N reports: the samples with the department renamed and every year moved by the same
    amount, one per department-year. The text is the sample's own (decoded, layout kept), so
    each copy reads exactly like its sample: `check_reports` proves it before anything is timed."""
    from perflib.pipeline import read_record
    from perflib.read.text import decode_text

    folder.mkdir(parents=True, exist_ok=True)
    bases = [(decode_text(p, p.read_bytes())[0], read_record(p)) for p in SAMPLES]
    out = []
    for i in range(n):
        text, rec = bases[i % len(bases)]
        dept = rec.department or ""
        varied = text.replace(dept, vary_department(dept, i)) if dept else text
        if rec.year:
            varied = shift_years(varied, variant_year(i) - rec.year)
        path = folder / f"r{i:04d}.txt"
        path.write_text(varied, encoding="utf-8")
        out.append(path)
    return out


def vary_department(dept: str, i: int) -> str:
    """广州市…花地街道办事处 → 广州市…花地东南西街道办事处: the i-th department of the same kind."""
    k = len(PLACES)
    tag = PLACES[i % k] + PLACES[i // k % k] + PLACES[i // k // k % k]
    return f"{dept[:-5]}{tag}{dept[-5:]}"


def variant_year(i: int) -> int:
    return 2015 + i % 9


# A year as reports write it: 2021年, 2021 年度, a title's "… 2021 部门整体…", never an amount
# (2021.50, 2021 万元) nor part of a longer number.
YEAR = re.compile(r"(?<![\d.,])(20[0-4]\d)(?![\d.,]|\s*(?:万|亿|千|元|%|个|分|人|次))")


def shift_years(text: str, delta: int) -> str:
    """Every year in the text moved by `delta`, so a report's previous and next years move with it."""
    return YEAR.sub(lambda m: str(int(m.group(1)) + delta), text) if delta else text


def check_reports(reports: list[Path]) -> None:
    """Every generated report parses as its sample does, under its new department and year:
    a benchmark of reports the parser refuses measures nothing."""
    from perflib.errors import PerflibError
    from perflib.pipeline import read_record

    bases = [read_record(p) for p in SAMPLES]
    for i, path in enumerate(reports):
        base = bases[i % len(bases)]
        try:
            rec = read_record(path, require_figures=True)
        except PerflibError as exc:
            sys.exit(f"generated report refused by the parser: {exc}")
        want = (vary_department(base.department, i) if base.department else None,
                variant_year(i) if base.year else None)
        if (rec.department, rec.year) != want:
            sys.exit(f"{path}: read as {rec.department} {rec.year}, generated as {want[0]} {want[1]}")
        for block in ("overall", "projects", "basic"):
            if rec.block(block) != base.block(block):
                sys.exit(f"{path}: {block} figures differ from its sample's: {rec.block(block)} vs {base.block(block)}")


def make_pdfs(folder: Path, copies: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures_files import write_pdf

    text = SAMPLES[0].read_text(encoding="utf-8")
    chunks = [c for c in re.split(r"\n\s*\n", text) if c.strip()]
    pages = ["\n\n".join(chunks[i:i + 4]) for i in range(0, len(chunks), 4)]
    return [write_pdf(folder / f"p{i}.pdf", pages, header="部门整体支出绩效评价报告") for i in range(copies)]


# ---- measuring ---------------------------------------------------------------------------------

class TreeMemory:
    """Peak total RSS and PSS of a process and all its descendants, sampled every 0.1 s."""

    def __init__(self, pid: int):
        import psutil

        self.root = psutil.Process(pid)
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        import psutil

        while not self._stop.is_set():
            rss = pss = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    m = p.memory_full_info()
                    rss += m.rss
                    pss += getattr(m, "pss", m.rss)
                except psutil.Error:
                    pass
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(0.1)

    def stop(self):
        self._stop.set()
        self._thread.join()


def run(cmd: list, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


def naive(reports: list[Path], work: Path) -> float:
    """Seconds per report for the papermill CLI + nbconvert CLI pair."""
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, r in enumerate(reports):
        naive_one(r, work / f"out{i}.ipynb")
    return (time.perf_counter() - start) / len(reports)


def naive_one(r: Path, nb: Path) -> None:
    p = run([BIN / "papermill", NOTEBOOK, nb, "-p", "source", r, "--cwd", NOTEBOOK.parent, "--no-progress-bar"])
    if p.returncode:
        sys.exit(f"naive papermill failed on {r}: {p.stderr[-500:]}")
    p = run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", nb])
    if p.returncode:
        sys.exit(f"naive nbconvert failed on {r}: {p.stderr[-500:]}")


def perflib_batch(src: Path, out: Path, *options: str, observe: bool = False,
                  env: dict | None = None) -> tuple[float, TreeMemory | None]:
    """`perflib batch SRC -o OUT OPTIONS…` from a clean output folder: seconds, and with `observe` its
    memory. An observed batch is slower (reading every process's PSS 10 times a second costs CPU and
    holds up their page faults: ~10 % here), so a run is either timed or observed, never both."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "perflib"), "batch", str(src), "-o", str(out), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env} if env else None)
    mem = TreeMemory(proc.pid) if observe else None
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if mem:
        mem.stop()
    if proc.returncode:
        sys.exit(f"perflib batch {' '.join(options)} failed ({proc.returncode}): {stderr[-1000:]}")
    return seconds, mem


def dask_batch(src: Path, out: Path, workers: int) -> tuple[float, float]:
    """The same batch on a Dask LocalCluster (loopback, one thread per worker process).
    The cluster is started first and not timed: a real cluster serves many batches."""
    from distributed import LocalCluster

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    startup = time.perf_counter() - start
    try:
        seconds, _ = perflib_batch(src, out, "--scheduler", cluster.scheduler_address)
    finally:
        cluster.close()
    return seconds, startup


def same_pages(a: Path, b: Path) -> str:
    pages = sorted(p.name for p in a.glob("*.html"))
    differ = [n for n in pages if not (b / n).is_file() or (a / n).read_bytes() != (b / n).read_bytes()]
    return f"{len(pages) - len(differ)}/{len(pages)} pages byte-identical to the local batch's"


def floor(reports: list[Path], charts: bool = True) -> tuple[float, float]:
    """Seconds and CPU seconds per report, one warm process, no kernel: parse … charts (unless not
    `charts`), page HTML, page font."""
    code = r"""
import sys, time
from pathlib import Path
from perflib.present import charts
from perflib.present import page
from perflib.present.html import esc
from perflib.pipeline import analyze
from perflib.present.webfont import font_face_css

def one(path):
    a = analyze(path)
    figures = "".join(f'<figure class="pl-chart" role="img" aria-label="{esc(charts.alt_text(f))}">{charts.svg_markup(f)}</figure>'
                      for f in charts.all_charts(a.record, a.metrics)) if DRAW else ""
    body = "".join([page.header(a), page.summary(a), page.key_figures(a), page.chart_heading("图表"), figures,
                    page.tasks(a), page.indicators(a), page.problems_and_plans(a), page.checks(a), page.appendix(a)])
    html = f"<!DOCTYPE html><html><head><style></style></head><body>{body}</body></html>"
    return font_face_css(html) + html

DRAW, paths = sys.argv[1] == "charts", sys.argv[2:]
one(paths[0])  # warm: imports, font cache
start, cpu = time.perf_counter(), time.process_time()
for p in paths:
    one(p)
print((time.perf_counter() - start) / len(paths), (time.process_time() - cpu) / len(paths))
"""
    p = run([sys.executable, "-c", code, "charts" if charts else "none", *reports])
    if p.returncode:
        sys.exit(f"floor failed: {p.stderr[-1000:]}")
    wall, cpu = p.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def cold_render(report: Path, out: Path, times: int = 3) -> float:
    walls = []
    for _ in range(times):
        start = time.perf_counter()
        p = run([BIN / "perflib", "render", report, "-o", out])
        walls.append(time.perf_counter() - start)
        if p.returncode:
            sys.exit(f"perflib render failed: {p.stderr[-500:]}")
        if p.stderr.strip():
            print(f"  note: perflib render wrote to stderr: {p.stderr.strip()[:200]}")
    return statistics.median(walls)


def parse_rate(paths: list[Path], min_seconds: float = 2.0, runs: int = 1) -> tuple[float, int, float]:
    """Reports parsed per second on one core (read, normalize, parse, checks), after a warm-up:
    (rate, pages, first-pass rate), the best of `runs` fresh processes. The rate loops over the
    reports again and again, so what the parser keeps per line of text (a few lru_caches) is warm
    from the second pass on; the first-pass rate reads each report once, new to the process
    (imports and patterns warmed on another), as a batch does."""
    best = [_parse_rate_once(paths, min_seconds) for _ in range(runs)]
    return max(r for r, _, _ in best), best[0][1], max(f for _, _, f in best)


def _parse_rate_once(paths: list[Path], min_seconds: float) -> tuple[float, int, float]:
    code = r"""
import sys, time
from perflib.pipeline import read_record
from perflib.read.files import read_document
paths, need = sys.argv[2:], float(sys.argv[1])
read_record(paths[0])
start = time.perf_counter()
for p in paths[1:]:
    read_record(p)
first = (len(paths) - 1) / (time.perf_counter() - start)
pages = sum(read_document(p).source.pages or 1 for p in paths)
n, start = 0, time.perf_counter()
while time.perf_counter() - start < need:
    for p in paths:
        read_record(p)
    n += 1
print(n * len(paths) / (time.perf_counter() - start), pages, first)
"""
    p = run(["taskset", "-c", "0", sys.executable, "-c", code, min_seconds, *paths] if shutil.which("taskset")
            else [sys.executable, "-c", code, min_seconds, *paths])
    if p.returncode:
        sys.exit(f"parse benchmark failed: {p.stderr[-1000:]}")
    rate, pages, first = p.stdout.split()
    return float(rate), int(pages), float(first)


def parse_rows(reports: list[Path], work: Path) -> None:
    """The two parse rows: text reports (the generated ones) and PDFs, one core each."""
    rate, _, first = parse_rate(reports[:min(len(reports), 48)], runs=3)
    print(f"parse    text {rate:7.0f} reports/s on one core   (target ≥ 1,000; "
          f"{first:.0f}/s on a first pass over them; best of 3)")
    pdfs = make_pdfs(work / "pdf", 4)
    prate, ppages, _ = parse_rate(pdfs)
    per_report = ppages / len(pdfs)
    print(f"parse    PDF  {prate:7.1f} reports/s = {prate * per_report:.0f} pages/s on one core "
          f"({per_report:.0f} pages each; target ≥ 30 pages/s)")


# ---- the portable paths (macOS, Windows) ----------------------------------------------------------

def portable_rows(reports: list[Path], work: Path, cores: int, fork_seconds: float) -> None:
    """`--portable`: the batch and a cold render again with PERFLIB_PORTABLE=1 (spawn workers, every
    kernel started as papermill starts one, TCP sockets: what macOS and Windows run), per page."""
    before = os.environ.get("PERFLIB_PORTABLE")
    os.environ["PERFLIB_PORTABLE"] = "1"  # inherited by every process perflib_batch and cold_render start
    try:
        secs, _ = perflib_batch(reports[0].parent, work / "out-portable", "-j", str(cores))
        _, mem = perflib_batch(reports[0].parent, work / "out-portable", "-j", str(cores), observe=True)
        cold = cold_render(reports[0], work / "out-cold-portable")
    finally:
        if before is None:
            del os.environ["PERFLIB_PORTABLE"]
        else:
            os.environ["PERFLIB_PORTABLE"] = before
    per_page, fork_per_page = secs / len(reports), fork_seconds / len(reports)
    print(f"portable {per_page:7.3f} s/report   (PERFLIB_PORTABLE=1 perflib batch -j {cores}: spawn workers, "
          f"kernels started one by one; {per_page / fork_per_page:.2f}× the fork path, "
          f"+{per_page - fork_per_page:.3f} s a page; {same_pages(work / 'out-perflib', work / 'out-portable')})")
    print(f"         peak memory of the batch (a second, observed run), all processes: RSS "
          f"{mem.peak_rss / 2**20:.0f} MB, PSS {mem.peak_pss / 2**20:.0f} MB;  "
          f"cold PERFLIB_PORTABLE=1 perflib render {cold:.2f} s")


# ---- main --------------------------------------------------------------------------------------

def no_chart_notebook(folder: Path) -> Path:
    """A copy of the department-year notebook whose charts cell draws nothing (it shows the heading
    and the sentences a page has where a chart is missing)."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "charts.all_charts" in "".join(c["source"])]
    if len(cells) != 1:
        sys.exit(f"--no-charts: no single charts cell (charts.all_charts) in {NOTEBOOK}")
    cells[0]["source"] = ['display(page.chart_heading("图表"))\n', "display(page.charts_missing(analysis))\n"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NOTEBOOK.name
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return path


def no_chart_rows(reports: list[Path], work: Path, cores: int, fl: float) -> None:
    """The batch with no chart drawn, against the floor (which draws them) and the floor without them."""
    nb = no_chart_notebook(work / "no-charts")
    secs, _ = perflib_batch(work / "reports", work / "out-no-charts", "-j", str(cores),
                            env={"PERFLIB_NOTEBOOK": str(nb)})
    bare = secs / len(reports)
    plain = floor(reports, charts=False)[0] / cores
    print(f"no charts {bare:6.3f} s/report   (the same batch, the notebook's charts cell emptied: a kernel, papermill, "
          f"the export and the font a page, nothing drawn) = {bare / fl:.2f}× the floor; the floor without "
          f"charts {plain:.3f} s/report")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=48)
    ap.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--naive-sample", type=int, default=0,
                    help="time the naive pair on only this many of the N reports (0: all N)")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--skip-dask", action="store_true", help="no Dask LocalCluster row")
    ap.add_argument("--only-batch", action="store_true", help="just the perflib batch row (e.g. for memory at N=500)")
    ap.add_argument("--only-parse", action="store_true", help="just the parse rows (text, PDF) on one core")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    ap.add_argument("--no-charts", action="store_true",
                    help="also the batch and the floor with no chart drawn (what the machinery costs by itself)")
    ap.add_argument("--portable", action="store_true",
                    help="also the batch and a cold render on the portable paths (PERFLIB_PORTABLE=1: macOS, Windows)")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="perflib-bench-"))
    cores = args.jobs
    print(f"machine: {platform.node()} · {os.cpu_count()} cores ({cores} used) · "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB · Python {platform.python_version()}"
          f" · load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    reports = make_reports(args.n, work / "reports")
    check_reports(reports)
    print(f"{len(reports)} reports generated from {len(SAMPLES)} sample(s) in {work / 'reports'}")

    if args.only_parse:
        parse_rows(reports, work)
        return
    # The page font's base is cut once per machine, on first use; not part of any row below.
    run([sys.executable, "-c", "from perflib.present.webfont import prepare; prepare()"])

    # The floor is measured just before the batch and just after it: this machine's speed drifts by
    # a third from minute to minute, and the ratio takes their mean.
    floor_before = None if args.only_batch else floor(reports)
    secs, _ = perflib_batch(work / "reports", work / "out-perflib", "-j", str(cores))
    floor_after = None if args.only_batch else floor(reports)
    fast = secs / len(reports)
    pages = sorted(p.stat().st_size for p in (work / "out-perflib").glob("*.html")
                   if p.name not in ("index.html", "portfolio.html"))
    print(f"perflib  {fast:7.3f} s/report   (perflib batch -j {cores}, {len(reports)} reports in {secs:.1f} s, "
          f"{len(pages)} report pages)")
    print(f"         report pages {pages[0] / 1024:.0f}–{pages[-1] / 1024:.0f} KB, median "
          f"{statistics.median(pages) / 1024:.0f} KB (target < 400 KB)")
    _, mem = perflib_batch(work / "reports", work / "out-perflib-observed", "-j", str(cores), observe=True)
    print(f"         peak memory of the batch (a second, observed run), all processes: "
          f"RSS {mem.peak_rss / 2**20:.0f} MB, PSS {mem.peak_pss / 2**20:.0f} MB")
    if args.portable:
        portable_rows(reports, work, cores, secs)
    if args.only_batch:
        return
    if not args.skip_dask:
        dsecs, startup = dask_batch(work / "reports", work / "out-dask", cores)
        print(f"dask     {dsecs / len(reports):7.3f} s/report   (perflib batch --scheduler, LocalCluster of {cores} "
              f"workers; cluster start-up {startup:.1f} s not counted; "
              f"{same_pages(work / 'out-perflib', work / 'out-dask')})")

    fl = (floor_before[0] + floor_after[0]) / 2 / cores
    fl_cpu = (floor_before[1] + floor_after[1]) / 2
    # its CPU time beside its clock time shows how much other work on the machine slowed this run
    print(f"floor    {fl:7.3f} s/report   (one warm process, no kernel, ÷ {cores} cores; "
          f"{fl_cpu:.3f} CPU-s per report; the mean of {floor_before[0] / cores:.3f} s measured "
          f"before the batch and {floor_after[0] / cores:.3f} s after)")
    print(f"         perflib / floor = {fast / fl:.2f}×   (target ≤ 2×)")
    if args.no_charts:
        no_chart_rows(reports, work, cores, fl)

    if not args.skip_naive:
        sample = reports[:args.naive_sample] if args.naive_sample else reports
        nv = naive(sample, work / "naive")
        print(f"naive    {nv:7.3f} s/report   (papermill CLI + nbconvert CLI, one after another, "
              f"{len(sample)} reports)")
        print(f"         naive / perflib = {nv / fast:.1f}×   (target ≥ 12×)")
        one = naive(reports[:1], work / "naive1")
        cold = cold_render(reports[0], work / "out-cold")
        print(f"cold     perflib render {cold:.2f} s vs naive pair {one:.2f} s for one report: "
              f"{cold / one:.2f} (target ≤ 0.5)")
    else:
        cold = cold_render(reports[0], work / "out-cold")
        print(f"cold     perflib render {cold:.2f} s (naive pair skipped)")

    parse_rows(reports, work)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
