"""Field extraction for one catalogue type: label -> value by layout, checked by the rules.

For each field: find its label boxes; the value is the rest of the label's box, or the nearest
box to the right on the same line, or the box just below; each candidate is parsed by the
field's kind and ranked by (label match x place x shape x validation x OCR score). Fallbacks
without a label (a number anywhere that passes its validators, the latest date, a level word
anywhere; a score by arithmetic, level or size: unlabelled_scores.py) rank lower. Candidates are
found.Found.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from limitup.ids import is_valid_id
from limitup.recognise import layout, unlabelled_names, unlabelled_scores, values
from limitup.recognise.catalogue import CertType, FieldSpec
from limitup.recognise.found import PLACE_QUALITY, Found
from limitup.recognise.found import ocr_quality as _ocr
from limitup.recognise.labels import LabelWords
from limitup.recognise.result import FIELD_NAMES
from limitup.recognise.romanised import split_merged
from limitup.recognise.validators import check_number, echo_of

@lru_cache(maxsize=256)
def boundary_regex(labels: tuple, words: LabelWords) -> re.Pattern | None:
    """Where one of `labels` starts in a text; `words` says which short labels end a value
    wherever they stand."""
    parts = []
    for label in sorted(set(labels), key=len, reverse=True):
        body = r"\s*".join(re.escape(char) for char in label if not char.isspace())
        if label.isascii():
            body = rf"(?<![A-Za-z]){body}(?![a-z])"
        elif len(label) <= 2 and label not in words.ends_value_anywhere:
            # 学校, 专业, 日期 also occur inside values (中等职业学校): only a label at the
            # start of a box or before a colon or the end of the box.
            body = rf"(?:^{body}|{body}(?=\s*[:;]|\s*$))"
        parts.append(body)
    return re.compile("|".join(parts), re.I) if parts else None


def _inside_other_label(regex, text: str, hit) -> bool:
    if regex is None:
        return False
    return any(m.start() <= hit.start and m.end() > hit.end - 1 and m.end() - m.start() >
               hit.end - hit.start for m in regex.finditer(text))


def _inside_sentence(text: str, hit, prose_words: frozenset) -> bool:
    """A Latin label matched past the start of an English sentence and not followed by a colon:
    the words happen to be in the prose ("...printed by the test taker.", a score report's
    notice), it labels nothing. Two prose words (rules/labels.yaml) make a sentence."""
    if hit.start == 0 or text[hit.end:hit.end + 2].strip().startswith(":"):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    return sum(word.lower() in prose_words for word in words) >= 2


def cut_at_boundary(text: str, labels: tuple, words: LabelWords) -> str:
    regex = boundary_regex(labels, words)
    match = regex.search(text) if regex else None
    return text[:match.start()] if match else text


def label_candidates(spec: FieldSpec, items, boundaries: tuple, labels=None) -> list[Found]:
    """Candidates found next to the field's labels."""
    found = []
    labels = tuple(labels or spec.labels)
    boundaries = tuple(label for label in boundaries if label not in labels)
    regex = boundary_regex(boundaries, spec.words)
    for hit in layout.find_labels(items, labels, rivals=boundaries):
        anchor = hit.item
        if _inside_other_label(regex, anchor.text, hit):
            continue      # "Date" inside "Date of Birth": that box belongs to another field
        if _inside_sentence(anchor.text, hit, spec.words.prose_words):
            continue      # "...from all valid test dates," is no 'Test Date' label
        rest = cut_at_boundary(_strip_labels(anchor.text[hit.end:], labels, spec.words),
                               boundaries, spec.words)
        places = [("same", anchor, rest)]
        right = layout.right_of(anchor, items, limit=JOIN_LIMIT)
        for rank, item in enumerate(right[:2]):
            places.append(("right" if rank == 0 else "right2", item,
                           cut_at_boundary(item.text, boundaries, spec.words)))
        if spec.kind in JOINED_KINDS:
            joined = _joined_to_next_label(anchor, right, regex)
            if joined is not None:
                places.append(("joined", right[0], joined))
        under = layout.below(anchor, items, lines=spec.below_lines)
        for rank, item in enumerate(under):
            places.append(("below" if rank == 0 else "below2", item,
                           cut_at_boundary(item.text, boundaries, spec.words)))
        if spec.kind in JOINED_KINDS and under:
            # The value under its label split into boxes along its row: 2017 | 年 | 07 | 月04
            # under 发证单位 (a real 普通话 certificate's date, printed over the line of a form).
            row = _row_start(under[0], anchor, items, regex)
            joined = _joined_to_next_label(
                row[0], row + layout.right_of(under[0], items, limit=JOIN_LIMIT), regex)
            if joined is not None:
                places.append(("below", under[0], joined))
        left = layout.left_of(anchor, items) if spec.value_left else None
        if left is not None:
            places.append(("left", left, left.text))
        for place, item, raw in places:
            for value, shape in values.parse(spec, raw):
                quality = (hit.strength * PLACE_QUALITY[place] * shape * _ocr(item)
                           * _distance_factor(anchor, item, place, hit))
                found.append(Found(value, quality, item, anchor, shape >= 0.5, place,
                                   values.mended(spec, shape)))
    return found


