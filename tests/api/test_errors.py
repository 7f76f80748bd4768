"""Schema errors (pydantic's) reach the user in their language, naming the field."""

from django.test import Client

from tests.api.conftest import API, de, patch, warm_client


def body(field: str | None, message: str) -> dict:
    return {
        "message": de("Please correct the marked fields."),
        "errors": [{"field": field, "message": message}],
    }


def test_page_below_one_is_refused_in_german(cast):
    response = warm_client(cast["member"]).get(API + "/companies?page=0")
    limit = de("Ensure this value is greater than or equal to %(limit_value)s.")
    assert (response.status_code, response.json()) == (
        422,
        body("page", limit % {"limit_value": 1}),
    )


def test_a_number_where_text_belongs_is_refused_in_german(cast):
    response = patch(warm_client(cast["member"]), "/me", {"first_name": 5})
    assert (response.status_code, response.json()) == (422, body("first_name", de("Enter a text.")))


def test_public_finder_request_with_a_word_for_consent_is_refused_in_german(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="de").post(
        API + "/finder/requests", {"consent": "ja"}, content_type="application/json"
    )
    expected = body("consent", de("Enter true or false."))
    assert (response.status_code, response.json()) == (422, expected)


def test_broken_json_is_refused_in_german(cast):
    client = warm_client(cast["member"])
    response = client.patch(API + "/me", data="{first_name", content_type="application/json")
    expected = {"message": de("The request body is not valid JSON.")}
    assert (response.status_code, response.json()) == (400, expected)
