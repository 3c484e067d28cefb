"""The holder's name read with the account's name in hand (a guided read). Pure.

    read_expected_name(boxes, cert, expected) -> NameReading | None

The blind reader (extract.py) has to decide whether a string "looks like a name" (2-4 characters
from a known surname, pinyin words) before it knows whose upload it is, so a Tibetan, Mongolian,
five-character or foreign name is doubted or not read at all. At verification time the account's
verified (KYC) name is known: this looks for exactly that name, printed in a name position, and
says how surely it was read there:

- next to one of the type's name labels: the rest of the label's box and the boxes to its right
  on the line up to the next label (joined when OCR split the name), or the row below;
- family and given name under their own labels (IELTS, TOEFL), or the given name on the row
  under the family name when its label is unreadable;
- where the type's layout prints a name without a label (its value_patterns: 张三同学：);
- alone in a box of its own, anywhere: read, but at a confidence under the field threshold, so a
  person checks it (nothing on the page says that box is the holder's).

A name only counts when it is the whole value there: 欧阳娜 is not found in 欧阳娜娜, JOHN SMITH
not in JOHN SMITH JONES. CJK names of any length, with or without a middle dot (· ・ •); a
romanised name in any word order and case, diacritics folded, compared with every spelling of a
Chinese KYC name (limitup.verify.names.romanisations) or with a passport name word for word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from limitup.boxes import Box
from limitup.hanzi import name_forms
from limitup.ocr.base import TextBox
from limitup.recognise import layout
from limitup.recognise.catalogue import CertType, FieldSpec
from limitup.recognise.labels import LabelWords
from limitup.recognise.text import CJK, has_cjk, key, strip_value

# A name read alone in a box, with no label or layout saying it is the holder's: below the
# checks' min_field (0.5), so it is held for a person rather than verified.
ALONE_CONFIDENCE = 0.45
PLACE = {"same": 1.0, "right": 0.95, "joined": 0.9, "below": 0.85, "pattern": 0.9,
         "split": 0.95, "next_row": 0.8}
# Titles before a romanised name; not part of it.
TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx"}
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_CJK_RUN = re.compile(rf"[{CJK}·•・.]+")
MAX_JOIN = 4            # boxes of one name split by OCR on a line
# Where Chinese certificates and letters print the holder's name without a label, for every
# type (a type's own value_patterns add to these): "兹证明张三，男，..." or "兹证明张三系/为我校..."
# (证明 letters, as labels.yaml's honour_name_patterns read them for scholarships), "授予张三
# 同学...", "张三同学：" at the start of a line or after punctuation. {address}: a form of address
# (labels.yaml's address_forms). Only the KYC name is put in the value's place, so a verb after it
# cannot lengthen or shorten a stranger's name into a match.
GENERIC_CJK_PATTERNS = (
    r"(?:兹证明|特此证明|证明|兹授予|授予|奖励|表彰)\s*(?P<v>x)\s*(?=[，,:：;；(（]|为|系|是|{address}|$)",
    rf"(?:^|[^{CJK}])(?P<v>x)[\s_＿]*{{address}}",
)


@dataclass(frozen=True)
class NameReading:
    value: str               # the name as the document prints it
    confidence: float        # 0..1: label strength x place x OCR score
    box: TextBox | None      # where it was read (the first box of a split name)
    place: str               # same | right | joined | below | split | next_row |
                             # pattern | alone


def read_expected_name(boxes, cert: CertType, expected: str | None) -> NameReading | None:
    """Where and how surely the page prints `expected` (the KYC name) as the holder's name, or
    None when it does not (the caller falls back to the blind reading)."""
    spec = cert.fields.get("holder_name")
    if spec is None or not expected or not expected.strip():
        return None
    items = layout.prepare(list(boxes or []))
    if not items:
        return None
    boundaries = cert.boundaries(spec)
    matcher = (_CjkMatcher(expected, spec.words.address_forms) if spec.kind == "name_cjk"
               else _RomanMatcher(expected, spec.words.ends_name_words))
    if not matcher.usable:
        return None
    found = [reading for reading in _labelled(spec, items, boundaries, matcher)]
    if spec.kind == "name_roman" and (spec.family_labels or spec.given_labels):
        found += _split(spec, items, boundaries, matcher)
    if spec.kind == "name_cjk":
        found += _patterns(spec, items, matcher)
    if not found:
        found = _alone(items, matcher)
    return max(found, key=lambda reading: reading.confidence) if found else None


# --- where a name label points ----------------------------------------------------------------

def joined_label_items(items, labels) -> list:
    """Labels printed with wide spaces inside (姓　　名：) that OCR split into boxes of their own
    ("姓", "名："): virtual items joining two or three neighbouring short boxes of a line whose
    joined text holds one of `labels`, so find_labels sees the label whole."""
    label_keys = {key(label) for label in labels if has_cjk(label) and len(key(label)) >= 2}
    virtual = []
    for line in layout.lines(items):
        for start in range(len(line)):
            for end in range(start + 2, min(len(line), start + 3) + 1):
                run = line[start:end]
                if any(len(item.key) > 3 for item in run[:-1]):
                    break
                if any(b.box[0] - a.box[2] > 4 * a.height for a, b in zip(run, run[1:])):
                    break
                joined = "".join(item.key for item in run)
                if any(label in joined and not any(label in item.key for item in run)
                       for label in label_keys):
                    virtual.append(_virtual(run, len(virtual)))
                    break
    return virtual


def _virtual(run, number: int):
    text = "".join(item.text for item in run)
    source = TextBox(text, Box.union(i.box for i in run), min(i.source.score for i in run))
    compact_key, keymap = layout.key_with_map(text)
    return layout.Item(-1 - number, source, text, compact_key, tuple(keymap))


def _cut(text: str, boundaries, words: LabelWords) -> str:
    from limitup.recognise.extract import cut_at_boundary
    return strip_value(cut_at_boundary(text, boundaries, words))


def _places(labels, items, boundaries, words: LabelWords):
    """(place, raw text, items read, label strength) at every hit of `labels`."""
    anchors = items + joined_label_items(items, labels)
    for hit in layout.find_labels(anchors, labels, rivals=boundaries):
        anchor, strength = hit.item, hit.strength
        rest = _cut(anchor.text[hit.end:], boundaries, words)
        # The whole value on the line, never a part of it: the rest of the label's box and
        # every box after it up to the next label (KARIM | YUSUF is one given name; a stranger
        # named KARIM is not found in it).
        right = right_run(anchor, items, boundaries, words)
        if right:
            text = " ".join(_cut(item.text, boundaries, words) for item in right)
            if rest:
                yield "joined", f"{rest} {text}", [anchor] + right, strength
            else:
                yield "right" if len(right) == 1 else "joined", text, right, strength
        elif rest:
            yield "same", rest, [anchor], strength
        for item in layout.below(anchor, items):
            row = [item] + right_run(item, items, boundaries, words)
            yield ("below", " ".join(_cut(box.text, boundaries, words) for box in row), row,
                   strength)


def right_run(anchor, items, boundaries, words: LabelWords) -> list:
    """The boxes right of a label up to the next label: a name OCR split into several boxes."""
    run = []
    for item in layout.right_of(anchor, items, limit=MAX_JOIN):
        if _labelled_box(item, boundaries, words):
            break
        last = run[-1] if run else anchor
        if run and item.box[0] - last.box[2] > 3 * anchor.height:
            break
        run.append(item)
    return run


def _labelled_box(item, boundaries, words: LabelWords) -> bool:
    from limitup.recognise.extract import boundary_regex
    regex = boundary_regex(tuple(boundaries), words)
    return bool(regex and regex.match(item.text.strip()))


def _labelled(spec: FieldSpec, items, boundaries, matcher) -> list[NameReading]:
    found = []
    for place, raw, used, strength in _places(spec.labels, items, boundaries, spec.words):
        value = matcher.whole(raw)
        if value:
            found.append(_reading(value, used, strength * PLACE[place], place))
    return found


def _split(spec: FieldSpec, items, boundaries, matcher) -> list[NameReading]:
    """Family and given name under their own labels, or the given name on the row under the
    family name's value (its label unreadable: 'Fr Nama')."""
    others = tuple(spec.family_labels + spec.given_labels + spec.labels)
    words = spec.words
    families = [(raw, used, strength) for _, raw, used, strength
                in _places(spec.family_labels, items, boundaries + others, words)]
    givens = [(raw, used, strength, "split") for _, raw, used, strength
              in _places(spec.given_labels, items, boundaries + others, words)]
    for _, used, strength in families:
        for item in layout.below(used[0], items, limit=1):
            if _labelled_box(item, boundaries + others, words):
                continue
            row = [item] + right_run(item, items, boundaries + others, words)
            givens.append((" ".join(_cut(box.text, boundaries + others, words) for box in row),
                           row, strength, "next_row"))
    found = []
    for family_raw, family_used, family_strength in families:
        for given_raw, given_used, given_strength, place in givens:
            if set(map(id, given_used)) & set(map(id, family_used)):
                continue
            value = matcher.parts(family_raw, given_raw)
            if value:
                found.append(_reading(value, family_used + given_used,
                                      min(family_strength, given_strength) * PLACE[place], place))
    return found


