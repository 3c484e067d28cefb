"""Recognition: from OCR text boxes to a catalogue type and its fields (pure functions).

    recognise(boxes, catalogue, reread=None, today=None) -> Recognition

Steps: normalise the boxes; find the types whose title is present and that no exclusion rules
out; for each, read its fields by layout; keep the types whose sibling-distinguishing rules hold
(require_any words or a fully valid number; require_level) and for which at least one key field
validates; the best wins. Key fields that fail their validators may be re-read once through the
caller's `reread(region, hint)`, which returns TextBoxes in the coordinates of the full image;
a key value nothing was read of, beside its label, through `unread(region, hint)` (the same
shape; the reader's last resort, limitup/reader.py).
Prefer null over a wrong type. What the result reports about its own reading (number format,
fields in doubt) is `report.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from limitup.boxes import Box
from limitup.ids import is_valid_id
from limitup.recognise import (classify, initials, layout, report, unlabelled_scores, validators,
                               values)
from limitup.recognise.catalogue import CertType, FieldSpec
from limitup.recognise.extract import (PLACE_QUALITY, Found, boundary_regex, best, extract_field,
                                       given_name_alone, label_candidates, pattern_candidates,
                                       rank_numbers, split_name)
from limitup.recognise.result import FIELD_NAMES, NEAR_TYPE_EXTRA, Recognition
from limitup.recognise.text import key
from limitup.recognise.validators import check_number

MAX_CANDIDATE_TYPES = 5
MAX_REREADS = 2
# Kinds whose unread value is read at last in the smoothed view: a band in a grey box. (Names
# and numbers have their own fallbacks: the re-reads, the number's initials, the detail view.)
SMOOTHED_KINDS = ("score",)
LABEL_SHARE = 0.5            # a re-read box this much inside the label's box is the label's
DOUBTFUL_NAME = 0.4          # a name read with less confidence than this is re-read
# Extras read before the SPEC fields, because number validators cross-check them.
EARLY_EXTRAS = ("sex", "id_number", "birth_date")
FIELD_ORDER = ("level", "holder_name", "issue_date", "score", "cert_number")


@dataclass
class Reading:
    cert: CertType
    found: dict = field(default_factory=dict)     # SPEC field -> Found
    extras: dict = field(default_factory=dict)    # extra -> Found
    number_failures: list = field(default_factory=list)
    # Fields read but not to be trusted as they are (a score outside its level's range: one of
    # the two is misread; a level taken from the score): reported low_confidence.
    in_doubt: set = field(default_factory=set)
    # Fields the page's own arithmetic vouches for (Recognition.vouched).
    vouched: set = field(default_factory=set)

    def key_fraction(self) -> float:
        keys = [name for name, spec in self.cert.fields.items() if spec.key]
        if not keys:
            return 0.0
        return sum(1 for name in keys if self.found.get(name) and self.found[name].valid) / len(keys)

    def name_only(self) -> bool:
        """The holder's name is the only key field that validates."""
        valid = [name for name, found in self.found.items()
                 if found and found.valid and self.cert.fields[name].key]
        return valid == ["holder_name"]

    def number_valid(self) -> bool:
        number = self.found.get("cert_number")
        return bool(number and number.valid)


