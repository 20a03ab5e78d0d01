"""One example per phrasing the parser must read (see the README's list of supported phrasings)."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record
from perflib.model import BLOCK_FIELDS, Source
from perflib.read.normalize import normalize
from perflib.understand.parse import parse_text, settle_signs

from evidence import traceable


def parse(text: str):
    rec = parse_text(normalize([text]), Source("t.txt", "txt", "utf-8", ""))
    settle_signs(rec)
    return rec


def fields(block) -> dict:
    return {f: getattr(block, f) for f in BLOCK_FIELDS if getattr(block, f) is not None}


def read_written(tmp_path, text: str, name: str = "r.txt"):
    """The record of `text` written to a file (`name`: its kind too) and read as a file is (tables and all)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_record(path)


def assert_evidence(rec):
    """Every stated figure carries the sentence (or table row) it was read from."""
    for name in ("overall", "projects", "basic"):
        for f, v in fields(rec.block(name)).items():
            sentence = rec.evidence[f"{name}.{f}"]
            assert traceable(sentence, rec.text), (name, f)
    for t in rec.tasks:
        if t.funds is not None:
            assert rec.evidence[f"tasks.{t.no}.funds"] in rec.text


# --- 1. the seed template and its siblings ---------------------------------------------------
SEED_LIKE = """XX区XX街道办事处 2021 部门整体支出绩效评价报告
2021 年XX街道办事处对部门整体支出开展绩效自评，年度整体实际支出 {actual}，预算完成率 {cr}，较年初预算 {initial}，{adj}，预算调整率 {rate}。
一、项目安排管理使用效益情况
"""


def seed_like(**kw) -> str:
    values = dict(actual="6364.24 万元", cr="100%", initial="4982.39 万元", adj="调整增支 1381.85 万元", rate="27.73%")
    return SEED_LIKE.format(**(values | kw))


def test_increase():
    rec = parse(seed_like())
    assert fields(rec.overall) == {"initial_budget": D("4982.39"), "actual": D("6364.24"),
                                   "adjustment": D("1381.85"), "adjustment_rate": D("27.73"),
                                   "completion_rate": D("100")}
    assert rec.department == "XX区XX街道办事处" and rec.year == 2021
    assert_evidence(rec)


@pytest.mark.parametrize("word", ["调整减支", "调减", "减支", "预算调减", "调整减少", "调减预算", "核减资金"])
def test_decrease_makes_adjustment_and_unsigned_rate_negative(word):
    rec = parse(seed_like(actual="4000.00 万元", adj=f"{word} 982.39 万元", rate="19.72%"))
    assert rec.overall.adjustment == D("-982.39")
    assert rec.overall.adjustment_rate == D("-19.72")


def test_an_addition_and_a_reduction_state_no_net_adjustment():
    """"追加 A，调减预算 B": two changes, the net not stated (A alone was taken, and the initial budget then dropped
    as not adding up)."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
                "2023年年初预算400.00万元，年中追加预算80.00万元，调减预算20.00万元，调整后预算460.00万元。")
    assert fields(rec.overall) == {"initial_budget": D("400"), "adjusted_budget": D("460")}


def test_decrease_with_signed_rate_stays_negative():
    rec = parse(seed_like(adj="调减 982.39 万元", rate="-19.72%"))
    assert rec.overall.adjustment_rate == D("-19.72")


def test_completion_rate_below_100():
    rec = parse(seed_like(actual="6000.00 万元", cr="94.28%"))
    assert rec.overall.completion_rate == D("94.28")
    assert rec.overall.actual == D("6000.00")


@pytest.mark.parametrize("written, wan", [
    ("63642400 元", D("6364.24")),
    ("63,642,400 元", D("6364.24")),
    ("63,642,400.00 元", D("6364.24")),
    ("63642400.50元", D("6364.24005")),
    ("0.636424 亿元", D("6364.24")),
    ("1.5亿元", D("15000")),
    ("6,364.24 万元", D("6364.24")),
    ("6364.24万元", D("6364.24")),
])
def test_units_and_separators(written, wan):
    rec = parse(seed_like(actual=written))
    assert rec.overall.actual == wan


def test_money_keeps_decimal_precision():
    rec = parse(seed_like(actual="1.5亿元"))
    assert rec.overall.actual == D("15000") and rec.overall.actual.as_tuple().exponent == 3


def test_fullwidth_digits_and_punctuation():
    rec = parse(seed_like(actual="６，３６４．２４万元", cr="１００％", rate="２７．７３％"))
    assert rec.overall.actual == D("6364.24")
    assert rec.overall.completion_rate == D("100")
    assert rec.overall.adjustment_rate == D("27.73")


def test_no_spaces_anywhere():
    rec = parse("2021年XX局对部门整体支出开展绩效自评，年度整体实际支出6364.24万元，预算完成率100%，"
                "较年初预算4982.39万元，调整增支1381.85万元，预算调整率27.73%。")
    assert fields(rec.overall)["adjustment"] == D("1381.85")
    assert rec.overall.completion_rate == 100


@pytest.mark.parametrize("text, count", [
    ("纳入绩效自评的项目共18个。", 18), ("纳入评价范围的项目12个。", 12),
    ("部分项目绩效目标不够明确，涉及项目3个。", None),  # (the projects with a problem)
    ("下属单位涉及项目8个。", None),  # (a unit under it)
    ("全年共开展12个项目的重点绩效评价。", None), ("共涉及15个项目的预算评审。", None),  # projects it reviewed
    ("全年共安排项目6个，下达项目资金480万元。", 6)])  # (its own, the money then passed on)
def test_a_count_of_the_units_projects_and_of_others(text, count):
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算1,000.00万元。{text}")
    assert rec.projects.count == count


def test_project_block_and_count():
    rec = parse(seed_like() + "2021 年度，XX街道办事处财政支出项目包括街道综合专项工作经费等共 73 个项目，"
                "实际支出 3601.87 万元，预算完成率 100%，较年初预算 2671.07 万元，调整增支 930.80 万元，预算调整率 34.86%。")
    assert fields(rec.projects) == {"count": 73, "initial_budget": D("2671.07"), "actual": D("3601.87"),
                                    "adjustment": D("930.80"), "adjustment_rate": D("34.86"),
                                    "completion_rate": D("100")}
    assert rec.overall.actual == D("6364.24")
    assert_evidence(rec)


TASKS = """2021年XX局部门整体支出绩效自评报告
二、项目支出情况
共 3 个项目，实际支出 1000.00 万元。主要绩效目标完成情况：
{a}完成街道综合治理工作，提升群众满意度。任务涉及项目资金 524.51 万元。
{b}开展社区服务，提高居民参与热情。任务涉及项目资金 1444.24 万元。
{c}做好安全生产宣传，遏制重特大事故。
三、存在的问题
{a}预算编制不够精准，年中调整较多。
{b}绩效目标不够细化。
四、下一步工作计划
{a}加强预算编制管理。
{b}细化绩效指标。
{c}加快支出进度。
"""


@pytest.mark.parametrize("style", [("（一）", "（二）", "（三）"), ("(一)", "(二)", "(三)"), ("(一) ", "(二) ", "(三) "),
                                   ("1.", "2.", "3."), ("（1）", "（2）", "（3）"), ("1、", "2、", "3、"),
                                   ("(1)", "(2)", "(3)"), ("１．", "２．", "３．")])
def test_item_numbering_styles(style):
    a, b, c = style
    rec = parse(TASKS.format(a=a, b=b, c=c))
    assert [t.funds for t in rec.tasks] == [D("524.51"), D("1444.24"), None]
    assert rec.tasks[0].text.startswith("完成街道综合治理工作")
    assert len(rec.problems) == 2 and rec.problems[1] == "绩效目标不够细化。"
    assert len(rec.plans) == 3
    assert_evidence(rec)


def test_items_numbered_cn_under_paren_sections():
    text = TASKS.format(a="一、", b="二、", c="三、").replace("二、项目支出", "（二）项目支出") \
        .replace("三、存在", "（三）存在").replace("四、下一步", "（四）下一步")
    rec = parse(text)
    assert len(rec.tasks) == 3 and len(rec.problems) == 2 and len(rec.plans) == 3


def test_section_heading_numbered_with_a_year():
    rec = parse("3.存在的问题\n（1）支出进度偏慢。\n（2）绩效目标不细。\n4.2022年工作计划\n（1）加快支出进度。\n（2）细化目标。")
    assert len(rec.problems) == 2
    assert rec.plans == ["加快支出进度。", "细化目标。"]


# --- 2. the national (self-evaluation table) template -------------------------------------------
NATIONAL_PROSE = """XX市财政局2021年度部门整体支出绩效自评报告
一、部门整体支出情况
2021年度部门整体支出年初预算数为4,982.39万元，全年预算数6,364.24万元，全年执行数6,300.00万元，预算执行率98.99%。其中：基本支出年初预算数2,311.32万元，全年预算数2,762.37万元，全年执行数2,762.37万元，预算执行率100%；项目支出年初预算数2,671.07万元，全年预算数3,601.87万元，全年执行数3,537.63万元，预算执行率98.22%。
二、自评结论
经自评，我局2021年度部门整体支出绩效自评得分92.5分，评价等级为“优”。
"""


def assert_national_figures(rec):
    """The national examples below state the same figures, phrased differently."""
    assert fields(rec.overall) == {"initial_budget": D("4982.39"), "adjusted_budget": D("6364.24"),
                                   "actual": D("6300.00"), "completion_rate": D("98.99")}
    assert fields(rec.basic) == {"initial_budget": D("2311.32"), "adjusted_budget": D("2762.37"),
                                 "actual": D("2762.37"), "completion_rate": D("100")}
    assert fields(rec.projects) == {"initial_budget": D("2671.07"), "adjusted_budget": D("3601.87"),
                                    "actual": D("3537.63"), "completion_rate": D("98.22")}


def test_national_prose():
    rec = parse(NATIONAL_PROSE)
    assert_national_figures(rec)
    assert rec.score == D("92.5") and rec.rating == "优"
    assert rec.department == "XX市财政局" and rec.year == 2021
    assert_evidence(rec)


def test_national_breakdown_after_qizhong():
    rec = parse("2021年度部门整体支出年初预算数4,982.39万元，其中：基本支出2,311.32万元，项目支出2,671.07万元；"
                "全年预算数6,364.24万元，其中：基本支出2,762.37万元，项目支出3,601.87万元；"
                "全年执行数6,300.00万元，其中：基本支出2,762.37万元，项目支出3,537.63万元。"
                "部门整体预算执行率98.99%，其中基本支出预算执行率100%，项目支出预算执行率98.22%。")
    assert_national_figures(rec)
    assert_evidence(rec)


@pytest.mark.parametrize("text", ["部门整体支出年初预算1,250万元，年中调整后预算1,320万元，包括追加项目支出70万元。",
                                  "部门整体支出年初预算1,250万元，调整后预算1,320万元，包括调增项目支出90万元、调减基本支出20万元。"])
def test_baokuo_before_a_change_is_no_parts(text):
    """包括 then what changed (追加, 调增 …): the change, not the parts' budgets (包括 is no 其中)."""
    rec = parse(text)
    assert fields(rec.overall) == {"initial_budget": D("1250"), "adjusted_budget": D("1320")}
    assert rec.projects.is_empty() and rec.basic.is_empty()


