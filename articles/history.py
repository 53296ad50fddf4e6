"""A story's history: a django-reversion revision per save and per workflow step.

Each revision holds the article with its bylines, related picks and links, its 포토뉴스
photos and its tags
(registered in ``register()``, called from ``ArticlesConfig.ready``); its comment is the
step's Korean label, so the 변경 이력 page reads like the desk's log.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html import unescape

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version

STEPS = {
    "save": "저장",
    "submit": "검토 요청",
    "reject": "반려",
    "publish": "발행",
    "schedule": "예약 발행",
    "unpublish": "발행 취소",
    "redate": "발행 시각 변경",
    "restore": "이전 판 복원",
    "trash": "휴지통으로 이동",
    "untrash": "휴지통에서 복원",
    "takeover": "편집 넘겨받음",
    "correction": "정정·반론 추가",
}
_STEP_OF_LABEL = {label: key for key, label in STEPS.items()}
STEP_SEPARATOR = " · "
NOTE_SEPARATOR = ": "


def register() -> None:
    from taggit.models import Tag

    from articles.models import Article, Byline, GalleryPhoto, RelatedArticle, RelatedLink

    if reversion.is_registered(Article):
        return
    # Tags are stored as Tag rows (their names): a tag deleted since can be made again.
    reversion.register(Tag)
    reversion.register(Byline)
    reversion.register(RelatedArticle)
    reversion.register(RelatedLink)
    reversion.register(GalleryPhoto)
    # Whether a story is in the 휴지통 is not part of its text: restoring an old revision
    # must not move it into or out of the trash.
    reversion.register(
        Article,
        exclude=("deleted_at", "deleted_by"),
        follow=("bylines", "related_picks", "related_links", "gallery_photos", "tags"),
    )


def record(article, *, by, step: str, note: str = "") -> None:
    """Store a revision of ``article`` (with bylines, related picks/links, tags) whose
    comment names the workflow step in Korean; works inside or outside an open
    reversion.create_revision() block."""
    label = STEPS[step]
    entry = f"{label}{NOTE_SEPARATOR}{note}" if note else label
    if reversion.is_active():
        _add(article, by, entry)
        return
    with reversion.create_revision():
        _add(article, by, entry)


def _add(article, by, entry: str) -> None:
    reversion.add_to_revision(article)
    if by is not None and getattr(by, "pk", None) is not None:
        reversion.set_user(by)
    # A form save that also publishes is one revision: "저장 · 발행". Other text (the log
    # message reversion's own admin puts there) gives way to the steps.
    steps = [
        part
        for part in reversion.get_comment().split(STEP_SEPARATOR)
        if part.split(NOTE_SEPARATOR, 1)[0] in _STEP_OF_LABEL
    ]
    if entry not in steps:
        steps.append(entry)
    reversion.set_comment(STEP_SEPARATOR.join(steps))


def steps_of(comment: str) -> list[str]:
    """The step keys a revision's comment names (unknown text is kept as ``save``)."""
    keys = []
    for part in comment.split(STEP_SEPARATOR):
        label = part.split(NOTE_SEPARATOR, 1)[0]
        keys.append(_STEP_OF_LABEL.get(label, "save"))
    return keys


def versions_of(article):
    """The article's stored versions, newest first, with who and when."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class Snapshot:
    """What one revision says the story was: its fields and its related rows."""

    version: Version
    fields: dict
    bylines: list[dict] = field(default_factory=list)
    related_picks: list[dict] = field(default_factory=list)
    related_links: list[dict] = field(default_factory=list)
    gallery_photos: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def article_version(self) -> int | None:
        return self.fields.get("version")


def snapshot(version: Version) -> Snapshot:
    from taggit.models import Tag

    from articles.models import Byline, GalleryPhoto, RelatedArticle, RelatedLink

    siblings = version.revision.version_set.all()
    article_id = version.object_id

    def rows(model):
        content_type = ContentType.objects.get_for_model(model)
        found = [v.field_dict for v in siblings if v.content_type_id == content_type.pk]
        if model is not Tag:
            found = [row for row in found if str(row.get("article_id")) == str(article_id)]
        return sorted(found, key=lambda row: (row.get("order", 0), row.get("id", 0)))

    return Snapshot(
        version=version,
        fields=version.field_dict,
        bylines=rows(Byline),
        related_picks=rows(RelatedArticle),
        related_links=rows(RelatedLink),
        gallery_photos=rows(GalleryPhoto),
        tags=sorted(row["name"] for row in rows(Tag)),
    )


def snapshot_at_version(article, number: int) -> Snapshot | None:
    """The revision stored when the article's ``version`` was ``number``, if any."""
    for version in versions_of(article):
        if version.field_dict.get("version") == number:
            return snapshot(version)
    return None


