"""perflib.present.region_index: the top index of regions and one index per region."""
import base64
import hashlib
import re
from decimal import Decimal

import pandas as pd
import pytest

from paths import SEED
from perflib.dataset import Item, frames, read_rows
from perflib.present import region_index
from perflib.present.index_page import SORT_SCRIPT
from perflib.once import with_counted
from perflib.present.region_index import index_pages, region_summary


@pytest.fixture(scope="module")
def seed_row():
    return read_rows(Item(str(SEED)))["report"]


def _reports(seed_row, spec):
    """A reports frame from (department, region, actual, initial, outturn, checks_fail) tuples."""
    rows = []
    for n, (dept, region, actual, initial, outturn, fail) in enumerate(spec):
        rows.append(seed_row | {"report_id": f"r{n:05d}", "department": dept, "region": region, "overall_actual": actual,
                                "overall_initial_budget": initial, "outturn_vs_initial": outturn, "checks_fail": fail,
                                "year": 2021 + n % 3})
    df = frames([{"report": r, "tasks": [], "checks": [], "problems": [], "indicators": []} for r in rows]).reports
    return df.assign(output=[f"{n}.html" for n in range(len(df))])


FAILURES = pd.DataFrame([
    {"source": "a/x.pdf", "stage": "read", "exit_code": 2, "error": "bad", "kind": None, "region": "甲市 › 乙区"},
    {"source": "a/y.pdf", "stage": "read", "exit_code": 3, "error": "决算", "kind": "final_accounts", "region": "甲市 › 乙区"},
    {"source": "data", "stage": "portfolio", "exit_code": 1, "error": "boom", "kind": None, "region": None},
])


def test_region_summary_totals_medians_and_failures(seed_row):
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 100.10, 90.0, 111.22, 0), ("乙局", "甲市 › 乙区", 0.20, 1.0, 20.0, 2),
                             ("丙局", "甲市 › 乙区", None, 5.0, None, 1), ("丁局", "甲市 › 丙县", 7.0, 7.0, 100.0, 0)])
    s = region_summary(df, FAILURES).set_index("region")
    assert list(s.index) == ["甲市 › 丙县", "甲市 › 乙区"]
    yi = s.loc["甲市 › 乙区"]
    # 丙局 states its initial budget only: the totals hold the reports that state both, so they compare
    assert yi["reports"] == 3 and yi["totalled"] == 2
    assert yi["actual"] == Decimal("100.30") and yi["initial"] == Decimal("91.0")
    assert yi["median_outturn"] == pytest.approx(65.61) and yi["with_fail"] == 2
    assert (yi["failed"], yi["others"]) == (1, 1)  # the batch's own portfolio failure is no region's
    assert s.loc["甲市 › 丙县", "failed"] == 0
    table = region_index.regions_table(region_summary(df, FAILURES), set())
    assert ">3（合计计入 2）</td>" in table and ">1</td>" in table  # 丙县: all of its one report counted


def test_province_pages_link_down_and_escape(seed_row, monkeypatch):
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "2")
    evil = '<script>alert("x")</script>'
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0), ("乙局", evil, 2.0, 1.0, 200.0, 1),
                             ("丙局", "甲市 › 乙区", 3.0, 1.0, 300.0, 0)])
    pages = index_pages(df, FAILURES, "portfolio.html", {"portfolio.html", region_index.portfolio_name("甲市 › 乙区")})
    top = pages["index.html"]
    assert set(pages) == {"index.html", *(f"{region_index.region_dir(r)}/index.html" for r in ("甲市 › 乙区", evil))}
    assert "甲局" not in top and "各地区" in top and 'href="portfolio.html"' in top
    assert "<script>alert" not in top and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in top
    assert top.count(">比较</a>") == 1  # only the region whose portfolio exists
    assert "boom" in top and "a/x.pdf" not in top  # the batch's failure here, a region's on its page
    for html in pages.values():
        assert re.findall(r"<script>(.*?)</script>", html, re.S) == [SORT_SCRIPT]
        digest = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in html and "http://" not in html and "https://" not in html
    yi = pages[f"{region_index.region_dir('甲市 › 乙区')}/index.html"]
    assert "甲局" in yi and "丙局" in yi and "乙局" not in yi and "a/x.pdf" in yi and "决算" in yi
    assert 'href="../../0.html"' in yi and 'href="portfolio.html"' in yi and 'href="../../index.html"' in yi


