"""Guest pages: who sees which guest (and their contact data), inviting, the register's
guests, the vendor guest form, the public visit page and the office's consent text."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests import factories as f
from tests.conftest import client_for
from verbund.admissions.models import Application, Guest, GuestConsent, GuestVisit
from verbund.meetings.models import AgendaItem

GUEST_FORM = {
    "first_name": "Anna",
    "last_name": "Gast",
    "email": "anna.gast@example.com",
    "phone": "",
    "company_name": "Gast IT GmbH",
}


@pytest.fixture(autouse=True)
def _empty_cache():
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


def make_guest(group, first, email, invited_by=None, meeting=None, status="attended"):
    guest = f.GuestFactory(
        person__user=None,
        person__first_name=first,
        person__last_name="Gast",
        person__email=email,
        person__phone="+49 89 999",
        invited_by=invited_by,
        group=group,
    )
    f.GuestVisitFactory(
        guest=guest,
        group=group,
        meeting=meeting,
        visited_on=meeting.occurrence_date if meeting else days(-30),
        status=status,
    )
    return guest


@pytest.fixture
def anna(group_a, member_person):
    return make_guest(group_a, "Anna", "anna@example.com", invited_by=member_person)


@pytest.fixture
def bert(group_b):
    return make_guest(group_b, "Bert", "bert@example.com")


def names(response) -> list[str]:
    return [guest.person.first_name for guest in response.context["page"].object_list]


# ---------------------------------------------------------------- list and detail


def test_guest_list_cast(cast, anna, bert):
    own = cast["guest"].person.first_name
    seen = {name: names(client_for(user).get("/guests/")) for name, user in cast.items() if user}
    everyone = sorted(["Anna", "Bert", own])
    assert {name: sorted(firsts) for name, firsts in seen.items()} == {
        "office": everyone,
        "board": everyone,
        "moderator": sorted(["Anna", own]),
        "member": sorted(["Anna", own]),
        "colleague": sorted(["Anna", own]),
        "member2": ["Bert"],
        "guest": [own],
    }
    assert client_for(None).get("/guests/").status_code == 302


def test_guest_list_shows_visits_against_the_limit_and_filters_by_group(
    office, anna, bert, group_b
):
    client = client_for(office)
    html = client.get("/guests/").content.decode()
    with translation.override("de"):
        visits = gettext("%(attended)s of %(limit)s") % {"attended": 1, "limit": 3}
    assert html.count(visits) == 2
    response = client.get(f"/guests/?group={group_b.code}")
    assert names(response) == ["Bert"]


def test_guest_list_query_count_is_the_same_for_one_and_three(office, group_a, member_person):
    def count() -> int:
        client = client_for(office)
        client.get("/guests/")  # warm the session and roles
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/guests/")
        assert response.status_code == 200
        return len(queries)

    make_guest(group_a, "Eins", "eins@example.com", invited_by=member_person)
    one = count()
    make_guest(group_a, "Zwei", "zwei@example.com", invited_by=member_person)
    make_guest(group_a, "Drei", "drei@example.com", invited_by=member_person)
    assert count() == one


def test_guest_detail_cast_and_contact_fields(cast, anna):
    url = f"/guests/{anna.person.code}/"
    pages = {name: client_for(user).get(url) for name, user in cast.items() if user}
    status = {name: response.status_code for name, response in pages.items()}
    assert status == {
        "office": 200,
        "board": 200,
        "moderator": 200,
        "member": 200,
        "colleague": 200,
        "member2": 404,
        "guest": 404,
    }
    contact = {
        name: "anna@example.com" in response.content.decode()
        for name, response in pages.items()
        if response.status_code == 200
    }
    # The office, the group's moderator and the inviter (member); not a plain member.
    assert contact == {
        "office": True,
        "board": False,
        "moderator": True,
        "member": True,
        "colleague": False,
    }


def test_guest_sees_only_themself(guest, anna):
    client = client_for(guest)
    own = guest.person.code
    assert (
        client.get(f"/guests/{own}/").status_code,
        client.get(f"/guests/{anna.person.code}/").status_code,
    ) == (200, 404)


def test_guest_detail_shows_consent_and_application_link(office, anna):
    consent = GuestConsent.objects.create(version=4, text_de="T", text_en="T")
    anna.consent, anna.consent_at = consent, timezone.now()
    anna.save()
    html = client_for(office).get(f"/guests/{anna.person.code}/").content.decode()
    assert "Version 4" in html
    assert f'href="/applications/new/?guest={anna.person.code}"' in html


def test_application_from_a_guest_links_the_guest(member, anna, group_a):
    url = f"/applications/new/?guest={anna.person.code}"
    client = client_for(member)
    form = client.get(url).context["form"]
    assert form.initial == {"name": "Neugier IT GmbH", "home_group": group_a}
    response = client.post(url, {"name": "Neugier IT GmbH", "home_group": group_a.pk})
    application = Application.objects.get()
    anna.refresh_from_db()
    assert (response.status_code, anna.application) == (302, application)


def test_application_for_a_guest_one_cannot_see_is_404(member2, anna):
    response = client_for(member2).get(f"/applications/new/?guest={anna.person.code}")
    assert response.status_code == 404


# ---------------------------------------------------------------- inviting


def test_invite_page_member(member, coming, group_b):
    f.MeetingFactory(group=group_b, occurrence_date=days(9))  # not member's group
    client = client_for(member)
    form = client.get("/guests/new/").context["form"]
    assert list(form.fields["meeting"].queryset) == [coming]
    data = GUEST_FORM | {"meeting": coming.pk, "language": "de"}
    response = client.post("/guests/new/", data)
    guest = Guest.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/guests/{guest.person.code}/")


def test_invite_page_shows_the_services_message(member, coming, member_person):
    response = client_for(member).post(
        "/guests/new/",
        GUEST_FORM | {"email": "member@example.org", "meeting": coming.pk, "language": "de"},
    )
    with translation.override("de"):
        message = gettext("This e-mail address belongs to a member of the network.")
    assert response.context["form"].errors == {"email": [message]}
    assert Guest.objects.count() == 0


def test_invite_page_forbidden_for_a_guest(guest):
    assert client_for(guest).get("/guests/new/").status_code == 403


# ---------------------------------------------------------------- the register


def test_register_page_lists_guests_and_records_a_visit_by_htmx(moderator, past):
    anna = make_guest(past.group, "Anna", "anna@example.com", meeting=past, status="expected")
    visit = anna.visits.get()
    client = client_for(moderator)
    html = client.get(f"/meetings/{past.code}/register/").content.decode()
    assert f'id="guest-visit-{visit.pk}"' in html
    response = client.post(
        f"/guest-visits/{visit.pk}/", {"status": "attended"}, headers={"HX-Request": "true"}
    )
    visit.refresh_from_db()
    body = response.content.decode()
    assert (response.status_code, visit.status, body.strip().startswith("<li")) == (
        200,
        "attended",
        True,
    )


def test_register_visit_cast(cast, past):
    anna = make_guest(past.group, "Anna", "anna@example.com", meeting=past, status="expected")
    visit = anna.visits.get()
    status = {
        name: client_for(user).post(f"/guest-visits/{visit.pk}/", {"status": "no_show"}).status_code
        for name, user in cast.items()
        if user
    }
    assert status == {
        "office": 302,
        "board": 404,
        "moderator": 302,
        "member": 403,
        "colleague": 403,
        "member2": 404,
        "guest": 404,
    }


def test_walk_in_from_the_register(moderator, past):
    response = client_for(moderator).post(f"/meetings/{past.code}/guest-walk-in/", GUEST_FORM)
    visit = GuestVisit.objects.get()
    assert (response.status_code, visit.status, visit.meeting) == (302, "attended", past)


def test_walk_in_refused_shows_the_register_with_the_message(moderator, past):
    response = client_for(moderator).post(
        f"/meetings/{past.code}/guest-walk-in/", GUEST_FORM | {"email": "moderator@example.org"}
    )
    assert (response.status_code, list(response.context["walk_in_form"].errors)) == (
        200,
        ["email"],
    )


# ---------------------------------------------------------------- vendor guests


def test_vendor_guest_page(moderator, member, coming):
    url = f"/meetings/{coming.code}/vendor-guest/"
    assert client_for(member).get(url).status_code == 403
    detail = client_for(moderator).get(f"/meetings/{coming.code}/").content.decode()
    assert f'href="{url}"' in detail
    response = client_for(moderator).post(
        url, GUEST_FORM | {"title": "Partnerprogramm", "language": "en"}
    )
    slot = AgendaItem.objects.get(meeting=coming)
    assert (response.status_code, slot.kind, slot.speaker.guest.kind) == (302, "vendor", "vendor")


# ---------------------------------------------------------------- the public page


@pytest.fixture
def consent(db):
    return GuestConsent.objects.create(
        version=1, text_de="Die Geschäftsstelle verarbeitet …", text_en="The office processes …"
    )


def test_public_page_works_logged_out_and_shows_no_member_data(
    group_a, coming, past, consent, moderator, member
):
    response = client_for(None).get(f"/groups/{group_a.code}/visit/")
    html = response.content.decode()
    assert (response.status_code, [m.pk for m in response.context["meetings"]]) == (
        200,
        [coming.pk],
    )
    assert "Ortsgruppe München-Nord" in html
    assert "Hotel Nordlicht" in html
    assert "Die Geschäftsstelle verarbeitet …" in html
    for secret in ("Eich", "Huber", "Alpen IT", "Isar Netzwerke", "moderator@example.org"):
        assert secret not in html


def test_public_registration_with_consent_mails_the_link(
    group_a, coming, consent, moderator, django_capture_on_commit_callbacks
):
    data = GUEST_FORM | {"meeting": coming.pk, "consent_version": 1, "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(f"/groups/{group_a.code}/visit/", data)
    with translation.override("de"):
        sent = gettext("Please confirm your registration with the link we sent to %(email)s.")
    assert (response.status_code, response.context["sent"], Guest.objects.count()) == (
        200,
        sent % {"email": "anna.gast@example.com"},
        0,
    )
    assert [message.to for message in mail.outbox] == [["anna.gast@example.com"]]


def test_public_registration_without_consent_changes_nothing(group_a, coming, consent):
    data = GUEST_FORM | {"meeting": coming.pk, "consent_version": 1}
    response = client_for(None).post(f"/groups/{group_a.code}/visit/", data)
    assert (list(response.context["form"].errors), Guest.objects.count()) == (["consent"], 0)
    assert len(mail.outbox) == 0


def test_public_registration_rate_limit(group_a, coming, consent):
    client = client_for(None)
    statuses = []
    for n in range(6):
        data = GUEST_FORM | {
            "email": f"g{n}@example.com",
            "meeting": coming.pk,
            "consent_version": 1,
            "consent": "on",
        }
        statuses.append(client.post(f"/groups/{group_a.code}/visit/", data).status_code)
    assert (statuses, Guest.objects.count()) == ([200, 200, 200, 200, 200, 429], 0)


# ---------------------------------------------------------------- the office's consent text


def test_office_publishes_a_consent_version(office, member):
    assert client_for(member).get("/office/guest-consent/").status_code == 403
    client = client_for(office)
    response = client.post("/office/guest-consent/", {"text_de": "Text", "text_en": "Text"})
    assert (response.status_code, GuestConsent.objects.get().version) == (302, 1)


@pytest.mark.parametrize("size", [1, 3])
def test_register_guests_query_count_is_constant(moderator, past, size, django_assert_num_queries):
    for n in range(size):
        make_guest(past.group, f"G{n}", f"g{n}@example.com", meeting=past, status="expected")
    client = client_for(moderator)
    client.get(f"/meetings/{past.code}/register/")  # the session's first request
    with django_assert_num_queries(12):
        response = client.get(f"/meetings/{past.code}/register/")
    assert len(response.context["guest_visits"]) == size


def test_an_invited_guest_with_a_login_sees_when_and_where_to_come(office, member, coming):
    from verbund.admissions import services

    visit = services.invite_guest(data=GUEST_FORM, meeting=coming, actor=member)
    services.give_guest_login(guest=visit.guest, actor=office, invite=False)
    visit.guest.person.refresh_from_db()
    response = client_for(visit.guest.person.user).get(f"/meetings/{coming.code}/")
    assert (response.status_code, response.context["meeting"].venue) == (200, "Hotel Nordlicht")
