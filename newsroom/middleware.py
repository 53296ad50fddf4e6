import logging

from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("newsroom.db")


class RejectNullBytesMiddleware:
    """A NUL byte in the query string is a 400 before any view runs.

    Postgres refuses NUL in text, so such a search or filter would otherwise end in a
    DataError (a 500) wherever a parameter reaches a query: the reader search, admin
    search boxes, list filters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("요청에 쓸 수 없는 문자(NUL)가 있습니다.")
        return self.get_response(request)


DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request=None) -> HttpResponse:
    """The Korean 503 page, rendered without the database (no context processors)."""
    response = HttpResponse(
        loader.get_template("503.html").render(), status=503, content_type="text/html"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "private, no-store"
    return response


class DatabaseUnavailableMiddleware:
    """The database down or restarting is a 503 with Retry-After, not a 500: for pages
    the page cache does not hold and for the admin. Stored pages never reach the database,
    so they keep being served; CONN_HEALTH_CHECKS reconnects once it is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except DATABASE_ERRORS:
            logger.exception("database unavailable")
            return database_unavailable(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("database unavailable: %s", exception)
            return database_unavailable(request)
        return None
