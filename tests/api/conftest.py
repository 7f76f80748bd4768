"""Helpers for the API tests: clients by session or token, and the messages as users read them."""

import json

from django.test import Client
from django.utils import translation

from tests.conftest import client_for
from verbund.accounts.services import create_api_token

API = "/api/v1"


def de(text: str) -> str:
    """`text` as a German-speaking user reads it (the cast's language is German)."""
    with translation.override("de"):
        return translation.gettext(text)


def unauthenticated_body() -> dict:
    return {"message": de("Authentication required: log in or send a valid API token.")}


def forbidden_body() -> dict:
    return {"message": de("You do not have permission for this.")}


def not_found_body() -> dict:
    return {"message": de("Not found.")}


def token_for(user) -> str:
    """A fresh personal access token of `user`, as the profile page creates it."""
    _token, raw = create_api_token(user=user, name="Test", actor=user)
    return raw


def token_client(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def get(user, path: str):
    """GET an API path as `user` (by session; anonymous for None)."""
    return client_for(user).get(API + path)


def warm_client(user) -> Client:
    """A logged-in client that has made one request already, so the per-session set-up
    (allauth's session record) is done and a query count measures the API call alone."""
    client = client_for(user)
    client.get(API + "/me")
    return client


def patch(client: Client, path: str, data: dict, **extra):
    return client.patch(API + path, data=json.dumps(data), content_type="application/json", **extra)
