from django.urls import path

from verbund.directory.views import search

app_name = "directory"

urlpatterns = [
    path("directory/", search.directory, name="directory"),
    path("directory/who-can-help/", search.who_can_help_page, name="who_can_help"),
]
