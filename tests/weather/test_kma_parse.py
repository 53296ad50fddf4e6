"""weather.kma.parse: recorded KMA bodies and hand-made bad ones, no database, no network."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from weather import kma

DATA = Path(__file__).parent / "data"
FULL_SAMPLES = [
    "all-stations-202608181500.txt",
    "all-stations-202608181500-crlf.txt",
    "all-stations-202608181500-help1-euckr.txt",
]

# tests/weather/data/README.md, "Expected strip values": station -> (temperature, condition).
EXPECTED = {
    98: (27.7, "구름많음"),
    105: (29.4, "흐림"),
    108: (29.1, "구름조금"),
    133: (30.2, "구름조금"),
    143: (32.3, "맑음"),
    152: (29.5, "연무"),
    156: (31.6, "맑음"),
    159: (26.6, "구름조금"),
    172: (24.8, "비"),
    184: (29.6, "맑음"),
    201: (26.9, "박무"),
    226: (28.2, "비"),
    238: (25.3, "소나기"),
    259: (None, "구름많음"),
    283: (32.9, ""),
    294: (28.1, "구름많음"),
}

# Seoul's row from the sample, the template for hand-made rows below.
SEOUL = (
    "202608181500 108  19  1.5  -9 -9.0   -9  997.5 1007.2  0  -0.6  29.1  20.8  61.0  24.5"
    "   -9.0   -9.0   -9.0   -9.0   -9.0   -9.0   -9.0 -9 -9 -                        4   2"
    "    7 -         -9  -9  -9  1921  0.6  2.34 -9  39.8  27.5  26.4  25.2  24.6  -9 -9.0 -9"
    "  3  2"
)


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def row(**fields: str) -> str:
    """Seoul's row with some fields replaced, by FORMAT.md column name."""
    columns = SEOUL.split()
    for name, value in fields.items():
        columns[getattr(kma, name)] = value
    return " ".join(columns)


def table(*rows: str, newline: str = "\n") -> bytes:
    lines = [kma.START, "# YYMMDDHHMI STN  WD   WS ...", "#        KST  ID  16  m/s ...", *rows]
    return newline.join([*lines, kma.END, ""]).encode()


def by_station(readings):
    return {r.station: r for r in readings}


def test_seoul_template_row_is_the_sample_row():
    # Guards the hand-made rows: the template must be a real, well-formed row.
    assert kma.parse_row(SEOUL) == by_station(kma.parse(read(FULL_SAMPLES[0])))[108]


# --- the recorded samples ---------------------------------------------------------------------


@pytest.mark.parametrize("name", FULL_SAMPLES)
def test_full_sample_gives_95_observations(name):
    readings = kma.parse(read(name))
    assert len(readings) == 95
    assert len({r.station for r in readings}) == 95


@pytest.mark.parametrize("name", FULL_SAMPLES[1:])
def test_crlf_and_euckr_help_variants_parse_identically(name):
    assert kma.parse(read(name)) == kma.parse(read(FULL_SAMPLES[0]))


@pytest.mark.parametrize("name", FULL_SAMPLES)
@pytest.mark.parametrize("station", sorted(EXPECTED))
def test_our_stations_match_the_expected_table(name, station):
    reading = by_station(kma.parse(read(name)))[station]
    temperature, condition = EXPECTED[station]
    assert reading.temperature == temperature
    assert reading.condition == condition


def test_observed_at_is_aware_kst():
    reading = kma.parse(read(FULL_SAMPLES[0]))[0]
    assert reading.observed_at.tzinfo == kma.KST
    assert reading.observed_at == datetime(2026, 8, 18, 6, 0, tzinfo=UTC)


def test_seoul_fields_are_typed():
    seoul = by_station(kma.parse(read(FULL_SAMPLES[0])))[108]
    assert seoul == kma.Reading(
        station=108,
        observed_at=datetime(2026, 8, 18, 15, 0, tzinfo=kma.KST),
        temperature=29.1,
        humidity=61.0,
        wind_direction_deg=190,
        wind_speed=1.5,
        precipitation=None,
        cloud_total=4,
        wc=None,
        ww=(),
        condition="구름조금",
    )


