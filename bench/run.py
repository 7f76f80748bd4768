"""Time the main pages, API lists and jobs against a generated network.

    python -m bench.run --size S|M [--repeat 30] [--keep] [--only referrals,value]
    python -m bench.run --size XL [--fraction 10] [--keep]      (PostgreSQL only)

Makes a fresh database (SQLite: a temporary file; PostgreSQL: if DATABASE_URL points at a
PostgreSQL server, the database `verbund_bench` on that server, created and dropped here),
migrates it, fills it with `bench.generate`, then requests each path `--repeat` times with
Django's test client as a logged-in member (the register page as the group's moderator,
the company matrix as the office), and prints p50/p95 in milliseconds and the number of
queries per request. The client runs the whole middleware stack in-process, so the time is
the server's time without network and web server. A member's attendance standing is
timed as a function call; the attendance rule over all groups runs three times (the first
run stores the notices and renders their mails into memory, the others find nothing new).
XL builds what the rule and the referrals need (`bench.xl`, `bench.xl_referrals`) in
`verbund_bench_xl` and times the rule and the referrals.
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
from urllib.parse import urlencode, urlsplit, urlunsplit

BENCH_DB = "verbund_bench"
XL_DB = "verbund_bench_xl"
RULE_RUNS = 3
# The directory's searches: a word, a word with a letter missing, a customer's need.
DIRECTORY_WORD = "Firewall"
DIRECTORY_TYPO = "Virtualsierung"
NEED = urlencode({"need": "Unser Kunde braucht eine neue Firewall und ein Backup der Server"})
# Referrals and their value (issue 8); the company matrix is the office's and the board's.
REFERRAL_TARGETS = [
    ("page: my referrals", "/referrals/", "member"),
    ("page: my referrals, given", "/referrals/?direction=given", "member"),
    ("page: my referrals, received", "/referrals/?direction=received", "member"),
    ("api: /referrals", "/api/v1/referrals", "member"),
    ("page: value", "/value/", "member"),
    ("api: /value", "/api/v1/value", "member"),
    ("page: value matrix (office)", "/value/matrix/", "office"),
    ("api: /value/matrix?by=company (office)", "/api/v1/value/matrix?by=company", "office"),
]


def fresh_database_url(name: str = BENCH_DB) -> tuple[str, Callable[[], None]]:
    """A DATABASE_URL for an empty database, and a function that removes it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return _fresh_postgres(url, name)
    folder = tempfile.mkdtemp(prefix="verbund-bench-")
    return f"sqlite:///{folder}/bench.sqlite3", lambda: shutil.rmtree(folder, ignore_errors=True)


def _fresh_postgres(url: str, name: str) -> tuple[str, Callable[[], None]]:
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))

    def run(sql: str) -> None:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(sql)

    run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    run(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "verbund.settings"
    os.environ["DATABASE_URL"] = database_url
    # The rule run queues notices by e-mail: render them, but keep them in memory.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def targets(group_code: str, meeting_code: str) -> list[tuple[str, str, str]]:
    """(label, path, who asks) of every request timed; the meeting is the group's latest
    past one (completed register, agenda, minutes)."""
    from django.urls import reverse

    meeting = {"code": meeting_code}
    return [
        ("page: group list", "/groups/", "member"),
        ("page: group detail", f"/groups/{group_code}/", "member"),
        ("page: company list", "/companies/", "member"),
        ("page: person list", "/people/", "member"),
        ("page: meeting", reverse("meetings:meeting_detail", kwargs=meeting), "member"),
        ("page: register (moderator)", reverse("meetings:register", kwargs=meeting), "moderator"),
        ("api: /groups", "/api/v1/groups", "member"),
        ("api: /companies", "/api/v1/companies", "member"),
        ("api: /people", "/api/v1/people", "member"),
        ("api: /groups/{code}/members", f"/api/v1/groups/{group_code}/members", "member"),
        ("api: /meetings?group={code}", f"/api/v1/meetings?group={group_code}", "member"),
        ("page: directory ?q=", f"/directory/?q={DIRECTORY_WORD}", "member"),
        ("api: /directory?q= (typo)", f"/api/v1/directory?q={DIRECTORY_TYPO}", "member"),
        ("api: /directory/who-can-help", f"/api/v1/directory/who-can-help?{NEED}", "member"),
        *REFERRAL_TARGETS,
    ]


def measure(client, path: str, repeat: int) -> dict:
    """p50/p95 of `repeat` requests after a warm-up, the time of the first (which fills
    caches, e.g. the network's value figures) and the queries of the second."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    response = client.get(path)
    first = (time.perf_counter() - start) * 1000
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries)  # now: the next request clears the connection's query log
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    note = "placeholder" if response.content.strip() == b"todo" else ""
    return {
        "status": response.status_code,
        "kb": f"{len(response.content) / 1024:.1f}",
        "queries": count,
        "first": f"{first:.1f}",
        "note": note,
        **percentiles(times),
    }


def percentiles(times: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(times), "p95": statistics.quantiles(times, n=20)[-1]}


def measure_call(call: Callable[[], object], repeat: int) -> dict:
    """Like `measure`, for a function (no HTTP): p50/p95 and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return {
        "status": "-",
        "kb": "-",
        "queries": len(queries),
        "first": "-",
        "note": "",
        **percentiles(times),
    }


def time_paths(
    users: dict[str, object], paths: list[tuple[str, str, str]], repeat: int
) -> list[tuple[str, dict]]:
    """Log in as each of `users` (by role) and measure each of `paths` (label, path, role)."""
    from django.conf import settings
    from django.test import Client, override_settings

    # The manifest storage needs `collectstatic`; a fresh checkout may not have run it.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        ALLOWED_HOSTS=["testserver"], STORAGES={**settings.STORAGES, "staticfiles": static}
    ):
        clients = {}
        for role, user in users.items():
            clients[role] = Client(raise_request_exception=False)
            clients[role].force_login(user)
        return [(label, measure(clients[who], path, repeat)) for label, path, who in paths]


