"""From the raw text next to a label to a typed value, per field kind (pure functions).

Each parser returns candidates (value, quality 0..1): quality says how well the text has the
shape of the kind (a 2-4 character CJK name, a number matching its pattern...).
"""
from __future__ import annotations

import itertools
import re

from limitup.ids import check_digit
from limitup.recognise.catalogue import DEFAULT_REPAIR, FieldSpec
from limitup.recognise.labels import LabelWords
from limitup.recognise.dates import find_dates, repair_impossible_month_day, repair_month_word
from limitup.recognise.validators import score_ok
from limitup.recognise.text import CJK, compact, fuzzy_find, key, repair_number, strip_value
# An unlabelled box is taken for a name only if it starts with one of these surnames.
from limitup.surnames import COMMON_COMPOUND_SURNAMES as COMPOUND
from limitup.surnames import COMMON_SURNAMES
from limitup.verify.names import latin_tokens, unaccented

_CJK_RUN = re.compile(rf"[{CJK}][{CJK}·]*[{CJK}]|[{CJK}]")
# Latin letters with accents too (GARCÍA LÓPEZ: a passport name as printed, not cut at the Í).
_ROMAN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'\- ]*[A-Za-zÀ-ÖØ-öø-ɏ]")
# A standalone number: not the 1 of "C1" (a CEFR level) or of "B2".
_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Za-z\d])")


def parse(spec: FieldSpec, raw: str) -> list[tuple[object, float]]:
    raw = strip_value(raw)
    if not raw:
        return []
    return PARSERS[spec.kind](spec, raw)


def name_cjk(spec: FieldSpec, raw: str):
    text = _without_address(compact(raw), spec.words.address_forms)
    runs = _CJK_RUN.findall(text)
    cjk_total = sum(len(run) for run in runs)
    out = []
    for position, run in enumerate(runs[:2]):
        if run in spec.words.not_names or (len(run) >= 3
                                           and run.endswith(spec.words.not_name_endings)):
            # A label or a body, even misread (身价证号, 荣誉证): better no name than that.
            continue
        if "·" in run:
            shape = 1.0 if len(run) <= 12 else 0.0       # minority names: 阿依古丽·买买提
        else:
            shape = {2: 1.0, 3: 1.0, 4: 1.0, 5: 0.3}.get(len(run), 0.2 if len(run) == 1 else 0.0)
        # A name fills its box: a run that is a small part of a longer text is a phrase.
        if len(run) < 0.6 * cjk_total or re.search(rf"{re.escape(run)}\d", text):
            shape *= 0.5
        if shape > 0 and "·" not in run and not looks_like_cjk_name(run, spec.words) and not (
                len(run) >= 3 and run[-1] in "男女"
                and looks_like_cjk_name(run[:-1], spec.words)):
            shape *= 0.6      # a rare surname, or no name at all: a name-like box wins
        if shape > 0 and len(run) >= 3 and run[-1] in "男女":
            # The sex column glued to the name (宋娜浩男1989年...): the name without it first.
            out.append((run[:-1], shape * (1.0 if position == 0 else 0.6)))
            shape *= 0.5
        if shape > 0:
            out.append((run, shape * (1.0 if position == 0 else 0.6)))
    return out


def _without_address(text: str, forms: tuple) -> str:
    """The run without the form of address after the name (姜东同学：). A one-character form
    (君) is left on: a given name may end in it (王丽君), and the run is weighed as a name next."""
    for form in forms:
        if len(form) > 1 and text.endswith(form) and len(text) > len(form) + 1:
            return text[:-len(form)]
    return text


def looks_like_cjk_name(value: str, words: LabelWords) -> bool:
    """A 2-4 character run that starts with a common surname and ends like no institution
    (nor a label: `words`)."""
    if not 2 <= len(value) <= 4 or value in words.not_names:
        return False
    if value.endswith(words.not_name_endings):
        return False
    return value[0] in COMMON_SURNAMES or value[:2] in COMPOUND


def plausible_name(spec: FieldSpec, value) -> bool:
    """Does a read name look like a person's name? Chinese: 2-4 CJK characters starting with a
    common surname (or a minority name with a middle dot); romanised: 2-4 words, each in capitals
    or title case, that all read as pinyin as names print it (RUOE, LYU). A chosen name that
    fails is re-read and reported as uncertain (low_confidence), but still taken when nothing
    better is read (a rare surname)."""
    if not value:
        return False
    if spec.kind == "name_cjk":
        return ("·" in value and len(value) <= 12) or looks_like_cjk_name(value, spec.words)
    if spec.kind == "name_roman":
        from limitup.recognise.romanised import syllable_count
        words = str(value).split()
        # Each word in capitals or title case, or the whole name in lower case as a holder
        # typed it (a Duolingo certificate's "li, jiahao").
        typed = str(value).islower()
        return 2 <= len(words) <= 4 and all(
            word.isalpha() and word.isascii() and (typed or word.isupper() or word.istitle())
            and syllable_count(word, printed=True) for word in words)
    return True


