"""The demo's help requests: member@ sees the open one with its three answers, the offering
company's admin (member2@) only their own; the old one was accepted and became a won referral."""

from decimal import Decimal

from django.test import Client

from verbund.accounts.models import User
from verbund.common.demo.help_requests import DECLINE, OFFER, OPEN_NEED
from verbund.members.models import Person
from verbund.referrals.models import HelpRequest, HelpRequestStatus, ReferralStatus

MEMBER = "member@verbund.example"
MEMBER2 = "member2@verbund.example"


def _get(email: str, path: str):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.get("/api/v1" + path)


def _open() -> HelpRequest:
    return HelpRequest.objects.get(status=HelpRequestStatus.OPEN)


def test_member_sees_the_open_request_with_three_answers(db, demo):
    help_request = _open()
    response = _get(MEMBER, f"/help-requests/{help_request.code}")
    assert response.status_code == 200
    body = response.json()
    assert (body["need"], body["region"], body["asked_by"]["name"]) == (
        OPEN_NEED,
        "Augsburg",
        "Sabine Wimmer",
    )
    offering = Person.objects.get(user__email=MEMBER2).company
    answers = [(a["company"]["name"], a["status"], a["message"]) for a in body["answers"]]
    assert [status for _, status, _ in answers] == ["offered", "declined", "asked"]
    assert answers[0] == (offering.name, "offered", OFFER)
    assert answers[1][2] == DECLINE
    assert answers[2][2] == ""
    assert body["answers"][0]["answered_by"]["name"] == "Markus Leitner"
    assert body["answers"][2]["answered_by"] is None


def test_offering_admin_sees_only_their_own_answer(db, demo):
    help_request = _open()
    response = _get(MEMBER2, f"/help-requests/{help_request.code}")
    assert response.status_code == 200
    offering = Person.objects.get(user__email=MEMBER2).company
    assert [
        (a["company"]["name"], a["status"], a["reason"]) for a in response.json()["answers"]
    ] == [(offering.name, "offered", None)]


def test_others_get_404_for_the_open_request(db, demo):
    help_request = _open()
    for email in ["moderator@verbund.example", "board@verbund.example"]:
        assert _get(email, f"/help-requests/{help_request.code}").status_code == 404


def test_the_old_request_became_a_won_referral(db, demo):
    referred = HelpRequest.objects.get(status=HelpRequestStatus.REFERRED)
    referral = referred.referral
    assert referral is not None
    answers = list(referred.answers.order_by("pk").values_list("status", flat=True))
    assert answers == ["accepted", "asked"]
    assert (referral.status, referral.closed_business.value) == (
        ReferralStatus.WON,
        Decimal("18400.00"),
    )
    assert referral.giver == referred.asked_by
    assert (referral.created_at - referred.created_at).days == 1
    assert HelpRequest.objects.count() == 2
