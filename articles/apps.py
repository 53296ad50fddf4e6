from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "기사"

    def ready(self):
        from django.conf import settings
        from PIL import Image as PILImage

        from articles import (
            history,
            menu,  # noqa: F401  (connects the menu cache's signal handlers)
        )

        history.register()

        # Pillow's own decompression-bomb guard, set on purpose rather than left at its
        # default: it raises beyond twice this and articles/images.py refuses beyond it.
        PILImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
