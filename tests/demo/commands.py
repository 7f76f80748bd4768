"""Running a management command in English and reading what it printed."""

from io import StringIO

from django.core.management import call_command
from django.utils import translation


def run(*args: str) -> str:
    """Run a command in English and return what it printed."""
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()
