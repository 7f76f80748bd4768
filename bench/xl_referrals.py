"""XL referrals (SPEC section 12: 1 M referrals), built in SQL on top of `bench.xl`, and their
timings.

BNI has one member per business, so every XL person gets a one-person company (330,000,
active, in the person's group, its CEO and admin). 1,000,000 referrals are spread evenly
over the last year (XL's year of meetings), so every one of them is in the value page's
window: 80 % to another member of the giver's group, 2.4 % joint deals of two in a group (50/50),
22 % tips; a quarter won with closed business; the final status change only. The bench member
(person 1, the first of group 1) gives 75 and receives 75 of them; the office gets a login.
The rows come from `generate_series` and hashes of the referral's number, like `bench.xl`,
through one planning table, with foreign keys not checked row by row.
"""

from __future__ import annotations

import time

from django.db import connection

from verbund.common.demo import referrals as demo

REFERRALS = 1_000_000
MEMBER = 1  # the bench member's person (and company) id
OWN = 75  # referrals the bench member gives, and receives
PLAN = "bench_xl_referral_plan"
# Per cent thresholds of the final status.
STATUS_SQL = """
    CASE
        WHEN s < 25 THEN 'won' WHEN s < 43 THEN 'lost' WHEN s < 55 THEN 'no_fit'
        WHEN s < 70 THEN 'new' WHEN s < 80 THEN 'contacted' WHEN s < 92 THEN 'in_talks'
        ELSE 'offer'
    END
"""


def _sql(statement: str, params: dict | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def generate_xl_referrals(fraction: int = 1) -> dict[str, int | str]:
    """Companies, referrals, parties, closed business and status changes for XL (or
    1/`fraction` of the referrals, for the groups `generate_xl(fraction)` made)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM members_person")
        people = cursor.fetchone()[0]
    params = {"people": people, "n": REFERRALS // fraction, "every": REFERRALS // fraction // OWN}
    params["needs"] = list(demo.NEEDS)
    timings: dict[str, float] = {}
    _sql("SET session_replication_role = replica")
    try:
        for name, step in (
            ("companies", _companies),
            ("plan", _plan),
            ("referrals", _referrals),
            ("parties", _parties),
            ("closed business", _closed),
        ):
            start = time.perf_counter()
            step(params)
            timings[name] = round(time.perf_counter() - start, 1)
    finally:
        _sql("SET session_replication_role = DEFAULT")
    _sql(f"DROP TABLE {PLAN}")
    start = time.perf_counter()
    _sql("VACUUM ANALYZE")
    timings["analyze"] = round(time.perf_counter() - start, 1)
    return {**_counts(), "seconds": str(timings)}


def _companies(params: dict) -> None:
    """One company per person, with the person as its admin."""
    _sql(
        """
        INSERT INTO members_company (id, code, name, street, postal_code, city, region,
            website, description, employees, annual_revenue, member_since, status, created_at,
            home_group_id, customer_sizes, public_finder, regions_served, external_key)
        SELECT p, 'C' || lpad(p::text, 9, '0'), 'Betrieb ' || p, '', '', '', '', '', '',
               e, e * (70000 + p %% 50 * 1000), DATE '2020-01-01', 'active', now(),
               (p - 1) / 30 + 1, '[]', false, '[]', ''
        FROM generate_series(1, %(people)s) p, LATERAL (SELECT 2 + p %% 40 AS e) size
        """,
        params,
    )
    _sql("UPDATE members_person SET company_id = id, is_company_admin = true")
    _sql(
        "SELECT setval(pg_get_serial_sequence('members_company', 'id'), "
        "(SELECT max(id) FROM members_company))"
    )


def _plan(params: dict) -> None:
    """Per referral: giver, receiver, a second partner, kind, status and dates (people are
    numbered 30 to a group, as `bench.xl` made them). Joint deals only within a group, where
    the two partners' places in the group differ by construction."""
    _sql(
        f"""
        CREATE UNLOGGED TABLE {PLAN} AS
        SELECT r, giver, receiver, second, kind, {STATUS_SQL} AS status, created,
               least(created + (2 + h %% 19) * interval '1 day', now()) AS changed, h
        FROM generate_series(1, %(n)s) r,
             LATERAL (SELECT abs(hashint8(r::bigint)) AS h) hash,
             LATERAL (SELECT r %% %(every)s = 0 AS gives, r %% %(every)s = 1 AS receives,
                             (h / 13) %% 10 < 8 AS inside) own,
             LATERAL (SELECT CASE WHEN gives THEN {MEMBER} ELSE 1 + h %% %(people)s END
                             AS giver) g,
             LATERAL (SELECT (giver - 1) / 30 AS grp, (giver - 1) %% 30 AS k,
                             1 + (h / 7) %% 29 AS o1, 1 + (h / 211) %% 28 AS o2) pos,
             LATERAL (SELECT
                CASE WHEN receives AND giver <> {MEMBER} THEN {MEMBER}
                     WHEN inside THEN grp * 30 + (k + o1) %% 30 + 1
                     ELSE (giver - 1 + 30 + (h / 17) %% (%(people)s - 30)) %% %(people)s + 1
                END AS receiver,
                grp * 30 + (k + 1 + (o1 - 1 + o2) %% 29) %% 30 + 1 AS second,
                CASE WHEN inside AND NOT receives AND (h / 19) %% 100 < 3 THEN 'joint_deal'
                     WHEN (h / 19) %% 100 < 25 THEN 'tip' ELSE 'introduction' END AS kind,
                (h / 23) %% 100 AS s,
                now() - (%(n)s - r + 1) * (interval '365 days' / %(n)s) AS created) draw
        """,
        params,
    )


def _referrals(params: dict) -> None:
    _sql(
        f"""
        INSERT INTO referrals_referral (id, code, kind, need, temperature, customer_name,
            customer_company, customer_email, customer_phone, status, created_at,
            status_changed_at, reminded_at, giver_id, giver_company_id, meeting_id)
        SELECT r, 'R' || lpad(r::text, 10, '0'), kind,
               (%(needs)s::text[])[1 + h %% cardinality(%(needs)s::text[])], 1 + h %% 5,
               'Kontakt ' || r, 'Kunde ' || (h %% 100000), 'kontakt' || r || '@kunde.example',
               '+49 89 ' || (100000 + h %% 900000), status, created, changed,
               CASE WHEN status IN ('new', 'contacted', 'in_talks', 'offer')
                         AND changed < now() - interval '14 days'
                    THEN changed + interval '14 days' END,
               giver, giver, NULL
        FROM {PLAN}
        """,
        params,
    )
    _sql(
        f"""
        INSERT INTO referrals_statuschange (from_status, to_status, note, changed_at,
                                            changed_by_id, referral_id)
        SELECT 'new', status, '', changed, NULL, r FROM {PLAN} WHERE status <> 'new'
        """
    )
    for table in ("referrals_referral", "referrals_statuschange"):
        _sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )


