"""The office's company pages: list, entering a company, profile and status changes."""

import datetime

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.office.conftest import errors, options
from tests.pages.html import de, items, rows, text
from verbund.common.models import AuditEntry
from verbund.members.models import Company, CompanyStatus, CompanyStatusChange
from verbund.members.services import change_company_status

ACTIVE_ROWS = [
    ["Alpen IT Service GmbH", "München", "Ortsgruppe München-Nord", "Active", "01.01.2020", "2"],
    ["Donau Datacenter AG", "München", "Ortsgruppe Augsburg", "Active", "01.01.2020", "1"],
    ["Isar Netzwerke GmbH", "München", "Ortsgruppe München-Nord", "Active", "01.01.2020", "1"],
    ["Lech Systemhaus GmbH", "München", "Ortsgruppe Augsburg", "Active", "01.01.2020", "1"],
]


def _localised(table):
    return [[*row[:3], de(row[3]), *row[4:]] for row in table]


@pytest.fixture
def candidate(group_b):
    return f.CompanyFactory(
        name="Kandidat Bits GmbH",
        city="Augsburg",
        home_group=group_b,
        status=CompanyStatus.CANDIDATE,
        member_since=None,
    )


def _companies():
    return list(Company.objects.order_by("pk").values())


def _history():
    return list(
        CompanyStatusChange.objects.order_by("pk").values_list("company__name", "to_status")
    )


# ---------------------------------------------------------------- list


def test_company_list_shows_every_company_in_any_status(cast, office_client, candidate):
    response = office_client.get("/office/companies/")
    assert rows(response, "companies") == _localised(
        [
            *ACTIVE_ROWS[:3],
            ["Kandidat Bits GmbH", "Augsburg", "Ortsgruppe Augsburg", "Candidate", "", "0"],
            *ACTIVE_ROWS[3:],
        ]
    )


def test_company_list_filters_by_status(cast, office_client, candidate):
    response = office_client.get("/office/companies/?status=candidate")
    assert [row[0] for row in rows(response, "companies")] == ["Kandidat Bits GmbH"]


def test_company_list_searches_name_and_city(cast, office_client, candidate):
    by_name = office_client.get("/office/companies/?q=lech")
    by_city = office_client.get("/office/companies/?q=augsb")
    assert (
        [row[0] for row in rows(by_name, "companies")],
        [row[0] for row in rows(by_city, "companies")],
    ) == (["Lech Systemhaus GmbH"], ["Kandidat Bits GmbH"])


def test_company_list_without_match_says_so(cast, office_client):
    response = office_client.get("/office/companies/?q=nirgendwo")
    assert (
        rows(response, "companies"),
        de("No companies match.") in response.content.decode(),
    ) == (None, True)


# ---------------------------------------------------------------- create


def _new(group, **changes):
    return {
        "name": "Rhein Systemhaus GmbH",
        "street": "Domstraße 1",
        "postal_code": "50667",
        "city": "Köln",
        "region": "Rheinland",
        "website": "https://rhein.example",
        "description": "Netzwerke",
        "employees": "22",
        "member_since": "2024-05-01",
        "status": "active",
        "home_group": group.pk,
        **changes,
    }


def test_company_create_form_has_no_revenue_and_offers_only_regional_groups(
    cast, office_client, working_group
):
    response = office_client.get("/office/companies/new/")
    assert (
        "annual_revenue" in response.context["form"].fields,
        options(response, "id_status"),
        options(response, "id_home_group"),
    ) == (
        False,
        [de("Candidate"), de("Active")],
        ["---------", "Ortsgruppe Augsburg", "Ortsgruppe München-Nord"],
    )


def test_company_create_enters_an_active_company_and_logs(cast, office, office_client, group_b):
    response = office_client.post("/office/companies/new/", _new(group_b))
    company = Company.objects.get(name="Rhein Systemhaus GmbH")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/office/companies/{company.code}/",
    )
    assert (
        company.status,
        company.home_group,
        company.city,
        company.employees,
        company.member_since,
        company.annual_revenue,
    ) == ("active", group_b, "Köln", 22, datetime.date(2024, 5, 1), None)
    change = company.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("", "active", office)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "company.create",
        office,
        company.code,
        {
            "name": "Rhein Systemhaus GmbH",
            "street": "Domstraße 1",
            "postal_code": "50667",
            "city": "Köln",
            "region": "Rheinland",
            "website": "https://rhein.example",
            "description": "Netzwerke",
            "employees": 22,
            "member_since": "2024-05-01",
            "home_group": "Ortsgruppe Augsburg",
            "status": "active",
        },
    )


