"""CSV files an analyst writes (a manifest, corrections): Excel on a Chinese Windows saves them as
GBK, elsewhere as UTF-8 with or without a BOM."""
from __future__ import annotations

from pathlib import Path

from .errors import UnreadableInput


def decode_csv(path: Path, what: str, error: type[UnreadableInput] = UnreadableInput) -> str:
    """The file's text, UTF-8 or GB18030; else `error` naming the file and `what` it should be."""
    raw = Path(path).read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise error(f"{path}: {what} is neither UTF-8 nor GB18030 text")
