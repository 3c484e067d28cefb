"""Reason codes about images, on real image bytes: unreadable_image, edited_image_suspected."""
import io
from datetime import date

import pytest
from PIL import Image

from limitup import pipeline
from limitup.errors import LimitupError
from limitup.ingest import ingest
from limitup.store import get_db, pipeline_settings

from tests.fixtures import add_user, golden, picture, queued_credential


def test_unreadable_file_stores_nothing(app):
    wang = add_user("王小明", "11010119900307123")
    with pytest.raises(LimitupError) as error:
        pipeline.submit(get_db(), wang, b"%PDF-1.4 not a photo", pipeline_settings(),
                        engine=object(), today=date(2026, 5, 1))
    assert error.value.code == "unreadable_image"
    assert get_db().execute("SELECT count(*) FROM credentials").fetchone()[0] == 0


def test_photoshop_metadata_is_held_for_review(app):
    wang = add_user("王小明", "11010119900307123")
    image = Image.open(io.BytesIO(picture(3)))
    exif = Image.Exif()
    exif[0x0131] = "Adobe Photoshop 25.0 (Windows)"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    edited = ingest(out.getvalue(), max_bytes=10_000_000)
    assert edited.edit_signals
    credential_id = queued_credential(get_db(), wang, edited)
    result = pipeline.process(get_db(), credential_id, golden("cpa", number="202300123456"),
                              pipeline_settings(), today=date(2026, 5, 1))
    assert result["status"] == "needs_review" and result["reasons"] == ["edited_image_suspected"]
    assert result["account"]["bonus_fen"] == 0
