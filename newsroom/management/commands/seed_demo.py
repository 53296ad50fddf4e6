import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles import demo
from articles.search.backend import deferred_indexing
from comments import demo as comments_demo
from council import demo as council_demo
from newsroom import demo as placements_demo
from newsroom import pagecache
from newsroom.models import SiteSettings

DEMO_PASSWORD = "newsroom-demo"
DEMO_ACCOUNTS = [("reporter", "기자", "김민준"), ("editor", "편집자", "최유나")]


class Command(BaseCommand):
    help = "데모 콘텐츠(섹션, 기자, 사진, 기사 200여 건, 데모 계정)를 만듭니다. 여러 번 실행해도 안전합니다."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=220, help="만들 기사 수 (기본 220)")

    def handle(self, *args, articles, **options):
        if articles < 0:
            raise CommandError("--articles 는 0 이상이어야 합니다.")
        if not Group.objects.filter(name__in=["기자", "편집자"]).count() == 2:
            raise CommandError(
                "기자/편집자 그룹이 없습니다. 먼저 `manage.py migrate` 를 실행하세요."
            )
        # Stories are indexed once each, in batches, when the demo is written (not three
        # or four times each as their bylines and tags are added).
        # Every page changes: one site-wide change when the demo is written, not one per row.
        with transaction.atomic(), deferred_indexing(), pagecache.one_site_wide_change():
            users = self.seed_accounts()
            self.seed_site()
            sections = demo.seed_sections()
            self.stdout.write(f"섹션 {len(sections)}개")
            reporters = demo.seed_reporters(users)
            self.stdout.write(f"기자 {len(reporters)}명")
            images = demo.seed_images(12, self.progress("사진"))
            created = demo.seed_articles(
                articles, sections, reporters, images, self.progress("기사")
            )
            demo.seed_workflow_examples(sections, reporters, users)
            if demo.seed_gallery(sections, reporters, images):
                self.stdout.write("포토뉴스 1건")
            council_links = council_demo.seed()
            self.stdout.write(f"시의회: 의원, 연구단체, 회기, 새 기사 연결 {council_links}건")
            banners = placements_demo.seed_banners()
            self.stdout.write(f"새 배너 {banners}개")
            placements_demo.seed_home(sections)
            placements_demo.seed_related()
            placements_demo.seed_reads()
            self.stdout.write("홈 화면 편집, 관련기사, 많이 본 뉴스 준비")
            comments = comments_demo.seed()
            if comments:
                self.stdout.write(f"데모 댓글 {comments}개")
        if connection.vendor == "postgresql":
            # Fresh tables have no statistics until autovacuum gets round to them (never,
            # where it is off): the planner would guess one row everywhere.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"데모 콘텐츠 준비 완료 (새 기사 {created}건)"))
        self.stdout.write(
            f"데모 계정: reporter / {DEMO_PASSWORD} (기자), editor / {DEMO_PASSWORD} (편집자)"
        )

    def progress(self, label):
        def report(done, total):
            if self.stdout.isatty() or done == total or done % 50 == 0:
                end = "\n" if done == total else "\r" if sys.stdout.isatty() else "\n"
                self.stdout.write(f"{label} {done}/{total}", ending=end)

        return report

    def seed_accounts(self):
        User = get_user_model()
        users = {}
        for username, group_name, full_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "first_name": full_name}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
            users[username] = user
        return users

    def seed_site(self):
        site, _ = SiteSettings.objects.get_or_create(pk=1)
        if not site.publisher:
            from datetime import date

            site.name = site.title = site.logo_text = site.copyright_holder = "시흥뉴스룸"
            site.registration_number = "경기, 아59999"
            site.registered_on = date(2015, 3, 2)
            site.first_published_on = date(2015, 3, 16)
            site.publisher = site.editor = "최유나"
            site.address = "경기도 시흥시 시청로 20 (장현동) 데모빌딩 3층"
            site.phone = "031-000-0000"
            site.youth_protection_officer = "박지훈"
            site.email = "news@example.kr"
            site.save()
        if not site.grievance_officer:
            site.grievance_officer = "한서연"
            site.grievance_contact = "031-000-0001, grievance@example.kr"
            site.save(update_fields=["grievance_officer", "grievance_contact"])
        if not site.editors.exists():
            for order, (name, field) in enumerate(
                [("최유나", "편집 총괄"), ("김도윤", "시의회·행정"), ("이하린", "사진·영상")]
            ):
                site.editors.create(name=name, responsibility=field, order=order)
