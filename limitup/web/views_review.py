"""The reviewer console: the queue of held credentials, photo and fields side by side, decide."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from limitup import credentials
from limitup.credential_view import view
from limitup.errors import LimitupError, NotFound
from limitup.store import get_db, get_rules
from limitup.web import bp, i18n
from limitup.web.auth_session import current_user, reviewer_required
from limitup.web.forms import ReviewForm
from limitup.web.views_credentials import explain_reasons, photo_overlay


@bp.get("/review")
@reviewer_required
def review():
    # review_queue brings each held row with its owner's name: no query per item here.
    return render_template("review.html",
                           items=[_review_item(row) for row in credentials.review_queue(get_db())])


def _review_item(row: dict) -> dict:
    """One held credential as the page shows it: its view, reasons, photo, owner's name."""
    shown = view(row)
    return {"credential": shown, "reasons": explain_reasons(shown["reasons"]),
            "photo": photo_overlay(row), "account_name": row["account_name"],
            "own": row["user_id"] == current_user()["id"]}


@bp.post("/review/<int:credential_id>")
@reviewer_required
def review_decide(credential_id: int):
    form = ReviewForm(request.form)
    if not form.validate():
        flash(i18n.t("review.note_required"), "error")
        return redirect(url_for("web.review"), code=303)
    reviewer_id = current_user()["id"]
    try:
        if form.decision.data == "approve":
            credentials.approve(get_db(), credential_id, get_rules(), reviewer_id=reviewer_id,
                                note=form.note.data.strip(),
                                identity_note=form.identity_note.data)
        else:
            credentials.reject(get_db(), credential_id, get_rules(), reviewer_id=reviewer_id,
                               note=form.note.data.strip())
    except NotFound:
        abort(404)
    except credentials.OwnCredential:
        flash(i18n.t("review.own"), "error")
        return redirect(url_for("web.review"), code=303)
    except LimitupError as error:
        if error.code == "identity_note_required":
            flash(i18n.t("review.identity_required", id=credential_id), "error")
            return redirect(url_for("web.review"), code=303)
        flash(i18n.t("errors.generic", message=str(error)), "error")
        return redirect(url_for("web.review"), code=303)
    key = "review.approved" if form.decision.data == "approve" else "review.rejected"
    flash(i18n.t(key, id=credential_id), "ok")
    return redirect(url_for("web.review"), code=303)
