"""Measure perflib's parser on real-phrasing fixtures (tests/real_phrasing/).

    .venv/bin/python bench/eval_phrasing.py [--fixtures DIR] [--json] [--show-errors] [--via auto|import|cli]

Each fixture is `NNN_slug.txt` (a report opening, written for this set with invented names and
figures) and `NNN_slug.json`: what a careful human reads —

    {"kind": "department"|"project"|"final_accounts"|"attachment_only"|"other",
     "department": str|null, "year": int|null,
     "fields": {"overall.actual": "123.45", "projects.count": 12, "basic.completion_rate": "98.4", ...},
     "phenomena": ["label:预算安排", "other-year", ...]}

Money is 万元 with 2 decimals, rates are percent as written, and only figures a careful reader is
sure of are listed: a field that is not listed must stay null, so any value there is a false positive.

Scoring, per field:
- department fixtures: every field is compared. TP = the value equals the expected one (money to
  2 decimals, rates and counts numerically); FP = a value where none is expected, or a different
  value; FN = an expected value missing or different (a wrong value is both FP and FN).
- other kinds: when perflib takes the file for a department report (exit 0 and `kind` absent or
  "department"), every figure it outputs is a false positive; when it says the file is not one
  (exit 3, or a non-department `kind`), its figures are not scored.
- kind: the record's `kind` (absent means "department" on exit 0; exit 3 with no kind counts as
  "not-department"); exact-kind accuracy and department-vs-not accuracy are both reported.
- department and year: over department fixtures whose expected value is not null, exact match.

The parser is reached in-process (`perflib.pipeline.read_record`, exit codes emulated from the
record) when that import works, else through the CLI contract (`perflib parse PATH`); `--via cli`
forces the CLI. It is a measurement: it always exits 0.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = ROOT / "tests" / "real_phrasing"

BLOCKS = ("overall", "projects", "basic")
MONEY = ("initial_budget", "adjusted_budget", "actual", "adjustment")
RATES = ("adjustment_rate", "completion_rate")
FIELDS = [f"{b}.{f}" for b in BLOCKS for f in MONEY + RATES] + ["projects.count"]
KINDS = ("department", "project", "final_accounts", "attachment_only", "other")
_MONEY_RE = re.compile(r"-?\d+\.\d{2}")
_RATE_RE = re.compile(r"-?\d+(?:\.\d+)?")
CENT = Decimal("0.01")


# --- fixtures ---------------------------------------------------------------------------

@dataclass
class Fixture:
    name: str
    path: Path
    kind: str
    department: str | None
    year: int | None
    fields: dict
    phenomena: list[str]


def validate_expected(meta: object) -> list[str]:
    """Problems with one fixture's expected JSON (empty when it is well-formed and consistent)."""
    if not isinstance(meta, dict):
        return ["not a JSON object"]
    out = []
    keys = {"kind", "department", "year", "fields", "phenomena"}
    if set(meta) - keys:
        out.append(f"unknown keys {sorted(set(meta) - keys)}")
    if set(keys) - set(meta):
        out.append(f"missing keys {sorted(keys - set(meta))}")
    if meta.get("kind") not in KINDS:
        out.append(f"kind {meta.get('kind')!r} not one of {KINDS}")
    dept = meta.get("department")
    if dept is not None and (not isinstance(dept, str) or not dept.strip()):
        out.append("department must be a non-empty string or null")
    year = meta.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100):
        out.append(f"year {year!r} is not a plausible int or null")
    fields = meta.get("fields")
    if not isinstance(fields, dict):
        out.append("fields must be an object")
        fields = {}
    if fields and meta.get("kind") != "department":
        out.append("only department fixtures list fields")
    for k, v in fields.items():
        if k not in FIELDS:
            out.append(f"unknown field {k!r}")
            continue
        name = k.split(".", 1)[1]
        if name == "count":
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                out.append(f"{k}: count must be a non-negative int, got {v!r}")
        elif name in MONEY:
            if not isinstance(v, str) or not _MONEY_RE.fullmatch(v):
                out.append(f"{k}: money must be a string with 2 decimals (万元), got {v!r}")
        elif not isinstance(v, str) or not _RATE_RE.fullmatch(v):
            out.append(f"{k}: rate must be a numeric string (percent, as written), got {v!r}")
    ph = meta.get("phenomena")
    if not isinstance(ph, list) or not all(isinstance(p, str) and p for p in ph):
        out.append("phenomena must be a list of non-empty strings")
    return out


