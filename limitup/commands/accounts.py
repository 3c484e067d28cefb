"""Operators' commands for users, accounts and limits. Amounts are given in yuan, printed in fen."""
from __future__ import annotations

import click
from flask import current_app

from limitup import accounts, ledger
from limitup.cli import emit, with_app
from limitup.money import yuan_to_fen
from limitup.store import get_db, get_rules

ACTORS = click.Choice(["user", "reviewer", "operator", "system"])


def _yuan(ctx, param, value):
    if value is None:
        return None
    try:
        return yuan_to_fen(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _account(user_id: int) -> dict:
    data = ledger.account(get_db(), user_id, get_rules().limits)
    return {key: data[key] for key in ("base_fen", "used_fen", "bonus_fen", "ceiling_fen",
                                        "floor_fen", "current_fen", "step_fen")}


@click.group()
def users():
    """Users (holders of accounts), reviewers and operators."""


@users.command("add")
@click.option("--name", required=True, help="The verified (KYC) name.")
@click.option("--id-number", required=True, help="18-character resident ID (stored hashed).")
@click.option("--base", "base_fen", required=True, callback=_yuan, help="Base limit, yuan.")
@click.option("--used", "used_fen", default="0", callback=_yuan, help="Outstanding, yuan.")
@click.option("--role", type=click.Choice(accounts.ROLES), default="user", show_default=True)
@with_app
def users_add(name, id_number, base_fen, used_fen, role):
    """Add a user and open their account; prints {"id": ...}."""
    user_id = accounts.add_user(get_db(), name=name, id_number=id_number, base_fen=base_fen,
                                used_fen=used_fen, role=role,
                                secret_key=current_app.config["SECRET_KEY"],
                                policy=get_rules().limits)
    emit({"id": user_id})


@users.command("list")
@with_app
def users_list():
    """One JSON line per user (ID numbers masked)."""
    for user in accounts.list_users(get_db()):
        emit(user)


@click.command("account")
@click.argument("user_id", type=int)
@with_app
def account(user_id):
    """An account's figures in fen."""
    accounts.get_user(get_db(), user_id)
    emit(_account(user_id))


@click.command("ledger")
@click.argument("user_id", type=int)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@click.option("--verify", is_flag=True, help="Replay the ledger and compare with the account.")
@with_app
def ledger_cmd(user_id, limit, verify):
    """An account's ledger, newest first (one JSON line per entry)."""
    accounts.get_user(get_db(), user_id)
    if verify:
        ledger.verify_account(get_db(), user_id)
        emit({"user_id": user_id, "ledger": "replays to the account"})
        return
    for entry in ledger.entries(get_db(), user_id, limit=limit):
        emit(entry)


def _setter(name: str, func, default_actor: str, help_text: str):
    @click.command(name)
    @click.argument("user_id", type=int)
    @click.argument("amount", callback=_yuan)
    @click.option("--actor", type=ACTORS, default=default_actor, show_default=True)
    @click.option("--reason", default=None, help="Why (kept in the ledger).")
    @click.option("--idempotency-key", default=None, help="Apply at most once for this key.")
    @click.option("--by", "actor_id", type=int, default=None,
                  help="The acting staff member's user id (recorded; refused on their own "
                       "account).")
    @with_app
    def command(user_id, amount, actor, reason, idempotency_key, actor_id):
        accounts.get_user(get_db(), user_id)
        if actor_id is not None:
            accounts.get_user(get_db(), actor_id)
        options = {"reason": reason} if reason else {}
        func(get_db(), user_id, amount, policy=get_rules().limits, actor=actor,
             actor_id=actor_id, idempotency_key=idempotency_key, **options)
        emit(_account(user_id))
    command.help = help_text
    return command


@click.group("limit")
def limit_group():
    """The limit the user chose (current)."""


@click.group("base")
def base_group():
    """The base limit from the credit system."""


@click.group("used")
def used_group():
    """The outstanding balance from the credit system."""


limit_group.add_command(_setter("set", ledger.set_current, "user",
                                "Set USER_ID's current limit to AMOUNT yuan (within bounds)."))
base_group.add_command(_setter("set", ledger.set_base, "operator",
                               "Set USER_ID's base limit to AMOUNT yuan."))
used_group.add_command(_setter("set", ledger.set_used, "operator",
                               "Set USER_ID's outstanding balance to AMOUNT yuan."))

COMMANDS = [users, account, ledger_cmd, limit_group, base_group, used_group]
