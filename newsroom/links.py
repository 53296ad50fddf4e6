"""Which outgoing addresses the desk may store: http(s) only, never a script."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_http_url = URLValidator(
    schemes=["http", "https"], message="올바른 http:// 또는 https:// 주소를 입력하세요."
)


def _scheme(value: str) -> str:
    # Browsers ignore tabs, newlines and leading spaces inside a scheme ("java\tscript:"),
    # so compare the way they read it.
    squeezed = "".join(ch for ch in value if ch not in "\t\r\n").strip().lower()
    return urlsplit(squeezed).scheme if ":" in squeezed else ""


def validate_http_url(value: str) -> None:
    """Accept only an absolute http:// or https:// address."""
    scheme = _scheme(value)
    if scheme in ("javascript", "data", "vbscript", "file"):
        raise ValidationError(
            "%(scheme)s: 주소는 쓸 수 없습니다. http:// 또는 https:// 로 시작하는 주소를 입력하세요.",
            code="unsafe_scheme",
            params={"scheme": scheme},
        )
    _http_url(value)


def validate_link(value: str) -> None:
    """An address on this site (``/articles/1/``) or an absolute http(s) address."""
    # Browsers drop tabs and newlines inside an address ("/\t/evil.example" is
    # "//evil.example", another site), so judge the address as they read it.
    read_as = "".join(ch for ch in value if ch not in "\t\r\n")
    if read_as.startswith("/") and not read_as.startswith("//") and "\\" not in read_as:
        if read_as != value or any(ch.isspace() or ord(ch) < 32 for ch in value):
            raise ValidationError("주소에 공백이나 제어 문자를 넣을 수 없습니다.", code="invalid")
        return
    validate_http_url(value)
