"""The data map as a graph: sources and data subjects → activities → recipients → countries.

Every node carries the ids of the records it stands for, so a click in the
editor selects them and a test can check that every record is on the map.
Large registers are summarised (activities grouped by legal basis, recipients
by role) instead of drawn as an unreadable wall of boxes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import IntEnum
from typing import NamedTuple

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.countries import transfer_rules
from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.i18n import N_, Translator, current

# Above this many nodes the map is summarised: a picture of 10,000 boxes shows nothing.
SUMMARY_THRESHOLD = 120


class Layer(IntEnum):
    ORIGIN = 0  # sources and data subjects
    ACTIVITY = 1
    RECIPIENT = 2
    COUNTRY = 3


class RecordRef(NamedTuple):  # a tuple: the dashboard makes one per counted record, 100,000s at 10,000 activities
    entity: str  # "activity", "recipient", "source", "data_subject", "transfer"
    record_id: int


@dataclass
class MapNode:
    key: str  # stable identity, e.g. "activity:12"
    layer: Layer
    kind: str  # "source", "data_subject", "activity", "recipient", "country", "unknown_country", "group"
    label: str
    detail: str = ""  # the hover text
    records: tuple[RecordRef, ...] = ()
    special: bool = False  # special categories (art. 9/10) or national ID numbers
    third_country: bool = False  # outside the EEA
    gap: bool = False  # something the register should say and does not
    gap_text: str = ""
    purpose: str = ""  # activities: for the editor's filter
    role: str = ""  # recipients
    country: str = ""


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    special: bool = False
    third_country: bool = False
    weight: int = 1  # how many record links a summarised edge stands for


@dataclass
class DataMap:
    organisation: str
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    summarised: bool = False
    activity_count: int = 0

    def node(self, key: str) -> MapNode:
        return self._by_key[key]

    @property
    def _by_key(self) -> dict[str, MapNode]:
        return {n.key: n for n in self.nodes}

    def layer(self, layer: Layer) -> list[MapNode]:
        return [n for n in self.nodes if n.layer == layer]

    def record_ids(self, entity: str) -> set[int]:
        return {r.record_id for n in self.nodes for r in n.records if r.entity == entity}


UNKNOWN_COUNTRY = "unknown_country"
_NO_BASIS = N_("No legal basis stated")
_COUNTRY_UNKNOWN = N_("Country not stated")


def _countries_of(org: OrganisationRegister, recipient_id: int, own_country: str) -> list[str]:
    """The countries a recipient's data is in: its own and those of its transfers, in first-seen order."""
    found: list[str] = []
    for country in [own_country, *(t.country for t in org.transfers_for(recipient_id))]:
        code = country.strip().upper()
        if code and code not in found:
            found.append(code)
    return found


