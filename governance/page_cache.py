"""A shared cache of whole public pages for anonymous readers.

Pages are stored under a "generation" number kept in the same cache; any change
to published content starts a new generation, so every app server behind the load
balancer stops serving the old copies at once, without knowing which pages changed.
Only responses a page explicitly marks as cacheable are stored (see
`CachedForAnonymousMixin`); anyone with a session (logged in) bypasses the cache.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
SKIPPED_HEADERS = {"set-cookie", HEADER.lower()}


def invalidate():
    """Forget every cached page, on every server."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _is_eligible(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A message waiting to be shown (Django's cookie storage) belongs on this reader's page.
        and not request.COOKIES.get(CookieStorage.cookie_name)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{_generation()}:{hashlib.sha256(address.encode()).hexdigest()}"


def mark_cacheable(response):
    response.cacheable_for_anonymous = True
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 3600)

    def __call__(self, request):
        if not _is_eligible(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "cacheable_for_anonymous", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in SKIPPED_HEADERS
            }
            cache.set(key, (response.content, headers), self.timeout)
            response[HEADER] = "miss"
        return response


class CachedForAnonymousMixin:
    """A Wagtail page whose responses to readers without a session may be cached.

    A page with view restrictions (login, group or password) is only served to a
    request with a session, and such requests never read or fill the cache.
    """

    def serve(self, request, *args, **kwargs):
        return mark_cacheable(super().serve(request, *args, **kwargs))
