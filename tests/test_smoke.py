from tests.conftest import client_for


def test_cast_roles_are_as_described(cast, group_a):
    from verbund.network.queries import roles_of

    office = roles_of(cast["office"])
    assert (office.is_office, office.is_board, office.is_member) == (True, False, False)
    assert roles_of(cast["board"]).is_board is True
    assert roles_of(cast["moderator"]).moderated_group_ids == frozenset({group_a.pk})
    assert roles_of(cast["guest"]).visited_group_ids == frozenset({group_a.pk})
    assert roles_of(cast["member2"]).group_ids != frozenset({group_a.pk})


def test_office_without_totp_is_sent_to_set_up(db, office):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=office).delete()
    response = client_for(office).get("/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/totp/activate/")
