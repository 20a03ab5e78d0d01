"""perflib batch without papermill: planning, names, state, index page.

The renderer is replaced by a fast one that writes a small page through the same `write_atomic`,
so the incremental rule and failure handling are tested in milliseconds; test_batch_e2e.py runs
the real thing on a few reports.
"""
import argparse
import base64
import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from fixtures_files import write_corrupt_docx
from paths import ROOT, SEED
from perflib.run import batch
from perflib.run.batch import Entry, assign_names, remove_stray_temps, run_batch
from perflib.run.jobs import Job, JobResult
from perflib.dataset import Item, read_rows
from perflib.present.index_page import SORT_SCRIPT, build_index
from perflib.run.outfiles import write_atomic
from perflib.store import load_dataset

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def fake_render(monkeypatch):
    """Counts and writes pages instead of running notebooks; a source named *bad-notebook* fails."""
    calls = []

    def render_job(job: Job) -> JobResult:
        calls.append(Path(job.source).name if job.kind == "report" else "PORTFOLIO")
        if "bad-notebook" in job.source:
            return JobResult(job.source, "failed", job.output_name,
                             error=f"{job.source}: notebook failed in cell 3: ValueError: boom", exit_code=1)
        # (a page's head names perflib, as a rendered page's does)
        path = write_atomic(Path(job.outdir) / job.output_name,
                            f'<html><head><meta name="generator" content="perflib"></head>{job.source}</html>')
        return JobResult(job.source, "rendered", job.output_name, str(path))

    monkeypatch.setattr(batch, "render_job", render_job)
    return calls


def args(source, out, force=False, jobs=1):
    return argparse.Namespace(source=str(source), outdir=str(out), jobs=jobs, force=force)


