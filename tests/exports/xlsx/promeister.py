"""A register holding only what ProMeister's published notice (seed 000) says.

Names, purposes and retention periods are quoted as written; where the notice
is silent the field stays empty.
"""

from __future__ import annotations

from typing import Any

_CATEGORIES = [
    ("Innloggingsdetaljer", {}),
    ("Navn", {}),
    ("Kontaktinformasjon", {}),
    ("Kommunikasjon med deg", {}),
    ("Tittel", {}),
    ("Firmainformasjon", {}),
    ("Fødselsnummer", {"national_id": True}),
    ("Kurshistorikk", {}),
    ("Testresultater", {}),
    ("Fakturareferanse", {}),
    ("Allergier", {"special": True, "description": "Allergier/matpreferanser (helseopplysninger)"}),
    ("Kundens korrespondanse", {}),
    ("Informasjon/detaljer om klage/reklamasjon", {}),
    ("Avtale", {}),
    ("Kjøretøysinformasjon", {}),
    ("Adresse og kontakinformasjon", {}),
    ("Betalingsunderlag", {}),
    ("Informasjon om dine kjøp og utførte tjenester", {}),
    ("Booking-/bestillingsinformasjon", {}),
]
CAT = {name: i for i, (name, _) in enumerate(_CATEGORIES, 1)}

FOOTNOTE_1 = (
    "Vi etterstreber å være så relevante som mulig i vår kommunikasjon med deg. For å kunne sende deg aktuelle "
    "tilbud på kurs/kompetanseutvikling trenger vi navn, kontaktinformasjon og kurshistorikk. Vi har vurdert at "
    "det finnes et gjensidig behov for informasjon, og at det gjensidige behovet veier tyngre enn en eventuell "
    "risiko for deg som registrert."
)
FOOTNOTE_2 = (
    "For å kunne besvare henvendelser som du gjør via våre websider eller kundeservice, samler vi inn navn og "
    "kontaktinformasjon og informasjonen i selve henvendelsen. Vi vurderer at det er et gjensidig behov for at vi "
    "behandler henvendelsen og at vår berettigete interesse veier tyngre enn en eventuell risiko for deg som "
    "registrert."
)
FOOTNOTE_3 = (
    "For å kunne svare på og behandle digitale bestillinger, kommentarer og anmeldelser som er gitt av personer, "
    "må vi behandle personopplysninger. Vi har gjort vurderingen at det finnes et gjensidig behov, og at fordelene "
    "med behandlingen veier tyngre enn din interesse for at ikke mer informasjon enn nødvendig brukes."
)


def _activity(
    aid: int, purpose: str, operations: list[str], cats: list[str], basis: list[str], retention: str, **extra: Any
) -> dict[str, Any]:
    return {
        "id": aid,
        "purpose": purpose,
        "operations": operations,
        "legal_basis": basis,
        "retention": retention,
        "personal_data": [CAT[c] for c in cats],
        "data_subjects": [1],
        **extra,
    }


