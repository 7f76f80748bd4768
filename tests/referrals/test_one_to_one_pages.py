"""One-to-ones, the pages: my list, the request form, the detail with its buttons — for the
cast. Only the two people see a one-to-one (404 for everyone else, office and board included)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import ngettext

from tests.api.conftest import de
from tests.conftest import client_for
from tests.referrals.test_one_to_one_services import OneToOneFactory
from verbund.referrals.models import OneToOneMeeting, OneToOneStatus

OTHERS = ["colleague", "member2", "office", "board", "guest"]


@pytest.fixture
def one_to_one(member, moderator):
    return OneToOneFactory(
        requested_by=member.person, partner=moderator.person, message="Über Ihre Kunden"
    )


def _path(one_to_one, step: str = "") -> str:
    return f"/one-to-ones/{one_to_one.code}/" + (f"{step}/" if step else "")


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_the_two_see_it_with_message_and_note(who, cast, one_to_one):
    one_to_one.status = OneToOneStatus.HELD
    one_to_one.held_on = timezone.localdate()
    one_to_one.note = "Sehr hilfreich"
    one_to_one.save()
    response = client_for(cast[who]).get(_path(one_to_one))
    assert response.status_code == 200
    assert "Über Ihre Kunden" in response.content.decode()
    assert "Sehr hilfreich" in response.content.decode()


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_else_sees_it(who, cast, one_to_one):
    client = client_for(cast[who])
    assert client.get(_path(one_to_one)).status_code == 404
    for step in ("answer", "cancel", "held"):
        assert client.post(_path(one_to_one, step), {"accept": "1"}).status_code == 404
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.REQUESTED


def test_anonymous_is_sent_to_log_in(one_to_one):
    response = client_for(None).get(_path(one_to_one))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_buttons_by_the_table_and_the_viewer(member, moderator, one_to_one):
    partner_page = client_for(moderator).get(_path(one_to_one)).content.decode()
    assert 'id="accept"' in partner_page
    assert 'id="decline"' in partner_page
    assert 'id="cancel"' in partner_page
    assert 'id="held-form"' not in partner_page
    requester_page = client_for(member).get(_path(one_to_one)).content.decode()
    assert 'id="accept"' not in requester_page
    assert 'id="cancel"' in requester_page
    one_to_one.status = OneToOneStatus.ACCEPTED
    one_to_one.save()
    accepted_page = client_for(member).get(_path(one_to_one)).content.decode()
    assert 'id="held-form"' in accepted_page
    assert 'id="cancel"' in accepted_page
    one_to_one.status = OneToOneStatus.DECLINED
    one_to_one.save()
    closed_page = client_for(moderator).get(_path(one_to_one)).content.decode()
    assert 'id="actions"' not in closed_page
    assert 'id="held-form"' not in closed_page


def test_partner_accepts_then_requester_records_it_held(member, moderator, one_to_one):
    response = client_for(moderator).post(_path(one_to_one, "answer"), {"accept": "1"})
    assert response.status_code == 302
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.ACCEPTED
    day = timezone.localdate() - datetime.timedelta(days=1)
    response = client_for(member).post(
        _path(one_to_one, "held"), {"held_on": day.isoformat(), "note": "Zwei Tipps"}
    )
    assert response.status_code == 302
    one_to_one.refresh_from_db()
    assert (one_to_one.status, one_to_one.held_on, one_to_one.note) == ("held", day, "Zwei Tipps")


def test_requester_may_not_answer(member, one_to_one):
    response = client_for(member).post(_path(one_to_one, "answer"), {"accept": "1"})
    assert response.status_code == 403
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.REQUESTED


def test_refused_step_shows_the_message(moderator, one_to_one):
    one_to_one.status = OneToOneStatus.CANCELLED
    one_to_one.save()
    response = client_for(moderator).post(_path(one_to_one, "answer"), {"accept": "0"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        de("A one-to-one that is %(status)s cannot become %(new)s.")
        % {"status": de("Cancelled"), "new": de("Declined")}
    ]
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.CANCELLED


def test_held_in_the_future_is_refused_on_the_form(member, one_to_one):
    one_to_one.status = OneToOneStatus.ACCEPTED
    one_to_one.save()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(member).post(_path(one_to_one, "held"), {"held_on": tomorrow})
    assert response.status_code == 200
    assert response.context["held_form"].errors["held_on"] == [
        de("A one-to-one cannot be held in the future.")
    ]
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.ACCEPTED


def test_request_form_with_a_person_preselected(
    member, moderator, colleague, django_capture_on_commit_callbacks
):
    client = client_for(member)
    response = client.get(f"/one-to-ones/new/?with={moderator.person.code}")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["partner"].value() == moderator.person.code
    # Colleagues are not offered: they need no one-to-one.
    assert colleague.person not in form.fields["partner"].queryset
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/one-to-ones/new/", {"partner": moderator.person.code, "message": "Kaffee?"}
        )
    created = OneToOneMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/one-to-ones/{created.code}/"
    assert (created.requested_by, created.partner) == (member.person, moderator.person)
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]


def test_duplicate_request_shows_the_message(member, moderator, one_to_one):
    response = client_for(member).post("/one-to-ones/new/", {"partner": moderator.person.code})
    assert response.status_code == 200
    assert response.context["form"].errors["partner"] == [
        de("You already have an open one-to-one with %(person)s.") % {"person": "Stefan Eich"}
    ]
    assert OneToOneMeeting.objects.count() == 1


@pytest.mark.parametrize("who", ["office", "guest"])
def test_list_and_form_are_for_members(who, cast):
    assert client_for(cast[who]).get("/one-to-ones/").status_code == 403
    assert client_for(cast[who]).get("/one-to-ones/new/").status_code == 403


def test_my_list_in_its_order_with_the_held_count(member, moderator, member2, board):
    today = timezone.localdate()
    to_answer = OneToOneFactory(requested_by=moderator.person, partner=member.person)
    upcoming = OneToOneFactory(
        requested_by=member.person, partner=member2.person, status=OneToOneStatus.ACCEPTED
    )
    held = [
        OneToOneFactory(
            requested_by=board.person,
            partner=member.person,
            status=OneToOneStatus.HELD,
            held_on=today - datetime.timedelta(days=days),
        )
        for days in (5, 300)
    ]
    OneToOneFactory(requested_by=moderator.person, partner=member2.person)  # not hers
    response = client_for(member).get("/one-to-ones/")
    assert response.status_code == 200
    context = response.context
    assert list(context["to_answer"]) == [to_answer]
    assert list(context["upcoming"]) == [upcoming]
    assert list(context["held"]) == held
    assert context["held_count"] == 1
    page = response.content.decode()
    count = ngettext(
        "You had %(count)s one-to-one in the last %(months)s months.",
        "You had %(count)s one-to-ones in the last %(months)s months.",
        1,
    ) % {"count": 1, "months": 6}
    assert count in page
    assert page.index('id="to-answer"') < page.index('id="upcoming"') < page.index('id="held"')


def test_person_page_offers_a_one_to_one_to_members(member, moderator, colleague, office):
    page = client_for(member).get(f"/people/{moderator.person.code}/").content.decode()
    assert f"/one-to-ones/new/?with={moderator.person.code}" in page
    colleague_page = client_for(member).get(f"/people/{colleague.person.code}/").content.decode()
    assert 'id="request-one-to-one"' not in colleague_page
    office_view = client_for(office).get(f"/people/{moderator.person.code}/").content.decode()
    assert 'id="request-one-to-one"' not in office_view
