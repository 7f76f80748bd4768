"""Placeholder: filled in by the pages work."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("todo")


agenda_add = _stub
agenda_remove = _stub
agenda_move = _stub
minutes = _stub
action_item_status = _stub
