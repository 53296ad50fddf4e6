from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from newsroom.links import validate_http_url, validate_link


class SingletonModel(models.Model):
    """One row (pk 1), edited in the admin and read on every page from the cache."""

    CACHE_KEY: str
    # The page-cache key its edits end (newsroom/cache_keys.py announces it).
    PAGE_KEY: str

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The row, from the cache when possible; an unsaved default before the first edit."""
        from newsroom import pagecache

        return pagecache.remember(
            cls.CACHE_KEY,
            lambda: cls.objects.filter(pk=1).first() or cls(pk=1),
            keys=[cls.PAGE_KEY],
            seconds=3600,
        )


class SiteSettings(SingletonModel):
    """The paper's identity and the footer the newspaper law asks for (신문법 §9의2, §21).

    One row, edited in the admin, so a change needs no deploy.
    """

    CACHE_KEY = "newsroom:site-settings"
    PAGE_KEY = "site"

    name = models.CharField("명칭(신문사 이름)", max_length=60, default="시흥뉴스룸")
    title = models.CharField("제호", max_length=60, default="시흥뉴스룸")
    logo_text = models.CharField("로고 글자", max_length=30, default="시흥뉴스룸")
    tagline = models.CharField(
        "한 줄 소개", max_length=100, blank=True, default="시흥의 오늘을 전합니다"
    )
    copyright_holder = models.CharField("저작권자", max_length=60, default="시흥뉴스룸")
    registration_number = models.CharField(
        "등록번호", max_length=30, blank=True, default="경기, 아00000"
    )
    registered_on = models.DateField("등록연월일", null=True, blank=True)
    first_published_on = models.DateField("발행연월일", null=True, blank=True)
    publisher = models.CharField("발행인", max_length=30, blank=True, default="")
    editor = models.CharField("편집인", max_length=30, blank=True, default="")
    address = models.CharField("발행소(주소)", max_length=200, blank=True, default="")
    phone = models.CharField("전화번호", max_length=30, blank=True, default="")
    youth_protection_officer = models.CharField(
        "청소년보호책임자", max_length=30, blank=True, default=""
    )
    email = models.EmailField("이메일", blank=True, default="")
    grievance_officer = models.CharField(
        "고충처리인",
        max_length=30,
        blank=True,
        default="",
        help_text="언론중재법 제6조: 독자의 불편신고·고충을 맡는 사람. 불편신고 페이지에 표시됩니다.",
    )
    grievance_contact = models.CharField(
        "고충처리인 연락처",
        max_length=100,
        blank=True,
        default="",
        help_text="전화번호나 이메일",
    )

    class Meta:
        verbose_name = "사이트 설정"
        verbose_name_plural = "사이트 설정"

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        """The row with its 편집인 list, so the footer on every page costs no query."""
        from newsroom import pagecache

        def load():
            from django.contrib.postgres.expressions import ArraySubquery
            from django.db.models import OuterRef
            from django.db.models.functions import JSONObject

            # The 편집인 come as an array in the row's own query: one query, as before.
            editors = SiteEditor.objects.filter(site_id=OuterRef("pk")).order_by("order", "pk")
            rows = editors.values(json=JSONObject(name="name", responsibility="responsibility"))
            site = cls.objects.annotate(editor_rows=ArraySubquery(rows)).filter(pk=1).first()
            if site is None:
                site, site.editor_rows = cls(pk=1), []
            site.editor_list = [SiteEditor(**row) for row in site.editor_rows]
            return site

        return pagecache.remember(cls.CACHE_KEY, load, keys=[cls.PAGE_KEY], seconds=3600)


class SiteEditor(models.Model):
    """편집인 with their 책임분야: a paper may name several (the footer lists them all)."""

    site = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="editors")
    name = models.CharField("이름", max_length=30)
    responsibility = models.CharField(
        "책임분야", max_length=60, blank=True, help_text="예: 편집 총괄, 사진·영상, 시의회"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "편집인"
        verbose_name_plural = "편집인"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.responsibility})" if self.responsibility else self.name


class LegalPage(models.Model):
    """The footer's pages (개인정보처리방침, 청소년보호정책, 신문사소개 …): texts editors keep
    up to date. Every kind has a row from the migrations, so no footer link is a 404."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", "개인정보처리방침"
        YOUTH = "youth", "청소년보호정책"
        ABOUT = "about", "신문사소개"
        ADVERTISING = "advertising", "광고문의"
        GRIEVANCE = "grievance", "불편신고·고충처리"
        NO_EMAIL_HARVEST = "no-email-harvest", "이메일무단수집거부"

    kind = models.CharField("종류", max_length=20, choices=Kind.choices, unique=True)
    body = models.TextField("내용", help_text="빈 줄로 문단을 나눕니다.")
    updated_at = models.DateTimeField("최근 수정", auto_now=True)

    class Meta:
        verbose_name = "정책 페이지"
        verbose_name_plural = "정책 페이지"

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("legal_page", kwargs={"kind": self.kind})


