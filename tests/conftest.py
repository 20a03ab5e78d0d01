import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_8fb6ef2090065a78.txt"
SEED_EXPECTED = ROOT / "seeds" / "expected" / "000_8fb6ef2090065a78.json"


@pytest.fixture(scope="session")
def seed_record():
    from perflib.pipeline import read_record

    return read_record(SEED)