# Kinds whose value OCR may split into several boxes on its line (a number printed in groups
# 3142 0251 1530 1432, a date 2023年 07月 12日): the boxes right of the label up to the next
# label are read as one value. Names are read by their own rules.
JOINED_KINDS = ("number", "date")
JOIN_LIMIT = 4


def _row_start(item, label, items, regex) -> list:
    """`item` and the boxes just left of it on its row, still in the label's column and no
    label: the part of a split value nearest under its label need not be its start (2019 | 年
    08 月 19 日 under 发证单位, the year further left, on a real 普通话 certificate)."""
    row = [item]
    while len(row) < JOIN_LIMIT:
        left = layout.left_of(row[0], items)
        if (left is None or row[0].box[0] - left.box[2] > row[0].height
                or left.box[2] < label.box[0] or (regex and regex.search(left.text))):
            break
        row.insert(0, left)
    return row


def _joined_to_next_label(anchor, right: list, regex) -> str | None:
    """The text of the boxes right of `anchor`, each close to the one before, up to (and cut
    at) the next label: a value is bounded by the next label, not by the next word."""
    parts, previous = [], anchor
    for item in right:
        if item.box[0] - previous.box[2] > 3 * anchor.height:
            break                   # a column away: another field
        match = regex.search(item.text) if regex else None
        parts.append(item.text[:match.start()] if match else item.text)
        previous = item
        if match:
            break
    parts = [part for part in parts if part.strip()]
    return "".join(parts) if len(parts) >= 2 else None


def _strip_labels(text: str, labels: tuple, words: LabelWords) -> str:
    """A box holding two of the field's own labels (持证人姓名曹怡 hit at 持证人): the value is
    what follows the last of them."""
    regex = boundary_regex(tuple(label for label in labels if len(label) >= 2), words)
    while regex is not None:
        match = regex.match(text.lstrip(" :;"))
        if not match or match.end() == 0:
            break
        text = text.lstrip(" :;")[match.end():]
    return text


def _distance_factor(anchor, item, place: str, hit) -> float:
    """Nearer is likelier; a label ending in a colon announces a value on its right."""
    height = anchor.height
    if place.startswith("right") or place == "joined":
        gap = max(0, item.box[0] - anchor.box[2]) / height
        return 1 / (1 + 0.05 * gap)
    if place.startswith("below"):
        colon = anchor.text[hit.end:hit.end + 1] == ":" and not anchor.text[hit.end + 1:].strip()
        return 0.7 if colon else 1.0
    return 1.0


