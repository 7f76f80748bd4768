"""The retention run: guests and rejected or withdrawn candidates are pseudonymised exactly
after the network's period (24 months here), nothing else is touched, and a second run
changes nothing."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory, BoardCaseFactory, VoteFactory
from verbund.accounts.models import ApiToken, User
from verbund.accounts.services import create_api_token
from verbund.admissions.models import Application, Guest, GuestVisit, Stage
from verbund.admissions.services import apply_retention
from verbund.admissions.services.retention import RetentionResult, months_before
from verbund.common.models import AuditEntry
from verbund.directory.models import SearchDocument
from verbund.directory.services import reindex_company
from verbund.members.models import Company, CompanyStatus, Person

TODAY = datetime.date(2026, 11, 25)
CUTOFF = datetime.date(2024, 11, 25)  # 24 months before TODAY: what is older goes
DAY_BEFORE = CUTOFF - datetime.timedelta(days=1)


def _pseudonym(message: str, **values) -> str:
    """A pseudonym as stored: in the network's language (German)."""
    with translation.override("de"):
        return translation.pgettext("pseudonym", message) % values


def _moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _guest(last_visit, email="gast@example.org", **extra):
    """A guest with a login, registered long ago, whose last visit was on `last_visit`."""
    guest = f.GuestFactory(
        person__user=f.UserFactory(email=email),
        person__first_name="Gustav",
        person__last_name="Gast",
        **extra,
    )
    Guest.objects.filter(pk=guest.pk).update(created_at=_moment(datetime.date(2023, 1, 10)))
    if last_visit is not None:
        group = f.GroupFactory()
        GuestVisit.objects.create(guest=guest, group=group, visited_on=datetime.date(2023, 2, 1))
        GuestVisit.objects.create(guest=guest, group=group, visited_on=last_visit)
    return guest


def _rejected(decided_on, stage=Stage.REJECTED, name="Altlast IT GmbH"):
    """A candidate company, its person with a login, and its closed application."""
    company = f.CompanyFactory(
        name=name,
        status=CompanyStatus.CANDIDATE,
        street="Hauptstr. 1",
        postal_code="80331",
        website="https://altlast.example",
        description="Netzwerke für Arztpraxen",
        employees=12,
    )
    f.PersonFactory(
        company=company,
        user=f.UserFactory(email="chef@altlast.example"),
        first_name="Armin",
        last_name="Alt",
    )
    application = ApplicationFactory(company=company, stage=stage, note="Kennt Frau Huber.")
    Application.objects.filter(pk=application.pk).update(decided_at=_moment(decided_on))
    application.refresh_from_db()
    return application


def _run(**kwargs) -> RetentionResult:
    return apply_retention(today=TODAY, **kwargs)


# ---------------------------------------------------------------- the period


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (TODAY, 24, CUTOFF),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), 13, datetime.date(2024, 12, 15)),
    ],
)
def test_months_before_counts_calendar_months(day, months, expected):
    assert months_before(day, months) == expected


# ---------------------------------------------------------------- guests


def test_guest_past_the_period_is_pseudonymised(network):
    guest = _guest(DAY_BEFORE)
    person, user = guest.person, guest.person.user
    create_api_token(user=user, name="Alt", actor=user)  # the login's tokens go too
    assert _run() == RetentionResult(guests=1, applications=0)
    guest.refresh_from_db()
    person.refresh_from_db()
    user.refresh_from_db()
    assert (person.first_name, person.last_name) == (
        _pseudonym("Deleted"),
        _pseudonym("Guest %(code)s", code=person.code),
    )
    assert (person.email, person.phone, person.mobile, person.function) == ("", "", "", "")
    assert (guest.company_name, guest.pseudonymised_at is not None) == ("", True)
    assert (user.is_active, user.email, user.has_usable_password()) == (
        False,
        f"pseudonymised-{user.pk}@deleted.invalid",
        False,
    )
    assert list(EmailAddress.objects.filter(user=user)) == []
    assert EmailAddress.objects.filter(email="gast@example.org").exists() is False
    assert User.objects.filter(email="gast@example.org").exists() is False
    assert ApiToken.objects.filter(user=user).count() == 0
    # The visits stay: they count in the pipeline and the registers.
    assert guest.visits.count() == 2


