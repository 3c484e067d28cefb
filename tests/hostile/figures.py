"""Figures the reliability tests measure, printed as one JSON line each (`pytest -s` shows them;
docs/reliability.md quotes them)."""
from __future__ import annotations

import json
import threading

import requests


def report(test: str, **figures) -> None:
    print(f"\nFIGURES {test} " + json.dumps(figures, sort_keys=True))


def all_at_once(count: int, send) -> list:
    """Call send(i) from `count` threads released together; the responses (or exceptions)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        barrier.wait()
        try:
            results[index] = send(index)
        except requests.RequestException as error:
            results[index] = error
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results