# Placements: banners, home curation, read counts (issue 4).


class BannerSlot(models.TextChoices):
    """The fixed places the templates know; each renders as ``data-banner-slot="<key>"``."""

    HEADER = "header", "헤더 (로고 위, 가로형)"
    HEADER_SIDE = "header-side", "헤더 옆 (검색창 옆)"
    HOME_BETWEEN = "home-between", "홈 중간 (헤드라인 아래)"
    SIDEBAR_1 = "sidebar-1", "사이드바 1"
    SIDEBAR_2 = "sidebar-2", "사이드바 2"
    SIDEBAR_3 = "sidebar-3", "사이드바 3"
    ARTICLE_INLINE = "article-inline", "기사 본문 안"
    ARTICLE_BOTTOM = "article-bottom", "기사 아래"
    FOOTER = "footer", "푸터 (맨 아래)"


# How many banners a slot shows at once. When more are live, the weight decides which
# ones appear on a given page view (see newsroom/banners.py).
SLOT_CAPACITY = {
    BannerSlot.HEADER: 1,
    BannerSlot.HEADER_SIDE: 1,
    BannerSlot.HOME_BETWEEN: 1,
    BannerSlot.SIDEBAR_1: 3,
    BannerSlot.SIDEBAR_2: 3,
    BannerSlot.SIDEBAR_3: 3,
    BannerSlot.ARTICLE_INLINE: 1,
    BannerSlot.ARTICLE_BOTTOM: 2,
    BannerSlot.FOOTER: 4,
}


class BannerQuerySet(models.QuerySet):
    def live(self):
        """Banners readers may see now: switched on and inside their time window.

        Python's clock decides (``timezone.now()``), so a banner scheduled for tomorrow
        appears by itself with no cron, and tests can move time.
        """
        now = timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            is_active=True,
        )

    def scheduled(self):
        """Switched on, and their window opens later."""
        return self.filter(is_active=True, starts_at__gt=timezone.now())

    def ended(self):
        """Switched on, and their window has closed."""
        return self.filter(is_active=True, ends_at__lte=timezone.now())

    def switched_off(self):
        return self.filter(is_active=False)

    def by_slot(self) -> dict[str, list["Banner"]]:
        """One query: every banner of this queryset with its image, grouped by slot."""
        slots: dict[str, list[Banner]] = {}
        for banner in self.select_related("image").order_by("order", "pk"):
            slots.setdefault(banner.slot, []).append(banner)
        return slots


