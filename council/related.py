"""관련기사 on a council story: stories sharing a member or a session come before those
sharing a tag (``articles.models.closer_related_sources``); the 관련 의원 block's rows,
read with the story (``articles.models.page_part_sources``)."""

from council.models import CouncilMember, MemberArticle, SessionArticle


def members_of_article(article_pk):
    """The members a story is linked to (``article_pk`` may be an OuterRef)."""
    return CouncilMember.objects.filter(links__article_id=article_pk)


def sharing_member_or_session(article_pk: int) -> list:
    members = MemberArticle.objects.filter(article_id=article_pk).values("member_id")
    sessions = SessionArticle.objects.filter(article_id=article_pk).values("session_id")
    return [
        MemberArticle.objects.filter(member_id__in=members).values("article_id"),
        SessionArticle.objects.filter(session_id__in=sessions).values("article_id"),
    ]
