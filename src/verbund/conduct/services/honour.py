"""Writes on the code of honour: publishing a version, a person accepting it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.permissions import require_perm
from verbund.conduct.models import CodeOfHonour, HonourAcceptance
from verbund.conduct.queries import current_code
from verbund.members.models import Person


@transaction.atomic
def publish_code(*, text_de: str, text_en: str, actor: Any) -> CodeOfHonour:
    """Publish the next version (office only). Everyone bound by the code is asked to accept
    it at their next login. Side effect: audit entry."""
    require_perm(actor, "conduct.publish_code")
    text_de, text_en = text_de.strip(), text_en.strip()
    errors = {}
    if not text_de:
        errors["text_de"] = _("Please enter the German text.")
    if not text_en:
        errors["text_en"] = _("Please enter the English text.")
    if errors:
        raise ValidationError(errors)
    # The lock on the newest version keeps two publications from taking the same number.
    latest = CodeOfHonour.objects.select_for_update().aggregate(Max("version"))["version__max"]
    code = CodeOfHonour.objects.create(
        version=(latest or 0) + 1, text_de=text_de, text_en=text_en, published_by=actor
    )
    log_action(actor=actor, action="honour.publish", obj=code, changes={"version": code.version})
    return code


@transaction.atomic
def accept_code(*, person: Person, version: int, actor: Any) -> HonourAcceptance:
    """Record that `person` accepts `version`, which must be the current one (a page opened
    before a new version was published must not accept the old one). Accepting twice
    changes nothing. Side effect: audit entry (first time only)."""
    code = current_code()
    if code is None or code.version != version:
        message = _("A newer version of the code of honour has been published; please read it.")
        raise ValidationError({"version": message})
    acceptance, created = HonourAcceptance.objects.get_or_create(person=person, code=code)
    if created:
        log_action(
            actor=actor, action="honour.accept", obj=person, changes={"version": code.version}
        )
    return acceptance
