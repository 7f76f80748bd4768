"""Small schemas shared by the routers."""

from ninja import Schema


class Ref(Schema):
    """A reference to another object: its opaque code (for its own path) and its name."""

    code: str
    name: str


def enum(values: list[str]) -> dict:
    """`Field(..., **enum(values))`: documented as an enum in the schema but checked by the
    services, so a wrong value gets their translated message (422) naming the field."""
    return {"json_schema_extra": {"enum": values}}
