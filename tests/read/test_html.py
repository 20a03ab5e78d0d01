"""A saved article page: the article's text and tables, none of the site around it."""
from __future__ import annotations

import pytest

from fixtures_files import MERGE_LEFT, MERGE_UP, SAMPLE_PARAGRAPH, SITE_CHROME_WORDS, write_bytes, write_html, write_png
from perflib.errors import UnreadableInput
from perflib.read.document import Heading, Table
from perflib.read.files import read_document

TITLE = "某区财政局2021年度部门整体支出绩效自评报告"
TABLE = [["项目", "资金（万元）", MERGE_LEFT, MERGE_LEFT],
         ["", "年初预算数", "全年预算数", "全年执行数"],
         ["年度资金总额", "100.00", "120.00", "110.00"],
         ["其中：基本支出", "60.00", "70.00", "65.00"],
         [MERGE_UP, "40.00", "50.00", "45.00"]]


def _text(doc) -> str:
    return "\n".join(doc.lines())


@pytest.mark.parametrize("encoding, meta", [("utf-8", True), ("utf-8", False), ("gbk", True), ("gb2312", True),
                                            ("gb18030", False)])
def test_article_text_without_chrome(tmp_path, encoding, meta):
    path = write_html(tmp_path / "a.html", [TITLE, "一、基本情况", SAMPLE_PARAGRAPH], TITLE,
                      encoding=encoding, meta_charset=meta)
    doc = read_document(path)
    assert doc.source.format == "html"
    assert doc.lines() == [TITLE, "一、基本情况", SAMPLE_PARAGRAPH]
    assert isinstance(doc.blocks[0], Heading)
    for word in SITE_CHROME_WORDS + ("999.99", "888.88", "发布时间", "字体"):
        assert word not in _text(doc), word


def test_table_stays_a_table_with_spans_expanded(tmp_path):
    path = write_html(tmp_path / "a.htm", [TITLE, "部门整体支出情况表（单位：万元）", TABLE], TITLE)
    doc = read_document(path)
    (table,) = doc.tables
    assert table.rows[0] == ["项目", "资金（万元）", "资金（万元）", "资金（万元）"]
    assert table.rows[4] == ["其中：基本支出", "40.00", "50.00", "45.00"]  # rowspan repeated below
    assert table.title == "部门整体支出情况表（单位：万元）" and table.loc.table == 1


def test_title_from_the_title_element_when_the_body_has_none(tmp_path):
    path = write_html(tmp_path / "a.html", [SAMPLE_PARAGRAPH], TITLE)
    doc = read_document(path)
    assert doc.blocks[0] == Heading(TITLE, 1)  # "…_政务公开_某区人民政府门户网站" dropped


def test_layout_tables_are_not_data_tables(tmp_path):
    page = ("<html><body><table><tr><td><table><tr><td>导航</td><td>首页</td></tr></table></td>"
            f"<td><p>{TITLE}</p><p>{SAMPLE_PARAGRAPH}</p></td></tr></table></body></html>")
    doc = read_document(write_bytes(tmp_path / "a.html", page.encode()))
    assert SAMPLE_PARAGRAPH in doc.lines() and TITLE in doc.lines()
    assert all(not isinstance(b, Table) or "首页" in b.rows[0] for b in doc.blocks)


def unreadable(path) -> str:
    with pytest.raises(UnreadableInput) as info:
        read_document(path)
    msg = str(info.value)
    assert str(path) in msg and "\n" not in msg and msg.endswith(".")
    return msg


def test_html_that_is_not_html(tmp_path):
    assert "not an HTML page" in unreadable(write_bytes(tmp_path / "a.html", "只是一段文字，没有标记。".encode()))


def test_image_named_html(tmp_path):
    unreadable(write_png(tmp_path / "a.html"))


def test_page_without_article_text(tmp_path):
    page = "<html><head><title>x</title><script>var a=1;</script></head><body><nav>首页</nav></body></html>"
    assert "no article text" in unreadable(write_bytes(tmp_path / "a.html", page.encode()))


def test_a_page_perflib_made_is_no_report(tmp_path):
    """`perflib parse` on a page of `perflib render` read it as a department report (exit 0, no
    department): its figures are its report's, counted again. The batch already passed such pages by."""
    from perflib.errors import NotAReport

    page = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="generator" content="perflib 0.3.0"><title>2023 某某县文化馆</title></head>'
            f"<body><h1>{TITLE}</h1><p>{SAMPLE_PARAGRAPH}</p></body></html>")
    path = write_bytes(tmp_path / "2023_某某县文化馆.html", page.encode("utf-8"))
    with pytest.raises(NotAReport, match="a page perflib made"):
        read_document(path)
    plain = write_bytes(tmp_path / "a.html", page.replace("perflib 0.3.0", "WordPress 6.4").encode("utf-8"))
    assert SAMPLE_PARAGRAPH in _text(read_document(plain))


