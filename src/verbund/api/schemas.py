"""Small schemas shared by the routers."""

from ninja import Schema


class Ref(Schema):
    """A reference to another object: its opaque code (for its own path) and its name."""

    code: str
    name: str
