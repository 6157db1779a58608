"""Other headings spreadsheets use for the activity fields, beside the catalogue in ``fields.py``.

The spreadsheet import matches a column heading against the field's own label
(in every language we ship) and against these: the wordings of GDPR art. 30 in
Norwegian and English, Datatilsynet's and the ICO's guidance, and the short
forms people write in their own registers. They are matching vocabulary, not
text shown to users, so they are not translated; compare them with
``normalise_heading``.
"""

from __future__ import annotations

import re

# activity field -> headings that mean it (lower case; punctuation and spacing do not matter)
ACTIVITY_HEADING_SYNONYMS: dict[str, tuple[str, ...]] = {
    "purpose": (
        "formål",
        "behandlingsformål",
        "formålet med behandlingen",
        "formålene med behandlingen",
        "behandlingsaktivitet",
        "purpose",
        "purposes",
        "purpose of processing",
        "purposes of processing",
        "purposes of the processing",
        "processing activity",
    ),
    "operations": (
        "behandling",
        "behandlinger",
        "hva gjør vi",
        "beskrivelse av behandlingen",
        "processing",
        "processing operations",
        "description of processing",
    ),
    "data_subjects": (
        "kategorier av registrerte",
        "registrerte",
        "de registrerte",
        "kategori registrerte",
        "categories of data subjects",
        "data subjects",
        "categories of individuals",
        "individuals",
    ),
    "personal_data": (
        "kategorier av personopplysninger",
        "personopplysninger",
        "opplysningstyper",
        "kategori personopplysninger",
        "categories of personal data",
        "personal data",
        "data categories",
    ),
    "recipients": (
        "mottakere",
        "kategorier av mottakere",
        "mottakerkategorier",
        "utleveres til",
        "recipients",
        "categories of recipients",
    ),
    "sources": ("kilde", "kilder", "source", "sources", "source of personal data"),
    "security_measures": (
        "sikkerhetstiltak",
        "tekniske og organisatoriske sikkerhetstiltak",
        "security measures",
        "technical and organisational security measures",
    ),
    "legal_basis": (
        "rettslig grunnlag",
        "behandlingsgrunnlag",
        "grunnlag",
        "hjemmel",
        "rettslig grunnlag art 6",
        "lawful basis",
        "lawful basis for processing",
        "legal basis",
        "article 6 lawful basis",
    ),
    "legal_basis_note": ("rettslig grunnlag slik det står", "legal basis as written"),
    "national_law": ("supplerende rettsgrunnlag", "nasjonal lov", "national law", "lov"),
    "balancing_test": ("interesseavveining", "balancing test", "legitimate interests assessment"),
    "special_condition_note": (
        "vilkår for særlige kategorier",
        "article 9 condition",
        "article 9 condition for processing special category data",
    ),
    "retention": (
        "lagringstid",
        "sletting",
        "slettefrist",
        "planlagte tidsfrister for sletting",
        "retention",
        "retention period",
        "retention schedule",
        "time limits for erasure",
    ),
    "retention_legal_ref": ("lovkrav om lagring", "hjemmel for lagringstid", "retention legal requirement"),
    "responsible_unit": ("ansvarlig", "ansvarlig enhet", "avdeling", "business function", "department", "owner"),
    "notes": ("merknad", "merknader", "kommentar", "kommentarer", "notes", "comments", "note"),
}

_NOISE = re.compile(r"[^\w]+")


def normalise_heading(text: str) -> str:
    """A heading reduced to its words: ``"Formål:"``, ``"FORMÅL"`` and ``"formål (*)"`` compare equal."""
    return " ".join(_NOISE.sub(" ", text.casefold().replace("_", " ")).split())
