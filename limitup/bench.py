"""`limitup bench`: per-stage timings of the reading pipeline, engines side by side, against one
plain engine call (RapidOCR at its default settings on the raw photo) on the same images, in
the same run. Images are interleaved (each image goes through every configuration before the
next image) so that load from other processes falls on all of them alike.

A configuration is an engine name, optionally with preprocessing switches after a colon, so a
step's cost and worth are measured by switching it off: `rapidocr:nored,noorient`.
Switches: nored (no red-seal suppression), noorient (no turn detection), fullres (no scale
normalisation), noreread (no targeted re-reads), nozoom (never read a crop of the text region),
nodeskew (recognise a tilted page's boxes as read), nodetail (no full-detail re-read when a key
field is missing, limitup/ocr/detail.py),
cascade (a stronger second pass when the number stays uncertain); openvino or onnxruntime run a
RapidOCR engine's recognition on that runtime whatever LIMITUP_OCR_RUNTIME says
(`default:onnxruntime`: the runtime's share of the time).
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from limitup.errors import LimitupError
from limitup.evaluate import judge
from limitup.ocr.registry import RUNTIMES
from limitup.preprocess import UnreadableImage, open_image
from limitup.reader import ReadOptions, read_image

STAGES = ("preprocess", "orient", "ocr", "recognise", "reread", "detail", "cascade", "total")
SWITCHES = {"nored": {"red": False}, "noorient": {"orient": False},
            "fullres": {"max_side": 0}, "noreread": {"reread": False},
            "nozoom": {"zoom": False}, "nodeskew": {"deskew": False},
            "cascade": {"cascade": True}, "nodetail": {"detail": False}}
BASELINE = "rapidocr-plain (one call, raw photo)"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".tif", ".tiff", ".bmp"}


def parse_configuration(text: str) -> tuple[str, ReadOptions]:
    """(engine name for get_engine, read options) of a configuration such as
    `rapidocr:nored,onnxruntime`."""
    name, _, switches = text.partition(":")
    name, settings = name.strip(), {}
    for switch in filter(None, (s.strip() for s in switches.split(","))):
        if switch in RUNTIMES:
            name = f"{name}+{switch}"
            continue
        if switch not in SWITCHES:
            raise LimitupError(f"unknown bench switch {switch!r}; choose from "
                               + ", ".join([*SWITCHES, *RUNTIMES]))
        settings.update(SWITCHES[switch])
    return name, ReadOptions(**settings)


def list_images(folder: str | Path, limit: int | None) -> list[dict]:
    """Manifest entries when the folder has a manifest (for accuracy too), else its images."""
    folder = Path(folder)
    if (folder / "manifest.jsonl").is_file():
        from limitup.evaluate import load_manifest
        return load_manifest(folder, limit)
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    return [{"file": p.name, "path": str(p)} for p in paths[:limit or None]]


def bench(entries: list[dict], configurations: list[str], catalogue, progress=None) -> dict:
    from limitup.ocr import get_engine
    plan = [(text, get_engine(parse_configuration(text)[0]), parse_configuration(text)[1])
            for text in configurations]
    plain = get_engine("rapidocr-plain")
    samples = {text: {stage: [] for stage in STAGES} for text, _, _ in plan}
    samples[BASELINE] = {"total": []}
    correct = {text: {"type": 0, "cert_number": 0, "labelled": 0, "numbers": 0}
               for text, _, _ in plan}
    used = 0
    for index, entry in enumerate(entries):
        try:
            image = open_image(entry["path"])
        except UnreadableImage:
            continue
        used += 1
        started = time.perf_counter()
        plain.read(image)
        samples[BASELINE]["total"].append((time.perf_counter() - started) * 1000)
        for text, engine, options in plan:
            recognition, timings = read_image(image, engine, catalogue, options=options)
            for stage in STAGES:
                samples[text][stage].append(timings.get(stage, 0))
            if "type" in entry:
                verdict = judge(entry, {"type": recognition.type, "fields": recognition.fields})
                correct[text]["labelled"] += 1
                correct[text]["type"] += verdict["type_ok"]
                # A number a person cannot read (legible: false) is not counted either way,
                # as `limitup eval` does; a type without one (n/a) counts as right.
                number = verdict["fields"]["cert_number"]
                if number != "not legible":
                    correct[text]["numbers"] += 1
                    correct[text]["cert_number"] += number in ("ok", "n/a", "not of type")
        if progress:
            progress(index + 1, len(entries))
    return _summary(samples, correct, used)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[position]


def _summary(samples: dict, correct: dict, used: int) -> dict:
    baseline = samples[BASELINE]["total"]
    baseline_median = statistics.median(baseline) if baseline else 0.0
    result = {"images": used, "baseline": BASELINE,
              "baseline_ms": {"p50": round(baseline_median), "p95": round(_percentile(baseline, .95)),
                              "mean": round(statistics.mean(baseline)) if baseline else 0},
              "configurations": {}}
    for text, stages in samples.items():
        if text == BASELINE:
            continue
        summary = {stage: {"p50": round(_percentile(values, .5)), "p95": round(_percentile(values, .95))}
                   for stage, values in stages.items()}
        totals = stages["total"]
        summary["ratio_to_baseline_p50"] = (round(statistics.median(totals) / baseline_median, 3)
                                            if baseline_median and totals else None)
        summary["ratio_to_baseline_mean"] = (round(sum(totals) / sum(baseline), 3)
                                             if baseline and sum(baseline) else None)
        summary.update(_per_photo(totals, baseline))
        counts = correct[text]
        if counts["labelled"]:
            summary["type_accuracy"] = round(counts["type"] / counts["labelled"], 4)
        if counts["numbers"]:
            summary["cert_number_ok"] = round(counts["cert_number"] / counts["numbers"], 4)
        result["configurations"][text] = summary
    return result


# What the product promises: each photo read in at most half the plain call's time on it.
PER_PHOTO_LIMIT = 0.5


def _per_photo(totals: list, baseline: list) -> dict:
    """Each photo's time over the plain call's on that same photo: their median, and how many
    photos went over PER_PHOTO_LIMIT. The ratio of the two medians compares two different photos
    when a set mixes dense pages and small look-alikes; this compares each photo with itself."""
    ratios = [total / plain for total, plain in zip(totals, baseline) if plain]
    if not ratios:
        return {"ratio_per_photo_p50": None, "photos_over_limit": None}
    return {"ratio_per_photo_p50": round(statistics.median(ratios), 3),
            "photos_over_limit": sum(ratio > PER_PHOTO_LIMIT for ratio in ratios)}


def table(result: dict) -> str:
    header = ["configuration"] + [f"{stage} p50/p95" for stage in STAGES] + [
        "ratio p50", "ratio mean", "ratio per photo p50", f"photos over {PER_PHOTO_LIMIT}",
        "type", "number"]
    rows = [header]
    for text, summary in result["configurations"].items():
        rows.append([text] + [f"{summary[s]['p50']}/{summary[s]['p95']}" for s in STAGES]
                    + [str(summary["ratio_to_baseline_p50"]), str(summary["ratio_to_baseline_mean"]),
                       str(summary["ratio_per_photo_p50"]), str(summary["photos_over_limit"]),
                       _pct(summary.get("type_accuracy")), _pct(summary.get("cert_number_ok"))])
    base = result["baseline_ms"]
    rows.append([result["baseline"]] + ["-"] * (len(STAGES) - 1)
                + [f"{base['p50']}/{base['p95']}", "1.0", "1.0", "1.0", "-", "-", "-"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.append("")
    lines.append(f"{result['images']} images; times in ms; ratio p50 = this configuration's median "
                 "time / the plain RapidOCR call's median, ratio mean = the sums' ratio, ratio per "
                 "photo = each photo's time / the plain call's on that photo, on the same photos "
                 "in this run")
    return "\n".join(lines)


def _pct(value) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"
