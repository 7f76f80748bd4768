"""Admission mails leave through Django's SMTP backend and arrive at a real SMTP server."""

import pytest

from tests.admissions.conftest import ApplicationFactory
from tests.pages.html import de
from verbund.admissions.models import Stage
from verbund.admissions.services import admit

pytestmark = pytest.mark.django_db(transaction=True)


def test_admitted_persons_invitation_arrives_over_smtp(smtp_sink, candidate, office, member):
    application = ApplicationFactory(
        company=candidate, recommended_by=member.person, stage=Stage.VOTING
    )
    admit(application, actor=office)

    [(recipients, message)] = smtp_sink.messages
    assert recipients == ["neu@example.org"]
    assert message["Subject"] == de("Your login for %(network)s") % {"network": "Testnetz"}
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert text.splitlines()[0] == de("Hello %(name)s,") % {"name": "Nina Neu"}
    assert "/accounts/password/reset/key/" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="de">' in html
