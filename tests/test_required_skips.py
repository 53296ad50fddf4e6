"""The CI switches turn a "missing Chromium/Postgres/Redis" skip into a failure."""

import textwrap
from pathlib import Path

pytest_plugins = ["pytester"]


def _run(pytester, monkeypatch, env: dict[str, str], reason: str):
    for name in ("REQUIRE_BROWSER", "REQUIRE_SERVICES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    pytester.makeconftest((Path(__file__).parent / "required.py").read_text())
    pytester.makepyfile(
        textwrap.dedent(
            f"""
            import pytest

            def test_needs_something():
                pytest.skip({reason!r})
            """
        )
    )
    return pytester.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider")


def test_a_missing_browser_skips_on_a_laptop(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, {}, "no Chromium at /usr/bin/chromium")
    result.assert_outcomes(skipped=1)


def test_a_missing_browser_fails_in_ci(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, {"REQUIRE_BROWSER": "1"}, "no Chromium at /x")
    result.assert_outcomes(failed=1)


def test_a_missing_service_fails_in_ci(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, {"REQUIRE_SERVICES": "1"}, "no Redis on 127.0.0.1:6379")
    result.assert_outcomes(failed=1)


def test_an_unrelated_skip_stays_a_skip_in_ci(pytester, monkeypatch):
    env = {"REQUIRE_BROWSER": "1", "REQUIRE_SERVICES": "1"}
    result = _run(pytester, monkeypatch, env, "only meaningful on Windows")
    result.assert_outcomes(skipped=1)
