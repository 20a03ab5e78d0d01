"""Output files: safe names, and writes that are complete or absent."""
from __future__ import annotations

import os
import re
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from ..errors import UnwritableOutput

_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")
# Names Windows keeps for devices, whatever the extension (NUL.html is no file there).
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10))}


def slug(department: str | None, year: int | None) -> str:
    """'广州市…办事处', 2021 → '2021_广州市…办事处'; never a path, never empty, a file name on every system."""
    name = unicodedata.normalize("NFKC", department or "")
    name = _UNSAFE.sub("_", name).strip("_-")[:60] or "未署名部门"
    if name.upper() in WINDOWS_DEVICES:
        name = f"{name}_"
    return f"{year}_{name}" if year else name


def usable_outdir(outdir: str | Path) -> Path:
    """The output folder, made if need be; one sentence (exit 2) when it is a file or cannot be made."""
    path = Path(outdir)
    if not storable(str(path.resolve())):  # (its path goes into the state, the store, the pages)
        raise UnwritableOutput(f"{shown_path(str(outdir))}: the output folder's path is not UTF-8 (GBK bytes?): "
                               "choose or rename a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UnwritableOutput(f"{outdir}: not a folder (a file of that name is in the way)") from None
    except OSError as exc:  # NotADirectoryError (a file on the way), PermissionError, a full disk …
        raise UnwritableOutput(f"{outdir}: the output folder cannot be made ({exc.strerror or exc})") from None
    try:  # a folder that is there but takes no file (read-only mount, no permission): said before any work
        fd, probe = tempfile.mkstemp(dir=path, prefix=".perflib-", suffix=".probe")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UnwritableOutput(f"{outdir}: no file can be written in the output folder "
                               f"({exc.strerror or exc})") from None
    return path


def storable(path: str) -> bool:
    """A path that UTF-8 can write: a file or folder name in another encoding (GBK bytes, from an
    archive unzipped on Linux) comes back from the system with lone surrogates (PEP 383)."""
    try:
        path.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def shown_path(path: str) -> str:
    """Such a path as a reader would see it: its bytes read as GB18030 where they are that, else with
    the characters it cannot show replaced."""
    raw = os.fsencode(path)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temp file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are meant to be shared
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@contextmanager
def atomic_file(path: Path, mode: str = "w"):
    """A file handle written in pieces, appearing under `path` only when complete (as write_atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
        os.chmod(tmp, 0o644)
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


REPLACE_WAITS = (0.1, 0.3, 1.0)  # seconds between tries at replacing a file another program holds


def _replace(tmp: str, path: Path) -> None:
    """os.replace, a few times: Windows refuses to replace a file another program has open (Excel
    holds review.xlsx while the analyst fills it in; a virus scanner, a moment). Then one sentence."""
    for wait in (*REPLACE_WAITS, None):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if wait is None:
                raise UnwritableOutput(f"{path}: cannot be replaced: it is open in another program "
                                       "(close it in Excel, say) or read-only; run again once it is closed") from None
            time.sleep(wait)
