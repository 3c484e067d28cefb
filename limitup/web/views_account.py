"""Signing in and out, the language switch, and the home page."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for

from limitup import auth, credentials, ledger
from limitup.store import get_db, get_rules
from limitup.web import bp, i18n
from limitup.web.auth_session import current_user, sign_in, sign_out
from limitup.web.forms import safe_next


@bp.get("/login")
def login():
    """GET without a token: how to sign in (paste one). GET ?token=...: a confirm page only.

    A GET never signs in (issue 21, login CSRF): a page on another site can open
    /login?token=<its own token>, and a silent sign-in would put the visitor into that account
    (their certificates would then go there). The confirm page names the account and posts the
    token back with this site's CSRF token; only that same-site POST starts the session."""
    token = request.args.get("token")
    if not token:
        return render_template("login.html")
    claims, name = _claims(token)
    if claims is None:
        return _no_referrer(render_template("login.html", invalid=True), 401)
    return _no_referrer(render_template("login_confirm.html", token=token.strip(),
                                        account_name=name), 200)


@bp.post("/login")
def login_post():
    """The confirm page's form, or a pasted token: CSRF-checked (security.py), then sign in."""
    claims, _ = _claims(request.form.get("token") or "")
    if claims is None or not sign_in(claims["user_id"], claims["role"],
                                     claims["expires_at"]):
        return _no_referrer(render_template("login.html", invalid=True), 401)
    flash(i18n.t("login.signed_in"), "ok")
    return _no_referrer(redirect(url_for("web.home"), code=303), None)


def _claims(token: str):
    """(the token's claims, the account's name), or (None, None) for a bad token or a user
    who no longer exists."""
    if not token.strip():
        return None, None
    try:
        claims = auth.read_token(token.strip(), current_app.config["SECRET_KEY"])
    except auth.Unauthorized:
        return None, None
    row = get_db().execute("SELECT name FROM users WHERE id = ?",
                           [claims["user_id"]]).fetchone()
    return (claims, row[0]) if row else (None, None)


def _no_referrer(body, status):
    """The token is in the address or the form: it must not leak onwards nor be cached."""
    response = current_app.make_response(body if status is None else (body, status))
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/logout")
def logout():
    sign_out()
    flash(i18n.t("login.signed_out"), "ok")
    return redirect(url_for("web.home"), code=303)


@bp.post("/language")
def language():
    chosen = request.form.get("lang")
    if chosen in i18n.LANGUAGES:
        session["lang"] = chosen
        session.permanent = True
    return redirect(safe_next(request.form.get("next")), code=303)


@bp.get("/")
def home():
    user = current_user()
    if user is None:
        return render_template("home_signed_out.html")
    rules = get_rules()
    account = ledger.account(get_db(), user["id"], rules.limits)
    owned = list(reversed(credentials.list_for_user(get_db(), user["id"])))
    return render_template("home.html", account=account, credentials=owned,
                           quota=rules.limits.raise_quota)
