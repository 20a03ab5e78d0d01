"""perflib.present.province: the portfolio at province scale — regions and sectors, the extremes."""
import shutil

import pandas as pd
import pytest

from paths import ROOT
from perflib.present import province

SAMPLES = ROOT / "data" / "samples"


def _frame(rows):
    cols = ["report_id", "department", "year", "region", "sector", "outturn_vs_initial", "overall_adjustment_rate",
            "checks_fail", "rating", "score", "output"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


REPORTS = _frame([
    ("a", "甲局", 2021, "甲区", "教育", 100.0, 0.0, 0, "优", 95.0, "a.html"),
    ("b", "乙局", 2021, "甲区", "教育", 110.0, 10.0, 2, "优", 85.0, "b.html"),  # 优 on 85: above its band
    ("c", "丙局", 2021, "甲区", "卫生健康", 120.0, 20.0, 0, "良", 85.0, "c.html"),
    ("d", "丁局", 2021, "乙县", "卫生健康", 90.0, -10.0, 1, None, None, None),
    ("e", "戊局", 2021, "乙县", "教育", 250.0, 150.0, 0, "中", 95.0, "e.html"),  # 中 on 95: not above
])
INDICATORS = pd.DataFrame([  # missed targets, and which of them still got full marks
    {"report_id": "a", "met": False, "full_score": True}, {"report_id": "a", "met": False, "full_score": False},
    {"report_id": "b", "met": True, "full_score": True}, {"report_id": "d", "met": False, "full_score": True},
    {"report_id": "d", "met": None, "full_score": True},
])


def test_group_summary_by_region():
    s = province.group_summary(REPORTS, INDICATORS, "region").set_index("group")
    jia, yi = s.loc["甲区"], s.loc["乙县"]
    assert (jia["reports"], jia["median"], jia["q1"], jia["q3"]) == (3, 110.0, 105.0, 115.0)
    assert jia["fail_share"] == pytest.approx(100 / 3) and yi["fail_share"] == 50.0
    assert jia["above_share"] == pytest.approx(100 / 3)  # b, of the three rated with a score
    assert yi["above_share"] == 0.0  # e only (d states neither)
    assert (jia["unmet"], jia["unmet_full"], jia["lenient_share"]) == (2, 1, 50.0)
    assert (yi["unmet"], yi["unmet_full"], yi["lenient_share"]) == (1, 1, 100.0)


def test_extremes_are_the_farthest_from_the_reference():
    far = province.extremes(REPORTS, "outturn_vs_initial", 100.0, n=2)
    assert list(far["department"]) == ["戊局", "丙局"]
    html = province.extremes_table(far, "outturn_vs_initial", "实际支出相对年初预算")
    assert 'href="e.html"' in html and "250.00%" in html and "同值" not in html
    # sortable by every column but the link: each cell carries its raw value
    assert '<table class="sortable">' in html and '<th class="nosort" scope="col">报告</th>' in html
    assert 'data-v="250.0"' in html and 'data-v="戊局"' in html


def test_extremes_say_how_many_equal_the_last_one_shown():
    ties = _frame([(f"r{n}", f"{n}局", 2021, "甲区", "教育", 130.0 if n < 5 else 100.0 + n, 0.0, 0, None, None, None)
                   for n in range(8)])
    far = province.extremes(ties, "outturn_vs_initial", 100.0, n=3)
    assert list(far["outturn_vs_initial"]) == [130.0] * 3 and far.attrs["tied"] == 2
    assert "另有 2 个部门年度与表中最后一行同值，未列出。" in province.extremes_table(far, "outturn_vs_initial", "x")


def test_charts_show_the_extreme_groups_only():
    many = _frame([(f"r{n}", f"{n}局", 2021, f"{n:02d}区", "教育", 100.0 + n, 0.0, 0, None, None, None)
                   for n in range(20) for _ in range(2)])
    fig = province.box_chart(many, "region", "按地区", most=6)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 6 and labels[0].startswith("00区") and labels[-1].startswith("19区")
    assert "共 20 个" in ax.get_title()
    summary = province.group_summary(many, None, "region")
    assert len(province.share_chart(summary, "median", "中位数", most=5).axes[0].patches) == 5
    summary.loc[summary.index[:3], "median"] = None  # three groups without data: said so, not ranked
    ax = province.share_chart(summary, "median", "中位数", most=5).axes[0]
    assert "最高的 5 个，共 17 个；另 3 个无数据" in ax.get_title()
    few = province.share_chart(summary.iloc[:6], "median", "中位数").axes[0]
    assert few.get_title().endswith("（另 3 个无数据）") and few.get_xlim()[1] < 130  # not stretched to 100 % and more


def test_group_table_links_each_region_down():
    s = province.group_summary(REPORTS, INDICATORS, "region")
    html = province.group_table(s, "地区", links=True)
    assert html.count(">一览</a>") == 2 and html.count(">比较</a>") == 2 and "regions/" in html
    assert '<table class="sortable">' in html and '<th class="nosort" scope="col">页面</th>' in html
    assert html.count('<td class="text name" data-v="') == 2


def test_failure_counts():
    f = pd.DataFrame({"region": ["甲区", "甲区", None], "kind": [None, "project", None]})
    got = province.failure_counts(f)
    assert got.to_dict("records") == [{"region": "甲区", "unread": 1, "other": 1},
                                      {"region": "未识别地区", "unread": 1, "other": 0}]


def test_load_a_folder_by_hand_one_region(tmp_path):
    for name in ("2021_linjiang.txt", "2022_weijian.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "青岚市" / "河西区").mkdir(parents=True)
    shutil.copy(SAMPLES / "2023_jiaoyu.txt", tmp_path / "青岚市" / "河西区" / "j.txt")
    ds, by_region = province.load(None, str(tmp_path), "青岚市 › 河西区")
    assert not by_region and len(ds.reports) == 1 and set(ds.indicators["report_id"]) == set(ds.reports["report_id"])
    (tmp_path / "青岚市" / "河西区" / "broken.docx").write_bytes(b"PK no docx")
    ds, by_region = province.load(None, str(tmp_path))
    assert not by_region and len(ds.reports) == 3  # two regions, but a district's size: department view
    assert ds.failures["source"].tolist() == ["青岚市/河西区/broken.docx"]  # never the machine's own folders


def test_a_region_portfolio_is_titled_with_its_region_and_links_back_by_the_region_only():
    from perflib.dataset import Dataset
    from perflib.present import portfolio as pf

    mine = REPORTS[REPORTS["region"] == "甲区"].assign(fictional=False)
    ds = Dataset(mine, *(pd.DataFrame() for _ in range(3)), failures=pd.DataFrame(columns=["source"]))
    head = str(pf.overview(ds, index_link=True, region="甲区"))
    assert "<h1>甲区 部门整体支出绩效：" in head and "全部部门年度一览" not in head  # province.region_links says where to go
    assert "全部部门年度一览" in str(pf.overview(ds, index_link=True))  # a batch's own portfolio keeps it
