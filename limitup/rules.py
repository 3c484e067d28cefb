"""Rules as data: every file under rules/ is loaded and validated at start-up.

Each section is a YAML file (or, for the catalogue, a folder of them) checked by a marshmallow
schema. An error names the file and the key; the service refuses to start on invalid rules.
A section's schema lives beside the code that uses it and is listed in SECTIONS below. What one
section holds for another is written once and linked after loading (`_linked`).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError
from marshmallow.experimental.context import Context

# name -> (file, or folder of *.yaml files, under rules/; "module:SchemaClass")
# A schema's load() returns the section's domain object (via @post_load).
SECTIONS = {
    "limits": ("limits.yaml", "limitup.limits:LimitPolicySchema"),
    "catalogue": ("catalogue/", "limitup.recognise.catalogue:CertTypeSchema"),
    "scoring": ("scoring.yaml", "limitup.scoring:ScoringSchema"),
    "checks": ("checks.yaml", "limitup.verify.outcomes:ChecksSchema"),
    "labels": ("labels.yaml", "limitup.recognise.labels:LabelWordsSchema"),
}


class RulesError(Exception):
    """Invalid rules. str(error) names the file and the key, one problem per line."""


@dataclass
class Rules:
    sections: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["sections"][name]
        except KeyError:
            raise AttributeError(name) from None


def load_rules(rules_dir: str | Path) -> Rules:
    rules_dir = Path(rules_dir)
    loaded, problems = {}, []
    for name, (where, schema_path) in SECTIONS.items():
        schema = _schema(schema_path)
        target = rules_dir / where
        try:
            if where.endswith("/"):
                loaded[name] = _load_folder(target, schema, problems)
            else:
                loaded[name] = _load_file(target, schema, problems)
        except RulesError as error:
            problems.append(str(error))
    if not problems:
        problems.extend(f"{rules_dir}/{problem}" for problem in _cross_section_problems(loaded))
    if problems:
        raise RulesError("\n".join(problems))
    return Rules(_linked(loaded))


def _cross_section_problems(loaded: dict) -> list[str]:
    """Sections that must agree with each other: every catalogue type is scored, and the
    scoring table names no type the catalogue lacks."""
    return loaded["scoring"].check_catalogue(loaded["catalogue"])


def _linked(loaded: dict) -> dict:
    """Each catalogue type with what other sections hold for it: its category (its scoring
    row's) and the label words no type owns (labels.yaml)."""
    scoring, words = loaded["scoring"], loaded["labels"]
    loaded["catalogue"] = {type_id: cert.linked(scoring.category_of(type_id), words)
                           for type_id, cert in loaded["catalogue"].items()}
    return loaded


def _schema(path: str) -> Schema:
    module, cls = path.split(":")
    return getattr(importlib.import_module(module), cls)()


def _read_yaml(path: Path):
    if not path.exists():
        raise RulesError(f"{path}: file is missing")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RulesError(f"{path}: not valid YAML: {error}") from None


def _load_file(path: Path, schema: Schema, problems: list):
    return _load_data(path, _read_yaml(path), schema, problems)


def _load_data(path: Path, data, schema: Schema, problems: list):
    try:
        with Context({"path": str(path)}):  # lets a schema check the file name (catalogue ids)
            return schema.load(data if data is not None else {})
    except ValidationError as error:
        problems.extend(f"{path}: {key}" for key in _flatten(error.messages))
        return None


def _load_folder(folder: Path, schema: Schema, problems: list) -> dict:
    """A folder of one-object-per-file YAML; returns {file stem: loaded object}. A file that
    writes `extends: <stem>` is that file of the folder with its own keys written over it
    (`_extended`), so a sibling type gives only what sets it apart."""
    if not folder.is_dir():
        raise RulesError(f"{folder}: folder is missing")
    paths = {path.stem: path for path in sorted(folder.glob("*.yaml"))}
    files = {stem: _read_yaml(path) for stem, path in paths.items()}
    items = {}
    for stem, path in paths.items():
        try:
            data = _extended(stem, files)
        except RulesError as error:
            problems.append(f"{path}: extends: {error}")
            continue
        item = _load_data(path, data, schema, problems)
        if item is not None:
            items[stem] = item
    return items


def _extended(stem: str, files: dict):
    """The file `stem` of `files` (stem -> its YAML) over the sibling it extends. One level only,
    so that a file and the one it names are all a reader needs to see the whole type."""
    data = files[stem]
    if not isinstance(data, dict) or "extends" not in data:
        return data
    own = {key: value for key, value in data.items() if key != "extends"}
    if data["extends"] == stem:
        raise RulesError("a file cannot extend itself")
    parent = files.get(data["extends"]) if isinstance(data["extends"], str) else None
    if not isinstance(parent, dict):
        raise RulesError(f"{data['extends']!r} is no other file of this folder")
    if "extends" in parent:
        raise RulesError(f"{data['extends']!r} extends another file itself; one level only")
    return _written_over(parent, own)


def _written_over(base, own):
    """Mappings are merged key by key, at every depth; any other value (a list included) is
    replaced whole by `own`'s."""
    if not (isinstance(base, dict) and isinstance(own, dict)):
        return own
    return {**base, **{key: _written_over(base[key], value) if key in base else value
                       for key, value in own.items()}}


def _flatten(messages, prefix: str = "") -> list[str]:
    """marshmallow's nested error dict -> ['key.sub: message', ...]."""
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            label = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                label = prefix or "(file)"
            out.extend(_flatten(value, label))
        return out
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{prefix}: {' '.join(messages)}"]
    if isinstance(messages, list):
        return [line for m in messages for line in _flatten(m, prefix)]
    return [f"{prefix}: {messages}"]
