from django.shortcuts import get_object_or_404, render

from articles.pagination import list_page
from council.cache_keys import PAGE_KEYS, group_key, member_key, session_key
from council.models import (
    CouncilMember,
    ResearchGroup,
    Session,
    council_stories,
    district_sort_key,
)
from newsroom.pagecache import depends_on, public_page

LATEST_STORIES = 10


def _grouped(members, key, order=None):
    groups: dict[str, list] = {}
    for member in members:
        groups.setdefault(key(member), []).append(member)
    return sorted(groups.items(), key=order or (lambda item: (-len(item[1]), item[0])))


@public_page
def index(request):
    depends_on(*PAGE_KEYS)
    members = sorted(CouncilMember.objects.active(), key=lambda m: (district_sort_key(m.district), m.name))  # fmt: skip
    return render(
        request,
        "council/index.html",
        {
            "by_party": _grouped(members, lambda m: m.party),
            "by_district": _grouped(
                members, lambda m: m.district, order=lambda item: district_sort_key(item[0])
            ),
            "session": Session.objects.current_or_next(),
            "stories": list(council_stories().for_lists()[:LATEST_STORIES]),
        },
    )


@public_page
def member_detail(request, pk):
    depends_on(member_key(pk), "home")
    member = get_object_or_404(CouncilMember.objects.for_page(), pk=pk)
    member.unpack_page_parts()
    page = list_page(request, member.stories().for_lists())
    return render(
        request, "council/member_detail.html", {"member": member, "page": page}, status=page.status
    )


@public_page
def session_detail(request, number):
    session = get_object_or_404(Session, number=number)
    depends_on(session_key(session.pk), "home")
    page = list_page(request, session.stories().for_lists())
    return render(
        request,
        "council/session_detail.html",
        {"session": session, "page": page},
        status=page.status,
    )


@public_page
def group_detail(request, pk):
    depends_on(group_key(pk), "home")
    group = get_object_or_404(
        ResearchGroup.objects.select_related("leader").prefetch_related("members"), pk=pk
    )
    page = list_page(request, group.stories().for_lists())
    return render(
        request, "council/group_detail.html", {"group": group, "page": page}, status=page.status
    )
