from django.conf import settings
from django.urls import path

from intake import views

urlpatterns = [
    path("tip/", views.tip, name="tip"),
    path("tip/thanks/", views.tip_thanks, name="tip_thanks"),
    path(settings.PORTAL_EXPORT_PATH.lstrip("/"), views.portal_export, name="portal_export"),
]
