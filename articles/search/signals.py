"""Keep the index current: a story is re-indexed in the transaction that changes what it
is found by (its text, its tags, its bylines, a reporter's name). Publish, unpublish,
trash and restore need nothing here: who may see a result is decided at query time by
``Article.objects.published()``."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from articles.search.backend import index_articles, remove_articles

_INDEXED_FIELDS = {"headline", "subheadline", "summary", "body"}


@receiver(post_save, sender="articles.Article", dispatch_uid="search_index_article")
def _article_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and not created and not set(update_fields) & _INDEXED_FIELDS:
        return
    index_articles([instance.pk])


@receiver(post_delete, sender="articles.Article", dispatch_uid="search_remove_article")
def _article_deleted(sender, instance, **kwargs):
    remove_articles([instance.pk])


@receiver(post_save, sender="articles.Byline", dispatch_uid="search_index_byline_saved")
@receiver(post_delete, sender="articles.Byline", dispatch_uid="search_index_byline_deleted")
def _byline_changed(sender, instance, raw=False, **kwargs):
    from articles.models import Article

    if raw:
        return
    # Deleting an article deletes its bylines first: nothing left to index then.
    if Article.objects.filter(pk=instance.article_id).exists():
        index_articles([instance.article_id])


@receiver(post_save, sender="articles.Reporter", dispatch_uid="search_index_reporter")
def _reporter_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    index_articles(instance.bylines.values_list("article_id", flat=True))


@receiver(m2m_changed, sender=TaggedItem, dispatch_uid="search_index_tags")
def _tags_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    from articles.models import Article

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        index_articles([instance.pk])


@receiver(post_save, sender=Tag, dispatch_uid="search_index_tag_renamed")
def _tag_saved(sender, instance, created, raw=False, **kwargs):
    from articles.models import Article

    if raw or created:
        return
    tagged = TaggedItem.objects.filter(tag=instance, content_type__model="article")
    index_articles(
        Article.objects.filter(pk__in=tagged.values("object_id")).values_list("pk", flat=True)
    )
