"""The portfolio's 绩效指标 tables, on the fictional samples and on crafted frames."""
import pandas as pd
import pytest

from perflib.dataset import load_folder
from perflib.present import portfolio as pf

from paths import ROOT


@pytest.fixture(scope="module")
def ds():
    return load_folder(ROOT / "data" / "samples")


def test_rating_above_its_band_comes_first(ds):
    t = pf.rating_vs_score(ds.reports, ds.checks)
    first = t.iloc[0]
    assert (first["department"], first["year"], first["rating"], first["band"]) == ("示例市青川区卫生健康局", 2023, "优", "良")
    assert first["verdict"] == "不符"
    assert t["score"].notna().all() and (t.iloc[1:]["rating"] == t.iloc[1:]["band"]).all()


def test_unmet_full_marks_per_department(ds):
    t = pf.unmet_full_marks(ds.indicators).set_index("department")
    edu = t.loc["示例市青川区教育局"]
    assert edu["unmet_full"] == 1 and edu["unmet"] >= 1
    assert edu["unmet_full_share"] == pytest.approx(100 / edu["unmet"])
    assert pd.isna(t.loc["示例市青川区民政局", "unmet_full_share"])  # nothing unmet: no share


def test_indicator_losses_counts_points_lost():
    ind = pd.DataFrame({
        "report_id": ["a", "a", "b", "b", "b"], "department": ["甲", "甲", "乙", "乙", "乙"],
        "level2": ["数量指标", "质量指标", "数量指标", "数量指标", None], "name": list("vwxyz"),
        "weight": [10.0, 10.0, 10.0, 10.0, 5.0], "score": [8.0, 10.0, 9.5, 10.0, None],
    })
    t = pf.indicator_losses(ind)
    assert list(t["level2"]) == ["数量指标", "质量指标", "（未写明）"]
    row = t.iloc[0]
    assert (row["indicators"], row["losing"], row["points_lost"], row["reports"]) == (3, 2, 2.5, 2)
    assert row["losing_share"] == pytest.approx(200 / 3)


def test_score_band_edges():
    assert [pf.score_band(x) for x in (100, 90, 89.99, 80, 79.9, 60, 59.9, None)] == \
        ["优", "优", "良", "良", "中", "中", "差", None]


def test_empty_frames_give_empty_tables():
    empty = pd.DataFrame(columns=["report_id", "department", "level2", "name", "weight", "score", "met", "full_score"])
    assert pf.indicator_losses(empty).empty and pf.unmet_full_marks(empty).empty
    html = pf.html_table(pf.indicator_losses(empty), pf.LOSS_COLUMNS)
    assert "<tbody></tbody>" in html


def test_report_text_is_escaped_in_tables():
    ind = pd.DataFrame({"report_id": ["a"], "department": ["<b>甲</b>"], "level2": ["<script>x</script>"],
                        "name": ["n"], "weight": [10.0], "score": [5.0], "met": [False], "full_score": [False]})
    html = pf.html_table(pf.indicator_losses(ind), pf.LOSS_COLUMNS) + pf.html_table(pf.unmet_full_marks(ind), pf.LENIENT_COLUMNS)
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html
