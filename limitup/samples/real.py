"""The `real` style: layouts learnt from real documents, and the forms real files come in.

The train and holdout styles draw every type from one family of layouts (label：value rows, a
score strip); every generated set read at 100 % while real documents read at about half. The
real style draws the layouts seen on real certificates (see docs/samples-real.md),
with invented people and numbers:

    cet_table       paper CET 成绩报告单: 总分 in a table cell under its header, the part scores
                    beside it under headers that carry percentages, 听力 (35%)
    cet_ereport     the CET e-report as a PDF page: ruled grid, bilingual labels, grey label cells
    cet_proof       a university's 成绩证明 of a CET score: spaced labels (姓　　名：), dated letter
    ielts_trf       a dense A4 Test Report Form: values in grey (eTRF) or hatched (paper) boxes,
                    small print, the test date at the top and the report date at the bottom
    duolingo_cert   the Duolingo certificate: "Family, Given", an unlabelled date, the ID in the
                    certs.duolingo.com link (32-character hash) or as 16 lowercase letters+digits
    honour_school   a portrait 荣誉证书: "XXX 同学" on its own line, 荣获…学年…奖学金 丙等奖
                    (甲/乙/丙等), 专项/学业/综合 scholarships, a month-only date, mostly no number
    honour_national a landscape 国家奖学金荣誉证书: 编号 BZK…/SSY…, 同学荣获 2020 至 2021 学年度…
    honour_title    (not a scholarship) the same portrait template naming an honour title,
                    被评为"优秀学生干部": a look-alike, type null

Forms (how the file reaches us; the manifest's `form`, mapped onto SPEC 2's tiers):
    pdf     a page rendered from a PDF e-report, clean         (tier scan)
    scan    a flatbed scan                                     (tier scan)
    tiny    a scan sent tiny, 362-708 px on the long side      (tier scan)
    photo   a phone photo, 1200-1600 px                        (tier photo)
    big     a phone photo at full size, 3000x4000              (tier photo)
    turned  a phone photo stored turned 90° with no EXIF tag   (tier hard)
"""
from __future__ import annotations

import json
import random
import zlib

from PIL import Image

from limitup.errors import LimitupError
from limitup.samples import damage
from limitup.samples.catalogue import TYPES, Ctx
from limitup.samples.fonts import FontPicker
from limitup.samples.people import random_date, random_person
from limitup.samples.real_cet import cet_ereport, cet_proof, cet_table
from limitup.samples.real_english import duolingo_cert, ielts_trf
from limitup.samples.real_honour import honour_national, honour_school, honour_title
from limitup.samples.seals import stamp

FORM_TIER = {"pdf": "scan", "scan": "scan", "tiny": "scan", "photo": "photo", "big": "photo", "turned": "hard"}
TINY_LONG_SIDES = (362, 480, 708)      # as small as the real scans seen (256x362, 496x708)
BIG_SIZE = (3000, 4000)                # a phone photo kept at full size

# kind -> (draw function, the types it is drawn for (None: a look-alike), forms it comes in)
KINDS = {
    "cet_table": (cet_table, ("cet4", "cet6"), ("scan", "photo", "turned", "big", "tiny")),
    "cet_ereport": (cet_ereport, ("cet4", "cet6"), ("pdf", "tiny", "photo")),
    "cet_proof": (cet_proof, ("cet4", "cet6"), ("tiny", "pdf", "scan")),
    "ielts_trf": (ielts_trf, ("ielts",), ("photo", "pdf", "tiny", "big", "turned")),
    "duolingo_cert": (duolingo_cert, ("duolingo",), ("pdf", "photo", "tiny")),
    "honour_school": (honour_school, ("scholarship_school",), ("scan", "photo", "turned", "big", "tiny")),
    "honour_national": (honour_national, ("scholarship_national",), ("scan", "photo", "big")),
    "honour_title": (honour_title, (None,), ("scan", "photo", "turned")),
}
NEGATIVE_REAL_KINDS = tuple(k for k, (_, types, _) in KINDS.items() if types == (None,))


def _rng(*parts) -> random.Random:
    return random.Random(zlib.crc32(json.dumps(parts, default=str).encode()))


def _ctx(type_id: str | None, rng: random.Random) -> Ctx:
    """Who holds the document and what its type's content draws (number, level, score, date)."""
    person = random_person(rng)
    day = random_date(rng, 2016, 2025)
    if type_id is None:
        return Ctx("honour_title", person, person.name, day, None, None, None, rng, "real")
    spec = TYPES[type_id]
    level = rng.choice(spec.levels) if spec.levels else None
    score = spec.draw_score(rng, level) if spec.draw_score else None
    ctx = Ctx(type_id, person, person.name, day, level, score, None, rng, "real")
    ctx.cert_number = spec.make_number(ctx)
    return ctx


