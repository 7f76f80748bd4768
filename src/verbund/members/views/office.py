from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
company_list = _stub
company_create = _stub
company_manage = _stub
person_list = _stub
person_create = _stub
person_manage = _stub
