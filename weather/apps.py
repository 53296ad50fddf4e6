from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "weather"
    verbose_name = "날씨"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsroom import pagecache
        from weather.models import Station
        from weather.strip import goes_stale_at

        # A stored page must not outlive the weather it shows as current.
        pagecache.next_change_hooks.append(goes_stale_at)
        # An editor renaming, reordering or hiding a station should show on the next page,
        # not after the strip's cache period.
        for signal in (post_save, post_delete):
            signal.connect(_station_changed, sender=Station, dispatch_uid=f"weather-{signal!r}")


def _station_changed(**kwargs):
    from django.db import transaction

    from weather.strip import invalidate

    invalidate()
    # Again after the commit: a page rendered before it would hold the old station list.
    transaction.on_commit(invalidate)
