"""A newcomer registers on a group's public page from a phone and confirms with the link
mailed to them; at the breakfast the moderator marks the guest as attended on the register,
which counts the visit."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests import factories as f
from tests.browser.test_meetings import _log_in, phone  # noqa: F401 (fixture)
from tests.pages.html import de
from verbund.admissions.models import Guest, GuestVisit, VisitStatus
from verbund.admissions.services import publish_consent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_registers_and_the_moderator_counts_the_visit(
    phone,  # noqa: F811 (the fixture imported above)
    live_server,
    moderator,
    office,
    group_a,
):
    publish_consent(text_de="Wir speichern Ihre Angaben.", text_en="We keep it.", actor=office)
    start = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    meeting = f.MeetingFactory(
        group=group_a,
        occurrence_date=timezone.localdate(start),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )

    newcomer = phone.new_page()
    newcomer.goto(f"{live_server.url}/groups/{group_a.code}/visit/")
    assert newcomer.locator("#consent-text").inner_text().endswith("Wir speichern Ihre Angaben.")
    newcomer.locator("input[name=meeting]").first.check()
    newcomer.fill("input[name=first_name]", "Greta")
    newcomer.fill("input[name=last_name]", "Neumann")
    newcomer.fill("input[name=email]", "greta@neumann-it.example")
    newcomer.fill("input[name=company_name]", "Neumann IT")
    newcomer.check("input[name=consent]")
    newcomer.locator("#registration-form button[type=submit]").tap()
    newcomer.wait_for_selector("#confirmation-sent")
    # Nothing is stored until the newcomer confirms with the link mailed to them.
    assert (Guest.objects.count(), [message.to for message in mail.outbox]) == (
        0,
        [["greta@neumann-it.example"]],
    )
    path = re.search(r"/groups/\S+/visit/confirm/\S+/", mail.outbox[0].body)[0]
    mail.outbox.clear()
    newcomer.goto(f"{live_server.url}{path}")
    assert "Neumann IT" in newcomer.locator("#pending-registration").inner_text()
    newcomer.locator("#confirm-form button[type=submit]").tap()
    newcomer.wait_for_selector("#registered")
    guest = Guest.objects.select_related("person", "consent").get()
    assert (guest.person.last_name, guest.consent.version, guest.invited_by) == (
        "Neumann",
        1,
        None,
    )
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]

    # The breakfast has begun.
    GuestVisit.objects.filter(meeting=meeting).update(visited_on=timezone.localdate())
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    meeting.__class__.objects.filter(pk=meeting.pk).update(
        starts_at=earlier,
        ends_at=earlier + datetime.timedelta(hours=2),
        occurrence_date=timezone.localdate(earlier),
    )
    page = phone.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, "moderator@example.org")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/meetings/{meeting.code}/register/")
    row = page.locator("#guest-visits li").first
    assert row.locator(".guest-name").inner_text() == "Neumann, Greta"
    row.get_by_role("button", name=de("Attended"), exact=True).tap()
    page.locator("#guest-visits button[aria-pressed=true]").filter(
        has_text=de("Attended")
    ).wait_for()
    assert list(GuestVisit.objects.values_list("status", flat=True)) == [VisitStatus.ATTENDED]