# --- text a browser does not show, or shows struck out ------------------------------------
def _page(sentence: str, head: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'>{head}</head><body><h1>{TITLE}</h1><p>{sentence}</p>"
            "<p>经自评，本部门2021年度部门整体支出绩效自评得分90分，评价等级为优。</p></body></html>")


def _adjusted(tmp_path, page: str):
    from perflib.pipeline import read_record

    return read_record(write_bytes(tmp_path / "a.html", page.encode())).overall.adjusted_budget


_DRAFT = "<span{}>调整后预算455万元，</span>"
_SENTENCE = "本年度部门整体支出年初预算420万元，{}调整后预算448万元，实际支出440万元，预算执行率98.21%。"


@pytest.mark.parametrize("attrs, head", [
    (' style="visibility: hidden"', ""),
    (' style="font-size:0px"', ""),
    (' aria-hidden="true" style="position:absolute; left:-9999px"', ""),
    (' class="draft"', "<style>.draft{display:none}</style>"),
    (' class="note old"', "<style>/* 草稿 */ p{margin:0} span.old, .x { visibility : hidden !important }</style>"),
    (' id="d1"', "<style>#d1{display:none;}</style>"),
])
def test_hidden_text_is_not_read(tmp_path, attrs, head):
    """A draft figure hidden inline or by a class/id of the page's own <style>: 448, not 455."""
    assert _adjusted(tmp_path, _page(_SENTENCE.format(_DRAFT.format(attrs)), head)) == 448


@pytest.mark.parametrize("attrs, head", [
    (' class="hide"', ""),  # no rule says it: a browser shows it
    (' class="draft"', "<style>@media print{.draft{display:none}}</style>"),
    (' class="draft"', "<style>.draft{display:none}.draft{display:inline}</style>"),
    (' class="draft" style="display:inline"', "<style>.draft{display:none}</style>"),
])
def test_text_a_browser_shows_is_read(tmp_path, attrs, head):
    """(guard) Hidden only where the page says so on screen: the first figure stated is taken as before."""
    assert _adjusted(tmp_path, _page(_SENTENCE.format(_DRAFT.format(attrs)), head)) == 455


def test_font_size_zero_box_of_sized_children_is_read(tmp_path):
    """(guard) font-size:0 on a box whose children set their own size is a layout trick: its text shows."""
    sentence = ('<span style="font-size:0"><span style="font-size:16px">本年度部门整体支出年初预算420万元，'
                "调整后预算448万元，实际支出440万元。</span></span>")
    assert _adjusted(tmp_path, _page(sentence)) == 448


@pytest.mark.parametrize("tag", ["del", "s", "strike"])
def test_struck_out_figure_is_not_read(tmp_path, tag):
    """'调整后预算<del>455</del>448万元' is 448 (the struck digits were glued on: 455448), in prose and in a cell."""
    assert _adjusted(tmp_path, _page(f"本年度部门整体支出年初预算420万元，调整后预算<{tag}>455</{tag}>448万元，"
                                     "实际支出440万元。")) == 448
    table = ("<p>单位：万元</p><table border='1'><tr><th>项目</th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th></tr>"
             f"<tr><td>年度资金总额</td><td>420.00</td><td><{tag}>455.00</{tag}>448.00</td><td>440.00</td></tr></table>")
    page = _page("部门整体支出情况如下。").replace("</h1>", "</h1>" + table)
    assert _adjusted(tmp_path, page) == 448


def test_table_captioned_another_year_first_is_not_read(tmp_path):
    """<caption>2020年度预算执行情况</caption> then the 2021 table, in a 2021 report: the second's figures."""
    def table(year, figures):
        cells = "".join(f"<td>{f}</td>" for f in figures)
        return (f"<table border='1'><caption>{year}年度预算执行情况（单位：万元）</caption><tr><th>项目</th><th>年初预算数</th>"
                f"<th>全年预算数</th><th>全年执行数</th></tr><tr><td>年度资金总额</td>{cells}</tr></table>")
    page = _page("部门整体支出情况见下表。").replace(
        "</h1>", "</h1>" + table(2020, ["400.00", "433.00", "425.00"]) + table(2021, ["420.00", "448.00", "440.00"]))
    assert _adjusted(tmp_path, page) == 448


