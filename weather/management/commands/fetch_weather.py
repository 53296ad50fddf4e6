"""Fetch one hour of KMA ASOS observations and store them; meant for cron at about H:10."""

from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from weather import kma
from weather.models import FUTURE_TOLERANCE, Observation, keep_since
from weather.strip import as_of_label, invalidate


def parse_at(value: str) -> datetime:
    """``--at YYYYMMDDHHMM`` (KST) -> aware datetime; CommandError for anything else."""
    try:
        if len(value) != 12 or not value.isdigit():
            raise ValueError
        return datetime.strptime(value, "%Y%m%d%H%M").replace(tzinfo=kma.KST)
    except ValueError:
        message = f"--at은 YYYYMMDDHHMM 형식의 한국 시각이어야 합니다: {value!r}"
        raise CommandError(message) from None


class Command(BaseCommand):
    help = (
        "기상청 API허브에서 ASOS 시간자료(kma_sfctm2)를 한 번 받아 저장합니다. "
        "실패하면 저장된 자료는 그대로 두고 한 줄 사유와 함께 0이 아닌 값으로 끝납니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            metavar="YYYYMMDDHHMM",
            help="받을 관측 시각(KST). 생략하면 기상청이 발표한 가장 최근 시각.",
        )

    def handle(self, *args, at=None, verbosity=1, **options):
        now = timezone.now()
        hour = parse_at(at) if at else None
        if hour is not None:
            if hour > now + FUTURE_TOLERANCE:
                raise CommandError(f"--at {at}: 아직 오지 않은 시각입니다 (future time)")
            if hour < keep_since(now):
                raise CommandError(
                    f"--at {at}: 보관 기간({settings.WEATHER_KEEP_DAYS}일)보다 오래된 시각입니다"
                )
        if not settings.KMA_API_KEY:
            raise CommandError("KMA_API_KEY가 설정되지 않았습니다 (no API key in the environment)")

        url = kma.build_url(hour, settings.KMA_API_KEY, settings.KMA_API_URL)
        try:
            raw = kma.fetch(
                url,
                timeout=settings.KMA_TIMEOUT_SECONDS,
                tries=settings.KMA_TRIES,
                total_timeout=settings.KMA_TOTAL_TIMEOUT_SECONDS,
            )
            readings = kma.parse(raw)
        except kma.KmaError as exc:
            raise CommandError(str(exc)) from None

        # One transaction: either the whole hour is stored and old rows pruned, or nothing.
        with transaction.atomic():
            stored = Observation.objects.store(readings, now=now)
            if not stored:
                # Raising inside atomic() rolls back, though nothing was written anyway.
                raise CommandError(
                    f"KMA 표 {len(readings)}행 중 저장할 우리 지점 자료가 없습니다 "
                    "(no rows for our stations, or only future/too old times)"
                )
            pruned = Observation.objects.prune(now=now)
            transaction.on_commit(invalidate)

        if verbosity < 1:
            return  # cron mails what a job prints: a successful run says nothing
        newest = max(r.observed_at for r in readings)
        self.stdout.write(
            f"관측 {stored}건 저장 ({as_of_label(newest)} 기준), 오래된 관측 {pruned}건 삭제"
        )
