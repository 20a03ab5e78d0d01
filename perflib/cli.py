"""`perflib parse|render|batch`: exit codes and messages as CONTRACT.md says."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PerflibError


def _cmd_parse(args) -> int:
    from .pipeline import read_record, require_budget_figure
    from .record_json import to_json

    rec = read_record(args.path)
    sys.stdout.write(to_json(rec) + "\n")  # exit 3 may still carry the record
    for w in rec.warnings:
        print(f"{args.path}: warning: {w}", file=sys.stderr)
    require_budget_figure(rec, args.path)
    return 0


def _cmd_render(args) -> int:
    from .run.render import render_report

    html_path = render_report(args.path, Path(args.outdir))
    print(html_path)
    return 0


def _cmd_batch(args) -> int:
    from .run.batch import run_batch
    from .run.jobs import quiet_interrupts

    quiet_interrupts()
    return run_batch(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="perflib", description="Read, check and narrate 部门整体支出绩效评价报告.")
    sub = p.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("parse", help="print one report's record as JSON")
    sp.add_argument("path")
    sp.set_defaults(func=_cmd_parse)
    sr = sub.add_parser("render", help="render one report to a self-contained HTML file")
    sr.add_argument("path")
    sr.add_argument("-o", "--outdir", default="outputs")
    sr.set_defaults(func=_cmd_render)
    sb = sub.add_parser("batch", help="render every report in a folder or manifest")
    sb.add_argument("source", nargs="?", default="data")
    sb.add_argument("-o", "--outdir", default="outputs")
    sb.add_argument("-j", "--jobs", type=int, default=None)
    sb.add_argument("--force", action="store_true", help="render everything, even unchanged reports")
    sb.add_argument("--no-pages", action="store_true",
                    help="read every report and write the dataset, indexes and portfolios, but no department-year pages")
    sb.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                    help="render the report pages on this Dask cluster (pip install 'perflib[dask]'); "
                         "-j is then ignored")
    from .run.budget import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

    sb.add_argument("--timeout", type=float, metavar="SECONDS", default=DEFAULT_TIMEOUT,
                    help="a report that takes longer to read, or to render, is stopped and listed as failed "
                         f"(default {DEFAULT_TIMEOUT} s; 0: no limit)")
    sb.add_argument("--max-memory", type=int, metavar="MB", default=DEFAULT_MAX_MEMORY,
                    help="a report whose worker (with its kernels) needs more memory is stopped and listed as "
                         f"failed (default {DEFAULT_MAX_MEMORY} MB; 0: no limit)")
    sb.add_argument("--wait", action="store_true",
                    help="when another batch is writing into OUTDIR, wait for it (default: exit 2 saying so)")
    sb.set_defaults(func=_cmd_batch)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PerflibError as exc:
        print(f"perflib: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("perflib: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for the user; say what and where
        where = getattr(args, "path", None) or getattr(args, "source", "")
        print(f"perflib: {where}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
