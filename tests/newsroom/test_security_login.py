"""Login throttling (django-axes): a username + address pair is locked after 5 failures in
15 minutes; the owner elsewhere, and everyone else, keep logging in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories import make_editor, make_reporter_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery"
LOCKED = "로그인이 잠겼습니다"


@pytest.fixture
def editor():
    user = make_editor("editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(username, password, address, **headers):
    """One login POST from ``address`` in a fresh browser (no cookies carried over)."""
    return Client(REMOTE_ADDR=address, **headers).post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_failures_lock_the_pair_with_a_korean_page(editor):
    for n in range(4):
        response = attempt("editor", f"wrong-{n}", "203.0.113.7")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    fifth = attempt("editor", "wrong-4", "203.0.113.7")
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert LOCKED in page and "15분" in page and "axes_reset" in page
    # Now even the right password from that address is refused, without being checked.
    assert attempt("editor", PASSWORD, "203.0.113.7").status_code == 429


def test_the_owner_logs_in_from_their_own_address_while_the_attacker_is_locked(editor):
    for n in range(5):
        attempt("editor", f"wrong-{n}", "198.51.100.66")
    assert attempt("editor", PASSWORD, "198.51.100.66").status_code == 429
    assert logged_in(attempt("editor", PASSWORD, "192.0.2.10"))


def test_the_lock_ends_fifteen_minutes_after_the_last_failure(editor, monkeypatch):
    import axes.attempts
    import axes.handlers.proxy

    for n in range(5):
        attempt("editor", f"wrong-{n}", "203.0.113.8")
    later = timezone.now() + timedelta(minutes=14)
    monkeypatch.setattr(axes.attempts, "now", lambda: later)
    monkeypatch.setattr(axes.handlers.proxy, "now", lambda: later)
    assert attempt("editor", PASSWORD, "203.0.113.8").status_code == 429
    # That refused try was a failure too: the lock runs from it.
    after = later + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(axes.attempts, "now", lambda: after)
    monkeypatch.setattr(axes.handlers.proxy, "now", lambda: after)
    assert logged_in(attempt("editor", PASSWORD, "203.0.113.8"))


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(editor, monkeypatch):
    import axes.attempts
    import axes.handlers.proxy

    start = timezone.now()
    for n in range(6):
        moment = start + timedelta(minutes=16 * n)
        monkeypatch.setattr(axes.attempts, "now", lambda moment=moment: moment)
        monkeypatch.setattr(axes.handlers.proxy, "now", lambda moment=moment: moment)
        assert attempt("editor", f"wrong-{n}", "203.0.113.9").status_code == 200
    assert logged_in(attempt("editor", PASSWORD, "203.0.113.9"))


def test_a_success_clears_the_pairs_earlier_failures(editor):
    for n in range(4):
        attempt("editor", f"wrong-{n}", "203.0.113.10")
    assert logged_in(attempt("editor", PASSWORD, "203.0.113.10"))
    for n in range(4):
        assert attempt("editor", f"again-{n}", "203.0.113.10").status_code == 200


def test_wrong_passwords_from_fifty_addresses_lock_those_pairs_and_nobody_else(editor):
    reporter = make_reporter_user("reporter")
    reporter.set_password(PASSWORD)
    reporter.save()
    attackers = [f"10.0.{n // 10}.{n % 10 + 1}" for n in range(50)]
    answers = {}
    # Six tries each: four refused as wrong, then locked (what the 7th to 1000th try
    # would meet too, at a second of test time per 25 tries).
    for address in attackers:
        for n in range(6):
            answers[address, n] = attempt("editor", f"guess-{n}", address).status_code
    for address in attackers:
        statuses = [answers[address, n] for n in range(6)]
        assert statuses == [200] * 4 + [429] * 2, (address, statuses)
    assert AccessAttempt.objects.filter(username="editor").count() == 50
    # The owner from the newsroom, and another user from an attacking address, log in.
    assert logged_in(attempt("editor", PASSWORD, "192.0.2.10"))
    assert logged_in(attempt("reporter", PASSWORD, attackers[0]))


class TestForwardedFor:
    """X-Forwarded-For counts only through the proxies we run (TRUSTED_PROXY_COUNT)."""

    def test_without_trusted_proxies_the_header_is_ignored(self, editor, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        for n in range(5):  # the attacker invents a new "client" on every try
            forged = ", ".join(f"172.16.{n}.{k}" for k in range(20))
            attempt("editor", f"wrong-{n}", "203.0.113.20", HTTP_X_FORWARDED_FOR=forged)
        assert attempt("editor", PASSWORD, "203.0.113.20").status_code == 429
        # ...and cannot lock anyone else out by naming their address in the header.
        assert logged_in(attempt("editor", PASSWORD, "172.16.0.1"))

    def test_behind_one_proxy_the_proxys_entry_is_the_client(self, editor, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        proxy = "10.9.9.9"  # every request reaches Django from our nginx
        owner = "192.0.2.10"
        attacker = "198.51.100.77"
        for n in range(5):
            # Twenty forged entries on the left; nginx appends the real peer last.
            forged = ", ".join(f"172.16.{n}.{k}" for k in range(20))
            response = attempt(
                "editor",
                f"wrong-{n}",
                proxy,
                HTTP_X_FORWARDED_FOR=f"{forged}, {attacker}",
            )
        assert response.status_code == 429
        assert AccessAttempt.objects.get().ip_address == attacker
        # The attacker stays locked whatever they write in front...
        spoof = f"{owner}, {attacker}"
        locked = attempt("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=spoof)
        assert locked.status_code == 429
        # ...and neither the owner nor the proxy's other clients are locked out.
        assert logged_in(attempt("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=owner))
        assert logged_in(attempt("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="192.0.2.11"))

    def test_two_proxies_and_a_header_too_short_or_malformed(self, settings, rf):
        from newsroom.security import client_ip

        settings.TRUSTED_PROXY_COUNT = 2
        twenty = ", ".join(f"172.16.0.{k}" for k in range(20))
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"{twenty}, 10.0.0.1")
        assert client_ip(request) == "172.16.0.19"
        short = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="10.0.0.1")
        assert client_ip(short) == "10.0.0.2"
        junk = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>, 10.0.0.1")
        assert client_ip(junk) == "10.0.0.2"
        v6 = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=" 2001:DB8::1 ,10.0.0.1")
        assert client_ip(v6) == "2001:db8::1"


def test_axes_reset_unlocks(editor):
    for n in range(5):
        attempt("editor", f"wrong-{n}", "203.0.113.30")
    assert attempt("editor", PASSWORD, "203.0.113.30").status_code == 429
    call_command("axes_reset", verbosity=0)
    assert logged_in(attempt("editor", PASSWORD, "203.0.113.30"))


def test_axes_reset_username_unlocks_only_that_user(editor):
    other = make_editor("desk")
    other.set_password(PASSWORD)
    other.save()
    for username in ("editor", "desk"):
        for n in range(5):
            attempt(username, f"wrong-{n}", "203.0.113.31")
    call_command("axes_reset_username", "editor", verbosity=0)
    assert logged_in(attempt("editor", PASSWORD, "203.0.113.31"))
    assert attempt("desk", PASSWORD, "203.0.113.31").status_code == 429
