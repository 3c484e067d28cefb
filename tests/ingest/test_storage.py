"""Stored images: random names, atomic writes, and no path a user can steer."""
from __future__ import annotations

import os
import stat

import pytest

from limitup.errors import LimitupError
from limitup.ingest import ingest, is_stored_name, load_stored, store_image
from tests.ingest import images


@pytest.fixture
def ingested():
    return ingest(images.jpeg(), max_bytes=10 * 1024 * 1024)


def test_store_and_load_round_trip(tmp_path, ingested):
    images_dir = tmp_path / "data" / "images"
    name = store_image(ingested, images_dir)
    assert is_stored_name(name) and len(name) == 36
    assert load_stored(images_dir, name) == ingested.stored_bytes
    assert stat.S_IMODE(os.stat(images_dir / name).st_mode) == 0o600
    assert os.listdir(images_dir) == [name]  # no temporary file left behind


def test_every_store_gets_a_fresh_name(tmp_path, ingested):
    names = {store_image(ingested, tmp_path) for _ in range(5)}
    assert len(names) == 5


@pytest.mark.parametrize("name", [
    "../secret_key", "../../etc/passwd", "/etc/passwd", "..", "", "a" * 32 + ".jpg/",
    "A" * 32 + ".jpg", "a" * 31 + ".jpg", "a" * 32 + ".png", "a" * 32, "a" * 32 + ".jpg\n",
    "a" * 32 + ".jpg\x00", "g" * 32 + ".jpg", "..%2f..%2fsecret_key", None, b"a" * 32 + b".jpg",
])
def test_names_that_are_not_ours_are_refused(tmp_path, name):
    (tmp_path / "secret_key").write_text("do not leak")
    with pytest.raises(LimitupError) as caught:
        load_stored(tmp_path / "images", name)
    assert caught.value.status == 400


def test_missing_image_is_not_found(tmp_path):
    with pytest.raises(LimitupError) as caught:
        load_stored(tmp_path, "0" * 32 + ".jpg")
    assert caught.value.status == 404