def _patterns(spec: FieldSpec, items, matcher) -> list[NameReading]:
    """The type's value_patterns (兹授予张三同学) with the KYC name in place of their value."""
    found = []
    texts = [(layout.line_text(line), line) for line in layout.lines(items)]
    texts += [(item.text, [item]) for item in items]
    for pattern in tuple(spec.value_patterns) + GENERIC_CJK_PATTERNS:
        regex = _with_name(spec.words.with_address(pattern), matcher.regex)
        if regex is None:
            continue
        for text, used in texts:
            match = regex.search(text)
            if match:
                found.append(_reading(match.group("v"), used, PLACE["pattern"], "pattern"))
    return found


def _with_name(pattern: str, name_regex: str) -> re.Pattern | None:
    """`pattern` with its (?P<v>...) group replaced by the name's own regex."""
    start = pattern.find("(?P<v>")
    if start < 0:
        return None
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return re.compile(pattern[:start] + f"(?P<v>{name_regex})" + pattern[index + 1:])
        index += 1
    return None


def _alone(items, matcher) -> list[NameReading]:
    found = []
    for item in items:
        value = matcher.alone(item.text)
        if value:
            found.append(NameReading(value, min(ALONE_CONFIDENCE, _ocr([item])), item.source,
                                     "alone"))
    return found


