from django.core.exceptions import BadRequest


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
