from django.urls import path

from comments import views

app_name = "comments"

# Included before articles/urls.py: articles/<pk>/comments/ would otherwise read as a slug.
urlpatterns = [
    path("articles/<int:pk>/comments/", views.comment_list, name="list"),
    path("articles/<int:pk>/comments/post/", views.comment_post, name="post"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="delete"),
    path("comments/<int:pk>/report/", views.comment_report, name="report"),
    path("comments/confirm/<str:token>/", views.comment_confirm, name="confirm"),
]
