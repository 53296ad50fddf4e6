"""Council members in the search index (articles/search): a story linked to a member is
found by the member's name, with or without 의원 (``이상훈``, ``이상훈 의원``,
``이상훈의원``), weighted like its tags; re-indexed when a member is renamed or a link is
added or removed."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from council.models import CouncilMember, MemberArticle


def member_fields(article) -> list[tuple[str, str]]:
    names = sorted({member.name for member in article.council_members.all()})
    return [("A", " ".join(f"{name} 의원 {name}의원" for name in names))] if names else []


def register() -> None:
    from articles.search.postgres import extra_document_fields

    if not any(fields is member_fields for _, fields in extra_document_fields):
        extra_document_fields.append(("council_members", member_fields))


def _index(article_ids) -> None:
    from articles.search.backend import index_articles

    index_articles(list(article_ids))


@receiver(pre_save, sender=CouncilMember, dispatch_uid="council_search_member_before")
def _member_before(sender, instance, raw=False, **kwargs):
    instance._search_name_before = (
        CouncilMember.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        if instance.pk and not raw
        else None
    )


@receiver(post_save, sender=CouncilMember, dispatch_uid="council_search_member_renamed")
def _member_renamed(sender, instance, created, raw=False, **kwargs):
    if raw or created or getattr(instance, "_search_name_before", None) == instance.name:
        return
    _index(instance.links.values_list("article_id", flat=True))


@receiver(post_save, sender=MemberArticle, dispatch_uid="council_search_link_saved")
@receiver(post_delete, sender=MemberArticle, dispatch_uid="council_search_link_deleted")
def _link_changed(sender, instance, raw=False, **kwargs):
    from articles.models import Article

    if raw:
        return
    # Deleting a story deletes its links first: nothing left to index then.
    if Article.objects.filter(pk=instance.article_id).exists():
        _index([instance.article_id])


@receiver(m2m_changed, sender=MemberArticle, dispatch_uid="council_search_links")
def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    # article.council_members.add()/.set() and member.articles.add() send no post_save.
    if action == "pre_clear" and isinstance(instance, CouncilMember):
        instance._search_cleared = list(instance.links.values_list("article_id", flat=True))
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, CouncilMember):
        _index(pk_set or getattr(instance, "_search_cleared", []))
    else:
        _index([instance.pk])
