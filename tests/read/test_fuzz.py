"""Fuzzing the readers: mutated real-shaped files never crash, hang or blow up `perflib parse`.

Each case is a real-shaped report (.txt, .pdf, .docx from data/samples; .xlsx, .html, .xls built
here) mutated by bit flips, truncation, swapped or renamed zip parts, deep nesting or a cell flood.
Cases run through `perflib.cli.main` in worker processes under a time and memory budget
(perflib.run.budget), for speed, and a few through the real command. Every case must end in exit
0, 2 or 3, with at most one plain sentence (no traceback) on stderr, within its budget.
"""
import contextlib
import io
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import hostile_files as hf
from paths import ROOT, SEED

pytestmark = pytest.mark.slow
SAMPLES = ROOT / "data" / "samples"
SECONDS = 50  # for the in-process cases; the subprocess ones come on top
CASE_BUDGET = dict(seconds=20, memory_mb=1024)


# --- real-shaped seeds ----------------------------------------------------------------------------
def _seeds(tmp: Path) -> dict[str, bytes]:
    seeds = {
        "seed.txt": SEED.read_bytes(),
        "gbk.txt": SEED.read_text(encoding="utf-8").encode("gb18030"),
        "sample.pdf": (SAMPLES / "2022_jiaoyu.pdf").read_bytes(),
        "sample.docx": (SAMPLES / "2021_wenguang.docx").read_bytes(),
    }
    text = SEED.read_text(encoding="utf-8")
    paras = "".join(f"<p>{line}</p>\n" for line in text.splitlines()[:60])
    seeds["page.html"] = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title></head><body>"
                          f"<div class='article'><h1>绩效评价报告</h1>{paras}</div></body></html>").encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (("项目", "年初预算数", "全年预算数", "全年执行数"), ("年度资金总额", 4982.39, 6364.24, 6364.24),
                ("基本支出", 3000, 3100.5, 3100.5), ("项目支出", 1982.39, 3263.74, 3263.74)):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    seeds["form.xlsx"] = buf.getvalue()
    seeds["form.xls"] = hf.formatted_cells_xls(tmp / "small.xls", rows=10, cols=6).read_bytes()
    return seeds


# --- mutations ----------------------------------------------------------------------------------------
def bit_flips(rng, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def truncate(rng, data: bytes) -> bytes:
    return data[:rng.randrange(1, len(data))]


def splice(rng, data: bytes) -> bytes:
    """A slice of the file repeated in place (duplicated objects, runs of markup)."""
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 4096))
    return data[:j] + data[i:j] * rng.randint(2, 50) + data[j:]


def _rezip(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    members = change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in members:
            out.writestr(name, body)
    return buf.getvalue()


def swap_parts(rng, data: bytes) -> bytes:
    """Two parts' contents swapped (or one renamed away)."""
    def change(members):
        if len(members) < 2 or rng.random() < 0.3:
            i = rng.randrange(len(members))
            members[i] = ("misc/" + members[i][0], members[i][1])
            return members
        i, j = rng.sample(range(len(members)), 2)
        (a, x), (b, y) = members[i], members[j]
        members[i], members[j] = (a, y), (b, x)
        return members
    return _rezip(data, change)


def nest_xml(rng, data: bytes) -> bytes:
    """The main XML part with thousands of nested elements (or an entity declaration) inserted."""
    depth = rng.choice([1_000, 20_000, 100_000])
    tag = rng.choice([b"w:p", b"w:r", b"c", b"x"])

    def change(members):
        out = []
        for name, body in members:
            if name in ("word/document.xml", "xl/worksheets/sheet1.xml"):
                if rng.random() < 0.2:
                    body = body.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY e "&#x41;">]>', 1)
                else:
                    at = body.rfind(b"</")
                    body = body[:at] + (b"<" + tag + b">") * depth + (b"</" + tag + b">") * depth + body[at:]
            out.append((name, body))
        return out
    return _rezip(data, change)


