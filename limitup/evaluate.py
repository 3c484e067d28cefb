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


def judge(entry: dict, line: dict) -> dict:
    """One image's verdict: type right?, per field right / spurious / not applicable."""
    fields = line.get("fields") or {}
    verdict = {"type_ok": line.get("type") == entry.get("type"),
               "non_catalogue": entry.get("type") is None,
               "typed": line.get("type") is not None, "fields": {}}
    for name in FIELD_NAMES:
        expected, got = entry.get(name), fields.get(name)
        if expected is None:
            verdict["fields"][name] = "spurious" if got is not None else "n/a"
        else:
            verdict["fields"][name] = "ok" if field_matches(name, expected, got) else "wrong"
    return verdict


class Tally:
    """Counts for one group of images (a tier, a type, or all)."""

    def __init__(self):
        self.images = self.type_ok = self.non_catalogue = self.non_catalogue_typed = 0
        self.field_ok = defaultdict(int)
        self.field_total = defaultdict(int)
        self.spurious = defaultdict(int)
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

    def as_json(self) -> dict:
        ratio = (lambda ok, total: round(ok / total, 4) if total else None)
        return {
            "images": self.images, "errors": self.errors,
            "type_accuracy": ratio(self.type_ok, self.images),
            "fields": {name: {"accuracy": ratio(self.field_ok[name], self.field_total[name]),
                              "labelled": self.field_total[name],
                              "spurious": self.spurious[name]} for name in FIELD_NAMES},
            "non_catalogue": self.non_catalogue,
            "non_catalogue_typed": self.non_catalogue_typed,
            "median_seconds": round(statistics.median(self.seconds), 3) if self.seconds else None,
        }


def evaluate(entries: list[dict], scan, progress=None) -> dict:
    """scan(path) -> SPEC 2 line. Returns {"all", "by_tier", "by_type", "failures"}."""
    overall, by_tier, by_type = Tally(), defaultdict(Tally), defaultdict(Tally)
    failures = []
    for index, entry in enumerate(entries):
        line = scan(entry["path"])
        seconds = line.get("timings_ms", {}).get("total")
        seconds = seconds / 1000 if seconds is not None else None
        verdict = None if "error" in line else judge(entry, line)
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
    failure = {"file": entry["file"], "tier": entry.get("tier"), "fields": wrong}
    if not verdict["type_ok"]:
        failure["type"] = {"expected": entry.get("type"), "got": line.get("type")}
    return failure


COLUMNS = ("images", "type") + FIELD_NAMES + ("median s",)


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
    return "\n".join(lines)


def _cells(stats: dict) -> tuple:
    pct = (lambda value: "-" if value is None else f"{value * 100:.1f}%")
    return ((stats["images"], pct(stats["type_accuracy"]))
            + tuple(pct(stats["fields"][name]["accuracy"]) for name in FIELD_NAMES)
            + (stats["median_seconds"] if stats["median_seconds"] is not None else "-",))
