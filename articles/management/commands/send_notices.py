from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError

from articles import notices
from articles.models import Notice


class Command(BaseCommand):
    help = (
        "보내지 못한 편집국 알림 메일을 다시 보냅니다(실패할수록 더 오래 기다렸다가, "
        "NOTICE_MAX_ATTEMPTS번까지). 몇 분마다 cron으로 돌리면 됩니다."
    )

    def handle(self, *args, **options):
        if settings.NOTICE_MAX_ATTEMPTS < 1:
            raise CommandError("NOTICE_MAX_ATTEMPTS 는 1 이상이어야 합니다.")
        ready = notices.due()
        if ready:
            self._send(ready)
        else:
            self.stdout.write("보낼 알림이 없습니다.")
        dropped = notices.given_up().count()
        if dropped:
            self.stderr.write(
                f"{settings.NOTICE_MAX_ATTEMPTS}번 시도해도 보내지 못한 알림 {dropped}건은 "
                "더 보내지 않습니다(관리 화면의 알림 메일에서 오류를 보세요)."
            )

    def _send(self, ready: list[int]) -> None:
        # The mail server is tried before any row is touched: a wrong setting is the
        # operator's to fix, and costs no notice a try.
        try:
            connection = get_connection(fail_silently=False)
            connection.open()
        except Exception as error:
            raise CommandError(
                f"메일을 보낼 수 없습니다({type(error).__name__}: {error}). "
                f"EMAIL_HOST={settings.EMAIL_HOST or '(없음)'}, EMAIL_PORT={settings.EMAIL_PORT} "
                f"등 메일 설정을 확인하세요. 알림 {len(ready)}건은 그대로 남아 있습니다."
            ) from None
        try:
            sent, failed = notices.send(Notice.objects.filter(pk__in=ready), connection)
        except Exception as error:
            raise CommandError(
                f"메일 서버와의 연결이 끊겼습니다({type(error).__name__}: {error}). "
                "다음 실행 때 다시 보냅니다."
            ) from None
        self.stdout.write(f"알림 {sent}건을 보냈습니다.")
        if failed:
            self.stderr.write(f"알림 {failed}건은 보내지 못했습니다. 다음 실행 때 다시 보냅니다.")
