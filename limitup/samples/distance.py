"""Photos taken from a distance: each image of a labelled set placed small in a large phone frame.

A user photographs a certificate lying on a desk from standing height: the certificate fills half
of a 12 MP frame. `limitup samples distance SRC --out DST` turns any labelled set (its images and
manifest.jsonl) into such photos, with the same labels, so the reader's zoom step
(limitup/ocr/zoom.py) is measured on them (docs/benchmarks.md).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

FRAME_LONG_SIDE = (3000, 4000)     # phone photo sizes, pixels on the long side
SHARE_OF_FRAME = (0.45, 0.65)      # the source image's long side, as a share of the frame's
JPEG_QUALITY = 88


def place_far(image: Image.Image, rng: random.Random) -> Image.Image:
    """The image scaled and placed at a random spot of a larger frame of plain noisy desk.
    The frame is landscape for a landscape image, portrait for a portrait one (4:3)."""
    image = ImageOps.exif_transpose(image).convert("RGB")
    long_side = rng.randrange(*FRAME_LONG_SIDE)
    scale = long_side * rng.uniform(*SHARE_OF_FRAME) / max(image.size)
    image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                         Image.Resampling.LANCZOS)
    short_side = round(long_side * 0.75)
    width, height = ((long_side, short_side) if image.width >= image.height
                     else (short_side, long_side))
    desk = np.asarray(image).reshape(-1, 3).mean(axis=0) * 0.8     # a darker tone of the page
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, (height, width, 1))
    frame = Image.fromarray(np.clip(desk + noise, 0, 255).astype(np.uint8))
    frame.paste(image, (rng.randrange(0, width - image.width + 1),
                        rng.randrange(0, height - image.height + 1)))
    return frame


def make_distance_set(source: str | Path, out: str | Path, seed: int = 0,
                      catalogue_only: bool = False) -> list[dict]:
    """Write the far photos and their manifest (the source's rows, EXIF already applied, so
    `exif_orientation` becomes null); returns the rows written."""
    source, out = Path(source), Path(out)
    rows = [json.loads(line) for line in (source / "manifest.jsonl").read_text().splitlines()
            if line.strip()]
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for row in rows:
        if catalogue_only and row.get("type") is None:
            continue
        with Image.open(source / row["file"]) as image:
            frame = place_far(image, rng)
        name = Path(row["file"]).with_suffix(".jpg").name
        frame.save(out / name, "JPEG", quality=JPEG_QUALITY)
        written.append({**row, "file": name, "exif_orientation": None})
    (out / "manifest.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in written))
    return written
