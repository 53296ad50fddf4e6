from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "댓글"

    def ready(self):
        from comments import cache_keys

        cache_keys.register()
