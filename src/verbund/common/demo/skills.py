"""The demo's skills database: a taxonomy, vendors, industries and every company's entries.

Written with bulk operations (the demo is a few thousand rows and must stay fast), then each
company is reindexed so the directory finds it. The company's kind (its description, see
`names.COMPANY_KINDS`) decides its core skills, so a Datacenter offers colocation and an
EDV-Service looks after printers.
"""

from __future__ import annotations

import random

from verbund.common.demo import names
from verbund.directory.services import reindex_company
from verbund.members.models import (
    Company,
    CustomerSize,
    Industry,
    Offering,
    PartnerLevel,
    Skill,
    Vendor,
    VendorPartnership,
)

# key: (German label, English label, synonyms)
SKILLS: dict[str, tuple[str, str, str]] = {
    "datacenter": ("Rechenzentrum", "Data centre", "RZ, Colocation, Housing, Serverraum"),
    "security": ("IT-Sicherheit", "IT security", "Firewall, Virenschutz, NIS2, Cybersecurity"),
    "pentest": ("Penetrationstests", "Penetration testing", "Pentest, Schwachstellenanalyse"),
    "awareness": ("Security-Awareness", "Security awareness", "Phishing-Schulung"),
    "network": ("Netzwerke", "Networking", "LAN, WLAN, Switching, Verkabelung"),
    "cloud": ("Cloud", "Cloud", "Azure, AWS, Private Cloud, IaaS"),
    "m365": ("Microsoft 365", "Microsoft 365", "Office 365, Teams, Exchange Online, SharePoint"),
    "printing": (
        "Drucker & MPS",
        "Printers & managed print",
        "Druckerflotte, Multifunktionsgeräte",
    ),
    "software": (
        "Software-Entwicklung",
        "Software development",
        "Individualsoftware, Programmierung",
    ),
    "web": ("Webanwendungen", "Web applications", "Webentwicklung, Portale, Onlineshop"),
    "interfaces": ("Schnittstellen", "Integration", "API, EDI, Datenaustausch"),
    "ai": ("KI", "AI", "Künstliche Intelligenz, Machine Learning, ChatGPT, Copilot"),
    "backup": ("Backup", "Backup", "Datensicherung, Wiederherstellung, Disaster Recovery"),
    "voip": ("VoIP/Telefonie", "VoIP/telephony", "Telefonanlage, SIP, Unified Communications"),
    "video": ("Videokonferenz", "Video conferencing", "Konferenzraum, Meeting-Räume"),
    "erp": ("ERP", "ERP", "Warenwirtschaft, SAP Business One, Microsoft Dynamics"),
    "dms": ("DMS", "Document management", "Dokumentenmanagement, Archivierung, E-Akte"),
    "hardware": ("Hardware", "Hardware", "PCs, Notebooks, Beschaffung, Rollout"),
    "server": ("Server & Storage", "Servers & storage", "NAS, SAN, Speichersysteme"),
    "virtualisation": ("Virtualisierung", "Virtualisation", "Hyper-V, vSphere, VDI"),
    "managed": ("Managed Services", "Managed services", "Fernwartung, Monitoring, Wartungsvertrag"),
    "helpdesk": ("Helpdesk", "Help desk", "Support, Service Desk, Hotline"),
    "onsite": ("Vor-Ort-Service", "On-site service", "Techniker vor Ort"),
    "consulting": ("IT-Beratung", "IT consulting", "IT-Strategie, Digitalisierung"),
    "tenders": ("Ausschreibungen", "Public tenders", "Vergabe, Leistungsverzeichnis"),
    "gdpr": ("Datenschutz", "Data protection", "DSGVO, GDPR, Datenschutzbeauftragter"),
    "emergency": ("Notfallmanagement", "Incident response", "IT-Notfall, Forensik"),
    "mobile": ("Mobile Geräte", "Mobile devices", "MDM, Smartphones, Intune"),
    "linux": ("Linux", "Linux", "Open Source, Ubuntu, Red Hat"),
    "training": ("IT-Schulungen", "IT training", "Seminare, Workshops"),
}