def test_gochang_county_is_a_different_station_from_gochang():
    readings = by_station(kma.parse(read(FULL_SAMPLES[0])))
    assert (readings[172].temperature, readings[251].temperature) == (24.8, 30.5)
    assert readings[251].condition == "비"


@pytest.mark.parametrize(("station", "word"), [(165, "박무"), (169, "박무"), (115, "연무")])
def test_other_stations_worth_a_test(station, word):
    assert by_station(kma.parse(read(FULL_SAMPLES[0])))[station].condition == word


def test_gochang_rain_outranks_mist_and_keeps_both_codes():
    gochang = by_station(kma.parse(read(FULL_SAMPLES[0])))[172]
    assert gochang.ww == ("01", "19")
    assert gochang.precipitation == 4.5


def test_euckr_body_is_not_valid_utf8_but_decodes_as_cp949():
    raw = read(FULL_SAMPLES[2])
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "지점번호" in kma.decode(raw)


def test_decode_prefers_utf8():
    assert kma.decode("기상청".encode()) == "기상청"
    assert kma.decode("기상청".encode("cp949")) == "기상청"


# --- bodies that are not a table: nothing is returned, the reason is one line --------------


@pytest.mark.parametrize(
    ("name", "error", "reason"),
    [
        ("empty-body.txt", kma.KmaResponseError, "empty body"),
        ("error-401-bad-key.json", kma.KmaResponseError, "유효한 인증키가 아닙니다."),
        ("error-403-not-subscribed.json", kma.KmaResponseError, "활용신청이 필요한 API 입니다."),
        ("error-403-quota.json", kma.KmaResponseError, "API 호출 한도를 초과했습니다."),
        ("error-404-bad-path.json", kma.KmaResponseError, "유효하지 않은 API 입니다."),
        ("error-502.html", kma.KmaResponseError, "HTML"),
        ("truncated-202608181500.txt", kma.KmaResponseError, "truncated"),
        ("no-rows-202608181600.txt", kma.KmaNoRows, "no rows"),
    ],
)
def test_error_bodies_raise_with_a_one_line_reason(name, error, reason):
    with pytest.raises(error) as caught:
        kma.parse(read(name))
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message


def test_truncated_body_returns_not_even_its_complete_rows():
    raw = read("truncated-202608181500.txt")
    assert raw.count(b"\n202608181500") >= 40  # it does hold complete rows...
    with pytest.raises(kma.KmaResponseError):
        kma.parse(raw)  # ...and still gives none of them


@pytest.mark.parametrize(
    "raw",
    [b"   \r\n\n", "\ufeff".encode(), b"202608181500 108 27\n", b"OK", b"#7777END\n"],
    ids=["blank", "bom-only", "no-framing", "plain-text", "end-only"],
)
def test_other_non_tables_are_rejected(raw):
    with pytest.raises(kma.KmaResponseError):
        kma.parse(raw)


def test_quota_envelope_with_http_200_is_still_an_error():
    # The status is not the judge: parse sees only the body.
    with pytest.raises(kma.KmaResponseError, match="한도"):
        kma.parse(read("error-403-quota.json"))


def test_envelope_in_cp949_is_reported_readably():
    body = '{"result":{"status":401,"message":"유효한 인증키가 아닙니다."}}'.encode("cp949")
    with pytest.raises(kma.KmaResponseError, match="유효한 인증키가 아닙니다"):
        kma.parse(body)


