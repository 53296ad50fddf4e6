"""Fill the strip offline for `make run`: a recorded KMA table, stamped at the last whole hour
and moved to the season of that hour (the table is an August afternoon)."""

import dataclasses
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from weather import kma
from weather.models import Observation
from weather.strip import as_of_label, invalidate

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo-observations.txt"


# Seoul's monthly mean temperature (KMA normals 1991–2020) minus August's: the recorded
# August table shifted by this reads like an afternoon of that month, not summer in December.
SEASON_OFFSETS = {
    1: -28.0,
    2: -25.4,
    3: -20.0,
    4: -13.5,
    5: -7.9,
    6: -3.4,
    7: -0.8,
    8: 0.0,
    9: -4.5,
    10: -11.1,
    11: -18.6,
    12: -25.9,
}
# Rain words that turn to snow at or below this temperature (℃).
SNOW_BELOW = 1.0
RAIN_WORDS = {"비", "소나기", "뇌우"}


def seasonal(reading: kma.Reading, month: int) -> kma.Reading:
    """The recorded August reading as it would read in ``month``."""
    if reading.temperature is None:
        return reading
    temperature = round(reading.temperature + SEASON_OFFSETS[month], 1)
    condition = reading.condition
    if condition in RAIN_WORDS and temperature <= SNOW_BELOW:
        condition = "눈"
    return dataclasses.replace(reading, temperature=temperature, condition=condition)


def last_whole_hour(now):
    """The latest HH:00 not after ``now`` (KST), the stamp KMA itself would give."""
    return now.astimezone(kma.KST).replace(minute=0, second=0, microsecond=0)


class Command(BaseCommand):
    help = (
        "데모용 기상 관측 자료(weather/fixtures/demo-observations.txt)를 지난 정시 관측으로 "
        "계절에 맞춘 데모 자료로 저장합니다(띠에 '데모' 표시). 그 시각 이후 자료가 이미 있으면 "
        "아무것도 바꾸지 않습니다."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        hour = last_whole_hour(now)
        # Real data (or an earlier run of this command) for this hour wins: running it twice,
        # or after a real fetch_weather, must not overwrite what is there.
        if Observation.objects.filter(observed_at__gte=hour).exists():
            self.stdout.write(f"{as_of_label(hour)} 이후 관측 자료가 이미 있어 건너뜁니다.")
            return
        try:
            readings = kma.parse(DEMO_FILE.read_bytes())
        except (OSError, kma.KmaError) as exc:
            raise CommandError(f"데모 기상 자료를 읽을 수 없습니다: {exc}") from None
        readings = [
            seasonal(dataclasses.replace(r, observed_at=hour), hour.month) for r in readings
        ]
        with transaction.atomic():
            stored = Observation.objects.store(readings, now=now, demo=True)
            transaction.on_commit(invalidate)
        self.stdout.write(f"데모 관측 {stored}건 저장 ({as_of_label(hour)} 기준).")
