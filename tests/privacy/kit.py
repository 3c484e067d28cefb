"""Shared by the privacy tests: documents printing ID numbers (plain, grouped, as a second copy,
in EXIF), an upload through the whole pipeline with real OCR on a real SQLite file, and what the
product's own reader can still read on the stored photo."""
from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image, ImageDraw

from limitup import ids
from limitup.ingest import load_stored
from limitup.reader import read_image
from limitup.samples.fonts import NOTO, load
from tests.ingest import images

FONT = (NOTO + "NotoSansCJK-Regular.ttc", 2)


def grouped(number: str) -> str:
    """1101 0119 9003 0745 73: groups of four, as bank cards and some forms print it."""
    return " ".join(number[i:i + 4] for i in range(0, 18, 4))


def hyphenated(number: str) -> str:
    """110101-19900307-4573: area, birth date, serial and check."""
    return f"{number[:6]}-{number[6:14]}-{number[14:]}"


def written_forms(number: str) -> list[str]:
    """How a number may be written in stored text: plain, grouped, hyphenated, full-width
    spaces, and its first ten digits (more than any mask shows)."""
    return [number, grouped(number), hyphenated(number), grouped(number).replace(" ", "\u3000"),
            number[:10]]


def with_footer_line(image: Image.Image, text: str) -> Image.Image:
    """The document with one more printed line under it (a second copy of the number)."""
    image = image.convert("RGB")
    page = Image.new("RGB", (image.width, image.height + 150), (248, 248, 244))
    page.paste(image, (0, 0))
    ImageDraw.Draw(page).text((70, image.height + 45), text, font=load(*FONT, 40),
                              fill=(25, 25, 25))
    return page


def jpeg(image: Image.Image, software: str | None = None) -> bytes:
    out = io.BytesIO()
    extra = {"exif": images.exif_with(software=software)} if software else {}
    image.convert("RGB").save(out, "JPEG", quality=92, **extra)
    return out.getvalue()


def stored_photo(app, row) -> Image.Image:
    data = load_stored(app.config["IMAGES_DIR"], row["image_name"])
    with Image.open(io.BytesIO(data)) as opened:
        return opened.convert("RGB")


def read_back(photo: Image.Image, engine, catalogue):
    """What the product's reader reads on the stored photo: (digits of every box in reading
    order, joined; the OCR text; the boxes it would itself fill)."""
    recognition, _ = read_image(photo, engine, catalogue)
    text = recognition.extras.get("ocr_text") or ""
    return re.sub(r"[^0-9X]", "", text.upper()), text, recognition.extras.get("id_boxes")


def valid_ids_in(text: str) -> list[str]:
    return [hit.number for hit in ids.find_ids_in_text(text) if hit.valid]


def files_holding(paths, needles) -> dict:
    """{file name: [needles found in its bytes]} for the files that hold any (UTF-8)."""
    found = {}
    for path in map(Path, paths):
        data = path.read_bytes()
        hits = [needle for needle in needles if needle.encode() in data]
        if hits:
            found[path.name] = hits
    return found
