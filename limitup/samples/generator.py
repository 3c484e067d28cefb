"""make_certificate / make_negative / save_sample / generate: see the package docstring."""
from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import Image

from limitup.errors import LimitupError
from limitup.ids import is_valid_id, normalise_id
from limitup.samples import damage, generic, layouts, negatives
from limitup.samples.catalogue import TYPES, Ctx, TypeSpec
from limitup.samples.fonts import STYLES
from limitup.samples.people import random_date, random_person, split_romanised
from limitup.samples.seals import guilloche, over_background, stamp

NEGATIVE_KINDS = negatives.KINDS
NEAR_MISS_KINDS = negatives.NEAR_MISS_KINDS   # opt-in: generate(near_misses=True)
MANIFEST_KEYS = ("file", "type", "holder_name", "cert_number", "level", "score", "issue_date", "tier",
                 "kyc_name", "kyc_id", "id_number", "style", "layout", "turned_ccw", "exif_orientation")
JPEG_QUALITY = 83
# `real` is a style of whole sets only: the layouts learnt from real documents (samples/real.py)
GENERATE_STYLES = STYLES + ("real",)


def _rng(*parts) -> random.Random:
    """A generator seeded from the parts (stable across runs and Python versions)."""
    return random.Random(zlib.crc32(json.dumps(parts, default=str).encode()))


def _check_choice(value, allowed, what: str):
    if value not in allowed:
        raise LimitupError(f"unknown {what} {value!r}; expected one of: {', '.join(map(str, allowed))}",
                           code="invalid_request")


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise LimitupError(f"issue_date {value!r} is not an ISO date (YYYY-MM-DD)") from error


def _type_spec(type_id: str, cert_type) -> TypeSpec:
    """The type's own content (catalogue.TYPES); for a catalogue type without one, its catalogue
    entry `cert_type` drawn in the generic layout (generic.py)."""
    if type_id in TYPES:
        return TYPES[type_id]
    if cert_type is None or cert_type.id != type_id:
        raise LimitupError(f"unknown certificate type {type_id!r}; expected one of: {', '.join(TYPES)}, "
                           f"or a type of the catalogue given", code="invalid_request")
    return generic.type_spec(cert_type)


def _printed_name(type_id: str, spec: TypeSpec, person, holder_name: str | None, rng: random.Random,
                  style: str) -> str:
    """Chinese name on Chinese documents; romanised (either order and casing) on English ones."""
    if spec.lang == "zh":
        if holder_name and re.search(r"[A-Za-z]", holder_name):
            raise LimitupError(f"{type_id} prints a Chinese name; got {holder_name!r}")
        return person.name
    if holder_name and re.search(r"[A-Za-z]", holder_name):
        return " ".join(holder_name.replace(",", " ").split())
    family, given = person.family_pinyin, person.given_pinyin
    if type_id == "ielts":   # printed as separate Family Name / First Name(s) fields, capitals
        return f"{family} {given}"
    order = rng.choice(("family_first", "given_first"))
    casing = rng.choice((str.upper, str.title)) if style == "holdout" or type_id == "duolingo" else str.upper
    parts = (family, given) if order == "family_first" else (given, family)
    return " ".join(casing(p) for p in parts)


def _validate_level_score(type_id: str, spec: TypeSpec, level, score) -> None:
    if level is not None and level not in spec.levels:
        raise LimitupError(f"{type_id} has no level {level!r}; expected one of: {', '.join(spec.levels) or 'none'}")
    if score is not None:
        if spec.score_range is None:
            raise LimitupError(f"{type_id} carries no score")
        low, high, step = spec.score_range
        if not (low <= score <= high) or abs(round(score / step) * step - score) > 1e-6:
            raise LimitupError(f"{type_id} score {score} is outside {low}–{high} in steps of {step}")


def make_certificate(type_id: str, *, holder_name: str | None = None, id_number: str | None = None,
                     cert_number: str | None = None, issue_date=None, level: str | None = None,
                     score=None, tier: str = "scan", style: str = "train", seed: int = 0, cert_type=None):
    """Render one certificate; returns (PIL image as stored, manifest row without `file`).
    cert_type: the type's catalogue entry, for a type without content of its own in TYPES."""
    doc, label, rng = compose(type_id, holder_name=holder_name, id_number=id_number, cert_number=cert_number,
                              issue_date=issue_date, level=level, score=score, tier=tier, style=style, seed=seed,
                              cert_type=cert_type)
    page, label["layout"] = layouts.render(doc, style, rng)
    image = _print_and_damage(page, tier, style, rng, doc.seal_text)
    image, label["turned_ccw"], label["exif_orientation"] = (
        damage.turn(image, rng) if tier == "hard" else (image, 0, None))
    return image, label


