"""E-mail: one subject, text and HTML template per mail, rendered in the recipient's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def queue_mail(*, to: str, template: str, context: dict[str, Any], language: str = "de") -> None:
    """Send the mail once the current transaction commits (never for a rolled-back change)."""
    subject, text, html = render_mail(template, context, language)

    def send() -> None:
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send)
