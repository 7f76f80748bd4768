from django.urls import path

from verbund.directory.views import export, finder, search

app_name = "directory"

urlpatterns = [
    path("directory/", search.directory, name="directory"),
    path("directory/who-can-help/", search.who_can_help_page, name="who_can_help"),
    path("directory/export.csv", export.export_csv, name="export_csv"),
    path("directory/export.xlsx", export.export_xlsx, name="export_xlsx"),
    path("finder/", finder.finder, name="finder"),
    path("leads/", finder.lead_list, name="lead_list"),
    path("leads/<str:code>/", finder.lead_detail, name="lead_detail"),
]
