"""manage.py import_council_members FILE [--dry-run]: see council/importer.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from council import importer


class Command(BaseCommand):
    help = (
        "시의원 명단 CSV(UTF-8 또는 CP949)를 가져옵니다. 첫 줄은 이름, 정당, 선거구(필수)와 "
        "한자, 로마자, 대수, 연락처, 이메일 제목입니다. 잘못된 줄이 하나라도 있으면 아무것도 "
        "저장하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV 파일 경로")
        parser.add_argument(
            "--dry-run", action="store_true", help="저장하지 않고 바뀔 내용만 보여 줍니다."
        )

    def handle(self, *args, file, dry_run=False, **options):
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"파일을 읽을 수 없습니다: {file} ({error.strerror})") from None
        try:
            plan = importer.import_members(raw, dry_run=dry_run)
        except importer.UnreadableFile as error:
            raise CommandError(str(error)) from None
        if plan.errors:
            for message in plan.errors:
                self.stderr.write(message)
            raise CommandError(
                f"잘못된 줄이 {len(plan.errors)}개 있어 아무것도 저장하지 않았습니다. 고친 뒤 다시 실행하세요."
            )
        for change in plan.changes:
            self.stdout.write(change.describe())
        summary = f"추가 {plan.added}명, 변경 {plan.changed}명, 그대로 {plan.unchanged}명 ({plan.encoding})"
        if dry_run:
            self.stdout.write(f"미리 보기: {summary}. 저장하지 않았습니다(--dry-run).")
            return
        self.stdout.write(self.style.SUCCESS(f"저장했습니다: {summary}."))
