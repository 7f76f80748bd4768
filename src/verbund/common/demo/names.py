"""Names and words the demo draws from. All people and companies are invented."""


def _list(text: str) -> tuple[str, ...]:
    """A comma-separated block of words as a tuple (keeps long lists compact)."""
    return tuple(" ".join(item.split()) for item in text.split(",") if item.strip())


COMPANY_STEMS = _list(
    """
    Isartal, Amperland, Lechfeld, Würmtal, Mangfall, Loisach, Ammersee, Wertach,
    Schmuttertal, Glonntal, Sempt, Paartal, Moosach, Hachinger, Alpenblick, Zugspitz,
    Enzian, Föhnwind, Nordlicht, Bergwerk, Brunnthal, Forstenried, Perlacher, Riemer,
    Schwabinger, Giesinger, Haidhauser, Lehel, Bogenhauser, Sendlinger, Milbertshofener,
    Fröttmaninger, Garchinger, Dachauer, Erdinger Moos, Holledau, Donauried, Fuggerstadt,
    Datavia, Netrion, Cordatec, Sysbrain, Konvera, Bitwerk, Serverwerk, Codeschmiede,
    Kabelwerk, Taktgeber, Weitblick, Querdenker, Klartext, Brückenbauer, Leitstand,
    Schaltzentrale, Rechenwerk, Lichtleiter, Funkturm, Datenhafen, Grünwalder, Starnberger,
    Wolfratshauser, Rosenheimer, Landsberger, Aichacher, Mindeltal, Stauden, Wittelsbacher,
    Hofgarten, Maxvorstadt, Westpark, Olympiapark, Nymphenburger
"""
)