@pytest.mark.parametrize("label", ["调整后预算安排", "调整后预算资金", "调整后预算总额", "调整后总预算", "调整后部门预算",
                                   "调整预算后部门预算", "调整预算后的预算"])
def test_adjusted_budget_wordings(label):
    """The adjusted budget by the words reports put around 预算 (安排, 资金, 总额, 部门, 总) after 调整后. (Not
    全年预算安排 / 全年预算资金: as often the year's first budget, or one fund's.)"""
    rec = parse(f"示例松风县林业局2023年度年初预算860万元，{label}910万元，全年实际支出897万元。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), "actual": D("897")}
    assert_evidence(rec)


def test_an_addition_of_funds_is_the_adjustment():
    rec = parse("示例松风县林业局2023年度年初预算860万元，年中追加预算资金50万元，全年实际支出897万元。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjustment": D("50"), "actual": D("897")}


@pytest.mark.parametrize("text", ["示例松风县林业局2023年度年初预算860万元，累计支出897万元。",
                                  "示例松风县林业局2023年度年初预算860万元，全年支出总计897万元。"])
def test_spending_words_that_are_not_the_years(text):
    """累计 alone may be since a project began; 支出总计 is a 决算 table's total of the spending side
    (carry-overs to next year included): neither is read as the year's spending."""
    assert parse(text).overall.actual is None


@pytest.mark.parametrize("text, want", [
    ("2023年初财政对本局预算批复的总支出为1,250万元，全年实际支出1,196万元。", {"initial_budget": D("1250"), "actual": D("1196")}),
    ("2023年执行中批复的总支出1,320万元，实际完成总支出1,296万元。", {"adjusted_budget": D("1320"), "actual": D("1296")}),
    ("2023年初至年底，本局实际安排的总支出为1,296万元，年初预算1,250万元。", {"initial_budget": D("1250"), "actual": D("1296")}),
    ("2023年初财政预算安排的总支出1,250万元，全年实际支出1,196万元。", {"initial_budget": D("1250"), "actual": D("1196")}),
    ("2023年初至年末，实际预算安排的总支出为1,296万元，年初预算1,250万元。", {"initial_budget": D("1250"), "actual": D("1296")}),
    ("年初预算1,250万元，2023年中央财政批复的总支出为1,320万元，全年实际支出1,296万元。",
     {"initial_budget": D("1250"), "adjusted_budget": D("1320"), "actual": D("1296")}),
])
def test_approved_total_spending_is_a_budget(text, want):
    """总支出 after 批复 is the budget approved (年初 … 批复: the initial one; 执行中 … 批复: the adjusted one);
    after 实际安排 it is spent."""
    rec = parse("示例松风县文化和旅游局2023年度部门整体支出绩效自评报告\n" + text)
    assert fields(rec.overall) == want


def test_block_from_the_section_heading():
    rec = parse("（二）项目支出情况\n年初预算 2671.07 万元，实际支出达到 3601.87 万元，预算完成率为 100%。")
    assert fields(rec.projects) == {"initial_budget": D("2671.07"), "actual": D("3601.87"),
                                    "completion_rate": D("100")}
    assert rec.overall.is_empty()


def test_no_block_word_no_figure():
    rec = parse("一、预算执行情况\n年初预算 2671.07 万元，实际支出 3601.87 万元。")
    assert not rec.has_budget_figure()


TABLE = """2021年度部门整体支出绩效自评表
单位名称：XX县农业农村局
{title}
项目{s}年初预算数{s}全年预算数{s}全年执行数{s}执行率
年度资金总额{s}{o}
其中：基本支出{s}{b}
项目支出{s}{p}
自评得分{s}88{s}评价等级{s}良
"""


@pytest.mark.parametrize("sep", ["\t", " ", "   "])
def test_national_table_in_wan(sep):
    text = TABLE.format(s=sep, title="部门整体支出预算执行情况（万元）",
                        o=sep.join(["4982.39", "6364.24", "6364.24", "100%"]),
                        b=sep.join(["2311.32", "2762.37", "2762.37", "100%"]),
                        p=sep.join(["2671.07", "3601.87", "3601.87", "100.00%"]))
    rec = parse(text)
    assert fields(rec.overall) == {"initial_budget": D("4982.39"), "adjusted_budget": D("6364.24"),
                                   "actual": D("6364.24"), "completion_rate": D("100")}
    assert rec.basic.initial_budget == D("2311.32") and rec.projects.actual == D("3601.87")
    # a figure from a table names its cell: table title · row × column: cell
    assert rec.evidence["overall.actual"] == "部门整体支出预算执行情况（万元） · 年度资金总额 × 全年执行数: 6364.24"
    assert rec.evidence["basic.completion_rate"] == "部门整体支出预算执行情况（万元） · 其中：基本支出 × 执行率: 100%"
    assert rec.department == "XX县农业农村局" and rec.year == 2021
    assert rec.score == 88 and rec.rating == "良"
    assert_evidence(rec)


def test_national_table_in_yuan_with_separators():
    text = TABLE.format(s="\t", title="单位：元",
                        o="\t".join(["49,823,900.00", "63,642,400.00", "63,642,400.00", "100%"]),
                        b="\t".join(["23,113,200", "27,623,700", "27,623,700", "100%"]),
                        p="\t".join(["26,710,700.00", "36,018,700.00", "36,018,700.00", "100%"]))
    rec = parse(text)
    assert rec.overall.initial_budget == D("4982.39")
    assert rec.basic.adjusted_budget == D("2762.37")
    assert rec.projects.actual == D("3601.87")


def test_table_unit_in_column_header_and_score_columns():
    text = ("项目 年初预算数（万元） 全年预算数（万元） 全年执行数（万元） 分值 执行率 得分\n"
            "年度资金总额 4982.39 6364.24 6300.00 10 98.99% 9.9\n"
            "其中：当年财政拨款 4982.39 6364.24 6300.00 — — —\n"
            "项目支出 2671.07 3601.87 3537.63 — 98.22% —\n")
    rec = parse(text)
    assert fields(rec.overall) == {"initial_budget": D("4982.39"), "adjusted_budget": D("6364.24"),
                                   "actual": D("6300.00"), "completion_rate": D("98.99")}
    assert fields(rec.projects) == {"initial_budget": D("2671.07"), "adjusted_budget": D("3601.87"),
                                    "actual": D("3537.63"), "completion_rate": D("98.22")}
    assert rec.basic.is_empty()  # 当年财政拨款 is a source of funds, not a block


def test_total_of_a_project_list_is_project_spending():
    rec = parse("单位：万元\n项目名称 年初预算数 全年执行数 执行率\n社区服务经费 100.00 90.00 90%\n"
                "环卫保洁经费 200.00 200.00 100%\n合计 300.00 290.00 96.67%")
    assert fields(rec.projects) == {"initial_budget": D("300.00"), "actual": D("290.00"), "completion_rate": D("96.67")}
    assert rec.overall.is_empty()


@pytest.mark.parametrize("sentence, rating", [
    ("评价等级为“优秀”。", "优"), ("评价等级：良好。", "良"), ("自评等级为中等。", "中"), ("评价结果为“差”。", "差"),
    ("绩效自评优。", "优"), ("综合评定为良。", "良"), ("评价等次为良好。", "良"),
])
def test_rating_words(sentence, rating):
    assert parse("经自评，" + sentence).rating == rating


@pytest.mark.parametrize("sentence, score", [
    ("自评得分92分。", D("92")), ("综合得分为 95.5 分，", D("95.5")), ("自评总分 88 分。", D("88")),
    ("自评得分：91", D("91")),
])
def test_score(sentence, score):
    assert parse(sentence).score == score


@pytest.mark.parametrize("sentence, score", [("自评分数为92.5分，等级为优。", D("92.5")),
                                             ("评价总分数100分，自评得分93分。", D("93")),
                                             ("综合评分数为100分，我局实际得分87分。", D("87")),
                                             ("自评分数86分，较上年度（自评分数为82分）提高4分。", D("86")),
                                             ("评价总分数为100分。本单位自评得分：89分。", D("89"))])
def test_score_as_a_number_of_points(sentence, score):
    """分数 for 分: the score (自评分数), or the scale's maximum (总分数) before the score."""
    assert parse(SELF_EVALUATION + "二、自评结论\n" + sentence).score == score


@pytest.mark.parametrize("cells, score, rating", [
    ("自评得分\n95\n自评等级\n优", D("95"), "优"),
    ("自评得分 |\n93.5 |\n等级 |\n良 |", D("93.5"), "良"),
    ("得分\n10\n分值\n10", None, None),  # an indicator's 得分: no total
])
def test_a_form_flattened_one_cell_per_line(cells, score, rating):
    rec = parse(SELF_EVALUATION + "二、自评结论\n" + cells)
    assert (rec.score, rec.rating) == (score, rating)


@pytest.mark.parametrize("rows, score, rating", [
    ("自评总分 | 评价等级 |\n84.25 | 良 |", D("84.25"), "良"),  # a web table's rows: labels over values
    ("自评总分 | 自评总分 | 评价等级 | 评价等级 |\n87.5 | 87.5 | 良 | 良 |", D("87.5"), "良"),  # merged cells repeated
    ("自评得分 |  | 等级 |\n92 |  | 优 |", D("92"), "优"),  # an empty column
    ("分值 | 得分 |\n100 | 93 |", None, None),  # a scoring row: no label of the self-evaluation's
    ("自评总分 | 评价等级 |\n84.25 | 良 | 2024年3月 |", None, None),  # cells not one under the other
    ("2022年 | 2023年 |\n自评总分 | 评价等级 |", None, None),  # labels under years: no values under them
])
def test_a_row_of_score_and_rating_labels_over_their_values(rows, score, rating):
    text = SELF_EVALUATION + "二、自评结论\n" + rows  # (its lines are paragraphs: a table's rows)
    rec = parse_text(normalize([text], paragraphs=True), Source("t.txt", "txt", "utf-8", ""))
    assert (rec.score, rec.rating) == (score, rating)


def test_a_word_tables_score_and_rating_labels_over_their_values(tmp_path):
    rec = read_written(tmp_path, "<html><body><h1>示例松风县城市管理局2023年度部门整体支出绩效自评报告</h1><p>全年预算2,398.20万元，"
                       "实际支出2,215.74万元。</p><p>四、自评结论</p><table><tr><td>自评总分</td><td>评价等级</td></tr>"
                       "<tr><td>84.25</td><td>良</td></tr></table></body></html>", "r.html")
    assert (rec.score, rec.rating) == (D("84.25"), "良")


SUMMARY = "一级指标 | 二级指标 | 分值 | 得分 |\n决策 | 目标设定 | 10 | 9 |\n过程 | 预算执行 | 90 | 84.5 |\n"


@pytest.mark.parametrize("total, score", [
    ("合计 | 100 | 93.5 |", D("93.5")),  # the 得分 column only, never the 分值
    ("合计 | — | 100 | 93.5 |", D("93.5")),
    ("总分 | 100 | 93.5 |", D("93.5")),
    ("合计 | 100 |", None),  # 分值 or 得分: not said
])
def test_a_scoring_summarys_total_row(total, score):
    text = SELF_EVALUATION + "二、自评结论\n" + SUMMARY + total  # (its lines are paragraphs: a web page's rows)
    assert parse_text(normalize([text], paragraphs=True), Source("t.txt", "txt", "utf-8", "")).score == score


@pytest.mark.parametrize("total, score, rating", [
    ("总分 | 100 | 94.04 | 优 |", D("94.04"), "优"),  # its label kept, the grade in its own column
    ("合计 | 100 | 91.20 | 优 |", D("91.20"), "优"),
    ("总分 | 100 | 94.04 | 良 |", None, None),  # a grade not the score's band: neither
])
def test_a_score_tables_total_row_with_its_label_and_grade(total, score, rating):
    text = (SELF_EVALUATION + "二、自评结论\n一级指标 | 二级指标 | 分值 | 得分 | 等级 |\n决策 | 目标设定 | 10 | 9 | |\n"
            "过程 | 预算执行 | 90 | 85.04 | |\n" + total)
    rec = parse_text(normalize([text], paragraphs=True), Source("t.txt", "txt", "utf-8", ""))
    assert (rec.score, rec.rating) == (score, rating)


def test_indicator_points_are_not_the_score():
    rec = parse("预算执行率指标得分10分。经自评，部门整体支出绩效自评得分91分，评价等级为优。")
    assert rec.score == 91


@pytest.mark.parametrize("sentence", ["在评价中，发现部分项目进度偏慢。", "自评中，我们对照指标逐项打分。",
                                      "评价结果中反映的问题已整改。", "评价等次为“优”的须达到90分以上。",
                                      "评价等级为优的单位予以通报表扬。"])  # (a band's rule, not the rating)
def test_no_rating_from_prose(sentence):
    assert parse(sentence).rating is None


def test_full_score_is_not_the_score():
    assert parse("本次评价满分100分。").score is None


SELF_EVALUATION = "某某县水务局2023年度部门整体支出绩效自评报告\n"


@pytest.mark.parametrize("text, score", [
    # an indicator's 自评得分, in its own sentence or after the budget figures, is not the total
    ("（一）产出指标：数量指标“供水管网维修数”目标8处，完成8处，自评得分20分。效益指标自评得分27分。\n"
     "二、自评结论\n2023年度部门整体支出绩效自评得分94分，等级为优。", D("94")),
    ("全年执行1,362.40万元，执行率98.72%，该项指标自评得分9.9分。", None),
    ("对照评价指标逐项打分，我局自评得分91分，等级为优。", D("91")),
    ("各项指标综合得分93分，评价等级为优。", D("93")),
    # another year's score first: this year's is the one after the report's year
    ("本局2022年度部门整体支出绩效自评得分88分，2023年度自评得分92.5分，等级为优。", D("92.5")),
    ("上年度自评得分85分，本年度自评得分90分，等级为优。", D("90")),
    ("2022年度部门整体支出绩效评价得分为83分，等级为良，问题已整改。", None),
    # years that date no evaluation: a compared year, a date, a document's
    ("2023年度部门整体支出绩效自评得分95分，较2022年提高3分，等级为优。", D("95")),
    ("我局于2024年3月开展自评，自评得分91分，等级为优。", D("91")),
    ("按照县财政局2022年印发的评价办法，自评得分91分，等级为优。", D("91")),
    # another assessment's score; a band of the scoring rules; a lower bound
    ("群众满意度调查得分为96.1分，满意度达到96.1%；场馆安全检查评定等级为优。", None),
    ("本次自评采用百分制，得分90分（含）以上为优，80分（含）至90分为良。", None),
    ("自评得分90分以上，等级为优。", None),
    # last year's problems named in a clause of their own: the score is still this year's
    ("针对上年度绩效评价发现的问题逐项整改落实，自评得分93分。", D("93")),
    ("针对2022年度评价提出的整改意见，我局逐项落实，自评得分93分。", D("93")),
    ("上年度评价发现问题2个，得分82分。", None),
    # a project's 自评表 squashed onto one line: its score field is the project's
    ("项目名称防汛物资储备实施单位某某县水务局年初预算数(万元)50全年执行数(万元)48自评总分(分)85.5", None),
    ("本报告所列项目名称与预算一致，部门整体自评总分(分)92，等级为优。", D("92")),
    ("针对上年度评价发现的问题逐项整改，2022年度自评得分88分。", None),
])
def test_score_is_this_years_self_evaluation_total(text, score):
    assert parse(SELF_EVALUATION + text).score == score


@pytest.mark.parametrize("text, rating", [
    ("县财政局对我局2022年度部门整体支出开展了重点评价，评价结果为“中”，已完成整改。\n自评得分91分。", None),
    ("上年度绩效评价结果为良，今年已整改。", None),
    ("2022年度县级综合考核等级为良。", None),
    ("供水设施安全检查评定等级为优。", None),
    ("水利工程质量评定等级为优良，农村供水保障评价结果为良好。", None),
    ("评价等级为优、良、中、差四个档次。", None),
    # another body's evaluation of the unit (对我局 …): not the self-rating of a 自评 report
    ("县财政局对我局2023年度部门整体支出开展了重点绩效评价，评价结果为良。", None),
    ("县财政局对某某县水务局2023年度部门整体支出开展了重点绩效评价，评价结果为良。", None),
    ("我局配合县财政局对我局2023年度部门整体支出开展了重点绩效评价，评价结果为良。", None),
    # another's grade: a scoring rule's band, the internal-control evaluation, the superior's own, a
    # project's or a sub-unit's grade after its score
    ("评分标准：执行率达到100%得满分，评价等级为优。", None),
    ("单位内部控制建设评价结果为优。", None),
    ("我局档案规范化管理评估等级为优。", None),
    ("本次自评估得分92分，等级为优。", "优"),
    ("自评得分92分，评估等级为优。", "优"),
    ("部门整体支出绩效自评估结果：得分92分，评估等级为优。", "优"),
    ("我局年度目标考评等级为优秀；部门整体支出绩效自评得分86分。", None),
    ("上级主管部门市水利局部门整体绩效评价结果为良。", None),
    ("水源地保护项目得分96分，评价结果为优秀；我局整体支出自评得分88分，评价结果为良好。", "良"),
    ("所属供水站自评得分85分，等级为良；本局整体自评得分93分，等级为优。", "优"),
    ("按照评分标准，我局自评得分92分，等级为优。", "优"),
    ("对照评分标准：本部门自评得分92分，等级为优。", "优"),
    ("根据评分标准：90分以上为优，我局自评得分92分，等级为优。", "优"),
    ("评分标准为：本部门执行率达到100%得满分，等级为优。", None),
    ("评分规则：本部门得分90分以上等级为优，80分以上为良。", None),
    # the superior asking or reviewing, or a form row's 主管部门 field: the unit's own
    ("按上级部门要求自评得分92分，等级为优。", "优"),
    ("自评得分92分，经主管部门审核评定等级为优。", "优"),
    ("主管部门：某某县人民政府　评价等级：良", "良"),
    # …but the superior's own grade, reviewed or arranged by it, is not the unit's
    ("主管部门审核评定我局2023年度部门整体绩效等级为良；我局自评得分92分，等级为优。", "优"),
    ("主管部门安排的绩效评价等级为良。", None),
    # the unit, its self-evaluation or the report's year named: the report's rating
    ("本单位2022年度部门整体支出绩效自评得分88分，2023年度自评得分92分，等级为优。", "优"),
    ("某某县水务局评价等级为良。", "良"),
    ("经评价，该局评价结果为良好。", "良"),
    ("（三）自评结论：2023年度绩效评价结果：良好", "良"),
    ("自评得分 | 95 | 等级 | 优", "优"),
    ("自评得分88分，等级良。", "良"),
    ("我局对本部门2023年度整体支出开展了绩效自评，评价结果为良。", "良"),
    # the unit itself, by a subject word or its name, the last body named before 对: its own evaluation
    ("我局成立绩效评价工作小组，对本局2023年度部门整体支出进行了全面评价，评价等级为优。", "优"),
    ("县水务局成立评价工作小组，对本局2023年度部门整体支出进行了全面评价，评价结果为良。", "良"),
    ("县财政局对我局2023年度部门整体支出开展了重点绩效评价，评价结果为良。我局自评等级为优。", "优"),
])
def test_rating_is_this_years_self_evaluation(text, rating):
    assert parse(SELF_EVALUATION + text).rating == rating


def test_the_evaluations_own_report_gives_its_rating():
    """The finance bureau's 评价报告 about the unit: its result is the report's rating and score."""
    rec = parse("某某县财政局关于某某县水务局2023年度部门整体支出绩效评价报告\n"
                "县财政局对县水务局2023年度部门整体支出开展了重点绩效评价，综合得分86.5分，评价结果为良。")
    assert (rec.rating, rec.score) == ("良", D("86.5"))
    rec = parse(SELF_EVALUATION + "县财政局对县水务局2023年度部门整体支出开展了重点绩效评价，综合得分86.5分，评价结果为良。")
    assert (rec.rating, rec.score) == (None, None)


def test_a_project_reports_rating_names_its_project():
    title = "某某县2023年度农村供水保障项目支出绩效自评报告\n"
    assert parse(title + "农村供水保障项目评价结果为良。").rating == "良"
    assert parse(SELF_EVALUATION + "农村供水保障项目评价结果为良。").rating is None


# --- 3. department and year -----------------------------------------------------------------------
@pytest.mark.parametrize("head", [
    "广州市荔湾区教育局2021年度部门整体支出绩效自评报告",
    "2021年度广州市荔湾区教育局部门整体支出绩效评价报告",
    "广州市荔湾区教育局\n2021年度部门整体支出绩效自评报告",
    "2021年度部门整体支出绩效自评报告\n单位名称：广州市荔湾区教育局",
    "部门整体支出绩效自评报告\n2021年，广州市荔湾区教育局对部门整体支出开展了绩效自评。",
    "2021年度部门整体支出绩效自评报告\n根据区财政局要求，广州市荔湾区教育局对2021年度部门整体支出开展了绩效自评。",
    "广州市荔湾区教育局 2021 部门整体支出绩效评价报告",
    "关于广州市荔湾区教育局2021年度部门整体支出绩效自评报告",
    "广州市荔湾区教育局２０２１年度部门整体支出绩效自评报告",
    "广州市荔湾区教育局关于2021年度部门整体支出绩效自评情况的报告",
])
def test_department_and_year(head):
    rec = parse(head + "\n一、基本情况\n本局内设机构 5 个。")
    assert rec.department == "广州市荔湾区教育局"
    assert rec.year == 2021


def test_long_department_name_on_its_own_line():
    rec = parse("广州市荔湾区人民政府花地街道办事处\n2021年度部门整体支出绩效自评报告\n正文。")
    assert rec.department == "广州市荔湾区人民政府花地街道办事处" and rec.year == 2021


# --- 4. lists -----------------------------------------------------------------------------------
@pytest.mark.parametrize("head", ["下一步工作计划", "改进措施", "整改措施", "意见建议", "下一步改进措施"])
def test_plan_headings(head):
    rec = parse(f"五、存在的问题\n（一）支出进度偏慢。\n六、{head}\n（一）加快支出进度。\n（二）细化目标。")
    assert rec.problems == ["支出进度偏慢。"]
    assert rec.plans == ["加快支出进度。", "细化目标。"]


def test_unnumbered_sections_are_their_paragraphs():
    rec = parse("五、存在的问题\n支出进度偏慢，年底突击花钱。\n绩效目标不够细化。\n六、下一步工作计划\n加快支出进度。")
    assert rec.problems == ["支出进度偏慢，年底突击花钱。", "绩效目标不够细化。"]
    assert rec.plans == ["加快支出进度。"]


def test_problems_and_plans_under_one_combined_heading():
    rec = parse("四、存在的问题及改进措施\n（一）存在的问题\n1.支出进度偏慢。\n2.目标不细。\n"
                "（二）改进措施\n1.加快进度。\n2.细化目标。\n3.强化应用。\n五、其他需要说明的情况\n无。")
    assert rec.problems == ["支出进度偏慢。", "目标不细。"]
    assert rec.plans == ["加快进度。", "细化目标。", "强化应用。"]


def test_tasks_without_funds():
    rec = parse("三、年度绩效目标完成情况\n1.完成义务教育学校改造。\n2.提升教学质量。\n四、存在的问题\n1.进度慢。")
    assert [(t.no, t.funds) for t in rec.tasks] == [(1, None), (2, None)]


def test_main_tasks_heading():
    rec = parse("二、主要任务\n（一）完成改造，安排资金 30 万元。\n（二）提升质量，安排资金 20.5 万元。\n三、存在的问题\n（一）慢。")
    assert [t.funds for t in rec.tasks] == [D("30"), D("20.5")]


# --- 5. never guess -------------------------------------------------------------------------------
def test_missing_figures_stay_none():
    rec = parse("2021年XX局部门整体支出绩效自评报告\n部门整体支出预算执行情况良好，预算完成率较高。"
                "项目支出实际支出 300 万元。")
    assert rec.overall.completion_rate is None
    assert rec.overall.actual is None
    assert rec.projects.actual == D("300")
    assert rec.projects.completion_rate is None
    assert rec.rating is None and rec.score is None


def test_no_figure_borrowed_from_the_next_sentence():
    rec = parse("部门整体支出预算完成率。实际支出 100 万元，完成率 98%。")
    assert rec.overall.completion_rate == D("98")
    assert "完成率 98%" in rec.evidence["overall.completion_rate"]


def test_figure_without_unit_is_not_read():
    rec = parse("部门整体支出年初预算数为 4982.39，全年执行数 6364.24 万元。")
    assert rec.overall.initial_budget is None
    assert rec.overall.actual == D("6364.24")


def test_first_statement_wins_and_warns():
    rec = parse("部门整体支出实际支出 100 万元。整体实际支出 200 万元。")
    assert rec.overall.actual == D("100")
    assert any("overall.actual" in w for w in rec.warnings)


def test_empty_and_garbage_text():
    for text in ["", "\n\n", "年初预算", "预算完成率%", "1.\n2.\n（一）", "单位：元\n项目 年初预算数 全年预算数\n合计 — —"]:
        rec = parse(text)
        assert not rec.has_budget_figure()


@pytest.mark.parametrize("text, rating, score", [
    # the year's work appraisal in the 部门概况 is not this evaluation's rating
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n2023年，我局年度综合考评等级优秀。\n"
     "二、评价结论\n经综合评价，我局2023年度部门整体支出绩效自评得分86分，等级为良。", "良", D("86")),
    # the year the evaluation was done, a year's work plan, money carried over from last year: not another year's
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n我局于2024年开展绩效自评，自评得分93分，等级为优。", "优", D("93")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n按照县财政局2024年工作部署，经综合评价，自评得分91分，等级为优。",
     "优", D("91")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n本年度部门整体支出（含上年结转资金120万元）执行率98.5%，"
     "经综合评价，自评得分93分，等级为优。", "优", D("93")),
    # a unit whose name holds an assessment's word (审计, 质量) names itself, not another's assessment
    ("某某县审计局2023年度部门整体支出绩效自评报告\n经自评，某某县审计局2023年度部门整体支出绩效自评得分92分，等级为优。",
     "优", D("92")),
    ("某某县审计局2023年度部门整体支出绩效自评报告\n县审计局整体支出绩效评价得分92分，评价等级为优。", "优", D("92")),
    # ... and an audit of the unit by its bureau is still another's
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n经县审计局审计，评价等级为良。\n经自评，我局自评得分92分，等级为优。",
     "优", D("92")),
    # last year's score with 年 alone before 自评; a work appraisal's; a review's grade; a score aimed at
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n2022年自评得分87分，2023年度部门整体支出绩效自评得分93分，等级为优。",
     "优", D("93")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n2023年度县直单位考评得分95.5分，考评等级为优秀。\n"
     "经自评，我局部门整体支出绩效自评得分90分。", None, D("90")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n我局部门整体支出绩效自评得分94分，经县财政局复核，复核得分89分，等级为良。",
     None, D("94")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n下一步，我局将加强预算绩效管理，争取部门整体支出绩效综合得分达到95分。",
     None, None),
    # the unit's own check and its own scoring called 考评: the unit's
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n经财务股复核，我局部门整体支出绩效自评得分92分，等级为优。", "优", D("92")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n经自评，我单位考评得分92分，评价等级为优。", "优", D("92")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n本年度考评得分93分，评价等级为优。", "优", D("93")),
    # one grade written twice by a merged cell, or with its legend
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n自评得分 93\n评价等级 优 优", "优", D("93")),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n自评得分 93\n评价等级 优 （优 良 中 差）", "优", D("93")),
])
def test_the_self_evaluation_among_other_years_and_appraisals(text, rating, score):
    rec = parse_text(normalize(text.splitlines()), Source("t.txt", "txt", "utf-8", "0" * 64))
    assert (rec.rating, rec.score) == (rating, score)


