"""The JSON interchange format for registers (documented in docs/json-format.md).

Export is deterministic: records in display order, fields in model order,
fields at their default value left out, two-space indentation, UTF-8 and a
final newline, so a register diffs well in git and export → import → export
is byte-identical.

Import validates the whole document first and reports every problem with its
path; only a document without problems is written, in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import OrganisationRegister, RegisterSnapshot
from ropa_desktop.domain.validation import INT_MAX, Problem, ValueProblem, coerce
from ropa_desktop.errors import ImportProblems
from ropa_desktop.i18n import N_
from ropa_desktop.store.tables import TABLES

# Writing a register (an import) needs the store and SQLAlchemy; the imports are in the functions
# that write, so exporting (the PDF's fingerprint, ``ropa export --format json``) loads neither.
if TYPE_CHECKING:
    import sqlalchemy as sa

    from ropa_desktop.store.register import RegisterFile

FORMAT = "ropa-register"
FORMAT_VERSION = 2  # 2: legal depth (issue 13); version-1 documents import unchanged

_SKIP = ("id", "organisation_id", "position")


@dataclass(frozen=True)
class Section:
    key: str  # JSON key inside an organisation
    entity: str
    links: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # JSON key -> (link name, target section)
    refs: Mapping[str, str] = field(default_factory=dict)  # field -> target section


# Order matters twice: it is the order in the file, and referenced sections come first.
SECTIONS: tuple[Section, ...] = (
    Section("data_subject_categories", "data_subject"),
    Section("personal_data_categories", "personal_data"),
    Section("sources", "source"),
    Section(
        "recipients", "recipient", links={"personal_data": ("recipient.personal_data", "personal_data_categories")}
    ),
    Section(
        "transfers",
        "transfer",
        links={"recipients": ("transfer.recipients", "recipients")},
        refs={"recipient_id": "recipients"},
    ),
    Section("security_measures", "security_measure"),
    Section("processor_clients", "client"),
    Section("approvers", "approver"),
    Section(
        "activities",
        "activity",
        links={
            "data_subjects": ("activity.data_subjects", "data_subject_categories"),
            "personal_data": ("activity.personal_data", "personal_data_categories"),
            "sources": ("activity.sources", "sources"),
            "recipients": ("activity.recipients", "recipients"),
            "security_measures": ("activity.security_measures", "security_measures"),
        },
        refs={"client_id": "processor_clients"},
    ),
    Section("change_log", "change_log"),
    Section("approvals", "approval"),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}


# --------------------------------------------------------------------------- export


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _defaults(model: type[Any]) -> dict[str, Any]:
    return m.field_defaults(model)


_DEFAULTS = {name: _defaults(info.model) for name, info in TABLES.items()}


def _record(entity: str, record: Any, links: Mapping[str, list[int]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": getattr(record, "id")}  # noqa: B009 - every record has one
    defaults = _DEFAULTS[entity]
    for name in m.field_names(type(record)):
        if name in _SKIP:
            continue
        value = getattr(record, name)
        if value != defaults[name]:
            out[name] = _plain(value)
    for key, ids in (links or {}).items():
        if ids:
            out[key] = list(ids)
    return out


def organisation_document(org: OrganisationRegister, include_approvals: bool = True) -> dict[str, Any]:
    doc = _record("organisation", org.organisation)
    lists: dict[str, list[dict[str, Any]]] = {
        "data_subject_categories": [_record("data_subject", r) for r in org.data_subjects],
        "personal_data_categories": [_record("personal_data", r) for r in org.personal_data],
        "sources": [_record("source", r) for r in org.sources],
        "recipients": [
            _record("recipient", r.recipient, {"personal_data": r.personal_data_ids}) for r in org.recipients
        ],
        "transfers": [
            _record("transfer", r, {"recipients": org.transfer_recipient_ids.get(r.id or 0, [])}) for r in org.transfers
        ],
        "security_measures": [_record("security_measure", r) for r in org.security_measures],
        "processor_clients": [_record("client", r) for r in org.clients],
        "approvers": [_record("approver", r) for r in org.approvers],
        "activities": [
            _record(
                "activity",
                a.activity,
                {
                    "data_subjects": a.data_subject_ids,
                    "personal_data": a.personal_data_ids,
                    "sources": a.source_ids,
                    "recipients": a.recipient_ids,
                    "security_measures": a.security_measure_ids,
                },
            )
            for a in org.activities
        ],
        "change_log": [_record("change_log", r) for r in org.change_log],
        "approvals": [_record("approval", r) for r in org.approvals] if include_approvals else [],
    }
    for key, records in lists.items():
        if records:
            doc[key] = records
    return doc


def snapshot_document(snapshot: RegisterSnapshot) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "organisations": [organisation_document(o) for o in snapshot.organisations],
    }


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_json(register: RegisterFile) -> str:
    return dumps(snapshot_document(register.snapshot()))


def fingerprint(org: OrganisationRegister) -> str:
    """SHA-256 of an organisation's canonical JSON, approvals left out (signing must not change it)."""
    canonical = dumps(organisation_document(org, include_approvals=False))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- import


