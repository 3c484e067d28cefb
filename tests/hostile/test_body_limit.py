"""Issue 21, 4: a body over the limit is refused before it is read, by the real server.

Before, `MAX_CONTENT_LENGTH` was never set (setdefault on a key Flask defines as None) and
waitress read every body whole (up to its own 1 GB) before the application saw it: a 500 MB
upload was read, buffered and only then answered 413. Now waitress has the application's limit
(limitup/serving.py): a declared Content-Length over it is answered as soon as the headers are
in, a chunked body as soon as it passes it, with the application's own 413, and the connection
is closed with the rest unread.
"""
from __future__ import annotations

import json
import select
import socket
import time

import pytest

from tests.hostile.conftest import PROBLEM, add_user
from tests.hostile.memory import status_bytes
from tests.hostile.server import Server

MB = 1024 * 1024
BODY = 500 * MB                 # what the client offers to send
LIMIT = 15 * MB + 64 * 1024     # MAX_UPLOAD_BYTES + multipart framing (serving.body_limit)
BLOCK = b"x" * MB


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One server for the module (these tests only read from it): (server, user headers)."""
    root = tmp_path_factory.mktemp("body-limit")
    server = Server(root / "data", root / "logs")
    server.start()
    # The processor loads its OCR engine in the background after start (~100 MB, several
    # seconds): measured from before that, a body refused at once looked like 60-70 MB grown.
    server.wait_ocr_ready()
    _, headers = add_user(root / "data")
    yield server, headers
    server.stop()


def offer_body(port: int, path: str, headers: dict, *, chunked: bool) -> tuple[bytes, int]:
    """Send the headers, then stream up to 500 MB until the server answers; (answer, bytes
    sent). The answer is read while sending, as a browser would."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1",
             "Content-Type: multipart/form-data; boundary=limitup"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    piece = (b"%x\r\n" % len(BLOCK) + BLOCK + b"\r\n") if chunked else BLOCK
    answer, sent, deadline = b"", 0, time.monotonic() + 60
    try:
        while sent < BODY and not answer and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock], [], 5)
            if readable:
                answer += sock.recv(65536)
            elif writable:
                sock.sendall(piece)
                sent += len(BLOCK)
    except (BrokenPipeError, ConnectionResetError):
        pass                    # the server closed the connection on the unread rest
    try:
        while chunk := sock.recv(65536):
            answer += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    sock.close()
    return answer, sent


def problem_of(answer: bytes) -> tuple[str, dict, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in
               (line.split(":", 1) for line in header_lines)}
    return status_line, headers, json.loads(body[:int(headers["content-length"])])


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_500_mb_upload_is_refused_before_it_is_read(running, chunked):
    server, headers = running
    rss_before = status_bytes(server.process.pid, "VmRSS")
    answer, sent = offer_body(server.port, "/api/v1/credentials", headers, chunked=chunked)
    status_line, response_headers, problem = problem_of(answer)
    assert status_line.startswith("HTTP/1.1 413"), answer[:300]
    assert response_headers["content-type"] == PROBLEM
    assert response_headers["connection"] == "close"
    assert problem["code"] == "too_large" and "15.1 MB" in problem["detail"]
    if chunked:     # read up to the limit, not further (what was in flight aside)
        assert sent < LIMIT + 32 * MB, sent
    else:           # answered on the headers alone
        assert sent < 32 * MB, sent
    grown = status_bytes(server.process.pid, "VmHWM") - rss_before
    # Measured once the engine is loaded: 0-1 MB either way (reading the whole body, the code
    # before, grew by more than 500 MB).
    assert grown < 50 * MB, f"the server grew by {grown / MB:.0f} MB"
    assert server.healthy()


def test_the_web_form_gets_its_413_page_before_the_body_is_read(running):
    server, _ = running
    answer, sent = offer_body(server.port, "/upload", {}, chunked=False)
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    assert head.startswith("HTTP/1.1 413") and "text/html" in head, head
    assert sent < 32 * MB


def test_a_body_under_the_limit_is_still_read_and_answered(running):
    """The limit refuses what is over it only: a body under it reaches the upload view, which
    answers as it always has (here 422, not an image)."""
    import requests
    server, headers = running
    response = requests.post(f"{server.api}/credentials", headers=headers, timeout=60,
                             files={"image": ("x.jpg", b"not an image" * (MB // 12), "image/jpeg")})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "unreadable_image"
