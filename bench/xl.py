"""Size XL (BNI scale, SPEC section 12) for the attendance rule only, built in SQL.

11,000 groups of 30 people (330,000), a year of weekly meetings (50 held, 4 ahead) and a
register for every held meeting: 15,642,000 attendance records. Only the tables the rule
reads are filled (groups, people, memberships, meetings, attendance) - no companies, no
logins, no roles, so the rule stores its notices but renders no mail.

The rows are made by PostgreSQL itself (INSERT … SELECT over generate_series), which is
far faster than sending them from Python. The attendance table's secondary indexes and its
unique constraint are dropped for the load and rebuilt afterwards, and foreign keys are not
checked row by row (session_replication_role = replica): the ids are consistent by
construction. Statuses come from a hash of (meeting, person), so every run builds the same
data for the same day; one person in twenty misses often.

`fraction=N` builds the first 1/N of the groups, for a quick look or a slow machine.
"""

from __future__ import annotations

import datetime
import time

from django.db import connection
from django.utils import timezone

from verbund.common.demo import data
from verbund.common.demo.meetings import last_meeting_fridays
from verbund.network.models import Network

GROUPS = 11_000
PER_GROUP = 30
HELD, AHEAD = 50, 4  # a year of weekly meetings less two holiday weeks; four ahead
# Members 27, 28 and 29 of each group joined during the year, at these held meetings.
JOINERS = {27: 13, 28: 26, 29: 39}
TABLE = "meetings_attendancerecord"

# Per-mille thresholds, most people first: absent, excused, late, substitute, else present.
STATUS_SQL = """
    CASE
        WHEN h < a THEN 'absent'
        WHEN h < a + 60 THEN 'excused'
        WHEN h < a + 110 THEN 'late'
        WHEN h < a + 130 THEN 'substitute'
        ELSE 'present'
    END
"""


def _sql(statement: str, params: dict | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def generate_xl(fraction: int = 1) -> dict[str, int | str]:
    """Fill the empty database with XL (or 1/`fraction` of it); returns counts and timings."""
    groups = GROUPS // fraction
    last = last_meeting_fridays(timezone.localdate(), 1)[0]
    first = last - datetime.timedelta(weeks=HELD - 1)
    params = {"groups": groups, "per": PER_GROUP, "first": first, "weeks": HELD + AHEAD}
    timings: dict[str, float] = {}
    Network.objects.create(**data.NETWORK)
    _sql("SET session_replication_role = replica")
    _sql("SET maintenance_work_mem = '512MB'")
    try:
        for name, step in (
            ("groups", _groups),
            ("people", _people),
            ("memberships", _memberships),
            ("meetings", _meetings),
            ("attendance", _attendance),
        ):
            start = time.perf_counter()
            step(params)
            timings[name] = round(time.perf_counter() - start, 1)
    finally:
        _sql("SET session_replication_role = DEFAULT")
    start = time.perf_counter()
    _sql("VACUUM ANALYZE")
    timings["analyze"] = round(time.perf_counter() - start, 1)
    return {**_counts(), "seconds": str(timings)}


def _groups(params: dict) -> None:
    _sql(
        """
        INSERT INTO network_group (id, code, name, kind, description, region, is_closed,
                                   created_at)
        SELECT g, 'G' || lpad(g::text, 9, '0'), 'Chapter ' || g, 'regional', '',
               'Region ' || (g %% 100), false, now()
        FROM generate_series(1, %(groups)s) g
        """,
        params,
    )
    _restart("network_group")


def _people(params: dict) -> None:
    _sql(
        """
        INSERT INTO members_person (id, code, first_name, last_name, function, email,
            email_visibility, phone, phone_visibility, mobile, mobile_visibility, languages,
            expertise, photo, is_company_admin, created_at)
        SELECT p, 'P' || lpad(p::text, 9, '0'), 'Mitglied', 'Nummer ' || p, '', '',
               'members', '', 'members', '', 'group', '', '', '', false, now()
        FROM generate_series(1, %(groups)s * %(per)s) p
        """,
        params,
    )
    _restart("members_person")


def _joined_week_sql(k: str) -> str:
    """The held meeting (0-49) from which member `k` of a group is on the register."""
    cases = " ".join(f"WHEN {k} = {member} THEN {week}" for member, week in JOINERS.items())
    return f"(CASE {cases} ELSE 0 END)"


def _memberships(params: dict) -> None:
    _sql(
        f"""
        INSERT INTO network_groupmembership (joined_on, group_id, person_id)
        SELECT %(first)s::date + 7 * {_joined_week_sql("k")} - CASE WHEN k < 27 THEN 400
               ELSE 0 END, g, (g - 1) * %(per)s + k + 1
        FROM generate_series(1, %(groups)s) g, generate_series(0, %(per)s - 1) k
        """,
        params,
    )


def _meetings(params: dict) -> None:
    _sql(
        f"""
        INSERT INTO meetings_meeting (id, code, occurrence_date, title, starts_at, ends_at,
            venue, is_cancelled, cancel_reason, register_state, completed_at, checkin_code,
            minutes, group_id)
        SELECT id, 'M' || lpad(id::text, 10, '0'), day, 'Unternehmerfrühstück',
               (day + time '07:30') AT TIME ZONE 'Europe/Berlin',
               (day + time '09:30') AT TIME ZONE 'Europe/Berlin', '', false, '',
               CASE WHEN w < {HELD} THEN 'completed' ELSE 'draft' END,
               CASE WHEN w < {HELD} THEN (day + time '09:50') AT TIME ZONE 'Europe/Berlin' END,
               'C' || lpad(id::text, 10, '0'), '', g
        FROM generate_series(1, %(groups)s) g, generate_series(0, %(weeks)s - 1) w,
             LATERAL (SELECT (g - 1) * %(weeks)s + w + 1 AS id,
                             %(first)s::date + 7 * w AS day) m
        """,
        params,
    )
    _restart("meetings_meeting")


def _attendance(params: dict) -> None:
    """The register rows, loaded without the secondary indexes, which are rebuilt after."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            [TABLE],
        )
        constraints = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> %s",
            [TABLE, f"{TABLE}_pkey"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    _sql(
        f"""
        INSERT INTO {TABLE} (status, substitute_name, checked_in, recorded_at, person_id,
                             meeting_id)
        SELECT {STATUS_SQL}, '', false, now(), person, meeting
        FROM generate_series(1, %(groups)s) g, generate_series(0, {HELD - 1}) w,
             generate_series(0, %(per)s - 1) k,
             LATERAL (SELECT (g - 1) * %(per)s + k + 1 AS person,
                             (g - 1) * %(weeks)s + w + 1 AS meeting) ids,
             LATERAL (SELECT CASE WHEN person %% 20 = 0 THEN 80 ELSE 10 END AS a,
                             abs(hashint8(meeting::bigint * 1000003 + person)) %% 1000 AS h) draw
        WHERE w >= {_joined_week_sql("k")}
        """,
        params,
    )
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')


def _restart(table: str) -> None:
    """Move the id sequence past the ids given explicitly above."""
    _sql(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT coalesce(max(id), 1) FROM {table}))"
    )


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for name, table in (
            ("groups", "network_group"),
            ("people", "members_person"),
            ("memberships", "network_groupmembership"),
            ("meetings", "meetings_meeting"),
            ("attendance", TABLE),
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[name] = cursor.fetchone()[0]
    return counts
