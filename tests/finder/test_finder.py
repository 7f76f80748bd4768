"""The public partner finder: only opted-in active companies, only public fields, and a
request that reaches exactly the chosen companies' admins."""

from tests import factories as f
from tests.accounts.test_pages import InlineCode
from tests.conftest import client_for
from tests.pages.html import de, element, items, text
from verbund.common.models import AuditEntry
from verbund.directory.models import Lead, LeadRecipient
from verbund.directory.services import CONSENT_TEXT, reindex_company
from verbund.members.models import Company, CompanyStatus

NEED = "Wir brauchen eine Firewall"


def _codes(*names):
    return [Company.objects.get(name=name).code for name in names]


def _post(client, *names, **extra):
    data = {
        "companies": _codes(*names),
        "customer_name": "Clara Kundin",
        "customer_company": "Bäckerei Kundin",
        "customer_email": "clara@kundin.example",
        "customer_phone": "",
        "need": "Wir brauchen eine Firewall für drei Filialen.",
        "region": "",
        "searched_need": NEED,
        "searched_region": "",
        "consent": "on",
        "homepage": "",
    } | extra
    return client.post("/finder/", data)


def _nothing_stored():
    assert Lead.objects.count() == 0
    assert LeadRecipient.objects.count() == 0
    assert AuditEntry.objects.filter(action="lead.send").count() == 0


def _names(response):
    found = element(response, "finder-results")
    if found is None:
        return []
    return [label.text() for label in found.find_all("label")]


def test_finder_shows_only_opted_in_active_companies(finder_data):
    response = client_for(None).get("/finder/", {"need": NEED})
    # Isar Netzwerke matches too, but did not opt in.
    assert _names(response) == ["Alpen IT Service GmbH", "Lech Systemhaus GmbH"]


def test_finder_hides_opted_in_company_that_is_not_active(finder_data, company_b):
    Company.objects.filter(pk=company_b.pk).update(status=CompanyStatus.SUSPENDED)
    response = client_for(None).get("/finder/", {"need": NEED})
    assert _names(response) == ["Alpen IT Service GmbH"]


def test_finder_filters_by_region(finder_data):
    response = client_for(None).get("/finder/", {"need": NEED, "region": "Schwaben"})
    assert _names(response) == ["Lech Systemhaus GmbH"]


def test_finder_shows_only_public_fields(finder_data, company_a):
    response = client_for(None).get("/finder/", {"need": NEED})
    assert items(response, "finder-results") == [
        "Alpen IT Service GmbH München · Oberbayern https://alpen.example Firewalls und Netze. "
        f"{de('Skills:')} IT-Sicherheit {de('Services:')} Firewall-Betreuung Alpen",
        f"Lech Systemhaus GmbH München · Schwaben {de('Skills:')} IT-Sicherheit "
        f"{de('Services:')} Firewall-Betreuung Lech",
    ]
    content = response.content.decode()
    assert "2500000" not in content and "2.500.000" not in content  # revenue
    assert "member@example.org" not in content  # people's contact data
    assert "+49 89 1234567" not in content
    assert "Maria" not in content and "Huber" not in content
    assert "Isar Netzwerke GmbH" not in content


def test_finder_shows_no_results_message(finder_data):
    response = client_for(None).get("/finder/", {"need": "Quantencomputer"})
    assert text(response, "no-results") == de("No company matches this need yet.")
    assert element(response, "lead-form") is None


def test_finder_is_open_to_logged_in_people_too(finder_data, member2):
    response = client_for(member2).get("/finder/", {"need": NEED})
    assert _names(response) == ["Alpen IT Service GmbH", "Lech Systemhaus GmbH"]


def test_finder_page_keeps_a_strict_csp(finder_data):
    response = client_for(None).get("/finder/", {"need": NEED})
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self'" in policy
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == []


def test_finder_shows_the_consent_text(finder_data):
    response = client_for(None).get("/finder/", {"need": NEED})
    assert response.status_code == 200
    label = element(response, "lead-form").find_all("label")
    assert de(str(CONSENT_TEXT)) in [each.text() for each in label]


