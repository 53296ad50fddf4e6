"""What a change to the council ends, announced to the cache layer (newsroom/pagecache.py,
docs/cache.md). Every council page depends on ``council`` (members, groups, sessions and
links change seldom, and names appear on several pages) and on ``home``, which moves with
every visible story: a newly published or withdrawn linked story shows at once."""

from articles.cache_keys import article_keys
from council.models import (
    Committee,
    CommitteeArticle,
    CouncilMember,
    CouncilRole,
    GroupArticle,
    MemberArticle,
    ResearchGroup,
    Session,
    SessionArticle,
)
from newsroom import pagecache

COUNCIL = "council"
PAGE_KEYS = (COUNCIL, "home")


def register() -> None:
    for model in (CouncilMember, CouncilRole, Committee, ResearchGroup, Session):
        pagecache.announce(model, lambda row: {COUNCIL})
    # A link also changes the linked story's own page (its 관련기사).
    for link in (MemberArticle, CommitteeArticle, GroupArticle, SessionArticle):
        pagecache.announce(link, lambda row: {COUNCIL} | article_keys(row.article_id))
