"""Running a meeting on a phone: the moderator's register and a member's QR check-in."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.factories import PASSWORD
from tests.pages.html import de
from verbund.meetings.models import AttendanceRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A phone-sized browser context, in German, in Berlin."""
    context = browser.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    violations = []
    context.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield context
    context.close()
    assert violations == [], "the pages keep to the strict CSP"


@pytest.fixture
def running_meeting(group_a):
    """Today's meeting of group A, begun five minutes ago."""
    start = (timezone.now() - datetime.timedelta(minutes=5)).replace(second=0, microsecond=0)
    return f.MeetingFactory(
        group=group_a,
        occurrence_date=timezone.localdate(start),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


def _log_in(page, email):
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def _records(meeting):
    return sorted(
        AttendanceRecord.objects.filter(meeting=meeting).values_list(
            "person__first_name", "status", "substitute_name", "checked_in"
        )
    )


def _tap(page, person, label):
    page.locator(f"#person-{person.code}").get_by_role("button", name=de(label), exact=True).tap()


def _tap_status(page, person, label):
    """Tap a status in a person's row and wait for HTMX to swap the row in."""
    _tap(page, person, label)
    pressed = page.locator(f"#person-{person.code} button[aria-pressed=true]")
    pressed.filter(has_text=de(label)).wait_for()


def test_moderator_completes_the_register_on_a_phone(
    phone, live_server, moderator, member, colleague, running_meeting
):
    page = phone.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, "moderator@example.org")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/groups/{running_meeting.group.code}/meetings/")
    page.locator("#upcoming a").first.tap()
    page.wait_for_url(f"**/meetings/{running_meeting.code}/")
    page.locator("#register-link").tap()
    page.wait_for_url(f"**/meetings/{running_meeting.code}/register/")

    _tap_status(page, member.person, "Present")
    # Without a name the row asks for one and records nothing; then the name is given.
    _tap(page, colleague.person, "Substitute")
    page.locator(f"#substitute-{colleague.person.code}").fill("Eva Huber")
    _tap_status(page, colleague.person, "Substitute")
    page.locator(f"#person-{colleague.person.code} .substitute-name").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")

    page.locator("#complete-form button").tap()
    page.locator("#register-counts").wait_for()
    assert width <= PHONE["width"]
    assert _records(running_meeting) == [
        ("Klaus", "substitute", "Eva Huber", False),
        ("Maria", "present", "", False),
        ("Stefan", "absent", "", False),
    ]
    running_meeting.refresh_from_db()
    assert running_meeting.register_state == "completed"
    assert page.locator("#register-state").inner_text() == de("Completed")


def test_member_checks_in_by_the_qr_link(
    browser, phone, live_server, settings, moderator, member, running_meeting
):
    settings.SITE_URL = live_server.url
    venue = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    screen = venue.new_page()
    screen.goto(f"{live_server.url}/accounts/login/")
    _log_in(screen, "moderator@example.org")
    screen.wait_for_url(f"{live_server.url}/")
    screen.goto(f"{live_server.url}/meetings/{running_meeting.code}/check-in-code/")
    link = screen.locator("#checkin-url").inner_text()
    qr_loaded = screen.evaluate("document.getElementById('qr-code').naturalWidth > 0")
    venue.close()

    page = phone.new_page()
    page.goto(link)  # the link the phone's camera opens from the QR code
    page.wait_for_url("**/accounts/login/**")
    assert (
        page.url == f"{live_server.url}/accounts/login/?next={link.removeprefix(live_server.url)}"
    )
    _log_in(page, "member@example.org")
    page.wait_for_url(link)
    page.locator("#check-in").tap()
    page.wait_for_url(f"{live_server.url}/meetings/{running_meeting.code}/")
    assert (qr_loaded, page.locator(".alert-success").inner_text()) == (
        True,
        de("You are checked in: %(status)s.") % {"status": de("Present")},
    )
    assert _records(running_meeting) == [("Maria", "present", "", True)]
