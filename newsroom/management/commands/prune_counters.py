from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from newsroom.counters import SEEN_HOURS, hour_of
from newsroom.models import ArticleRead, BannerClick, BannerImpression, CounterSalt, CounterSeen


class Command(BaseCommand):
    help = (
        "오래된 읽음·배너 노출·클릭 집계 행과 지난 시간대의 중복 확인 지문·솔트를 지웁니다 "
        "(많이 본 뉴스는 최근 7일만 씁니다). cron에서 한 시간마다 실행하세요."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--read-days", type=int, default=90, help="기사 읽음 집계를 남길 날 수 (기본 90)"
        )
        parser.add_argument(
            "--click-days",
            type=int,
            default=730,
            help="배너 클릭 집계를 남길 날 수 (기본 730: 광고주 보고용)",
        )

    def handle(self, *args, read_days, click_days, **options):
        if read_days < 8:
            raise CommandError("--read-days 는 8 이상이어야 합니다 (많이 본 뉴스 7일 집계).")
        if click_days < 1:
            raise CommandError("--click-days 는 1 이상이어야 합니다.")
        now = timezone.now()
        with transaction.atomic():
            reads = self._delete_before(ArticleRead, "hour", now - timedelta(days=read_days))
            clicks = self._delete_before(
                BannerClick, "day", (now - timedelta(days=click_days)).date()
            )
            self._delete_before(BannerImpression, "hour", now - timedelta(days=click_days))
            # Fingerprints and the salt that made them go together, after their window.
            seen_until = hour_of(now) - timedelta(hours=SEEN_HOURS - 1)
            fingerprints = self._delete_before(CounterSeen, "hour", seen_until)
            self._delete_before(CounterSalt, "hour", seen_until)
        self.stdout.write(
            f"읽음 집계 {reads}행, 배너 클릭 집계 {clicks}행, 중복 확인 지문 {fingerprints}행을 "
            "지웠습니다."
        )

    @staticmethod
    def _delete_before(model, field, moment) -> int:
        # One DELETE statement: counters have no dependants, and a per-row delete (with
        # signals) would be slow on a year of hourly rows.
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.get_field(field).column)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [moment])
            return cursor.rowcount