def compose(type_id: str, *, holder_name=None, id_number=None, cert_number=None, issue_date=None,
            level=None, score=None, tier="scan", style="train", seed=0, cert_type=None):
    """The content and label of a certificate without drawing it: (Doc, label, rng to draw with)."""
    spec = _type_spec(type_id, cert_type)
    _check_choice(tier, damage.TIERS, "tier")
    _check_choice(style, STYLES, "style")
    if id_number is not None and not is_valid_id(id_number):
        raise LimitupError(f"id_number {id_number!r} is not a valid 18-digit ID (GB 11643)")
    _validate_level_score(type_id, spec, level, score)
    rng = _rng("cert", type_id, tier, style, seed)
    chinese_name = holder_name if holder_name and not re.search(r"[A-Za-z]", holder_name) else None
    person = random_person(rng, chinese_name, normalise_id(id_number) if id_number else None)
    if holder_name and not chinese_name:   # a romanised name given: print it on the English document
        family, given = split_romanised(holder_name)
        person = replace(person, family_pinyin=family, given_pinyin=given)
    day = _as_date(issue_date) or random_date(rng)
    level = level or (rng.choice(spec.levels) if spec.levels else None)
    if score is None and spec.draw_score:
        score = spec.draw_score(rng, level)
    if type_id == "putonghua" and score is not None:
        level = _putonghua_level(score)     # the 等级 follows the 测试成绩
    printed_name = _printed_name(type_id, spec, person, holder_name, rng, style)
    ctx = Ctx(type_id, person, printed_name, day, level, score, None, rng, style)
    ctx.cert_number = cert_number or spec.make_number(ctx)
    label = {
        "type": type_id, "holder_name": printed_name, "cert_number": ctx.cert_number,
        "level": level, "score": score, "issue_date": day.isoformat() if spec.labels_date else None,
        "tier": tier, "kyc_name": holder_name if holder_name else person.name, "kyc_id": person.id_number,
        "id_number": person.id_number if spec.prints_id else None, "style": style, "layout": None,
        "turned_ccw": 0, "exif_orientation": None,
    }
    return spec.build(ctx), label, rng


def _putonghua_level(score: float) -> str:
    from limitup.samples.catalogue import PUTONGHUA_BANDS
    return next(band for band, low in PUTONGHUA_BANDS if score >= low) if score >= 60 else "三级乙等"


def _print_and_damage(page, tier: str, style: str, rng: random.Random, seal_text: str) -> Image.Image:
    """Overprint (background, seals) then damage. Seals over name/number only in the hard tier."""
    image = page.image
    w, h = image.size
    if tier == "hard" and rng.random() < 0.85:
        image = over_background(image, guilloche(image.size, rng))
    seal_radius = int(min(w, h) * rng.uniform(0.085, 0.11))
    issuer_seal = page.boxes.get("issuer_seal")
    text = seal_text
    if issuer_seal and text and rng.random() < 0.9:
        x0, y0, _, _ = issuer_seal[0]
        image = stamp(image, (x0 + rng.randrange(-30, 30), y0 + rng.randrange(-10, 30)), seal_radius, text, rng, style)
    if tier == "hard":
        targets = [role for role in ("number", "name") if page.boxes.get(role)]
        chosen = [r for r in targets if rng.random() < 0.7] or targets[:1]
        for role in chosen:
            x0, y0, x1, y1 = page.boxes[role][0]
            centre = (rng.uniform(x0, x1), (y0 + y1) / 2 + rng.uniform(-0.3, 0.3) * seal_radius)
            image = stamp(image, centre, seal_radius, text, rng, style)
    if tier == "scan":
        return damage.scan(image, rng, style)
    return damage.photograph(image, rng, 1.0 if tier == "photo" else rng.uniform(1.6, 2.0), style)


def make_negative(kind: str, *, tier: str = "scan", style: str = "train", seed: int = 0):
    """Render a non-catalogue document (an everyday one or a near miss); returns (image,
    manifest row with type null)."""
    _check_choice(kind, NEGATIVE_KINDS + NEAR_MISS_KINDS, "negative kind")
    _check_choice(tier, damage.TIERS, "tier")
    _check_choice(style, STYLES, "style")
    rng = _rng("negative", kind, tier, style, seed)
    person = random_person(rng)
    page, printed_id, seal_text = negatives.render(kind, person, style, rng)
    image = _print_and_damage(page, tier, style, rng, seal_text)
    image, turned, exif_tag = damage.turn(image, rng) if tier == "hard" else (image, 0, None)
    label = {"type": None, "holder_name": None, "cert_number": None, "level": None, "score": None,
             "issue_date": None, "tier": tier, "kyc_name": person.name, "kyc_id": person.id_number,
             "id_number": printed_id, "style": style, "layout": kind, "turned_ccw": turned,
             "exif_orientation": exif_tag, "negative": kind}
    return image, label


def exif_bytes(label: dict) -> bytes | None:
    """EXIF block carrying the label's Orientation tag, or None when the file has no tag."""
    tag = label.get("exif_orientation")
    if not tag:
        return None
    exif = Image.Exif()
    exif[0x0112] = int(tag)
    return exif.tobytes()