def load_fixtures(directory: Path) -> tuple[list[Fixture], list[str]]:
    """Every NNN_slug.txt with its .json; problems found on the way (missing/invalid JSON)."""
    fixtures, problems = [], []
    for txt in sorted(directory.glob("*.txt")):
        js = txt.with_suffix(".json")
        if not js.exists():
            problems.append(f"{txt.name}: no {js.name}")
            continue
        try:
            meta = json.loads(js.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            problems.append(f"{js.name}: not valid UTF-8 JSON ({e})")
            continue
        bad = validate_expected(meta)
        if bad:
            problems += [f"{js.name}: {b}" for b in bad]
            continue
        fixtures.append(Fixture(txt.stem, txt, meta["kind"], meta["department"], meta["year"],
                                meta["fields"], meta["phenomena"]))
    for js in sorted(directory.glob("*.json")):
        if not js.with_suffix(".txt").exists():
            problems.append(f"{js.name}: no {js.with_suffix('.txt').name}")
    return fixtures, problems


# --- running the parser -----------------------------------------------------------------

@dataclass
class Result:
    rc: int
    record: dict | None
    message: str = ""
    via: str = ""


def _perflib_cli() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "perflib"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("perflib")
    return [found] if found else [sys.executable, "-m", "perflib"]


def run_cli(path: Path, timeout: float = 120) -> Result:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    try:
        p = subprocess.run(_perflib_cli() + ["parse", str(path)], capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return Result(2, None, f"timed out after {timeout:.0f} s", "cli")
    out = p.stdout.decode("utf-8", "replace").strip()
    record = None
    if out:
        try:
            record = json.loads(out)
        except ValueError:
            start = out.find("{")  # tolerate a line printed before the object
            try:
                record = json.loads(out[start:]) if start >= 0 else None
            except ValueError:
                record = None
    return Result(p.returncode, record, p.stderr.decode("utf-8", "replace").strip(), "cli")


def _first_attr(modules: list[str], attr: str):
    for name in modules:
        try:
            mod = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the package is being restructured; any failure means "not here"
            continue
        fn = getattr(mod, attr, None)
        if callable(fn):
            return fn
    return None


class InProcess:
    """perflib.pipeline.read_record → record dict, exit code emulated like the CLI's."""

    def __init__(self) -> None:
        self.read_record = _first_attr(["perflib.pipeline", "perflib.run.pipeline"], "read_record")
        self.to_dict = _first_attr(["perflib.record_json", "perflib.present.record_json",
                                    "perflib.run.record_json", "perflib.understand.record_json"], "to_dict")

    @property
    def available(self) -> bool:
        return self.read_record is not None and self.to_dict is not None

    def __call__(self, path: Path) -> Result | None:
        """None when the in-process route failed unexpectedly (the caller falls back to the CLI)."""
        try:
            rec = self.read_record(path)
            record = self.to_dict(rec)
        except Exception as e:  # noqa: BLE001
            names = {c.__name__ for c in type(e).__mro__}
            if "NotAReport" in names:
                return Result(3, None, str(e), "import")
            if "PerflibError" in names:
                return Result(2, None, str(e), "import")
            return None
        kind = record.get("kind")
        if kind not in (None, "department") or not _has_money(record):
            return Result(3, record, "", "import")
        return Result(0, record, "", "import")


def _has_money(record: dict) -> bool:
    return any(isinstance(record.get(b), dict) and record[b].get(f) is not None for b in BLOCKS for f in MONEY)


# --- scoring ----------------------------------------------------------------------------

def _dec(v) -> Decimal | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        return Decimal(str(v))
    except (InvalidOperation, ValueError):
        return None


def got_value(record: dict | None, key: str):
    if not record:
        return None
    block, name = key.split(".", 1)
    b = record.get(block)
    return b.get(name) if isinstance(b, dict) else None


def same(key: str, expected, got) -> bool:
    name = key.split(".", 1)[1]
    if name == "count":
        return isinstance(got, int) and not isinstance(got, bool) and got == expected
    g, e = _dec(got), _dec(expected)
    if g is None or e is None:
        return False
    if name in MONEY:
        return g.quantize(CENT, ROUND_HALF_UP) == e.quantize(CENT, ROUND_HALF_UP)
    return g == e  # rates: numerically equal to the figure as written (100 == 100.00)


def show(v) -> str:
    return "—" if v is None else str(v)


@dataclass
class Counts:
    expected: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.expected += other.expected
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def as_dict(self) -> dict:
        return {"expected": self.expected, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall}


@dataclass
class FixtureScore:
    name: str
    rc: int
    via: str
    kind_expected: str
    kind_got: str
    fields: dict = field(default_factory=dict)  # key -> Counts
    errors: list[str] = field(default_factory=list)
    department_ok: bool | None = None
    year_ok: bool | None = None


def predicted_kind(res: Result) -> str:
    kind = res.record.get("kind") if res.record else None
    if kind:
        return str(kind)
    if res.rc == 0:
        return "department"
    return "unreadable" if res.rc == 2 else "not-department"


def score_fixture(fx: Fixture, res: Result) -> FixtureScore:
    kind = predicted_kind(res)
    s = FixtureScore(fx.name, res.rc, res.via, fx.kind, kind)
    if kind != fx.kind:
        s.errors.append(f"kind: expected {fx.kind}, got {kind} (exit {res.rc}{': ' + res.message if res.message else ''})")
    taken_as_department = res.rc == 0 and kind == "department"
    if fx.kind == "department" or taken_as_department:
        for key in FIELDS:
            exp = fx.fields.get(key)
            got = got_value(res.record, key)
            c = Counts(expected=int(exp is not None))
            if exp is not None and same(key, exp, got):
                c.tp = 1
            else:
                if got is not None:
                    c.fp = 1
                if exp is not None:
                    c.fn = 1
                if got is not None or exp is not None:
                    what = "missed" if got is None else ("spurious" if exp is None else "wrong")
                    s.errors.append(f"{key}: {what}: expected {show(exp)}, got {show(got)}")
            s.fields[key] = c
    if fx.kind == "department":
        rec = res.record or {}
        if fx.department is not None:
            s.department_ok = rec.get("department") == fx.department
            if not s.department_ok:
                s.errors.append(f"department: expected {fx.department}, got {show(rec.get('department'))}")
        if fx.year is not None:
            s.year_ok = rec.get("year") == fx.year
            if not s.year_ok:
                s.errors.append(f"year: expected {fx.year}, got {show(rec.get('year'))}")
    return s


def evaluate(fixtures: list[Fixture], via: str = "auto") -> list[FixtureScore]:
    inproc = InProcess() if via in ("auto", "import") else None
    if via == "import" and not (inproc and inproc.available):
        raise SystemExit("eval_phrasing: --via import: perflib.pipeline.read_record / record_json.to_dict not importable")
    scores = []
    for fx in fixtures:
        res = inproc(fx.path) if inproc and inproc.available else None
        if res is None:
            res = run_cli(fx.path)
        scores.append(score_fixture(fx, res))
    return scores


def summarize(fixtures: list[Fixture], scores: list[FixtureScore]) -> dict:
    per_field = {k: Counts() for k in FIELDS}
    overall = Counts()
    per_phen: dict[str, dict] = {}
    for fx, s in zip(fixtures, scores):
        fc = Counts()
        for k, c in s.fields.items():
            per_field[k].add(c)
            fc.add(c)
        overall.add(fc)
        kind_ok = s.kind_got == s.kind_expected
        for p in fx.phenomena:
            d = per_phen.setdefault(p, {"fixtures": [], "counts": Counts(), "kind_ok": 0})
            d["fixtures"].append(fx.name)
            d["counts"].add(fc)
            d["kind_ok"] += kind_ok
    n = len(scores)
    kind_ok = sum(s.kind_got == s.kind_expected for s in scores)
    binary_ok = sum((s.kind_got == "department") == (s.kind_expected == "department") for s in scores)
    dept = [s.department_ok for s in scores if s.department_ok is not None]
    year = [s.year_ok for s in scores if s.year_ok is not None]
    vias = sorted({s.via for s in scores})
    return {
        "fixtures": n,
        "department_fixtures": sum(f.kind == "department" for f in fixtures),
        "via": vias,
        "fields": {k: c.as_dict() for k, c in per_field.items()},
        "overall": overall.as_dict(),
        "kind": {"accuracy": kind_ok / n if n else None, "correct": kind_ok,
                 "department_vs_not_accuracy": binary_ok / n if n else None, "department_vs_not_correct": binary_ok},
        "department": {"accuracy": sum(dept) / len(dept) if dept else None, "correct": sum(dept), "scored": len(dept)},
        "year": {"accuracy": sum(year) / len(year) if year else None, "correct": sum(year), "scored": len(year)},
        "phenomena": {p: {"fixtures": d["fixtures"], "kind_correct": d["kind_ok"], **d["counts"].as_dict()}
                      for p, d in sorted(per_phen.items())},
        "errors": {s.name: s.errors for s in scores if s.errors},
        "exit_codes": {s.name: s.rc for s in scores},
    }


def _pct(x: float | None) -> str:
    return "   —  " if x is None else f"{100 * x:5.1f}%"


def print_report(summary: dict, show_errors: bool, out=sys.stdout) -> None:
    w = out.write
    w(f"real-phrasing evaluation: {summary['fixtures']} fixtures "
      f"({summary['department_fixtures']} department reports), via {', '.join(summary['via'])}\n\n")
    w(f"{'field':32} {'expected':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}\n")
    for k, c in summary["fields"].items():
        if c["expected"] or c["fp"]:
            w(f"{k:32} {c['expected']:8d} {c['tp']:4d} {c['fp']:4d} {c['fn']:4d} {_pct(c['precision']):>10} {_pct(c['recall']):>8}\n")
    o = summary["overall"]
    w(f"{'ALL FIELDS':32} {o['expected']:8d} {o['tp']:4d} {o['fp']:4d} {o['fn']:4d} {_pct(o['precision']):>10} {_pct(o['recall']):>8}\n\n")
    k = summary["kind"]
    w(f"kind accuracy:        {_pct(k['accuracy'])} ({k['correct']}/{summary['fixtures']}); "
      f"department-vs-not {_pct(k['department_vs_not_accuracy'])} ({k['department_vs_not_correct']}/{summary['fixtures']})\n")
    for name in ("department", "year"):
        d = summary[name]
        w(f"{name + ' accuracy:':22}{_pct(d['accuracy'])} ({d['correct']}/{d['scored']})\n")
    w("\nby phenomenon (fields of the fixtures that show it):\n")
    w(f"{'phenomenon':34} {'n':>3} {'kind ok':>7} {'exp':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>7} {'recall':>7}\n")
    for p, d in summary["phenomena"].items():
        w(f"{p:34} {len(d['fixtures']):3d} {d['kind_correct']:7d} {d['expected']:4d} {d['tp']:4d} {d['fp']:4d} {d['fn']:4d} "
          f"{_pct(d['precision']):>7} {_pct(d['recall']):>7}\n")
    if show_errors:
        w("\nerrors:\n")
        for name, errs in summary["errors"].items():
            for e in errs:
                w(f"  {name}: {e}\n")


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    ap = argparse.ArgumentParser(description="Precision/recall of perflib's parser on real-phrasing fixtures.")
    ap.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES, help="folder of NNN_slug.txt + .json")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--show-errors", action="store_true", help="list every wrong, missed or spurious figure")
    ap.add_argument("--via", choices=("auto", "import", "cli"), default="auto",
                    help="auto: in-process when importable, else the CLI (default)")
    args = ap.parse_args(argv)
    fixtures, problems = load_fixtures(args.fixtures)
    for p in problems:
        print(f"eval_phrasing: fixture problem: {p}", file=sys.stderr)
    scores = evaluate(fixtures, args.via)
    summary = summarize(fixtures, scores)
    summary["fixture_problems"] = problems
    if args.json:
        out.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(summary, args.show_errors, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
