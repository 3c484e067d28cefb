"""Image factories for the intake tests: real encoders, no canned blobs except the regressions."""
from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def certificate(design: int = 0, size=(640, 440)) -> Image.Image:
    """A certificate-like picture: border, title, fields, a seal; `design` picks the layout."""
    image = Image.new("RGB", size, (250, 246, 232) if design == 0 else (236, 244, 252))
    draw = ImageDraw.Draw(image)
    w, h = size
    if design == 0:
        draw.rectangle([12, 12, w - 12, h - 12], outline=(150, 30, 30), width=8)
        draw.text((w // 2 - 150, 40), "注册会计师证书", fill=(150, 30, 30), font=font(44))
        for row, line in enumerate(["姓名：张伟", "证书编号：110001234567", "发证日期：2019年6月1日"]):
            draw.text((70, 150 + row * 60), line, fill=(20, 20, 20), font=font(30))
        draw.ellipse([w - 200, h - 190, w - 60, h - 50], outline=(200, 0, 0), width=6)
    else:
        draw.rectangle([0, 0, w, 90], fill=(20, 60, 140))
        draw.text((30, 20), "TOEFL iBT Score Report", fill=(255, 255, 255), font=font(40))
        for row, line in enumerate(["Name: WEI ZHANG", "Total Score: 105", "Test Date: 2024-03-02"]):
            draw.text((w - 420, 140 + row * 70), line, fill=(10, 10, 60), font=font(28))
        draw.rectangle([30, 140, 180, 380], outline=(20, 60, 140), width=4)
    return image


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def jpeg(image: Image.Image | None = None, **params) -> bytes:
    return encode(image or certificate(), "JPEG", quality=params.pop("quality", 92), **params)


def png(image: Image.Image | None = None, **params) -> bytes:
    return encode(image or certificate(), "PNG", **params)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload)))


@functools.lru_cache(maxsize=None)
def png_bomb(side: int = 30000) -> bytes:
    """A real decompression bomb: ~110 KB of PNG that inflates to side×side 1-bit pixels."""
    row = b"\0" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    rows_per_block = 1000
    parts = [compressor.compress(row * rows_per_block) for _ in range(side // rows_per_block)]
    parts.append(compressor.compress(row * (side % rows_per_block)))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", b"".join(parts)) + _png_chunk(b"IEND", b""))


def animated(fmt: str, frames: int = 3, size=(300, 300)) -> bytes:
    colours = ["red", "green", "blue", "yellow"]
    images = [Image.new("RGB", size, colours[i % 4]) for i in range(frames)]
    return encode(images[0], fmt, save_all=True, append_images=images[1:], duration=100, loop=0)


def zip_archive(marker: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", marker)
    return buffer.getvalue()


def exif_with(software: str | None = None, gps: bool = False, orientation: int | None = None,
              changed: str | None = None, taken: str | None = None) -> Image.Exif:
    exif = Image.Exif()
    if software:
        exif[0x0131] = software
    if orientation:
        exif[0x0112] = orientation
    if changed:
        exif[0x0132] = changed
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    return exif


def jpeg_markers(data: bytes) -> list[int]:
    """The marker bytes of a JPEG's header segments, up to the start of scan."""
    markers, position = [], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        length = int.from_bytes(data[position + 2:position + 4], "big")
        position += 2 + length
    return markers


@functools.lru_cache(maxsize=None)
def sixteen_bit_png(side: int = 6300, colour_type: int = 6) -> bytes:
    """A small file that decodes large: side×side, 16 bits a channel, one flat colour
    (colour_type 6 = RGBA, the 322 KB 6300² of issue 21; 0 = grey, 2 = RGB, 4 = grey+alpha)."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    row = b"\0" + b"\xff" * (side * channels * 2)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(side)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 16, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", b"".join(parts)) + _png_chunk(b"IEND", b""))


def jpeg_with_height(data: bytes, height: int) -> bytes:
    """The JPEG with its frame header (SOF0/SOF2) patched to declare another height."""
    for marker in (b"\xff\xc0", b"\xff\xc2"):
        at = data.find(marker)
        if at >= 0:
            return data[:at + 5] + height.to_bytes(2, "big") + data[at + 7:]
    raise ValueError("no SOF0/SOF2 frame header")


def cut_at_eoi(data: bytes, keep: float = 0.5) -> bytes:
    """A truncated JPEG that still ends in an EOI marker (an interrupted upload, end re-added)."""
    return data[:int(len(data) * keep)] + b"\xff\xd9"


def interlaced_png(image: Image.Image) -> bytes:
    """An Adam7-interlaced 8-bit RGB PNG (Pillow writes none): the seven passes, filter 0."""
    import numpy as np
    pixels = np.asarray(image.convert("RGB"))
    height, width = pixels.shape[:2]
    passes = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
              (0, 1, 1, 2))
    raw = bytearray()
    for column, row, column_step, row_step in passes:
        sub = pixels[row::row_step, column::column_step]
        if sub.size:
            for line in sub:
                raw += b"\0" + line.tobytes()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + _png_chunk(b"IEND", b""))
