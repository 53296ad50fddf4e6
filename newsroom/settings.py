"""Settings for 시흥뉴스룸, read from the environment only.

Every value has a default that is safe on a laptop; a malformed value stops start-up
with ImproperlyConfigured instead of being guessed at.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(name: str, default: dict) -> dict:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a JSON object: {exc}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {raw!r}")
    return value


def database_from_url(url: str) -> dict:
    """A Django DATABASES entry for a Postgres URL, read by dj-database-url.

    Every libpq parameter in the query string (``sslmode``, ``options``,
    ``application_name``, ``connect_timeout``, ``target_session_attrs`` …) is passed on
    as an OPTION; ``?host=/socket/dir`` (libpq's form for a Unix socket) becomes HOST.
    """
    try:
        db = dj_database_url.parse(url)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"DATABASE_URL must be a postgres:// URL, not {url!r}")
    if not db["NAME"]:
        raise ImproperlyConfigured("DATABASE_URL has no database name")
    options = db.setdefault("OPTIONS", {})
    for key, value in options.items():
        if isinstance(value, list):
            raise ImproperlyConfigured(f"DATABASE_URL gives {key!r} more than once")
    socket_dir = str(options.pop("host", ""))
    if socket_dir and not db["HOST"]:
        db["HOST"] = socket_dir
    elif socket_dir:
        raise ImproperlyConfigured("DATABASE_URL names a host twice (in the address and ?host=)")
    if "port" in options and not db["PORT"]:  # postgres://u@/name?host=/run/pg&port=5433
        db["PORT"] = options.pop("port")
    db["PORT"] = str(db["PORT"] or "")
    if not options:
        del db["OPTIONS"]
    return db


def needs_shared_cache() -> bool:
    """More than one machine serves readers, so their caches must be one (Redis).

    The processes of one machine (gunicorn workers, cron jobs) already share the on-disk
    cache under ``VAR_DIR`` (docs/cache.md); ``APP_SERVERS`` counts the machines behind
    the load balancer.
    """
    return env_int("APP_SERVERS", 1) > 1


def production_error(message: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"DJANGO_ENV=production: {message}")


def local_secret_key(path: Path) -> str:
    """A random key made once and kept in ``path``: never a key published in the code.

    Enough for a laptop or a single server; several app servers must share SECRET_KEY.
    """
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: of two processes starting at once, one writes and both read its key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"SECRET_KEY is unset and {path} cannot be written: {exc}"
        ) from exc
    with os.fdopen(fd, "w") as out:
        out.write(key)
    return key


# The one switch: "production" refuses to start on anything it would have to guess
# (embedded database, random key, per-process cache for several processes, no HTTPS).
DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise production_error("DEBUG=1 shows code and settings to anyone; unset DEBUG")
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise production_error(
            "SECRET_KEY is not set. Set one long random value, the same on every app "
            "server (python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    if env_bool("REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY is required (REQUIRE_SECRET_KEY=1)")
    SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")

if PRODUCTION and not env_str("ALLOWED_HOSTS").strip():
    raise production_error("ALLOWED_HOSTS is not set (the site's host names, comma-separated)")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The admin's address; another than the well-known admin/ keeps password-guessing bots
# off the login page (django-axes stops the ones that find it).
ADMIN_URL = env_str("ADMIN_URL", "admin/")
if not re.fullmatch(r"(?:[A-Za-z0-9._~-]+/)+", ADMIN_URL):
    raise ImproperlyConfigured(
        f"ADMIN_URL must look like admin/ or desk/office/, not {ADMIN_URL!r}"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "taggit",
    # The body editor's ProseMirror bundle and styles (static files only; articles/prose.py).
    "django_prose_editor",
    "axes",
    "csp",
    "reversion",
    "newsroom",
    "articles",
    "weather",
    "council",
    "intake",
    "comments",
    "newsletter",
]

MIDDLEWARE = [
    # First, so a stored page is one lookup: it keeps the headers the middleware below
    # added when it rendered (HSTS, nosniff, referrer policy, frame options, CSP: the
    # policy has no per-request nonce), and a hit runs none of them, nor sessions, auth
    # or templates. Its key holds the scheme, so http still gets the HTTPS redirect.
    # newsroom/wsgi.py answers the same hits before Django builds a request at all.
    "newsroom.pagecache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.middleware.RejectNullBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The database down: the Korean 503 page with Retry-After, never a 500.
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last: turns a locked-out login (see AXES_* below) into the Korean lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
# Widgets may use project templates (templates/articles/widgets/...).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "newsroom.context_processors.placements",
                "newsroom.context_processors.breaking",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
elif PRODUCTION:
    raise production_error(
        "DATABASE_URL is not set (postgres://user:password@host:5432/name). The embedded "
        "database is for `make run` and `make test` on a laptop only."
    )
else:
    from newsroom.embedded_db import database_settings

    DATABASES = {"default": database_settings(VAR_DIR)}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
# A kept connection is tested before a request uses it, so after a Postgres restart the
# next request reconnects by itself (no gunicorn restart).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that does not answer (host gone, postmaster stopped mid-handshake) costs a
# request at most this many seconds before the Korean 503 page, not a hung worker.
# libpq counts whole seconds and treats less than 2 as 2; a URL's ?connect_timeout= wins.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
if DATABASE_CONNECT_TIMEOUT < 1:
    raise ImproperlyConfigured("DATABASE_CONNECT_TIMEOUT must be 1 second or more")
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", DATABASE_CONNECT_TIMEOUT
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# One cache shared by every process that serves or edits the site (docs/cache.md): Redis
# when configured, else files beside the embedded database, which every gunicorn worker
# and every management command on this machine read and write.
CACHE_SOCKET_TIMEOUT = float(env_str("CACHE_SOCKET_TIMEOUT", "0.3"))
# After a cache failure, how long pages are served uncached before the cache is tried again.
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 2)
if PRODUCTION and not REDIS_URL and needs_shared_cache():
    raise production_error(
        "REDIS_URL is not set, but APP_SERVERS says more than one machine serves: each "
        "would keep its own page cache and show stale pages after an edit"
    )
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.SharedFileCache",
            # Parallel test processes (pytest-xdist names each in PYTEST_XDIST_WORKER) keep
            # one cache directory each, shared with the servers they start, so one test's
            # cache.clear() never empties another's.
            "LOCATION": env_str(
                "CACHE_DIR", str(VAR_DIR / "cache" / os.environ.get("PYTEST_XDIST_WORKER", ""))
            ),
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
            "TIMEOUT": 300,
            # Sized for a real site's spread of pages (each stored page is one file).
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)},
        }
    }
# How far apart the clocks of servers sharing the cache may be (one machine: none).
CACHE_CLOCK_SKEW_MS = env_int("CACHE_CLOCK_SKEW_MS", 100 if REDIS_URL else 0)
# Apps whose rows pages show; a model of theirs that registered no keys ends every page.
CACHE_CONTENT_APPS = {"articles", "newsroom", "weather", "taggit", "comments"}
# The front cache (Varnish with xkey): where purges go, e.g. http://127.0.0.1:8000/.
VARNISH_PURGE_URL = env_str("VARNISH_PURGE_URL")
PURGE_TIMEOUT_SECONDS = float(env_str("PURGE_TIMEOUT_SECONDS", "0.5"))
PURGE_RETRY_SECONDS = env_int("PURGE_RETRY_SECONDS", 10)
# Sessions stay in the database: a cache failure must not log editors out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ko-kr"
LANGUAGES = [("ko", "한국어")]
# Our own Korean where Django's and taggit's read badly (locale/ko/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# whitenoise indexes STATIC_ROOT at start-up; an empty one (before collectstatic) is fine.
with contextlib.suppress(OSError):  # a read-only deployment has collected it already
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Local runs serve uploads through Django; production serves MEDIA_ROOT (or object
# storage) from the web server and sets SERVE_MEDIA=0.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Where uploads and renditions go. The app only talks to Django's storage API, so object
# storage is a matter of environment: MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage
# and MEDIA_STORAGE_OPTIONS='{"bucket_name": "…"}' (JSON), see docs/photos.md.
STORAGES = {
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("MEDIA_STORAGE_OPTIONS", {}),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Photo uploads (articles/images.py): a phone photo is 5–15 MB; more is refused with a
# Korean form error before Pillow reads it.
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Pixels a photo may have (50 MP covers 48/50 MP phone modes). Decoding costs about
# 4 bytes a pixel, so this bounds an upload's memory; it also sets Pillow's own
# decompression-bomb limit (PIL.Image.MAX_IMAGE_PIXELS) in ArticlesConfig.ready.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# Doors (docs/security.md). Production turns HTTPS-only behaviour on by default; each
# switch can still be set explicitly.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Nothing of ours is meant to be framed (the admin's pop-ups are windows, not frames).
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", PRODUCTION) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# A load balancer's health probe speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Preloading binds the whole domain to HTTPS in every browser for months and is hard to
# undo: the domain's owner decides it (SECURE_HSTS_PRELOAD=1), not a default.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# A login without a (safe) next= lands on the admin's index, not /accounts/profile/.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): 5 failures for one username from one address lock that
# pair for 15 minutes after the last failure; the owner elsewhere is not locked out.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
# The username a failed login typed, as the login form reads it (Django's own
# authentication compares case-sensitively; so does the lock).
AXES_USERNAME_FORM_FIELD = "username"
# How many reverse proxies (nginx, a load balancer) stand in front of the app servers and
# append to X-Forwarded-For. 0: the client is REMOTE_ADDR and the header is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")


def media_origin(media_url: str) -> list[str]:
    """The origin photos come from when they are not on this site (object storage)."""
    parts = urlsplit(media_url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Content-Security-Policy on every response (django-csp). No nonce: stored pages are
# served whole to many readers. Scripts only from our own files, so a script that slips
# into stored text cannot run; styles may be inline (docs/security.md says why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *media_origin(MEDIA_URL), *env_list("CSP_IMG_SRC", [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The players articles/sanitize.py lets a body embed.
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://tv.naver.com",
            "https://play-tv.kakao.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

TAGGIT_CASE_INSENSITIVE = True
# Keep Hangul in tag slugs: /tag/시흥시의회/.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = False
# Tag names typed in the admin lose the control characters Word/HWP paste (newsroom/text.py).
TAGGIT_TAGS_FROM_STRING = "newsroom.text.tags_from_string"

# Newsroom
# Readers' pages are stored whole for at most this long (0 turns the page cache off);
# edits and scheduled times end them sooner (newsroom/pagecache.py, docs/cache.md).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long a shared cache may serve a page while it fetches a fresh one.
PAGE_STALE_SECONDS = env_int("PAGE_STALE_SECONDS", 30)
# Stored data (the home page's stories, live banners) is kept this long at most, and
# ends sooner when one of its keys changes (docs/cache.md; 0: off).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 20)
# Search (docs/search.md): the backend behind articles/search/backend.py's interface.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "articles.search.postgres.PostgresBackend")
# 카카오톡 sharing: Kakao's JavaScript key; without one the share strip copies the link.
KAKAO_JS_KEY = os.environ.get("KAKAO_JS_KEY", "")
# The public 기사제보 form (docs/intake.md): a form sent faster than TIP_MIN_SECONDS or
# older than TIP_FORM_MAX_AGE is refused; TIP_RATE_LIMIT tips per address per
# TIP_RATE_WINDOW seconds.
TIP_MIN_SECONDS = env_int("TIP_MIN_SECONDS", 3)
TIP_FORM_MAX_AGE = env_int("TIP_FORM_MAX_AGE", 2 * 3600)
TIP_RATE_LIMIT = env_int("TIP_RATE_LIMIT", 5)
TIP_RATE_WINDOW = env_int("TIP_RATE_WINDOW", 3600)
# 보도자료 intake (docs/intake.md): the text of one release (pasted or an HTML file), a
# whole .eml file, and how many attachments one mail may carry; over any, refused whole.
PRESS_RELEASE_MAX_TEXT_BYTES = env_int("PRESS_RELEASE_MAX_TEXT_BYTES", 2 * 1024 * 1024)
PRESS_RELEASE_MAX_MAIL_BYTES = env_int("PRESS_RELEASE_MAX_MAIL_BYTES", 25 * 1024 * 1024)
PRESS_RELEASE_MAX_ATTACHMENTS = env_int("PRESS_RELEASE_MAX_ATTACHMENTS", 20)
# The own-story report (docs/reports.md): a period whose 자체기사 share is below this
# percentage is marked 미달 (신문법 시행령 §2 and the portals' 지역 admission ask about it).
OWN_STORY_SHARE_THRESHOLD = env_int("OWN_STORY_SHARE_THRESHOLD", 30)
# The portal export for 네이버·다음 뉴스 검색제휴 (docs/reports.md): its address, how many
# newest stories it lists, whether it carries the full text (the contract says), how long
# an unpublished or trashed story stays in it marked deleted, and how often one portal's
# fetch is logged at most (a flood with a portal's user agent writes nothing more).
PORTAL_EXPORT_PATH = env_str("PORTAL_EXPORT_PATH", "/portal/export.xml")
if not re.fullmatch(r"/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]", PORTAL_EXPORT_PATH):
    raise ImproperlyConfigured(
        f"PORTAL_EXPORT_PATH must look like /portal/export.xml, not {PORTAL_EXPORT_PATH!r}"
    )
PORTAL_EXPORT_SIZE = env_int("PORTAL_EXPORT_SIZE", 100)
PORTAL_EXPORT_FULL_TEXT = env_bool("PORTAL_EXPORT_FULL_TEXT", False)
PORTAL_EXPORT_DELETED_DAYS = env_int("PORTAL_EXPORT_DELETED_DAYS", 7)
PORTAL_FETCH_LOG_SECONDS = env_int("PORTAL_FETCH_LOG_SECONDS", 30)
HOME_LATEST_COUNT = env_int("HOME_LATEST_COUNT", 10)
HOME_COLUMN_COUNT = env_int("HOME_COLUMN_COUNT", 4)  # 오피니언 box on home
SECTION_BLOCK_SIZE = env_int("SECTION_BLOCK_SIZE", 5)
# Placements (issue 4): 관련기사 block size, 많이 본 뉴스 length and how long it is cached.
RELATED_ARTICLES_COUNT = env_int("RELATED_ARTICLES_COUNT", 6)
MOST_READ_COUNT = env_int("MOST_READ_COUNT", 10)
MOST_READ_CACHE_SECONDS = env_int("MOST_READ_CACHE_SECONDS", 300)
# 미디어 box beside every story (articles/media.py) and 인기 태그 (articles/tag_index.py).
MEDIA_BOX_COUNT = env_int("MEDIA_BOX_COUNT", 4)
POPULAR_TAGS_COUNT = env_int("POPULAR_TAGS_COUNT", 12)
POPULAR_TAGS_DAYS = env_int("POPULAR_TAGS_DAYS", 30)
TAG_INDEX_PER_PAGE = env_int("TAG_INDEX_PER_PAGE", 300)
# 휴지통 (issue 8): trashed stories are kept this many days before purge_trash removes them.
TRASH_KEEP_DAYS = env_int("TRASH_KEEP_DAYS", 30)
# Council desk (issue 12): the parties a member may belong to (무소속 is always allowed).
COUNCIL_PARTIES = env_list("COUNCIL_PARTIES", ["더불어민주당", "국민의힘", "조국혁신당", "개혁신당", "진보당"])  # fmt: skip

# E-mail notices of the desk's workflow (articles/notices.py, docs/workflow.md). With no
# EMAIL_HOST mail is printed to the console (a laptop); with one it goes out by SMTP.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587 if EMAIL_HOST else 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# A slow mail server holds the request that just saved a story this long at most; what
# did not go out is sent by send_notices.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 5)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "시흥뉴스룸 <newsroom@localhost>")
# Tries per notice before send_notices gives up on it (the wait doubles after each).
NOTICE_MAX_ATTEMPTS = env_int("NOTICE_MAX_ATTEMPTS", 6)
# The site's own address, for links in mail (no request to read it from there).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not re.fullmatch(r"https?://[^/\s?#]+(?:/[^\s?#]*)?", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's address such as https://news.example.kr, not {SITE_URL!r}"
    )

# The morning newsletter (docs/newsletter.md). Mail goes out through EMAIL_* above.
NEWSLETTER_FROM = env_str("NEWSLETTER_FROM", DEFAULT_FROM_EMAIL)
# The bounce webhook's shared secret; unset, the webhook answers 404.
NEWSLETTER_WEBHOOK_SECRET = env_str("NEWSLETTER_WEBHOOK_SECRET")
# The hour cron runs send_newsletter (documentation for the crontab; nothing reads a clock).
NEWSLETTER_SEND_HOUR = env_int("NEWSLETTER_SEND_HOUR", 7)
if not 0 <= NEWSLETTER_SEND_HOUR <= 23:
    raise ImproperlyConfigured(f"NEWSLETTER_SEND_HOUR must be 0-23, not {NEWSLETTER_SEND_HOUR}")

# Weather (weather/ app): KMA API Hub hourly ASOS observations.
KMA_API_KEY = env_str("KMA_API_KEY")
KMA_API_URL = env_str("KMA_API_URL", "https://apihub.kma.go.kr/api/typ01/url/kma_sfctm2.php")
# One try (connect, headers, body) and the whole fetch over all tries are bounded, so a
# hanging or trickling KMA holds the cron job at most KMA_TOTAL_TIMEOUT_SECONDS.
KMA_TIMEOUT_SECONDS = env_int("KMA_TIMEOUT_SECONDS", 5)
KMA_TOTAL_TIMEOUT_SECONDS = env_int("KMA_TOTAL_TIMEOUT_SECONDS", 15)
# Tries per fetch, for transient failures only (refused, timeout, 5xx); 4xx fails at once.
KMA_TRIES = env_int("KMA_TRIES", 3)
WEATHER_STALE_AFTER = timedelta(hours=env_int("WEATHER_STALE_HOURS", 3))
WEATHER_KEEP_DAYS = env_int("WEATHER_KEEP_DAYS", 30)
# Pages share one strip query per period; fetch_weather also drops the cached copy.
WEATHER_STRIP_CACHE_SECONDS = env_int("WEATHER_STRIP_CACHE_SECONDS", 120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
