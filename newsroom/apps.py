from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "사이트 운영"

    def ready(self):
        from newsroom import pagecache

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.bump_on_change, dispatch_uid=f"pagecache-{signal!r}")
        pagecache.next_change_hooks.append(pagecache.next_scheduled_article)