@pytest.mark.parametrize("field", ["二级单位：示例松风县国有林场", "上年对比：2022年度", "三公经费：公务接待",
                                   "比较年度：2022年度", "对比口径：2022年决算", "基期年度：2022年"])
def test_a_field_line_of_a_unit_below_another_year_or_a_sub_budget_ends_the_money_section(field):
    """A form's field line ("联系人：某某") ends no money section, but one naming a unit below, another year or
    a sub-budget does: the figures under it are not the unit's."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。\n"
                f"{field}\n实际支出330万元。")
    assert rec.overall.actual is None


@pytest.mark.parametrize("field", ["资金来源：财政拨款及上年结转", "核算口径：含以前年度结转", "执行对比：年初预算与实际支出",
                                   "比较口径：本年度决算数", "资金性质：2022年结转资金"])
def test_a_field_line_of_this_years_money_ends_no_money_section(field):
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
                f"{field}\n2023年度年初预算860万元，调整后预算910万元，全年实际支出897万元。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), "actual": D("897")}


def test_a_contact_field_line_ends_no_money_section():
    rec = parse("部门整体支出绩效自评报告\n部门名称：示例松风县住房和城乡建设局\n联系人：周某\n"
                "2023年度年初预算1,250万元，调整后预算1,320万元，全年实际支出1,296万元。")
    assert fields(rec.overall) == {"initial_budget": D("1250"), "adjusted_budget": D("1320"), "actual": D("1296")}


@pytest.mark.parametrize("label", ["预算支出进度为", "全年支出进度", "预算支出率"])
def test_completion_rate_wordings(label):
    """The year's completion rate by other words (进度, 支出率); part of a year's progress stays unread, and so
    does 执行进度 alone (a project's works, test_prose_rules)."""
    rec = parse(f"示例松风县林业局2023年度调整后预算910万元，全年实际支出897万元，{label}98.57%。截至9月底，{label}75%。")
    assert fields(rec.overall) == {"adjusted_budget": D("910"), "actual": D("897"), "completion_rate": D("98.57")}
    assert_evidence(rec)


@pytest.mark.parametrize("sentence", ["中央资金支出进度100%。", "专项债支出进度80%。", "序时支出进度为75%。",
                                      "省财政厅要求年底前支出进度达到95%。", "文化惠民演出项目支出进度100%。",
                                      "三季度预算支出进度为80%。"])
def test_rates_that_are_not_the_units_years(sentence):
    """One fund's progress, a target, the schedule's, one project's or a quarter's: none is the unit's rate
    (支出进度 is read only as 预算支出进度 / 全年支出进度)."""
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n调整后预算910万元，全年实际支出897万元。\n{sentence}")
    assert rec.overall.completion_rate is None and rec.projects.completion_rate is None


@pytest.mark.parametrize("span", ["2021-2023年", "2021年至2023年", "2021—2023年度"])
def test_a_span_of_years_money_is_no_years(span):
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元。{span}实际支出2,610万元。")
    assert rec.overall.actual is None and fields(rec.overall) == {"initial_budget": D("860")}


@pytest.mark.parametrize("sentence", ["10月份预算执行率为81.5%。", "9月预算支出进度为70%。", "截至目前，11月份的预算执行率82%。",
                                      "1-10月份部门整体预算执行率81.5%。", "年初至10月预算执行率为81.5%。",
                                      "9月份实际支出640万元，预算执行率70.33%。", "十月份预算执行率为81.5%。",
                                      "四季度实际支出290万元，执行率31.87%。", "第三季度预算执行率为70%。",
                                      "10月份：实际支出640万元，执行率70.33%。", "9月，部门预算执行率达到70%。",
                                      "2023年9月，部门预算执行率达到70%。"])
def test_a_months_rate_or_spending_is_not_the_years(sentence):
    """A month before the last states its own progress or spending ("10月份预算执行率", "9月份实际支出"), not the
    year's; the year's is read beside it, and a month's budget, change or change rate may be the year's
    ("9月份追加预算 …", "8月预算调整率")."""
    head = "示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
    rec = parse(f"{head}年初预算860万元，调整后预算910万元。{sentence}")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910")}
    rec = parse(f"{head}年初预算860万元，9月份追加预算50万元，8月预算调整率为5.81%。{sentence}全年预算执行率为98.57%。"
                "12月份预算执行率98.57%。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjustment": D("50"), "adjustment_rate": D("5.81"),
                                   "completion_rate": D("98.57")}


@pytest.mark.parametrize("block, word", [("projects", "项目支出"), ("basic", "基本支出")])
def test_a_months_rate_of_a_block_is_not_the_years(block, word):
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
                f"10月份{word}预算执行率为62%，全年{word}预算执行率98.39%。")
    assert getattr(rec, block).completion_rate == D("98.39")


