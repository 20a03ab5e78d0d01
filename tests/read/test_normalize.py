"""Stage 2: raw pages → one paragraph per line, figures whole, page furniture gone."""
from __future__ import annotations

import hashlib
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures_files import SAMPLE_PARAGRAPH, write_docx, write_pdf, write_txt
from paths import SEED
from perflib.read.normalize import (
    broken_lines_joined,
    fold_chars,
    fold_pages,
    join_broken_lines,
    normalize,
    sentences,
    strip_page_furniture,
)
from perflib.pipeline import read_record
from perflib.read.files import read_document
from perflib.read.text import decode_text

TITLE = "广州市荔湾区人民政府花地街道办事处 2021 部门整体支出绩效评价报告"


# --- the seed stays exactly as it was -------------------------------------

@pytest.fixture(scope="module")
def seed_paragraphs() -> list[str]:
    text, _ = decode_text(SEED, SEED.read_bytes())
    return normalize(text.split("\f")).split("\n")


def test_seed_paragraph_count(seed_paragraphs):
    assert len(seed_paragraphs) == 18


def test_seed_text_is_pinned(seed_paragraphs):
    text = "\n".join(seed_paragraphs)
    assert hashlib.sha256(text.encode()).hexdigest()[:16] == "c8c2867698e7789b"


def test_seed_paragraphs(seed_paragraphs):
    assert seed_paragraphs[:2] == ["附件：2", TITLE]
    assert seed_paragraphs[3] == "一、项目安排管理使用效益情况"
    # A paragraph broken by a blank line in the middle of a sentence is whole again.
    assert "较年初预算 2671.07 万元，调整增支 930.80 万元，预算调整率 34.86%。" in seed_paragraphs[4]
    assert seed_paragraphs[7].endswith("提高了居民群众的幸福感、认同感和参与感。防范化解各类社会矛盾，维护辖区社会稳定大局。")
    assert seed_paragraphs[8] == "任务涉及项目资金 1014.69 万元。"
    assert seed_paragraphs[-2] == "四、2022 年工作计划及改进措施"


# --- characters -----------------------------------------------------------

def test_fullwidth_digits_and_minus():
    assert fold_chars("６，３６４．２４万元，－１２０，\u2212５％") == "6,364.24万元，-120，-5%"


def test_controls_dropped_form_feed_is_a_break():
    assert fold_chars("预\x02算\x00\f完成") == "预算\n完成"


def test_radicals_a_pdf_font_gave_are_the_characters_they_stand_for():
    # (Kangxi radicals, U+2F00–U+2FD5, and the supplement's whole simplified characters)
    assert fold_chars("部门整体⽀出绩效⾃评报告，⼈民政府，⻓江⻔⻋") == "部门整体支出绩效自评报告，人民政府，长江门车"
    assert fold_chars("⺝⻏") == "⺝⻏"  # (radicals only drawn inside a character stay as written)


def test_a_report_in_radicals_reads_as_written_plainly(tmp_path):
    plain = "2022年度示例县妇女联合会部门整体支出绩效自评报告\n2022年度部门整体支出年初预算120.00万元，实际支出115.00万元。\n"
    radicals = plain.replace("支", "⽀").replace("自", "⾃").replace("女", "⼥")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(plain, encoding="utf-8")
    b.write_text(radicals, encoding="utf-8")
    ra, rb = read_record(a), read_record(b)
    assert (rb.department, rb.overall.initial_budget, rb.overall.actual) == ("示例县妇女联合会", 120, 115)
    assert rb.evidence == ra.evidence


@pytest.mark.parametrize("mark", ["*", "①", "[1]", "²"])
def test_a_notes_mark_after_an_amount_or_a_rate_is_dropped(mark):
    assert fold_chars(f"预算收入69.06万元{mark}，其中年初预算57.28万元{mark}，执行率98.5%{mark}。") == (
        "预算收入69.06万元，其中年初预算57.28万元，执行率98.5%。")


def test_a_mark_that_is_no_note_on_a_figure_stays():
    assert fold_chars("见附件[1]，2*x，指标①") == "见附件[1]，2*x，指标①"


def test_a_figure_cut_before_its_decimal_point_is_joined():
    assert broken_lines_joined("本部门自评总分(分)97\n.6，评价等级为优。") == ["本部门自评总分(分)97.6，评价等级为优。"]


