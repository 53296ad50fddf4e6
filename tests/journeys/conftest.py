"""What every journey shares: one Chromium per module, contexts per person and viewport,
a watch on every page for console errors, uncaught exceptions and CSP violations, the
screenshots, axe-core, and logging in through the real login form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import launch
from tests.factories import restore_desk_groups

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PASSWORD = "pw-for-tests"  # what tests/factories.make_user gives everyone

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
LAPTOP = {"width": 1366, "height": 768}  # the commonest small desktop screen
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP, "laptop": LAPTOP}

# A reader's browser; the headless default says "HeadlessChrome", which is a robot to us
# (the read beacon and the banner click counter ignore robots).
READER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)

# Before any page script: collect policy violations, which the console does not always show.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " " + (e.sourceFile || "") + ":" + (e.lineNumber || ""));
});
"""


@pytest.fixture(scope="module")
def chromium(live_server):
    """One Chromium for the whole module (launching is the slow part); a skip naming
    what is missing where Playwright or Chromium is absent."""
    with pytest.MonkeyPatch.context() as patch, launch(live_server.url, patch) as browser:
        yield browser


class Site:
    """Opens pages of the live server and keeps what went wrong on each of them."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.url = base_url
        self.problems: list[str] = []
        self.contexts = []

    def context(self, viewport="desktop", **options):
        options.setdefault("user_agent", READER)
        context = self.browser.new_context(
            viewport=VIEWPORTS[viewport], locale="ko-KR", timezone_id="Asia/Seoul", **options
        )
        context.viewport_name = viewport
        context.add_init_script(WATCH)
        context.on("page", self._watch)
        self.contexts.append(context)
        return context

    def page(self, viewport="desktop", **options):
        return self.context(viewport, **options).new_page()

    def _watch(self, page):
        def console(message):
            if message.type == "error":
                self.problems.append(f"console on {page.url}: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.problems.append(f"error on {page.url}: {error}"))

    def open(self, page, path: str):
        response = page.goto(self.url + path if path.startswith("/") else path)
        assert response is not None and response.status == 200, (path, response and response.status)
        page.wait_for_load_state("load")
        self.check(page)
        return page

    def check(self, page):
        """Policy violations so far on this page go into the problems list."""
        for found in page.evaluate("window.__violations || []"):
            self.problems.append(f"CSP on {page.url}: {found}")
        page.evaluate("window.__violations = []")

    def shoot(self, page, name: str):
        """A full-page screenshot, named after the page and the viewport."""
        SCREENSHOTS.mkdir(exist_ok=True)
        viewport = page.context.viewport_name
        page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}.png", full_page=True)

    def log_in(self, page, username: str):
        self.open(page, "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(re.compile(re.escape(self.url) + "/admin/$"))
        self.check(page)

    def close(self):
        for context in self.contexts:
            for page in context.pages:
                self.check(page)
            context.close()


@pytest.fixture
def site(chromium, live_server, media_root, transactional_db):
    """Pages of the live server; the test fails at the end if any of them logged an error
    to the console, threw, or broke the Content-Security-Policy."""
    restore_desk_groups()
    opened = Site(chromium, live_server.url)
    yield opened
    opened.close()
    assert opened.problems == [], "\n".join(opened.problems)


def axe_violations(page, *, impacts=("serious", "critical")) -> list[str]:
    """axe-core's findings of the given impacts on the page as it is now, one line each."""
    # Through the DevTools protocol, not page.add_script_tag: that writes an inline
    # <script>, which the site's policy (rightly) refuses.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in impacts:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    return found
