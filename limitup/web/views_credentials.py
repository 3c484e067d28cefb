"""Upload a certificate photo, follow its credential, see the photo with the fields drawn on it,
withdraw it. The plain forms work without JavaScript (POST, then redirect)."""
from __future__ import annotations

import io
import secrets

from flask import (abort, current_app, flash, jsonify, redirect, render_template, request,
                   send_file, url_for)
from PIL import Image
from wtforms.validators import AnyOf

from limitup import credentials, uploads
from limitup.credential_view import view
from limitup.errors import LimitupError, NotFound
from limitup.ingest import load_stored, stored_path
from limitup.store import get_db, get_rules, pipeline_settings
from limitup.web import bp, i18n
from limitup.web.auth_session import current_user, is_reviewer, login_required
from limitup.web.boxes import overlay
from limitup.web.formatting import explanation_lines
from limitup.web.forms import UploadForm
from limitup.web.type_names import type_name
from limitup.web.uploads import PENDING, upload_tokens

UNDECIDED = ("queued", "processing")
# Multipart framing around the file: the body may exceed the file by this much.
MULTIPART_SLACK_BYTES = 64 * 1024


def _catalogue_ids() -> list[str]:
    rules = get_rules()
    scoring_order = list(rules.scoring.types)
    ids = list(rules.catalogue) or scoring_order
    return sorted(ids, key=lambda type_id: scoring_order.index(type_id)
                  if type_id in scoring_order else 999)


def _upload_form() -> UploadForm:
    form = UploadForm(request.form if request.method == "POST" else None)
    form.type_hint.validators = [AnyOf(["auto", *_catalogue_ids()])]
    return form


def _upload_page(form: UploadForm, error: str | None = None, status: int = 200):
    mb = current_app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
    return render_template("upload.html", form=form, error=error, types=_catalogue_ids(),
                           upload_token=secrets.token_urlsafe(18), max_mb=f"{mb:g}"), status


@bp.get("/upload")
@login_required
def upload():
    return _upload_page(_upload_form())


@bp.post("/upload")
@login_required
def upload_post():
    # Refuse an oversized body before reading it (413 page), as the API does.
    request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"] + MULTIPART_SLACK_BYTES
    form = _upload_form()
    if not form.validate():
        return _upload_page(form, i18n.t("errors.csrf"), 400)
    user = current_user()
    token = form.upload_token.data
    earlier = upload_tokens(current_app).claim(user["id"], token)
    if earlier is not None:
        if earlier == PENDING:
            flash(i18n.t("upload.duplicate_submit"), "info")
            return redirect(url_for("web.home"), code=303)
        return redirect(url_for("web.credential", credential_id=earlier), code=303)
    try:
        credential_id = _store_upload(user["id"], form.type_hint.data, token)
    except LimitupError as error:
        upload_tokens(current_app).release(user["id"], token)
        return _upload_page(form, _upload_error(error), error.status or 422)
    except BaseException:
        upload_tokens(current_app).release(user["id"], token)
        raise
    upload_tokens(current_app).settle(user["id"], token, credential_id)
    return redirect(url_for("web.credential", credential_id=credential_id), code=303)


def _store_upload(user_id: int, type_hint: str, token: str) -> int:
    photo = request.files.get("photo")
    data = photo.read() if photo else b""
    if not data:
        raise LimitupError(i18n.t("upload.no_file"), code="no_file", status=422)
    # The token also goes on the credential: after a restart (the claims above are in memory)
    # the resubmitted form still lands on the first credential.
    # The chosen type is kept on the credential (shown next to what recognition reads); the
    # reader still detects the type itself, so a wrong choice cannot make a wrong decision.
    return uploads.accept(get_db(), user_id, data, pipeline_settings(),
                          start=uploads.in_background(current_app.config),
                          upload_key=f"web:{token}",
                          type_hint=None if type_hint == "auto" else type_hint)


def _upload_error(error: LimitupError) -> str:
    if error.code == "too_large":
        mb = current_app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
        return i18n.t("errors.too_large", mb=f"{mb:g}")
    if error.code == "unreadable_image":
        return i18n.t("upload.unreadable", message=str(error))
    return str(error)


