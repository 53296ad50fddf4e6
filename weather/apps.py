from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "weather"
    verbose_name = "날씨"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from weather.models import Station
        from weather.strip import invalidate

        # An editor renaming, reordering or hiding a station should show on the next page,
        # not after the strip's cache period.
        for signal in (post_save, post_delete):
            signal.connect(_drop_strip_cache(invalidate), sender=Station, weak=False)


def _drop_strip_cache(invalidate):
    def receiver(**kwargs):
        invalidate()

    return receiver
