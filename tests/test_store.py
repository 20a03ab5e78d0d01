"""perflib.store: the batch's dataset as Parquet tables, written as reports are read, read back by column."""
import pandas as pd
import pyarrow.parquet as pq
import pytest

from paths import ROOT, SEED
from perflib import store
from perflib.dataset import Item, frames, read_rows, settle_regions
from perflib.store import KEY, Spool, load_dataset

SAMPLES = ROOT / "data" / "samples"
FILES = [SEED, SAMPLES / "2023_jiaoyu.txt", SAMPLES / "2022_weijian.txt"]


@pytest.fixture(scope="module")
def rows():
    return [read_rows(Item(str(p), region=r)) for p, r in zip(FILES, ["广州市 › 荔湾区", None, "示例市 › 青川区"])]


def _commit(outdir, rows, reuse=(), keys=None):
    spool = Spool(outdir)
    reports = []
    for n, r in enumerate(rows):
        key = (keys or {}).get(n, f"key{n}")
        if key in reuse:
            spool.reuse(key)
        else:
            spool.add(key, r)
        reports.append(r["report"] | {"output": f"p{n}.html", KEY: key})
    failures = [{"source": "x.pdf", "stage": "read", "exit_code": 2, "error": "bad", "kind": None,
                 "region": "示例市 › 青川区"}]
    return spool.commit(reports, failures)


def test_rows_go_to_disk_as_they_come_not_at_the_end(tmp_path, rows, monkeypatch):
    monkeypatch.setattr(store, "FLUSH_ROWS", 5)
    spool = Spool(tmp_path)
    empty = (spool.new / "checks.parquet").stat().st_size
    spool.add("key0", rows[1])  # 2023_jiaoyu: 17 checks, 7 indicators
    assert len(rows[1]["checks"]) > 5 and len(rows[1]["indicators"]) > 5
    # what the spool still holds is below the threshold; the rest is in the file already
    assert len(spool._buffers["checks"]) == 0 and len(spool._buffers["indicators"]) == 0
    assert (spool.new / "checks.parquet").stat().st_size > empty + 1000
    spool.abandon()  # a batch that stops leaves no half-written tables
    assert not spool.new.exists()


def test_load_gives_the_frames_load_folder_gives(tmp_path, rows):
    folder = _commit(tmp_path, rows)
    got = load_dataset(folder)
    report_rows = [dict(r, report=dict(r["report"])) for r in rows]
    want = frames(report_rows, [{"source": "x.pdf", "stage": "read", "exit_code": 2, "error": "bad", "kind": None,
                                 "region": "示例市 › 青川区"}])
    pd.testing.assert_frame_equal(got.reports.drop(columns="output"), want.reports)
    for name in ("tasks", "checks", "problems", "indicators", "failures"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)


def test_load_one_region_and_only_some_columns(tmp_path, rows):
    folder = _commit(tmp_path, rows)
    region = rows[1]["report"]["region"]
    assert region == "示例市 › 青川区"  # from the department's name
    mine = load_dataset(folder, region=region)
    assert set(mine.reports["region"]) == {region} and len(mine.reports) == 2
    assert set(mine.checks["report_id"]) == set(mine.reports["report_id"])
    assert list(mine.failures["source"]) == ["x.pdf"]
    slim = load_dataset(folder, tables=("reports",), columns={"indicators": ["report_id", "met"]})
    assert len(slim.reports) == 3 and slim.checks.empty and slim.indicators.empty
    ind = load_dataset(folder, tables=("indicators",), columns={"indicators": ["report_id", "met"]}).indicators
    assert list(ind.columns) == ["report_id", "met"] and len(ind) == sum(len(r["indicators"]) for r in rows)


def test_a_later_batch_copies_the_rows_of_unchanged_reports(tmp_path, rows):
    _commit(tmp_path, rows)
    spool = Spool(tmp_path)
    assert set(spool.cached_reports()) == {"key0", "key1", "key2"}
    spool.abandon()
    folder = _commit(tmp_path, rows, reuse={"key0", "key1", "key2"})  # nothing parsed this time
    again = load_dataset(folder)
    assert len(again.checks) == sum(len(r["checks"]) for r in rows)
    assert not (tmp_path / (store.STORE_DIR + ".new")).exists() and not (tmp_path / (store.STORE_DIR + ".old")).exists()


def test_a_store_with_other_columns_is_not_reused(tmp_path, rows):
    folder = _commit(tmp_path, rows)
    table = pq.read_table(folder / "checks.parquet").drop_columns(["message"])
    pq.write_table(table, folder / "checks.parquet")
    spool = Spool(tmp_path)
    assert spool.cached_reports() == {}  # parse again rather than trust it
    spool.abandon()


def test_settle_regions_in_rows_and_failures():
    reports = [{"region": "荔湾区"}, {"region": "广州市 › 荔湾区"}]
    failures = [{"region": "荔湾区"}, {"region": None}]
    settle_regions(reports, failures)
    assert [r["region"] for r in reports + failures] == ["广州市 › 荔湾区", "广州市 › 荔湾区", "广州市 › 荔湾区", None]
