"""Credentials from the command line: submit, withdraw, review, rosters, rescore, sweep, bonus."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app

from limitup import accounts, credentials, ledger
from limitup.auth import may_review
from limitup.cli import emit, with_app
from limitup.clock import today as real_today
from limitup.credential_view import view
from limitup.errors import LimitupError
from limitup.store import get_db, get_rules, pipeline_settings

ACCOUNT_KEYS = ("base_fen", "used_fen", "bonus_fen", "ceiling_fen", "floor_fen", "current_fen",
                "step_fen")
DATE = click.DateTime(formats=["%Y-%m-%d"])


def _account(account: dict) -> dict:
    return {key: account[key] for key in ACCOUNT_KEYS}


def _line(result: dict) -> dict:
    """The outcome of a command on a credential (its view and the account), one line."""
    return {"credential_id": result["id"], "status": result["status"],
            "type": result["type"], "fields": result["fields"], "reasons": result["reasons"],
            "bonus_fen": result["bonus_fen"], "account": _account(result["account"])}


@click.command("submit")
@click.option("--user", "user_id", required=True, type=int, help="The account's user id.")
@click.option("--engine", default=None, help="OCR engine (default: the configured one).")
@click.option("--today", type=DATE, default=None, help="Judge dates as of this day (YYYY-MM-DD).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@with_app
def submit(user_id, engine, today, files):
    """Run the whole pipeline on each FILE for USER; one JSON line per file."""
    from limitup import pipeline
    from limitup.ocr import get_engine
    db, settings = get_db(), pipeline_settings()
    accounts.get_user(db, user_id)
    ocr = get_engine(engine or current_app.config.get("OCR_ENGINE", "default"))
    day = today.date() if today else real_today()
    readable = 0
    for name in files:
        try:
            data = Path(name).read_bytes()
        except OSError as error:
            emit({"file": name, "error": "unreadable_image", "message": error.strerror or str(error)})
            continue
        try:
            result = pipeline.submit(db, user_id, data, settings, engine=ocr, today=day)
        except LimitupError as error:
            emit({"file": name, "error": error.code, "message": str(error)})
            continue
        readable += 1
        emit({"file": name, **_line(result)})
    if not readable:
        sys.exit(1)


@click.command("withdraw")
@click.argument("credential_id", type=int)
@with_app
def withdraw(credential_id):
    """Withdraw a verified credential (its bonus leaves the ceiling)."""
    emit(_line(credentials.withdraw(get_db(), credential_id, get_rules())))


def _reviewer(reviewer_id):
    if reviewer_id is None:
        return None
    user = accounts.get_user(get_db(), reviewer_id)
    if not may_review(user["role"]):   # the API's and the web console's rule
        raise LimitupError(f"user {reviewer_id} is not a reviewer", code="forbidden", status=403)
    return reviewer_id


@click.group("review")
def review():
    """The review queue: credentials held for a person to decide."""


@review.command("list")
@with_app
def review_list():
    """One JSON line per credential waiting for review, oldest first."""
    for row in credentials.review_queue(get_db()):
        # The credential view only (the row also holds hashes and file names); its id is named
        # credential_id, as in every line the command line prints about a credential.
        shown = view(row)
        emit({"credential_id": shown.pop("id"), **shown})


def _decision(action, credential_id, note, reviewer_id, **options):
    result = action(get_db(), credential_id, get_rules(), note=note,
                    reviewer_id=_reviewer(reviewer_id), **options)
    emit(_line(result))


_note = click.option("--note", required=True, help="Why (recorded with the decision).")
_who = click.option("--reviewer", "reviewer_id", type=int, default=None,
                    help="The reviewer's user id (recorded).")


@review.command("approve")
@click.argument("credential_id", type=int)
@_note
@_who
@click.option("--identity-note", default=None,
              help="How you know it is the holder's; required when nothing identifying was read.")
@with_app
def review_approve(credential_id, note, reviewer_id, identity_note):
    """Verify a held credential; its bonus enters the ceiling."""
    _decision(credentials.approve, credential_id, note, reviewer_id, identity_note=identity_note)


@review.command("reject")
@click.argument("credential_id", type=int)
@_note
@_who
@with_app
def review_reject(credential_id, note, reviewer_id):
    """Reject a held credential."""
    _decision(credentials.reject, credential_id, note, reviewer_id)


@review.command("revoke")
@click.argument("credential_id", type=int)
@_note
@_who
@with_app
def review_revoke(credential_id, note, reviewer_id):
    """Revoke a verified credential (e.g. found forged); its bonus leaves the ceiling."""
    _decision(credentials.revoke, credential_id, note, reviewer_id)


@click.group("rosters")
def rosters():
    """Issuer rosters (published lists) that confirm credentials."""


@rosters.command("import")
@click.argument("type_id")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_app
def rosters_import(type_id, file):
    """Import FILE.csv (columns: cert_number, holder_name, year) as TYPE's roster."""
    from limitup.verify.registry import import_roster
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LimitupError(f"{file}: not UTF-8 text", code="invalid_roster") from None
    emit(import_roster(get_db(), type_id, text, Path(file).name,
                       secret_key=current_app.config["SECRET_KEY"],
                       known_types=set(get_rules().scoring.types)))


@click.command("rescore")
@click.option("--user", "user_id", type=int, default=None, help="Only this account.")
@with_app
def rescore(user_id):
    """Recompute bonuses after a rules change; ledger entries only where a bonus changed."""
    db, rules = get_db(), get_rules()
    if user_id is not None:
        accounts.get_user(db, user_id)          # NotFound for an unknown --user
    users = [user_id] if user_id is not None else [u["id"] for u in accounts.list_users(db)]
    for uid in users:
        before = ledger.account(db, uid, rules.limits)
        after = credentials.rescore(db, uid, rules, actor="operator",
                                    reason="bonus recomputed after a rules change")
        emit({"user_id": uid, "bonus_before_fen": before["bonus_fen"],
              "bonus_fen": after["bonus_fen"], "changed": after["version"] != before["version"]})


@click.command("sweep")
@click.option("--today", type=DATE, default=None, help="Expire as of this day (default: today).")
@with_app
def sweep(today):
    """Expire verified credentials past their validity; one JSON line per expired credential."""
    for result in credentials.sweep(get_db(), get_rules(),
                                    today.date() if today else real_today()):
        emit(_line(result))


@click.command("bonus")
@click.argument("user_id", type=int)
@click.option("--text", "as_text", is_flag=True, help="Print the explanation as plain text.")
@with_app
def bonus(user_id, as_text):
    """How the account's bonus is reached, line by line."""
    accounts.get_user(get_db(), user_id)
    explanation = credentials.explain(get_db(), user_id, get_rules())
    if as_text:
        click.echo(explanation["text"])
    else:
        emit(explanation)


COMMANDS = [submit, withdraw, review, rosters, rescore, sweep, bonus]
