from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles import trash


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise CommandError(f"--days 는 0 이상의 정수여야 합니다: {value!r}") from None
    if days < 0:
        raise CommandError(f"--days 는 0 이상의 정수여야 합니다: {days}")
    return days


class Command(BaseCommand):
    help = (
        "휴지통에 오래 있던 기사를 영구 삭제합니다(이전 판과 정정·반론 보도도 함께). "
        "기본은 TRASH_KEEP_DAYS(30)일이 지난 기사입니다. 매일 cron으로 돌리면 됩니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=_days,
            default=None,
            help="휴지통에 이 날수보다 오래 있던 기사를 지웁니다(기본: 설정 TRASH_KEEP_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="지우지 않고 지울 기사만 보여 줍니다."
        )

    def handle(self, *args, days, dry_run, **options):
        keep_days = settings.TRASH_KEEP_DAYS if days is None else days
        if dry_run:
            due = list(trash.expired(keep_days=keep_days))
            for article in due:
                self.stdout.write(self._line(article.pk, article.headline, article.deleted_at))
            self.stdout.write(
                f"휴지통에 {keep_days}일 넘게 있던 기사 {len(due)}건을 지울 수 있습니다"
                "(--dry-run: 지우지 않았습니다)."
            )
            return
        purged = trash.purge_expired(keep_days=keep_days)
        for item in purged:
            self.stdout.write(self._line(item.pk, item.headline, item.deleted_at))
        self.stdout.write(
            self.style.SUCCESS(
                f"휴지통에 {keep_days}일 넘게 있던 기사 {len(purged)}건을 영구 삭제했습니다."
            )
        )

    @staticmethod
    def _line(pk, headline, deleted_at) -> str:
        return f"  #{pk} {headline} (휴지통으로 옮긴 날 {timezone.localtime(deleted_at):%Y.%m.%d})"