class Banner(models.Model):
    name = models.CharField(
        "배너 이름", max_length=100, help_text="편집국에서 알아보기 위한 이름입니다."
    )
    advertiser = models.CharField(
        "광고주",
        max_length=100,
        blank=True,
        db_index=True,
        help_text="광고 보고서에서 이 이름으로 묶입니다. 자체 홍보 배너는 비워 둡니다.",
    )
    slot = models.CharField("위치", max_length=20, choices=BannerSlot.choices, db_index=True)
    image = models.ForeignKey(
        "articles.Image", verbose_name="이미지", on_delete=models.PROTECT, related_name="banners"
    )
    alt_text = models.CharField(
        "대체 텍스트",
        max_length=200,
        help_text="이미지를 볼 수 없는 독자에게 읽어 줄 광고 내용. 예: 시흥갯골축제 9월 20일 개막",
    )
    url = models.CharField(
        "연결 주소",
        max_length=500,
        validators=[validate_http_url],
        help_text="http:// 또는 https:// 로 시작하는 주소. 클릭은 집계된 뒤 이 주소로 연결됩니다.",
    )
    starts_at = models.DateTimeField(
        "게시 시작", null=True, blank=True, help_text="비워 두면 바로 게시합니다."
    )
    ends_at = models.DateTimeField(
        "게시 종료", null=True, blank=True, help_text="비워 두면 계속 게시합니다."
    )
    weight = models.PositiveSmallIntegerField(
        "노출 비중",
        default=1,
        validators=[MinValueValidator(1, "노출 비중은 1 이상이어야 합니다.")],
        help_text="자리보다 배너가 많을 때, 비중 2인 배너는 1인 배너보다 두 배 자주 나옵니다.",
    )
    order = models.PositiveSmallIntegerField(
        "순서", default=0, help_text="함께 보일 때 작은 수가 먼저"
    )
    is_active = models.BooleanField("사용", default=True)
    created_at = models.DateTimeField("등록 시각", auto_now_add=True)
    updated_at = models.DateTimeField("수정 시각", auto_now=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = "배너"
        verbose_name_plural = "배너"
        ordering = ["slot", "order", "pk"]
        indexes = [models.Index(fields=["slot", "is_active"], name="banner_slot_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "게시 종료 시각은 시작 시각보다 뒤여야 합니다."})

    def get_click_url(self):
        return reverse("banner_click", kwargs={"pk": self.pk})

    @property
    def window_state(self) -> str:
        """The admin's label for this banner: the queryset methods above, for one row
        already loaded (tests/newsroom/test_banners.py checks the two agree)."""
        now = timezone.now()
        if not self.is_active:
            return "사용 안 함"
        if self.starts_at and self.starts_at > now:
            return "예약"
        if self.ends_at and self.ends_at <= now:
            return "종료"
        return "게시 중"


class BannerClick(models.Model):
    """Clicks per banner and day: a row of its own, so the desk's edits to a banner
    never race with the counter (and a day's total is one row to read)."""

    # Counting a click must not make every cached page stale (newsroom/pagecache.py).
    page_cache_neutral = True

    banner = models.ForeignKey(Banner, on_delete=models.CASCADE, related_name="clicks")
    day = models.DateField("날짜")
    count = models.PositiveIntegerField("클릭 수", default=0)

    class Meta:
        verbose_name = "배너 클릭"
        verbose_name_plural = "배너 클릭"
        constraints = [
            models.UniqueConstraint(fields=["banner", "day"], name="unique_banner_click_day")
        ]

    def __str__(self):
        return f"{self.banner_id} {self.day}: {self.count}"


class BannerImpression(models.Model):
    """Impressions per banner and hour, counted by a beacon once the banner was on screen
    (newsroom/counters.py), at most once per client, banner and hour."""

    banner = models.ForeignKey(Banner, on_delete=models.CASCADE, related_name="impressions")
    hour = models.DateTimeField("시간대", db_index=True)
    count = models.PositiveIntegerField("노출 수", default=0)

    class Meta:
        verbose_name = "배너 노출"
        verbose_name_plural = "배너 노출"
        constraints = [
            models.UniqueConstraint(fields=["banner", "hour"], name="unique_banner_impression_hour")
        ]

    def __str__(self):
        return f"{self.banner_id} {self.hour:%Y-%m-%d %H}시: {self.count}"


class CounterSalt(models.Model):
    """A random salt per hour for the clients' fingerprints in ``CounterSeen``.

    Deleted with the hour's fingerprints (prune_counters), after which nobody — not even
    someone holding SECRET_KEY and the database — can tell which address a stored
    fingerprint was, or link two hours of one reader.
    """

    hour = models.DateTimeField("시간대", unique=True)
    salt = models.CharField("솔트", max_length=64)

    class Meta:
        verbose_name = "집계 솔트"
        verbose_name_plural = "집계 솔트"

    def __str__(self):
        return f"{self.hour:%Y-%m-%d %H}시"


class CounterSeen(models.Model):
    """One row per (what was counted, client, hour) already counted: the guard that lets a
    read, an impression or a click count once per client and hour however often a script
    repeats it. Holds a salted hash, never an address."""

    fingerprint = models.CharField("지문", max_length=64, primary_key=True)
    hour = models.DateTimeField("시간대", db_index=True)

    class Meta:
        verbose_name = "집계 중복 확인"
        verbose_name_plural = "집계 중복 확인"

    def __str__(self):
        return f"{self.hour:%Y-%m-%d %H}시 {self.fingerprint[:8]}"


class ArticleRead(models.Model):
    """Reads per article and hour. A read adds to this bucket row, never to the article."""

    page_cache_neutral = True  # a read changes no page (newsroom/pagecache.py)

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="reads")
    hour = models.DateTimeField("시간대", db_index=True)
    count = models.PositiveIntegerField("읽은 수", default=0)

    class Meta:
        verbose_name = "기사 읽음"
        verbose_name_plural = "기사 읽음"
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="unique_article_read_hour")
        ]

    def __str__(self):
        return f"{self.article_id} {self.hour:%Y-%m-%d %H}시: {self.count}"