def build_map(
    org: OrganisationRegister, translator: Translator | None = None, summary_threshold: int = SUMMARY_THRESHOLD
) -> DataMap:
    """The full map of one organisation, summarised when it has more than ``summary_threshold`` nodes."""
    tr = translator or current()
    rules = transfer_rules()
    result = DataMap(org.organisation.name, activity_count=len(org.activities))
    nodes: dict[str, MapNode] = {}
    edges: dict[tuple[str, str], MapEdge] = {}

    def add_edge(a: str, b: str, special: bool = False, third: bool = False) -> None:
        old = edges.get((a, b))
        if old is None:
            edges[(a, b)] = MapEdge(a, b, special, third)
        else:
            edges[(a, b)] = MapEdge(a, b, old.special or special, old.third_country or third, old.weight + 1)

    for s in org.data_subjects:
        nodes[f"data_subject:{s.id}"] = MapNode(
            f"data_subject:{s.id}",
            Layer.ORIGIN,
            "data_subject",
            s.name,
            s.description,
            (RecordRef("data_subject", s.id or 0),),
        )
    for src in org.sources:
        nodes[f"source:{src.id}"] = MapNode(
            f"source:{src.id}", Layer.ORIGIN, "source", src.name, src.description, (RecordRef("source", src.id or 0),)
        )
    # Recipients and their countries first, so that an activity's edge knows whether it leaves the EEA.
    recipient_third: dict[int, bool] = {}
    for rec in org.recipients:
        r = rec.recipient
        rid = r.id or 0
        countries = _countries_of(org, rid, r.country)
        third = any(rules.is_third_country(c) for c in countries)
        recipient_third[rid] = third
        key = f"recipient:{rid}"
        nodes[key] = MapNode(
            key,
            Layer.RECIPIENT,
            "recipient",
            r.name,
            r.service or r.description,
            (RecordRef("recipient", rid),),
            third_country=third,
            role=r.role,
            country=",".join(countries),
        )
        if not countries:
            nodes[key].gap, nodes[key].gap_text = True, tr.gettext(_COUNTRY_UNKNOWN)
            if UNKNOWN_COUNTRY not in nodes:
                nodes[UNKNOWN_COUNTRY] = MapNode(
                    UNKNOWN_COUNTRY,
                    Layer.COUNTRY,
                    UNKNOWN_COUNTRY,
                    tr.gettext(_COUNTRY_UNKNOWN),
                    "",
                    gap=True,
                    gap_text=tr.gettext(_COUNTRY_UNKNOWN),
                )
            add_edge(key, UNKNOWN_COUNTRY)
        for code in countries:
            ckey = f"country:{code}"
            if ckey not in nodes:
                nodes[ckey] = MapNode(
                    ckey,
                    Layer.COUNTRY,
                    "country",
                    tr.country_name(code),
                    code,
                    third_country=rules.is_third_country(code),
                    country=code,
                )
            transfers = [t for t in org.transfers_for(rid) if t.country.strip().upper() == code]
            nodes[ckey].records += tuple(RecordRef("transfer", t.id or 0) for t in transfers)
            if (
                rules.is_third_country(code)
                and rules.decision(code) is None
                and not any(t.mechanism for t in transfers)
            ):
                nodes[ckey].gap = True
                nodes[ckey].gap_text = tr.gettext(N_("No transfer mechanism stated"))
            add_edge(key, ckey, third=rules.is_third_country(code))

    special_ids = {c.id for c in org.personal_data if c.special or c.criminal or c.national_id}
    # Counted before the activities are drawn: a large register's activities go straight into their groups.
    fold = len(nodes) + len(org.activities) > summary_threshold
    folded: dict[str, list[RecordRef]] = defaultdict(list)
    no_basis = tr.gettext(_NO_BASIS)
    for rec_a in org.activities:
        a = rec_a.activity
        aid = a.id or 0
        special = any(p in special_ids for p in rec_a.personal_data_ids)
        third = any(recipient_third.get(r, False) for r in rec_a.recipient_ids)
        gap = not a.legal_basis and not a.legal_basis_note.strip()
        if fold:
            key = _activity_group(a.legal_basis, special)
            if key not in nodes:
                nodes[key] = MapNode(
                    key,
                    Layer.ACTIVITY,
                    "group",
                    _activity_group_label(a.legal_basis, special, tr),
                    special=special,
                    gap=gap,
                    gap_text=no_basis if gap else "",
                )
            nodes[key].third_country = nodes[key].third_country or third
            folded[key].append(RecordRef("activity", aid))
        else:
            key = f"activity:{aid}"
            nodes[key] = MapNode(
                key,
                Layer.ACTIVITY,
                "activity",
                a.purpose,
                "; ".join(a.operations),
                (RecordRef("activity", aid),),
                special=special,
                third_country=third,
                purpose=a.purpose,
                gap=gap,
                gap_text=no_basis if gap else "",
            )
        for s_id in rec_a.data_subject_ids:
            add_edge(f"data_subject:{s_id}", key, special=special)
        for s_id in rec_a.source_ids:
            add_edge(f"source:{s_id}", key, special=special)
        for r_id in rec_a.recipient_ids:
            add_edge(key, f"recipient:{r_id}", special=special, third=recipient_third.get(r_id, False))
    for key, refs in folded.items():
        nodes[key].records = tuple(refs)

    result.nodes = list(nodes.values())
    result.edges = [e for e in edges.values() if e.source in nodes and e.target in nodes]
    if fold:
        return summarise(result, tr)
    return result