def recognise(boxes, catalogue: dict, *, reread=None, unread=None,
              today: date | None = None) -> Recognition:
    today = today or date.today()
    items = layout.prepare(boxes)
    # The text, and the boxes as read for the verifier's guided read of the holder's name
    # (limitup.recognise.names): the boxes in memory only, never stored (they hold the ID number).
    read = (full_text(items), [item.source for item in items])
    if not items:
        return _with_text(Recognition(None, 0.0), read)
    line_list = layout.lines(items)
    doc = classify.document_key(items)
    eligible, near = [], None
    for scored in classify.candidates(catalogue, doc)[:MAX_CANDIDATE_TYPES]:
        reading = read_fields(scored.cert, items, line_list, today)
        if _eligible(scored, reading):
            eligible.append((scored.text_score + 0.5 * reading.key_fraction(), scored, reading))
        elif near is None and _near(scored, reading):
            near = scored.cert.id
    if not eligible:
        untyped = Recognition(None, 0.0)
        if near:
            untyped.extras[NEAR_TYPE_EXTRA] = near
        return _with_text(untyped, read)
    eligible.sort(key=lambda entry: -entry[0])
    total, scored, reading = eligible[0]
    margin = total - eligible[1][0] if len(eligible) > 1 else total
    if reread is not None:
        _reread_failed_fields(reading, items, reread, today)
        _reread_family_name(reading, items, reread, today)
    if unread is not None:
        _read_unread_fields(reading, items, unread, today)
    _name_from_initials(reading, items)
    _name_without_family_part(reading, items)
    _settle_level_by_score(reading)
    _check_score_by_parts(reading)
    _check_initials(reading)
    confidence = scored.title * (0.5 + 0.3 * min(1.0, margin / 0.5)
                                 + 0.2 * reading.key_fraction())
    return _with_text(_result(reading, min(1.0, confidence)), read)


def full_text(items) -> str:
    """The whole OCR text as the engine read it, one box a line, in reading order (text lines
    top to bottom, boxes left to right). The pipeline stores it masked (extras["ocr_text"])."""
    return "\n".join(item.source.text for line in layout.lines(items) for item in line)


def _with_text(result: Recognition, read: tuple) -> Recognition:
    result.extras["ocr_text"], result.extras["text_boxes"] = read
    return result


def _eligible(scored, reading: Reading) -> bool:
    cert = reading.cert
    if not (scored.required or (cert.number_decides and reading.number_valid())):
        return False
    if cert.require_level:
        level = reading.found.get("level")
        if not level or level.value not in cert.require_level:
            return False
    # A key field that validates, or else strong text evidence (an exact title and keywords:
    # a scholarship whose name is under a seal is still that scholarship, flagged low_confidence).
    # A name alone is weak: every personal document has one. With only the name, the title must
    # be the type's own, not a near one (执业药师职业资格证书 is no 法律职业资格证书).
    if reading.key_fraction() > 0 and (not reading.name_only() or _own_words_read(scored)):
        return True
    if scored.title >= 0.85 and scored.keywords >= 0.3:
        return True
    # Or the type's own full title read exactly (医师资格证书, 法律职业资格证书: six characters or
    # more, not a generic 荣誉证书), with everything else under seals or blurred on a hard photo.
    # Null would tell the user this is no certificate we take; typed, it comes back
    # low_confidence, for review or a retake. Near titles (审计专业技术资格证书) are not exact, and
    # exclusions and require_level still apply.
    return _exact_specific_title(scored)


def _near(scored, reading: Reading) -> bool:
    """Whether the page names this type in its own words (an exact title and a require_any
    word) and failed it for want of a key field only, not for a level it must not have."""
    if not (scored.title_exact and scored.required and reading.key_fraction() == 0):
        return False
    level = reading.found.get("level")
    return not (reading.cert.require_level and level and level.value
                and level.value not in reading.cert.require_level)


EXACT_TITLE = 0.95           # title strength (match x weight) of the type's own full title
SPECIFIC_TITLE_LENGTH = 6    # 医师资格证书; shorter titles (奖学金证书, 荣誉证书) are generic


def _own_words_read(scored) -> bool:
    """Words that name this type and no near one: one of its titles read exactly (any weight),
    or one of its require_any words."""
    return scored.title_exact or bool(scored.cert.require_any and scored.required)


def _exact_specific_title(scored) -> bool:
    if not scored.cert.title_alone:
        return False
    full_titles = [term for term in scored.cert.titles
                   if term.weight >= EXACT_TITLE and len(key(term.text)) >= SPECIFIC_TITLE_LENGTH]
    return bool(full_titles) and scored.title >= EXACT_TITLE and not scored.title_less


def _level_read(reading: Reading) -> bool:
    level = reading.found.get("level")
    return bool(level and level.valid and level.value)


