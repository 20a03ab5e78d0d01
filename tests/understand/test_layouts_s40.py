"""Layouts a review left misread: the office's own figures (局机关本级) before the unit's, and sections on key or
livelihood spending (重点支出, 民生支出). Our own words and figures."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import read_report as read


BUREAU = "示例市岭北县交通运输局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
OFFICE = "2022年局机关本级年初预算520.00万元，全年预算610.00万元，实际支出598.00万元。"


@pytest.mark.parametrize("unit", ["2022年我局", "本部门", "2022年岭北县交通运输局", "全局"])
@pytest.mark.parametrize("between", ["", "\n"])
def test_the_units_figures_after_its_offices_are_the_whole(tmp_path, unit, between):
    rec = read(tmp_path, BUREAU + OFFICE + between
               + f"{unit}年初预算1,850.00万元，全年预算2,120.00万元，实际支出2,050.40万元，预算执行率96.72%。\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget) == (D("1850.00"), D("2120.00"))
    assert rec.overall.actual == D("2050.40")
    assert rec.overall.completion_rate == D("96.72")


def test_the_offices_figure_the_unit_does_not_restate_is_no_whole(tmp_path):
    # (the whole states no 年初预算: the office's 520.00 is its own, one part of the bureau)
    rec = read(tmp_path, BUREAU + OFFICE + "\n我局全年预算2,120.00万元，实际支出2,050.40万元，预算执行率96.72%。\n")
    assert rec.overall.initial_budget is None
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("2120.00"), D("2050.40"))


def test_the_offices_figures_beside_a_unit_under_it_are_no_whole(tmp_path):
    rec = read(tmp_path, BUREAU + OFFICE + "我局下属公路养护中心年初预算900.00万元，实际支出880.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (None, None)


def test_the_offices_figures_alone_stay_the_units(tmp_path):
    # (all the page states: the bureau may have no units but its office; not judged)
    rec = read(tmp_path, BUREAU + OFFICE + "我局“三公”经费年初预算12.00万元，实际支出10.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("520.00"), D("598.00"))


def test_a_smaller_figure_of_the_unit_after_its_offices_is_not_the_whole(tmp_path):
    # (the unit's one project, smaller than the office's total: no whole's figure to take its place)
    rec = read(tmp_path, BUREAU + OFFICE + "我局公路安全生命防护工程全年预算300.00万元。\n")
    assert rec.overall.adjusted_budget == D("610.00")


BUREAU_OF_AFFAIRS = "示例市青川区民政局2022年度部门整体支出绩效自评报告\n"
WHOLE = "2022年度我局年初预算3,200.00万元，实际支出3,480.00万元。\n"
ITEM = "城乡低保资金年初预算1,200.00万元，实际支出1,180.00万元，执行率98.33%。\n"


@pytest.mark.parametrize("heading", ["一、重点支出情况", "（一）重点支出情况", "一、民生支出情况", "（三）重点领域支出",
                                     "一、民生保障支出情况"])
def test_a_key_spending_sections_items_are_not_the_units(tmp_path, heading):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + f"{heading}\n" + ITEM + "二、部门整体支出情况\n" + WHOLE)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))
    assert rec.overall.completion_rate is None


@pytest.mark.parametrize("words", ["民生支出", "民生类支出", "民生资金"])
def test_livelihood_spending_is_one_class_not_the_unit(tmp_path, words):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n"
               f"2022年度{words}年初预算2,400.00万元，实际支出2,380.00万元，执行率99.17%。" + WHOLE)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))
    assert rec.overall.completion_rate is None


def test_livelihood_named_in_passing_leaves_the_units_figures(tmp_path):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n"
               "2022年，围绕保障和改善民生，我局全年预算3,560.00万元，实际支出3,480.00万元，执行率97.75%。\n")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("3560.00"), D("3480.00"))
    assert rec.overall.completion_rate == D("97.75")


def test_the_units_own_heading_over_its_spending_is_still_the_units(tmp_path):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n" + WHOLE + "二、项目支出情况\n"
               "项目支出年初预算2,000.00万元，实际支出2,100.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("2000.00"), D("2100.00"))


# ---- who and when on a portal's page (a second review: 191 openings of chrome-laden pages) ----------------------

PORTAL = ("白鹭县人民政府\n无障碍\n长者模式\n登录\n注册\n首页\n走进白鹭\n政务公开\n政务服务\n互动交流\n专题专栏\n"
          "请输入关键字\n搜索\n当前位置：首页 > 政务公开 > 财政信息 > 部门预决算\n")
META = "发布时间：2023-03-01 12:25    来源：{source}    浏览次数：1874\n字号：大 中 小\n打印\n关闭\n"
OPENING = ("为加强预算绩效管理，按照县财政局统一部署，我局组织开展了2022年度部门整体支出绩效自评工作。\n"
           "2022年度我局年初预算数502.46万元，调整后预算数526.65万元，全年实际支出477.28万元，预算执行率为90.63%。\n")


@pytest.mark.parametrize("title", ["白鹭县农业农村局部门整体支出绩效自评报告",
                                   "白鹭县农业农村局\n二〇二二年度部门整体支出绩效自评报告",
                                   "白鹭县农业农村局部门整体支出绩效自评报告\n（2022年度）"])
def test_a_portals_menu_one_item_a_line_and_its_name_are_chrome(tmp_path, title):
    rec = read(tmp_path, PORTAL + title + "\n" + META.format(source="白鹭县农业农村局") + OPENING)
    assert (rec.department, rec.year) == ("白鹭县农业农村局", 2022)
    assert rec.overall.actual == D("477.28")


def test_a_portals_name_over_a_title_of_no_unit_is_not_the_unit(tmp_path):
    # (the unit is named only in the breadcrumb: no unit is better than the portal's government)
    text = PORTAL.replace("部门预决算", "白鹭县科学技术协会 > 财政预决算") + "2022年度部门整体支出绩效自评报告\n"
    rec = read(tmp_path, text + META.format(source="本站") + OPENING.replace("我局", "本会"))
    assert rec.department != "白鹭县人民政府"
    assert rec.year == 2022


def test_a_single_short_line_between_chrome_is_still_chrome(tmp_path):
    rec = read(tmp_path, "无障碍\n示例网站\n首页 政务公开 政务服务 互动交流\n白鹭县农业农村局2022年度部门整体支出绩效自评报告\n"
               + META.format(source="白鹭县农业农村局") + OPENING)
    assert rec.department == "白鹭县农业农村局"


COLUMN = ("财政资金\n财政预决算\n部门预决算\n绩效评价\n"
          "临江区发展和改革委员会2023年度部门整体支出绩效自评报告\n2024-07-26\n"
          "临江区中医医院2023年度部门整体支出绩效自评报告\n2024-07-20\n")


@pytest.mark.parametrize("title", ["临江区人大常委会办公室2023年度部门整体支出绩效评价报告",
                                   "临江区人大常委会办公室\n2023年度部门整体支出绩效评价报告",
                                   "临江区人大常委会办公室部门整体支出绩效评价报告\n（2023年度）"])
def test_other_reports_linked_above_the_title_under_no_list_heading_are_chrome(tmp_path, title):
    rec = read(tmp_path, "您现在的位置：首页 > 信息公开 > 财政预决算 > 部门预决算\n" + COLUMN + title + "\n"
               + "发布时间：2024-05-17 11:21\n来源：临江区人大常委会办公室\n"
               + "2023年度我办年初预算数306.84万元，全年实际支出303.05万元，预算执行率为98.76%。\n")
    assert (rec.department, rec.year) == ("临江区人大常委会办公室", 2023)


def test_the_units_earlier_reports_linked_above_the_title_give_no_year(tmp_path):
    links = ("信息列表\n东湖区湖心镇人民政府2020年度部门整体支出绩效自评报告\n2021-03-10\n"
             "东湖区湖心镇人民政府2020年度部门决算公开\n2021-03-28\n")
    rec = read(tmp_path, "首页 > 政务公开 > 财政信息\n" + links + "东湖区湖心镇人民政府2021年度部门整体支出绩效自评报告\n"
               + "发布时间：2022-04-01\n2021年，我镇年初预算1,240.50万元，实际支出1,198.20万元。\n")
    assert (rec.department, rec.year) == ("东湖区湖心镇人民政府", 2021)


@pytest.mark.parametrize("column", ["2023年部门预决算公开", "2023年预决算公开专栏"])
def test_a_columns_name_of_a_year_above_the_title_is_not_the_reports_year(tmp_path, column):
    rec = read(tmp_path, "首页 政务公开 政务服务 互动交流\n当前位置：首页 > 政务公开 > 部门预决算\n" + column + "\n"
               + "青川区水利局2022年度部门整体支出绩效自评报告\n发布时间：2023-06-12\n来源：青川区水利局\n"
               + "2022年我局年初预算860.40万元，实际支出842.10万元，预算执行率97.87%。\n")
    assert (rec.department, rec.year, rec.kind) == ("青川区水利局", 2022, "department")


def test_a_reforms_year_is_not_the_reports(tmp_path):
    rec = read(tmp_path, "东湖区融媒体中心部门整体支出绩效自评报告\n一、部门基本情况\n"
               "根据2019年机构改革方案，组建东湖区融媒体中心，内设股室5个。本部门纳入部门预算编制范围的单位共3个。\n二、2020年度部门整体支出情况\n"
               "2020年，本中心年初预算540.87万元，全年预算548.71万元，实际支出480.33万元，预算执行率87.54%。\n")
    assert rec.year == 2020


# ---- forms as copied (a third review: 150 openings of 自评表 laid out as text) ---------------------------------

FORM = ("部门（单位）名称{sep}{unit}\n"
        "年度部门整体支出预算执行情况（万元）{sep}{sep}年初预算数{sep}全年预算数{sep}全年执行数{sep}分值{sep}执行率{sep}得分\n"
        "{sep}年度资金总额{sep}{total}{sep}10{sep}{rate}{sep}9.48\n"
        "{sep}其中：基本支出{sep}{basic}{sep}—{sep}—{sep}—\n"
        "{sep}项目支出{sep}{projects}{sep}—{sep}—{sep}—\n")
FORESTRY = dict(unit="白沙县林业局", total="5875.17{s}6787.26{s}6434.62", rate="94.80%",
                basic="3942.24{s}4028.97{s}3992.71", projects="1932.93{s}2758.29{s}2441.91")
STATION = dict(unit="白沙县水文站", total="494.45{s}517.41{s}467.65", rate="90.38%",
               basic="274.42{s}290.34{s}281.95", projects="220.03{s}227.07{s}185.70")


def form(sep: str, **cells) -> str:
    return FORM.format(sep=sep, **{k: v.replace("{s}", sep) for k, v in cells.items()})


FORESTRY_TITLE = "白沙县林业局2022年度部门整体支出绩效自评报告\n"


def assert_forestry(rec):
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == \
        (D("5875.17"), D("6787.26"), D("6434.62"))
    assert (rec.basic.initial_budget, rec.basic.actual) == (D("3942.24"), D("3992.71"))
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("1932.93"), D("2441.91"))


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_unit_unders_form_after_the_units_is_not_read(tmp_path, sep):
    own = dict(FORESTRY, basic="—{s}—{s}—", projects="—{s}—{s}—")  # (the unit's form states no block)
    rec = read(tmp_path, FORESTRY_TITLE + "附表1：白沙县林业局部门整体支出绩效自评表\n（2022年度）\n" + form(sep, **own)
               + "\n附表2：白沙县水文站整体支出绩效自评表\n（2022年度）\n" + form(sep, **STATION))
    assert rec.overall.actual == D("6434.62")
    assert (rec.basic.actual, rec.projects.actual) == (None, None)


def test_a_form_naming_the_unit_short_is_read(tmp_path):
    rec = read(tmp_path, FORESTRY_TITLE + form(" | ", **dict(FORESTRY, unit="县林业局（本级）")))
    assert_forestry(rec)


@pytest.mark.parametrize("sep", [" | ", "\t"])
@pytest.mark.parametrize("caption", ["附：上年度部门整体支出绩效自评表（对比）\n（2021年度）\n", "2021年度自评表\n（2021年度）\n"])
def test_last_years_form_after_the_units_is_not_read(tmp_path, sep, caption):
    own = dict(FORESTRY, basic="—{s}—{s}—", projects="—{s}—{s}—")
    rec = read(tmp_path, FORESTRY_TITLE + "2022年度部门整体支出绩效自评表\n（2022年度）\n" + form(sep, **own)
               + "\n" + caption + form(sep, **STATION).replace("白沙县水文站", "白沙县林业局"))
    assert rec.overall.actual == D("6434.62")
    assert (rec.basic.actual, rec.projects.actual) == (None, None)


@pytest.mark.parametrize("caption", ["（一）一般公共预算财政拨款支出情况（万元）", "表1 财政拨款支出预算执行情况",
                                     "表1 一般公共预算支出情况（万元）"])
def test_a_table_of_the_main_source_before_the_form_is_not_the_whole(tmp_path, caption):
    source = (f"一、部门预算执行情况\n{caption}\n项目 | 合计 | 基本支出 | 项目支出\n"
              "年初预算数 | 5200.00 | 2600.00 | 2600.00\n全年执行数 | 5800.00 | 2900.00 | 2900.00\n\n二、部门整体支出绩效自评表\n")
    rec = read(tmp_path, FORESTRY_TITLE + source + form(" | ", **FORESTRY))
    assert_forestry(rec)


@pytest.mark.parametrize("over", ["（一）基本支出情况（万元）\n", "单位：万元\n"])
@pytest.mark.parametrize("sep", [" | ", "  "])
def test_the_total_of_a_blocks_breakdown_is_that_blocks(tmp_path, over, sep):
    breakdown = (f"一、基本支出情况\n基本支出主要用于保障机构正常运转和在职人员工资福利。\n{over}"
                 f"项目{sep}年初预算数{sep}全年预算数{sep}全年执行数\n人员经费{sep}3074.95{sep}3142.60{sep}3114.31\n"
                 f"公用经费{sep}867.29{sep}886.37{sep}878.40\n合计{sep}3942.24{sep}4028.97{sep}3992.71\n\n"
                 "二、部门整体支出绩效自评表\n")
    rec = read(tmp_path, FORESTRY_TITLE + breakdown + form(" | ", **dict(FORESTRY, basic="—{s}—{s}—")))
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("5875.17"), D("6434.62"))
    assert (rec.basic.initial_budget, rec.basic.adjusted_budget, rec.basic.actual) == \
        (D("3942.24"), D("4028.97"), D("3992.71"))


PROJECT_FORM = ("项目名称{sep}农村饮水安全巩固提升项目\n主管部门{sep}白沙县林业局{sep}实施单位{sep}白沙县林业局\n"
                "项目资金（万元）{sep}{sep}年初预算数{sep}全年预算数{sep}全年执行数{sep}分值{sep}执行率{sep}得分\n"
                "{sep}年度资金总额{sep}45.81{sep}61.77{sep}57.75{sep}10{sep}93.49%{sep}9.35\n"
                "{sep}其中：当年财政拨款{sep}45.81{sep}61.77{sep}57.75{sep}—{sep}—{sep}—\n总分{sep}100{sep}92.66\n")


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_projects_form_before_the_units_is_the_projects(tmp_path, sep):
    rec = read(tmp_path, FORESTRY_TITLE + "附件1：项目支出绩效自评表\n（2022年度）\n" + PROJECT_FORM.format(sep=sep)
               + "\n附件2：部门整体支出绩效自评表\n（2022年度）\n" + form(sep, **FORESTRY))
    assert_forestry(rec)


def test_a_projects_form_one_cell_a_line_before_the_units_is_the_projects(tmp_path):
    cells = PROJECT_FORM.format(sep="\n").replace("\n\n", "\n")
    rec = read(tmp_path, FORESTRY_TITLE + "项目支出绩效自评表\n（2022年度）\n" + cells
               + "\n部门整体支出绩效自评表\n（2022年度）\n" + form(" | ", **FORESTRY))
    assert_forestry(rec)


def test_a_projects_form_run_on_under_the_units_gives_it_no_rate(tmp_path):
    units = ("部门（单位）名称\t白沙县林业局\n年度部门整体支出预算执行情况（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t得分\n"
             "\t年度资金总额\t5875.17\t6787.26\t6434.62\t20\t18.93\n\n\n")
    rec = read(tmp_path, FORESTRY_TITLE + units + PROJECT_FORM.format(sep="\t").split("\n", 2)[2]
               + "项目负责人：王某某\t\t财务负责人：李某某\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("5875.17"), D("6434.62"))
    assert rec.overall.completion_rate is None


def test_a_task_rows_other_projects_are_not_the_projects_block(tmp_path):
    tasks = ("年度主要任务 | 任务名称 | 主要内容 | 对应项目 | 预算数 | 执行数\n"
             " | 重点工作一 | 实施辖区基础设施提升改造 | 河道保洁项目 | 314.05 | 298.35\n"
             " | 其他工作 | 其他专项业务工作 | 其他项目支出 | 196.28 | 105.83\n")
    rec = read(tmp_path, FORESTRY_TITLE + "部门（单位）名称 | 白沙县林业局\n" + tasks + form(" | ", **FORESTRY))
    assert rec.projects.actual == D("2441.91")


def test_a_percent_sign_set_apart_in_a_row_of_spaced_cells_stays_with_its_number(tmp_path):
    rows = ("单位：万元\n项目  年初预算数  全年预算数  全年执行数  执行率\n年度资金总额  714.79  879.26  749.29  85.22 %\n"
            "其中：基本支出  232.31  233.70  232.20  99.36 %\n项目支出  482.48  645.56  517.09  80.10 %\n")
    rec = read(tmp_path, FORESTRY_TITLE + "部门整体支出绩效自评表\n" + rows)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == \
        (D("714.79"), D("879.26"), D("749.29"), D("85.22"))
    assert rec.projects.actual == D("517.09")


# a PDF's narrow columns: names and row labels broken over lines, one cell a line
WRAPPED = ("部门整体支出绩效自评表\n（2022年度）\n部门名称：白沙县林业局\n年度部门整体支出预算执行情况（万元）\n"
           "{initial}\n{adjusted}\n{actual}\n分值\n执行率\n（B/A）\n得分\n"
           "{total}\n5875.17\n6787.26\n6434.62\n10\n94.80%\n9.48\n"
           "{basic}\n3942.24\n4028.97\n3992.71\n—\n99.10%\n—\n"
           "{projects}\n1932.93\n2758.29\n2441.91\n—\n88.53%\n—\n")


@pytest.mark.parametrize("initial, adjusted, actual", [("年初预算\n数", "全年预算\n数（A）", "全年执行\n数（B）"),
                                                       ("年初预\n算数", "全年预\n算数", "全年执\n行数")])
@pytest.mark.parametrize("total, basic, projects", [("年度资金总额", "其中：基本支出", "项目支出"),
                                                    ("年度资金\n总额", "其中：基本\n支出", "项目\n支出")])
def test_names_and_labels_broken_over_lines_read_as_one(tmp_path, initial, adjusted, actual, total, basic, projects):
    rec = read(tmp_path, FORESTRY_TITLE + WRAPPED.format(initial=initial, adjusted=adjusted, actual=actual,
                                                         total=total, basic=basic, projects=projects))
    assert_forestry(rec)
    assert (rec.overall.adjusted_budget, rec.overall.completion_rate) == (D("6787.26"), D("94.80"))


@pytest.mark.parametrize("groups", ["项目\t2022年\t\t\t2021年", "项目\t2022年\t2021年"])
def test_a_year_spanning_its_columns_keeps_last_years_out(tmp_path, groups):
    table = (f"部门整体支出预算执行情况对比表（单位：万元）\n{groups}\n"
             "\t年初预算数\t全年预算数\t全年执行数\t全年预算数\t全年执行数\n"
             "年度资金总额\t5875.17\t6787.26\t6434.62\t6095.69\t6031.07\n"
             "基本支出\t3942.24\t4028.97\t3992.71\t3019.04\t2898.59\n"
             "项目支出\t1932.93\t2758.29\t2441.91\t3076.65\t3132.48\n")
    rec = read(tmp_path, FORESTRY_TITLE + table)
    assert_forestry(rec)
    assert rec.overall.adjusted_budget == D("6787.26")


def test_last_and_this_year_over_their_columns_in_bars(tmp_path):
    table = ("部门整体支出预算执行情况对比表（单位：万元）\n项目 | 上年度 |  | 本年度 |  | \n"
             " | 全年预算数 | 全年执行数 | 年初预算数 | 全年预算数 | 全年执行数\n"
             "年度资金总额 | 6095.69 | 6031.07 | 5875.17 | 6787.26 | 6434.62\n"
             "基本支出 | 3019.04 | 2898.59 | 3942.24 | 4028.97 | 3992.71\n"
             "项目支出 | 3076.65 | 3132.48 | 1932.93 | 2758.29 | 2441.91\n")
    rec = read(tmp_path, FORESTRY_TITLE + table)
    assert_forestry(rec)


# ---- guards: a review that made each rule above fire where it must not (150 openings) ---------------------------

@pytest.mark.parametrize("money", ["我局负责分配管理的中央和省级林业转移支付资金", "我局受县政府委托代管的生态公益林补偿资金",
                                   "我局政府性基金预算"])
def test_money_the_unit_manages_after_its_offices_is_not_the_whole(tmp_path, money):
    rec = read(tmp_path, BUREAU + OFFICE + f"{money}全年预算5,600.00万元，实际支出5,210.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == \
        (D("520.00"), D("610.00"), D("598.00"))


def test_a_unit_under_it_counted_in_the_offices_figures_leaves_them(tmp_path):
    rec = read(tmp_path, BUREAU + OFFICE + "其中，我局下属县公路养护站年初预算45.00万元，实际支出44.20万元，已含在上述局机关本级数中。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("520.00"), D("598.00"))


@pytest.mark.parametrize("heading", ["二、部门整体支出（含重点支出）情况", "二、预算执行及重点支出保障情况",
                                     "二、压减一般性支出，保障重点支出"])
def test_a_heading_naming_key_spending_beside_the_whole_keeps_its_figures(tmp_path, heading):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + f"{heading}\n2022年度年初预算3,200.00万元，实际支出3,480.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))


def test_livelihood_spending_as_a_focus_leaves_the_units_figures(tmp_path):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n"
               "2022年度我局聚焦民生支出主责主业全年预算3,560.00万元，实际支出3,480.00万元，预算执行率97.75%。\n")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("3560.00"), D("3480.00"))


@pytest.mark.parametrize("title", ["岭北县林业局\n部门自评报告", "岭北县林业局\n整体支出绩效\n自评报告"])
def test_a_short_title_between_chrome_stays(tmp_path, title):
    rec = read(tmp_path, "当前位置：首页 > 政务公开 > 部门预决算\n" + title + "\n发布时间：2023-04-12 09:30    来源：本站\n"
               "2022年度我局年初预算数502.46万元，全年实际支出477.28万元。\n")
    assert rec.department == "岭北县林业局"


def test_a_letterhead_over_the_metadata_is_no_chrome(tmp_path):
    rec = read(tmp_path, "白沙县文化广电和旅游局\n发布时间：2023-04-12\n关于2022年度部门整体支出绩效自评情况的报告\n"
               "2022年度我局年初预算数502.46万元，全年实际支出477.28万元。\n")
    assert rec.department == "白沙县文化广电和旅游局"


@pytest.mark.parametrize("title", ["岭北县林业局2022年度部门整体支出绩效评价报告\n——第三方机构绩效评价报告",
                                   "岭北县林业局2022年度部门整体支出绩效\n自评报告",
                                   "关于报送岭北县林业局2022年度绩效自评结果的函\n部门整体支出绩效自评报告",
                                   "岭北县林业局2022年度部门预算\n执行情况绩效自评报告",
                                   "岭北县林业局2022年度部门整体支出绩效自评报告\n当前位置：首页 > 部门预决算\n部门整体支出绩效自评报告"])
def test_the_pages_own_title_over_two_lines_is_no_link(tmp_path, title):
    rec = read(tmp_path, "首页 政务公开 政务服务 互动交流\n" + title + "\n发布时间：2023-04-12 09:30    来源：本站\n"
               "本年度我局年初预算数502.46万元，全年实际支出477.28万元。\n")
    assert (rec.department, rec.year) == ("岭北县林业局", 2022)


def test_the_reforms_year_itself_evaluated_is_the_reports(tmp_path):
    rec = read(tmp_path, "东湖区融媒体中心部门整体支出绩效自评报告\n一、部门整体支出情况\n"
               "2019年机构改革当年，本中心年初预算620.00万元，实际支出598.30万元。\n")
    assert rec.year == 2019


def test_a_main_source_table_is_the_whole_when_all_money_is_that_source(tmp_path):
    rec = read(tmp_path, FORESTRY_TITLE + "我局收入全部为一般公共预算财政拨款，无其他资金。\n表1 财政拨款支出预算执行情况（万元）\n"
               "项目 | 合计 | 基本支出 | 项目支出\n年初预算数 | 5875.17 | 3942.24 | 1932.93\n全年执行数 | 6434.62 | 3992.71 | 2441.91\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("5875.17"), D("6434.62"))


def test_a_whole_table_under_the_projects_heading_keeps_its_total(tmp_path):
    rec = read(tmp_path, FORESTRY_TITLE + "（二）项目支出\n项目支出全年预算2,758.29万元，实际支出2,441.91万元。\n单位：万元\n"
               "项目 | 年初预算数 | 全年预算数 | 全年执行数\n工资福利支出 | 3000.00 | 3100.00 | 3050.00\n"
               "商品和服务支出 | 2875.17 | 3687.26 | 3384.62\n合计 | 5875.17 | 6787.26 | 6434.62\n")
    assert rec.projects.initial_budget is None
    assert rec.projects.adjusted_budget == D("2758.29")


@pytest.mark.parametrize("title, name", [("岭北县草原局", "岭北县林业局（岭北县草原局）"), ("白沙县林业局", "县林业局（本级）"),
                                         ("岭北县文旅局", "岭北县文化和旅游局")])
def test_a_second_form_naming_the_unit_otherwise_is_the_units(tmp_path, title, name):
    own = dict(FORESTRY, unit=title, basic="—{s}—{s}—", projects="—{s}—{s}—")
    rec = read(tmp_path, f"{title}2022年度部门整体支出绩效自评报告\n" + form(" | ", **own) + "\n附表2：基本支出和项目支出情况\n"
               + form(" | ", **dict(FORESTRY, unit=name)))
    assert_forestry(rec)


def test_a_sub_units_own_report_reads_its_form_beside_its_superior_named(tmp_path):
    rec = read(tmp_path, "白沙县林场2022年度部门整体支出绩效自评报告\n主管部门名称 | 白沙县林业局\n"
               + form(" | ", **dict(FORESTRY, unit="白沙县林场")).replace("部门（单位）名称", "单位名称"))
    assert_forestry(rec)


def test_the_only_form_captioned_with_the_year_evaluated_is_read(tmp_path):
    rec = read(tmp_path, "白沙县林业局2023年部门整体支出绩效自评报告\n2022年度，我局…\n附：部门整体支出绩效自评表（2022年度）\n"
               + form(" | ", **FORESTRY))
    assert rec.overall.actual == D("6434.62")


@pytest.mark.parametrize("field", ["项目名称 森林防火能力提升项目\n附件：2022年度绩效自评表", "项目名称\t白沙县林业局2022年度部门支出"])
def test_a_project_named_above_the_units_form_title_leaves_it_the_units(tmp_path, field):
    rec = read(tmp_path, FORESTRY_TITLE + field + "\n" + form("\t", **FORESTRY).split("\n", 1)[1])
    assert rec.overall.actual == D("6434.62")


@pytest.mark.parametrize("above", ["二、2022年度绩效自评表\n", "部门名称 | 白沙县林业局\n"])
def test_a_units_form_headed_project_funds_is_the_units(tmp_path, above):
    rows = ("项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            " | 年度资金总额 | 5875.17 | 6787.26 | 6434.62 | 10 | 94.80% | 9.48\n"
            " | 其中：基本支出 | 3942.24 | 4028.97 | 3992.71 | — | — | —\n"
            " | 项目支出 | 1932.93 | 2758.29 | 2441.91 | — | — | —\n")
    assert_forestry(read(tmp_path, FORESTRY_TITLE + above + rows))


def test_a_projects_row_holding_other_projects_is_the_projects(tmp_path):
    rec = read(tmp_path, FORESTRY_TITLE + form(" | ", **FORESTRY).replace(" | 项目支出 |", " | 项目支出（含其他项目） |"))
    assert rec.projects.actual == D("2441.91")
