"""The demo network, built once per test module as of a fixed day."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from tests.demo.commands import run

# A Wednesday; the demo's meetings lie around "today", so a fixed day keeps every count exact.
DEMO_NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`verbund demo` run once for the module (a few seconds), rolled back afterwards.

    The clock stands still at DEMO_NOW for the whole module, for the build and the tests.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: DEMO_NOW)
        with django_db_blocker.unblock(), transaction.atomic():
            output = run("demo")
            yield output
            transaction.set_rollback(True)
