"""Damage tiers: what happens between the printed page and the uploaded file.

- scan:  flatbed scan: tiny skew, light noise, slight softness.
- photo: phone photo: paper on a table (textured, coloured), perspective, uneven light and a
         shadow, mild blur, colour cast, JPEG artifacts.
- hard:  all of that stronger (seals over text and guilloche are printed before, in generator.py),
         plus turned 90/180/270 degrees with or without an EXIF Orientation tag.
"""
from __future__ import annotations

import io
import random

import cv2
import numpy as np
from PIL import Image

TIERS = ("scan", "photo", "hard")
# stored pixels turned by `rotate(k)` (PIL, counter-clockwise) -> EXIF tag that makes them upright
EXIF_FOR_CCW = {90: 6, 180: 3, 270: 8}


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(1 << 30))


def _noise(image: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    arr = np.asarray(image).astype(np.float32)
    arr += (_np_rng(rng).standard_normal(arr.shape[:2], dtype=np.float32) * sigma)[..., None]
    return Image.fromarray(np.clip(arr, 0, 255, out=arr).astype(np.uint8))


def _blur(image: Image.Image, sigma: float) -> Image.Image:
    return Image.fromarray(cv2.GaussianBlur(np.asarray(image), (0, 0), sigma))


def _upsample(small: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.resize(small.astype(np.float32), size, interpolation=cv2.INTER_LINEAR)


def _jpeg_pass(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def scan(page: Image.Image, rng: random.Random, style: str = "train") -> Image.Image:
    """Flatbed scan. Holdout: more skew, a dark scanner-lid border, photocopier contrast."""
    angle = rng.uniform(-0.8, 0.8) if style == "train" else rng.uniform(-2.0, 2.0)
    fill = (246, 246, 246) if style == "train" else (40, 40, 40)
    image = page.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=fill)
    if style == "holdout" and rng.random() < 0.5:
        arr = np.asarray(image).astype(np.float32) / 255.0
        image = Image.fromarray((np.clip((arr - 0.5) * 1.35 + 0.55, 0, 1) ** 1.2 * 255).astype(np.uint8))
    image = _blur(image, rng.uniform(0.3, 0.6))
    return _noise(image, rng.uniform(2, 4), rng)


def _table(size: tuple[int, int], rng: random.Random, style: str = "train") -> np.ndarray:
    """A table top: wood grain, cloth or plain desk, in a random colour (drawn at half size)."""
    full = size
    w, h = size[0] // 2, size[1] // 2
    nrng = _np_rng(rng)
    base = np.array(rng.choice(((120, 82, 50), (160, 120, 80), (70, 70, 75), (190, 185, 175), (40, 60, 90),
                                (95, 120, 95), (150, 60, 50))), dtype=np.float32)
    kind = rng.choice(("wood", "cloth", "plain") if style == "train" else ("tile", "marble", "plain"))
    y = np.arange(h, dtype=np.float32)[:, None]
    x = np.arange(w, dtype=np.float32)[None, :]
    if kind == "tile":      # holdout: floor/wall tiles with grout lines
        pitch = rng.uniform(60, 160)
        grout = ((x % pitch) < 3) | ((y % pitch) < 3)
        grain = np.where(grout, -45.0, 0.0).astype(np.float32)
    elif kind == "marble":  # holdout: low-frequency veins
        small = nrng.normal(0, 1, (max(2, h // 40), max(2, w // 40))).astype(np.float32)
        grain = np.abs(cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)) * -22 + 20
    elif kind == "wood":
        grain = np.sin((y + 12 * np.sin(x / rng.uniform(60, 200))) / rng.uniform(3, 9)) * 18
    elif kind == "cloth":
        grain = (np.sin(x / 2.2) + np.sin(y / 2.2)) * 8
    else:
        grain = np.zeros((h, w), np.float32)
    grain = grain + nrng.normal(0, 6, (h, w))
    return (base[None, None, :] + _upsample(grain, full)[..., None]).clip(0, 255)


def _lighting(arr: np.ndarray, rng: random.Random, strength: float) -> np.ndarray:
    """Uneven light: a gradient from a random direction, plus a soft shadow blob (computed small)."""
    full_h, full_w = arr.shape[:2]
    h, w = max(2, full_h // 8), max(2, full_w // 8)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * x / w + np.sin(angle) * y / h)
    ramp = (ramp - ramp.min()) / max(1e-6, np.ptp(ramp))
    light = 1.0 - strength * 0.5 * ramp
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    radius = rng.uniform(0.25, 0.6) * max(w, h)
    shadow = np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius ** 2)))
    light *= 1.0 - strength * 0.55 * shadow
    return arr * _upsample(light, (full_w, full_h))[..., None]


def photograph(page: Image.Image, rng: random.Random, strength: float, style: str = "train",
               long_side: int | None = None) -> Image.Image:
    """Paper on a table, seen by a phone: strength 1 = photo tier, ~1.8 = hard tier.

    long_side: the stored photo's long side (default 1000-1600 px as a phone app sends it; the
    real style keeps full-size 4000 px photos). The draws are the same either way.

    The holdout style differs in damage too: tile/marble tables, vignetting, motion blur, and
    messaging-app recompression, so recognition is also measured on damage it was not tuned on."""
    pw, ph = page.size
    margin = rng.uniform(0.06, 0.16)
    cw, ch = int(pw * (1 + 2 * margin)), int(ph * (1 + 2 * margin))
    jitter = 0.045 * strength
    ox, oy = pw * margin, ph * margin
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    dst = np.float32([[ox + rng.uniform(-jitter, jitter) * pw, oy + rng.uniform(-jitter, jitter) * ph]
                      if i == 0 else
                      [ox + pw + rng.uniform(-jitter, jitter) * pw, oy + rng.uniform(-jitter, jitter) * ph]
                      if i == 1 else
                      [ox + pw + rng.uniform(-jitter, jitter) * pw, oy + ph + rng.uniform(-jitter, jitter) * ph]
                      if i == 2 else
                      [ox + rng.uniform(-jitter, jitter) * pw, oy + ph + rng.uniform(-jitter, jitter) * ph]
                      for i in range(4)])
    matrix = cv2.getPerspectiveTransform(src, dst)
    paper = cv2.warpPerspective(np.asarray(page), matrix, (cw, ch), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, (cw, ch))
    mask = cv2.GaussianBlur(mask, (3, 3), 0).astype(np.float32)[..., None] / 255.0
    arr = paper * mask + _table((cw, ch), rng, style) * (1 - mask)
    arr = _lighting(arr, rng, min(0.9, 0.35 * strength + rng.uniform(0, 0.15)))
    cast = np.array([rng.uniform(0.9, 1.06), rng.uniform(0.93, 1.04), rng.uniform(0.85, 1.02)], np.float32)
    arr = arr * cast[None, None, :] + rng.uniform(-8, 12)
    if style == "holdout":
        arr = _vignette(arr, rng.uniform(0.15, 0.35))
    image = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if style == "holdout" and rng.random() < 0.5:
        image = _motion_blur(image, rng.uniform(2.5, 5.0) * strength, rng.uniform(0, 180))
    else:
        image = _blur(image, rng.uniform(0.6, 1.1) * strength)
    image = _noise(image, 3 + 2 * strength, rng)
    drawn_side = rng.randrange(1200, 1600) if strength < 1.5 else rng.randrange(1000, 1400)
    long_side = long_side or drawn_side
    if style == "holdout" and rng.random() < 0.5:   # sent through a messaging app: shrunk, recompressed
        shrunk = resize(image, int(long_side * rng.uniform(0.55, 0.75)))
        image = _jpeg_pass(shrunk, rng.randrange(45, 70))
    image = resize(image, long_side)
    return _jpeg_pass(image, rng.randrange(55, 75) if strength < 1.5 else rng.randrange(35, 55))


def resize(image: Image.Image, long_side: int) -> Image.Image:
    """The image scaled (Lanczos) to `long_side` pixels on its long side."""
    scale = long_side / max(image.size)
    return image.resize((int(image.width * scale), int(image.height * scale)), Image.LANCZOS)


def _motion_blur(image: Image.Image, length: float, angle_degrees: float) -> Image.Image:
    """Camera shake: a line kernel at an angle (holdout damage; train uses Gaussian blur)."""
    size = max(3, int(round(length)) | 1)
    kernel = np.zeros((size, size), np.float32)
    kernel[size // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D((size / 2 - 0.5, size / 2 - 0.5), angle_degrees, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (size, size))
    kernel /= max(kernel.sum(), 1e-6)
    return Image.fromarray(cv2.filter2D(np.asarray(image), -1, kernel))


def _vignette(arr: np.ndarray, strength: float) -> np.ndarray:
    h, w = arr.shape[:2]
    y, x = np.mgrid[0:max(2, h // 8), 0:max(2, w // 8)].astype(np.float32)
    r = np.hypot((x / x.max()) - 0.5, (y / y.max()) - 0.5) / 0.7071
    return arr * _upsample(1.0 - strength * r ** 2, (w, h))[..., None]


def turn(image: Image.Image, rng: random.Random) -> tuple[Image.Image, int, int | None]:
    """Hard tier: turn the pixels 90/180/270 (ccw) or not; returns (image, ccw_degrees, exif tag or None).

    About one photo in five stays upright; of the turned ones half carry an EXIF Orientation tag
    that makes them upright when honoured, half carry none (the phone got it wrong)."""
    if rng.random() < 0.2:
        return image, 0, None
    degrees = rng.choice((90, 180, 270))
    turned = image.rotate(degrees, expand=True)
    return turned, degrees, (EXIF_FOR_CCW[degrees] if rng.random() < 0.5 else None)
