"""seed_demo's placements: banners, a curated home, related picks, reads — once."""

import pytest
from django.core.management import call_command

from articles.models import RelatedArticle
from newsroom.models import (
    ArticleRead,
    Banner,
    HomeBlock,
    HomeBlockPin,
    HomeCuration,
    HomePick,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Banner.objects.count(),
        Banner.objects.live().count(),
        HomePick.objects.count(),
        HomeBlock.objects.count(),
        HomeBlockPin.objects.count(),
        RelatedArticle.objects.count(),
        ArticleRead.objects.count(),
    )


def test_seed_demo_places_banners_curation_and_reads_once(media_root, client):
    call_command("seed_demo", articles=40, verbosity=0)
    first = snapshot()
    banners, live, picks, blocks, pins, related, reads = first
    assert live < banners  # the scheduled one waits for tomorrow
    assert pins == 1  # the 헤드라인, repeated first in the 정치 block
    assert {b.slot for b in Banner.objects.live()} >= {"header", "sidebar-1", "footer"}
    assert picks and blocks and related and reads
    assert HomeCuration.current().breaking_on

    call_command("seed_demo", articles=40, verbosity=0)
    assert snapshot() == first

    html = client.get("/").content.decode()
    pin = HomeBlockPin.objects.get()
    politics = html[html.index('aria-labelledby="block-politics"') :]
    assert pin.article.headline in politics[: politics.index("</section>")]
    assert 'data-banner-slot="header"' in html and "더보기" in html and "많이 본 뉴스" in html


def test_seed_demo_keeps_the_desks_choices(media_root):
    call_command("seed_demo", articles=20, verbosity=0)
    curation = HomeCuration.objects.get(pk=1)
    curation.breaking_on = False
    curation.save()
    HomeBlock.objects.exclude(pk=HomeBlock.objects.first().pk).delete()
    call_command("seed_demo", articles=20, verbosity=0)
    assert not HomeCuration.objects.get(pk=1).breaking_on
    assert HomeBlock.objects.count() == 1
