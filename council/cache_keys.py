"""What a change to the council ends, announced to the cache layer (newsroom/pagecache.py,
docs/cache.md). Each page depends on its own key (``member-<pk>``, ``session-<pk>``,
``group-<pk>``; the landing page on ``council``) and on ``home``, which moves with every
visible story, so a newly published or withdrawn linked story shows at once. An edit
ends only the pages that show what changed: a member's page, the groups that list them,
the landing page (members by party and district) and the stories whose page shows the
member in its 관련 의원 block; a link, the linked entity's page, the landing page (its
latest council stories) and the story's own pages."""

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


def member_key(member_id: int) -> str:
    return f"member-{member_id}"


def session_key(session_id: int) -> str:
    return f"session-{session_id}"


def group_key(group_id: int) -> str:
    return f"group-{group_id}"


def member_keys(member: CouncilMember) -> set[str]:
    keys = {COUNCIL, member_key(member.pk)}
    groups = ResearchGroup.objects.filter(members=member).values_list("pk", flat=True)
    keys.update(group_key(pk) for pk in groups)
    keys.update(group_key(pk) for pk in member.led_groups.values_list("pk", flat=True))
    keys.update(f"article-{pk}" for pk in member.links.values_list("article_id", flat=True))
    return keys


def committee_keys(committee: Committee) -> set[str]:
    # Committees have no page: they show on their members' pages (and roles).
    members = set(committee.members.values_list("pk", flat=True))
    members |= set(committee.roles.values_list("member_id", flat=True))
    return {member_key(pk) for pk in members}


def group_keys(group: ResearchGroup) -> set[str]:
    keys = {COUNCIL, group_key(group.pk)}
    keys.update(member_key(pk) for pk in group.members.values_list("pk", flat=True))
    if group.leader_id:
        keys.add(member_key(group.leader_id))
    return keys


def _link_keys(entity_key):
    return lambda row: {COUNCIL, entity_key(row)} | article_keys(row.article_id)


def register() -> None:
    pagecache.announce(CouncilMember, member_keys)
    pagecache.announce(CouncilRole, lambda row: {COUNCIL, member_key(row.member_id)})
    pagecache.announce(Committee, committee_keys)
    pagecache.announce(ResearchGroup, group_keys)
    pagecache.announce(Session, lambda row: {COUNCIL, session_key(row.pk)})
    # A link also changes the linked story's own page (its 관련기사, its 관련 의원).
    pagecache.announce(MemberArticle, _link_keys(lambda row: member_key(row.member_id)))
    pagecache.announce(SessionArticle, _link_keys(lambda row: session_key(row.session_id)))
    pagecache.announce(GroupArticle, _link_keys(lambda row: group_key(row.group_id)))
    pagecache.announce(CommitteeArticle, lambda row: {COUNCIL} | article_keys(row.article_id))
