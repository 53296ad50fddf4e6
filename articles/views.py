from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from articles.cache_keys import article_page_keys
from articles.media import media_stories, related_with_media_box
from articles.menu import sections
from articles.models import Article, Column, GalleryPhoto, Reporter, Series
from articles.pagination import ListPage, list_page
from articles.permissions import can_view_article
from articles.search.forms import SearchForm
from articles.search.results import BoundedPaginator, SearchResults
from articles.tag_index import all_tags, grouped
from newsroom.pagecache import depends_on, public_page

SERIES_MAX_PARTS = 300
OPINION_PER_COLUMN = 4


def _menu_section_id(section) -> int | None:
    """The top-level menu entry a section belongs under (marked aria-current in the nav)."""
    if section is None:
        return None
    return section.parent_id or section.pk


@public_page
def article_detail(request, pk, slug=""):
    article = get_object_or_404(Article.objects.published().for_page(), pk=pk)
    article.unpack_page_parts()
    if slug != article.slug:
        return redirect(article, permanent=True)
    depends_on(*article_page_keys(article))
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            # Lazy: a cached 관련기사 fragment spares the query (which also reads the
            # 미디어 box, articles/media.py).
            "related": SimpleLazyObject(lambda: related_with_media_box(article)),
            "current_section_id": _menu_section_id(article.section),
        },
    )


