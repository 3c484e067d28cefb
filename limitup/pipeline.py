"""The whole pipeline for one uploaded file, split so the API can run its stages apart:

    submit(db, user_id, image_bytes)      = ingest -> create_credential -> read -> process
    create_credential(db, user_id, ingested) -> id      (stores the image, status queued)
    process(db, credential_id, recognition)  -> result  (checks, decision, bonus via the ledger)

`process` may receive a recognition from another process (a queue worker). It is idempotent:
a credential that is no longer queued or processing is left as it is and its state returned.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from limitup import accounts, credentials, ids, ledger
from limitup.clock import today as real_today
from limitup.db import write
from limitup.recognise.result import FIELD_NAMES, Recognition
from limitup.verify import checks, lookups
from limitup.verify.registry import RosterVerifier, registry_reasons


def _context(rules=None, secret_key=None, images_dir=None, max_bytes=None):
    """Fill what the caller did not pass from the app context."""
    if rules is None or secret_key is None or images_dir is None or max_bytes is None:
        from flask import current_app

        from limitup.store import get_rules
        rules = rules or get_rules()
        secret_key = secret_key or current_app.config["SECRET_KEY"]
        images_dir = images_dir or current_app.config["IMAGES_DIR"]
        max_bytes = max_bytes or current_app.config["MAX_UPLOAD_BYTES"]
    return rules, secret_key, images_dir, max_bytes


def submit(db, user_id: int, image_bytes: bytes, *, engine=None, today: date | None = None,
           rules=None, secret_key=None, images_dir=None, max_bytes=None,
           now: datetime | None = None) -> dict:
    """Synchronously: intake, recognition, checks, decision, bonus. Raises LimitupError
    (code unreadable_image / too_large) before anything is stored when the file is no image."""
    from limitup.ingest import ingest
    from limitup.reader import read_image
    rules, secret_key, images_dir, max_bytes = _context(rules, secret_key, images_dir, max_bytes)
    accounts.get_user(db, user_id)                       # NotFound before any work
    ingested = ingest(image_bytes, max_bytes=max_bytes)
    credential_id = create_credential(db, user_id, ingested, images_dir=images_dir, now=now)
    if engine is None:
        from limitup.ocr import get_engine
        engine = get_engine("default")
    recognition, timings = read_image(ingested.image, engine, rules.catalogue, today=today)
    result = process(db, credential_id, recognition, today=today, rules=rules,
                     secret_key=secret_key, now=now, images_dir=images_dir)
    result["timings_ms"] = timings
    return result


def create_credential(db, user_id: int, ingested, *, images_dir=None,
                      now: datetime | None = None, upload_key: str | None = None,
                      type_hint: str | None = None) -> int:
    """Store the re-encoded image under a random name and a queued credential pointing at it.

    `upload_key` (the request's Idempotency-Key or form token) is written with the credential in
    one transaction: a retry whose first attempt died before its idempotency record was kept
    gets the first credential back (credentials.by_upload_key) instead of a second one.
    `type_hint`: the catalogue type the user picked on the web form (None: detect it), kept to
    show next to what recognition read; the decision does not depend on it.
    """
    from limitup.ingest import store_image
    from limitup.ingest.storage import stored_path
    _, _, images_dir, _ = _context(images_dir=images_dir, rules=True, secret_key=True,
                                   max_bytes=True)
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


def process(db, credential_id: int, recognition: Recognition, *, today: date | None = None,
            rules=None, secret_key=None, now: datetime | None = None,
            images_dir=None) -> dict:
    """Apply a recognition to a queued credential: checks, decision, storage, bonus, ledger,
    and the printed ID number filled on the stored photo before the decision is committed."""
    rules, secret_key, _, _ = _context(rules, secret_key, images_dir=True, max_bytes=True)
    today = today or real_today()
    with write(db) as conn:
        row = credentials.get(db, credential_id)
        if row["status"] not in ("queued", "processing"):
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
        # Last, inside the transaction: a failed redaction leaves the credential undecided
        # (retried), never decided with the number legible on its photo.
        redact_printed_id(row, recognition, images_dir)
    return _result(db, credential_id, rules)


def redact_printed_id(row: dict, recognition: Recognition, images_dir=None) -> list:
    """Fill every printed ID number on the stored photo (SPEC 7); the filled rectangles.

    The boxes are on the OCR page: the one recognition read the holder's number from
    (field_boxes["id_number"]) and every box the reader found showing an ID number
    (extras["id_boxes"], any document, any number of copies); nothing to fill, nothing done.
    """
    from limitup import redact
    boxes = redact.boxes_to_fill(recognition)
    if not boxes or not row.get("image_name"):
        return []
    if images_dir is None:
        from flask import current_app
        images_dir = current_app.config["IMAGES_DIR"]
    return redact.redact_stored_image(images_dir, row["image_name"], boxes,
                                      (recognition.extras or {}).get("ocr_page"))


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
    return {**credentials.public_view(row),
            "account": ledger.account(db, row["user_id"], rules.limits)}
