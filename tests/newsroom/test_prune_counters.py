from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsroom.models import ArticleRead, BannerClick
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_prunes_old_counter_rows_only(capsys):
    from tests.factories import make_banner

    article = make_article()
    banner = make_banner()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    ArticleRead.objects.create(article=article, hour=now - timedelta(days=100), count=5)
    recent = ArticleRead.objects.create(article=article, hour=now - timedelta(days=2), count=7)
    BannerClick.objects.create(banner=banner, day=(now - timedelta(days=800)).date(), count=1)
    kept_click = BannerClick.objects.create(banner=banner, day=now.date(), count=3)

    call_command("prune_counters")

    assert list(ArticleRead.objects.all()) == [recent]
    assert list(BannerClick.objects.all()) == [kept_click]
    assert "읽음 집계 1행, 배너 클릭 집계 1행" in capsys.readouterr().out


def test_refuses_to_prune_what_most_read_needs():
    with pytest.raises(CommandError, match="8 이상"):
        call_command("prune_counters", read_days=3)
