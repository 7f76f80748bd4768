"""Help requests: suggestions, asking, answering, accepting in one step, closing, mails."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from tests import factories as f
from tests.conftest import _person
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from verbund.common.models import AuditEntry
from verbund.members.models import Company
from verbund.referrals.models import (
    AnswerStatus,
    HelpAnswer,
    HelpRequest,
    HelpRequestStatus,
    Referral,
    ReferralStatus,
)
from verbund.referrals.queries import suggest_helpers
from verbund.referrals.services import (
    accept_answer,
    answer_help,
    ask_for_help,
    close_help_request,
    pass_referral,
)

NEED = "Unser Kunde braucht eine Firewall mit Sophos und IT-Sicherheit"
CUSTOMER = {"customer_name": "Dr. Eva Kunde", "customer_email": "eva@kunde.example"}


@pytest.fixture(autouse=True)
def _english():
    """The reasons in English (the mails still follow each recipient's language)."""
    translation.activate("en")


def in_german(msgid, **values):
    with translation.override("de"):
        return translation.gettext(msgid) % values


@pytest.fixture
def helpers(directory_data, westpark, group_a):
    """Westpark gets an English-speaking admin and a colleague with a login (no mail)."""
    admin = _person(westpark, group_a, "wadmin@example.org", "Wanda", "West", is_company_admin=True)
    admin.user.language = "en"
    admin.user.save()
    _person(westpark, group_a, "wcolleague@example.org", "Willi", "West")
    return {
        **directory_data,
        "westpark_admin": admin.user,
        "westpark": westpark,
        "isar": Company.objects.get(name="Isar Netzwerke GmbH"),
    }


@pytest.fixture
def asked(helpers, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        help_request = ask_for_help(
            need=NEED,
            region="",
            companies=[helpers["westpark"], helpers["isar"]],
            actor=helpers["member"],
        )
    return help_request


def _won(giver, receiver, need):
    referral = pass_referral(
        actor=None,
        giver=giver.person,
        kind="tip",
        need=need,
        temperature=3,
        customer_name="Kunde",
        parties=[(receiver.person, "receiver", None)],
        mail=False,
    )
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.WON)


def test_suggestions_without_won_referrals_follow_the_directory(helpers):
    result = [(s.company.name, s.reasons) for s in suggest_helpers(helpers["member2"], NEED)]
    assert result == [
        (
            "Westpark IT-Consulting GmbH",
            [
                "Firewall",
                "IT security (skill)",
                "Sophos (vendor)",
                "Firewall-Betreuung (offering)",
            ],
        ),
        ("Isar Netzwerke GmbH", ["IT security (skill)"]),
    ]


def test_suggestions_never_the_asker_own_company(helpers):
    # Alpen (the member's company) has no directory match, but two won referrals on Sophos.
    _won(helpers["member2"], helpers["member"], "Sophos für eine Praxis")
    _won(helpers["member2"], helpers["member"], "Sophos im Büro")
    names = [s.company.name for s in suggest_helpers(helpers["member"], NEED)]
    assert "Alpen IT Service GmbH" not in names
    assert "Alpen IT Service GmbH" in [
        s.company.name for s in suggest_helpers(helpers["member2"], NEED)
    ]


def test_suggestions_by_region(helpers):
    suggestions = suggest_helpers(helpers["member2"], NEED, region="Niederbayern")
    assert suggestions == []
    suggestions = suggest_helpers(helpers["member2"], NEED, region="oberbayern")
    assert [s.reasons[-1] for s in suggestions] == ["serves oberbayern", "serves oberbayern"]


def test_ask_creates_answers_with_reasons_and_mails_admins(asked, helpers):
    answers = list(asked.answers.order_by("company__name"))
    assert [(a.company.name, a.status, a.reason) for a in answers] == [
        ("Isar Netzwerke GmbH", AnswerStatus.ASKED, "IT security (skill)"),
        (
            "Westpark IT-Consulting GmbH",
            AnswerStatus.ASKED,
            "Firewall; IT security (skill); Sophos (vendor); Firewall-Betreuung (offering)",
        ),
    ]
    # Westpark: its admin only (in English); Isar has no admin: its person with a login.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (
            "moderator@example.org",
            in_german("%(name)s asks: can you help a customer?", name="Maria Huber"),
        ),
        ("wadmin@example.org", "Maria Huber asks: can you help a customer?"),
    ]
    body = next(m.body for m in mail.outbox if m.to == ["wadmin@example.org"])
    assert NEED in body
    assert "Alpen IT Service GmbH" in body
    assert f"/help-requests/{asked.code}/" in body
    assert "member@example.org" not in body
    entry = AuditEntry.objects.get(action="help_request.ask")
    assert NEED not in str(entry.changes)


@pytest.mark.parametrize(
    ("companies", "message"),
    [
        ([], "Choose one to five companies to ask."),
        (["own"], "Ask other companies, not your own."),
    ],
)
def test_ask_refusals_change_nothing(helpers, companies, message, company_a):
    chosen = [company_a for _ in companies]
    with pytest.raises(ValidationError) as error:
        ask_for_help(need=NEED, companies=chosen, actor=helpers["member"])
    assert error.value.message_dict == {"companies": [message]}
    assert HelpRequest.objects.count() == 0


