"""Account writes: language preference and personal access tokens."""

from __future__ import annotations

import hashlib
import secrets

from allauth.usersessions.models import UserSession
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.accounts.models import ApiToken, User
from verbund.common.audit import log_action

TOKEN_PREFIX = "vb_"


def hash_token(raw: str) -> str:
    """Return the stored form of a raw token."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str, actor: User) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it and the raw secret, which is shown once only."""
    if actor.pk != user.pk:
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Please give the token a name.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=raw[:10], token_hash=hash_token(raw)
    )
    log_action(actor=actor, action="api_token.create", obj=token, changes={"name": token.name})
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor: User) -> None:
    """Delete a token so it stops working at once. Side effect: audit entry."""
    if actor.pk != token.user_id:
        raise PermissionDenied
    log_action(actor=actor, action="api_token.revoke", obj=token, changes={"name": token.name})
    token.delete()


def authenticate_token(raw: str) -> User | None:
    """Return the active user a raw token belongs to, or None; records the last use."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def set_language(*, user: User, language: str, actor: User) -> None:
    """Store the user's language for pages and e-mails. Side effect: audit entry."""
    if language not in dict(User._meta.get_field("language").choices or []):
        raise ValidationError({"language": _("Please choose German or English.")})
    if user.language != language:
        log_action(
            actor=actor,
            action="user.language",
            obj=user,
            changes={"language": [user.language, language]},
        )
        user.language = language
        user.save(update_fields=["language"])


def end_sessions(user: User | None) -> None:
    """Log `user` out everywhere (allauth's session records): their next request must log in
    again, so a changed status (admitted, suspended, expelled, resigned) holds at once."""
    if user is None:
        return
    for session in UserSession.objects.filter(user=user):
        session.end()