# The capitals OCR reads a digit for, in the catalogue's letter-for-digit table turned round
# (0 -> O, D, Q; 5 -> S), in the table's order. Numbers and names print capitals.
_CAPITALS_READ_AS: dict[str, list] = {}
for _letter, _digit in DEFAULT_REPAIR.items():
    if _letter.isupper():
        _CAPITALS_READ_AS.setdefault(_digit, []).append(_letter)

# Digits OCR reads for capitals inside a romanised word (Z1 for ZI, ZH0U for ZHOU): the first
# capital for each digit.
_CAPITALS_FOR_DIGITS = str.maketrans({digit: letters[0]
                                      for digit, letters in _CAPITALS_READ_AS.items()})


def _capitals_for_digits(text: str) -> str:
    """An all-capitals word with a digit or two among at least as many letters is a name
    misread (Z1, ZH0U): its digits become the capitals they look like. Codes (E28452470),
    numbers and words in lower case are left as they are."""
    from limitup.recognise.romanised import syllable_count

    def mend(match):
        word = match.group(0)
        letters = [char for char in word if char.isalpha()]
        digits = len(word) - len(letters)
        if digits <= 2 and len(letters) >= digits and all(char.isupper() for char in letters):
            mended = word.translate(_CAPITALS_FOR_DIGITS)
            return mended if syllable_count(mended) else word     # pinyin, or not a name
        return word
    return re.sub(r"\b(?=\w*[A-Za-z])(?=\w*\d)[A-Za-z0-9]+\b", mend, text)


# Lowercase words that start or join a family name as passports print it (de Montfort de
# Lasalle, van der Berg, bin Ahmad): not the sign of a sentence a lowercase word is otherwise.
NAME_PARTICLES = {"de", "da", "di", "du", "des", "del", "della", "der", "den", "van", "von",
                  "la", "le", "al", "el", "bin", "binti", "ibn", "dos", "das", "ter", "ten"}
_STARTS_WITH_PARTICLE = re.compile(rf"(?:{'|'.join(sorted(NAME_PARTICLES))}) [A-Z]")


# A name as its holder typed it, all in lower case, family name first and a comma ("family,
# given"): Duolingo certificates print the name as typed (2024, holdout7b: two of three). Lower
# case is otherwise the sign of a word cut or a sentence; the comma and the few words are not.
_TYPED_IN_LOWER_CASE = re.compile(
    r"[a-z][a-z'’.-]+(?: [a-z][a-z'’.-]+)?, ?[a-z][a-z'’.-]+(?: [a-z][a-z'’.-]+)?")


# Letters whose capital is their small letter larger: OCR reads a short capital word of them in
# small letters (an IELTS family name VO read 'vo').
_SAME_SHAPE_WORD = re.compile(r"[cosuvwxz]{2,4}")


def name_roman(spec: FieldSpec, raw: str):
    if spec.ascii_letters:
        raw = unaccented(raw)
    if _SAME_SHAPE_WORD.fullmatch(raw.strip()):
        raw = raw.strip().upper()
    if _TYPED_IN_LOWER_CASE.fullmatch(raw.strip()):
        name = re.sub(r",\s*", " ", raw.strip())
        if not any(word in spec.words.not_name_words for word in name.split()):
            return [(name, 1.0)]
    if re.match(r"['’]|[a-z]", raw) and not _STARTS_WITH_PARTICLE.match(raw):
        # The label matched inside a word or a sentence ("The test taker's ability...",
        # "Ja|nuary"): what follows is the rest of that word, not a name.
        return [(raw.lstrip("'’"), 0.1)]
    raw = _capitals_for_digits(raw.replace(",", " "))
    match = _ROMAN.search(raw)
    if not match:
        return []
    name = re.sub(r"\s+", " ", match.group(0)).strip()
    if any(word.lower() in spec.words.not_name_words for word in name.split()):
        return [(name, 0.1)]
    if len(name.split()) > 6 or sum(word[:1].islower() and word not in NAME_PARTICLES
                                    for word in name.split()) > 1:
        return [(name, 0.1)]     # a sentence ("Can fulfill most communication goals..."), no name
    letters = sum(char.isalpha() for char in name)
    return [(name, 1.0 if letters >= 2 else 0.2)]


