"""`limitup worker`: OCR worker processes for the Redis queue (issue 7, docs/deploy.md)."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time

import click

from limitup.config import load_config
from limitup.errors import LimitupError
from limitup.jobs import REDIS_URL_SCHEMES
from limitup.logs import configure_logging

RESTART_PAUSE_SECONDS = 2.0


@click.command()
@click.option("--queue-url", envvar="LIMITUP_QUEUE_URL", default=None,
              help="redis://host:port/db (default: LIMITUP_QUEUE_URL).")
@click.option("--concurrency", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes to run, each with one OCR engine on one core.")
def worker(queue_url, concurrency):
    """Read uploaded photos from the queue and return recognitions, until SIGTERM/SIGINT.

    Needs the server's LIMITUP_SECRET_KEY (or the same data directory) and no database."""
    if not (queue_url or "").startswith(REDIS_URL_SCHEMES):
        raise LimitupError("limitup worker needs a Redis queue: --queue-url redis://HOST:PORT/DB "
                           "or LIMITUP_QUEUE_URL", code="invalid_request")
    # Read (and check) the settings before anything starts: a bad value stops here with its
    # variable named, not in each child of a supervisor that would restart them for ever.
    config = load_config()
    configure_logging(sys.stderr)            # limitup/logs.py: ID numbers masked
    logging.getLogger("dramatiq").setLevel(logging.WARNING)
    stop = _stop_on_signals()
    if concurrency == 1:
        from limitup.jobs.redis_worker import run_worker
        run_worker(config, queue_url, stop)
    else:
        _supervise(queue_url, concurrency, stop)


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    return stop


def _supervise(queue_url: str, count: int, stop: threading.Event) -> None:
    """Run `count` single-process workers; restart one that dies; pass SIGTERM on at the end."""
    children = [_spawn(queue_url) for _ in range(count)]
    while not stop.wait(1.0):
        for index, child in enumerate(children):
            if child.poll() is not None:
                click.echo(f"worker {child.pid} exited ({child.returncode}); restarting", err=True)
                time.sleep(RESTART_PAUSE_SECONDS)
                children[index] = _spawn(queue_url)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        child.wait()


def _spawn(queue_url: str) -> subprocess.Popen:
    """A worker in its own session: it gets its own CPU share (kernel autogroup) and one orderly
    SIGTERM from us rather than the terminal's SIGINT too."""
    env = {**os.environ, "LIMITUP_QUEUE_URL": queue_url}
    return subprocess.Popen([sys.executable, "-c", "from limitup.cli import main; main()",
                             "worker", "--concurrency", "1"], env=env,
                            start_new_session=True)


COMMANDS = [worker]
