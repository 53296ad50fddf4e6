"""A comment with errors: the form comes back with what was typed (never the password),
each Korean error right after its own box, and a token that will be accepted."""

import re

import pytest
from django.test import override_settings

from comments.forms import TOKEN_SALT
from intake import spam
from tests.comments.helpers import post_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def _token(html):
    return re.search(r'name="token" value="([^"]+)"', html)[1]


def test_errors_sit_under_their_own_boxes_and_the_text_is_kept(client):
    article = make_article()
    response = post_comment(client, article, "   ", name="시흥시민", password="12")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="시흥시민"' in html and 'value="12"' not in html
    password_box = re.search(r'<input type="password"[^>]*id="comment-password"[^>]*>', html)
    assert 'aria-invalid="true"' in password_box[0]
    after_box = html[password_box.end() :].lstrip()
    assert after_box.startswith('<ul class="errorlist" id="comment-password_error">')
    assert "비밀번호는 4자 이상으로 적어 주세요." in after_box.split("</ul>")[0]
    body_box = html.index('id="comment-body"')
    assert html.index("댓글 내용을 적어 주세요.") > body_box
    assert 'id="comment-name_error"' not in html  # the name was fine


@override_settings(TIP_MIN_SECONDS=0)
def test_the_form_shown_again_carries_a_fresh_token(client):
    article = make_article()
    response = post_comment(client, article, "", token="forged")
    html = response.content.decode()
    assert "기사를 새로 고친 뒤 다시 보내 주세요" in html
    assert spam.token_ok(_token(html), TOKEN_SALT)
