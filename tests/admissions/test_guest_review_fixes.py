"""The review's findings on guests: no re-credit and no stored data for a later inviter,
rate limits by the client's address that survive refusals, the visit limit counting
coming visits, vendor guests, the stale consent field, the API list's queries and a guest's
second application."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory
from tests.api.conftest import API
from tests.conftest import client_for
from verbund.admissions import services
from verbund.admissions.models import Guest, GuestConsent
from verbund.common.http import client_ip
from verbund.directory.views.finder import over_rate_limit
from verbund.network.models import GroupRoleKind

ANNA = {
    "first_name": "Anna",
    "last_name": "Gast",
    "email": "anna@example.com",
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
    return f.MeetingFactory(group=group_a, occurrence_date=days(9))


@pytest.fixture
def registered(group_b):
    """A guest who registered on group B's page themself: nobody invited them."""
    guest = f.GuestFactory(
        person__user=None,
        person__first_name="Anna",
        person__last_name="Gast",
        person__email="anna@example.com",
        person__phone="+49 89 555",
        invited_by=None,
        source="registered",
        group=group_b,
    )
    f.GuestVisitFactory(guest=guest, group=group_b, visited_on=days(-20))
    return guest


# ---------------------------------------------------------------- 2: a known guest's address


def test_inviting_a_known_guest_credits_nobody(coming, member, registered):
    visit = services.invite_guest(
        data=ANNA | {"first_name": "Someone"}, meeting=coming, actor=member
    )
    registered.refresh_from_db()
    assert (visit.guest, registered.invited_by, registered.person.first_name) == (
        registered,
        None,
        "Anna",
    )


def test_api_invitation_of_a_known_guest_hides_their_contact_data(
    coming, member, moderator, registered
):
    def invite(user, meeting):
        response = client_for(user).post(
            API + "/guests",
            data=json.dumps(ANNA | {"meeting": meeting.code}),
            content_type="application/json",
        )
        body = response.json()
        return response.status_code, body["invited_by"], body["email"], body["phone"]

    # A plain member: the guest now visits their group (name, visits), no contact data.
    assert invite(member, coming) == (201, None, None, None)
    # The group's moderator runs the guest list of a group the guest visits.
    later = f.MeetingFactory(group=coming.group, occurrence_date=days(16))
    assert invite(moderator, later) == (201, None, "anna@example.com", "+49 89 555")


def test_page_invitation_of_a_known_guest_shows_no_contact_data(coming, member, registered):
    client = client_for(member)
    form = ANNA | {"meeting": coming.pk, "language": "de"}
    response = client.post("/guests/new/", form)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/guests/{registered.person.code}/",
    )
    page = client.get(response["Location"])
    assert (page.context["may_see_contact"], "+49 89 555" in page.content.decode()) == (
        False,
        False,
    )


# ---------------------------------------------------------------- 3: rate limits


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.7, 203.0.113.9", "198.51.100.7"),
        (2, "203.0.113.9", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.VERBUND_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_finder_limit_counts_the_client_behind_the_proxy(settings):
    settings.VERBUND_TRUSTED_PROXIES = 1
    factory = RequestFactory()

    def sent(client: str) -> bool:
        request = factory.post("/finder/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client)
        return over_rate_limit(request)

    assert [sent("203.0.113.9") for _n in range(6)] == [False] * 5 + [True]
    assert sent("198.51.100.7") is False


def test_page_limit_counts_the_client_behind_the_proxy(settings, group_a, coming):
    settings.VERBUND_TRUSTED_PROXIES = 1
    GuestConsent.objects.create(version=1, text_de="Text", text_en="Text")
    form = ANNA | {"meeting": coming.pk, "consent_version": 1, "consent": "on"}
    client = client_for(None)
    statuses = [
        client.post(
            f"/groups/{group_a.code}/visit/", form, headers={"X-Forwarded-For": address}
        ).status_code
        for address in ["203.0.113.9"] * 6 + ["198.51.100.7"]
    ]
    assert statuses == [200] * 5 + [429, 200]


@pytest.fixture
def database_cache(db):
    """The production cache without Redis: a table, written in the request's transaction."""
    backend = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "verbund_cache_test",
    }
    with override_settings(CACHES={"default": backend}):
        call_command("createcachetable", verbosity=0)
        yield


def test_refused_registrations_count_against_the_limit(database_cache, group_a, coming):
    GuestConsent.objects.create(version=1, text_de="Alt", text_en="Old")
    GuestConsent.objects.create(version=2, text_de="Neu", text_en="New")
    stale = ANNA | {"meeting": coming.pk, "consent_version": 1, "consent": "on"}
    client = client_for(None)
    responses = [client.post(f"/groups/{group_a.code}/visit/", stale) for _n in range(6)]
    assert [r.status_code for r in responses] == [200] * 5 + [429]
    assert list(responses[0].context["form"].errors) == ["consent"]


# ---------------------------------------------------------------- 5: the visit limit


def test_invitations_cannot_stack_up_past_the_limit(coming, group_a, member):
    guest = f.GuestFactory(person__email="anna@example.com", person__user=None)
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-30))
    for n in (2, 3):
        f.GuestVisitFactory(
            guest=guest,
            group=group_a,
            meeting=f.MeetingFactory(group=group_a, occurrence_date=days(n)),
            visited_on=days(n),
            status="expected",
        )
    with pytest.raises(ValidationError) as error:
        services.invite_guest(data=ANNA, meeting=coming, actor=member)
    assert error.value.message_dict == {
        "guest": [
            f"{guest.person} has visited or is expected at 3 meetings; an application is "
            "needed before another invitation."
        ]
    }
    assert guest.visits.count() == 3


