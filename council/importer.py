"""Members from a CSV the council's own list can be pasted into (import_council_members).

Columns by their Korean headings, in any order: 이름 (or 성명), 정당, 선거구 are required;
한자, 로마자, 대수 (``9``, ``8,9``, ``제8대·제9대``), 연락처, 이메일 are optional. A row is the
same member as a stored one with the same name and district (namesakes elsewhere stay
apart); a stored member's terms grow by the row's, the other columns are replaced when
the row fills them.

Everything is checked before anything is written, and writing is one transaction: a
file with any bad row changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from council.models import CouncilMember, normalize_district, terms_label

HEADINGS = {
    "이름": "name",
    "성명": "name",
    "의원명": "name",
    "한자": "name_hanja",
    "한자 이름": "name_hanja",
    "로마자": "name_roman",
    "영문": "name_roman",
    "정당": "party",
    "소속정당": "party",
    "선거구": "district",
    "지역구": "district",
    "대수": "terms",
    "연락처": "phone",
    "전화": "phone",
    "이메일": "email",
}
REQUIRED = ("name", "party", "district")
LABELS = {"name": "이름", "party": "정당", "district": "선거구", "name_hanja": "한자 이름",
          "name_roman": "로마자 이름", "terms": "대수", "phone": "연락처", "email": "이메일"}  # fmt: skip
_TERM = re.compile(r"\d+")


class UnreadableFile(Exception):
    """The file cannot be read at all (encoding, headings)."""


def decode(raw: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was in: UTF-8 (with or without BOM) or CP949."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp949"), "CP949"
    except UnicodeDecodeError:
        raise UnreadableFile(
            "파일의 글자 인코딩을 읽을 수 없습니다. UTF-8이나 CP949(엑셀의 ‘CSV’)로 저장해 주세요."
        ) from None


def parse_terms(value: str) -> list[int]:
    return sorted({int(n) for n in _TERM.findall(value or "")})


@dataclass
class Change:
    row: int
    member: CouncilMember
    is_new: bool
    differences: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.is_new:
            return f"{self.row}행 추가: {self.member}"
        if not self.differences:
            return f"{self.row}행 그대로: {self.member}"
        return f"{self.row}행 변경: {self.member} — {'; '.join(self.differences)}"


@dataclass
class Plan:
    encoding: str
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(c.is_new for c in self.changes)

    @property
    def changed(self) -> int:
        return sum(bool(not c.is_new and c.differences) for c in self.changes)

    @property
    def unchanged(self) -> int:
        return len(self.changes) - self.added - self.changed


def _reader(text: str):
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def plan(raw: bytes) -> Plan:
    """What importing ``raw`` would do, and every row's errors."""
    text, encoding = decode(raw)
    result = Plan(encoding)
    rows = _reader(text)
    try:
        headings = next(rows)
    except StopIteration:
        raise UnreadableFile(
            "빈 파일입니다. 첫 줄에 이름, 정당, 선거구 같은 제목을 쓰세요."
        ) from None
    columns = [HEADINGS.get(h.strip()) for h in headings]
    missing = [LABELS[name] for name in REQUIRED if name not in columns]
    if missing:
        raise UnreadableFile(
            f"첫 줄에 {', '.join(missing)} 칸이 없습니다. "
            "첫 줄은 이름, 정당, 선거구(필수)와 한자, 로마자, 대수, 연락처, 이메일 같은 제목입니다."
        )
    existing = {(m.name, m.district): m for m in CouncilMember.objects.all()}
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: "" for name in LABELS}
        for name, cell in zip(columns, cells, strict=False):
            if name:
                values[name] = cell.strip()
        if not values["name"]:
            result.errors.append(f"{number}행: 이름이 없습니다.")
            continue
        key = (values["name"], normalize_district(values["district"]))
        if key in seen:
            result.errors.append(
                f"{number}행: {seen[key]}행과 같은 의원({key[0]}, {key[1]})이 또 있습니다. "
                "한 줄만 남기세요."
            )
            continue
        seen[key] = number
        change = _change(number, values, existing.get(key))
        try:
            change.member.full_clean(exclude=["photo"], validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = LABELS.get(name)
                prefix = f"{number}행 {label}" if label else f"{number}행"
                result.errors.extend(f"{prefix}: {message}" for message in messages)
            continue
        result.changes.append(change)
    return result


def _change(number: int, values: dict, member: CouncilMember | None) -> Change:
    terms = parse_terms(values["terms"])
    if member is None:
        fields = {name: values[name] for name in LABELS if name != "terms"}
        return Change(number, CouncilMember(**fields, terms=terms), is_new=True)
    change = Change(number, member, is_new=False)
    updates = {name: values[name] for name in ("party", "name_hanja", "name_roman", "phone", "email") if values[name]}  # fmt: skip
    merged_terms = sorted(set(member.terms) | set(terms))
    for name, value in updates.items():
        if getattr(member, name) != value:
            change.differences.append(
                f"{LABELS[name]} {getattr(member, name) or '(없음)'} → {value}"
            )
            setattr(member, name, value)
    if merged_terms != sorted(member.terms):
        change.differences.append(f"대수 {terms_label(member.terms) or '(없음)'} → {terms_label(merged_terms)}")  # fmt: skip
        member.terms = merged_terms
    return change


# One import at a time: two runs of the same list must not both add its members.
IMPORT_LOCK = 12_0001


def import_members(raw: bytes, *, dry_run: bool = False) -> Plan:
    """Plan the import of ``raw`` and, unless ``dry_run`` or any row is wrong, write it:
    planning and writing in one transaction, under a lock other imports wait for."""
    decode(raw)  # an unreadable file fails before taking the lock
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
        result = plan(raw)
        if not result.errors and not dry_run:
            for change in result.changes:
                if change.is_new or change.differences:
                    change.member.save()
    return result
