"""The demo's closed conduct case: what the board, the filer and the accused logins see."""

import datetime

from django.test import Client

from tests.demo.conftest import DEMO_NOW, demo  # noqa: F401  (the module's demo network)
from verbund.accounts.models import User
from verbund.common.demo.logins import DEMO_PASSWORD
from verbund.conduct.models import ConductCase


def api_as(email: str, path: str):
    client = Client()
    assert client.login(email=email, password=DEMO_PASSWORD)
    return client.get("/api/v1" + path)


def test_demo_case_is_closed_with_a_warning(db, demo):  # noqa: F811
    case = ConductCase.objects.select_related("company", "filed_by").get()
    steps = list(case.steps.values_list("to_stage", flat=True))
    filed = DEMO_NOW.date() - datetime.timedelta(days=245)
    assert (
        case.stage,
        case.outcome,
        case.filed_by.user.email,
        case.company.people.filter(user__email="member2@verbund.example").exists(),
        case.filed_at.date(),
        steps,
        case.statement != "",
        case.company.status,
    ) == (
        "decided",
        "warning",
        "member@verbund.example",
        True,
        filed,
        [
            "review",
            "hearing",
            "decided",
        ],
        True,
        "active",
    )


def test_demo_logins_see_the_case_by_their_level(db, demo):  # noqa: F811
    views = {}
    for key in ("member", "member2", "moderator"):
        items = api_as(f"{key}@verbund.example", "/conduct-cases").json()["items"]
        views[key] = [item["view"] for item in items]
    board = Client()
    board.force_login(User.objects.get(email="board@verbund.example"))
    views["board"] = [item["view"] for item in board.get("/api/v1/conduct-cases").json()["items"]]
    assert views == {
        "member": ["filer"],
        "member2": ["accused"],
        "moderator": [],
        "board": ["full"],
    }
