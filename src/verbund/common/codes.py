"""Opaque public identifiers: URLs never carry sequential primary keys."""

import secrets

from django.db import models

# Crockford-style alphabet without look-alikes, so a code read aloud is unambiguous.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_code(length: int = 10) -> str:
    """Return a random opaque code such as `k7m2q9xw4e`."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


class CodeField(models.CharField):
    """A unique opaque code filled on creation, used in URLs and the API instead of the pk."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", new_code)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("max_length", "unique", "editable", "default"):
            kwargs.pop(key, None)
        return name, path, args, kwargs
