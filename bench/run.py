"""Time the main pages and API lists against a generated network.

    python -m bench.run --size S|M [--repeat 30] [--keep]

Makes a fresh database (SQLite: a temporary file; PostgreSQL: if DATABASE_URL points at a
PostgreSQL server, the database `verbund_bench` on that server, created and dropped here),
migrates it, fills it with `bench.generate`, then requests each path `--repeat` times with
Django's test client as a logged-in member, and prints p50/p95 in milliseconds and the
number of queries per request. The client runs the whole middleware stack in-process, so the
time is the server's time without network and web server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

BENCH_DB = "verbund_bench"


def fresh_database_url() -> tuple[str, Callable[[], None]]:
    """A DATABASE_URL for an empty database, and a function that removes it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return _fresh_postgres(url)
    folder = tempfile.mkdtemp(prefix="verbund-bench-")
    return f"sqlite:///{folder}/bench.sqlite3", lambda: shutil.rmtree(folder, ignore_errors=True)


def _fresh_postgres(url: str) -> tuple[str, Callable[[], None]]:
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))

    def run(sql: str) -> None:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(sql)

    run(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    run(f"CREATE DATABASE {BENCH_DB}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}")), lambda: run(
        f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"
    )


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "verbund.settings"
    os.environ["DATABASE_URL"] = database_url
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def targets(group_code: str) -> list[tuple[str, str]]:
    """(label, path) of everything timed."""
    return [
        ("page: group list", "/groups/"),
        ("page: group detail", f"/groups/{group_code}/"),
        ("page: company list", "/companies/"),
        ("page: person list", "/people/"),
        ("api: /groups", "/api/v1/groups"),
        ("api: /companies", "/api/v1/companies"),
        ("api: /people", "/api/v1/people"),
        ("api: /groups/{code}/members", f"/api/v1/groups/{group_code}/members"),
    ]


def measure(client, path: str, repeat: int) -> dict:
    """p50/p95 of `repeat` requests after a warm-up, and the queries of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    count = len(queries)  # now: the next request clears the connection's query log
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    note = "placeholder" if response.content.strip() == b"todo" else ""
    return {
        "status": response.status_code,
        "kb": len(response.content) / 1024,
        "queries": count,
        "note": note,
        "p50": statistics.median(times),
        "p95": statistics.quantiles(times, n=20)[-1],
    }


def time_paths(user, group_code: str, repeat: int) -> list[tuple[str, dict]]:
    """Log in as `user` and measure every target."""
    from django.conf import settings
    from django.test import Client, override_settings

    # The manifest storage needs `collectstatic`; a fresh checkout may not have run it.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        ALLOWED_HOSTS=["testserver"], STORAGES={**settings.STORAGES, "staticfiles": static}
    ):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return [(label, measure(client, path, repeat)) for label, path in targets(group_code)]


def print_table(rows: list[tuple[str, dict]]) -> None:
    print(f"{'what':34} {'status':>6} {'KB':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, row in rows:
        print(
            f"{label:34} {row['status']:>6} {row['kb']:>6.1f} {row['p50']:>8.1f} "
            f"{row['p95']:>8.1f} {row['queries']:>8}  {row['note']}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["S", "M"], default="S")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    if args.repeat < 2:
        parser.error("--repeat needs at least 2 requests for percentiles")

    url, remove = fresh_database_url()
    try:
        started = time.perf_counter()
        setup_django(url)
        from bench.generate import SIZES, generate, summary
        from verbund.network.models import Group

        migrated = time.perf_counter()
        user = generate(SIZES[args.size])
        generated = time.perf_counter()
        vendor = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        print(f"size {args.size} on {vendor}: {summary()}")
        print(
            f"migrate {migrated - started:.1f} s, generate {generated - migrated:.1f} s, "
            f"{args.repeat} requests per path"
        )
        group = Group.objects.filter(memberships__person__user=user, kind="regional").get()
        print_table(time_paths(user, group.code, args.repeat))
    finally:
        if args.keep:
            print(f"kept: DATABASE_URL={url}", file=sys.stderr)
        else:
            from django.db import connections

            connections.close_all()
            remove()


if __name__ == "__main__":
    main()
