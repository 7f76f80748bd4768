"""Guest services: invitations, the visit limit, vendor guests, walk-ins, recorded visits,
self-registration with consent, and the consent's versions."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory
from verbund.admissions import services
from verbund.admissions.models import Guest, GuestConsent, GuestVisit, Stage
from verbund.common.models import AuditEntry
from verbund.meetings.models import AgendaItem
from verbund.members.models import Person
from verbund.network.models import GroupRoleKind

ANNA = {
    "first_name": "Anna",
    "last_name": "Gast",
    "email": "Anna.Gast@example.com",
    "phone": "+49 89 111",
    "company_name": "Gast IT GmbH",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    # The registrations' rate limit counts in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def coming(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=days(9), venue="Hotel Nordlicht")


@pytest.fixture
def past(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=days(-5))


@pytest.fixture
def consent(db):
    return GuestConsent.objects.create(version=1, text_de="Einwilligung", text_en="Consent")


def anna() -> Guest:
    return Guest.objects.get(person__email="anna.gast@example.com")


def attended_visits(guest: Guest, count: int, group, status="attended"):
    for n in range(count):
        f.GuestVisitFactory(guest=guest, group=group, visited_on=days(-30 - n), status=status)


# ---------------------------------------------------------------- invite


def test_invite_creates_person_guest_visit_and_mails_in_german(
    coming, member, member_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = services.invite_guest(data=ANNA, meeting=coming, actor=member)
    guest = visit.guest
    person = guest.person
    assert (person.first_name, person.email, person.company, person.user) == (
        "Anna",
        "anna.gast@example.com",
        None,
        None,
    )
    assert (guest.kind, guest.source, guest.invited_by, guest.group, guest.company_name) == (
        "candidate",
        "invited",
        member_person,
        coming.group,
        "Gast IT GmbH",
    )
    assert (visit.status, visit.meeting, visit.visited_on) == ("expected", coming, days(9))
    [message] = mail.outbox
    when = timezone.localtime(coming.starts_at)
    date = f"{when:%d.%m.%Y}"
    with translation.override("de"):
        subject = gettext("Invitation to %(group)s on %(date)s")
        invites = gettext("%(inviter)s invites you to a meeting of %(group)s:")
    group = "Ortsgruppe München-Nord"
    assert (message.to, message.subject) == (
        ["anna.gast@example.com"],
        subject % {"group": group, "date": date},
    )
    weekday = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][when.weekday()]
    assert message.body.splitlines()[:8] == [
        "Guten Tag Anna Gast,",
        "",
        invites % {"inviter": "Maria Huber", "group": group},
        "",
        "Unternehmerfrühstück",
        f"{weekday}, {date}, 07:30\N{EN DASH}09:30",
        "Hotel Nordlicht",
        "",
    ]
    entry = AuditEntry.objects.get(action="guest.invite")
    assert (entry.actor, entry.object_id) == (member, person.code)


def test_invite_in_english_when_the_inviter_chooses_it(
    coming, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_guest(data=ANNA | {"language": "en"}, meeting=coming, actor=member)
    [message] = mail.outbox
    assert message.subject.startswith("Invitation to Ortsgruppe München-Nord on ")
    assert "Maria Huber invites you to a meeting of Ortsgruppe München-Nord:" in message.body


def test_invite_reuses_the_guest_with_the_same_email(coming, group_a, member, moderator):
    first = services.invite_guest(data=ANNA, meeting=coming, actor=member)
    later = f.MeetingFactory(group=group_a, occurrence_date=days(23))
    data = ANNA | {"email": "anna.gast@EXAMPLE.com", "first_name": "Annette"}
    second = services.invite_guest(data=data, meeting=later, actor=moderator)
    assert (second.guest, Person.objects.filter(email="anna.gast@example.com").count()) == (
        first.guest,
        1,
    )
    # The first inviter keeps the credit; the record keeps its data.
    assert (second.guest.invited_by.user, second.guest.person.first_name) == (member, "Anna")
    assert second.guest.visits.count() == 2


def test_invite_twice_to_the_same_meeting_is_refused(coming, member):
    services.invite_guest(data=ANNA, meeting=coming, actor=member)
    with pytest.raises(ValidationError) as error:
        services.invite_guest(data=ANNA, meeting=coming, actor=member)
    assert error.value.message_dict == {
        "meeting": ["Anna Gast is already on the guest list of this meeting."]
    }


@pytest.mark.parametrize(("attended", "refused"), [(2, False), (3, True)])
def test_invite_limit_counts_attended_visits(coming, group_a, member, attended, refused):
    guest = f.GuestFactory(person__email="anna.gast@example.com", person__user=None)
    attended_visits(guest, attended, group_a)
    if refused:
        with pytest.raises(ValidationError) as error:
            services.invite_guest(data=ANNA, meeting=coming, actor=member)
        assert error.value.message_dict == {
            "guest": [
                f"{guest.person} has visited or is expected at 3 meetings; an application is "
                "needed before another invitation."
            ]
        }
        assert (guest.visits.count(), len(mail.outbox)) == (3, 0)
    else:
        services.invite_guest(data=ANNA, meeting=coming, actor=member)
        assert guest.visits.count() == 3


def test_invite_no_shows_do_not_count(coming, group_a, member):
    guest = f.GuestFactory(person__email="anna.gast@example.com", person__user=None)
    attended_visits(guest, 2, group_a)
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-1), status="no_show")
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-2), status="expected")
    services.invite_guest(data=ANNA, meeting=coming, actor=member)
    assert guest.visits.filter(status="expected").count() == 2


def test_invite_open_application_lifts_the_limit(coming, group_a, member, application):
    guest = f.GuestFactory(
        person__email="anna.gast@example.com", person__user=None, application=application
    )
    attended_visits(guest, 3, group_a)
    visit = services.invite_guest(data=ANNA, meeting=coming, actor=member)
    assert visit.guest == guest


def test_invite_closed_application_does_not_lift_the_limit(coming, group_a, member):
    closed = ApplicationFactory(stage=Stage.REJECTED)
    guest = f.GuestFactory(
        person__email="anna.gast@example.com", person__user=None, application=closed
    )
    attended_visits(guest, 3, group_a)
    with pytest.raises(ValidationError):
        services.invite_guest(data=ANNA, meeting=coming, actor=member)


@pytest.mark.parametrize("when", ["past", "cancelled"])
def test_invite_past_or_cancelled_meeting_refused(group_a, member, when):
    meeting = f.MeetingFactory(
        group=group_a,
        occurrence_date=days(-7 if when == "past" else 7),
        is_cancelled=when == "cancelled",
    )
    with pytest.raises(ValidationError) as error:
        services.invite_guest(data=ANNA, meeting=meeting, actor=member)
    assert error.value.message_dict == {
        "meeting": ["Guests can only be invited to a coming meeting that is not cancelled."]
    }
    assert (Guest.objects.count(), Person.objects.filter(company=None).count()) == (0, 0)


def test_invite_member_email_refused(coming, member, colleague):
    with pytest.raises(ValidationError) as error:
        services.invite_guest(
            data=ANNA | {"email": "COLLEAGUE@example.org"}, meeting=coming, actor=member
        )
    assert error.value.message_dict == {
        "email": ["This e-mail address belongs to a member of the network."]
    }
    assert Guest.objects.count() == 0


def test_invite_bad_input_names_every_field(coming, member):
    with pytest.raises(ValidationError) as error:
        services.invite_guest(data={"email": "nope"}, meeting=coming, actor=member)
    assert error.value.message_dict == {
        "first_name": ["Please enter the first name."],
        "last_name": ["Please enter the last name."],
        "company_name": ["Please enter the company."],
        "email": ["Enter a valid email address."],
    }


def test_invite_cast(coming, cast):
    allowed = {}
    for name in ("office", "moderator", "member", "member2", "board", "guest"):
        try:
            services.invite_guest(
                data=ANNA | {"email": f"{name}-gast@example.com"}, meeting=coming, actor=cast[name]
            )
            allowed[name] = True
        except PermissionDenied:
            allowed[name] = False
    assert allowed == {
        "office": True,
        "moderator": True,
        "member": True,
        "member2": False,
        "board": False,
        "guest": False,
    }


# ---------------------------------------------------------------- vendor guests


def test_vendor_guest_gets_the_vendor_slot_and_is_never_limited(
    coming, group_a, moderator, django_capture_on_commit_callbacks
):
    vendor = f.GuestFactory(person__email="anna.gast@example.com", person__user=None, kind="vendor")
    attended_visits(vendor, 5, group_a)
    with django_capture_on_commit_callbacks(execute=True):
        visit = services.invite_vendor_guest(
            data=ANNA, meeting=coming, title="Partnerprogramm 2027", actor=moderator
        )
    [slot] = AgendaItem.objects.filter(meeting=coming)
    assert (visit.guest, visit.status) == (vendor, "expected")
    assert (slot.kind, slot.title, slot.speaker, slot.position) == (
        "vendor",
        "Partnerprogramm 2027",
        vendor.person,
        1,
    )
    assert len(mail.outbox) == 1


def test_vendor_guest_by_the_secretary_and_refused_for_a_member(coming, group_a, member):
    secretary = f.PersonFactory(company__home_group=group_a)
    f.GroupRoleFactory(group=group_a, person=secretary, kind=GroupRoleKind.SECRETARY)
    visit = services.invite_vendor_guest(
        data=ANNA, meeting=coming, title="Neuheiten", actor=secretary.user
    )
    assert (visit.guest.kind, visit.guest.invited_by) == ("vendor", secretary)
    with pytest.raises(PermissionDenied):
        services.invite_vendor_guest(
            data=ANNA | {"email": "b@example.com"}, meeting=coming, title="X", actor=member
        )


def test_vendor_guest_needs_a_title(coming, moderator):
    with pytest.raises(ValidationError) as error:
        services.invite_vendor_guest(data=ANNA, meeting=coming, title=" ", actor=moderator)
    assert error.value.message_dict == {"title": ["Please give the vendor slot a title."]}
    assert (Guest.objects.count(), AgendaItem.objects.count()) == (0, 0)


# ---------------------------------------------------------------- walk-ins and visits


def test_walk_in_is_attended_and_limited(past, group_a, moderator):
    visit = services.add_walk_in(meeting=past, data=ANNA, actor=moderator)
    assert (visit.status, visit.guest.source, visit.guest.invited_by) == (
        "attended",
        "invited",
        None,
    )
    attended_visits(visit.guest, 2, group_a)
    later = f.MeetingFactory(group=group_a, occurrence_date=days(0))
    with pytest.raises(ValidationError) as error:
        services.add_walk_in(meeting=later, data=ANNA, actor=moderator)
    assert list(error.value.message_dict) == ["guest"]


def test_walk_in_not_for_a_coming_meeting_nor_by_a_member(coming, past, moderator, member):
    with pytest.raises(ValidationError) as error:
        services.add_walk_in(meeting=coming, data=ANNA, actor=moderator)
    assert error.value.message_dict == {
        "meeting": ["A walk-in guest is recorded on the day of the meeting or later."]
    }
    with pytest.raises(PermissionDenied):
        services.add_walk_in(meeting=past, data=ANNA, actor=member)


def test_record_visit_attended_and_no_show(past, moderator, office):
    visit = f.GuestVisitFactory(
        meeting=past, group=past.group, visited_on=past.occurrence_date, status="expected"
    )
    services.record_visit(visit=visit, status="attended", actor=moderator)
    services.record_visit(visit=visit, status="attended", actor=moderator)  # no change
    services.record_visit(visit=visit, status="no_show", actor=office)
    visit.refresh_from_db()
    entries = AuditEntry.objects.filter(action="guest.visit").order_by("pk")
    assert visit.status == "no_show"
    assert [e.changes["status"] for e in entries] == [
        ["expected", "attended"],
        ["attended", "no_show"],
    ]


def test_record_visit_after_the_register_is_completed(past, moderator):
    past.register_state = "completed"
    past.save()
    visit = f.GuestVisitFactory(
        meeting=past, group=past.group, visited_on=past.occurrence_date, status="expected"
    )
    assert services.record_visit(visit=visit, status="attended", actor=moderator).status == (
        "attended"
    )


def test_record_visit_refusals(coming, past, member, moderator):
    future = f.GuestVisitFactory(
        meeting=coming, group=coming.group, visited_on=coming.occurrence_date, status="expected"
    )
    with pytest.raises(ValidationError) as error:
        services.record_visit(visit=future, status="attended", actor=moderator)
    assert error.value.message_dict == {
        "status": ["A visit is recorded on the day of the meeting or later."]
    }
    visit = f.GuestVisitFactory(meeting=past, group=past.group, visited_on=past.occurrence_date)
    with pytest.raises(PermissionDenied):
        services.record_visit(visit=visit, status="no_show", actor=member)
    with pytest.raises(ValidationError) as error:
        services.record_visit(visit=visit, status="maybe", actor=moderator)
    assert error.value.message_dict == {"status": ["Please choose a status."]}


# ---------------------------------------------------------------- self-registration


def test_register_needs_a_published_consent_version(coming, consent):
    """The link carries the version agreed to; registering without one is refused."""
    for given in (None, 7):
        with pytest.raises(ValidationError) as error:
            services.register_guest(data=ANNA, meeting=coming, consent=given)
        assert error.value.message_dict == {
            "consent": ["Please agree to the processing of your data."]
        }
    assert (Guest.objects.count(), len(mail.outbox)) == (0, 0)


def test_rate_limit_per_address():
    for _n in range(5):
        services.count_registration("10.0.0.6")
    with pytest.raises(services.TooManyRegistrations):
        services.count_registration("10.0.0.6")
    services.count_registration("10.0.0.7")


# ---------------------------------------------------------------- consent versions, logins


def test_publish_consent_versions_office_only(office, member):
    first = services.publish_consent(text_de=" Text ", text_en="Text", actor=office)
    second = services.publish_consent(text_de="Neu", text_en="New", actor=office)
    assert [(c.version, c.text_de) for c in (first, second)] == [(1, "Text"), (2, "Neu")]
    with pytest.raises(PermissionDenied):
        services.publish_consent(text_de="x", text_en="y", actor=member)
    with pytest.raises(ValidationError) as error:
        services.publish_consent(text_de="", text_en=" ", actor=office)
    assert error.value.message_dict == {
        "text_de": ["Please enter the German text."],
        "text_en": ["Please enter the English text."],
    }
    assert GuestConsent.objects.count() == 2


def test_give_guest_login_office_only(coming, office, member, django_capture_on_commit_callbacks):
    guest = services.invite_guest(data=ANNA, meeting=coming, actor=member).guest
    with pytest.raises(PermissionDenied):
        services.give_guest_login(guest=guest, actor=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.give_guest_login(guest=guest, actor=office)
    guest.person.refresh_from_db()
    assert (guest.person.user.email, [m.to for m in mail.outbox]) == (
        "anna.gast@example.com",
        [["anna.gast@example.com"]],
    )
    with pytest.raises(ValidationError):
        services.give_guest_login(guest=guest, actor=office)


def test_submit_application_links_the_guest(coming, member, member_person, group_a):
    guest = services.invite_guest(data=ANNA, meeting=coming, actor=member).guest
    application = services.submit_application(
        company_data={"name": "Gast IT GmbH"},
        home_group=group_a,
        recommended_by=member_person,
        actor=member,
        guest=guest,
    )
    guest.refresh_from_db()
    assert (guest.application, GuestVisit.objects.count()) == (application, 1)
    assert AuditEntry.objects.get(action="application.submit").changes["guest"] == "Anna Gast"
