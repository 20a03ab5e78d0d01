"""Legacy Word 97-2003 (.doc): LibreOffice when it is installed, else perflib's own reader.

With LibreOffice (``soffice`` on PATH) the file is converted to .docx and the docx reader
reads that: the conversion runs headless with a private user profile per call (parallel
conversions would otherwise fight over one profile's lock) and a time limit; the input is
never modified (LibreOffice reads a copy in a private folder). Without it, ``word97.py``
reads the binary format itself (text, paragraphs, tables with merged cells expanded), so a
machine with Python only reads .doc too. Both give the same blocks for the files the tests
write. ``PERFLIB_DOC_READER`` chooses: ``auto`` (the default: LibreOffice when installed),
``builtin`` or ``libreoffice``. A password-protected file is refused before either runs.
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
from .word97 import check_word97, read_word97

CONVERT_TIMEOUT = 120  # seconds; a .doc report converts in a few
INSTALL_HINT = "install LibreOffice (apt-get install libreoffice-writer-nogui) or save it as .docx/PDF"
READERS = ("auto", "builtin", "libreoffice")  # the values of PERFLIB_DOC_READER


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_reader() -> str:
    """$PERFLIB_DOC_READER: "auto" (LibreOffice when installed, else built in), "builtin" or
    "libreoffice"; anything else counts as "auto"."""
    value = os.environ.get("PERFLIB_DOC_READER", "auto").strip().lower()
    return value if value in READERS else "auto"


def read_doc(p: Path, data: bytes, digest: str) -> Document:
    source = Source(str(p), "doc", None, digest)
    check_word97(p, data)  # password-protected or older than Word 97: one clear sentence, either way
    choice = doc_reader()
    program = soffice() if choice != "builtin" else None
    if program is None and choice == "libreoffice":
        raise UnreadableInput(f"{p}: cannot read .doc with LibreOffice here (PERFLIB_DOC_READER=libreoffice): "
                              f"{INSTALL_HINT}.")
    if program is None:
        return read_word97(p, data, source)
    return read_docx(p, convert(p, data, "docx", program), source)


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
