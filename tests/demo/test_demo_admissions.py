"""The demo's admissions: an open vote at the first group's next meeting and a vetoed
application before the advisory board (seed 001); the year's history is closed."""

from django.test import Client

from verbund.accounts.models import User
from verbund.admissions.models import OPEN_STAGES, Application, BoardCase, Stage, VoteChoice
from verbund.common.models import AuditEntry


def test_demo_has_an_open_vote_and_a_board_case(db, demo):
    open_now = Application.objects.filter(stage__in=OPEN_STAGES).order_by("pk")
    rows = list(
        open_now.values_list(
            "company__name", "home_group__name", "stage", "recommended_by__user__email"
        )
    )
    assert rows == [
        (
            "Weitblick EDV-Service GmbH",
            "Ortsgruppe München-Nord",
            "voting",
            "member@verbund.example",
        ),
        ("Fuggerstadt Informationstechnik GmbH", "Ortsgruppe München-Süd", "board", None),
    ]
    waiting, vetoed = open_now
    case = BoardCase.objects.get(decision="")
    assert (waiting.stage, vetoed.stage, case.application_id, case.decision) == (
        Stage.VOTING,
        Stage.BOARD,
        vetoed.pk,
        "",
    )
    vetoes = vetoed.votes.filter(choice=VoteChoice.VETO)
    assert (vetoes.count(), vetoed.votes.count() > 1, waiting.votes.count()) == (1, True, 0)
    opened = AuditEntry.objects.filter(action="application.board_case", object_id=vetoed.code)
    assert opened.count() == 1


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def test_demo_board_case_is_the_boards_alone(db, demo):
    """The issue's check: the member gets 403 at /board-cases, the board sees the demo case,
    the office sees no veto reason."""
    code = Application.objects.get(stage=Stage.BOARD).code
    # The board also sees the history's three decided cases, newest first.
    decided = Application.objects.filter(stage=Stage.REJECTED).order_by("-vote_closed_at")
    member = _client("member@verbund.example").get("/api/v1/board-cases")
    board = _client("board@verbund.example").get("/api/v1/board-cases")
    office = _client("office@verbund.example").get(f"/api/v1/applications/{code}/votes")
    assert (member.status_code, board.status_code, office.status_code) == (403, 200, 200)
    codes = [item["code"] for item in board.json()["items"]]
    assert codes == [code, *decided.values_list("code", flat=True)]
    assert office.json()["veto_reasons"] is None
