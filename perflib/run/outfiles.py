"""Output files: safe names, and writes that are complete or absent."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")
# Names Windows keeps for devices, whatever the extension (NUL.html is no file there).
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10))}


def slug(department: str | None, year: int | None) -> str:
    """'广州市…办事处', 2021 → '2021_广州市…办事处'; never a path, never empty, a file name on every system."""
    name = unicodedata.normalize("NFKC", department or "")
    name = _UNSAFE.sub("_", name).strip("_-")[:60] or "未署名部门"
    if name.upper() in _DEVICES:
        name = f"{name}_"
    return f"{year}_{name}" if year else name


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temp file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are meant to be shared
        os.replace(tmp, path)
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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