def test_company_create_candidate_ignores_a_full_network(cast, office_client, network, group_a):
    network.member_cap = 4
    network.save()
    office_client.post("/office/companies/new/", _new(group_a, status="candidate", member_since=""))
    assert Company.objects.get(name="Rhein Systemhaus GmbH").status == "candidate"


@pytest.mark.parametrize(
    ("setup", "changes", "message"),
    [
        (None, {"name": ""}, lambda g: de("This field is required.")),
        (None, {"website": "kein link"}, lambda g: de("Enter a valid URL.")),
        (
            None,
            {"employees": "-1"},
            lambda g: (
                de("Ensure this value is greater than or equal to %(limit_value)s.")
                % {"limit_value": 0}
            ),
        ),
        (
            None,
            {"status": "expelled"},
            lambda g: (
                de("Select a valid choice. %(value)s is not one of the available choices.")
                % {"value": "expelled"}
            ),
        ),
        (
            "network_full",
            {},
            lambda g: de("The network is full: all %(cap)d places are taken.") % {"cap": 4},
        ),
        (
            "group_closed",
            {},
            lambda g: de("%(group)s is closed to new companies.") % {"group": g.name},
        ),
        (
            "group_full",
            {},
            lambda g: (
                de("%(group)s is full (%(capacity)d companies).") % {"group": g.name, "capacity": 2}
            ),
        ),
        (
            "working_group",
            {},
            lambda g: de("Select a valid choice. That choice is not one of the available choices."),
        ),
    ],
    ids=[
        "empty-name",
        "bad-website",
        "negative-employees",
        "expelled-status",
        "network-full",
        "closed-group",
        "full-group",
        "working-group-as-home",
    ],
)
def test_company_create_bad_input_shows_message_changes_nothing(
    cast, office_client, network, group_a, working_group, setup, changes, message
):
    group = working_group if setup == "working_group" else group_a
    if setup == "network_full":
        network.member_cap = Company.objects.filter(status="active").count()
        network.save()
    elif setup in ("group_closed", "group_full"):
        group_a.is_closed = setup == "group_closed"
        group_a.capacity = 2
        group_a.save()
    before = (_companies(), _history())
    response = office_client.post("/office/companies/new/", _new(group, **changes))
    assert (response.status_code, errors(response)) == (200, [message(group)])
    assert ((_companies(), _history()), AuditEntry.objects.count()) == (before, 0)


# ---------------------------------------------------------------- manage: the page


def _url(company):
    return f"/office/companies/{company.code}/"


def test_company_manage_shows_summary_history_and_people(cast, office, company_a):
    change_company_status(
        company=company_a, status="suspended", reason="Beitrag offen", actor=office
    )
    change = CompanyStatusChange.objects.get()
    CompanyStatusChange.objects.filter(pk=change.pk).update(
        changed_at=datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
    )
    response = client_for(office).get(_url(company_a))
    assert text(response, "company-summary") == " · ".join(
        [
            de("Suspended"),
            "Ortsgruppe München-Nord",
            de("member since %(since)s") % {"since": "01.01.2020"},
        ]
    )
    assert rows(response, "status-history") == [
        ["01.03.2026 13:00", de("Active"), de("Suspended"), "Beitrag offen", "office@example.org"]
    ]
    assert items(response, "company-people") == [
        "Huber, Klaus · Geschäftsführer",
        f"Huber, Maria · Geschäftsführer {de('company admin')}",
    ]
    assert options(response, "id_status-status") == [de("Active"), de("Resigned"), de("Expelled")]


def test_company_manage_expelled_company_offers_no_status_change(cast, office_client):
    company = f.CompanyFactory(name="Raus GmbH", status=CompanyStatus.EXPELLED, home_group=None)
    response = office_client.get(_url(company))
    assert (text(response, "status-final"), rows(response, "status-history")) == (
        de("%(status)s is final: the status cannot change any more.") % {"status": de("Expelled")},
        [[de("No status changes recorded.")]],
    )


# ---------------------------------------------------------------- manage: profile

