"""The certificate catalogue as data: one rules/catalogue/<id>.yaml per type (SPEC 1).

A file names the type (in every page language) and says how to recognise it (titles, keywords,
exclusions, what sets it apart from its siblings) and how to read its fields (label synonyms,
value patterns, structure validators, level vocabulary, score range and step).
`CertTypeSchema` validates a file and returns a `CertType`; rules.py loads the folder, names the
file and key of every problem, and links each type to what other rules files hold for it: its
category (scoring.yaml) and the label words no type owns (labels.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pathlib import Path

from marshmallow import (Schema, ValidationError, fields, post_load, pre_load, validate,
                         validates_schema)
from marshmallow.experimental.context import Context

from limitup.recognise.labels import LabelWords, value_pattern
from limitup.recognise.result import FIELD_NAMES

# What a field holds decides how its value is cut, repaired and checked.
KINDS = ("name_cjk", "name_roman", "number", "date", "month", "level", "score", "id_number",
         "sex", "text")
VALIDATOR_RULES = ("year_prefix", "digit_map", "fixed", "one_of", "gb11643", "echoes")
# Which kinds a SPEC 2 field may have.
FIELD_KINDS = {"holder_name": ("name_cjk", "name_roman"), "cert_number": ("number",),
               "issue_date": ("date",), "level": ("level",), "score": ("score",)}


@dataclass(frozen=True)
class Term:
    text: str
    weight: float = 1.0
    # Found only as printed, never near: a label-like title one letter from common words
    # ("TRF Number" is 0.89 of the "te Number" of Candidate Number).
    exact: bool = False


@dataclass(frozen=True)
class Validator:
    rule: str
    index: int = 0          # 0-based position in the number (echoes: negative counts from its end)
    length: int = 4         # year_prefix: 4 or 2 digits; echoes: characters repeated
    value: str = ""         # fixed: the character expected at index
    values: tuple = ()      # one_of: characters allowed at index
    target: str = ""        # digit_map: the field or extra the mapped value must agree with;
                            # echoes: the extra whose last `length` characters stand at `index`
    mapping: dict = field(default_factory=dict)   # digit_map: character -> value
    min_year: int = 1950
    # Applies only to numbers of this many characters (0: all). One type may print numbers of
    # two formats (软考 管理号: 16 digits year first; 20 digits with the year at index 3).
    only_length: int = 0
    # Applies only to numbers of this shape (a regex the whole number matches; "": all). A
    # school's own formats: the year is checked in those printed year first.
    only_shape: str = ""
    # year_prefix: the year follows the number's leading capitals (BZK2021..., XZH202404-...);
    # `index` then counts from the first digit.
    after_letters: bool = False


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    labels: tuple = ()
    key: bool = False                  # counts in the type's confidence; re-read when it fails
    pattern: str | None = None         # full-match regex of the value (after normalisation)
    # number: what a value found with no label near it must fully match (default: `pattern`).
    # A page may print another number of a shape the labelled value also takes.
    unlabelled_pattern: str | None = None
    # number: labels read only when `labels` and the page give no valid value (a TOEFL report's
    # Registration Number, the number of reports that print no Appointment Number).
    fallback_labels: tuple = ()
    repair_map: dict = field(default_factory=dict)   # confusable -> character, number tokens
    keep_prefix: int = 0               # characters at the start never repaired (A of A2023...)
    # number: (regex, replacement) pairs applied first, for a printed symbol OCR reads in
    # several ways (TEM-8's Roman Ⅷ read EVVIIII, EVIII, EVII...).
    spellings: tuple = ()
    validators: tuple = ()
    vocabulary: dict = field(default_factory=dict)   # canonical level -> printed forms
    search_text: bool = False          # level: also look for the vocabulary anywhere
    value_patterns: tuple = ()         # regexes with a group "v" tried on every line
    # name_cjk: the ways honour certificates name their holder unlabelled (labels.yaml's
    # honour_name_patterns) come before value_patterns, linked at load.
    honour_names: bool = False
    family_labels: tuple = ()          # romanised names printed in two parts
    given_labels: tuple = ()
    # name_roman: a regex on the certificate number whose group "v" holds the family name's
    # first three letters and the given name's initial (an IELTS TRF number, 23BD012345RAHK050A
    # for RAHMAN KARIM): a name read that gives other letters is in doubt.
    initials_in_number: str | None = None
    # name_roman: the layout prints the name with no label on the line right above a date.
    above_a_date: bool = False
    # name_roman: the layout prints the name with no label right above a box that starts with
    # one of these labels.
    above_labels: tuple = ()
    # name_roman: the document prints names in the letters A-Z only: an accent read on one is a
    # speck of the scan, folded away (an É read on a dithered IELTS form's plain E).
    ascii_letters: bool = False
    minimum: float | None = None       # score range and step
    maximum: float | None = None
    step: float | None = None
    sum_of_parts: int = 0              # score: the total is the sum of this many section scores
    mean_of_parts: int = 0             # score: the overall is the mean of this many, to the step
    level_ranges: dict = field(default_factory=dict)   # score: level -> (low, high) it is given for
    value_left: bool = False           # the value may stand left of its label on its line
    # score: with no label read, a number in range printed far larger than every other one is
    # the score (a Duolingo overall in any page language).
    printed_largest: bool = False
    latest_wins: bool = True           # date: of several labelled dates the latest is the value
    # How far under its label a value may stand, in lines (the taller of the label and the
    # value): a 普通话 certificate dates its issue under the seal, 3-4 lines below 发证单位.
    below_lines: float = 2.5
    # The label words no type owns (rules/labels.yaml), linked at load: what is never a name,
    # which labels end a value.
    words: LabelWords | None = None

    @property
    def regex(self):
        return re.compile(self.pattern) if self.pattern else None


@dataclass(frozen=True)
class CertType:
    id: str
    names: dict                        # page language -> the type's display name
    titles: tuple
    keywords: tuple = ()
    exclusions: tuple = ()
    # (exclusion, words) pairs: the exclusion does not count on a page that prints one of the
    # words. 优秀学生干部 is an honour title (a look-alike), 优秀学生干部奖学金 a school
    # scholarship; "荣获二等奖学金，授予“三好学生”荣誉称号" awards one with the title.
    exclusions_unless: tuple = ()
    require_any: tuple = ()            # at least one must be present (sets siblings apart)
    require_level: tuple = ()          # the read level must be one of these
    number_decides: bool = False       # a fully valid number may stand in for require_any
    # Whether the type's own full title read exactly makes the type when no key field validates
    # (recognise._eligible). False where the title is the test's name, printed on more than its
    # certificates (a Duolingo English Test practice result's share card, holdout11b).
    title_alone: bool = True
    fields: dict = field(default_factory=dict)     # SPEC 2 field name -> FieldSpec
    extras: dict = field(default_factory=dict)     # extra name -> FieldSpec
    category: str | None = None        # its scoring row's (scoring.yaml), linked at load

    def linked(self, category: str, words: LabelWords) -> CertType:
        """This type with what other rules files hold for it: its category, and the label words
        no type owns, given to each of its fields."""
        def link(specs):
            return {name: replace(spec, words=words, value_patterns=(
                        words.honour_name_patterns if spec.honour_names else ())
                        + spec.value_patterns)
                    for name, spec in specs.items()}
        return replace(self, category=category, fields=link(self.fields),
                       extras=link(self.extras),
                       exclusions=self.exclusions + words.not_certificates)

    def all_specs(self):
        return list(self.fields.values()) + list(self.extras.values())

    def all_labels(self) -> set:
        labels = set()
        for spec in self.all_specs():
            labels.update(spec.labels + spec.fallback_labels + spec.family_labels
                          + spec.given_labels)
        return labels

    def boundaries(self, spec: FieldSpec) -> tuple:
        """The labels that end a value of `spec`: the type's other labels, and those of any
        type (labels.yaml)."""
        own = set(spec.labels + spec.fallback_labels)
        return tuple(self.all_labels() - own) + spec.words.ends_value


class TermSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1))
    weight = fields.Float(load_default=1.0, validate=validate.Range(min=0, max=1))
    exact = fields.Boolean(load_default=False)

    @pre_load
    def allow_plain(self, data, **_):
        return {"text": data} if isinstance(data, str) else data

    @post_load
    def make(self, data, **_):
        return Term(**data)


def _regex(value):
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(f"not a valid regular expression: {error}") from None


class ValidatorSchema(Schema):
    rule = fields.String(required=True, validate=validate.OneOf(VALIDATOR_RULES))
    index = fields.Integer(load_default=0, validate=validate.Range(min=-32, max=64))
    length = fields.Integer(load_default=4, validate=validate.Range(min=1, max=16))
    value = fields.String(load_default="")
    values = fields.List(fields.String(), load_default=list)
    target = fields.String(load_default="")
    map = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    min_year = fields.Integer(load_default=1950)
    only_length = fields.Integer(load_default=0, validate=validate.Range(min=0))
    only_shape = fields.String(load_default="", validate=_regex)
    after_letters = fields.Boolean(load_default=False)

    @validates_schema
    def check_rule(self, data, **_):
        rule = data["rule"]
        if rule == "digit_map" and (not data["map"] or not data["target"]):
            raise ValidationError("digit_map needs 'map' and 'target'", "map")
        if rule == "fixed" and len(data["value"]) != 1:
            raise ValidationError("fixed needs a one-character 'value'", "value")
        if rule == "one_of" and not data["values"]:
            raise ValidationError("one_of needs 'values'", "values")
        if rule == "year_prefix" and data["length"] not in (2, 4):
            raise ValidationError("year_prefix needs a 'length' of 2 or 4", "length")
        if rule == "echoes" and not data["target"]:
            raise ValidationError("echoes needs a 'target'", "target")
        if data["index"] < 0 and rule != "echoes":
            raise ValidationError("a negative index is for echoes only", "index")
        if data["after_letters"] and rule != "year_prefix":
            raise ValidationError("after_letters is for year_prefix only", "after_letters")

    @post_load
    def make(self, data, **_):
        data["values"] = tuple(data["values"])
        data["mapping"] = data.pop("map")
        return Validator(**data)


class FieldSpecSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    labels = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    key = fields.Boolean(load_default=False)
    pattern = fields.String(load_default=None, validate=_regex)
    unlabelled_pattern = fields.String(load_default=None, validate=_regex)
    fallback_labels = fields.List(fields.String(validate=validate.Length(min=1)),
                                  load_default=list)
    repair = fields.Dict(keys=fields.String(validate=validate.Length(equal=1)),
                         values=fields.String(validate=validate.Length(equal=1)),
                         load_default=None)
    keep_prefix = fields.Integer(load_default=0, validate=validate.Range(min=0))
    spellings = fields.Dict(keys=fields.String(validate=_regex), values=fields.String(),
                            load_default=dict)
    validators = fields.List(fields.Nested(ValidatorSchema), load_default=list)
    vocabulary = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                             load_default=dict)
    search_text = fields.Boolean(load_default=False)
    value_patterns = fields.List(fields.String(validate=value_pattern), load_default=list)
    honour_names = fields.Boolean(load_default=False)
    family_labels = fields.List(fields.String(), load_default=list)
    given_labels = fields.List(fields.String(), load_default=list)
    initials_in_number = fields.String(load_default=None, validate=_regex)
    above_a_date = fields.Boolean(load_default=False)
    above_labels = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    ascii_letters = fields.Boolean(load_default=False)
    range = fields.List(fields.Float(), load_default=None,
                        validate=validate.Length(equal=2))
    step = fields.Float(load_default=None, validate=validate.Range(min=0, min_inclusive=False))
    sum_of_parts = fields.Integer(load_default=0, validate=validate.Range(min=0, max=8))
    mean_of_parts = fields.Integer(load_default=0, validate=validate.Range(min=0, max=8))
    level_ranges = fields.Dict(keys=fields.String(), values=fields.List(
        fields.Float(), validate=validate.Length(equal=2)), load_default=dict)
    value_left = fields.Boolean(load_default=False)
    printed_largest = fields.Boolean(load_default=False)
    latest_wins = fields.Boolean(load_default=True)
    below_lines = fields.Float(load_default=2.5, validate=validate.Range(min=1, max=6))

    @validates_schema
    def check_kind(self, data, **_):
        kind = data["kind"]
        if kind == "number" and not data.get("pattern"):
            raise ValidationError("a number field needs a 'pattern'", "pattern")
        if data["fallback_labels"] and kind != "number":
            raise ValidationError("fallback labels are for a number field", "fallback_labels")
        if data["honour_names"] and kind != "name_cjk":
            raise ValidationError("honour_names is for a Chinese name", "honour_names")
        if data["above_a_date"] and kind != "name_roman":
            raise ValidationError("above_a_date is for a romanised name", "above_a_date")
        if data["above_labels"] and kind != "name_roman":
            raise ValidationError("above_labels is for a romanised name", "above_labels")
        if data["ascii_letters"] and kind != "name_roman":
            raise ValidationError("ascii_letters is for a romanised name", "ascii_letters")
        if kind == "level" and not data["vocabulary"]:
            raise ValidationError("a level field needs a 'vocabulary'", "vocabulary")
        if kind == "score" and not data.get("range"):
            raise ValidationError("a score field needs a 'range'", "range")
        if data["sum_of_parts"] and data["mean_of_parts"]:
            raise ValidationError("a score is the sum or the mean of its parts, not both",
                                  "mean_of_parts")
        if data["mean_of_parts"] and not data.get("step"):
            raise ValidationError("a mean of parts is rounded to the score's 'step': give one",
                                  "step")
        for level, (low, high) in data["level_ranges"].items():
            if low > high:
                raise ValidationError(f"{level}: the low end is above the high end",
                                      "level_ranges")

    @post_load
    def make(self, data, **_):
        low, high = data.pop("range") or (None, None)
        repair = data.pop("repair")
        if repair is None:
            repair = DEFAULT_REPAIR if data["kind"] in ("number", "id_number", "score") else {}
        return dict(kind=data["kind"], labels=tuple(data["labels"]), key=data["key"],
                    pattern=data["pattern"], unlabelled_pattern=data["unlabelled_pattern"],
                    fallback_labels=tuple(data["fallback_labels"]),
                    repair_map=dict(repair),
                    keep_prefix=data["keep_prefix"], spellings=tuple(data["spellings"].items()),
                    validators=tuple(data["validators"]),
                    vocabulary={k: tuple(v) for k, v in data["vocabulary"].items()},
                    search_text=data["search_text"],
                    value_patterns=tuple(data["value_patterns"]),
                    family_labels=tuple(data["family_labels"]),
                    given_labels=tuple(data["given_labels"]),
                    initials_in_number=data["initials_in_number"],
                    above_a_date=data["above_a_date"],
                    above_labels=tuple(data["above_labels"]),
                    ascii_letters=data["ascii_letters"],
                    honour_names=data["honour_names"],
                    minimum=low, maximum=high, step=data["step"],
                    sum_of_parts=data["sum_of_parts"], mean_of_parts=data["mean_of_parts"],
                    level_ranges={level: tuple(ends)
                                  for level, ends in data["level_ranges"].items()},
                    value_left=data["value_left"], latest_wins=data["latest_wins"],
                    printed_largest=data["printed_largest"], below_lines=data["below_lines"])


# Letters OCR confuses with digits; applied only inside number-shaped tokens.
DEFAULT_REPAIR = {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1",
                  "|": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2",
                  "G": "6", "b": "6", "g": "9", "q": "9", "T": "7"}


def _level_words(data: dict) -> tuple:
    """With level_words_decide, the level's printed forms other than its canonical values."""
    if not data["level_words_decide"]:
        return ()
    vocabulary = data["fields_"]["level"]["vocabulary"]
    return tuple(form for forms in vocabulary.values() for form in forms if form not in vocabulary)


