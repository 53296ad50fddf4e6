"""Turn the page address a reporter copies from a video site into its player address.

Reporters copy what the browser shows (``youtube.com/watch?v=…``, ``youtu.be/…``,
``tv.naver.com/v/…``, ``tv.kakao.com/v/…``); the body may only embed the player
addresses that ``articles.sanitize.VIDEO_EMBED_PATTERNS`` allows. The editor asks the
server (``ArticleAdmin.editor_video``) so this conversion lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from articles.sanitize import is_allowed_video_url

REFUSAL = "유튜브, 네이버TV, 카카오TV 동영상 주소만 넣을 수 있습니다."

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_YOUTUBE_PATH = re.compile(r"^/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{6,20})/?$")
# YouTube's share links carry the start as ``t=90``, ``t=90s`` or ``t=1m30s``.
_YOUTUBE_TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")
_NAVER_PATH = re.compile(r"^/(?:v|embed)/(\d{1,12})/?$")
_KAKAO_PATH = re.compile(
    r"^/(?:v|embed/player/cliplink|channel/\d+/cliplink)/([A-Za-z0-9@_-]{1,40})/?$"
)


@dataclass(frozen=True)
class VideoEmbed:
    provider: str  # stored as the figure's data-video, e.g. "youtube"
    embed_url: str
    title: str


def video_embed(page_url: str) -> VideoEmbed | None:
    """The allowed player for ``page_url``, or ``None`` when it is not a video we embed."""
    url = (page_url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    elif "://" not in url:
        url = "https://" + url  # reporters often paste "youtu.be/…" without the scheme
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    embed = _youtube(host, parts) or _naver(host, parts) or _kakao(host, parts)
    # Never hand out anything the sanitizer would strip on save.
    if embed is None or not is_allowed_video_url(embed.embed_url):
        return None
    return embed


def _youtube(host, parts) -> VideoEmbed | None:
    query = parse_qs(parts.query)
    video_id = None
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host in _YOUTUBE_HOSTS or host in ("youtube-nocookie.com", "www.youtube-nocookie.com"):
        if parts.path.rstrip("/") == "/watch":
            video_id = (query.get("v") or [""])[0]
        elif match := _YOUTUBE_PATH.match(parts.path):
            video_id = match.group(1)
    if not video_id or not _YOUTUBE_ID.match(video_id):
        return None
    embed_url = f"https://www.youtube.com/embed/{video_id}"
    start = _youtube_start((query.get("t") or query.get("start") or [""])[0])
    if start:
        embed_url += f"?start={start}"
    return VideoEmbed("youtube", embed_url, "유튜브 동영상")


def _youtube_start(value: str) -> int:
    match = _YOUTUBE_TIME.match(value or "")
    if not value or not match:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _naver(host, parts) -> VideoEmbed | None:
    if host not in ("tv.naver.com", "m.tv.naver.com"):
        return None
    match = _NAVER_PATH.match(parts.path)
    if not match:
        return None
    return VideoEmbed("navertv", f"https://tv.naver.com/embed/{match.group(1)}", "네이버TV 동영상")


def _kakao(host, parts) -> VideoEmbed | None:
    if host not in ("tv.kakao.com", "m.tv.kakao.com", "play-tv.kakao.com"):
        return None
    match = _KAKAO_PATH.match(parts.path)
    if not match:
        return None
    return VideoEmbed(
        "kakaotv",
        f"https://play-tv.kakao.com/embed/player/cliplink/{match.group(1)}",
        "카카오TV 동영상",
    )
