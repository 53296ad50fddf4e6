"""Pure client for the KMA API Hub hourly ASOS observations (``kma_sfctm2.php``).

Three steps, each a plain function so tests can feed recorded bytes in:
``build_url`` -> ``fetch`` (timeouts, bounded retry) -> ``parse`` (bytes -> ``Reading`` list).
No Django here: storing readings is ``weather.models``' job, reporting is the command's.
The format is described in docs/kma-format.md; the quirks that matter are noted inline.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import math
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from weather.conditions import condition_word, split_ww

KST = ZoneInfo("Asia/Seoul")
DEFAULT_URL = "https://apihub.kma.go.kr/api/typ01/url/kma_sfctm2.php"
START, END = "#START7777", "#7777END"
FIELD_COUNT = 46
# A full all-stations answer is ~26 KB; anything far larger is not the table we asked for.
MAX_BODY_BYTES = 2_000_000
USER_AGENT = "siheung-newsroom weather strip (+kma_sfctm2)"

# Column positions (0-based) of the fields the strip uses; FORMAT.md lists all 46.
TM, STN, WD, WS, TA, HM, RN, WC, WW, CA_TOT = 0, 1, 2, 3, 11, 13, 15, 22, 24, 25
# A garbled row can still be numeric; what no station can report is not a reading (and
# a WC or WW beyond these would not fit its database column, failing the whole hour).
WC_MAX = 99  # WMO 4677 codes are 00-99
WW_MAX_LENGTH = 40  # Observation.ww; the column is 22 characters wide in the table
TEMPERATURE_MAX = 60.0  # ℃; the world record is 56.7

log = logging.getLogger(__name__)


class KmaError(Exception):
    """A fetch or parse failure; ``str()`` is one line fit for a cron mail."""

    transient = False


class KmaConnectionError(KmaError):
    """No answer: connection refused, reset, DNS failure or timeout. Worth retrying."""

    transient = True


class KmaTimeout(KmaConnectionError):
    """The server did not answer (or finish answering) within the timeout."""


class KmaHTTPError(KmaError):
    """The server answered with an HTTP error status. Only 5xx (and 408) are retried."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.transient = status >= 500 or status == 408


class KmaResponseError(KmaError):
    """The body is not a usable table: empty, an error envelope, HTML, unframed or truncated."""


class KmaNoRows(KmaResponseError):
    """A well-framed table without one usable data row (e.g. an hour not yet published)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """One station's hourly observation as KMA sent it, missing values as ``None``."""

    station: int
    observed_at: datetime  # aware, Asia/Seoul
    temperature: float | None  # ℃
    humidity: float | None  # %
    wind_direction_deg: int | None  # degrees, 0 = calm
    wind_speed: float | None  # m/s
    precipitation: float | None  # mm; None when KMA reported none (-9.0)
    cloud_total: int | None  # tenths, 0-10
    wc: int | None  # WMO 4677 present weather
    ww: tuple[str, ...]  # KMA domestic codes, two digits each
    condition: str  # Korean word, "" when none applies


# --- request ---------------------------------------------------------------------------------


def build_url(at: datetime | None, key: str, base: str = DEFAULT_URL) -> str:
    """The request URL for hour ``at`` (aware; floored to the hour in KST), all stations.

    ``at=None`` leaves ``tm`` out, and KMA answers with its newest published hour.
    """
    if not key:
        raise ValueError("KMA API key is empty")
    params = {}
    if at is not None:
        if at.tzinfo is None:
            raise ValueError("build_url needs an aware datetime")
        params["tm"] = at.astimezone(KST).strftime("%Y%m%d%H00")
    params |= {"stn": "0", "help": "0", "authKey": key}
    separator = "&" if "?" in base else "?"
    return base + separator + urllib.parse.urlencode(params)


