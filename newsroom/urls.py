from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from articles.feeds import LatestArticlesFeed
from articles.sitemaps import ArticleSitemap, SectionSitemap
from council.sitemaps import CouncilMemberSitemap
from newsroom import views

admin.site.site_header = "시흥뉴스룸 편집국"
admin.site.site_title = "시흥뉴스룸 관리"
admin.site.index_title = "편집국 업무"

sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "council-members": CouncilMemberSitemap,
}

urlpatterns = [
    path("", views.home, name="home"),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path("rss/<str:slug>/", LatestArticlesFeed(), name="section_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("policy/<str:kind>/", views.legal_page, name="legal_page"),
    path("banner/<int:pk>/click/", views.banner_click, name="banner_click"),
    path("read/<int:pk>/", views.article_read, name="article_read"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("council/", include("council.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler500 = "newsroom.views.server_error"
