"""Races on PostgreSQL: two invitations of one new e-mail address at once, two publications
of the guests' consent text at once."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.races.concurrency import postgres_only, run_concurrently
from verbund.admissions import services
from verbund.admissions.models import Guest, GuestConsent
from verbund.members.models import Person

pytestmark = postgres_only

ANNA = {
    "first_name": "Anna",
    "last_name": "Gast",
    "email": "anna.gast@example.com",
    "phone": "",
    "company_name": "Gast IT GmbH",
}


@pytest.mark.django_db(transaction=True)
def test_two_invitations_of_one_new_address_make_one_guest():
    f.NetworkFactory()
    group = f.GroupFactory()
    inviters = [f.PersonFactory(company__home_group=group) for _n in range(2)]
    for person in inviters:
        f.GroupMembershipFactory(group=group, person=person)
    meetings = [
        f.MeetingFactory(group=group, occurrence_date=timezone.localdate() + datetime.timedelta(n))
        for n in (7, 14)
    ]
    outcomes = run_concurrently(
        *(
            lambda person=person, meeting=meeting: services.invite_guest(
                data=ANNA, meeting=meeting, actor=person.user, mail=False
            )
            for person, meeting in zip(inviters, meetings, strict=True)
        )
    )
    guest = Guest.objects.get()
    assert (outcomes, Person.objects.filter(email=ANNA["email"]).count()) == (["ok", "ok"], 1)
    # Whoever came first is credited; the other's invitation adds a visit.
    assert (guest.visits.count(), guest.invited_by in inviters) == (2, True)


@pytest.mark.django_db(transaction=True)
def test_two_publications_at_once_take_the_next_two_versions():
    f.NetworkFactory()
    outcomes = run_concurrently(
        *(
            lambda text=text: services.publish_consent(text_de=text, text_en=text, actor=None)
            for text in ("Erste", "Zweite")
        )
    )
    versions = sorted(GuestConsent.objects.values_list("version", flat=True))
    assert (outcomes, versions) == (["ok", "ok"], [1, 2])
