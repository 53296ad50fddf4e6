from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "시의회"

    def ready(self):
        from articles.models import closer_related_sources, page_part_sources
        from council import cache_keys, search
        from council.related import members_of_article, sharing_member_or_session

        cache_keys.register()
        search.register()

        if sharing_member_or_session not in closer_related_sources:
            closer_related_sources.append(sharing_member_or_session)
        # 관련 의원 on the article page: read in the story's own query.
        page_part_sources["council_members"] = members_of_article
