import pytest

from paths import SEED


@pytest.fixture(scope="session")
def seed_record():
    from perflib.pipeline import read_record

    return read_record(SEED)


# One Chromium and one set of rendered pages for every browser test module.
from browser_helpers import browser, pages  # noqa: E402,F401
