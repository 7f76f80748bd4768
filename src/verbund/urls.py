"""Root URLs: pages per app, the office area, accounts (allauth), the REST API."""

from django.urls import include, path

from verbund.admissions import urls as admissions_urls
from verbund.api.api import api
from verbund.common import urls as common_urls
from verbund.conduct import urls as conduct_urls
from verbund.meetings import urls as meetings_urls
from verbund.members import urls as members_urls
from verbund.network import urls as network_urls

office_patterns = (
    network_urls.office_patterns
    + members_urls.office_patterns
    + meetings_urls.office_patterns
    + conduct_urls.office_patterns
    + admissions_urls.office_patterns
    + common_urls.office_patterns,
    "office",
)

urlpatterns = [
    path("", include("verbund.members.urls_home")),
    path("", include("verbund.network.urls")),
    path("", include("verbund.members.urls")),
    path("", include("verbund.meetings.urls")),
    path("", include("verbund.directory.urls")),
    path("", include("verbund.conduct.urls")),
    path("", include("verbund.admissions.urls")),
    path("", include("verbund.referrals.urls")),
    path("profile/", include("verbund.accounts.urls")),
    path("office/", include(office_patterns)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
