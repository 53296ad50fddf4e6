from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from articles.feeds import reporter_feed, section_feed, tag_feed
from articles.notice_settings import notice_settings
from articles.sitemaps import SITEMAPS, news_sitemap, sitemap_index, sitemap_section
from council.sitemaps import CouncilMemberSitemap
from newsroom import desk_calendar, views

admin.site.site_header = "시흥뉴스룸 편집국"
admin.site.site_title = "시흥뉴스룸 관리"
admin.site.index_title = "편집국 업무"

sitemaps = {**SITEMAPS, "council": CouncilMemberSitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("rss/", section_feed, name="feed"),
    path("rss/reporter/<int:pk>/", reporter_feed, name="reporter_feed"),
    path("rss/tag/<str:slug>/", tag_feed, name="tag_feed"),
    path("rss/<str:slug>/", section_feed, name="section_feed"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-news.xml", news_sitemap, name="sitemap_news"),
    path(
        "sitemap-<str:section>.xml",
        sitemap_section,
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt",
            content_type="text/plain",
            # A moved admin is named nowhere public, robots.txt included.
            extra_context={"admin_path": "/admin/" if settings.ADMIN_URL == "admin/" else ""},
        ),
        name="robots_txt",
    ),
    path("policy/<str:kind>/", views.legal_page, name="legal_page"),
    path("banner/<int:pk>/click/", views.banner_click, name="banner_click"),
    path("banner/impressions/", views.banner_impressions, name="banner_impressions"),
    path("read/<int:pk>/", views.article_read, name="article_read"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The desk's own pages, behind the admin's login (before the admin's catch-all).
    path(
        f"{settings.ADMIN_URL}notices/",
        admin.site.admin_view(notice_settings),
        name="notice_settings",
    ),
    path(
        f"{settings.ADMIN_URL}calendar/",
        admin.site.admin_view(desk_calendar.calendar_view),
        name="desk_calendar",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("council/", include("council.urls")),
    path("", include("intake.urls")),
    path("", include("comments.urls")),
    path("", include("newsletter.urls")),
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