def make_real(kind: str, *, form: str | None = None, seed: int = 0, type_id: str | None = None):
    """Render one document of a real layout; returns (image as stored, manifest row without file).

    type_id picks among the kind's types (cet4/cet6); form among the kind's forms (default: the
    first). The row is SPEC 2's, plus style "real", layout = kind, form, and negative for the
    look-alike."""
    page, label, rng = compose_real(kind, form=form, seed=seed, type_id=type_id)
    image = page.image
    for centre, radius, text in page.boxes.get("seals", []):
        image = stamp(image, centre, radius, text, rng, "train")
    image, label["turned_ccw"] = _form(image, label["form"], rng)
    return image, label


def compose_real(kind: str, *, form: str | None = None, seed: int = 0, type_id: str | None = None):
    """The clean page (its texts and role boxes), the row, and the draw to go on with."""
    if kind not in KINDS:
        raise LimitupError(f"unknown real layout {kind!r}; expected one of: {', '.join(KINDS)}",
                           code="invalid_request")
    draw, types, forms = KINDS[kind]
    form = form or forms[0]
    if form not in forms:
        raise LimitupError(f"{kind} does not come as {form!r}; its forms: {', '.join(forms)}",
                           code="invalid_request")
    rng = _rng("real", kind, form, seed, type_id)
    type_id = type_id if type_id in types else rng.choice(types)
    ctx = _ctx(type_id, rng)
    fonts = FontPicker(rng.choice(("train", "holdout")), "en" if type_id in ("ielts", "duolingo") else "zh", rng)
    page, truth = draw(ctx, fonts, rng, pdf=form == "pdf")
    label = {"type": type_id, "holder_name": ctx.holder_name, "cert_number": ctx.cert_number,
             "level": ctx.level, "score": ctx.score, "issue_date": ctx.issue_date.isoformat(),
             "tier": FORM_TIER[form], "kyc_name": ctx.person.name, "kyc_id": ctx.person.id_number,
             "id_number": None, "style": "real", "layout": kind, "turned_ccw": 0,
             "exif_orientation": None}
    label.update(truth)     # what this layout prints differs from the defaults (see each kind)
    label["form"] = form
    if type_id is None:
        label["negative"] = kind
        label.update({"holder_name": None, "cert_number": None, "level": None, "score": None,
                      "issue_date": None})
    return page, label, rng


def _form(image: Image.Image, form: str, rng: random.Random) -> tuple[Image.Image, int]:
    """The file as it reaches us; returns (image, how far it is turned counter-clockwise)."""
    if form == "pdf":
        return image, 0
    if form == "scan":
        return damage.scan(image, rng), 0
    if form == "tiny":
        return damage.resize(damage.scan(image, rng), rng.choice(TINY_LONG_SIDES)), 0
    if form == "photo":
        return damage.photograph(image, rng, 1.0), 0
    if form == "big":
        photo = damage.photograph(image, rng, 1.0, long_side=max(BIG_SIZE))
        size = BIG_SIZE if photo.height >= photo.width else BIG_SIZE[::-1]
        return photo.resize(size, Image.LANCZOS), 0
    degrees = rng.choice((90, 270))   # "turned": the phone wrote no Orientation tag
    return damage.photograph(image, rng, 1.0).rotate(degrees, expand=True), degrees


def kinds_for(types=None, negatives: bool = True) -> list[str]:
    """The kinds that draw any of `types` (all catalogue kinds when None), plus the look-alikes."""
    chosen = []
    for kind, (_, kind_types, _) in KINDS.items():
        if kind_types == (None,):
            chosen += [kind] if negatives else []
        elif types is None or set(kind_types) & set(types):
            chosen.append(kind)
    return chosen


def plan(per_type: int, tiers, types=None, negatives: bool = True, catalogue: bool = True):
    """(kind, form, type_id or None, n) for each image of a real-style set: per_type images per
    kind, their forms taken in turn among those whose tier is in `tiers`."""
    items = []
    for kind in kinds_for(types, negatives):
        _, kind_types, forms = KINDS[kind]
        if kind_types != (None,) and not catalogue:
            continue
        allowed = [f for f in forms if FORM_TIER[f] in tiers]
        wanted = [t for t in kind_types if types is None or t in types] or [None]
        for n in range(per_type if allowed else 0):
            items.append((kind, allowed[n % len(allowed)], wanted[n % len(wanted)], n))
    return items