def test_request_reaches_exactly_the_chosen_companies_admins(
    finder_data, company_a, mailoutbox, django_capture_on_commit_callbacks
):
    # Company A has a second admin without a login and a non-admin colleague: neither is mailed.
    f.PersonFactory(
        company=company_a, user=None, email="nologin@example.org", is_company_admin=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(None), "Alpen IT Service GmbH")
    assert text(response, "sent") == de(
        "Thank you. The companies you chose have received your request and will contact you."
    )
    lead = Lead.objects.get()
    assert (lead.customer_name, lead.customer_email, lead.need) == (
        "Clara Kundin",
        "clara@kundin.example",
        "Wir brauchen eine Firewall für drei Filialen.",
    )
    assert lead.consent_at is not None
    assert [r.company.name for r in lead.recipients.all()] == ["Alpen IT Service GmbH"]
    assert [mail.to for mail in mailoutbox] == [["member@example.org"]]
    assert mailoutbox[0].subject == de("New request from the partner finder: %(name)s").replace(
        "%(name)s", "Clara Kundin"
    )
    assert f"/leads/{lead.code}/" in mailoutbox[0].body
    entry = AuditEntry.objects.get(action="lead.send")
    assert (entry.actor, entry.object_id) == (None, lead.code)


def test_request_to_two_companies_mails_each_admin(
    finder_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client_for(None), "Alpen IT Service GmbH", "Lech Systemhaus GmbH")
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "member2@example.org",
        "member@example.org",
    ]
    assert sorted(r.company.name for r in LeadRecipient.objects.all()) == [
        "Alpen IT Service GmbH",
        "Lech Systemhaus GmbH",
    ]


def test_request_without_consent_is_refused(finder_data, mailoutbox):
    response = _post(client_for(None), "Alpen IT Service GmbH", consent="")
    assert response.status_code == 200
    assert text(response, "lead_consent_error") == de("Please agree that we pass on your details.")
    _nothing_stored()
    assert mailoutbox == []


def test_request_without_company_is_refused(finder_data):
    response = _post(client_for(None))
    assert text(response, "id_companies_error") == de("This field is required.")
    _nothing_stored()


def test_request_with_honeypot_filled_pretends_success(finder_data, mailoutbox):
    response = _post(client_for(None), "Alpen IT Service GmbH", homepage="https://spam.example")
    assert text(response, "sent") == de(
        "Thank you. The companies you chose have received your request and will contact you."
    )
    _nothing_stored()
    assert mailoutbox == []


def test_request_to_company_not_opted_in_is_refused(finder_data):
    response = _post(client_for(None), "Alpen IT Service GmbH", "Isar Netzwerke GmbH")
    assert response.status_code == 200
    isar = Company.objects.get(name="Isar Netzwerke GmbH").code
    assert text(response, "id_companies_error") == de(
        "Select a valid choice. %(value)s is not one of the available choices."
    ) % {"value": isar}
    _nothing_stored()


def test_request_to_company_not_matched_is_refused(finder_data):
    # Donau Datacenter opted in but does not match the need searched.
    response = _post(client_for(None), "Donau Datacenter AG")
    donau = Company.objects.get(name="Donau Datacenter AG").code
    assert text(response, "id_companies_error") == de(
        "Select a valid choice. %(value)s is not one of the available choices."
    ) % {"value": donau}
    _nothing_stored()


def test_sixth_request_from_one_address_is_refused(
    finder_data, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _post(client, "Alpen IT Service GmbH")
    assert Lead.objects.count() == 5
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "Alpen IT Service GmbH")
    assert response.status_code == 429
    assert text(response, "refused") == de(
        "You have sent too many requests. Please try again in an hour."
    )
    assert Lead.objects.count() == 5
    assert len(mailoutbox) == 5


def test_rate_limit_counts_per_address(finder_data):
    client = client_for(None)
    for _ in range(5):
        client.post("/finder/", {}, REMOTE_ADDR="10.0.0.1")
    response = _post(client, "Alpen IT Service GmbH")  # 127.0.0.1
    assert text(response, "sent") is not None
    assert Lead.objects.count() == 1


def test_request_to_more_than_five_companies_is_refused(finder_data):
    for number in range(6):
        reindex_company(f.CompanyFactory(name=f"Firewall Haus {number}", public_finder=True))
    response = _post(client_for(None), *[f"Firewall Haus {number}" for number in range(6)])
    assert text(response, "id_companies_error") == de(
        "Please choose at most %(max)d companies."
    ) % {"max": 5}
    _nothing_stored()