def test_letterspaced_pdf_line_closed_up():
    assert normalize(["预 算 完 成 率 1 0 0 % ，  调 整 减 支 1 2 0  万 元 。"]) == "预算完成率100%， 调整减支120 万元。"


def test_ordinary_spaces_kept():
    line = "2021 年度，花地街道 共 73 个项目，规范化 电梯加装完毕。"
    assert normalize([line]) == line


def test_minus_sign_survives_normalize():
    assert normalize(["预算调整率 \u22123.5%，调整减支 −120 万元。"]) == "预算调整率 -3.5%，调整减支 -120 万元。"


# --- line joining ---------------------------------------------------------

def test_figure_broken_at_line_end():
    text = "年度整体实际支出 6,364.\n24 万元，预算完成率 100%。"
    assert join_broken_lines(text) == "年度整体实际支出 6,364.24 万元，预算完成率 100%。"


def test_list_item_after_a_number_is_not_glued():
    assert join_broken_lines("详见附件 2.\n3. 其他事项。").split("\n") == ["详见附件 2.", "3. 其他事项。"]


def test_number_cut_between_digits():
    assert join_broken_lines("较年初预算调整增支 1,381.8\n5 万元。") == "较年初预算调整增支 1,381.85 万元。"


def test_word_cut_between_lines():
    text = "根据财政预算绩效管理要求，较年初预算调整减\n支 120 万元。"
    assert join_broken_lines(text) == "根据财政预算绩效管理要求，较年初预算调整减支 120 万元。"


def test_headings_and_list_items_stay_apart():
    text = "一、基本情况\n（一）部门职能。\n根据要求，本部门开展绩效自评工作。"
    assert join_broken_lines(text).split("\n") == ["一、基本情况", "（一）部门职能。", "根据要求，本部门开展绩效自评工作。"]


def test_table_rows_are_not_glued():
    text = "主要指标如下，分列说明各项数据情况\n项目名称\t年初预算\t实际支出\n整体支出\t4982.39\t6364.24"
    assert join_broken_lines(text).split("\n") == [
        "主要指标如下，分列说明各项数据情况", "项目名称 年初预算 实际支出", "整体支出 4982.39 6364.24",
    ]


def test_sentences():
    assert sentences("预算完成率100%。绩效自评优！") == ["预算完成率100%。", "绩效自评优！"]


# --- page furniture -------------------------------------------------------

@pytest.mark.parametrize("number", ["— 2 —", "- 2 -", "-2-", "第 2 页", "第2页 共5页", "共 5 页 第 2 页", "2/5", "2", "Page 2 of 5"])
def test_page_numbers_dropped(number):
    pages = [f"本页的正文，\n{number.replace('2', '1')}", f"续写的正文。\n{number}"]
    assert normalize(pages) == "本页的正文，续写的正文。"


def test_bare_number_inside_page_is_kept():
    pages = [f"第{i}部分说明：\n项目个数\n73\n合计支出 {i}.87 万元。\n其他说明{i}。" for i in (1, 2)]
    assert strip_page_furniture(pages) == pages


def test_running_header_and_footer_dropped():
    header = "花地街道办事处部门整体支出绩效评价"
    pages = [f"{header}\n正文第{i}页，内容如下。\n花地街道办事处 第 {i} 页" for i in range(1, 5)]
    assert strip_page_furniture(pages) == [f"正文第{i}页，内容如下。" for i in range(1, 5)]


def test_title_header_kept_once_on_first_page():
    pages = [f"{TITLE}\n正文第{i}页。\n- {i} -" for i in range(1, 4)]
    assert normalize(pages).split("\n") == [TITLE, "正文第1页。", "正文第2页。", "正文第3页。"]


def test_single_page_has_no_running_lines():
    assert strip_page_furniture(["附件：2\n正文。"]) == ["附件：2\n正文。"]


def test_words_at_one_pages_foot_and_near_the_next_pages_top_are_no_running_line():
    """A table's cell wrapped at page 2's foot ("…明年" / "一季度完成") and the same words wrapped again near page 3's
    top: the body's, not a running header or footer (which stands at the same edge of each page)."""
    pages = ["报告页眉\n第一页正文，内容如下。\n— 1 —",
             "报告页眉\n" + "".join(f"第二页正文{k}。\n" for k in range(6)) + "成本指标 14 11 部分点位未完成验收，明年\n一季度完成\n— 2 —",
             "报告页眉\n效益指标 38 34 部分点位未完成验收，明年\n一季度完成\n" + "".join(f"第三页正文{k}。\n" for k in range(6))
             + "— 3 —",
             "报告页眉\n第四页正文。\n— 4 —"]
    out = strip_page_furniture(pages)
    assert out[1].split("\n")[-1] == "一季度完成" and "一季度完成" in out[2]
    assert not any("报告页眉" in p for p in out[1:])


