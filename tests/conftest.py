import pytest

from paths import SEED


@pytest.fixture(scope="session")
def seed_record():
    from perflib.pipeline import read_record

    return read_record(SEED)
