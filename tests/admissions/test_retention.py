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
from verbund.admissions.services import apply_retention, submit_application
from verbund.admissions.services.retention import RetentionResult, months_before
from verbund.common.audit import log_action
from verbund.common.models import AuditEntry
from verbund.directory.models import SearchDocument
from verbund.directory.services import reindex_company
from verbund.members.models import Company, CompanyStatus, Person
from verbund.members.services import create_person
from verbund.network.models import GroupRoleKind, NetworkRoleKind

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


@pytest.mark.parametrize(
    ("role", "pseudonymised"),
    [
        ({"network": NetworkRoleKind.OFFICE}, 0),
        ({"network": NetworkRoleKind.BOARD}, 0),
        ({"group": GroupRoleKind.SECRETARY}, 0),
        # A term that ended before the run day protects no one.
        ({"network": NetworkRoleKind.OFFICE, "ends_on": DAY_BEFORE}, 1),
    ],
)
def test_guest_who_holds_a_role_now_is_kept(network, role, pseudonymised):
    """A former guest who now works for the office, sits on the board or moderates a
    group keeps their login: retention must not lock out the network's own staff."""
    guest = _guest(DAY_BEFORE)
    term = {"starts_on": datetime.date(2024, 1, 1), "ends_on": role.get("ends_on")}
    if "network" in role:
        f.NetworkRoleFactory(person=guest.person, kind=role["network"], **term)
    else:
        f.GroupRoleFactory(person=guest.person, kind=role["group"], **term)
    assert _run().guests == pseudonymised
    guest.person.refresh_from_db()
    assert (guest.person.first_name == "Gustav", guest.person.user.is_active) == (
        not pseudonymised,
        not pseudonymised,
    )


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


def test_old_rejection_spares_a_candidate_rejected_recently(network, member_person):
    """The company goes only once its last unsuccessful decision is past the period; until
    then only the old application's own texts go."""
    old = _rejected(DAY_BEFORE)
    VoteFactory(application=old, person=member_person, choice="veto", reason="Altlast!")
    case = BoardCaseFactory(application=old, rationale="Altlast IT passt nicht.")
    recent = ApplicationFactory(company=old.company, stage=Stage.REJECTED, note="Zweiter Anlauf.")
    Application.objects.filter(pk=recent.pk).update(decided_at=_moment(CUTOFF))
    assert _run() == RetentionResult(guests=0, applications=1)
    old.refresh_from_db()
    recent.refresh_from_db()
    case.refresh_from_db()
    person = old.company.people.get()
    assert (old.company.name, person.first_name, person.user.is_active) == (
        "Altlast IT GmbH",
        "Armin",
        True,
    )
    assert (old.note, case.rationale, list(old.votes.values_list("reason", flat=True))) == (
        "",
        "",
        [""],
    )
    assert (recent.note, recent.pseudonymised_at) == ("Zweiter Anlauf.", None)
    # A day later the last decision is past the period too: now the candidate goes.
    assert apply_retention(today=TODAY + datetime.timedelta(days=1)) == RetentionResult(
        guests=0, applications=1
    )
    company = Company.objects.get(pk=old.company.pk)
    recent.refresh_from_db()
    assert (company.name, recent.note) == (
        _pseudonym("Deleted candidate %(code)s", code=company.code),
        "",
    )
    # The first run's entry on the old application now names the pseudonym too.
    entries = AuditEntry.objects.filter(action="application.pseudonymise").order_by("pk")
    assert [(entry.object_id, entry.object_repr, entry.changes) for entry in entries] == [
        (old.code, company.name, {"retention_months": 24, "people": 0}),
        (recent.code, company.name, {"retention_months": 24, "people": 1}),
    ]


def test_candidates_person_who_holds_a_role_now_is_kept(network):
    application = _rejected(DAY_BEFORE)
    person = application.company.people.get()
    f.GroupRoleFactory(person=person, kind=GroupRoleKind.SECRETARY)
    assert _run().applications == 1
    person.refresh_from_db()
    application.company.refresh_from_db()
    assert (application.company.name, person.first_name, person.user.is_active) == (
        _pseudonym("Deleted candidate %(code)s", code=application.company.code),
        "Armin",
        True,
    )
    entry = AuditEntry.objects.get(action="application.pseudonymise")
    assert entry.changes == {"retention_months": 24, "people": 0}


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
    entries = list(AuditEntry.objects.order_by("pk").values())
    second = io.StringIO()
    call_command("apply_retention", on=TODAY.isoformat(), stdout=second)
    assert (first.getvalue(), second.getvalue()) == (
        "3 guests, 1 application pseudonymised.\n",
        "0 guests, 0 applications pseudonymised.\n",
    )
    # No new entry and no entry rewritten again.
    assert list(AuditEntry.objects.order_by("pk").values()) == entries


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


