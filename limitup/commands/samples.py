"""`limitup samples generate`: write a labelled sample set (images + manifest.jsonl);
`limitup samples distance` / `tilt`: the same set photographed from a distance / askew."""
from __future__ import annotations

import time
from collections import Counter

import click

from limitup.cli import emit
from limitup.errors import LimitupError


def _tiers(value: str) -> tuple[str, ...]:
    from limitup.samples import TIERS
    tiers = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in tiers if t not in TIERS]
    if not tiers or unknown:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}: tiers are a comma list of {', '.join(TIERS)}",
                                 param_hint="--tiers")
    return tiers


def _types(value: str, catalogue: dict) -> tuple[str, ...]:
    from limitup.samples import type_ids
    known = type_ids(catalogue)
    types = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in types if t not in known]
    if not types or unknown:
        raise click.BadParameter(f"unknown type(s) {', '.join(unknown) or '(none given)'}; "
                                 f"known: {', '.join(known)}", param_hint="--types")
    return types


@click.group()
def samples():
    """Labelled sample certificates (SPEC 2 'Labelled sample sets')."""


@samples.command("generate")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, writable=True),
              help="Folder to write the images and manifest.jsonl into.")
@click.option("--per-type", default=1, show_default=True, type=click.IntRange(1, 1000),
              help="Images per type and tier.")
@click.option("--style", default="train", show_default=True, type=click.Choice(["train", "holdout", "real"]),
              help="train or holdout: disjoint layouts and fonts. real: the layouts learnt from real "
                   "documents (CET 成绩报告单 score tables and e-report pages, a university's CET 成绩证明, "
                   "the dense IELTS TRF with grey/hatched boxes, the Duolingo certificate, portrait "
                   "荣誉证书 with 甲/乙/丙等 and 专项/学业 scholarships, the 国家奖学金 certificate, and a "
                   "荣誉称号 look-alike), in the forms real files come in: pdf pages, scans, tiny scans, "
                   "photos, 3000x4000 photos, photos turned 90° without EXIF (manifest `form`; tiers: "
                   "scan = pdf/scan/tiny, photo = photo/big, hard = turned). --per-type is then per layout.")
@click.option("--tiers", default="scan,photo,hard", show_default=True, help="Comma list of scan, photo, hard.")
@click.option("--negative-tiers", default=None, help="Tiers for the non-catalogue documents (default: --tiers).")
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0, 2**31 - 1))
@click.option("--no-negatives", is_flag=True, help="Leave out the everyday non-catalogue documents.")
@click.option("--near-misses", is_flag=True,
              help="Add non-catalogue certificates worded close to a catalogue type (审计/经济/统计 "
                   "专业技术资格, 执业药师, 执业兽医, 护理学, 医师执业, 会计从业, 全国计算机等级考试, "
                   "TOEFL Junior/ITP); off by default so existing sets stay the same. Tiers: --negative-tiers.")
@click.option("--no-catalogue", is_flag=True, help="Leave out the catalogue types.")
@click.option("--types", "types", default=None, help="Comma list of type ids (default: every catalogue type).")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None,
              help="Rules folder whose catalogue is drawn (default: LIMITUP_RULES_DIR). A type "
                   "without a layout of its own is drawn from its catalogue file in a generic "
                   "layout: its title, then its labelled fields.")
def generate_command(out_dir, per_type, style, tiers, negative_tiers, seed, no_negatives, near_misses,
                     no_catalogue, types, rules_dir):
    """Render the catalogue types (and non-catalogue documents) with their manifest;
    --style real renders the layouts of real documents instead (see --style)."""
    from limitup.commands.recognition import load_catalogue
    from limitup.samples import generate
    started = time.monotonic()
    catalogue = load_catalogue(rules_dir)
    tier_list = _tiers(tiers)
    negative_list = _tiers(negative_tiers) if negative_tiers else None
    type_list = _types(types, catalogue) if types else None
    if no_catalogue and types:
        raise click.UsageError("--types picks catalogue types; it cannot go with --no-catalogue")
    try:
        rows = generate(out_dir, per_type=per_type, tiers=tier_list, style=style, seed=seed,
                        negatives=not no_negatives, negative_tiers=negative_list, types=type_list,
                        near_misses=near_misses, catalogue=not no_catalogue, cert_types=catalogue)
    except OSError as error:
        raise LimitupError(f"cannot write to {out_dir}: {error.strerror or error}", code="io_error") from error
    emit({"out": out_dir, "images": len(rows), "style": style, "seed": seed,
          "per_tier": dict(Counter(row["tier"] for row in rows)),
          "negatives": sum(1 for row in rows if row["type"] is None),
          "seconds": round(time.monotonic() - started, 1)})


def _retake(make_set, source, out_dir, seed, catalogue_only):
    from pathlib import Path
    if not (Path(source) / "manifest.jsonl").is_file():
        raise click.BadParameter(f"{source} has no manifest.jsonl", param_hint="SOURCE")
    started = time.monotonic()
    try:
        rows = make_set(source, out_dir, seed=seed, catalogue_only=catalogue_only)
    except OSError as error:
        raise LimitupError(f"cannot read {source} or write {out_dir}: {error}",
                           code="io_error") from error
    except (ValueError, KeyError) as error:
        raise LimitupError(f"{source}/manifest.jsonl: not a labelled set ({error})",
                           code="bad_manifest") from error
    emit({"out": out_dir, "images": len(rows), "seed": seed,
          "seconds": round(time.monotonic() - started, 1)})


def _retake_options(command):
    command = click.option("--catalogue-only", is_flag=True,
                           help="Leave out the non-catalogue documents.")(command)
    command = click.option("--seed", default=0, show_default=True,
                           type=click.IntRange(0, 2**31 - 1))(command)
    command = click.option("--out", "out_dir", required=True,
                           type=click.Path(file_okay=False, writable=True),
                           help="Folder to write the photos and their manifest.jsonl into.")(command)
    return click.argument("source", type=click.Path(exists=True, file_okay=False))(command)


@samples.command("distance")
@_retake_options
def distance_command(source, out_dir, seed, catalogue_only):
    """Photos from a distance: SOURCE's images (a labelled set) placed at 45-65 % of a
    3000-4000 px phone frame, same labels."""
    from limitup.samples.retake import make_distance_set
    _retake(make_distance_set, source, out_dir, seed, catalogue_only)


@samples.command("tilt")
@_retake_options
def tilt_command(source, out_dir, seed, catalogue_only):
    """Photos taken askew: SOURCE's images (a labelled set) turned 8-15 degrees either way,
    same labels."""
    from limitup.samples.retake import make_tilted_set
    _retake(make_tilted_set, source, out_dir, seed, catalogue_only)


@samples.command("small")
@click.option("--long-side", default=800, show_default=True, type=click.IntRange(200, 4000),
              help="Pixels on the long side of each image written (images already smaller "
                   "are kept as they are).")
@_retake_options
def small_command(source, out_dir, seed, catalogue_only, long_side):
    """Photos sent small: SOURCE's images (a labelled set) scaled down to --long-side pixels on
    their long side, as a messaging app sends them, same labels."""
    from functools import partial
    from limitup.samples.retake import make_small_set
    _retake(partial(make_small_set, long_side=long_side), source, out_dir, seed, catalogue_only)


COMMANDS = [samples]
