"""Which outgoing addresses the desk may store: http(s) only, never a script, and
judged the way a browser reads them.

A browser parses an address by the WHATWG URL standard, not by RFC 3986 or Python's
``urlsplit``: it drops tabs and newlines anywhere, strips leading control characters,
reads ``\\`` as ``/``, maps full-width letters and dots to ASCII (IDNA) and decodes
``%65`` in a host. So the host and scheme are taken from ``ada_url`` (the WHATWG parser
Node.js uses), and anything that different parsers read differently is refused
outright: a backslash, or a user name before an ``@`` (``https://good.example@evil``,
``https://us\\@evil.example/``), which no link of a newspaper needs.
"""

from ada_url import URL
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from newsroom.text import has_xml_illegal

HTTP_SCHEMES = ("http:", "https:")
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:", "blob:")

_http_url = URLValidator(
    schemes=["http", "https"], message="올바른 http:// 또는 https:// 주소를 입력하세요."
)


def _refuse(message: str, code: str = "invalid", **params):
    raise ValidationError(message, code=code, params=params or None)


def _as_browsers_read(value: str) -> URL | None:
    try:
        return URL(value)
    except ValueError:
        return None


def _authority(value: str) -> str:
    """The raw text between ``scheme://`` and the path, as a browser delimits it."""
    after_scheme = value.split(":", 1)[1].lstrip("/")
    for delimiter in "/?#":
        after_scheme = after_scheme.split(delimiter, 1)[0]
    return after_scheme


def validate_http_url(value: str) -> None:
    """Accept only an absolute http:// or https:// address on a real host."""
    if "\\" in value:
        _refuse("주소에 역슬래시(\\)를 넣을 수 없습니다. 슬래시(/)로 바꿔 입력하세요.")
    if has_xml_illegal(value):
        _refuse("주소에 보이지 않는 제어 문자가 들어 있습니다. 주소를 다시 입력하세요.")
    parsed = _as_browsers_read(value)
    if parsed is not None and parsed.protocol in UNSAFE_SCHEMES:
        scheme = parsed.protocol.rstrip(":")
        _refuse(
            "%(scheme)s: 주소는 쓸 수 없습니다. http:// 또는 https:// 로 시작하는 주소를 입력하세요.",
            "unsafe_scheme",
            scheme=scheme,
        )
    if parsed is None or parsed.protocol not in HTTP_SCHEMES:
        _refuse("올바른 http:// 또는 https:// 주소를 입력하세요.")
    if parsed.username or parsed.password or "@" in _authority(value):
        _refuse(
            "주소에 사용자 이름(@ 앞부분)을 넣을 수 없습니다. 브라우저는 @ 뒤를 사이트로 읽습니다.",
            "userinfo",
        )
    # Both the text as typed and the browser's reading of it must be plain http(s)
    # addresses: the first refuses spaces and odd punctuation, the second a host that only
    # looks right once decoded (``https://%65vil``, a number like ``0x7f.1``) when it is
    # not a host name or address after all.
    _http_url(value)
    _http_url(parsed.href)


def validate_link(value: str) -> None:
    """An address on this site (``/articles/1/``) or an absolute http(s) address."""
    # Browsers drop tabs and newlines inside an address ("/\t/evil.example" is
    # "//evil.example", another site), so judge the address as they read it.
    read_as = "".join(ch for ch in value if ch not in "\t\r\n")
    if read_as.startswith("/") and not read_as.startswith("//") and "\\" not in read_as:
        if (
            read_as != value
            or any(ch.isspace() or ord(ch) < 32 for ch in value)
            or has_xml_illegal(value)
        ):
            raise ValidationError("주소에 공백이나 제어 문자를 넣을 수 없습니다.", code="invalid")
        return
    validate_http_url(value)