def _activity_group(letters: list[str], special: bool) -> str:
    return f"group:activity:{','.join(sorted(letters))}:{int(special)}"


def _activity_group_label(letters: list[str], special: bool, tr: Translator) -> str:
    from ropa_desktop.domain import labels

    basis = ", ".join(labels.label(b, tr, e.LegalBasis) for b in sorted(letters)) if letters else tr.gettext(_NO_BASIS)
    return basis + (" · " + tr.gettext(N_("special categories")) if special else "")


def summarise(full: DataMap, tr: Translator) -> DataMap:
    """Recipients grouped by role, sources and data subjects by kind, when there are many; counts on the groups.

    The activities arrive grouped by legal basis (and special categories) from :func:`build_map`.

    Each group keeps the ids of every record in it, so nothing drops off the map: it is folded.
    """
    from ropa_desktop.domain import labels

    group_of: dict[str, str] = {}
    groups: dict[str, MapNode] = {}
    members: dict[str, list[RecordRef]] = defaultdict(list)
    many_recipients = _count(full, Layer.RECIPIENT) > 40
    many_origins = _count(full, Layer.ORIGIN) > 40
    for node in full.nodes:
        if node.kind == "group":
            group_of[node.key] = node.key
            groups[node.key] = node
            members[node.key].extend(node.records)
            continue
        if node.layer == Layer.RECIPIENT and many_recipients:
            gkey = f"group:recipient:{node.role}:{int(node.third_country)}:{int(node.gap)}"
            label = (
                labels.label(node.role, tr, e.RecipientRole)
                if node.role in e.RecipientRole._value2member_map_
                else node.role
            )
        elif node.layer == Layer.ORIGIN and many_origins:
            gkey = f"group:{node.kind}"
            from ropa_desktop.domain.fields import field_label  # the one vocabulary's headings

            label = field_label("activity", "sources" if node.kind == "source" else "data_subjects", tr)
        else:
            group_of[node.key] = node.key
            groups[node.key] = node
            continue
        group_of[node.key] = gkey
        group = groups.get(gkey)
        if group is None:
            group = groups[gkey] = MapNode(
                gkey,
                node.layer,
                "group",
                label,
                special=node.special,
                third_country=node.third_country,
                gap=node.gap,
                gap_text=node.gap_text,
                role=node.role,
            )
        members[gkey].extend(node.records)
        group.third_country = group.third_country or node.third_country
    for gkey, refs in members.items():
        groups[gkey].records = tuple(refs)
    for group in groups.values():
        if group.kind == "group":
            count = len(group.records)
            group.detail = tr.ngettext("{count} record", "{count} records", count).format(count=tr.format_number(count))
            group.label = f"{group.label} ({tr.format_number(count)})"
    merged: dict[tuple[str, str], MapEdge] = {}
    for link in full.edges:
        a, b = group_of[link.source], group_of[link.target]
        old = merged.get((a, b))
        merged[(a, b)] = (
            MapEdge(a, b, link.special, link.third_country, link.weight)
            if old is None
            else MapEdge(
                a, b, old.special or link.special, old.third_country or link.third_country, old.weight + link.weight
            )
        )
    return DataMap(full.organisation, list(groups.values()), list(merged.values()), True, full.activity_count)


def _count(m: DataMap, layer: Layer) -> int:
    return sum(1 for n in m.nodes if n.layer == layer)


def counts_by_layer(m: DataMap) -> dict[Layer, int]:
    found: dict[Layer, int] = defaultdict(int)
    for n in m.nodes:
        found[n.layer] += 1
    return dict(found)
