"""`perflib parse` on the new formats: a record, or exit 2 with one plain sentence."""
from __future__ import annotations

import json
import os
import shutil
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
    """A PATH with no soffice on it: the built-in reader reads the sample, with the figures
    LibreOffice's conversion gives (when it is installed here)."""
    path = SAMPLES / "2021_weijian.doc"
    env = {k: v for k, v in os.environ.items() if k != "PERFLIB_DOC_READER"}
    proc = parse(path, dict(env, PATH=str(tmp_path)))
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["source"]["format"] == "doc" and rec["overall"]["actual"] == 22586.5
    if shutil.which("soffice"):
        with_libreoffice = parse(path, dict(env, PERFLIB_DOC_READER="libreoffice"))
        assert with_libreoffice.returncode == 0, with_libreoffice.stderr
        assert json.loads(with_libreoffice.stdout) == rec
