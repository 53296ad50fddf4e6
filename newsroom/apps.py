from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "사이트 운영"

    def ready(self):
        from django.apps import apps

        from newsroom import banners, pagecache, text

        # django-taggit ships no Korean names; the desk reads 태그, not "Taggit › Tags".
        apps.get_app_config("taggit").verbose_name = "태그"
        tag_model = apps.get_model("taggit", "Tag")
        tag_model._meta.verbose_name = tag_model._meta.verbose_name_plural = "태그"

        # Characters XML cannot carry never reach a row (they broke every feed).
        pre_save.connect(text.clean_text_fields, dispatch_uid="newsroom-xml-safe-text")

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.bump_on_change, dispatch_uid=f"pagecache-{signal!r}")
        pagecache.next_change_hooks.append(pagecache.next_scheduled_article)
        # A stored page must not outlive a banner's start or end time.
        pagecache.next_change_hooks.append(banners.next_window_change)
