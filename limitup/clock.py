"""The one place that reads the wall clock, so tests and the CLI can inject another 'now'."""
from __future__ import annotations

from datetime import date, datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def today() -> date:
    return utcnow().date()


def iso(moment: datetime) -> str:
    """2026-11-28T14:03:05.123Z: sortable as text, as stored in SQLite."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
