"""Seconds per report: the local process pool vs a Dask LocalCluster, same N generated reports.

    python bench/bench_dask.py [N] [-j JOBS]

1. pool  — `perflib batch DIR -o OUT -j JOBS` from a clean output folder;
2. dask  — `perflib batch DIR -o OUT --scheduler ADDR` against a LocalCluster of JOBS worker
           processes (1 thread each, loopback), started beforehand (its start-up time is printed
           on its own line, not counted: a real cluster is started once and serves many batches).

Both include reading every report on the client, the portfolio page, index and tables; the two
output folders are compared page by page.  A script that prints what it measured; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def timed_batch(src: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "batch", str(src), "-o", str(out), *extra],
                          capture_output=True, text=True, encoding="utf-8")
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench_dask: batch {' '.join(extra)} failed:\n{proc.stdout}{proc.stderr}")
    return seconds


def same_pages(a: Path, b: Path) -> str:
    pages = sorted(p.name for p in a.glob("*.html"))
    differ = [n for n in pages if not (b / n).is_file() or (a / n).read_bytes() != (b / n).read_bytes()]
    return f"{len(pages) - len(differ)}/{len(pages)} pages identical"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=8, help="reports to generate (default 8)")
    ap.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = ap.parse_args()

    from corpus import write_samples
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="perflib-bench-dask-") as tmp:
        tmp = Path(tmp)
        src = tmp / "reports"
        write_samples(src, args.n, seed=1)
        print(f"{args.n} generated reports, {args.jobs} worker processes, {os.cpu_count()} CPUs")

        pool = timed_batch(src, tmp / "pool", "-j", str(args.jobs))

        start = time.perf_counter()
        cluster = LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        startup = time.perf_counter() - start
        try:
            dask = timed_batch(src, tmp / "dask", "--scheduler", cluster.scheduler_address)
        finally:
            cluster.close()

        print(f"{'local process pool (-j ' + str(args.jobs) + ')':<34} {pool / args.n:6.2f} s/report"
              f"  ({pool:.1f} s total)")
        print(f"{'Dask LocalCluster (' + str(args.jobs) + ' workers)':<34} {dask / args.n:6.2f} s/report"
              f"  ({dask:.1f} s total; cluster start-up {startup:.1f} s not counted)")
        print(f"output: {same_pages(tmp / 'pool', tmp / 'dask')}")


if __name__ == "__main__":
    main()
