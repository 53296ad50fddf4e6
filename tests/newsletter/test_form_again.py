"""A bad address: the form comes back with the address, the Korean error under the box,
and a token that will be accepted (an expired or forged one is not kept)."""

import re

import pytest

from intake import spam

pytestmark = pytest.mark.django_db


def test_the_newsletter_form_shown_again_carries_a_fresh_token(client, settings):
    settings.TIP_MIN_SECONDS = 0
    html = client.post("/newsletter/", {"email": "nope", "token": "forged"}).content.decode()
    assert "올바른 이메일 주소를 적어 주세요." in html
    box = re.search(r'<input type="email"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in box and 'value="nope"' in box
    assert spam.token_ok(re.search(r'name="token" value="([^"]+)"', html)[1])
