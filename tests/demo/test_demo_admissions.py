"""The demo's admissions: an open vote at the first group's next meeting and a vetoed
application before the advisory board (seed 001)."""

from django.test import Client

from verbund.accounts.models import User
from verbund.admissions.models import Application, BoardCase, Stage, VoteChoice
from verbund.common.models import AuditEntry


def test_demo_has_an_open_vote_and_a_board_case(db, demo):
    rows = list(
        Application.objects.order_by("pk").values_list(
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
    waiting, vetoed = Application.objects.order_by("pk")
    case = BoardCase.objects.get()
    assert (waiting.stage, vetoed.stage, case.application_id, case.decision) == (
        Stage.VOTING,
        Stage.BOARD,
        vetoed.pk,
        "",
    )
    vetoes = vetoed.votes.filter(choice=VoteChoice.VETO)
    assert (vetoes.count(), vetoed.votes.count() > 1, waiting.votes.count()) == (1, True, 0)
    assert AuditEntry.objects.filter(action="application.board_case").count() == 1


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def test_demo_board_case_is_the_boards_alone(db, demo):
    """The issue's check: the member gets 403 at /board-cases, the board sees the demo case,
    the office sees no veto reason."""
    code = Application.objects.get(stage=Stage.BOARD).code
    member = _client("member@verbund.example").get("/api/v1/board-cases")
    board = _client("board@verbund.example").get("/api/v1/board-cases")
    office = _client("office@verbund.example").get(f"/api/v1/applications/{code}/votes")
    assert (member.status_code, board.status_code, office.status_code) == (403, 200, 200)
    assert [item["code"] for item in board.json()["items"]] == [code]
    assert office.json()["veto_reasons"] is None
