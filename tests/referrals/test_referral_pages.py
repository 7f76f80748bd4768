"""Referrals, the pages: my referrals, passing one, the detail by view level, the status
steps, the closed business and the export — for the cast. The customer's contact data is for
the parties only; everyone who is neither a party nor a party's company admin gets 404."""

# The cast's fixtures are imported from referral_cast (the package's conftest is shared).
# ruff: noqa: F811

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests import factories as f
from tests.api.conftest import de
from tests.conftest import _person, client_for
from tests.referrals.referral_cast import CUSTOMER, NEED, outsider, receiver, referral  # noqa: F401
from verbund.referrals.models import ClosedBusiness, Referral, ReferralStatus, StatusChange
from verbund.referrals.services import change_status, pass_referral

NOBODY = ("colleague", "moderator", "office", "board", "guest", "outsider")


@pytest.fixture
def everyone(cast, receiver, outsider):
    return {**cast, "receiver": receiver, "outsider": outsider}


@pytest.fixture
def won(referral, receiver):
    change_status(referral=referral, to_status=ReferralStatus.WON, actor=receiver, mail=False)
    return referral


def _detail(referral) -> str:
    return f"/referrals/{referral.code}/"


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- who sees what


def test_parties_see_the_customer(everyone, referral):
    for name in ("member", "receiver"):
        response = client_for(everyone[name]).get(_detail(referral))
        page = response.content.decode()
        assert (name, response.status_code) == (name, 200)
        assert CUSTOMER["customer_email"] in page
        assert CUSTOMER["customer_phone"] in page
        assert 'id="company-view"' not in page


def test_a_receiving_company_admin_sees_no_customer(everyone, referral):
    response = client_for(everyone["member2"]).get(_detail(referral))
    page = response.content.decode()
    assert response.status_code == 200
    assert NEED in page
    assert 'id="company-view"' in page
    for value in CUSTOMER.values():
        assert value not in page
    assert 'id="status-form"' not in page


@pytest.mark.parametrize("name", NOBODY)
def test_nobody_else_sees_or_changes_it(name, everyone, referral):
    client = client_for(everyone[name])
    assert client.get(_detail(referral)).status_code == 404
    response = client.post(_detail(referral) + "status/", {"status": "contacted"})
    assert response.status_code == 404
    response = client.post(_detail(referral) + "closed-business/", {"value": "10,00"})
    assert response.status_code == 404
    referral.refresh_from_db()
    assert (referral.status, StatusChange.objects.count()) == (ReferralStatus.NEW, 0)


def test_list_new_and_export_are_for_members(everyone, referral):
    for path in ("/referrals/", "/referrals/new/", "/referrals/export?format=csv"):
        assert client_for(everyone["guest"]).get(path).status_code == 403
        response = client_for(None).get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    response = client_for(None).get(_detail(referral))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_list_by_direction_and_status(everyone, referral):
    giver_page = client_for(everyone["member"]).get("/referrals/?direction=given")
    assert f'id="referral-{referral.code}"' in giver_page.content.decode()
    received = client_for(everyone["member"]).get("/referrals/?direction=received")
    assert f'id="referral-{referral.code}"' not in received.content.decode()
    receiver_page = client_for(everyone["receiver"]).get("/referrals/?direction=received")
    assert f'id="referral-{referral.code}"' in receiver_page.content.decode()
    won = client_for(everyone["receiver"]).get("/referrals/?status=won")
    assert f'id="referral-{referral.code}"' not in won.content.decode()
    for name in ("colleague", "moderator", "outsider"):
        page = client_for(everyone[name]).get("/referrals/").content.decode()
        assert f'id="referral-{referral.code}"' not in page


def test_list_bad_filter_says_so(member, referral):
    response = client_for(member).get("/referrals/?direction=sideways")
    assert response.status_code == 200
    assert _messages(response) == [de("Choose given or received.")]
    assert f'id="referral-{referral.code}"' in response.content.decode()