_ARTICLE = ("<p>一、预算执行情况</p><p>本年度部门整体支出年初预算420万元，调整后预算448万元，实际支出440万元，"
            "预算执行率98.21%。</p><p>经自评，本部门2021年度部门整体支出绩效自评得分90分，评价等级为优。</p>")


@pytest.mark.parametrize("head, box, tail", [
    ("<style>.tab-con{display:none}.tab-con.on{display:block}</style>", '<div class="tab-con on">',
     '</div><div class="tab-con"><p>附件下载</p>'),  # a CMS tab: the open one shown by a class combination
    ("<style>.con{display:none}\n.show{display:block}</style>", '<div class="con show">', ""),
    ("<style>.panel{display:none}#p2{display:block}</style>", '<div class="panel" id="p2">', ""),
    ("<style>.article{display:none}</style>", '<div class="article">',
     "</div><script>document.querySelector('.article').style.display='block'</script><div>"),
    ("<style>.txt{font-size:16px}</style>", '<div style="font-size:0"><div class="txt">', "</div>"),
    ("", '<div style="font-size:0;text-align:center"><font size="3">', "</font>"),
    ("<style>.v{visibility:visible}</style>", '<div style="visibility:hidden"><div class="v">', "</div>"),
    ("", '<div style="position:relative;left:50%;margin-left:-1000px;width:2000px">', ""),
    ("<style>.main{visibility:hidden}</style>", '<div class="main">', ""),  # shown by a script not on the page
])
def test_the_article_a_browser_shows_is_read(tmp_path, head, box, tail):
    """A tab or panel shown by another rule, a class combination or the page's script, a font-size:0
    box of sized children, a centred wide box: the article shows — its figures are read, not dropped."""
    from perflib.pipeline import read_record

    page = (f"<html><head><meta charset='utf-8'>{head}</head><body><h1>{TITLE}</h1>{box}{_ARTICLE}{tail}</div>"
            "</body></html>")
    record = read_record(write_bytes(tmp_path / "a.html", page.encode()))
    assert (record.overall.adjusted_budget, record.score) == (448, 90)


def test_a_small_hidden_bit_beside_a_shown_tab_is_not_read(tmp_path):
    """(guard) A showing rule for the open tab does not show a draft figure hidden by its own class."""
    head = "<style>.tab-con{display:none}.tab-con.on{display:block}.draft{display:none}</style>"
    sentence = _SENTENCE.format(_DRAFT.format(' class="draft"'))
    page = _page(sentence, head).replace("<p>本年度", '<div class="tab-con on"><p>本年度').replace("</body>", "</div></body>")
    assert _adjusted(tmp_path, page) == 448


_LAST_YEARS = ("<p>一、预算执行情况</p><p>本年度部门整体支出年初预算400万元，调整后预算433万元，实际支出425万元，"
               "预算执行率98.15%，另有项目支出明细若干、基本支出明细若干，具体情况说明如下，资金使用规范。</p>"
               "<p>经自评，本部门2020年度部门整体支出绩效自评得分88分，评价等级为良。</p>")


@pytest.mark.parametrize("head, tail", [
    ("<style>.old{display:none}</style>", ""),  # hidden by the page's style, more text than the article
    ("<style>#old{display:none}</style>", "<script>$('#old').hide();</script>"),  # a script that hides it too
])
def test_another_report_hidden_beside_the_article_is_not_read(tmp_path, head, tail):
    """Last year's report kept in the page, hidden, before this year's article: read (2020's figures and
    score), since a hiding rule that hides most of the page, or a script naming it, was not followed. Now
    a hidden part with the article's amounts in sight elsewhere, or named by a script that only hides it,
    is left out."""
    from perflib.pipeline import read_record

    page = (f"<html><head><meta charset='utf-8'>{head}</head><body><h1>{TITLE}</h1>"
            f'<div class="old" id="old">{_LAST_YEARS}</div>{_ARTICLE}{tail}</body></html>')
    record = read_record(write_bytes(tmp_path / "a.html", page.encode()))
    assert (record.overall.adjusted_budget, record.score) == (448, 90)