def pattern_candidates(spec: FieldSpec, line_list) -> list[Found]:
    found, seen = [], set()
    for items, text, wrapped_at in _pattern_texts(line_list):
        for pattern in spec.value_patterns:
            for match in re.finditer(pattern, text):
                if wrapped_at is not None and not match.start() < wrapped_at < match.end():
                    continue        # wholly on one line: found there already
                for value, shape in values.parse(spec, match.group("v")):
                    item = _item_at(items, text, match.start("v"))
                    if (repr(value), id(item)) in seen:
                        continue    # a box of a line matching as its line did: one candidate
                    seen.add((repr(value), id(item)))
                    found.append(Found(value, PLACE_QUALITY["pattern"] * shape * _ocr(item),
                                       item, None, shape >= 0.5, "pattern",
                                       values.mended(spec, shape)))
    if spec.kind == "name_roman" and len({str(f.value).casefold() for f in found if f.valid}) > 1:
        # "Family, Given" with no label is an address's shape too: an ETS account page's
        # address block prints "City, Country" and "City, Province" under the holder's name
        # (2011, holdout16b). Two different runs in that shape: no telling which is a name.
        return []
    return found


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _pattern_texts(line_list):
    """(items, text, wrapped_at) to run value patterns on: each line (boxes joined by a space)
    and its boxes, then each line of CJK prose joined to the next one where a value wraps
    (学生宋 | 鑫，身份证号: a 证明 letter's name split at the line's end), with the offset of
    the join."""
    for line in line_list:
        yield line, layout.line_text(line), None
        if len(line) > 1:
            # Each box alone too: a pattern of a whole box (a TOEFL page's "Family, Given" at
            # its top) whose line goes on with another field (Appointment Number: ...).
            for item in line:
                yield [item], item.text, None
    for line, following in zip(line_list, line_list[1:]):
        first, rest = layout.line_text(line), layout.line_text(following)
        if (first and rest and _CJK_CHAR.match(first[-1]) and _CJK_CHAR.match(rest[0])
                and _wraps_into(line, following)):
            # No space at the join (a name is not split by it); offsets past the join are one
            # short of _item_at's count, which only matters for a value starting there.
            yield line + following, first + rest, len(first)


# Wrapped prose keeps its print size (within this ratio) and its line spacing (a gap of at most
# this many lines).
WRAP_SIZE_RATIO = 1.3
WRAP_GAP = 1.5


def _wraps_into(line, following) -> bool:
    """Does `following` go on with `line`'s prose: the same print size and the next line down?
    A certificate number right-aligned above the body (编号：2018年第12345号, then "张三 同学荣获
    ...", in larger print a line's gap below) is no paragraph: joined, its 号 began the name."""
    height, next_height = (max(item.height for item in part) for part in (line, following))
    gap = min(item.box[1] for item in following) - max(item.box[3] for item in line)
    return (max(height, next_height) <= WRAP_SIZE_RATIO * min(height, next_height)
            and gap <= WRAP_GAP * max(height, next_height))


def anywhere_candidates(spec: FieldSpec, items, exclude: set, boundaries: tuple,
                        known: dict) -> list[Found]:
    """Unlabelled fallbacks: a pattern-valid number, the lowest date, a level word, a name, a
    score its parts or its level vouch for."""
    found = []
    others_values = _values_of_other_labels(items, boundaries, spec.words)
    if spec.kind == "number":
        for item in items:
            if item in others_values:
                continue
            for value, shape in values.number(spec, item.text):
                if shape >= 0.5 and value not in exclude and (
                        not spec.unlabelled_pattern
                        or re.fullmatch(spec.unlabelled_pattern, value)):
                    found.append(Found(value, PLACE_QUALITY["anywhere"] * shape * _ocr(item),
                                       item, None, True, "anywhere", values.mended(spec, shape)))
    elif spec.kind == "date":
        other = _values_of_other_dates(items, spec.words)
        dated = [(day, item) for item in items if item not in other
                 and not NUMBER_LABEL_FIRST.match(item.text)
                 for day, shape in values.date_value(spec, item.text)
                 if shape >= 0.5 and day not in exclude]
        dated = _without_birth_dates(dated)
        if dated:
            # Issue dates sit at the foot of a certificate, by the seal; birth dates and
            # validity dates higher up. Lowest on the page wins, then the latest.
            day, item = max(dated, key=lambda pair: (pair[1].yc, pair[0]))
            found.append(Found(day, PLACE_QUALITY["anywhere"] * _ocr(item), item,
                               None, True, "anywhere"))
    elif spec.kind == "name_cjk":
        for item in items:
            if item in others_values:
                continue
            for value, shape in values.name_cjk(spec, item.text):
                if shape >= 0.9 and len(value) == len(item.key) and values.looks_like_cjk_name(
                        value, spec.words):
                    found.append(Found(value, PLACE_QUALITY["anywhere"] * 0.8 * _ocr(item), item,
                                       None, True, "anywhere"))
    elif spec.kind == "name_roman":
        # No readable label: a box holding only 2-4 words that all read as pinyin (XIALING
        # ZHOU). English headings and labels do not read as pinyin, nor do most English words.
        for item in items:
            if item in others_values:
                continue
            text = re.sub(r"\s+", " ", item.text.replace(",", " ")).strip()
            # One capitalised token that splits into a surname and a given name (HOUWEI): the
            # space was lost; it ranks below a name read with its space.
            merged = split_merged(text) if text.isupper() else text
            shape = 0.8 if merged == text else 0.6
            if values.plausible_name(spec, merged) and not any(
                    word.lower() in spec.words.not_name_words for word in merged.split()):
                found.append(Found(merged, PLACE_QUALITY["anywhere"] * shape * _ocr(item), item,
                                   None, True, "anywhere"))
        if spec.above_a_date:
            found.extend(unlabelled_names.above_a_date(spec, items, others_values))
        if spec.above_labels:
            found.extend(unlabelled_names.above_a_label(spec, items, others_values))
    elif spec.kind == "id_number":
        # Its label misread (身份证件号码 as 分份证作号码): an 18-character token whose check
        # digit and birth date hold is an ID number wherever it stands.
        for item in items:
            for value, shape in values.id_number(spec, item.text):
                if shape >= 1.0 and is_valid_id(value):
                    found.append(Found(value, PLACE_QUALITY["anywhere"] * _ocr(item), item,
                                       None, True, "anywhere"))
    elif spec.kind == "score" and (spec.sum_of_parts or spec.mean_of_parts):
        found.extend(unlabelled_scores.overall_of_parts(spec, items))
    elif spec.kind == "score" and spec.level_ranges and known.get("level"):
        found.extend(unlabelled_scores.score_of_level(spec, items, known["level"], others_values))
    elif spec.kind == "score" and spec.printed_largest:
        found.extend(unlabelled_scores.largest_score(spec, items))
    elif spec.kind == "level" and spec.search_text:
        for item in items:
            hit = values.lookup_level(spec, item.text)
            if hit:
                found.append(Found(hit[0], PLACE_QUALITY["anywhere"] * hit[1] * _ocr(item),
                                   item, None, True, "anywhere"))
    return found


