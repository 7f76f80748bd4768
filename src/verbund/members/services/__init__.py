"""Writes on companies, people and the skills database; import from here."""

from verbund.members.services.companies import (
    COMPANY_PROFILE_FIELDS,
    COMPANY_SETTINGS_FIELDS,
    PERSON_OFFICE_FIELDS,
    PERSON_PROFILE_FIELDS,
    change_company_status,
    create_company,
    create_person,
    update_company,
    update_person,
)
from verbund.members.services.resignations import (
    carry_out_resignations,
    give_resignation,
    withdraw_resignation,
)
from verbund.members.services.skills import (
    add_offering,
    create_industry,
    create_skill,
    create_vendor,
    remove_offering,
    remove_partnership,
    set_company_markets,
    set_company_skills,
    set_partnership,
    set_public_finder,
    update_offering,
    update_skill,
)

__all__ = [
    "COMPANY_PROFILE_FIELDS",
    "COMPANY_SETTINGS_FIELDS",
    "PERSON_OFFICE_FIELDS",
    "PERSON_PROFILE_FIELDS",
    "add_offering",
    "carry_out_resignations",
    "change_company_status",
    "create_company",
    "create_industry",
    "create_person",
    "create_skill",
    "create_vendor",
    "give_resignation",
    "remove_offering",
    "remove_partnership",
    "set_company_markets",
    "set_company_skills",
    "set_partnership",
    "set_public_finder",
    "update_company",
    "update_offering",
    "update_person",
    "update_skill",
    "withdraw_resignation",
]
