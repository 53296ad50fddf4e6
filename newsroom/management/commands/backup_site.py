from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "데이터베이스(pg_dump)와 업로드 파일(MEDIA_ROOT)을 OUT_DIR 에 백업합니다. "
        "되살리기는 restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument("out_dir", type=Path, help="백업을 쓸 (빈) 디렉터리")

    def handle(self, *args, out_dir, **options):
        try:
            manifest = backup(out_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"백업 완료: {out_dir} (기사 {counts['articles']}건, 판 {counts['revisions']}개, "
                f"사진 {counts['images']}장, 배너 {counts['banners']}개)"
            )
        )
