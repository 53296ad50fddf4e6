"""Stations are the editors' to rename, reorder and hide; observations are KMA's, read-only."""

from django.contrib import admin

from weather.models import Observation, Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "order", "active"]
    list_display_links = ["name"]
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["name", "=number"]
    ordering = ["order", "number"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = [
        "station",
        "observed_at",
        "temperature",
        "condition",
        "humidity",
        "wind_speed",
        "precipitation",
        "cloud_total",
        "demo",
    ]
    list_select_related = ["station"]
    list_filter = ["station", "condition", "demo"]
    date_hierarchy = "observed_at"
    ordering = ["-observed_at", "station__order"]

    # Rows come only from fetch_weather; an edit here would be overwritten within the hour.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