def initials_agree(name: str, letters: str) -> bool:
    """Does some split of `name`'s words into family and given names, in either order, give
    `letters` as the family name's first three letters and the given name's initial (VU DUC
    MINH TRI -> VUD; RAHMAN KARIM -> RAHK; DA COSTA RUI -> DAR)? A name of one word
    cannot say: it agrees."""
    words = [word.upper() for word in latin_tokens(name)]     # accents folded as KYC names are
    if len(words) < 2:
        return True
    for cut in range(1, len(words)):
        for family, given in ((words[:cut], words[cut:]), (words[cut:], words[:cut])):
            # Of a family name of several words, the first word's letters (DA COSTA: DA).
            if letters.upper() in (family[0][:3] + given[0][0], "".join(family)[:3] + given[0][0]):
                return True
    return False


def number(spec: FieldSpec, raw: str):
    """The value as printed without spaces; then with confusables repaired; then any part of
    it matching the pattern (a 'No.' or trailing noise around the number)."""
    regex = spec.regex
    text = compact(raw)
    for misread, printed in spec.spellings:
        text = re.sub(misread, printed, text)
    out, seen = [], set()

    def add(value, quality):
        if value and value not in seen:
            seen.add(value)
            out.append((value, quality))

    # A number keeps some of its digits as printed: letters alone repaired into one are a
    # word (a Portuguese certificate's "Sua faixa de pontuação" made 5uafa1xadep0ntua).
    has_digit = any(char.isdigit() for char in text)
    repaired = repair_number(text, spec.repair_map, spec.keep_prefix) if has_digit else text
    for value, quality in ((text, 1.0), (repaired, 0.9)):
        if regex.fullmatch(value):
            add(value, quality)
    for value, quality in ((text, 0.85), (repaired, 0.8)):
        for match in regex.finditer(value):
            if _bounded(value, match):
                add(match.group(0), quality)
    if not out and has_digit:
        # The label's colon is no part of the number (": 22EG0012348INS001A" after its label,
        # a re-read of an IELTS results page whose B was read 8, holdout12b).
        add(fit_by_lookalikes(text.strip(_EDGE_PUNCTUATION), regex), FITTED)
    if not out:
        add(text, 0.1)   # shape-less: kept so a re-read or a weaker candidate can beat it
    return out


_EDGE_PUNCTUATION = ":：;；,，.#"


# Characters OCR reads for one another between letters and digits, both ways round
# (5 <-> S, 8 <-> B, 0 <-> O ...).
LOOKALIKES: dict[str, set] = {**{letter: {digit} for letter, digit in DEFAULT_REPAIR.items()},
                               **{digit: set(letters) for digit, letters in _CAPITALS_READ_AS.items()}}
MAX_LOOKALIKE_SWAPS = 2
# Longer text is a sentence, not a number: not worth the pairs of swaps (their count grows with
# the square of the length; a certificate number is at most 18 characters).
MAX_FIT_LENGTH = 32


# The shape quality of a number that fits its pattern only once look-alike characters are
# swapped (fit_by_lookalikes): a guess, however well it fits, and reported as one
# (report.checks).
FITTED = 0.7


def mended(spec: FieldSpec, shape: float) -> bool:
    """Whether a value of `spec` parsed with this shape quality was made to fit (FITTED)."""
    return spec.kind == "number" and shape == FITTED


def fit_by_lookalikes(text: str, regex) -> str | None:
    """The value that fits the pattern with the fewest look-alike characters swapped (at most
    MAX_LOOKALIKE_SWAPS), when exactly one value needs that few: a scholarship number's
    letters between its year and its digits read as digits (20195G6802 for 2019SG6802), a
    legal number's B read as 8. The repair map cannot do it: such a number holds both."""
    if len(text) > MAX_FIT_LENGTH:
        return None
    places = [index for index, char in enumerate(text) if char in LOOKALIKES]
    for swaps in range(1, MAX_LOOKALIKE_SWAPS + 1):
        fits = set()
        for chosen in itertools.combinations(places, swaps):
            for chars in itertools.product(*(sorted(LOOKALIKES[text[i]]) for i in chosen)):
                candidate = list(text)
                for index, char in zip(chosen, chars):
                    candidate[index] = char
                if regex.fullmatch("".join(candidate)):
                    fits.add("".join(candidate))
        if fits:
            return fits.pop() if len(fits) == 1 else None
    return None


