"""perflib batch by region: regions from folders, a manifest or names; an index per region; the
province view past PERFLIB_FLAT_INDEX_MAX; the store that keeps the batch flat in N and the rerun
that parses nothing.  Pages are faked (test_batch.fake_render); test_batch_e2e.py renders for real."""
import shutil
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest

from paths import ROOT, SEED
from perflib import pipeline
from perflib.dataset import discover
from perflib.run import batch
from perflib.store import Spool, load_dataset

from .test_batch import args, fake_render  # noqa: F401 (a fixture)

SAMPLES = ROOT / "data" / "samples"
HEXI, LINJIANG = "青岚市 › 河西区", "青岚市 › 临江县"


@pytest.fixture
def province(tmp_path):
    """Reports in region folders (a year folder below some), a broken one, and one at the top."""
    src = tmp_path / "in"
    for rel, name in [("青岚市/河西区/2021/a.txt", "2021_linjiang.txt"), ("青岚市/河西区/2022/b.txt", "2022_linjiang.txt"),
                      ("青岚市/临江县/2022年度/c.txt", "2022_weijian.txt"), ("青岚市/临江县/d.txt", "2023_jiaoyu.txt")]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / name, src / rel)
    shutil.copy(SEED, src / "seed.txt")
    (src / "青岚市/临江县/broken.docx").write_bytes(b"PK not really a docx")
    return src


def _reports(out):
    return pd.read_csv(out / "reports.csv", encoding="utf-8-sig").set_index("source")


def test_nested_folders_give_the_regions(province, tmp_path, fake_render):
    out = tmp_path / "out"
    assert batch.run_batch(args(province, out)) == 1  # broken.docx
    df = _reports(out)
    region = {Path(s).name: r for s, r in df["region"].items()}
    assert region == {"a.txt": HEXI, "b.txt": HEXI, "c.txt": LINJIANG, "d.txt": LINJIANG,
                      "seed.txt": "广州市 › 荔湾区"}  # the folder wins over the name (示例市青川区…)
    sector = {Path(s).name: r for s, r in df["sector"].items()}
    assert sector == {"a.txt": "街道/乡镇", "b.txt": "街道/乡镇", "c.txt": "卫生健康", "d.txt": "教育", "seed.txt": "街道/乡镇"}
    parquet = pd.read_parquet(out / "reports.parquet").set_index("source")
    assert parquet["region"].to_dict() == df["region"].to_dict()
    assert parquet.loc[str(province / "seed.txt"), "overall_actual"] == 6364.24
    # a page per region, each listing its own reports and failures; the single index lists all
    hexi = (out / "regions" / "青岚市_河西区" / "index.html").read_text(encoding="utf-8")
    linjiang = (out / "regions" / "青岚市_临江县" / "index.html").read_text(encoding="utf-8")
    assert "临江街道办事处" in hexi and "卫生健康局" not in hexi and "broken.docx" not in hexi
    assert "卫生健康局" in linjiang and "broken.docx" in linjiang and 'href="../../index.html"' in linjiang
    # a failed file is named below the batch folder, as in the review sheet: pages are handed to others
    assert "青岚市/临江县/broken.docx" in linjiang and str(province) not in linjiang
    assert f'href="../../{quote("2022_示例市青川区卫生健康局.html")}"' in linjiang
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "按地区（3 个）" in index and f'href="{quote("regions/青岚市_河西区/index.html")}"' in index
    assert all(name in index for name in ("花地街道办事处", "卫生健康局", "broken.docx")) and str(province) not in index
    failures = load_dataset(out / batch.DATASET_FILE).failures
    assert failures["region"].tolist() == [LINJIANG]


def test_a_flat_folder_of_one_district_keeps_the_single_index(tmp_path, fake_render):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("2021_linjiang.txt", "2022_weijian.txt", "2021_wenguang.docx"):
        shutil.copy(SAMPLES / name, src / name)
    out = tmp_path / "out"
    assert batch.run_batch(args(src, out)) == 0
    assert set(_reports(out)["region"]) == {"示例市 › 青川区"}  # from the names
    assert not (out / "regions").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "按地区" not in index and "<th scope=\"col\">地区</th>" not in index and "<th scope=\"col\">行业</th>" in index


