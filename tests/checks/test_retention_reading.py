"""`activity.retention.vague` reads retention texts as a consultant does: 70 phrasings, nb and en."""

from __future__ import annotations

import pytest

from ropa_desktop.checks.retention import Reading, read_retention

VAGUE = [
    # a lower bound is not an erasure deadline
    "Ordredata lagres i minimum 5 år i henhold til bokføringsloven.",
    "We keep the records for at least five years.",
    # necessity and usefulness (nb)
    "Vi lagrer dine personopplysninger så lenge det er nødvendig for det formål de ble samlet inn for.",
    "Opplysningene lagres så lenge det er hensiktsmessig etter formålet.",
    "Brukerkonto vil ikke slettes, så lenge Proactima ser det hensiktsmessig å beholde den.",
    "Så lenge vi har behov for dem.",
    "Lagres så lenge formålet tilsier det.",
    "Vi oppbevarer opplysningene så lenge de er relevante.",
    "Slettes når de ikke lenger er nødvendige.",
    "Så lenge det er nyttig for oss.",
    "Vi tar vare på opplysningene så lenge kundeforholdet består, og deretter så lenge vi ser det hensiktsmessig.",
    "Personopplysninger vil ikke bli oppbevart lenger enn nødvendig for å oppfylle formålet.",
    # "the law" without naming one (nb)
    "I henhold til gjeldende lovverk.",
    "Så lenge lovgivningen krever.",
    "Opplysningene lagres i tråd med lovpålagte krav.",
    "Vi lagrer opplysningene i samsvar med gjeldende regelverk.",
    "Regnskapslovgivning pålegger oss å lagre bestemte dokumenter i et nærmere angitt tidsrom.",
    # neither a duration nor an event (nb)
    "Slettes fortløpende.",
    "Informasjon slettes iht. personvernerklæringen for gjeldende plattform.",
    "Lagres i henhold til personvernforordningen.",
    # necessity and usefulness (en)
    "We keep your data as long as necessary.",
    "As long as we think we may need it.",
    "For as long as is appropriate for the purpose.",
    "We retain personal data only for as long as needed to provide the service.",
    "Data is kept while it remains useful to us.",
    "As long as reasonably required for our business purposes.",
    "Until it is no longer relevant.",
    # "the law" without naming one (en)
    "In accordance with the law in force.",
    "As required by applicable law.",
    "We keep it for as long as the law requires.",
    "Retained to meet our legal obligations.",
    "Stored in line with GDPR.",
    "Deleted periodically.",
    "Kept for the period set out in our internal retention policy.",
    "We do not keep data longer than required by law.",
    "Kept as long as necessary to fulfil the contract.",
    "Until we decide otherwise.",
]

CONCRETE = [
    # a lower bound with an upper bound or an erasure beside it
    "Lagres i minst 5 år og slettes deretter innen utgangen av det sjette året.",
    "Kept for at least 3 and at most 5 years.",
    # a duration (nb), approximate ones too
    "I 5 år og deretter inntil bruker/konto blir inaktiv.",
    "Ca. 6 år.",
    "Inntil saken er avsluttet og i en periode på 12 måneder etterpå.",
    "Inntil avtalen er avsluttet og i en periode på 6 måneder etterpå.",
    "Tre år etter siste kontakt.",
    "Omtrent to år.",
    "Slettes etter 90 dager.",
    "Opptil 3-5 år avhengig av sakstype.",
    "Lagres i to (2) år etter avsluttet kundeforhold.",
    "Et år etter utløpet av kalenderåret.",
    "30 døgn for kameraopptak.",
    "Slettes senest 6 mnd. etter ansettelsesprosessen.",
    # a datable event (nb)
    "Inntil du trekker ditt samtykke.",
    "Til overføringen er gjort.",
    "Inntil kontoen din slettes.",
    "Så lenge avtalen varer.",
    "Til arbeidsforholdet opphører.",
    "Dersom du melder deg av nyhetsbrevet, slettes opplysningene.",
    "Slettes umiddelbart etter bruk.",
    # a named law (nb)
    "Fem år etter utgangen av regnskapsåret, jf. bokføringsloven § 13.",
    "Så lenge bokføringsloven krever.",
    "I henhold til arbeidsmiljøloven § 9-1.",
    # a duration (en)
    "About 6 years.",
    "Two years after the last purchase.",
    "We keep it for 24 months.",
    "Approximately 18 months after the end of the contract.",
    "Seven years from the end of the financial year.",
    # a datable event (en)
    "Until you withdraw your consent.",
    "Until the account is deleted.",
    "Until the end of the contract.",
    "Until you unsubscribe.",
    "Deleted immediately after the transfer.",
    # a named law (en)
    "As long as the Bookkeeping Act requires.",
    "For the period required by the Norwegian Accounting Act.",
    "Not stored.",
]


def test_enough_phrasings_in_both_languages() -> None:
    assert len(VAGUE) + len(CONCRETE) >= 60
    assert abs(len(VAGUE) - len(CONCRETE)) <= 2


@pytest.mark.parametrize("text", VAGUE)
def test_vague(text: str) -> None:
    assert read_retention(text).reading is Reading.VAGUE, read_retention(text)


@pytest.mark.parametrize("text", CONCRETE)
def test_concrete(text: str) -> None:
    assert read_retention(text).reading is Reading.CONCRETE, read_retention(text)


def test_empty_is_not_vague_but_missing() -> None:
    assert read_retention("  \n").reading is Reading.EMPTY
