from django.urls import path

from verbund.admissions.views import applications, board, guests
from verbund.admissions.views import pipeline as pipeline_views

app_name = "admissions"

urlpatterns = [
    path("applications/", applications.application_list, name="application_list"),
    path("applications/new/", applications.application_create, name="application_create"),
    # Before the application's code, which would match "pipeline" too.
    path("applications/pipeline/", pipeline_views.pipeline_page, name="pipeline"),
    path("applications/pipeline/export", pipeline_views.pipeline_export, name="pipeline_export"),
    path("applications/<str:code>/", applications.application_detail, name="application_detail"),
    path("applications/<str:code>/vote-opening/", applications.vote_opening, name="vote_opening"),
    path("applications/<str:code>/vote-closing/", applications.vote_closing, name="vote_closing"),
    path("applications/<str:code>/vote/", applications.vote, name="vote"),
    path("applications/<str:code>/withdrawal/", applications.withdrawal, name="withdrawal"),
    path("board-cases/", board.board_case_list, name="board_case_list"),
    path("board-cases/<str:code>/", board.board_case_detail, name="board_case_detail"),
    path("board-cases/<str:code>/vote/", board.board_vote, name="board_vote"),
    path("board-cases/<str:code>/decision/", board.board_decision, name="board_decision"),
    # Guests: the list, inviting, a guest's page (by the person's code).
    path("guests/", guests.guest_list, name="guest_list"),
    path("guests/new/", guests.guest_create, name="guest_create"),
    path("guests/<str:code>/", guests.guest_detail, name="guest_detail"),
    path("guests/<str:code>/login/", guests.guest_login, name="guest_login"),
    # Guests at a meeting: the register's guests, walk-ins, the vendor slot.
    path("guest-visits/<int:pk>/", guests.visit_record, name="visit_record"),
    path("meetings/<str:code>/guest-walk-in/", guests.walk_in, name="walk_in"),
    path("meetings/<str:code>/vendor-guest/", guests.vendor_guest, name="vendor_guest"),
    # A group's public page: guests register for a visit without a login.
    path("groups/<str:code>/visit/", guests.public_visit, name="public_visit"),
    path(
        "groups/<str:code>/visit/confirm/<str:token>/",
        guests.public_visit_confirm,
        name="public_visit_confirm",
    ),
]

# Mounted under /office/ in the "office" namespace by verbund/urls.py.
office_patterns = [
    path("guest-consent/", guests.office_consent, name="guest_consent"),
]
