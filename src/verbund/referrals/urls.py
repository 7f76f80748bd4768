from django.urls import path

from verbund.referrals.views import help_requests, one_to_ones
from verbund.referrals.views import referrals as referral_views
from verbund.referrals.views import scorecard as scorecard_views
from verbund.referrals.views import value as value_views

app_name = "referrals"

urlpatterns: list = []
urlpatterns += [
    path("referrals/", referral_views.referral_list, name="referral_list"),
    path("referrals/new/", referral_views.referral_create, name="referral_create"),
    path("referrals/export", referral_views.referral_export, name="referral_export"),
    path("referrals/<str:code>/", referral_views.referral_detail, name="referral_detail"),
    path("referrals/<str:code>/status/", referral_views.referral_status, name="referral_status"),
    path(
        "referrals/<str:code>/closed-business/",
        referral_views.referral_closed_business,
        name="referral_closed_business",
    ),
]
urlpatterns += [
    path("one-to-ones/", one_to_ones.one_to_one_list, name="one_to_one_list"),
    path("one-to-ones/new/", one_to_ones.one_to_one_create, name="one_to_one_create"),
    path("one-to-ones/<str:code>/", one_to_ones.one_to_one_detail, name="one_to_one_detail"),
    path("one-to-ones/<str:code>/answer/", one_to_ones.one_to_one_answer, name="one_to_one_answer"),
    path("one-to-ones/<str:code>/cancel/", one_to_ones.one_to_one_cancel, name="one_to_one_cancel"),
    path("one-to-ones/<str:code>/held/", one_to_ones.one_to_one_held, name="one_to_one_held"),
]
urlpatterns += [
    path("help-requests/", help_requests.help_request_list, name="help_request_list"),
    path("help-requests/new/", help_requests.help_request_create, name="help_request_create"),
    path(
        "help-requests/<str:code>/",
        help_requests.help_request_detail,
        name="help_request_detail",
    ),
    path(
        "help-requests/<str:code>/answer/",
        help_requests.help_request_answer,
        name="help_request_answer",
    ),
    path(
        "help-requests/<str:code>/accept/<str:company>/",
        help_requests.help_request_accept,
        name="help_request_accept",
    ),
    path(
        "help-requests/<str:code>/close/",
        help_requests.help_request_close,
        name="help_request_close",
    ),
]
urlpatterns += [
    path("scorecard/", scorecard_views.own_scorecard, name="scorecard"),
    path("groups/<str:code>/scorecard/", scorecard_views.group_scorecard, name="group_scorecard"),
    path(
        "groups/<str:code>/scorecard/export",
        scorecard_views.group_scorecard_export,
        name="group_scorecard_export",
    ),
]
urlpatterns += [
    path("value/", value_views.value_overview, name="value"),
    path("value/matrix/", value_views.value_matrix, name="value_matrix"),
]
