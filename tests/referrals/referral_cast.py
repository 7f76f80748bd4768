"""The referral cast on top of tests/conftest.py, imported by the referral tests.

- member (Maria Huber, company A, group A, company admin): the giver
- receiver (Rita Berger, company B, group B, no admin): the receiving person
- member2 (company B, company admin): sees company B's record without the customer
- colleague (company A, no admin), moderator (group A), board, office, guest, outsider
  (a member of a third group): 404
"""

import pytest

from tests import factories as f
from tests.conftest import _person
from verbund.referrals.services import pass_referral

CUSTOMER = {
    "customer_name": "Dr. Eva Kunde",
    "customer_company": "Kunde & Söhne KG",
    "customer_email": "eva@kunde.example",
    "customer_phone": "+49 89 555 0101",
}
NEED = "Braucht ein neues Netzwerk für 40 Arbeitsplätze."


@pytest.fixture
def receiver(company_b, group_b):
    return _person(company_b, group_b, "receiver@example.org", "Rita", "Berger").user


@pytest.fixture
def outsider(network):
    group = f.GroupFactory(name="Ortsgruppe Passau", region="Niederbayern")
    company = f.CompanyFactory(name="Ilz IT GmbH", home_group=group)
    return _person(
        company, group, "outsider@example.org", "Otto", "Fern", is_company_admin=True
    ).user


@pytest.fixture
def referral(member, receiver):
    return pass_referral(
        actor=member,
        kind="introduction",
        need=NEED,
        temperature=4,
        parties=[(receiver.person, "receiver", None)],
        **CUSTOMER,
    )
