"""Running service calls at the same moment in real concurrent transactions (PostgreSQL)."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

postgres_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="races run on PostgreSQL only",
)


def run_concurrently(*calls):
    """Run each call in its own thread and transaction, started together; return outcomes
    ("ok" or the refusal's message dict, in English)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            with translation.override("en"):
                call()
            outcomes[index] = "ok"
        except ValidationError as error:
            outcomes[index] = error.message_dict
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
