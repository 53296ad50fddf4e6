"""The Korean condition word for one observation: the only place that knows KMA's codes.

Pure: no Django. Tables A and B and the cloud thresholds come from docs/kma-format.md.
Table A (KMA's domestic WW codes) is assumed from third-party groupings, since KMA has not
published its code list; when it turns out wrong, this module is the one to correct.
"""

from collections.abc import Iterable

# Strongest first: when a station reports several phenomena, the strip shows the first one.
PRESENT_WEATHER_PRIORITY = (
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

# Table A: KMA domestic present-weather codes (WW column, two digits each). Other codes: no word.
WW_WORDS = {
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


def _ranges(*spans: tuple[int, int]) -> set[int]:
    return {code for low, high in spans for code in range(low, high + 1)}


# Table B: WMO code table 4677 (WC column). Codes not listed (00-03, 13-16, 18-29) give no word.
_WC_GROUPS = {
    "연무": _ranges((4, 5)),
    "황사": _ranges((6, 9), (30, 35)),
    "박무": _ranges((10, 10)),
    "안개": _ranges((11, 12), (40, 49)),
    "뇌우": _ranges((17, 17), (91, 99)),
    "눈": _ranges((36, 39), (70, 79), (85, 86)),
    "비": _ranges((50, 67)),
    "진눈깨비": _ranges((68, 69), (83, 84)),
    "소나기": _ranges((80, 82)),
    "우박": _ranges((87, 90)),
}
WC_WORDS = {code: word for word, codes in _WC_GROUPS.items() for code in codes}

# Total cloud in tenths -> sky word, upper bounds inclusive.
SKY_BY_CLOUD = ((2, "맑음"), (5, "구름조금"), (8, "구름많음"), (10, "흐림"))

# Every word the strip can show, each with its own icon (static/weather/icons.svg#wx-<slug>).
ICON_SLUGS = {
    "맑음": "clear",
    "구름조금": "partly-cloudy",
    "구름많음": "mostly-cloudy",
    "흐림": "overcast",
    "뇌우": "thunder",
    "우박": "hail",
    "진눈깨비": "sleet",
    "눈": "snow",
    "소나기": "shower",
    "비": "rain",
    "안개": "fog",
    "황사": "dust",
    "박무": "mist",
    "연무": "haze",
}


def split_ww(ww: str) -> tuple[str, ...]:
    """Split the WW field ("0119") into two-digit codes; "-" or "" means none.

    Raises ValueError for anything that is not pairs of digits, so the caller can skip the row.
    """
    if ww in ("", "-"):
        return ()
    if not (ww.isascii() and ww.isdigit()) or len(ww) % 2:
        raise ValueError(f"WW is not two-digit codes: {ww!r}")
    return tuple(ww[i : i + 2] for i in range(0, len(ww), 2))


def present_weather_word(ww_codes: Iterable[str], wc: int | None) -> str:
    """The strongest phenomenon named by the WW codes and the WC code together, or ""."""
    words = {WW_WORDS[code] for code in ww_codes if code in WW_WORDS}
    if wc is not None and wc in WC_WORDS:
        words.add(WC_WORDS[wc])
    for word in PRESENT_WEATHER_PRIORITY:
        if word in words:
            return word
    return ""


def sky_word(cloud_total: int | None) -> str:
    """맑음/구름조금/구름많음/흐림 from total cloud in tenths; "" when missing or out of range."""
    if cloud_total is None or not 0 <= cloud_total <= 10:
        return ""
    for upper, word in SKY_BY_CLOUD:
        if cloud_total <= upper:
            return word
    return ""  # unreachable: the last bound is 10


def condition_word(ww_codes: Iterable[str], wc: int | None, cloud_total: int | None) -> str:
    """Present weather first, else the sky from cloud amount, else "" (temperature alone).

    Precipitation amount alone never sets a word: RN lags the hour and says nothing of the sky.
    """
    return present_weather_word(ww_codes, wc) or sky_word(cloud_total)


def icon_slug(word: str) -> str:
    """The icon name for a condition word; "" for no word (or one we do not draw)."""
    return ICON_SLUGS.get(word, "")