# A box that starts with a number's label (编号:计算机学院20250318, 身份证号:...) holds a number,
# never the certificate's date, whatever its digits look like.
NUMBER_LABEL_FIRST = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:编号|号码|编码|号)\s*:")


# Unlabelled dates this many years before another date on the page are the holder's birth date
# (no certificate's validity runs that long): never the issue date.
BIRTH_GAP_YEARS = 14


def _without_birth_dates(dated: list) -> list:
    """(day, item) pairs without those far older than the latest one."""
    if not dated:
        return dated
    latest = max(day for day, _ in dated)
    cutoff = f"{int(latest[:4]) - BIRTH_GAP_YEARS}{latest[4:]}"
    return [(day, item) for day, item in dated if day > cutoff]


def _values_of_other_labels(items, boundaries: tuple, words: LabelWords) -> set:
    """Boxes that hold another field's label, and the box right after each (or under a bare
    one): their values belong to that field (the exam ticket number is not the report number)."""
    regex = boundary_regex(tuple(label for label in boundaries if len(label) >= 3), words)
    if regex is None:
        return set()
    labelled = [item for item in items if regex.search(item.text)]
    other = set(labelled)
    for item in labelled:
        right = layout.right_of(item, items, limit=1)
        beside = bool(right) and _close_right(item, right[0])
        bare = not item.text[_last_end(regex, item.text):].strip(" :;")
        # A value beside the label (not another label) is its value: the box under it is then
        # the next row's (公民身份号码 over 注册编号's number).
        if bare and not (beside and right[0] not in labelled):
            # A bare label (Registration Number) with its value printed under it.
            under = [box for box in layout.below(item, items, limit=1) if box not in labelled]
            other.update(under)
            if under and right and not beside and layout.horizontal_overlap(item, under[0]) > 0:
                right = []      # stacked layout: the far box on its line is the next column's
        other.update(right)
    return other


def _close_right(label, box) -> bool:
    """Within three label heights of the label's right edge: beside it, not a column away."""
    return box.box[0] - label.box[2] <= 3 * label.height


def _last_end(regex, text: str) -> int:
    return max(match.end() for match in regex.finditer(text))


