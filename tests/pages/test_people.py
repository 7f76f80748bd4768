"""The people pages: directory list, profile with per-field visibility, and the photo."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, rows, text
from verbund.members.models import Person, Visibility

# ---------------------------------------------------------------- list


def test_person_list_member_sees_people_of_active_companies_and_the_office(cast, candidate):
    response = client_for(cast["member"]).get("/people/")
    assert [row[:3] for row in rows(response, "people")] == [
        ["Olga Amt", "Geschäftsführer", ""],
        ["Stefan Eich", "Geschäftsführer", "Isar Netzwerke GmbH"],
        ["Klaus Huber", "Geschäftsführer", "Alpen IT Service GmbH"],
        ["Maria Huber", "Geschäftsführer", "Alpen IT Service GmbH"],
        ["Jonas Krenzke", "Geschäftsführer", "Lech Systemhaus GmbH"],
        ["Petra Lang", "Geschäftsführer", "Donau Datacenter AG"],
    ]


def test_person_list_office_sees_candidates_and_guests_too(cast, candidate):
    response = client_for(cast["office"]).get("/people/")
    guest = str(Person.objects.get(user=cast["guest"]))  # "VornameN NachnameN" from the factory
    assert [row[0] for row in rows(response, "people")] == [
        "Olga Amt",
        "Stefan Eich",
        "Klaus Huber",
        "Maria Huber",
        "Karl Kandidat",
        "Jonas Krenzke",
        "Petra Lang",
        guest,
    ]


def test_person_list_shows_contact_as_the_viewer_may(cast):
    moderator = cast["moderator"].person
    Person.objects.filter(pk=moderator.pk).update(
        email_visibility=Visibility.GROUP, phone_visibility=Visibility.PRIVATE
    )
    same_group = client_for(cast["member"]).get("/people/?q=eich")
    elsewhere = client_for(cast["member2"]).get("/people/?q=eich")
    assert rows(same_group, "people") == [
        ["Stefan Eich", "Geschäftsführer", "Isar Netzwerke GmbH", "moderator@example.org", ""]
    ]
    assert rows(elsewhere, "people") == [
        ["Stefan Eich", "Geschäftsführer", "Isar Netzwerke GmbH", "", ""]
    ]


def test_person_list_searches_name_company_and_function(cast):
    Person.objects.filter(user=cast["colleague"]).update(function="Techniker")
    client = client_for(cast["member2"])
    by_name = client.get("/people/?q=maria+huber")
    by_company = client.get("/people/?q=lech")
    by_function = client.get("/people/?q=techni")
    assert [
        [row[0] for row in rows(by_name, "people")],
        [row[0] for row in rows(by_company, "people")],
        [row[0] for row in rows(by_function, "people")],
    ] == [["Maria Huber"], ["Jonas Krenzke"], ["Klaus Huber"]]
    assert element(by_name, "q").attrs["value"] == "maria huber"


def test_person_list_finds_nothing_and_says_so(cast):
    response = client_for(cast["member"]).get("/people/?q=niemand")
    assert (rows(response, "people"), text(response, "no-people")) == (None, de("No people match."))


def test_person_list_htmx_gets_the_results_only(cast):
    response = client_for(cast["member"]).get("/people/?q=krenzke", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert (body.lstrip().startswith('<div id="results"'), "<html" in body) == (True, False)
    assert [row[0] for row in rows(response, "people")] == ["Jonas Krenzke"]


def test_person_list_guest_gets_403(cast):
    response = client_for(cast["guest"]).get("/people/")
    assert (response.status_code, "Maria Huber" in response.content.decode()) == (403, False)


def test_person_list_anonymous_goes_to_login(db):
    response = client_for(None).get("/people/?q=huber")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/people/%3Fq%3Dhuber",
    )


@pytest.mark.parametrize("extra", [0, 2])
def test_person_list_query_count_is_constant(member, extra, django_assert_num_queries):
    group = f.GroupFactory(name="Ortsgruppe Zusatz")
    for number in range(extra):
        person = f.PersonFactory(first_name="Zora", last_name=f"Zusatz{number}")
        f.GroupMembershipFactory(group=group, person=person)
    client = client_for(member)
    with django_assert_num_queries(10):
        response = client.get("/people/")
    assert [row[0] for row in rows(response, "people")] == ["Maria Huber"] + [
        f"Zora Zusatz{number}" for number in range(extra)
    ]


# ---------------------------------------------------------------- detail


def _moderator_person(cast):
    return Person.objects.get(user=cast["moderator"])


def test_person_detail_shows_profile_groups_and_company(cast, group_a):
    person = _moderator_person(cast)
    Person.objects.filter(pk=person.pk).update(languages="Deutsch, English", expertise="Netze.")
    response = client_for(cast["member2"]).get(f"/people/{person.code}/")
    assert (
        text(response, "person-name"),
        text(response, "headline"),
        text(response, "languages"),
        text(response, "groups"),
        text(response, "expertise"),
    ) == (
        "Stefan Eich",
        "Geschäftsführer · Isar Netzwerke GmbH",
        "Deutsch, English",
        "Ortsgruppe München-Nord",
        "Netze.",
    )
    assert element(response, "groups").find_all("a")[0].attrs["href"] == f"/groups/{group_a.code}/"


def test_person_detail_group_mobile_shows_to_same_group_member(cast):
    person = _moderator_person(cast)  # mobile visibility defaults to GROUP
    response = client_for(cast["member"]).get(f"/people/{person.code}/")
    assert (text(response, "mobile"), text(response, "email")) == (
        "+49 170 1234567",
        "moderator@example.org",
    )


def test_person_detail_group_mobile_hidden_from_other_group(cast):
    person = _moderator_person(cast)
    response = client_for(cast["member2"]).get(f"/people/{person.code}/")
    assert (text(response, "mobile"), text(response, "email")) == (None, "moderator@example.org")
    assert "+49 170 1234567" not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("moderator", True),
        ("office", True),
        ("member", False),
        ("member2", False),
        ("board", False),
    ],
)
def test_person_detail_private_phone_only_for_self_and_office(cast, who, sees):
    person = _moderator_person(cast)
    Person.objects.filter(pk=person.pk).update(
        phone="+49 89 5550001", phone_visibility=Visibility.PRIVATE
    )
    response = client_for(cast[who]).get(f"/people/{person.code}/")
    shown = "+49 89 5550001" if sees else None
    assert (text(response, "phone"), ("5550001" in response.content.decode())) == (shown, sees)


def test_person_detail_self_gets_link_to_own_profile(cast):
    person = _moderator_person(cast)
    response = client_for(cast["moderator"]).get(f"/people/{person.code}/")
    assert (element(response, "edit-own").attrs["href"], element(response, "manage")) == (
        "/profile/",
        None,
    )


def test_person_detail_office_gets_link_to_office_page(cast):
    person = _moderator_person(cast)
    response = client_for(cast["office"]).get(f"/people/{person.code}/")
    assert (element(response, "manage").attrs["href"], element(response, "edit-own")) == (
        f"/office/people/{person.code}/",
        None,
    )


@pytest.mark.parametrize("who", ["member", "board", "member2"])
def test_person_detail_others_get_no_edit_links(cast, who):
    person = _moderator_person(cast)
    response = client_for(cast[who]).get(f"/people/{person.code}/")
    assert (
        text(response, "person-name"),
        element(response, "edit-own"),
        element(response, "manage"),
    ) == ("Stefan Eich", None, None)


def test_person_detail_guest_sees_own_page(cast):
    person = Person.objects.get(user=cast["guest"])
    response = client_for(cast["guest"]).get(f"/people/{person.code}/")
    assert (text(response, "person-name"), element(response, "edit-own").attrs["href"]) == (
        str(person),
        "/profile/",
    )


def test_person_detail_guest_from_elsewhere_gets_404(cast):
    person = _moderator_person(cast)
    response = client_for(cast["guest"]).get(f"/people/{person.code}/")
    assert (response.status_code, "Stefan Eich" in response.content.decode()) == (404, False)


def test_person_detail_member_cannot_see_a_candidates_person(cast, candidate):
    person = candidate.people.get()
    member = client_for(cast["member"]).get(f"/people/{person.code}/")
    office = client_for(cast["office"]).get(f"/people/{person.code}/")
    assert (member.status_code, "Karl Kandidat" in member.content.decode()) == (404, False)
    assert text(office, "person-name") == "Karl Kandidat"


def test_person_detail_anonymous_goes_to_login(cast):
    person = _moderator_person(cast)
    response = client_for(None).get(f"/people/{person.code}/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/people/{person.code}/",
    )


# ---------------------------------------------------------------- photo


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (31, 78, 121)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def photographed(cast):
    person = _moderator_person(cast)
    person.photo = SimpleUploadedFile("eich.png", _png(), content_type="image/png")
    person.save()
    return person


def test_person_photo_is_shown_on_the_profile(cast, photographed):
    response = client_for(cast["member2"]).get(f"/people/{photographed.code}/")
    assert element(response, "photo").attrs["src"] == f"/people/{photographed.code}/photo/"


def test_person_photo_streams_to_a_viewer_who_sees_the_person(cast, photographed):
    response = client_for(cast["member2"]).get(f"/people/{photographed.code}/photo/")
    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
        200,
        "image/png",
        "private, max-age=3600",
    )
    assert b"".join(response.streaming_content) == _png()


def test_person_photo_guest_gets_404(cast, photographed):
    response = client_for(cast["guest"]).get(f"/people/{photographed.code}/photo/")
    assert (response.status_code, response.get("Content-Type")) == (404, "text/html; charset=utf-8")


def test_person_photo_anonymous_goes_to_login(cast, photographed):
    response = client_for(None).get(f"/people/{photographed.code}/photo/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/people/{photographed.code}/photo/",
    )


def test_person_photo_without_photo_gets_404(cast):
    person = _moderator_person(cast)
    response = client_for(cast["member"]).get(f"/people/{person.code}/photo/")
    assert (response.status_code, response.get("Content-Type")) == (404, "text/html; charset=utf-8")


def test_person_photo_missing_file_gets_404(cast, photographed):
    photographed.photo.storage.delete(photographed.photo.name)
    response = client_for(cast["member"]).get(f"/people/{photographed.code}/photo/")
    assert (response.status_code, response.get("Content-Type")) == (404, "text/html; charset=utf-8")


def test_person_without_photo_shows_no_image(cast):
    person = _moderator_person(cast)
    response = client_for(cast["member"]).get(f"/people/{person.code}/")
    assert (text(response, "person-name"), element(response, "photo")) == ("Stefan Eich", None)
