"""Words for the demo's meetings: talks, vendor guests, decisions, action items, minutes.

The shape follows the sources: members give talks ("Eich und Krenzke referieren über
Produkt-Marketing", seed 000), a manufacturer's partner manager visits a group and promises
"ich werde mich persönlich darum kümmern" (seed 002). All names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

SERIES_TITLE = "Unternehmerfrühstück"

# Talks by a member's role (people[0] of a company is its CEO, see `plan.roles_for`).
TALKS = {
    "ceo": (
        "Nachfolge im Systemhaus: unser Weg in fünf Jahren",
        "Fachkräfte halten: was bei uns wirkt und was nicht",
        "Ausbildung zum Fachinformatiker im eigenen Betrieb",
        "Preiserhöhungen gegenüber Bestandskunden erklären",
        "Vier-Tage-Woche im Service: ein Zwischenbericht",
        "Die Kennzahlen, die ich jeden Montag anschaue",
        "Data Scientists ausbilden und halten",
        "Was ein Beirat für ein kleines Unternehmen leisten kann",
    ),
    "tech": (
        "NIS2: was auf unsere Kunden zukommt",
        "Microsoft-365-Lizenzen: die Änderungen im Überblick",
        "Backup nach 3-2-1-1-0 in der Praxis",
        "Von VMware zu Proxmox: Erfahrungen aus drei Umstiegen",
        "Phishing-Simulationen beim Kunden: Ablauf und Ergebnisse",
        "Zero Trust für kleine Netzwerke",
        "Monitoring mit Open-Source-Werkzeugen",
        "Windows-11-Migration planen, bevor der Kunde drängt",
    ),
    "sales": (
        "Öffentliche Ausschreibungen: der Einstieg für kleine Systemhäuser",
        "Managed Services verkaufen statt Stunden abrechnen",
        "Wartungsverträge richtig kalkulieren",
        "Leasing als Verkaufsargument im Mittelstand",
        "Vom Angebot zum Auftrag: unsere Vertriebszahlen offen gelegt",
    ),
    "marketing": (
        "Messeauftritt mit kleinem Budget: was sich gelohnt hat",
        "LinkedIn für Geschäftsführer: zehn Minuten am Tag",
        "Newsletter, die Kunden wirklich lesen",
        "Referenzberichte, die Kunden gern freigeben",
        "Die eigene Website als Vertriebskanal",
    ),
}
# Seed 000's joint talk, given by two marketing people of München-Nord at its next meeting.
JOINT_TALK = "Produkt-Marketing für IT-Dienstleister: was wir aus drei Kampagnen gelernt haben"


@dataclass(frozen=True)
class VendorGuest:
    """A manufacturer's or distributor's partner manager visiting a group (seed 002)."""

    name: str
    function: str
    company: str
    topic: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.function}, {self.company})"


VENDORS = (
    VendorGuest(
        "Günther Albers",
        "Partner-Manager Mittelstand",
        "Corvalis Systems",
        "Das neue Partnerprogramm: Stufen, Margen und Deal-Registrierung",
    ),
    VendorGuest(
        "Katrin Vossberg",
        "Channel Account Managerin",
        "Helion Storage",
        "Storage as a Service für Systemhäuser",
    ),
    VendorGuest(
        "Jens Haberland",
        "Partner Sales Manager",
        "Nordwall Security",
        "Managed Firewall im Abo: das Partnermodell",
    ),
    VendorGuest(
        "Miriam Lenz",
        "Leiterin Partnervertrieb Süd",
        "Tessaro Distribution",
        "Projektpreise, Lieferzeiten und Lagerverfügbarkeit im Winter",
    ),
)
# The vendor's promise from seed 002, recorded as an action item with the guest as owner.
VENDOR_PROMISE = (
    "Festen Ansprechpartner im Partnervertrieb für die Gruppe benennen und die offenen "
    "Projektanfragen klären („ich werde mich persönlich darum kümmern“)"
)

GUEST_INTRODUCTIONS = "Gäste stellen sich vor"
EXCHANGE = "Offener Austausch: Empfehlungen, Gesuche, Neuigkeiten"

DECISIONS = (
    "Die Gruppe lädt im Frühjahr zu einem Gästefrühstück ein; jedes Mitglied bringt nach "
    "Möglichkeit einen Gast mit.",
    "Das Sommerfest findet am letzten Freitag im Juli statt; jedes Unternehmen trägt seine "
    "Kosten selbst.",
    "Vorträge stehen künftig vier Wochen im Voraus auf der Tagesordnung.",
    "Gäste erhalten nach ihrem zweiten Besuch ein Gespräch mit der Moderation.",
    "Empfehlungen werden ab sofort im Verbund erfasst statt auf der Papierliste.",
    "Die Gruppe beteiligt sich mit einem gemeinsamen Stand am Mittelstandstag der IHK.",
    "Wer in den Ferien verreist, entschuldigt sich vorher über den Verbund.",
    "Die Kaffeekasse steigt auf fünf Euro pro Frühstück.",
    "Die Gruppe schickt zwei Mitglieder in die Arbeitsgruppe Marketing & Vertrieb.",
)
ACTION_ITEMS = (
    "Angebot des Hotels für das Gästefrühstück einholen",
    "Liste der Ausschreibungsportale an alle verschicken",
    "Vorlage für Referenzberichte im Gruppenordner ablegen",
    "Referenten für das nächste Quartal anfragen",
    "Kontakt zur IHK wegen des Mittelstandstags herstellen",
    "Erfahrungen aus der NIS2-Beratung für die Fokusgruppe IT-Sicherheit aufschreiben",
    "Einladung zum Gästefrühstück verschicken",
    "Termin mit der Berufsschule zur Ausbildungskooperation vereinbaren",
    "Rahmenvertrag für Notebook-Leasing mit zwei Anbietern vergleichen",
)

# What came up in the open exchange, for the minutes.
EXCHANGE_NOTES = (
    "Drei Empfehlungen wurden weitergegeben, zwei davon aus dem Gesundheitswesen.",
    "Lieferzeiten für Notebooks und Docking-Stationen liegen wieder bei zwei Wochen.",
    "Zwei Mitglieder bieten gemeinsam bei der Ausschreibung einer Stadtverwaltung an.",
    "Ein Mitglied sucht einen Partner für Telefonanlagen im Raum Freising.",
    "Erfahrungen mit den neuen Preisen für Microsoft-365-Lizenzen ausgetauscht.",
    "Ein Kunde eines Mitglieds braucht kurzfristig Hilfe nach einem Ransomware-Vorfall.",
    "Zwei Auszubildende wechseln für ein Praktikum zwischen Mitgliedsunternehmen.",
    "Hinweis auf die Förderprogramme für Digitalisierung im Mittelstand.",
)
APOLOGY_NOTES = (
    "Kundentermin",
    "Urlaub",
    "krank",
    "auf einer Messe",
    "Schulung beim Hersteller",
    "Notfall bei einem Kunden",
    "Arzttermin",
    "",
    "",
)
