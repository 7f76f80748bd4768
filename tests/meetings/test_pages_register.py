"""The phone register: one tap per person, completing and reopening, for the whole cast."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, de_plural, definitions, element, items, parse, text
from verbund.common.models import AuditEntry
from verbund.meetings.models import AttendanceNotice, AttendanceRecord, RegisterState
from verbund.network.models import GroupRoleKind

STATUS_LABELS = ["Present", "Late", "Absent", "Excused", "Substitute"]


def _meeting(group, start, **extra):
    start = start.replace(second=0, microsecond=0)
    return f.MeetingFactory(
        group=group,
        occurrence_date=timezone.localdate(start),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        **extra,
    )


@pytest.fixture
def running(group_a):
    """Group A's meeting, begun an hour ago."""
    return _meeting(group_a, timezone.now() - datetime.timedelta(hours=1))


@pytest.fixture
def soon(group_a):
    return _meeting(group_a, timezone.now() + datetime.timedelta(days=1))


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


def _url(meeting, tail="register/") -> str:
    return f"/meetings/{meeting.code}/{tail}"


def _records(meeting) -> list[tuple[str, str, str]]:
    return list(
        AttendanceRecord.objects.filter(meeting=meeting)
        .order_by("person__last_name", "person__first_name")
        .values_list("person__last_name", "status", "substitute_name")
    )


def _pressed(response, person) -> list[str]:
    """The labels of the row's pressed status buttons."""
    row = parse(response).by_id(f"person-{person.code}")
    return [b.text() for b in row.find_all("button") if b.attrs.get("aria-pressed") == "true"]


BUTTONS = " ".join(de(label) for label in STATUS_LABELS)


# ---------------------------------------------------------------- the page


def test_register_moderator_sees_everyone_with_apologies(cast, running, member_person):
    f.RsvpFactory(meeting=running, person=member_person, answer="no", note="Kundentermin")
    response = client_for(cast["moderator"]).get(_url(running))
    assert items(response, "register") == [
        f"Eich, Stefan Isar Netzwerke GmbH {BUTTONS}",
        f"Huber, Klaus Alpen IT Service GmbH {BUTTONS}",
        f"Huber, Maria Alpen IT Service GmbH {de('Apologies')}: Kundentermin {BUTTONS}",
    ]
    assert (text(response, "register-state"), text(response, "apology-count")) == (
        de("Draft"),
        de("%(count)s apology received.") % {"count": 1},
    )


def test_register_secretary_sees_the_register(cast, secretary, running):
    response = client_for(secretary).get(_url(running))
    names = [span.text() for span in element(response, "register").find_all("span")]
    assert names[::2] == ["Eich, Stefan", "Huber, Klaus", "Huber, Maria", "Schrift, Sabine"]


@pytest.mark.parametrize("who", ["member", "office"])
def test_register_who_may_see_the_meeting_is_forbidden(cast, running, who):
    response = client_for(cast[who]).get(_url(running))
    assert (response.status_code, element(response, "register")) == (403, None)


@pytest.mark.parametrize("who", ["member2", "board", "guest"])
def test_register_other_group_gets_404(cast, running, who):
    response = client_for(cast[who]).get(_url(running))
    assert (response.status_code, "Huber" in response.content.decode()) == (404, False)


def test_register_anonymous_goes_to_login(running):
    response = client_for(None).get(_url(running))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/meetings/{running.code}/register/",
    )


@pytest.mark.parametrize("size", [1, 3])
def test_register_query_count_is_constant(moderator, group_a, size, django_assert_num_queries):
    meeting = _meeting(group_a, timezone.now() - datetime.timedelta(minutes=30))
    for number in range(size):
        person = f.PersonFactory(
            company=f.CompanyFactory(name=f"Firma {number}", home_group=group_a),
            first_name="Anna",
            last_name=f"Zeh{number}",
        )
        f.GroupMembershipFactory(group=group_a, person=person)
        f.AttendanceRecordFactory(meeting=meeting, person=person, status="late")
        f.RsvpFactory(meeting=meeting, person=person, answer="no", note=f"Grund {number}")
    client = client_for(moderator)
    # 12: the guests expected at the meeting are one query more (admissions).
    with django_assert_num_queries(12):
        response = client.get(_url(meeting))
    assert items(response, "register")[1:] == [
        f"Zeh{number}, Anna Firma {number} {de('Apologies')}: Grund {number} {BUTTONS}"
        for number in range(size)
    ]
    people = [record.person for record in meeting.attendance.order_by("person__last_name")]
    assert [_pressed(response, person) for person in people] == [[de("Late")]] * size


# ---------------------------------------------------------------- one tap


