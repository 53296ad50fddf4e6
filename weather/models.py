"""Weather stations and their hourly observations, as stored from KMA readings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone

from weather.kma import Reading

# KMA stamps rows on the hour; a row later than this past "now" is a clock or data fault and
# would pin the strip to a time that has not come yet, so it is not stored.
FUTURE_TOLERANCE = timedelta(minutes=10)


class Station(models.Model):
    """An ASOS station shown on the strip, matched to KMA rows by number only."""

    number = models.PositiveIntegerField(
        "지점 번호", unique=True, help_text="기상청 ASOS 지점 번호 (예: 108 서울)"
    )
    name = models.CharField("표시 이름", max_length=20)
    order = models.PositiveSmallIntegerField("순서", default=0, help_text="작을수록 앞에 표시")
    active = models.BooleanField("표시", default=True, help_text="끄면 날씨 띠에서 숨깁니다")

    class Meta:
        ordering = ["order", "number"]
        verbose_name = "관측 지점"
        verbose_name_plural = "관측 지점"

    def __str__(self):
        return f"{self.name} ({self.number})"


class ObservationQuerySet(models.QuerySet):
    def store(
        self, readings: Iterable[Reading], *, now: datetime | None = None, demo: bool = False
    ) -> int:
        """Upsert the readings of our stations; returns how many rows were written.

        ``demo`` marks rows from ``load_demo_weather``. A real store replaces the demo wholly:
        every demo row up to its newest hour goes, so a station absent from the real table
        cannot keep a made-up reading for that hour (or fall back to an earlier demo one).

        Unknown station numbers are ignored; duplicate (station, time) rows are stored once
        (the last wins: Postgres refuses to upsert one row twice in a statement); rows in the
        future or older than ``WEATHER_KEEP_DAYS`` are skipped. Running it again with the
        same readings changes nothing.
        """
        now = now or timezone.now()
        oldest, newest = keep_since(now), now + FUTURE_TOLERANCE
        station_ids = dict(Station.objects.values_list("number", "pk"))
        rows = {}
        for reading in readings:
            station_id = station_ids.get(reading.station)
            if station_id is None or not oldest <= reading.observed_at <= newest:
                continue
            rows[station_id, reading.observed_at] = Observation.from_reading(
                station_id, reading, demo=demo
            )
        if not rows:
            return 0
        if not demo:
            newest_hour = max(observed_at for _, observed_at in rows)
            self.filter(demo=True, observed_at__lte=newest_hour).delete()
        self.bulk_create(
            rows.values(),
            update_conflicts=True,
            unique_fields=["station", "observed_at"],
            update_fields=[*Observation.READING_FIELDS, "demo", "stored_at"],
        )
        return len(rows)

    def prune(self, *, now: datetime | None = None) -> int:
        """Delete observations older than ``WEATHER_KEEP_DAYS``; returns how many went."""
        deleted, _ = self.filter(observed_at__lt=keep_since(now or timezone.now())).delete()
        return deleted

    def for_strip(self, *, since: datetime, until: datetime):
        """Each active station's best observation in [since, until], in one query.

        Best = the newest complete one (a temperature and a condition word); a station whose
        newest row lacks either (missing or malformed at KMA) keeps its previous complete
        reading instead of showing a gap, and only falls back to an incomplete row when nothing
        better is in the window (the strip then leaves the station out).
        """
        complete = ExpressionWrapper(
            Q(temperature__isnull=False) & ~Q(condition=""), output_field=models.BooleanField()
        )
        return (
            self.filter(station__active=True, observed_at__gte=since, observed_at__lte=until)
            .select_related("station")
            .alias(complete=complete)
            .order_by("station_id", "-complete", "-observed_at")
            .distinct("station_id")
        )


def keep_since(now: datetime) -> datetime:
    return now - timedelta(days=settings.WEATHER_KEEP_DAYS)


class Observation(models.Model):
    """One station's hourly reading; missing values are NULL, never KMA's -99/-9 markers."""

    READING_FIELDS = (
        "temperature",
        "humidity",
        "wind_direction",
        "wind_speed",
        "precipitation",
        "cloud_total",
        "wc",
        "ww",
        "condition",
    )

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="observations", verbose_name="관측 지점"
    )
    observed_at = models.DateTimeField("관측 시각")
    temperature = models.FloatField("기온(℃)", null=True, blank=True)
    humidity = models.FloatField("습도(%)", null=True, blank=True)
    wind_direction = models.PositiveSmallIntegerField("풍향(°)", null=True, blank=True)
    wind_speed = models.FloatField("풍속(m/s)", null=True, blank=True)
    precipitation = models.FloatField("강수량(mm)", null=True, blank=True)
    cloud_total = models.PositiveSmallIntegerField("전운량(1/10)", null=True, blank=True)
    wc = models.PositiveSmallIntegerField("현재일기(WMO)", null=True, blank=True)
    ww = models.CharField("국내식 일기코드", max_length=40, blank=True)
    condition = models.CharField("날씨", max_length=10, blank=True)
    demo = models.BooleanField(
        "데모", default=False, help_text="load_demo_weather가 넣은 예시 자료 (실제 관측 아님)"
    )
    stored_at = models.DateTimeField("저장 시각", auto_now=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_at", "station__order"]
        verbose_name = "관측 자료"
        verbose_name_plural = "관측 자료"
        constraints = [
            models.UniqueConstraint(
                fields=["station", "observed_at"], name="weather_observation_unique_station_time"
            )
        ]

    def __str__(self):
        return f"{self.station.name} {timezone.localtime(self.observed_at):%Y-%m-%d %H:%M}"

    @classmethod
    def from_reading(cls, station_id: int, reading: Reading, *, demo: bool = False) -> Observation:
        return cls(
            station_id=station_id,
            demo=demo,
            observed_at=reading.observed_at,
            temperature=reading.temperature,
            humidity=reading.humidity,
            wind_direction=reading.wind_direction_deg,
            wind_speed=reading.wind_speed,
            precipitation=reading.precipitation,
            cloud_total=reading.cloud_total,
            wc=reading.wc,
            ww="".join(reading.ww),
            condition=reading.condition,
        )
