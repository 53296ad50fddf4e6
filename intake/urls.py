from django.urls import path

from intake import views

urlpatterns = [
    path("tip/", views.tip, name="tip"),
    path("tip/thanks/", views.tip_thanks, name="tip_thanks"),
]