# --- round trips through real files ---------------------------------------

def test_pdf_with_header_footer_and_breaks(tmp_path):
    unit = "广州市荔湾区人民政府花地街道办事处"
    pages = [
        f"{TITLE}\n一、基本情况\n{SAMPLE_PARAGRAPH * 2}年度整体实际支出 6,364.",
        "24 万元，项目支出较年初预算调整减",
        f"支 120 万元，预算调整率 −4.5%。\n二、存在的问题\n（一）{SAMPLE_PARAGRAPH * 20}",
    ]
    path = write_pdf(tmp_path / "r.pdf", pages, header=[TITLE, unit], footer_page_numbers="第 {n} 页")
    doc = read_document(path)
    assert doc.source.pages >= 4  # the long last page overflows
    paras = doc.lines()
    text = "\n".join(paras)
    assert paras[0] == TITLE and text.count(TITLE) == 1
    assert unit not in text.replace(TITLE, "")
    assert "页" not in text
    assert "年度整体实际支出 6,364.24 万元，项目支出较年初预算调整减支 120 万元，预算调整率 -4.5%。" in text
    assert "二、存在的问题" in paras
    assert text.count("1,381.85 万元") == 22  # every figure whole, wherever the line wrapped


@pytest.mark.parametrize("style", [True, "- {n} -", "第 {n} 页 共 {total} 页", "{n}/{total}", "{n}"])
def test_pdf_page_number_styles(tmp_path, style):
    pages = [f"第{i}页：本页正文，内容较长一些，以便占据整行的宽度。" for i in range(1, 4)]
    doc = read_document(write_pdf(tmp_path / "r.pdf", pages, footer_page_numbers=style))
    assert doc.lines() == pages


def test_txt_round_trip_in_gbk(tmp_path):
    text = f"{TITLE}\n\n{SAMPLE_PARAGRAPH[:40]}\n{SAMPLE_PARAGRAPH[40:]}\n"
    doc = read_document(write_txt(tmp_path / "r.txt", text, "gbk"))
    assert doc.lines() == [TITLE, SAMPLE_PARAGRAPH]


def test_docx_round_trip(tmp_path):
    table = [["项目", "年初预算", "实际支出"], ["整体支出", "4,982.39", "6,364.24"]]
    doc = read_document(write_docx(tmp_path / "r.docx", blocks=[TITLE, SAMPLE_PARAGRAPH, table, "三、结论"]))
    assert doc.lines() == [
        TITLE, SAMPLE_PARAGRAPH, "项目\t年初预算\t实际支出", "整体支出\t4,982.39\t6,364.24", "三、结论",
    ]


# --- fuzz: any page text normalizes without error to clean paragraphs ------

_ALPHABET = st.sampled_from(list("预算调整减支万元第页共一二（）()、，。：%.,-—/ \t\n\f0123456789Ａ８－\u2212\u3000\x02"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=120), max_size=5))
def test_normalize_never_fails(pages):
    text = normalize(pages)
    assert "\n\n" not in text and "\t" not in text and "\f" not in text
    assert all(line == line.strip() for line in text.split("\n"))


def test_word_paragraphs_are_never_joined(tmp_path):
    """A Word paragraph is a paragraph, punctuation or not: it keeps its line."""
    from fixtures_files import write_docx

    first = "本部门2021年度各项工作任务均按计划推进落实完毕"  # long, and no full stop
    second = "项目支出实际支出 100.00 万元。"
    doc = read_document(write_docx(tmp_path / "r.docx", [first, second]))
    assert doc.lines() == [first, second]
    assert normalize([f"{first}\n{second}"]).split("\n") == [first + second]  # wrapped text is joined


