"""How often a stranger's certificate passes the name check (issue 19). Text level, no OCR.

    python -m limitup.verify.impostors [--pairs 20000] [--seed 19]

Holders are drawn by limitup.samples.people.random_name_of_kind (common Han names, compound
surnames, five characters, Tibetan, Uyghur with a middle dot, Mongolian, foreign passport
names). Each holder's name is laid out as the catalogue's documents print it: beside 姓名
(physician), as "X同学：" (scholarship_school), romanised beside Name (duolingo) and in Family
Name / First Name(s) rows (ielts). Another account's KYC name is then checked against that page
the way the verifier does (checks.read_name_for_account, then check_name): the guided read
first, the blind reading as printed when the account's name is not found.

A pair passes when the name check would let the credential verify (no name reason, the name
read with confidence); it is held when the check sends it to a person. Two kinds of stranger:
`random` (any two different names) and `near` (the holder's name one character or word off:
扎西顿 for 扎西顿珠, Anna Schmidt for Anna Maria Schmidt). Different Chinese names with the same
pinyin (张伟 / 章伟) cannot be told apart on an English document: they are counted apart, as
`homophone`, and the ID number check is what stands there.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise.result import Recognition, doubted_fields
from limitup.samples import people
from limitup.verify.checks import TEXT_BOXES_EXTRA, check_name, read_name_for_account
from limitup.verify.names import romanisations

LAYOUTS = ("cn_label", "cn_honour", "en_name", "en_split")
MIN_FIELD = 0.5              # rules/checks.yaml confidence.min_field
REVIEW_EDITS = 1             # rules/checks.yaml name_review_edits


def romanised(name: str) -> tuple[str, str]:
    """(FAMILY, GIVEN) as a passport or an English test report prints the name."""
    if " " in name or name.isascii() or not any("\u4e00" <= c <= "\u9fff" for c in name):
        words = name.split()
        family_words = 2 if len(words) > 2 and words[-2] in ("Al",) else 1
        return " ".join(words[-family_words:]).upper(), " ".join(words[:-family_words]).upper()
    if "·" in name:
        own, father = name.split("·", 1)
        return (people.split_pinyin(father)[0] + people.split_pinyin(father)[1],
                people.split_pinyin(own)[0] + people.split_pinyin(own)[1])
    return people.split_pinyin(name)


def page(layout: str, name: str, rng: random.Random) -> tuple[str, list[TextBox], str]:
    """(type, text boxes, the name as printed) of a clean page printing `name`."""
    def box(text, x, y):
        width = sum(20 if ord(char) > 255 else 11 for char in text)
        return TextBox(text, Box(x, y, x + width, y + 24), 0.95)
    if layout == "cn_label":
        return "physician", [box("医师资格证书", 300, 20), box("姓名", 100, 100),
                             box(name, 200, 100), box("性别", 100, 140), box("男", 200, 140),
                             box("发证日期：2022年4月8日", 100, 180)], name
    if layout == "cn_honour":
        return "scholarship_school", [box("荣誉证书", 300, 20), box(f"{name}同学：", 100, 100),
                                      box("荣获2023-2024学年一等奖学金", 140, 140)], name
    family, given = romanised(name)
    if layout == "en_name":
        printed = rng.choice((f"{family} {given}", f"{given} {family}".title()))
        return "duolingo", [box("Duolingo English Test", 100, 20), box("Name", 100, 100),
                            box(printed, 200, 100), box("Test Date", 100, 140),
                            box("May 9, 2025", 220, 140)], printed
    return "ielts", [box("IELTS", 100, 20), box("Test Report Form", 200, 20),
                     box("Family Name", 100, 110), box(family, 300, 110),
                     box("First Name(s)", 100, 150), box(given, 300, 150),
                     box("Candidate ID E12345678", 100, 190)], f"{family} {given}"


def near(name: str, rng: random.Random) -> str:
    """A stranger's name one character (Chinese) or one word (Latin) off the holder's."""
    if name.isascii() or " " in name:
        words = name.split()
        if len(words) > 2 and rng.random() < 0.5:
            words.pop(rng.randrange(len(words) - 1))
        else:
            words[0] = rng.choice([w for w in people.FOREIGN_GIVEN if w != words[0]])
        return " ".join(words)
    chars = list(name)
    roll = rng.random()
    if roll < 0.4 and len(chars) > 2:
        chars.pop()
    elif roll < 0.7:
        chars.append(rng.choice(people.GIVEN_CHARS))
    else:
        index = rng.randrange(1, len(chars))
        if chars[index] == "·":
            index -= 1
        chars[index] = rng.choice([c for c in people.GIVEN_CHARS if c != chars[index]])
    return "".join(chars)


def judge(catalogue: dict, layout: str, holder: str, kyc: str, rng) -> str:
    """pass | held | rejected for the account named `kyc` on a page printing `holder`."""
    type_id, boxes, printed = page(layout, holder, rng)
    recognition = Recognition(type_id, 0.95, fields={"holder_name": printed},
                              field_confidence={"holder_name": 0.95},
                              extras={TEXT_BOXES_EXTRA: boxes})
    read, _ = read_name_for_account(recognition, catalogue, kyc)
    reasons = check_name(read, kyc, REVIEW_EDITS)
    if "name_mismatch" in reasons:
        return "rejected"
    confidence = read.field_confidence.get("holder_name") or 0
    if reasons or confidence < MIN_FIELD or "holder_name" in doubted_fields(read.checks):
        return "held"
    return "pass"


def homophones(holder: str, kyc: str) -> bool:
    """Two different Chinese names spelt alike in Latin letters."""
    if holder.isascii() or kyc.isascii():
        return False
    return bool(romanisations(holder) & romanisations(kyc))


def measure(catalogue: dict, pairs: int, seed: int) -> dict:
    rng = random.Random(seed)
    counts: Counter = Counter()
    examples: dict = {}
    for _ in range(pairs):
        holder_kind = rng.choice(people.NAME_KINDS)
        holder = people.random_name_of_kind(rng, holder_kind)
        for stranger_kind in ("random", "near"):
            kyc = people.random_name_of_kind(rng, rng.choice(people.NAME_KINDS)) \
                if stranger_kind == "random" else near(holder, rng)
            if kyc == holder:
                continue
            layouts = [layout for layout in LAYOUTS if not (holder.isascii() and
                                                            layout.startswith("cn"))]
            layout = rng.choice(layouts)
            outcome = judge(catalogue, layout, holder, kyc, rng)
            same_sound = layout.startswith("en") and homophones(holder, kyc)
            kind = "homophone" if same_sound else stranger_kind
            counts[(kind, outcome)] += 1
            counts[(kind, "total")] += 1
            if outcome == "pass" and kind != "homophone":
                examples.setdefault(kind, []).append([holder, kyc, layout])
        owner_layout = rng.choice([layout for layout in LAYOUTS
                                   if not (holder.isascii() and layout.startswith("cn"))])
        counts[("owner", judge(catalogue, owner_layout, holder, holder, rng))] += 1
        counts[("owner", "total")] += 1
    table = {kind: {outcome: counts[(kind, outcome)] for outcome in
                    ("total", "pass", "held", "rejected")}
             for kind in ("random", "near", "homophone", "owner")}
    return {"pairs": pairs, "seed": seed, "counts": table,
            "false_passes": {kind: examples.get(kind, [])[:10] for kind in ("random", "near")}}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--rules", default=str(Path(__file__).resolve().parents[2] / "rules"))
    args = parser.parse_args(argv)
    from limitup.rules import load_rules
    catalogue = load_rules(Path(args.rules)).catalogue
    print(json.dumps(measure(catalogue, args.pairs, args.seed), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