@pytest.mark.parametrize("heading", ["（三）“三公”经费情况", "“三公”经费", "3.三公经费控制情况"])
@pytest.mark.parametrize("sentence", ["年初预算18万元，实际支出总额12.5万元，执行率69.44%。", "支出总额12.5万元。",
                                      "全年总支出12.5万元。"])
def test_a_total_under_a_sub_budgets_heading_is_that_budgets(heading, sentence):
    """Under a heading about 三公经费, "支出总额" / "总支出" is that budget's total, not the unit's; the unit's
    figures there need the unit's words ("部门整体支出…")."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。\n"
                f"{heading}\n{sentence}")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910")}
    for unit_said in ("三公经费支出12.5万元。部门整体支出总额897万元，执行率98.57%。", "部门总支出897万元，执行率98.57%。",
                      "全年支出总额897万元，其中“三公”经费支出12.5万元，执行率98.57%。",  # (of the unit's size)
                      "支出总额897万元，其中基本支出520万元，项目支出377万元；执行率98.57%。"):  # (its parts the blocks)
        rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。\n"
                    f"{heading}\n{unit_said}")
        assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), "actual": D("897"),
                                       "completion_rate": D("98.57")}, unit_said


def test_a_sub_budgets_heading_with_its_figure_and_its_budgets_total():
    """A heading about 三公经费 that states its figure is one too; a budget's total there ("预算总额 20 万元，其中
    年初预算 18 万元…") is that budget's; the next heading ends the section."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元。\n"
                "（三）“三公”经费支出12.5万元\n资金总额12.5万元，执行率69.44%。预算总额20万元，其中年初预算18万元，追加预算2万元。\n"
                "（四）部门整体支出情况\n调整后预算910万元，支出总额897万元，执行率98.57%。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), "actual": D("897"),
                                   "completion_rate": D("98.57")}


