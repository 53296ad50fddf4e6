from django.contrib.sitemaps import Sitemap

from council.models import CouncilMember


class CouncilMemberSitemap(Sitemap):
    """Every member's page, former members' too: their pages stay."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return CouncilMember.objects.only("pk").order_by("pk")
