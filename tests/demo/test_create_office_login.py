"""`verbund create_office_login`: the first login of a real installation."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from verbund.network.queries import roles_of


def test_creates_office_login_and_sends_invitation(
    db, mailoutbox, capsys, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        call_command("create_office_login", "Leitung@Example.org", "Lena", "Leitner")
    from verbund.accounts.models import User

    user = User.objects.get(email="leitung@example.org")
    roles = roles_of(user)
    assert (roles.is_office, roles.person.full_name, user.has_usable_password()) == (
        True,
        "Lena Leitner",
        False,
    )
    assert (len(mailoutbox), mailoutbox[0].to) == (1, ["leitung@example.org"])
    assert capsys.readouterr().out == (
        "Office login leitung@example.org created; the invitation to set a password was sent.\n"
    )


def test_refuses_existing_login_and_changes_nothing(member, mailoutbox):
    from verbund.members.models import Person

    before = Person.objects.count()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("create_office_login", "member@example.org", "Max", "Muster")
    assert (str(error.value), Person.objects.count(), len(mailoutbox)) == (
        "A login with this e-mail address already exists.",
        before,
        0,
    )