# -- Showing a story's states side by side ---------------------------------------------

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figure|figcaption|div)>|<br\s*/?>", re.I)

# What the 변경 이력 and the stale-save notice compare, in the change form's order.
COMPARED = (
    ("headline", "제목"),
    ("subheadline", "부제"),
    ("section", "섹션"),
    ("body", "본문"),
    ("summary", "요약"),
    ("lead_image", "대표 사진"),
    ("tags", "태그"),
    ("bylines", "기자"),
    ("related", "관련기사"),
    ("dateline", "출처 표기"),
    ("status", "상태"),
    ("published_at", "발행 시각"),
)
LABELS = dict(COMPARED)


def person(user) -> str:
    """How the desk names a colleague: "홍길동 기자님"."""
    if user is None:
        return "누군가"
    try:
        reporter = user.reporter
    except ObjectDoesNotExist:  # no byline profile
        reporter = None
    if reporter is not None:
        return f"{reporter.name} {reporter.title}님".replace("  ", " ")
    return f"{user.get_full_name() or user.get_username()}님"


def with_object_particle(word: str) -> str:
    """``word`` with 을 or 를, by whether its last syllable ends in a consonant."""
    last = word[-1:] if word else ""
    if "가" <= last <= "힣":
        return word + ("을" if (ord(last) - 0xAC00) % 28 else "를")
    return word + "을(를)"


def _when(moment) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return local.strftime("%m.%d %H:%M")


def body_text(html: str) -> str:
    return unescape(strip_tags(_BLOCK_END.sub("\n", html or ""))).strip()


def _time_text(moment) -> str:
    return timezone.localtime(moment).strftime("%Y.%m.%d %H:%M") if moment else ""


def texts_of_article(article) -> dict[str, str]:
    return {
        "headline": article.headline,
        "subheadline": article.subheadline,
        "section": str(article.section) if article.section_id else "",
        "body": body_text(article.body),
        "summary": article.summary,
        "lead_image": str(article.lead_image) if article.lead_image_id else "",
        "tags": ", ".join(sorted(article.tags.names())),
        "bylines": ", ".join(b.reporter.name for b in article.bylines.select_related("reporter")),
        "related": ", ".join(
            p.related.headline for p in article.related_picks.select_related("related")
        ),
        "dateline": article.dateline,
        "status": article.display_status,
        "published_at": _time_text(article.published_at),
    }


def texts_of_snapshot(snap: Snapshot) -> dict[str, str]:
    from articles.models import Article, Image, Reporter, Section

    fields = snap.fields

    def named(model, pk, gone):
        if pk is None:
            return ""
        found = model.objects.filter(pk=pk).first()
        return str(found) if found is not None else gone

    reporters = Reporter.objects.in_bulk([row["reporter_id"] for row in snap.bylines])
    related = Article.objects.in_bulk([row["related_id"] for row in snap.related_picks])
    stored = Article(status=fields.get("status"), published_at=fields.get("published_at"))
    return {
        "headline": fields.get("headline", ""),
        "subheadline": fields.get("subheadline", ""),
        "section": named(Section, fields.get("section_id"), "(삭제된 섹션)"),
        "body": body_text(fields.get("body", "")),
        "summary": fields.get("summary", ""),
        "lead_image": named(Image, fields.get("lead_image_id"), "(삭제된 사진)"),
        "tags": ", ".join(snap.tags),
        "bylines": ", ".join(
            reporters[r["reporter_id"]].name if r["reporter_id"] in reporters else "(삭제된 기자)"
            for r in snap.bylines
        ),
        "related": ", ".join(
            related[r["related_id"]].headline if r["related_id"] in related else "(삭제된 기사)"
            for r in snap.related_picks
        ),
        "dateline": fields.get("dateline", ""),
        "status": stored.display_status,
        "published_at": _time_text(fields.get("published_at")),
    }


