"""The whole pipeline for one uploaded file, split so that processing can run apart:

    submit(db, user_id, image_bytes, settings, engine=...)   `limitup submit`: the upload path
        (uploads.accept) with the reading done at once -> the result
    process(db, credential_id, recognition, settings) -> result   (checks, decision, bonus via
        the ledger), for a reading done anywhere: the background processor, a queue worker
      = photo_redaction (the CPU work, before the write transaction)
        + decide (one write transaction; the redacted photo written last in it)

`process` may receive a recognition from another process (a queue worker). It is idempotent:
a credential that is no longer queued or processing is left as it is and its state returned.
The configuration comes in as `settings` (limitup.pipeline_settings), never from flask.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from limitup import accounts, credentials, ids, ledger, redact, uploads
from limitup.clock import today as real_today
from limitup.credential_view import view
from limitup.db import write
from limitup.pipeline_settings import PipelineSettings
from limitup.recognise.result import FIELD_NAMES, Recognition
from limitup.verify import checks, lookups
from limitup.verify.registry import RosterVerifier, registry_reasons

OPEN_STATUSES = ("queued", "processing")        # not decided yet: a recognition applies


def submit(db, user_id: int, image_bytes: bytes, settings: PipelineSettings, *, engine,
           today: date | None = None, now: datetime | None = None) -> dict:
    """Synchronously: intake, recognition, checks, decision, bonus. Raises LimitupError
    (code unreadable_image / too_large) before anything is stored when the file is no image."""
    from limitup.reader import read_image

    def read_now(credential_id: int, ingested) -> dict:
        # The decoded upload itself, not the stored JPEG read back: no second decode.
        recognition, timings = read_image(ingested.image, engine, settings.rules.catalogue,
                                          today=today)
        result = process(db, credential_id, recognition, settings, today=today, now=now)
        return {**result, "timings_ms": timings}
    return uploads.accept(db, user_id, image_bytes, settings, start=read_now, now=now)


def process(db, credential_id: int, recognition: Recognition, settings: PipelineSettings, *,
            today: date | None = None, now: datetime | None = None) -> dict:
    """Apply a recognition to a queued credential: checks, decision, storage, bonus, ledger,
    and the printed ID numbers filled on the stored photo. Call it outside a transaction."""
    redaction = photo_redaction(db, credential_id, recognition, settings.images_dir)
    return decide(db, credential_id, recognition, redaction, settings, today=today, now=now)


def photo_redaction(db, credential_id: int, recognition: Recognition,
                    images_dir) -> redact.Redaction | None:
    """The stored photo with every printed ID number filled (SPEC 7), encoded and not written;
    None when there is nothing to fill, or the credential is decided already.

    Decoding, painting and encoding the photo is CPU work (20 ms for a 1.5-megapixel scan,
    270 ms for a 12-megapixel phone photo, measured): done here, before the write transaction,
    so that other writers (uploads, limit changes, reviews) do not wait for it. The boxes are on the OCR page: the one recognition read the holder's number
    from (field_boxes["id_number"]) and every box the reader found showing an ID number
    (extras["id_boxes"], any document, any number of copies).
    """
    row = credentials.get(db, credential_id)
    if row["status"] not in OPEN_STATUSES or not row.get("image_name"):
        return None
    boxes = redact.boxes_to_fill(recognition)
    if not boxes:
        return None
    return redact.redacted_photo(images_dir, row["image_name"], boxes,
                                 (recognition.extras or {}).get("ocr_page"))


def decide(db, credential_id: int, recognition: Recognition,
           redaction: redact.Redaction | None, settings: PipelineSettings, *,
           today: date | None = None, now: datetime | None = None) -> dict:
    """`process` in one write transaction (the caller's, when it holds one): checks, decision,
    storage, bonus, ledger, and `redaction` (photo_redaction's, prepared before) written last."""
    rules, secret_key = settings.rules, settings.secret_key
    today = today or real_today()
    with write(db) as conn:
        row = credentials.get(db, credential_id)
        if row["status"] not in OPEN_STATUSES:
            return _result(db, credential_id, rules)          # already decided: idempotent
        if row["status"] == "queued":
            credentials.move(conn, credential_id, "processing", actor="system",
                             note="recognition received", now=now)
        user = accounts.get_user(db, row["user_id"])
        # The name read with the account's name in hand (checks.read_name_for_account): the
        # checks judge that reading; the stored recognition stays the blind one.
        read, name_check = checks.read_name_for_account(recognition, rules.catalogue,
                                                        user["name"])
        identity = _identity(read)
        reasons = checks.pure_reasons(
            read, kyc_name=user["name"], account_id_hash=user["id_hash"],
            secret_key=secret_key, rules=rules.checks, scoring=rules.scoring, today=today,
            edit_signals=row["edit_signals"])
        reasons += _database_reasons(conn, row, identity, read, rules, secret_key)
        reasons = list(dict.fromkeys(reasons))
        decision = rules.checks.decide(reasons)
        credentials.update(conn, credential_id, now=now, reasons=reasons,
                           name_check=name_check,
                           **_stored_columns(recognition, identity, rules, secret_key,
                                             holder_name=read.fields.get("holder_name")))
        credentials.move(conn, credential_id, decision, actor="system",
                         note=", ".join(reasons) or "all checks passed", now=now)
        if decision == "verified":
            credentials.rescore(db, row["user_id"], rules, now=now,
                                reason=f"credential #{credential_id} ({recognition.type}) verified")
        if redaction is not None:
            # Last, inside the transaction: a failed write leaves the credential undecided
            # (retried), never decided with the number legible on its photo; and the photo
            # changes only for the decision that commits (a credential decided meanwhile by
            # another processor returned above, its own redaction written with it).
            redaction.write()
    return _result(db, credential_id, rules)


def _identity(recognition: Recognition) -> dict:
    fields = recognition.fields or {}
    issued = checks.validity_start(recognition)
    return {"type": recognition.type,
            "cert_number": lookups.normalise_number(fields.get("cert_number")),
            "holder_name": lookups.normalise_holder(fields.get("holder_name")),
            "issuer": (recognition.extras or {}).get("issuer"),
            "year": issued.year if issued else None}


def _database_reasons(conn, row, identity, recognition, rules, secret_key) -> list[str]:
    """The image check always; the certificate checks only when the type was recognised."""
    duplicate_image = lookups.duplicate_image(conn, row["id"], row["user_id"], row["image_phash"],
                                              rules.checks.duplicate_image_max_distance)
    if recognition.type is None:
        return duplicate_image
    return (lookups.already_counted(conn, row["id"], row["user_id"], identity,
                                    row["image_sha256"])
            + lookups.duplicate_certificate(conn, row["id"], row["user_id"], identity)
            + duplicate_image
            + registry_reasons([RosterVerifier(conn, secret_key)], recognition.type,
                               recognition.fields or {}))


def _stored_columns(recognition: Recognition, identity: dict, rules, secret_key,
                    holder_name: str | None = None) -> dict:
    """What is kept of a recognition: no ID number in clear anywhere. `holder_name`: the name
    the checks compared (a guided read's), kept in the holder_name column."""
    fields = recognition.fields or {}
    printed_id = checks.printed_id_number(recognition)
    end = checks.expires_on(recognition.type, checks.validity_start(recognition), rules.checks)
    score = fields.get("score")
    try:
        score = float(score) if score is not None else None
    except (TypeError, ValueError):
        score = None
    kept = {**recognition.as_json(), "field_boxes": field_box_coordinates(recognition),
            "ocr_page": ocr_page_geometry(recognition)}
    stored_json = ids.mask_ids_in_text(json.dumps(kept, ensure_ascii=False))
    return {
        "type": recognition.type, "holder_name": holder_name or fields.get("holder_name"),
        "holder_key": identity["holder_name"], "cert_number": identity["cert_number"],
        "issue_date": fields.get("issue_date"), "level": fields.get("level"), "score": score,
        "issuer": identity["issuer"], "year": identity["year"],
        "holder_id_hash": ids.id_hash(printed_id, secret_key) if printed_id else None,
        "holder_id_mask": ids.mask_id(printed_id) if printed_id else None,
        "ocr_text": _masked_text(recognition), "recognition": json.loads(stored_json),
        "expires_on": end.isoformat() if end else None,
    }


def field_box_coordinates(recognition: Recognition) -> dict:
    """{field: [x0, y0, x1, y1]} on the OCR page for the five SPEC fields that have a box, so the
    credential page can draw them on the stored photo (limitup.web.boxes)."""
    boxes = recognition.field_boxes or {}
    return {name: boxes[name].box.to_json() for name in FIELD_NAMES
            if boxes.get(name) is not None}


def ocr_page_geometry(recognition: Recognition) -> dict | None:
    """How the reader turned and scaled the stored photo into the OCR page (reader.read_image's
    extras["ocr_page"]): only the geometry and the engine's name."""
    page = (recognition.extras or {}).get("ocr_page")
    if not isinstance(page, dict):
        return None
    return {key: page[key] for key in ("engine", "turn", "scale", "size") if key in page}


def _masked_text(recognition: Recognition) -> str | None:
    extras = recognition.extras or {}
    text = extras.get("ocr_text")
    if not text:
        boxes = [box for box in (recognition.field_boxes or {}).values() if box is not None]
        text = "\n".join(box.text for box in boxes) or None
    return ids.mask_ids_in_text(text) if text else None


def _result(db, credential_id: int, rules) -> dict:
    row = credentials.get(db, credential_id)
    return {**view(row),
            "account": ledger.account(db, row["user_id"], rules.limits)}
