"""Reports in traditional characters (繁體) are read like simplified ones; quotes stay as written."""
from decimal import Decimal as D

from understand.helpers_understand import parse
from perflib.understand.hanzi import Original, simplified

TRADITIONAL = ("雲溪縣氣象局2022年度部門整體支出績效自評報告\n"
               "一、預算執行情況\n"
               "本局年初預算 210.00 萬元，全年預算 236.40 萬元，實際支出 230.15 萬元，預算執行率 97.36%。\n"
               "二、存在問題\n"
               "1、觀測設備更新進度偏慢。\n")


def test_simplified_keeps_every_place():
    text = "部門整體支出 1,234.50 萬元（含結轉）"
    simple = simplified(text)
    assert simple == "部门整体支出 1,234.50 万元（含结转）"
    assert len(simple) == len(text)
    assert simplified("部门整体支出") == "部门整体支出"  # simplified text is left as it is


def test_original_quotes_the_same_place():
    text = "本館實際支出 30.00 萬元。"
    back = Original(text, simplified(text))
    assert back("实际支出 30.00 万元") == "實際支出 30.00 萬元"
    assert back(None) is None


def test_traditional_report_reads_its_figures_and_quotes_the_original():
    rec = parse(TRADITIONAL)
    assert (rec.department, rec.year, rec.kind) == ("雲溪縣氣象局", 2022, "department")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (D("210.00"), D("236.40"), D("230.15"), D("97.36"))
    assert rec.evidence["overall.actual"].startswith("本局年初預算")
    assert all(q in rec.text for q in rec.evidence.values())
    assert rec.problems and all(p in rec.text for p in rec.problems)


def test_every_character_t2s_changes_is_looked_for():
    """simplified() converts only the characters its dictionaries could change: no other one of
    the CJK blocks converts to anything else."""
    from perflib.understand.hanzi import _HAN, _T2S, _convertible

    convertible = _convertible()
    assert convertible is not _HAN  # the dictionaries were read
    missed = [ch for ch in map(chr, range(0x3400, 0xA000))
              if not convertible.match(ch) and _T2S.convert(ch) != ch]
    assert not missed, missed[:10]
