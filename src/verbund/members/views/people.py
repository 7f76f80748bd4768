from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
person_list = _stub
person_detail = _stub
person_photo = _stub