def test_list_shows_the_value_to_parties_only(everyone, won):
    ClosedBusiness.objects.create(referral=won, value=Decimal("12500.00"))
    value = f'id="value-{won.code}"'
    assert value in client_for(everyone["member"]).get("/referrals/").content.decode()
    assert value not in client_for(everyone["member2"]).get("/referrals/").content.decode()


def _pass_more(member, receiver, count: int) -> None:
    for number in range(count):
        pass_referral(
            actor=member,
            kind="introduction",
            need=f"Bedarf {number}",
            temperature=3,
            customer_name="Kunde",
            parties=[(receiver.person, "receiver", None)],
            mail=False,
        )


def test_list_query_count_is_constant(member, receiver):
    _pass_more(member, receiver, 1)
    client = client_for(member)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/referrals/").status_code == 200
    _pass_more(member, receiver, 4)
    with CaptureQueriesContext(connection) as five:
        response = client.get("/referrals/")
    assert response.content.decode().count('id="referral-') == 5
    assert len(five) == len(one)


# ---------------------------------------------------------------- passing a referral


def test_new_form_offers_other_companies_people(member, receiver, colleague, member2):
    page = client_for(member).get("/referrals/new/").content.decode()
    assert f'value="{receiver.person.code}"' in page
    assert f'value="{member2.person.code}"' in page
    assert f'value="{colleague.person.code}"' not in page


def test_new_form_lists_the_givers_group_first(member, receiver, outsider, group_a):
    near = f.CompanyFactory(name="Zugspitz IT GmbH", home_group=group_a)
    _person(near, group_a, "near@example.org", "Nina", "Nah")
    page = client_for(member).get("/referrals/new/").content.decode()
    labels = [
        page.index(f'<optgroup label="{name}">')
        for name in ("Zugspitz IT GmbH", "Ilz IT GmbH", "Lech Systemhaus GmbH")
    ]
    assert labels == sorted(labels)


def test_pass_with_receiver_need_and_name(django_capture_on_commit_callbacks, member, receiver):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(
            "/referrals/new/",
            {
                "receiver_1": receiver.person.code,
                "need": "Neue Telefonanlage",
                "customer_name": "Frau Kunde",
                "kind": "introduction",
                "temperature": "3",
            },
        )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(referral)
    party = referral.parties.get()
    assert (referral.giver, referral.need, referral.temperature, party.person) == (
        member.person,
        "Neue Telefonanlage",
        3,
        receiver.person,
    )
    assert [message.to for message in mail.outbox] == [[receiver.email]]


