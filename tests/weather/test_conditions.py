"""weather.conditions: FORMAT.md tables A and B, the priority order and the cloud thresholds."""

from itertools import combinations

import pytest

from weather.conditions import (
    ICON_SLUGS,
    PRESENT_WEATHER_PRIORITY,
    condition_word,
    icon_slug,
    present_weather_word,
    sky_word,
    split_ww,
)

TABLE_A = {
    "01": "비",
    "02": "비",
    "04": "소나기",
    "05": "눈",
    "22": "눈",
    "06": "진눈깨비",
    "16": "안개",
    "19": "박무",
    "40": "연무",
    "42": "황사",
    "70": "뇌우",
}

# Table B written out as in FORMAT.md, range ends included.
TABLE_B = [
    ((4, 5), "연무"),
    ((6, 9), "황사"),
    ((30, 35), "황사"),
    ((10, 10), "박무"),
    ((11, 12), "안개"),
    ((40, 49), "안개"),
    ((17, 17), "뇌우"),
    ((91, 99), "뇌우"),
    ((36, 39), "눈"),
    ((70, 79), "눈"),
    ((85, 86), "눈"),
    ((50, 67), "비"),
    ((68, 69), "진눈깨비"),
    ((83, 84), "진눈깨비"),
    ((80, 82), "소나기"),
    ((87, 90), "우박"),
]
WC_WITH_WORD = {code: word for (low, high), word in TABLE_B for code in range(low, high + 1)}


@pytest.mark.parametrize(("code", "word"), sorted(TABLE_A.items()))
def test_table_a_ww_codes(code, word):
    assert present_weather_word([code], None) == word


@pytest.mark.parametrize("code", ["00", "03", "07", "10", "41", "71", "99"])
def test_other_ww_codes_give_no_word(code):
    assert present_weather_word([code], None) == ""


@pytest.mark.parametrize("code", range(100))
def test_table_b_wc_codes(code):
    assert present_weather_word([], code) == WC_WITH_WORD.get(code, "")


def test_wc_codes_without_a_word_are_the_listed_ones():
    no_word = set(range(100)) - set(WC_WITH_WORD)
    assert no_word == {0, 1, 2, 3, 13, 14, 15, 16, *range(18, 30)}


WW_FOR = {word: code for code, word in TABLE_A.items()}
WC_FOR = {word: code for code, word in WC_WITH_WORD.items()}


@pytest.mark.parametrize(("stronger", "weaker"), list(combinations(PRESENT_WEATHER_PRIORITY, 2)))
def test_the_stronger_phenomenon_wins_whichever_column_names_it(stronger, weaker):
    # 우박 has no WW code, so each pair is tried in every arrangement the tables allow.
    cases = []
    if weaker in WW_FOR:
        cases.append(([WW_FOR[weaker]], WC_FOR[stronger]))
    if stronger in WW_FOR:
        cases.append(([WW_FOR[stronger]], WC_FOR[weaker]))
    if stronger in WW_FOR and weaker in WW_FOR:
        cases.append(([WW_FOR[weaker], WW_FOR[stronger]], None))
        cases.append(([WW_FOR[stronger], WW_FOR[weaker]], None))
    assert cases
    for ww, wc in cases:
        assert condition_word(ww, wc, 0) == stronger, (ww, wc)


def test_priority_order_is_the_issue_order():
    assert PRESENT_WEATHER_PRIORITY == (
        "뇌우",
        "우박",
        "진눈깨비",
        "눈",
        "소나기",
        "비",
        "안개",
        "황사",
        "박무",
        "연무",
    )


@pytest.mark.parametrize(
    ("cloud", "word"),
    [
        (0, "맑음"),
        (1, "맑음"),
        (2, "맑음"),
        (3, "구름조금"),
        (4, "구름조금"),
        (5, "구름조금"),
        (6, "구름많음"),
        (7, "구름많음"),
        (8, "구름많음"),
        (9, "흐림"),
        (10, "흐림"),
        (None, ""),
        (-9, ""),
        (11, ""),
    ],
)
def test_sky_from_total_cloud(cloud, word):
    assert sky_word(cloud) == word
    assert condition_word([], None, cloud) == word


def test_present_weather_beats_the_sky():
    assert condition_word(["19"], 10, 9) == "박무"  # 강화 in the sample: not 흐림


def test_no_weather_and_no_cloud_gives_no_word():
    assert condition_word([], None, None) == ""


@pytest.mark.parametrize(
    ("ww", "codes"), [("-", ()), ("", ()), ("19", ("19",)), ("0119", ("01", "19"))]
)
def test_split_ww(ww, codes):
    assert split_ww(ww) == codes


@pytest.mark.parametrize("ww", ["1", "011", "0a", "--", "１９"])
def test_split_ww_rejects_what_is_not_two_digit_codes(ww):
    with pytest.raises(ValueError):
        split_ww(ww)


def test_every_word_has_its_own_icon():
    words = {*PRESENT_WEATHER_PRIORITY, "맑음", "구름조금", "구름많음", "흐림"}
    assert set(ICON_SLUGS) == words
    assert len(set(ICON_SLUGS.values())) == len(words)
    assert icon_slug("") == ""
