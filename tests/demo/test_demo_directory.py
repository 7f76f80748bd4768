"""The issue's check, over the whole demo: a word of a company's name with a letter missing
still finds it (the suite runs this on SQLite and on PostgreSQL)."""

from django.test import Client

from verbund.accounts.models import User
from verbund.members.models import MEMBER_STATUSES, Company


def _typo(name: str) -> str:
    """The name's longest word (as written, between spaces) with its third letter removed."""
    word = max(name.split(), key=len)
    return word[:2] + word[3:]


def test_every_demo_company_is_found_with_a_letter_missing(db, demo):
    client = Client()
    client.force_login(User.objects.get(email="member@verbund.example"))
    missed = []
    companies = Company.objects.filter(status__in=MEMBER_STATUSES)
    for company in companies.order_by("name"):
        query = _typo(company.name)
        response = client.get("/api/v1/directory", {"q": query, "page_size": 100})
        if company.code not in [item["code"] for item in response.json()["items"]]:
            missed.append((company.name, query))
    assert (companies.count(), missed) == (56, [])
