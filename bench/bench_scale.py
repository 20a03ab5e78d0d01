"""What does a province cost? `perflib batch` over N generated department-years, measured.

    python bench/bench_scale.py N [--render K] [-j JOBS] [--keep DIR]

1. generate — a province in `DIR/province/<市>/<区|县>/<year>/<file>`: regions × departments × years
   (2021–2023), every format of the samples in data/samples/ (written by data/samples/make_samples.py
   with the department, the year and the figures varied), one scanned PDF (OCR, ~1 s a page) and
   one legacy .doc (LibreOffice, ~1 s) in every 200 reports, the other 16 formats in turn;
2. check   — every report is parsed once, in a separate cache, and must give the department and
   year it was written with (the script stops otherwise: it measures nothing it cannot read); a kept
   province checked by an earlier run with the same reading code (perflib but run/ and present/)
   is not checked again;
3. measure — `perflib batch DIR/province -o OUT --no-pages` from a clean OUT: parse + dataset +
   indexes + portfolios (top and per region); wall time, reports/s, peak memory of the whole
   process tree (RSS and PSS, sampled every 0.1 s), the size of every page; then the same command
   again with nothing changed;
4. `--render K` — K of the reports with their department-year pages, locally (`-j JOBS`) and on a
   Dask LocalCluster of JOBS workers, each minus the same K without pages, ÷ K: the cost of a page,
   extrapolated to N.

The generated province is kept in `--keep DIR` (generating 10,000 reports takes a while; a second
run with the same N and DIR reuses it).  This script prints what it measured; it asserts nothing
about the figures.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal as D
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "data" / "samples"), str(ROOT / "tests")]

from bench_render import TreeMemory, dask_batch  # noqa: E402  (the same memory probe and cluster)

GENERATOR = 1  # bump when the generated reports change, so a kept province is made again
YEARS = (2021, 2022, 2023)
DEPARTMENTS = 40  # per county: × 3 years = 120 department-years a region
RARE = 200  # one scanned PDF and one .doc in every RARE reports
FIRST = "青临河东西南北云金银松竹梅兰桂枫柳杨白石安永长新"
SECOND = "岚江川山湖原阳平宁泉州溪林"
BUREAUS = ["教育局", "卫生健康局", "财政局", "公安局", "交通运输局", "民政局", "农业农村局", "文化广电旅游体育局",
           "城市管理和综合执法局", "人力资源和社会保障局", "住房和城乡建设局", "自然资源局", "生态环境局", "水利局",
           "发展和改革局", "工业和信息化局", "市场监督管理局", "应急管理局", "审计局", "统计局", "司法局",
           "退役军人事务局", "医疗保障局", "林业局", "商务局", "科学技术局", "人民医院", "疾病预防控制中心",
           "第一中学", "实验小学", "图书馆", "档案馆"]
TOWNS = ["街道办事处", "镇人民政府"]


# ---- the province ----------------------------------------------------------------------------

def place_names(n: int, suffix: str, taken: set[str]) -> list[str]:
    out = []
    for a in FIRST:
        for b in SECOND:
            name = a + b + suffix
            if name not in taken and len(out) < n:
                out.append(name)
                taken.add(name)
    if len(out) < n:
        sys.exit(f"not enough invented place names for {n} × {suffix}")
    return out


def plan(n: int) -> list[dict]:
    """N department-years: (city, county, department, year, sample, factor), regions filled in turn."""
    import make_samples as ms

    samples = [r for r in ms.REPORTS if not r.file.endswith((".doc",)) and "_scan" not in r.file]
    scan = next(r for r in ms.REPORTS if "_scan" in r.file)
    # legacy .doc files are written by LibreOffice: without it, those slots get the other formats
    doc = next(r for r in ms.REPORTS if r.file.endswith(".doc")) if shutil.which("soffice") else None
    per_region = DEPARTMENTS * len(YEARS)
    regions_n = -(-n // per_region)
    taken: set[str] = set()
    cities = place_names(max(1, -(-regions_n // 7)), "市", taken)
    counties = place_names(regions_n, "", taken)
    rng = random.Random(20261202)
    out = []
    for i in range(n):
        region, k = divmod(i, per_region)
        dept_no, year = divmod(k, len(YEARS))
        city = cities[region // 7]
        county = counties[region] + ("区" if region % 2 else "县")
        if dept_no < len(BUREAUS):
            short = BUREAUS[dept_no]
        else:  # the rest are 街道 / 镇 named after the county's own places
            town = FIRST[(dept_no * 7 + region) % len(FIRST)] + SECOND[dept_no % len(SECOND)]
            short = town + TOWNS[dept_no % 2]
        sample = scan if i % RARE == RARE // 2 else doc if i % RARE == RARE - 1 and doc else samples[i % len(samples)]
        out.append({"city": city, "county": county, "short": short, "year": YEARS[year],
                    "sample": ms.REPORTS.index(sample), "factor": str(D(rng.randint(50, 200)) / 100), "no": i})
    return out


def _scaled(block, f):
    return replace(block, initial=(block.initial * f).quantize(D("0.01")),
                   adjustment=(block.adjustment * f).quantize(D("0.01")))


def report_of(p: dict):
    """The sample as a Report of this department-year (figures scaled, so the regions differ)."""
    import make_samples as ms

    r = ms.REPORTS[p["sample"]]
    f = D(p["factor"])
    government = "人民政府" if p["short"].endswith("街道办事处") else ""  # 某区人民政府某街道办事处, as the seed
    dept = f"{p['city']}{p['county']}{government}{p['short']}"
    return replace(r, dept=dept, short=p["short"], year=p["year"], overall=_scaled(r.overall, f),
                   projects=_scaled(r.projects, f), tasks=[(t, (m * f).quantize(D("0.01"))) for t, m in r.tasks])


def path_of(root: Path, p: dict) -> Path:
    import make_samples as ms

    suffix = Path(ms.REPORTS[p["sample"]].file).name.split("_", 1)[1]  # jiaoyu.docx, minzheng_scan.pdf …
    return root / p["city"] / p["county"] / str(p["year"]) / f"{p['no']:05d}_{suffix}"


def _font_for(plans: list[dict]) -> Path:
    """The fixtures' PDF font cut to the characters the province uses: fpdf embeds a subset per file,
    and loading a 10 MB CJK font for each of thousands of PDFs would take most of the time."""
    import make_samples as ms
    import mplfonts
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = set("0123456789.,:：;；%％-—–()（）、。，“”《》 第页")
    for r in ms.REPORTS:
        chars |= set("".join(ms.seed_text(r)))
        paras, table = ms.national_text(r)
        chars |= set("".join(paras)) | set("".join("".join(row) for row in table))
        if r.indicators:
            chars |= set("".join("".join(map(str, row)) for row in ms.indicator_grid(r)))
    for p in plans:
        chars |= set(p["city"] + p["county"] + p["short"] + "人民政府绩效自评")
    path = Path(tempfile.gettempdir()) / f"perflib-bench-font-{os.getpid()}.ttf"
    font = TTFont(Path(mplfonts.__file__).parent / "fonts" / "SimHei.ttf")
    opts = subset.Options()
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    font.save(path)
    return path


def _init_writer(font: str) -> None:
    import fixtures_files

    fixtures_files.CJK_FONT = Path(font)


def _write(args) -> str:
    root, p = args
    import make_samples as ms

    path = path_of(Path(root), p)
    path.parent.mkdir(parents=True, exist_ok=True)
    ms.write(replace(report_of(p), file=str(path)))
    return str(path)


def generate(n: int, root: Path, jobs: int) -> list[dict]:
    plans = plan(n)
    kept = _marker(root)
    if (kept.get("n"), kept.get("generator")) == (n, GENERATOR):
        return plans
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    font = _font_for(plans)
    start = time.perf_counter()
    with Pool(jobs, initializer=_init_writer, initargs=(str(font),)) as pool:
        for k, _ in enumerate(pool.imap_unordered(_write, [(str(root), p) for p in plans], chunksize=8), 1):
            if k % 500 == 0:
                print(f"  generated {k}/{n} ({time.perf_counter() - start:.0f} s)", flush=True)
    font.unlink(missing_ok=True)
    (root / "province.json").write_text(json.dumps({"n": n, "generator": GENERATOR}))
    return plans


def _marker(root: Path) -> dict:
    """What a kept province is: its N, its generator, and the perflib it was checked with."""
    try:
        return json.loads((root / "province.json").read_text())
    except (OSError, ValueError):
        return {}


def perflib_digest() -> str:
    """perflib's reading code and data files (all but the batch machinery, perflib/run, and the
    pages, perflib/present): a kept province is checked again whenever they changed."""
    h = hashlib.sha256()
    for p in sorted((ROOT / "perflib").rglob("*")):
        if p.is_file() and p.suffix in (".py", ".toml", ".json", ".csv") and p.parent.name not in ("run", "present"):
            h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


# ---- every report must parse ---------------------------------------------------------------------

def _check(args) -> str | None:
    path, dept, year = args
    from perflib.pipeline import read_record

    try:
        rec = read_record(path, require_figures=True)
    except Exception as exc:  # noqa: BLE001 - reported, and the script stops
        return f"{path}: {type(exc).__name__}: {exc}"
    if (rec.department, rec.year) != (dept, year):
        return f"{path}: read as {rec.department!r} {rec.year}, written as {dept!r} {year}"
    return None


def check(plans: list[dict], root: Path, jobs: int) -> bool:
    """Every report parses as written (the script stops otherwise); False when a kept province was
    already checked with this very perflib, and is not read again."""
    kept, digest = _marker(root), perflib_digest()
    if kept.get("checked") == digest:
        return False
    todo = [(str(path_of(root, p)), report_of(p).dept, p["year"]) for p in plans]
    with Pool(jobs) as pool:
        bad = [e for e in pool.imap_unordered(_check, todo, chunksize=16) if e]
    if bad:
        sys.exit(f"{len(bad)} of {len(todo)} generated reports do not parse as written, e.g.\n  "
                 + "\n  ".join(bad[:10]))
    (root / "province.json").write_text(json.dumps(kept | {"checked": digest}))
    return True


# ---- measuring -----------------------------------------------------------------------------------

def batch(src: Path, out: Path, *options: str, clean: bool = True) -> tuple[float, TreeMemory, str]:
    if clean:
        shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "perflib"), "batch", str(src), "-o", str(out), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    mem.stop()
    if proc.returncode not in (0, 1):
        sys.exit(f"perflib batch {' '.join(options)} failed ({proc.returncode}): {stderr[-1000:]}")
    return seconds, mem, "\n         ".join(stdout.strip().splitlines())  # its summary and its review sheet


def page_sizes(out: Path) -> str:
    def kb(paths):
        sizes = [p.stat().st_size for p in paths]
        return f"{len(sizes)} page(s), largest {max(sizes) / 1024:.0f} KB" if sizes else "none"

    regions = out / "regions"
    return "\n".join([
        f"         index.html {(out / 'index.html').stat().st_size / 1024:.0f} KB · "
        f"portfolio.html {(out / 'portfolio.html').stat().st_size / 1024:.0f} KB"
        if (out / "portfolio.html").is_file() else "         portfolio.html missing",
        f"         region indexes: {kb(regions.glob('*/index*.html'))} · "
        f"region portfolios: {kb(regions.glob('*/portfolio.html'))}",
        f"         every page < 1 MB: {all(p.stat().st_size < 2**20 for p in out.rglob('*.html'))}",
    ])


def subset(plans: list[dict], root: Path, k: int, work: Path) -> Path:
    """K reports of the province spread over it, copied with their folders (regions kept)."""
    dst = work / f"province-{k}"
    shutil.rmtree(dst, ignore_errors=True)
    step = max(1, len(plans) // k)
    for p in plans[::step][:k]:
        src = path_of(root, p)
        target = dst / src.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--render", type=int, default=0, metavar="K", help="also render K pages, locally and on Dask")
    ap.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (and the province) afterwards")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="perflib-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    jobs = args.jobs
    print(f"machine: {platform.node()} · {os.cpu_count()} cores ({jobs} used) · "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB · Python {platform.python_version()}"
          f" · load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    root = work / "province"
    start = time.perf_counter()
    os.environ["PERFLIB_CACHE_DIR"] = str(work / "cache-check")  # the check's OCR stays out of the timed runs
    plans = generate(args.n, root, jobs)
    checked = check(plans, root, jobs)
    regions = len({(p["city"], p["county"]) for p in plans})
    formats = sorted({path_of(root, p).suffix for p in plans})
    rare = sum(1 for p in plans if "_scan" in path_of(root, p).name)
    print(f"{args.n} reports, {regions} regions × up to {DEPARTMENTS} departments × {len(YEARS)} years, "
          f"formats {' '.join(formats)} ({rare} scanned PDFs read by OCR"
          f"{'' if shutil.which('soffice') else '; no .doc: LibreOffice, which writes them, is not installed'}); "
          "all parse as written "
          + (f"(generated and checked in {time.perf_counter() - start:.0f} s)" if checked
             else "(checked by an earlier run with the same reading code)"), flush=True)

    os.environ["PERFLIB_CACHE_DIR"] = str(work / "cache")
    shutil.rmtree(work / "cache", ignore_errors=True)
    subprocess.run([sys.executable, "-c", "from perflib.present.webfont import prepare; prepare()"], check=True)
    out = work / "out"
    secs, mem, line = batch(root, out, "--no-pages", "-j", str(jobs))
    print(f"batch    {secs:8.1f} s  {args.n / secs:7.1f} reports/s   parse + dataset + indexes + portfolios "
          f"(perflib batch --no-pages -j {jobs})\n         peak memory, all processes: RSS {mem.peak_rss / 2**20:.0f} MB, "
          f"PSS {mem.peak_pss / 2**20:.0f} MB\n         {line}\n{page_sizes(out)}", flush=True)
    again, mem2, line = batch(root, out, "--no-pages", "-j", str(jobs), clean=False)
    print(f"rerun    {again:8.1f} s  nothing changed (peak RSS {mem2.peak_rss / 2**20:.0f} MB)\n         {line}", flush=True)

    if args.render:
        k = min(args.render, args.n)
        src = subset(plans, root, k, work)
        base, _, _ = batch(src, work / "out-k0", "--no-pages", "-j", str(jobs))
        local, mem3, _ = batch(src, work / "out-k", "-j", str(jobs))
        per = (local - base) / k
        print(f"render   {per:8.3f} s/page locally (-j {jobs}; {k} reports: {local:.1f} s with pages, {base:.1f} s "
              f"without; peak RSS {mem3.peak_rss / 2**20:.0f} MB) → N = {args.n}: {secs + per * args.n:.0f} s "
              f"({(secs + per * args.n) / 3600:.1f} h) with every page", flush=True)
        dsecs, startup = dask_batch(src, work / "out-k-dask", jobs)
        dper = (dsecs - base) / k
        print(f"dask     {dper:8.3f} s/page on a LocalCluster of {jobs} workers (start-up {startup:.1f} s not "
              f"counted) → N = {args.n}: {secs + dper * args.n:.0f} s with every page", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
