"""Which council members a story's text names, so the article form can suggest links.

A name counts as a mention only with a council title right after it: ``이상훈 의원``,
``이상훈의원``, ``이상훈 대표의원``, ``이상훈 대표 의원``, ``박소영 의원은``, ``오인열 의장``,
``송미경 위원장``, and a list sharing one title, ``이상훈, 박소영 의원`` (both). Not a
mention: the name inside a longer word (``김이상훈 의원`` is 김이상훈), the name alone or
with another title (``이상훈씨``, ``이상훈 시장``, ``이상훈 교수``): a citizen or an
official who shares a member's name is common, and a wrong link is worse than a missed
one, since the reporter can always add a link by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import strip_tags

TITLES = ("상임위원장", "부위원장", "위원장", "부의장", "의장", "의원")
_SEPARATOR = r"\s*[,·ㆍ]\s*"
_HANGUL = "가-힣"


def mentioned_names(text: str, names: Iterable[str]) -> set[str]:
    """Those of ``names`` that ``text`` (plain text) names as council members."""
    names = {name.strip() for name in names if name and name.strip()}
    if not names or not text:
        return set()
    # Longest first, so 이상훈 does not stop short inside 이상훈희 when both are members.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    name = rf"(?<![{_HANGUL}])(?:{alternatives})"
    pattern = re.compile(
        rf"(?P<list>{name}(?:{_SEPARATOR}{name})*)\s*(?:대표\s*)?(?:{'|'.join(TITLES)})"
    )
    found: set[str] = set()
    for match in pattern.finditer(text):
        found.update(part.strip() for part in re.split(_SEPARATOR, match["list"]))
    return found & names


def article_text(article) -> str:
    parts = (article.headline, article.subheadline, article.summary, strip_tags(article.body or ""))
    return "\n".join(part for part in parts if part)


def members_named_in(text: str, exclude_names: Iterable[str] = ()) -> list:
    """Members ``text`` names (the rule above), sitting members first. Namesakes are all
    offered (the reporter picks); ``exclude_names`` are names already settled."""
    from council.models import CouncilMember

    every_name = set(CouncilMember.objects.values_list("name", flat=True))
    names = mentioned_names(text, every_name - set(exclude_names))
    if not names:
        return []
    return list(CouncilMember.objects.filter(name__in=names).order_by("-is_active", "name", "pk"))


def suggested_members(article) -> list:
    """Members the saved story names, until one of that name is linked: then the name is
    settled. The editor's live panel asks ``members_named_in`` the same question."""
    from council.models import CouncilMember

    if article is None or article.pk is None:
        return []
    settled = CouncilMember.objects.filter(links__article=article).values_list("name", flat=True)
    return members_named_in(article_text(article), settled)
