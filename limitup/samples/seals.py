"""Printed decorations that hurt OCR: red official seals and guilloche backgrounds.

Both are applied as ink multiplied onto the page (ImageChops.multiply), as real overprinting
behaves: black text under a red seal stays dark, the paper around it turns red.
"""
from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from limitup.samples.fonts import FONT_SETS, load
from limitup.samples.page import star

SEAL_RED = (205, 38, 42)


def seal_layer(radius: int, text: str, rng: random.Random, style: str) -> Image.Image:
    """A white square with a red round seal: ring, issuer text along the top arc, star."""
    side = 2 * radius + 8
    layer = Image.new("RGB", (side, side), (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    cx = cy = side // 2
    red = tuple(max(0, min(255, c + rng.randrange(-20, 20))) for c in SEAL_RED)
    ring = max(4, radius // 18)
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=red, width=ring)
    star(draw, (cx, cy), radius * 0.32, red)
    text = text or "专用章"
    font_path = rng.choice(FONT_SETS[style]["zh_bold"])
    text_radius = radius * 0.74
    max_span = math.radians(rng.uniform(220, 270))
    char_size = int(max(10, min(radius * 0.27, max_span * text_radius / (1.08 * max(len(text), 1)))))
    font = load(*font_path, char_size)
    span = min(max_span, len(text) * char_size * 1.08 / text_radius)
    for i, char in enumerate(text):
        angle = -math.pi / 2 - span / 2 + (span * (i + 0.5) / len(text))
        r = radius - ring - char_size * 0.7
        glyph = Image.new("L", (char_size * 2, char_size * 2), 0)
        ImageDraw.Draw(glyph).text((char_size, char_size), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle + math.pi / 2), resample=Image.BICUBIC)
        x, y = cx + r * math.cos(angle) - char_size, cy + r * math.sin(angle) - char_size
        layer.paste(Image.new("RGB", glyph.size, red), (int(x), int(y)), glyph)
    return _mottle(layer, rng)


def _mottle(layer: Image.Image, rng: random.Random) -> Image.Image:
    """Uneven stamp ink: fade random patches of the seal towards white."""
    arr = np.asarray(layer).astype(np.float32)
    noise_rng = np.random.default_rng(rng.randrange(1 << 30))
    small = noise_rng.uniform(0.55, 1.0, (max(1, layer.height // 24), max(1, layer.width // 24)))
    strength = np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize(layer.size, Image.BILINEAR)) / 255.0
    out = 255 - (255 - arr) * strength[..., None]
    return Image.fromarray(out.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def stamp(page: Image.Image, centre, radius: int, text: str, rng: random.Random, style: str) -> Image.Image:
    """Multiply a seal onto the page around centre (only that square is touched)."""
    layer = seal_layer(radius, text, rng, style)
    x0, y0 = int(centre[0]) - layer.width // 2, int(centre[1]) - layer.height // 2
    box = (x0, y0, x0 + layer.width, y0 + layer.height)
    region = page.crop(box)
    out = page.copy()
    out.paste(ImageChops.multiply(region, layer), box[:2])
    return out


def guilloche(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A security-print background: interleaved sine rosettes/waves in a pale colour."""
    w, h = size
    layer = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    colour = rng.choice(((150, 200, 170), (170, 180, 220), (225, 170, 180), (200, 190, 140)))
    amplitude, period = rng.uniform(8, 30), rng.uniform(40, 140)
    step = rng.randrange(7, 14)
    xs = np.arange(0, w + 4, 4)
    for offset in range(-int(amplitude) * 2, h + int(amplitude) * 2, step):
        phase = offset / rng.uniform(15, 40)
        ys = offset + amplitude * np.sin(xs / period + phase) + amplitude * 0.5 * np.sin(xs / (period * 0.37) - phase)
        draw.line(list(zip(xs.tolist(), ys.tolist())), fill=colour, width=1)
    if rng.random() < 0.6:  # a rosette in the middle
        cx, cy, big = w / 2, h / 2, min(w, h) * rng.uniform(0.25, 0.4)
        for k in range(0, 360, 6):
            t = np.linspace(0, 2 * np.pi, 400)
            r = big * (0.7 + 0.3 * np.sin(7 * t + math.radians(k)))
            draw.line(list(zip((cx + r * np.cos(t + math.radians(k))).tolist(), (cy + r * np.sin(t)).tolist())),
                      fill=colour, width=1)
    return layer


def over_background(page: Image.Image, background: Image.Image) -> Image.Image:
    return ImageChops.multiply(page, background)