def _visible_credential(credential_id: int) -> dict:
    """The credential if the visitor owns it or reviews; 404 otherwise (no existence oracle)."""
    user = current_user()
    try:
        row = credentials.get(get_db(), credential_id)
    except NotFound:
        abort(404)
    if row["user_id"] != user["id"] and not is_reviewer(user):
        abort(404)
    return row


def explain_reasons(codes: list[str]) -> list[dict]:
    explained = []
    for code in codes or []:
        if i18n.has(f"reason.{code}.text"):
            explained.append({"code": code, "text": i18n.t(f"reason.{code}.text"),
                              "todo": i18n.t(f"reason.{code}.todo")})
        else:
            explained.append({"code": code, "text": i18n.t("reason.unknown.text", code=code),
                              "todo": i18n.t("reason.unknown.todo")})
    return explained


def photo_overlay(row: dict) -> dict:
    """The stored photo's size and the field boxes to draw on it (empty when none kept)."""
    size = _image_size(row)
    recognition = row.get("recognition") or {}
    boxes = overlay(recognition.get("field_boxes"), size,
                    recognition.get("ocr_page")) if size else []
    return {"size": size, "boxes": boxes}


def _image_size(row: dict):
    """Read from the file's header only (Image.open is lazy): no need to load the whole photo."""
    if not row.get("image_name"):
        return None
    try:
        path = stored_path(current_app.config["IMAGES_DIR"], row["image_name"])
        with Image.open(path) as image:
            return image.size
    except (LimitupError, FileNotFoundError):
        return None


@bp.get("/credentials/<int:credential_id>")
@login_required
def credential(credential_id: int):
    row = _visible_credential(credential_id)
    shown = view(row)
    return render_template(
        "credential.html", credential=shown, reasons=explain_reasons(shown["reasons"]),
        photo=photo_overlay(row), undecided=shown["status"] in UNDECIDED,
        explanation=_explanation(shown),
        transitions=credentials.transitions(get_db(), credential_id),
        owner=row["user_id"] == current_user()["id"])


def _explanation(shown: dict) -> list[str]:
    if shown["status"] != "verified" or not shown["explanation"]:
        return []
    bonus = credentials.explain(get_db(), shown["user_id"], get_rules())
    return explanation_lines(shown["explanation"], bonus, i18n.t, type_name)


@bp.get("/credentials/<int:credential_id>/status")
@login_required
def credential_status(credential_id: int):
    """A small JSON poll for the upload page's progress (the page itself refreshes without JS)."""
    row = _visible_credential(credential_id)
    response = jsonify({"status": row["status"], "decided": row["status"] not in UNDECIDED})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/credentials/<int:credential_id>/image")
@login_required
def credential_image(credential_id: int):
    """The stored photo, to its owner and reviewers only, never cached by shared caches."""
    row = _visible_credential(credential_id)
    try:
        data = load_stored(current_app.config["IMAGES_DIR"], row.get("image_name"))
    except LimitupError:
        abort(404)
    if row["user_id"] != current_user()["id"]:   # a reviewer looked at someone's certificate
        _audit_image_view(row)
    response = send_file(io.BytesIO(data), mimetype="image/jpeg", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _audit_image_view(row: dict) -> None:
    from limitup.db import write
    from limitup.retention import audit
    with write(get_db()) as conn:
        audit(conn, "image_viewed", actor="reviewer", actor_id=current_user()["id"],
              credential_id=row["id"], details={"owner_id": row["user_id"]})


@bp.post("/credentials/<int:credential_id>/withdraw")
@login_required
def credential_withdraw(credential_id: int):
    """Without `confirmed`: the confirm page. With it: withdraw (owner only, verified only)."""
    row = _visible_credential(credential_id)
    if row["user_id"] != current_user()["id"]:
        abort(404)
    if request.form.get("confirmed") != "yes":
        return render_template("withdraw_confirm.html", credential=view(row))
    try:
        credentials.withdraw(get_db(), credential_id, get_rules(), user_id=current_user()["id"])
    except LimitupError as error:
        flash(i18n.t("errors.generic", message=str(error)), "error")
    else:
        flash(i18n.t("credential.withdrawn_done"), "ok")
    return redirect(url_for("web.credential", credential_id=credential_id), code=303)
