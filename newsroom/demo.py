"""Demo placements for a fresh checkout: banners drawn with Pillow, a curated home page,
a few 관련기사 picks and some reads for 많이 본 뉴스. Idempotent: what exists is kept,
so an editor's later choices survive another ``seed_demo``.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Image, RelatedArticle, RelatedLink, Section
from newsroom.counters import hour_of
from newsroom.models import (
    ArticleRead,
    Banner,
    HomeBlock,
    HomeBlockPin,
    HomeCuration,
    HomePick,
)

CITY = "https://www.siheung.go.kr/"
# The demo's 구독 banner leads to the real sign-up page (newsletter/).
SUBSCRIBE_BANNER = "구독 안내"

BANNERS = [
    # (name, slot, size, colours, headline, sub line, weight, starts in days or None)
    ("갯골축제 헤더", "header", (970, 90), ((0, 122, 94), (255, 236, 170)),
     "2026 시흥갯골축제", "9월 20일~22일 · 시흥갯골생태공원", 3, None),
    ("시흥 청년정책 헤더", "header", (970, 90), ((11, 78, 162), (255, 255, 255)),
     "시흥 청년, 꿈을 응원합니다", "청년 월세·창업 지원 한눈에", 1, None),
    ("구독 안내", "header-side", (300, 90), ((196, 69, 54), (255, 255, 255)),
     "시흥뉴스룸 구독", "매일 아침 뉴스레터", 1, None),
    ("거북섬 해양레저", "home-between", (728, 90), ((20, 110, 170), (255, 255, 255)),
     "거북섬 해양레저 체험", "주말 가족 프로그램 접수 중", 1, None),
    ("지역화폐 시루", "sidebar-1", (300, 250), ((230, 145, 30), (40, 40, 60)),
     "시흥화폐 시루", "10% 할인 충전 이벤트", 1, None),
    ("평생학습 축제", "sidebar-2", (300, 250), ((120, 72, 160), (255, 255, 255)),
     "시흥 평생학습 축제", "10월 강좌 신청하세요", 1, None),
    ("겨울 물왕저수지", "sidebar-3", (300, 250), ((40, 40, 60), (255, 255, 255)),
     "물왕저수지 겨울 산책", "내일부터 게시되는 예약 배너", 1, 1),
    ("기사 속 광고", "article-inline", (300, 250), ((0, 122, 94), (255, 255, 255)),
     "배곧 한울공원", "해수체험장 운영 안내", 1, None),
    ("기사 아래 광고", "article-bottom", (728, 90), ((11, 78, 162), (255, 236, 170)),
     "시흥시 민원 서비스", "스마트폰으로 24시간 신청", 1, None),
    ("푸터 시청", "footer", (300, 90), ((95, 99, 104), (255, 255, 255)),
     "시흥시청", "www.siheung.go.kr", 1, None),
    ("푸터 의회", "footer", (300, 90), ((95, 99, 104), (255, 255, 255)),
     "시흥시의회", "열린 의회, 시민의 의회", 1, None),
]  # fmt: skip

HOME_BLOCKS = [
    # (section slug, layout, items)
    ("politics", HomeBlock.Layout.LIST, 5),
    ("society", HomeBlock.Layout.TEASER, 3),
    ("culture", HomeBlock.Layout.GRID, 4),
    ("economy", HomeBlock.Layout.LIST, 5),
    ("media", HomeBlock.Layout.TEASER, 4),
]

FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "C:/Windows/Fonts/malgunbd.ttf",
]


def _font(size: int):
    """A font with Hangul when the machine has one; else Pillow's own (Latin only)."""
    from PIL import ImageFont

    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size), False