def read_fields(cert: CertType, items, line_list, today: date) -> Reading:
    reading = Reading(cert)
    known: dict = {}
    targets = _number_targets(cert)
    for name in EARLY_EXTRAS + targets:
        if name in cert.extras and name not in reading.extras:
            found = extract_field(cert.extras[name], cert, items, line_list, known, today)
            if found:
                reading.extras[name] = found
                if name in targets and found.valid and found.value:
                    known[name] = found.value
    id_found = reading.extras.get("id_number")
    id_found = id_found if id_found and id_found.value else None
    if "sex" not in reading.extras and id_found and is_valid_id(id_found.value):
        reading.extras["sex"] = Found("男" if int(id_found.value[16]) % 2 else "女", 0.9)
    if "sex" in reading.extras and reading.extras["sex"].valid:
        known["sex"] = reading.extras["sex"].value
    birth = _birth_date(id_found, reading.extras.get("birth_date"))
    if birth:
        known["birth_date"] = birth      # no issue date before it
    exclude = _not_field_values(id_found)
    for name in (n for n in FIELD_ORDER if n in cert.fields):
        found = extract_field(cert.fields[name], cert, items, line_list, known, today, exclude)
        if found:
            reading.found[name] = found
            if found.valid:
                known[name] = found.value
    for name, spec in cert.extras.items():
        if name not in reading.extras:
            found = extract_field(spec, cert, items, line_list, known, today, exclude)
            if found:
                reading.extras[name] = found
    _settle_number(reading, known, today)
    return reading


def _number_targets(cert: CertType) -> tuple:
    """The extras the certificate number's validators compare it with (echoes' targets)."""
    spec = cert.fields.get("cert_number")
    return tuple(rule.target for rule in (spec.validators if spec else ())
                 if rule.rule == "echoes")


def _birth_date(id_found: Found | None, printed: Found | None) -> str | None:
    """The holder's birth date: from a valid ID number, else as printed under its label."""
    if id_found and is_valid_id(id_found.value):
        number = id_found.value
        return f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    if printed and printed.valid and printed.value:
        return printed.value
    return None


def _not_field_values(id_found: Found | None) -> set:
    """Values no other field may take: the ID number and the birth date inside it."""
    if not id_found:
        return set()
    number = id_found.value
    return {number, f"{number[6:10]}-{number[10:12]}-{number[12:14]}"}


def _settle_number(reading: Reading, known: dict, today: date) -> None:
    """Cross-check the number with the fields its digits encode; fill a missing level."""
    spec = reading.cert.fields.get("cert_number")
    number = reading.found.get("cert_number")
    if not spec or not number or number.value is None:
        return
    check = check_number(number.value, spec, known, today)
    number.valid = check.ok
    reading.number_failures = check.failures if check.matches_pattern else ["pattern"]
    implied_level = check.implied.get("level")
    level = reading.found.get("level")
    if implied_level and "level" in reading.cert.fields and (not level or not level.valid):
        reading.found["level"] = Found(implied_level, number.confidence * PLACE_QUALITY["implied"],
                                       number.item, None, check.ok, "implied")


def _settle_level_by_score(reading: Reading) -> None:
    """Where the level follows the score (普通话: 三级乙等 is 60-69.99), a level under a seal is
    the one whose range holds the score read, and a score outside the read level's range puts
    both in doubt. Either way a reviewer confirms: the level is money, and a score misread by
    one digit (62.9 read 82.9) names another level."""
    spec = reading.cert.fields.get("score")
    score, level = reading.found.get("score"), reading.found.get("level")
    if spec is None or not spec.level_ranges or "level" not in reading.cert.fields \
            or score is None or not score.valid or score.value is None:
        return
    levels = [name for name, (low, high) in spec.level_ranges.items()
              if low <= float(score.value) <= high]
    if not _level_read(reading):
        if len(levels) == 1:
            reading.found["level"] = Found(levels[0], score.confidence * PLACE_QUALITY["implied"],
                                           score.item, None, True, "implied")
            reading.in_doubt.add("level")
    elif level.value in spec.level_ranges and level.value not in levels:
        reading.in_doubt.update(("level", "score"))


