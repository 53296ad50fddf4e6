"""The council desk (issue 12): 시흥시의회 members, committees, research groups and
sessions, and the stories that link them.

Links live here, not on ``Article``: the council is its own domain that points at
stories (``CouncilMember.articles`` through ``MemberArticle``, and so on). Readers see a
linked story only through ``Article.objects.published()``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Image, _as_prefetched, _from_json, _json_columns

COUNCIL_NAME = "시흥시의회"
INDEPENDENT = "무소속"

# `시흥시 가선거구`: the city, then one Hangul letter and 선거구; or 비례대표.
DISTRICT_PATTERN = re.compile(r"^(?P<city>[가-힣]+[시군구]) (?P<letter>[가-힣])선거구$")
PROPORTIONAL = "비례대표"


def known_parties() -> tuple[str, ...]:
    """The parties a member may belong to (``COUNCIL_PARTIES``), and 무소속 always."""
    parties = tuple(settings.COUNCIL_PARTIES)
    return parties if INDEPENDENT in parties else (*parties, INDEPENDENT)


def validate_party(value: str) -> None:
    if value not in known_parties():
        raise ValidationError(
            f"‘{value}’은(는) 등록된 정당이 아닙니다. 가능한 정당: {', '.join(known_parties())}"
        )


def normalize_district(value: str) -> str:
    return " ".join((value or "").split())


def validate_district(value: str) -> None:
    if value == PROPORTIONAL or DISTRICT_PATTERN.match(value or ""):
        return
    raise ValidationError(
        f"선거구 ‘{value}’을(를) 읽을 수 없습니다. ‘시흥시 가선거구’처럼 시·군·구 이름, 한 칸, "
        "가·나·다… 한 글자와 ‘선거구’로 쓰거나 ‘비례대표’로 쓰세요."
    )


def district_sort_key(district: str) -> tuple:
    match = DISTRICT_PATTERN.match(district)
    if match:
        return (0, match["city"], match["letter"])
    return (1, district, "")


def terms_label(terms) -> str:
    return "·".join(f"제{term}대" for term in sorted(terms or []))


def _stories_through(links: models.QuerySet) -> models.QuerySet:
    """The readable stories among those ``links`` point at (visibility: published())."""
    return Article.objects.published().filter(pk__in=links.values("article_id"))


def council_stories() -> models.QuerySet:
    """Readable stories linked to anything of the council: the landing page's list."""
    return Article.objects.published().filter(
        Q(pk__in=MemberArticle.objects.values("article_id"))
        | Q(pk__in=SessionArticle.objects.values("article_id"))
        | Q(pk__in=GroupArticle.objects.values("article_id"))
        | Q(pk__in=CommitteeArticle.objects.values("article_id"))
    )


class Committee(models.Model):
    class Kind(models.TextChoices):
        STANDING = "standing", "상임위원회"
        SPECIAL = "special", "특별위원회"

    name = models.CharField("이름", max_length=60, unique=True, error_messages={"unique": "같은 이름의 위원회가 이미 있습니다."})  # fmt: skip
    kind = models.CharField("종류", max_length=20, choices=Kind.choices, default=Kind.STANDING)
    order = models.PositiveSmallIntegerField("순서", default=0)
    articles = models.ManyToManyField(
        Article, through="CommitteeArticle", related_name="council_committees", blank=True
    )

    class Meta:
        verbose_name = "위원회"
        verbose_name_plural = "위원회"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CouncilMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_page(self):
        """The member page's member with its photo, and as arrays in the same query its
        roles (with their committees), committees and research groups, where three
        prefetches took three more queries. Call ``unpack_page_parts()`` on the member."""

        def rows(found, **columns):
            found = found.order_by(*found.model._meta.ordering)
            return ArraySubquery(found.values(json=JSONObject(**_json_columns(found.model), **columns)))  # fmt: skip

        return self.select_related("photo").annotate(
            page_roles=rows(
                CouncilRole.objects.filter(member=OuterRef("pk")),
                **_json_columns(Committee, "c_", "committee__"),
            ),
            page_committees=rows(Committee.objects.filter(members=OuterRef("pk"))),
            page_groups=rows(ResearchGroup.objects.filter(members=OuterRef("pk"))),
        )


