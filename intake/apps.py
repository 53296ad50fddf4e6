from django.apps import AppConfig


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = "제보"

    def ready(self):
        from intake import models
        from newsroom import pagecache

        # Desk material: no reader page shows a tip or a release, so saving one ends no
        # page (an unannounced model would end ``site``, every page).
        for model in (
            models.Tip,
            models.TipPhoto,
            models.PressRelease,
            models.PressReleaseImage,
            models.PortalDelivery,
        ):
            pagecache.announce(model, None)