def _check_score_by_parts(reading: Reading) -> None:
    """Where the total is the type's arithmetic of its section scores (CET: their sum; IELTS:
    their mean to the half band) and every section is read: a total that agrees is vouched for.
    One that differs, or none read, is settled by the sections only when each was read in its
    own label's box (听力:124): a section read beside its label may be another number there
    (an ETS page's "High(22-30)" right of Reading, holdout16b). Then the total differing is in
    doubt, and one not read is theirs, for review: a CET e-report prints its total in red, which
    the seal-suppressed view loses, and the re-read of its place returned a stray 1
    (holdout16a). A total read from a section's own box is that section's number (a poster's
    "Overall band" label two rows above the Listening band, holdout19b): it is replaced by what
    the sections make, for review."""
    spec = reading.cert.fields.get("score")
    parts = unlabelled_scores.section_scores(reading.cert, reading.extras)
    if spec is None or parts is None:
        return
    expected = unlabelled_scores.combine_parts(spec, [float(part.value) for part in parts])
    score = reading.found.get("score")
    read = score is not None and score.valid and score.value is not None
    if read and float(score.value) == expected:
        reading.vouched.add("score")
        return
    a_sections = read and _a_sections_box(score, parts) and validators.score_ok(expected, spec)
    if not a_sections and any(part.place != "same" for part in parts):
        return
    if read and not a_sections:
        reading.in_doubt.add("score")
    elif validators.score_ok(expected, spec):
        reading.found["score"] = Found(_number(expected), 0.5, None, None, True, "implied",
                                       doubted=True)


def _a_sections_box(score: Found, parts) -> bool:
    """Whether the total is a section's number: the same value, read from the same text box.
    (A box may hold two: "5.5 Overall Band Score 5.0", the Speaking band and the overall.)"""
    return score.item is not None and any(
        part.item is not None and part.item.source.box == score.item.source.box
        and float(part.value) == float(score.value) for part in parts)


def _reread_failed_fields(reading: Reading, items, reread, today: date) -> None:
    budget = MAX_REREADS
    targets = [(name, spec, reading.found) for name, spec in reading.cert.fields.items()
               if spec.key] + [("id_number", reading.cert.extras.get("id_number"), reading.extras)]
    for name, spec, store in targets:
        current = store.get(name)
        if budget <= 0 or spec is None or current is None:
            continue
        doubtful = _doubtful_name(spec, current)
        anchor = current.anchor or (current.item if doubtful else None)
        if (current.valid and not doubtful) or anchor is None:
            continue
        budget -= 1
        region = layout.region_around(anchor, items, current.item,
                                      vertical=_values_below_labels(reading))
        better = _read_region(spec, reading, reread(region, name), today, items)
        if better is None or not better.valid:
            continue
        if doubtful and not values.plausible_name(spec, better.value):
            continue       # the re-read is no more name-like than the first reading
        store[name] = better
    _settle_number(reading, _known_to_number(reading), today)


def _read_unread_fields(reading: Reading, items, unread, today: date) -> None:
    """Key fields of SMOOTHED_KINDS of which nothing was read, their label on the page: the
    value's box was never detected (a band in the dithered grey box of a scanned IELTS form,
    holdout23b). The strip beside (or under) the label is read by `unread(region, hint)` (the
    reader's smoothed view: a halftone's dots blurred into grey, which the detector then sees
    as print). The caller asks for this last, when every other reading left the field empty:
    asked first, its doubted value stood in the way of the full-detail reading's sure one."""
    for name, spec in reading.cert.fields.items():
        current = reading.found.get(name)
        # extract_field keeps the label of a value it could not read (place "missing").
        if not (spec.key and spec.kind in SMOOTHED_KINDS and current is not None
                and current.value is None and current.anchor is not None):
            continue
        label = current.anchor
        region = layout.region_around(label, items, vertical=_values_below_labels(reading))
        # The crop's margin takes in the label's last letters ("l" of Overall, read as a 1).
        boxes = [box for box in unread(region, name)
                 if not box.box.covered_by([label.source.box], LABEL_SHARE)]
        better = _read_region(spec, reading, boxes, today, items)
        if better is not None and better.valid:
            better.doubted = True       # read from a crop no reading of the page saw text in
            reading.found[name] = better