class HomeCuration(SingletonModel):
    """The desk's home page: 속보 line and how many featured stories; picks and blocks hang off it.

    One row, edited in the admin; cached like the site settings because every page
    shows the 속보 line.
    """

    CACHE_KEY = "newsroom:home-curation"
    # Every page shows its 속보 line, so the row is kept under ``site`` (its edits end
    # ``site`` and ``home``: newsroom/apps.py), never under ``home``, which every story
    # edit ends.
    PAGE_KEY = "site"

    breaking_on = models.BooleanField("속보 표시", default=False)
    breaking_text = models.CharField("속보 문구", max_length=200, blank=True)
    breaking_url = models.CharField(
        "속보 링크",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="기사 주소(/articles/123/) 또는 http(s):// 주소. 비워 두면 문구만 보입니다.",
    )
    breaking_starts_at = models.DateTimeField(
        "속보 시작",
        null=True,
        blank=True,
        help_text="비워 두면 저장하는 즉시 보입니다.",
    )
    breaking_ends_at = models.DateTimeField(
        "속보 종료",
        null=True,
        blank=True,
        help_text="이 시각이 지나면 모든 화면에서 저절로 내려갑니다.",
    )
    featured_count = models.PositiveSmallIntegerField(
        "주요 기사 수",
        default=4,
        validators=[MaxValueValidator(12, "주요 기사는 12건까지 둘 수 있습니다.")],
        help_text="고른 주요 기사가 이보다 적으면 최신 기사로 채웁니다.",
    )
    updated_at = models.DateTimeField("최근 수정", auto_now=True)

    class Meta:
        verbose_name = "홈 화면 편집"
        verbose_name_plural = "홈 화면 편집"

    def __str__(self):
        return "홈 화면"

    def get_absolute_url(self):
        return reverse("home")

    def clean(self):
        errors = {}
        if self.breaking_on and not self.breaking_text.strip():
            errors["breaking_text"] = "속보를 켜려면 속보 문구를 입력하세요."
        if self.breaking_on and self.breaking_ends_at is None:
            # A 속보 without an end stays until someone remembers it.
            errors["breaking_ends_at"] = "속보를 켜려면 내릴 시각(속보 종료)을 입력하세요."
        if (
            self.breaking_starts_at
            and self.breaking_ends_at
            and self.breaking_ends_at <= self.breaking_starts_at
        ):
            errors["breaking_ends_at"] = "속보 종료는 속보 시작보다 뒤여야 합니다."
        if errors:
            raise ValidationError(errors)

    def breaking_is_live(self, now=None) -> bool:
        """Whether readers see the 속보 line now: decided by the clock on each request, so
        it goes up and comes down on time with no cron and no purge."""
        if not (self.breaking_on and self.breaking_text.strip()):
            return False
        now = now or timezone.now()
        if self.breaking_starts_at and now < self.breaking_starts_at:
            return False
        return not (self.breaking_ends_at and now >= self.breaking_ends_at)

    @property
    def breaking_href(self) -> str:
        """The 속보 link, or "" when it is not one the form would accept (a row written
        around the form, say from the shell, must not put a script on every page)."""
        try:
            validate_link(self.breaking_url)
        except ValidationError:
            return ""
        return self.breaking_url

    @classmethod
    def next_breaking_change(cls):
        """The next moment the 속보 line goes up or comes down, so stored pages end then."""
        curation = cls.current()
        if not curation.breaking_on:
            return None
        now = timezone.now()
        moments = (curation.breaking_starts_at, curation.breaking_ends_at)
        return min((m for m in moments if m and m > now), default=None)