def test_a_big_region_goes_on_over_several_pages(seed_row, monkeypatch):
    monkeypatch.setattr(region_index, "REGION_PAGE_ROWS", 2)
    df = _reports(seed_row, [(f"{n}局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0) for n in range(5)]
                  + [("戊局", "甲市 › 丙县", 1.0, 1.0, 100.0, 0)])
    pages = index_pages(df, FAILURES)
    d = region_index.region_dir("甲市 › 乙区")
    assert {f"{d}/index.html", f"{d}/index-2.html", f"{d}/index-3.html"} <= set(pages)
    assert "分 3 页列出" in pages[f"{d}/index-2.html"] and 'href="index-3.html"' in pages[f"{d}/index-2.html"]
    assert "本页为第 3–4 份" in pages[f"{d}/index-2.html"] and "本页为第 5 份" in pages[f"{d}/index-3.html"]
    df["fictional"] = True  # each page's notice counts its own rows, not the region's
    pages = index_pages(df, FAILURES)
    assert "本页包含 2 份" in pages[f"{d}/index.html"] and "本页包含 1 份" in pages[f"{d}/index-3.html"]
    assert "a/x.pdf" in pages[f"{d}/index.html"] and "a/x.pdf" not in pages[f"{d}/index-2.html"]
    assert sum(p.count("<tr>") - 1 for name, p in pages.items() if name.startswith(d) and "index" in name) >= 5


def test_every_page_stays_light_at_province_scale(seed_row, monkeypatch):
    """10,000 department-years in 84 regions (long names): each page well under 1 MB before its font."""
    regions = [f"青岚{n:02d}市 › 河西{n:02d}区" for n in range(84)]
    spec = [(f"青岚市河西区人民政府第{n}号街道办事处", regions[n % 84], 1234567.89, 1000000.0, 123.45, n % 3)
            for n in range(10_000)]
    df = _reports(seed_row, spec)
    df["fictional"] = True
    pages = index_pages(df, FAILURES, "portfolio.html")
    assert len(pages) == 1 + 84 + 1  # the top, 84 regions, and the region that only has failures
    assert max(len(p.encode()) for p in pages.values()) < 400_000



def test_a_region_of_failures_only_has_its_row_but_is_not_counted_as_a_region_of_reports(seed_row, monkeypatch):
    failures = pd.concat([FAILURES, pd.DataFrame([{"source": "b/z.pdf", "stage": "read", "exit_code": 2,
                                                   "error": "bad", "kind": None, "region": "丁市"}])])
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0), ("丁局", "甲市 › 丙县", 7.0, 7.0, 100.0, 0)])
    flat = index_pages(df, failures)["index.html"]
    assert "分属 2 个地区" in flat and "按地区（2 个）" in flat and ">丁市<" in flat  # its row, with its failure
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "1")
    top = index_pages(df, failures)["index.html"]
    assert "2 个部门，2 个地区" in top and ">丁市<" in top
    assert "另有 2 份未能处理、1 份不是部门整体支出绩效报告，分列于所在地区的一览页。" in top


def test_a_department_year_in_two_files_counts_once_in_the_region_and_the_top(seed_row, monkeypatch):
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 10.0, 8.0, 125.0, 0), ("乙局", "甲市 › 乙区", 5.0, 5.0, 100.0, 0),
                             ("丁局", "甲市 › 丙县", 7.0, 7.0, 100.0, 0)])
    # 甲局's year again from a web page that lost its initial budget: listed, not counted
    again = df[df["department"] == "甲局"].assign(report_id="r9", source="/x/甲局.html", overall_initial_budget=None)
    df = pd.concat([df, again], ignore_index=True)
    s = region_summary(with_counted(df), None).set_index("region")
    yi = s.loc["甲市 › 乙区"]
    assert (yi["reports"], yi["repeats"], yi["actual"], yi["initial"]) == (2, 1, Decimal("15.0"), Decimal("13.0"))
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "1")
    pages = index_pages(df, None)
    assert "共 3 份部门年度报告" in pages["index.html"] and "1 份与另一文件同为一个部门年度" in pages["index.html"]
    assert ">2（另 1 份重复）</td>" in pages["index.html"]
    region_page = pages[f"{region_index.region_dir('甲市 › 乙区')}/index.html"]
    assert region_page.count(">重复未计</span>") == 1 and "1 份与另一文件同为一个部门年度" in region_page


