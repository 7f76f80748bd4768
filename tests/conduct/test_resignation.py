"""A company's resignation: notice with the network's period, withdrawal, on the company page
and in the API, for the company admin and the office only."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests import factories as f
from tests.api.conftest import API, de, forbidden_body, not_found_body
from tests.conftest import client_for
from tests.pages.html import element, text
from verbund.common.models import AuditEntry
from verbund.members.models import Resignation
from verbund.members.services import give_resignation, withdraw_resignation
from verbund.members.services.resignations import effective_date


@pytest.mark.parametrize(
    ("today", "months", "last_day"),
    [
        (datetime.date(2026, 11, 25), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 11, 1), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 12, 31), 12, datetime.date(2027, 12, 31)),
        (datetime.date(2026, 5, 10), 0, datetime.date(2026, 5, 31)),
    ],
)
def test_effective_date_is_the_end_of_the_month_the_notice_period_on(
    network, today, months, last_day
):
    network.resignation_notice_months = months
    network.save()
    assert effective_date(today) == last_day


def test_company_admin_gives_notice(member, company_a):
    resignation = give_resignation(company=company_a, reason=" Ruhestand ", actor=member)
    assert (
        resignation.effective_on,
        resignation.reason,
        resignation.given_by,
        company_a.status,
    ) == (effective_date(timezone.localdate()), "Ruhestand", member, "active")
    entry = AuditEntry.objects.get(action="company.resignation")
    assert entry.changes == {"effective_on": resignation.effective_on.isoformat()}


def test_notice_twice_is_refused(office, company_a):
    give_resignation(company=company_a, actor=office)
    with pytest.raises(ValidationError) as error:
        give_resignation(company=company_a, actor=office)
    assert error.value.messages == [de("Notice has already been given for this company.")]
    assert Resignation.objects.count() == 1


def test_an_expelled_company_cannot_resign(office):
    company = f.CompanyFactory(name="Weg GmbH", status="expelled")
    with pytest.raises(ValidationError) as error:
        give_resignation(company=company, actor=office)
    assert error.value.messages == [de("%(company)s cannot resign.") % {"company": "Weg GmbH"}]


@pytest.mark.parametrize("who", ["colleague", "member2", "board", "moderator", "guest"])
def test_only_the_company_admin_or_the_office_gives_notice(cast, company_a, who):
    with pytest.raises(PermissionDenied):
        give_resignation(company=company_a, actor=cast[who])
    assert Resignation.objects.count() == 0


def test_withdrawal_before_it_takes_effect(member, company_a):
    resignation = give_resignation(company=company_a, actor=member)
    withdrawn = withdraw_resignation(resignation=resignation, actor=member)
    assert withdrawn.withdrawn_at is not None
    with pytest.raises(ValidationError) as error:
        withdraw_resignation(resignation=resignation, actor=member)
    assert error.value.messages == [de("This notice has already taken effect or been withdrawn.")]
    give_resignation(company=company_a, actor=member)  # a new notice is possible again
    assert Resignation.objects.filter(withdrawn_at__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("member", True),
        ("office", True),
        ("colleague", False),
        ("member2", False),
        ("board", False),
    ],
)
def test_company_page_shows_the_notice_form_to_admin_and_office(cast, company_a, who, shown):
    response = client_for(cast[who]).get(f"/companies/{company_a.code}/")
    assert (response.status_code, element(response, "resignation-form") is not None) == (
        200,
        shown,
    )


def test_company_page_gives_and_withdraws_notice(member, company_a):
    client = client_for(member)
    page = f"/companies/{company_a.code}/"
    last_day = effective_date(timezone.localdate())
    response = client.post(page + "resignation/", {"reason": "Ruhestand"})
    assert (response.status_code, response["Location"]) == (302, page)
    shown = client.get(page)
    with translation.override("de"):
        expected = de("Notice was given on %(given)s: the company is a member until %(date)s.") % {
            "given": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
            "date": date_format(last_day, "DATE_FORMAT"),
        }
    assert text(shown, "resignation-pending") == expected
    assert element(shown, "resignation-withdraw-form") is not None
    client.post(page + "resignation/withdrawal/")
    resignation = Resignation.objects.get()
    assert (resignation.reason, resignation.withdrawn_at is not None) == ("Ruhestand", True)
    assert element(client.get(page), "resignation-form") is not None


@pytest.mark.parametrize(("who", "status"), [("colleague", 403), ("member2", 403)])
def test_resignation_posts_refused(cast, company_a, who, status):
    response = client_for(cast[who]).post(f"/companies/{company_a.code}/resignation/")
    assert (response.status_code, Resignation.objects.count()) == (status, 0)


def test_guest_gets_404_for_a_company_page_resignation(cast, company_a):
    response = client_for(cast["guest"]).post(f"/companies/{company_a.code}/resignation/")
    assert (response.status_code, Resignation.objects.count()) == (404, 0)


def api(user, method: str, path: str, data: dict | None = None):
    client = client_for(user)
    call = getattr(client, method)
    return call(API + path, data=json.dumps(data or {}), content_type="application/json")


def test_api_gives_and_withdraws_notice(office, company_a):
    path = f"/companies/{company_a.code}/resignation"
    given = api(office, "post", path, {"reason": "Insolvenz"})
    resignation = Resignation.objects.get()
    body = {
        "company": {"code": company_a.code, "name": "Alpen IT Service GmbH"},
        "given_at": given.json()["given_at"],
        "effective_on": effective_date(timezone.localdate()).isoformat(),
        "withdrawn_at": None,
        "carried_out_at": None,
    }
    assert (given.status_code, given.json()) == (201, body)
    withdrawn = api(office, "delete", path)
    resignation.refresh_from_db()
    assert (withdrawn.status_code, withdrawn.json()["withdrawn_at"] is not None) == (200, True)
    again = api(office, "delete", path)
    assert (again.status_code, again.json()) == (404, not_found_body())


@pytest.mark.parametrize(("who", "status"), [("colleague", 403), ("member2", 403), ("board", 403)])
def test_api_resignation_refused(cast, company_a, who, status):
    response = api(cast[who], "post", f"/companies/{company_a.code}/resignation")
    assert (response.status_code, response.json(), Resignation.objects.count()) == (
        status,
        forbidden_body(),
        0,
    )
