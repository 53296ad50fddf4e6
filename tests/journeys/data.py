"""A small newspaper for the journeys: sections in the menu, a reporter, photographed
stories that share a tag, reads for 많이 본 뉴스, live banners, the weather strip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, RelatedArticle, RelatedLink, Reporter, Section
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
