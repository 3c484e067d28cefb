"""A real app with a real SQLite file in a temporary folder, users, and golden recognitions."""
from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from limitup import accounts, create_app, ids
from limitup.ingest import ingest
from limitup.recognise.result import Recognition
from limitup.store import get_db, get_rules

SECRET = "pipeline-test-secret"


def valid_id(first17: str) -> str:
    return first17 + ids.check_digit(first17)


def make_app(tmp_path, **config):
    return create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET, **config})


def add_user(name: str, first17: str, base_yuan: int = 5000) -> int:
    return accounts.add_user(get_db(), name=name, id_number=valid_id(first17),
                             base_fen=base_yuan * 100, secret_key=SECRET,
                             policy=get_rules().limits)


def picture(seed: int) -> bytes:
    """A distinct real JPEG per seed (random blocks, so perceptual hashes differ)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (240, 240, 240))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(600), rng.randrange(440)
        shade = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle((x, y, x + rng.randrange(20, 200), y + rng.randrange(20, 200)), fill=shade)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def ingested(seed: int):
    return ingest(picture(seed), max_bytes=10_000_000)


def golden(type_id, *, holder="王小明", number=None, issued="2025-06-01", level=None, score=None,
           id_number=None, confidence=0.95, issuer=None) -> Recognition:
    fields = {"holder_name": holder, "cert_number": number, "issue_date": issued, "level": level,
              "score": score}
    extras = {}
    if id_number:
        extras["id_number"] = id_number
    if issuer:
        extras["issuer"] = issuer
    return Recognition(type=type_id, confidence=confidence, fields=fields,
                       field_confidence={k: 0.9 for k, v in fields.items() if v is not None},
                       extras=extras, checks=[{"code": "number_format_ok"}] if number else [])
