"""Stage 1: a file on disk → its text, page by page, and where it came from."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import UnreadableInput
from .model import Source


@dataclass
class Document:
    source: Source
    pages: list[str]  # a .txt or .docx is one page


def read_document(path: str | Path) -> Document:
    """Read a report file; raise UnreadableInput with a one-sentence reason."""
    p = Path(path)
    if not p.exists():
        raise UnreadableInput(f"{p}: no such file")
    if p.is_dir():
        raise UnreadableInput(f"{p}: is a folder, not a report file")
    data = p.read_bytes()
    if not data.strip():
        raise UnreadableInput(f"{p}: the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix == ".txt":
        text, encoding = _decode_text(p, data)
        return Document(Source(str(p), "txt", encoding, digest), [text])
    raise UnreadableInput(f"{p}: unsupported file type '{suffix or '(none)'}' (expected .txt, .pdf or .docx)")


def _decode_text(p: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        raise UnreadableInput(f"{p}: the text is not valid UTF-8") from None