def time_standing(user, group, repeat: int) -> tuple[str, dict]:
    """`standing(person, group)`: what a member's page shows about their attendance."""
    from verbund.meetings.queries import standing

    person = user.person
    return "query: standing(person, group)", measure_call(lambda: standing(person, group), repeat)


def time_rule(runs: int = RULE_RUNS) -> list[str]:
    """Run the attendance rule over all groups `runs` times; one line per run."""
    from django.core import mail
    from django.db import connection

    from verbund.meetings.services import evaluate_all_groups

    def count(execute, sql, params, many, context):  # unlike the query log, not capped at 9000
        queries.append(1)
        return execute(sql, params, many, context)

    lines = []
    for number in range(1, runs + 1):
        mail.outbox, queries = [], []
        with connection.execute_wrapper(count):
            start = time.perf_counter()
            notices = evaluate_all_groups()
            seconds = time.perf_counter() - start
        lines.append(
            f"rule run {number}: {seconds:.2f} s, {len(notices)} new notices, "
            f"{len(mail.outbox)} mails, {len(queries)} queries"
        )
    return lines


def print_table(rows: list[tuple[str, dict]]) -> None:
    print(
        f"{'what':40} {'status':>6} {'KB':>6} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'queries':>8}"
    )
    for label, row in rows:
        print(
            f"{label:40} {row['status']:>6} {row['kb']:>6} {row['first']:>9} {row['p50']:>8.1f} "
            f"{row['p95']:>8.1f} {row['queries']:>8}  {row['note']}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["S", "M", "XL"], default="S")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--fraction", type=int, default=1, help="XL: build 1/N of the groups (and rows)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--only", default="", help="time only the paths whose label has one of these (a,b)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 2:
        parser.error("--repeat needs at least 2 requests for percentiles")
    if args.size == "XL":
        if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            parser.error("--size XL needs DATABASE_URL=postgres://… (PostgreSQL only)")
        return run_xl(args.fraction, args.repeat, keep=args.keep)

    url, remove = fresh_database_url()
    try:
        started = time.perf_counter()
        setup_django(url)
        from bench import generate as bench
        from verbund.accounts.models import User
        from verbund.meetings.models import Meeting
        from verbund.network.models import Group

        migrated = time.perf_counter()
        user = bench.generate(bench.SIZES[args.size])
        analyze()
        generated = time.perf_counter()
        vendor = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        print(f"size {args.size} on {vendor}: {bench.summary()}")
        print(
            f"migrate {migrated - started:.1f} s, generate {generated - migrated:.1f} s, "
            f"{args.repeat} requests per path"
        )
        group = Group.objects.filter(memberships__person__user=user, kind="regional").get()
        meeting = Meeting.objects.filter(group=group, register_state="completed").latest(
            "starts_at"
        )
        logins = {"moderator": bench.BENCH_MODERATOR_EMAIL, "office": bench.BENCH_OFFICE_EMAIL}
        users = {"member": user, **{k: User.objects.get(email=v) for k, v in logins.items()}}
        words = args.only.split(",")
        paths = [t for t in targets(group.code, meeting.code) if any(w in t[0] for w in words)]
        rows = time_paths(users, paths, args.repeat)
        print_table([*rows, time_standing(user, group, args.repeat)])
        print("\n".join(time_rule()))
    finally:
        finish(url, remove, keep=args.keep)


def analyze() -> None:
    """Fresh statistics on PostgreSQL, as autovacuum would gather soon after a bulk load:
    without them the planner guessed 6,000 referrals for 50,000 at M."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def finish(url: str, remove: Callable[[], None], *, keep: bool) -> None:
    """Drop the bench database, or say where it is kept."""
    if keep:
        print(f"kept: DATABASE_URL={url}", file=sys.stderr)
    else:
        from django.db import connections

        connections.close_all()
        remove()


def run_xl(fraction: int, repeat: int, *, keep: bool) -> None:
    """Build XL (or 1/`fraction` of it) in `verbund_bench_xl` and time the rule over it."""
    url, remove = fresh_database_url(XL_DB)
    try:
        started = time.perf_counter()
        setup_django(url)
        from bench.xl import generate_xl
        from bench.xl_referrals import generate_xl_referrals, time_xl_referrals

        migrated = time.perf_counter()
        counts = generate_xl(fraction)
        generated = time.perf_counter()
        print(f"size XL/{fraction} on PostgreSQL: {counts}")
        print(f"migrate {migrated - started:.1f} s, generate {generated - migrated:.1f} s")
        print("\n".join(time_rule()))
        print(f"referrals: {generate_xl_referrals(fraction)}")
        print_table(time_xl_referrals(repeat))
    finally:
        finish(url, remove, keep=keep)


if __name__ == "__main__":
    main()
