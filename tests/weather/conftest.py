"""Weather fixtures: recorded KMA bodies and a fake KMA server on 127.0.0.1."""

import pytest

from tests.weather import fake_kma as fake_kma_module
from tests.weather import recorded


@pytest.fixture
def kma_sample():
    """``kma_sample(name=ALL_STATIONS)`` -> the bytes of a recorded KMA body."""
    return recorded.sample


@pytest.fixture
def fake_kma():
    """A running fake KMA server; ``fake_kma.answer(Reply(...), ...)`` sets its replies."""
    fake, stop = fake_kma_module.serve()
    try:
        yield fake
    finally:
        stop()


@pytest.fixture
def refused_url():
    return fake_kma_module.refused_url()
