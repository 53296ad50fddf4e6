from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "사이트 운영"

    def ready(self):
        from django.apps import apps

        from newsroom import banners, models, pagecache, text

        # django-taggit ships no Korean names; the desk reads 태그, not "Taggit › Tags".
        apps.get_app_config("taggit").verbose_name = "태그"
        tag_model = apps.get_model("taggit", "Tag")
        tag_model._meta.verbose_name = tag_model._meta.verbose_name_plural = "태그"

        # Characters XML cannot carry never reach a row (they broke every feed).
        pre_save.connect(text.clean_text_fields, dispatch_uid="newsroom-xml-safe-text")

        # The cache layer listens to every model; each content app says what its rows touch.
        for signal in (pre_save, pre_delete):
            signal.connect(pagecache.before_change, dispatch_uid=f"pagecache-{signal!r}")
        for signal in (post_save, post_delete):
            signal.connect(pagecache.after_change, dispatch_uid=f"pagecache-{signal!r}")
        m2m_changed.connect(pagecache.relation_changed, dispatch_uid="pagecache-m2m")

        for model in (models.SiteSettings, models.SiteEditor, models.LegalPage):
            pagecache.announce(model, lambda row: {pagecache.SITE})
        # The 속보 line is on every page, so the curation row ends every page.
        pagecache.announce(models.HomeCuration, lambda row: {"home", pagecache.SITE})
        for model in (models.HomePick, models.HomeBlock, models.HomeBlockPin):
            pagecache.announce(model, lambda row: {"home"})
        pagecache.announce(models.Banner, lambda row: {"banners"})
        for model in (
            models.BannerClick,
            models.BannerImpression,
            models.ArticleRead,
            models.CounterSalt,
            models.CounterSeen,
            models.PendingPurge,
        ):
            pagecache.announce(model, None)  # counters and the queue change no page
        # A stored page must not outlive a banner's start or end time.
        pagecache.next_change_hooks.append(banners.next_window_change)
        pagecache.next_change_hooks.append(models.HomeCuration.next_breaking_change)
