"""An archive of generated Korean stories for the scale benchmarks: 10k, 100k or 1M articles.

Sections (with sub-sections), reporters, a few hundred library photos (sharing a handful
of real files drawn with Pillow, renditions made once), tags with a long tail, bylines,
the desk's related picks, home picks; readers' comments (most stories none, a long tail,
a few stories with hundreds, replies one level deep, some hidden or held); the council
(members over three terms with a 동명이인 pair, committees, roles, research groups, about
a hundred sessions, a tenth of the council section's stories linked to them); series
with their 회차, columns and their writers (opinion stories), video embeds in a few
bodies, photo galleries. Articles and their link rows go in by COPY (psycopg's
``cursor.copy``), so a million stories take minutes, with a progress bar.

It refuses a database that already holds articles unless ``--reset`` (which empties the
content tables first). The schema is migrated first. Deterministic for a given ``--seed``.

Run: .venv/bin/python bench/generate.py --articles 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench_1m
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_COLUMNS = (
    "id", "headline", "subheadline", "slug", "body", "summary", "dateline", "origin", "status",
    "legacy_id", "created_at", "updated_at", "content_updated_at", "approved_at",
    "published_at", "section_id", "lead_image_id", "version", "rejection_reason",
    "comments_open", "series_id", "series_part", "column_id",
)  # fmt: skip
COMMENT_COLUMNS = (
    "id", "article_id", "parent_id", "name", "password", "body", "status", "held_reason",
    "report_count", "address_hash", "email_hash", "created_at",
)  # fmt: skip
# Everything an archive of stories fills, emptied by --reset (users and settings stay).
CONTENT_TABLES = (
    "comments_commentreport", "comments_comment",
    "council_memberarticle", "council_sessionarticle", "council_grouparticle",
    "council_committeearticle", "council_councilrole", "council_researchgroup_members",
    "council_researchgroup", "council_councilmember_committees", "council_councilmember",
    "council_committee", "council_session",
    "articles_galleryphoto",
    "articles_articlesearchindex",
    "newsroom_homepick", "newsroom_homeblock", "newsroom_articleread",
    "articles_relatedarticle", "articles_relatedlink", "articles_byline", "taggit_taggeditem",
    "taggit_tag", "articles_article", "articles_column", "articles_series",
    "articles_reporter", "articles_section", "newsroom_banner", "articles_image",
)  # fmt: skip

SECTIONS = [
    # (slug, name, parent slug, share of the stories)
    ("politics", "정치", None, 6),
    ("council", "시흥시의회", "politics", 12),
    ("city-hall", "시흥시청", "politics", 10),
    ("assembly", "국회·도의회", "politics", 3),
    ("society", "사회", None, 12),
    ("welfare", "복지", "society", 5),
    ("environment", "환경", "society", 4),
    ("incident", "사건사고", "society", 4),
    ("economy", "경제", None, 8),
    ("startup", "창업", "economy", 3),
    ("market", "전통시장", "economy", 2),
    ("education", "교육", None, 7),
    ("school", "학교", "education", 3),
    ("culture", "문화", None, 6),
    ("festival", "축제", "culture", 3),
    ("sports", "스포츠", None, 5),
    ("opinion", "오피니언", None, 3),
    ("column", "칼럼", "opinion", 2),
    ("media", "미디어", None, 2),
    ("people", "사람들", None, 2),
]

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ["민준", "서연", "지훈", "유나", "하늘", "도윤", "지우", "서준", "하은", "예준", "수아",
         "시우", "지아", "주원", "다은", "현우", "채원", "건우", "소율", "우진"]  # fmt: skip
TITLES = ["기자"] * 8 + ["선임기자", "편집국장", "객원기자", "사진기자"]

PLACES = ["배곧신도시", "은계지구", "목감동", "정왕동", "월곶포구", "오이도", "거북섬", "갯골생태공원",
          "장곡동", "능곡동", "대야동", "신천동", "물왕저수지", "시흥시청", "시흥시의회", "하중동",
          "연성동", "과림동", "매화동", "군자동", "시화호", "시화MTV", "관곡지", "소래산"]  # fmt: skip
PEOPLE = ["이상훈 의원", "박소영 의원", "김영철 시장", "오인열 의장", "유병욱 사장", "한정숙 교육장",
          "최진호 센터장", "송미경 위원장", "안돈의 의원", "김찬심 의원", "성훈창 부의장"]  # fmt: skip
TOPICS = ["조례안 심사", "행정사무감사", "예산안 의결", "본회의 개회", "5분 자유발언", "시정질문",
          "민원 서비스 개선", "스마트시티 사업", "버스 노선 개편", "청년 정책 발표", "공원 조성",
          "재난 대비 훈련", "교통안전 캠페인", "복지관 개관", "자원봉사 활동", "주민자치 박람회",
          "하천 정화 활동", "어르신 일자리 사업", "창업생태계 활성화", "전통시장 상생",
          "지역화폐 할인", "중소기업 수출 상담회", "혁신교육지구 사업", "학교 급식 개선",
          "방과후 돌봄 확대", "평생학습 축제", "갯골축제 개막", "연꽃테마파크 음악회",
          "시립합창단 정기공연", "시민체육대회", "마라톤 대회", "유소년 축구교실",
          "도시계획 변경", "주차장 확충", "미세먼지 저감", "탄소중립 실천"]  # fmt: skip
HEADLINE_FORMS = [
    "{place} {topic}, 주민 의견 듣는다",
    "시흥시의회, {topic} 본회의 통과",
    "{person} “{topic} 끝까지 챙기겠다”",
    "{place}에서 {topic}… 시민 100여 명 참여",
    "시흥시, {place} {topic} 추진",
    "[현장] {place} {topic} 첫날 가 보니",
    "{topic} 두고 의원들 엇갈린 목소리",
    "{place} 주민들 “{topic} 서둘러야”",
    "시흥시의회 {topic}… {person} 대표 발의",
    "[단독] {place} {topic} 예산 {number}억 원 확보",
]  # fmt: skip
SENTENCES = [
    "{place} 일대에서 열린 이번 행사에는 주민과 관계자 등 {number}0여 명이 참석했다.",
    "{person}은 “{topic}을 통해 시민의 삶이 실제로 나아지도록 끝까지 챙기겠다”고 밝혔다.",
    "시는 올해 하반기까지 {topic} 관련 세부 계획을 마련해 단계적으로 추진할 방침이다.",
    "참석자들은 {place}의 현황을 둘러본 뒤 개선 방안에 대해 의견을 나눴다.",
    "시흥시의회는 제{number}회 임시회 본회의에서 관련 조례안을 원안대로 가결했다.",
    "관계 공무원과 전문가들은 예산과 일정, 주민 불편을 줄이는 방법을 꼼꼼히 살폈다.",
    "한편 {place}에서는 지난해에도 비슷한 사업이 진행돼 좋은 반응을 얻은 바 있다.",
    "{person}은 “앞으로도 현장의 목소리를 듣고 실질적인 결과물로 이어지도록 노력하겠다”고 덧붙였다.",
    "시민들은 {topic}에 대해 대체로 환영하면서도 꾸준한 관리가 필요하다는 의견을 냈다.",
    "자세한 내용은 시 누리집이나 {place} 행정복지센터에서 확인할 수 있다.",
    "의원들은 집행부에 {topic}의 추진 상황을 분기마다 보고하라고 요구했다.",
    "사업비는 국비와 도비, 시비를 합쳐 모두 {number}억 원 규모다.",
]  # fmt: skip
BASE_TAGS = ["시흥시", "시흥시의회", "본회의", "의원", "예산", "배곧", "창업", "복지", "교육",
             "축제", "교통", "환경", "청년", "시민", "갯골", "스포츠", "문화", "조례", "행정사무감사",
             "시장", "주민자치", "도시계획", "일자리", "어르신", "학교"]  # fmt: skip

COMMENT_NAMES = ["시흥시민", "배곧주민", "정왕동 주민", "은계맘", "목감아빠", "갯골산책", "월곶어부",
                 "오이도", "소래산", "대야동", "시흥청년", "학부모", "자영업자", "직장인", "어르신"]  # fmt: skip
COMMENT_BODIES = [
    "좋은 기사 감사합니다.", "이런 소식은 처음 듣네요. 꼭 가 보겠습니다.",
    "{topic}, 말만 하지 말고 제대로 했으면 좋겠습니다.", "{place} 주민으로서 정말 반가운 소식입니다.",
    "예산이 {number}억 원이라니 꼼꼼히 따져 봐야 합니다.", "작년에도 비슷한 얘기 나왔는데 달라진 게 없네요.",
    "{person} 응원합니다!", "주차 문제부터 해결해 주세요.", "아이들 데리고 다녀왔는데 좋았어요.",
    "{place}은(는) 늘 뒷전인 것 같아 아쉽습니다.", "기사 내용 중 날짜가 틀린 것 같습니다. 확인 부탁드려요.",
    "시의회는 {topic} 결과를 시민에게 공개해 주세요.", "이게 왜 이제야 되는지 모르겠네요.",
]  # fmt: skip
# (status, share per thousand, held reason, report count range)
COMMENT_STATUSES = [("published", 900, "", (0, 1)), ("hidden", 30, "", (3, 6)),
                    ("pending", 30, "금칙어", (0, 0)), ("rejected", 20, "", (0, 2)),
                    ("withdrawn", 20, "", (0, 0))]  # fmt: skip
COUNCIL_MEMBERS = [
    # Term 9 (the sitting council): the first six served in term 8 too, 2–4 in term 7 too.
    "이상훈", "박소영", "오인열", "송미경", "김영수", "정미란", "성훈창", "안돈의", "김찬심",
    "윤석진", "한지혜", "최민호", "서은정",
    # Term 8 only (13–16 in term 7 too), then term 7 only.
    "장현석", "임수빈", "강동원", "홍미정", "권오준", "황보람", "조재훈", "신유진",
    "문기현", "배수정", "유정란", "노승철", "전해숙", "남궁민", "구자영",
]  # fmt: skip
# Term n began on July 1st of this year (4-year terms).
TERM_STARTS = {7: 2014, 8: 2018, 9: 2022}
COMMITTEES = [("의회운영위원회", "standing"), ("자치행정위원회", "standing"),
              ("산업건설위원회", "standing"), ("예산결산특별위원회", "special")]  # fmt: skip
RESEARCH_GROUPS = ["시흥 미래산업 창업생태계 조성 연구회", "갯골 생태관광 활성화 연구회",
                   "시흥 청년정책 연구회"]  # fmt: skip
SESSIONS = 100
SERIES = 200  # at most: one per 200 stories in a small archive
COLUMNS = [
    # (name, writer: a reporter's index, or an outside writer's name and title)
    ("데스크 칼럼", 0, ""), ("현장에서", 1, ""), ("기자의 눈", 2, ""), ("시흥 톺아보기", 3, ""),
    ("시민의 창", "김정희", "시흥시민대학 교수"), ("갯골 편지", "박동수", "시인"),
    ("교육 이야기", "이은주", "초등학교 교사"), ("경제 읽기", "최성민", "시흥상공회의소 연구위원"),
    ("오이도 일기", "정해린", "소설가"), ("의정 단상", "한승우", "전 시의원"),
    ("청년의 목소리", "윤다인", "대학생 기자"), ("생활 법률", "오재석", "변호사"),
]  # fmt: skip
INACTIVE_COLUMNS = 2  # the last ones, no longer running
VIDEO_SHARE = 0.03
GALLERY_SHARE = 0.01
COUNCIL_LINK_SHARE = 0.10  # of the council section's stories

REAL_PHOTOS = 6
LIBRARY_PHOTOS = 300
REPORTERS = 80
TAG_COUNT = 3000
BATCH = 20_000


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="10000, 100000, 1000000 …")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="postgres://… of the bench database (default: $DATABASE_URL)",
    )
    parser.add_argument("--reset", action="store_true", help="empty the content tables first")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument(
        "--search-index",
        action="store_true",
        help="also write every story's search vector (from a pool of paragraphs analysed once)",
    )
    options = parser.parse_args(argv)
    if options.articles < 1:
        parser.error("--articles must be at least 1")
    if not options.database_url:
        parser.error(
            "--database-url (or DATABASE_URL) is required: the bench never writes to the site's database by accident"
        )
    return options


def setup_django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def progress(total: int, label: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=" rows", unit_scale=True, file=sys.stderr)


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def prepare_database(reset: bool):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article")
        (existing,) = cursor.fetchone()
        if existing and not reset:
            raise SystemExit(
                f"{connection.settings_dict['NAME']} already holds {existing} articles: "
                "pass --reset to empty it first"
            )
        if reset:
            cursor.execute(f"TRUNCATE {', '.join(CONTENT_TABLES)} RESTART IDENTITY CASCADE")


def make_sections():
    from articles.models import Section

    made = {}
    for order, (slug, name, parent, _share) in enumerate(SECTIONS):
        made[slug] = Section.objects.create(
            slug=slug, name=name, parent=made.get(parent), order=(order + 1) * 10
        )
    return [made[slug] for slug, *_ in SECTIONS], [share for *_, share in SECTIONS]


def make_images(rng: random.Random):
    """A handful of real photos (renditions made the normal way), then a library of rows
    that reuse their files, as many stories reuse a few file photos."""
    from django.core.files.base import ContentFile

    from articles.demo import draw_photo, draw_portrait
    from articles.models import Image

    real = []
    for n in range(REAL_PHOTOS):
        image = Image(alt_text=f"시흥 풍경 {n + 1}", caption="시흥 전경", credit="사진=시흥뉴스룸")
        image.file.save(f"bench-{n + 1:02d}.jpg", ContentFile(draw_photo(n, f"BENCH {n + 1}")), save=False)  # fmt: skip
        image.save()
        real.append(image)
    portrait = Image(alt_text="기자 사진", credit="시흥뉴스룸")
    portrait.file.save("bench-portrait.jpg", ContentFile(draw_portrait(1)), save=False)
    portrait.save()
    library = [
        Image(
            file=source.file.name,
            alt_text=f"{rng.choice(PLACES)} {rng.choice(TOPICS)} 현장",
            caption=f"{rng.choice(PLACES)}에서 열린 {rng.choice(TOPICS)}",
            credit="사진=시흥뉴스룸",
            width=source.width,
            height=source.height,
            renditions=source.renditions,
        )
        for source in (real[n % REAL_PHOTOS] for n in range(LIBRARY_PHOTOS - REAL_PHOTOS))
    ]
    Image.objects.bulk_create(library)
    return [image.pk for image in real + library], portrait


def make_reporters(rng: random.Random, portrait):
    from articles.models import Reporter

    names = [s + g for s, g in itertools.product(SURNAMES, GIVEN)]
    rng.shuffle(names)
    reporters = [
        Reporter(
            name=name,
            title=rng.choice(TITLES),
            email=f"reporter{n}@example.kr",
            photo=portrait if n % 3 == 0 else None,
            bio=f"{name} 기자. 시흥의 구석구석을 발로 뛰며 전합니다.",
            is_active=n < REPORTERS - 10,
        )
        for n, name in enumerate(names[:REPORTERS])
    ]
    reporters += [Reporter(name="연합뉴스", title=""), Reporter(name="시민기고", title="기고자")]
    return [r.pk for r in Reporter.objects.bulk_create(reporters)]


def make_tags(rng: random.Random):
    from django.utils.text import slugify
    from taggit.models import Tag

    names = list(BASE_TAGS)
    seen = set(names)
    pool = PLACES + [p.split()[0] for p in PEOPLE] + TOPICS
    for left, right in itertools.product(pool, pool):
        if len(names) >= TAG_COUNT:
            break
        name = f"{left} {right}"
        if left != right and name not in seen:
            seen.add(name)
            names.append(name)
    head, tail = names[: len(BASE_TAGS)], names[len(BASE_TAGS) :]
    rng.shuffle(tail)
    tags = [Tag(name=name, slug=slugify(name, allow_unicode=True)) for name in head + tail]
    return [t.pk for t in Tag.objects.bulk_create(tags)]


def make_council(rng: random.Random, span_start, now):
    """Members over terms 7–9 (two 이상훈: the sitting one and a former one), committees,
    roles, research groups and ``SESSIONS`` sessions spread over the archive, the last
    under way today. Returns what the article loop needs to link stories."""
    from datetime import date

    from django.conf import settings
    from django.utils import timezone

    from council.models import (
        Committee,
        CouncilMember,
        CouncilRole,
        ResearchGroup,
        Session,
    )

    parties = list(settings.COUNCIL_PARTIES)
    letters = "가나다라마바"
    committees = Committee.objects.bulk_create(
        Committee(name=name, kind=kind, order=n + 1) for n, (name, kind) in enumerate(COMMITTEES)
    )
    members, terms_of = [], []
    for n in range(len(COUNCIL_MEMBERS)):
        if n < 13:
            terms = [9] + ([8] if n < 6 else []) + ([7] if 2 <= n < 5 else [])
        elif n < 21:
            terms = [8] + ([7] if n < 17 else [])
        else:
            terms = [7]
        terms_of.append(sorted(terms))
    terms_of.append([7])  # the former 이상훈, 동명이인 of the sitting one
    names = COUNCIL_MEMBERS + ["이상훈"]
    for n, (name, terms) in enumerate(zip(names, terms_of, strict=True)):
        sitting = 9 in terms
        last = max(terms)
        members.append(
            CouncilMember(
                name=name,
                party=parties[n % len(parties)] if n % 9 else "무소속",
                district="비례대표" if n % 7 == 6 else f"시흥시 {letters[n % len(letters)]}선거구",
                terms=terms,
                phone=f"031-310-{6000 + n}",
                bio=f"{'·'.join(f'제{t}대' for t in terms)} 시흥시의회 의원.",
                is_active=sitting,
                left_on=None if sitting else date(TERM_STARTS[last] + 4, 6, 30),
            )
        )
    members = CouncilMember.objects.bulk_create(members)
    standing = [c for c in committees if c.kind == "standing"]
    Through = CouncilMember.committees.through
    Through.objects.bulk_create(
        [Through(councilmember_id=m.pk, committee_id=standing[n % len(standing)].pk) for n, m in enumerate(members)]
        + [Through(councilmember_id=m.pk, committee_id=committees[-1].pk) for m in members[:13:2]]
    )  # fmt: skip
    term_start = date(TERM_STARTS[9], 7, 1)
    roles = [CouncilRole(member=members[2], title="의장", started_on=term_start),
             CouncilRole(member=members[6], title="부의장", started_on=term_start)]  # fmt: skip
    roles += [
        CouncilRole(member=members[3 + n], title="상임위원장", committee=c, started_on=term_start)
        for n, c in enumerate(standing)
    ]
    roles.append(CouncilRole(member=members[13], title="의장", started_on=date(2018, 7, 1),
                             ended_on=date(2022, 6, 30)))  # fmt: skip
    CouncilRole.objects.bulk_create(roles)
    groups = []
    for n, name in enumerate(RESEARCH_GROUPS):
        group = ResearchGroup.objects.create(
            name=name,
            leader=members[n],
            description=f"{name}: 의원 연구단체",
            started_on=date(2023 + n % 2, 3, 1),
        )
        group.members.add(*members[n : n + 4])
        groups.append(group.pk)
    today = timezone.localdate(now)
    first = timezone.localdate(span_start)
    gap = (today - first) / SESSIONS
    sessions = []
    for n in range(SESSIONS):
        number = 313 - SESSIONS + n
        start = first + gap * n if n < SESSIONS - 1 else today - timedelta(days=2)
        end = start + timedelta(days=rng.randint(3, 20)) if n < SESSIONS - 1 else today + timedelta(days=6)  # fmt: skip
        sessions.append(Session(number=number, kind="정례회" if number % 5 == 0 else "임시회",
                                start_date=start, end_date=end))  # fmt: skip
    sessions = Session.objects.bulk_create(sessions)
    by_term = {
        term: [m.pk for m, terms in zip(members, terms_of, strict=True) if term in terms]
        for term in TERM_STARTS
    }
    return {
        "by_term": by_term,
        # The term's first members are the busiest (a chair, a floor leader).
        "weights": {
            term: list(itertools.accumulate(zipf_weights(len(pks), 1.0)))
            for term, pks in by_term.items()
        },  # fmt: skip
        "session_starts": [s.start_date for s in sessions],
        "session_ids": [s.pk for s in sessions],
        "committee_ids": [c.pk for c in committees],
        "group_ids": groups,
    }


def council_term(day) -> int:
    for term in (9, 8):
        if (day.year, day.month) >= (TERM_STARTS[term], 7):
            return term
    return 7


def make_series(rng: random.Random, total: int, per_day: float, image_ids):
    """Up to ``SERIES`` series, each a run of 3–25 parts about a week apart. Returns
    {article pk: (series id, 회차)}."""
    from articles.models import Series

    count = max(2, min(SERIES, total // 200))
    series = Series.objects.bulk_create(
        Series(
            name=f"[기획] {rng.choice(PLACES)}, {rng.choice(TOPICS)} ({n + 1})",
            slug=f"series-{n + 1:03d}",
            description="시흥의 오늘을 여러 회에 걸쳐 짚습니다.",
            image_id=rng.choice(image_ids) if n % 2 else None,
            is_running=n >= count - count // 10,
        )
        for n in range(count)
    )
    parts: dict[int, tuple[int, int]] = {}
    for n, one in enumerate(series):
        size = rng.randint(3, 25)
        stride = max(1, round(per_day * rng.uniform(3, 10)))
        # The running ones end near today; the rest anywhere in the archive.
        last = max(1, total - 10 - n) if one.is_running else rng.randint(min(total, size * stride), total)  # fmt: skip
        pk = max(1, last - (size - 1) * stride)
        for part in range(1, size + 1):
            while pk in parts:
                pk += 1
            if pk > total:
                break
            parts[pk] = (one.pk, part)
            pk += stride
    return parts


def make_columns(reporter_ids, portrait):
    from articles.models import Column

    columns = []
    for n, (name, writer, title) in enumerate(COLUMNS):
        own = isinstance(writer, int)
        columns.append(
            Column(
                name=name,
                slug=f"column-{n + 1:02d}",
                reporter_id=reporter_ids[writer] if own else None,
                writer_name="" if own else writer,
                writer_title="" if own else title,
                photo=None if own else portrait,
                description=f"{name}: 오피니언 칼럼",
                order=(n + 1) * 10,
                is_active=n < len(COLUMNS) - INACTIVE_COLUMNS,
            )
        )
    return [c.pk for c in Column.objects.bulk_create(columns)]


class Comments:
    """Readers' comments of one story: none for most, a long tail, hundreds for a few;
    a quarter of the later ones reply to an earlier top-level comment (one level)."""

    def __init__(self, rng: random.Random, writer):
        from django.contrib.auth.hashers import make_password

        self.rng = rng
        self.password = make_password("bench")  # one hash for all: they are never checked
        self.bodies = [writer._fill(body) for body in COMMENT_BODIES for _ in range(4)]
        self.statuses = [(status, reason, reports) for status, share, reason, reports in COMMENT_STATUSES for _ in range(share)]  # fmt: skip
        self.ids = itertools.count(1)

    def count(self, heavy: bool) -> int:
        if heavy:
            return self.rng.randint(200, 420)
        roll = self.rng.random()
        if roll < 0.92:
            return 0
        if roll < 0.99:
            return self.rng.randint(1, 5)
        if roll < 0.999:
            return self.rng.randint(6, 30)
        return self.rng.randint(31, 120)

    def rows(self, pk: int, published_at, count: int):
        rng, roots, rows = self.rng, [], []
        for n in range(count):
            comment_id = next(self.ids)
            parent = rng.choice(roots) if roots and rng.random() < 0.25 else None
            if parent is None:
                roots.append(comment_id)
            status, reason, reports = rng.choice(self.statuses)
            rows.append((
                comment_id, pk, parent, f"{rng.choice(COMMENT_NAMES)}{rng.randint(1, 999)}",
                self.password, rng.choice(self.bodies), status, reason,
                rng.randint(*reports), "", "",
                published_at + timedelta(minutes=n * 3 + rng.randint(1, 600)),
            ))  # fmt: skip
        return rows


class Writer:
    """Korean headlines and bodies from the vocabulary; bodies reuse a pool of paragraphs
    so a million stories do not cost a million paragraph builds."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.paragraphs = [self._paragraph() for _ in range(4000)]

    def _fill(self, form: str) -> str:
        rng = self.rng
        return form.format(
            place=rng.choice(PLACES),
            person=rng.choice(PEOPLE),
            topic=rng.choice(TOPICS),
            number=rng.randint(2, 98),
        )

    def _paragraph(self) -> str:
        return "<p>" + " ".join(self._fill(s) for s in self.rng.sample(SENTENCES, 3)) + "</p>"

    def headline(self) -> str:
        return self._fill(self.rng.choice(HEADLINE_FORMS))

    def body(self) -> str:
        parts = self.rng.sample(self.paragraphs, self.rng.randint(3, 7))
        if self.rng.random() < 0.2:
            parts.insert(2, f"<h2>{self._fill('{topic}, 무엇이 달라지나')}</h2>")
        if self.rng.random() < VIDEO_SHARE:
            parts.insert(1, self.video())
        self.last_parts = parts  # for SearchVectors: a body is analysed as its blocks
        return "".join(parts)

    def video(self) -> str:
        """A video embed as the sanitizer stores the editor's (articles/embeds.py)."""
        rng = self.rng
        if rng.random() < 0.8:
            code = "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", k=11))  # fmt: skip
            provider, src, title = (
                "youtube",
                f"https://www.youtube.com/embed/{code}",
                "유튜브 동영상",
            )
        else:
            provider, src, title = "navertv", f"https://tv.naver.com/embed/{rng.randint(10**7, 10**8)}", "네이버TV 동영상"  # fmt: skip
        return (
            f'<figure data-video="{provider}"><iframe src="{src}" title="{title}" allowfullscreen="">'
            f"</iframe><figcaption>{self._fill('{place} {topic} 현장 영상')}</figcaption></figure>"
        )

    def summary(self) -> str:
        return self._fill(self.rng.choice(SENTENCES)) if self.rng.random() < 0.3 else ""


