"""The moderator's agenda and the secretary's minutes, decisions and action items."""

import datetime

import pytest
from django.core import mail

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, items, text
from verbund.meetings.models import ActionItem, AgendaItem, Decision
from verbund.network.models import GroupRoleKind


@pytest.fixture
def meeting(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2025, 3, 7))


@pytest.fixture
def secretary(group_a, company_a):
    person = f.PersonFactory(
        company=company_a,
        user=f.UserFactory(email="secretary@example.org"),
        first_name="Sabine",
        last_name="Schrift",
    )
    f.GroupMembershipFactory(group=group_a, person=person)
    f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.SECRETARY)
    return person.user


def _agenda(meeting) -> list[tuple[int, str]]:
    return list(meeting.agenda.order_by("position").values_list("position", "title"))


def _item(meeting, position, title, **extra):
    return f.AgendaItemFactory(
        meeting=meeting, position=position, title=title, kind="exchange", speaker_name="", **extra
    )


# ---------------------------------------------------------------- agenda: add


def _talk(**extra):
    return {"agenda-kind": "talk", "agenda-title": "Produkt-Marketing", **extra}


def test_agenda_add_moderator_adds_a_talk_by_a_member(cast, meeting, member_person):
    url = f"/meetings/{meeting.code}/agenda/"
    response = client_for(cast["moderator"]).post(
        url, _talk(**{"agenda-speaker": member_person.pk, "agenda-duration_minutes": "20"})
    )
    assert (response.status_code, response["Location"]) == (
        302,
        f"/meetings/{meeting.code}/#agenda",
    )
    item = AgendaItem.objects.get()
    assert (item.position, item.kind, item.title, item.speaker, item.duration_minutes) == (
        1,
        "talk",
        "Produkt-Marketing",
        member_person,
        20,
    )


def test_agenda_add_with_htmx_returns_the_agenda_only(cast, meeting):
    _item(meeting, 1, "Begrüßung")
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/agenda/",
        _talk(**{"agenda-speaker_name": "Herr Vogel (Hersteller)", "agenda-kind": "vendor"}),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert (body.lstrip().startswith('<section class="mb-4" id="agenda"'), "<html" in body) == (
        True,
        False,
    )
    assert items(response, "agenda-items")[1] == (
        f"Produkt-Marketing {de('Vendor guest slot')} · Herr Vogel (Hersteller) "
        f"{de('Move up')} {de('Remove')}"
    )
    assert _agenda(meeting) == [(1, "Begrüßung"), (2, "Produkt-Marketing")]


def test_agenda_add_talk_without_speaker_is_refused(cast, meeting):
    response = client_for(cast["moderator"]).post(f"/meetings/{meeting.code}/agenda/", _talk())
    assert (response.status_code, text(response, "id_agenda-speaker_error")) == (
        200,
        de("A talk needs a speaker."),
    )
    assert (AgendaItem.objects.count(), element(response, "agenda-add").attrs.get("open")) == (
        0,
        "",
    )


def test_agenda_add_without_title_is_refused(cast, meeting):
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/agenda/",
        {"agenda-kind": "exchange", "agenda-title": ""},
        headers={"HX-Request": "true"},
    )
    assert (response.status_code, text(response, "id_agenda-title_error")) == (
        200,
        de("This field is required."),
    )
    assert AgendaItem.objects.count() == 0


def test_agenda_add_speaker_from_another_group_is_refused(cast, meeting):
    other = cast["member2"].person
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/agenda/", _talk(**{"agenda-speaker": other.pk})
    )
    assert text(response, "id_agenda-speaker_error") == de(
        "Select a valid choice. That choice is not one of the available choices."
    )
    assert AgendaItem.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "office"])
def test_agenda_add_without_permission_is_forbidden(cast, meeting, who):
    response = client_for(cast[who]).post(
        f"/meetings/{meeting.code}/agenda/", _talk(**{"agenda-speaker_name": "X"})
    )
    assert (response.status_code, AgendaItem.objects.count()) == (403, 0)


def test_agenda_add_secretary_is_forbidden(secretary, meeting):
    response = client_for(secretary).post(
        f"/meetings/{meeting.code}/agenda/", _talk(**{"agenda-speaker_name": "X"})
    )
    assert (response.status_code, AgendaItem.objects.count()) == (403, 0)


def test_agenda_add_other_group_gets_404(cast, meeting):
    response = client_for(cast["member2"]).post(
        f"/meetings/{meeting.code}/agenda/", _talk(**{"agenda-speaker_name": "X"})
    )
    assert (response.status_code, AgendaItem.objects.count()) == (404, 0)


def test_agenda_add_anonymous_goes_to_login(meeting):
    response = client_for(None).post(f"/meetings/{meeting.code}/agenda/", _talk())
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/meetings/{meeting.code}/agenda/",
    )


