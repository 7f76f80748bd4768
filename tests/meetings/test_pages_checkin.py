"""Self check-in: the QR code the moderator shows, and the member's check-in by its link."""

import datetime
import io

import pytest
import segno
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, text
from verbund.meetings.models import AttendanceRecord, RegisterState


def _meeting(group, start):
    start = start.replace(second=0, microsecond=0)
    return f.MeetingFactory(
        group=group,
        occurrence_date=timezone.localdate(start),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


@pytest.fixture
def starting(group_a):
    """Group A's meeting, begun five minutes ago (check-in counts as present)."""
    return _meeting(group_a, timezone.now() - datetime.timedelta(minutes=5))


def _link(meeting, code=None) -> str:
    return f"/meetings/{meeting.code}/check-in/{code or meeting.checkin_code}/"


def _records(meeting) -> list[tuple[str, str, bool]]:
    return list(
        AttendanceRecord.objects.filter(meeting=meeting).values_list(
            "person__last_name", "status", "checked_in"
        )
    )


def _alerts(response) -> list[str]:
    main = element(response, "main")
    return [
        div.text() for div in main.find_all("div") if "alert" in div.attrs.get("class", "").split()
    ]


# ---------------------------------------------------------------- the code at the venue


def test_checkin_display_shows_the_qr_code_and_link(cast, starting, settings):
    settings.SITE_URL = "https://verbund.example"
    response = client_for(cast["moderator"]).get(f"/meetings/{starting.code}/check-in-code/")
    url = f"https://verbund.example{_link(starting)}"
    assert (element(response, "qr-code").attrs["src"], text(response, "checkin-url")) == (
        f"/meetings/{starting.code}/check-in-code/qr.svg",
        url,
    )


def test_checkin_display_without_site_url_uses_the_request(cast, starting, settings):
    settings.SITE_URL = ""
    response = client_for(cast["moderator"]).get(f"/meetings/{starting.code}/check-in-code/")
    assert text(response, "checkin-url") == f"http://testserver{_link(starting)}"


def test_checkin_qr_is_the_link_as_svg(cast, starting, settings):
    settings.SITE_URL = "https://verbund.example/"
    response = client_for(cast["moderator"]).get(f"/meetings/{starting.code}/check-in-code/qr.svg")
    expected = io.BytesIO()
    segno.make(f"https://verbund.example{_link(starting)}", error="m").save(
        expected, kind="svg", scale=8, border=2, xmldecl=False
    )
    assert (response["Content-Type"], response["Cache-Control"], response.content) == (
        "image/svg+xml",
        "no-store",
        expected.getvalue(),
    )


@pytest.mark.parametrize("path", ["check-in-code/", "check-in-code/qr.svg"])
@pytest.mark.parametrize(("who", "status"), [("member", 403), ("office", 403), ("member2", 404)])
def test_checkin_display_others_may_not(cast, starting, path, who, status):
    response = client_for(cast[who]).get(f"/meetings/{starting.code}/{path}")
    assert (response.status_code, starting.checkin_code in response.content.decode()) == (
        status,
        False,
    )


def test_checkin_display_anonymous_goes_to_login(starting):
    response = client_for(None).get(f"/meetings/{starting.code}/check-in-code/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/meetings/{starting.code}/check-in-code/",
    )


def test_checkin_renew_makes_the_old_code_stale(cast, starting):
    old = starting.checkin_code
    client = client_for(cast["moderator"])
    response = client.post(f"/meetings/{starting.code}/check-in-code/new/", follow=True)
    starting.refresh_from_db()
    assert (starting.checkin_code != old, _alerts(response)) == (
        True,
        [de("A new check-in code is shown; the old one no longer works.")],
    )
    assert text(response, "checkin-url").endswith(f"/check-in/{starting.checkin_code}/")
    refused = client_for(cast["member"]).post(_link(starting, old))
    assert (_alerts(refused), _records(starting)) == (
        [de("This check-in code is no longer valid.")],
        [],
    )


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("member2", 404)])
def test_checkin_renew_others_may_not(cast, starting, who, status):
    old = starting.checkin_code
    response = client_for(cast[who]).post(f"/meetings/{starting.code}/check-in-code/new/")
    starting.refresh_from_db()
    assert (response.status_code, starting.checkin_code) == (status, old)


# ---------------------------------------------------------------- the member's check-in


def test_check_in_get_shows_a_confirmation(cast, starting):
    response = client_for(cast["member"]).get(_link(starting))
    assert (text(response, "meeting-title"), text(response, "check-in"), _records(starting)) == (
        "Unternehmerfrühstück · Ortsgruppe München-Nord",
        de("I am here"),
        [],
    )


def test_check_in_marks_the_member_present(cast, starting):
    client = client_for(cast["member"])
    response = client.post(_link(starting), follow=True)
    assert (response.redirect_chain, _alerts(response), _records(starting)) == (
        [(f"/meetings/{starting.code}/", 302)],
        [de("You are checked in: %(status)s.") % {"status": de("Present")}],
        [("Huber", "present", True)],
    )


def test_check_in_after_a_quarter_hour_is_late(cast, group_a):
    meeting = _meeting(group_a, timezone.now() - datetime.timedelta(minutes=20))
    client_for(cast["member"]).post(_link(meeting))
    assert _records(meeting) == [("Huber", "late", True)]


def test_check_in_twice_is_refused(cast, starting):
    client = client_for(cast["member"])
    client.post(_link(starting), follow=True)
    response = client.post(_link(starting))
    assert (response.status_code, _alerts(response), _records(starting)) == (
        200,
        [de("You are already checked in.")],
        [("Huber", "present", True)],
    )


def test_check_in_outside_the_window_is_refused(cast, group_a):
    later = _meeting(group_a, timezone.now() + datetime.timedelta(hours=3))
    response = client_for(cast["member"]).post(_link(later))
    assert (response.status_code, _alerts(response), _records(later)) == (
        200,
        [de("Check-in is open from 30 minutes before the start until the end of the meeting.")],
        [],
    )


def test_check_in_with_a_stale_code_is_refused(cast, starting):
    response = client_for(cast["member"]).post(_link(starting, "abcdefgh"))
    assert (_alerts(response), _records(starting)) == (
        [de("This check-in code is no longer valid.")],
        [],
    )


def test_check_in_to_a_completed_register_is_refused(cast, starting):
    starting.register_state = RegisterState.COMPLETED
    starting.save()
    response = client_for(cast["member"]).post(_link(starting))
    assert (_alerts(response), _records(starting)) == (
        [de("The register is completed; reopen it to change it.")],
        [],
    )


def test_check_in_anonymous_goes_to_login_and_back(starting):
    response = client_for(None).get(_link(starting))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={_link(starting)}",
    )


def test_check_in_office_is_forbidden(cast, starting):
    response = client_for(cast["office"]).post(_link(starting))
    assert (response.status_code, _records(starting)) == (403, [])


@pytest.mark.parametrize("who", ["member2", "guest"])
def test_check_in_other_group_gets_404(cast, starting, who):
    response = client_for(cast[who]).post(_link(starting))
    assert (response.status_code, _records(starting)) == (404, [])
