"""Demo council (seed_demo): members, committees, the reference page's research group,
sessions, the reference story itself, and links from the seeded council stories.
Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from articles.models import Article, Byline, Reporter, Section
from council.mentions import article_text, mentioned_names
from council.models import (
    Committee,
    CouncilMember,
    CouncilRole,
    GroupArticle,
    MemberArticle,
    ResearchGroup,
    Session,
    SessionArticle,
)

COMMITTEES = [("의회운영위원회", 1), ("자치행정위원회", 2), ("산업건설위원회", 3)]
MEMBERS = [
    # (name, hanja, party, district, terms, committee, role)
    ("이상훈", "李相勳", "더불어민주당", "시흥시 가선거구", [8, 9], "산업건설위원회", None),
    ("박소영", "", "국민의힘", "시흥시 다선거구", [9], "산업건설위원회", None),
    ("오인열", "", "더불어민주당", "시흥시 나선거구", [8, 9], "의회운영위원회", "의장"),
    ("송미경", "", "국민의힘", "시흥시 라선거구", [9], "자치행정위원회", "상임위원장"),
    ("김영수", "", "더불어민주당", "시흥시 마선거구", [9], "자치행정위원회", None),
    ("정미란", "", "조국혁신당", "비례대표", [9], "자치행정위원회", None),
]
# 동명이인: an earlier 이상훈 who has left, so the desk sees two of the name.
FORMER = ("이상훈", "", "국민의힘", "시흥시 바선거구", [6, 7], date(2022, 6, 30))
GROUP = "시흥 미래산업 창업생태계 조성 연구회"
REFERENCE_LEGACY_ID = 900100
REFERENCE_HEADLINE = "시흥시의회 의원 연구단체, 창업생태계 활성화 위해 벤치마킹에 나서"
REFERENCE_BODY = """<p>시흥시의회 의원 연구단체 ‘시흥 미래산업 창업생태계 조성 연구회’(대표 이상훈 의원)가 9월 18일 창업생태계 활성화 방안을 모색하고자 네이버 1784와 경기창조경제혁신센터를 방문했다.</p>
<p>이날 벤치마킹에는 이상훈, 박소영 의원, 관계 공무원, 시흥산업진흥원, 시흥창업센터 관계자 등이 참석했다.</p>
<p>참석자들은 네이버 1784를 방문해 미래의 오피스와 모빌리티 등에 대한 설명을 들은 후 곳곳을 둘러보며 인공지능, 로보틱스, 모빌리티 등 미래 기술에 대한 의견을 나눴다.</p>
<p>이어 경기창조경제혁신센터를 방문해 창업을 시작하는 초기 단계의 기업에 성장할 수 있도록 도움을 주는 엑셀러레이팅 및 스타트업 관련 선진사례를 벤치마킹하는 시간을 가졌다.</p>
<p>특히 시흥시에서 올해 처음으로 펀드 투자 관련 사업을 추진 중이어서 담당 기관인 시흥산업진흥원과 의원들은 벤처기업 투자 등에 관해서 더욱 꼼꼼히 살펴보고 질문하는 등 소통의 시간을 가졌다.</p>
<p>박소영 의원은 “이번 벤치마킹을 통해 미래 산업 방향에 대해 다시 한번 고민해 보게 됐다”라며 “앞으로도 다양한 벤치마킹을 통해 미래 산업과 창업생태계 활성화 방안을 찾도록 노력하겠다”라고 다짐을 전했다.</p>
<p>이상훈 대표 의원은 “우리 시와 경기도 간 창업, 펀드 사업의 협업 기회를 마련하면 좋을 것 같다”라며, “우리 시에 접목할 수 있는 사례를 연구해 실질적인 결과물로 도출할 수 있도록 최선을 다하겠다”라고 의지를 밝혔다.</p>"""  # noqa: E501
SESSION_STORIES = 6


def seed_council() -> dict:
    committees = {
        name: Committee.objects.get_or_create(name=name, defaults={"order": order})[0]
        for name, order in COMMITTEES
    }
    members = {}
    for name, hanja, party, district, terms, committee, role in MEMBERS:
        member, created = CouncilMember.objects.get_or_create(
            name=name,
            district=district,
            defaults={"name_hanja": hanja, "party": party, "terms": terms},
        )
        if created:
            member.committees.add(committees[committee])
            if role:
                CouncilRole.objects.create(
                    member=member,
                    title=role,
                    committee=committees[committee] if role != "의장" else None,
                    started_on=date(2024, 7, 1),
                )
        members[name] = member
    name, hanja, party, district, terms, left_on = FORMER
    CouncilMember.objects.get_or_create(
        name=name,
        district=district,
        defaults={"party": party, "terms": terms, "is_active": False, "left_on": left_on},
    )
    group, created = ResearchGroup.objects.get_or_create(
        name=GROUP,
        defaults={
            "leader": members["이상훈"],
            "description": "창업생태계 활성화와 미래산업 육성 방안을 연구하는 의원 연구단체",
            "started_on": date(2025, 3, 1),
        },
    )
    if created:
        group.members.add(members["이상훈"], members["박소영"])
    today = timezone.localdate()
    past, _ = Session.objects.get_or_create(
        number=311,
        defaults={
            "kind": "정례회",
            "start_date": today - timedelta(days=40),
            "end_date": today - timedelta(days=25),
        },  # fmt: skip
    )
    current, _ = Session.objects.get_or_create(
        number=312,
        defaults={
            "kind": "임시회",
            "start_date": today - timedelta(days=2),
            "end_date": today + timedelta(days=6),
        },  # fmt: skip
    )
    return {"members": members, "group": group, "session": current, "past_session": past}


def seed_reference_story(council: dict) -> Article:
    """The reference page's story, linked to its members, group and a session."""
    story = Article.objects.filter(legacy_id=REFERENCE_LEGACY_ID).first()
    if story is None:
        published_at = timezone.now() - timedelta(hours=5)
        story = Article.objects.create(
            headline=REFERENCE_HEADLINE,
            section=Section.objects.get(slug="council"),
            body=REFERENCE_BODY,
            dateline="시흥타임즈",
            origin=Article.Origin.PRESS_RELEASE,
            status=Article.Status.PUBLISHED,
            legacy_id=REFERENCE_LEGACY_ID,
            created_at=published_at,
            content_updated_at=published_at,
            approved_at=published_at,
            published_at=published_at,
        )
        reporter = Reporter.objects.filter(name="김민준").first()
        if reporter:
            Byline.objects.create(article=story, reporter=reporter)
        story.tags.add("시흥시의회", "창업")
    GroupArticle.objects.get_or_create(group=council["group"], article=story)
    SessionArticle.objects.get_or_create(session=council["session"], article=story)
    return story


def link_council_stories(council: dict) -> int:
    """Seeded council stories: members they name (sitting ones; in the demo the desk has
    confirmed every suggestion), the current session for the newest, and the research
    group for its benchmarking stories."""
    members_by_name = {m.name: m for m in CouncilMember.objects.active()}
    stories = list(
        Article.objects.published()
        .filter(section__slug="council")
        .order_by("-published_at", "-pk")  # fmt: skip
    )
    links = 0
    for index, story in enumerate(stories):
        for name in mentioned_names(article_text(story), members_by_name):
            links += MemberArticle.objects.get_or_create(member=members_by_name[name], article=story)[1]  # fmt: skip
        if index < SESSION_STORIES:
            links += SessionArticle.objects.get_or_create(session=council["session"], article=story)[1]  # fmt: skip
        if "연구단체" in story.headline:
            links += GroupArticle.objects.get_or_create(group=council["group"], article=story)[1]
    return links


def seed() -> int:
    council = seed_council()
    seed_reference_story(council)
    return link_council_stories(council)