@pytest.fixture
def reports(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    for name in ("2021_linjiang.txt", "2022_weijian.txt", "2021_wenguang.docx"):
        shutil.copy(SAMPLES / name, src / name)
    return src


def test_incremental_rule(reports, tmp_path, fake_render, capsys):
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    assert sorted(fake_render) == sorted(["seed.txt", "2021_linjiang.txt", "2022_weijian.txt",
                                          "2021_wenguang.docx", "PORTFOLIO"])
    assert "4 rendered, 0 skipped, 0 failed" in capsys.readouterr().out

    fake_render.clear()
    assert run_batch(args(reports, out)) == 0
    assert fake_render == []  # nothing changed: nothing rendered, the portfolio neither
    assert "0 rendered, 4 skipped" in capsys.readouterr().out

    with open(reports / "2021_linjiang.txt", "ab") as fh:  # new bytes in one source
        fh.write("\n".encode("utf-8"))
    assert run_batch(args(reports, out)) == 0
    assert sorted(fake_render) == ["2021_linjiang.txt", "PORTFOLIO"]

    fake_render.clear()
    (out / "2022_示例市青川区卫生健康局.html").unlink()  # a page deleted by hand comes back
    assert run_batch(args(reports, out)) == 0
    assert fake_render == ["2022_weijian.txt"]

    fake_render.clear()
    assert run_batch(args(reports, out, force=True)) == 0
    assert len(fake_render) == 5


def test_the_index_links_every_dataset_file_it_wrote(reports, tmp_path, fake_render):
    from perflib.store import DATASET_FILES

    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in (*DATASET_FILES, "review.xlsx"):
        assert (out / name).is_file() and f'<a href="{name}">{name}</a>' in index, name


def test_overrides_are_part_of_the_key(reports, tmp_path, fake_render):
    out = tmp_path / "out"
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,department,year\nin/seed.txt,,\n", encoding="utf-8")
    run_batch(args(manifest, out))
    fake_render.clear()
    manifest.write_text("path,department,year\nin/seed.txt,,2020\n", encoding="utf-8")
    run_batch(args(manifest, out))
    assert sorted(fake_render) == ["PORTFOLIO", "seed.txt"]
    assert (out / "2020_广州市荔湾区人民政府花地街道办事处.html").is_file()


def test_failures_isolated_reported_and_exit_1(reports, tmp_path, fake_render, capsys):
    write_corrupt_docx(reports / "broken.docx")
    shutil.copy(SAMPLES / "2023_minzheng.txt", reports / "bad-notebook.txt")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    cap = capsys.readouterr()
    err = cap.err.strip().splitlines()
    assert len(err) == 2 and "Traceback" not in cap.err
    assert any("broken.docx" in line and "(exit 2)" in line for line in err)
    assert any("bad-notebook.txt" in line and "cell 3" in line for line in err)
    assert "4 rendered, 0 skipped, 2 failed" in cap.out
    assert len(list(out.glob("20*.html"))) == 4
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "broken.docx" in index and "bad-notebook.txt" in index and "cell 3" in index
    assert "未能处理的报告（2 份）" in index
    # the failed render is retried next time; the good ones are not
    fake_render.clear()
    assert run_batch(args(reports, out)) == 1
    assert fake_render == ["bad-notebook.txt"]


def test_a_report_whose_page_failed_keeps_its_figures_in_the_dataset_and_the_index(reports, tmp_path, fake_render):
    """Read, then its page failed: the portfolio (rendered meanwhile) counts it, so the dataset and the
    index do too; the index says its page failed and lists why, and counts it once."""
    import pandas as pd

    write_corrupt_docx(reports / "broken.docx")
    shutil.copy(SAMPLES / "2023_minzheng.txt", reports / "bad-notebook.txt")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    table = pd.read_csv(out / "reports.csv")
    row = table[table["source"].str.endswith("bad-notebook.txt")]
    assert len(table) == 5 and len(row) == 1 and row["output"].isna().all() and row["overall_actual"].notna().all()
    assert "page_failed" not in table.columns
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "共 5 份部门年度报告" in index and "另有 1 份未能处理" in index  # broken.docx; the other is in the table
    assert "其中 1 份的页面未能生成（数字已读出，计入表中与合计）" in index and ">页面未能生成</td>" in index
    assert "未能处理的报告（2 份）" in index and "cell 3" in index  # both failures listed, with their reasons


def test_the_old_page_of_a_report_whose_render_now_fails_goes(reports, tmp_path, fake_render):
    shutil.copy(SAMPLES / "2023_minzheng.txt", reports / "minzheng.txt")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    before = {p.name for p in out.glob("20*.html")}
    # the report, revised, now failing to render
    text = (reports / "minzheng.txt").read_text(encoding="utf-8")
    (reports / "minzheng.txt").unlink()
    (reports / "bad-notebook.txt").write_text(text + "\n（修订）\n", encoding="utf-8")
    assert run_batch(args(reports, out)) == 1
    gone = before - {p.name for p in out.glob("20*.html")}
    assert len(gone) == 1 and "民政" in next(iter(gone))


def test_a_page_made_from_the_same_inputs_stays_when_rendering_it_again_fails(reports, tmp_path, fake_render, monkeypatch):
    """--force renders every page again: one that fails this time (a timeout) keeps the page there, made
    from the very same inputs."""
    def render(job):  # a page's head names perflib and the inputs it was made from, as a rendered page's does
        head = f'<meta name="generator" content="perflib"><meta name="perflib-key" content="{job.key}">'
        path = write_atomic(Path(job.outdir) / job.output_name, f"<html><head>{head}</head></html>")
        return JobResult(job.source, "rendered", job.output_name, str(path))

    monkeypatch.setattr(batch, "render_job", render)
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    pages = sorted(p.name for p in out.glob("20*.html"))
    monkeypatch.setattr(batch, "render_job", lambda job: JobResult(job.source, "failed", job.output_name,
                                                                     error=f"{job.source}: timed out", exit_code=1))
    assert run_batch(args(reports, out, force=True)) == 1
    assert sorted(p.name for p in out.glob("20*.html")) == pages


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL, process groups, links")
def test_a_stale_name_that_is_the_page_just_written_is_kept_and_another_goes(tmp_path):
    """Compared as files, not names: on macOS and Windows 2021_ABC.html is 2021_abc.html."""
    from types import SimpleNamespace

    page = '<html><head><meta name="generator" content="perflib"></head></html>'
    (tmp_path / "2021_abc.html").write_text(page, encoding="utf-8")
    (tmp_path / "2020_old.html").write_text(page, encoding="utf-8")
    (tmp_path / "2021_ABC.html").symlink_to(tmp_path / "2021_abc.html")  # (a case-folding folder, as a link)
    entries = [SimpleNamespace(output_name="2021_abc.html", status="rendered", key="k")]
    batch.remove_stale_pages(tmp_path, {"a": {"output": "2021_ABC.html"}, "b": {"output": "2020_old.html"}}, entries)
    assert (tmp_path / "2021_abc.html").is_file() and not (tmp_path / "2020_old.html").exists()


def test_stray_temp_files_removed_and_state_survives_garbage(reports, tmp_path, fake_render):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".2021_x.html.ab_cd123.tmp").write_text("<html>half", encoding="utf-8")
    (out / "keep.tmp").write_text("not ours", encoding="utf-8")
    (out / batch.STATE_FILE).write_text("{not json", encoding="utf-8")
    assert run_batch(args(reports, out)) == 0
    assert not list(out.glob(".*.tmp")) and (out / "keep.tmp").exists()
    assert remove_stray_temps(out) == 0