@pytest.mark.parametrize("heading", ["（三）“三公”经费情况", "（三）部门“三公”经费情况", "2.3 三公经费"])
def test_a_table_under_a_sub_budgets_heading_is_that_budgets(heading):
    """A table under a heading about 三公经费 (its title naming no block): its 合计 row is that budget's; one whose
    rows name the unit's spending is still read."""
    head = "示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元。\n"
    rows = "单位：万元\n项目\t年初预算\t实际支出\t执行率\n公务接待费\t8\t6\t75%\n公务用车运行维护费\t10\t6.5\t65%\n合计\t18\t12.5\t69.44%\n"
    rec = parse(f"{head}{heading}\n{rows}三、自评结论\n自评得分92分。")
    assert fields(rec.overall) == {"initial_budget": D("860")}
    rec = parse(f"{head}{heading}\n公务接待费6万元。\n项目\t调整后预算\t实际支出\t执行率\n部门整体支出\t910\t897\t98.57%\n三、自评结论\n自评得分92分。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), "actual": D("897"),
                                   "completion_rate": D("98.57")}


@pytest.mark.parametrize("text, want", [
    ("9月份实际支出进度达到75%，年度实际支出889万元，预算执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")}),
    ("10月份预算执行率达到85%，本年实际支出889万元，执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")}),
    ("较10月份执行率提高18个百分点，全年执行率达到97.69%。", {"completion_rate": D("97.69")}),
    ("10月份执行率为79.8%，累计实际支出889万元，执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")}),
    ("9月份实际支出640万元，预算执行率70.33%。", {}),
    # a range to the year's end is the year ("1-4季度", "第一至第四季度"); a month inside a clause heads nothing
    ("1-4季度实际支出889万元，执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")}),
    ("第一至第四季度累计实际支出889万元。", {"actual": D("889")}),
    ("经9月调整，实际支出889万元，执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")})])
def test_a_months_figures_are_its_clauses(text, want):
    """A month's progress or spending holds its own clause (and a rate opening the next: the rate of its amount);
    the year's figures after it, in later clauses, are read; a month compared with is no month's figure."""
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。{text}")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), **want}


@pytest.mark.parametrize("text", ["全年支出总额897万元，其中“三公”经费支出12.5万元。",
                                  "全年预算执行率98.57%，支出总额897万元，“三公”经费支出12.5万元。"])
def test_the_units_total_under_a_sub_budgets_heading_before_its_budget(text):
    """Under a 三公 heading, a total holding 三公经费 as its part is the unit's, though no budget is read yet to
    measure it by; a rate before the amount it goes with follows that amount."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n（二）“三公”经费情况\n" + text.replace("全年预算执行率98.57%，", "")
                + "\n二、预算执行情况\n年初预算860万元，调整后预算910万元。")
    assert rec.overall.actual == D("897")
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。\n"
                f"（三）“三公”经费情况\n{text}")
    assert rec.overall.actual == D("897") and rec.overall.completion_rate in (None, D("98.57"))


@pytest.mark.parametrize("above, table", [
    # a table of sources under a 三公 heading is the unit's
    ("（三）“三公”经费情况\n“三公”经费支出6.2万元。\n", "资金来源\t年初预算\t调整后预算\t实际支出\t执行率\n财政拨款\t800\t850\t840\t98.82%\n"
     "其他资金\t60\t60\t57\t95%\n合计\t860\t910\t897\t98.57%\n"),
    # a column of part of the year (1-10月执行数) beside 全年执行数: the whole year's is read
    ("", "项目\t年初预算\t调整后预算\t1-10月执行数\t全年执行数\t执行率\n合计\t860\t910\t640\t897\t98.57%\n"),
    ("", "项目\t年初预算\t调整后预算\t四季度执行数\t全年执行数\t执行率\n合计\t860\t910\t257\t897\t98.57%\n")])
def test_the_units_table_is_read_for_its_years_figures(above, table):
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n{above}单位：万元\n{table}三、自评结论\n自评得分92分。")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), "actual": D("897"),
                                   "completion_rate": D("98.57")}


@pytest.mark.parametrize("text, actual", [("“三公”经费开支：全年支出总额897万元，执行率98.57%，其中“三公”经费18万元。", D("897")),
                                          ("三公经费：全年支出总额12.5万元，执行率69.44%。", None)])
def test_a_sub_budgets_topic_before_a_colon_and_a_total(text, actual):
    """After a 三公 topic and its colon a total word is the topic's own, unless its amount is the unit's size or
    holds 三公经费 as its part."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。\n" + text)
    assert rec.overall.actual == actual


@pytest.mark.parametrize("text, want", [
    ("全年实际支出889万元，同10月份实际支出相比增长34%，预算执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")}),
    ("11月份基本支出实际支出300万元，部门整体预算执行率97.69%。", {"completion_rate": D("97.69")}),
    ("全年实际支出889万元（10月份实际支出450万元），预算执行率97.69%。", {"actual": D("889"), "completion_rate": D("97.69")})])
def test_a_month_compared_with_another_blocks_rate_or_a_note_is_no_months_figure(text, want):
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算860万元，调整后预算910万元。{text}")
    assert fields(rec.overall) == {"initial_budget": D("860"), "adjusted_budget": D("910"), **want}
    assert rec.basic.actual is None


@pytest.mark.parametrize("text, actual", [
    ("支出总额897万元（其中“三公”经费9.8万元）。", D("897")),
    ("支出总额897万元，基本支出605万元，项目支出292万元。", D("897")),
    ("我局严格控制“三公”经费，全年支出总额9.8万元，执行率81.67%。", None)])
def test_what_makes_a_total_under_a_sub_budgets_heading_the_units(text, actual):
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算1860万元，调整后预算1910万元。\n"
                f"（三）“三公”经费情况\n{text}")
    assert rec.overall.actual == actual and rec.overall.completion_rate is None


def test_a_units_total_row_far_above_its_sub_budget_rows_is_read():
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n（三）“三公”经费及其他\n单位：万元\n"
                "项目\t调整后预算\t实际支出\t执行率\n合计\t910\t897\t98.57%\n三公经费\t12\t9.8\t81.67%\n会议费\t3\t2.5\t83.33%\n"
                "三、自评结论\n自评得分92分。")
    assert fields(rec.overall) == {"adjusted_budget": D("910"), "actual": D("897"), "completion_rate": D("98.57")}


