"""A referral on a phone: the giver passes it, the receiver marks it won with a German amount
and a thank-you, the giver reads the thank-you."""

# The phone fixture comes from the meetings' browser test and the cast from referral_cast.
# ruff: noqa: F811

from decimal import Decimal

import pytest

from tests import factories as f
from tests.browser.test_admissions import _log_in as _log_in_with_code
from tests.browser.test_admissions import strict_page  # noqa: F401
from tests.browser.test_meetings import _log_in, phone  # noqa: F401
from tests.pages.html import de
from tests.referrals.referral_cast import receiver  # noqa: F401
from tests.referrals.value_data import referral as write_referral
from verbund.referrals.models import ClosedBusiness, Referral, ReferralStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_out(page):
    page.context.clear_cookies()


def test_pass_win_and_thank_on_a_phone(phone, live_server, member, receiver):
    page = phone.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, "member@example.org")
    page.goto(f"{live_server.url}/referrals/new/")
    page.select_option("select[name=receiver_1]", receiver.person.code)
    page.fill("textarea[name=need]", "Braucht eine neue Telefonanlage für 20 Plätze.")
    page.fill("input[name=customer_name]", "Frau Dr. Kunde")
    page.locator("label[for=id_temperature_4]").tap()
    page.locator("#pass").tap()
    page.locator("dl#referral").wait_for()
    referral = Referral.objects.get()
    assert (referral.giver, referral.temperature, referral.customer_name) == (
        member.person,
        5,
        "Frau Dr. Kunde",
    )
    assert list(referral.parties.values_list("person", flat=True)) == [receiver.person.pk]

    _log_out(page)
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, "receiver@example.org")
    page.goto(f"{live_server.url}/referrals/{referral.code}/")
    page.fill("textarea[name=note]", "Auftrag erteilt")
    page.locator("#to-won").tap()
    page.locator("#closed-form").wait_for()
    page.fill("input[name=value]", "12.500,00")
    page.fill("textarea[name=thank_you]", "Herzlichen Dank, Frau Huber!")
    page.locator("#confirm").tap()
    page.locator("#closed-business").wait_for()
    referral.refresh_from_db()
    closed = ClosedBusiness.objects.get(referral=referral)
    assert (referral.status, closed.value, closed.thank_you, closed.confirmed_by) == (
        ReferralStatus.WON,
        Decimal("12500.00"),
        "Herzlichen Dank, Frau Huber!",
        receiver.person,
    )
    assert list(referral.status_changes.values_list("to_status", "note")) == [
        ("won", "Auftrag erteilt")
    ]

    _log_out(page)
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, "member@example.org")
    page.goto(f"{live_server.url}/referrals/?direction=given")
    page.locator(f"#referral-{referral.code} a").tap()
    assert page.locator("#thank-you").inner_text() == "Herzlichen Dank, Frau Huber!"
    assert page.locator("#closed-value").inner_text() == "12.500,00 €"
    assert page.locator("#status").inner_text() == de("Won")


def test_the_board_sees_who_refers_to_whom_as_a_graph(strict_page, live_server, board, group_a):
    """d3 draws the company graph in the browser from the page's JSON, within the strict CSP:
    a circle per company, an arrow per giver → receiver, the figures on hover."""
    alpen, lech, donau = (
        f.CompanyFactory(name=name, home_group=group_a)
        for name in ("Alpen IT GmbH", "Lech Systemhaus GmbH", "Donau Daten AG")
    )
    for giver, to in ((alpen, lech), (alpen, lech), (lech, donau), (donau, alpen)):
        write_referral(giver, [to])
    _log_in_with_code(strict_page, live_server, "board@example.org", totp=True)
    strict_page.goto(f"{live_server.url}/value/matrix/")
    figure = strict_page.locator("#value-company-graph-figure[data-drawn=true]")
    figure.wait_for()
    assert figure.locator("svg .referral-graph-node circle").count() == 3
    assert figure.locator("svg .referral-graph-link").count() == 3
    titles = figure.locator("svg .referral-graph-link title").all_text_contents()
    assert titles[0] == "Alpen IT GmbH → Lech Systemhaus GmbH: 2 Empfehlungen"
    labels = figure.locator("svg .referral-graph-node text").all_text_contents()
    assert labels == ["Alpen IT GmbH", "Donau Daten AG", "Lech Systemhaus GmbH"]
