from django.urls import path

from newsletter import views

urlpatterns = [
    path("newsletter/", views.subscribe, name="newsletter"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
    path("newsletter/o/<str:token>.gif", views.opened, name="newsletter_open"),
    path("newsletter/c/<str:token>/<int:article_pk>/", views.clicked, name="newsletter_click"),
    path("newsletter/bounce/", views.bounce, name="newsletter_bounce"),
]