@pytest.mark.parametrize("text, want", [
    ("调整预算后1,108.44万元。", {"adjusted_budget": D("1108.44")}),
    ("全年预算调整为1,108.44万元。", {"adjusted_budget": D("1108.44")}),
    ("年中预算调减至980.00万元。", {"adjusted_budget": D("980.00")}),
    ("因项目调整，部门预算调减至980.00万元。", {"adjusted_budget": D("980.00")}),  # (部门: the unit's, not the projects')
    ("因新增任务部门预算追加至1,108.44万元。", {"adjusted_budget": D("1108.44")}),
    ("全年预算执行率提高到96.8%。", {"completion_rate": D("96.8")}),  # the rate it reached
    ("全年预算执行率较上年提高了3.2%。", {}),  # a change, no rate
    ("预算执行率由上年的92%提高到96.8%。", {})])  # (last year's first: nothing rather than it)
def test_a_budget_adjusted_to_or_a_rate_moved_to(text, want):
    rec = parse(f"示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算1,000.00万元。{text}")
    assert fields(rec.overall) == {"initial_budget": D("1000"), **want}


HEAD_WENHUAGUAN = "示例松风县文化馆2023年度部门整体支出绩效自评报告\n"


def _basic_then_projects(first: str, second: str, projects_initial: str = "3,880,000.00") -> str:
    """Two tables in 元 (the 基本支出's, then the 项目支出's), each under the lines given."""
    return (f"{first}| 项目 | 年初预算 | 实际支出 |\n| 基本支出 | 8,200,000.00 | 8,512,300.00 |\n"
            f"{second}| 项目 | 年初预算 | 实际支出 |\n| 项目支出 | {projects_initial} | 3,889,500.00 |\n")


@pytest.mark.parametrize("text, block, want", [
    # a list of projects: its 合计 is the projects' (the column after 项目名称 is no project's name)
    ("三、项目支出情况\n项目支出明细表（单位：万元）\n| 项目名称 | 本年预算 | 调整后预算 | 实际支出 |\n"
     "| 小型水库除险加固 | 500.00 | 520.00 | 515.00 |\n| 农村饮水安全维修 | 80.00 | 90.00 | 88.20 |\n"
     "| 合计 | 580.00 | 610.00 | 603.20 |\n", "projects", {"adjusted_budget": D("610"), "actual": D("603.2")}),
    # a project named in a sentence above the unit's table
    ("二、重点项目\n项目名称：电子商务进农村综合示范专项，安排资金200.00万元。\n三、部门整体支出情况（单位：万元）\n"
     "| 项目 | 年初预算 | 全年预算 | 实际支出 |\n| 合计 | 846.00 | 892.00 | 880.60 |\n", "overall",
     {"initial_budget": D("846"), "adjusted_budget": D("892"), "actual": D("880.6")}),
    # a form naming the unit's whole spending in its 项目名称 field
    ("| 项目名称 | 2023年度部门整体支出 |\n| 项目 | 年初预算 | 全年预算 | 实际支出 |\n| 合计 | 846.00 | 892.00 | 880.60 |\n",
     "overall", {"initial_budget": D("846"), "adjusted_budget": D("892"), "actual": D("880.6")}),
    # a spending table captioned for revenue, its rows the blocks'
    ("2023年度部门收入预算执行情况表（单位：万元）\n| 项目 | 全年预算 | 全年执行数 |\n| 基本支出 | 236.00 | 234.80 |\n", "basic",
     {"adjusted_budget": D("236"), "actual": D("234.8")}),
    # a section heading's unit over two tables, and a unit line over a table and its continuation
    (_basic_then_projects("二、部门整体支出情况（金额单位：元）\n（一）基本支出\n", "（二）项目支出\n"), "projects",
     {"initial_budget": D("388"), "actual": D("388.95")}),
    (_basic_then_projects("二、部门整体支出情况表\n单位：元 填报日期：2024年3月\n", "续表\n"), "projects",
     {"initial_budget": D("388"), "actual": D("388.95")}),
    # the same caption continued; a sibling caption's 元 over amounts too large for 万元
    (_basic_then_projects("（一）部门整体支出情况表（单位：元）\n", "（一）部门整体支出情况表（续）\n", "800,000.00"), "projects",
     {"initial_budget": D("80"), "actual": D("388.95")}),
    (_basic_then_projects("（一）基本支出情况（单位：元）\n", "（二）项目支出情况\n", "800,000.00"), "projects",
     {"initial_budget": D("80"), "actual": D("388.95")}),
    # a 项目名称 field naming the unit's budget
    ("| 项目名称 | 示例松风县文化馆部门预算 |\n| 项目 | 年初预算 | 全年预算 | 实际支出 |\n| 合计 | 218.00 | 240.00 | 238.60 |\n",
     "overall", {"initial_budget": D("218"), "actual": D("238.6")})])
def test_tables_that_are_the_units_though_they_name_a_project_revenue_or_an_earlier_unit(text, block, want, tmp_path):
    rec = read_written(tmp_path, HEAD_WENHUAGUAN + text + "自评得分96分。\n")  # (`|` rows read as a text file's are)
    assert {k: v for k, v in fields(rec.block(block)).items() if k in want} == want



@pytest.mark.parametrize("field_line", ["| 项目名称 | 非遗保护传承专项 | 资金性质 | 一般公共预算 |",
                                        "| 项目名称 | 非遗保护传承专项 | 实施期限 | 2023年 |",
                                        "项目名称：非遗保护传承专项 主管部门：示例松风县文化和旅游局"])
def test_one_projects_form_with_more_fields_on_its_name_row(field_line, tmp_path):
    rec = read_written(tmp_path, HEAD_WENHUAGUAN + "二、重点项目自评表（单位：万元）\n" + field_line + "\n| 年度资金总额 | 年初预算 | 全年预算 | 实际支出 |\n"
                                 "| 总额 | 30.00 | 32.00 | 31.50 |\n自评得分96分。\n")
    assert fields(rec.overall) == {} and fields(rec.projects) == {}


def test_a_sentence_wrapped_after_a_notice_word_goes_on():
    """A line ending "…的通知" mid-sentence (a PDF's wrap) is no notice's title: the sentence goes on under its block."""
    rec = parse("示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n项目支出年初预算200.00万元，根据县财政局追加预算的通知\n"
                "调整后预算为260.00万元，实际支出255.00万元。部门整体调整后预算655.30万元，实际支出640.12万元。")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("655.3"), D("640.12"))
    assert (rec.projects.adjusted_budget, rec.projects.actual) == (D("260"), D("255"))


def test_row_labels_spaced_to_fill_their_cells(tmp_path):
    rec = read_written(tmp_path, "示例松风县林业局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n单位：万元\n"
                                 "| 项目 | 年初预算 | 调整后预算 | 实际支出 |\n| 基 本 支 出 | 600.00 | 610.00 | 605.00 |\n"
                                 "| 项 目 支 出 | 400.00 | 420.00 | 410.00 |\n| 合  计 | 1,000.00 | 1,030.00 | 1,015.00 |\n")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("1015.00"), D("605.00"), D("410.00"))


@pytest.mark.parametrize("clause, block", [
    ("其中项目支出预算追加至930.00万元，全年实际支出2,368.40万元", "overall"),  # larger than the whole: the whole's
    ("其中项目支出预算追加至930.00万元，全年实际支出912.40万元", "projects"),  # within it: still the part's clause
    ("其中基本支出预算1,300.00万元，项目支出预算840.00万元，全年实际支出2,368.40万元", "overall"),  # the parts' list
])
def test_a_part_opened_by_qizhong_ends_where_a_figure_outgrows_its_whole(clause, block):
    rec = parse(f"示例松风县水利局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n2023年，我局年初预算2,140.00万元，{clause}。")
    actual = D(clause.split("实际支出")[1].split("万元")[0].replace(",", ""))
    assert rec.block(block).actual == actual
    assert all(rec.block(b).actual is None for b in ("overall", "basic", "projects") if b != block)


@pytest.mark.parametrize("before, after, want", [
    ("实际支出为192.35", "万元，预算执行率为97.94%。", D("192.35")),  # the number alone between figure and unit: a page's
    ("实际支出为192.35万元。", "万元为本年新增。", None),  # a sentence ended before it: not a cut figure
])
def test_a_page_number_between_a_figure_and_its_unit(before, after, want):
    rec = parse(f"示例松风县档案馆2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n2023年调整后预算为196.40万元，{before}\n5\n{after}")
    assert rec.overall.actual == (want or D("192.35"))
    assert D("192.355") not in (rec.overall.actual, rec.overall.adjusted_budget)


@pytest.mark.parametrize("header, want", [
    ("全年预算（含上年结转） | 其中：当年全年预算", D("1042.60")),  # the whole, holding last year's rest; its part after it
    ("上年结转 | 全年预算", D("958.20")),  # last year's rest is a column of its own: not this year's budget
])
def test_a_budget_column_holding_last_years_rest(header, want, tmp_path):
    rec = read_written(tmp_path, "示例松风县林业局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n单位：万元\n"
                                 f"项目 | 年初预算 | {header} | 实际支出\n合计 | 860.00 | 1,042.60 | 958.20 | 1,006.10\n")
    assert rec.overall.adjusted_budget == want


