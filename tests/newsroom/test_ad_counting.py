"""Banner impressions and the guard that keeps reads, impressions and clicks honest:
once per reader, thing and hour, no raw address stored (newsroom/counters.py)."""

import itertools
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from newsroom import counters
from newsroom.models import BannerClick, BannerImpression, CounterSalt, CounterSeen
from tests.factories import make_banner
from tests.newsroom.concurrency import hit_concurrently

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
_addresses = (f"192.0.2.{n}" for n in itertools.count(1))


@pytest.fixture(autouse=True)
def _media(media_root):
    pass


def impressions(banner):
    return BannerImpression.objects.filter(banner=banner).aggregate(n=Sum("count"))["n"] or 0


def shown(client, *banners, ids=None, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    body = {"ids": ids if ids is not None else ",".join(str(b.pk) for b in banners)}
    return client.post("/banner/impressions/", body, **headers)


class TestImpressionBeacon:
    def test_counts_each_banner_once_per_reader_and_hour(self, client):
        first, second = make_banner(), make_banner(slot="header")
        assert shown(client, first, second).status_code == 204
        for _ in range(20):  # the same reader reloading, or a script
            shown(client, first, second)
        assert (impressions(first), impressions(second)) == (1, 1)
        shown(client, first, REMOTE_ADDR=next(_addresses))
        assert impressions(first) == 2
        row = BannerImpression.objects.get(banner=first)
        assert row.hour == counters.hour_of(timezone.now())

    def test_the_next_hour_counts_again(self, client, move_clock):
        banner = make_banner()
        shown(client, banner)
        move_clock(timezone.now() + timedelta(hours=1))
        shown(client, banner)
        assert impressions(banner) == 2

    def test_a_different_browser_on_one_address_is_another_reader(self, client):
        banner = make_banner()
        shown(client, banner)
        shown(client, banner, HTTP_USER_AGENT=BROWSER + " Edg/126.0")
        assert impressions(banner) == 2

    def test_robots_and_other_sites_are_not_counted(self, client):
        banner = make_banner()
        shown(
            client,
            banner,
            HTTP_USER_AGENT="Mozilla/5.0 (compatible; Yeti/1.1; +http://naver.me/spd)",
        )
        shown(client, banner, HTTP_SEC_FETCH_SITE="cross-site", REMOTE_ADDR=next(_addresses))
        assert impressions(banner) == 0

    def test_only_live_banners_count(self, client):
        live = make_banner()
        ended = make_banner(ends_at=timezone.now() - timedelta(hours=1))
        off = make_banner(is_active=False)
        assert shown(client, live, ended, off).status_code == 204
        assert (impressions(live), impressions(ended), impressions(off)) == (1, 0, 0)

    @pytest.mark.parametrize("ids", ["", "abc", ",,,", ",".join(str(n) for n in range(1, 40))])
    def test_bad_lists_are_400_and_count_nothing(self, client, ids):
        make_banner()
        assert shown(client, ids=ids).status_code == 400
        assert not BannerImpression.objects.exists()

    def test_get_is_refused(self, client):
        assert client.get("/banner/impressions/").status_code == 405

    def test_no_address_is_stored(self, client):
        banner = make_banner()
        shown(client, banner, REMOTE_ADDR="198.51.100.23")
        stored = [*CounterSeen.objects.values_list("fingerprint", flat=True),
                  *CounterSalt.objects.values_list("salt", flat=True)]  # fmt: skip
        assert stored and not any("198.51.100.23" in value for value in stored)

    def test_pages_carry_the_beacon_address(self, client):
        make_banner(slot="header")
        html = client.get("/", HTTP_USER_AGENT=BROWSER).content.decode()
        assert 'data-impressions-url="/banner/impressions/"' in html


class TestClicks:
    def test_one_reader_clicking_again_and_again_counts_once(self, client):
        banner = make_banner()
        for _ in range(10):
            assert (
                client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER).status_code
                == 302
            )
        assert BannerClick.objects.get(banner=banner).count == 1


@pytest.mark.django_db(transaction=True)
def test_a_script_flooding_impressions_in_parallel_counts_once(media_root):
    banner = make_banner()

    def flood(client):
        response = client.post(
            "/banner/impressions/", {"ids": str(banner.pk)}, REMOTE_ADDR="198.51.100.9"
        )
        assert response.status_code == 204

    errors = hit_concurrently(flood, threads=6, per_thread=50, user_agent=BROWSER)
    assert not errors
    assert impressions(banner) == 1


def test_prune_drops_old_fingerprints_with_their_salt(client, move_clock):
    banner = make_banner()
    shown(client, banner)
    move_clock(timezone.now() + timedelta(hours=3))
    shown(client, banner)
    assert CounterSeen.objects.count() == 2 and CounterSalt.objects.count() == 2
    call_command("prune_counters")
    assert CounterSeen.objects.count() == 1 and CounterSalt.objects.count() == 1
    assert CounterSalt.objects.get().hour == counters.hour_of(timezone.now())
    # the counts themselves stay
    assert impressions(banner) == 2
