"""The matcher behind the article form's member suggestions: what it finds, what not."""

import pytest

from council.mentions import mentioned_names

MEMBERS = ["이상훈", "박소영", "오인열", "송미경"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("이상훈 의원은 이날 발언했다.", {"이상훈"}),
        ("이상훈의원은", {"이상훈"}),
        ("대표 이상훈 의원", {"이상훈"}),
        ("이상훈 대표의원은 “최선을 다하겠다”고 말했다.", {"이상훈"}),
        ("이상훈 대표 의원은 의지를 밝혔다.", {"이상훈"}),
        ("박소영 의원은 “고민해 보게 됐다”라며", {"박소영"}),
        ("이날 벤치마킹에는 이상훈, 박소영 의원, 관계 공무원이 참석했다.", {"이상훈", "박소영"}),
        ("이상훈·박소영 의원", {"이상훈", "박소영"}),
        ("오인열 의장과 송미경 위원장이", {"오인열", "송미경"}),
        ("‘연구회’(대표 이상훈 의원)가 방문했다", {"이상훈"}),
        ("(이상훈 의원)", {"이상훈"}),
    ],
)
def test_finds_members_named_with_a_council_title(text, expected):
    assert mentioned_names(text, MEMBERS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "김이상훈 의원은",  # a longer name that ends in a member's name
        "이상훈씨는 시민이다.",  # no council title: a namesake citizen
        "이상훈 시장은",
        "이상훈 교수와 박소영 대표가",
        "이상훈",
        "박소영희 의원",  # a longer name that starts with a member's name
        "이상훈, 김철수 시민과 의원들이",
        "",
    ],
)
def test_does_not_find_a_name_without_a_council_title_or_inside_a_longer_name(text):
    assert mentioned_names(text, MEMBERS) == set()


def test_a_list_links_only_the_names_of_members():
    assert mentioned_names("홍길동, 이상훈 의원", MEMBERS) == {"이상훈"}
    assert mentioned_names("김이상훈, 박소영 의원", MEMBERS) == {"박소영"}


def test_the_longer_of_two_member_names_wins():
    assert mentioned_names("이상훈희 의원", ["이상훈", "이상훈희"]) == {"이상훈희"}


def test_no_members_no_mentions():
    assert mentioned_names("이상훈 의원", []) == set()
    assert mentioned_names("이상훈 의원", ["", "  "]) == set()