@pytest.mark.parametrize("body, want", [
    # a year before opening the clauses: their figures are that year's, up to the report's own year spoken again
    ("上年我镇全年预算2,046.30万元，实际支出1,968.20万元，预算执行率96.18%；本年全年预算2,214.60万元，实际支出2,150.90万元。",
     (D("2214.60"), D("2150.90"), None)),
    ("上年全年预算2,046.30万元，实际支出1,968.20万元，预算执行率96.18%，本年实际支出2,150.90万元。",
     (None, D("2150.90"), None)),
    # a report written the year after calls its year 上年度 when it names no year of its own in its body
    ("上年度，我镇全年预算2,046.30万元，实际支出1,968.20万元，预算执行率96.18%。", (D("2046.30"), D("1968.20"), D("96.18"))),
    # last year's carryover, or a comparison with last year, opens no year before
    ("上年结转资金120.00万元，全年预算2,046.30万元，实际支出1,968.20万元，预算执行率96.18%，本年度工作顺利。",
     (D("2046.30"), D("1968.20"), D("96.18"))),
    ("与上年相比，本年全年预算2,046.30万元，实际支出1,968.20万元，预算执行率96.18%。", (D("2046.30"), D("1968.20"), D("96.18"))),
])
def test_a_year_before_opening_the_clauses(body, want):
    rec = parse(f"示例松风县白沙镇人民政府2023年度部门整体支出绩效自评报告\n二、部门整体支出情况\n{body}")
    assert (rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == want


@pytest.mark.parametrize("prose, want", [
    ("2023年全年预算15.48万元。", D("15.48")),  # one amount, named as its column is: the form is in 元
    ("2023年年初预算15.48万元。", D("154800.00")),  # one amount of four digits under another name: chance; 万元 assumed
])
def test_a_form_without_unit_agreeing_with_one_budget_named_alike(prose, want, tmp_path):
    rec = read_written(tmp_path, f"示例松风县石门村民委员会2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n{prose}\n"
                                 "| 项目 | 年初预算 | 全年预算 | 实际支出 |\n| 合计 | 140,000.00 | 154,800.00 | 151,400.00 |\n"
                                 "| 基本支出 | 90,000.00 | 98,800.00 | 97,100.00 |\n")
    assert rec.overall.adjusted_budget == want


def test_one_budget_of_two_digits_does_not_say_a_forms_unit(tmp_path):
    """"全年预算8.6万元" matches 86,000.00 under 全年预算, but two digits agree by chance too often: two so named are needed."""
    path = tmp_path / "r.txt"
    path.write_text("示例松风县竹林村民委员会2023年度部门整体支出绩效自评报告\n一、资金使用情况\n2023年全年预算8.6万元。\n"
                    "| 项目 | 年初预算数 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 79,200.00 | 86,000.00 | 84,000.00 |\n"
                    "| 基本支出 | 55,200.00 | 60,000.00 | 59,100.00 |\n", encoding="utf-8")
    rec = read_record(path)
    assert any("assumed 万元" in w for w in rec.warnings)
    path.write_text(path.read_text(encoding="utf-8").replace("8.6万元。", "8.6万元，实际支出8.4万元。"), encoding="utf-8")
    assert read_record(path).overall.initial_budget == D("7.92")


@pytest.mark.parametrize("clause, block, actual", [
    # the part's adjusted budget past the whole's initial one, its spending within it: still the part's
    ("年初预算500.00万元，其中项目支出年初预算120.00万元，年中追加后调整后预算560.00万元，项目支出实际支出548.20万元",
     "projects", D("548.20")),
    # an amount in brackets (a project's total investment) outgrows nothing
    ("年初预算900.00万元，其中项目支出年初预算200.00万元（总投资1,200.00万元分年安排），项目支出实际支出195.40万元",
     "projects", D("195.40")),
    # the whole is the amount right before 其中, not the first one near it
    ("年初预算420.00万元，调整后预算1,180.00万元，其中项目支出调整后预算860.00万元，项目支出实际支出842.30万元",
     "projects", D("842.30")),
    # no adjusted budget of the part: its initial one, outgrown by the whole's spending
    ("年初预算900.00万元，其中项目支出年初预算300.00万元，全年实际支出1,050.00万元（含上年结转资金支出180.00万元）",
     "overall", D("1050.00")),
])
def test_a_part_is_outgrown_only_past_its_own_budget_and_the_whole(clause, block, actual):
    rec = parse(f"示例松风县城市管理局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n2023年，我局{clause}。")
    assert rec.block(block).actual == actual
    assert all(rec.block(b).actual is None for b in ("overall", "projects") if b != block)


@pytest.mark.parametrize("body", [
    "上年度结转资金45.00万元，全年预算845.00万元，实际支出830.20万元，预算执行率98.25%；本年度工作任务全部完成。",
    "在上年度的基础上，我局压减一般性支出，全年预算845.00万元，实际支出830.20万元，预算执行率98.25%，本年度任务完成。",
    "上年度剩余资金40.00万元结转使用，全年预算845.00万元，实际支出830.20万元，预算执行率98.25%，本年度任务完成。",
    "全年预算845.00万元，实际支出830.20万元，上年为780.00万元，同比增长6.44%，预算执行率98.25%。本年度任务完成。",
    # written the year after: a cited notice's year and a plan's 今年 are no figures of the report's own year
    "根据《关于开展2023年度部门整体支出绩效自评工作的通知》要求开展自评。上年度，我局全年预算845.00万元，实际支出830.20万元，"
    "预算执行率98.25%。今年，我局将进一步加强预算管理。",
])
def test_last_years_words_that_open_no_year_before(body):
    rec = parse(f"示例松风县城市管理局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n{body}")
    assert (rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == (D("845.00"), D("830.20"),
                                                                                              D("98.25"))


@pytest.mark.parametrize("whole", ["局本级和3个二级单位汇总", "局机关、所属单位汇总"])
def test_the_office_with_its_units_summed_is_the_whole(whole):
    rec = parse("示例松风县卫生健康局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
                f"2023年，局本级全年预算420.00万元，实际支出411.30万元。{whole}全年预算6,380.00万元，实际支出6,102.70万元。")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("6380.00"), D("6102.70"))


def test_a_title_naming_projects_above_an_amount_names_no_unit(tmp_path):
    """"（十万元以上项目）" in a table's title is which projects it lists, not its unit."""
    rec = read_written(tmp_path, "示例松风县城市管理局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n全年预算845.00万元，实际支出830.20万元。\n"
                                 "项目支出执行情况表（十万元以上项目）\n| 项目 | 年初预算 | 全年预算 | 实际支出 |\n"
                                 "| 项目支出 | 620.00 | 766.00 | 730.30 |\n")
    assert rec.projects.actual == D("730.30")


@pytest.mark.parametrize("cells, score", [
    ("自评得分\n88.6\n评价等级\n良", D("88.6")),  # one label, one value: a cell pair
    ("年度\n2021年\n2022年\n2023年\n自评得分\n84.5\n86.0\n88.6", None),  # a row of the years' values: no one pair
])
def test_a_score_cell_per_line_pairs_with_one_value_only(cells, score):
    rec = parse(f"示例松风县体育中心2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n全年预算274.40万元，实际支出268.10万元。\n"
                f"二、自评结果\n{cells}")
    assert rec.score == score


@pytest.mark.parametrize("rows", [
    "项目 | 年初预算数  调整后预算数  实际支出数\n合计 | 1320.00  1384.60  1352.90\n",  # one "|" after the label, figures by spaces
    "项目\t年初预算数  调整后预算数  实际支出数\n合计\t1320.00  1384.60  1352.90\n",  # a tab after the label
    "收入|支出项目  年初预算数  调整后预算数  实际支出数\n合计  1320.00  1384.60  1352.90\n",  # a "|" in a header cell only
])
def test_rows_parted_by_spaces_after_a_bar_or_a_tab(rows, tmp_path):
    rec = read_written(tmp_path, f"示例松风县民政局2023年度部门整体支出绩效自评报告\n二、部门整体支出情况\n单位：万元\n{rows}")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("1320.00"), D("1384.60"), D("1352.90"))


@pytest.mark.parametrize("row, adjustment, adjusted", [
    ("合计\t3,260.00\t-140.00\t3,120.00\t3,046.10", D("-140.00"), D("3120.00")),  # 年初 + 调整 = 全年: the change
    ("合计\t210.00\t236.00\t236.00\t231.50", None, D("236.00")),  # 调整预算 the budget itself: no change read
])
def test_a_change_column_only_when_its_figures_add_up(row, adjustment, adjusted, tmp_path):
    rec = read_written(tmp_path, "示例松风县供销合作社联合社2023年度部门整体支出绩效自评报告\n二、部门整体支出情况\n单位：万元\n"
                                 f"项目\t年初预算数\t调整预算数\t全年预算数\t决算数\n{row}\n")
    assert (rec.overall.adjustment, rec.overall.adjusted_budget) == (adjustment, adjusted)


@pytest.mark.parametrize("text, score, rating", [
    ("自评得分\n92\n3\n评价等级\n优", D("92"), "优"),  # a page's number after the value: still a pair
    ("我局按项目自评办法逐项打分，自评得分91.5分，评价等级为优。", D("91.5"), "优"),  # 项目自评办法: the method
    ("本年度对“校舍维修专项”开展了项目自评，该项目自评得分96分，等级为优。", None, None),  # one project's
])
def test_scores_and_grades_of_the_unit_or_one_project(text, score, rating):
    rec = parse(f"示例松风县教育局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n全年预算1,384.60万元，实际支出1,352.90万元。\n"
                f"二、自评结果\n{text}")
    assert (rec.score, rec.rating) == (score, rating)


_TWO_ROW_HEADER = ("<html><body><h1>示例松风县民政局2023年度部门整体支出绩效自评报告</h1><p>二、部门整体支出情况（单位：万元）</p><table>"
                   "<tr><td rowspan='2'>项目</td><td colspan='2'>预算数</td><td colspan='3'>决算数</td></tr>"
                   "<tr><td>{0}</td><td>{1}</td><td>合计</td><td>基本</td><td>项目</td></tr>"
                   "<tr><td>合计</td><td>1,520.00</td><td>1,688.40</td><td>1,640.25</td><td>1,003.11</td><td>637.14</td></tr>"
                   "<tr><td>一、基本支出</td><td>980.00</td><td>1,012.60</td><td>1,003.11</td><td>1,003.11</td><td>—</td></tr>"
                   "<tr><td>二、项目支出</td><td>540.00</td><td>675.80</td><td>637.14</td><td>—</td><td>637.14</td></tr>"
                   "</table></body></html>")


@pytest.mark.parametrize("lower, want", [
    (("年初", "调整后"), (D("1520.00"), D("1688.40"), D("1640.25"))),  # 年初预算数, 调整后预算数; 决算数's 合计
    (("年初预算", "调整后预算"), (D("1520.00"), D("1688.40"), D("1640.25"))),  # the lower row names them itself
])
def test_a_header_of_two_rows_under_spanning_groups(lower, want, tmp_path):
    path = tmp_path / "r.html"
    path.write_text(_TWO_ROW_HEADER.format(*lower), encoding="utf-8")
    rec = read_record(path)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == want
    assert (rec.basic.actual, rec.projects.actual) == (D("1003.11"), D("637.14"))


