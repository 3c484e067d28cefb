"""`limitup eval`: recognition accuracy against a labelled set (SPEC 2 manifest.jsonl).

How fields count (documented in docs/benchmarks.md):
- A field's accuracy is taken over the images whose label for it is not null: the value read
  must equal the label exactly (cert_number without spaces; score as a number; a romanised name
  matches when the same words appear in any order, case-insensitively; a Chinese name without
  spaces).
- A field whose label is null must come back null; a value there is counted apart, as `spurious`,
  so that a reader that guesses is seen, without diluting the accuracy of the fields that exist.
- Type accuracy is over every image, non-catalogue documents included (their label is null);
  `non_catalogue_typed` counts non-catalogue documents that were given a type (target: 0).
- A real-document manifest says per field whether a person can read it (`legible`): a field
  marked legible:false is not counted at all (neither right, wrong nor spurious): a photo where a
  person cannot read the number cannot fault the reader for missing it. The report says how many
  were left out.
- A field the manifest gives that its type does not have (SPEC 1: an IELTS form has no level;
  the real-documents manifest notes the module and CEFR level there) is not counted either, nor
  a level outside the type's vocabulary (a school scholarship printed "优秀" with no class:
  SPEC 2's levels are 一等/二等/三等); the report says how many were left out. A level truth
  is compared as its canonical word (硕士一等 as 一等, as SPEC 2 reports it).
- A document outside the catalogue (type null) has no fields to read: a name printed on it is
  not counted, and a value returned for it counts as spurious.
- The plain-call yardstick (`plain`): for each counted field, whether the text of one plain
  RapidOCR call at default settings holds the truth verbatim (spaces aside; a date in one of the
  ways certificates print it), and whether the pipeline returned it. The product's promise is
  never to return less than such a call holds (issue 18).
"""
from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from pathlib import Path

from limitup.errors import LimitupError
from limitup.recognise.result import FIELD_NAMES


def load_manifest(folder: str | Path, limit: int | None = None) -> list[dict]:
    folder = Path(folder)
    path = folder / "manifest.jsonl"
    if not path.is_file():
        raise LimitupError(f"{path}: no manifest.jsonl in {folder}", code="invalid_request")
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise LimitupError(f"{path}:{number}: not JSON ({error})") from None
        if "file" not in entry:
            raise LimitupError(f"{path}:{number}: no 'file'")
        entry["path"] = str(folder / entry["file"])
        entries.append(entry)
        if limit and len(entries) >= limit:
            break
    return entries


def _words(name: str) -> list[str]:
    return sorted(w for w in re.split(r"[\s,.\-·]+", name.casefold()) if w)


def field_matches(name: str, expected, got) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    if name == "score":
        try:
            return abs(float(got) - float(expected)) < 1e-6
        except (TypeError, ValueError):
            return False
    if name == "holder_name" and re.search(r"[A-Za-z]", str(expected)):
        return _words(str(expected)) == _words(str(got))
    squeeze = (lambda text: re.sub(r"\s+", "", str(text)))
    return squeeze(expected) == squeeze(got)


_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _squeeze(text) -> str:
    return re.sub(r"\s+", "", str(text))


def _printed_dates(iso: str) -> set[str]:
    """The ways a certificate prints the date `iso` (YYYY-MM-DD), spaces removed, upper case."""
    try:
        year, month, day = (int(part) for part in str(iso).split("-"))
    except ValueError:
        return {_squeeze(iso).upper()}
    forms = set()
    for m in {f"{month}", f"{month:02d}"}:
        for d in {f"{day}", f"{day:02d}"}:
            forms |= {f"{year}年{m}月{d}日", f"{year}-{m}-{d}", f"{year}.{m}.{d}", f"{year}/{m}/{d}",
                      f"{d}/{m}/{year}", f"{d}.{m}.{year}", f"{d}/{_MONTHS[month - 1]}/{year}",
                      f"{d}{_MONTHS[month - 1]}{year}", f"{_MONTHS[month - 1]}{d},{year}"}
    return forms


def plain_holds(name: str, expected, text: str) -> bool:
    """Whether `text` (a plain OCR call's, its boxes joined) holds the truth of field `name`
    verbatim, spaces aside: a romanised name's every word, a date as printed, a score as a
    number of its own (7.5 is not held by 17.5), anything else as a substring."""
    if expected is None or not text:
        return False
    flat = _squeeze(text).upper()
    if name == "holder_name" and re.search(r"[A-Za-z]", str(expected)):
        printed = set(re.findall(r"[A-Z]+", str(text).upper()))
        return all(word.upper() in printed for word in _words(str(expected)))
    if name == "issue_date":
        return any(form.upper() in flat for form in _printed_dates(expected))
    if name == "score":
        value = _squeeze(expected)
        numbers = re.findall(r"\d+(?:\.\d+)?", str(text))
        try:
            return any(abs(float(number) - float(value)) < 1e-6 for number in numbers)
        except ValueError:
            return False
    return _squeeze(expected).upper() in flat


