"""Answers as the people behind them change: the same answer again with a better message,
acceptance only while the answering person is still with the company and can log in, and
mail only to people who can log in."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.conftest import _person
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_services import (  # noqa: F401
    CUSTOMER,
    _answer,
    _english,
    asked,
    helpers,
)
from verbund.common.models import AuditEntry
from verbund.members.models import Person
from verbund.referrals.models import AnswerStatus, HelpRequestStatus, Referral
from verbund.referrals.services import accept_answer, answer_help
from verbund.referrals.services.help_requests import recipients

GONE = (
    "The person who answered for Westpark IT-Consulting GmbH can no longer take the referral. "
    "Please ask the company to answer again."
)


def _person_of(helpers, email):
    return Person.objects.select_related("user").get(user__email=email)


def _answer_as(asked, helpers, user, message, can_help=True):
    return answer_help(
        answer=_answer(asked, helpers["westpark"]), can_help=can_help, message=message, actor=user
    )


def test_the_same_answer_again_updates_the_message_without_mail(
    asked, helpers, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _answer_as(asked, helpers, helpers["westpark_admin"], "Gern.")
    colleague = _person_of(helpers, "wcolleague@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answer = _answer_as(asked, helpers, colleague.user, "  Gern, wir haben Sophos-Experten. ")
    answer.refresh_from_db()
    assert (answer.status, answer.message, answer.answered_by) == (
        AnswerStatus.OFFERED,
        "Gern, wir haben Sophos-Experten.",
        colleague,
    )
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    entries = AuditEntry.objects.filter(action__startswith="help_request.answer").order_by("pk")
    assert [(e.action, e.changes) for e in entries] == [
        (
            "help_request.answer",
            {"company": helpers["westpark"].code, "answer": ["asked", "offered"]},
        ),
        ("help_request.answer_again", {"company": helpers["westpark"].code, "answer": "offered"}),
    ]


def test_the_same_answer_with_the_same_message_changes_nothing(asked, helpers):
    first = _answer_as(asked, helpers, helpers["westpark_admin"], "Leider nein.", can_help=False)
    again = _answer_as(asked, helpers, helpers["westpark_admin"], "Leider nein.", can_help=False)
    assert (again.status, again.message, again.answered_at) == (
        AnswerStatus.DECLINED,
        "Leider nein.",
        first.answered_at,
    )
    assert AuditEntry.objects.filter(action__startswith="help_request.answer").count() == 1


@pytest.mark.parametrize("change", ["moved", "inactive", "no login"])
def test_accept_refused_when_the_answering_person_is_gone(asked, helpers, change):
    answer = _answer_as(asked, helpers, helpers["westpark_admin"], "Gern.")
    person = _person_of(helpers, "wadmin@example.org")
    if change == "moved":
        Person.objects.filter(pk=person.pk).update(company=helpers["isar"])
    elif change == "inactive":
        type(person.user).objects.filter(pk=person.user.pk).update(is_active=False)
    else:
        Person.objects.filter(pk=person.pk).update(user=None)
    with pytest.raises(ValidationError) as error:
        accept_answer(answer=answer, temperature=3, actor=helpers["member"], **CUSTOMER)
    assert error.value.message_dict == {"answer": [GONE]}
    answer.refresh_from_db()
    asked.refresh_from_db()
    assert (answer.status, asked.status, Referral.objects.count()) == (
        AnswerStatus.OFFERED,
        HelpRequestStatus.OPEN,
        0,
    )


def test_accept_after_a_colleague_answered_again_goes_to_the_colleague(asked, helpers):
    _answer_as(asked, helpers, helpers["westpark_admin"], "Gern.")
    type(helpers["westpark_admin"]).objects.filter(pk=helpers["westpark_admin"].pk).update(
        is_active=False
    )
    colleague = _person_of(helpers, "wcolleague@example.org")
    answer = _answer_as(asked, helpers, colleague.user, "Ich übernehme das.")
    referral = accept_answer(answer=answer, temperature=3, actor=helpers["member"], **CUSTOMER)
    assert [party.person for party in referral.parties.all()] == [colleague]


def test_recipients_are_people_who_can_log_in(helpers, group_a):
    westpark = helpers["westpark"]
    admin = _person_of(helpers, "wadmin@example.org")
    colleague = _person_of(helpers, "wcolleague@example.org")
    # An admin without a login (an address only) and a second admin whose login is off.
    Person.objects.create(
        company=westpark,
        first_name="Ohne",
        last_name="Login",
        email="ohne@example.org",
        is_company_admin=True,
    )
    off = _person(westpark, group_a, "off@example.org", "Otto", "Aus", is_company_admin=True)
    type(off.user).objects.filter(pk=off.user.pk).update(is_active=False)
    assert recipients(westpark) == [admin]
    # Without an admin who can log in: the people who can.
    type(admin.user).objects.filter(pk=admin.user.pk).update(is_active=False)
    assert recipients(westpark) == [colleague]


def test_the_system_accepts_for_a_person_without_a_login(asked, helpers):
    # The demo's people have no logins; the system answers and accepts in their name.
    person = Person.objects.create(company=helpers["westpark"], first_name="Ida", last_name="Ohne")
    answer = answer_help(
        answer=_answer(asked, helpers["westpark"]),
        can_help=True,
        actor=None,
        answered_by=person,
        mail=False,
    )
    referral = accept_answer(answer=answer, temperature=3, actor=None, mail=False, **CUSTOMER)
    assert [party.person for party in referral.parties.all()] == [person]
