"""`verbund demo` on a database that is not empty, and `demo_logins` without the demo."""

import pytest
from django.core.management import CommandError

from tests import factories as f
from tests.demo.commands import run
from verbund.accounts.models import User
from verbund.members.models import Company, Person


def test_demo_if_empty_on_a_database_with_companies_does_nothing(db):
    f.CompanyFactory(name="Bestand IT GmbH")
    output = run("demo", "--if-empty")
    assert output == "The database already holds companies; no demo data added.\n"
    assert list(Company.objects.values_list("name", flat=True)) == ["Bestand IT GmbH"]
    assert (Person.objects.count(), User.objects.count()) == (0, 0)


def test_demo_without_if_empty_refuses_a_database_with_companies(db):
    f.CompanyFactory(name="Bestand IT GmbH")
    with pytest.raises(CommandError) as error:
        run("demo")
    assert str(error.value) == (
        "The database already holds companies; the demo fills only an empty database."
    )
    assert Company.objects.count() == 1


def test_demo_logins_on_a_database_without_demo_says_so(db):
    assert run("demo_logins") == "No demo logins in this database; run `verbund demo` first.\n"