def judge(entry: dict, line: dict, plain_text: str | None = None,
          type_fields: dict | None = None) -> dict:
    """One image's verdict: type right?, per field right / spurious / not applicable / not
    legible / not of the type, and with `plain_text` (a plain call's text) which fields that
    text holds. type_fields = {type id: {field name: its catalogue FieldSpec}}."""
    own_fields = (type_fields or {}).get(entry.get("type"))
    fields = line.get("fields") or {}
    legible = entry.get("legible") or {}
    verdict = {"type_ok": line.get("type") == entry.get("type"),
               "non_catalogue": entry.get("type") is None,
               "typed": line.get("type") is not None, "fields": {}, "plain": {},
               "plain_checked": plain_text is not None}
    for name in FIELD_NAMES:
        expected, got = entry.get(name), fields.get(name)
        if own_fields and name in own_fields and expected is not None:
            expected = _as_reported(own_fields[name], expected)
        if legible.get(name) is False:
            verdict["fields"][name] = "not legible"
        elif own_fields is not None and (name not in own_fields or expected is NOT_OF_TYPE):
            verdict["fields"][name] = "spurious" if got is not None else "not of type"
        elif expected is None or verdict["non_catalogue"]:
            # A document outside the catalogue has no fields to return (the holder's name on
            # an honour certificate is printed, but reporting it would be spurious).
            verdict["fields"][name] = "spurious" if got is not None else "n/a"
        else:
            verdict["fields"][name] = "ok" if field_matches(name, expected, got) else "wrong"
        if plain_text is not None and verdict["fields"][name] in ("ok", "wrong"):
            verdict["plain"][name] = {"held": plain_holds(name, expected, plain_text),
                                      "returned": verdict["fields"][name] == "ok"}
    return verdict


NOT_OF_TYPE = object()     # a truth the type cannot report (a level outside its vocabulary)


def _as_reported(spec, expected):
    """The truth as SPEC 2 reports it: a level as its canonical word (NOT_OF_TYPE when the
    vocabulary has none for it); anything else as it is."""
    if spec.kind != "level":
        return expected
    from limitup.recognise.values import lookup_level
    found = lookup_level(spec, str(expected))
    return found[0] if found and found[1] >= 1.0 else NOT_OF_TYPE


class Tally:
    """Counts for one group of images (a tier, a type, or all)."""

    def __init__(self):
        self.images = self.type_ok = self.non_catalogue = self.non_catalogue_typed = 0
        self.field_ok = defaultdict(int)
        self.field_total = defaultdict(int)
        self.spurious = defaultdict(int)
        self.not_legible = defaultdict(int)
        self.not_of_type = defaultdict(int)
        self.plain_held = defaultdict(int)           # fields the plain call's text holds
        self.plain_held_returned = defaultdict(int)  # ... of which the pipeline returned
        self.plain_images = 0
        self.seconds: list[float] = []
        self.errors = 0

    def add(self, verdict: dict | None, seconds: float | None) -> None:
        self.images += 1
        if seconds is not None:
            self.seconds.append(seconds)
        if verdict is None:
            self.errors += 1
            return
        self.type_ok += verdict["type_ok"]
        if verdict["non_catalogue"]:
            self.non_catalogue += 1
            self.non_catalogue_typed += verdict["typed"]
        for name, outcome in verdict["fields"].items():
            if outcome in ("ok", "wrong"):
                self.field_total[name] += 1
                self.field_ok[name] += outcome == "ok"
            elif outcome == "spurious":
                self.spurious[name] += 1
            elif outcome == "not legible":
                self.not_legible[name] += 1
            elif outcome == "not of type":
                self.not_of_type[name] += 1
        if verdict.get("plain_checked"):
            self.plain_images += 1
        for name, plain in (verdict.get("plain") or {}).items():
            self.plain_held[name] += plain["held"]
            self.plain_held_returned[name] += plain["held"] and plain["returned"]

    def as_json(self) -> dict:
        ratio = (lambda ok, total: round(ok / total, 4) if total else None)
        return {
            "images": self.images, "errors": self.errors,
            "type_accuracy": ratio(self.type_ok, self.images),
            "fields": {name: {"accuracy": ratio(self.field_ok[name], self.field_total[name]),
                              "labelled": self.field_total[name],
                              "spurious": self.spurious[name],
                              "not_legible": self.not_legible[name],
                              "not_of_type": self.not_of_type[name],
                              "plain_holds": self.plain_held[name],
                              "plain_holds_returned": self.plain_held_returned[name]}
                       for name in FIELD_NAMES},
            "plain": ({"images": self.plain_images,
                       "holds": sum(self.plain_held.values()),
                       "holds_returned": sum(self.plain_held_returned.values()),
                       "read_right": sum(self.field_ok.values()),
                       "counted": sum(self.field_total.values())}
                      if self.plain_images else None),
            "non_catalogue": self.non_catalogue,
            "non_catalogue_typed": self.non_catalogue_typed,
            "median_seconds": round(statistics.median(self.seconds), 3) if self.seconds else None,
        }


