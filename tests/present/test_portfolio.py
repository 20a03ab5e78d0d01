"""perflib.present.portfolio: recurring problems matched on their text, tables and names."""
import pandas as pd

from paths import ROOT
from perflib.dataset import load_folder
from perflib.present.portfolio import (RANKING_COLUMNS, html_table, normalize_problem, problem_similarity, ranking,
                               rating_vs_checks, recurring_problems, short_names)


def test_normalize_drops_marker_punctuation_and_years():
    assert normalize_problem("（一）2022 年度项目资金支付进度偏慢， 年底集中支付。") == "项目资金支付进度偏慢年底集中支付"
    assert normalize_problem("ＡＢ１：") == "ab1"


def test_similarity_paraphrase_high_unrelated_low():
    a = "部分项目资金支付进度偏慢，年中集中支付的情况仍然存在。受招标周期影响，资金执行前松后紧。"
    b = "项目资金支付进度偏慢，年底集中支付的问题依然存在。部分工程类项目结算周期长。"
    c = "基层医疗机构人才短缺，招聘困难。"
    assert problem_similarity(a, b) >= 0.45
    assert problem_similarity(a, c) < 0.15
    assert problem_similarity(a, a) == 1.0


def _problems(rows):
    return pd.DataFrame(rows, columns=["department", "year", "no", "text"])


def test_recurring_pairs_with_nearest_earlier_year_only_within_department():
    df = _problems([
        ("甲局", 2020, 1, "绩效目标设置不够细化，部分指标难以量化考核。"),
        ("甲局", 2020, 2, "资产管理不规范。"),
        ("甲局", 2022, 1, "绩效目标设置仍不够细化，部分指标难以量化。"),
        ("甲局", 2022, 2, "政府采购程序执行不严格。"),
        ("乙局", 2022, 1, "资产管理不规范。"),  # same words, another department: not a recurrence
    ])
    rec = recurring_problems(df)
    assert len(rec) == 1
    row = rec.iloc[0]
    assert (row["department"], row["prev_year"], row["prev_no"], row["year"], row["no"]) == ("甲局", 2020, 1, 2022, 1)
    assert 0.45 <= row["similarity"] <= 1


def test_recurring_on_the_samples():
    ds = load_folder(ROOT / "data" / "samples")
    rec = recurring_problems(ds.problems)
    linjiang = rec[rec["department"].str.contains("临江")]
    assert sorted(zip(linjiang["prev_year"], linjiang["year"])) == [(2021, 2022), (2022, 2023)]
    assert linjiang["text"].str.contains("支付进度偏慢").all()
    assert not rec["department"].str.contains("民政局").any()  # one year only


def test_short_names_and_escaped_tables():
    names = short_names(["示例市青川区教育局", "示例市青川区民政局"])
    assert names == {"示例市青川区教育局": "教育局", "示例市青川区民政局": "民政局"}
    df = pd.DataFrame([{"department": "<b>x</b>", "year": 2021, "overall_adjustment_rate": -4.9,
                        "outturn_vs_initial": 1234.5, "pefa_band": "D", "overall_completion_rate": None,
                        "task_coverage": None, "rating": "优", "score": None, "checks_warn": 0, "checks_fail": 1}])
    html = html_table(ranking(df), RANKING_COLUMNS)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert '<td class="num" data-v="1234.5">1,234.50%</td>' in html and '<td class="num" data-v="2021">2021</td>' in html


def test_portfolio_tables_sort_by_raw_values_ratings_by_rank_and_missing_last():
    df = pd.DataFrame([{"department": '甲"><script>', "year": 2021, "overall_adjustment_rate": 12.5,
                        "outturn_vs_initial": None, "pefa_band": None, "overall_completion_rate": 99.1,
                        "task_coverage": None, "rating": "良", "score": 88.5, "checks_warn": 0, "checks_fail": 0}])
    html = html_table(ranking(df), RANKING_COLUMNS)
    assert '<table class="sortable">' in html
    assert 'data-v="1良"' in html  # 优 0, 良 1, 中 2, 差 3: best first, not by sound
    assert '<td class="num" data-v="">—</td>' in html and '<td data-v="">—</td>' in html  # missing sorts last
    assert 'data-v="甲&quot;&gt;&lt;script&gt;"' in html and "<script>" not in html
    assert 'data-v="12.5"' in html and 'data-v="88.5"' in html


def test_rating_vs_checks_counts():
    df = pd.DataFrame({"report_id": ["a", "b", "c"], "rating": ["优", "优", None], "checks_fail": [1, 0, 0],
                       "checks_warn": [0, 1, 0], "score": [90.0, None, None]})
    t = rating_vs_checks(df).set_index("rating")
    assert t.loc["优", "reports"] == 2 and t.loc["优", "with_fail"] == 1 and t.loc["优", "fail_share"] == 50
    assert t.loc["未写明", "reports"] == 1


def test_ranking_chart_draws_at_most_the_farthest_rows():
    import pandas as pd

    from perflib.present import portfolio as pf

    reports = pd.DataFrame({"department": [f"部门{i}" for i in range(30)], "year": [2021] * 30,
                            "rate": [float(i - 10) for i in range(30)]})
    fig = pf.rate_ranking_chart(reports, "rate", "排名", most=5)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 5 and "共 30 个" in ax.get_title()
    assert {lb.split()[0] for lb in labels} == {"29", "28", "27", "26", "25"}  # shared prefix dropped


def test_short_names_drop_each_ones_places_unless_two_would_read_the_same():
    names = short_names(["示例市青川区文化广电旅游体育局", "广州市荔湾区人民政府花地街道办事处", "示例市青川区教育局",
                         "广州市荔湾区教育局"])
    assert names["示例市青川区文化广电旅游体育局"] == "文化广电旅游体育局"  # not "示例市青川区文化广电旅游体…"
    assert names["广州市荔湾区人民政府花地街道办事处"] == "花地街道办事处"
    assert names["示例市青川区教育局"] == "示例市青川区教育局" and names["广州市荔湾区教育局"] == "广州市荔湾区教育局"


def test_the_portfolio_says_why_a_file_failed_in_chinese():
    from perflib.present.portfolio import FAILURE_COLUMNS, with_reasons

    df = pd.DataFrame([{"source": "a.txt", "exit_code": 2, "error": "a.txt: the file is empty.", "kind": None}])
    html = html_table(with_reasons(df), FAILURE_COLUMNS)
    assert "<td class=\"text\" data-v=\"空文件\">空文件</td>" in html and "a.txt: the file is empty." in html


def test_year_on_year_legend_is_below_the_plots_not_over_a_line():
    from perflib.present import portfolio as pf

    depts = [f"示例市青川区部门{i}局" for i in range(7)]
    reports = pd.DataFrame({"department": [d for d in depts for _ in (0, 1)], "year": [2021, 2022] * 7,
                            "overall_actual": [float(100 + i) for i in range(14)],
                            "overall_adjustment_rate": [float(i) for i in range(14)],
                            "overall_initial_budget": 90.0, "outturn_vs_initial": 1.0, "rating": "优", "checks_fail": 0})
    fig = pf.year_on_year_chart(reports)
    assert all(ax.get_legend() is None for ax in fig.axes)  # no legend inside a plot
    (legend,) = fig.legends
    assert len(legend.get_texts()) == 7
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()  # lays the figure out as saving it does
    box = legend.get_window_extent()
    assert all(box.y1 < ax.get_window_extent().y0 for ax in fig.axes)  # wholly below both plots
