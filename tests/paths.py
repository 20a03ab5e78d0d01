"""Paths the tests share (tests/ is on sys.path: tests/conftest.py puts it there)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_8fb6ef2090065a78.txt"
SEED_EXPECTED = ROOT / "seeds" / "expected" / "000_8fb6ef2090065a78.json"
SAMPLES = ROOT / "data" / "samples"