def _known_to_number(reading: Reading) -> dict:
    """What the number's validators compare it with: the level, the sex, echoes' targets."""
    known = {"level": _value(reading.found.get("level")), "sex": _value(reading.extras.get("sex"))}
    known.update({name: _value(reading.extras.get(name)) for name in _number_targets(reading.cert)})
    return {name: value for name, value in known.items() if value}


def _check_initials(reading: Reading) -> None:
    """A romanised name whose letters the certificate number repeats (IELTS): a name read that
    gives other letters lost a word (HLA of HLA MYO AUNG, never detected) or misread one."""
    if _initials_disagree(reading):
        reading.in_doubt.add("holder_name")


def _initials_disagree(reading: Reading) -> bool:
    return initials.disagree(reading.cert.fields.get("holder_name"),
                             reading.found.get("holder_name"), reading.found.get("cert_number"))


def _name_from_initials(reading: Reading, items) -> None:
    """No name read, but the number repeats the holder's initials: the name they point to."""
    spec = reading.cert.fields.get("holder_name")
    name = reading.found.get("holder_name")
    if spec is None or (name is not None and name.valid):
        return
    letters = initials.letters_in_number(spec, reading.found.get("cert_number"))
    found = initials.name_by_letters(spec, items, letters) if letters else None
    if found is not None:
        reading.found["holder_name"] = found


def _name_without_family_part(reading: Reading, items) -> None:
    """A romanised name without its family part, on a form that prints one: no name read and
    the family-name row blank (the given name alone is taken, for review), or a name of one word
    (flagged by report.checks). The number may spell the missing family name out
    (initials.spelled_family_name)."""
    spec = reading.cert.fields.get("holder_name")
    name = reading.found.get("holder_name")
    if spec is None or not spec.family_labels:
        return
    if name is None or not name.valid or not name.value:
        name = given_name_alone(spec, items, reading.cert.boundaries(spec))
        if name is None:
            return
        name.doubted = True
    elif len(str(name.value).split()) > 1:
        return
    reading.found["holder_name"] = initials.spelled_family_name(
        spec, name, reading.found.get("cert_number"))


def _reread_family_name(reading: Reading, items, reread, today: date) -> None:
    """A name whose initials disagree with its number, on a form with a family name label: the
    family name's box is likely never detected (two short letters in a grey field), or the
    given name's (the given name of a dithered scan's grey field, holdout23b). The strips right
    of both labels are read again, in one crop, and the whole name kept when it then agrees."""
    spec = reading.cert.fields.get("holder_name")
    if spec is None or not spec.family_labels:
        return
    found = reading.found.get("holder_name")
    one_word = found is not None and found.valid and len(str(found.value or "").split()) == 1
    if not (_initials_disagree(reading) or (one_word and spec.given_labels)):
        return
    hit = next(iter(layout.find_labels(items, spec.family_labels)), None)
    if hit is None:
        return
    region = layout.region_around(hit.item, items)
    given = next(iter(layout.find_labels(items, spec.given_labels)), None)
    if given is not None and 0 < given.item.box.y0 - hit.item.box.y0 < 4 * hit.item.height:
        region = Box.union([region, layout.region_around(given.item, items)])
    better = _read_region(spec, reading, reread(region, "holder_name"), today, items)
    # One word cannot be checked against the number (it agrees with any letters): a re-read
    # gives a whole name or nothing (the crop of both rows reaches the Candidate ID's row too).
    if better is None or not better.valid or len(str(better.value).split()) < 2:
        return
    reading.found["holder_name"] = better
    if _initials_disagree(reading):
        reading.found["holder_name"] = found


