"""Placeholder: filled in by the pages work."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("todo")


register = _stub
record = _stub
complete = _stub
reopen = _stub
checkin_display = _stub
checkin_qr = _stub
checkin_renew = _stub
check_in = _stub
