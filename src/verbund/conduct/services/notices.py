"""The conduct cases' e-mails. None carries a case's contents: a mail leaves Verbund, so it
names the case by its code and links to it; the page shows each reader what they may see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from verbund.admissions.queries import board_members
from verbund.common.mail import queue_mail
from verbund.conduct.models import CaseOutcome, CaseStage, ConductCase
from verbund.members.models import Person
from verbund.network.queries import get_network


def _send(people: Iterable[Person], template: str, case: ConductCase, **extra: Any) -> None:
    """One mail per person with a login, in that person's language."""
    network = get_network()
    path = reverse("conduct:case_detail", kwargs={"code": case.code})
    sent: set[int] = set()
    for person in people:
        user = person.user
        if user is None or user.pk in sent:
            continue
        sent.add(user.pk)
        context = {"person": person, "case": case, "network": network, "path": path, **extra}
        queue_mail(to=user.email, template=template, language=user.language, context=context)


def notify_board_of_filing(case: ConductCase) -> None:
    """The board learns that a case was filed (its code only); board members of the accused
    company are left out: the case is not theirs to see."""
    board = board_members().exclude(company_id=case.company_id).select_related("user")
    _send(board, "conduct/mail/case_filed", case)


def notify_filer(case: ConductCase) -> None:
    """Whoever filed the case learns its new stage: the status, nothing else (the label is
    lazy, so it is rendered in the filer's language)."""
    if case.filed_by is not None:
        _send([case.filed_by], "conduct/mail/case_stage", case, stage=CaseStage(case.stage).label)


def _accused(case: ConductCase) -> list[Person]:
    """The accused company's admins and the person concerned."""
    admins = Person.objects.filter(company_id=case.company_id, is_company_admin=True)
    people = list(admins.select_related("user").order_by("pk"))
    if case.person is not None:
        people.append(case.person)
    return people


def notify_accused_of_hearing(case: ConductCase) -> None:
    """The accused company's admins and the person concerned: the hearing is open until the
    deadline; what the case is about they read on the page."""
    _send(_accused(case), "conduct/mail/hearing", case)


def notify_accused_of_decision(case: ConductCase) -> None:
    """The accused, once heard, learn that the case is decided and its outcome (the label is
    lazy: rendered in each recipient's language); the rationale they read on the page. The
    caller sends this only for a case that had a hearing: before it, they never knew."""
    _send(_accused(case), "conduct/mail/decided", case, outcome=CaseOutcome(case.outcome).label)
