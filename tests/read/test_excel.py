"""Excel workbooks (.xlsx, .xls): every sheet a table, merged cells expanded, cells as Excel shows them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from corpus import LEFT, UP, Num, make_figures, table_layout
from fixtures_files import write_bytes, write_corrupt_xlsx, write_txt, write_xls, write_xlsx
from perflib.errors import UnreadableInput
from perflib.read.files import read_document

WRITERS = {"xlsx": write_xlsx, "xls": write_xls}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_sheet_is_a_table_with_merges_expanded(tmp_path, fmt):
    grid = [["部门整体支出绩效自评表", LEFT, LEFT],
            ["部门名称", "某局", LEFT],
            ["执行情况", "全年执行数", "执行率"],
            [UP, Num(Decimal("1234567.5"), 2, thousands=True), Num(Decimal("99.62"), 2, percent=True)],
            [UP, Num(Decimal("88"), 0), ""]]
    doc = read_document(WRITERS[fmt](tmp_path / f"t.{fmt}", [("自评表", grid), ("Sheet2", [["说明"]])]))
    assert doc.source.format == fmt and doc.source.pages == 2
    first, second = doc.tables
    assert first.rows == [["部门整体支出绩效自评表"] * 3, ["部门名称", "某局", "某局"],
                          ["执行情况", "全年执行数", "执行率"], ["执行情况", "1,234,567.50", "99.62%"],
                          ["执行情况", "88", ""]]
    assert first.title == "自评表" and first.loc.sheet == "自评表" and first.loc.table == 1
    assert second.rows == [["说明"]] and second.title == "说明"  # a generic sheet name: its first line


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_basic_data_sheet(tmp_path, fmt):
    f = make_figures(5)
    doc = read_document(WRITERS[fmt](tmp_path / f"t.{fmt}", [table_layout(f, "basic_data")]))
    (table,) = doc.tables
    assert table.rows[1][:2] == ["预算单位", f.department]
    assert [r[0] for r in table.rows[3:]] == ["合计", "基本支出", "其中：人员经费", "公用经费", "项目支出"]
    assert table.rows[-1][3] == f"{f.projects.actual:f}"


def unreadable(path) -> str:
    with pytest.raises(UnreadableInput) as info:
        read_document(path)
    msg = str(info.value)
    assert str(path) in msg and "\n" not in msg and msg.endswith(".")
    return msg


def test_damaged_xlsx(tmp_path):
    assert "damaged" in unreadable(write_corrupt_xlsx(tmp_path / "t.xlsx"))


def test_damaged_xls(tmp_path):
    path = write_xls(tmp_path / "t.xls", [("表", [["年初预算数", "100"]] * 40)])
    data = path.read_bytes()
    assert "damaged" in unreadable(write_bytes(path, data[:600] + bytes(len(data) - 600)))


def test_text_named_xlsx(tmp_path):
    assert "not an Excel workbook" in unreadable(write_txt(tmp_path / "t.xlsx", "年初预算数 100 万元"))


def test_empty_workbook(tmp_path):
    assert "empty" in unreadable(write_xlsx(tmp_path / "t.xlsx", [("表", [[""]])]))