def texts_of_form(form) -> dict[str, str]:
    """What a change form was about to save (fields the form does not carry are left out)."""
    from articles.models import Article

    data = form.cleaned_data
    texts = {}
    for name in ("headline", "subheadline", "summary", "dateline"):
        if name in data:
            texts[name] = data[name] or ""
    if "body" in data:
        texts["body"] = body_text(data["body"])
    if "section" in data:
        texts["section"] = str(data["section"]) if data["section"] else ""
    if "lead_image" in data:
        texts["lead_image"] = str(data["lead_image"]) if data["lead_image"] else ""
    if "tags" in data:
        texts["tags"] = ", ".join(sorted(data["tags"] or []))
    if "status" in data:
        texts["status"] = Article(
            status=data["status"], published_at=data.get("published_at")
        ).display_status
    if "published_at" in data:
        texts["published_at"] = _time_text(data["published_at"])
    return texts


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, words only in ``old`` in <del>, only in ``new`` in <ins>.

    Tokens are words and punctuation, not lines: a Korean paragraph is one line, and a
    changed particle must not mark the whole paragraph.
    """
    left_tokens, right_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, left_tokens, right_tokens, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before = escape("".join(left_tokens[i1:i2]))
        after = escape("".join(right_tokens[j1:j2]))
        if op == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (escaped above)


@dataclass
class Row:
    name: str
    label: str
    left: str
    right: str
    changed: bool


def compare(left: dict[str, str], right: dict[str, str], *, only_changed=False) -> list[Row]:
    rows = []
    for name, label in COMPARED:
        if name not in left or name not in right:
            continue
        changed = left[name] != right[name]
        if only_changed and not changed:
            continue
        marked_left, marked_right = word_diff(left[name], right[name])
        rows.append(Row(name, label, marked_left, marked_right, changed))
    return rows


@dataclass
class Conflict:
    """A refused stale save: who saved what since the form was opened, theirs beside
    the refused text, and the current version to put that text on."""

    message: str
    rows: list[Row]
    current_token: str

    @classmethod
    def build(cls, current, opened_version: int, form) -> Conflict:
        from articles.forms import version_token

        later = [
            v
            for v in versions_of(current)[:50]
            if (v.field_dict.get("version") or 0) > opened_version
        ]
        names = []
        for version in reversed(later):
            name = person(version.revision.user) if version.revision.user else "누군가"
            if name not in names:
                names.append(name)
        who = names[0] if names else "다른 사람"
        if len(names) > 1:
            who = f"{names[0]} 외 {len(names) - 1}명"
        when = _when(later[0].revision.date_created if later else current.updated_at)
        theirs = texts_of_article(current)
        opened = snapshot_at_version(current, opened_version)
        what = "이 기사"
        if opened is not None:
            changed = [n for n, v in texts_of_snapshot(opened).items() if v != theirs[n]]
            if changed:
                what = "·".join(LABELS[n] for n in changed)
        subject = who + ("이" if who.endswith(("님", "람", "명")) else "가")
        message = (
            f"{subject} {when}에 {with_object_particle(what)} 저장했습니다. "
            "이 화면을 연 뒤의 저장이라 덮어쓰지 않았습니다. 아래에서 그쪽이 저장한 내용과 "
            "내가 쓴 내용을 비교하고, 내 내용을 지키려면 ‘내 내용을 지금 판에 옮기기’를 누르세요."
        )
        yours = texts_of_form(form)
        return cls(
            message=message,
            rows=compare(theirs, yours, only_changed=True),
            current_token=version_token(current),
        )


# -- Who else has the story open ----------------------------------------------------------

PRESENCE_FRESH = timezone.timedelta(seconds=90)  # three missed beats of presence.js


def mark_editing(article, user) -> None:
    from articles.models import EditingPresence

    now = timezone.now()
    presence, created = EditingPresence.objects.get_or_create(
        article=article, user=user, defaults={"started_at": now, "seen_at": now}
    )
    if not created:
        if presence.seen_at < now - PRESENCE_FRESH:
            presence.started_at = now  # back after a pause: a new session of editing
        presence.seen_at = now
        presence.save(update_fields=["started_at", "seen_at"])


def others_editing(article, user) -> list[str]:
    """ "홍길동 기자님이 이 기사를 편집 중입니다 (3분 전부터)" for each other person."""
    from articles.models import EditingPresence

    now = timezone.now()
    notices = []
    for presence in (
        EditingPresence.objects.filter(article=article, seen_at__gte=now - PRESENCE_FRESH)
        .exclude(user=user)
        .select_related("user", "user__reporter")
        .order_by("started_at")
    ):
        minutes = int((now - presence.started_at).total_seconds() // 60)
        since = "방금 전부터" if minutes < 1 else f"{minutes}분 전부터"
        notices.append(f"{person(presence.user)}이 이 기사를 편집 중입니다 ({since})")
    return notices


def taken_over_by(article, user) -> str | None:
    from articles.models import EditingPresence

    presence = (
        EditingPresence.objects.filter(article=article, user=user)
        .select_related("taken_over_by")
        .first()
    )
    if presence is None or presence.taken_over_by is None:
        return None
    return f"{person(presence.taken_over_by)}이 이 기사의 편집을 넘겨받았습니다."


def take_over(article, user) -> None:
    """``user`` takes the story over: the others are told on their next beat, and the
    story's history says who took it over when."""
    from articles.models import EditingPresence

    EditingPresence.objects.filter(article=article).exclude(user=user).update(taken_over_by=user)
    mark_editing(article, user)
    EditingPresence.objects.filter(article=article, user=user).update(taken_over_by=None)
    record(article, by=user, step="takeover")
