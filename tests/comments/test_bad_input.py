"""The issue's bad input, each through HTTP: nothing half-written, a Korean answer."""

import pytest

from comments.models import Comment
from tests.comments.helpers import post_comment, set_policy
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_ten_thousand_characters_are_refused_in_korean(client):
    article = make_article()
    response = post_comment(client, article, "가" * 10_000)
    assert response.status_code == 400
    assert "댓글은 1,000자 이하로" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_script_is_stored_as_text_and_shown_escaped(client):
    article = make_article()
    post_comment(client, article, '<script>alert("x")</script> 안녕')
    assert Comment.objects.get().status == Comment.Status.PUBLISHED
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 안녕" in page


def test_a_comment_of_only_a_link_is_held_for_review(client):
    article = make_article()
    response = post_comment(client, article, "https://spam.example/buy")
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (Comment.Status.PENDING, "링크 포함")
    assert "spam.example" not in client.get(article.get_absolute_url()).content.decode()


def test_a_full_width_www_link_is_held_too(client):
    article = make_article()
    post_comment(client, article, "여기로 ｗｗｗ.spam.example")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_published_link_is_nofollow_ugc(client):
    article = make_article()
    post_comment(client, article, "https://news.example/a")
    comment = Comment.objects.get()
    comment.status = Comment.Status.PUBLISHED
    comment.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="https://news.example/a" rel="nofollow ugc noopener"' in page


@pytest.mark.parametrize(
    "body",
    ["시\u200b발 진짜", "ㅅㅂ", "시1발", "시 발", "씨-발", "시\u3164발", "\ufeff씨\u200d발"],
)
def test_banned_word_tricks_are_held(client, body):
    set_policy(banned_words="시발\n개새끼")
    article = make_article()
    post_comment(client, article, body)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "금칙어: 시발"


def test_zero_width_characters_are_stripped_from_what_is_stored(client):
    article = make_article()
    post_comment(client, article, "좋\u200b은\u2060 기\ufeff사")
    assert Comment.objects.get().body == "좋은 기사"


def test_an_ordinary_word_sharing_consonants_is_not_held(client):
    set_policy(banned_words="시발")
    article = make_article()
    post_comment(client, article, "사부님 시바견 ㅋㅋㅋ 시작이 반")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.body == "사부님 시바견 ㅋㅋㅋ 시작이 반"  # compatibility jamo kept as typed


def test_a_body_of_only_invisible_characters_is_empty(client):
    article = make_article()
    response = post_comment(client, article, "\u200b\u200b \u3164")
    assert response.status_code == 400
    assert "댓글 내용을 적어 주세요" in response.content.decode()


def test_one_hundred_comments_from_one_address_in_a_minute_are_bounded(client):
    article = make_article()
    codes = [post_comment(client, article, f"도배 {n}").status_code for n in range(100)]
    assert Comment.objects.count() == 3  # the policy's per_minute
    assert codes[:3] == [302] * 3 and set(codes[3:]) == {429}
    refused = post_comment(client, article, "또")
    assert "너무 많이" in refused.content.decode()
    # Another address is not held back by the first one's flood.
    assert post_comment(client, article, "다른 독자", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_hour_limit_holds_too(client, settings):
    set_policy(per_minute=100, per_hour=5)
    article = make_article()
    for n in range(8):
        post_comment(client, article, f"댓글 {n}")
    assert Comment.objects.count() == 5


def test_a_missing_name_or_short_password_is_refused_in_korean(client):
    article = make_article()
    response = post_comment(client, article, name="", password="12")
    text = response.content.decode()
    assert response.status_code == 400
    assert "이름을 적어 주세요" in text and "4자 이상" in text
    assert not Comment.objects.exists()


def test_an_oversized_request_is_refused_before_parsing(client):
    article = make_article()
    response = post_comment(client, article, "가" * 40_000)
    assert response.status_code == 413