@pytest.mark.parametrize(("last_visit", "pseudonymised"), [(DAY_BEFORE, 1), (CUTOFF, 0)])
def test_guest_period_runs_from_the_last_visit(network, last_visit, pseudonymised):
    _guest(last_visit)
    assert _run().guests == pseudonymised


@pytest.mark.parametrize(
    ("created_at", "pseudonymised"),
    [
        (_moment(DAY_BEFORE, hour=23), 1),
        # 23:30 UTC the day before is already the cut-off day in Berlin: kept.
        (datetime.datetime.combine(DAY_BEFORE, datetime.time(23, 30), tzinfo=datetime.UTC), 0),
    ],
)
def test_guest_without_visits_counts_from_registration(network, created_at, pseudonymised):
    guest = _guest(None)
    Guest.objects.filter(pk=guest.pk).update(created_at=created_at)
    assert _run().guests == pseudonymised


def test_guest_with_an_open_application_is_kept(network):
    application = ApplicationFactory(stage=Stage.VOTING)
    guest = _guest(DAY_BEFORE, application=application)
    assert _run().guests == 0
    guest.person.refresh_from_db()
    assert guest.person.last_name == "Gast"


def test_guest_of_a_candidate_company_with_an_open_application_is_kept(network):
    application = ApplicationFactory(stage=Stage.SUBMITTED)
    guest = _guest(DAY_BEFORE)
    Person.objects.filter(pk=guest.person.pk).update(company=application.company)
    assert _run().guests == 0


def test_guest_whose_application_was_rejected_is_pseudonymised(network):
    application = ApplicationFactory(stage=Stage.REJECTED)
    _guest(DAY_BEFORE, application=application)
    assert _run().guests == 1


def test_guest_now_of_a_member_company_is_kept(network, company_a):
    guest = _guest(DAY_BEFORE)
    Person.objects.filter(pk=guest.person.pk).update(company=company_a)
    assert _run().guests == 0
    guest.person.refresh_from_db()
    assert (guest.person.first_name, guest.person.user.is_active) == ("Gustav", True)


# ---------------------------------------------------------------- applications


def test_rejected_application_past_the_period_is_pseudonymised(network, member_person):
    application = _rejected(DAY_BEFORE)
    VoteFactory(application=application, person=member_person, choice="veto", reason="Altlast!")
    case = BoardCaseFactory(application=application, rationale="Altlast IT passt nicht.")
    company = application.company
    reindex_company(company)
    person = company.people.get()
    assert _run() == RetentionResult(guests=0, applications=1)
    application.refresh_from_db()
    company.refresh_from_db()
    person.refresh_from_db()
    case.refresh_from_db()
    assert company.name == _pseudonym("Deleted candidate %(code)s", code=company.code)
    assert (company.street, company.postal_code, company.website, company.description) == (
        "",
        "",
        "",
        "",
    )
    assert (company.employees, company.annual_revenue, company.status) == (
        None,
        None,
        CompanyStatus.CANDIDATE,
    )
    assert (person.first_name, person.last_name, person.email, person.user.is_active) == (
        _pseudonym("Deleted"),
        _pseudonym("Candidate %(code)s", code=person.code),
        "",
        False,
    )
    assert (application.note, application.pseudonymised_at is not None, application.stage) == (
        "",
        True,
        Stage.REJECTED,
    )
    assert list(application.votes.values_list("choice", "reason")) == [("veto", "")]
    assert case.rationale == ""
    document = SearchDocument.objects.get(company=company)
    assert ("altlast" in document.text, company.name.lower() in document.text) == (False, True)


@pytest.mark.parametrize(("decided_on", "pseudonymised"), [(DAY_BEFORE, 1), (CUTOFF, 0)])
def test_application_period_runs_from_the_decision(network, decided_on, pseudonymised):
    application = _rejected(decided_on)
    assert _run().applications == pseudonymised
    application.company.refresh_from_db()
    expected = "Altlast IT GmbH" if not pseudonymised else application.company.name
    assert application.company.name == expected


def test_withdrawn_application_is_pseudonymised_too(network):
    application = _rejected(DAY_BEFORE, stage=Stage.WITHDRAWN)
    assert _run().applications == 1
    application.company.refresh_from_db()
    assert application.company.name == _pseudonym(
        "Deleted candidate %(code)s", code=application.company.code
    )


