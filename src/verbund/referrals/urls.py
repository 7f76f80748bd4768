from django.urls import path

from verbund.referrals.views import one_to_ones
from verbund.referrals.views import referrals as referral_views

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
