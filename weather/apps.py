from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "weather"
    verbose_name = "날씨"

    def ready(self):
        from newsroom import pagecache
        from weather.models import Observation, Station
        from weather.strip import goes_stale_at

        # A stored page must not outlive the weather it shows as current.
        pagecache.next_change_hooks.append(goes_stale_at)
        # An editor renaming, reordering or hiding a station shows on the next page.
        # Observations arrive by bulk upserts, which send no signals: fetch_weather calls
        # weather.strip.invalidate() after its commit.
        for model in (Station, Observation):
            pagecache.announce(model, lambda row: {"weather"})