PROFILE_FIELDS = [
    "name",
    "street",
    "postal_code",
    "city",
    "region",
    "website",
    "description",
    "employees",
    "member_since",
    "home_group",
]


def _profile(company, **changes):
    data = {name: getattr(company, name) for name in PROFILE_FIELDS}
    data["home_group"] = company.home_group_id
    data["member_since"] = company.member_since.isoformat()
    data.update(changes)
    return {"action": "profile", **{k: "" if v is None else v for k, v in data.items()}}


def test_company_manage_profile_saves_and_logs(cast, office, office_client, company_a, group_b):
    response = office_client.post(
        _url(company_a),
        _profile(
            company_a,
            city="Freising",
            employees="35",
            home_group=group_b.pk,
        ),
    )
    assert (response.status_code, response["Location"]) == (302, _url(company_a))
    company_a.refresh_from_db()
    assert (company_a.city, company_a.employees, company_a.home_group) == ("Freising", 35, group_b)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "company.update",
        office,
        company_a.code,
        {
            "city": ["München", "Freising"],
            "employees": [20, 35],
            "home_group": ["Ortsgruppe München-Nord", "Ortsgruppe Augsburg"],
        },
    )


@pytest.mark.parametrize(
    ("setup", "changes", "message"),
    [
        (None, {"name": ""}, lambda: de("This field is required.")),
        (
            "group_closed",
            {},
            lambda: de("%(group)s is closed to new companies.") % {"group": "Ortsgruppe Augsburg"},
        ),
        (
            "group_full",
            {},
            lambda: (
                de("%(group)s is full (%(capacity)d companies).")
                % {"group": "Ortsgruppe Augsburg", "capacity": 2}
            ),
        ),
    ],
    ids=["empty-name", "closed-group", "full-group"],
)
def test_company_manage_profile_bad_input_changes_nothing(
    cast, office_client, company_a, group_b, setup, changes, message
):
    if setup:
        group_b.is_closed = setup == "group_closed"
        group_b.capacity = 2
        group_b.save()
    before = _companies()
    response = office_client.post(
        _url(company_a), _profile(company_a, home_group=group_b.pk, **changes)
    )
    assert (response.status_code, errors(response)) == (200, [message()])
    assert (_companies(), AuditEntry.objects.count()) == (before, 0)


# ---------------------------------------------------------------- manage: status


def test_company_manage_status_change_records_history_and_logs(
    cast, office, office_client, company_a
):
    response = office_client.post(
        _url(company_a),
        {
            "action": "status",
            "status-status": "suspended",
            "status-reason": "Beitrag offen",
        },
    )
    assert (response.status_code, response["Location"]) == (302, _url(company_a))
    company_a.refresh_from_db()
    assert company_a.status == "suspended"
    change = company_a.status_changes.get()
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        "active",
        "suspended",
        "Beitrag offen",
        office,
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "company.status",
        office,
        company_a.code,
        {"status": ["active", "suspended"], "reason": "Beitrag offen"},
    )


@pytest.mark.parametrize(
    ("status", "target", "message"),
    [
        (
            "expelled",
            "active",
            lambda: (
                de("A company cannot go from %(old)s to %(new)s.")
                % {"old": de("Expelled"), "new": de("Active")}
            ),
        ),
        (
            "active",
            "candidate",
            lambda: (
                de("A company cannot go from %(old)s to %(new)s.")
                % {"old": de("Active"), "new": de("Candidate")}
            ),
        ),
        (
            "candidate",
            "active",
            lambda: de("The network is full: all %(cap)d places are taken.") % {"cap": 4},
        ),
        (
            "candidate",
            "founder",
            lambda: (
                de("Select a valid choice. %(value)s is not one of the available choices.")
                % {"value": "founder"}
            ),
        ),
    ],
    ids=["expelled-to-active", "active-to-candidate", "network-full", "unknown-status"],
)
def test_company_manage_status_change_refused_changes_nothing(
    cast, office_client, network, group_b, status, target, message
):
    network.member_cap = 4  # the cast's four active companies
    network.save()
    company = f.CompanyFactory(name="Wechsel GmbH", status=status, home_group=group_b)
    before = (_companies(), _history())
    response = office_client.post(_url(company), {"action": "status", "status-status": target})
    assert (response.status_code, errors(response)) == (200, [message()])
    assert ((_companies(), _history()), AuditEntry.objects.count()) == (before, 0)
