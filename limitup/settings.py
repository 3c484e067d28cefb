"""Every setting limitup reads, declared once: name, default, type, range and help.

`limitup.config` builds the configuration from this table (defaults, then LIMITUP_<KEY> from the
environment, then a mapping) and checks each value against it; the README's configuration table
is printed from it (`limitup settings --markdown`, checked by tests/core/test_settings.py); the
two settings read where the OCR engine loads (OCR_THREADS, TESSDATA) read it through
`from_environ`. A value that does not parse or is out of range stops the start with the variable
named and what was expected, rather than being replaced by its default.

Adding a setting is one row here (and the README table regenerated).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from limitup.ocr.registry import PRODUCT_ENGINES

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Types: how a value is parsed (the README's "type" column shows these words).
TEXT, PATH, URL, RATE, WHOLE, SECONDS = ("text", "path", "URL", "rate", "whole number",
                                         "seconds")
# Ranges, checked after parsing: a sweep every 0 s would spin, a job allowed 0 attempts would
# never run; such values are refused at start, not clamped.
POSITIVE, NON_NEGATIVE = "more than 0", "0 or more"


class ConfigError(Exception):
    """A configuration value is invalid; the message names the variable and what was expected."""


@dataclass(frozen=True)
class Setting:
    key: str                    # the config key; the environment variable is LIMITUP_<key>
    default: object
    type: str = TEXT
    help: str = ""
    range: str | None = None    # POSITIVE, NON_NEGATIVE or None (any value of the type)
    shown: str | None = None    # the default as documented, when it is computed or long
    env: bool = True            # read from the environment (False: the config mapping only)
    # "app": part of the app's config mapping. "process": read from the environment where the
    # OCR engine loads (engines are shared by every app in the process), checked at start too.
    scope: str = "app"
    choices: tuple = ()         # the only values allowed, when a fixed few

    @property
    def variable(self) -> str:
        return f"LIMITUP_{self.key}"


SETTINGS = (
    Setting("DATA_DIR", "var", PATH,
            "everything limitup writes: the SQLite database, stored images, a generated secret "
            "key", shown="`./var`"),
    Setting("SECRET_KEY", None, TEXT,
            "signs tokens and sessions, keys the ID-number hashes; the same on the server and "
            "every worker", shown="generated into the data dir"),
    Setting("QUEUE_URL", None, URL,
            "`redis://host:port/db` spreads OCR over `limitup worker` processes",
            shown="unset (embedded thread)"),
    Setting("RULES_DIR", str(PROJECT_ROOT / "rules"), PATH,
            "the catalogue, scoring table, checks, limit policy and label words, as data",
            shown="`rules/` of the checkout"),
    Setting("MIGRATIONS_DIR", str(PROJECT_ROOT / "migrations"), PATH,
            "numbered SQL files applied in order", shown="`migrations/` of the checkout",
            env=False),
    Setting("MAX_UPLOAD_BYTES", 15 * 1024 * 1024, WHOLE, "largest accepted photo, in bytes",
            shown="15728640 (15 MiB)", range=POSITIVE),
    # Memory that decoding uploads may hold at once in one process, and how long an upload may
    # wait for it before it is answered 503 `busy` (limitup/ingest/budget.py, docs/intake.md).
    Setting("DECODE_BUDGET_MB", 1024, WHOLE,
            "memory (MB) that decoding uploads may hold at once in one process", range=POSITIVE),
    Setting("DECODE_WAIT_SECONDS", 30.0, SECONDS,
            "an upload waits this long for decoding memory before it is answered 503 `busy`",
            range=NON_NEGATIVE),
    Setting("RETENTION_DAYS", 90, WHOLE,
            "a stored image is deleted this many days after its credential's last status "
            "change (`limitup purge`)"),
    Setting("UPLOAD_RATE_LIMIT", "30 per hour", RATE,
            "uploads per user (API and web form share the counters)"),
    Setting("LIMIT_CHANGE_RATE_LIMIT", "60 per hour", RATE, "limit changes per user (API)"),
    Setting("TOKEN_TTL_SECONDS", 30 * 24 * 3600, WHOLE,
            "lifetime of a token from `limitup token`", env=False),
    Setting("OCR_ENGINE", "default", TEXT,
            "the OCR engine the server and workers read uploads with (bench-only variants, "
            "`rapidocr@SIDE` and `rapidocr-plain`, are refused)", choices=PRODUCT_ENGINES),
    # How long a request holding an Idempotency-Key, or a processor holding a job, may be silent
    # before another may take over: after a crash, recovery waits at most this long.
    Setting("IDEMPOTENCY_LEASE_SECONDS", 60, WHOLE,
            "a request holding an Idempotency-Key may be silent this long before another takes "
            "over"),
    Setting("JOB_LEASE_SECONDS", 120, WHOLE,
            "a processor holding a job may be silent this long before another takes over"),
    # The Redis queue (docs/deploy.md, "Settings"), read by `limitup serve` and `limitup worker`.
    Setting("QUEUE_HEARTBEAT_MS", 20000, WHOLE,
            "a broker process silent this long is presumed dead; its jobs are redelivered",
            range=POSITIVE),
    Setting("QUEUE_MAINTENANCE", 100000, WHOLE,
            "per million broker calls that run the redelivery maintenance", range=NON_NEGATIVE),
    Setting("QUEUE_MAX_ATTEMPTS", 3, WHOLE,
            "runs of one job (kills and failures) before the credential is dead-lettered",
            range=POSITIVE),
    Setting("QUEUE_TIME_LIMIT_MS", 300000, WHOLE,
            "one OCR job may run this long (then it fails and is retried)", range=POSITIVE),
    Setting("QUEUE_SWEEP_SECONDS", 30.0, SECONDS,
            "how often `serve` looks for credentials without a live job", range=POSITIVE),
    Setting("QUEUE_LOST_SECONDS", 120.0, SECONDS,
            "a job neither pending nor applied this long after sending is sent again",
            range=NON_NEGATIVE),
    Setting("QUEUE_PENDING_MAX_SECONDS", 6 * 3600.0, SECONDS,
            "a job still pending this long (its result dropped by the queue) is sent again",
            range=NON_NEGATIVE),
    Setting("WORKER_HOLD_SECONDS", 0.0, SECONDS,
            "test hook only: a worker waits this long before returning a result",
            range=NON_NEGATIVE),
    Setting("OCR_THREADS", None, WHOLE,
            "threads one OCR engine may use; worker pools running one process per core set 1 "
            "(`limitup worker` does)", range=POSITIVE,
            shown="`OMP_THREAD_LIMIT`, else 2 (at most the cores)", scope="process"),
    Setting("OCR_RUNTIME", "openvino", TEXT,
            "what runs RapidOCR's recognition model: OpenVINO (in bfloat16 on a CPU that has "
            "it: faster, the real sets read the same; docs/benchmarks.md) or onnxruntime; "
            "detection always runs on onnxruntime",
            choices=("openvino", "onnxruntime"), scope="process"),
    Setting("TESSDATA", "/usr/share/tesseract-ocr/5/tessdata", PATH,
            "Tesseract's language data (chi_sim, eng, osd)", scope="process"),
)
BY_KEY = {setting.key: setting for setting in SETTINGS}


def parse(setting: Setting, value):
    """The value as its type, checked against its range; ConfigError names the variable."""
    if setting.type == WHOLE:
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{setting.variable}: expected a whole number, "
                              f"got {value!r}") from None
    elif setting.type == SECONDS:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            seconds = math.nan
        if not math.isfinite(seconds):      # nan would pass every bound check below
            raise ConfigError(f"{setting.variable}: expected a number of seconds, "
                              f"got {value!r}")
        value = seconds
    if setting.choices and str(value).strip().lower() not in setting.choices:
        raise ConfigError(f"{setting.variable}: expected one of {', '.join(setting.choices)}, "
                          f"got {value!r}")
    if setting.range == POSITIVE and value <= 0:
        raise ConfigError(f"{setting.variable}: expected more than 0, got {value!r}")
    if setting.range == NON_NEGATIVE and value < 0:
        raise ConfigError(f"{setting.variable}: expected 0 or more, got {value!r}")
    return value


def from_environ(key: str, environ=None):
    """One setting from the environment (LIMITUP_<key>), parsed and checked; its default when
    unset or empty."""
    setting = BY_KEY[key]
    value = (os.environ if environ is None else environ).get(setting.variable)
    if value in (None, ""):
        return setting.default
    return parse(setting, value)


def markdown_table() -> str:
    """The README's configuration table: every setting read from the environment."""
    lines = ["| variable | default | type | range | what |", "|---|---|---|---|---|"]
    for setting in SETTINGS:
        if not setting.env:
            continue
        shown = setting.shown or f"`{setting.default}`"
        lines.append(f"| `{setting.variable}` | {shown} | {setting.type} | "
                     f"{_range_words(setting)} | {setting.help} |")
    return "\n".join(lines) + "\n"


def _range_words(setting: Setting) -> str:
    if setting.choices:
        return " · ".join(f"`{choice}`" for choice in setting.choices)
    if setting.range:
        return setting.range
    return "any" if setting.type in (WHOLE, SECONDS) else "—"