class CouncilMember(models.Model):
    name = models.CharField("이름", max_length=30, error_messages={"required": "이름을 입력하세요."})  # fmt: skip
    name_hanja = models.CharField("한자 이름", max_length=30, blank=True)
    name_roman = models.CharField("로마자 이름", max_length=60, blank=True)
    party = models.CharField("정당", max_length=30, validators=[validate_party])
    district = models.CharField(
        "선거구",
        max_length=40,
        validators=[validate_district],
        help_text="예: 시흥시 가선거구, 또는 비례대표",
    )
    terms = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1)]),
        verbose_name="대수",
        default=list,
        blank=True,
        help_text="의원으로 일한 대수를 쉼표로 씁니다. 예: 8,9 (제8대·제9대)",
    )
    committees = models.ManyToManyField(
        Committee, verbose_name="소속 위원회", related_name="members", blank=True
    )
    photo = models.ForeignKey(
        Image,
        verbose_name="사진",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField("연락처", max_length=30, blank=True)
    email = models.EmailField("이메일", blank=True)
    bio = models.TextField("약력", blank=True)
    is_active = models.BooleanField("현직", default=True)
    left_on = models.DateField("퇴임일", null=True, blank=True)
    articles = models.ManyToManyField(
        Article, through="MemberArticle", related_name="council_members", blank=True
    )

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "시의원"
        verbose_name_plural = "시의원"
        ordering = ["name", "pk"]

    def __str__(self):
        # 동명이인: the desk tells two 이상훈 apart by party, district and terms.
        parts = [self.party, self.district, terms_label(self.terms)]
        former = " · 전 의원" if self.is_former else ""
        return f"{self.name} ({', '.join(p for p in parts if p)}{former})"

    def get_absolute_url(self):
        return reverse("council:member", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        # Tidied before the validators read them: pasted lists carry stray spaces.
        self.district = normalize_district(self.district)
        self.terms = sorted(set(self.terms or []))
        super().clean_fields(exclude)

    def clean(self):
        if self.left_on and self.is_active:
            raise ValidationError({"is_active": "퇴임일이 있는 의원은 현직일 수 없습니다."})

    def stories(self) -> models.QuerySet:
        return _stories_through(MemberArticle.objects.filter(member=self))

    def unpack_page_parts(self) -> None:
        """After ``CouncilMemberQuerySet.for_page()``: ``roles``, ``committees`` and
        ``research_groups`` read as if prefetched (no query)."""
        roles = []
        for row in self.page_roles or []:
            role = _from_json(CouncilRole, row)
            role.committee = _from_json(Committee, row, "c_") if role.committee_id else None
            roles.append(role)
        _as_prefetched(self, "roles", CouncilRole, roles)
        _as_prefetched(self, "committees", Committee, [_from_json(Committee, r) for r in self.page_committees or []])  # fmt: skip
        _as_prefetched(self, "research_groups", ResearchGroup, [_from_json(ResearchGroup, r) for r in self.page_groups or []])  # fmt: skip

    @property
    def is_former(self) -> bool:
        return not self.is_active or bool(self.left_on and self.left_on <= timezone.localdate())

    @property
    def title(self) -> str:
        return "전 의원" if self.is_former else "의원"

    @property
    def terms_display(self) -> str:
        return terms_label(self.terms)


class CouncilRole(models.Model):
    class Title(models.TextChoices):
        CHAIR = "의장", "의장"
        VICE_CHAIR = "부의장", "부의장"
        COMMITTEE_CHAIR = "상임위원장", "상임위원장"
        SPECIAL_CHAIR = "특별위원장", "특별위원장"
        VICE_COMMITTEE_CHAIR = "부위원장", "부위원장"
        FLOOR_LEADER = "교섭단체 대표", "교섭단체 대표"

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField("직책", max_length=20, choices=Title.choices)
    committee = models.ForeignKey(
        Committee,
        verbose_name="위원회",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    started_on = models.DateField("시작일")
    ended_on = models.DateField("종료일", null=True, blank=True)

    class Meta:
        verbose_name = "직책"
        verbose_name_plural = "직책"
        ordering = ["-started_on", "pk"]

    def __str__(self):
        return f"{self.committee} {self.title}" if self.committee_id else self.title

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "종료일이 시작일보다 빠릅니다."})

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class ResearchGroup(models.Model):
    """An 의원 연구단체, e.g. ‘시흥 미래산업 창업생태계 조성 연구회’."""

    name = models.CharField("이름", max_length=100, unique=True, error_messages={"unique": "같은 이름의 연구단체가 이미 있습니다."})  # fmt: skip
    leader = models.ForeignKey(
        CouncilMember,
        verbose_name="대표",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_groups",
    )
    members = models.ManyToManyField(
        CouncilMember, verbose_name="회원", related_name="research_groups", blank=True
    )
    description = models.TextField("소개", blank=True)
    started_on = models.DateField("결성일", null=True, blank=True)
    ended_on = models.DateField("활동 종료일", null=True, blank=True)
    articles = models.ManyToManyField(
        Article, through="GroupArticle", related_name="council_groups", blank=True
    )

    class Meta:
        verbose_name = "연구단체"
        verbose_name_plural = "연구단체"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("council:group", kwargs={"pk": self.pk})

    def stories(self) -> models.QuerySet:
        return _stories_through(GroupArticle.objects.filter(group=self))


class SessionQuerySet(models.QuerySet):
    def current_or_next(self, today=None):
        """The session under way today, else the next to open (None if neither)."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "number").first()


class Session(models.Model):
    """A 회기: ``제312회 시흥시의회 임시회``."""

    class Kind(models.TextChoices):
        REGULAR = "정례회", "정례회"
        EXTRAORDINARY = "임시회", "임시회"

    number = models.PositiveSmallIntegerField(
        "회차", unique=True, error_messages={"unique": "같은 회차의 회기가 이미 있습니다."}
    )
    kind = models.CharField("종류", max_length=10, choices=Kind.choices)
    start_date = models.DateField("개회일")
    end_date = models.DateField("폐회일")
    articles = models.ManyToManyField(
        Article, through="SessionArticle", related_name="council_sessions", blank=True
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "회기"
        verbose_name_plural = "회기"
        ordering = ["-number"]

    def __str__(self):
        return f"제{self.number}회 {COUNCIL_NAME} {self.kind}"

    def get_absolute_url(self):
        return reverse("council:session", kwargs={"number": self.number})

    def stories(self) -> models.QuerySet:
        return _stories_through(SessionArticle.objects.filter(session=self))

    @property
    def is_under_way(self) -> bool:
        return self.start_date <= timezone.localdate() <= self.end_date

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "폐회일이 개회일보다 빠릅니다."})


class _ArticleLink(models.Model):
    article = models.ForeignKey(Article, verbose_name="기사", on_delete=models.CASCADE, related_name="council_%(class)s")  # fmt: skip

    # The linked member, committee, group or session: what an inline row is labelled.
    target = ""

    class Meta:
        abstract = True

    def __str__(self):
        return str(getattr(self, self.target))


class MemberArticle(_ArticleLink):
    target = "member"
    member = models.ForeignKey(
        CouncilMember, verbose_name="의원", on_delete=models.CASCADE, related_name="links"
    )

    class Meta:
        verbose_name = verbose_name_plural = "기사에 나온 의원"
        constraints = [models.UniqueConstraint(fields=["member", "article"], name="unique_member_article")]  # fmt: skip
        indexes = [models.Index(fields=["article", "member"], name="member_article_by_article")]


class CommitteeArticle(_ArticleLink):
    target = "committee"
    committee = models.ForeignKey(
        Committee, verbose_name="위원회", on_delete=models.CASCADE, related_name="links"
    )

    class Meta:
        verbose_name = verbose_name_plural = "기사에 나온 위원회"
        constraints = [models.UniqueConstraint(fields=["committee", "article"], name="unique_committee_article")]  # fmt: skip


class GroupArticle(_ArticleLink):
    target = "group"
    group = models.ForeignKey(
        ResearchGroup, verbose_name="연구단체", on_delete=models.CASCADE, related_name="links"
    )

    class Meta:
        verbose_name = verbose_name_plural = "기사에 나온 연구단체"
        constraints = [models.UniqueConstraint(fields=["group", "article"], name="unique_group_article")]  # fmt: skip


class SessionArticle(_ArticleLink):
    target = "session"
    session = models.ForeignKey(
        Session, verbose_name="회기", on_delete=models.CASCADE, related_name="links"
    )

    class Meta:
        verbose_name = verbose_name_plural = "기사에 나온 회기"
        constraints = [models.UniqueConstraint(fields=["session", "article"], name="unique_session_article")]  # fmt: skip
        indexes = [models.Index(fields=["article", "session"], name="session_article_by_article")]
