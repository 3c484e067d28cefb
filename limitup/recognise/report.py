"""What recognition reports about its own reading (SPEC 2 `checks`): the number's format, the
printed ID number's check digit, and the fields in doubt (low_confidence), each for a reason a
reviewer can be told: unread, read faintly, a doubtful character, not shaped like a name, or
at odds with another field. Pure."""
from __future__ import annotations

from limitup.ids import is_valid_id
from limitup.recognise import values
from limitup.recognise.catalogue import FieldSpec
from limitup.recognise.extract import NAME_KINDS, Found
from limitup.recognise.result import Recognition

LOW_CONFIDENCE = 0.7         # a type confidence below this is reported low_confidence
UNSURE_FIELD = 0.5           # so is a key field read with less confidence than this


# A number is doubtful when OCR read one of its characters below this confidence, however sure
# it was of the rest (a misread digit leaves the line's mean high). Measured on the 198 hard-tier
# numbered photos of five sets (docs/benchmarks.md, ninth pass): misread numbers reported without
# a flag fell from 34 to 24; 5 of 116 right numbers are held too; none on the scan and photo tiers.
# Names are not held by it: a misread name cannot verify (the KYC name check sees it); a
# misread number can, as nothing else reads it.
DOUBTFUL_CHARACTER = 0.5


def _has_a_doubtful_character(found: Found) -> bool:
    source = found.item.source if found.item is not None else None
    weakest = weakest_character(source, str(found.value)) if source is not None else None
    return weakest is not None and weakest < DOUBTFUL_CHARACTER


def _not_name_like(spec: FieldSpec, found: Found) -> bool:
    return spec.kind in NAME_KINDS and not values.plausible_name(spec, found.value)


def weakest_character(box, value: str) -> float | None:
    """The engine's lowest confidence among the characters of `value` as the box reads it
    (spaces aside), or None when the engine gave none or the value is not in the box's text
    as it stands (a repaired or joined value)."""
    scores, wanted = getattr(box, "char_scores", None), value.replace(" ", "")
    if not scores or len(scores) != len(box.text) or not wanted.strip():
        return None
    kept = [index for index, char in enumerate(box.text) if not char.isspace()]
    start = "".join(box.text[index] for index in kept).find(wanted)
    if start < 0:
        return None
    return min(scores[index] for index in kept[start:start + len(wanted)])


def checks(reading, result: Recognition) -> list:
    """SPEC 2 `checks` for a reading (recognise's Reading) and the result made from it."""
    reported = []
    number = reading.found.get("cert_number")
    if number is not None and number.value is not None:
        if number.valid:
            reported.append({"code": "number_format_ok"})
        else:
            reported.append({"code": "number_format_invalid",
                             "detail": "; ".join(reading.number_failures)})
    id_found = reading.extras.get("id_number")
    if id_found is not None and id_found.value and not is_valid_id(id_found.value):
        reported.append({"code": "id_number_invalid"})
    key_fields = [name for name, spec in reading.cert.fields.items() if spec.key]
    uncertain = [name for name in key_fields
                 if not reading.found.get(name) or not reading.found[name].valid
                 or result.field_confidence.get(name, 0) < UNSURE_FIELD
                 or (name == "cert_number" and _has_a_doubtful_character(reading.found[name]))
                 or _not_name_like(reading.cert.fields[name], reading.found[name])]
    # Values returned for review, key fields or not (a number made to fit by swapping
    # look-alikes: a student number's 2 read as Z, holdout11a).
    uncertain += [name for name, found in reading.found.items()
                  if found.valid and found.doubted and name not in uncertain]
    uncertain += sorted(reading.in_doubt - set(uncertain))
    if result.confidence < LOW_CONFIDENCE or uncertain:
        reported.append({"code": "low_confidence", "fields": uncertain})
    return reported