def _values_of_other_dates(items, words: LabelWords) -> set:
    """Boxes holding, or just after, a birth-date or validity label: not the issue date."""
    labelled = [item for item in items if any(word in item.key for word in words.not_issue_date)]
    other = set(labelled)
    for item in labelled:
        other.update(layout.right_of(item, items, limit=1))
        other.update(layout.below(item, items, limit=1))
    return other


def _item_at(line, text: str, offset: int):
    """The box of `line` holding character `offset` of its text (boxes joined by one
    character)."""
    position = 0
    for item in line:
        position += len(item.text) + 1
        if offset < position:
            return item
    return line[-1]


def rank_numbers(spec: FieldSpec, candidates: list[Found], known: dict, today: date):
    """Weigh number candidates by their validators; mark which are fully valid."""
    for candidate in candidates:
        check = check_number(candidate.value, spec, known, today)
        mended = echo_mended(candidate.value, spec, known) if not check.ok else None
        if mended:
            mended_check = check_number(mended, spec, known, today)
            if mended_check.ok:
                candidate.value, check = mended, mended_check
        candidate.valid = check.ok
        candidate.confidence *= 1.0 if check.ok else (0.6 if check.matches_pattern else 0.15)
    return candidates


def echo_mended(value, spec: FieldSpec, known: dict) -> str | None:
    """`value` with the characters it echoes from another field (an IELTS TRF's last three
    centre characters) written as that field, read on its own, prints them, where the two differ
    only in characters OCR reads for one another: "...NURFO25A" beside Centre Number "UZ025" is
    "...NURF025A" (holdout19b). The centre's box is the witness. None when nothing is mended."""
    if not isinstance(value, str):
        return None
    mended = value
    for rule in spec.validators:
        if rule.rule != "echoes" or not -len(value) <= rule.index < len(value):
            continue
        start, part, printed = echo_of(mended, rule, known)
        tail = printed[-rule.length:]
        if len(tail) == len(part) == rule.length and part != tail and all(
                read == meant or meant in values.LOOKALIKES.get(read, ())
                for read, meant in zip(part, tail)):
            mended = mended[:start] + tail + mended[start + rule.length:]
    return mended if mended != value else None


def _doubt_future_dates(candidates: list[Found], today: date) -> None:
    """A date after today is kept (verification reports future_date) but ranks below others."""
    for candidate in candidates:
        if candidate.value > today.isoformat():
            candidate.valid = False
            candidate.confidence *= 0.5


# A date this far after today is a misread year (2021 read 2081), not a post-dated document.
MAX_FUTURE_DAYS = 366


def _plausible_dates(candidates: list[Found], birth: str | None, today: date) -> list[Found]:
    """An issue date is after the holder's birth and not years ahead of today; anything else
    is a misread or another date (the birth date itself): better null than wrong."""
    limit = date.fromordinal(today.toordinal() + MAX_FUTURE_DAYS).isoformat()
    return [c for c in candidates if c.value is None or (
        c.value <= limit and (birth is None or c.value > birth))]


NAME_KINDS = ("name_cjk", "name_roman")


def _settled(spec: FieldSpec, candidate: Found) -> bool:
    """A candidate good enough to stop looking: valid, and for a name, also name-like."""
    if not candidate.valid:
        return False
    if spec.kind in NAME_KINDS:
        return values.plausible_name(spec, split_merged(str(candidate.value)))
    return True


def best(candidates: list[Found]) -> Found | None:
    return max(candidates, key=lambda c: (c.valid, c.confidence)) if candidates else None


def joined_label_items(items, labels):
    from limitup.recognise.names import joined_label_items as joined
    return joined(items, labels)


