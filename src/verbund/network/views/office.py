from django.http import HttpResponse
def _stub(request, *args, **kwargs):
    return HttpResponse("todo")
office_index = _stub
network_edit = _stub
group_list = _stub
group_create = _stub
group_manage = _stub
membership_remove = _stub
group_role_end = _stub
role_list = _stub
network_role_end = _stub
