"""Builders that WRITE report files the way government sites publish them.

Shared by the source/normalize tests and by round-trip tests elsewhere:
every writer takes the target path first, creates parent folders, and
returns the path.  PDFs are typeset with fpdf2 in Noto Sans CJK SC (from
mplfonts), so the Chinese text layer is real and extractable.
"""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from typing import Sequence

import mplfonts

CJK_FONT = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"

# Table cells (write_docx, write_html, write_xlsx, write_xls) that merge with the cell to the
# left / above; the same marks as corpus.LEFT / corpus.UP. A cell may also be any object with
# `.text` (corpus.Num: a figure, written to a spreadsheet as a number with its format).
MERGE_LEFT = "<<"
MERGE_UP = "^^"

# A report-like paragraph, handy for long text that wraps across lines and pages.
SAMPLE_PARAGRAPH = (
    "根据财政预算绩效管理要求，2021 年花地街道办事处对部门整体支出开展绩效自评，"
    "年度整体实际支出 6,364.24 万元，预算完成率 100%，较年初预算 4,982.39 万元，"
    "调整增支 1,381.85 万元，预算调整率 27.73%。"
)


def _prepare(path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


# --- text -----------------------------------------------------------------

def write_txt(path, text: str, encoding: str = "utf-8", *, bom: bool = False) -> Path:
    """Write `text` in `encoding` ("utf-8-sig", "gbk", "gb18030", "utf-16", ...).

    `bom=True` prepends the UTF-8 byte-order mark for encodings that don't add
    their own; "utf-16"/"utf-32" always carry one (Python writes it).
    """
    p = _prepare(path)
    data = text.encode(encoding)
    if bom and not encoding.lower().startswith(("utf-16", "utf-32", "utf-8-sig")):
        data = b"\xef\xbb\xbf" + data
    p.write_bytes(data)
    return p


# --- PDF ------------------------------------------------------------------

def _fpdf_class():
    from fpdf import FPDF

    class ReportPDF(FPDF):
        """Running header (one or more lines) and a page number footer on every page."""

        header_lines: Sequence[str] = ()
        page_number_format: str | None = None

        def header(self):
            if not self.header_lines:
                return
            self.set_font("cjk", size=9)
            for line in self.header_lines:
                self.cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_font("cjk", size=self.body_size)

        def footer(self):
            if not self.page_number_format:
                return
            self.set_y(-15)
            self.set_font("cjk", size=9)
            self.cell(0, 10, self.page_number_format.format(n=self.page_no(), total="{nb}"),
                      align="C")
            self.set_font("cjk", size=self.body_size)

    return ReportPDF


def write_pdf(
    path,
    pages: Sequence[str],
    header: str | Sequence[str] | None = None,
    footer_page_numbers: bool | str = True,
    *,
    font_size: float = 12,
    wrap: str = "CHAR",
    indent: bool = False,
) -> Path:
    """A text PDF: one entry of `pages` starts a new page, "\\n" starts a new line.

    Long lines wrap (by character, as Chinese typesetting does, or by word
    with wrap="WORD") and overflow onto further pages, which get the same
    header and footer.  `header` repeats at the top of every page;
    `footer_page_numbers` is True for "— n —", or a format string such as
    "第 {n} 页" or "{n}/{total}", or False for none. With `indent`, each line
    (a paragraph) starts two characters in, as Chinese documents are set, by
    position (as word processors do), not by space characters.
    """
    from fpdf.enums import WrapMode

    p = _prepare(path)
    pdf = _fpdf_class()(format="A4")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.body_size = font_size
    pdf.header_lines = [header] if isinstance(header, str) else list(header or ())
    if footer_page_numbers is True:
        pdf.page_number_format = "— {n} —"
    elif footer_page_numbers:
        pdf.page_number_format = footer_page_numbers
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_font("cjk", size=font_size)
    for page in pages:
        pdf.add_page()
        for line in page.split("\n"):
            if indent:
                pdf.set_x(pdf.l_margin + 2 * font_size * 0.3528)  # two ems, in mm
                pdf.write(font_size * 0.6, line, wrapmode=WrapMode[wrap.upper()])
                pdf.ln(font_size * 0.6)
                continue
            pdf.multi_cell(0, font_size * 0.6, line, new_x="LMARGIN", new_y="NEXT",
                           wrapmode=WrapMode[wrap.upper()])
    pdf.output(str(p))
    return p


def write_scanned_pdf(path, pages: int = 1) -> Path:
    """A PDF whose pages are only images (a scan): no text layer at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 760, 24):  # grey bars where the scanned lines of text would be
        draw.rectangle([50, y, 50 + (y * 7) % 480 + 20, y + 10], fill=40)
    p = _prepare(path)
    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(img, x=10, y=10, w=190)
    pdf.output(str(p))
    return p


def write_corrupt_pdf(path) -> Path:
    """Starts like a PDF, then garbage: no objects, no cross-reference table."""
    p = _prepare(path)
    rng = random.Random(7)
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(2000)))
    return p


def write_encrypted_pdf(path, text: str = SAMPLE_PARAGRAPH, password: str = "secret") -> Path:
    """A text PDF that needs a password to open."""
    from fpdf import FPDF

    p = _prepare(path)
    pdf = FPDF()
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.set_font("cjk", size=12)
    pdf.set_encryption(owner_password=password, user_password=password)
    pdf.add_page()
    pdf.multi_cell(0, 8, text)
    pdf.output(str(p))
    return p


# --- DOCX -----------------------------------------------------------------

def write_docx(
    path,
    paragraphs: Sequence[str] = (),
    tables: Sequence[Sequence[Sequence[object]]] = (),
    *,
    blocks: Sequence[object] | None = None,
) -> Path:
    """A .docx with `paragraphs` then `tables`, or `blocks` interleaved in order.

    A table is a list of rows, a row a list of cell texts; a cell may be
    MERGE_LEFT or MERGE_UP to merge it with its neighbour (as Word does for
    spanning headers and grouped rows).  A block is a str (paragraph) or a table.
    """
    import docx

    p = _prepare(path)
    doc = docx.Document()
    for block in blocks if blocks is not None else [*paragraphs, *tables]:
        if isinstance(block, str):
            doc.add_paragraph(block)
        else:
            _add_table(doc, block)
    doc.save(str(p))
    return p


def _add_table(doc, rows) -> None:
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=ncols)
    merges = []
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value == MERGE_LEFT:
                merges.append(((i, j - 1), (i, j)))
            elif value == MERGE_UP:
                merges.append(((i - 1, j), (i, j)))
            else:
                table.cell(i, j).text = str(getattr(value, "text", value))
    for (a, b), (c, d) in merges:
        table.cell(a, b).merge(table.cell(c, d))


def write_corrupt_docx(path) -> Path:
    """A .docx cut off half way: the zip's central directory is missing."""
    p = _prepare(path)
    write_docx(p, [SAMPLE_PARAGRAPH] * 5)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def write_docx_bad_xml(path) -> Path:
    """A well-formed zip whose word/document.xml is not XML."""
    p = _prepare(path)
    write_docx(p, [SAMPLE_PARAGRAPH])
    src = zipfile.ZipFile(io.BytesIO(p.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = b"<w:document><unclosed" if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, body)
    p.write_bytes(out.getvalue())
    return p


def write_zip_not_docx(path) -> Path:
    """A zip archive (say, an .xlsx or a folder of attachments) named .docx."""
    p = _prepare(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "not a word document")
    p.write_bytes(out.getvalue())
    return p


def write_legacy_doc(path) -> Path:
    """Starts like a Word 97-2003 .doc (an OLE compound file)."""
    p = _prepare(path)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    p.write_bytes(header + b"\x00" * (512 - len(header)) + bytes(range(256)) * 4)
    return p


def write_png(path) -> Path:
    """A real PNG image, e.g. to be saved under a report's name (a renamed file)."""
    from PIL import Image

    p = _prepare(path)
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, format="PNG")
    p.write_bytes(buf.getvalue())
    return p


def write_bytes(path, data: bytes) -> Path:
    p = _prepare(path)
    p.write_bytes(data)
    return p


# --- HTML (a saved article page) --------------------------------------------

# Site chrome as government CMS templates wrap an article in; none of it may reach the record.
SITE_CHROME_WORDS = ("网站首页", "政务公开", "当前位置", "浏览次数", "网站标识码", "粤ICP备", "分享到", "var _hmt")


def write_html(path, blocks: Sequence[object], title: str = "", *, encoding: str = "utf-8",
               meta_charset: bool = True, chrome: bool = True) -> Path:
    """An article page: `blocks` (str paragraphs, or tables as for write_docx, merges becoming
    colspan/rowspan) inside a site's chrome (menu, breadcrumb, meta line, share bar, footer,
    scripts, styles, comments), saved in `encoding` with or without a meta charset."""
    from html import escape

    p = _prepare(path)
    body = []
    for block in blocks:
        if isinstance(block, str):
            tag = "h1" if block == title else "p"
            body.append(f"<{tag}>{escape(block)}</{tag}>")
        else:
            body.append(_html_table(block))
    charset = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">' if meta_charset else ""
    head = (f"<head>{charset}<title>{escape(title)}_政务公开_某区人民政府门户网站</title>"
            "<style>.menu{color:red}</style><script>var _hmt = _hmt || [];</script></head>")
    top = ('<div class="header"><ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zw">政务公开</a></li>'
           '<li><a href="/hd">互动交流</a></li></ul></div>'
           '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 通知公告</div>'
           '<!-- 统计代码 预算 999.99 万元 -->') if chrome else ""
    meta = ('<div class="info">发布时间：2022-03-01 来源：某区财政局 浏览次数：1024 '
            '【字体：<a>大</a> <a>中</a> <a>小</a>】</div>') if chrome else ""
    bottom = ('<div class="bshare">分享到：<a>微信</a> <a>微博</a></div>'
              '<div id="footer"><p>主办单位：某区人民政府办公室</p><p>网站标识码：4401030001 粤ICP备12345678号</p></div>'
              '<script>document.write("年初预算 888.88 万元")</script>') if chrome else ""
    page = (f"<!DOCTYPE html><html>{head}<body>{top}<div class=\"article\">{meta}"
            f"<div id=\"zoom\">{''.join(body)}</div></div>{bottom}</body></html>")
    p.write_bytes(page.encode(encoding))
    return p


def _html_table(rows) -> str:
    """A table whose MERGE_LEFT / MERGE_UP cells become colspan / rowspan of the cell they join."""
    from html import escape

    n, m = len(rows), max(len(r) for r in rows)
    grid = [list(r) + [""] * (m - len(r)) for r in rows]
    out = ["<table border=\"1\">"]
    for i in range(n):
        cells = []
        for j in range(m):
            if grid[i][j] == MERGE_LEFT or grid[i][j] == MERGE_UP:
                continue
            colspan = 1
            while j + colspan < m and grid[i][j + colspan] == MERGE_LEFT:
                colspan += 1
            rowspan = 1
            while i + rowspan < n and grid[i + rowspan][j] == MERGE_UP:
                rowspan += 1
            attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cells.append(f"<td{attrs}>{escape(str(getattr(grid[i][j], 'text', grid[i][j])))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


# --- Excel ------------------------------------------------------------------

def _spans(grid) -> list[tuple[int, int, int, int, object]]:
    """(row, col, rowspan, colspan, value) of every cell that is not a merged continuation."""
    n, m = len(grid), max(len(r) for r in grid)
    g = [list(r) + [""] * (m - len(r)) for r in grid]
    out = []
    for i in range(n):
        for j in range(m):
            if g[i][j] in (MERGE_LEFT, MERGE_UP):
                continue
            colspan = 1
            while j + colspan < m and g[i][j + colspan] == MERGE_LEFT:
                colspan += 1
            rowspan = 1
            while i + rowspan < n and g[i + rowspan][j] == MERGE_UP:
                rowspan += 1
            out.append((i, j, rowspan, colspan, g[i][j]))
    return out


def _excel_format(num) -> str:
    base = "#,##0" if num.thousands else "0"
    return base + ("." + "0" * num.places if num.places else "") + ("%" if num.percent else "")


def _excel_value(num) -> float:
    return float(num.value / 100 if num.percent else num.value)


def write_xlsx(path, sheets: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> Path:
    """An .xlsx workbook: one sheet per (name, grid); merges as merged ranges, figures as numbers."""
    import openpyxl

    p = _prepare(path)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, grid in sheets:
        ws = wb.create_sheet(name)
        for i, j, rs, cs, value in _spans(grid):
            cell = ws.cell(row=i + 1, column=j + 1)
            if hasattr(value, "places"):
                cell.value = _excel_value(value)
                cell.number_format = _excel_format(value)
            else:
                cell.value = value or None
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=i + 1, start_column=j + 1, end_row=i + rs, end_column=j + cs)
    wb.save(str(p))
    return p


def write_xls(path, sheets: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> Path:
    """A legacy .xls workbook (xlwt, BIFF8), as write_xlsx."""
    import xlwt

    p = _prepare(path)
    wb = xlwt.Workbook(encoding="utf-8")
    for name, grid in sheets:
        ws = wb.add_sheet(name)
        for i, j, rs, cs, value in _spans(grid):
            style = xlwt.XFStyle()
            if hasattr(value, "places"):
                style.num_format_str = _excel_format(value)
                value = _excel_value(value)
            if rs > 1 or cs > 1:
                ws.write_merge(i, i + rs - 1, j, j + cs - 1, value, style)
            elif value != "":
                ws.write(i, j, value, style)
    wb.save(str(p))
    return p


def write_corrupt_xlsx(path) -> Path:
    """An .xlsx cut off half way: the zip's central directory is missing."""
    p = _prepare(path)
    write_xlsx(p, [("表", [["年初预算数", "100"]] * 50)])
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


# --- legacy Word (.doc), by LibreOffice ---------------------------------------

def convert_with_soffice(src, to: str, via: str | None = None) -> Path:
    """Convert `src` with LibreOffice to the format `to` ("doc", "xls") beside it; the new path.

    `via`: convert to that format first (LibreOffice drops python-docx's tables going from
    .docx straight to .doc, but keeps them by way of .odt)."""
    if via:
        src = convert_with_soffice(src, via)
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    src = Path(src)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
                        "--outdir", str(src.parent), str(src)], check=True, capture_output=True, timeout=180)
    out = src.with_suffix("." + to)
    assert out.exists(), f"LibreOffice did not write {out}"
    return out


# --- PDF with a ruled table -----------------------------------------------------

def write_pdf_table(path, grid, before: Sequence[str] = (), after: Sequence[str] = (), *,
                    font_size: float = 9, header: str | None = None) -> Path:
    """A text PDF holding `grid` as a table drawn with ruled lines (merges as colspan/rowspan),
    narrow columns so long cells wrap inside them, between the paragraphs `before` and `after`."""
    from fpdf.fonts import FontFace

    p = _prepare(path)
    pdf = _fpdf_class()(format="A4")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.body_size = font_size
    pdf.header_lines = [header] if header else []
    pdf.page_number_format = "— {n} —"
    pdf.set_font("cjk", size=font_size)
    pdf.add_page()
    for line in before:
        pdf.multi_cell(0, font_size * 0.6, line, new_x="LMARGIN", new_y="NEXT")
    spans = {(i, j): (rs, cs, v) for i, j, rs, cs, v in _spans(grid)}
    n, m = len(grid), max(len(r) for r in grid)
    with pdf.table(first_row_as_headings=False, padding=0.5, headings_style=FontFace()) as table:
        for i in range(n):
            row = table.row()
            for j in range(m):
                if (i, j) in spans:
                    rs, cs, value = spans[(i, j)]
                    row.cell(str(getattr(value, "text", value)), rowspan=rs, colspan=cs)
    for line in after:
        pdf.multi_cell(0, font_size * 0.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(p))
    return p


def write_pdf_aligned(path, lines: Sequence[object], gap_mm: float = 0.3, font_size: float = 10) -> Path:
    """A PDF whose table rows (lists of cells) are set as separate pieces of text a hair apart,
    without rules, so that the text layer runs the cells together ("1274.381342.49"); str lines
    are paragraphs."""
    p = _prepare(path)
    pdf = _fpdf_class()(format="A4")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.body_size = font_size
    pdf.set_font("cjk", size=font_size)
    pdf.add_page()
    y = 20.0
    for line in lines:
        x = pdf.l_margin
        for cell in ([line] if isinstance(line, str) else line):
            pdf.text(x, y, cell)
            x += pdf.get_string_width(cell) + gap_mm
        y += font_size * 0.6
    pdf.output(str(p))
    return p


def blocks_from_lines(lines: list[str]) -> list:
    """Report lines as write_docx blocks: runs of lines holding tabs (table rows in the original)
    become one table each, the other lines paragraphs."""
    blocks, table = [], []
    for line in lines:
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            blocks.append(table)
            table = []
        blocks.append(line)
    if table:
        blocks.append(table)
    return blocks
