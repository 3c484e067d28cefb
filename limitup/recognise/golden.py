"""Golden OCR outputs: real OCR text boxes of labelled images, saved as JSON for fast tests.

    python -m limitup.recognise.golden IMAGE_DIR OUT_DIR [--engine rapidocr] [--limit N]

IMAGE_DIR holds images and a manifest.jsonl (SPEC 2 "Labelled sample sets"). Each image goes
through the product's own preprocessing and OCR (EXIF orientation, scale, red-seal suppression,
turn detection: limitup.reader) and its upright boxes are written to OUT_DIR/<stem>.<engine>.json
with the manifest's expected values, and `ocr_misses`: the expected values the OCR text itself
does not hold (annotate_misses). Recognition tests then run recognise() on them without any OCR
engine. ID numbers are written masked (golden files are committed).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from limitup.boxes import Box
from limitup.ids import mask_ids_in_text
from limitup.ocr.base import TextBox
from limitup.recognise.result import FIELD_NAMES

EXPECTED_KEYS = ("type",) + FIELD_NAMES


def upright_boxes(image, engine) -> list[TextBox]:
    """The boxes recognise() would get for this image in the product's path: the page prepared
    by reader.prepare_page (what read_image reads) with the default options, turned upright.
    (No zoom step: golden boxes are of the whole page.)"""
    from limitup import reader
    options = reader.ReadOptions()
    page = reader.prepare_page(image, options)
    boxes, _ = reader._ocr_upright(engine, page.grey, options.orient, reader._Clock())
    return boxes


def golden_record(boxes: list[TextBox], row: dict, engine_name: str) -> dict:
    expected = {key: row.get(key) for key in EXPECTED_KEYS}
    return {
        "source": {"file": row.get("file"), "engine": engine_name, "tier": row.get("tier"),
                   "style": row.get("style"), "layout": row.get("layout")},
        "expected": expected,
        # Fields the OCR text itself does not hold (filled in by hand after checking the boxes):
        # the test does not hold recognition to them. {"cert_number": "why"}
        "ocr_misses": {},
        "boxes": [[mask_ids_in_text(b.text), b.box.to_json(), round(float(b.score), 3)]
                  for b in boxes],
    }


def annotate_misses(record: dict, catalogue: dict, today=None) -> dict:
    """Fill record["ocr_misses"]: expected values recognise() misses AND the OCR text does not
    hold (a misread name, a date under a seal). A miss whose value IS in the text stays a test
    failure: that is recognition's to fix. Cases where the text holds the value in a form no
    reader can use (a name with its space lost) are annotated by hand."""
    from limitup.recognise import recognise
    from limitup.recognise.dates import find_dates
    from limitup.recognise.text import key, normalise
    expected = record["expected"]
    misses = dict(record.get("ocr_misses") or {})
    if not expected.get("type"):
        record["ocr_misses"] = misses
        return record
    texts = [normalise(text) for text, _, _ in record["boxes"]]
    all_text = key("".join(texts))
    result = recognise(load_boxes(record), catalogue, today=today)
    for name in FIELD_NAMES:
        wanted, found = expected.get(name), result.fields.get(name)
        if wanted is None or name in misses or _same(name, found, wanted):
            continue
        if name == "issue_date":
            present = any(day.isoformat() == wanted for text in texts for day, _, _ in find_dates(text))
        elif name == "score":
            present = True          # numbers are everywhere: a score miss is always checked
        else:
            present = key(str(wanted)) in all_text
        if not present:
            misses[name] = f"the OCR text does not hold {wanted!r} (read {found!r})"
    record["ocr_misses"] = misses
    return record


def _same(name: str, found, wanted) -> bool:
    if name == "holder_name" and found and wanted:
        return sorted(str(found).upper().split()) == sorted(str(wanted).upper().split())
    return found == wanted


def load_boxes(record: dict) -> list[TextBox]:
    return [TextBox(text, Box.from_json(box), score) for text, box, score in record["boxes"]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--engine", default="rapidocr")
    parser.add_argument("--limit", type=int, default=0, help="at most this many images")
    parser.add_argument("--only", default="", help="comma-separated file names to (re)do")
    parser.add_argument("--rules", default=str(Path(__file__).resolve().parents[2] / "rules"))
    args = parser.parse_args(argv)

    from limitup.ocr.registry import get_engine
    from limitup.preprocess import open_image
    image_dir, out_dir = Path(args.image_dir), Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(line) for line in
            (image_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    only = {name for name in args.only.split(",") if name}
    if only:
        rows = [row for row in rows if row["file"] in only]
    if args.limit:
        rows = rows[:args.limit]
    from limitup.rules import load_rules
    catalogue = load_rules(args.rules).catalogue
    engine = get_engine(args.engine)
    for row in rows:
        boxes = upright_boxes(open_image(image_dir / row["file"]), engine)
        record = annotate_misses(golden_record(boxes, row, engine.name), catalogue)
        target = out_dir / f"{Path(row['file']).stem}.{engine.name}.json"
        target.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        print(target, len(boxes), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