def test_outputs_listed_with_links(reports, tmp_path, fake_render):
    out = tmp_path / "out"
    run_batch(args(reports, out))
    df = pd.read_csv(out / "reports.csv", encoding="utf-8-sig")
    assert len(df) == 4 and df["output"].map(lambda n: (out / n).is_file()).all()
    assert (df["fictional"] == True).sum() == 3  # noqa: E712 - the three samples
    checks = pd.read_csv(out / "checks.csv", encoding="utf-8-sig")
    assert set(checks["report_id"]) == set(df["report_id"])
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in df["output"]:
        assert f'href="{batch_quote(name)}"' in index
    assert 'href="portfolio.html"' in index


def batch_quote(name):
    from urllib.parse import quote

    return quote(name)


# --- names --------------------------------------------------------------------------------
HOSTILE = ["../../etc/passwd", "a/b", "\x00", "..", "C:\\Windows\\system32", "名" * 300, "index", "<script>x</script>", "con", "LPT1"]
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10))}


def _entry(dept, year, path=SEED):
    item = Item(str(path), department=dept, year=year)
    return Entry(item, key=dept, rows=read_rows(item))


@pytest.mark.parametrize("dept", HOSTILE)
def test_hostile_department_names_stay_inside_outdir(tmp_path, dept):
    e = _entry(dept, None)
    assign_names([e])
    name = e.output_name
    assert name.endswith(".html") and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and len(name.encode("utf-8")) < 255
    assert name.split(".")[0].upper() not in WINDOWS_DEVICES  # CON.html is the console on Windows
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    assert name not in ("index.html", "portfolio.html")
    write_atomic(tmp_path / name, "ok")  # a real file system accepts it
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_same_department_year_gets_distinct_names():
    other = SAMPLES / "2021_linjiang.txt"
    a, b, c = _entry("甲局", 2021), _entry("甲局", 2021, other), _entry("乙局", 2021)
    assign_names([a, b, c])
    assert a.output_name != b.output_name
    assert re.fullmatch(r"2021_甲局_[0-9a-f]{8}\.html", a.output_name)
    assert c.output_name == "2021_乙局.html"
    # a file system that ignores case would merge these too
    d, e = _entry("Bureau", 2021), _entry("BUREAU", 2021, other)
    assign_names([d, e])
    assert d.output_name.casefold() != e.output_name.casefold()


