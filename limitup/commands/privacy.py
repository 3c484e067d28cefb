"""`limitup purge`: delete stored images past the retention period (SPEC 7, docs/privacy.md)."""
from __future__ import annotations

import click
from flask import current_app

from limitup import retention
from limitup.cli import emit, with_app
from limitup.store import get_db


@click.command("purge")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Retention in days (default: RETENTION_DAYS, 90).")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
@click.option("--operator", "operator_id", type=int, default=None,
              help="Your user id, recorded in the audit log.")
@with_app
def purge(days, dry_run, operator_id):
    """Delete images whose credential was last decided more than DAYS ago, unless a review is
    open; each deletion is recorded in the audit log. Also deletes expired Idempotency-Key
    records (kept API responses). One JSON line per image, then a summary."""
    days = days or current_app.config["RETENTION_DAYS"]
    result = retention.purge(get_db(), current_app.config["IMAGES_DIR"], days,
                             dry_run=dry_run, actor="operator", actor_id=operator_id)
    keys = _expired_idempotency_keys(dry_run)
    for item in result["images"]:
        emit({"credential_id": item["credential_id"], "status": item["status"],
              "decided_at": item["since"], "deleted": item["deleted"]})
    emit({"summary": True, "run": result["run"], "retention_days": days, "dry_run": dry_run,
          "images": len(result["images"]), "orphans": len(result["orphans"]),
          "idempotency_keys_expired": keys})


def _expired_idempotency_keys(dry_run: bool) -> int:
    """Kept API responses (names, certificate numbers) past their 24 h: counted or deleted."""
    import time

    from limitup.api.idempotency import purge_expired
    if dry_run:
        return get_db().execute("SELECT count(*) FROM idempotency_keys WHERE expires_at < ?",
                                [time.time()]).fetchone()[0]
    return purge_expired(get_db())


COMMANDS = [purge]
