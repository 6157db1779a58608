"""A realistic register built only from the ProMeister Solutions privacy notice (seed 000)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

ORGANISATION = {
    "name": "ProMeister Solutions AS",
    "orgnr": "917100462",
    "address": "c/o MECA Norway AS, Postboks 1014, 2804 Gjøvik",
    "email": "personvern@mekonomercompany.no",
    "contact_person": "Sentralt GDPR-team",
}

PERSONAL_DATA = [
    "Innloggingsdetaljer",
    "Navn",
    "Kontaktinformasjon",
    "Kommunikasjon med deg",
    "Tittel",
    "Firmainformasjon",
    "Fødselsnummer (se nedenfor om særskilte personopplysninger)",
    "Kurshistorikk",
    "Testresultater",
    "Fakturareferanse",
    "Allergier (se nedenfor om særskilte personopplysninger)",
    "Testresultat",
    "Kundens korrespondanse",
    "Informasjon/detaljer om klage/reklamasjon",
    "Avtale",
    "Kjøretøysinformasjon",
    "Se kategorier spesifisert i tabellen nedenfor",
    "Adresse og kontakinformasjon",
    "Fødselsnummer",
    "Kontakinformasjon",
    "Betalingsunderlag",
    "Informasjon om dine kjøp og utførte tjenester",
    "Booking-/bestillingsinformasjon",
    "Kjøretøyopplysninger",
]
SPECIAL = {"Allergier (se nedenfor om særskilte personopplysninger)"}
NATIONAL_ID = {"Fødselsnummer (se nedenfor om særskilte personopplysninger)", "Fødselsnummer"}

BALANCING_1 = (
    "Vi etterstreber å være så relevante som mulig i vår kommunikasjon med deg. For å kunne sende deg aktuelle "
    "tilbud på kurs/kompetanseutvikling trenger vi navn, kontaktinformasjon og kurshistorikk. Vi har vurdert at det "
    "finnes et gjensidig behov for informasjon, og at det gjensidige behovet veier tyngre enn en eventuell risiko "
    "for deg som registrert."
)
BALANCING_2 = (
    "For å kunne besvare henvendelser som du gjør via våre websider eller kundeservice, samler vi inn navn og "
    "kontaktinformasjon og informasjonen i selve henvendelsen. Vi vurderer at det er et gjensidig behov for at vi "
    "behandler henvendelsen og at vår berettigete interesse veier tyngre enn en eventuell risiko for deg som "
    "registrert."
)
BALANCING_3 = (
    "For å kunne svare på og behandle digitale bestillinger, kommentarer og anmeldelser som er gitt av personer, må "
    "vi behandle personopplysninger. Vi har gjort vurderingen at det finnes et gjensidig behov, og at fordelene med "
    "behandlingen veier tyngre enn din interesse for at ikke mer informasjon enn nødvendig brukes."
)

# Formål, Behandling, Kategorier, Rettslig grunnlag (art. 6 letters, note, balancing test), Lagringstid
ACTIVITIES: list[dict[str, Any]] = [
    {
        "purpose": "Brukeradministrasjon og support",
        "operations": [
            "Gi deg rettighet til å logge inn i brukerkonto",
            "Kontrollere identitet",
            "Motta og behandle kurspåmeldinger",
            "Kommunikasjon i forkant av og i løpet av kurs",
        ],
        "personal_data": ["Innloggingsdetaljer", "Navn", "Kontaktinformasjon", "Kommunikasjon med deg"],
        "legal_basis": ["b"],
        "retention": "I 5 år og deretter inntil bruker/konto blir inaktiv.",
    },
    {
        "purpose": "Tilby og administrere kurs",
        "operations": [
            "Identifisere/kontrollere at du er berettiget/kvalifiserer til kurset/utdannelsen",
            "Fakturere arbeidsgiver",
            "Gi oversikt over fullførte kurs",
            "Utstedte kursbevis/kursdiplom",
            "Registrere sertifiseringer hos aktuelle myndigheter/instanser",
        ],
        "personal_data": [
            "Navn",
            "Kontaktinformasjon",
            "Tittel",
            "Firmainformasjon",
            "Fødselsnummer (se nedenfor om særskilte personopplysninger)",
            "Kurshistorikk",
            "Testresultater",
            "Fakturareferanse",
        ],
        "legal_basis": ["b"],
        "retention": "I 5 år og deretter inntil bruker/konto blir inaktiv",
    },
    {
        "purpose": "Tilby og administrere spesialmat i forbindelse med kurs",
        "operations": [
            "Innhente informasjon om allergier/matpreferanser for å kunne tilby spesialkost i forbindelse med kurs"
        ],
        "personal_data": ["Allergier (se nedenfor om særskilte personopplysninger)"],
        "legal_basis": ["a"],
        "retention": "Inntil du trekker ditt samtykke og/eller avsluttet arrangement",
    },
    {
        "purpose": "Gi oversikt over kurs-historikk",
        "operations": ["Lagre informasjon om gjennomførte sertifiseringer og kurs"],
        "personal_data": [
            "Navn",
            "Kontaktinformasjon",
            "Tittel",
            "Innloggingsdetaljer",
            "Firmainformasjon",
            "Fødselsnummer (se nedenfor om særskilte personopplysninger)",
            "Kurshistorikk",
            "Testresultat",
        ],
        "legal_basis": ["a"],
        "retention": "Inntil du trekker ditt samtykke",
    },
    {
        "purpose": "Markedsføre våre kurs og tjenester",
        "operations": ["Sende direktemarkedsføring med informasjon om tilgjengelige kurs og tjenester"],
        "personal_data": ["Navn", "Kontaktinformasjon", "Kurshistorikk"],
        "legal_basis": ["f"],
        "balancing_test": BALANCING_1,
        "retention": "1 5 år og deretter inntil bruker/konto blir inaktiv",
    },
    {
        "purpose": "Håndtere henvendelser til kundeservice eller via websider",
        "operations": [
            "Kommunisere med deg som kunde og svare på henvendelser som kommer til kundeservice via telefon eller "
            "digitalt eller via websider",
            "Håndtere klager/reklamasjoner",
        ],
        "personal_data": [
            "Navn",
            "Kontaktinformasjon",
            "Kundens korrespondanse",
            "Informasjon/detaljer om klage/reklamasjon",
        ],
        "legal_basis": ["f"],
        "balancing_test": BALANCING_2,
        "retention": "Inntil saken er avsluttet og i en periode på 12 måneder etterpå",
    },
    {
        "purpose": "For å gi ProMeister Business Systems, teknisk støtte, svartjeneste, sentral booking / ekstern "
        "servicerådgivning, fleetportalen og digitalt servicehefte",
        "operations": ["Grunnleggende informasjon for kontraktbehandling", "Kommuniser før avtaler"],
        "personal_data": ["Navn", "Kontaktinformasjon", "Avtale", "Kjøretøysinformasjon"],
        "legal_basis": ["b"],
        "retention": "Inntil avtalen er avsluttet og i en periode på 6 måneder etterpå",
    },
    {
        "purpose": "Behandle tilbakemeldinger/evalueringer, kommentarer i sosiale medier m.m.",
        "operations": [
            "Gi mulighet for at andre kan se og kommentere tilbakemeldinger og evalueringer fra kunder",
            "Gi mulighet til å svare på tilbakemeldinger og eventuelt bruke disse i utvikling og markedsføring "
            "(sistnevnte i så fall basert på et separat, skriftlig samtykke)",
        ],
        "personal_data": ["Navn", "Kontaktinformasjon", "Kjøretøysinformasjon"],
        "legal_basis": ["f"],
        "balancing_test": BALANCING_3,
        "retention": "Informasjon slettes iht. personvernklærning for gjeldende plattform. I tilfeller der selskapet "
        "har delt behandlingsansvar, som med Facebook, sletter selskapet kommentarer som er i strid med loven eller "
        "på annen måte upassende",
    },
    {
        "purpose": "Håndtere bestilling av service og reparasjon",
        "operations": ["Motta og behandle forespørsel om bestilling av service og reparasjon"],
        "personal_data": ["Navn", "Kontaktinformasjon", "Kjøretøysinformasjon"],
        "legal_basis": ["b"],
        "retention": "Inntil tjeneste er utført og i 5 år etter avsluttet regnskapsår (regnskapsloven).",
    },
    {
        "purpose": "Overføre informasjon til selvstendig behandlingsansvarlige selskap – se respektive hensikt/formål "
        "i tabellen nedenfor",
        "operations": [
            "Overføring av nødvendig informasjon/data til selskap som er selvstendig behandlingsansvarlige "
            "(i tilfeller der saken krever det)"
        ],
        "personal_data": ["Se kategorier spesifisert i tabellen nedenfor"],
        "legal_basis_note": "Se rettslig grunnlag i tabellen nedenfor",
        "retention": "Til overføringen er gjort",
    },
]

SHARING: list[dict[str, Any]] = [
    {
        "name": "Statens vegvesen",
        "purpose": "Registrere sertifiseringer",
        "personal_data": ["Navn", "Adresse og kontakinformasjon", "Fødselsnummer"],
        "legal_basis": ["b"],
    },
    {
        "name": "Isovator (stiftelsen returpass)",
        "purpose": "Klimasertifisering bilmekanikere",
        "personal_data": ["Navn", "Adresse og kontakinformasjon", "Fødselsnummer"],
        "legal_basis": ["b"],
    },
    {
        "name": "Bedrifter som tilbyr betalingsløsninger, for eksempel Resurs Bank",
        "purpose": "Tilby elektronisk betaling",
        "personal_data": ["Navn", "Kontakinformasjon", "Betalingsunderlag"],
        "legal_basis": ["b"],
    },
    {
        "name": "Selskap i konsernet som er behandlingsansvarlig for digitale bestillinger",
        "purpose": "Følge opp status på bestillinger som kommer via digitale kanaler - om bestillingen gjennomføres "
        "eller ikke og om supplerende arbeid er utført - med formål å sikre produkt- og tjenesteutvikling og "
        "kunnskap om kunden",
        "personal_data": [
            "Navn",
            "Kontakinformasjon",
            "Informasjon om dine kjøp og utførte tjenester",
            "Booking-/bestillingsinformasjon",
            "Kjøretøyopplysninger",
        ],
        "legal_basis": ["f"],
        "balancing_test": BALANCING_3,
    },
    {
        "name": "Selskaper som er selvstendigbehandlingsansvarlig som tilbyr kurstjenester",
        "purpose": "Registrere sertifiseringer",
        "personal_data": ["Navn", "Kontakinformasjon", "Fødselsnummer"],
        "legal_basis": ["b"],
    },
]

PROCESSORS: list[tuple[str, str]] = [
    ("IT-tjenester", "Bedrifter som styrer drift, teknisk støtte og vedlikehold av våre IT-løsninger"),
    ("Eksterne kursleverandører", "Underleverandører"),
    ("Markedsføring", "Sosiale medier, trykk og distribusjon, håndtering av påminnelser for bestilling av service"),
    ("Offentlige person- og kjøretøyregister", "Deler registreringsnummer for å innhente kjøretøysinformasjon"),
    ("Betalings- og inkassoselskaper", "Bedrifter som sender betalingspåminnelser og håndterer innkreving av gjeld"),
    ("Kundeservice", "Annet selskap i konsernet som håndterer kundehenvendelser"),
    (
        "Kommunikasjonstjenester",
        "For å kunne ta kontakt med deg som kunde når bestilte varer finnes på lager",
    ),
]

CHANGE_LOG = [
    (date(2023, 4, 26), "Etablering av egen personvernerklæring for ProMeister"),
    (
        date(2024, 5, 27),
        "Oppdatert personvernerklæring og inkludert fleet og selvstendigbehandlingsansvarlig selskaper",
    ),
    (date(2024, 9, 25), "Endring av e-postadresse"),
]


def build_promeister(register: RegisterFile) -> int:
    """Fill ``register`` with the ProMeister register; returns the organisation id."""
    org_id = register.apply(ops.Create("organisation", ORGANISATION)).record_id
    assert org_id is not None
    pd_ids: dict[str, int] = {}
    for name in PERSONAL_DATA:
        values = {
            "organisation_id": org_id,
            "name": name,
            "special": name in SPECIAL,
            "national_id": name in NATIONAL_ID,
        }
        rid = register.apply(ops.Create("personal_data", values)).record_id
        assert rid is not None
        pd_ids[name] = rid
    for row in SHARING:
        values = {k: v for k, v in row.items() if k != "personal_data"}
        values |= {"organisation_id": org_id, "role": "independent_controller", "country": "NO"}
        rid = register.apply(ops.Create("recipient", values)).record_id
        assert rid is not None
        register.apply(ops.SetLinks("recipient.personal_data", rid, [pd_ids[n] for n in row["personal_data"]]))
    for service, description in PROCESSORS:
        values = {"organisation_id": org_id, "role": "processor", "name": description, "service": service}
        register.apply(ops.Create("recipient", values))
    for row in ACTIVITIES:
        values = {k: v for k, v in row.items() if k != "personal_data"} | {"organisation_id": org_id}
        rid = register.apply(ops.Create("activity", values)).record_id
        assert rid is not None
        register.apply(ops.SetLinks("activity.personal_data", rid, [pd_ids[n] for n in row["personal_data"]]))
    for when, what in CHANGE_LOG:
        register.apply(ops.Create("change_log", {"organisation_id": org_id, "when": when, "text": what}))
    return org_id
