"""The OpenAPI schema and the interactive docs: served by Verbund alone, CSP relaxed only there."""

import re

from django.test import Client

from tests.api.conftest import API


def test_openapi_schema_has_exactly_the_api_paths(db):
    response = Client().get(API + "/openapi.json")
    schema = response.json()
    paths = {path: sorted(methods) for path, methods in schema["paths"].items()}
    assert (response.status_code, paths) == (
        200,
        {
            "/api/v1/network": ["get"],
            "/api/v1/groups": ["get"],
            "/api/v1/groups/{code}": ["get"],
            "/api/v1/groups/{code}/members": ["get"],
            "/api/v1/companies": ["get"],
            "/api/v1/companies/{code}": ["get"],
            "/api/v1/people": ["get"],
            "/api/v1/people/{code}": ["get"],
            "/api/v1/me": ["get", "patch"],
            "/api/v1/meetings": ["get"],
            "/api/v1/meetings/{code}": ["get"],
            "/api/v1/meetings/{code}/attendance": ["get", "post"],
            "/api/v1/meetings/{code}/attendance/complete": ["post"],
            "/api/v1/meetings/{code}/attendance/reopen": ["post"],
            "/api/v1/meetings/{code}/rsvp": ["get", "put"],
            "/api/v1/directory": ["get"],
            "/api/v1/directory/who-can-help": ["get"],
            "/api/v1/directory/totals": ["get"],
            "/api/v1/directory/export": ["get"],
            "/api/v1/skills": ["get", "post"],
            "/api/v1/skills/{code}": ["patch"],
            "/api/v1/vendors": ["get", "post"],
            "/api/v1/industries": ["get", "post"],
            "/api/v1/companies/{code}/skills": ["put"],
            "/api/v1/companies/{code}/markets": ["put"],
            "/api/v1/companies/{code}/offerings": ["get", "post"],
            "/api/v1/companies/{code}/offerings/{offering_id}": ["delete", "patch"],
            "/api/v1/companies/{code}/partnerships": ["get", "put"],
            "/api/v1/companies/{code}/partnerships/{partnership_id}": ["delete"],
            "/api/v1/companies/{code}/public-finder": ["put"],
            "/api/v1/imports": ["post"],
            "/api/v1/leads": ["get"],
            "/api/v1/leads/{code}": ["get"],
            "/api/v1/finder": ["get"],
            "/api/v1/finder/requests": ["post"],
            "/api/v1/code-of-honour": ["get", "post"],
            "/api/v1/code-of-honour/accept": ["post"],
            "/api/v1/conduct-cases": ["get", "post"],
            "/api/v1/conduct-cases/figures": ["get"],
            "/api/v1/conduct-cases/{code}": ["get"],
            "/api/v1/conduct-cases/{code}/stage": ["post"],
            "/api/v1/conduct-cases/{code}/statement": ["post"],
            "/api/v1/conduct-cases/{code}/decision": ["post"],
            "/api/v1/companies/{code}/resignation": ["delete", "post"],
            "/api/v1/applications": ["get", "post"],
            "/api/v1/applications/pipeline": ["get"],
            "/api/v1/applications/{code}": ["get"],
            "/api/v1/applications/{code}/vote-opening": ["post"],
            "/api/v1/applications/{code}/votes": ["get", "post"],
            "/api/v1/applications/{code}/vote-closing": ["post"],
            "/api/v1/applications/{code}/withdrawal": ["post"],
            "/api/v1/board-cases": ["get"],
            "/api/v1/board-cases/{code}": ["get"],
            "/api/v1/board-cases/{code}/votes": ["post"],
            "/api/v1/board-cases/{code}/decision": ["post"],
            "/api/v1/guests": ["get", "post"],
            "/api/v1/guests/{code}": ["get"],
            "/api/v1/guests/{code}/visits/{visit_id}": ["post"],
            "/api/v1/meetings/{code}/vendor-guests": ["post"],
            "/api/v1/groups/{code}/guest-registrations": ["post"],
            "/api/v1/guest-registrations/confirm": ["post"],
            "/api/v1/guest-consent": ["get"],
            "/api/v1/one-to-ones": ["get", "post"],
            "/api/v1/one-to-ones/{code}": ["get"],
            "/api/v1/one-to-ones/{code}/answer": ["post"],
            "/api/v1/one-to-ones/{code}/cancel": ["post"],
            "/api/v1/one-to-ones/{code}/held": ["post"],
            "/api/v1/referrals": ["get", "post"],
            "/api/v1/referrals/export": ["get"],
            "/api/v1/referrals/{code}": ["get"],
            "/api/v1/referrals/{code}/status": ["post"],
            "/api/v1/referrals/{code}/closed-business": ["post"],
            "/api/v1/scorecard": ["get"],
            "/api/v1/groups/{code}/scorecard": ["get"],
            "/api/v1/value": ["get"],
            "/api/v1/value/groups": ["get"],
            "/api/v1/value/matrix": ["get"],
            "/api/v1/help-requests": ["get", "post"],
            "/api/v1/help-requests/suggestions": ["get"],
            "/api/v1/help-requests/{code}": ["get"],
            "/api/v1/help-requests/{code}/answers/{company}": ["post"],
            "/api/v1/help-requests/{code}/accept": ["post"],
            "/api/v1/help-requests/{code}/close": ["post"],
        },
    )


def test_openapi_schema_names_both_ways_to_authenticate(db):
    schemes = Client().get(API + "/openapi.json").json()["components"]["securitySchemes"]
    assert schemes == {
        "TokenAuth": {"type": "http", "scheme": "bearer"},
        "SessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }


def test_openapi_schema_documents_the_choices_of_me(db):
    schema = Client().get(API + "/openapi.json").json()
    fields = schema["components"]["schemas"]["MePatch"]["properties"]
    assert (fields["language"]["enum"], fields["email_visibility"]["enum"]) == (
        ["de", "en"],
        ["members", "group", "private"],
    )


def test_openapi_schema_documents_the_choices_of_meetings(db):
    schema = Client().get(API + "/openapi.json").json()
    attendance = schema["components"]["schemas"]["AttendanceIn"]["properties"]
    rsvp = schema["components"]["schemas"]["RsvpIn"]["properties"]
    assert (attendance["status"]["enum"], rsvp["answer"]["enum"]) == (
        ["present", "late", "absent", "excused", "substitute"],
        ["yes", "no"],
    )


def test_docs_need_no_login_and_load_only_local_assets(db):
    response = Client().get(API + "/docs")
    html = response.content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert (response.status_code, re.findall(r"https?://", html)) == (200, [])
    assert scripts == ["/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"]
    assert styles == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
    ]


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_docs_alone_may_use_inline_styles(db):
    docs = _directives(Client().get(API + "/docs"))
    login = _directives(Client().get("/accounts/login/"))
    assert (docs["style-src"], docs["script-src"]) == ("'self' 'unsafe-inline'", "'self'")
    assert login["style-src"] == "'self'"
