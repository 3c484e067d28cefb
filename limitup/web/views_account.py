"""Signing in and out, the language switch, and the home page."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for

from limitup import auth, credentials, ledger
from limitup.store import get_db, get_rules
from limitup.web import bp, i18n
from limitup.web.auth_session import current_user, sign_in, sign_out
from limitup.web.forms import safe_next


@bp.route("/login", methods=["GET", "POST"])
def login():
    """GET ?token=...: sign in and redirect at once, so the token leaves the address bar and the
    history. GET without a token: how to sign in. POST: a pasted token (never in a URL)."""
    token = request.args.get("token") if request.method == "GET" else request.form.get("token")
    if not token:
        return render_template("login.html")
    try:
        claims = auth.read_token(token.strip(), current_app.config["SECRET_KEY"])
    except auth.Unauthorized:
        response = current_app.make_response((render_template("login.html", invalid=True), 401))
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
    sign_in(claims["user_id"], claims["role"])
    if current_user() is None:  # a valid token for a user that no longer exists
        return render_template("login.html", invalid=True), 401
    flash(i18n.t("login.signed_in"), "ok")
    response = redirect(url_for("web.home"), code=303)
    response.headers["Referrer-Policy"] = "no-referrer"   # the token must not leak onwards
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