def _bounded(text: str, match) -> bool:
    """A pattern match inside a longer token must not cut a run of digits or letters."""
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return not (before.isalnum() and before.isascii()) and not (after.isalnum() and after.isascii())


def date_value(spec: FieldSpec, raw: str):
    """A full date. A year and month alone (CET prints 2023年6月) is not a date: a made-up day
    would be a wrong answer; such a field is null and the text stays in the extras."""
    dates, shape = find_dates(raw) or find_dates(repair_date_digits(raw)), 1.0
    if not dates:
        # A month or day that cannot be (40月): its first digit misread; a month's name
        # misread (Decmbes). Less sure than a date read as printed: a clean date elsewhere wins.
        repaired = repair_impossible_month_day(repair_month_word(raw))
        dates, shape = (find_dates(repaired), 0.6) if repaired != raw else ([], 0.0)
        raw = repaired
    if not dates:
        return []
    day, start, end = dates[0]
    return [(day.isoformat(), shape if _has_day(raw[start:end]) else 0.3)]


_DATE_CONFUSABLE = re.compile(r"(?<=\d)[OoDIlSBZ]|[OoDIlSBZ](?=\d)")


def repair_date_digits(raw: str) -> str:
    """201S.08.24 -> 2015.08.24: letters touching digits read as the digits they resemble."""
    return _DATE_CONFUSABLE.sub(lambda m: DEFAULT_REPAIR[m.group(0)], raw)


def month_value(spec: FieldSpec, raw: str):
    """Year and month ('2023-06'), for documents that print no day (CET 考试时间 2023年6月)."""
    dates = find_dates(raw)
    return [(dates[0][0].strftime("%Y-%m"), 1.0)] if dates else []


def _has_day(text: str) -> bool:
    return not re.fullmatch(r"\s*\S{4}\s*年\s*\S{1,3}\s*月\s*", text)


def level(spec: FieldSpec, raw: str):
    value = lookup_level(spec, raw)
    if value:
        return [(value[0], value[1])]
    mended = level_one_misread(spec, raw)
    return [(mended, ONE_MISREAD_LEVEL_QUALITY)] if mended else []


# As other mended values (a repaired date): valid, below a level read as printed.
ONE_MISREAD_LEVEL_QUALITY = 0.6


def level_one_misread(spec: FieldSpec, raw: str) -> str | None:
    """The level a labelled value names with one character misread: the one level whose printed
    form, of the value's length, differs from it in one character, when no other level's does.
    中投 is 中级 (初级 and 高级 differ in both characters); 李级 is one character from all three,
    so it names none. Only for a value read under its label (the caller's raw text), never for
    text searched anywhere: a stray two-character word is one character from many levels."""
    text = _level_key(raw)
    if len(text) < 2:
        return None
    near = {canonical for canonical, printed in spec.vocabulary.items()
            for form in (canonical, *printed) if len(_level_key(form)) == len(text)
            and sum(a != b for a, b in zip(_level_key(form), text)) == 1}
    return near.pop() if len(near) == 1 else None


def lookup_level(spec: FieldSpec, text: str) -> tuple[str, float] | None:
    """The canonical level whose printed form occurs in text: exact matches before fuzzy ones,
    then the longest form (中等职业学校实习指导 before 中等职业学校)."""
    haystack = _level_key(_LEVEL_STROKES.sub(lambda m: _STROKE_NUMERAL[m.group(1)] + "等", text))
    best, tied = None, False
    forms = sorted(((_level_key(form), canonical) for canonical, printed in spec.vocabulary.items()
                    for form in (canonical, *printed)), key=lambda pair: -len(pair[0]))
    for form, canonical in forms:
        strength, start, _ = fuzzy_find(form, haystack)
        if strength <= 0:
            continue
        if best is None or (strength, len(form)) > best[2]:
            best, tied = (canonical, strength, (strength, len(form))), False
        elif (strength, len(form)) == best[2] and canonical != best[0]:
            tied = True
    if best is None or tied:
        # Two levels as near as each other (等奖学金 with its numeral lost is 一, 二 or 三等):
        # no level rather than a guess, as a level decides money.
        return None
    return best[0], best[1]