# ---------------------------------------------------------------- the audit log

NAMES = ("Gustav", "Gast IT", "gast@example.org", "Altlast", "Armin", "Hauptstr", "altlast.example")


def _history(group, office, member_person):
    """A guest and a candidate whose company, person and application were logged by the
    services as they are in real life; the application is rejected before the cut-off."""
    guest = _guest(DAY_BEFORE, company_name="Gast IT GmbH")
    log_action(
        actor=office,
        action="guest.invite",
        obj=guest.person,
        changes={"group": group.name, "visited_on": DAY_BEFORE, "company": "Gast IT GmbH"},
    )
    user = guest.person.user  # the guest with a login changes their language
    log_action(actor=user, action="user.language", obj=user, changes={"language": ["de", "en"]})
    application = submit_application(
        company_data={
            "name": "Altlast IT GmbH",
            "street": "Hauptstr. 1",
            "website": "https://altlast.example",
        },
        home_group=group,
        recommended_by=member_person,
        actor=office,
        guest=guest,
    )
    create_person(
        data={"company": application.company, "first_name": "Armin", "last_name": "Alt"},
        login_email="armin@altlast.example",
        actor=office,
        invite=False,
    )
    Application.objects.filter(pk=application.pk).update(
        stage=Stage.REJECTED, decided_at=_moment(DAY_BEFORE)
    )
    return guest, application


def _trail(entries):
    return [(entry.pk, entry.action, entry.actor_id, entry.created_at) for entry in entries]


def test_older_audit_entries_keep_the_trail_but_no_names(network, group_a, office, member_person):
    guest, application = _history(group_a, office, member_person)
    user = guest.person.user
    before = list(AuditEntry.objects.order_by("pk"))
    logged = str([(entry.actor_repr, entry.object_repr, entry.changes) for entry in before])
    assert [name for name in NAMES if name in logged] == list(NAMES)
    assert _run() == RetentionResult(guests=1, applications=1)
    after = list(AuditEntry.objects.order_by("pk"))
    # Who did what when stays: the old entries, plus one per pseudonymised guest/application.
    assert _trail(after[: len(before)]) == _trail(before)
    assert len(after) == len(before) + 2
    logged = str([(entry.actor_repr, entry.object_repr, entry.changes) for entry in after])
    assert [name for name in NAMES if name in logged] == []
    company = Company.objects.get(pk=application.company.pk)
    person = company.people.get()
    guest.person.refresh_from_db()
    user.refresh_from_db()
    assert [e.actor_repr for e in after if e.actor_id == user.pk] == [user.email]
    cleared = {"pseudonymised": True}
    assert [
        (entry.action, entry.object_type, entry.object_id, entry.object_repr, entry.changes)
        for entry in after[: len(before)]
    ] == [
        ("guest.invite", "members.person", guest.person.code, str(guest.person), cleared),
        ("user.language", "accounts.user", str(user.pk), user.email, cleared),
        ("company.create", "members.company", company.code, company.name, cleared),
        ("application.submit", "admissions.application", application.code, company.name, cleared),
        ("person.create", "members.person", person.code, str(person), cleared),
    ]


def test_guest_pseudonymised_before_the_application_leaves_it_in_the_log(
    network, group_a, office, member_person
):
    """The guest's period is over, the rejection of their company is recent: the
    application's entry keeps its record but names the guest only by the pseudonym."""
    guest, application = _history(group_a, office, member_person)
    Application.objects.filter(pk=application.pk).update(decided_at=_moment(CUTOFF))
    assert _run() == RetentionResult(guests=1, applications=0)
    guest.person.refresh_from_db()
    entry = AuditEntry.objects.get(action="application.submit")
    assert (entry.object_repr, entry.changes) == (
        "Altlast IT GmbH",
        {
            "company": "Altlast IT GmbH",
            "home_group": group_a.name,
            "recommended_by": str(member_person),
            "guest": str(guest.person),
        },
    )


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
