from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "기사"

    def ready(self):
        from articles import menu  # noqa: F401  (connects the menu cache's signal handlers)
