from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
company_list = _stub
company_detail = _stub
company_edit = _stub