@pytest.mark.parametrize("table, want", [
    # the figures as rows under sources of funds and their 合计: the 合计's are the unit's
    ("<tr><td rowspan='2'>项目</td><td colspan='2'>资金来源</td><td rowspan='2'>合计</td></tr>"
     "<tr><td>财政拨款</td><td>其他资金</td></tr><tr><td>年初预算数</td><td>500.00</td><td>20.00</td><td>520.00</td></tr>"
     "<tr><td>执行数</td><td>522.10</td><td>24.00</td><td>546.10</td></tr>", (D("520.00"), D("546.10"))),
    # 收入 and 支出 each over 预算数 | 决算数: the spending's
    ("<tr><td rowspan='2'>项目</td><td colspan='2'>收入</td><td colspan='2'>支出</td></tr>"
     "<tr><td>预算数</td><td>决算数</td><td>预算数</td><td>决算数</td></tr>"
     "<tr><td>合计</td><td>1,310.00</td><td>1,325.60</td><td>1,310.00</td><td>1,288.45</td></tr>", (None, D("1288.45"))),
])
def test_a_sources_or_the_revenues_columns_under_their_group(table, want, tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<html><body><h1>示例松风县民政局2023年度部门整体支出绩效自评报告</h1><p>一、部门整体支出情况（单位：万元）</p>"
                    f"<table>{table}</table></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert (rec.overall.initial_budget, rec.overall.actual) == want


@pytest.mark.parametrize("sentence, want", [
    # the projects' block, said before its rate: "项目支出…，项目预算执行率"; the unit's projects undertaken (no name)
    ("2023年，我局项目支出年初预算300.00万元，实际支出288.00万元，项目预算执行率96.00%。", (D("300.00"), D("288.00"), D("96.00"))),
    ("2023年，我局实施的项目年初预算300.00万元，实际支出288.00万元。", (D("300.00"), D("288.00"), None)),
    # one named project the unit carries out, its rate said again with a bare 项目: none of the block's
    ("2023年，我局实施的乡村道路硬化项目年初预算300.00万元，实际支出288.00万元，项目预算执行率96.00%。", (None, None, None)),
])
def test_the_projects_or_one_project_the_unit_carries_out(sentence, want):
    rec = parse(f"示例松风县交通运输局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n{sentence}")
    assert (rec.projects.initial_budget, rec.projects.actual, rec.projects.completion_rate) == want


@pytest.mark.parametrize("sentence, actual", [
    ("全年实际支出512.00万元，人均实际支出8.53万元。", D("512.00")),
    ("生均实际支出1.20万元，全年实际支出512.00万元。", D("512.00")),
    ("户均实际支出0.35万元。", None),
])
def test_a_heads_share_is_not_the_units(sentence, actual):
    rec = parse(f"示例松风县第二中学2023年度部门整体支出绩效自评报告\n一、整体支出情况\n{sentence}")
    assert rec.overall.actual == actual


@pytest.mark.parametrize("body, want", [
    # a main source named alone, as a heading or an item, with no other source: the unit's money (as before)
    ("（一）一般公共预算财政拨款情况\n年初预算300.00万元，调整后预算400.00万元，实际支出390.00万元。",
     (D("300.00"), D("400.00"), D("390.00"))),
    ("1.一般公共预算财政拨款：年初预算300.00万元，调整后预算400.00万元，实际支出390.00万元。",
     (D("300.00"), D("400.00"), D("390.00"))),
    ("财政拨款年初预算300.00万元，调整后预算400.00万元，实际支出390.00万元。", (D("300.00"), D("400.00"), D("390.00"))),
    # every source together, by its frame
    ("按全口径，年初预算300.00万元，调整后预算400.00万元，实际支出390.00万元。", (D("300.00"), D("400.00"), D("390.00"))),
    # the office's own figures with no other unit's beside them: the unit's (as before)
    ("局机关本级年初预算300.00万元，调整后预算400.00万元，实际支出390.00万元。", (D("300.00"), D("400.00"), D("390.00"))),
    # a carry-over line, then the unit's own
    ("上年结转资金全年预算42.00万元，实际支出30.50万元，执行率72.62%。\n全年预算400.00万元，实际支出390.00万元。",
     (None, D("400.00"), D("390.00"))),
    # a fund type alone at a clause's opening, then the unit's after its "；"
    ("政府性基金预算：年初预算50.00万元，实际支出48.00万元；全部资金年初预算300.00万元，实际支出390.00万元。",
     (D("300.00"), None, D("390.00"))),
])
def test_a_source_named_at_an_opening_and_the_units_own(body, want):
    rec = parse(f"示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n{body}")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == want


@pytest.mark.parametrize("body, adjustment", [
    # a change the budget holds that is all of the change (年初 + it = 调整后): the adjustment
    ("年初预算640.00万元，调整后预算672.00万元（含年中追加32.00万元），实际支出661.00万元。", D("32.00")),
    # ... one addition of several, or not shown to be all of it: none
    ("年初预算640.00万元，调整后预算702.00万元（含年中追加32.00万元），实际支出661.00万元。", None),
    ("年初预算640.00万元，实际支出661.00万元，其中含年中追加32.00万元。", None),
    # a stated adjustment (as before)
    ("年初预算640.00万元，年中追加32.00万元，调整后预算672.00万元。", D("32.00")),
])
def test_a_change_the_budget_holds_is_the_adjustment_only_when_the_budgets_agree(body, adjustment):
    rec = parse(f"示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n{body}")
    assert rec.overall.adjustment == adjustment


@pytest.mark.parametrize("sentence, want", [
    ("全年预算人民币3,256.78万元，实际支出人民币3,101.20万元。", (D("3256.78"), D("3101.20"))),
    ("全年预算为￥3,256.78万元，实际支出¥3,101.20万元。", (D("3256.78"), D("3101.20"))),
])
def test_a_currency_word_before_the_amount(sentence, want):
    rec = parse(f"示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n{sentence}")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == want


@pytest.mark.parametrize("body, want", [
    # the office's line, then an area's whole or money handed down (no unit's line like its own): the office's stay
    ("局机关本级年初预算420.00万元，实际支出449.00万元。全县教育系统年初预算18,000.00万元，实际支出17,600.00万元。",
     (D("420.00"), D("449.00"))),
    ("局机关本级年初预算420.00万元，实际支出449.00万元。\n县财政局下达全县农业口年初预算3,000.00万元。", (D("420.00"), D("449.00"))),
    # a frame of every source, a source in its brackets
    ("按全部资金（含财政拨款）口径统计，年初预算1,260.00万元，实际支出1,377.30万元。\n其中政府性基金预算调整后预算80.00万元，实际支出78.00万元。",
     (D("1260.00"), D("1377.30"))),
    # the unit speaking under a fund's heading
    ("（二）政府性基金预算情况\n本所2023年无政府性基金预算。\n本所2023年年初预算180.00万元，实际支出190.00万元。", (D("180.00"), D("190.00"))),
])
def test_the_units_own_beside_a_part_heading_or_another_body(body, want):
    rec = parse(f"示例松风县农业农村局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n{body}")
    assert (rec.overall.initial_budget, rec.overall.actual) == want


def test_the_blocks_rate_after_a_named_project_in_its_list():
    rec = parse("示例松风县农业农村局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
                "2023年项目支出全年预算600.00万元，实际支出570.00万元，其中信息化建设项目120.00万元，项目预算执行率95.00%。")
    assert rec.projects.completion_rate == D("95.00")


def test_a_column_of_the_years_spending_named_quanniang_zhichu(tmp_path):
    rec = read_written(tmp_path, "示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
                                 "| 资金性质 | 年初预算 | 全年预算 | 全年支出 | 执行率 |\n| 当年财政拨款 | 520.00 | 566.30 | 560.12 | 98.91% |\n"
                                 "| 合计 | 535.00 | 623.30 | 604.82 | 97.04% |\n二、绩效目标完成情况\n全年各项工作任务均按计划完成。")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("623.30"), D("604.82"))


def test_a_projects_form_appended_to_the_units_report_gives_no_score_or_grade(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<html><body><h1>示例松风县卫生健康局2023年度部门整体支出绩效自评报告</h1><p>一、部门整体支出情况</p>"
                    "<p>2023年全年预算1,561.00万元，实际支出1,498.32万元。</p><table><caption>附件：基层医疗能力提升项目支出绩效自评表"
                    "</caption><tr><td>指标</td><td>分值</td><td>得分</td></tr><tr><td>产出</td><td>50</td><td>48</td></tr>"
                    "<tr><td>效益</td><td>50</td><td>46</td></tr><tr><td>总分</td><td>100</td><td>94</td></tr>"
                    "<tr><td>评价等级</td><td colspan='2'>优</td></tr></table></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert (rec.score, rec.rating) == (None, None) and rec.overall.actual == D("1498.32")


def test_a_row_of_grades_under_years_names_none(tmp_path):
    rec = read_written(tmp_path, "示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n全年预算1,561.00万元，实际支出1,498.32万元。\n"
                                 "项目\t2022年\t2023年\n评价等级\t良\t优\n")
    assert rec.rating is None


@pytest.mark.parametrize("caption", ["示例松风县城乡建设项目管理中心2023年度支出绩效自评表", "2023年度绩效自评表（含经济普查项目）"])
def test_the_units_own_form_named_with_a_project_word_gives_its_score_and_grade(tmp_path, caption):
    path = tmp_path / "r.html"
    path.write_text("<html><body><h1>示例松风县城乡建设项目管理中心2023年度部门整体支出绩效自评报告</h1><p>一、部门整体支出情况</p>"
                    f"<p>2023年全年预算1,561.00万元，实际支出1,498.32万元。</p><table><caption>{caption}</caption>"
                    "<tr><td>指标</td><td>分值</td><td>得分</td></tr><tr><td>产出</td><td>50</td><td>48</td></tr>"
                    "<tr><td>效益</td><td>50</td><td>45</td></tr><tr><td>总分</td><td>100</td><td>93</td></tr>"
                    "<tr><td>评价等级</td><td colspan='2'>优</td></tr></table></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert (rec.score, rec.rating) == (D("93"), "优")


def test_a_forecast_column_is_not_the_years_spending(tmp_path):
    rec = read_written(tmp_path, "示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
                                 "项目\t全年预算\t截至11月底支出\t全年支出（预计）\n合计\t1,600.00\t1,320.50\t1,540.00\n")
    assert rec.overall.actual != D("1540.00")


def test_a_change_to_a_parts_budget_names_no_block_for_the_labels_after_it():
    rec = parse("示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n2023年，我局年初预算1,200.00万元，"
                "年中调减项目支出预算24万元，调整后预算1,176.00万元，实际支出1,150.10万元，预算执行率97.80%。")
    assert (rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == (D("1176.00"), D("1150.10"), D("97.80"))
    assert (rec.projects.adjusted_budget, rec.projects.actual) == (None, None)


def test_a_sources_frame_then_the_unit_speaking_is_the_sources():
    rec = parse("示例松风县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n从财政拨款口径看，我局年初预算1,100.00万元，"
                "实际支出1,080.00万元。\n按全部资金口径统计，年初预算1,250.00万元，实际支出1,301.00万元。\n"
                "其中政府性基金预算实际支出221.00万元。")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("1250.00"), D("1301.00"))
