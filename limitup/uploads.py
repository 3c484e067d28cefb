"""The one upload path. The API (POST /api/v1/credentials), the web form (POST /upload) and
`limitup submit` (pipeline.submit) all call `accept`:

    accept(db, user_id, data, settings, start=...)
        = intake (limitup.ingest: limits, re-encode, metadata stripped)
          -> create_credential (the stored photo and a queued credential, one transaction)
          -> start(credential_id, ingested): hand the queued credential on

`in_background(config)` is the start of the API and the web form: the background processor
(limitup.jobs) reads the photo, and the request answers with the credential's id. `limitup submit`
reads it at once, in its own process (pipeline.submit).
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable, TypeVar

from limitup import accounts, credentials, jobs
from limitup.db import write
from limitup.ingest import IngestedImage, ingest, store_image, stored_path
from limitup.pipeline_settings import PipelineSettings

Started = TypeVar("Started")


def accept(db, user_id: int, data: bytes, settings: PipelineSettings, *,
           start: Callable[[int, IngestedImage], Started], upload_key: str | None = None,
           type_hint: str | None = None, now: datetime | None = None) -> Started:
    """Take a photo's bytes for the user's account; what `start` returns.

    Raises LimitupError before anything is stored: NotFound for an unknown user, `too_large`
    (413) or `unreadable_image` (422) for a body that is not a photo we accept, `busy` (503)
    when decoding memory stays taken. `upload_key` and `type_hint`: see create_credential.
    """
    accounts.get_user(db, user_id)
    ingested = ingest(data, max_bytes=settings.max_upload_bytes, decodes=settings.decodes)
    credential_id = create_credential(db, user_id, ingested, settings.images_dir,
                                      upload_key=upload_key, type_hint=type_hint, now=now)
    return start(credential_id, ingested)


def in_background(config) -> Callable[[int, IngestedImage], int]:
    """The start that hands a queued credential to the background processor (limitup.jobs,
    the backend `config` names) and returns its id."""
    def start(credential_id: int, _ingested: IngestedImage) -> int:
        jobs.enqueue(config, credential_id)
        return credential_id
    return start


def create_credential(db, user_id: int, ingested: IngestedImage, images_dir, *,
                      now: datetime | None = None, upload_key: str | None = None,
                      type_hint: str | None = None) -> int:
    """Store the re-encoded image under a random name and a queued credential pointing at it.

    `upload_key` (the request's Idempotency-Key or form token) is written with the credential in
    one transaction: a retry whose first attempt died before its idempotency record was kept
    gets the first credential back (credentials.by_upload_key) instead of a second one.
    `type_hint`: the catalogue type the user picked on the web form (None: detect it), kept to
    show next to what recognition read; the decision does not depend on it.
    """
    name = store_image(ingested, images_dir)
    with write(db) as conn:
        earlier = (credentials.by_upload_key(conn, user_id, upload_key, ingested.sha256)
                   if upload_key else None)
        if earlier is None:
            return credentials.insert(conn, user_id, image_name=name,
                                      image_phash=ingested.phash, image_sha256=ingested.sha256,
                                      edit_signals=list(ingested.edit_signals), now=now,
                                      upload_key=upload_key, type_hint=type_hint)
    stored_path(images_dir, name).unlink(missing_ok=True)   # the retry's copy is not needed
    return earlier
