from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "기사"

    def ready(self):
        from django.conf import settings
        from PIL import Image as PILImage

        from articles import cache_keys, history
        from articles.search import checks  # noqa: F401  (the empty-index warning)
        from newsroom import pagecache

        cache_keys.register()
        history.register()
        # A stored page must not outlive the moment a scheduled story goes out.
        pagecache.next_change_hooks.append(cache_keys.next_scheduled_publication)

        # Pillow's own decompression-bomb guard, set on purpose rather than left at its
        # default: it raises beyond twice this and articles/images.py refuses beyond it.
        PILImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
