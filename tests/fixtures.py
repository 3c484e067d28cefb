"""Helpers shared by tests of several areas (plain functions; the fixtures that use them live
in the conftest.py files): ID numbers, users, a real app on a temporary SQLite file, generated
pictures and golden recognitions, and the real `limitup` command in a subprocess.

Moved here from tests/conftest.py and tests/verify/dbkit.py (issue 20); both still re-export
these names for tests written before the move.
"""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context
from PIL import Image, ImageDraw

from limitup import accounts, create_app, ids, uploads
from limitup.ids import check_digit
from limitup.ingest import ingest
from limitup.recognise.result import Recognition
from limitup.rules import load_rules
from limitup.store import get_db, get_rules

ROOT = Path(__file__).resolve().parent.parent
LIMITUP = str(Path(sys.executable).parent / "limitup")
SECRET = "pipeline-test-secret"     # the secret key of make_app's apps


@lru_cache(maxsize=1)
def shipped_catalogue() -> dict:
    """The catalogue of the checkout's rules/ (loaded once)."""
    return load_rules(ROOT / "rules").catalogue


def type_name(type_id: str, language: str) -> str:
    """A type's display name as its catalogue file gives it."""
    return shipped_catalogue()[type_id].names[language]


def make_id(birth: str = "19900307", area: str = "110101", serial: str = "123") -> str:
    """A valid 18-character resident ID number (correct MOD 11-2 check digit)."""
    first17 = area + birth + serial
    return first17 + check_digit(first17)


def valid_id(first17: str) -> str:
    return first17 + ids.check_digit(first17)


def user_maker(app, first_serial: int = 100):
    """make(name=..., base_fen=..., used_fen=..., id_number=..., role=...) -> user id.

    The one user factory. Inside an app context of `app` it writes through that context's
    database connection; otherwise each call runs in a short app context of its own, for tests
    that keep none open around their test client (every request then gets its own context, as
    in a real server)."""
    serials = iter(range(first_serial, 1000))

    def add(name, base_fen, used_fen, role, id_number):
        return accounts.add_user(get_db(), name=name, base_fen=base_fen, used_fen=used_fen,
                                 id_number=id_number or make_id(serial=str(next(serials))),
                                 role=role, secret_key=app.config["SECRET_KEY"],
                                 policy=get_rules().limits)

    def make(name="张三", base_fen=500_000, used_fen=0, role="user", id_number=None):
        if has_app_context() and current_app._get_current_object() is app:
            return add(name, base_fen, used_fen, role, id_number)
        with app.app_context():
            return add(name, base_fen, used_fen, role, id_number)
    return make


def run_cli(*args, data_dir, env=None, input=None, timeout=120):
    """Run the real `limitup` command in a subprocess against a data directory."""
    full_env = {**os.environ, "LIMITUP_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run([LIMITUP, *args], capture_output=True, text=True, env=full_env,
                          input=input, timeout=timeout)


def make_app(tmp_path, **config):
    """A real app with a real SQLite file in a temporary folder."""
    return create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": SECRET, **config})


def add_user(name: str, first17: str, base_yuan: int = 5000) -> int:
    """A user of the app whose context is open, by the first 17 digits of their ID number."""
    return user_maker(current_app._get_current_object())(
        name=name, id_number=valid_id(first17), base_fen=base_yuan * 100)


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


def queued_credential(db, user_id: int, image) -> int:
    """A queued credential holding `image` (an IngestedImage) in the images folder of the app
    whose context is open: what an upload leaves for the reader (uploads.create_credential)."""
    return uploads.create_credential(db, user_id, image, current_app.config["IMAGES_DIR"])


def processed(user_id: int, recognition: Recognition, seed: int, today=None) -> dict:
    """`recognition` as the reading of picture `seed` uploaded by the user, through the whole
    check, decision and ledger path (pipeline.process) of the app whose context is open, on
    2026-05-01 unless `today` says otherwise."""
    from datetime import date

    from limitup.pipeline import process
    from limitup.store import pipeline_settings
    db = get_db()
    return process(db, queued_credential(db, user_id, ingested(seed)), recognition,
                   pipeline_settings(), today=today or date(2026, 5, 1))


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
