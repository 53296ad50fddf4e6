from django.urls import path

from council import views

app_name = "council"

urlpatterns = [
    path("", views.index, name="index"),
    path("member/<int:pk>/", views.member_detail, name="member"),
    path("session/<int:number>/", views.session_detail, name="session"),
    path("group/<int:pk>/", views.group_detail, name="group"),
]
