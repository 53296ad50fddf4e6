from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "댓글"

    def ready(self):
        from articles.models import page_part_sources
        from comments import cache_keys
        from comments.threads import PAGE_PART, POLICY_PART, policy_rows, thread_rows

        cache_keys.register()
        # The 댓글 block on the article page: read in the story's own query.
        page_part_sources[PAGE_PART] = thread_rows
        page_part_sources[POLICY_PART] = policy_rows
