"""A small newspaper for the journeys: sections in the menu, a reporter, photographed
stories that share a tag, reads for 많이 본 뉴스, live banners, the weather strip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from articles.models import (
    Article,
    Column,
    GalleryPhoto,
    RelatedArticle,
    RelatedLink,
    Reporter,
    Section,
    Series,
)
from newsroom.models import ArticleRead
from tests.factories import jpeg_bytes, make_article, make_banner, make_image, make_reporter

BODY = (
    "<p>시흥시가 배곧 해안을 따라 이어지는 산책로 3.2km를 새로 열었다. 산책로는 "
    "갯벌 생태공원과 한울공원을 잇고, 밤에는 바닥 조명이 켜진다.</p>"
    "<h2>주민 의견 반영</h2>"
    "<p>시는 지난해 주민설명회에서 나온 의견에 따라 자전거 길과 걷는 길을 나눴다.</p>"
    "<p>산책로 곳곳에는 쉼터 12곳과 화장실 4곳이 있다.</p>"
)


def photo(alt: str, color=(40, 110, 160), size=(800, 533)):
    upload = SimpleUploadedFile("photo.jpg", jpeg_bytes(size=size, color=color), "image/jpeg")
    return make_image(file=upload, alt_text=alt, caption=f"{alt} (시흥시 제공)")


@dataclass
class Paper:
    politics: Section
    society: Section
    reporter: Reporter
    story: Article
    others: list[Article]


def build_paper(*, banners=True) -> Paper:
    # The stations come from a data migration, which an earlier transactional test flushed.
    import importlib

    from django.apps import apps

    importlib.import_module("weather.migrations.0002_seed_stations").seed_stations(apps, None)
    call_command("load_demo_weather", verbosity=0)
    politics = Section.objects.create(name="정치", slug="politics", show_in_menu=True, order=1)
    society = Section.objects.create(name="사회", slug="society", show_in_menu=True, order=2)
    Section.objects.create(name="경제", slug="economy", show_in_menu=True, order=3)
    Section.objects.create(name="문화", slug="culture", show_in_menu=True, order=4)
    reporter = make_reporter("김시흥", title="기자", email="kim@example.kr")
    now = timezone.now()
    others = [
        make_article(
            headline=headline,
            section=section,
            reporters=[reporter],
            lead_image=photo(headline, color=(60 + 30 * n, 120, 90)),
            tags=["배곧"],
            published_at=now - timedelta(hours=2 + n),
            summary=f"{headline}에 관한 기사입니다.",
        )
        for n, (headline, section) in enumerate(
            [
                ("시흥시의회 예산안 심사 시작", politics),
                ("배곧 갯벌 생태공원 주말 개방", society),
                ("월곶 포구 새벽 어시장 활기", society),
                ("정왕동 청년 창업 공간 문 열어", politics),
            ]
        )
    ]
    story = make_article(
        headline="배곧 해안 산책로 3.2km 개통",
        subheadline="갯벌 생태공원과 한울공원 이어",
        section=society,
        reporters=[reporter],
        lead_image=photo("배곧 해안 산책로"),
        tags=["배곧", "산책로"],
        body=BODY,
        dateline="시흥",
        published_at=now - timedelta(minutes=30),
    )
    for order, other in enumerate(others[:2]):
        RelatedArticle.objects.create(article=story, related=other, order=order)
    RelatedLink.objects.create(
        article=story, title="시흥시 산책로 안내", url="https://www.siheung.go.kr/"
    )
    hour = now.replace(minute=0, second=0, microsecond=0)
    for count, article in enumerate([story, *others], start=1):
        ArticleRead.objects.create(article=article, hour=hour, count=100 // count)
    if banners:
        make_banner(slot="header", alt_text="시흥갯골축제 9월 개막", url="https://example.kr/fest")
        make_banner(slot="sidebar-1", alt_text="시흥시 평생학습 수강생 모집")
        make_banner(slot="article-bottom", alt_text="오이도 빨간등대 야간 개방")
    return Paper(politics, society, reporter, story, others)


@dataclass
class ReaderPages:
    series: Series
    column: Column
    outside_column: Column
    gallery: Article
    video: Article


def build_reader_pages(paper: Paper) -> ReaderPages:
    """Issue 14's reader pages on top of ``build_paper``: a 기획·연재 of three parts, two
    칼럼 (a reporter's, an outside writer's with a photo), a 포토뉴스 story, a video story
    (a player in the body, no lead photo), the 속보 line, the demo 시의회 (members, sessions,
    the reference story) and more tags for the index and 인기 태그."""
    from articles.embeds import video_embed
    from council import demo as council_demo
    from newsroom.management.commands.seed_demo import Command as SeedDemo
    from newsroom.models import HomeCuration

    now = timezone.now()
    reporter = paper.reporter
    series = Series.objects.create(
        name="시흥 갯골 이야기",
        slug="gaetgol",
        description="갯골생태공원의 사계절을 세 번에 걸쳐 따라간다.",
        image=photo("갯골 생태공원 전경", color=(30, 120, 80)),
    )
    for part in (1, 2, 3):
        make_article(
            headline=f"갯골의 {['봄', '여름', '가을'][part - 1]}, 염전에서 갯벌까지",
            section=paper.society,
            series=series,
            series_part=part,
            reporters=[reporter],
            lead_image=photo(f"갯골 {part}회", color=(40, 100 + 30 * part, 90)),
            tags=["갯골", "생태"],
            published_at=now - timedelta(days=4 - part),
            summary=f"갯골 이야기 {part}회.",
        )
    column = Column.objects.create(
        name="시흥을 걷다", slug="walk", reporter=reporter, order=1,
        description="기자가 걸어서 만난 시흥의 골목.",
    )  # fmt: skip
    outside = Column.objects.create(
        name="시민의 눈", slug="citizen", writer_name="박하늘", writer_title="시흥시민대학 교수",
        photo=photo("박하늘 교수", color=(150, 120, 100), size=(300, 300)), order=2,
    )  # fmt: skip
    opinion = Section.objects.create(name="오피니언", slug="opinion", show_in_menu=False, order=6)
    for n, (col, headline) in enumerate(
        [
            (column, "월곶 골목에서 만난 오래된 가게들"),
            (column, "정왕동 시장 골목의 아침"),
            (outside, "지방의회 예산 심사, 시민이 지켜봐야 할 것"),
            (outside, "갯벌은 시흥의 미래 자산이다"),
        ]
    ):
        make_article(
            headline=headline,
            column=col,
            section=opinion,
            reporters=[reporter] if col is column else [],
            tags=["칼럼"],
            published_at=now - timedelta(hours=5 + n),
            summary=f"{headline}에 관한 칼럼입니다.",
        )
    media = Section.objects.create(name="포토·영상", slug="media", show_in_menu=False, order=5)
    colors = [(11, 78, 162), (0, 122, 94), (196, 69, 54), (120, 72, 160)]
    shots = [
        photo(f"갯골축제 장면 {n + 1}", color=c, size=(1200, 800)) for n, c in enumerate(colors)
    ]
    gallery = make_article(  # as the demo's: the lead photo is the strip's first
        headline="[포토뉴스] 사진으로 보는 시흥갯골축제",
        section=media,
        reporters=[reporter],
        body="<p>시흥갯골생태공원에서 열린 갯골축제 현장을 사진으로 모았다.</p>",
        lead_image=shots[0],
        tags=["갯골", "축제"],
        published_at=now - timedelta(hours=1),
    )
    for n, shot in enumerate(shots):
        GalleryPhoto.objects.create(
            article=gallery, image=shot, caption=f"갯골축제 장면 {n + 1}", order=n
        )
    player = video_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    video = make_article(
        headline="[영상] 오이도 빨간등대 야경",
        section=media,
        reporters=[reporter],
        body=(
            "<p>오이도 빨간등대의 밤을 영상으로 담았다.</p>"
            f'<figure data-video="{player.provider}"><iframe src="{player.embed_url}" '
            'title="오이도 빨간등대 야경" allowfullscreen></iframe></figure>'
        ),
        tags=["오이도", "영상"],
        published_at=now - timedelta(minutes=50),
    )
    # The demo's 발행인, 편집인, 고충처리인 and the rest of the footer (seed_demo).
    SeedDemo().seed_site()
    curation = HomeCuration.current()
    curation.breaking_on = True
    curation.breaking_text = "시흥시 전역 호우주의보 발령, 하천변 산책로 통제"
    curation.breaking_ends_at = now + timedelta(hours=3)
    curation.full_clean()
    curation.save()
    Section.objects.create(name="시흥시의회", slug="council", parent=paper.politics, order=1)
    council_demo.seed()
    return ReaderPages(series, column, outside, gallery, video)
