from django.urls import path

from verbund.admissions.views import applications, board

app_name = "admissions"

urlpatterns = [
    path("applications/", applications.application_list, name="application_list"),
    path("applications/new/", applications.application_create, name="application_create"),
    path("applications/<str:code>/", applications.application_detail, name="application_detail"),
    path("applications/<str:code>/vote-opening/", applications.vote_opening, name="vote_opening"),
    path("applications/<str:code>/vote-closing/", applications.vote_closing, name="vote_closing"),
    path("applications/<str:code>/vote/", applications.vote, name="vote"),
    path("applications/<str:code>/withdrawal/", applications.withdrawal, name="withdrawal"),
    path("board-cases/", board.board_case_list, name="board_case_list"),
    path("board-cases/<str:code>/", board.board_case_detail, name="board_case_detail"),
    path("board-cases/<str:code>/vote/", board.board_vote, name="board_vote"),
    path("board-cases/<str:code>/decision/", board.board_decision, name="board_decision"),
]