# ---------------------------------------------------------------- agenda: remove, move


def test_agenda_remove_closes_the_gap(cast, meeting):
    _item(meeting, 1, "Begrüßung")
    middle = _item(meeting, 2, "Vortrag")
    _item(meeting, 3, "Austausch")
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/agenda/{middle.pk}/remove/", headers={"HX-Request": "true"}
    )
    assert [
        item.find_all("span")[0].text() for item in element(response, "agenda-items").find_all("li")
    ] == ["Begrüßung", "Austausch"]
    assert _agenda(meeting) == [(1, "Begrüßung"), (2, "Austausch")]


def test_agenda_remove_item_of_another_meeting_gets_404(cast, meeting, group_a):
    other = f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2025, 3, 21))
    item = _item(other, 1, "Fremd")
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/agenda/{item.pk}/remove/"
    )
    assert (response.status_code, _agenda(other)) == (404, [(1, "Fremd")])


def test_agenda_remove_member_is_forbidden(cast, meeting):
    item = _item(meeting, 1, "Begrüßung")
    response = client_for(cast["member"]).post(f"/meetings/{meeting.code}/agenda/{item.pk}/remove/")
    assert (response.status_code, _agenda(meeting)) == (403, [(1, "Begrüßung")])


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("up", [(1, "Vortrag"), (2, "Begrüßung"), (3, "Austausch")]),
        ("down", [(1, "Begrüßung"), (2, "Austausch"), (3, "Vortrag")]),
    ],
)
def test_agenda_move_swaps_neighbours(cast, meeting, direction, expected):
    _item(meeting, 1, "Begrüßung")
    middle = _item(meeting, 2, "Vortrag")
    _item(meeting, 3, "Austausch")
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/agenda/{middle.pk}/move/", {"direction": direction}
    )
    assert (response.status_code, _agenda(meeting)) == (302, expected)


def test_agenda_move_without_direction_is_refused(cast, meeting):
    _item(meeting, 1, "Begrüßung")
    item = _item(meeting, 2, "Vortrag")
    client = client_for(cast["moderator"])
    response = client.post(
        f"/meetings/{meeting.code}/agenda/{item.pk}/move/", {"direction": "sideways"}, follow=True
    )
    assert (element(response, "main").find_all("div")[0].text(), _agenda(meeting)) == (
        de("Please move the item up or down."),
        [(1, "Begrüßung"), (2, "Vortrag")],
    )


def test_agenda_move_other_group_gets_404(cast, meeting):
    item = _item(meeting, 1, "Begrüßung")
    response = client_for(cast["member2"]).post(
        f"/meetings/{meeting.code}/agenda/{item.pk}/move/", {"direction": "down"}
    )
    assert response.status_code == 404
    assert _agenda(meeting) == [(1, "Begrüßung")]


# ---------------------------------------------------------------- minutes text and decisions


def test_minutes_secretary_writes_the_text(secretary, meeting):
    response = client_for(secretary).post(
        f"/meetings/{meeting.code}/minutes/",
        {"action": "minutes", "minutes": "Begrüßung.\nVortrag."},
        follow=True,
    )
    meeting.refresh_from_db()
    assert (meeting.minutes, text(response, "minutes-text")) == (
        "Begrüßung.\nVortrag.",
        "Begrüßung. Vortrag.",
    )


def test_minutes_moderator_records_a_decision(cast, meeting):
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/minutes/",
        {"action": "decision", "decision-text": "Sommerfest im Juli."},
        follow=True,
    )
    assert (
        items(response, "decisions"),
        list(Decision.objects.values_list("text", flat=True)),
    ) == (
        ["Sommerfest im Juli."],
        ["Sommerfest im Juli."],
    )


def test_minutes_blank_decision_is_refused(cast, meeting):
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/minutes/", {"action": "decision", "decision-text": "   "}
    )
    assert (response.status_code, text(response, "id_decision-text_error")) == (
        200,
        de("This field is required."),
    )
    assert (Decision.objects.count(), element(response, "decision-add").attrs.get("open")) == (
        0,
        "",
    )


def test_minutes_unknown_action_changes_nothing(cast, meeting):
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/minutes/", {"action": "delete_all", "minutes": "x"}, follow=True
    )
    meeting.refresh_from_db()
    assert (
        element(response, "main").find_all("div")[0].text(),
        meeting.minutes,
    ) == (de("Please use one of the forms of the minutes."), "")


@pytest.mark.parametrize("who", ["member", "office"])
def test_minutes_without_permission_is_forbidden(cast, meeting, who):
    response = client_for(cast[who]).post(
        f"/meetings/{meeting.code}/minutes/", {"action": "minutes", "minutes": "Geheim"}
    )
    meeting.refresh_from_db()
    assert (response.status_code, meeting.minutes) == (403, "")


