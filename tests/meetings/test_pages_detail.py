"""The meeting page: agenda, carried-over action items, RSVP, register summary, minutes."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, definitions, element, items, text
from verbund.meetings.models import Rsvp

SLOT = "07:30\u201309:30"


def _meeting(group, start, **extra):
    """A two-hour meeting starting at `start` (aware)."""
    start = start.replace(second=0, microsecond=0)
    return f.MeetingFactory(
        group=group,
        occurrence_date=timezone.localdate(start),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        **extra,
    )


@pytest.fixture
def soon_a(group_a):
    """A meeting of group A in two days: still open for answers."""
    return _meeting(group_a, timezone.now() + datetime.timedelta(days=2))


@pytest.fixture
def fixed_a(group_a, member_person, moderator):
    """Meeting of 2025-03-07 with an agenda, minutes, a decision and action items, and an
    open action item from the meeting before it."""
    earlier = f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2025, 2, 21))
    f.ActionItemFactory(
        meeting=earlier, title="Messestand buchen", owner=member_person, due_on=None
    )
    f.ActionItemFactory(meeting=earlier, title="Erledigt", status="done")
    meeting = f.MeetingFactory(
        group=group_a,
        occurrence_date=datetime.date(2025, 3, 7),
        minutes="Begrüßung durch den Moderator.",
    )
    f.AgendaItemFactory(
        meeting=meeting, position=2, title="Offener Austausch", kind="exchange", speaker_name=""
    )
    f.AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Produkt-Marketing",
        speaker=moderator.person,
        duration_minutes=20,
    )
    meeting.decisions.create(text="Das Sommerfest findet im Juli statt.")
    f.ActionItemFactory(
        meeting=meeting,
        title="Ansprechpartner klären",
        owner_name="Partnermanager (Gast)",
        due_on=datetime.date(2025, 3, 21),
    )
    f.AttendanceRecordFactory(meeting=meeting, person=member_person, status="present")
    f.AttendanceRecordFactory(meeting=meeting, person=moderator.person, status="late")
    return meeting


def _titles(response, list_id) -> list[str]:
    """The first line (the title) of each item of a list."""
    return [item.find_all("span")[0].text() for item in element(response, list_id).find_all("li")]


def _url(meeting) -> str:
    return f"/meetings/{meeting.code}/"


AGENDA = [
    f"Produkt-Marketing {de('Talk')} · Stefan Eich · 20 {de('minutes')}",
    f"Offener Austausch {de('Open exchange')}",
]


def test_meeting_detail_member_sees_agenda_minutes_and_summary(cast, fixed_a):
    response = client_for(cast["member"]).get(_url(fixed_a))
    assert (text(response, "meeting-title"), text(response, "meeting-when")) == (
        "Unternehmerfrühstück",
        f"Fr, 07.03.2025, {SLOT}",
    )
    assert items(response, "agenda-items") == AGENDA
    assert items(response, "carried-over-items") == [
        f"Messestand buchen {de('Open')} Maria Huber · "
        + de("from %(date)s") % {"date": "21.02.2025"}
    ]
    assert text(response, "minutes-text") == "Begrüßung durch den Moderator."
    assert items(response, "decisions") == ["Das Sommerfest findet im Juli statt."]
    assert items(response, "action-items") == [
        f"Ansprechpartner klären {de('Open')} Partnermanager (Gast) · "
        + de("due %(date)s") % {"date": "21.03.2025"}
    ]
    assert definitions(response, "register-summary") == {
        de("Present"): "1",
        de("Late"): "1",
        de("Absent"): "0",
        de("Excused"): "0",
        de("Substitute"): "0",
    }


def test_meeting_detail_member_has_no_moderator_controls(cast, fixed_a):
    response = client_for(cast["member"]).get(_url(fixed_a))
    assert [
        element(response, name)
        for name in ("agenda-add", "minutes-edit", "decision-add", "action-item-add")
    ] == [None, None, None, None]
    assert (element(response, "register-link"), element(response, "checkin-link")) == (None, None)
    assert element(response, "carried-over-items").find_all("form") == []


def test_meeting_detail_moderator_has_controls(cast, fixed_a):
    response = client_for(cast["moderator"]).get(_url(fixed_a))
    assert [
        element(response, name) is not None
        for name in ("agenda-add", "minutes-edit", "decision-add", "action-item-add")
    ] == [True, True, True, True]
    assert element(response, "register-link").attrs["href"] == f"/meetings/{fixed_a.code}/register/"
    first, second = element(response, "agenda-items").find_all("li")
    assert [button.text() for button in first.find_all("button")] == [
        de("Move down"),
        de("Remove"),
    ]
    assert [button.text() for button in second.find_all("button")] == [
        de("Move up"),
        de("Remove"),
    ]
    carried = element(response, "carried-over-items").find_all("button")
    assert [b.attrs["value"] for b in carried] == ["done", "dropped"]


def test_meeting_detail_office_sees_minutes_but_no_answer_or_register(cast, fixed_a):
    response = client_for(cast["office"]).get(_url(fixed_a))
    assert (items(response, "decisions"), element(response, "rsvp")) == (
        ["Das Sommerfest findet im Juli statt."],
        None,
    )
    assert (element(response, "register-link"), element(response, "agenda-add")) == (None, None)


def test_meeting_detail_guest_of_the_meeting_sees_agenda_only(cast, fixed_a):
    visit = cast["guest"].person.guest.visits.get()
    visit.meeting = fixed_a
    visit.save()
    response = client_for(cast["guest"]).get(_url(fixed_a))
    assert items(response, "agenda-items") == AGENDA
    assert [element(response, name) for name in ("minutes", "carried-over", "rsvp")] == [
        None,
        None,
        None,
    ]
    assert "Sommerfest" not in response.content.decode()


def test_meeting_detail_guest_of_another_meeting_gets_404(cast, fixed_a):
    response = client_for(cast["guest"]).get(_url(fixed_a))
    assert (response.status_code, "Sommerfest" in response.content.decode()) == (404, False)


@pytest.mark.parametrize("who", ["member2", "board"])
def test_meeting_detail_other_group_gets_404(cast, fixed_a, who):
    response = client_for(cast[who]).get(_url(fixed_a))
    assert (response.status_code, "Sommerfest" in response.content.decode()) == (404, False)


def test_meeting_detail_anonymous_goes_to_login(fixed_a):
    response = client_for(None).get(_url(fixed_a))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/meetings/{fixed_a.code}/",
    )


def test_meeting_detail_cancelled_meeting_says_so(cast, group_a):
    meeting = _meeting(
        group_a,
        timezone.now() + datetime.timedelta(days=3),
        is_cancelled=True,
        cancel_reason="Der Saal ist belegt.",
    )
    response = client_for(cast["member"]).get(_url(meeting))
    assert (text(response, "cancelled"), text(response, "rsvp-closed")) == (
        de("This meeting is cancelled.") + " Der Saal ist belegt.",
        de("This meeting takes no more answers."),
    )


def test_meeting_detail_empty_sections_say_so(cast, soon_a):
    response = client_for(cast["member"]).get(_url(soon_a))
    assert [
        text(response, name)
        for name in ("no-agenda", "no-carried-over", "no-minutes", "no-decisions")
    ] == [
        de("No agenda yet."),
        de("No open action items from earlier meetings."),
        de("No minutes yet."),
        de("No decisions recorded."),
    ]


@pytest.mark.parametrize("size", [1, 3])
def test_meeting_detail_query_count_is_constant(
    moderator, member_person, group_a, size, django_assert_num_queries
):
    earlier = f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2025, 2, 21))
    meeting = f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2025, 3, 7))
    for number in range(size):
        f.AgendaItemFactory(meeting=meeting, title=f"Vortrag {number}", speaker=member_person)
        f.ActionItemFactory(meeting=meeting, title=f"Aufgabe {number}", owner=member_person)
        f.ActionItemFactory(meeting=earlier, title=f"Alt {number}", owner=member_person)
        meeting.decisions.create(text=f"Beschluss {number}")
    client = client_for(moderator)
    with django_assert_num_queries(16):
        response = client.get(_url(meeting))
    numbers = range(size)
    assert _titles(response, "agenda-items") == [f"Vortrag {n}" for n in numbers]
    assert _titles(response, "action-items") == [f"Aufgabe {n}" for n in numbers]
    assert _titles(response, "carried-over-items") == [f"Alt {n}" for n in numbers]
    assert items(response, "decisions") == [f"Beschluss {number}" for number in range(size)]


# ---------------------------------------------------------------- RSVP


def test_rsvp_member_says_yes(cast, soon_a, member_person):
    response = client_for(cast["member"]).post(f"/meetings/{soon_a.code}/rsvp/", {"answer": "yes"})
    assert (response.status_code, response["Location"]) == (302, _url(soon_a))
    rsvp = Rsvp.objects.get(meeting=soon_a)
    assert (rsvp.person, rsvp.answer, rsvp.note) == (member_person, "yes", "")


def test_rsvp_member_sends_apologies_with_a_note(cast, soon_a):
    client = client_for(cast["member"])
    client.post(f"/meetings/{soon_a.code}/rsvp/", {"answer": "no", "note": "Kundentermin"})
    response = client.get(_url(soon_a))
    assert text(response, "my-answer") == de("I send my apologies") + " (Kundentermin)"
    listed = element(client.get(f"/groups/{soon_a.group.code}/meetings/"), "upcoming")
    badges = [span.text() for span in listed.find_all("span") if "badge" in span.attrs["class"]]
    assert badges == [de("You sent apologies")]


def test_rsvp_changes_an_earlier_answer(cast, soon_a, member_person):
    f.RsvpFactory(meeting=soon_a, person=member_person, answer="no", note="krank")
    client_for(cast["member"]).post(f"/meetings/{soon_a.code}/rsvp/", {"answer": "yes"})
    assert list(Rsvp.objects.values_list("answer", "note")) == [("yes", "")]


def test_rsvp_after_the_start_is_refused(cast, group_a):
    started = _meeting(group_a, timezone.now() - datetime.timedelta(minutes=10))
    response = client_for(cast["member"]).post(f"/meetings/{started.code}/rsvp/", {"answer": "no"})
    assert (response.status_code, text(response, "rsvp")) == (
        200,
        " ".join(
            [
                de("Your answer"),
                de("You have not answered yet."),
                de("This meeting takes no more answers."),
            ]
        ),
    )
    assert Rsvp.objects.count() == 0


def test_rsvp_unknown_answer_is_refused(cast, soon_a):
    response = client_for(cast["member"]).post(
        f"/meetings/{soon_a.code}/rsvp/", {"answer": "maybe"}
    )
    errors = [
        div.text()
        for div in element(response, "rsvp").find_all("div")
        if "alert" in div.attrs.get("class", "")
    ]
    assert (response.status_code, errors, Rsvp.objects.count()) == (
        200,
        [
            de("Select a valid choice. %(value)s is not one of the available choices.")
            % {"value": "maybe"}
        ],
        0,
    )


def test_rsvp_office_is_forbidden(cast, soon_a):
    response = client_for(cast["office"]).post(f"/meetings/{soon_a.code}/rsvp/", {"answer": "yes"})
    assert (response.status_code, Rsvp.objects.count()) == (403, 0)


def test_rsvp_other_group_gets_404(cast, soon_a):
    response = client_for(cast["member2"]).post(f"/meetings/{soon_a.code}/rsvp/", {"answer": "yes"})
    assert (response.status_code, Rsvp.objects.count()) == (404, 0)


def test_rsvp_anonymous_goes_to_login(soon_a):
    response = client_for(None).post(f"/meetings/{soon_a.code}/rsvp/", {"answer": "yes"})
    assert (response.status_code, response["Location"], Rsvp.objects.count()) == (
        302,
        f"/accounts/login/?next=/meetings/{soon_a.code}/rsvp/",
        0,
    )


def test_rsvp_get_is_not_allowed(cast, soon_a):
    response = client_for(cast["member"]).get(f"/meetings/{soon_a.code}/rsvp/")
    assert (response.status_code, Rsvp.objects.count()) == (405, 0)