def test_record_with_htmx_swaps_only_the_row(cast, running, member_person):
    response = client_for(cast["moderator"]).post(
        _url(running, f"register/{member_person.code}/"),
        {"status": "late"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert (
        body.lstrip().startswith(f'<li class="list-group-item" id="person-{member_person.code}"'),
        "<html" in body,
    ) == (True, False)
    assert (_pressed(response, member_person), _records(running)) == (
        [de("Late")],
        [("Huber", "late", "")],
    )


def test_record_without_htmx_goes_back_to_the_row(cast, running, member_person):
    client = client_for(cast["moderator"])
    response = client.post(_url(running, f"register/{member_person.code}/"), {"status": "present"})
    assert response["Location"] == f"/meetings/{running.code}/register/#person-{member_person.code}"
    page = client.get(response["Location"])
    assert (_pressed(page, member_person), _records(running)) == (
        [de("Present")],
        [("Huber", "present", "")],
    )


def test_record_substitute_without_name_asks_for_it(cast, running, member_person):
    client = client_for(cast["moderator"])
    url = _url(running, f"register/{member_person.code}/")
    f.AttendanceRecordFactory(meeting=running, person=member_person, status="absent")
    response = client.post(url, {"status": "substitute"}, headers={"HX-Request": "true"})
    row = parse(response).by_id(f"person-{member_person.code}")
    assert [e.text() for e in row.find_all("div") if "row-errors" in e.attrs.get("class", "")] == [
        de("Please name the substitute.")
    ]
    assert (
        element(response, f"substitute-{member_person.code}").attrs["value"],
        _records(running),
    ) == (
        "",
        [("Huber", "absent", "")],
    )
    response = client.post(
        url,
        {"status": "substitute", "substitute_name": "Eva Huber"},
        headers={"HX-Request": "true"},
    )
    row = parse(response).by_id(f"person-{member_person.code}")
    assert (
        [e.text() for e in row.find_all("div") if "substitute-name" in e.attrs.get("class", "")],
        _records(running),
    ) == (
        [de("Substitute: %(name)s") % {"name": "Eva Huber"}],
        [("Huber", "substitute", "Eva Huber")],
    )


def test_record_substitute_without_name_and_htmx_shows_the_page(cast, running, member_person):
    response = client_for(cast["moderator"]).post(
        _url(running, f"register/{member_person.code}/"), {"status": "substitute"}
    )
    assert (
        response.status_code,
        element(response, f"substitute-{member_person.code}") is not None,
    ) == (200, True)
    assert _records(running) == []


def test_record_unknown_status_is_refused(cast, running, member_person):
    response = client_for(cast["moderator"]).post(
        _url(running, f"register/{member_person.code}/"),
        {"status": "asleep"},
        headers={"HX-Request": "true"},
    )
    row = parse(response).by_id(f"person-{member_person.code}")
    assert [e.text() for e in row.find_all("div") if "row-errors" in e.attrs.get("class", "")] == [
        de("Select a valid choice. %(value)s is not one of the available choices.")
        % {"value": "asleep"}
    ]
    assert _records(running) == []


def test_record_in_a_completed_register_is_refused(cast, running, member_person):
    running.register_state = RegisterState.COMPLETED
    running.save()
    f.AttendanceRecordFactory(meeting=running, person=member_person, status="absent")
    response = client_for(cast["moderator"]).post(
        _url(running, f"register/{member_person.code}/"),
        {"status": "present"},
        headers={"HX-Request": "true"},
    )
    row = parse(response).by_id(f"person-{member_person.code}")
    assert [e.text() for e in row.find_all("div") if "row-errors" in e.attrs.get("class", "")] == [
        de("The register is completed; reopen it to change it.")
    ]
    assert _records(running) == [("Huber", "absent", "")]


def test_record_person_not_on_the_register_gets_404(cast, running):
    outsider = cast["member2"].person
    response = client_for(cast["moderator"]).post(
        _url(running, f"register/{outsider.code}/"), {"status": "present"}
    )
    assert (response.status_code, _records(running)) == (404, [])


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("office", 403), ("member2", 404)])
def test_record_others_may_not(cast, running, member_person, who, status):
    response = client_for(cast[who]).post(
        _url(running, f"register/{member_person.code}/"), {"status": "present"}
    )
    assert (response.status_code, _records(running)) == (status, [])


def test_record_get_is_not_allowed(cast, running, member_person):
    response = client_for(cast["moderator"]).get(_url(running, f"register/{member_person.code}/"))
    assert (response.status_code, _records(running)) == (405, [])


# ---------------------------------------------------------------- complete and reopen