def test_manifest_region_column(tmp_path, fake_render):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "seed.txt")
    shutil.copy(SAMPLES / "2022_weijian.txt", tmp_path / "in" / "w.txt")
    shutil.copy(SAMPLES / "2023_jiaoyu.txt", tmp_path / "in" / "j.txt")
    manifest = tmp_path / "list.csv"
    manifest.write_text("path,region\nin/seed.txt,河西区\nin/w.txt,青岚市/临江县\nin/j.txt,\n", encoding="utf-8")
    assert [i.region for i in discover(manifest)] == ["河西区", LINJIANG, None]
    out = tmp_path / "out"
    batch.run_batch(args(manifest, out))
    region = {Path(s).name: r for s, r in _reports(out)["region"].items()}
    assert region == {"seed.txt": "河西区", "w.txt": LINJIANG, "j.txt": "示例市 › 青川区"}


def test_a_rerun_with_nothing_changed_parses_and_writes_nothing(province, tmp_path, fake_render, monkeypatch):
    out = tmp_path / "out"
    batch.run_batch(args(province, out))
    parsed = []
    real = pipeline.read_record
    monkeypatch.setattr(pipeline, "read_record", lambda path, *a, **k: parsed.append(Path(path).name) or real(path, *a, **k))
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*")  # the outputs (not the batch's own store)
               if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}
    fake_render.clear()
    batch.run_batch(args(province, out))
    assert parsed == ["broken.docx"]  # a failure is tried again; every report comes from the store
    assert fake_render == []
    assert {p: p.stat().st_mtime_ns for p in written} == written  # not one file rewritten
    # the same bytes in another region's folder: not parsed again, but filed under its new region
    (province / "青岚市/临江县/a.txt").write_bytes((province / "青岚市/河西区/2021/a.txt").read_bytes())
    (province / "青岚市/河西区/2021/a.txt").unlink()
    parsed.clear()
    batch.run_batch(args(province, out))
    assert parsed == ["broken.docx"] and fake_render == ["PORTFOLIO"]  # it shows regions: made again
    assert {Path(s).name: r for s, r in _reports(out)["region"].items()}["a.txt"] == LINJIANG


def test_the_batch_keeps_one_row_per_report_and_spools_the_rest(province, tmp_path):
    items = discover(province)
    failures = []
    spool = Spool(tmp_path)
    entries = batch._read_all(items, "nb", failures, lambda f: None, spool=spool)
    assert len(entries) == 5 and len(failures) == 1
    # tasks, checks, problems, indicators are not held: the report row (and the review sheet's items)
    assert all(not set(e.rows) & {"tasks", "checks", "problems", "indicators"} and "report" in e.rows
               for e in entries)
    folder = spool.commit([e.rows["report"] | {"output": None, "entry_key": e.key} for e in entries], failures)
    ds = load_dataset(folder)
    assert len(ds.checks) > 5 * 5 and set(ds.checks["report_id"]) == {e.rows["report"]["report_id"] for e in entries}


