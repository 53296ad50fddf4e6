import pytest


@pytest.fixture(autouse=True)
def _quick_comment_forms(settings):
    # The form's minimum time stands in for a person typing; tests post at once.
    settings.TIP_MIN_SECONDS = 0
    from comments import addresses

    addresses._salts.clear()
