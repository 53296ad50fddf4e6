"""Posting a comment the way the article page's form does."""

from comments.forms import TOKEN_SALT
from comments.models import CommentPolicy
from intake import spam


def post_comment(
    client, article, body="좋은 기사 잘 읽었습니다.", *, name="독자", password="1234", **extra
):
    headers = {k: extra.pop(k) for k in list(extra) if k.isupper()}  # HTTP_ORIGIN, REMOTE_ADDR
    data = {
        "name": name,
        "password": password,
        "body": body,
        "website": "",
        "token": spam.make_token(TOKEN_SALT),
        **extra,
    }
    return client.post(f"/articles/{article.pk}/comments/post/", data, **headers)


def set_policy(**fields):
    policy, _ = CommentPolicy.objects.get_or_create(pk=1)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy
