"""Placeholder: filled in by the pages work."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("todo")


schedule = _stub
cancel = _stub
holidays = _stub
