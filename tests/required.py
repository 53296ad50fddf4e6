"""Skips for missing Chromium/Postgres/Redis/Varnish, and the CI switches that forbid them."""

import os

import pytest

# A test that needs something this machine lacks skips, saying what is missing; in CI
# (.ci/run sets REQUIRE_BROWSER=1 and REQUIRE_SERVICES=1) such a skip is a failure, so
# a green CI means the browser and multi-process tests really ran.
_REQUIRED_KINDS = {
    "REQUIRE_BROWSER": ("chromium", "playwright", "browser"),
    "REQUIRE_SERVICES": (
        "postgres",
        "redis",
        "varnish",
        "gunicorn",
        "pg_dump",
        "pg_restore",
        "pg_ctl",
        "initdb",
    ),
}


def _required_kind(reason: str) -> str | None:
    lowered = reason.lower()
    for switch, words in _REQUIRED_KINDS.items():
        if os.environ.get(switch) == "1" and any(word in lowered for word in words):
            return switch
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return
    reason = str(report.longrepr[2])
    switch = _required_kind(reason)
    if switch:
        report.outcome = "failed"
        report.longrepr = f"{switch}=1, but the test was skipped: {reason}"