def fetch(
    url: str,
    *,
    timeout: float = 5.0,
    tries: int = 3,
    backoff: float = 1.0,
    total_timeout: float | None = None,
) -> bytes:
    """GET ``url`` and return the body bytes (any 2xx; ``parse`` judges the body).

    Each try is bounded as a whole, connect + status line + headers + body, by ``timeout``
    seconds, and all tries with their pauses by ``total_timeout`` (default: no more than
    the tries' own bounds): a server that trickles its headers one byte a second, which
    a socket timeout alone never trips, is cut off at the deadline all the same.
    Transient failures (refused, reset, timeout, HTTP 5xx) are retried up to ``tries`` times
    in total, sleeping ``backoff``, then twice that...; HTTP 4xx fails at once, since a bad key
    or an exhausted quota will not heal in seconds. Raises a ``KmaError`` subclass.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        raise KmaError(f"KMA 주소를 읽을 수 없음 (malformed URL): {_redact(url)}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KmaError(f"KMA 주소가 http(s)가 아님 (bad URL scheme): {_redact(url)}")
    tries = max(tries, 1)
    started = time.monotonic()
    total_deadline = started + (total_timeout if total_timeout is not None else tries * timeout)
    for attempt in range(1, tries + 1):
        try_deadline = min(time.monotonic() + timeout, total_deadline)
        try:
            return _fetch_once(url, try_deadline)
        except KmaError as exc:
            if not exc.transient:
                raise
            pause = backoff * 2 ** (attempt - 1)
            out_of_time = time.monotonic() + pause >= total_deadline
            if attempt == tries or out_of_time:
                if out_of_time and attempt < tries:
                    exc = KmaTimeout(
                        f"{exc}; KMA 전체 시간 {time.monotonic() - started:.0f}초 초과 "
                        f"(total deadline {total_deadline - started:g}s)"
                    )
                raise type(exc)(*_with_attempts(exc, attempt)) from exc
            log.info("KMA fetch try %d/%d failed: %s", attempt, tries, exc)
            time.sleep(pause)
    raise AssertionError("unreachable")  # the last try returns or raises above


def _with_attempts(exc: KmaError, tries: int) -> tuple:
    message = f"{exc} ({tries}회 시도 후 포기, gave up after {tries} tries)"
    return (exc.status, message) if isinstance(exc, KmaHTTPError) else (message,)


class _Watchdog:
    """Shuts the try's sockets down at its deadline, wherever the read is blocked.

    A socket timeout bounds one ``recv``; http.client reads the status line and headers
    line by line, so only cutting the socket bounds a try that gets a byte a second.
    """

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.sockets: list[socket.socket] = []
        self.fired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(self.deadline - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            fired = self.fired
        if fired:
            self._shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self.sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _opener(watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    def watched(connection_class):
        class Watched(connection_class):
            def connect(self):
                self.timeout = min(self.timeout, watchdog.remaining())
                super().connect()
                watchdog.watch(self.sock)

        return Watched

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(watched(http.client.HTTPConnection), req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(watched(http.client.HTTPSConnection), req, context=self._context)

    return urllib.request.build_opener(HTTPHandler, HTTPSHandler)


def _fetch_once(url: str, deadline: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    timeout = max(deadline - time.monotonic(), 0.001)
    watchdog = _Watchdog(deadline)
    try:
        with _opener(watchdog).open(request, timeout=timeout) as response:
            return _read_body(response, deadline, timeout)
    except urllib.error.HTTPError as exc:
        raise KmaHTTPError(exc.code, _http_error_message(exc, deadline, timeout)) from exc
    except urllib.error.URLError as exc:
        raise _connection_error(TimeoutError() if watchdog.fired else exc.reason, timeout) from exc
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        raise _connection_error(TimeoutError() if watchdog.fired else exc, timeout) from exc
    except KmaError:
        raise
    finally:
        watchdog.cancel()


def _read_body(response, deadline: float, timeout: float) -> bytes:
    # The watchdog cuts a trickle at the deadline; the check between chunks names it.
    chunks, size = [], 0
    read = getattr(response, "read1", response.read)
    while chunk := read(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise KmaResponseError(f"KMA 응답이 너무 큼 (body over {MAX_BODY_BYTES} bytes)")
        if time.monotonic() > deadline:
            raise KmaTimeout(f"KMA 응답 시간 초과 (timeout: body not finished in {timeout:g}s)")
    if time.monotonic() > deadline:
        raise KmaTimeout(f"KMA 응답 시간 초과 (timeout: body not finished in {timeout:g}s)")
    return b"".join(chunks)


def _http_error_message(exc: urllib.error.HTTPError, deadline: float, timeout: float) -> str:
    try:
        body = _read_body(exc, deadline, timeout) if exc.fp else b""
    except (KmaError, OSError, http.client.HTTPException):
        body = b""
    finally:
        exc.close()
    detail = _error_detail(decode(body), with_status=False) or exc.reason or ""
    return _one_line(f"KMA HTTP {exc.code}: {detail}")


def _connection_error(reason, timeout: float) -> KmaConnectionError:
    if isinstance(reason, TimeoutError):
        return KmaTimeout(f"KMA 응답 시간 초과 (timeout after {timeout:g}s)")
    if isinstance(reason, ConnectionRefusedError):
        return KmaConnectionError("KMA 연결 거부 (connection refused)")
    return KmaConnectionError(_one_line(f"KMA 연결 실패 (connection failed): {reason}"))


def _redact(url: str) -> str:
    return re.sub(r"(authKey=)[^&]*", r"\1***", url)


# --- body ------------------------------------------------------------------------------------


def decode(raw: bytes) -> str:
    """Bytes -> text: UTF-8 first, then CP949 (KMA and its proxies also answer in EUC-KR)."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Rows are ASCII, so a stray byte in a comment must not cost the whole table.
    return raw.decode("utf-8", errors="replace")


