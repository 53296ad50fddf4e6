"""Send the day's newsletter edition (docs/newsletter.md); run from cron."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsletter import mail, sending
from newsletter.models import Edition


class Command(BaseCommand):
    help = "오늘의 뉴스레터를 만들고(없으면) 구독자에게 나눠 보냅니다. 다시 실행하면 남은 주소만 보냅니다."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--dry-run", action="store_true", help="보내지 않고 보낼 내용만 봅니다")

    def handle(self, *args, **options):
        day = self._day(options["date"])
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size는 1 이상이어야 합니다.")
        if not settings.NEWSLETTER_FROM or "@" not in settings.NEWSLETTER_FROM:
            raise CommandError("NEWSLETTER_FROM(보내는 주소)이 설정되지 않았습니다.")
        if options["dry_run"]:
            return self._dry_run(day)
        edition = sending.prepare(day)
        if edition.status == Edition.Status.SENT:
            self.stdout.write(f"{day:%Y-%m-%d} 호는 이미 발송되었습니다.")
            return
        if not mail.stories(edition):
            raise CommandError(f"{day:%Y-%m-%d} 호에 실을 발행 기사가 없습니다.")

        def progress(done, total, batch):
            width = 30
            filled = width * done // total if total else width
            self.stdout.write(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} (+{batch})")

        try:
            sent = sending.send(edition, batch_size, progress)
        except OSError as exc:  # smtplib errors and refused connections
            raise CommandError(
                f"발송이 중단되었습니다({exc}). 다시 실행하면 남은 주소부터 이어서 보냅니다."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"{day:%Y-%m-%d} 호 발송 완료: 이번 실행 {sent}통"))

    def _day(self, value):
        if not value:
            return timezone.localdate()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date는 YYYY-MM-DD 형식이어야 합니다: {value!r}") from None

    def _dry_run(self, day):
        edition = Edition.objects.filter(date=day).first()
        if edition and edition.picks.exists():
            articles = mail.stories(edition)
        else:
            articles = mail.top_stories(sending.last_sent_at(day))
        self.stdout.write(f"{day:%Y-%m-%d} 호 (발송하지 않음): 기사 {len(articles)}건")
        for article in articles:
            self.stdout.write(f"  - {article.headline}")
        pending = sending.pending(edition) if edition else None
        if pending is None:
            from newsletter.models import Subscriber

            pending = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).count()
        self.stdout.write(f"받을 주소: {pending}곳")