def test_web_page_lines_that_stand_alone():
    """A plain-text export of a web page: menu, breadcrumb, title and attachment link stay apart."""
    text = ("首页 | 新闻中心 | 政务公开 | 便民服务\n当前位置：首页 > 政务公开 > 预算绩效\n"
            "示例青石县气象局2023年度部门整体支出绩效自评报告\n发布时间：2024-05-10 来源：示例青石县气象局\n"
            "附件：示例青石县气象局2023年度部门整体支出绩效自评报告.pdf\n相关链接：示例青石县人民政府")
    paras = join_broken_lines(text).split("\n")
    assert paras[1] == "当前位置：首页 > 政务公开 > 预算绩效"
    assert paras[2] == "示例青石县气象局2023年度部门整体支出绩效自评报告"
    assert "附件：示例青石县气象局2023年度部门整体支出绩效自评报告.pdf" in paras


def test_a_comparison_sign_in_prose_does_not_stop_a_paragraph():
    text = "部门整体支出绩效自评得分 > 90 分的指标共有十二项，其余指标得分\n均在 80 分以上。"
    assert join_broken_lines(text).count("\n") == 0


def test_a_sentence_broken_at_the_foot_of_a_page_is_no_running_footer():
    # "…资金 0.00281" / "2 亿元。" at a page's foot, "27 亿元。" at the next page's head: the same text
    # once the leading numbers go, but the end of a sentence, not a footer.
    pages = ["任务一。\n任务涉及项目资金 0.00281\n2 亿元。", "报告\n27 亿元。\n任务三。", "报告\n任务四。\n任务五。"]
    text = normalize(pages)
    assert "0.002812 亿元。" in text.replace("\n", "")


def test_wide_blocks_are_wide_and_width_counts_as_unicodedata_does():
    """_width takes WIDE_BLOCKS as wide without looking each character up: every one of them is."""
    import re
    import unicodedata

    from perflib.read.normalize import WIDE_BLOCKS, _width

    for first, last in re.findall(r"(.)-(.)", WIDE_BLOCKS):
        narrow = [hex(c) for c in range(ord(first), ord(last) + 1)
                  if unicodedata.east_asian_width(chr(c)) not in "WF"]
        assert not narrow, narrow[:5]
    for line in ["预算执行率为 99.80%，全年", "（）：、。ＡＢ１２“”·–½ｶ", "abc", "", "\u3248㉈一"]:
        by_char = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in line)
        assert _width(line) == pytest.approx(by_char)


def test_fold_pages_folds_each_page_and_keeps_the_last_document():
    pages = ("２０２１年 预算６，３６４．２４万元", "第 ２ 页\f完成率１００％")
    assert fold_pages(pages) == tuple(fold_chars(p) for p in pages)
    assert fold_pages(tuple(list(pages))) is fold_pages(pages)  # the layout step's, read again by page_lines
    assert fold_pages(("ａ",)) == ("a",) and fold_pages(()) == ()


@pytest.mark.parametrize("line, closed", [
    # a PDF's line break left as a space inside a label or block word of prose: closed
    ("2.支出情况。其中:基 本支出 562.70 万元,项目支出 67.99万元。", "2.支出情况。其中:基本支出 562.70 万元,项目支出 67.99万元。"),
    ("本年年初预 算 120.00 万元，全年支出 118.00 万元。", "本年年初预算 120.00 万元，全年支出 118.00 万元。"),
    # a space standing for a missing comma, or between cells of a table row: left
    ("推动工作标准化、规范化 电梯加装完毕，群众满意。", "推动工作标准化、规范化 电梯加装完毕，群众满意。"),
    ("基本支出 项目支出 合计", "基本支出 项目支出 合计"),
])
def test_a_space_inside_a_word_of_prose(line, closed):
    from perflib.read.normalize import unspace_letterspaced
    assert unspace_letterspaced(line) == closed


@pytest.mark.parametrize("line, closed", [
    # a justified PDF line: every ideograph spaced apart, its numbers and dates written whole
    ("2022-04-07 15:25 来 源: 岭 南 县 林 业 局 发 布 机 构: 岭 南 县 林 业 局",
     "2022-04-07 15:25来源:岭南县林业局发布机构:岭南县林业局"),
    ("411001-岭 南 县 贯 塘 乡 人 民 政 府2023年 部 门 决 算 公 开", "411001-岭南县贯塘乡人民政府2023年部门决算公开"),
    ("中 共 岭 南 县 委 宣 传 部 2020 年 度 部 门 整 体 支 出 绩 效 评 价 报 告",
     "中共岭南县委宣传部2020年度部门整体支出绩效评价报告"),
    ("一、项 目 概 括", "一、项目概括"),
    # cells apart by wider gaps, words of several characters apart, numbers of a row: left
    ("优  良  中  差", "优  良  中  差"),
    ("年初预算 全年预算 执行数", "年初预算 全年预算 执行数"),
    ("项目支出 500000 625000 98.5%", "项目支出 500000 625000 98.5%"),
])
def test_a_line_of_spaced_ideographs_among_whole_numbers_is_closed(line, closed):
    from perflib.read.normalize import unspace_letterspaced
    assert unspace_letterspaced(line) == closed


