"""The council's reader pages: what they show, what they hide, and what they cost."""

import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import trash
from articles.models import Article
from council.models import CouncilRole, GroupArticle, SessionArticle
from tests.council.factories import link, make_group, make_member, make_session
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db


def page_text(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_the_landing_page_groups_members_by_party_and_district_and_shows_the_session(client):
    make_member("이상훈", party="더불어민주당", district="시흥시 가선거구")
    make_member("박소영", party="국민의힘", district="시흥시 다선거구")
    make_member("김전임", party="국민의힘", district="시흥시 나선거구", is_active=False)
    make_session(312, kind="임시회")
    text = page_text(client, "/council/")
    assert "제312회 시흥시의회 임시회" in text and "지금 열리는 회기" in text
    party_part = text.split("정당별 의원")[1].split("선거구별 의원")[0]
    assert "더불어민주당" in party_part and "국민의힘" in party_part
    assert "김전임" not in text  # the landing lists the sitting council
    district_part = text.split("선거구별 의원")[1]
    assert district_part.index("시흥시 가선거구") < district_part.index("시흥시 다선거구")


def test_the_landing_page_names_the_next_session_when_none_is_under_way(client):
    today = timezone.localdate()
    make_session(313, kind="정례회", start_date=today + timedelta(days=3), end_date=today + timedelta(days=9))  # fmt: skip
    text = page_text(client, "/council/")
    assert "다음 회기" in text and "제313회 시흥시의회 정례회" in text


def test_the_landing_page_lists_only_readable_council_stories(client):
    member, session = make_member(), make_session()
    shown = make_article(headline="의회 임시회 개회")
    SessionArticle.objects.create(session=session, article=shown)
    draft = make_article(headline="아직 쓰는 기사", published=False)
    scheduled = make_article(headline="예약된 기사", published_at=timezone.now() + timedelta(hours=3))  # fmt: skip
    link(member, draft, scheduled)
    make_article(headline="의회와 무관한 기사")
    text = page_text(client, "/council/")
    assert "의회 임시회 개회" in text
    for hidden in ("아직 쓰는 기사", "예약된 기사", "의회와 무관한 기사"):
        assert hidden not in text


def test_a_member_page_shows_profile_roles_committees_groups_and_stories_newest_first(client):
    member = make_member("이상훈", name_hanja="李相勳", party="더불어민주당", terms=[8, 9])
    committee = member.committees.create(name="자치행정위원회")
    CouncilRole.objects.create(member=member, title="상임위원장", committee=committee, started_on=timezone.localdate() - timedelta(days=100))  # fmt: skip
    group = make_group("시흥 미래산업 창업생태계 조성 연구회", members=[member], leader=member)
    older = make_article(headline="지난주 기사", published_at=timezone.now() - timedelta(days=7))
    newer = make_article(headline="오늘 기사", published_at=timezone.now() - timedelta(hours=1))
    link(member, older, newer)
    text = page_text(client, member.get_absolute_url())
    assert "李相勳" in text and "제8대·제9대" in text
    assert "자치행정위원회 상임위원장" in text
    assert group.name in text and "(대표)" in text
    assert text.index("오늘 기사") < text.index("지난주 기사")


def test_a_member_linked_to_unpublished_stories_shows_none_of_them(client):
    member = make_member()
    draft = make_article(headline="초안 기사", published=False)
    scheduled = make_article(headline="예약 기사", published_at=timezone.now() + timedelta(days=1))
    withdrawn = make_article(headline="취소된 기사", status=Article.Status.UNPUBLISHED)
    trashed = make_article(headline="휴지통 기사")
    trash.trash(trashed, by=make_editor())
    link(member, draft, scheduled, withdrawn, trashed)
    text = page_text(client, member.get_absolute_url())
    for headline in ("초안 기사", "예약 기사", "취소된 기사", "휴지통 기사"):
        assert headline not in text
    assert "아직 기사가 없습니다." in text


def test_namesakes_each_show_only_their_own_stories(client):
    first = make_member("이상훈", district="시흥시 가선거구", terms=[9])
    second = make_member("이상훈", party="국민의힘", district="시흥시 라선거구", terms=[6])
    link(first, make_article(headline="9대 이상훈 의원 발언"))
    link(second, make_article(headline="6대 이상훈 의원 발언"))
    first_page = page_text(client, first.get_absolute_url())
    second_page = page_text(client, second.get_absolute_url())
    assert "9대 이상훈 의원 발언" in first_page and "6대 이상훈 의원 발언" not in first_page
    assert "6대 이상훈 의원 발언" in second_page and "9대 이상훈 의원 발언" not in second_page


def test_a_member_who_left_keeps_a_page_marked_former(client):
    former = make_member("김전임", is_active=False, left_on=timezone.localdate() - timedelta(days=400))  # fmt: skip
    link(former, make_article(headline="김전임 의원 시절 기사"))
    text = page_text(client, former.get_absolute_url())
    assert '김전임 <span class="reporter-card__title">전 의원</span>' in text
    assert "김전임 의원 시절 기사" in text


def test_member_stories_are_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    member = make_member()
    stories = [make_article(headline=f"연속 기사 {n}", published_at=timezone.now() - timedelta(hours=n)) for n in range(1, 6)]  # fmt: skip
    link(member, *stories)
    first = page_text(client, member.get_absolute_url())
    assert "연속 기사 1" in first and "연속 기사 3" not in first and "?page=2" in first
    second = page_text(client, member.get_absolute_url() + "?page=2")
    assert "연속 기사 3" in second and "연속 기사 1" not in second
    page_text(client, member.get_absolute_url() + "?page=9", status=404)
    page_text(client, member.get_absolute_url() + "?page=abc", status=404)


def test_unknown_member_session_and_group_are_404(client):
    for url in ("/council/member/999999/", "/council/session/999/", "/council/group/999999/"):
        page_text(client, url, status=404)


def test_a_member_page_carries_a_person_json_ld(client):
    member = make_member("박소영", name_roman="Park So-young", party="국민의힘", email="park@example.kr")  # fmt: skip
    text = page_text(client, member.get_absolute_url())
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Person" and data["name"] == "박소영"
    assert data["alternateName"] == ["Park So-young"]
    assert data["jobTitle"] == "시흥시의회 의원"
    assert data["affiliation"]["name"] == "국민의힘"
    assert data["url"].endswith(member.get_absolute_url())


def test_member_pages_are_in_the_sitemap(client):
    sitting, former = make_member(), make_member(is_active=False)
    assert "/sitemap-council.xml" in page_text(client, "/sitemap.xml")
    text = page_text(client, "/sitemap-council.xml")
    assert sitting.get_absolute_url() in text and former.get_absolute_url() in text


def test_a_session_page_lists_its_readable_stories(client):
    session = make_session(312)
    SessionArticle.objects.create(session=session, article=make_article(headline="임시회 개회"))
    SessionArticle.objects.create(session=session, article=make_article(headline="초안", published=False))  # fmt: skip
    text = page_text(client, session.get_absolute_url())
    assert "제312회 시흥시의회 임시회" in text and "임시회 개회" in text and "초안" not in text


def test_a_group_page_shows_its_leader_members_and_stories(client):
    leader, other = make_member("이상훈"), make_member("박소영")
    group = make_group(
        "시흥 미래산업 창업생태계 조성 연구회", members=[leader, other], leader=leader
    )
    GroupArticle.objects.create(group=group, article=make_article(headline="연구단체 벤치마킹"))
    text = page_text(client, group.get_absolute_url())
    assert "대표 <a" in text and "이상훈" in text and "박소영" in text
    assert "연구단체 벤치마킹" in text


# Query budgets: the pages cost the same with 2 or 6 of everything.


def build(size):
    reporter = make_reporter()
    session = make_session()
    members = [make_member(f"의원{size}-{n}", district=f"시흥시 {'가나다라마바'[n]}선거구") for n in range(size)]  # fmt: skip
    group = make_group(members=members, leader=members[0])
    for n, member in enumerate(members):
        committee = member.committees.create(name=f"위원회{size}-{n}")
        CouncilRole.objects.create(member=member, title="부위원장", committee=committee, started_on=timezone.localdate())  # fmt: skip
    for _ in range(size):
        story = make_article(reporters=[reporter], tags=[f"태그{size}"])
        link(members[0], story)
        SessionArticle.objects.create(session=session, article=story)
        GroupArticle.objects.create(group=group, article=story)
    return {"member": members[0], "session": session, "group": group}


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "page",
    [
        lambda things: "/council/",
        lambda things: things["member"].get_absolute_url(),
        lambda things: things["session"].get_absolute_url(),
        lambda things: things["group"].get_absolute_url(),
    ],
    ids=["index", "member", "session", "group"],
)
def test_council_page_queries_do_not_grow_with_data(client, page):
    counts = []
    for size in (2, 6):
        counts.append(queries_for(client, page(build(size))))
    assert counts[0] == counts[1], counts


