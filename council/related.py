"""관련기사 on a council story: stories sharing a member or a session come before those
sharing a tag (``articles.models.closer_related_sources``)."""

from council.models import MemberArticle, SessionArticle


def sharing_member_or_session(article_pk: int) -> list:
    members = MemberArticle.objects.filter(article_id=article_pk).values("member_id")
    sessions = SessionArticle.objects.filter(article_id=article_pk).values("session_id")
    return [
        MemberArticle.objects.filter(member_id__in=members).values("article_id"),
        SessionArticle.objects.filter(session_id__in=sessions).values("article_id"),
    ]
