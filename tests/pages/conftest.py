"""Fixtures for the member-facing pages on top of the cast (tests/conftest.py)."""

import pytest

from tests import factories as f
from verbund.members.models import CompanyStatus


@pytest.fixture
def candidate(group_b):
    """A candidate company with one person: present, but no member may see it."""
    company = f.CompanyFactory(
        name="Kandidat Bits GmbH", home_group=group_b, status=CompanyStatus.CANDIDATE
    )
    f.PersonFactory(company=company, first_name="Karl", last_name="Kandidat", user=None)
    return company
