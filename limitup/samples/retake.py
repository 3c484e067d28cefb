"""A labelled set taken again the way users take photos: from a distance, or askew.

- `limitup samples distance SRC --out DST`: a user photographs a certificate lying on a desk
  from standing height; it fills half of a 12 MP frame (measures the reader's zoom step,
  limitup/ocr/zoom.py).
- `limitup samples tilt SRC --out DST`: the phone held askew; every line tilted 8-15 degrees
  (measures levelling, limitup/ocr/deskew.py).
- `limitup samples small SRC --out DST [--long-side 800]`: the photo sent through a messaging
  app or saved as a thumbnail: scaled down to 800 px on its long side (small text).

All three keep the source's labels (manifest.jsonl), so `limitup eval` runs on the result as it is
(docs/benchmarks.md).
"""
from __future__ import annotations

import functools
import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from limitup.preprocess import limit_size

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


TILT_DEGREES = (8.0, 15.0)          # either way


def tilt(image: Image.Image, rng: random.Random) -> Image.Image:
    """The image turned 8-15 degrees one way or the other, the corners filled with desk."""
    image = ImageOps.exif_transpose(image).convert("RGB")
    degrees = rng.choice((-1, 1)) * rng.uniform(*TILT_DEGREES)
    corner = np.asarray(image)[:20, :20].reshape(-1, 3).mean(axis=0)
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True,
                        fillcolor=tuple(int(v) for v in corner))


SMALL_LONG_SIDE = 800


def shrink(image: Image.Image, rng: random.Random, long_side: int = SMALL_LONG_SIDE) -> Image.Image:
    """The image scaled down (never up) so that its long side is `long_side` pixels, as the
    reader scales a page (preprocess.limit_size)."""
    return limit_size(ImageOps.exif_transpose(image).convert("RGB"), long_side)[0]


def make_distance_set(source: str | Path, out: str | Path, seed: int = 0,
                      catalogue_only: bool = False) -> list[dict]:
    return retake_set(source, out, place_far, seed, catalogue_only)


def make_tilted_set(source: str | Path, out: str | Path, seed: int = 0,
                    catalogue_only: bool = False) -> list[dict]:
    return retake_set(source, out, tilt, seed, catalogue_only)


def make_small_set(source: str | Path, out: str | Path, seed: int = 0,
                   catalogue_only: bool = False, long_side: int = SMALL_LONG_SIDE) -> list[dict]:
    return retake_set(source, out, functools.partial(shrink, long_side=long_side), seed,
                      catalogue_only)


def retake_set(source: str | Path, out: str | Path, retake, seed: int = 0,
               catalogue_only: bool = False) -> list[dict]:
    """Write every image of `source` as retake(image, rng) makes it, with the source's rows
    (EXIF already applied, so `exif_orientation` becomes null); returns the rows written."""
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
            frame = retake(image, rng)
        name = Path(row["file"]).with_suffix(".jpg").name
        frame.save(out / name, "JPEG", quality=JPEG_QUALITY)
        written.append({**row, "file": name, "exif_orientation": None})
    (out / "manifest.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in written))
    return written
