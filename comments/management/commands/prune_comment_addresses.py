from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from comments import confirmation
from comments.addresses import KEEP_DAYS
from comments.models import Comment, CommentReport, CommentSalt


class Command(BaseCommand):
    help = (
        f"{KEEP_DAYS}일이 지난 댓글의 주소 해시와 그 해시를 만든 날별 솔트, 신고 기록을 지웁니다 "
        "(개인정보처리방침). cron에서 하루 한 번 실행하세요."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=KEEP_DAYS, help=f"남길 날 수 (기본 {KEEP_DAYS})"
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days 는 1 이상이어야 합니다.")
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            # .update(): the hashes are not on any page, so nothing needs purging.
            blanked = (
                Comment.objects.filter(created_at__lt=cutoff)
                .exclude(address_hash="", email_hash="")
                .update(address_hash="", email_hash="")
            )
            # Never confirmed within the link's life: nobody can publish them any more.
            stale, _ = Comment.objects.filter(
                status=Comment.Status.UNCONFIRMED,
                created_at__lt=timezone.now() - timedelta(seconds=confirmation.MAX_AGE),
            ).delete()
            reports, _ = CommentReport.objects.filter(created_at__lt=cutoff).delete()
            salts, _ = CommentSalt.objects.filter(day__lt=cutoff.date()).delete()
        self.stdout.write(
            f"주소 해시 {blanked}개, 신고 기록 {reports}개, 솔트 {salts}개, "
            f"확인되지 않은 댓글 {stale}개를 지웠습니다."
        )
