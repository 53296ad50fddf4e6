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
