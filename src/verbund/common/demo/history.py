"""The demo's year of admissions, so the pipeline (`/applications/pipeline/`) has a past.

Seed 001 speaks of "fünf ernsthafte Kandidaten pro Monat" for 380 members; the demo's 60
companies see one to three guests a month and at most one application. Guests came to the
open groups' breakfasts, brought by a member; some of their companies applied. None was
admitted, since an admission would add a member and the demo keeps the seed's 60 companies:
the board rejected the vetoed ones, the others withdrew. Everything goes through the
services as the system, without mail; the services stamp "now", so the dates are set back
afterwards to when it happened (all well within the retention period).
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models

from verbund.admissions.models import (
    Application,
    BoardCase,
    BoardDecision,
    BoardVote,
    Guest,
    Stage,
    Vote,
    VoteChoice,
)
from verbund.admissions.pipeline import month_starts
from verbund.admissions.queries import board_members, conflicted_company_ids, eligible_voters
from verbund.admissions.services import (
    add_walk_in,
    cast_board_vote,
    cast_vote,
    close_vote,
    decide_board_case,
    open_vote,
    submit_application,
    withdraw_application,
)
from verbund.common.demo import data, names
from verbund.common.demo.meetings import GroupMeetings
from verbund.common.demo.plan import slug
from verbund.common.models import AuditEntry
from verbund.meetings.models import AttendanceStatus, Meeting, RegisterState
from verbund.members.models import Company, CompanyStatus, CompanyStatusChange, Person

BERLIN = ZoneInfo("Europe/Berlin")
MONTHS = 11  # the history; the current month belongs to the rest of the demo
GUESTS_PER_MONTH = (1, 2, 2, 3)
VISITS = (1, 1, 2, 3)  # a guest's breakfasts in a row; three reach the network's limit
# The guests' surnames, none of them a member's: their companies carry their names.
GUEST_SURNAMES = """
    Aschenbrenner Beham Deisenhofer Englmaier Feichtmayr Gerstl Hölzl Inninger Kammerloher
    Lanzinger Mittermaier Nußbaumer Ortner Pongratz Rottmair Sailer Straßer Tremmel Weinzierl
    Zacherl Fürholzer Gmeiner Höpfl Kreitmair Schwarzhuber Obermüller Rappl Hagn Wörle
    Häberle Stöckl Dengler Ganslmeier Kiermaier Lackner Rößle
""".split()  # noqa: SIM905 (a block of words reads better than a column)
# Months ago of an applicant's first visit → what became of the application.
APPLICANTS = {
    11: Stage.REJECTED,
    9: Stage.WITHDRAWN,
    7: Stage.REJECTED,
    5: Stage.WITHDRAWN,
    4: Stage.REJECTED,
    2: Stage.WITHDRAWN,
}
# Days from the second visit to the application and from it to a withdrawal; from the
# vote to the board's votes and to its decision.
APPLY_DAYS, WITHDRAW_DAYS, BOARD_VOTE_DAYS, DECIDE_DAYS = 3, 24, 6, 13
# A veto's reason and the board's rationale, one pair per rejected application.
VETOES = (
    (
        "Wir betreuen im selben Ort dieselben Arztpraxen; ich sehe keine Grundlage für "
        "vertrauliche Empfehlungen.",
        "Der Beirat hat mit beiden Seiten gesprochen. Die Überschneidung im Kundenkreis ist "
        "erheblich; eine Aufnahme in diese Gruppe würde sie belasten.",
    ),
    (
        "Ein gemeinsames Projekt endete 2024 mit offenen Rechnungen auf unserer Seite; das "
        "Vertrauen fehlt mir.",
        "Die offenen Forderungen aus dem gemeinsamen Projekt sind nicht geklärt. Der Beirat "
        "lehnt ab; nach einer Klärung ist ein neuer Antrag willkommen.",
    ),
    (
        "Beim zweiten Besuch wurden Kunden anderer Mitglieder angesprochen, bevor das "
        "Unternehmen aufgenommen war. Das passt nicht zu unserem Ehrenkodex.",
        "Kunden anderer Mitglieder anzusprechen widerspricht Punkt 2 des Ehrenkodex. Der "
        "Beirat lehnt die Aufnahme ab.",
    ),
)


def build_history(rng: random.Random, schedule: list[GroupMeetings], today: datetime.date) -> None:
    """Eleven months of guests and applications before `today`'s month."""
    groups = [  # a closed group takes no new companies, so it invites no candidates
        (spec, _held(entry, today))
        for spec, entry in zip(data.REGIONAL_GROUPS, schedule, strict=True)
        if not spec.closed
    ]
    taken = set(Person.objects.values_list("last_name", flat=True))
    vetoes = iter(VETOES)
    starts = month_starts(today, MONTHS + 1)
    for index, (start, end) in enumerate(itertools.pairwise(starts)):
        outcome = APPLICANTS.get(MONTHS - index)
        for number in range(rng.choice(GUESTS_PER_MONTH)):
            spec, held = rng.choice(groups)
            month = [m for m in held if start <= m.occurrence_date < end]
            if not month:  # holidays can take a month's only breakfast
                continue
            if outcome is not None and number == 0:  # early, to apply within the month
                ahead = held[held.index(month[0]) :]
                guest = _visit(rng, taken, spec, ahead[:2])
                _apply(rng, guest, spec, ahead, outcome, vetoes)
            else:
                first = held.index(rng.choice(month))
                _visit(rng, taken, spec, held[first : first + rng.choice(VISITS)])