# What a company does, as the second word of its name, and what it offers.
COMPANY_KINDS = {
    "Systemhaus": "Systemhaus für den Mittelstand: Arbeitsplätze, Server, Netzwerke und "
    "Managed Services aus einer Hand.",
    "IT-Service": "IT-Betreuung für Kanzleien, Praxen und Handwerksbetriebe, mit festem "
    "Ansprechpartner und Wartungsvertrag.",
    "Netzwerke": "Planung, Verkabelung und Betrieb von LAN, WLAN und Standortvernetzung.",
    "Datacenter": "Colocation, Housing und Private Cloud im eigenen Rechenzentrum.",
    "Software": "Individualsoftware, Schnittstellen und Webanwendungen für Fertigung und Handel.",
    "IT-Security": "Firewalls, Penetrationstests, Awareness-Schulungen und Notfallmanagement.",
    "IT-Consulting": "Beratung zu IT-Strategie, Ausschreibungen und Cloud-Migration.",
    "Informationstechnik": "Server- und Storage-Lösungen, Virtualisierung und Backup.",
    "EDV-Service": "Vor-Ort-Service, Hardware-Beschaffung und Druckerflotten (MPS).",
    "Kommunikation": "Telefonanlagen, Unified Communications und Videokonferenzräume.",
    "Cloud Services": "Microsoft 365, Azure und hybride Umgebungen für kleine Unternehmen.",
}
LEGAL_FORMS = ("GmbH", "GmbH", "GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "AG", "e.K.")

STREETS = _list(
    """
    Gewerbering, Industriestraße, Bahnhofstraße, Hauptstraße, Lindenstraße, Am Moosfeld,
    Dieselstraße, Otto-Hahn-Straße, Carl-Zeiss-Ring, Einsteinstraße, Max-Planck-Straße,
    Robert-Bosch-Straße, Messerschmittstraße, Rudolf-Diesel-Ring, Lilienthalstraße,
    Siemensstraße, Ganghoferstraße, Am Gewerbepark, Parkring, Innovationsweg, Schleißheimer
    Straße, Landsberger Straße, Frankfurter Ring
"""
)

FEMALE_FIRST = _list(
    """
    Anna, Barbara, Christina, Daniela, Eva, Franziska, Gabriele, Heike, Ines, Julia,
    Katharina, Laura, Martina, Nicole, Petra, Renate, Sandra, Stefanie, Tanja, Ursula,
    Verena, Anja, Birgit, Carina, Doris, Elke, Johanna, Lena, Melanie, Simone, Theresa,
    Vanessa, Kerstin, Silke
"""
)

MALE_FIRST = _list(
    """
    Alexander, Bernhard, Christoph, Daniel, Erich, Florian, Georg, Herbert, Johannes,
    Jürgen, Klaus, Lukas, Manfred, Matthias, Michael, Norbert, Oliver, Peter, Rainer,
    Robert, Sebastian, Thomas, Uwe, Wolfgang, Benedikt, Dominik, Felix, Korbinian,
    Maximilian, Quirin, Simon, Tobias, Vinzenz, Xaver, Ludwig, Anton, Josef, Martin
"""
)

LAST_NAMES = _list(
    """
    Huber, Bauer, Gruber, Hofbauer, Obermeier, Stadler, Pichler, Lechner, Reiter, Kraus,
    Zehetmair, Angerer, Brunner, Danner, Ebner, Fischbacher, Gschwendtner, Haslinger,
    Irlbeck, Jahn, Kirchmair, Lindner, Moosbrugger, Niedermaier, Oberhuber, Prechtl, Rieder,
    Schmalzl, Thaller, Unterholzner, Vogl, Wagner, Zellner, Aigner, Bichler, Demmel, Eder,
    Forster, Gaßner, Heigl, Kagerer, Loibl, Mayrhofer, Neumeier, Ostermaier, Pfaffinger,
    Rauscher, Sedlmair, Steininger, Trautmann, Wallner, Wiesinger, Zangl, Amann, Brandmaier,
    Huttner, Kellerer, Mühlbauer, Resch, Schweiger, Weindl, Albrecht, Baumgartner, Dietl,
    Fendt, Grasegger, Hinterberger, Kistler, Lutz, Nagl, Oswald
"""
)

# (male, female) titles per role; people[0] of a company is always the CEO.
FUNCTIONS = {
    "ceo": ("Geschäftsführer", "Geschäftsführerin"),
    "tech": ("Technischer Leiter", "Technische Leiterin"),
    "sales": ("Vertriebsleiter", "Vertriebsleiterin"),
    "marketing": ("Leiter Marketing", "Leiterin Marketing"),
}

EXPERTISE = {
    "ceo": _list(
        """
        Unternehmensführung, Ausschreibungen der öffentlichen Hand, Kundenbindung,
        Partnerprogramme der Hersteller, Vertragsgestaltung, Nachfolgeplanung,
        Finanzierung und Leasing, Ausbildung von Fachinformatikern
"""
    ),
    "tech": _list(
        """
        Microsoft 365 und Exchange, VMware und Hyper-V, Fortinet- und Sophos-Firewalls,
        Backup mit Veeam, Linux-Server, Citrix, Netzwerkdesign mit Cisco und Aruba,
        Azure und Entra ID, Rechenzentrumsbetrieb, Monitoring, Kubernetes, ISO 27001,
        Telefonie mit 3CX, Druckerflotten (MPS)
"""
    ),
    "sales": _list(
        """
        Öffentliche Auftraggeber, Gesundheitswesen, Fertigung und Logistik, Kanzleien
        und Steuerberater, Leasing und Finanzierung, Key-Account-Management, Managed
        Services verkaufen
"""
    ),
    "marketing": _list(
        """
        Produkt-Marketing, Messen und Veranstaltungen, Social Media, Newsletter und
        Kampagnen, Website und Suchmaschinen, Pressearbeit
"""
    ),
}
# Weighted by repetition: most people speak German and English.
LANGUAGES = (
    "Deutsch, Englisch",
    "Deutsch, Englisch",
    "Deutsch, Englisch",
    "Deutsch, Englisch",
    "Deutsch",
    "Deutsch, Englisch, Französisch",
    "Deutsch, Englisch, Italienisch",
    "Deutsch, Türkisch, Englisch",
    "Deutsch, Kroatisch, Englisch",
    "Deutsch, Englisch, Spanisch",
)
MOBILE_PREFIXES = _list(
    """
    151, 152, 160, 162, 170, 171, 172, 173, 175, 176, 179
"""
)
