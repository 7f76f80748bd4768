from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
profile = _stub
company_redirect = _stub
token_list = _stub
token_revoke = _stub
language = _stub