def extract_field(spec: FieldSpec, cert: CertType, items, line_list, known: dict,
                  today: date, exclude: set = frozenset()) -> Found | None:
    boundaries = cert.boundaries(spec)
    if spec.kind == "name_roman" and (spec.family_labels or spec.given_labels):
        split = split_name(spec, items, boundaries)
        if split:
            return split
    # A name label printed with wide spaces (姓　　名：) and split by OCR into boxes of its own.
    anchors = items + layout.stacked_label_items(items, spec.labels)
    if spec.kind in NAME_KINDS:
        anchors += joined_label_items(items, spec.labels)
    candidates = label_candidates(spec, anchors, boundaries) + pattern_candidates(spec, line_list)
    if spec.kind == "number":
        rank_numbers(spec, candidates, known, today)
    if spec.kind == "date":
        _doubt_future_dates(candidates, today)
    if spec.name == "issue_date":
        candidates = _plausible_dates(candidates, known.get("birth_date"), today)
    if spec.name == "issue_date":
        candidates = [c for c in candidates if c.item is None or c.item is c.anchor
                      or not any(word in c.item.key for word in spec.words.not_issue_date)]
    if not any(_settled(spec, c) for c in candidates) and (spec.name in FIELD_NAMES
                                                           or spec.kind == "id_number"):
        extra = anywhere_candidates(spec, items, exclude, boundaries, known)
        if spec.kind == "number":
            rank_numbers(spec, extra, known, today)
        if spec.name == "issue_date":
            extra = _plausible_dates(extra, known.get("birth_date"), today)
        candidates += extra
    if spec.fallback_labels and not any(c.valid for c in candidates):
        # Nothing valid by the labels or on the page: the number after a fallback label.
        candidates += rank_numbers(spec, label_candidates(
            spec, anchors, boundaries, labels=spec.fallback_labels), known, today)
    if spec.kind in NAME_KINDS:
        # A name that looks like one beats one that does not (性期, 性别 misread next to the
        # 持证人 label, against 徐博宇 alone in its box); the label only ranks among names.
        candidates = [c for c in candidates if _settled(spec, c)] or candidates
    chosen = best(candidates)
    if spec.name == "issue_date" and spec.latest_wins:
        chosen = _latest_labelled_date(candidates, chosen)
        if chosen is not None and (_a_later_month_unread(candidates, chosen)
                                   or _a_date_left_unread(spec, items, boundaries, chosen)):
            chosen.doubted = True
    if chosen is not None and spec.kind == "name_roman" and chosen.value:
        chosen.value = split_merged(chosen.value)     # OCR lost the space: XIAJIA
    if chosen is None:
        # Nothing read, but the label is there: remember where, so a re-read can look.
        hit = next(iter(layout.find_labels(items, spec.labels, rivals=boundaries)), None)
        if hit is not None:
            return Found(None, 0.0, None, hit.item, False, "missing")
    return chosen


# Labelled dates within this share of the best one's confidence are read as rivals.
DATE_RIVALS = 0.6


def _latest_labelled_date(candidates: list[Found], chosen: Found | None) -> Found | None:
    """Several dates under the type's labels (an IELTS form prints 'Date' by the test and again
    by the report number at its foot; a 普通话 certificate its 测试时间 and the date under
    发证单位): the latest is the issue date, as a document is issued on or after anything it
    reports. Only valid, labelled dates compete: an unlabelled one never overrides a label."""
    if chosen is None or not chosen.valid or chosen.anchor is None:
        return chosen
    rivals = [c for c in candidates if c.valid and c.anchor is not None and c.value
              and c.anchor is not chosen.anchor
              and c.confidence >= DATE_RIVALS * chosen.confidence]
    latest = max(rivals, key=lambda c: (c.value, c.confidence), default=None)
    return latest if latest is not None and latest.value > chosen.value else chosen


def _a_later_month_unread(candidates: list[Found], chosen: Found) -> bool:
    """A later month under another of the labels, read without its day (签发日期 2015年04月,
    the day under the seal, against 批准日期 2014.11.08 on a 软考 booklet, holdout12a): the
    date chosen is likely not the issue date."""
    return any(not c.valid and c.anchor is not None and c.anchor is not chosen.anchor
               and c.value and str(c.value)[:7] > str(chosen.value)[:7] for c in candidates)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _a_date_left_unread(spec: FieldSpec, items, boundaries, chosen: Found) -> bool:
    """A year printed beside or under another of the labels, in a box that reads as no date
    ("20XX 年" and the day under 发证单位, the month lost under the seal, against 测试时间's
    date earlier that year on a 普通话 certificate, holdout26c): a date is there that was not
    read, and not earlier than the one chosen, which may then not be the issue date."""
    if not chosen.valid or not chosen.value or chosen.anchor is None:
        return False
    chosen_year = int(str(chosen.value)[:4])
    for hit in layout.find_labels(items, spec.labels, rivals=boundaries):
        if hit.item is chosen.anchor:
            continue
        near = (layout.right_of(hit.item, items, limit=2)
                + layout.below(hit.item, items, lines=spec.below_lines))
        for item in near:
            if item is chosen.item or any(valid >= 0.5 for _, valid in values.parse(spec, item.text)):
                continue
            if any(int(year) >= chosen_year for year in _YEAR.findall(item.text)):
                return True
    return False