def cell_flood(rng, data: bytes) -> bytes:
    """The sheet given a huge dimension and many empty formatted cells."""
    rows = rng.choice([1_000, 50_000])

    def change(members):
        out = []
        for name, body in members:
            if name == "xl/worksheets/sheet1.xml":
                flood = b"".join(b'<row r="%d"><c r="A%d" s="0"/><c r="Z%d" s="0"/></row>' % (r, r, r)
                                 for r in range(100, 100 + rows))
                body = body.replace(b"</sheetData>", flood + b"</sheetData>")
                body = body.replace(b'<dimension ref="', b'<dimension ref="A1:XFD1048576" x="', 1)
            out.append((name, body))
        return out
    return _rezip(data, change)


def nest_html(rng, data: bytes) -> bytes:
    depth = rng.choice([600, 10_000, 100_000])
    tag = rng.choice([b"div", b"span", b"table", b"b"])
    closed = rng.random() < 0.5
    at = data.find(b"<h1>")
    return data[:at] + b"<%s>" % tag * depth + (b"</%s>" % tag * depth if closed else b"") + data[at:]


MUTATORS = {
    ".txt": [bit_flips, truncate, splice],
    ".pdf": [bit_flips, truncate, splice],
    ".docx": [bit_flips, truncate, swap_parts, nest_xml],
    ".xlsx": [bit_flips, truncate, swap_parts, nest_xml, cell_flood],
    ".html": [bit_flips, truncate, splice, nest_html],
    ".xls": [bit_flips, truncate, splice],
}


# --- running a case ----------------------------------------------------------------------------------
def parse_in_process(path: str) -> tuple[int, str, str, float]:
    """`perflib parse PATH` via cli.main, in a budgeted worker; (exit, stdout tail, stderr, seconds)."""
    from perflib.cli import main

    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["parse", path])
        except SystemExit as exc:  # argparse; never expected here
            code = exc.code
    return code, out.getvalue()[-200:], err.getvalue(), time.monotonic() - start


def check_outcome(name: str, code: int, stderr: str) -> None:
    assert code in (0, 2, 3), f"{name}: exit {code}: {stderr}"
    assert "Traceback" not in stderr, f"{name}: {stderr}"
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if ": warning: " not in line]
    if code == 0:
        assert not errors, f"{name}: {stderr}"
    else:
        assert len(errors) == 1 and errors[0].startswith("perflib: "), f"{name}: {stderr}"


def _cases(tmp: Path, rng: random.Random, seeds: dict[str, bytes], n: int) -> list[str]:
    paths = []
    names = sorted(seeds)
    for i in range(n):
        seed = names[i % len(names)]
        suffix = Path(seed).suffix
        mutate = rng.choice(MUTATORS[suffix])
        try:
            data = mutate(rng, seeds[seed])
        except zipfile.BadZipFile:  # a mutation of a mutation; never for these seeds
            continue
        path = tmp / f"{i:04d}_{mutate.__name__}_{seed}"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def test_mutated_files_never_crash_hang_or_blow_up(tmp_path):
    from perflib.run.budget import Budget, BoundedPool, Exceeded

    rng = random.Random(20261128)
    seeds = _seeds(tmp_path)
    start, done, outcomes = time.monotonic(), 0, {}
    import psutil

    # a forked worker starts as big as this process (its pages count as resident): budget above that
    budget = Budget(seconds=CASE_BUDGET["seconds"], memory_mb=psutil.Process().memory_info().rss // 2**20 + CASE_BUDGET["memory_mb"])
    while time.monotonic() - start < SECONDS:
        batch = _cases(tmp_path, rng, seeds, 24)
        for path, res in BoundedPool(2, budget, stage="reading").map(parse_in_process, batch):
            name = Path(path).name
            assert not isinstance(res, Exceeded), f"{name}: {res.error}"
            code, _, stderr, seconds = res
            check_outcome(name, code, stderr)
            outcomes[code] = outcomes.get(code, 0) + 1
            done += 1
    print(f"fuzz: {done} cases, exit codes {outcomes}")
    assert done >= 50, f"only {done} cases in {SECONDS} s"
    assert outcomes.get(2), outcomes  # the mutations did break files


def test_a_few_mutated_files_through_the_real_command(tmp_path):
    rng = random.Random(7)
    seeds = _seeds(tmp_path)
    for path in _cases(tmp_path, rng, seeds, 8):
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", path], capture_output=True,
                              text=True, timeout=60)
        assert time.monotonic() - start < 30, path
        check_outcome(Path(path).name, proc.returncode, proc.stderr)
