import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Stored pages are answered before Django builds a request (newsroom/pagecache.py).
from newsroom.pagecache import serve_stored  # noqa: E402 — needs the settings module above

application = serve_stored(get_wsgi_application())
