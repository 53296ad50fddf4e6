"""Demo content for a fresh checkout: sections, reporters, photos drawn with Pillow and
200+ Korean stories. Deterministic (seeded) and idempotent: a second run adds nothing.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from articles import history, renditions
from articles.models import Article, Byline, GalleryPhoto, Image, Reporter, Section

SECTIONS = [
    # (slug, name, parent slug, order)
    ("politics", "정치", None, 10),
    ("council", "시흥시의회", "politics", 11),
    ("city-hall", "시흥시청", "politics", 12),
    ("society", "사회", None, 20),
    ("economy", "경제", None, 30),
    ("education", "교육", None, 40),
    ("culture", "문화", None, 50),
    ("sports", "스포츠", None, 60),
    ("opinion", "오피니언", None, 70),
    ("media", "미디어", None, 80),
]

REPORTERS = [
    # (username or None, name, title, email)
    ("reporter", "김민준", "기자", "minjun@example.kr"),
    (None, "이서연", "기자", "seoyeon@example.kr"),
    (None, "박지훈", "기자", "jihoon@example.kr"),
    (None, "최유나", "편집국장", "yuna@example.kr"),
    (None, "정하늘", "객원기자", "haneul@example.kr"),
    (None, "시민기고", "기고자", ""),
    (None, "연합뉴스", "", ""),
]

PLACES = ["배곧신도시", "은계지구", "목감동", "정왕동", "월곶포구", "오이도", "거북섬", "시흥갯골생태공원",
          "장곡동", "능곡동", "대야동", "신천동", "물왕저수지", "시흥시청", "시흥시의회"]  # fmt: skip
PEOPLE = ["이상훈 의원", "박소영 의원", "김영철 시장", "오인열 의장", "유병욱 사장", "한정숙 교육장",
          "최진호 센터장", "송미경 위원장"]  # fmt: skip
TOPICS = {
    "council": ["조례안 심사", "행정사무감사", "예산안 의결", "의원 연구단체 벤치마킹", "주민 간담회",
                "임시회 개회", "5분 자유발언"],
    "city-hall": ["민원 서비스 개선", "스마트시티 사업", "버스 노선 개편", "청년 정책 발표", "공원 조성",
                  "재난 대비 훈련"],
    "society": ["교통안전 캠페인", "복지관 개관", "자원봉사 활동", "주민자치 박람회", "하천 정화 활동",
                "어르신 일자리 사업"],
    "economy": ["창업생태계 활성화", "전통시장 상생", "스마트허브 입주기업 지원", "지역화폐 할인",
                "청년 창업 공모전", "중소기업 수출 상담회"],
    "education": ["혁신교육지구 사업", "학교 급식 개선", "방과후 돌봄 확대", "평생학습 축제", "도서관 독서 프로그램"],
    "culture": ["갯골축제 개막", "연꽃테마파크 음악회", "시립합창단 정기공연", "문화재 야행", "미술관 기획전"],
    "sports": ["시민체육대회", "생활체육 동호회 대회", "시흥시청 육상팀 메달", "마라톤 대회", "유소년 축구교실"],
    "opinion": ["지역 언론의 역할", "갯벌 보전의 가치", "도시 성장과 균형", "청년이 머무는 도시"],
    "media": ["시흥도시공사 단체협약 체결", "영상으로 보는 이번 주 시흥", "카드뉴스로 보는 시정 소식",
              "시민 인터뷰 영상", "드론으로 본 배곧 해안"],
}  # fmt: skip
TAGS = ["시흥시의회", "시흥시", "배곧", "창업", "복지", "교육", "축제", "교통", "환경", "청년", "예산",
        "시민", "갯골", "스포츠", "문화"]  # fmt: skip

SENTENCES = [
    "{place} 일대에서 열린 이번 행사에는 주민과 관계자 등 100여 명이 참석했다.",
    "{person}은 “{topic}을 통해 시민의 삶이 실제로 나아지도록 끝까지 챙기겠다”고 밝혔다.",
    "시는 올해 하반기까지 {topic} 관련 세부 계획을 마련해 단계적으로 추진할 방침이다.",
    "참석자들은 {place}의 현황을 둘러본 뒤 개선 방안에 대해 의견을 나눴다.",
    "이번 {topic}은 지역 현안을 주민과 함께 풀어 가기 위해 마련됐다.",
    "관계 공무원과 전문가들은 예산과 일정, 주민 불편을 줄이는 방법을 꼼꼼히 살폈다.",
    "한편 {place}에서는 지난해에도 비슷한 사업이 진행돼 좋은 반응을 얻은 바 있다.",
    "{person}은 “앞으로도 현장의 목소리를 듣고 실질적인 결과물로 이어지도록 노력하겠다”고 덧붙였다.",
    "시민들은 {topic}에 대해 대체로 환영하면서도 꾸준한 관리가 필요하다는 의견을 냈다.",
    "자세한 내용은 시 누리집이나 {place} 행정복지센터에서 확인할 수 있다.",
]  # fmt: skip

PALETTE = [(11, 78, 162), (0, 122, 94), (196, 69, 54), (120, 72, 160), (230, 145, 30), (40, 40, 60)]


def draw_photo(seed: int, label: str) -> bytes:
    """A 1200×800 JPEG made with Pillow: a landscape of shapes, no downloads."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    rng = random.Random(seed)
    base = PALETTE[seed % len(PALETTE)]
    picture = PILImage.new("RGB", (1200, 800), base)
    draw = ImageDraw.Draw(picture)
    for y in range(0, 800, 8):  # a sky gradient
        shade = tuple(min(255, c + y // 6) for c in base)
        draw.rectangle([0, y, 1200, y + 8], fill=shade)
    for _ in range(6):  # hills and buildings
        x = rng.randint(-100, 1100)
        w = rng.randint(150, 400)
        h = rng.randint(150, 450)
        color = tuple(max(0, c - rng.randint(30, 90)) for c in base)
        if rng.random() < 0.5:
            draw.ellipse([x, 800 - h, x + w, 800 + h], fill=color)
        else:
            draw.rectangle([x, 800 - h, x + w // 2, 800], fill=color)
    sun = rng.randint(100, 1100)
    draw.ellipse([sun, 80, sun + 110, 190], fill=(255, 236, 170))
    draw.rectangle([0, 730, 1200, 800], fill=(30, 30, 30))
    draw.text((24, 748), label, fill=(255, 255, 255))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def seed_sections() -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for slug, name, parent, order in SECTIONS:
        section, _ = Section.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "order": order,
                "parent": sections.get(parent) if parent else None,
            },
        )
        sections[slug] = section
    return sections


def seed_reporters(users: dict) -> list[Reporter]:
    reporters = []
    for username, name, title, email in REPORTERS:
        user = users.get(username) if username else None
        reporter, _ = Reporter.objects.get_or_create(
            name=name,
            defaults={
                "title": title,
                "email": email,
                "user": user,
                "bio": f"{name} {title}. 시흥의 구석구석을 발로 뛰며 전합니다."
                if title == "기자"
                else "",
            },
        )
        if reporter.photo_id is None and reporter.email:  # people get a portrait, agencies not
            portrait = Image(alt_text=f"{name} {title}", credit="시흥뉴스룸")
            portrait.file.save(
                f"reporter-{len(reporters) + 1:02d}.jpg",
                ContentFile(draw_portrait(len(reporters))),
                save=False,
            )
            portrait.save()
            reporter.photo = portrait
            reporter.save(update_fields=["photo"])
        reporters.append(reporter)
    return reporters


def draw_portrait(seed: int) -> bytes:
    """A 400×400 JPEG silhouette on a coloured ground, drawn with Pillow."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    ground = PALETTE[seed % len(PALETTE)]
    picture = PILImage.new("RGB", (400, 400), tuple(min(255, c + 120) for c in ground))
    draw = ImageDraw.Draw(picture)
    draw.ellipse([130, 70, 270, 210], fill=ground)  # head
    draw.ellipse([60, 230, 340, 520], fill=ground)  # shoulders
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def seed_images(count: int, progress) -> list[Image]:
    images = []
    for n in range(count):
        alt = f"데모 사진 {n + 1}: 시흥의 풍경"
        image = Image.objects.filter(alt_text=alt).first()
        if image is None:
            image = Image(
                alt_text=alt, caption=f"{PLACES[n % len(PLACES)]} 전경", credit="사진=시흥뉴스룸"
            )
            image.file.save(
                f"demo-{n + 1:02d}.jpg", ContentFile(draw_photo(n, f"DEMO {n + 1}")), save=False
            )
            image.save()  # cleans the file and makes its renditions
        elif not renditions.is_current(image):
            # A checkout seeded before renditions existed: bring its photos up to date.
            image.refresh_renditions()
        images.append(image)
        progress(n + 1, count)
    return images


def _body(rng: random.Random, topic: str, paragraphs: int) -> str:
    parts = []
    for _ in range(paragraphs):
        sentences = rng.sample(SENTENCES, 3)
        text = " ".join(
            s.format(place=rng.choice(PLACES), person=rng.choice(PEOPLE), topic=topic)
            for s in sentences
        )
        parts.append(f"<p>{text}</p>")
    if rng.random() < 0.3:
        parts.insert(2, f"<h3>{topic}, 무엇이 달라지나</h3>")
    if rng.random() < 0.2:
        parts.insert(3, "<blockquote><p>“주민이 체감하는 변화가 가장 중요합니다.”</p></blockquote>")
    return "\n".join(parts)


def seed_articles(count, sections, reporters, images, progress) -> int:
    rng = random.Random(20250918)
    now = timezone.now()
    created = 0
    existing = set(
        Article.objects.filter(legacy_id__isnull=False).values_list("legacy_id", flat=True)
    )
    slugs = list(TOPICS)
    for n in range(count):
        legacy_id = 100000 + n
        section_slug = slugs[n % len(slugs)]
        topic = rng.choice(TOPICS[section_slug])
        place = rng.choice(PLACES)
        published_at = now - timedelta(
            hours=n * 2 + rng.randint(0, 90) / 60, minutes=rng.randint(0, 59)
        )
        if legacy_id in existing:
            progress(n + 1, count)
            continue
        headline = f"{place}, {topic} 본격 추진" if n % 3 else f"{topic}… {place} 주민 기대감 커져"
        article = Article.objects.create(
            headline=headline,
            subheadline=f"{place}에서 {topic} 관련 논의 이어져" if n % 4 == 0 else "",
            section=sections[section_slug],
            body=_body(rng, topic, rng.randint(4, 8)),
            summary="",
            lead_image=images[n % len(images)] if n % 3 != 2 else None,
            dateline="시흥뉴스룸",
            origin=Article.Origin.PRESS_RELEASE if n % 5 == 0 else Article.Origin.OWN,
            status=Article.Status.PUBLISHED,
            legacy_id=legacy_id,
            created_at=published_at - timedelta(minutes=40),
            content_updated_at=published_at - timedelta(minutes=40),
            approved_at=published_at,
            published_at=published_at,
        )
        Byline.objects.create(article=article, reporter=reporters[n % 5], order=0)
        if n % 9 == 0:
            Byline.objects.create(article=article, reporter=reporters[(n + 1) % 5], order=1)
        article.tags.add(*rng.sample(TAGS, rng.randint(1, 3)))
        # A first revision, so the demo's 변경 이력 starts from the published text.
        history.record(article, by=reporters[n % 5].user, step="publish")
        created += 1
        progress(n + 1, count)
    return created


def seed_workflow_examples(sections, reporters, users) -> None:
    """A draft, a story waiting for review and a scheduled one, so the desk has work to see."""
    now = timezone.now()
    examples = [
        (900001, "[작성 중] 월곶포구 수산물 축제 준비 현장", Article.Status.DRAFT, None),
        (900002, "[검토 요청] 은계지구 학교 신설 확정", Article.Status.REVIEW, None),
        (
            900003,
            "[예약] 내일 아침 발표될 시흥시 내년도 예산안",
            Article.Status.PUBLISHED,
            now + timedelta(days=1),
        ),
    ]
    for legacy_id, headline, status, published_at in examples:
        if Article.objects.filter(legacy_id=legacy_id).exists():
            continue
        article = Article.objects.create(
            headline=headline,
            section=sections["city-hall"],
            body="<p>데모용 기사입니다. 편집자 계정으로 로그인하면 발행 흐름을 시험해 볼 수 있습니다.</p>",
            status=status,
            published_at=published_at,
            legacy_id=legacy_id,
            created_by=users.get("reporter"),
            dateline="시흥뉴스룸",
        )
        Byline.objects.create(article=article, reporter=reporters[0])


GALLERY_LEGACY_ID = 900010
GALLERY_CAPTIONS = [
    "갯골생태공원 흔들전망대에서 내려다본 갯골",
    "염전 체험장에서 소금을 모으는 어린이들",
    "해 질 무렵 붉게 물든 칠면초 군락",
    "축제장을 찾은 시민들이 산책로를 걷고 있다",
    "갯벌 생물 관찰 교실",
]


def seed_gallery(sections, reporters, images) -> bool:
    """One 포토뉴스 story with five library photos in order; False when it is there already."""
    if Article.objects.filter(legacy_id=GALLERY_LEGACY_ID).exists():
        return False
    published_at = timezone.now() - timedelta(hours=3)
    photos = images[: len(GALLERY_CAPTIONS)]
    article = Article.objects.create(
        headline="[포토뉴스] 사진으로 보는 시흥갯골축제",
        section=sections["media"],
        body=(
            "<p>시흥갯골생태공원에서 열린 갯골축제 현장을 사진으로 모았다. "
            "사진을 옆으로 넘기거나 화살표 단추로 차례로 볼 수 있다.</p>"
        ),
        lead_image=photos[0],
        dateline="시흥뉴스룸",
        status=Article.Status.PUBLISHED,
        legacy_id=GALLERY_LEGACY_ID,
        created_at=published_at - timedelta(minutes=30),
        content_updated_at=published_at - timedelta(minutes=30),
        approved_at=published_at,
        published_at=published_at,
    )
    Byline.objects.create(article=article, reporter=reporters[2], order=0)
    GalleryPhoto.objects.bulk_create(
        GalleryPhoto(article=article, image=image, caption=caption, order=n)
        for n, (image, caption) in enumerate(zip(photos, GALLERY_CAPTIONS, strict=False))
    )
    article.tags.add("갯골", "축제")
    history.record(article, by=reporters[2].user, step="publish")
    return True
