"""Labelled sample certificates: the twenty catalogue types of SPEC 1 (and any type added to the
catalogue since) plus non-catalogue documents, rendered as realistic images in three damage tiers,
with SPEC 2 manifest rows.

API (stable; other modules and tests use it):

    make_certificate(type_id, *, holder_name=None, id_number=None, cert_number=None,
                     issue_date=None, level=None, score=None, tier="scan", style="train",
                     seed=0, cert_type=None) -> (PIL.Image.Image, label: dict)
        Fields left None are drawn at random but valid: the number follows SPEC 1's format and
        structure (teacher level/sex digits, CET sitting/level digits, IELTS name letters ...),
        ID numbers carry a correct GB 11643 check digit. holder_name: Chinese for Chinese
        documents; for TOEFL/IELTS/Duolingo either Chinese (romanised for printing) or a
        romanised name (printed as given). The label is the manifest row without `file`.
        Same arguments + seed -> same pixels and label. A type without content of its own
        (TYPE_IDS) is drawn from its catalogue entry, cert_type, in the generic layout
        (generic.py: its title, then its labelled fields).

    make_negative(kind, *, tier="scan", style="train", seed=0) -> (image, label)
        kind in NEGATIVE_KINDS: driving_licence, receipt, bank_statement, household_register,
        gym_card, blank_page; or in NEAR_MISS_KINDS, certificates outside the catalogue worded
        close to a type in it and drawn by the catalogue's own layouts: auditor_certificate,
        economist_certificate, statistician_certificate (审计/经济/统计专业技术资格证书 beside
        会计's), pharmacist_certificate, veterinarian_certificate, nurse_title_certificate
        (护理学专业技术资格, 护师), physician_practice_certificate (医师执业证书),
        accounting_practice_certificate (会计从业资格证书), ncre_certificate (全国计算机等级考试
        合格证书), toefl_junior_report, toefl_itp_report. label["type"] is None,
        label["negative"] (and label["layout"]) name the kind.

    save_sample(image, label, path)   writes the JPEG (quality 85) with the EXIF Orientation tag
                                      the label asks for (label["exif_orientation"]); always save
                                      through it, or use exif_bytes(label).
    generate(out_dir, *, per_type=1, tiers=("scan","photo","hard"), style="train", seed=0,
             negatives=True, negative_tiers=None, types=None, near_misses=False,
             catalogue=True, cert_types=None) -> list[dict]
        Writes <type>_<tier>_<style>_<n>.jpg (negative_<kind>_... for non-catalogue documents)
        and manifest.jsonl; returns the rows. near_misses=True adds NEAR_MISS_KINDS in either
        style (CLI: --near-misses); they are off by default and each kind draws from its own
        seeded stream, so every set written without them is unchanged. cert_types (the rules'
        catalogue; the CLI passes it) adds its types without content of their own, in the
        generic layout, after the twenty. catalogue=False leaves the catalogue types out (CLI:
        --no-catalogue), e.g. to measure near misses alone:
            limitup samples generate --style holdout --no-catalogue --no-negatives --near-misses ...

Manifest row keys (SPEC 2 "Labelled sample sets" plus extras):
    file, type, holder_name, cert_number, level, score, issue_date, tier, kyc_name, kyc_id,
    id_number   the 18-digit ID printed on the document, or null,
    style       "train" or "holdout" (disjoint layouts and fonts),
    layout      the layout (or negative kind) used,
    turned_ccw  0/90/180/270: how far the stored pixels are turned counter-clockwise from upright,
    exif_orientation  null or the EXIF Orientation tag written (3/6/8) that makes them upright,
    negative    (negatives only) the kind.
holder_name is the name exactly as printed (romanised names in the printed order and casing);
cert_number as printed without spaces; issue_date ISO or null where no full date is printed
(CET reports print only the exam month); one row in ten (index % 10 == 7) belongs to another
account (kyc_name/kyc_id differ from the holder).

Tiers: scan (flatbed), photo (phone photo on a table), hard (stronger, seals over the name
and/or number, guilloche, turned 90/180/270 with or without EXIF). Styles share nothing a
recogniser could overfit to:
    train    Noto CJK + DejaVu fonts; booklet/grid (and two honour) layouts, label：value side
             by side; wood/cloth/plain tables, Gaussian blur.
    holdout  AR PL UMing/UKai + WenQuanYi + Liberation fonts; stacked/table/form (and two
             honour) layouts, label synonyms (持证人, 公民身份号码, 证书编号 ...), spaced labels,
             dates under the issuer without a label, grouped TOEFL numbers, "FAMILY, GIVEN";
             tile/marble tables, vignetting, motion blur, messaging-app recompression,
             skewed high-contrast scans; holdout variants of the non-catalogue documents.
Develop on train; measure generality on holdout (never tune on it).
    real     (generate(style="real") only; samples/real.py, docs/samples-real.md) the layouts
             learnt from real documents: CET score tables and e-report pages, a university's CET
             成绩证明, the dense IELTS TRF with grey/hatched boxes, the Duolingo certificate,
             portrait 荣誉证书 (甲/乙/丙等, 专项/学业), the 国家奖学金 certificate and a 荣誉称号
             look-alike, in the forms real files come in (pdf, scan, tiny, photo, big 3000x4000,
             turned 90° without EXIF); rows add `form`. per_type counts images per layout.

Module map: people (names, IDs, dates), numbers (SPEC 1 number structures), catalogue (the
twenty types' printed content), generic (any other catalogue type's, from its rules), patterns
(a string a number's pattern matches), document (Doc/Field), fonts, page + layouts (drawing),
seals (seals, guilloche), damage (tiers), negatives, generator (the API above).
"""
from limitup.samples.catalogue import TYPES
from limitup.samples.damage import TIERS
from limitup.samples.fonts import STYLES
from limitup.samples.generator import (MANIFEST_KEYS, NEAR_MISS_KINDS, NEGATIVE_KINDS, exif_bytes, generate,
                                       make_certificate, make_negative, save_sample, type_ids)

TYPE_IDS = tuple(TYPES)     # the types with content of their own

__all__ = ["make_certificate", "make_negative", "save_sample", "exif_bytes", "generate", "TYPE_IDS",
           "type_ids", "NEGATIVE_KINDS", "NEAR_MISS_KINDS", "TIERS", "STYLES", "MANIFEST_KEYS"]