def test_complete_fills_the_missing_and_reports_notices(cast, running, member_person, colleague):
    f.RsvpFactory(meeting=running, person=member_person, answer="no")
    f.AttendanceRecordFactory(meeting=running, person=cast["moderator"].person, status="present")
    client = client_for(cast["moderator"])
    response = client.post(_url(running, "register-complete/"), follow=True)
    running.refresh_from_db()
    assert (running.register_state, _records(running)) == (
        "completed",
        [("Eich", "present", ""), ("Huber", "absent", ""), ("Huber", "excused", "")],
    )
    assert element(response, "main").find_all("div")[0].text() == de_plural(
        "The register is completed. %(count)d attendance notice was sent.",
        "The register is completed. %(count)d attendance notices were sent.",
        0,
    ) % {"count": 0}
    assert definitions(response, "register-counts") == {
        de("Present"): "1",
        de("Late"): "0",
        de("Absent"): "1",
        de("Excused"): "1",
        de("Substitute"): "0",
    }
    assert element(response, "complete-form") is None


def test_complete_sends_a_notice_to_a_member_over_the_limit(
    cast, running, member_person, django_capture_on_commit_callbacks
):
    for weeks in (2, 4, 6):
        earlier = f.MeetingFactory(
            group=running.group,
            occurrence_date=timezone.localdate() - datetime.timedelta(weeks=weeks),
            register_state=RegisterState.COMPLETED,
        )
        f.AttendanceRecordFactory(meeting=earlier, person=member_person, status="absent")
    f.AttendanceRecordFactory(meeting=running, person=cast["colleague"].person, status="present")
    f.AttendanceRecordFactory(meeting=running, person=cast["moderator"].person, status="present")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast["moderator"]).post(
            _url(running, "register-complete/"), follow=True
        )
    assert element(response, "main").find_all("div")[0].text() == de(
        "The register is completed. %(count)d attendance notice was sent."
    ) % {"count": 1}
    assert (
        list(AttendanceNotice.objects.values_list("person__last_name", "level", "unexcused")),
        sorted(m.to[0] for m in mail.outbox),
    ) == ([("Huber", "over_limit", 4)], ["member@example.org", "moderator@example.org"])


def test_complete_before_the_start_is_refused(cast, soon):
    response = client_for(cast["moderator"]).post(_url(soon, "register-complete/"))
    soon.refresh_from_db()
    assert (response.status_code, text(response, "complete-errors")) == (
        200,
        de("A register can be completed once the meeting has begun."),
    )
    assert (soon.register_state, _records(soon)) == ("draft", [])


def test_complete_twice_is_refused(cast, running):
    client = client_for(cast["moderator"])
    client.post(_url(running, "register-complete/"))
    response = client.post(_url(running, "register-complete/"))
    assert (response.status_code, text(response, "complete-errors")) == (
        200,
        de("The register is completed; reopen it to change it."),
    )


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("office", 403), ("member2", 404)])
def test_complete_others_may_not(cast, running, who, status):
    response = client_for(cast[who]).post(_url(running, "register-complete/"))
    running.refresh_from_db()
    assert (response.status_code, running.register_state, _records(running)) == (
        status,
        "draft",
        [],
    )


def test_complete_by_the_secretary(secretary, running):
    client_for(secretary).post(_url(running, "register-complete/"))
    running.refresh_from_db()
    assert running.register_state == "completed"


def test_reopen_with_a_reason(cast, running):
    running.register_state = RegisterState.COMPLETED
    running.save()
    response = client_for(cast["moderator"]).post(
        _url(running, "register-reopen/"), {"reason": "Klaus war doch da."}, follow=True
    )
    running.refresh_from_db()
    assert (running.register_state, element(response, "main").find_all("div")[0].text()) == (
        "draft",
        de("The register is open again for corrections."),
    )
    assert AuditEntry.objects.get(action="register.reopen").changes == {
        "reason": "Klaus war doch da."
    }


def test_reopen_without_reason_is_refused(cast, running):
    running.register_state = RegisterState.COMPLETED
    running.save()
    response = client_for(cast["moderator"]).post(_url(running, "register-reopen/"), {"reason": ""})
    running.refresh_from_db()
    assert (response.status_code, text(response, "id_reason_error"), running.register_state) == (
        200,
        de("This field is required."),
        "completed",
    )


def test_reopen_secretary_is_forbidden(secretary, running):
    running.register_state = RegisterState.COMPLETED
    running.save()
    response = client_for(secretary).post(_url(running, "register-reopen/"), {"reason": "x"})
    running.refresh_from_db()
    assert (response.status_code, running.register_state) == (403, "completed")


def test_reopen_form_only_for_the_moderator(secretary, cast, running):
    running.register_state = RegisterState.COMPLETED
    running.save()
    shown = [
        element(client_for(user).get(_url(running)), "reopen-form") is not None
        for user in (cast["moderator"], secretary)
    ]
    assert shown == [True, False]


def test_reopen_other_group_gets_404(cast, running):
    running.register_state = RegisterState.COMPLETED
    running.save()
    response = client_for(cast["member2"]).post(_url(running, "register-reopen/"), {"reason": "x"})
    running.refresh_from_db()
    assert (response.status_code, running.register_state) == (404, "completed")