def parse(raw: bytes) -> list[Reading]:
    """Parse a ``kma_sfctm2.php`` body into readings, one per well-formed data row.

    The body is judged by its content, not the HTTP status (a quota error may come with 200):
    empty, a JSON error envelope, HTML, a missing ``#START7777``/``#7777END`` (truncated)
    raise ``KmaResponseError`` and nothing is returned, not even complete rows; a table with
    no usable row raises ``KmaNoRows``. A malformed row (field count, non-numeric value) is
    skipped and logged, so one bad station does not cost the others. Duplicates are kept;
    storing dedupes them.
    """
    text = decode(raw).strip()
    if not text:
        raise KmaResponseError("KMA 응답이 비어 있음 (empty body)")
    if text[0] == "{":
        detail = _error_detail(text) or "알 수 없는 오류"
        raise KmaResponseError(_one_line(f"KMA 오류 응답 (error envelope): {detail}"))
    if text[0] == "<":
        detail = _error_detail(text)
        raise KmaResponseError(_one_line(f"KMA 응답이 표가 아닌 HTML임 (HTML page): {detail}"))
    lines = text.splitlines()  # also takes CRLF apart
    if lines[0].strip() != START:
        raise KmaResponseError(f"KMA 응답이 표가 아님 (no {START}): {_one_line(lines[0])[:60]}")
    if lines[-1].strip() != END:
        raise KmaResponseError(f"KMA 응답이 잘림 (truncated: no {END})")

    readings, skipped, data_lines = [], [], 0
    for number, line in enumerate(lines[1:-1], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        data_lines += 1
        try:
            readings.append(parse_row(line))
        except ValueError as exc:
            skipped.append(f"line {number}: {exc}")
    if skipped:
        # One message per table, not per row: cron mails stay short when a station misbehaves.
        log.warning("KMA: %d malformed rows skipped (%s)", len(skipped), "; ".join(skipped[:3]))
    if not readings:
        if data_lines:
            raise KmaNoRows(f"KMA 표의 모든 행이 잘못됨 (all {data_lines} rows malformed)")
        raise KmaNoRows("KMA 표에 자료 행이 없음 (no rows; 아직 발표 전인 시각일 수 있음)")
    return readings


def parse_row(line: str) -> Reading:
    """One data line -> ``Reading``; ``ValueError`` when the line is not a well-formed row."""
    fields = line.split()
    if len(fields) != FIELD_COUNT:
        raise ValueError(f"{len(fields)} fields, expected {FIELD_COUNT}")
    observed_at = _kst_time(fields[TM])
    station = _int(fields[STN])
    if station <= 0:
        raise ValueError(f"station number {station}")
    if len(fields[WW]) > WW_MAX_LENGTH:
        raise ValueError(f"WW longer than {WW_MAX_LENGTH} characters")
    ww = split_ww(fields[WW])
    wc = _non_negative_int(fields[WC])
    if wc is not None and wc > WC_MAX:
        wc = None
    cloud = _non_negative_int(fields[CA_TOT])
    if cloud is not None and cloud > 10:
        cloud = None  # tenths: anything above 10 is not a cloud amount
    return Reading(
        station=station,
        observed_at=observed_at,
        temperature=_temperature(fields[TA]),
        humidity=_non_negative(fields[HM]),
        wind_direction_deg=_wind_direction(fields[WD]),
        wind_speed=_non_negative(fields[WS]),
        precipitation=_non_negative(fields[RN]),
        cloud_total=cloud,
        wc=wc,
        ww=ww,
        condition=condition_word(ww, wc, cloud),
    )


def _kst_time(value: str) -> datetime:
    if len(value) != 12 or not value.isdigit():
        raise ValueError(f"TM is not YYYYMMDDHHMI: {value!r}")
    return datetime.strptime(value, "%Y%m%d%H%M").replace(tzinfo=KST)


def _float(value: str) -> float:
    number = float(value)  # ValueError for non-numeric text
    if not math.isfinite(number):  # float() happily accepts "nan" and "inf"
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _int(value: str) -> int:
    number = _float(value)
    if not number.is_integer():
        raise ValueError(f"not a whole number: {value!r}")
    return int(number)


def _temperature(value: str) -> float | None:
    # Temperatures use -99.0 for missing; -9.0 here is a real −9 ℃, unlike other columns.
    number = _float(value)
    return None if number <= -99 or number > TEMPERATURE_MAX else number


def _non_negative(value: str) -> float | None:
    # -9 / -9.0 / -9.00 mark missing in non-temperature columns; no real value is negative.
    number = _float(value)
    return None if number < 0 else number


def _non_negative_int(value: str) -> int | None:
    number = _int(value)
    return None if number < 0 else number


def _wind_direction(value: str) -> int | None:
    # WD comes in tens of degrees, 0-36 (0 = calm).
    tens = _non_negative_int(value)
    return None if tens is None or tens > 36 else tens * 10


def _error_detail(text: str, *, with_status: bool = True) -> str:
    """The human part of an error body: the JSON envelope's message or the HTML title."""
    text = text.strip()
    if text.startswith("{"):
        try:
            envelope = json.loads(text)
        except ValueError:
            return _one_line(text)[:120]
        result = envelope.get("result", envelope) if isinstance(envelope, dict) else {}
        if isinstance(result, dict):
            message, status = result.get("message"), result.get("status")
            if message and with_status and status is not None:
                return f"{message} (status {status})"
            if message:
                return str(message)
        return _one_line(text)[:120]
    if text.startswith("<"):
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S)
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        parts = [m.group(1).strip() for m in (title, heading) if m]
        return " / ".join(parts) or "HTML"
    return _one_line(text)[:120]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