def test_a_member_page_is_a_handful_of_queries(client):
    things = build(3)
    count = queries_for(client, things["member"].get_absolute_url())
    print("member page queries", count)
    assert count <= 8


def test_article_page_shows_its_linked_members():
    from django.test import Client

    from tests.council.factories import link as link_member
    from tests.council.factories import make_member as new_member
    from tests.factories import make_article as new_article

    member = new_member("이상훈", party="국민의힘", district="시흥시 다선거구")
    former = new_member("박소영", is_active=False)
    story = new_article(headline="연구단체 벤치마킹")
    plain = new_article(headline="연결 없는 기사")
    link_member(member, story)
    link_member(former, story)
    html = Client().get(story.get_absolute_url()).content.decode()
    block = html.split("data-article-members", 1)[1].split("</section>", 1)[0]
    assert f'<a href="{member.get_absolute_url()}">이상훈 의원</a>' in block
    assert "국민의힘" in block and "시흥시 다선거구" in block
    assert f'<a href="{former.get_absolute_url()}">박소영 전 의원</a>' in block
    assert "data-article-members" not in Client().get(plain.get_absolute_url()).content.decode()


def test_member_page_shows_roles_committees_and_groups_read_with_the_member(client):
    from datetime import date

    from council.models import Committee

    member = make_member("이상훈")
    committee = Committee.objects.create(name="산업건설위원회")
    member.committees.add(committee)
    CouncilRole.objects.create(member=member, title="상임위원장", committee=committee, started_on=date(2024, 7, 1))  # fmt: skip
    CouncilRole.objects.create(member=member, title="부의장", started_on=date(2022, 7, 1), ended_on=date(2024, 6, 30))  # fmt: skip
    group = make_group("갯골 생태관광 활성화 연구회", members=[member], leader=member)
    link(member, make_article(headline="산업건설위 현장 점검"))
    html = client.get(member.get_absolute_url()).content.decode()
    roles = html.split("직책", 1)[1]
    assert "산업건설위원회 상임위원장 (2024.07.01~)" in roles
    assert "부의장 (2022.07.01~2024.06.30)" in roles
    assert "<li>산업건설위원회</li>" in html.split("소속 위원회", 1)[1]
    assert f'<a href="{group.get_absolute_url()}">갯골 생태관광 활성화 연구회</a> (대표)' in html
