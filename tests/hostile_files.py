"""Files built to break a reader: zip bombs, page floods, deep nesting, huge text, cell floods.

Each builder writes one file and returns its path; sizes are parameters so unit tests can make
small ones and end-to-end tests the real thing. Nothing here is a real report.
"""
from __future__ import annotations

import struct
import zipfile
from pathlib import Path

MB = 1024 * 1024

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  b'<Default Extension="xml" ContentType="application/xml"/>%s</Types>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _write_big(zf: zipfile.ZipFile, name: str, head: bytes, filler: bytes, size: int, tail: bytes) -> None:
    """A member of about `size` bytes, streamed (never all in memory)."""
    with zf.open(name, "w", force_zip64=True) as fh:
        fh.write(head)
        block = filler * (MB // len(filler))
        left = size - len(head) - len(tail)
        while left > 0:
            fh.write(block[:left])
            left -= len(block)
        fh.write(tail)


def zip_bomb_docx(path: Path, inflated_mb: int = 800) -> Path:
    """A small .docx whose word/document.xml inflates to `inflated_mb` MB (one huge run of spaces
    inside a paragraph: well-formed, so only the size is wrong)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES % (
            b'<Override PartName="/word/document.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'))
        zf.writestr("_rels/.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        _write_big(zf, "word/document.xml", b'<?xml version="1.0"?><w:document ' + _W + b'><w:body><w:p><w:r>'
                   b'<w:t xml:space="preserve">', b" ", inflated_mb * MB, b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def zip_bomb_xlsx(path: Path, inflated_mb: int = 800) -> Path:
    """A small .xlsx whose only sheet inflates to `inflated_mb` MB of empty formatted cells."""
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES % (
            b'<Override PartName="/xl/workbook.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'))
        zf.writestr("_rels/.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook ' + ns + b' xmlns:r="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" '
                    b'sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                    b'</Relationships>')
        _write_big(zf, "xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><worksheet ' + ns + b'><sheetData><row r="1">',
                   b'<c s="1"/>', inflated_mb * MB, b"</row></sheetData></worksheet>")
    return path


def lying_zip_docx(path: Path, real_kb: int = 4096, declared: int = 1000) -> Path:
    """A .docx whose central directory (and local header) declare word/document.xml as `declared`
    bytes while its data inflates to `real_kb` KB: a reader must not trust the directory."""
    zip_bomb_docx(path, inflated_mb=max(1, real_kb // 1024))
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    # local file header: signature, …, uncompressed size at +22; central directory entry at +24
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            name_len = struct.unpack_from("<H", data, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = pos + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == name:
                if struct.unpack_from("<I", data, pos + size_at)[0] != 0xFFFFFFFF:
                    struct.pack_into("<I", data, pos + size_at, declared)
                _patch_zip64(data, name_at + name_len, pos, sig, declared)
            pos += 4
    path.write_bytes(bytes(data))
    return path


def _patch_zip64(data: bytearray, extra_at: int, header_at: int, sig: bytes, declared: int) -> None:
    """force_zip64 puts the sizes in the zip64 extra field too: lie there as well."""
    extra_len = struct.unpack_from("<H", data, header_at + (28 if sig == b"PK\x03\x04" else 30))[0]
    end = extra_at + extra_len
    while extra_at + 4 <= end:
        tag, size = struct.unpack_from("<HH", data, extra_at)
        if tag == 1 and size >= 8:
            struct.pack_into("<Q", data, extra_at + 4, declared)  # uncompressed size comes first
        extra_at += 4 + size


def entity_docx(path: Path) -> Path:
    """A .docx whose document.xml declares entities (billion laughs, kept tiny)."""
    body = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b'<w:document ' + _W + b'><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES % b"")
        zf.writestr("word/document.xml", body)
    return path


def blank_pages_pdf(path: Path, pages: int = 5000) -> Path:
    """A PDF of `pages` blank A4 pages, every page object sharing one empty content stream."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Length 0 >>\nstream\n\nendstream"]
    kids = []
    for i in range(pages):
        kids.append(f"{4 + i} 0 R".encode())
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>")
    objs[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def huge_text(path: Path, mb: int = 100) -> Path:
    """`mb` MB of plain UTF-8 report-like text (a line repeated)."""
    line = "本年度部门整体支出预算执行情况良好，详见附表。\n".encode("utf-8")
    block = line * (MB // len(line))
    with open(path, "wb") as fh:
        written = 0
        while written < mb * MB:
            fh.write(block)
            written += len(block)
    return path


def deep_html(path: Path, depth: int = 100_000) -> Path:
    """An HTML page whose <div>s nest `depth` deep around one sentence."""
    path.write_bytes(b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>"
                     + b"<div>" * depth + "部门整体支出绩效评价报告".encode("utf-8") + b"</div>" * depth
                     + b"</body></html>")
    return path


def formatted_cells_xls(path: Path, rows: int = 1000, cols: int = 1000) -> Path:
    """A legacy .xls whose first sheet has rows × cols empty but formatted cells (MULBLANK records),
    a few bytes each on disk, a Python object each in a naive reader. Needs xlwt (a test dependency)."""
    import xlwt

    book = xlwt.Workbook()
    style = xlwt.easyxf("pattern: pattern solid, fore_colour yellow; borders: left thin")
    sheets, per_sheet_cols = [], 256  # BIFF8: at most 256 columns a sheet
    for s in range(max(1, -(-cols // per_sheet_cols))):
        sheets.append(book.add_sheet(f"S{s + 1}"))
    left = cols
    for sheet in sheets:
        width = min(per_sheet_cols, left)
        left -= width
        for r in range(rows):
            sheet.row(r).set_cell_mulblanks(0, width - 1, style)
    book.save(str(path))
    return path
