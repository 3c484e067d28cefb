"""A romanised name printed with no label, found by where the type's layout prints it (pure
functions over layout items)."""
from __future__ import annotations

from limitup.recognise import layout, values
from limitup.recognise.catalogue import FieldSpec
from limitup.recognise.dates import find_dates
from limitup.recognise.found import PLACE_QUALITY, Found
from limitup.recognise.found import ocr_quality as _ocr
from limitup.recognise.text import key

# Worth of the place: the type's layout says it, no label does.
ABOVE_AN_ANCHOR = 0.9


def above_a_date(spec: FieldSpec, items, others_values: set) -> list[Found]:
    """The name alone in its box, right above a date in its column (Duolingo certificates
    2021-2025: the name, then the test date or "Date of birth: ..." under it)."""
    return _names_above(spec, items, others_values, lambda under: bool(find_dates(under.text)))


def above_a_label(spec: FieldSpec, items, others_values: set) -> list[Found]:
    """The name alone in its box, right above a box that starts with one of the field's
    `above_labels` (IDP's results page prints the name as its heading over "Candidate Number:",
    ETS's "My Scores" page over "Appointment")."""
    starts = {hit.item for hit in layout.find_labels(items, spec.above_labels)
              if not hit.item.text[:hit.start].strip()}
    return _names_above(spec, items, others_values, lambda under: under in starts)


def _names_above(spec: FieldSpec, items, others_values: set, anchors_it) -> list[Found]:
    """Any box shaped as a name (values.name_roman: 2-4 capitalised words, pinyin or not) whose
    nearest box below it in its column `anchors_it`: the type's layout vouches for the place,
    so the name needs no label."""
    found = []
    for item in items:
        if item in others_values:
            continue
        names = [value for value, shape in values.name_roman(spec, item.text)
                 if shape >= 0.5 and 2 <= len(value.split()) <= 4 and key(value) == item.key]
        if not names:
            continue
        under = layout.below(item, items, limit=1)
        if under and anchors_it(under[0]):
            found.append(Found(names[0], PLACE_QUALITY["pattern"] * ABOVE_AN_ANCHOR * _ocr(item),
                               item, None, True, "pattern"))
    return found
