"""Pages of a story list that cost the same at a thousand stories or a million.

No list is counted: a page fetches one story more than it shows, and that extra story
says whether there is a next page. Pages 1 to ``NUMBERED_PAGES`` go by number
(``?page=3``, a short OFFSET through the list's index); from the last numbered page
on, "더 지난 기사" continues by keyset (``?before=<pk of the last story shown>``), which
reads only the stories it shows however deep the archive goes. A page number past the
numbered ones answers 404 with a Korean note pointing to the way on.

The list's queryset must be ordered newest first (``ArticleQuerySet.for_lists``), the
order ``ArticleQuerySet.older_than`` continues.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.http import urlencode

NUMBERED_PAGES = 20
PAST_NUMBERED_PAGES = (
    "{last}쪽 이후는 쪽 번호로 볼 수 없습니다. {last}쪽 아래의 ‘더 지난 기사’를 눌러 이어 보세요."
)


@dataclass
class ListPage:
    object_list: list
    # The page's number, None on a keyset page (reached through "더 지난 기사").
    number: int | None
    previous_url: str = ""
    next_url: str = ""
    # The next page continues by keyset (older stories), not by number.
    next_is_older: bool = False
    notice: str = ""
    status: int = 200

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_url)

    @property
    def has_next(self) -> bool:
        return bool(self.next_url)


def _whole_number(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404("쪽 번호가 올바르지 않습니다.") from None


def list_page(request, queryset, *, keep: tuple[str, ...] = ()) -> ListPage:
    """The page of ``queryset`` the request asks for (``?page=`` or ``?before=``).

    ``keep`` names query parameters the page's links carry on (the search's ``q``).
    A page that is not a number, below 1 or past the end is a 404, never a 500.
    """
    per_page = settings.ARTICLES_PER_PAGE
    kept = [(name, request.GET[name]) for name in keep if request.GET.get(name)]

    def url(**params) -> str:
        query = urlencode(kept + [(k, v) for k, v in params.items() if v is not None])
        return f"{request.path}?{query}" if query else request.path

    before = _whole_number(request.GET.get("before"))
    if before is not None:
        if not 0 < before < 2**63:  # a bigint id, or the database refuses the query
            raise Http404("없는 쪽입니다.")
        rows = list(queryset.older_than(before)[: per_page + 1])
        if not rows:
            raise Http404("없는 쪽입니다.")
        shown = rows[:per_page]
        return ListPage(
            shown,
            number=None,
            previous_url=url(),
            next_url=url(before=shown[-1].pk) if len(rows) > per_page else "",
            next_is_older=True,
        )

    number = _whole_number(request.GET.get("page"))
    number = 1 if number is None else number
    if number < 1:
        raise Http404("없는 쪽입니다.")
    if number > NUMBERED_PAGES:
        return ListPage(
            [],
            number=None,
            previous_url=url(page=NUMBERED_PAGES),
            notice=PAST_NUMBERED_PAGES.format(last=NUMBERED_PAGES),
            status=404,
        )
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    if number > 1 and not rows:
        raise Http404("없는 쪽입니다.")
    shown = rows[:per_page]
    next_url = ""
    if len(rows) > per_page:
        next_url = url(page=number + 1) if number < NUMBERED_PAGES else url(before=shown[-1].pk)
    return ListPage(
        shown,
        number=number,
        previous_url=url(page=number - 1 if number > 2 else None) if number > 1 else "",
        next_url=next_url,
        next_is_older=number == NUMBERED_PAGES,
    )


class EstimatedCountPaginator(Paginator):
    """The admin list's paginator: never counts a whole table of a million stories.

    The unfiltered list takes Postgres' own estimate of the table's rows (``reltuples``,
    kept by autovacuum); a filtered or searched list is counted up to ``COUNT_CAP``
    rows, enough for ``COUNT_CAP / list_per_page`` pages, after which a filter narrows.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None:
            return super().count
        if not query.where:
            estimate = _estimated_rows(queryset.db, queryset.model._meta.db_table)
            if estimate > self.COUNT_CAP:
                return estimate
        return queryset[: self.COUNT_CAP].count()


def _estimated_rows(alias: str, table: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] > 0 else 0
