"""Help requests written by the system (demo data): answering in a named person's name and
accepting in the asker's name, without mail when told so."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_services import _english, asked, helpers  # noqa: F401
from verbund.members.models import Person
from verbund.referrals.models import AnswerStatus, HelpAnswer, HelpRequestStatus, ReferralStatus
from verbund.referrals.services import accept_answer, answer_help


def _answer(help_request, company) -> HelpAnswer:
    return HelpAnswer.objects.get(request=help_request, company=company)


def _admin(helpers) -> Person:
    return Person.objects.get(user=helpers["westpark_admin"])


def test_system_answers_and_accepts_without_mail(
    asked, helpers, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_help(
            answer=_answer(asked, helpers["westpark"]),
            can_help=True,
            message="Gern.",
            actor=None,
            answered_by=_admin(helpers),
            mail=False,
        )
        referral = accept_answer(
            answer=answer, customer_name="Dr. Eva Kunde", temperature=3, actor=None, mail=False
        )
    answer.refresh_from_db()
    asked.refresh_from_db()
    assert (answer.status, answer.answered_by, answer.message) == (
        AnswerStatus.ACCEPTED,
        _admin(helpers),
        "Gern.",
    )
    assert (asked.status, asked.referral) == (HelpRequestStatus.REFERRED, referral)
    assert (referral.giver, referral.status) == (asked.asked_by, ReferralStatus.NEW)
    assert [party.person for party in referral.parties.all()] == [_admin(helpers)]
    assert mail.outbox == []


@pytest.mark.parametrize("who", [None, "member"])
def test_system_answer_needs_a_person_of_the_asked_company(asked, helpers, who):
    person = Person.objects.get(user=helpers[who]) if who else None
    with pytest.raises(ValidationError) as error:
        answer_help(
            answer=_answer(asked, helpers["westpark"]),
            can_help=True,
            actor=None,
            answered_by=person,
        )
    assert error.value.messages == ["Only a person of the asked company can answer."]
    assert _answer(asked, helpers["westpark"]).status == AnswerStatus.ASKED