def test_minutes_other_group_gets_404(cast, meeting):
    response = client_for(cast["member2"]).post(
        f"/meetings/{meeting.code}/minutes/", {"action": "minutes", "minutes": "Geheim"}
    )
    meeting.refresh_from_db()
    assert (response.status_code, meeting.minutes) == (404, "")


def test_minutes_anonymous_goes_to_login(meeting):
    response = client_for(None).post(f"/meetings/{meeting.code}/minutes/", {"action": "minutes"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/meetings/{meeting.code}/minutes/",
    )


# ---------------------------------------------------------------- action items


def _action(**extra):
    return {"action": "action_item", "action-title": "Ansprechpartner klären", **extra}


def test_action_item_external_owner_is_recorded(cast, meeting):
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/minutes/",
        _action(**{"action-owner_name": "Herr Vogel (Hersteller)", "action-due_on": "2025-03-21"}),
        follow=True,
    )
    item = ActionItem.objects.get()
    assert (item.title, item.owner, item.owner_name, item.due_on, item.group) == (
        "Ansprechpartner klären",
        None,
        "Herr Vogel (Hersteller)",
        datetime.date(2025, 3, 21),
        meeting.group,
    )
    assert items(response, "action-items") == [
        f"Ansprechpartner klären {de('Open')} Herr Vogel (Hersteller) · "
        + de("due %(date)s") % {"date": "21.03.2025"}
        + " "
        + " ".join(de("Mark as %(label)s") % {"label": de(label)} for label in ("Done", "Dropped"))
    ]
    assert mail.outbox == []


def test_action_item_member_owner_gets_a_mail(
    secretary, meeting, member_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(secretary).post(
            f"/meetings/{meeting.code}/minutes/", _action(**{"action-owner": member_person.pk})
        )
    assert (ActionItem.objects.get().owner, [m.to for m in mail.outbox]) == (
        member_person,
        [["member@example.org"]],
    )


def test_action_item_without_owner_is_refused(cast, meeting):
    response = client_for(cast["moderator"]).post(f"/meetings/{meeting.code}/minutes/", _action())
    assert (response.status_code, text(response, "id_action-owner_error")) == (
        200,
        de("Please name who takes care of it."),
    )
    assert (ActionItem.objects.count(), mail.outbox) == (0, [])


def test_action_item_bad_due_date_is_refused(cast, meeting):
    response = client_for(cast["moderator"]).post(
        f"/meetings/{meeting.code}/minutes/",
        _action(**{"action-owner_name": "Herr Vogel", "action-due_on": "morgen"}),
    )
    assert (text(response, "id_action-due_on_error"), ActionItem.objects.count()) == (
        de("Enter a valid date."),
        0,
    )


# ---------------------------------------------------------------- action item status


def _status_url(item) -> str:
    return f"/action-items/{item.code}/status/"


def test_action_item_status_done_from_a_later_meeting(cast, meeting, group_a):
    item = f.ActionItemFactory(meeting=meeting, title="Messestand buchen")
    later = f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2025, 3, 21))
    response = client_for(cast["moderator"]).post(
        _status_url(item), {"status": "done", "back": later.code}
    )
    item.refresh_from_db()
    assert (response["Location"], item.status) == (f"/meetings/{later.code}/#action-items", "done")


def test_action_item_status_back_to_an_invisible_meeting_goes_to_its_own(
    secretary, meeting, group_b
):
    item = f.ActionItemFactory(meeting=meeting)
    elsewhere = f.MeetingFactory(group=group_b)
    response = client_for(secretary).post(
        _status_url(item), {"status": "dropped", "back": elsewhere.code}
    )
    item.refresh_from_db()
    assert (response["Location"], item.status) == (
        f"/meetings/{meeting.code}/#action-items",
        "dropped",
    )


def test_action_item_status_unknown_is_refused(cast, meeting):
    item = f.ActionItemFactory(meeting=meeting)
    response = client_for(cast["moderator"]).post(
        _status_url(item), {"status": "forgotten"}, follow=True
    )
    item.refresh_from_db()
    assert (element(response, "main").find_all("div")[0].text(), item.status) == (
        de("Select a valid choice. %(value)s is not one of the available choices.")
        % {"value": "forgotten"},
        "open",
    )


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("office", 403), ("member2", 404)])
def test_action_item_status_others_may_not(cast, meeting, who, status):
    item = f.ActionItemFactory(meeting=meeting)
    response = client_for(cast[who]).post(_status_url(item), {"status": "done"})
    item.refresh_from_db()
    assert (response.status_code, item.status) == (status, "open")


def test_action_item_status_anonymous_goes_to_login(meeting):
    item = f.ActionItemFactory(meeting=meeting)
    response = client_for(None).post(_status_url(item), {"status": "done"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/action-items/{item.code}/status/",
    )
