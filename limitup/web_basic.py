"""Home page and health check (the web issue replaces the home page with the real form)."""
from flask import Blueprint, jsonify

from limitup.store import get_db

bp = Blueprint("basic", __name__)


@bp.get("/healthz")
def healthz():
    get_db().execute("SELECT 1")
    return jsonify({"status": "ok"})


@bp.get("/")
def home():
    return "<!doctype html><title>limitup</title><h1>limitup</h1>"
