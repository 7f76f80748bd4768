"""Help requests, the API and the pages: the same services and the same need-to-know."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import json

import pytest
from django.core import mail

from tests.api.conftest import API, get
from tests.conftest import client_for
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_services import NEED, _english, asked, helpers  # noqa: F401
from verbund.referrals.models import AnswerStatus, HelpRequest, HelpRequestStatus, Referral

CUSTOMER = {"customer_name": "Dr. Eva Kunde", "customer_email": "eva@kunde.example"}


def post(user, path: str, data: dict | None = None):
    return client_for(user).post(
        API + path, data=json.dumps(data or {}), content_type="application/json"
    )


def _answers(body):
    return [(a["company"]["name"], a["status"], a["reason"] is not None) for a in body["answers"]]


def test_asker_sees_all_answers_with_reasons(asked, helpers):
    response = get(helpers["member"], f"/help-requests/{asked.code}")
    assert response.status_code == 200
    body = response.json()
    assert (body["need"], body["asked_by"]["name"], body["asked_by_company"]["name"]) == (
        NEED,
        "Maria Huber",
        "Alpen IT Service GmbH",
    )
    assert _answers(body) == [
        ("Westpark IT-Consulting GmbH", "asked", True),
        ("Isar Netzwerke GmbH", "asked", True),
    ]


@pytest.mark.parametrize(
    ("who", "company"),
    [("westpark_admin", "Westpark IT-Consulting GmbH"), ("moderator", "Isar Netzwerke GmbH")],
)
def test_asked_company_sees_its_own_answer_only(asked, helpers, who, company):
    response = get(helpers[who], f"/help-requests/{asked.code}")
    assert response.status_code == 200
    assert _answers(response.json()) == [(company, "asked", False)]
    listed = get(helpers[who], "/help-requests").json()
    assert [item["code"] for item in listed["items"]] == [asked.code]


@pytest.mark.parametrize("who", ["colleague", "member2", "board", "office", "guest"])
def test_everyone_else_gets_404(asked, helpers, who):
    response = get(helpers[who], f"/help-requests/{asked.code}")
    assert response.status_code == 404


@pytest.mark.parametrize(("who", "status"), [("member2", 200), ("office", 403), ("guest", 403)])
def test_list_is_for_members(asked, helpers, who, status):
    response = get(helpers[who], "/help-requests")
    assert response.status_code == status
    if status == 200:
        assert response.json()["count"] == 0


def test_suggestions(helpers):
    response = get(helpers["member2"], "/help-requests/suggestions?need=Firewall%20mit%20Sophos")
    assert response.status_code == 200
    assert [s["company"]["name"] for s in response.json()] == ["Westpark IT-Consulting GmbH"]
    assert get(helpers["office"], "/help-requests/suggestions?need=Firewall").status_code == 403


def test_create(helpers, django_capture_on_commit_callbacks):
    codes = [helpers["westpark"].code, helpers["isar"].code]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(helpers["member2"], "/help-requests", {"need": NEED, "companies": codes})
    assert response.status_code == 201
    assert len(response.json()["answers"]) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["moderator@example.org", "wadmin@example.org"]


def test_create_with_unknown_company_refused(helpers):
    response = post(helpers["member2"], "/help-requests", {"need": NEED, "companies": ["nope"]})
    assert response.status_code == 422
    assert HelpRequest.objects.count() == 0


def test_answer_accept_and_accept_again(asked, helpers):
    path = f"/help-requests/{asked.code}"
    westpark = helpers["westpark"].code
    answered = post(helpers["westpark_admin"], f"{path}/answers/{westpark}", {"can_help": True})
    assert answered.status_code == 200
    assert _answers(answered.json()) == [("Westpark IT-Consulting GmbH", "offered", False)]
    accepted = post(helpers["member"], f"{path}/accept", {"company": westpark, **CUSTOMER})
    assert accepted.status_code == 201
    referral = Referral.objects.get()
    assert accepted.json() == {"referral": referral.code}
    again = post(helpers["member"], f"{path}/accept", {"company": westpark, **CUSTOMER})
    assert again.status_code == 422
    assert Referral.objects.count() == 1
    asked.refresh_from_db()
    assert (asked.status, asked.referral_id) == (HelpRequestStatus.REFERRED, referral.pk)
    detail = get(helpers["member"], path).json()
    assert detail["referral"] == referral.code
    assert get(helpers["westpark_admin"], path).json()["referral"] is None


def test_answer_cast(asked, helpers):
    path = f"/help-requests/{asked.code}/answers"
    isar = helpers["isar"].code
    # Another asked company cannot even see Isar's answer; the asker may not answer it.
    assert post(helpers["westpark_admin"], f"{path}/{isar}", {"can_help": True}).status_code == 404
    assert post(helpers["member"], f"{path}/{isar}", {"can_help": True}).status_code == 403
    assert post(helpers["member2"], f"{path}/{isar}", {"can_help": True}).status_code == 404
    assert asked.answers.get(company__code=isar).status == AnswerStatus.ASKED


def test_accept_and_close_only_by_asker(asked, helpers):
    path = f"/help-requests/{asked.code}"
    body = {"company": helpers["westpark"].code, **CUSTOMER}
    assert post(helpers["westpark_admin"], f"{path}/accept", body).status_code == 403
    assert post(helpers["westpark_admin"], f"{path}/close").status_code == 403
    assert post(helpers["member2"], f"{path}/close").status_code == 404
    response = post(helpers["member"], f"{path}/close")
    assert (response.status_code, response.json()["status"]) == (200, "closed")
    assert post(helpers["member"], f"{path}/close").status_code == 422


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member", 200),
        ("westpark_admin", 200),
        ("moderator", 200),
        ("colleague", 404),
        ("member2", 404),
        ("board", 404),
        ("office", 404),
    ],
)
def test_detail_page_cast(asked, helpers, who, status):
    response = client_for(helpers[who]).get(f"/help-requests/{asked.code}/")
    assert response.status_code == status
    if who == "moderator":
        content = response.content.decode()
        assert "Isar Netzwerke GmbH" in content
        assert "Westpark IT-Consulting GmbH" not in content
        assert 'id="answer-form"' in content


def test_pages_ask_answer_accept(helpers):
    member = client_for(helpers["member2"])
    page = member.get("/help-requests/new/", {"need": NEED})
    assert page.status_code == 200
    assert "Westpark IT-Consulting GmbH" in page.content.decode()
    sent = member.post(
        "/help-requests/new/", {"need": NEED, "region": "", "companies": [helpers["westpark"].code]}
    )
    help_request = HelpRequest.objects.get()
    assert (sent.status_code, sent["Location"]) == (302, f"/help-requests/{help_request.code}/")
    answered = client_for(helpers["westpark_admin"]).post(
        f"/help-requests/{help_request.code}/answer/", {"can_help": "yes", "message": "Gern"}
    )
    assert answered.status_code == 302
    accept = f"/help-requests/{help_request.code}/accept/{helpers['westpark'].code}/"
    assert member.get(accept).status_code == 200
    done = member.post(accept, {"temperature": "4", **CUSTOMER})
    referral = Referral.objects.get()
    assert (done.status_code, done["Location"]) == (302, f"/referrals/{referral.code}/")
    assert member.get("/help-requests/").status_code == 200
    assert client_for(helpers["office"]).get("/help-requests/").status_code == 403
