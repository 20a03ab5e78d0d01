"""OCR benchmark: scanned pages read per second on one core, and cached re-reads per second.

    .venv/bin/python bench/bench_ocr.py [N=6] [--dpi 200]

Generates N two-page scanned reports (tests/scans.py: prose + ruled tables, 150–200 dpi,
rotated ≤ 1°, noisy) and two dense pages (a full A4 page of prose each), pins itself to
one core (sched_setaffinity; the engine runs on PERFLIB_OCR_THREADS=1 thread), then prints:

- the engine's load time (once per process);
- OCR pages/s over the report pages and over the dense pages (target ≥ 0.5 page/s), by the
  clock and per CPU-second of the process (what a dedicated core gives on a shared machine);
- cached re-reads of the same reports, reports/s (target ≥ 300): the OCR cache in a temp folder;
- how many figures and cells came back exactly (a sanity figure, not an accuracy study);
- side by side, text reports parsed/s and text-layer PDF pages parsed/s on one core
  (bench_render.parse_rate: read, normalize, parse, checks).

It prints figures; it asserts nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_PROSE = ("本部门坚持以人民为中心的发展思想，围绕年度重点工作任务，统筹安排财政资金，"
          "项目支出{a}万元主要用于社区公共服务、基层治理和民生保障，全年共开展专项活动{n}场次，"
          "服务群众{m}人次，预算执行率为{r}%，较上年提高{d}个百分点。")


def dense_page(seed: int) -> list:
    import random

    rng = random.Random(seed)
    return [f"（{i}）" + _PROSE.format(a=f"{rng.uniform(10, 9000):,.2f}", n=rng.randint(3, 90),
                                     m=rng.randint(100, 99999), r=f"{rng.uniform(80, 100):.2f}",
                                     d=f"{rng.uniform(0, 9):.2f}") for i in range(1, 9)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=6)
    ap.add_argument("--dpi", type=int, default=200)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    os.environ.setdefault("PERFLIB_OCR_THREADS", "1")
    cache = tempfile.mkdtemp(prefix="perflib-ocr-bench-")
    os.environ["PERFLIB_CACHE_DIR"] = cache

    from perflib.read import ocr
    from perflib.read.document import Table
    from scans import expected_blocks, make_scanned_pdf, sample_report

    reports = []
    for i in range(args.n):
        pages = sample_report(1000 + i, i % 2)
        data = make_scanned_pdf(pages, seed=1000 + i, dpi=(200, 150, 180)[i % 3], max_angle=1.0)
        reports.append((pages, data, hashlib.sha256(data).hexdigest()))
    dense = make_scanned_pdf([dense_page(1), dense_page(2)], seed=7, dpi=200, max_angle=1.0)

    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores); wall rates fall when "
          f"the core is shared, per-CPU-second rates are what one dedicated core gives")
    t = time.perf_counter()
    ocr.get_engine()
    print(f"engine load      {time.perf_counter() - t:.2f} s (once per process; rapidocr {ocr.engine_version()}, "
          f"{ocr.ocr_threads()} thread, one core)")

    t, c = time.perf_counter(), time.process_time()
    results = [ocr.ocr_pdf_pages(data, [1, 2], sha, dpi=args.dpi, name=f"report{i}")
               for i, (_, data, sha) in enumerate(reports)]
    dt, cpu = time.perf_counter() - t, time.process_time() - c
    n_pages = 2 * len(reports)
    print(f"OCR  reports     {n_pages / dt:.2f} pages/s wall, {n_pages / cpu:.2f} per CPU-second  ({n_pages} pages "
          f"with tables in {dt:.1f} s; target ≥ 0.5)")
    t, c = time.perf_counter(), time.process_time()
    dense_blocks = ocr.ocr_pdf_pages(dense, [1, 2], hashlib.sha256(dense).hexdigest(), dpi=args.dpi, name="dense")
    dt, cpu = time.perf_counter() - t, time.process_time() - c
    chars = sum(len(b.text) for bs in dense_blocks.values() for b in bs)
    print(f"OCR  dense prose {2 / dt:.2f} pages/s wall, {2 / cpu:.2f} per CPU-second  (2 full A4 pages, "
          f"{chars} characters)")

    number = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
    items = right = 0
    for (pages, _, _), got in zip(reports, results):
        for p, want in enumerate(expected_blocks(pages), 1):
            for block, (kind, value) in zip(got[p], want):
                if kind == "t" and isinstance(block, Table):
                    cells = [(g, w) for gr, wr in zip(block.rows, value) for g, w in zip(gr, wr)]
                    items += len(cells)
                    right += sum(g == w for g, w in cells)
                elif kind == "p" and not isinstance(block, Table):
                    items += 1
                    right += number.findall(block.text) == number.findall(value)
    print(f"exact            {right}/{items} table cells and paragraphs' figure lists")

    ocr._ENGINE = None  # a cache hit must not need it

    def boom(name):
        raise RuntimeError("engine loaded on a cache hit")

    ocr._new_engine = boom
    rounds = max(1, 3000 // len(reports))
    t = time.perf_counter()
    for _ in range(rounds):
        for i, (_, data, sha) in enumerate(reports):
            ocr.ocr_pdf_pages(data, [1, 2], sha, dpi=args.dpi, name=f"report{i}")
    dt = time.perf_counter() - t
    n = rounds * len(reports)
    print(f"cached re-read   {n / dt:.0f} reports/s  ({n} two-page reports, {dt / n * 1000:.2f} ms each; "
          f"target ≥ 300)")
    reparse_rate(reports)
    parse_rates()


def reparse_rate(reports) -> None:
    """The whole `read_record` of the same scans again (PDF opened, OCR text from the cache, parse,
    checks): what a batch rerun pays for an unchanged scan."""
    from perflib.pipeline import read_record

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (_, data, _) in enumerate(reports):
            paths.append(Path(tmp) / f"scan{i}.pdf")
            paths[-1].write_bytes(data)
        t, n = time.perf_counter(), 0
        while time.perf_counter() - t < 2:
            for path in paths:
                read_record(path)
            n += len(paths)
        dt = time.perf_counter() - t
    print(f"cached re-parse  {n / dt:.0f} reports/s  (read_record of the same two-page scans: PDF, cached OCR "
          f"text, parse, checks)")


def parse_rates() -> None:
    """Beside OCR, in the same run: the whole read_record of text reports and text-layer PDFs on
    one core (bench_render's measurement, the same code)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_render import SAMPLES, make_pdfs, parse_rate

    rate, _, _ = parse_rate(SAMPLES)
    print(f"parse    text    {rate:7.0f} reports/s on one core   (target ≥ 300)")
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = make_pdfs(Path(tmp), 4)
        prate, ppages, _ = parse_rate(pdfs)
    print(f"parse    PDF     {prate * ppages / len(pdfs):7.0f} pages/s on one core   (text layer; target ≥ 30)")


if __name__ == "__main__":
    main()
