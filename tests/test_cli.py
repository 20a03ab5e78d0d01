"""`perflib parse` on bad input: the contract's exit code, one plain sentence naming the file, no traceback."""
import json

import pytest

from fixtures_files import (write_bytes, write_corrupt_docx, write_corrupt_pdf, write_legacy_doc,
                            write_scanned_pdf)
from perflib.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence_about(err: str, path) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and "Traceback" not in err


@pytest.mark.parametrize("make, reason", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: write_bytes(d / "empty.txt", b""), "empty"),
    (lambda d: write_bytes(d / "garbage.txt", bytes(range(256)) * 8), ""),
    (lambda d: write_corrupt_pdf(d / "broken.pdf"), "PDF"),
    (lambda d: write_scanned_pdf(d / "scan.pdf"), "OCR"),
    (lambda d: write_corrupt_docx(d / "broken.docx"), ""),
    (lambda d: write_legacy_doc(d / "old.doc"), ""),
    (lambda d: write_bytes(d / "report.xls", b"whatever"), "not an Excel workbook"),
    (lambda d: write_bytes(d / "report.odt", b"whatever"), "unsupported"),
    (lambda d: write_bytes(d / "report.rtf", b"{\\rtf1 whatever}"), "RTF document; save it as .docx or PDF"),
    (lambda d: write_bytes(d / "report.wps", b"whatever"), "WPS Writer document; save it as .docx or PDF"),
], ids=["missing", "empty", "binary", "corrupt-pdf", "scanned-pdf", "corrupt-docx", "legacy-doc", "not-xls", "extension",
        "rtf", "wps"])
def test_unreadable_is_exit_2(tmp_path, capsys, make, reason):
    path = make(tmp_path)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and out == ""
    one_sentence_about(err, path)
    assert reason in err


def test_not_a_report_is_exit_3_with_the_record(tmp_path, capsys):
    path = tmp_path / "notice.txt"
    path.write_text("关于召开年度工作会议的通知\n请各单位于周五前报送材料。", encoding="utf-8")
    code, out, err = run(capsys, "parse", str(path))
    assert code == 3
    one_sentence_about(err, path)
    rec = json.loads(out)
    assert rec["overall"]["actual"] is None and rec["schema"] == 2


def test_a_report_is_exit_0(capsys):
    from paths import SEED

    code, out, err = run(capsys, "parse", str(SEED))
    assert code == 0 and err == ""
    assert json.loads(out)["year"] == 2021


def test_an_interrupt_inside_a_string_exec_still_exits_130(tmp_path):
    """Ctrl-C that lands while a dataclass or namedtuple is being defined (a string exec) must end
    `python -m perflib.cli` with 130 like any other, not with the process killed by SIGINT."""
    import subprocess
    import sys

    (tmp_path / "interrupted_in_exec.py").write_text(
        "import sys\n"
        "from perflib import cli\n"
        "def stopped(args):\n"
        "    exec('raise KeyboardInterrupt', {})\n"
        "cli._cmd_parse = stopped\n"
        "sys.exit(cli.main(['parse', 'whatever.txt']))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "interrupted_in_exec"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr.strip()) == (130, "perflib: interrupted")


def test_an_interrupted_run_ends_even_when_its_exit_hangs(tmp_path):
    """After Ctrl-C the process is gone within its bound, whatever it hangs on while exiting."""
    import subprocess
    import sys

    (tmp_path / "hangs_at_exit.py").write_text(
        "import atexit, sys, time\n"
        "from perflib import cli\n"
        "def stopped(args):\n"
        "    atexit.register(time.sleep, 3600)\n"
        "    raise KeyboardInterrupt\n"
        "cli._cmd_parse = stopped\n"
        "cli.INTERRUPTED_EXIT_WITHIN = 1\n"
        "sys.exit(cli.main(['parse', 'whatever.txt']))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "hangs_at_exit"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stderr.strip()) == (130, "perflib: interrupted")


@pytest.mark.parametrize("encoding", ["cp1252", "gbk"])
def test_output_is_utf8_whatever_the_locale(tmp_path, encoding):
    """On Windows a redirected stdout is in the ANSI code page: cp1252 cannot write a Chinese name
    (the batch's summary failed at its end with exit 1), cp936 wrote the JSON in GBK. The record and
    messages are UTF-8 however the stream was set up."""
    import os
    import subprocess
    import sys

    from paths import SEED

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(SEED)], capture_output=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["department"].endswith("花地街道办事处")
    bad = tmp_path / "坏.txt"
    bad.write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(bad)], capture_output=True,
                          env=env, timeout=120)
    assert done.returncode == 2 and "坏.txt" in done.stderr.decode("utf-8")


@pytest.mark.parametrize("option", [["-j", "-3"], ["-j", "0"], ["--timeout", "-5"], ["--timeout", "nan"],
                                    ["--max-memory", "-1"], ["-j", "two"]])
def test_a_number_out_of_range_is_a_usage_error(tmp_path, capsys, option):
    """-j -3 ran, --timeout -5 failed every report ("exceeded -5 s"), --timeout nan meant no limit."""
    with pytest.raises(SystemExit) as done:
        main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), *option])
    err = capsys.readouterr().err
    assert done.value.code == 2 and f"argument {option[0]}" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_file_name_with_a_line_break_is_still_one_line(tmp_path, capsys):
    """A second line of the message could pass for a message of its own ("perflib: …")."""
    path = tmp_path / "a\nperflib: fake.txt"
    try:
        path.write_bytes(b"")
    except OSError:  # (a file system that takes no line break in a name)
        pytest.skip("no line breaks in file names here")
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and err.count("\n") == 1 and "a\\nperflib: fake.txt" in err


def test_a_text_past_its_limit_says_its_size_in_bytes_when_small(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PERFLIB_MAX_TEXT_CHARS", "100")
    path = tmp_path / "r.txt"
    path.write_text("年初预算 100 万元。" * 40, encoding="utf-8")
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and "the text is 1,040 bytes, over the limit of 100 characters" in err, err
