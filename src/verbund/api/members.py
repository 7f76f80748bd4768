"""API: companies, people and the caller's own profile."""

from ninja import Router

router = Router(tags=["members"])
