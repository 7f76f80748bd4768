"""Placeholder: filled in by the pages work."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("todo")


meeting_list = _stub
meeting_detail = _stub
rsvp = _stub
