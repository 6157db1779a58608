"""Names of categories that suggest the art. 9 flag or the national-ID flag, nb and en."""

from __future__ import annotations

import pytest

from ropa_desktop.domain.category_hints import suggest_flags

SPECIAL = [
    "Allergier (se nedenfor om særskilte personopplysninger)",  # the ProMeister notice's wording
    "Helseopplysninger",
    "Health data",
    "Food allergies",
    "Religiøs tilhørighet",
    "Religion",
    "Fagforeningsmedlemskap",
    "Trade union membership",
    "Etnisk opprinnelse",
    "Ethnicity",
    "Seksuell legning",
    "Sex life",
    "Genetiske opplysninger",
    "Genetic data",
    "Biometriske data",
    "Biometrics",
]
NATIONAL_ID = ["Fødselsnummer", "Personnummer", "D-nummer", "National identity number"]
PLAIN = ["Navn", "Kontaktinformasjon", "Kurshistorikk", "E-post", "Innloggingsdetaljer", "Fakturareferanse"]


@pytest.mark.parametrize("name", SPECIAL)
def test_special_category_names_suggest_the_flag(name: str) -> None:
    hint = suggest_flags(name)
    assert hint.special and not hint.national_id


@pytest.mark.parametrize("name", NATIONAL_ID)
def test_national_id_names_suggest_the_flag(name: str) -> None:
    hint = suggest_flags(name)
    assert hint.national_id and not hint.special


@pytest.mark.parametrize("name", PLAIN)
def test_ordinary_categories_suggest_nothing(name: str) -> None:
    assert not suggest_flags(name)
