"""API fixtures: an app on a fresh data directory, users with tokens, a Flask test client.

No app context is pushed around the tests: each test-client request gets its own, as in a
real server (a shared context would share `g` between requests).
"""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from limitup import create_app
from limitup.auth import make_token
from tests.fixtures import user_maker


@pytest.fixture
def api_app(tmp_path):
    return create_app({"DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "test-secret"})


@pytest.fixture
def client(api_app):
    return api_app.test_client()


@pytest.fixture
def make_user(api_app):
    """make_user(name=..., base_fen=..., role=..., id_number=...) -> (user_id, headers)."""
    add_user = user_maker(api_app, first_serial=200)

    def make(name="张三", base_fen=500_000, used_fen=0, role="user", id_number=None):
        user_id = add_user(name=name, base_fen=base_fen, used_fen=used_fen, role=role,
                           id_number=id_number)
        token = make_token(user_id, role, api_app.config["SECRET_KEY"], 3600)
        return user_id, {"Authorization": f"Bearer {token}"}
    return make


def photo_bytes(width=900, height=640, text="not a certificate", fmt="PNG") -> bytes:
    """A plain, valid image (decodes, right size); recognition will not find a type in it."""
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).text((40, 40), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()