# The numerals 一 and 二 read as dashes and an equals sign before 等 (综合=等奖学金).
_LEVEL_STROKES = re.compile(r"([-—–=＝])\s*等")
_STROKE_NUMERAL = {"-": "一", "—": "一", "–": "一", "=": "二", "＝": "二"}
# The formal numerals before 等 or 级 name the class as the plain ones do: 优秀学生奖学金叁等奖
# (holdout27b, its 叁 read as the variant 叄, which key() folds to 叁), 壹级建造师.
_FORMAL_NUMERAL = re.compile(r"[壹贰叁肆伍陆柒捌玖](?=[等级])")
_PLAIN_NUMERAL = dict(zip("壹贰叁肆伍陆柒捌玖", "一二三四五六七八九"))


def _level_key(text: str) -> str:
    """key() of a level's text, a formal numeral before 等 or 级 written as the plain one."""
    return _FORMAL_NUMERAL.sub(lambda m: _PLAIN_NUMERAL[m.group()], key(text))


# A number followed by a percent sign is a weight or a share, never a score: a CET report's
# header row prints 听力 (35%) beside 总分, and the 35 was taken for the total.
_PERCENT = re.compile(r"\s*%")


# A score printed with its scale: "100 of 120", "5.0 of 6" (TOEFL score reports, 2026).
_OUT_OF = re.compile(r"(\d{1,3}(?:\.\d)?)of(\d{1,3})", re.IGNORECASE)


# A score's range printed under its heading, "(0-120)", "(0-30)": a legend, not a score.
# OCR may split it: "(0-" | "120)".
_RANGE_LEGEND = re.compile(r"[(（]?\d{1,3}[-~～]\d{1,3}[)）]?|[(（]\d{1,3}[-~～]|\d{1,3}[)）]")


# A number that is part of a date or a time, never a score: 2月26 in the notice under a CET
# score page ("...纸质成绩报告单，2月26日6时至2月28日17时...") was taken for the total. The
# same notice wrapped inside a range ("8月25日9时-8" | "月29日17时...", holdout17a) ends a
# line with the range's second month: a number after a date unit and a dash is a date's too.
_DATE_UNIT_AFTER = re.compile(r"[年月日时号]")
_DATE_UNIT_BEFORE = re.compile(r"(?:[年月]|[日时][-—–~至])$")


def _date_part(text: str, match) -> bool:
    return bool(_DATE_UNIT_AFTER.match(text, match.end())
                or _DATE_UNIT_BEFORE.search(text, 0, match.start()))


def score(spec: FieldSpec, raw: str):
    scale = _OUT_OF.fullmatch(compact(raw))
    if scale:
        # "100 of 120" is a score on the field's scale; "5.0 of 6" one on another scale (the
        # TOEFL's 1-6 bands, 2026), never this field's value.
        value, top = float(scale.group(1)), float(scale.group(2))
        return [(value, 1.0)] if top == spec.maximum and score_ok(value, spec) else []
    text = repair_number(compact(raw), {"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})
    if _RANGE_LEGEND.fullmatch(text):
        return []
    out = []
    numbers = [match for match in _NUMBER.finditer(text)
               if not _PERCENT.match(text, match.end()) and not _date_part(text, match)]
    for match in numbers[:2]:
        value = float(match.group(0))
        if score_ok(value, spec):
            out.append((value, 1.0))
        elif "." not in match.group(0) and score_ok(value / 10, spec):
            out.append((value / 10, 0.5))     # a decimal point lost: 75 -> 7.5
    return out


def id_number(spec: FieldSpec, raw: str):
    text = compact(raw).upper()
    # Repair confusables but keep a final X (the check character may be X).
    head = repair_number(text.replace("X", "\0"), spec.repair_map or {}).replace("\0", "X")
    out = []
    for candidate in dict.fromkeys((text, head)):
        for match in re.finditer(r"(?<!\d)\d{17}[\dX](?!\d)", candidate):
            value = match.group(0)
            quality = 1.0 if check_digit(value[:17]) == value[17] else 0.5
            if all(value != seen for seen, _ in out):
                out.append((value, quality))
    return out


def sex(spec: FieldSpec, raw: str):
    text = raw.strip().lower()
    if text.startswith("男") or text.startswith("male") or text == "m":
        return [("男", 1.0)]
    if text.startswith("女") or text.startswith("female") or text == "f":
        return [("女", 1.0)]
    return []


def plain_text(spec: FieldSpec, raw: str):
    return [(raw, 1.0)]


PARSERS = {"name_cjk": name_cjk, "name_roman": name_roman, "number": number,
           "date": date_value, "month": month_value, "level": level, "score": score, "id_number": id_number,
           "sex": sex, "text": plain_text}