def evaluate(entries: list[dict], scan, progress=None, plain=None,
             type_fields: dict | None = None) -> dict:
    """scan(path) -> SPEC 2 line; plain(path) -> the text of one plain OCR call (or None);
    type_fields = {type id: the fields its catalogue entry has} (see judge).
    Returns {"all", "by_tier", "by_type", "failures"}."""
    overall, by_tier, by_type = Tally(), defaultdict(Tally), defaultdict(Tally)
    failures = []
    for index, entry in enumerate(entries):
        line = scan(entry["path"])
        seconds = line.get("timings_ms", {}).get("total")
        seconds = seconds / 1000 if seconds is not None else None
        plain_text = plain(entry["path"]) if plain and "error" not in line else None
        verdict = None if "error" in line else judge(entry, line, plain_text, type_fields)
        for tally in (overall, by_tier[entry.get("tier") or "-"],
                      by_type[entry.get("type") or "(not in catalogue)"]):
            tally.add(verdict, seconds)
        if verdict is None or not verdict["type_ok"] or "wrong" in verdict["fields"].values() \
                or "spurious" in verdict["fields"].values():
            failures.append(_failure(entry, line, verdict))
        if progress:
            progress(index + 1, len(entries))
    return {"all": overall.as_json(),
            "by_tier": {tier: tally.as_json() for tier, tally in sorted(by_tier.items())},
            "by_type": {kind: tally.as_json() for kind, tally in sorted(by_type.items())},
            "failures": failures}


def _failure(entry: dict, line: dict, verdict: dict | None) -> dict:
    if verdict is None:
        return {"file": entry["file"], "error": line.get("error"), "message": line.get("message")}
    wrong = {name: {"expected": entry.get(name), "got": (line.get("fields") or {}).get(name)}
             for name, outcome in verdict["fields"].items() if outcome in ("wrong", "spurious")}
    for name, plain in verdict["plain"].items():
        if name in wrong and plain["held"]:
            wrong[name]["plain_call_holds_it"] = True
    failure = {"file": entry["file"], "tier": entry.get("tier"), "fields": wrong}
    if not verdict["type_ok"]:
        failure["type"] = {"expected": entry.get("type"), "got": line.get("type")}
    return failure


COLUMNS = ("images", "type") + FIELD_NAMES + ("plain", "median s")


def table(report: dict) -> str:
    """The human-readable table: one row per tier, per type, and all."""
    rows = [("group",) + COLUMNS]
    for title, groups in (("tier", report["by_tier"]), ("type", report["by_type"])):
        for name, stats in groups.items():
            rows.append((f"{title}:{name}",) + _cells(stats))
    rows.append(("ALL",) + _cells(report["all"]))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    overall = report["all"]
    lines.append("")
    lines.append(f"non-catalogue documents given a type: {overall['non_catalogue_typed']} "
                 f"of {overall['non_catalogue']}; unreadable: {overall['errors']}; spurious "
                 "values (label null, value read): " + ", ".join(
                     f"{name} {stats['spurious']}" for name, stats in overall["fields"].items()))
    left_out = {name: stats["not_legible"] for name, stats in overall["fields"].items()
                if stats["not_legible"]}
    if left_out:
        lines.append("fields marked legible:false in the manifest, not counted: "
                     + ", ".join(f"{name} {count}" for name, count in left_out.items()))
    not_of_type = {name: stats["not_of_type"] for name, stats in overall["fields"].items()
                   if stats["not_of_type"]}
    if not_of_type:
        lines.append("fields the manifest gives that their type does not have (SPEC 1), not "
                     "counted: " + ", ".join(f"{name} {count}"
                                             for name, count in not_of_type.items()))
    plain = overall.get("plain")
    if plain:
        lines.append(f"legible fields read right: {plain['read_right']} of {plain['counted']}; "
                     f"fields the plain call holds: {plain['holds']}, of which the pipeline "
                     f"returned {plain['holds_returned']} (plain = one RapidOCR call at default "
                     "settings on the photo; 'plain' column: returned/held)")
    return "\n".join(lines)


def _cells(stats: dict) -> tuple:
    pct = (lambda value: "-" if value is None else f"{value * 100:.1f}%")
    return ((stats["images"], pct(stats["type_accuracy"]))
            + tuple(pct(stats["fields"][name]["accuracy"]) for name in FIELD_NAMES)
            + (f"{stats['plain']['holds_returned']}/{stats['plain']['holds']}"
               if stats.get("plain") else "-",
               stats["median_seconds"] if stats["median_seconds"] is not None else "-"))
