"""Shared by the tests/understand modules: parse a text or a fixture file as the pipeline does."""
from pathlib import Path

from perflib.model import BLOCK_FIELDS, Source
from perflib.pipeline import read_record
from perflib.read.normalize import normalize
from perflib.understand.parse import parse_text

FIXTURES = Path(__file__).parent / "fixtures"


def parse(text: str, name: str = "t.txt", paragraphs: bool = False):
    """`paragraphs`: the lines are the document's paragraphs (a Word or web page), kept apart."""
    return parse_text(normalize([text], paragraphs=paragraphs), Source(name, "txt", "utf-8", ""))


def read_report(tmp_path: Path, text: str, name: str = "r.txt"):
    """The record of `text` written to a file and read as a batch reads it (layout recovery, chrome, forms)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_record(path)


def parse_fixture(name: str):
    return parse((FIXTURES / name).read_text(encoding="utf-8"), name)


def fields(block) -> dict:
    return {f: getattr(block, f) for f in BLOCK_FIELDS if getattr(block, f) is not None}


def unread_amounts(rec) -> set:
    return {u.amount for u in rec.unread}
