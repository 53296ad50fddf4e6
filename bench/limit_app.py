"""The limit for bench/pages.py: a bare WSGI app returning the article page's exact bytes
from memory. bench/pages.py serves it with the same gunicorn arguments as the site, so a
page's ratio to this app says how much of gunicorn's own cost a page adds.

Not a benchmark by itself: ``gunicorn --pythonpath bench limit_app:application`` with
``BENCH_LIMIT_BODY`` naming the file of bytes to serve.
"""

import os

BODY = b""
HEADERS: list[tuple[str, str]] = []
if os.environ.get("BENCH_LIMIT_BODY"):
    with open(os.environ["BENCH_LIMIT_BODY"], "rb") as body:
        BODY = body.read()
    HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]


if __name__ == "__main__":
    print("bench/limit_app.py: the limit app bench/pages.py serves; run bench/pages.py")