def _reading(value: str, used, quality: float, place: str) -> NameReading:
    return NameReading(value, round(min(1.0, quality * _ocr(used)), 3), used[0].source, place)


def _ocr(used) -> float:
    return max(0.3, min(1.0, min(item.source.score for item in used)))


# --- is this text the name? -------------------------------------------------------------------

def _cjk_core(text: str) -> str:
    from limitup.verify.names import chinese_key
    return chinese_key(text).replace("·", "")


class _CjkMatcher:
    """A Chinese document printing a Chinese name: the same characters, dots and spaces aside."""

    def __init__(self, expected: str, address_forms: tuple):
        self.target = _cjk_core(expected)
        self.address_forms = address_forms   # may follow the name (张三同学)
        self.usable = bool(self.target) and all(re.match(f"[{CJK}]", c) for c in self.target)
        # Each character in any of its printed forms (陈 or 陳), as _cjk_core compares them.
        self.regex = r"[\s·•・.]*".join(f"[{re.escape(name_forms(char))}]" for char in self.target)

    def whole(self, raw: str) -> str | None:
        """The name when it is the whole value at the start of `raw` (an address suffix, or the
        sex character of a glued column, may follow it; another CJK character may not)."""
        text = re.sub(r"\s+", "", raw)
        run = _CJK_RUN.match(text)
        if not run:
            return None
        printed = run.group(0).strip("·•・.")
        for suffix in self.address_forms:
            if printed.endswith(suffix) and _cjk_core(printed[:-len(suffix)]) == self.target:
                printed = printed[:-len(suffix)]
        core = _cjk_core(printed)
        if core == self.target:
            return _dotted(printed)
        if core[:-1] == self.target and core[-1] in "男女":
            return _dotted(printed[:-1])
        return None

    def alone(self, text: str) -> str | None:
        """A box holding the name and nothing else (an address suffix aside)."""
        compact = re.sub(r"[\s:：;,，。]+", "", text)
        value = self.whole(compact)
        if value is None:
            return None
        rest = _cjk_core(compact)
        return value if rest in {self.target + suffix for suffix in ("",) + self.address_forms} \
            else None


