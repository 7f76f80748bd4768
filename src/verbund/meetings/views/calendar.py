"""Placeholder: filled in by the pages work."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("todo")


settings = _stub
personal_feed = _stub
group_feed = _stub
