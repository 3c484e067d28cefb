"""Per-app-context database handle (flaskr's get_db), migrated on first use; the app's rules and
the settings its pipeline is called with."""
from __future__ import annotations

from flask import Flask, current_app, g

from limitup import db as dbmod
from limitup.pipeline_settings import PipelineSettings


def init_app(app: Flask) -> None:
    # Every entry point brings the data directory up to date by itself.
    database = dbmod.connect(app.config["DATABASE"])
    try:
        dbmod.migrate(database, app.config["MIGRATIONS_DIR"])
    finally:
        database.conn.close()
    app.teardown_appcontext(close_db)


def get_db():
    if "db" not in g:
        g.db = dbmod.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc=None) -> None:
    database = g.pop("db", None)
    if database is not None:
        database.conn.close()


def get_rules():
    return current_app.extensions["limitup.rules"]


def pipeline_settings() -> PipelineSettings:
    """This app's settings for limitup.uploads and limitup.pipeline."""
    return PipelineSettings.from_config(current_app.config, get_rules())
