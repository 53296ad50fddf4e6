"""Council factories (tests/factories.py keeps the articles' own)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.utils import timezone

from council.models import CouncilMember, MemberArticle, ResearchGroup, Session

_seq = itertools.count(1)


def make_member(name=None, **fields):
    fields.setdefault("party", "더불어민주당")
    fields.setdefault("district", "시흥시 가선거구")
    fields.setdefault("terms", [9])
    return CouncilMember.objects.create(name=name or f"의원{next(_seq)}", **fields)


def make_session(number=None, **fields):
    today = timezone.localdate()
    fields.setdefault("kind", "임시회")
    fields.setdefault("start_date", today - timedelta(days=2))
    fields.setdefault("end_date", today + timedelta(days=5))
    return Session.objects.create(number=number or 300 + next(_seq), **fields)


def make_group(name=None, *, members=(), **fields):
    group = ResearchGroup.objects.create(name=name or f"연구회 {next(_seq)}", **fields)
    group.members.add(*members)
    return group


def link(member, *articles):
    for article in articles:
        MemberArticle.objects.create(member=member, article=article)


FIRST_DAY = date(2024, 9, 2)
