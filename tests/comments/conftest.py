import pytest


@pytest.fixture(autouse=True)
def _quick_comment_forms(settings):
    # The form's minimum time stands in for a person typing; tests post at once.
    settings.TIP_MIN_SECONDS = 0
    from comments import addresses

    addresses._salts.clear()


# The journeys' browser fixtures (one Chromium per module, pages watched for console
# errors and CSP violations) for this app's Chromium tests.
from tests.journeys.conftest import chromium, site  # noqa: E402, F401