class SearchVectors:
    """Each story's search vector, as PostgresBackend.index() writes it, without analysing
    100,000 bodies: a body is a few of the Writer's 4,000 paragraphs, so each distinct
    block (paragraph, sub-heading) and each distinct headline, summary, tag list and byline
    is analysed once (Kiwi batches) and a body's units are its blocks' units in order.
    Kiwi reads each block as the sentences it is, so the vector is the one the backend
    would write (bench/search.py compares a sample with the backend's own)."""

    def __init__(self, reporter_ids, tag_ids):
        from taggit.models import Tag

        from articles.models import Reporter

        self.reporter_names = dict(Reporter.objects.filter(pk__in=reporter_ids).values_list("pk", "name"))  # fmt: skip
        self.tag_names = dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name"))
        self.analysed: dict[str, tuple] = {}
        self.block_texts: dict[str, str] = {}

    def _analyse(self, texts):
        from articles.search import analyzer

        missing = list({text for text in texts if text and text not in self.analysed})
        for start in range(0, len(missing), 2000):
            chunk = missing[start : start + 2000]
            for text, found in zip(chunk, analyzer.units_many(chunk), strict=True):
                self.analysed[text] = tuple(found)

    def _text(self, block, html_text):
        if block not in self.block_texts:
            self.block_texts[block] = html_text(block)
        return self.block_texts[block]

    def rows(self, stories, now):
        """(article_id, tsvector text, indexed_at) of (pk, headline, subheadline, summary,
        body blocks, reporter ids, tag ids) stories."""
        from articles.search.postgres import tsvector_text
        from articles.search.text import html_text

        documents = []
        for pk, headline, subheadline, summary, blocks, reporters, tags in stories:
            blocks = [self._text(block, html_text) for block in blocks]
            fields = [
                ("A", headline),
                ("A", " ".join(self.tag_names[tag] for tag in tags)),
                ("B", subheadline),
                ("B", summary),
                ("B", " ".join(self.reporter_names[reporter] for reporter in reporters)),
            ]
            documents.append((pk, fields, blocks))
        self._analyse(
            text for _, fields, blocks in documents for text in [t for _, t in fields] + blocks
        )
        rows = []
        for pk, fields, blocks in documents:
            body = " ".join(blocks)
            analysed = {text: self.analysed[text] for _, text in fields if text}
            analysed[body] = tuple(unit for block in blocks for unit in self.analysed.get(block, ()))  # fmt: skip
            rows.append((pk, tsvector_text(fields + [("C", body)], analysed), now))
        return rows