VENDORS = (
    "HP",
    "Microsoft",
    "Cisco",
    "Sophos",
    "VMware",
    "Fujitsu",
    "Lenovo",
    "Veeam",
    "Kyocera",
    "Dell",
    "Fortinet",
    "Synology",
    "Ubiquiti",
    "Aruba",
)

INDUSTRIES = (
    ("Gesundheitswesen", "Healthcare"),
    ("Handwerk", "Crafts and trades"),
    ("Steuerberatung und Recht", "Tax and legal"),
    ("Fertigung", "Manufacturing"),
    ("Handel", "Retail and wholesale"),
    ("Öffentliche Verwaltung", "Public administration"),
    ("Bildung", "Education"),
    ("Logistik", "Logistics"),
    ("Hotellerie und Gastronomie", "Hospitality"),
    ("Immobilien", "Real estate"),
)

# company kind → (core skills, vendors it is likely to partner with)
PROFILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Systemhaus": (("managed", "network", "server"), ("HP", "Microsoft", "Dell", "Sophos")),
    "IT-Service": (("helpdesk", "onsite", "backup"), ("HP", "Lenovo", "Veeam", "Microsoft")),
    "Netzwerke": (("network", "security"), ("Cisco", "Aruba", "Ubiquiti", "Fortinet")),
    "Datacenter": (("datacenter", "cloud", "backup"), ("Dell", "VMware", "Veeam", "Fujitsu")),
    "Software": (("software", "web", "interfaces"), ("Microsoft",)),
    "IT-Security": (("security", "pentest", "emergency"), ("Sophos", "Fortinet", "Cisco")),
    "IT-Consulting": (("consulting", "cloud", "tenders"), ("Microsoft", "VMware")),
    "Informationstechnik": (("server", "virtualisation", "backup"), ("Fujitsu", "Dell", "Veeam")),
    "EDV-Service": (("hardware", "printing", "onsite"), ("Kyocera", "HP", "Lenovo")),
    "Kommunikation": (("voip", "video", "network"), ("Cisco", "Microsoft")),
    "Cloud Services": (("m365", "cloud", "mobile"), ("Microsoft", "Synology")),
}

# skill → (offering title, description); a company offers what its core skills suggest
OFFERINGS: dict[str, tuple[str, str]] = {
    "managed": ("IT-Rundum-Betreuung", "Monitoring, Patch-Management und Helpdesk zum Festpreis."),
    "network": ("Netzwerk-Check", "Bestandsaufnahme von LAN und WLAN mit Ausleuchtung."),
    "server": ("Server-Erneuerung", "Planung, Migration und Betrieb neuer Server und Storage."),
    "helpdesk": ("Helpdesk-Vertrag", "Hotline werktags 7-18 Uhr, Fernwartung inklusive."),
    "onsite": ("Vor-Ort-Service", "Techniker im Großraum München binnen vier Stunden."),
    "backup": ("Backup as a Service", "Verschlüsselte Sicherung ins deutsche Rechenzentrum."),
    "security": ("Firewall-Betreuung", "Einrichtung, Updates und Überwachung Ihrer Firewall."),
    "datacenter": ("Colocation", "Rackspace im zertifizierten Rechenzentrum, 24/7 Zugang."),
    "cloud": ("Cloud-Migration", "Umzug von Servern und Anwendungen in die Cloud."),
    "software": ("Individualsoftware", "Anwendungen nach Maß für Fertigung und Handel."),
    "web": ("Webportale", "Kunden- und Lieferantenportale mit Single Sign-on."),
    "interfaces": ("Schnittstellen-Entwicklung", "ERP, Shop und Buchhaltung verbinden."),
    "pentest": ("Penetrationstest", "Prüfung Ihrer Systeme von außen und innen, mit Bericht."),
    "emergency": ("IT-Notfallhilfe", "Sofort-Hilfe bei Ransomware und Systemausfall."),
    "consulting": ("IT-Strategie-Workshop", "Ein Tag zur IT-Planung der nächsten drei Jahre."),
    "tenders": ("Ausschreibungsbegleitung", "Leistungsverzeichnis und Bewertung der Angebote."),
    "virtualisation": ("Virtualisierung", "Hyper-V- und vSphere-Umgebungen aufbauen und betreuen."),
    "hardware": (
        "Hardware-Rollout",
        "Beschaffung, Vorinstallation und Austausch von Arbeitsplätzen.",
    ),
    "printing": ("Managed Print Services", "Druckerflotte mit Toner-Service und Seitenpreis."),
    "voip": ("Cloud-Telefonanlage", "Telefonie über das Internet mit Rufnummernmitnahme."),
    "video": ("Konferenzraum-Ausstattung", "Kamera, Mikrofone und Bildschirme für Teams-Räume."),
    "m365": ("Microsoft 365 Einführung", "Lizenzen, Migration und Schulung Ihrer Mitarbeiter."),
    "mobile": ("Mobile Device Management", "Smartphones und Tablets zentral verwalten."),
}

