import sys
from pathlib import Path

import pytest

# Tests live in folders that mirror the package (tests/read/, tests/run/, …: packages, so names may
# repeat across folders); the helpers they share (paths, corpus, fixtures_files, browser_helpers,
# hostile_reports) stay here, importable by name from every folder.
TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

from paths import SEED  # noqa: E402


@pytest.fixture(scope="session")
def seed_record():
    from perflib.pipeline import read_record

    return read_record(SEED)


# One Chromium and one set of rendered pages for every browser test module.
from browser_helpers import browser, pages  # noqa: E402,F401