def _held(entry: GroupMeetings, today: datetime.date) -> list[Meeting]:
    """The group's past meetings with a completed register, oldest first."""
    completed = {"register_state": RegisterState.COMPLETED, "is_cancelled": False}
    meetings = Meeting.objects.filter(group=entry.group, occurrence_date__lt=today, **completed)
    return list(meetings.select_related("group").order_by("occurrence_date"))


def _visit(
    rng: random.Random, taken: set[str], spec: data.RegionalGroupSpec, visits: list[Meeting]
) -> Guest:
    """A new guest, brought by someone at the first breakfast, who comes to `visits`."""
    last_name = rng.choice([name for name in GUEST_SURNAMES if name not in taken])
    taken.add(last_name)
    female = rng.random() < 0.35
    first_name = rng.choice(names.FEMALE_FIRST if female else names.MALE_FIRST)
    kind = rng.choice(list(names.COMPANY_KINDS))
    domain = f"{slug(last_name)}-{slug(kind)}.example"
    guest_data = {
        "first_name": first_name,
        "last_name": last_name,
        "email": f"{slug(first_name)}.{slug(last_name)}@{domain}",
        "phone": f"+49 {rng.choice(spec.places).area_code} {rng.randint(200000, 9899999)}",
        # Small IT firms often carry their founder's name.
        "company_name": f"{last_name} {kind} {rng.choice(names.LEGAL_FORMS)}",
    }
    # Not a demo login: their pages and credited guests stay as documented.
    present = Person.objects.filter(
        attendance__meeting=visits[0],
        attendance__status=AttendanceStatus.PRESENT,
        company__status=CompanyStatus.ACTIVE,
        user__isnull=True,
    )
    host = rng.choice(list(present.order_by("pk")))
    for meeting in visits:
        visit = add_walk_in(meeting=meeting, data=guest_data, actor=None, invited_by=host)
    # A walk-in is recorded on the day: the guest is as old as the first visit.
    when = _at(visits[0].occurrence_date, 9, 40)
    _set(Guest, visit.guest.pk, created_at=when)
    _set(Person, visit.guest.person_id, created_at=when)
    return visit.guest


