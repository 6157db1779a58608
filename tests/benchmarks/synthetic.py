"""Synthetic registers of any size, in the JSON interchange format, for benchmarks.

The shape follows the ProMeister notice: a few dozen categories and recipients
shared by many activities, each activity with several operations, categories,
a basis and a retention text.
"""

from __future__ import annotations

import random
from typing import Any

CATEGORIES = [
    "Navn",
    "Kontaktinformasjon",
    "Innloggingsdetaljer",
    "Fødselsnummer",
    "Kurshistorikk",
    "Testresultater",
    "Fakturareferanse",
    "Allergier",
    "Kjøretøyopplysninger",
    "Betalingsinformasjon",
]


def synthetic_document(activities: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    categories = [
        {
            "id": i + 1,
            "name": f"{name} {i // len(CATEGORIES) or ''}".strip(),
            **({"special": True} if name == "Allergier" else {}),
        }
        for i, name in enumerate(CATEGORIES * 4)
    ]
    recipients = [
        {"id": i + 1, "name": f"Leverandør {i + 1} AS", "role": "processor", "country": "NO", "dpa_in_place": True}
        for i in range(30)
    ]
    subjects = [{"id": i + 1, "name": n} for i, n in enumerate(["Kunder", "Kursdeltakere", "Leverandører", "Ansatte"])]
    acts = []
    for i in range(activities):
        basis = rng.choice(["a", "b", "b", "c", "f"])
        act: dict[str, Any] = {
            "id": i + 1,
            "purpose": f"Formål nummer {i + 1}: tilby og administrere kurs og tjenester",
            "operations": [f"Behandling {j + 1} for formål {i + 1}" for j in range(rng.randint(1, 5))],
            "legal_basis": [basis],
            "retention": "I 5 år og deretter inntil bruker/konto blir inaktiv",
            "last_reviewed": "2026-01-15",
            "data_subjects": rng.sample(range(1, 5), rng.randint(1, 2)),
            "personal_data": rng.sample(range(1, len(categories) + 1), rng.randint(2, 6)),
            "recipients": rng.sample(range(1, 31), rng.randint(0, 3)),
        }
        # Like a maintained register: special categories come with their art. 9(2) condition.
        if any(categories[c - 1].get("special") for c in act["personal_data"]):
            act["special_condition"] = "a"
        if basis == "f":
            act["balancing_test"] = (
                "Vi har vurdert at det gjensidige behovet veier tyngre enn risikoen for den registrerte."
            )
        if basis == "a":
            act["consent_withdrawal"] = "Samtykket trekkes på Min side."
        if basis == "c":
            act["national_law"] = "bokføringsloven § 13"
        acts.append(act)
    return {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": "Syntetisk AS",
                "orgnr": "917100462",
                "address": "Postboks 1, 0001 Oslo",
                "data_subject_categories": subjects,
                "personal_data_categories": categories,
                "recipients": recipients,
                "security_measures": [
                    {"id": 1, "name": "Tilgangsstyring", "kind": "access_control", "applies_to_all": True}
                ],
                "activities": acts,
            }
        ],
    }
