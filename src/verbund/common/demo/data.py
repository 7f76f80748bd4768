"""The shape of the demo network: its settings, groups and places. All names are invented.

The network follows the sources: five local groups around Munich and Augsburg meeting every
second Friday at 07:30 (seed 000), working groups on marketing, personal development and HR
(000), focus groups on data centre, IT security and software and circles of CEOs and
technicians (001).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Place:
    """A town with a postal code and its telephone area code (without the leading 0)."""

    city: str
    postal_code: str
    area_code: str


@dataclass(frozen=True)
class RegionalGroupSpec:
    """A local group, how many companies call it home and where they sit."""

    name: str
    region: str
    venue: str
    capacity: int
    founded: int
    companies: int  # member companies with this home group (all statuses)
    places: tuple[Place, ...]
    closed: bool = False


@dataclass(frozen=True)
class TopicGroupSpec:
    """A working group, focus group or circle and whom it draws (by person role)."""

    name: str
    kind: str
    description: str
    founded: int
    roles: tuple[str, ...]
    size: int


NETWORK = {
    "name": "IT-Partnernetz Süd",
    "contact_email": "office@verbund.example",
    "member_cap": 400,
    "guest_visit_limit": 3,
    "admission_rule": "present_veto_board",
    "recommendation_required": True,
    "annual_fee": Decimal("1200.00"),
}
TOTAL_EMPLOYEES = 1450  # "zusammen beschäftigen sie 1.450 Mitarbeiter" (000)
TOTAL_REVENUE = Decimal("137400000.00")  # "einen Umsatz von über 137 Millionen Euro" (000)

MEETING = "Business-Frühstück jeden zweiten Freitag, 07:30 Uhr (zwei Stunden),"

M = "89"  # Munich and the towns around it share the 089 area code
REGIONAL_GROUPS = (
    RegionalGroupSpec(
        "Ortsgruppe München-Nord",
        "Oberbayern",
        "im Hotel Nordlicht, Ingolstädter Straße 44, 80807 München",
        20,
        2008,
        13,
        (
            Place("München", "80807", M),
            Place("München", "80939", M),
            Place("München", "80937", M),
            Place("Garching b. München", "85748", M),
            Place("Unterschleißheim", "85716", M),
            Place("Ismaning", "85737", M),
        ),
    ),
    RegionalGroupSpec(
        "Ortsgruppe München-Süd",
        "Oberbayern",
        "im Gasthof Isarhöhe, Wolfratshauser Straße 212, 81479 München",
        15,
        2008,
        15,
        (
            Place("München", "81369", M),
            Place("München", "81371", M),
            Place("München", "81477", M),
            Place("Pullach i. Isartal", "82049", M),
            Place("Unterhaching", "82008", M),
            Place("Taufkirchen", "82024", M),
            Place("Oberhaching", "82041", M),
        ),
        closed=True,
    ),
    RegionalGroupSpec(
        "Ortsgruppe München-Ost",
        "Oberbayern",
        "im Tagungshotel Am Messesee, Willy-Brandt-Allee 8, 81829 München",
        16,
        2012,
        12,
        (
            Place("München", "81925", M),
            Place("München", "81677", M),
            Place("München", "81829", M),
            Place("Haar", "85540", M),
            Place("Kirchheim b. München", "85551", M),
            Place("Aschheim", "85609", M),
            Place("Feldkirchen", "85622", M),
        ),
    ),
    RegionalGroupSpec(
        "Ortsgruppe Augsburg",
        "Schwaben",
        "im Hotel Lechblick, Provinostraße 12, 86153 Augsburg",
        18,
        2015,
        11,
        (
            Place("Augsburg", "86150", "821"),
            Place("Augsburg", "86153", "821"),
            Place("Augsburg", "86165", "821"),
            Place("Augsburg", "86199", "821"),
            Place("Friedberg", "86316", "821"),
            Place("Gersthofen", "86368", "821"),
            Place("Königsbrunn", "86343", "8231"),
            Place("Neusäß", "86356", "821"),
        ),
    ),
    RegionalGroupSpec(
        "Ortsgruppe Freising/Erding",
        "Oberbayern",
        "im Landgasthof Moosrain, Flughafenstraße 3, 85399 Hallbergmoos",
        15,
        2019,
        9,
        (
            Place("Freising", "85354", "8161"),
            Place("Freising", "85356", "8161"),
            Place("Erding", "85435", "8122"),
            Place("Hallbergmoos", "85399", "811"),
            Place("Moosburg a. d. Isar", "85368", "8761"),
            Place("Eching", "85386", M),
        ),
    ),
)

TOPIC_GROUPS = (
    TopicGroupSpec(
        "Arbeitsgruppe Marketing & Vertrieb",
        "working",
        "Produkt-Marketing, Messen, Ausschreibungen und gemeinsame Kampagnen. "
        "Trifft sich einmal im Quartal.",
        2012,
        ("sales", "marketing"),
        10,
    ),
    TopicGroupSpec(
        "Arbeitsgruppe Personalentwicklung",
        "working",
        "Führung, Weiterbildung und Persönlichkeitsentwicklung für Inhaber und Teamleiter. "
        "Trifft sich einmal im Quartal.",
        2014,
        ("ceo",),
        8,
    ),
    TopicGroupSpec(
        "Arbeitsgruppe Personal (HR)",
        "working",
        "Fachkräfte finden und halten: Ausbildung, Recruiting, Data Scientists. "
        "Trifft sich einmal im Quartal.",
        2016,
        ("ceo", "marketing"),
        7,
    ),
    TopicGroupSpec(
        "Fokusgruppe Rechenzentrum",
        "focus",
        "Colocation, Housing und die Frage, wie ein Mittelständler neben den großen "
        "Cloud-Anbietern bestehen kann. Trifft sich zweimal im Jahr.",
        2017,
        ("tech",),
        6,
    ),
    TopicGroupSpec(
        "Fokusgruppe IT-Sicherheit",
        "focus",
        "Managed Security, NIS2, Notfallpläne und Awareness-Schulungen. "
        "Trifft sich zweimal im Jahr.",
        2017,
        ("tech",),
        8,
    ),
    TopicGroupSpec(
        "Fokusgruppe Software",
        "focus",
        "Individualsoftware, Schnittstellen und Lizenzmodelle. Trifft sich zweimal im Jahr.",
        2018,
        ("tech", "ceo"),
        6,
    ),
    TopicGroupSpec(
        "Kreis der Geschäftsführer",
        "circle",
        "Austausch der Inhaber und Geschäftsführer der Mitgliedsunternehmen "
        "(ersetzt die frühere Facebook-Gruppe).",
        2021,
        ("ceo",),
        24,
    ),
    TopicGroupSpec(
        "Kreis der Techniker",
        "circle",
        "Technischer Austausch unter Kollegen: Störungen, Updates, Werkzeuge.",
        2021,
        ("tech",),
        16,
    ),
)

# ---------------------------------------------------------------- guests
# Version 1 of the consent a guest gives when registering on a group's public page.
GUEST_CONSENT_DE = (
    "Verantwortlich für die Verarbeitung Ihrer Daten ist die Geschäftsstelle des "
    "IT-Partnernetzes Süd.\n\n"
    "Wir verarbeiten Ihren Namen, Ihre E-Mail-Adresse, Ihre Telefonnummer und Ihr Unternehmen, "
    "um Ihre Besuche bei unseren Frühstückstreffen zu organisieren: Die Moderatoren der Gruppe "
    "erfahren von Ihrer Anmeldung, und wir zählen Ihre Besuche.\n\n"
    "Wir speichern Ihre Daten so lange, wie es die Einstellungen des Verbunds vorsehen, und "
    "anonymisieren sie danach. Sie können Auskunft, Berichtigung und Löschung bei der "
    "Geschäftsstelle verlangen und Ihre Einwilligung jederzeit widerrufen."
)
GUEST_CONSENT_EN = (
    "The controller of your data is the network office of IT-Partnernetz Süd.\n\n"
    "We process your name, e-mail address, phone number and company to organise your visits "
    "to our breakfast meetings: the group's moderators are told of your registration, and we "
    "count your visits.\n\n"
    "We keep your data for as long as the network's settings say and pseudonymise it "
    "afterwards. You may ask the network office for access, correction and erasure, and "
    "withdraw your consent at any time."
)
# A guest who registered on München-Nord's page for its next breakfast.
REGISTERED_GUEST = {
    "first_name": "Sabine",
    "last_name": "Loibl",
    "email": "sabine.loibl@loibl-netzwerktechnik.example",
    "phone": "+49 89 5512390",
    "company_name": "Loibl Netzwerktechnik",
}
# A vendor guest booked for a coming vendor slot (seed 002).
VENDOR_GUEST = {
    "first_name": "Günther",
    "last_name": "Albers",
    "email": "g.albers@corvalis.example",
    "phone": "",
    "company_name": "Corvalis Systems",
}
VENDOR_GUEST_TOPIC = "Das neue Partnerprogramm: Stufen, Margen und Deal-Registrierung"