def split_name(spec: FieldSpec, items, boundaries) -> Found | None:
    """Family and given names under separate labels -> 'FAMILY GIVEN'."""
    parts = []
    others = _name_labels(spec)
    for labels in (spec.family_labels, spec.given_labels):
        part = best(label_candidates(spec, items, boundaries + others, labels))
        if (part is None or not part.valid) and parts and parts[0].item is not None:
            part = _next_row_part(spec, parts[0], items, boundaries + others)
        if part is None or not part.valid:
            return None
        parts.append(part)
    family, given = (_with_rest_of_name(spec, part, items, boundaries) for part in parts)
    if family.item is not None and family.item is given.item:
        # Both parts read from one box: it holds the whole name (Santoso, Budi Rahman above
        # a legend row "Last (Family/Surname) Name, First (Given) Name" on a TOEFL report).
        # Unless the name is also printed after a plain Name label, and read there more surely:
        # ETS's 2014 report prints "Name: Family, Given" above the legend and "Email: ..." under
        # it, which OCR read "Emall" and so took for the name (holdout24c).
        labelled = best([c for c in label_candidates(spec, items, boundaries)
                         if c.place in ("same", "right") and c.valid])
        if labelled is not None and labelled.confidence > family.confidence:
            return None
        return family
    return Found(f"{family.value} {given.value}", min(family.confidence, given.confidence),
                 family.item, family.anchor, True, family.place)


def given_name_alone(spec: FieldSpec, items, boundaries) -> Found | None:
    """The name under the given-name label when the family-name label has nothing on its row
    (a Myanmar IELTS form prints "-" there: the name has no family part). OCR may also have
    lost a short family name there (two letters in a grey field): the caller asks for it only
    after the re-reads, and holds what it returns for review."""
    boundaries = boundaries + _name_labels(spec)
    hit = next(iter(layout.find_labels(items, spec.family_labels, rivals=boundaries)), None)
    if hit is None or hit.item.text[hit.end:].strip(_BLANK) or any(
            item.text.strip(_BLANK) for item in layout.right_of(hit.item, items)):
        return None
    given = best(label_candidates(spec, items, boundaries, spec.given_labels))
    return given if given is not None and given.valid else None


_BLANK = " :-–—"     # what a blank family-name row may show: a colon, a dash


def _name_labels(spec: FieldSpec) -> tuple:
    """Every label of a name printed in parts: each bounds the others' values."""
    return tuple(spec.family_labels + spec.given_labels + spec.labels)


def _next_row_part(spec: FieldSpec, family: Found, items, boundaries) -> Found | None:
    """The given name's label unreadable ('Fr Nama'): the name word on the row under the family
    name's value, in its column, when it is no label's value."""
    regex = boundary_regex(tuple(boundaries), spec.words)
    for item in layout.below(family.item, items, limit=1):
        if regex is not None and regex.search(item.text):
            continue
        for value, shape in values.name_roman(spec, item.text):
            if shape >= 0.5:
                return Found(value, family.confidence * PLACE_QUALITY["below2"] * _ocr(item),
                             item, None, True, "below2")
    return None


def _same_row(a, b) -> bool:
    overlap = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    return overlap >= 0.7 * min(a.height, b.height)


def _with_rest_of_name(spec: FieldSpec, part: Found, items, boundaries) -> Found:
    """A name part read from the first box right of its label, when OCR split the name into
    several boxes on that line (MOHAMMED | ALI): the following boxes up to the next label."""
    if part.place != "right" or part.anchor is None:
        return part
    from limitup.recognise.names import right_run
    run = right_run(part.anchor, items, boundaries, spec.words)
    if not run or run[0] is not part.item or len(run) == 1:
        return part
    following = run[1:]
    if not all(_same_row(part.item, item) for item in following):
        return part          # a drifting column (a photo): the next box is the next row's
    rest = [value for item in following for value, shape in values.name_roman(spec, item.text)
            if shape >= 0.5]
    if len(rest) != len(following):
        return part          # a box that is no name word: the name ends before it
    return Found(" ".join([str(part.value)] + rest), part.confidence, part.item, part.anchor,
                 part.valid, part.place)