def _apply(
    rng: random.Random,
    guest: Guest,
    spec: data.RegionalGroupSpec,
    ahead: list[Meeting],
    outcome: str,
    vetoes: Iterator[tuple[str, str]],
) -> None:
    """After the second visit (`ahead`: the group's breakfasts from the first one on) the
    guest's company applies, recommended by the host; it withdraws, or is vetoed at the vote
    two breakfasts later and the board rejects it."""
    kind = next(kind for kind in names.COMPANY_KINDS if f" {kind} " in guest.company_name)
    company = {
        "name": guest.company_name,
        "city": rng.choice(spec.places).city,
        "region": spec.region,
        "website": f"https://www.{guest.person.email.partition('@')[2]}",
        "description": names.COMPANY_KINDS[kind],
        "employees": rng.randint(4, 24),
    }
    application = submit_application(
        company_data=company,
        home_group=ahead[0].group,
        recommended_by=guest.invited_by,
        actor=None,
        guest=guest,
    )
    submitted = ahead[1].occurrence_date + datetime.timedelta(days=APPLY_DAYS)
    when = _at(submitted, 18, 15)  # the application, its candidate and its first status
    _set(Application, application.pk, created_at=when)
    _set(Company, application.company_id, created_at=when)
    CompanyStatusChange.objects.filter(company=application.company_id).update(changed_at=when)
    if outcome == Stage.WITHDRAWN:
        withdraw_application(application=application, actor=None)
        withdrawn = submitted + datetime.timedelta(days=WITHDRAW_DAYS)
        _set(Application, application.pk, decided_at=_at(withdrawn, 11, 5))
        return
    reason, rationale = next(vetoes)
    _vetoed(rng, application, ahead[3], ahead[-1], reason)
    _rejected(rng, application, ahead[3].occurrence_date, rationale)


def _vetoed(
    rng: random.Random, application: Application, meeting: Meeting, recent: Meeting, reason: str
) -> None:
    """Those present at `meeting` vote; one of them vetoes, which hands it to the board."""
    # open_vote takes only a meeting of the last eight weeks (a vote is opened when it is
    # due); this one was opened back then, so its meeting is set afterwards, like the dates.
    open_vote(application=application, meeting=recent, actor=None)
    _set(Application, application.pk, vote_meeting=meeting)
    opened = AuditEntry.objects.filter(action="application.voting", object_id=application.code)
    opened.update(changes={"stage": [Stage.SUBMITTED, Stage.VOTING], "meeting": str(meeting)})
    application.refresh_from_db()
    voters = list(eligible_voters(application).order_by("pk"))
    # Not the recommender, and not a demo login (whose votes the demo leaves to try out).
    vetoing = rng.choice(
        [p for p in voters if p.user_id is None and p.pk != application.recommended_by_id]
    )
    for person in voters:
        veto = person == vetoing
        choice, why = (VoteChoice.VETO, reason) if veto else (VoteChoice.YES, "")
        cast_vote(application=application, person=person, choice=choice, reason=why, actor=None)
    close_vote(application=application, actor=None, mail=False)
    day = meeting.occurrence_date
    Vote.objects.filter(application=application).update(cast_at=_at(day, 9, 5))
    _set(Application, application.pk, vote_closed_at=_at(day, 9, 20))
    BoardCase.objects.filter(application=application).update(opened_at=_at(day, 9, 20))


def _rejected(
    rng: random.Random, application: Application, voted_on: datetime.date, rationale: str
) -> None:
    """The board members without a conflict vote on successive evenings, one of them for
    admission when four or more vote (the board weighed the case); it rejects."""
    case = BoardCase.objects.get(application=application)
    conflicted = conflicted_company_ids(case)
    board = list(board_members().exclude(company_id__in=conflicted).order_by("pk"))
    dissent = rng.choice(board) if len(board) > 3 else None
    for number, person in enumerate(board):
        choice = BoardDecision.ADMIT if person == dissent else BoardDecision.REJECT
        vote = cast_board_vote(case=case, person=person, choice=choice, actor=None)
        cast = voted_on + datetime.timedelta(days=BOARD_VOTE_DAYS + number)
        _set(BoardVote, vote.pk, cast_at=_at(cast, 19, 30))
    decide_board_case(case=case, decision=BoardDecision.REJECT, rationale=rationale, actor=None)
    decided = voted_on + datetime.timedelta(days=DECIDE_DAYS)
    _set(BoardCase, case.pk, decided_at=_at(decided, 18, 0))
    _set(Application, application.pk, decided_at=_at(decided, 18, 0))


def _set(model: type[models.Model], pk: int, **fields: Any) -> None:
    """Set the past on a row (the services stamped it with "now")."""
    model._default_manager.filter(pk=pk).update(**fields)


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)