def draw_banner(size: tuple[int, int], colours, title: str, sub: str) -> bytes:
    """A PNG banner: coloured field, a stripe, two lines of text. No downloads."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = size
    background, ink = colours
    picture = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    accent = tuple(min(255, c + 60) for c in background)
    draw.polygon(
        [(width * 0.72, 0), (width, 0), (width, height), (width * 0.6, height)], fill=accent
    )
    big, hangul = _font(max(14, height // 3 if height < 150 else 30))
    small, _ = _font(max(11, height // 5 if height < 150 else 18))
    if not hangul:  # Pillow's bundled font has no Hangul: say it in Latin letters
        title, sub = "SIHEUNG NEWSROOM", "DEMO BANNER"
    tall = height >= 150
    x = 24 if not tall else 20
    draw.text((x, height * (0.3 if tall else 0.16)), title, fill=ink, font=big)
    draw.text((x, height * (0.55 if tall else 0.58)), sub, fill=ink, font=small)
    left, top, right, bottom = draw.textbbox((0, 0), "AD", font=small)
    box_x, box_y = width - (right - left) - 18, height - (bottom - top) - 14
    draw.rectangle([box_x - 5, box_y - 4, width - 8, height - 6], outline=ink)
    draw.text((box_x - left, box_y - top), "AD", fill=ink, font=small)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def seed_banners() -> int:
    created = 0
    now = timezone.now()
    for name, slot, size, colours, title, sub, weight, starts_in in BANNERS:
        if Banner.objects.filter(name=name).exists():
            continue
        alt = f"{title} - {sub}"
        image = Image.objects.filter(alt_text=f"배너: {alt}").first()
        if image is None:
            image = Image(alt_text=f"배너: {alt}", credit="광고")
            png = draw_banner(size, colours, title, sub)
            image.file.save(f"banner-{slot}-{created + 1}.png", ContentFile(png), save=False)
            image.save()
        Banner.objects.create(
            name=name,
            slot=slot,
            image=image,
            alt_text=alt,
            url="/newsletter/" if name == SUBSCRIBE_BANNER else CITY,
            weight=weight,
            starts_at=now + timedelta(days=starts_in) if starts_in else None,
        )
        created += 1
    return created


def seed_home(sections: dict[str, Section]) -> None:
    """Headline, featured stories, blocks, a block pin and a 속보 line, unless the desk set
    them already."""
    curation, _ = HomeCuration.objects.get_or_create(pk=1)
    published = Article.objects.published().order_by("-published_at")
    if not curation.picks.exists():
        headline = published.filter(section__slug="council", lead_image__isnull=False).first()
        featured = [
            published.filter(section__slug=slug, lead_image__isnull=False).first()
            for slug in ("economy", "culture", "education")
        ]
        if headline:
            HomePick.objects.create(
                curation=curation, article=headline, kind=HomePick.Kind.HEADLINE
            )
        for order, article in enumerate(a for a in featured if a):
            HomePick.objects.create(curation=curation, article=article, order=order)
    if not curation.blocks.exists():
        for order, (slug, layout, items) in enumerate(HOME_BLOCKS):
            if slug in sections:
                HomeBlock.objects.create(
                    curation=curation,
                    section=sections[slug],
                    order=order,
                    layout=layout,
                    item_count=items,
                )
    if not curation.pins.exists():
        # The 헤드라인 (a 시흥시의회 story) pinned first in the 정치 block: a pin repeats a
        # story shown higher up, which the block would otherwise leave out.
        headline = curation.picks.filter(kind=HomePick.Kind.HEADLINE).first()
        block = curation.blocks.filter(section__slug="politics").select_related("section").first()
        if headline and block:
            pin = HomeBlockPin(curation=curation, block=block, article=headline.article)
            try:
                pin.full_clean()  # the pin's own rule: a story of the block's section family
            except ValidationError:
                pass
            else:
                pin.save()
    if not curation.breaking_text:
        latest = published.first()
        curation.breaking_text = "시흥시, 호우주의보 발령에 비상 1단계 근무 돌입"
        curation.breaking_url = latest.get_absolute_url() if latest else ""
        curation.breaking_on = True
        # A demo 속보 comes down by itself like a real one: half a day after seeding.
        curation.breaking_ends_at = timezone.now() + timezone.timedelta(hours=12)
        curation.save()


def seed_related() -> None:
    """Two picks and an outside link on the newest council stories."""
    council = list(
        Article.objects.published().filter(section__slug="council").order_by("-published_at")[:8]
    )
    for group in (council[n : n + 3] for n in range(0, 6, 3)):
        if len(group) < 2 or RelatedArticle.objects.filter(article=group[0]).exists():
            continue
        story, *others = group
        for order, other in enumerate(others):
            RelatedArticle.objects.create(article=story, related=other, order=order)
        RelatedLink.objects.create(
            article=story, title="시흥시의회 회의록 검색", url="https://www.siheungcouncil.go.kr/"
        )


def seed_reads() -> None:
    """A week of reads so 많이 본 뉴스 has something to show (once)."""
    if ArticleRead.objects.exists():
        return
    rng = random.Random(20260918)
    now = hour_of(timezone.now())
    stories = list(Article.objects.published().order_by("-published_at")[:60])
    rows = {}
    for story in stories:
        popularity = rng.choice([1, 2, 5, 20])
        for _ in range(rng.randint(1, 8)):
            hour = now - timedelta(hours=rng.randint(0, 24 * 7 - 1))
            rows[(story.pk, hour)] = rows.get((story.pk, hour), 0) + rng.randint(1, 30) * popularity
    ArticleRead.objects.bulk_create(
        ArticleRead(article_id=pk, hour=hour, count=count) for (pk, hour), count in rows.items()
    )