def _parties(params: dict) -> None:
    """The receiver (the lead of a joint deal, at 50 %), and a joint deal's subcontractor."""
    _sql(
        f"""
        INSERT INTO referrals_referralparty (role, share, company_id, person_id, referral_id)
        SELECT CASE WHEN kind = 'joint_deal' THEN 'lead' ELSE 'receiver' END,
               CASE WHEN kind = 'joint_deal' THEN 50 ELSE 100 END, receiver, receiver, r
        FROM {PLAN}
        UNION ALL
        SELECT 'subcontractor', 50, second, second, r FROM {PLAN} WHERE kind = 'joint_deal'
        """
    )


def _closed(params: dict) -> None:
    _sql(
        f"""
        INSERT INTO referrals_closedbusiness (value, thank_you, confirmed_at, confirmed_by_id,
                                              referral_id)
        SELECT 1000 + (h / 29) %% 1580 * 50, 'Vielen Dank!',
               least(changed + interval '2 hours', now()), receiver, r
        FROM {PLAN} WHERE status = 'won'
        """,
        params,
    )


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for name, table in (
            ("companies", "members_company"),
            ("referrals", "referrals_referral"),
            ("parties", "referrals_referralparty"),
            ("closed business", "referrals_closedbusiness"),
            ("status changes", "referrals_statuschange"),
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[name] = cursor.fetchone()[0]
    return counts


# ---------------------------------------------------------------- timings

HEAVY_REPEAT = 3  # the network-wide reads: seconds each at XL


def xl_logins() -> dict[str, object]:
    """Logins for the bench member (person 1, in group 1) and a new office person."""
    import datetime

    from allauth.mfa.totp.internal.auth import TOTP

    from bench.generate import BENCH_EMAIL, BENCH_OFFICE_EMAIL
    from verbund.accounts.models import User
    from verbund.common.demo.logins import DEMO_TOTP_SECRET
    from verbund.members.models import Person
    from verbund.network.models import NetworkRole, NetworkRoleKind

    member = User.objects.create(email=BENCH_EMAIL, password="!")
    Person.objects.filter(pk=MEMBER).update(user=member)
    office = User.objects.create(email=BENCH_OFFICE_EMAIL, password="!")
    TOTP.activate(office, DEMO_TOTP_SECRET)
    person = Person.objects.create(
        code="XLOFFICE01", first_name="Büro", last_name="Verbund", function="Geschäftsstelle"
    )
    Person.objects.filter(pk=person.pk).update(user=office)
    NetworkRole.objects.create(
        person=person, kind=NetworkRoleKind.OFFICE, starts_on=datetime.date(2025, 1, 1)
    )
    return {"member": member, "office": office}


def time_xl_referrals(repeat: int) -> list[tuple[str, dict]]:
    """The member's referral pages and API `repeat` times; the value and the matrices, which
    read the whole network, HEAVY_REPEAT times. Not the value page: its group matrix would
    list 11,000 groups by 11,000 (see bench/README.md)."""
    from bench.run import REFERRAL_TARGETS, measure_call, time_paths
    from verbund.members.models import Company
    from verbund.referrals.flows import group_matrix
    from verbund.referrals.value import aggregate, company_value, member_companies, window_for

    users = xl_logins()
    own = [t for t in REFERRAL_TARGETS if "referrals" in t[0]]
    heavy = [t for t in REFERRAL_TARGETS if t not in own and t[0] != "page: value"]
    rows = time_paths(users, own, repeat) + time_paths(users, heavy, HEAVY_REPEAT)
    window = window_for()
    company = Company.objects.get(pk=MEMBER)
    group = member_companies(company.home_group)
    return [
        *rows,
        (
            "query: company_value (card)",
            measure_call(lambda: company_value(company, window), repeat),
        ),
        ("query: aggregate(home group)", measure_call(lambda: aggregate(group, window), repeat)),
        ("query: group_matrix", measure_call(lambda: group_matrix(window), HEAVY_REPEAT)),
    ]
