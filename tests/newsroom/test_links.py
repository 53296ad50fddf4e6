import pytest
from django.core.exceptions import ValidationError

from newsroom.links import validate_link


@pytest.mark.parametrize(
    "value", ["/articles/12/", "https://www.siheung.go.kr/", "/section/council/"]
)
def test_site_paths_and_http_addresses_are_links(value):
    validate_link(value)


@pytest.mark.parametrize(
    "value",
    [
        "/\t/evil.example",  # a browser reads //evil.example: another site
        "/\n/evil.example",
        "//evil.example",
        "/\\evil.example",
        "/articles/ 1/",
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
    ],
)
def test_addresses_a_browser_would_take_elsewhere_are_refused(value):
    with pytest.raises(ValidationError):
        validate_link(value)


# --- judged as a browser reads it (WHATWG URL), issue 8 ---------------------------------------

from newsroom.links import validate_http_url  # noqa: E402


@pytest.mark.parametrize(
    "value",
    [
        "https://us\\@evil.example/",  # some parsers: host evil.example, WHATWG: host "us"
        "https://evil.example\\@good.example/",
        "https://good.example\\evil.example/",
        "https:/\\evil.example/",
        "https://good.example/path\\..\\x",
        "https://example.kr/search?q=c\\d",
    ],
)
def test_a_backslash_anywhere_is_refused(value):
    with pytest.raises(ValidationError, match="역슬래시"):
        validate_http_url(value)
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize(
    "value",
    [
        "https://a@evil.example",
        "https://good.example@evil.example/",
        "https://good.example:pw@evil.example/",
        "https://@evil.example/",
        "https://evil.example%2F@good.example/",  # userinfo "evil.example%2F", host good
        "https://%40@evil.example/",
        "http://user@127.0.0.1/",
    ],
)
def test_userinfo_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_link(value)
    assert caught.value.code == "userinfo"


@pytest.mark.parametrize(
    "value",
    [
        "\x01javascript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript\x0b:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "blob:https://evil.example/1",
        "javascript://%0aalert(1)",
        "https\x00://evil.example/",
    ],
)
def test_scripts_are_refused_however_they_are_spelled(value):
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize(
    "value",
    [
        "https://good.example%2f.evil.example/",  # a host with a slash once decoded
        "https://good%40evil.example/",
        "https://evil.example%00.good.example/",
        "https://ev\ufffeil.example/",
        "https://evil.example/\ufffe",
        "/articles/1/\ufffe",
        # Full-width letters and dot: a browser goes to example.kr, the desk reads
        # something else; typed by an IME left in full-width mode, refused as typed.
        "https://ｅｘａｍｐｌｅ．ｋｒ/",
        "https://us/@evil.example/",  # the WHATWG reading of the first case: host "us"
        "https://",
        "https:///evil.example",
    ],
)
def test_hosts_that_only_decode_into_something_else_are_refused(value):
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize(
    "value",
    [
        "https://www.siheung.go.kr/",
        "https://시흥.한국/",  # an IDN host: the browser asks for its xn-- form
        "https://xn--9n2bp8q.xn--3e0b707e/",
        "https://example.kr/search?q=a@b#x@y",  # an @ after the host is no userinfo
        "http://127.0.0.1:8000/articles/1/",
    ],
)
def test_real_addresses_still_pass(value):
    validate_link(value)