def test_manifest_with_hostile_paths_and_names(tmp_path, fake_render):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    manifest = src / "m.csv"
    manifest.write_text('path,department,year\nseed.txt,../../evil,2021\n../../../../nonexistent.txt,,\n'
                        'seed.txt,"a/b",2021\n', encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch(args(manifest, out)) == 1  # the missing file fails, the rest render
    written = {p.name for p in out.iterdir()}
    assert {"2021_evil.html", "2021_a_b.html"} <= written
    assert not (tmp_path / "evil.html").exists() and not list(tmp_path.glob("*.html"))
    assert all(p.resolve().parent == out.resolve() for p in out.iterdir())


# --- index page ---------------------------------------------------------------------------
class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.tags, self.num_cells = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_script = tag == "script"
        if tag == "td" and ("class", "num") in attrs:
            self.num_cells.append(dict(attrs))

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def _frames_with(dept):
    item = Item(str(SEED), department=dept, year=2021)
    from perflib.dataset import frames

    ds = frames([read_rows(item)], [{"source": "x<img src=y onerror=alert(1)>.pdf", "stage": "read",
                                     "exit_code": 2, "error": "<b>bad</b> & worse"}])
    ds.reports["output"] = "2021_a.html"
    return ds


def test_index_escapes_everything_and_allows_only_its_own_script():
    ds = _frames_with('<script>alert("x")</script>')
    html = build_index(ds.reports, ds.failures)
    scan = _Scan()
    scan.feed(html)
    assert scan.scripts == [SORT_SCRIPT]  # one script, ours
    assert scan.tags.count("img") == 0 and scan.tags.count("b") == 0
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bad&lt;/b&gt; &amp; worse" in html
    digest = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_index_numbers_language_font_and_fiction_mark():
    ds = _frames_with("某局")
    html = build_index(ds.reports, ds.failures, portfolio="portfolio.html")
    assert '<html lang="zh-CN">' in html
    assert "@font-face" in html and "data:font/woff2;base64," in html
    assert "http://" not in html and "https://" not in html
    assert '<td class="num" data-v="6364.24">6,364.24</td>' in html  # right-aligned, separators
    assert '<td class="num" data-v="127.73">127.73%</td>' in html
    assert "虚构样例" not in html.split("<table", 1)[1].split("</table>", 1)[0]  # the seed is real
    fictional = _frames_with("某局")
    fictional.reports["fictional"] = True
    assert '<span class="tag">虚构样例</span>' in build_index(fictional.reports)


def _failures_and_reports(out):
    data = load_dataset(out / batch.DATASET_FILE)
    return len(data.reports), len(data.failures)


def test_an_output_folder_inside_the_source_is_not_read_back(reports, fake_render, capsys):
    out = reports / "outputs"  # `perflib batch . -o outputs`, twice
    assert run_batch(args(reports, out)) == 0
    first = _failures_and_reports(out)
    capsys.readouterr()
    assert run_batch(args(reports, out)) == 0
    assert _failures_and_reports(out) == first == (4, 0)
    assert "4 skipped, 0 failed" in capsys.readouterr().out


def test_what_perflib_wrote_into_the_source_is_not_a_report(reports, tmp_path, fake_render):
    assert run_batch(args(reports, reports / "out-a")) == 0  # an earlier batch's output folder
    (reports / "sub").mkdir()  # and a page of `perflib render -o sub`: its head names perflib
    (reports / "sub" / "2021_临江街道.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">\n'
        '<meta name="generator" content="perflib 0.1.0"><title>临江街道</title></head>'
        f'<body>{SEED.read_text(encoding="utf-8")}</body></html>', encoding="utf-8")
    out = tmp_path / "out-b"
    assert run_batch(args(reports, out)) == 0
    assert _failures_and_reports(out) == (4, 0)


def test_a_report_page_not_made_by_perflib_is_still_read(reports, tmp_path, fake_render):
    (reports / "2021_临江街道.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.4">'
        f'</head><body><pre>{SEED.read_text(encoding="utf-8").replace("2021", "2019")}</pre></body></html>',
        encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    assert _failures_and_reports(out) == (5, 0)


def test_bad_files_with_the_same_bytes_are_each_listed(reports, tmp_path, fake_render, capsys):
    for name in ("empty.txt", "empty.pdf", "sub/x.docx"):  # three failed downloads, all empty
        (reports / name).parent.mkdir(exist_ok=True)
        (reports / name).write_bytes(b"")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    assert "3 failed" in capsys.readouterr().out
    failures = load_dataset(out / batch.DATASET_FILE).failures
    assert sorted(Path(s).name for s in failures["source"]) == ["empty.pdf", "empty.txt", "x.docx"]
    assert all(Path(s).name in e for s, e in zip(failures["source"], failures["error"]))
    assert run_batch(args(reports, out)) == 1  # and again from what the store remembers
    assert "3 failed" in capsys.readouterr().out



@pytest.mark.parametrize("holds, said", [((), "it is empty"), (("a.rar", "b/c.wps.bak"), "it holds only .bak, .rar files"),
                                         (("~$report.docx",), "it holds only ~$ (an open document's owner) files")])
def test_a_folder_with_no_report_says_so(tmp_path, fake_render, capsys, holds, said):
    # a mistyped or wrong folder: the batch completes (an empty index, exit 0) but says why nothing was read
    src = tmp_path / "in"
    src.mkdir()
    for name in holds:
        (src / name).parent.mkdir(exist_ok=True)
        (src / name).write_bytes(b"x")
    assert run_batch(args(src, tmp_path / "out")) == 0
    assert f"perflib: {src}: no report file found ({said}; reports are .doc, .docx, .html, .pdf, .txt, .xls, .xlsx)\n" \
        in capsys.readouterr().err
    # a batch's own output folder read as a source: its pages are not reports
    assert run_batch(args(tmp_path / "out", tmp_path / "out2")) == 0
    assert "no report file found (its pages and workbooks are perflib's own output;" in capsys.readouterr().err


def test_the_same_bytes_under_two_suffixes_are_read_each_its_own_way(reports, tmp_path, fake_render):
    # one download saved as .doc, .pdf and .txt: each file's reader gives its own reason, not the first's for all
    junk = bytes(range(256)) * 20
    for name in ("a.doc", "a.pdf", "a.txt"):
        (reports / name).write_bytes(junk)
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    failures = load_dataset(out / batch.DATASET_FILE).failures
    errors = {Path(s).name: e for s, e in zip(failures["source"], failures["error"])}
    assert sorted(errors) == ["a.doc", "a.pdf", "a.txt"]
    assert "Word" in errors["a.doc"] and "Word" not in errors["a.pdf"] and "Word" not in errors["a.txt"]
    assert len(set(e.split(": ", 1)[1] for e in errors.values())) == 3, errors


def test_a_good_reports_bytes_under_two_suffixes_count_once(reports, tmp_path, fake_render, capsys):
    # a PDF saved as .pdf and as .txt: both readable (a PDF is known by its bytes), one department-year, one page
    for name in ("c.pdf", "c.txt"):
        shutil.copy(SAMPLES / "2022_chengguan.pdf", reports / name)
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    assert "5 rendered, 0 skipped, 0 failed" in capsys.readouterr().out
    rows = pd.read_csv(out / "reports.csv", encoding="utf-8-sig")
    assert len(rows) == 5 and rows["counted"].all()
    review = pd.read_csv(out / "review.csv", encoding="utf-8-sig")
    assert list(review[review["category"] == "相同文件只读一次"]["file"]) == ["c.txt"]


def test_a_text_named_as_a_web_page_fails_and_its_copy_is_read(reports, tmp_path, fake_render):
    # the same bytes as seed.html (not HTML: failed) and seed.txt (read): the copy is no copy of the failure
    shutil.copy(reports / "seed.txt", reports / "again.html")
    shutil.copy(reports / "seed.txt", reports / "sub.txt")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    failures = load_dataset(out / batch.DATASET_FILE).failures
    assert [Path(s).name for s in failures["source"]] == ["again.html"]
    assert len(pd.read_csv(out / "reports.csv", encoding="utf-8-sig")) == 4
    # and again, from what the store holds: the web page still fails, its copy is still the report
    assert run_batch(args(reports, out)) == 1
    failures = load_dataset(out / batch.DATASET_FILE).failures
    assert [Path(s).name for s in failures["source"]] == ["again.html"]
    rows = pd.read_csv(out / "reports.csv", encoding="utf-8-sig")
    assert len(rows) == 4 and not rows["source"].str.endswith("again.html").any()


def test_a_good_files_copy_is_read_once_and_named_in_the_review_sheet(reports, tmp_path, fake_render, capsys):
    (reports / "sub").mkdir()
    shutil.copy(reports / "seed.txt", reports / "sub" / "again.txt")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    assert "1 duplicate file(s) counted once" in capsys.readouterr().out
    review = pd.read_csv(out / "review.csv", encoding="utf-8-sig")
    (row,) = review[review["category"] == "相同文件只读一次"].itertuples()
    assert row.file == "sub/again.txt" and "与 seed.txt 字节相同" in row.reason
    assert len(pd.read_csv(out / "reports.csv", encoding="utf-8-sig")) == 4  # read once


def test_a_bad_files_copy_is_listed_in_its_own_region(tmp_path, fake_render):
    src = tmp_path / "in"
    for folder in ("佛山市/南海区", "广州市/荔湾区"):
        (src / folder).mkdir(parents=True)
        (src / folder / "a.txt").write_bytes(b"")
    shutil.copy(SEED, src / "广州市" / "荔湾区" / "seed.txt")
    out = tmp_path / "out"
    assert run_batch(args(src, out)) == 1
    failures = load_dataset(out / batch.DATASET_FILE).failures
    regions = {Path(s).parent.parent.name: r for s, r in zip(failures["source"], failures["region"])}
    assert "南海区" in regions["佛山市"] and "荔湾区" in regions["广州市"]


def test_one_department_year_in_two_files_is_put_to_the_analyst(reports, tmp_path, fake_render):
    # the same report as a text file and as a web page: not the same bytes, the same department-year
    (reports / "sub").mkdir()
    (reports / "sub" / "again.html").write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre>{SEED.read_text(encoding="utf-8")}'
        '</pre></body></html>', encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    review = pd.read_csv(out / "review.csv", encoding="utf-8-sig")
    twice = review[review["category"] == "同一部门年度有多份文件"]
    assert sorted(twice["file"]) == ["seed.txt", "sub/again.html"]
    assert all("sub/again.html" in r or "seed.txt" in r for r in twice["reason"])
    # both listed, one counted, the same one on the index and in the review sheet (same figures: path order)
    reason = dict(zip(twice["file"], twice["reason"]))
    assert "只计入本份" in reason["seed.txt"] and "只计入seed.txt" in reason["sub/again.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "共 4 份部门年度报告" in index and index.count(">重复未计</span>") == 1
    (marked,) = [row for row in index.split("<tr>") if ">重复未计</span>" in row]
    assert "2021_" in marked and "广州市荔湾区" in marked


@pytest.mark.parametrize("where", ["same", "above"])
def test_an_output_folder_that_holds_the_source_still_reads_it(reports, fake_render, capsys, where):
    out = reports if where == "same" else reports.parent  # `perflib batch . -o .`, `perflib batch reports -o .`
    assert run_batch(args(reports, out)) == 0
    assert "4 rendered" in capsys.readouterr().out
    assert run_batch(args(reports, out)) == 0  # its own workbooks and pages are not read back
    assert "0 rendered, 4 skipped, 0 failed" in capsys.readouterr().out
    assert _failures_and_reports(out) == (4, 0)


def test_a_portfolio_that_failed_is_said_apart_from_the_reports(reports, tmp_path, fake_render, monkeypatch, capsys):
    """Every page rendered, the portfolio past --timeout: the summary said "1 failed" of the reports
    as well as "portfolio failed". The batch still exits 1: something it was to make is missing."""
    good = batch.render_job

    def render(job):
        if job.kind != "report":
            return JobResult(job.source, "failed", job.output_name, exit_code=2,
                             error=f"{job.source}: 超过时间限制（1 秒） / exceeded 1 s while rendering (--timeout)")
        return good(job)

    monkeypatch.setattr(batch, "render_job", render)
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    cap = capsys.readouterr()
    assert "4 rendered, 0 skipped, 0 failed; portfolio failed" in cap.out
    # on stderr, which page was not made and why (its source is the batch's folder: it named no page)
    assert f"perflib: the comparison page was not made: {reports}: 超过时间限制（1 秒）" in cap.err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "未能处理的报告" not in index and "未能生成的比较页（1 个）" in index and "超过时间限制" in index


def test_a_file_name_that_is_not_utf8_fails_alone(reports, tmp_path, fake_render, capsys):
    """A name in GBK bytes (a zip made on Chinese Windows, unzipped on Linux) stopped the whole batch
    with "internal error: UnicodeEncodeError" as its path went into the store: nothing was written."""
    try:
        folder = os.path.join(os.fsencode(reports), "荔湾区".encode("gbk"))
        os.mkdir(folder)
        with open(os.path.join(folder, "报告.txt".encode("gbk")), "wb") as fh:
            fh.write(SEED.read_bytes().replace(b"2021", b"2019"))
    except OSError:  # a file system that takes UTF-8 names only (macOS, Windows): no such file there
        pytest.skip("this file system refuses names that are not UTF-8")
    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 1
    err = capsys.readouterr().err
    assert "荔湾区/报告.txt: the file name is not UTF-8" in err and "internal error" not in err
    assert len(list(out.glob("20*.html"))) == 4 and (out / "index.html").is_file()
    assert "荔湾区/报告.txt" in (out / "index.html").read_text(encoding="utf-8")


def test_pages_made_by_other_code_are_made_again(reports, tmp_path, fake_render, monkeypatch, capsys):
    """Within one version number the code changes (a fix, a checkout): a rerun kept every page, and
    every record in the store, that the old code had made — pages then disagreed with the dataset."""
    from perflib import config

    out = tmp_path / "out"
    assert run_batch(args(reports, out)) == 0
    fake_render.clear()
    assert run_batch(args(reports, out)) == 0 and fake_render == []
    monkeypatch.setattr(config, "code_sha", lambda root=None: "other code")
    assert run_batch(args(reports, out)) == 0
    assert sorted(fake_render) == sorted(["seed.txt", "2021_linjiang.txt", "2022_weijian.txt", "2021_wenguang.docx",
                                          "PORTFOLIO"])


def test_the_code_hash_follows_the_code_and_data_files_only(tmp_path):
    from perflib.config import code_sha

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("x = 1\n", encoding="utf-8")
    (pkg / "words.toml").write_text("a = 1\n", encoding="utf-8")
    same = shutil.copytree(pkg, tmp_path / "same")  # the same code, plus what is not code
    (same / "__pycache__").mkdir()
    (same / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (same / "notes.txt").write_text("not code", encoding="utf-8")
    other = shutil.copytree(pkg, tmp_path / "other")
    (other / "words.toml").write_text("a = 2\n", encoding="utf-8")
    assert code_sha(pkg) == code_sha(same) != code_sha(other)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_a_broken_link_or_a_pipe_in_the_folder_is_listed_as_failed(tmp_path, fake_render, capsys):
    """A link to a report on a share that is not mounted was passed over in silence: the batch said
    0 failed for a report it never read. It fails alone, naming where the link points."""
    src = tmp_path / "reports"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    (src / "gone.txt").symlink_to(tmp_path / "unmounted" / "report.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "folder.txt").mkdir()  # a folder named like a report is walked into, not read
    assert run_batch(args(src, tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert f"gone.txt: no such file (a link to {tmp_path / 'unmounted' / 'report.txt'}, which does not exist)" in err
    assert "pipe.txt: not a regular file" in err and "folder.txt" not in err
    assert fake_render.count("seed.txt") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_a_manifest_naming_a_pipe_or_a_device_fails_that_row_alone(tmp_path, fake_render, capsys):
    """A folder's files are regular ones; a manifest may name anything: the batch hashed a pipe
    (forever) or /dev/zero (for minutes) before any reader could refuse it."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    shutil.copy(SEED, tmp_path / "seed.txt")
    manifest = tmp_path / "list.csv"
    manifest.write_text("path\npipe.txt\nzero.txt\nseed.txt\n", encoding="utf-8")
    assert run_batch(args(manifest, tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert err.count("not a regular file") == 2 and fake_render.count("seed.txt") == 1