def _doubtful_name(spec: FieldSpec, found: Found) -> bool:
    """A name that was read but does not look like one (a seal stroke turned 秦 into 案, a label
    word, a lost space) or was read with little confidence: worth a second look."""
    if not spec.kind.startswith("name") or not found.valid or found.value is None:
        return False
    return found.confidence < DOUBTFUL_NAME or not values.plausible_name(spec, found.value)


def _values_below_labels(reading: Reading) -> bool:
    """Does this document print values under their labels (a grid) rather than beside them?"""
    places = [found.place for found in list(reading.found.values()) + list(reading.extras.values())
              if found.valid and found.anchor is not None]
    below = sum(place.startswith("below") for place in places)
    return below > len(places) - below


def _read_region(spec: FieldSpec, reading: Reading, boxes, today: date, items) -> Found | None:
    new_items = layout.prepare(boxes or [])
    boundaries = reading.cert.boundaries(spec)
    if spec.kind == "name_roman" and spec.family_labels and new_items:
        # The family name's box never detected on the page (LE of LE VAN AN, two letters
        # in a grey field) and found by the re-read: the whole name, with the given name read
        # on the page, not the family name alone.
        whole = split_name(spec, items + _new_words(new_items, items), boundaries)
        if whole is not None and whole.valid:
            return whole
    candidates = label_candidates(spec, new_items, boundaries)
    # Values printed without a label ("张三同学：") are found by the type's value patterns.
    candidates += pattern_candidates(spec, layout.lines(new_items))
    labels = boundary_regex(boundaries + tuple(spec.labels), spec.words)
    for item in new_items:
        if labels is not None and labels.search(item.text):
            continue          # a label box (发证机关) is no value; label_candidates read those
        for value, shape in values.parse(spec, item.text):
            if spec.kind == "name_cjk" and not values.looks_like_cjk_name(value, spec.words):
                continue
            candidates.append(Found(value, PLACE_QUALITY["reread"] * shape * item.source.score,
                                    item, None, shape >= 0.5, "reread", values.mended(spec, shape)))
    if spec.kind.startswith("name"):
        for candidate in candidates:      # a name-like reading first
            if not values.plausible_name(spec, candidate.value):
                candidate.confidence *= 0.5
    if spec.kind == "number":
        known = {k: f.value for k, f in reading.found.items()} | _known_to_number(reading)
        rank_numbers(spec, candidates, known, today)
    return best(candidates)


# A re-read box is one the page read already when a box of the same text covers this much of it.
SAME_WORD_SHARE = 0.5


def _new_words(read_again, items) -> list:
    """The re-read's boxes the page had not read already: each text once (the re-read's views
    read the same words again, as the page did around them)."""
    kept = []
    for item in read_again:
        same_text = [other.source.box for other in items + kept if other.key == item.key]
        if not item.source.box.covered_by(same_text, SAME_WORD_SHARE):
            kept.append(item)
    return kept


def _value(found: Found | None):
    return found.value if found and found.valid else None


def _result(reading: Reading, confidence: float) -> Recognition:
    cert = reading.cert
    result = Recognition(cert.id, confidence)
    for name in FIELD_NAMES:
        found = reading.found.get(name)
        # An unreadable value is null. A number that has its pattern's shape but fails a
        # structure rule is still shown (it is what is printed; the check says what is wrong).
        if found is None or found.value is None or (not found.valid and not (
                name == "cert_number" and reading.number_failures != ["pattern"])):
            continue
        result.fields[name] = _number(found.value) if name == "score" else found.value
        result.field_confidence[name] = round(min(1.0, found.confidence), 3)
        result.field_boxes[name] = found.item.source if found.item else None
    result.extras = {name: found.value for name, found in reading.extras.items()
                     if found.value is not None and (found.valid or name == "id_number")}
    result.extras["category"] = cert.category
    # The box the printed ID number was read from: the pipeline blacks it out of the photo.
    id_found = reading.extras.get("id_number")
    if id_found is not None and id_found.value and id_found.item is not None:
        result.field_boxes["id_number"] = id_found.item.source
    result.checks = report.checks(reading, result)
    result.vouched = {name for name in reading.vouched if result.fields.get(name) is not None}
    return result


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value
