"""The limit page: choose an amount with a slider, confirm it, see the history (the ledger)."""
from __future__ import annotations

import secrets

from flask import flash, redirect, render_template, request, url_for

from limitup import ledger
from limitup.errors import LimitupError
from limitup.money import AmountError, yuan_to_fen
from limitup.store import get_db, get_rules
from limitup.web import bp, i18n
from limitup.web.auth_session import current_user, login_required
from limitup.web.formatting import history_line, yuan
from limitup.web.forms import LimitChoiceForm, LimitConfirmForm


def _limit_page(message: str | None = None, status: int = 200):
    user = current_user()
    rules = get_rules()
    account = ledger.account(get_db(), user["id"], rules.limits)
    history = [{"entry": entry, "text": history_line(entry, i18n.t)}
               for entry in ledger.entries(get_db(), user["id"], limit=50)]
    return render_template("limit.html", account=account, history=history, error=message,
                           quota=rules.limits.raise_quota), status


@bp.get("/limit")
@login_required
def limit():
    return _limit_page()


@bp.post("/limit")
@login_required
def limit_choose():
    """Step 1: the chosen amount, checked against the bounds, shown for confirmation."""
    form = LimitChoiceForm(request.form)
    rules = get_rules()
    account = ledger.account(get_db(), current_user()["id"], rules.limits)
    chosen = _chosen_fen(form)
    problem = _problem(chosen, account)
    if problem:
        return _limit_page(problem, 422)
    if chosen == account["current_fen"]:
        return _limit_page(i18n.t("limit.same"), 200)
    raising = chosen > account["current_fen"]
    return render_template("limit_confirm.html", account=account, chosen=chosen, raising=raising,
                           quota=rules.limits.raise_quota,
                           change_token=secrets.token_urlsafe(18))


@bp.post("/limit/confirm")
@login_required
def limit_confirm():
    """Step 2: apply once (the form's token is the ledger's idempotency key), then show it."""
    form = LimitConfirmForm(request.form)
    if not form.validate():
        return _limit_page(i18n.t("limit.stale"), 422)
    user = current_user()
    try:
        result = ledger.set_current(
            get_db(), user["id"], form.current_fen.data, policy=get_rules().limits,
            actor="user", actor_id=user["id"], expected_version=form.version.data,
            idempotency_key=f"web-limit-{form.change_token.data}")
    except ledger.StaleVersion:
        return _limit_page(i18n.t("limit.stale"), 409)
    except LimitupError as error:
        return _limit_page(_rule_message(error.code, str(error)), 422)
    flash(i18n.t("limit.changed", amount=yuan(result.account["current_fen"])), "ok")
    return redirect(url_for("web.limit"), code=303)


def _chosen_fen(form: LimitChoiceForm) -> int | None:
    """The typed amount (no-JS number input, yuan) wins over the slider (fen) when given."""
    if not form.validate():
        return None
    if form.current_yuan.data:
        try:
            return yuan_to_fen(form.current_yuan.data.replace(",", ""))
        except AmountError:
            return None
    return form.current_fen.data


def _problem(chosen: int | None, account: dict) -> str | None:
    low, high = account["min_selectable_fen"], account["max_selectable_fen"]
    bounds = i18n.t("limit.range", low=yuan(low), high=yuan(high), step=yuan(account["step_fen"]))
    if chosen is None or chosen % account["step_fen"] or not low <= chosen <= high:
        return bounds
    if chosen > account["current_fen"] and account["raises_left"] <= 0:
        return i18n.t("limit.no_raises_left")
    return None


def _rule_message(code: str, fallback: str) -> str:
    if code == "raise_quota_exceeded":
        return i18n.t("limit.no_raises_left")
    if code in ("above_ceiling", "below_floor", "not_step_multiple", "invalid_amount"):
        return i18n.t("limit.stale")
    return i18n.t("errors.generic", message=fallback)
