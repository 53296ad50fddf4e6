from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom import purge


class Command(BaseCommand):
    help = "앞단 캐시(Varnish)에 보내지 못한 캐시 비우기 요청을 다시 보냅니다."

    def handle(self, *args, **options):
        if not settings.VARNISH_PURGE_URL:
            self.stdout.write("VARNISH_PURGE_URL이 설정되지 않아 보낼 것이 없습니다.")
            return
        left = purge.drain()
        if left:
            raise CommandError(
                f"Varnish에 보내지 못한 키 {left}개가 남아 있습니다. 나중에 다시 실행하세요."
            )
        self.stdout.write("대기 중인 캐시 비우기를 모두 보냈습니다.")