class HomePick(models.Model):
    """A story the desk put on the home page: the 헤드라인 or one of the 주요 기사."""

    class Kind(models.TextChoices):
        HEADLINE = "headline", "헤드라인"
        FEATURED = "featured", "주요 기사"

    curation = models.ForeignKey(HomeCuration, on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey(
        "articles.Article", verbose_name="기사", on_delete=models.CASCADE, related_name="home_picks"
    )
    kind = models.CharField("자리", max_length=20, choices=Kind.choices, default=Kind.FEATURED)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "홈 기사 배치"
        verbose_name_plural = (
            "헤드라인과 주요 기사 (발행된 기사만 보입니다. 헤드라인이 없으면 가장 최신 기사)"
        )
        ordering = ["kind", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["curation", "article"], name="unique_home_pick")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"


class HomeBlock(models.Model):
    """A section block on the home page, ending with 더보기 to the section page."""

    class Layout(models.TextChoices):
        LIST = "list", "제목 목록"
        TEASER = "teaser", "제목과 첫 문장"
        GRID = "grid", "사진 격자"

    curation = models.ForeignKey(HomeCuration, on_delete=models.CASCADE, related_name="blocks")
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="섹션",
        on_delete=models.CASCADE,
        related_name="home_blocks",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    item_count = models.PositiveSmallIntegerField(
        "기사 수",
        default=5,
        validators=[
            MinValueValidator(1, "기사 수는 1 이상이어야 합니다."),
            MaxValueValidator(20, "기사 수는 20 이하로 정하세요."),
        ],
    )
    layout = models.CharField("모양", max_length=10, choices=Layout.choices, default=Layout.LIST)

    class Meta:
        verbose_name = "섹션 블록"
        verbose_name_plural = "섹션 블록 (하나도 없으면 메뉴의 섹션을 모두 보여 줍니다)"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["curation", "section"],
                name="unique_home_block_section",
                violation_error_message="이 섹션의 블록이 이미 있습니다.",
            )
        ]

    def __str__(self):
        return f"{self.section} ({self.get_layout_display()})"


class HomeBlockPin(models.Model):
    """A story the desk pinned to a section block: first in that block, in pin order, even
    when a block higher up (or the 헤드라인, the 주요 기사) already shows it. Readers see it
    only while it is ``published()``; a story in the block's section or a sub-section."""

    curation = models.ForeignKey(HomeCuration, on_delete=models.CASCADE, related_name="pins")
    block = models.ForeignKey(
        HomeBlock, verbose_name="섹션 블록", on_delete=models.CASCADE, related_name="pins"
    )
    article = models.ForeignKey(
        "articles.Article", verbose_name="기사", on_delete=models.CASCADE, related_name="home_pins"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "블록 고정 기사"
        verbose_name_plural = (
            "섹션 블록에 고정한 기사 (블록 맨 앞에 순서대로, 위에 나온 기사라도 다시 보입니다)"
        )
        ordering = ["block", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "article"],
                name="unique_home_block_pin",
                violation_error_message="이 기사는 이미 이 블록에 고정되어 있습니다.",
            )
        ]

    def __str__(self):
        return f"{self.block.section}: {self.article}"

    def clean(self):
        """The block must be this home page's; the story must belong to the block's section
        family (a 정치 block takes 시흥시의회 stories, not 스포츠)."""
        if self.block_id is None or self.article_id is None:
            return
        if self.curation_id is not None and self.block.curation_id != self.curation_id:
            raise ValidationError({"block": "이 홈 화면의 섹션 블록을 고르세요."})
        if self.article.section_id not in self.block.section.family_ids():
            raise ValidationError(
                {
                    "article": f"‘{self.block.section}’ 섹션이나 그 하위 섹션의 기사만 "
                    "이 블록에 고정할 수 있습니다."
                }
            )


class PendingPurge(models.Model):
    """A surrogate key the front cache (Varnish) has yet to purge: written after the
    commit that changed it, deleted once Varnish confirms (newsroom/purge.py)."""

    page_cache_neutral = True

    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "대기 중인 캐시 비우기"
        verbose_name_plural = "대기 중인 캐시 비우기"

    def __str__(self):
        return self.key
