"""Which countries are in the EEA and which have an adequacy decision, read from package data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ropa_desktop.resources import package_data


@dataclass(frozen=True)
class AdequacyDecision:
    country: str
    adopted: date
    scope: str = ""  # "dpf": only recipients certified under the EU-US Data Privacy Framework


@dataclass(frozen=True)
class TransferRules:
    eea: frozenset[str]
    adequacy: dict[str, AdequacyDecision]

    def in_eea(self, country: str) -> bool:
        return country.upper() in self.eea

    def is_third_country(self, country: str) -> bool:
        return bool(country) and not self.in_eea(country)

    def decision(self, country: str, on: date | None = None) -> AdequacyDecision | None:
        found = self.adequacy.get(country.upper())
        if found is None or (on is not None and found.adopted > on):
            return None
        return found


@lru_cache(maxsize=1)
def transfer_rules() -> TransferRules:
    raw = json.loads(package_data("adequacy.json").read_text(encoding="utf-8"))
    decisions = {
        d["country"]: AdequacyDecision(d["country"], date.fromisoformat(d["adopted"]), d.get("scope", ""))
        for d in raw["adequacy"]
    }
    return TransferRules(frozenset(raw["eea"]), decisions)