def test_a_region_page_names_without_its_places_and_says_when_there_is_nothing_to_list(seed_row):
    failures = pd.concat([FAILURES, pd.DataFrame([{"source": "b/z.pdf", "stage": "read", "exit_code": 2,
                                                   "error": "bad", "kind": None, "region": "丁市"}])])
    df = _reports(seed_row, [("甲市乙区教育局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0),
                             ("中共甲市乙区委组织部", "甲市 › 乙区", 1.0, 1.0, 100.0, 0),
                             ("丁局", "甲市 › 丙县", 7.0, 7.0, 100.0, 0)])
    pages = index_pages(df, failures)
    yi = pages[f"{region_index.region_dir('甲市 › 乙区')}/index.html"]
    assert '<span title="甲市乙区教育局">教育局</span>' in yi and ">中共甲市乙区委组织部<" in yi
    ding = pages[f"{region_index.region_dir('丁市')}/index.html"]
    assert "丁市：没有读出部门年度报告。另有 1 份未能处理。" in ding and "<table class=\"sortable\">" not in ding
    assert "b/z.pdf" in ding and "--no-pages" not in yi
    unpaged = index_pages(df.assign(output=None), failures)
    assert "--no-pages" in unpaged["index.html"] and "--no-pages" in unpaged[f"{region_index.region_dir('甲市 › 乙区')}/index.html"]


def test_a_batch_of_failures_only_has_its_index(seed_row):
    """No report read: an empty frame whose `counted` column holds objects (as a batch builds it)."""
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0)]).iloc[:0].assign(counted=pd.Series(dtype=object))
    pages = index_pages(df, FAILURES)
    assert "共 0 份部门年度报告" in pages["index.html"] and "a/x.pdf" in pages["index.html"]


def test_the_regions_table_ends_with_city_subtotals_and_the_whole_batch_apart_from_sorting(seed_row, monkeypatch):
    df = _reports(seed_row, [("城关镇", "甲市 › 乙区", 10.10, 8.0, 126.25, 1), ("城关镇", "甲市 › 丙县", 5.0, 5.0, 100.0, 0),
                             ("教育局", "甲市 › 丙县", 3.0, None, None, 0), ("教育局", "丁市 › 戊区", 7.25, 7.0, 103.57, 0)])
    summary = region_summary(df, FAILURES)
    totals = region_index.summary_totals(df, FAILURES, summary).set_index("region")
    # 甲市 holds two regions: a subtotal; 丁市 one: none (it would repeat its row)
    assert list(totals.index) == ["甲市（2 个地区）", "全部地区（3 个）"]
    city, whole = totals.loc["甲市（2 个地区）"], totals.loc["全部地区（3 个）"]
    assert (city["reports"], city["totalled"], city["actual"], city["initial"]) == (3, 2, Decimal("15.10"), Decimal("13.0"))
    assert city["departments"] == 3  # 城关镇 of 乙区 and of 丙县 are two units
    assert city["median_outturn"] == pytest.approx(113.125)  # of the reports, not of the regions' medians
    assert (whole["reports"], whole["actual"], whole["failed"], whole["others"]) == (4, Decimal("22.35"), 1, 1)
    assert whole["median_outturn"] == pytest.approx(103.57) and whole["with_fail"] == 1
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "1")
    top = index_pages(df, FAILURES)["index.html"]
    body, foot = top.split("<tbody>", 1)[1].split("</tbody>", 1)
    assert "全部地区" not in body and foot.startswith("<tfoot>")  # the sorting script moves tbody rows only
    assert '<th scope="row" class="short" data-v="全部地区（3 个）">' in foot and ">4（合计计入 3）</td>" in foot
    assert "22.35" in foot and "共 4 份部门年度报告，4 个部门，3 个地区" in top


def test_one_city_gets_no_subtotal_only_the_whole(seed_row):
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0), ("乙局", "甲市 › 丙县", 2.0, 1.0, 200.0, 0)])
    totals = region_index.summary_totals(df, None, region_summary(df, None))
    assert list(totals["region"]) == ["全部地区（2 个）"]
    flat = index_pages(df, None)["index.html"]  # the small batch's section of regions has it too
    assert "<tfoot>" in flat and "全部地区（2 个）" in flat


def test_a_report_whose_page_failed_is_in_its_region_not_among_the_files_left_out(seed_row, monkeypatch):
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0), ("乙局", "甲市 › 丙县", 2.0, 1.0, 200.0, 0)])
    df["page_failed"] = df["department"] == "甲局"
    df.loc[df["page_failed"], "output"] = None
    failures = pd.concat([FAILURES, pd.DataFrame([{"source": "a/甲局.txt", "stage": "render", "exit_code": 1,
                                                   "error": "cell 3", "kind": None, "region": "甲市 › 乙区"}])])
    s = region_summary(df, failures).set_index("region")
    assert (s.loc["甲市 › 乙区", "failed"], s.loc["甲市 › 乙区", "unpaged"], s.loc["甲市 › 乙区", "reports"]) == (1, 1, 1)
    monkeypatch.setenv("PERFLIB_FLAT_INDEX_MAX", "1")
    pages = index_pages(df, failures)
    assert "其中 1 份的页面未能生成" in pages["index.html"] and "列于所在地区的一览页" in pages["index.html"]
    yi = pages[f"{region_index.region_dir('甲市 › 乙区')}/index.html"]
    assert "另有 1 份未能处理" in yi and "其中 1 份的页面未能生成" in yi and "cell 3" in yi and ">页面未能生成</td>" in yi


