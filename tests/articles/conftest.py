# The journeys' browser fixtures (one Chromium per module, pages watched for console
# errors and CSP violations) for this app's Chromium tests.
from tests.journeys.conftest import chromium, site  # noqa: F401