def test_admitted_application_is_never_touched(network, member_person):
    application = _rejected(datetime.date(2020, 1, 1), stage=Stage.ADMITTED)
    Company.objects.filter(pk=application.company.pk).update(status=CompanyStatus.ACTIVE)
    VoteFactory(application=application, person=member_person, reason="")
    assert _run() == RetentionResult(guests=0, applications=0)
    application.refresh_from_db()
    assert (application.company.name, application.note, application.pseudonymised_at) == (
        "Altlast IT GmbH",
        "Kennt Frau Huber.",
        None,
    )


def test_company_admitted_later_keeps_its_data(network):
    """An old rejection of a company that is a member now: only the application's texts go."""
    application = _rejected(DAY_BEFORE)
    Company.objects.filter(pk=application.company.pk).update(status=CompanyStatus.ACTIVE)
    assert _run().applications == 1
    application.refresh_from_db()
    person = application.company.people.get()
    assert (application.company.name, application.note, person.first_name) == (
        "Altlast IT GmbH",
        "",
        "Armin",
    )


def test_company_applying_again_is_kept_while_open(network):
    application = _rejected(DAY_BEFORE)
    ApplicationFactory(company=application.company, stage=Stage.SUBMITTED)
    assert _run().applications == 0
    application.company.refresh_from_db()
    assert application.company.name == "Altlast IT GmbH"


# ---------------------------------------------------------------- the run


def test_second_run_changes_nothing(network):
    _guest(DAY_BEFORE, email="a@example.org")
    _guest(DAY_BEFORE, email="b@example.org")
    _guest(DAY_BEFORE, email="c@example.org")
    _rejected(DAY_BEFORE)
    first = io.StringIO()
    call_command("apply_retention", on=TODAY.isoformat(), stdout=first)
    entries = AuditEntry.objects.count()
    second = io.StringIO()
    call_command("apply_retention", on=TODAY.isoformat(), stdout=second)
    assert (first.getvalue(), second.getvalue(), AuditEntry.objects.count()) == (
        "3 guests, 1 application pseudonymised.\n",
        "0 guests, 0 applications pseudonymised.\n",
        entries,
    )


def test_command_refuses_a_bad_day(network):
    with pytest.raises(CommandError) as refused:
        call_command("apply_retention", on="25.11.2026")
    assert str(refused.value) == "Please give the day as YYYY-MM-DD."


def test_audit_names_neither_the_guest_nor_the_candidate(network):
    guest = _guest(DAY_BEFORE)
    application = _rejected(DAY_BEFORE)
    _run()
    entries = AuditEntry.objects.filter(action__endswith=".pseudonymise").order_by("pk")
    company = Company.objects.get(pk=application.company.pk)
    assert [
        (entry.action, entry.object_id, entry.object_repr, entry.changes, entry.actor_repr)
        for entry in entries
    ] == [
        (
            "guest.pseudonymise",
            guest.person.code,
            f"{_pseudonym('Deleted')} {_pseudonym('Guest %(code)s', code=guest.person.code)}",
            {"retention_months": 24},
            "system",
        ),
        (
            "application.pseudonymise",
            application.code,
            company.name,
            {"retention_months": 24, "people": 1},
            "system",
        ),
    ]
    logged = str([(entry.object_repr, entry.changes) for entry in entries])
    assert [name for name in ("Gustav", "Altlast", "Armin") if name in logged] == []


def test_retention_by_a_member_is_refused_and_changes_nothing(network, member):
    guest = _guest(DAY_BEFORE)
    with pytest.raises(PermissionDenied):
        _run(actor=member)
    guest.refresh_from_db()
    assert (guest.pseudonymised_at, guest.person.first_name) == (None, "Gustav")


def test_retention_by_the_office_is_logged_as_theirs(network, office):
    _guest(DAY_BEFORE)
    assert _run(actor=office).guests == 1
    entry = AuditEntry.objects.get(action="guest.pseudonymise")
    assert entry.actor_repr == "office@example.org"


def test_retention_period_comes_from_the_settings(network):
    network.retention_months = 6
    network.save()
    _guest(datetime.date(2026, 5, 24), email="old@example.org")
    _guest(datetime.date(2026, 5, 25), email="recent@example.org")
    assert _run() == RetentionResult(guests=1, applications=0)
