"""perflib.run.outfiles: an output that cannot be replaced says so in one sentence, and leaves no temp file."""
import os

import pytest

from perflib.cli import main
from perflib.errors import UnwritableOutput
from perflib.run import outfiles


def test_a_file_held_open_elsewhere_is_tried_again_then_named(tmp_path, monkeypatch):
    """Windows refuses to replace a file Excel has open (review.xlsx while it is filled in): perflib
    tries again a few times, then says which file and what to do, instead of a PermissionError."""
    target = tmp_path / "review.xlsx"
    target.write_bytes(b"the analyst's sheet")
    tries = []

    def held(src, dst):
        tries.append(dst)
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(outfiles, "REPLACE_WAITS", (0, 0))
    monkeypatch.setattr(outfiles.os, "replace", held)
    for write in (lambda: outfiles.write_atomic(target, b"new"), lambda: _in_pieces(target)):
        with pytest.raises(UnwritableOutput, match="review.xlsx: cannot be replaced: it is open in another program"):
            write()
    assert len(tries) == 6 and target.read_bytes() == b"the analyst's sheet"
    assert os.listdir(tmp_path) == ["review.xlsx"]  # no temp file left behind


def test_a_file_let_go_meanwhile_is_replaced(tmp_path, monkeypatch):
    target = tmp_path / "reports.csv"
    real, calls = os.replace, []

    def held_once(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise PermissionError(13, "in use")
        real(src, dst)

    monkeypatch.setattr(outfiles, "REPLACE_WAITS", (0, 0))
    monkeypatch.setattr(outfiles.os, "replace", held_once)
    outfiles.write_atomic(target, "a,b\n")
    assert target.read_text(encoding="utf-8") == "a,b\n" and len(calls) == 2


def _in_pieces(target):
    with outfiles.atomic_file(target, "wb") as fh:
        fh.write(b"new")


@pytest.mark.parametrize("command", ["render", "batch"])
def test_an_output_folder_that_is_a_file_is_one_sentence(tmp_path, capsys, command):
    from paths import SEED

    in_the_way = tmp_path / "outputs"
    in_the_way.write_text("a file", encoding="utf-8")
    if command == "batch":
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "seed.txt").write_bytes(SEED.read_bytes())
    source = str(SEED) if command == "render" else str(tmp_path / "in")
    for outdir in (in_the_way, in_the_way / "sub"):
        code = main([command, source, "-o", str(outdir)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and f"{outdir}: " in err and "Error" not in err, err


@pytest.mark.parametrize("command", ["render", "batch"])
def test_an_output_folder_that_takes_no_file_is_one_sentence(tmp_path, capsys, monkeypatch, command):
    """A read-only mount (root ignores permissions, so the refusal is played): exit 2 naming the output folder,
    before any work, not an internal error naming the input or a temp file."""
    from paths import SEED

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(outfiles.tempfile, "mkstemp", read_only)
    outdir = tmp_path / "outputs"
    outdir.mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(SEED.read_bytes())
    source = str(SEED) if command == "render" else str(tmp_path / "in")
    code = main([command, source, "-o", str(outdir)])
    err = capsys.readouterr().err
    assert (code, err) == (2, f"perflib: {outdir}: no file can be written in the output folder (Read-only file system)\n")
    assert os.listdir(outdir) == []


def test_an_output_folder_whose_path_is_not_utf8_is_one_sentence(tmp_path):
    """Its path goes into the state, the store and the pages: it failed deep in pyarrow (internal error)."""
    folder = os.path.join(os.fsencode(tmp_path), "荔湾".encode("gbk"))
    try:
        os.mkdir(folder)
    except OSError:  # a file system that takes UTF-8 names only
        pytest.skip("this file system refuses names that are not UTF-8")
    with pytest.raises(UnwritableOutput, match="荔湾/out: the output folder's path is not UTF-8"):
        outfiles.usable_outdir(os.path.join(os.fsdecode(folder), "out"))