# --- malformed rows are skipped, the rest kept ----------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        " ".join(SEOUL.split()[:40]),  # fewer columns
        SEOUL + " 7",  # more columns
        row(TA="29.1x"),
        row(TA="nan"),
        row(HM="inf"),
        row(STN="서울"),
        row(CA_TOT="4.5"),
        row(WC="rain"),
        row(WW="0x"),
        row(WW="011"),
        row(TM="2026081815"),
        row(TM="202613181500"),
        row(WW="01" * 21),
    ],
    ids=[
        "fewer-columns",
        "more-columns",
        "ta-text",
        "ta-nan",
        "hm-inf",
        "stn-text",
        "cloud-fraction",
        "wc-text",
        "ww-not-digits",
        "ww-odd-length",
        "tm-short",
        "tm-month-13",
        "ww-longer-than-stored",
    ],
)
def test_malformed_row_is_skipped_and_the_others_kept(bad):
    readings = kma.parse(table(row(STN="98"), bad, row(STN="105")))
    assert [r.station for r in readings] == [98, 105]


def test_skipped_rows_are_logged_once_per_table(caplog):
    kma.parse(table(row(TA="?"), row(HM="x"), SEOUL))
    (record,) = [r for r in caplog.records if r.name == "weather.kma"]
    assert "2 malformed rows skipped" in record.getMessage()
    assert "line 4" in record.getMessage()


def test_a_table_of_only_malformed_rows_has_no_rows():
    with pytest.raises(kma.KmaNoRows, match="malformed"):
        kma.parse(table(row(TA="?"), "202608181500 108"))


def test_unknown_station_is_parsed_like_any_other():
    # Choosing our stations is the store's job; the parser keeps every well-formed row.
    assert [r.station for r in kma.parse(table(row(STN="999")))] == [999]


def test_duplicate_rows_are_both_returned():
    assert len(kma.parse(table(SEOUL, SEOUL))) == 2


def test_crlf_lines_and_blank_lines_are_fine():
    readings = kma.parse(b"\r\n" + table(SEOUL, "", row(STN="98"), newline="\r\n"))
    assert [r.station for r in readings] == [108, 98]


# --- missing-value markers, column by column ---------------------------------------------


@pytest.mark.parametrize("value", ["-99.0", "-99", "-99.9", "-999.0"])
def test_temperature_at_or_below_minus_99_is_missing(value):
    assert kma.parse_row(row(TA=value)).temperature is None


@pytest.mark.parametrize(("value", "expected"), [("-9.0", -9.0), ("-3.4", -3.4), ("0.0", 0.0)])
def test_temperature_minus_9_is_a_real_cold_reading(value, expected):
    assert kma.parse_row(row(TA=value)).temperature == expected


@pytest.mark.parametrize(
    ("column", "value", "attribute"),
    [
        ("HM", "-9.0", "humidity"),
        ("HM", "-9", "humidity"),
        ("WS", "-9.0", "wind_speed"),
        ("WS", "-9.00", "wind_speed"),
        ("WD", "-9", "wind_direction_deg"),
        ("WD", "99", "wind_direction_deg"),
        ("RN", "-9.0", "precipitation"),
        ("CA_TOT", "-9", "cloud_total"),
        ("CA_TOT", "11", "cloud_total"),
        ("WC", "-9", "wc"),
        ("WC", "100", "wc"),
        ("WC", "40000", "wc"),
        ("TA", "999.9", "temperature"),
        ("TA", "1e300", "temperature"),
    ],
)
def test_sentinels_become_none(column, value, attribute):
    assert getattr(kma.parse_row(row(**{column: value})), attribute) is None


def test_ww_dash_means_no_phenomenon():
    assert kma.parse_row(row(WW="-")).ww == ()


@pytest.mark.parametrize(("value", "degrees"), [("0", 0), ("9", 90), ("36", 360)])
def test_wind_direction_is_in_tens_of_degrees(value, degrees):
    assert kma.parse_row(row(WD=value)).wind_direction_deg == degrees


def test_missing_cloud_and_no_weather_gives_no_condition():
    assert kma.parse_row(row(CA_TOT="-9", WC="-9", WW="-")).condition == ""


def test_rain_amount_alone_sets_no_condition():
    assert kma.parse_row(row(RN="3.5", CA_TOT="-9")).condition == ""


def test_missing_temperature_keeps_the_condition():
    reading = kma.parse_row(row(TA="-99.0", CA_TOT="10"))
    assert (reading.temperature, reading.condition) == (None, "흐림")