def test_header_and_label_cells_wrapped_by_br_are_read(tmp_path):
    """'年初<br>预算数', '年度资金<br>总额': a header wrapped to fit its column reads as one word, as a
    PDF's cell does (it read '年初 预算数', no column, and the report gave no figure at all)."""
    from perflib.pipeline import read_record

    table = ("<table border='1'><tr><td>项目</td><td>年初<br>预算数</td><td>全年<br/>预算数</td>"
             "<td>全年\n  执行数</td><td>执行率</td></tr>"
             "<tr><td>年度资金<br>总额</td><td>380.00</td><td>406.00</td><td>398.00</td><td>98.03%</td></tr>"
             "<tr><td>基本<br>支出</td><td>200.00</td><td>210.00</td><td>205.00</td><td>97.62%</td></tr></table>")
    page = _page("单位：万元").replace("</body>", table + "</body>")
    rec = read_record(write_bytes(tmp_path / "a.html", page.encode()))
    assert [rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual] == [380, 406, 398]
    assert [rec.basic.initial_budget, rec.basic.actual] == [200, 205]


def _article_page(tmp_path, body: str, head: str = "", name: str = "p.html"):
    path = tmp_path / name
    path.write_text(f"{head}<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>{body}</body></html>",
                    encoding="utf-8")
    return path


FIGURES = "<p>2021年，我局年初预算1,250.40万元，调整后预算1,561.00万元，实际支出1,498.32万元，预算执行率95.98%。</p>"


@pytest.mark.parametrize("head", ['<?xml version="1.0" encoding="utf-8"?>\n',
                                  '<?xml version="1.0" encoding="gb2312"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0'
                                  ' Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'])
def test_a_page_opening_with_an_xml_declaration_is_read(tmp_path, head):
    doc = read_document(_article_page(tmp_path, f"<h1>{TITLE}</h1>{FIGURES}", head))
    assert "实际支出1,498.32万元" in _text(doc)


@pytest.mark.parametrize("body", [
    # an ASP.NET page: one <form> around everything
    f"<form id='aspnetForm' method='post'><div class='nav'>首页 政务公开</div><h1>{TITLE}</h1>{FIGURES}</form>",
    # the article's container named for printing, a column or its links as well
    f"<div class='article-con print-area'><h1>{TITLE}</h1>{FIGURES}</div><div class='side'>相关信息 某局2020年度报告</div>",
    f"<div class='content-side-r'><h1>{TITLE}</h1>{FIGURES}</div>",
    f"<div id='links-content'><h1>{TITLE}</h1>{FIGURES}</div>",
])
def test_the_article_inside_a_form_or_a_container_named_like_chrome_is_read(tmp_path, body):
    text = _text(read_document(_article_page(tmp_path, body)))
    assert "实际支出1,498.32万元" in text and "相关信息" not in text


def test_a_search_form_a_sidebar_and_a_ticker_are_not_read(tmp_path):
    body = (f"<form class='search'><input name='q'><p>站内搜索 热门：2020年度预算执行率90.00%</p></form>"
            f"<marquee>通知：全县2021年预算执行率为96.12%</marquee><h1>{TITLE}</h1>{FIGURES}"
            "<div class='sidebar'><p>某局2020年度实际支出 1,001.00万元</p></div>")
    text = _text(read_document(_article_page(tmp_path, body)))
    assert "实际支出1,498.32万元" in text
    assert not any(w in text for w in ("90.00%", "96.12%", "1,001.00"))


@pytest.mark.parametrize("source, line", [
    # a Word page's source wrapped at ~80 columns: one line on screen, between Chinese characters with no space
    ("<p>2021年，我局年初预\n算1,250.40万元，调整后预算1,561.00\n万元。</p>", "2021年，我局年初预算1,250.40万元，调整后预算1,561.00 万元。"),
    ("<p><span>其中：</span>\n<span>基本支出 620.00 万元</span></p>", "其中： 基本支出 620.00 万元"),
])
def test_a_source_line_break_is_what_a_browser_shows(tmp_path, source, line):
    assert line in read_document(_article_page(tmp_path, f"<h1>{TITLE}</h1>{source}")).lines()


def test_a_line_break_a_browser_keeps_is_kept(tmp_path):
    lines = read_document(_article_page(tmp_path, f"<h1>{TITLE}</h1><pre>年初预算 1,250.40万元\n实际支出 1,498.32万元</pre>"
                                          "<p>调整后预算<br>1,561.00万元</p>")).lines()
    assert "年初预算 1,250.40万元" in lines and "实际支出 1,498.32万元" in lines and "调整后预算" in lines


