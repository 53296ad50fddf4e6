"""보도자료 in: a pasted text, an HWP-exported HTML file or a ``.eml`` mail, read into one
``Parsed`` release, stored whole or not at all, and made a draft with one click.

Every refusal is a ``ValidationError`` with a Korean message the admin form shows; the
parse functions write nothing, so a refused release leaves no row and no file.
"""

from __future__ import annotations

import contextlib
import email.policy
import html
import io
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from articles import images, renditions
from articles.images import PreparedImage
from articles.models import Article, Byline, Image, Reporter
from articles.sanitize import clean_html, text_excerpt
from intake.models import PressRelease, PressReleaseImage

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}
# Second-level labels under which an organisation's own domain is the third label
# (siheung.go.kr, not go.kr): enough to compare a Korean sender's domains.
_SECOND_LEVEL = {"go", "co", "or", "ac", "ne", "re", "pe", "mil", "hs", "ms", "es", "sc", "kg"}
# Legacy Korean labels: what is written euc-kr is nearly always cp949 (its superset).
_CHARSET_ALIASES = {"euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "ksc5601": "cp949"}  # fmt: skip
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", re.I)
_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body\s*>|\Z)", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_RECEIVED_FROM = re.compile(r"\bfrom\s+([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


@dataclass
class Parsed:
    title: str
    body: str
    source: str
    sender: str = ""
    organisation: str = ""
    received_at: datetime | None = None
    sender_warning: str = ""
    # (original file name, the cleaned picture) for each attached photo.
    images: list[tuple[str, PreparedImage]] = field(default_factory=list)


def _too_big(size: int, limit: int, what: str) -> ValidationError:
    return ValidationError(
        f"{what}이 너무 큽니다({filesizeformat(size)}). {filesizeformat(limit)} 이하만 받습니다. "
        "사진은 본문에 넣지 말고 첨부로 올려 주세요.",
        code="too_big",
    )


def _check_text_size(size: int) -> None:
    limit = settings.PRESS_RELEASE_MAX_TEXT_BYTES
    if size > limit:
        raise _too_big(size, limit, "보도자료 본문")


def _finish(title: str, body: str) -> tuple[str, str]:
    """The sanitized body and a title (the first line when none was given); refuses a
    release with no words in it."""
    body = clean_html(body)
    if not text_excerpt(body, 10):
        raise ValidationError("보도자료 내용이 비어 있습니다. 본문을 붙여 넣거나 파일을 올려 주세요.", code="empty")  # fmt: skip
    title = " ".join((title or "").split()) or text_excerpt(body, 80)
    return title[:300], body


def text_to_html(text: str) -> str:
    return "".join(
        f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip()
    )


def from_text(text: str, *, title: str = "") -> Parsed:
    _check_text_size(len(text.encode("utf-8", errors="replace")))
    if not title:
        title = next((line for line in text.splitlines() if line.strip()), "")
    title, body = _finish(title, text_to_html(text))
    return Parsed(title=title, body=body, source=PressRelease.Source.TEXT)


def decode_html(data: bytes) -> str:
    """HWP and older 한글 tools export cp949 (labelled euc-kr) as often as UTF-8."""
    found = _META_CHARSET.search(data[:4096])
    tried = []
    if found:
        label = found.group(1).decode("ascii", "ignore").lower()
        tried.append(_CHARSET_ALIASES.get(label, label))
    for encoding in (*tried, "utf-8", "cp949"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def from_html(data: bytes, *, title: str = "") -> Parsed:
    _check_text_size(len(data))
    markup = decode_html(data)
    if not title:
        found = _TITLE.search(markup)
        title = html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else ""
    found = _BODY.search(markup)
    title, body = _finish(title, found.group(1) if found else markup)
    return Parsed(title=title, body=body, source=PressRelease.Source.HTML)


# ---------------------------------------------------------------------------------------
# Mail.


def base_domain(host: str) -> str:
    labels = [label for label in host.lower().strip(".").split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower() if "@" in address else ""


def sender_warning(message: EmailMessage, from_address: str) -> str:
    """'발신자 확인 필요' when the From domain is not where the mail says it came from:
    its Return-Path (the envelope sender) or, without one, the first Received hop."""
    from_domain = _domain(from_address)
    if not from_domain:
        return "발신자 확인 필요: 보낸 사람 주소가 없습니다."
    seen = []
    return_path = _domain(parseaddr(str(message.get("return-path", "")))[1])
    if return_path:
        seen.append(("Return-Path", return_path))
    else:
        hops = message.get_all("received") or []
        found = _RECEIVED_FROM.search(str(hops[-1])) if hops else None
        if found:
            seen.append(("Received", found.group(1).lower()))
    wrong = [f"{name} {domain}" for name, domain in seen if base_domain(domain) != base_domain(from_domain)]  # fmt: skip
    if wrong:
        return f"발신자 확인 필요: 보낸 사람은 {from_domain}인데 {', '.join(wrong)}에서 왔습니다."
    return ""


def _header(message: EmailMessage, name: str) -> str:
    # A broken header must not sink the whole mail: it is kept as text, or left out.
    try:
        value = message.get(name)
    except Exception:
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _received_at(message: EmailMessage) -> datetime:
    try:
        when = parsedate_to_datetime(_header(message, "date"))
    except (TypeError, ValueError, IndexError):
        return timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def _is_body_text(part: EmailMessage) -> bool:
    return (
        part.get_content_maintype() == "text"
        and part.get_content_subtype() in ("plain", "html")
        and part.get_content_disposition() != "attachment"
        and not part.get_filename()
    )


def from_mail(data: bytes) -> Parsed:
    limit = settings.PRESS_RELEASE_MAX_MAIL_BYTES
    if len(data) > limit:
        raise _too_big(len(data), limit, "메일 파일")
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    if not message.keys():
        raise ValidationError("메일 파일(.eml)을 읽을 수 없습니다. 메일 프로그램에서 ‘다른 이름으로 저장’한 .eml 파일을 올려 주세요.", code="not_mail")  # fmt: skip

    attachments = [part for part in message.walk() if not part.is_multipart() and not _is_body_text(part)]  # fmt: skip
    most = settings.PRESS_RELEASE_MAX_ATTACHMENTS
    if len(attachments) > most:
        raise ValidationError(f"첨부 파일이 너무 많습니다({len(attachments)}개). 한 메일에 {most}개까지 받습니다.", code="too_many")  # fmt: skip
    photos, refused = [], []
    for n, part in enumerate(attachments, 1):
        name = posixpath.basename((part.get_filename() or f"첨부{n}").replace("\\", "/"))
        extension = name.rpartition(".")[2].lower() if "." in name else ""
        if part.get_content_maintype() != "image" and extension not in IMAGE_EXTENSIONS:
            refused.append(name)
            continue
        content = part.get_payload(decode=True) or b""
        try:
            photos.append((name, images.prepare(io.BytesIO(content))))
        except ValidationError as exc:
            raise ValidationError(f"첨부 사진 {name}: {' '.join(exc.messages)}", code="bad_photo") from exc  # fmt: skip
    if refused:
        raise ValidationError(
            f"사진이 아닌 첨부 파일은 받지 않습니다: {', '.join(refused)}. "
            "사진(JPEG·PNG·WebP·GIF)만 첨부로 받습니다. 문서는 본문을 붙여 넣거나 HTML로 내보내 올려 주세요.",
            code="not_photo",
        )

    body_part = message.get_body(preferencelist=("html", "plain"))
    text = ""
    if body_part is not None:
        try:
            text = body_part.get_content()
        except (LookupError, UnicodeError):
            text = (body_part.get_payload(decode=True) or b"").decode("cp949", errors="replace")
        if body_part.get_content_subtype() == "plain":
            text = text_to_html(text)
        else:
            found = _BODY.search(text)
            text = found.group(1) if found else text
    _check_text_size(len(text.encode("utf-8", errors="replace")))
    title, body = _finish(_header(message, "subject"), text)

    sender = _header(message, "from")
    display_name, address = parseaddr(sender)
    organisation = _header(message, "organization") or display_name or _domain(address)
    return Parsed(
        title=title,
        body=body,
        source=PressRelease.Source.MAIL,
        sender=sender[:254],
        organisation=organisation[:120],
        received_at=_received_at(message),
        sender_warning=sender_warning(message, address)[:300],
        images=photos,
    )


# ---------------------------------------------------------------------------------------
# Storing and turning into a draft: whole or nothing, files included.


def _remove_files(storage, names) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)


def store(parsed: Parsed, *, user, instance: PressRelease | None = None) -> PressRelease:
    """Save the release and its photos in one transaction; if anything fails, the photo
    files already written are removed too (a rolled-back row leaves no orphan file)."""
    release = instance or PressRelease()
    release.title = release.title or parsed.title
    release.organisation = release.organisation or parsed.organisation
    release.body = parsed.body
    release.source = parsed.source
    release.sender = parsed.sender
    release.received_at = parsed.received_at or timezone.now()
    release.sender_warning = parsed.sender_warning
    release.added_by = user
    storage = PressReleaseImage._meta.get_field("file").storage
    written = []
    try:
        with transaction.atomic():
            release.save()
            for n, (name, prepared) in enumerate(parsed.images, 1):
                part = PressReleaseImage(release=release, filename=name[:255])
                part.file.save(
                    f"press-{release.pk}-{n}.{prepared.extension}",
                    ContentFile(prepared.encode_master()),
                    save=False,
                )
                written.append(part.file.name)
                part.save()
    except BaseException:
        _remove_files(storage, written)
        raise
    return release


def make_draft(release: PressRelease, *, user) -> Article:
    """A draft story with origin 보도자료 from ``release``; its photos become library
    photos (the first the lead photo, the others figures after the text). Idempotent:
    a release already turned into a story returns that story."""
    made: list[Image] = []
    try:
        with transaction.atomic():
            release = PressRelease.objects.select_for_update().get(pk=release.pk)
            if release.article_id:
                return release.article
            article = Article.objects.create(
                headline=release.title[:200],
                body=release.body,
                origin=Article.Origin.PRESS_RELEASE,
                created_by=user,
            )
            Byline.objects.create(article=article, reporter=Reporter.for_user(user))
            provider = release.organisation or "보도자료"
            for part in release.images.all():
                with part.file.open("rb") as stored:
                    image = Image(
                        alt_text=f"{provider} 제공 사진",
                        credit=f"제공={provider}"[:100],
                        uploaded_by=user,
                    )
                    made.append(image)
                    image.file.save(part.filename or posixpath.basename(part.file.name), File(stored), save=False)  # fmt: skip
                    image.save()
                part.image = image
                part.save(update_fields=["image"])
            if made:
                article.lead_image = made[0]
                article.body += "".join(f'<figure data-image-id="{image.pk}"></figure>' for image in made[1:])  # fmt: skip
                article.save()
            release.article = article
            release.status = PressRelease.Status.PUBLISHED
            release.save(update_fields=["article", "status"])
    except BaseException:
        for image in made:
            if image.file.name:
                _remove_files(image.file.storage, [image.file.name, *renditions.files_of(image.renditions)])  # fmt: skip
        raise
    return article