def copy_rows(cursor, table: str, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def make_articles(options, rng, section_ids, section_shares, image_ids, reporter_ids, tag_ids, portrait):  # fmt: skip
    """Articles, bylines, tags, related picks, comments, council links and galleries, in
    batches of COPY, newest last (ids grow with publication time, as in a real archive)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from articles.models import Article, Section

    total = options.articles
    writer = Writer(rng)
    now = timezone.now()
    # Ten stories a day at 10k would be three years; a million stories span fifteen.
    span = timedelta(days=max(365 * 3, min(365 * 15, total // 60)))
    step = span / total
    council = make_council(rng, now - span, now)
    series_parts = make_series(rng, total, total / span.days, image_ids)
    column_ids = make_columns(reporter_ids, portrait)
    column_weights = list(itertools.accumulate(zipf_weights(len(column_ids), 0.7)))
    slugs = dict(Section.objects.values_list("pk", "slug"))
    council_section = next(pk for pk, slug in slugs.items() if slug == "council")
    opinion_sections = {pk for pk, slug in slugs.items() if slug in ("opinion", "column")}
    comments = Comments(rng, writer)
    # A few stories readers pile into (hundreds of comments), spread over the archive.
    heavy = set(rng.sample(range(max(1, total // 10), max(2, total - 3)), k=min(total // 3, max(3, total // 100_000))))  # fmt: skip
    link_ids = {table: itertools.count(1) for table in ("member", "session", "committee", "group")}
    gallery_id = itertools.count(1)
    content_type = ContentType.objects.get_for_model(Article).pk
    tag_weights = list(itertools.accumulate(zipf_weights(len(tag_ids), 0.9)))
    reporter_weights = list(itertools.accumulate(zipf_weights(len(reporter_ids), 0.5)))
    section_weights = list(itertools.accumulate(section_shares))
    statuses = ["published"] * 940 + ["draft"] * 30 + ["review"] * 15 + ["unpublished"] * 15
    byline_id, tagged_id, related_id = itertools.count(1), itertools.count(1), itertools.count(1)
    vectors = SearchVectors(reporter_ids, tag_ids) if options.search_index else None

    bar = progress(total, "articles")
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own, for COPY
        gin_definition = None
        if vectors:
            # Built once at the end, as a bulk load should: the index keeps no pending
            # list (articles/search/models.py), so COPY would otherwise update it row by row.
            cursor.execute("SELECT pg_get_indexdef('article_search_vector_gin'::regclass)")
            (gin_definition,) = cursor.fetchone()
            cursor.execute("DROP INDEX article_search_vector_gin")
        for start in range(1, total + 1, BATCH):
            articles, bylines, tagged, related, stories = [], [], [], [], []
            thread, gallery = [], []
            links = {table: [] for table in link_ids}
            for pk in range(start, min(start + BATCH, total + 1)):
                published_at = now - span + step * pk - timedelta(seconds=rng.randint(0, 600))
                status = rng.choice(statuses)
                if pk > total - 3 and total > 100:
                    # A few scheduled stories: published, their time still to come.
                    status, published_at = "published", now + timedelta(hours=pk - total + 4)
                elif pk in heavy:
                    status = "published"
                section_id = rng.choices(section_ids, cum_weights=section_weights)[0]
                series_id, series_part = series_parts.get(pk, (None, None))
                column_id = None
                if section_id in opinion_sections and rng.random() < 0.7:
                    column_id = rng.choices(column_ids, cum_weights=column_weights)[0]
                headline = writer.headline()
                subheadline = writer._fill("{person}, {topic} 관련 입장 밝혀") if rng.random() < 0.4 else ""  # fmt: skip
                body, summary = writer.body(), writer.summary()
                articles.append(
                    (
                        pk, headline, subheadline,
                        slugify(headline, allow_unicode=True)[:120] or "article",
                        body, summary,
                        "[시흥뉴스룸]" if rng.random() < 0.5 else "",
                        "own" if rng.random() < 0.8 else rng.choice(["press", "contribution", "wire"]),
                        status,
                        pk if pk % 3 == 0 else None,
                        published_at - timedelta(hours=2), published_at, published_at,
                        published_at if status != "draft" else None,
                        published_at if status != "draft" else None,
                        section_id,
                        rng.choice(image_ids) if rng.random() < 0.7 else None,
                        1,  # version: the optimistic lock's first
                        "",  # rejection_reason
                        True,  # comments_open
                        series_id, series_part, column_id,
                    )
                )  # fmt: skip
                if status == "published" and published_at < now:
                    thread += comments.rows(pk, published_at, comments.count(pk in heavy))
                if section_id == council_section and rng.random() < COUNCIL_LINK_SHARE:
                    _link_council(rng, council, links, link_ids, pk, timezone.localdate(published_at))  # fmt: skip
                if rng.random() < GALLERY_SHARE:
                    for order, image in enumerate(rng.sample(image_ids, rng.randint(4, 12))):
                        gallery.append((next(gallery_id), pk, image, "", order))
                story_reporters = _distinct(
                    rng, reporter_ids, reporter_weights, rng.choice((1, 1, 1, 1, 2, 2, 3))
                )
                for order, reporter in enumerate(story_reporters):
                    bylines.append((next(byline_id), pk, reporter, order))
                story_tags = _distinct(
                    rng, tag_ids, tag_weights, rng.choice((0, 1, 2, 2, 3, 3, 4, 5))
                )
                for tag in story_tags:
                    tagged.append((next(tagged_id), pk, content_type, tag))
                if vectors:
                    stories.append((pk, headline, subheadline, summary, writer.last_parts, story_reporters, story_tags))  # fmt: skip
                if pk > 10 and rng.random() < 0.03:
                    older = {
                        rng.randint(max(1, pk - 5000), pk - 1) for _ in range(rng.randint(1, 3))
                    }
                    for order, other in enumerate(sorted(older, reverse=True)):
                        related.append((next(related_id), pk, other, order))
            with transaction.atomic():
                copy_rows(cursor, "articles_article", ARTICLE_COLUMNS, articles)
                copy_rows(
                    cursor,
                    "articles_byline",
                    ("id", "article_id", "reporter_id", '"order"'),
                    bylines,
                )
                copy_rows(
                    cursor,
                    "taggit_taggeditem",
                    ("id", "object_id", "content_type_id", "tag_id"),
                    tagged,
                )
                copy_rows(cursor, "articles_relatedarticle", ("id", "article_id", "related_id", '"order"'), related)  # fmt: skip
                copy_rows(cursor, "comments_comment", COMMENT_COLUMNS, thread)
                for table, rows in links.items():
                    copy_rows(cursor, f"council_{table}article", ("id", "article_id", f"{table}_id"), rows)  # fmt: skip
                copy_rows(cursor, "articles_galleryphoto", ("id", "article_id", "image_id", "caption", '"order"'), gallery)  # fmt: skip
                if vectors:
                    copy_rows(
                        cursor,
                        "articles_articlesearchindex",
                        ("article_id", "search_vector", "indexed_at"),
                        vectors.rows(stories, now),
                    )
            bar.update(len(articles))
        bar.close()
        if gin_definition:
            print("search index (GIN) …", file=sys.stderr)
            cursor.execute(gin_definition)
        for table in (
            "articles_article",
            "articles_byline",
            "taggit_taggeditem",
            "articles_relatedarticle",
            "comments_comment",
            "articles_galleryphoto",
            *(f"council_{table}article" for table in link_ids),
        ):
            # An empty table (a tiny archive) leaves its sequence at the start.
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), m) FROM (SELECT max(id) AS m FROM {table}) t WHERE m IS NOT NULL"
            )


def _link_council(rng, council, links, link_ids, pk, day):
    """A council story names one to three members of the term it was written in, and
    often the session under way (or just past), sometimes a committee or a group."""
    term = council_term(day)
    for member in _distinct(rng, council["by_term"][term], council["weights"][term], rng.choice((1, 1, 2, 3))):  # fmt: skip
        links["member"].append((next(link_ids["member"]), pk, member))
    session = bisect.bisect_right(council["session_starts"], day) - 1
    if session >= 0 and rng.random() < 0.6:
        links["session"].append((next(link_ids["session"]), pk, council["session_ids"][session]))
    if rng.random() < 0.2:
        links["committee"].append((next(link_ids["committee"]), pk, rng.choice(council["committee_ids"])))  # fmt: skip
    if rng.random() < 0.05:
        links["group"].append((next(link_ids["group"]), pk, rng.choice(council["group_ids"])))


def _distinct(rng: random.Random, population, cum_weights, count: int) -> list:
    chosen: list = []
    for _ in range(count * 3):
        if len(chosen) >= count:
            break
        pick = rng.choices(population, cum_weights=cum_weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def make_home_picks():
    from articles.models import Article
    from newsroom.models import HomeCuration, HomePick

    curation = HomeCuration.objects.filter(pk=1).first() or HomeCuration()
    curation.save()
    newest = list(Article.objects.published().order_by("-published_at").values_list("pk", flat=True)[:40])  # fmt: skip
    picks = [HomePick(curation=curation, article_id=newest[3], kind=HomePick.Kind.HEADLINE)]
    picks += [
        HomePick(curation=curation, article_id=pk, kind=HomePick.Kind.FEATURED, order=n)
        for n, pk in enumerate(newest[10:13])
    ]
    HomePick.objects.bulk_create(picks)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        # `make bench` runs every script in bench/ without arguments: nothing to generate.
        print(
            "bench/generate.py: give --articles N --database-url URL (see --help); bench/scale.py calls it."
        )
        return
    options = parse_args(argv)
    setup_django(options.database_url)
    generate(options)


def generate(options):
    """The archive, into the database Django is set up with (tests call this directly)."""
    from django.db import connection

    started = time.monotonic()
    prepare_database(options.reset)
    rng = random.Random(options.seed)
    print(
        f"generating {options.articles:,} articles into {connection.settings_dict['NAME']}",
        file=sys.stderr,
    )
    sections, shares = make_sections()
    section_ids = [section.pk for section in sections]
    image_ids, portrait = make_images(rng)
    reporter_ids = make_reporters(rng, portrait)
    tag_ids = make_tags(rng)
    make_articles(options, rng, section_ids, shares, image_ids, reporter_ids, tag_ids, portrait)
    make_home_picks()
    print("VACUUM ANALYZE …", file=sys.stderr)
    with connection.cursor() as cursor:
        # VACUUM too: the visibility map autovacuum would write on a live site, which the
        # planner counts on when it prices the search index's bitmap scans.
        cursor.execute("VACUUM ANALYZE")
    print(f"done in {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