def test_a_city_subtotal_holds_the_city_itself_and_no_province_of_cities_gets_one(seed_row):
    """Labels as folders give them: 广州市's own departments under 某省 › 广州市, its districts under 广州市 › …"""
    df = _reports(seed_row, [("市局", "某省 › 广州市", 5.0, 5.0, 100.0, 0), ("甲局", "广州市 › 荔湾区", 1.0, 1.0, 100.0, 0),
                             ("乙局", "广州市 › 越秀区", 2.0, 2.0, 100.0, 0), ("丙局", "某省 › 深圳市", 3.0, 3.0, 100.0, 0)])
    totals = region_index.summary_totals(df, None, region_summary(df, None)).set_index("region")
    assert list(totals.index) == ["广州市（3 个地区）", "全部地区（4 个）"]
    assert (totals.iloc[0]["reports"], totals.iloc[0]["actual"]) == (3, Decimal("8.0"))


def test_a_province_holding_cities_and_a_city_with_counties_gets_no_subtotal_of_its_own(seed_row):
    df = _reports(seed_row, [("甲局", "某省 › 广州市", 5.0, 5.0, 100.0, 0), ("乙局", "某省 › 珠海市", 7.0, 7.0, 100.0, 0),
                             ("丙局", "某省 › 深圳市 › 南山区", 1.0, 1.0, 100.0, 0), ("丁局", "某省 › 深圳市 › 福田区", 2.0, 2.0, 100.0, 0)])
    totals = region_index.summary_totals(df, None, region_summary(df, None))
    assert list(totals["region"]) == ["某省 › 深圳市（2 个地区）", "全部地区（4 个）"]


def test_a_comparison_page_that_failed_is_no_failed_report(seed_row):
    """A portfolio stopped by --timeout was counted and listed as a report that could not be handled
    (a file named '.' or the batch's folder, 无法读取): it is a page of the batch's own, said apart."""
    from perflib.labels import PORTFOLIO_FAILED, reason_zh
    from perflib.present.index_page import index_html

    timeout = "data: 超过时间限制（1 秒） / exceeded 1 s while rendering (--timeout)"
    failures = pd.DataFrame([
        {"source": "a/x.pdf", "stage": "read", "exit_code": 2, "error": "a/x.pdf: bad", "kind": None, "region": "甲市 › 乙区"},
        {"source": "data", "stage": "portfolio", "exit_code": 2, "error": timeout, "kind": None, "region": "甲市 › 乙区"},
        {"source": "data", "stage": "portfolio", "exit_code": 2, "error": timeout, "kind": None, "region": None},
    ])
    assert reason_zh(timeout, 2, "data") == "超过时间限制"  # not 无法读取, by its exit code
    df = _reports(seed_row, [("甲局", "甲市 › 乙区", 1.0, 1.0, 100.0, 0)])
    assert region_summary(df, failures).set_index("region").loc["甲市 › 乙区", "failed"] == 1  # a/x.pdf only
    flat = index_html(df, failures, "portfolio.html")
    assert "另有 1 份未能处理" in flat and PORTFOLIO_FAILED in flat
    assert "未能处理的报告（1 份）" in flat and "未能生成的比较页（2 个）" in flat
    assert "<td>甲市 › 乙区的比较页</td>" in flat and "<td>全部报告的比较页</td>" in flat and "<td>data</td>" not in flat


def test_a_region_lists_its_departments_without_its_own_places_and_government(seed_row, monkeypatch):
    """In 乙区's list "甲市乙区人民政府东林街道办事处" read "人民政府东林街道办事处": the region's places go,
    and the 人民政府 they belong to with them; the full name stays on hover."""
    df = _reports(seed_row, [("甲市乙区人民政府东林街道办事处", "甲市 › 乙区", 1.0, 1.0, 100.0, 0),
                             ("甲市乙区人民政府", "甲市 › 乙区", 2.0, 1.0, 200.0, 0),
                             ("丁局", "甲市 › 丙县", 7.0, 7.0, 100.0, 0)])  # (two regions: a page each)
    page = index_pages(df, None)[f"{region_index.region_dir('甲市 › 乙区')}/index.html"]
    assert '<span title="甲市乙区人民政府东林街道办事处">东林街道办事处</span>' in page
    assert '<span title="甲市乙区人民政府">人民政府</span>' in page  # (the government itself keeps its word)
