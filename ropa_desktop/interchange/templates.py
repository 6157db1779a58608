"""Templates: standard activities to start a register from (issue 19).

A *template library* is a JSON file::

    {"format": "ropa-templates", "version": 1, "templates": [
      {"id": "payroll", "title": {"nb": "...", "en": "..."},
       "activity": {"purpose": {"nb": "...", "en": "..."}, "legal_basis": ["b", "c"], ...,
                    "data_subjects": [{"name": {"nb": "Ansatte", "en": "Employees"}, "employees": true}],
                    "personal_data": [...], "recipients": [...], "sources": [...], "security_measures": [...]}}]}

An activity holds the fields of the JSON interchange format; its lists of
categories, recipients, sources and measures hold the records themselves
(found by name in the register, or created). Any text may be one string or one
per language (``{"nb": ..., "en": ...}``): the shipped library has both, a
template a user saves from a register has the words the user wrote.

The shipped library is package data (``ropa_desktop/data/templates.json``,
sources in ``docs/templates.md``); the user's own library is ``templates.json``
in the user data folder (``ROPA_TEMPLATE_LIBRARY`` names another file), and a
library file can be exported and imported to share it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa_desktop.domain.validation import Problem
from ropa_desktop.errors import ImportProblems, RopaError
from ropa_desktop.i18n import LANGUAGES, N_
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange.transplant import ACTIVITY_LISTS, activities_document, add_activities
from ropa_desktop.resources import package_data
from ropa_desktop.safe_files import write_atomic
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

FORMAT = "ropa-templates"
FORMAT_VERSION = 1
ENV_LIBRARY = "ROPA_TEMPLATE_LIBRARY"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# What describes one organisation's practice rather than the kind of activity: not kept in a template.
_NOT_TEMPLATED = {"status", "last_reviewed", "dpia_status", "dpia_reference", "dpia_date", "client_id", "notes"}
_SECTION_OF = {key: section for key, _e, _l, section in ACTIVITY_LISTS}


class UnknownTemplate(RopaError):
    message = N_("There is no template «{id}». Templates: {known}.")


class TemplateIdTaken(RopaError):
    message = N_("«{id}» is the id of a shipped template; choose another name.")


@dataclass(frozen=True)
class Template:
    id: str
    title: Any  # str, or {"nb": ..., "en": ...}
    activity: Mapping[str, Any]
    shipped: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)  # kept as read (e.g. "sources" notes)

    def title_in(self, lang: str) -> str:
        return str(localise(self.title, lang))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "activity": dict(self.activity), **self.extra}


def _is_texts(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= set(LANGUAGES)
        and all(isinstance(v, str) for v in value.values())
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(value: Any) -> Any:
    """``value`` without lone surrogates (JSON's "\\ud800"), which no UTF-8 file or register can hold."""
    if isinstance(value, str):
        return _SURROGATE.sub("", value)
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value


def localise(value: Any, lang: str) -> Any:
    """``value`` with every per-language text replaced by its text in ``lang`` (else English, else any)."""
    if _is_texts(value):
        return value.get(lang) or value.get("en") or next(iter(value.values()))
    if isinstance(value, dict):
        return {k: localise(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [localise(v, lang) for v in value]
    return value


# --------------------------------------------------------------------------- libraries


def parse_library(raw: bytes | str, shipped: bool = False) -> list[Template]:
    """Templates of a library file; every problem is reported, by template, before any is used."""
    doc = json_format.parse(raw)
    problems: list[str] = []
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblems([Problem("$", N_("not a template library")).render()])
    if doc.get("version") != FORMAT_VERSION:
        raise ImportProblems([Problem("$.version", N_("unsupported version")).render()])
    found: list[Template] = []
    seen: set[str] = set()
    listed = doc.get("templates")
    if not isinstance(listed, list):
        raise ImportProblems([Problem("$.templates", N_("expected a list")).render()])
    for i, t in enumerate(listed):
        where = f"templates[{i}]"
        if not isinstance(t, dict) or not isinstance(t.get("activity"), dict):
            problems.append(Problem(where, N_("a template needs an activity")).render())
            continue
        for key in _SECTION_OF:
            records = t["activity"].get(key, [])
            if not isinstance(records, list) or not all(isinstance(r, (dict, str)) for r in records):
                problems.append(Problem(f"{where}.activity.{key}", N_("expected a list")).render())
        tid = t.get("id")
        if not isinstance(tid, str) or not _ID.match(tid):
            problems.append(Problem(f"{where}.id", N_("an id is lower-case letters, digits and hyphens")).render())
            continue
        if tid in seen:
            problems.append(Problem(f"{where}.id", N_("a value is listed twice")).render())
        seen.add(tid)
        extra = {k: _storable(v) for k, v in t.items() if k not in ("id", "title", "activity")}
        found.append(Template(tid, _storable(t.get("title") or tid), _storable(t["activity"]), shipped, extra))
    if problems:
        raise ImportProblems(problems)
    # Each template must make a valid register, in every language it is written in.
    for i, template in enumerate(found):
        for lang in LANGUAGES:
            _data, invalid = json_format.validate_document(_register_document([template], lang))
            problems.extend(Problem(_template_path(p.path, i), p.message, p.params).render() for p in invalid)
            if invalid:
                break  # the other language has the same structure: its problems would repeat these
    if problems:
        raise ImportProblems(problems)
    return found


def _template_path(path: str, index: int) -> str:
    """A register document's problem path as the template file's: templates[2].activity.purpose."""
    where = f"templates[{index}].activity"
    path = path.replace("organisations[0].activities[0]", where, 1)
    for key, section in _SECTION_OF.items():
        path = path.replace(f"organisations[0].{section}", f"{where}.{key}", 1)
    return path


def shipped_library() -> list[Template]:
    raw = package_data("templates.json").read_bytes()
    return parse_library(raw, shipped=True)


def user_library_path() -> Path:
    override = os.environ.get(ENV_LIBRARY)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("ropa-desktop", appauthor=False) / "templates.json"


def user_library() -> list[Template]:
    path = user_library_path()
    if not path.exists():
        return []
    return parse_library(path.read_bytes())


def all_templates() -> list[Template]:
    """The shipped templates, then the user's own."""
    return [*shipped_library(), *user_library()]


def find(ids: Iterable[str], templates: Sequence[Template] | None = None) -> list[Template]:
    known = {t.id: t for t in (templates if templates is not None else all_templates())}
    chosen: list[Template] = []
    for tid in ids:
        tid = tid.strip()
        if tid not in known:
            raise UnknownTemplate(id=tid, known=", ".join(known))
        chosen.append(known[tid])
    return chosen


def library_json(templates: Sequence[Template]) -> bytes:
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "templates": [t.to_json() for t in templates]}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_library(path: Path, templates: Sequence[Template]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, library_json(templates))


def save_user_templates(new: Sequence[Template]) -> Path:
    """Add templates to the user's library (one with the same id is replaced); returns its path."""
    shipped_ids = {t.id for t in shipped_library()}
    for t in new:
        if t.id in shipped_ids:
            raise TemplateIdTaken(id=t.id)
    parse_library(library_json(new))  # every one valid before the library changes
    replaced = {t.id for t in new}
    kept = [t for t in user_library() if t.id not in replaced]
    path = user_library_path()
    write_library(path, [*kept, *(Template(t.id, t.title, t.activity, False, t.extra) for t in new)])
    return path


def import_library(source: Path) -> list[Template]:
    """Add a shared library file's templates to the user's library; returns them."""
    templates = parse_library(source.read_bytes())
    save_user_templates(templates)
    return templates


# --------------------------------------------------------------------------- templates -> register


def organisation_document(templates: Sequence[Template], lang: str) -> dict[str, Any]:
    """The templates' activities as one organisation document (records shared by name across them)."""
    sections: dict[str, list[dict[str, Any]]] = {section: [] for section in _SECTION_OF.values()}
    by_name: dict[tuple[str, str], int] = {}
    activities: list[dict[str, Any]] = []
    next_id = 1
    for t in templates:
        activity = localise(dict(t.activity), lang)
        for key, section in _SECTION_OF.items():
            ids: list[int] = []
            for record in activity.pop(key, []) or []:
                if not isinstance(record, dict):
                    record = {"name": record}
                name = str(record.get("name", "")).strip()
                found = by_name.get((section, name.casefold()))
                if found is None:
                    found = by_name[(section, name.casefold())] = next_id
                    sections[section].append({**record, "id": next_id, "name": name})
                    next_id += 1
                ids.append(found)
            if ids:
                activity[key] = ids
        activity["id"] = next_id
        next_id += 1
        activities.append(activity)
    doc: dict[str, Any] = {k: v for k, v in sections.items() if v}
    doc["activities"] = activities
    return doc


def _register_document(templates: Sequence[Template], lang: str) -> dict[str, Any]:
    org = {"id": 1, "name": "templates", **organisation_document(templates, lang)}
    return {"format": json_format.FORMAT, "version": json_format.FORMAT_VERSION, "organisations": [org]}


def add_templates(
    register: RegisterFile,
    organisation_id: int,
    templates: Sequence[Template],
    lang: str,
    index: int | None = None,
) -> ops.Batch:
    """One Batch adding an activity for each template, its records found by name or created."""
    return add_activities(register, organisation_id, organisation_document(templates, lang), index=index)


# --------------------------------------------------------------------------- register -> template


def slug(text: str) -> str:
    """A template id from a title: «Lønn og HR» -> "lonn-og-hr"."""
    letters: dict[str, str | int | None] = {"æ": "ae", "ø": "o", "å": "a"}
    folded = text.casefold().translate(str.maketrans(letters))
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].strip("-")
    return out or "template"


def template_from_activity(
    register: RegisterFile, organisation_id: int, activity_id: int, title: str, template_id: str | None = None
) -> Template:
    """The activity as a template: its fields and the records it names, in the words it has."""
    document = activities_document(register, organisation_id, [activity_id])
    activity = {k: v for k, v in document["activities"][0].items() if k not in _NOT_TEMPLATED and k != "id"}
    for key, section in _SECTION_OF.items():
        by_id = {r["id"]: r for r in document.get(section, [])}
        records = []
        for rid in activity.pop(key, []):
            record = {k: v for k, v in by_id[rid].items() if k not in ("id", "personal_data")}
            records.append(record)
        if records:
            activity[key] = records
    return Template(template_id or slug(title), title.strip(), activity)
