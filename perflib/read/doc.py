"""Legacy Word 97-2003 (.doc): LibreOffice converts it to .docx, the docx reader reads that.

The conversion runs headless with a private user profile per call (parallel
conversions would otherwise fight over one profile's lock) and a time limit;
the input is never modified (LibreOffice reads a copy in a private folder).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Source
from .docx import read_docx
from .document import Document

CONVERT_TIMEOUT = 120  # seconds; a .doc report converts in a few
INSTALL_HINT = "install LibreOffice (apt-get install libreoffice-writer-nogui) or save it as .docx/PDF"


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(p: Path, data: bytes, digest: str) -> Document:
    program = soffice()
    if program is None:
        raise UnreadableInput(f"{p}: cannot read .doc here: {INSTALL_HINT}.")
    docx_bytes = convert(p, data, "docx", program)
    return read_docx(p, docx_bytes, Source(str(p), "doc", None, digest))


def convert(p: Path, data: bytes, to: str, program: str | None = None) -> bytes:
    """Convert a document's bytes with LibreOffice (`to`: "docx", "xls"…); the converted bytes."""
    program = program or soffice()
    if program is None:
        raise UnreadableInput(f"{p}: cannot convert it here: {INSTALL_HINT}.")
    with tempfile.TemporaryDirectory(prefix="perflib-soffice-") as tmp:
        work = Path(tmp)
        src = work / ("in" + (p.suffix.lower() or ".doc"))
        src.write_bytes(data)
        profile = (work / "profile").as_uri()
        cmd = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", to, "--outdir", str(work / "out"), str(src)]
        env = dict(os.environ, HOME=str(work))  # nothing written to the user's home
        try:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=CONVERT_TIMEOUT, env=env, check=False, start_new_session=True)
        except subprocess.TimeoutExpired:
            raise UnreadableInput(f"{p}: LibreOffice took longer than {CONVERT_TIMEOUT} s to convert it "
                                  "(limit exceeded).") from None
        except OSError as exc:
            raise UnreadableInput(f"{p}: LibreOffice could not be started ({exc.strerror or exc}).") from None
        out = list((work / "out").glob(f"*.{to}"))
        if not out or out[0].stat().st_size == 0:
            raise UnreadableInput(f"{p}: LibreOffice could not convert it (the file may be damaged).")
        return out[0].read_bytes()
