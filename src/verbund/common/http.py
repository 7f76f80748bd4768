"""Helpers every page view uses: visibility lookups, permission checks, service calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

PAGE_SIZE = 50


def get_visible_or_404(queryset: QuerySet, **lookup: Any) -> Any:
    """The object if the viewer's visible set holds it; otherwise 404 (never reveal it exists)."""
    return get_object_or_404(queryset, **lookup)


def check_perm(request: HttpRequest, perm: str, obj: Model | None = None) -> None:
    """403 unless the user holds `perm` (for an object they can already see)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def run_service(form: Form, call: Callable[[], Any]) -> Any:
    """Call a service with a valid form's data; put its ValidationError on the form.

    Returns the service's result, or None if it refused (the form then carries the message
    and the service's transaction changed nothing).
    """
    try:
        return call()
    except ValidationError as error:
        for field, messages in getattr(
            error, "message_dict", {NON_FIELD_ERRORS: error.messages}
        ).items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
        return None


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """One page of `queryset` by the `page` query parameter."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def page_or_partial(request: HttpRequest, template: str, partial: str) -> str:
    """The partial's name when HTMX swaps part of the page, else the whole page's template.

    A history restore (back button after a swap) needs the whole page again.
    """
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return f"{template}#{partial}"
    return template


def safe_next(request: HttpRequest, target: str, default: str) -> str:
    """`target` if it is a page of this site (no open redirect), else `default`."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def client_ip(request: HttpRequest) -> str:
    """The client's IP address, for rate limits.

    `REMOTE_ADDR` unless `VERBUND_TRUSTED_PROXIES` reverse proxies stand in front: then the
    address the outermost of them saw, the Nth from the right of X-Forwarded-For (those left
    of it are whatever the client claims). With fewer entries than proxies the request did
    not come through all of them: `REMOTE_ADDR`.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "VERBUND_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [address.strip() for address in header.split(",") if address.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def count_request(key: str, window: int) -> int:
    """Count one more request under `key` in the shared cache; returns the count within the
    window (which starts with the key's first request). Every app server sees the same count."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
