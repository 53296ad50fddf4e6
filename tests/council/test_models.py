"""Council members, sessions and groups: what the desk may store, and how it reads."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.models import CouncilMember, CouncilRole, Session, district_sort_key
from tests.council.factories import make_member, make_session

pytestmark = pytest.mark.django_db


def member(**fields):
    values = {
        "name": "이상훈",
        "party": "더불어민주당",
        "district": "시흥시 가선거구",
        "terms": [9],
    }
    return CouncilMember(**{**values, **fields})


@pytest.mark.parametrize(
    "district", ["시흥시 가선거구", "시흥시 마선거구", "비례대표", "안산시 다선거구"]
)
def test_a_district_in_the_usual_form_is_accepted(district):
    member(district=district).full_clean()


@pytest.mark.parametrize(
    "district",
    ["가선거구", "시흥시가선거구", "시흥시 가 선거구", "시흥시 1선거구", "Siheung A", ""],
)
def test_a_district_that_does_not_parse_is_a_korean_error(district):
    with pytest.raises(ValidationError) as caught:
        member(district=district).full_clean()
    assert "district" in caught.value.message_dict
    if district:
        assert "시흥시 가선거구" in caught.value.message_dict["district"][0]


def test_extra_spaces_in_a_district_are_tidied():
    candidate = member(district="  시흥시   나선거구 ")
    candidate.full_clean()
    assert candidate.district == "시흥시 나선거구"


def test_an_unknown_party_is_refused_but_independent_is_always_allowed(settings):
    settings.COUNCIL_PARTIES = ["더불어민주당", "국민의힘"]
    with pytest.raises(ValidationError) as caught:
        member(party="새로운당").full_clean()
    assert "등록된 정당이 아닙니다" in caught.value.message_dict["party"][0]
    member(party="무소속").full_clean()


def test_namesakes_are_told_apart_by_party_district_and_terms():
    first = make_member("이상훈", party="더불어민주당", district="시흥시 가선거구", terms=[8, 9])
    second = make_member("이상훈", party="국민의힘", district="시흥시 라선거구", terms=[7])
    assert str(first) == "이상훈 (더불어민주당, 시흥시 가선거구, 제8대·제9대)"
    assert str(second) == "이상훈 (국민의힘, 시흥시 라선거구, 제7대)"


def test_terms_are_sorted_without_repeats_on_clean():
    candidate = member(terms=[9, 8, 9])
    candidate.full_clean()
    assert candidate.terms == [8, 9]
    assert candidate.terms_display == "제8대·제9대"


def test_a_member_who_left_is_a_former_member():
    former = make_member(is_active=False, left_on=timezone.localdate() - timedelta(days=30))
    assert former.is_former and former.title == "전 의원"
    assert "전 의원" in str(former)
    assert make_member().title == "의원"


def test_a_leaving_date_and_active_together_are_refused():
    with pytest.raises(ValidationError) as caught:
        member(is_active=True, left_on=timezone.localdate()).full_clean()
    assert "퇴임일" in caught.value.message_dict["is_active"][0]


def test_a_role_cannot_end_before_it_starts():
    someone = make_member()
    role = CouncilRole(
        member=someone,
        title="의장",
        started_on=timezone.localdate(),
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        role.full_clean()


def test_a_session_is_named_the_council_way_and_its_dates_are_checked():
    session = make_session(312, kind="임시회")
    assert str(session) == "제312회 시흥시의회 임시회"
    wrong = Session(number=313, kind="정례회", start_date=timezone.localdate(), end_date=timezone.localdate() - timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        wrong.full_clean()
    assert "폐회일" in caught.value.message_dict["end_date"][0]


def test_the_current_session_comes_before_the_next_and_past_ones_are_ignored():
    today = timezone.localdate()
    make_session(300, start_date=today - timedelta(days=40), end_date=today - timedelta(days=30))
    upcoming = make_session(302, start_date=today + timedelta(days=10), end_date=today + timedelta(days=20))  # fmt: skip
    assert Session.objects.current_or_next() == upcoming
    current = make_session(301, start_date=today - timedelta(days=1), end_date=today + timedelta(days=1))  # fmt: skip
    assert Session.objects.current_or_next() == current
    Session.objects.exclude(number=300).delete()
    assert Session.objects.current_or_next() is None


def test_districts_sort_by_city_then_letter_with_proportional_last():
    districts = ["비례대표", "시흥시 다선거구", "시흥시 가선거구"]
    assert sorted(districts, key=district_sort_key) == [
        "시흥시 가선거구",
        "시흥시 다선거구",
        "비례대표",
    ]


def test_a_link_reads_as_what_it_links():
    from council.models import MemberArticle, SessionArticle
    from tests.factories import make_article

    story = make_article()
    member, session = make_member("이상훈"), make_session(312)
    assert str(MemberArticle.objects.create(member=member, article=story)) == str(member)
    assert str(SessionArticle.objects.create(session=session, article=story)) == str(session)
