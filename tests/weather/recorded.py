"""Recorded KMA bodies in tests/weather/data/ (copies of shared/kma/samples: a fresh clone
has no shared/), and moving them to the present hour."""

from datetime import datetime
from pathlib import Path

from django.utils import timezone

from weather.kma import KST

DATA = Path(__file__).parent / "data"
ALL_STATIONS = "all-stations-202608181500.txt"
SAMPLE_TM = b"202608181500"


def sample(name: str = ALL_STATIONS) -> bytes:
    """The bytes of a recorded KMA body."""
    return (DATA / name).read_bytes()


def last_hour() -> datetime:
    """The latest whole hour in KST, as KMA would stamp its newest table."""
    return timezone.now().astimezone(KST).replace(minute=0, second=0, microsecond=0)


def stamp(raw: bytes, hour: datetime) -> bytes:
    """A recorded table moved to ``hour`` (every row's TM rewritten; samples are from August)."""
    return raw.replace(SAMPLE_TM, hour.astimezone(KST).strftime("%Y%m%d%H%M").encode())


def table_at(hour: datetime, name: str = ALL_STATIONS) -> bytes:
    return stamp(sample(name), hour)
