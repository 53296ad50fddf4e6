from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, restore, site_counts


class Command(BaseCommand):
    help = (
        "backup_site 로 만든 IN_DIR 의 백업을 설정된 데이터베이스와 MEDIA_ROOT 에 "
        "되살립니다. 비어 있지 않은 데이터베이스는 --force 없이는 건드리지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("in_dir", type=Path, help="backup_site 가 쓴 디렉터리")
        parser.add_argument(
            "--force",
            action="store_true",
            help="비어 있지 않은 데이터베이스와 MEDIA_ROOT 의 내용을 백업으로 바꿉니다.",
        )

    def handle(self, *args, in_dir, force, **options):
        try:
            manifest = restore(in_dir, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        expected, found = manifest["counts"], site_counts()
        if found != expected:
            raise CommandError(f"되살린 뒤의 개수가 백업과 다릅니다: 백업 {expected}, 지금 {found}")
        self.stdout.write(
            self.style.SUCCESS(
                f"복원 완료: {manifest['created_at']} 의 백업 (기사 {found['articles']}건, "
                f"판 {found['revisions']}개, 사진 {found['images']}장, 배너 {found['banners']}개)"
            )
        )