CERTIFICATIONS: dict[str, str] = {
    "Microsoft": "Solutions Partner for Modern Work",
    "Cisco": "CCNA, CCNP",
    "Sophos": "Sophos Certified Engineer",
    "VMware": "VCP-DCV",
    "Veeam": "Veeam Certified Engineer",
    "Fortinet": "NSE 4",
    "HP": "HP Amplify",
}

REGIONS = ("Oberbayern", "Schwaben", "Niederbayern", "Großraum München", "Bayern", "DACH")
PUBLIC_FINDER_SHARE = 3  # about one company in three opts in


def build_skills(rng: random.Random, companies: list[Company]) -> None:
    """Create the taxonomy and fill every company's skills database, then reindex them."""
    skills = {
        key: Skill(label_de=de, label_en=en, synonyms=syn) for key, (de, en, syn) in SKILLS.items()
    }
    Skill.objects.bulk_create(skills.values())
    vendors = {name: Vendor(name=name) for name in VENDORS}
    Vendor.objects.bulk_create(vendors.values())
    industries = Industry.objects.bulk_create(
        Industry(label_de=de, label_en=en) for de, en in INDUSTRIES
    )
    kinds = {description: kind for kind, description in names.COMPANY_KINDS.items()}
    skill_links, industry_links, offerings, partnerships = [], [], [], []
    for index, company in enumerate(companies):
        core, vendor_names = PROFILES[kinds.get(company.description, "Systemhaus")]
        extra = rng.sample([k for k in SKILLS if k not in core], rng.randint(0, 6 - len(core)))
        chosen = list(core) + extra
        skill_links += [
            Company.skills.through(company=company, skill=skills[key]) for key in chosen
        ]
        industry_links += [
            Company.industries.through(company=company, industry=industry)
            for industry in rng.sample(industries, rng.randint(1, 3))
        ]
        offered = [key for key in chosen if key in OFFERINGS][: rng.randint(1, 4)]
        offerings += [
            Offering(
                company=company,
                title=OFFERINGS[key][0],
                description=OFFERINGS[key][1],
                position=position,
            )
            for position, key in enumerate(offered or ["managed"])
        ]
        partnerships += [
            VendorPartnership(
                company=company,
                vendor=vendors[name],
                level=rng.choice(PartnerLevel.values),
                certifications=CERTIFICATIONS.get(name, "") if rng.random() < 0.6 else "",
            )
            for name in rng.sample(vendor_names, min(len(vendor_names), rng.randint(1, 3)))
        ]
        company.customer_sizes = sorted(
            rng.sample(CustomerSize.values, rng.randint(1, 3)), key=CustomerSize.values.index
        )
        company.regions_served = list(
            dict.fromkeys([company.region, *rng.sample(REGIONS, rng.randint(0, 2))])
        )
        company.public_finder = index % PUBLIC_FINDER_SHARE == 0
    Company.skills.through.objects.bulk_create(skill_links)
    Company.industries.through.objects.bulk_create(industry_links)
    Offering.objects.bulk_create(offerings)
    VendorPartnership.objects.bulk_create(partnerships)
    Company.objects.bulk_update(companies, ["customer_sizes", "regions_served", "public_finder"])
    for company in companies:
        reindex_company(company)
