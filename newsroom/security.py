"""Who is knocking, and the answer to one who knocked too often (django-axes hooks)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The reader's address as our own proxies saw it.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies appends the address it was reached from to
    ``X-Forwarded-For``, so the client is the entry that many places from the right;
    whatever stands further left was written by the client and proves nothing. With no
    trusted proxy the header is ignored. A header shorter than the chain, or an entry that
    is not an address, means the request did not come the way we were told: REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item
        ]
        if len(forwarded) >= proxies:
            address = _address(forwarded[-proxies])
            if address:
                return address
    return remote


def lockout_response(request, original_response=None, credentials=None):
    """The Korean lockout page, in the admin's frame, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": "로그인 잠김",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    return TemplateResponse(request, "admin/lockout.html", context, status=429).render()
