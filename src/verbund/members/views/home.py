from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
start_page = _stub
