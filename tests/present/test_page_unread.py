"""The page's appendix lists the amounts the report states that no field took (escaped)."""
from decimal import Decimal as D

from perflib.check.metrics import compute
from perflib.model import Record, Source, Unread
from perflib.pipeline import Analysis
from perflib.present import page


def analysis(unread):
    rec = Record(source=Source("t.txt", "txt", "utf-8", ""), text="x", unread=unread)
    return Analysis(rec, compute(rec), [])


def test_unread_amounts_in_the_appendix():
    html = str(page.appendix(analysis([Unread("2020年<b>我馆</b>实际支出 286.30 万元。", D("286.30"))])))
    assert "报告中未读取的金额" in html
    assert "286.30 万元" in html
    assert "&lt;b&gt;我馆&lt;/b&gt;" in html and "<b>" not in html


def test_no_section_when_everything_was_read():
    assert "报告中未读取的金额" not in str(page.appendix(analysis([])))
