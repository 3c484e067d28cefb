"""limitup: certificate photo in, bounded credit-ceiling bonus out.

The package reads as the pipeline: ingest -> ocr -> recognise -> verify -> score -> limits/ledger
-> api / web. create_app() wires configuration, storage and rules together.
"""
from __future__ import annotations

from flask import Flask

from limitup import store
from limitup.config import load_config
from limitup.rules import load_rules


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    config = load_config(test_config)
    app.config.update(config)
    # Invalid rules stop the start-up here, with the file and key named (RulesError).
    app.extensions["limitup.rules"] = load_rules(config["RULES_DIR"])
    store.init_app(app)

    from limitup import web
    web.init_app(app)
    from limitup import api
    api.init_app(app)
    from limitup import serving
    serving.init_app(app)       # last: its hook refuses an unread body before any other runs
    from limitup.ingest import budget
    budget.configure(config["DECODE_BUDGET_MB"], config["DECODE_WAIT_SECONDS"])
    return app