@pytest.mark.parametrize("embed", ["<iframe src='/u/2024/某局2021年度部门整体支出绩效自评报告.pdf' width='100%'></iframe>",
                                   "<object data='/files/report.pdf' type='application/pdf'><a href='/files/report.pdf'>下载</a></object>",
                                   "<embed src='/files/report.pdf?v=2' type='application/pdf'>"])
def test_a_document_shown_in_a_frame_is_an_attachment_line(tmp_path, embed):
    lines = read_document(_article_page(tmp_path, f"<h1>{TITLE}</h1>{embed}")).lines()
    assert any(line.startswith("附件：") and ".pdf" in line for line in lines)


def test_an_article_title_in_a_styled_line_is_not_preceded_by_another_pages_title(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><head><meta charset='utf-8'><title>某区民政局2020年度部门整体支出绩效自评报告_某区人民政府</title></head>"
                    f"<body><div class='title'>{TITLE}</div>{FIGURES}</body></html>", encoding="utf-8")
    lines = read_document(path).lines()
    assert lines[0] == TITLE and not any("2020年度" in line for line in lines)


@pytest.mark.parametrize("body, apart", [
    # lines of text the markup did not set apart, after a sentence's end or a unit, or before a numbered heading
    ("<div>（二）项目支出：\n项目支出全年预算 620.00万元，执行率93.35%。\n（三）合计：\n全年预算 1,561.00万元</div>",
     ["（二）项目支出：项目支出全年预算 620.00万元，执行率93.35%。", "（三）合计：全年预算 1,561.00万元"]),
    ("<div>基本支出：年初预算 620.10万元\n合计：年初预算 1,250.40万元</div>", ["基本支出：年初预算 620.10万元", "合计：年初预算 1,250.40万元"]),
])
def test_lines_a_reader_reads_apart_stay_apart(tmp_path, body, apart):
    lines = read_document(_article_page(tmp_path, f"<h1>{TITLE}</h1>{body}")).lines()
    assert all(line in lines for line in apart)


