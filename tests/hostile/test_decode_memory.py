"""Issue 21, 5: eight 16-bit PNGs that decode large, uploaded at once to a running server, keep
its peak memory within the decode budget, and each gets a clear answer.

The server decodes within DECODE_BUDGET_MB (here 512): each upload's cost is estimated from its
header (16-bit RGBA decodes to 8-bit RGBA: 12 bytes a pixel with the conversion to RGB), taken
before decoding, and the RGB image an upload keeps stays counted until its request ends. The
server runs with a Redis queue and no worker, so what it holds is intake alone (no OCR runs in
it, as on the web machines of docs/deploy.md); the embedded processor's one OCR job at a time
is not what this measures.

Before: the same eight took the server from 135 MB idle to a peak of 2693 MB (all at once).
"""
from __future__ import annotations

import threading

import pytest
import requests

from limitup.jobs.redis_server import TemporaryRedis
from tests.hostile.conftest import PROBLEM, add_user
from tests.hostile.memory import status_bytes
from tests.hostile.server import Server
from tests.ingest import images

MB = 1024 * 1024
BUDGET_MB = 512
SIDE = 4500                # 20 million pixels: under the 40 million limit; a 190 KB file
UPLOADS = 8
# Beyond the budget: the eight multipart bodies, request threads, allocator slack.
SLACK = 96 * MB


@pytest.fixture
def queued_server(tmp_path):
    redis = TemporaryRedis().start()
    server = Server(tmp_path / "data", tmp_path / "logs",
                    env={"LIMITUP_QUEUE_URL": redis.url, "LIMITUP_DECODE_BUDGET_MB": str(BUDGET_MB),
                         "LIMITUP_DECODE_WAIT_SECONDS": "120"})
    server.start()
    yield server
    server.stop()
    redis.stop()


def test_eight_parallel_sixteen_bit_pngs_stay_within_the_decode_budget(queued_server, tmp_path):
    server = queued_server
    _, headers = add_user(tmp_path / "data")
    body = images.sixteen_bit_png(SIDE, colour_type=6)
    assert len(body) < 250_000
    idle = status_bytes(server.process.pid, "VmRSS")
    answers: list = []

    def upload(number: int):
        try:
            response = requests.post(f"{server.api}/credentials", headers=headers, timeout=180,
                                     files={"image": (f"wide{number}.png", body, "image/png")})
            answers.append((response.status_code, response.headers.get("Content-Type"),
                            response.json()))
        except requests.RequestException as error:      # no answer at all is a failure too
            answers.append((None, None, repr(error)))

    threads = [threading.Thread(target=upload, args=(number,)) for number in range(UPLOADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(200)
    peak = status_bytes(server.process.pid, "VmHWM")

    assert len(answers) == UPLOADS
    for status, content_type, payload in answers:
        # accepted, or refused with a reason; never a 5xx other than a stated `busy`
        assert status in (202, 422, 503), (status, payload)
        if status != 202:
            assert content_type == PROBLEM and payload["code"] in ("unreadable_image", "busy")
    assert [status for status, _, _ in answers].count(202) == UPLOADS   # the wait is long enough
    grown = peak - idle
    print(f"decode memory: idle {idle / MB:.0f} MB, peak {peak / MB:.0f} MB")
    assert grown <= BUDGET_MB * MB + SLACK, (
        f"peak {peak / MB:.0f} MB = idle {idle / MB:.0f} MB + {grown / MB:.0f} MB; "
        f"budget {BUDGET_MB} MB")
    assert server.healthy()
