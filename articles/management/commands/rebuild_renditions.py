import posixpath
import sys
import time

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from articles import images, renditions
from articles.models import Image


class Command(BaseCommand):
    help = (
        "사진 변환본(목록·본문·공유 카드 크기)을 다시 만듭니다. 기본은 없거나 낡은 것만 만들므로 "
        "중간에 멈춰도 다시 실행하면 이어서 합니다. 예전에 올라와 원본에 EXIF·GPS가 남은 사진은 "
        "깨끗하게 다시 저장합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            dest="rebuild_all",
            action="store_true",
            help="최신인 것까지 모두 다시 만듭니다.",
        )
        parser.add_argument(
            "--after-id",
            type=int,
            default=0,
            help="이 번호 다음 사진부터 합니다(--all 이 중단됐을 때 이어 하기).",
        )
        parser.add_argument("--ids", type=int, nargs="+", help="이 번호의 사진만 합니다.")

    def handle(self, *args, rebuild_all, after_id, ids, **options):
        queryset = Image.objects.exclude(file="").filter(pk__gt=after_id).order_by("pk")
        if ids:
            queryset = queryset.filter(pk__in=ids)
        # Only ids up front: the rows themselves are read one at a time, so a library of
        # thousands never sits in memory, and a row changed meanwhile is read fresh.
        todo = list(queryset.values_list("pk", flat=True))
        total = len(todo)
        if total == 0:
            self.stdout.write("다시 만들 사진이 없습니다.")
            return
        made = skipped = cleaned = 0
        failed: list[tuple[int, str]] = []
        started = time.monotonic()
        last_pk = after_id
        try:
            for done, pk in enumerate(todo, start=1):
                image = Image.objects.filter(pk=pk).first()
                if image is None or (not rebuild_all and renditions.is_current(image)):
                    skipped += 1
                else:
                    try:
                        if self._replace_dirty_master(image):
                            cleaned += 1
                        else:
                            image.refresh_renditions()
                        made += 1
                    except Exception as exc:  # one broken file must not stop the library
                        failed.append((pk, f"{type(exc).__name__}: {exc}"))
                last_pk = pk
                self._progress(done, total, started)
        except KeyboardInterrupt:
            self.stdout.write("")
            raise CommandError(
                f"중단했습니다. 사진 {last_pk}번까지 마쳤습니다. 이어 하려면: "
                f"rebuild_renditions{' --all' if rebuild_all else ''} --after-id {last_pk}"
            ) from None
        self.stdout.write(
            self.style.SUCCESS(f"새로 만듦 {made}장, 이미 최신 {skipped}장, 실패 {len(failed)}장")
        )
        if cleaned:
            self.stdout.write(f"원본에 남아 있던 EXIF·GPS 등을 지우고 다시 저장: {cleaned}장")
        for pk, reason in failed:
            self.stderr.write(f"  사진 {pk}번: {reason}")
        if failed:
            raise CommandError(f"{len(failed)}장의 변환본을 만들지 못했습니다.")

    def _replace_dirty_master(self, image) -> bool:
        """Store a clean copy of a master that still carries EXIF/GPS; True if it did.

        Masters uploaded before articles/images.py were stored as sent, location and
        all. Saving the file again goes through the same gate as an upload; the old file
        is deleted after commit and the renditions are made from the clean pixels.
        """
        storage = image.file.storage
        with storage.open(image.file.name, "rb") as stored:
            if not images.has_metadata(stored):
                return False
            image.file.save(posixpath.basename(image.file.name), File(stored), save=False)
        image.save()
        return True

    def _progress(self, done: int, total: int, started: float) -> None:
        interactive = sys.stdout.isatty() and self.stdout._out is sys.stdout
        if not interactive and done != total and done % 25:
            return
        width = 30
        filled = round(width * done / total)
        elapsed = time.monotonic() - started
        remaining = elapsed / done * (total - done)
        bar = "█" * filled + "░" * (width - filled)
        line = f"[{bar}] {done}/{total} ({done * 100 // total}%) 남은 시간 약 {remaining:.0f}초"
        ending = "\r" if interactive and done != total else "\n"
        self.stdout.write(line, ending=ending)
        self.stdout.flush()