def test_a_page_whose_stylesheet_keeps_line_breaks_keeps_them(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(f"<html><head><meta charset='utf-8'><style>.txt{{white-space:pre-wrap}}</style></head><body><h1>{TITLE}</h1>"
                    "<div class='txt'>年初预算\n1,250.40万元</div></body></html>", encoding="utf-8")
    assert "年初预算" in read_document(path).lines()


def test_a_search_pages_results_are_not_an_article(tmp_path):
    body = ("<div class='search-content'><p>共找到 2 条结果</p><h3>某局2021年度部门整体支出绩效自评报告</h3>"
            "<p>…年初预算1,250.40万元，实际支出1,498.32万元…</p><h3>某委2021年度部门整体支出绩效自评报告</h3>"
            "<p>…年初预算820.00万元，实际支出801.20万元…</p></div>")
    with pytest.raises(UnreadableInput):
        read_document(_article_page(tmp_path, body))


@pytest.mark.parametrize("source, line", [
    # a Word page's source wrapped after a colon, or after a unit before the sentence goes on
    ("<p>年初预算：\n1,250.40万元，实际支出1,498.32万元。</p>", "年初预算： 1,250.40万元，实际支出1,498.32万元。"),
    ("<p>年初预算1,250.40万元\n，其中基本支出620.10万元\n，项目支出630.30万元。</p>",
     "年初预算1,250.40万元 ，其中基本支出620.10万元 ，项目支出630.30万元。"),
])
def test_a_source_line_break_after_a_colon_or_a_unit_joins(tmp_path, source, line):
    assert line in read_document(_article_page(tmp_path, f"<h1>{TITLE}</h1>{source}")).lines()


def test_line_breaks_kept_only_where_the_stylesheet_keeps_them(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(f"<html><head><meta charset='utf-8'><style>textarea{{white-space:pre-wrap}} .code {{white-space:pre}}</style>"
                    f"</head><body><h1>{TITLE}</h1><p>年初预\n算1,250.40万元</p><div class='code'>实际支出\n1,498.32万元</div>"
                    "</body></html>", encoding="utf-8")
    lines = read_document(path).lines()
    assert "年初预算1,250.40万元" in lines and "实际支出" in lines


@pytest.mark.parametrize("body_title", ["2021年度部门整体支出绩效自评报告", "附件：部门整体支出绩效自评表", "一、部门整体支出绩效自评报告"])
def test_the_pages_title_names_the_unit_over_a_body_title_that_does_not(tmp_path, body_title):
    path = tmp_path / "p.html"
    path.write_text(f"<html><head><meta charset='utf-8'><title>{TITLE}_某区人民政府</title></head>"
                    f"<body><div class='title'>{body_title}</div>{FIGURES}</body></html>", encoding="utf-8")
    assert read_document(path).lines()[0] == TITLE


def test_the_paragraphs_inside_a_form_wrapping_the_article_stay_paragraphs(tmp_path):
    body = (f"<form id='aspnetForm'><h1>{TITLE}</h1><p>（一）预算执行情况</p><p>一是一般公共预算财政拨款，年初预算820.00万元。</p>"
            f"{FIGURES}</form>")
    lines = read_document(_article_page(tmp_path, body)).lines()
    assert "（一）预算执行情况" in lines and "一是一般公共预算财政拨款，年初预算820.00万元。" in lines


def test_a_pdfs_text_pasted_with_a_break_at_each_line_end_reads_as_its_paragraphs(tmp_path):
    from perflib.pipeline import read_record

    lines = ["示例区教育局2023年度部门整体支出绩效自评报告", "2023年度部门整体支出年初预算数为5,180.00万元，全年预算数",
             "为5,376.00万元，全年执行数为5,343.74万元，预算执行", "率为99.40%。",
             "其中：基本支出年初预算数3,470.00万元，全年预算数3,496", ".00万元，全年执行数3,497.58万元，预算执行率100.05%", "；"]
    path = tmp_path / "r.html"
    path.write_text('<html><body><div class="content">' + "<br>\n".join(lines) + "</div></body></html>", encoding="utf-8")
    rec = read_record(path)
    # (the figure cut inside, "3,496" ⏎ ".00万元", joined; a clause cut with no mark, "预算执行" ⏎ "率为99.40%", is
    # not: its rate is left unread, not given to the line's 基本支出)
    assert [str(v) for v in (rec.overall.initial_budget, rec.overall.actual)] == ["5180.00", "5343.74"]
    assert rec.overall.completion_rate is None
    assert [str(v) for v in (rec.basic.adjusted_budget, rec.basic.completion_rate)] == ["3496.00", "100.05"]



@pytest.mark.parametrize("lines, part", [
    (["部门整体年初预算500.00万元，全年预算520.00万元", "基本支出年初预算300.00万元，实际支出290.00万元",
      "全年实际支出480.00万元，预算执行率92.31%"], "basic"),
    (["其中：基本支出年初预算300.00万元，全年预算310.00万元，实际支出305.00万元", "项目支出年初预算200.00万元，实际支出180.00万元",
      "全年实际支出485.00万元，执行率95%"], "projects"),
])
def test_clauses_set_one_per_line_stay_apart(tmp_path, lines, part):
    from perflib.pipeline import read_record

    path = tmp_path / "r.html"
    path.write_text("<html><body><p>岭南县水务局2022年度部门整体支出绩效自评报告</p><p>二、部门预算执行情况</p><p>"
                    + "<br>".join(lines) + "</p></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert rec.block(part).completion_rate is None  # (the whole's rate, on the line below the part's)
    assert rec.overall.completion_rate is not None and rec.overall.actual is not None


@pytest.mark.parametrize("cut", [("全年预算数3,496", ".00万元，全年执行数3,497.58万元。"),
                                 ("全年预算数3,496.0", "0万元，全年执行数3,497.58万元。"),
                                 ("调整预算为3,496.00", "万元，全年执行数3,497.58万元。"),
                                 ("年初预算数3,470.00万元，", "全年预算数3,496.00万元。")])
def test_a_line_of_prose_cut_inside_a_figure_or_after_its_comma_goes_on(tmp_path, cut):
    path = tmp_path / "r.html"
    path.write_text(f"<html><body><p>其中：基本支出年初预算数3,470.00万元，{cut[0]}<br>{cut[1]}</p></body></html>",
                    encoding="utf-8")
    texts = [b.text for b in read_document(path).blocks if not isinstance(b, Table)]
    assert any(t.endswith(cut[0] + cut[1]) for t in texts)


def test_a_numbered_items_lines_are_read_as_set(tmp_path):
    from perflib.pipeline import read_record

    path = tmp_path / "r.html"
    path.write_text("<html><body><p>岭南县水务局2022年度部门整体支出绩效自评报告</p><p>二、部门预算执行情况<br>"
                    "1.基本支出：年初预算300.00万元，实际支出290.00万元<br>2.项目支出：年初预算200.00万元，<br>"
                    "实际支出190.00万元<br>全年实际支出480.00万元，执行率96%</p></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert rec.projects.completion_rate is None  # (the whole's rate, under the items)
