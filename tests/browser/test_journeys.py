"""The main journeys of the foundation, as a person does them in a real browser."""

import pytest

from tests.factories import PASSWORD, TOTP_SECRET, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def test_member_logs_in_opens_group_and_edits_profile(
    page, live_server, member, moderator, group_a
):
    _log_in(page, live_server, "member@example.org")
    assert page.locator("html").get_attribute("lang") == "de"
    page.click("nav >> text=Gruppen")
    page.click(f"text={group_a.name}")
    page.wait_for_url(f"**/groups/{group_a.code}/")
    assert page.locator("text=Stefan Eich").first.is_visible()
    page.click("nav >> text=Mein Profil")
    page.fill("input[name=function]", "Vertriebsleiterin")
    page.click("form#profile-form button[type=submit]")
    page.wait_for_load_state()
    member.person.refresh_from_db()
    assert member.person.function == "Vertriebsleiterin"
    assert page.locator("input[name=function]").input_value() == "Vertriebsleiterin"


def test_office_logs_in_with_second_factor(page, live_server, office):
    _log_in(page, live_server, "office@example.org")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code(TOTP_SECRET))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("nav >> text=Geschäftsstelle").is_visible()


def test_member_on_a_phone_uses_the_menu(browser, live_server, member, group_a):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    _log_in(page, live_server, "member@example.org")
    assert page.locator("nav >> text=Gruppen").is_visible() is False
    page.click("button.navbar-toggler")
    page.click("nav >> text=Gruppen")
    page.wait_for_url(f"{live_server.url}/groups/")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 390
