from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
audit_log = _stub
