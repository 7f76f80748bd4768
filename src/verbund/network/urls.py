from django.urls import path

from verbund.network.views import groups, office, office_groups

app_name = "network"

urlpatterns = [
    path("groups/", groups.group_list, name="group_list"),
    path("groups/<str:code>/", groups.group_detail, name="group_detail"),
    path("groups/<str:code>/edit/", groups.group_edit, name="group_edit"),
]

# Mounted under /office/ in the "office" namespace by verbund/urls.py.
office_patterns = [
    path("", office.office_index, name="index"),
    path("network/", office.network_edit, name="network_edit"),
    path("groups/", office_groups.group_list, name="group_list"),
    path("groups/new/", office_groups.group_create, name="group_create"),
    path("groups/<str:code>/", office_groups.group_manage, name="group_manage"),
    path(
        "groups/<str:code>/members/<int:pk>/remove/",
        office_groups.membership_remove,
        name="membership_remove",
    ),
    path(
        "groups/<str:code>/roles/<int:pk>/end/", office_groups.group_role_end, name="group_role_end"
    ),
    path("roles/", office.role_list, name="role_list"),
    path("roles/<int:pk>/end/", office.network_role_end, name="network_role_end"),
]
