"""Does an evidence string trace back to the report? A sentence is quoted from the record's text;
a table cell's evidence (`表名 · 行 × 列: 单元格`) names a cell of a row line in that text."""
import re

CELL_EVIDENCE = re.compile(r"^(?P<table>.+?) · (?P<row>.*) × (?P<col>.*): (?P<cell>.+?)(?:（扫描件第 \d+ 页，OCR 识别）)?$")


def is_cell_evidence(evidence: str) -> bool:
    return CELL_EVIDENCE.match(evidence) is not None


def traceable(evidence: str, text: str) -> bool:
    if evidence in text:
        return True
    m = CELL_EVIDENCE.match(evidence)
    if not m:
        return False
    labels = [w for w in (m["row"].split()[-1:] + [m["col"].split()[-1]]) if w]
    lines = text.split("\n")
    if any(m["cell"] in line.split("\t") and any(w in line for w in labels) for line in lines):
        return True
    # a table's one row of figures with no label of its own, named by its heading: the heading is a
    # line of the text, and the cell stands in a row under a header line naming its column
    col = m["col"].split()[-1]
    return m["row"] in lines and any(m["cell"] in line.split("\t") and any(col in h for h in lines[:i])
                                     for i, line in enumerate(lines))
