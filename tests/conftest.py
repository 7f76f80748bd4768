"""The test cast: who may, who may not, and who is from elsewhere.

- office: the network office (TOTP set up)
- board: an advisory board member (TOTP set up), company in group B
- moderator: moderator of group A, member of A
- member: member of group A, company admin of `company_a`
- colleague: same company as `member`, not company admin
- member2: member of group B (another group), company admin of `company_b`
- guest: a guest who visited group A
- anonymous: not logged in
"""

import datetime
import shutil
import socket
import tempfile

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from tests import factories as f
from verbund.network.models import GroupKind, GroupRoleKind, NetworkRoleKind


@pytest.fixture(autouse=True)
def _media_root(settings):
    folder = tempfile.mkdtemp(prefix="verbund-media-")
    settings.MEDIA_ROOT = folder
    yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the network's language: a request in English (a user's
    preference, activated by the API's auth) must not leak into the next test's thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the tests' cache lives in the process, not in
    the database that is rolled back): rate counters and cached figures stay in their test."""
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def network(db):
    return f.NetworkFactory()


@pytest.fixture
def group_a(network):
    return f.GroupFactory(name="Ortsgruppe München-Nord", region="Oberbayern")


@pytest.fixture
def group_b(network):
    return f.GroupFactory(name="Ortsgruppe Augsburg", region="Schwaben")


@pytest.fixture
def working_group(network):
    return f.GroupFactory(name="AK Marketing & Vertrieb", kind=GroupKind.WORKING, region="")


@pytest.fixture
def company_a(group_a):
    return f.CompanyFactory(name="Alpen IT Service GmbH", home_group=group_a)


@pytest.fixture
def company_b(group_b):
    return f.CompanyFactory(name="Lech Systemhaus GmbH", home_group=group_b)


def _person(company, group, email, first, last, **extra):
    person = f.PersonFactory(
        company=company, user=f.UserFactory(email=email), first_name=first, last_name=last, **extra
    )
    if group is not None:
        f.GroupMembershipFactory(group=group, person=person)
    return person


@pytest.fixture
def member_person(company_a, group_a):
    return _person(
        company_a, group_a, "member@example.org", "Maria", "Huber", is_company_admin=True
    )


@pytest.fixture
def member(member_person):
    return member_person.user


@pytest.fixture
def colleague(company_a, group_a):
    return _person(company_a, group_a, "colleague@example.org", "Klaus", "Huber").user


@pytest.fixture
def moderator(group_a):
    company = f.CompanyFactory(name="Isar Netzwerke GmbH", home_group=group_a)
    person = _person(company, group_a, "moderator@example.org", "Stefan", "Eich")
    f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.MODERATOR)
    return person.user


@pytest.fixture
def member2(company_b, group_b):
    return _person(
        company_b, group_b, "member2@example.org", "Jonas", "Krenzke", is_company_admin=True
    ).user


@pytest.fixture
def board(group_b):
    company = f.CompanyFactory(name="Donau Datacenter AG", home_group=group_b)
    person = _person(company, group_b, "board@example.org", "Petra", "Lang")
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD)
    f.enable_totp(person.user)
    return person.user


@pytest.fixture
def office(network):
    person = f.PersonFactory(
        company=None,
        user=f.UserFactory(email="office@example.org"),
        first_name="Olga",
        last_name="Amt",
    )
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.OFFICE)
    f.enable_totp(person.user)
    return person.user


@pytest.fixture
def guest(group_a):
    visit = f.GuestVisitFactory(
        group=group_a,
        guest__person__user=f.UserFactory(email="guest@example.org"),
        visited_on=datetime.date(2026, 10, 2),
    )
    return visit.guest.person.user


@pytest.fixture
def cast(office, board, moderator, member, colleague, member2, guest):
    """Everyone at once, by name; `None` is the anonymous visitor."""
    return {
        "office": office,
        "board": board,
        "moderator": moderator,
        "member": member,
        "colleague": colleague,
        "member2": member2,
        "guest": guest,
        "anonymous": None,
    }


def client_for(user) -> Client:
    """A test client logged in as `user` (anonymous for None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


class _Inbox:
    """What the SMTP sink received: one parsed message per delivery."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on localhost; Django's SMTP backend delivers to it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port; aiosmtpd must know it before it starts
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()