def _dotted(text: str) -> str:
    from limitup.verify.names import normalise_chinese
    return normalise_chinese(text)


class _RomanMatcher:
    """A romanised name: its words in any order and case, diacritics folded, against a passport
    name's words (or the letters with the spaces lost), or any spelling of a Chinese name. A name
    ends before one of `ends_name_words` (labels.yaml)."""

    def __init__(self, expected: str, ends_name_words: frozenset):
        from limitup.verify.names import is_latin, latin_tokens, romanisations
        self.latin = is_latin(expected) or not has_cjk(expected)
        if self.latin:
            tokens = latin_tokens(expected)
            self.tokens = sorted(tokens)
            self.spellings = {"".join(tokens[i:] + tokens[:i]) for i in range(len(tokens))}
        else:
            self.tokens = None
            self.spellings = romanisations(expected)
        self.usable = bool(self.spellings) and all(self.spellings)
        self.regex = None
        self.ends_name_words = ends_name_words

    def _same(self, folded: list[str]) -> bool:
        if not folded:
            return False
        if self.latin and sorted(folded) == self.tokens:
            return True
        return "".join(folded) in self.spellings

    def whole(self, raw: str) -> str | None:
        words = _words(raw)
        while words and _fold(words[0]) in TITLES:
            words = words[1:]
        for count in range(1, min(len(words), 8) + 1):
            name, rest = words[:count], words[count:]
            if self._same([_fold(w) for w in name]) and _ends_name(name, rest,
                                                                    self.ends_name_words):
                return " ".join(name)
        return None

    def parts(self, family_raw: str, given_raw: str) -> str | None:
        """FAMILY GIVEN from the two fields, each the whole value under its label."""
        for family in _prefixes(family_raw, self.ends_name_words):
            for given in _prefixes(given_raw, self.ends_name_words):
                folded = [_fold(w) for w in family + given]
                if self._same(folded) or self._same([_fold(w) for w in given + family]):
                    return " ".join(family + given)
        return None

    def alone(self, text: str) -> str | None:
        words = _words(text)
        return " ".join(words) if words and self._same([_fold(w) for w in words]) \
            and not re.search(r"\d", text) else None


def _words(raw: str) -> list[str]:
    return _WORD.findall(raw or "")


def _fold(word: str) -> str:
    from limitup.verify.names import latin_key
    return latin_key(word)


def _prefixes(raw: str, ends_name_words: frozenset) -> list[list[str]]:
    """The ways a field's value may end: every run of its first words that the rest of the box
    lets end there (a label word, a change of case, or the box's end)."""
    words = _words(raw)
    return [words[:count] for count in range(1, min(len(words), 6) + 1)
            if _ends_name(words[:count], words[count:], ends_name_words)]


def _ends_name(name: list[str], rest: list[str], ends_name_words: frozenset) -> bool:
    """Does the name end where `rest` starts? At the end of the text, before a label word, or
    before a word in another case (KUMAR ISHANT Candidate): never inside a run of name words."""
    if not rest:
        return True
    following = rest[0]
    if _fold(following) in ends_name_words:
        return True
    if all(word.isupper() for word in name) and not following.isupper():
        return True
    return False
