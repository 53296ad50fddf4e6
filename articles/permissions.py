"""Who may do what with an article: the desk's rules, in one place.

Reporters (group 기자) work on their own stories until they are published; editors
(group 편집자, permission ``articles.publish_article``) may do everything.
"""

from django.contrib import admin

from articles.models import Article, Image


def can_publish(user) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def owns(user, article: Article) -> bool:
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(reporter__user=user).exists()


def can_view_article(user, article: Article) -> bool:
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return False
    if article.deleted_at is not None:
        return can_publish(user)  # the 휴지통 is the editors'
    return can_publish(user) or owns(user, article)


def can_change_article(user, article: Article | None) -> bool:
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if article is None or can_publish(user):
        return True
    return article.status in Article.REPORTER_EDITABLE and owns(user, article)


def can_change_image(user, image: Image | None) -> bool:
    """Editors change any library photo; a reporter only one they uploaded that no banner
    and no story past review shows (the library is shared: replacing a file changes every
    page that uses it)."""
    if image is None or can_publish(user):
        return True
    if image.uploaded_by_id != user.pk:
        return False
    editable = Article.REPORTER_EDITABLE
    shown_in_body = (
        Article.objects.exclude(status__in=editable)
        .filter(body__contains=f'data-image-id="{image.pk}"')
        .exists()
    )
    return not (
        image.banners.exists()
        or image.lead_articles.exclude(status__in=editable).exists()
        or shown_in_body
    )


class DeskOnlyReadOnlyAdmin(admin.ModelAdmin):
    """Pages the desk reads and nobody edits (sent notices, reports): editors only."""

    def has_module_permission(self, request):
        return can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