ACTIVITIES = [
    _activity(
        1,
        "Brukeradministrasjon og support",
        [
            "Gi deg rettighet til å logge inn i brukerkonto",
            "Kontrollere identitet",
            "Motta og behandle kurspåmeldinger",
            "Kommunikasjon i forkant av og i løpet av kurs",
        ],
        ["Innloggingsdetaljer", "Navn", "Kontaktinformasjon", "Kommunikasjon med deg"],
        ["b"],
        "I 5 år og deretter inntil bruker/konto blir inaktiv.",
    ),
    _activity(
        2,
        "Tilby og administrere kurs",
        [
            "Identifisere/kontrollere at du er berettiget/kvalifiserer til kurset/utdannelsen",
            "Fakturere arbeidsgiver",
            "Gi oversikt over fullførte kurs",
            "Utstedte kursbevis/kursdiplom",
            "Registrere sertifiseringer hos aktuelle myndigheter/instanser",
        ],
        [
            "Navn",
            "Kontaktinformasjon",
            "Tittel",
            "Firmainformasjon",
            "Fødselsnummer",
            "Kurshistorikk",
            "Testresultater",
            "Fakturareferanse",
        ],
        ["b"],
        "I 5 år og deretter inntil bruker/konto blir inaktiv",
        national_id_justification="Fødselsnummer for å kunne registrere sertifiseringer hos respektive "
        "sertifiseringsorgan.",
        recipients=[1, 2, 5],
    ),
    _activity(
        3,
        "Tilby og administrere spesialmat i forbindelse med kurs",
        ["Innhente informasjon om allergier/matpreferanser for å kunne tilby spesialkost i forbindelse med kurs"],
        ["Allergier"],
        ["a"],
        "Inntil du trekker ditt samtykke og/eller avsluttet arrangement",
    ),
    _activity(
        4,
        "Gi oversikt over kurs-historikk",
        ["Lagre informasjon om gjennomførte sertifiseringer og kurs"],
        [
            "Navn",
            "Kontaktinformasjon",
            "Tittel",
            "Innloggingsdetaljer",
            "Firmainformasjon",
            "Fødselsnummer",
            "Kurshistorikk",
            "Testresultater",
        ],
        ["a"],
        "Inntil du trekker ditt samtykke",
    ),
    _activity(
        5,
        "Markedsføre våre kurs og tjenester",
        ["Sende direktemarkedsføring med informasjon om tilgjengelige kurs og tjenester"],
        ["Navn", "Kontaktinformasjon", "Kurshistorikk"],
        ["f"],
        "1 5 år og deretter inntil bruker/konto blir inaktiv",
        balancing_test=FOOTNOTE_1,
    ),
    _activity(
        6,
        "Håndtere henvendelser til kundeservice eller via websider",
        [
            "Kommunisere med deg som kunde og svare på henvendelser som kommer til kundeservice via telefon eller "
            "digitalt eller via websider",
            "Håndtere klager/reklamasjoner",
        ],
        ["Navn", "Kontaktinformasjon", "Kundens korrespondanse", "Informasjon/detaljer om klage/reklamasjon"],
        ["f"],
        "Inntil saken er avsluttet og i en periode på 12 måneder etterpå",
        balancing_test=FOOTNOTE_2,
    ),
    _activity(
        7,
        "For å gi ProMeister Business Systems, teknisk støtte, svartjeneste, sentral booking / ekstern "
        "servicerådgivning, fleetportalen og digitalt servicehefte",
        ["Grunnleggende informasjon for kontraktbehandling", "Kommuniser før avtaler"],
        ["Navn", "Kontaktinformasjon", "Avtale", "Kjøretøysinformasjon"],
        ["b"],
        "Inntil avtalen er avsluttet og i en periode på 6 måneder etterpå",
    ),
    _activity(
        8,
        "Behandle tilbakemeldinger/evalueringer, kommentarer i sosiale medier m.m.",
        [
            "Gi mulighet for at andre kan se og kommentere tilbakemeldinger og evalueringer fra kunder",
            "Gi mulighet til å svare på tilbakemeldinger og eventuelt bruke disse i utvikling og markedsføring "
            "(sistnevnte i så fall basert på et separat, skriftlig samtykke)",
        ],
        ["Navn", "Kontaktinformasjon", "Kjøretøysinformasjon"],
        ["f"],
        "Informasjon slettes iht. personvernklærning for gjeldende plattform. I tilfeller der selskapet har delt "
        "behandlingsansvar, som med Facebook, sletter selskapet kommentarer som er i strid med loven eller på annen "
        "måte upassende",
        balancing_test=FOOTNOTE_3,
    ),
    _activity(
        9,
        "Håndtere bestilling av service og reparasjon",
        ["Motta og behandle forespørsel om bestilling av service og reparasjon"],
        ["Navn", "Kontaktinformasjon", "Kjøretøysinformasjon"],
        ["b"],
        "Inntil tjeneste er utført og i 5 år etter avsluttet regnskapsår (regnskapsloven).",
    ),
    _activity(
        10,
        "Overføre informasjon til selvstendig behandlingsansvarlige selskap – se respektive hensikt/formål i "
        "tabellen nedenfor",
        [
            "Overføring av nødvendig informasjon/data til selskap som er selvstendig behandlingsansvarlige "
            "(i tilfeller der saken krever det)"
        ],
        [],
        [],
        "Til overføringen er gjort",
        legal_basis_note="Se rettslig grunnlag i tabellen nedenfor",
        recipients=[1, 2, 3, 4, 5],
    ),
]


def _controller(rid: int, name: str, purpose: str, cats: list[str], basis: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "name": name,
        "role": "independent_controller",
        "purpose": purpose,
        "legal_basis": basis,
        "personal_data": [CAT[c] for c in cats],
        **extra,
    }


