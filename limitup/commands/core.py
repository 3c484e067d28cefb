"""Set-up and serving: migrate, rules check, serve."""
from __future__ import annotations

import signal

import click
from flask import current_app

from limitup import db as dbmod
from limitup.cli import emit, with_app
from limitup.store import get_db


@click.command()
@with_app
def migrate():
    """Apply pending migrations and list them all."""
    for row in dbmod.migrate(get_db(), current_app.config["MIGRATIONS_DIR"]):
        emit(row)


@click.group()
def rules():
    """Rules files (catalogue, scoring, limits)."""


@rules.command("check")
@click.option("--dir", "rules_dir", type=click.Path(file_okay=False), default=None,
              help="Rules folder to check (default: the configured one).")
def rules_check(rules_dir):
    """Validate the rules files; name the file and key of every problem."""
    from limitup.config import load_config
    from limitup.rules import load_rules
    loaded = load_rules(rules_dir or load_config()["RULES_DIR"])
    click.echo("rules ok: " + ", ".join(f"{name}" for name in loaded.sections), err=True)


def _stop_serving(*_):
    raise KeyboardInterrupt


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
def serve(host, port, threads):
    """Serve the web form and the API (waitress, a production WSGI server)."""
    from limitup import create_app, serving
    from limitup.jobs import start_processor
    from limitup.logs import configure_logging
    configure_logging()          # first: request failures and processed credentials, IDs masked
    app = create_app()
    # Held open for the life of the server: SQLite deletes the -wal and -shm files when the last
    # connection closes, and each request opens its own; on a full disk they could then not be
    # made again and even reads and /healthz would fail. With them kept, writes answer 503.
    keeper = dbmod.connect(app.config["DATABASE"])
    # Uploads are processed in the background of this process (or by the queue's workers
    # when LIMITUP_QUEUE_URL is set); a restart resumes what was queued.
    processor = start_processor(app)
    signal.signal(signal.SIGTERM, _stop_serving)   # stop cleanly: finish the current job's write
    click.echo(f"limitup serving on http://{host}:{port}", err=True)
    try:
        serving.serve(app, host=host, port=port, threads=threads)
    finally:
        processor.stop()
        keeper.conn.close()


@click.command("settings")
@click.option("--markdown", is_flag=True, help="Print the README's configuration table.")
def settings_command(markdown):
    """The LIMITUP_* settings as declared (limitup/settings.py): one JSON line each, or a table.

    Values in effect are not printed (one of them is the secret key)."""
    from limitup.settings import SETTINGS, markdown_table
    if markdown:
        click.echo(markdown_table(), nl=False)
        return
    for setting in SETTINGS:
        if setting.env:
            emit({"variable": setting.variable, "default": setting.default,
                  "type": setting.type, "range": setting.range, "help": setting.help})


COMMANDS = [migrate, rules, serve, settings_command]
