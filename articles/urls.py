from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("articles/<int:pk>/", views.article_detail, name="detail_short"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="detail"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("section/<str:slug>/", views.section_detail, name="section"),
    path("tag/<str:slug>/", views.tag_detail, name="tag"),
    path("series/<str:slug>/", views.series_detail, name="series"),
    path("opinion/", views.opinion, name="opinion"),
    path("opinion/<str:slug>/", views.column_detail, name="column"),
    path("tags/", views.tag_index, name="tag_index"),
    # Not /media/: that is MEDIA_URL, where uploaded files are served.
    path("multimedia/", views.media_list, name="media"),
    path("reporter/<int:pk>/", views.reporter_detail, name="reporter"),
    path("search/", views.search, name="search"),
    # The common Korean hosted-CMS form, so a paper keeps its old links when it moves here.
    path("news/articleView.html", views.legacy_redirect, name="legacy"),
]
