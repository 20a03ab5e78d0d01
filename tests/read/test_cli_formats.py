"""`perflib parse` on the new formats: a record, or exit 2 with one plain sentence."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures_files import write_bytes, write_corrupt_xlsx, write_legacy_doc

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


def parse(path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(path)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT)


def exit_2_sentence(proc, path) -> str:
    assert proc.returncode == 2 and proc.stdout == ""
    err = proc.stderr.strip()
    assert str(path) in err and "\n" not in err and "Traceback" not in err and err.endswith(".")
    return err


@pytest.mark.parametrize("name, fmt", [("2022_nongye.xlsx", "xlsx"), ("2023_nongye.xls", "xls"),
                                       ("2023_wenguang.html", "html")])
def test_samples_parse(name, fmt):
    proc = parse(SAMPLES / name)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["schema"] == 2 and rec["source"]["format"] == fmt and rec["source"]["ocr"] == []
    assert rec["overall"]["actual"] is not None and rec["department"] == {
        "2022_nongye.xlsx": "示例市青川区农业农村局", "2023_nongye.xls": "示例市青川区农业农村局",
        "2023_wenguang.html": "示例市青川区文化广电旅游体育局"}[name]


def test_damaged_xlsx(tmp_path):
    path = write_corrupt_xlsx(tmp_path / "t.xlsx")
    assert "damaged" in exit_2_sentence(parse(path), path)


def test_html_that_is_not_html(tmp_path):
    path = write_bytes(tmp_path / "a.html", "年初预算 100 万元，全年执行数 90 万元。".encode())
    assert "not an HTML page" in exit_2_sentence(parse(path), path)


def test_damaged_doc(tmp_path):
    path = write_legacy_doc(tmp_path / "r.doc")
    assert "damaged" in exit_2_sentence(parse(path), path)


def test_doc_without_libreoffice(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # a PATH with no soffice on it
    path = SAMPLES / "2021_weijian.doc"
    err = exit_2_sentence(parse(path, env), path)
    assert err == (f"perflib: {path}: cannot read .doc here: install LibreOffice (apt-get install "
                   "libreoffice-writer-nogui) or save it as .docx/PDF.")