def test_ask_more_than_five_refused(helpers):
    companies = [f.CompanyFactory() for _ in range(6)]
    with pytest.raises(ValidationError) as error:
        ask_for_help(need=NEED, companies=companies, actor=helpers["member"])
    assert error.value.message_dict == {"companies": ["Choose one to five companies to ask."]}


def test_office_cannot_ask(helpers):
    with pytest.raises(Exception) as error:
        ask_for_help(need=NEED, companies=[helpers["westpark"]], actor=helpers["office"])
    assert type(error.value).__name__ == "PermissionDenied"


def _answer(help_request, company):
    return HelpAnswer.objects.get(request=help_request, company=company)


def test_answer_by_asked_company_and_mail_to_asker(
    asked, helpers, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_help(
            answer=_answer(asked, helpers["westpark"]),
            can_help=True,
            message="Gern, wir haben Sophos-Experten.",
            actor=helpers["westpark_admin"],
        )
    assert (answer.status, answer.answered_by.user) == (
        AnswerStatus.OFFERED,
        helpers["westpark_admin"],
    )
    with translation.override("de"):
        status = str(AnswerStatus.OFFERED.label)
    subject = in_german(
        "%(company)s answered your help request: %(status)s",
        company="Westpark IT-Consulting GmbH",
        status=status,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [(["member@example.org"], subject)]
    assert "Sophos-Experten" not in mail.outbox[0].body


@pytest.mark.parametrize("who", ["member", "moderator", "member2", "office"])
def test_answer_refused_for_others(asked, helpers, who):
    with pytest.raises(Exception) as error:
        answer_help(answer=_answer(asked, helpers["westpark"]), can_help=True, actor=helpers[who])
    assert type(error.value).__name__ == "PermissionDenied"
    assert _answer(asked, helpers["westpark"]).status == AnswerStatus.ASKED


def test_accept_turns_offer_into_one_referral(asked, helpers, django_capture_on_commit_callbacks):
    answer = answer_help(
        answer=_answer(asked, helpers["westpark"]), can_help=True, actor=helpers["westpark_admin"]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral = accept_answer(answer=answer, temperature=4, actor=helpers["member"], **CUSTOMER)
    asked.refresh_from_db()
    answer.refresh_from_db()
    assert (asked.status, asked.referral, answer.status) == (
        HelpRequestStatus.REFERRED,
        referral,
        AnswerStatus.ACCEPTED,
    )
    assert (referral.kind, referral.need, referral.giver.user, referral.temperature) == (
        "introduction",
        NEED,
        helpers["member"],
        4,
    )
    assert [(p.person.user, p.company) for p in referral.parties.all()] == [
        (helpers["westpark_admin"], helpers["westpark"])
    ]
    assert [m.to for m in mail.outbox] == [["wadmin@example.org"]]
    # A second acceptance is refused and changes nothing.
    with pytest.raises(ValidationError) as error:
        accept_answer(answer=answer, temperature=4, actor=helpers["member"], **CUSTOMER)
    assert list(error.value.message_dict) == ["status"]
    assert Referral.objects.filter(help_request=asked).count() == 1
    assert Referral.objects.count() == 1


def test_accept_refused_for_an_unanswered_answer(asked, helpers):
    with pytest.raises(ValidationError) as error:
        accept_answer(
            answer=_answer(asked, helpers["isar"]),
            temperature=3,
            actor=helpers["member"],
            **CUSTOMER,
        )
    assert error.value.message_dict == {
        "answer": ["Only an answer that offers help can be accepted."]
    }
    assert (Referral.objects.count(), HelpRequest.objects.get().status) == (0, "open")


def test_accept_with_bad_customer_data_changes_nothing(asked, helpers):
    answer = answer_help(
        answer=_answer(asked, helpers["westpark"]), can_help=True, actor=helpers["westpark_admin"]
    )
    with pytest.raises(ValidationError):
        accept_answer(answer=answer, temperature=9, customer_name="", actor=helpers["member"])
    answer.refresh_from_db()
    assert (answer.status, HelpRequest.objects.get().status, Referral.objects.count()) == (
        AnswerStatus.OFFERED,
        HelpRequestStatus.OPEN,
        0,
    )


def test_accept_only_by_the_asker(asked, helpers):
    answer = answer_help(
        answer=_answer(asked, helpers["westpark"]), can_help=True, actor=helpers["westpark_admin"]
    )
    with pytest.raises(Exception) as error:
        accept_answer(answer=answer, temperature=3, actor=helpers["westpark_admin"], **CUSTOMER)
    assert type(error.value).__name__ == "PermissionDenied"


def test_close_then_no_more_answers(asked, helpers):
    close_help_request(help_request=asked, actor=helpers["member"])
    with pytest.raises(ValidationError) as error:
        answer_help(
            answer=_answer(asked, helpers["isar"]), can_help=True, actor=helpers["moderator"]
        )
    assert list(error.value.message_dict) == ["status"]
    with pytest.raises(ValidationError):
        close_help_request(help_request=asked, actor=helpers["member"])
