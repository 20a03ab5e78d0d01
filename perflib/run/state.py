"""`OUTDIR/.perflib-state.jsonl`: which page was made from which inputs, as a journal.

One JSON object per line: a header (`{"schema": 2, "perflib": …}`), then what happened, in order —
`{"page": KEY, "source": …, "output": …, "department": …, "year": …}` for a page rendered or kept,
`{"portfolio": NAME, "key": KEY}` for a portfolio page, `{"tables": KEY}` for the dataset files.
Reading replays the lines; a torn last line (a batch killed while writing it) is skipped.

A batch appends one short line per page it renders, so ten thousand pages cost ten thousand lines
rather than ten thousand rewrites of the whole state; it rewrites the journal compactly (temp file +
rename) when it starts and when it ends.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from .outfiles import write_atomic

STATE_FILE = ".perflib-state.jsonl"
SCHEMA = 2


def empty() -> dict:
    return {"schema": SCHEMA, "perflib": __version__, "pages": {}, "portfolios": {}, "tables": None}


def load(outdir: Path) -> dict:
    """The state as the last batch left it; empty when there is none or it is unreadable."""
    state = empty()
    try:
        with open(Path(outdir) / STATE_FILE, encoding="utf-8") as fh:
            lines = iter(fh)
            head = json.loads(next(lines))
            if not isinstance(head, dict) or head.get("schema") != SCHEMA:
                return state
            for line in lines:
                try:
                    _apply(state, json.loads(line))
                except (ValueError, TypeError, KeyError, AttributeError):
                    continue  # a torn or foreign line: that page is simply rendered again
    except (OSError, ValueError, StopIteration):
        pass
    return state


def _apply(state: dict, event: dict) -> None:
    if "page" in event:
        key = event["page"]
        state["pages"][key] = {k: v for k, v in event.items() if k != "page"}
    elif "portfolio" in event:
        state["portfolios"][event["portfolio"]] = event["key"]
    elif "tables" in event:
        state["tables"] = event["tables"]


def _lines(state: dict):
    yield {"schema": SCHEMA, "perflib": __version__}
    for key, page in sorted(state["pages"].items()):
        yield {"page": key, **page}
    for name, key in sorted(state["portfolios"].items()):
        yield {"portfolio": name, "key": key}
    if state.get("tables"):
        yield {"tables": state["tables"]}


class Journal:
    """The state of a running batch: rewritten whole now, then appended to line by line."""

    def __init__(self, outdir: Path, state: dict):
        self.path = Path(outdir) / STATE_FILE
        self.state = state
        self._fh = None
        self.rewrite()

    def rewrite(self) -> None:
        if self._fh is not None:
            self._fh.close()
        text = "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in _lines(self.state))
        write_atomic(self.path, text)
        self._fh = open(self.path, "a", encoding="utf-8")

    def _append(self, event: dict) -> None:
        _apply(self.state, event)
        self._fh.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
        self._fh.flush()

    def page(self, key: str, info: dict) -> None:
        self._append({"page": key, **info})

    def portfolio(self, name: str, key: str) -> None:
        self._append({"portfolio": name, "key": key})

    def tables(self, key: str) -> None:
        self._append({"tables": key})

    def close(self) -> None:
        """Compact: one line per page still current."""
        self.rewrite()
        self._fh.close()
        self._fh = None
