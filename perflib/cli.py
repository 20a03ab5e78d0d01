"""`perflib parse|render|batch`: exit codes and messages as CONTRACT.md says."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PerflibError, one_line


def _say(line: str) -> None:
    print(f"perflib: {line}", file=sys.stderr)


def _corrections(args):
    """The --corrections file, read and checked before any report (a bad row: exit 2)."""
    from .corrections import load

    return load(args.corrections) if getattr(args, "corrections", None) else None


def _cmd_parse(args) -> int:
    from .corrections import report_problems
    from .pipeline import read_record, require_budget_figure
    from .record_json import to_json

    corrections = _corrections(args)
    rec = read_record(args.path, corrections=corrections)
    sys.stdout.write(to_json(rec) + "\n")  # exit 3 may still carry the record
    for w in rec.warnings:
        print(f"{args.path}: warning: {w}", file=sys.stderr)
    for line in report_problems(rec, corrections):
        _say(line)
    require_budget_figure(rec, args.path)
    return 0


def _cmd_render(args) -> int:
    from .run.outfiles import usable_outdir
    from .run.render import render_report

    html_path = render_report(args.path, usable_outdir(args.outdir), corrections=_corrections(args), say=_say)
    print(html_path)
    return 0


def _cmd_batch(args) -> int:
    from .run.batch import run_batch
    from .run.jobs import quiet_interrupts

    quiet_interrupts()
    return run_batch(args)


CORRECTIONS_HELP = ("hand corrections: a CSV with the columns file,field,value,note, or the filled review "
                    "sheet (review.csv / review.xlsx) as it is; see README 'Corrections'")


def _at_least(low: float, kind=int):
    """An argparse type: a number of `kind`, `low` or more (not -3 workers, a timeout of -5 s or NaN)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not value >= low:  # (NaN compares false)
            raise argparse.ArgumentTypeError(f"must be {low} or more: {text!r}")
        return value

    parse.__name__ = kind.__name__  # (argparse names the type in its messages)
    return parse


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="perflib", description="Read, check and narrate 部门整体支出绩效评价报告.")
    p.add_argument("--version", action="version", version=f"perflib {__version__}",
                   help="print perflib's version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="{parse,render,batch}",
                           help="what to do; perflib COMMAND --help lists its options")
    sp = sub.add_parser("parse", help="print one report's record as JSON",
                        description="Read one report and print its record as JSON (see CONTRACT.md).")
    sp.add_argument("path", help="the report: .txt, .pdf, .docx, .doc, .html, .xlsx or .xls")
    sp.add_argument("--corrections", metavar="CSV", default=None, help=CORRECTIONS_HELP)
    sp.set_defaults(func=_cmd_parse)
    sr = sub.add_parser("render", help="render one report to a self-contained HTML file",
                        description="Render one report to one self-contained HTML page; prints its path.")
    sr.add_argument("path", help="the report: .txt, .pdf, .docx, .doc, .html, .xlsx or .xls")
    sr.add_argument("-o", "--outdir", default="outputs", help="folder the page is written to (default: outputs)")
    sr.add_argument("--corrections", metavar="CSV", default=None, help=CORRECTIONS_HELP)
    sr.set_defaults(func=_cmd_render)
    sb = sub.add_parser("batch", help="render every report in a folder or manifest",
                        description="Render every report of a folder (or a manifest CSV: path[,department,year,region]) "
                                    "with an index, the dataset, the portfolio and the review sheet.")
    sb.add_argument("source", nargs="?", default="data",
                    help="a folder of reports (searched recursively) or a manifest CSV (default: data)")
    sb.add_argument("-o", "--outdir", default="outputs", help="folder the pages and tables are written to "
                                                              "(default: outputs)")
    sb.add_argument("-j", "--jobs", type=_at_least(1, int), default=None,
                    help="reports read and rendered at once (default: the number of cores)")
    sb.add_argument("--force", action="store_true", help="render everything, even unchanged reports")
    sb.add_argument("--no-pages", action="store_true",
                    help="read every report and write the dataset, indexes and portfolios, but no department-year pages")
    sb.add_argument("--corrections", metavar="FILE", default=None,
                    help=CORRECTIONS_HELP + " (default: corrections.csv in the source folder, when present)")
    sb.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                    help="render the report pages on this Dask cluster (pip install 'perflib[dask]'); "
                         "-j is then ignored")
    from .run.budget import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

    sb.add_argument("--timeout", type=_at_least(0, float), metavar="SECONDS", default=DEFAULT_TIMEOUT,
                    help="a report that takes longer to read, or to render, is stopped and listed as failed "
                         f"(default {DEFAULT_TIMEOUT} s; 0: no limit)")
    sb.add_argument("--max-memory", type=_at_least(0, int), metavar="MB", default=DEFAULT_MAX_MEMORY,
                    help="a report whose worker (with its kernels) needs more memory is stopped and listed as "
                         f"failed (default {DEFAULT_MAX_MEMORY} MB; 0: no limit)")
    sb.add_argument("--wait", action="store_true",
                    help="when another batch is writing into OUTDIR, wait for it (default: exit 2 saying so)")
    sb.set_defaults(func=_cmd_batch)
    return p


INTERRUPTED_EXIT_WITHIN = 30  # seconds: after Ctrl-C, the process is gone by then whatever hangs


def _exit_anyway_after(seconds: float) -> None:
    """End the process with 130 in `seconds` should its exit hang.

    The workers are stopped before the interrupt reaches main(); what is left is Python's own exit:
    joining threads and child processes, atexit handlers. A Ctrl-C that landed inside one of those
    (a lock left held) would keep the batch alive after "interrupted"."""
    import os
    import threading

    timer = threading.Timer(seconds, os._exit, (130,))
    timer.daemon = True
    timer.start()


def _forget_interrupted_exec() -> None:
    """Let an interrupt we handled end the process with 130.

    CPython marks a KeyboardInterrupt that ends a string exec() as unhandled even when it is caught
    later, and `python -m perflib.cli` then kills itself with SIGINT at exit (-2, not 130). Ctrl-C
    lands in one whenever it hits a dataclass or namedtuple being defined (an import, say). The mark
    is cleared as every string exec starts."""
    exec("", {})


def _utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever the locale: the record is UTF-8 JSON (CONTRACT.md), and
    on Windows a redirected stream is in the ANSI code page (cp1252 cannot write a Chinese name at
    all; cp936 writes GBK). A stream that is not a text file (a test's capture) is left as it is."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors=errors)


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    args = None
    try:
        args = build_parser().parse_args(argv)  # its imports are where an early Ctrl-C lands
        return args.func(args)
    except PerflibError as exc:
        print(one_line(f"perflib: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("perflib: interrupted", file=sys.stderr)
        _forget_interrupted_exec()
        _exit_anyway_after(INTERRUPTED_EXIT_WITHIN)
        return 130
    except Exception as exc:  # never a traceback for the user; say what and where
        where = getattr(args, "path", None) or getattr(args, "source", "")
        where = f"{where}: " if where else ""
        print(one_line(f"perflib: {where}internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