def test_no_shows_past_expected_and_cancelled_visits_do_not_count(coming, group_a, member):
    guest = f.GuestFactory(person__email="anna@example.com", person__user=None)
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-30))
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-20), status="no_show")
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-10), status="expected")
    cancelled = f.MeetingFactory(group=group_a, occurrence_date=days(2), is_cancelled=True)
    f.GuestVisitFactory(
        guest=guest, group=group_a, meeting=cancelled, visited_on=days(2), status="expected"
    )
    f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(3), status="expected")
    services.invite_guest(data=ANNA, meeting=coming, actor=member)
    assert guest.visits.count() == 6


def test_vendor_invitation_of_a_candidate_guests_address_is_refused(coming, moderator):
    guest = f.GuestFactory(person__email="anna@example.com", person__user=None)
    with pytest.raises(ValidationError) as error:
        services.invite_vendor_guest(data=ANNA, meeting=coming, title="Neu", actor=moderator)
    assert error.value.message_dict == {
        "email": [
            "This e-mail address belongs to a guest who visits as a possible candidate; a "
            "vendor guest needs an address of their own."
        ]
    }
    assert (guest.visits.count(), Guest.objects.get().kind) == (0, "candidate")


# ---------------------------------------------------------------- 6: a stale consent field


def test_stale_consent_form_carries_the_current_version(group_a, coming):
    GuestConsent.objects.create(version=1, text_de="Alt", text_en="Old")
    GuestConsent.objects.create(version=2, text_de="Neu", text_en="New")
    client = client_for(None)
    page = f"/groups/{group_a.code}/visit/"
    stale = ANNA | {"meeting": coming.pk, "consent_version": 1, "consent": "on"}
    refused = client.post(page, stale)
    form = refused.context["form"]
    with translation.override("de"):
        message = gettext("A newer version of the consent text has been published; please read it.")
    assert (form.errors["consent"], form["consent_version"].value(), form["consent"].value()) == (
        [message],
        2,
        False,
    )
    assert 'name="consent_version" value="2"' in refused.content.decode()
    again = client.post(page, stale | {"consent_version": form["consent_version"].value()})
    assert (again.status_code, "sent" in again.context) == (200, True)


# ---------------------------------------------------------------- 7: the API list's queries


@pytest.mark.parametrize("role", [GroupRoleKind.MODERATOR, GroupRoleKind.SECRETARY])
def test_api_guest_list_queries_do_not_grow_with_the_guests(group_a, member_person, role):
    f.GroupRoleFactory(group=group_a, person=member_person, kind=role)
    client = client_for(member_person.user)

    def queries(count: int) -> tuple[int, list]:
        for n in range(count - Guest.objects.count()):
            guest = f.GuestFactory(person__user=None, person__email=f"g{count}-{n}@example.com")
            f.GuestVisitFactory(guest=guest, group=group_a, visited_on=days(-3 - n))
        client.get(API + "/guests")  # the session's first request
        with CaptureQueriesContext(connection) as captured:
            body = client.get(API + "/guests").json()
        return len(captured), [item["email"] is not None for item in body["items"]]

    one, five = queries(1), queries(5)
    assert (one[0], one[1], five[1]) == (five[0], [True], [True] * 5)


# ---------------------------------------------------------------- 8: applications, consent


def test_a_guest_with_an_open_application_is_not_linked_again(group_a, member, member_person):
    application = ApplicationFactory(company__home_group=group_a)
    guest = f.GuestFactory(person__user=None, application=application)
    with pytest.raises(ValidationError) as error:
        services.submit_application(
            company_data={"name": "Zweite GmbH"},
            home_group=group_a,
            recommended_by=member_person,
            actor=member,
            guest=guest,
        )
    assert error.value.message_dict == {"guest": ["This guest's company has already applied."]}
    guest.refresh_from_db()
    assert guest.application == application