INDEPENDENT_CONTROLLERS = [
    _controller(
        1,
        "Statens vegvesen",
        "Registrere sertifiseringer",
        ["Navn", "Adresse og kontakinformasjon", "Fødselsnummer"],
        ["b"],
    ),
    _controller(
        2,
        "Isovator (stiftelsen returpass)",
        "Klimasertifisering bilmekanikere",
        ["Navn", "Adresse og kontakinformasjon", "Fødselsnummer"],
        ["b"],
    ),
    _controller(
        3,
        "Bedrifter som tilbyr betalingsløsninger, for eksempel Resurs Bank",
        "Tilby elektronisk betaling",
        ["Navn", "Kontaktinformasjon", "Betalingsunderlag"],
        ["b"],
    ),
    _controller(
        4,
        "Selskap i konsernet som er behandlingsansvarlig for digitale bestillinger",
        "Følge opp status på bestillinger som kommer via digitale kanaler - om bestillingen gjennomføres eller ikke "
        "og om supplerende arbeid er utført - med formål å sikre produkt- og tjenesteutvikling og kunnskap om kunden",
        [
            "Navn",
            "Kontaktinformasjon",
            "Informasjon om dine kjøp og utførte tjenester",
            "Booking-/bestillingsinformasjon",
            "Kjøretøysinformasjon",
        ],
        ["f"],
        legal_basis_note="Tredjeparts berettigete interesse",
        balancing_test=FOOTNOTE_3,
    ),
    _controller(
        5,
        "Selskaper som er selvstendigbehandlingsansvarlig som tilbyr kurstjenester",
        "Registrere sertifiseringer",
        ["Navn", "Kontaktinformasjon", "Fødselsnummer"],
        ["b"],
    ),
]

PROCESSORS = [
    ("IT-tjenester", "Bedrifter som styrer drift, teknisk støtte og vedlikehold av våre IT-løsninger"),
    ("Eksterne kursleverandører", "Underleverandører"),
    ("Markedsføring", "Sosiale medier, trykk og distribusjon, håndtering av påminnelser for bestilling av service"),
    ("Offentlige person- og kjøretøyregister", "Deler registreringsnummer for å innhente kjøretøysinformasjon"),
    ("Betalings- og inkassoselskaper", "Bedrifter som sender betalingspåminnelser og håndterer innkreving av gjeld"),
    ("Kundeservice", "Annet selskap i konsernet som håndterer kundehenvendelser"),
    (
        "Kommunikasjonstjenester",
        "F.eks. for å kunne ta kontakt med deg som kunde når bestilte varer finnes på lager",
    ),
]

SOURCES = [
    (
        "Offentlig person- og kjøretøyregister",
        "Navn, kontaktinformasjon, kjøretøyopplysninger, tilsynsresultater (periodisk kjøretøykontroll/EU-kontroll) "
        "og informasjon om eierskifte",
    ),
    (
        "Selskap i konsernet",
        "Navn, kontaktinformasjon, kjøretøyinformasjon for mottak av informasjon om bestilling av service eller "
        "reparasjon",
    ),
    (
        "Selskaper som tilbyr betalingsløsninger (banker og andre betalingstjenester)",
        "Informasjon om betalingsgodkjenning",
    ),
    ("Forsikringselskap", "Forsikringsinformasjon som gjelder ditt kjøretøy"),
]


def promeister_document() -> dict[str, Any]:
    recipients = list(INDEPENDENT_CONTROLLERS)
    for i, (service, description) in enumerate(PROCESSORS, len(recipients) + 1):
        # The notice names processors only by what they do: the service, then the explanation in brackets.
        recipients.append({"id": i, "name": description, "role": "processor", "service": service, "dpa_in_place": True})
    return {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": "ProMeister Solutions AS",
                "orgnr": "917100462",
                "address": "c/o MECA Norway AS, Postboks 1014, 2804 Gjøvik",
                "email": "personvern@mekonomercompany.no",
                "data_subject_categories": [{"id": 1, "name": "Kunder"}, {"id": 2, "name": "Leverandører"}],
                "personal_data_categories": [
                    {"id": i, "name": name, **flags} for i, (name, flags) in enumerate(_CATEGORIES, 1)
                ],
                "sources": [{"id": i, "name": n, "description": d} for i, (n, d) in enumerate(SOURCES, 1)],
                "recipients": recipients,
                "security_measures": [
                    {
                        "id": 1,
                        "kind": "other",
                        "name": "Juridiske, tekniske og organisatoriske sikkerhetsforanstaltninger",
                        "description": "Sikrer at personopplysninger ikke blir manipulert, tapt eller ødelagt eller "
                        "at uautoriserte får tilgang til dem. Sikkerhetsrutinene blir oppdatert ettersom teknologien "
                        "utvikler seg og forbedres.",
                        "applies_to_all": True,
                    }
                ],
                "activities": ACTIVITIES,
                "change_log": [
                    {"id": 1, "when": "2023-04-26", "text": "Etablering av egen personvernerklæring for ProMeister"},
                    {
                        "id": 2,
                        "when": "2024-05-27",
                        "text": "Oppdatert personvernerklæring og inkludert fleet og selvstendigbehandlingsansvarlig "
                        "selskaper",
                    },
                    {"id": 3, "when": "2024-09-25", "text": "Endring av e-postadresse"},
                ],
            }
        ],
    }