@dataclass
class _Validated:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # entity -> rows with ids
    links: dict[str, list[dict[str, int]]] = field(default_factory=dict)  # link name -> link rows


def _valid_id(raw: Any) -> TypeGuard[int]:
    return isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= INT_MAX


class _Validator:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.out = _Validated()
        self.seen_ids: dict[str, set[int]] = {name: set() for name in TABLES}
        self.next_ids: dict[str, int] = {}

    def problem(self, path: str, message: str, **params: Any) -> None:
        self.problems.append(Problem(path, message, params))

    def document(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            self.problem("$", N_("expected a JSON object"))
            return
        if doc.get("format") != FORMAT:
            self.problem("format", N_('expected "{expected}"'), expected=FORMAT)
            return
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version <= INT_MAX:
            self.problem("version", N_("expected a whole number, got {value!r}"), value=version)
            return
        if version > FORMAT_VERSION:
            self.problem(
                "version",
                N_("the file is format version {found}; this program reads up to {supported}"),
                found=version,
                supported=FORMAT_VERSION,
            )
            return
        for key in doc:
            if key not in ("format", "version", "organisations"):
                self.problem(key, N_("unknown field"))
        orgs = doc.get("organisations", [])
        if not isinstance(orgs, list):
            self.problem("organisations", N_("expected a list"))
            return
        self._reserve_ids(orgs)
        for i, org in enumerate(orgs):
            self.organisation(f"organisations[{i}]", org, i)

    def _reserve_ids(self, orgs: list[Any]) -> None:
        """Find the highest id given per entity so records without an id get fresh ones."""
        top: dict[str, int] = dict.fromkeys(TABLES, 0)
        for org in orgs:
            if not isinstance(org, dict):
                continue
            if _valid_id(org.get("id")):
                top["organisation"] = max(top["organisation"], org["id"])
            for section in SECTIONS:
                records = org.get(section.key)
                if not isinstance(records, list):
                    continue  # reported where the section is read
                for rec in records:
                    if isinstance(rec, dict) and _valid_id(rec.get("id")):
                        top[section.entity] = max(top[section.entity], rec["id"])
        self.next_ids = {name: value + 1 for name, value in top.items()}

    def _id(self, path: str, entity: str, raw: Any) -> int | None:
        if raw is None:
            new = self.next_ids[entity]
            self.next_ids[entity] += 1
            self.seen_ids[entity].add(new)
            return new
        if not _valid_id(raw):
            self.problem(f"{path}.id", N_("expected a positive whole number, got {value!r}"), value=raw)
            return None
        if raw in self.seen_ids[entity]:
            self.problem(f"{path}.id", N_("id {value} is used twice"), value=raw)
            return None
        self.seen_ids[entity].add(raw)
        return raw

    def _fields(self, path: str, entity: str, rec: dict[str, Any], extra: set[str]) -> dict[str, Any]:
        model = TABLES[entity].model
        row: dict[str, Any] = {}
        for key, value in rec.items():
            if key == "id" or key in extra:
                continue
            if key in _SKIP or key not in m.field_types(model):
                self.problem(f"{path}.{key}", N_("unknown field"))
                continue
            try:
                row[key] = coerce(model, key, value)
            except ValueProblem as exc:
                self.problem(f"{path}.{key}", exc.message, **exc.params)
        return row

    def organisation(self, path: str, org: Any, index: int) -> None:
        if not isinstance(org, dict):
            self.problem(path, N_("expected a JSON object"))
            return
        org_id = self._id(path, "organisation", org.get("id"))
        row = self._fields(path, "organisation", org, {s.key for s in SECTIONS})
        if not str(row.get("name", "")).strip():
            self.problem(f"{path}.name", N_("a value is required"))
        if org_id is None:
            return
        row.update(id=org_id, position=index)
        self.out.rows.setdefault("organisation", []).append(row)
        local_ids: dict[str, set[int]] = {}
        for section in SECTIONS:
            records = org.get(section.key, [])
            spath = f"{path}.{section.key}"
            if not isinstance(records, list):
                self.problem(spath, N_("expected a list"))
                continue
            local_ids[section.key] = set()
            for j, rec in enumerate(records):
                self.record(f"{spath}[{j}]", section, rec, j, org_id, local_ids)

    def record(
        self, path: str, section: Section, rec: Any, index: int, org_id: int, local_ids: dict[str, set[int]]
    ) -> None:
        if not isinstance(rec, dict):
            self.problem(path, N_("expected a JSON object"))
            return
        rid = self._id(path, section.entity, rec.get("id"))
        row = self._fields(path, section.entity, rec, set(section.links))
        for fname, target in section.refs.items():
            ref = row.get(fname)
            if ref is not None and ref not in local_ids.get(target, set()):
                self.problem(
                    f"{path}.{fname}", N_("refers to id {value}, which is not in {section}"), value=ref, section=target
                )
        for key, (link_name, target) in section.links.items():
            targets = rec.get(key, [])
            if not isinstance(targets, list) or not all(
                isinstance(t, int) and not isinstance(t, bool) for t in targets
            ):
                self.problem(f"{path}.{key}", N_("expected a list of ids"))
                continue
            if len(set(targets)) != len(targets):
                self.problem(f"{path}.{key}", N_("a value is listed twice"))
                continue
            for t in targets:
                if t not in local_ids.get(target, set()):
                    self.problem(
                        f"{path}.{key}", N_("refers to id {value}, which is not in {section}"), value=t, section=target
                    )
            if rid is not None:
                self.out.links.setdefault(link_name, []).extend(
                    {"owner_id": rid, "target_id": t, "position": p} for p, t in enumerate(targets)
                )
        if rid is None:
            return
        local_ids[section.key].add(rid)
        row.update(id=rid, organisation_id=org_id, position=index)
        self.out.rows.setdefault(section.entity, []).append(row)


def validate_document(doc: Any) -> tuple[_Validated, list[Problem]]:
    v = _Validator()
    v.document(doc)
    return v.out, v.problems


def parse(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        raise ImportProblems([Problem(f"line {line}", N_("not valid JSON")).render()]) from None
    except RecursionError:
        raise ImportProblems([Problem("$", N_("nested too deeply")).render()]) from None
    except ValueError:  # a number too long to convert
        raise ImportProblems([Problem("$", N_("not valid JSON")).render()]) from None


def write_validated(conn: sa.Connection, data: _Validated) -> None:
    """Insert a validated document into an empty register (inside the caller's transaction)."""
    from ropa_desktop.store import operations as ops
    from ropa_desktop.store.entities import ENTITIES, LINKS

    for entity, kind in ENTITIES.items():
        rows = data.rows.get(entity)
        if not rows:
            continue
        defaults = _DEFAULTS[entity]
        conn.execute(kind.table.insert(), [{**defaults, **r} for r in rows])
    for link_name, rows in data.links.items():
        if rows:
            conn.execute(LINKS[link_name].table.insert(), rows)
    total = sum(len(r) for r in data.rows.values())
    ops.write_audit(
        conn,
        [
            {
                "organisation_id": None,
                "operation": "import",
                "entity": "",
                "record_id": None,
                "field": "",
                "old": "null",
                "new": str(total),
            }
        ],
    )


def import_document(doc: Any, destination: Path | str, overwrite: bool = False) -> RegisterFile:
    """Validate ``doc`` and create a register from it at ``destination`` (opened, returned)."""
    data, problems = validate_document(doc)
    if problems:
        raise ImportProblems([p.render() for p in problems])
    from ropa_desktop.store.register import RegisterFile

    return RegisterFile.create(destination, overwrite=overwrite, populate=lambda conn: write_validated(conn, data))


def import_json_file(source: Path | str, destination: Path | str, overwrite: bool = False) -> RegisterFile:
    raw = Path(source).read_bytes()
    return import_document(parse(raw), destination, overwrite=overwrite)