def save_sample(image: Image.Image, label: dict, path) -> None:
    """Write the JPEG (quality ~85) with the EXIF Orientation the label asks for."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {"exif": exif_bytes(label)} if label.get("exif_orientation") else {}
    image.convert("RGB").save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, **extra)


def generate(out_dir, *, per_type: int = 1, tiers=damage.TIERS, style: str = "train", seed: int = 0,
             negatives: bool = True, negative_tiers=None, types=None, near_misses: bool = False,
             catalogue: bool = True, cert_types: dict | None = None) -> list[dict]:
    """Write images and manifest.jsonl into out_dir; returns the manifest rows.

    negatives: the everyday non-catalogue documents (NEGATIVE_KINDS); near_misses: the
    certificates that come close to a catalogue type (NEAR_MISS_KINDS, off by default so existing
    sets are reproduced exactly); catalogue=False leaves out the catalogue types. cert_types: the
    rules' catalogue ({id: CertType}); its types without content of their own in TYPES are drawn
    in the generic layout, after TYPES' (so a set of TYPES' alone is unchanged).

    Every row belongs to the holder's own account except one in ten (index % 10 == 7), whose
    kyc_name/kyc_id are someone else's (a certificate uploaded by the wrong account)."""
    if not (catalogue or negatives or near_misses):
        raise LimitupError("nothing to generate: no catalogue types, no negatives, no near misses",
                           code="invalid_request")
    out = Path(out_dir)
    tiers = tuple(tiers)
    for tier in tiers + tuple(negative_tiers or ()):
        _check_choice(tier, damage.TIERS, "tier")
    known = type_ids(cert_types)
    for type_id in types or ():
        _check_choice(type_id, known, "certificate type")
    _check_choice(style, GENERATE_STYLES, "style")
    if per_type < 1:
        raise LimitupError("per_type must be at least 1")
    if style == "real":
        return _generate_real(out, per_type, tiers, seed, negatives, types, near_misses, catalogue)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for type_id in (types or known) if catalogue else ():
        for tier in tiers:
            for n in range(per_type):
                item_seed = seed * 100003 + n
                image, label = make_certificate(type_id, tier=tier, style=style, seed=item_seed,
                                                cert_type=(cert_types or {}).get(type_id))
                if len(rows) % 10 == 7:
                    other = random_person(_rng("owner", type_id, tier, style, item_seed))
                    label["kyc_name"], label["kyc_id"] = other.name, other.id_number
                rows.append(_write(out, f"{type_id}_{tier}_{style}_{n:03d}.jpg", image, label))
    kinds = (NEGATIVE_KINDS if negatives else ()) + (NEAR_MISS_KINDS if near_misses else ())
    for kind in kinds:   # each kind draws from its own seeded stream: adding kinds changes no other
        for tier in negative_tiers or tiers:
            for n in range(per_type):
                image, label = make_negative(kind, tier=tier, style=style, seed=seed * 100003 + n)
                rows.append(_write(out, f"negative_{kind}_{tier}_{style}_{n:03d}.jpg", image, label))
    _write_manifest(out, rows)
    return rows


def type_ids(cert_types: dict | None = None) -> tuple:
    """The types generate() draws: TYPES, then the catalogue's types it lacks (drawn in the
    generic layout)."""
    return tuple(TYPES) + tuple(sorted(set(cert_types or ()) - set(TYPES)))


def _write_manifest(out: Path, rows: list[dict]) -> None:
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for row in rows:
            manifest.write(json.dumps(row, ensure_ascii=False) + "\n")


def _generate_real(out: Path, per_type: int, tiers, seed: int, negatives: bool, types, near_misses: bool,
                   catalogue: bool) -> list[dict]:
    """The real style: per_type images of each real layout (samples/real.py), their forms taken in
    turn among those of the chosen tiers; the look-alike layouts when negatives is on."""
    from limitup.samples import real
    if near_misses:
        raise LimitupError("near misses are drawn in the train and holdout layouts; the real style has its "
                           "own look-alikes (honour_title, with negatives on)", code="invalid_request")
    plan = real.plan(per_type, tiers, types, negatives, catalogue)
    if not plan:
        raise LimitupError(f"no real layout comes in the tiers {', '.join(tiers)} for these types",
                           code="invalid_request")
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for kind, form, type_id, n in plan:
        item_seed = seed * 100003 + n
        image, label = real.make_real(kind, form=form, seed=item_seed, type_id=type_id)
        if len(rows) % 10 == 7 and label["type"] is not None:
            other = random_person(_rng("owner", kind, form, "real", item_seed))
            label["kyc_name"], label["kyc_id"] = other.name, other.id_number
        prefix = label["type"] or "negative"
        row = _write(out, f"{prefix}_{kind}_{form}_real_{n:03d}.jpg", image, label)
        rows.append(row | {"form": label["form"]})
    _write_manifest(out, rows)
    return rows


def _write(out: Path, name: str, image, label: dict) -> dict:
    save_sample(image, label, out / name)
    row = {"file": name, **label}
    return {key: row.get(key) for key in MANIFEST_KEYS} | ({"negative": row["negative"]} if "negative" in row else {})