class NamesSchema(Schema):
    """A type's display name in each language of the pages (limitup.web.i18n.LANGUAGES)."""
    zh = fields.String(required=True, validate=validate.Length(min=1))
    en = fields.String(required=True, validate=validate.Length(min=1))


class CertTypeSchema(Schema):
    """One catalogue file. The file stem must equal `id` (checked via context `stem`)."""
    id = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]*$"))
    names = fields.Nested(NamesSchema, required=True)
    titles = fields.List(fields.Nested(TermSchema), required=True,
                         validate=validate.Length(min=1))
    keywords = fields.List(fields.Nested(TermSchema), load_default=list)
    exclusions = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    exclusions_unless = fields.Dict(keys=fields.String(validate=validate.Length(min=1)),
                                    values=fields.List(fields.String(validate=validate.Length(min=1)),
                                                       validate=validate.Length(min=1)),
                                    load_default=dict)
    require_any = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    require_level = fields.List(fields.String(), load_default=list)
    number_decides = fields.Boolean(load_default=False)
    title_alone = fields.Boolean(load_default=True)
    # The level vocabulary's printed forms (程序员, 系统分析师 ...) count as require_any words:
    # for a type whose level names are words only it prints.
    level_words_decide = fields.Boolean(load_default=False)
    fields_ = fields.Dict(data_key="fields", keys=fields.String(validate=validate.OneOf(FIELD_NAMES)),
                          values=fields.Nested(FieldSpecSchema), required=True)
    extras = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[a-z_]+$")),
                         values=fields.Nested(FieldSpecSchema), load_default=dict)

    @pre_load
    def category_is_scorings(self, data, **_):
        # Written once, beside the caps it is stacked under; a copied old file is told where.
        if isinstance(data, dict) and "category" in data:
            raise ValidationError("the category is written in rules/scoring.yaml "
                                  "(types.<id>.category), not here", "category")
        return data

    @validates_schema
    def check_fields(self, data, **_):
        for name, spec in data.get("fields_", {}).items():
            if spec["kind"] not in FIELD_KINDS[name]:
                raise ValidationError(
                    f"kind must be one of {', '.join(FIELD_KINDS[name])}", f"fields.{name}.kind")
        level = data.get("fields_", {}).get("level")
        vocabulary = level["vocabulary"] if level else {}
        if data.get("level_words_decide") and not vocabulary:
            raise ValidationError("needs fields.level with a vocabulary", "level_words_decide")
        for value in data.get("require_level", []):
            if value not in vocabulary:
                raise ValidationError(f"{value!r} is not in fields.level.vocabulary",
                                      "require_level")
        score = data.get("fields_", {}).get("score")
        for value in (score["level_ranges"] if score else {}):
            if value not in vocabulary:
                raise ValidationError(f"{value!r} is not in fields.level.vocabulary",
                                      "fields.score.level_ranges")
        targets = set(data.get("fields_", {})) | set(data.get("extras", {}))
        for group in ("fields_", "extras"):
            for name, spec in data.get(group, {}).items():
                for number, rule in enumerate(spec["validators"]):
                    if rule.rule == "digit_map" and rule.target not in targets:
                        where = "fields" if group == "fields_" else group
                        raise ValidationError(
                            f"target {rule.target!r} is not a field or extra of this type",
                            f"{where}.{name}.validators.{number}.target")

    @validates_schema
    def check_exclusions_unless(self, data, **_):
        for word in data.get("exclusions_unless", {}):
            if word not in data.get("exclusions", []):
                raise ValidationError(f"{word!r} is not one of the type's exclusions",
                                      "exclusions_unless")

    @validates_schema
    def check_stem(self, data, **_):
        # rules.py loads each file inside Context({"path": ...}); without it there is no stem.
        path = Context.get(default={}).get("path")
        stem = Path(path).stem if path else None
        if stem and data.get("id") and stem != data["id"]:
            raise ValidationError(f"id {data['id']!r} differs from the file name {stem!r}", "id")

    @post_load
    def make(self, data, **_):
        def specs(group):
            return {name: FieldSpec(name=name, **spec) for name, spec in group.items()}
        return CertType(id=data["id"], names=data["names"], titles=tuple(data["titles"]),
                        keywords=tuple(data["keywords"]), exclusions=tuple(data["exclusions"]),
                        exclusions_unless=tuple((word, tuple(unless)) for word, unless
                                                in data["exclusions_unless"].items()),
                        require_any=tuple(data["require_any"]) + _level_words(data),
                        require_level=tuple(data["require_level"]),
                        number_decides=data["number_decides"], title_alone=data["title_alone"],
                        fields=specs(data["fields_"]), extras=specs(data["extras"]))
