"""`limitup token USER_ID [--ttl SECONDS]`: a bearer token for the API (and the web /login)."""
from __future__ import annotations

import click
from flask import current_app

from limitup import accounts
from limitup.auth import make_token
from limitup.cli import with_app
from limitup.store import get_db


@click.command()
@click.argument("user_id", type=click.IntRange(min=1))
@click.option("--ttl", type=click.IntRange(min=1), default=None,
              help="Lifetime in seconds (default: TOKEN_TTL_SECONDS, 30 days).")
@with_app
def token(user_id, ttl):
    """Print a signed, expiring bearer token for USER_ID, with the user's role."""
    user = accounts.get_user(get_db(), user_id)
    ttl = ttl or current_app.config["TOKEN_TTL_SECONDS"]
    click.echo(make_token(user["id"], user["role"], current_app.config["SECRET_KEY"], ttl))


COMMANDS = [token]
