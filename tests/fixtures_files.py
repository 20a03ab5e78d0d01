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

# Sentinels for write_docx table cells: merge with the cell to the left / above.
MERGE_LEFT = object()
MERGE_UP = object()

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
            if value is MERGE_LEFT:
                merges.append(((i, j - 1), (i, j)))
            elif value is MERGE_UP:
                merges.append(((i - 1, j), (i, j)))
            else:
                table.cell(i, j).text = str(value)
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
