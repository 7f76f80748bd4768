from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
group_list = _stub
group_detail = _stub
group_edit = _stub