def test_a_pages_chrome_spaced_out_names_its_unit(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("2022-04-07 15:25 来 源: 岭 南 县 林 业 局 发 布 机 构: 岭 南 县 林 业 局\n"
                    "2021年林业局部门整体支出绩效自评报告\n一、预算执行情况\n"
                    "2021年年初预算1200.00万元，全年实际支出1180.00万元，预算执行率98.33%。\n", encoding="utf-8")
    from perflib.pipeline import read_record
    assert read_record(path).department == "岭南县林业局"


_CUT = ("某县林业局2022年度部门整体支出绩效自评报告\n一、部门概况\n本局负责全县林业工作。\n四、下一步工作计划\n"
        "明年，本局将继续加强林区防火巡查。我们将落实护林员网格化管理，推进国土绿化和森林质量提升，守住生态安全底线，"
        "统筹推进林业生态保护和林区经济社\n\n会发展，加快林下经济项目建设，切实提高资金使用效益。\n")


def test_a_sentence_cut_by_a_page_break_is_one_paragraph(tmp_path):
    """A text copied from a PDF: a blank line where a page ended, in the middle of a word."""
    rec = read_record(write_txt(tmp_path / "cut.txt", _CUT))
    assert len(rec.plans) == 1 and "林区经济社会发展，加快" in rec.plans[0]


@pytest.mark.parametrize("before, after", [
    ("，本年度实际支出共计 820.00 万元", "其中项目支出 300.00 万元，基本支出 520.00 万元。"),  # ends on a unit
    ("。", "会同有关部门开展联合检查，查处案件 12 起。"),  # ends a sentence
    ("林区经济社", "二、绩效目标完成情况，全部完成。"),  # a numbered heading follows
    ("林区经济社", "会发展，全年实际支出 820.00 万元。"),  # a figure after the break: never joined
])
def test_a_blank_line_after_a_whole_phrase_still_ends_the_paragraph(tmp_path, before, after):
    head = "明年，本局将继续加强林区防火巡查，落实护林员网格化管理，推进国土绿化和森林质量提升，守住生态安全底线"
    text = "某县林业局2022年度部门整体支出绩效自评报告\n" + head + before + "\n\n" + after + "\n"
    lines = read_document(write_txt(tmp_path / "t.txt", text)).lines()
    assert after in lines


def test_a_note_in_brackets_on_its_own_line_stays_apart():
    """"（本报告数字均为示例）" then the first sentence: the note is no part of that sentence (nor of the
    evidence quoted for its figures)."""
    text = join_broken_lines("（本报告数字均为示例，仅供测试）\n根据绩效管理要求，本局年度实际支出 820.00 万元，预算完成率 100%。")
    assert text.split("\n") == ["（本报告数字均为示例，仅供测试）", "根据绩效管理要求，本局年度实际支出 820.00 万元，预算完成率 100%。"]


def test_a_block_word_before_a_blank_line_never_reaches_the_figures_after_it(tmp_path):
    """The paragraph before the blank line ends mid-phrase on a block word (项目), the next states the
    whole unit's figures: they stay the unit's (joined, 项目 would have claimed them)."""
    text = ("某区城管局2023年度部门整体支出绩效评价报告\n\n一、部门基本情况\n\n"
            "本局主要职能是负责全区城市管理和综合执法工作，组织实施市容环境卫生、园林绿化等方面的法律法规，"
            "承担全区市政设施维护和城市更新项目的建设管理\n\n"
            "全年年初预算6,300.00万元，调整后预算6,040.00万元，实际支出5,991.68万元，预算完成率99.20%。\n")
    rec = read_record(write_txt(tmp_path / "r.txt", text))
    assert (rec.overall.actual, rec.projects.actual) == (D("5991.68"), None)


@pytest.mark.parametrize("cell, want", [
    ("年初\n预算数", "年初预算数"),
    ("年初 \r\n  预算数（万元）", "年初预算数（万元）"),
    ("调整后\n\n预算数", "调整后预算数"),
    ("380.00\n万元", "380.00 万元"),  # a figure and its unit: a space, as clean_line gives
    ("合  计", "合 计"),  # spaces a column aligns with are no wrap
    ("2023年\nPM2.5", "2023年 PM2.5"),
    ("中共松风县委组织部\n松风县公务员局", "中共松风县委组织部 松风县公务员局"),  # two names, one per line
    ("预算执行进度偏慢\n绩效目标不够细化", "预算执行进度偏慢 绩效目标不够细化"),  # two items
    ("部门整体支出\n总额", "部门整体支出总额"),
    ("松风县水务局\n河长办", "松风县水务局 河长办"),  # a unit and a short second name
    ("产出指标\n数量指标", "产出指标 数量指标"),
])
def test_clean_cell_joins_a_wrap_between_chinese_characters(cell, want):
    from perflib.read.normalize import clean_cell

    assert clean_cell(cell) == want


def test_fields_of_a_form_stay_lines_of_their_own_and_a_wrap_after_a_colon_joins():
    """"部门名称：X局" then "联系人：Y": two fields; "…执行情况：2023年度年初" then "预算：640万元，…" is one
    sentence wrapped."""
    from perflib.read.normalize import join_broken_lines

    assert join_broken_lines("部门名称：示例松风县住房和城乡建设局\n联系人：周某\n所属下级预算单位数量：6").split("\n") == [
        "部门名称：示例松风县住房和城乡建设局", "联系人：周某", "所属下级预算单位数量：6"]
    assert join_broken_lines("本部门整体支出预算执行情况：2023年度年初\n预算：640万元，调整后预算655万元。") == \
        "本部门整体支出预算执行情况：2023年度年初预算：640万元，调整后预算655万元。"


@pytest.mark.parametrize("lines, joined", [
    ("单位名称：中共松风县委机构编制委员\n会办公室 联系电话：0871-6123456", "单位名称：中共松风县委机构编制委员会办公室 联系电话：0871-6123456"),
    ("部门名称：松风县农业综合行政执法\n大队：（盖章）", "部门名称：松风县农业综合行政执法大队：（盖章）"),
    ("单位名称：中共松风县委机构编制委员\n会办公室联系电话：0871-6123456", "单位名称：中共松风县委机构编制委员会办公室联系电话：0871-6123456"),
])
def test_a_name_wrapped_onto_the_next_fields_line_joins(lines, joined):
    from perflib.read.normalize import join_broken_lines

    assert join_broken_lines(lines) == joined


def test_clause_start_is_just_after_the_last_mark_before_pos():
    """clause_start (a regex for more than two marks, rfinds for two) gives what one rfind per mark would."""
    import random
    from perflib.read.normalize import clause_start
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("年支出，,；;：:。-]^\\\n") for _ in range(rng.randint(0, 24)))
        marks = rng.choice(["，,；;：:", "；;", "；", "；;：:。", "-]^\\"])
        pos = rng.randint(0, len(text) + 1)
        assert clause_start(text, pos, marks) == max(text.rfind(c, 0, pos) for c in marks) + 1, (text, pos, marks)


@pytest.mark.parametrize("text, want", [
    # a page's number left inside a sentence a page break cut: dropped, not glued to the figure after it
    ("年初预算为236.50万元，实际支出为\n3\n248.66万元，预算执行率为\n4\n98.75%。",
     "年初预算为236.50万元，实际支出为248.66万元，预算执行率为98.75%。"),
])
def test_a_page_number_inside_a_sentence_is_dropped(text, want):
    assert join_broken_lines(text) == want


@pytest.mark.parametrize("text", [
    "项目个数\n3\n12.50万元",  # a form one cell per line: a label (no clause mark), its count, the next cell
    "全年共实施项目\n12\n个，完成投资300万元。",  # the count, then no amount right after it
    "全年预算300万元。\n2\n98.75%",  # the sentence before ended
])
def test_a_small_number_on_its_own_line_stays_where_it_may_be_a_figure(text):
    assert "".join(join_broken_lines(text).split()).count(text.split("\n")[1]) >= 1
