"""Stand-in for `perflib batch` until it is merged: JOBS worker processes, one Renderer each.

    python bench/renderer_pool.py REPORT_DIR OUTDIR JOBS

This is exactly how a batch worker is meant to use perflib.render: the per-process
Renderer behind render_report()/execute(), created on first use, closed at exit.
"""
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def render_one(path: str, outdir: str) -> str:
    from perflib.render import render_report

    return str(render_report(path, Path(outdir)))


def main() -> None:
    src, outdir, jobs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    reports = sorted(str(p) for p in src.glob("*.txt"))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for _ in pool.map(render_one, reports, [outdir] * len(reports), chunksize=1):
            pass


if __name__ == "__main__":
    main()