def test_past_the_flat_limit_the_batch_reads_by_region(province, tmp_path, fake_render, monkeypatch):
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "2")
    jobs = []
    render = batch.render_job
    monkeypatch.setattr(batch, "render_job", lambda job: jobs.append(job) or render(job))
    out = tmp_path / "out"
    batch.run_batch(args(province, out))
    assert sorted(n for n in fake_render if n == "PORTFOLIO") == ["PORTFOLIO"] * 4  # the batch's and 3 regions'
    # each page leads back to its region's page (the top index lists regions only), naming the region
    backs = {Path(j.source).name: j.back for j in jobs if j.kind == "report"}
    assert backs["a.txt"] == ("regions/青岚市_河西区/index.html", f"{HEXI}：部门年度一览")
    assert all((out / href).is_file() and label.startswith(("青岚市 › ", "广州市 › ")) for href, label in backs.values())
    assert (out / "regions" / "青岚市_河西区" / "portfolio.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "各地区" in index and "临江街道办事处" not in index  # regions, not department-years
    assert index.count('/index.html">一览</a>') == 3 and index.count('/portfolio.html">比较</a>') == 3
    assert "broken.docx" not in index  # listed on its region's page
    assert "broken.docx" in (out / "regions" / "青岚市_临江县" / "index.html").read_text(encoding="utf-8")
    # the dataset and the review sheet, linked from the top and from each region's page (two folders down)
    region_page = (out / "regions" / "青岚市_临江县" / "index.html").read_text(encoding="utf-8")
    for page, prefix in ((index, ""), (region_page, "../../")):
        for name in ("reports.csv", "reports.xlsx", "review.xlsx"):
            assert f'href="{prefix}{name}"' in page and (out / name).is_file()
    # back under the limit: the single index again, the region portfolios gone
    monkeypatch.delenv("PERFLIB_FLAT_INDEX_MAX")
    jobs.clear()
    batch.run_batch(args(province, out))
    # the pages again, each leading back to the single index: the link is part of what a page depends on
    assert sorted(Path(j.source).name for j in jobs if j.kind == "report") == sorted(backs)
    assert {j.back for j in jobs if j.kind == "report"} == {()}
    assert not (out / "regions" / "青岚市_河西区" / "portfolio.html").exists()
    assert (out / "regions" / "青岚市_河西区" / "index.html").is_file()
    assert "临江街道办事处" in (out / "index.html").read_text(encoding="utf-8")


def test_a_file_that_holds_no_report_is_not_read_again(tmp_path, fake_render, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "2022_weijian.txt", src / "w.txt")
    (src / "notice.txt").write_text("关于召开会议的通知\n\n各单位：定于下周召开会议，请准时参加。\n", encoding="utf-8")
    out = tmp_path / "out"
    batch.run_batch(args(src, out))
    parsed = []
    real = pipeline.read_record
    monkeypatch.setattr(pipeline, "read_record", lambda path, *a, **k: parsed.append(Path(path).name) or real(path, *a, **k))
    (src / "sub").mkdir()
    (src / "notice.txt").rename(src / "sub" / "notice.txt")  # moved: the same bytes
    assert batch.run_batch(args(src, out)) == 1  # no budget figure: still listed as failed
    assert parsed == []
    others = load_dataset(out / batch.DATASET_FILE).failures
    assert others["source"].tolist() == [str(src / "sub" / "notice.txt")] and others["exit_code"].tolist() == [3]
    assert str(src / "sub" / "notice.txt") in others["error"].iloc[0]


def test_a_correction_reads_again_only_the_file_it_names(province, tmp_path, fake_render, monkeypatch):
    out = tmp_path / "out"
    batch.run_batch(args(province, out))
    parsed = []
    real = pipeline.read_record
    monkeypatch.setattr(pipeline, "read_record", lambda path, *a, **k: parsed.append(Path(path).name) or real(path, *a, **k))
    (province / "corrections.csv").write_text("file,field,value,note\nc.txt,overall.actual,1.00,核对原件\n",
                                              encoding="utf-8")
    batch.run_batch(args(province, out))
    assert sorted(parsed) == ["broken.docx", "c.txt"]  # its rows depend on the row naming it; no other's do


def test_one_name_in_two_regions_is_two_department_years(tmp_path, fake_render):
    """A township's bare name (城关镇) is in many counties: the same name and year in two region
    folders are two department-years, both counted."""
    src = tmp_path / "in"
    for county, extra in (("乙县", b""), ("丙县", b"\n")):
        (src / "甲市" / county).mkdir(parents=True)
        (src / "甲市" / county / "r.txt").write_bytes((SAMPLES / "2021_linjiang.txt").read_bytes() + extra)
    out = tmp_path / "out"
    assert batch.run_batch(args(src, out)) == 0
    df = _reports(out)
    assert df["counted"].tolist() == [True, True] and df["region"].nunique() == 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "共 2 份部门年度报告" in index and "重复未计" not in index and "按地区（2 个）" in index
    review = pd.read_csv(out / "review.csv", encoding="utf-8-sig")
    assert "同一部门年度有多份文件" not in set(review["category"])


def test_the_batch_reads_by_region_only_with_reports_in_several(province, tmp_path, fake_render, monkeypatch):
    """Pages, index and portfolios give one answer: a region holding only a broken file is no second region."""
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "1")
    jobs = []
    render = batch.render_job
    monkeypatch.setattr(batch, "render_job", lambda job: jobs.append(job) or render(job))
    for f in (province / "青岚市" / "临江县").rglob("*.txt"):
        f.unlink()  # 临江县 keeps broken.docx only
    (province / "seed.txt").unlink()
    out = tmp_path / "out"
    batch.run_batch(args(province, out))
    assert [j.region for j in jobs if j.kind == "portfolio"] == [None] and not any(j.by_region for j in jobs)
    assert {j.back for j in jobs if j.kind == "report"} == {()}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "临江街道办事处" in index and "各地区" not in index  # the department-years, not the regions
