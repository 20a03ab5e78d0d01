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
    return any(m["cell"] in line.split("\t") and any(w in line for w in labels)
               for line in text.split("\n"))