def test_pass_a_joint_deal_with_equal_split(member, receiver, member2, outsider):
    response = client_for(member).post(
        "/referrals/new/",
        {
            "kind": "joint_deal",
            "temperature": "5",
            "receiver_1": receiver.person.code,
            "role_1": "lead",
            "receiver_2": outsider.person.code,
            "role_2": "specialist",
            "need": "Rechenzentrum",
            "customer_name": "Herr Groß",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert list(referral.parties.values_list("role", "share")) == [
        ("lead", Decimal("50.00")),
        ("specialist", Decimal("50.00")),
    ]


def test_pass_refused_changes_nothing(member, receiver):
    data = {
        "kind": "joint_deal",
        "temperature": "3",
        "receiver_1": receiver.person.code,
        "role_1": "lead",
        "need": "Etwas",
        "customer_name": "Kunde",
    }
    response = client_for(member).post("/referrals/new/", data)
    assert response.status_code == 200
    assert de("A joint deal needs at least two partners.") in response.content.decode()
    response = client_for(member).post("/referrals/new/", {"kind": "tip", "temperature": "3"})
    assert response.status_code == 200
    assert (Referral.objects.count(), len(mail.outbox)) == (0, 0)


# ---------------------------------------------------------------- status and closed business


def test_the_receiver_steps_by_the_table(django_capture_on_commit_callbacks, everyone, referral):
    page = client_for(everyone["receiver"]).get(_detail(referral)).content.decode()
    assert 'id="to-contacted"' in page
    assert 'id="to-new"' not in page
    assert (
        'id="status-form"'
        not in client_for(everyone["member"]).get(_detail(referral)).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(everyone["receiver"]).post(
            _detail(referral) + "status/", {"status": "in_talks", "note": "Termin am Montag"}
        )
    assert response.status_code == 302
    referral.refresh_from_db()
    change = StatusChange.objects.get()
    assert (referral.status, change.from_status, change.note) == (
        "in_talks",
        "new",
        "Termin am Montag",
    )
    assert [message.to for message in mail.outbox] == [[everyone["member"].email]]


def test_a_step_back_is_refused(everyone, referral):
    client = client_for(everyone["receiver"])
    client.post(_detail(referral) + "status/", {"status": "offer"})
    response = client.post(_detail(referral) + "status/", {"status": "contacted"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, StatusChange.objects.count()) == ("offer", 1)
    assert _messages(response)[-1] == de(
        "This referral is “%(current)s”; it cannot become “%(status)s”."
    ) % {
        "current": de("Offer made"),
        "status": de("Contacted"),
    }


@pytest.mark.parametrize("name", ("member", "member2"))
def test_giver_and_admin_may_not_step(name, everyone, referral):
    response = client_for(everyone[name]).post(_detail(referral) + "status/", {"status": "won"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NEW


def test_closed_business_in_german_and_the_thanks(everyone, won):
    client = client_for(everyone["receiver"])
    assert 'id="closed-form"' in client.get(_detail(won)).content.decode()
    response = client.post(
        _detail(won) + "closed-business/", {"value": "12.500,00", "thank_you": "Danke, Maria!"}
    )
    assert response.status_code == 302
    closed = ClosedBusiness.objects.get()
    assert (closed.value, closed.thank_you, closed.confirmed_by) == (
        Decimal("12500.00"),
        "Danke, Maria!",
        everyone["receiver"].person,
    )
    giver_page = client_for(everyone["member"]).get(_detail(won)).content.decode()
    assert "Danke, Maria!" in giver_page
    assert "12.500,00 €" in giver_page
    admin_page = client_for(everyone["member2"]).get(_detail(won)).content.decode()
    # The receiving company's admin sees that business was closed, not its value.
    assert ("Danke, Maria!" in admin_page, "12.500,00" in admin_page) == (False, False)
    assert 'id="closed-business"' in admin_page


def test_closed_business_bad_input_and_twice(everyone, won):
    client = client_for(everyone["receiver"])
    response = client.post(_detail(won) + "closed-business/", {"value": "zwölf"})
    assert response.status_code == 200
    assert ClosedBusiness.objects.count() == 0
    response = client.post(_detail(won) + "closed-business/", {"value": "0,001"})
    assert response.status_code == 200
    assert ClosedBusiness.objects.count() == 0
    client.post(_detail(won) + "closed-business/", {"value": "100,00"})
    response = client.post(_detail(won) + "closed-business/", {"value": "200,00"})
    assert response.status_code == 200
    assert (
        de("The closed business of this referral has already been confirmed.")
        in response.content.decode()
    )
    assert list(ClosedBusiness.objects.values_list("value", flat=True)) == [Decimal("100.00")]


def test_closed_business_only_when_won(everyone, referral):
    response = client_for(everyone["receiver"]).post(
        _detail(referral) + "closed-business/", {"value": "100,00"}
    )
    assert response.status_code == 200
    assert de("Closed business can be confirmed only for a won referral.") in (
        response.content.decode()
    )
    assert ClosedBusiness.objects.count() == 0


# ---------------------------------------------------------------- export


def test_export_csv_and_xlsx(everyone, referral):
    response = client_for(everyone["member"]).get("/referrals/export?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == referral.code
    assert CUSTOMER["customer_email"] in rows[1]
    response = client_for(everyone["member2"]).get("/referrals/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[0] == referral.code
    assert CUSTOMER["customer_email"] not in values
    response = client_for(everyone["outsider"]).get("/referrals/export?format=csv")
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_export_bad_format_says_so(member):
    response = client_for(member).get("/referrals/export?format=pdf")
    assert response.status_code == 302
    assert _messages(response) == [de("Choose the format csv or xlsx.")]