@never_cache
@login_required(login_url="admin:login")
def article_preview(request, pk):
    """Any article, as readers would see it, for the staff allowed to see it."""
    article = get_object_or_404(
        Article.objects.with_bylines(photos=True).prefetch_related(
            "tags", Prefetch("gallery_photos", GalleryPhoto.objects.select_related("image"))
        ),
        pk=pk,
    )
    if not can_view_article(request.user, article):
        if article.deleted_at is not None:
            raise Http404("휴지통에 있는 기사입니다.")
        raise PermissionDenied
    response = render(
        request,
        "articles/article_detail.html",
        {"article": article, "related": article.related_for_readers(), "is_preview": True},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_page
def section_detail(request, slug):
    section = sections().by_slug.get(slug)
    if section is None:
        raise Http404("없는 섹션입니다.")
    depends_on(f"section-{section.pk}")
    page = list_page(request, Article.objects.published().in_section(section).for_lists())
    stored = sections()
    children = [stored.by_pk[pk] for pk in stored.children.get(section.pk, [])]
    return render(
        request,
        "articles/section_detail.html",
        {
            "section": section,
            "children": children,
            "page": page,
            "current_section_id": _menu_section_id(section),
        },
        status=page.status,
    )


@public_page
def series_detail(request, slug):
    """기획·연재: the series' published parts in 회차 order."""
    series = get_object_or_404(Series.objects.select_related("image"), slug=slug)
    depends_on(f"series-{series.pk}")
    # A series is read whole, in order: one list (the page's keyset paging runs newest
    # first and would break 회차 order), capped far above any real series.
    stories = Article.objects.published().filter(series_id=series.pk).for_lists()
    parts = list(stories.in_series_order()[:SERIES_MAX_PARTS])
    return render(request, "articles/series_detail.html", {"series": series, "parts": parts})


@public_page
def opinion(request):
    """오피니언: each active column with its newest stories, in one query for all columns."""
    depends_on("opinion")
    columns = list(Column.objects.filter(is_active=True).select_related("reporter", "photo"))
    walks = [(Q(column_id=column.pk), OPINION_PER_COLUMN) for column in columns]
    stories = list(Article.objects.published().newest_of_each(walks).for_lists()) if walks else []
    for column in columns:
        column.newest = [a for a in stories if a.column_id == column.pk]
    return render(request, "articles/opinion.html", {"columns": [c for c in columns if c.newest]})


@public_page
def column_detail(request, slug):
    column = get_object_or_404(Column.objects.select_related("reporter", "photo"), slug=slug)
    depends_on(f"column-{column.pk}")
    page = list_page(request, Article.objects.published().filter(column_id=column.pk).for_lists())
    return render(
        request, "articles/column_detail.html", {"column": column, "page": page}, status=page.status
    )


@public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    depends_on(f"tag-{tag.pk}")
    page = list_page(request, Article.objects.published().tagged(tag.pk).for_lists())
    if page.number == 1 and not page.object_list:
        # A tag only unpublished stories carry would name an embargoed topic.
        raise Http404("태그가 붙은 기사가 없습니다.")
    return render(
        request, "articles/tag_detail.html", {"tag": tag, "page": page}, status=page.status
    )


@public_page
def media_list(request):
    """포토·영상: stories with a lead image or a video embed, newest first."""
    depends_on("media")
    page = list_page(request, media_stories())
    return render(request, "articles/media_list.html", {"page": page}, status=page.status)


@public_page(params=("page",))
def tag_index(request):
    """All tags readers can reach, with their story counts, under 초성 or letter headings."""
    paginator = Paginator(all_tags(), settings.TAG_INDEX_PER_PAGE, allow_empty_first_page=True)
    raw = request.GET.get("page") or "1"
    try:
        current = paginator.page(int(raw))
    except (ValueError, InvalidPage):
        raise Http404("없는 쪽입니다.") from None

    def url(number):
        return request.path if number == 1 else f"{request.path}?page={number}"

    page = ListPage(
        current.object_list,
        number=current.number,
        previous_url=url(current.number - 1) if current.has_previous() else "",
        next_url=url(current.number + 1) if current.has_next() else "",
    )
    return render(
        request,
        "articles/tag_index.html",
        {"page": page, "groups": grouped(current.object_list)},
    )


@public_page
def reporter_detail(request, pk):
    reporter = get_object_or_404(Reporter.objects.select_related("photo"), pk=pk)
    depends_on(f"reporter-{reporter.pk}")
    articles = Article.objects.published().filter(bylines__reporter=reporter).for_lists()
    page = list_page(request, articles)
    if page.number == 1 and not page.object_list:
        # A byline with nothing public (a new hire, a contributor whose piece is still a
        # draft, an account never used) is no page: it would only publish a staff address.
        raise Http404("공개된 기사가 없는 기자입니다.")
    return render(
        request,
        "articles/reporter_detail.html",
        {"reporter": reporter, "page": page},
        status=page.status,
    )


def search(request):
    """기사 검색: ranked Korean search through articles/search, over published() only."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        if "q" in form.errors or "section" in form.errors:
            raise Http404("검색 조건이 올바르지 않습니다.")
        response = render(request, "articles/search.html", {"form": form, "query": ""}, status=400)
        return response
    results = SearchResults.find(form)
    page = None
    if results.query:
        page = _search_page(request, results)
    context = {
        "form": form,
        "query": results.text,
        "results": results,
        "page": page,
        "latest": [] if page else Article.objects.published().for_lists()[:5],
    }
    return render(request, "articles/search.html", context)


def _search_page(request, results):
    paginator = BoundedPaginator(results.articles, settings.ARTICLES_PER_PAGE, results.count)
    number = request.GET.get("page") or 1
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("쪽 번호가 올바르지 않습니다.") from None
    if number < 1 or (number > 1 and number > paginator.num_pages):
        raise Http404("없는 쪽입니다.")
    page = paginator.get_page(number)
    results.annotate_snippets(page.object_list)

    def url(number):
        params = request.GET.copy()
        params.pop("page", None)
        if number > 1:
            params["page"] = number
        return f"{request.path}?{params.urlencode()}"

    page.previous_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


def legacy_redirect(request):
    try:
        legacy_id = int(request.GET.get("idxno", ""))
    except ValueError:
        raise Http404("기사 번호가 올바르지 않습니다.") from None
    article = get_object_or_404(Article.objects.published(), legacy_id=legacy_id)
    return redirect(article, permanent=True)
