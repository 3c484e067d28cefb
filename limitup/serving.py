"""The request-body limit, and serving with waitress so that it holds before a body is read.

`MAX_CONTENT_LENGTH` is set for real (MAX_UPLOAD_BYTES plus multipart framing): Flask defines the
key as None, so the `setdefault` that used to set it never did, and any body was read whole before
an upload was refused (2 × 500 MB chunked: +1 GB). With it set, Werkzeug refuses a declared
Content-Length over it before reading, and stops a chunked body as soon as it passes it.

waitress, though, reads each body (into memory, then a temporary file) before the application is
called, up to its own limit (1 GB by default). So `serve` gives waitress the same limit: a
Content-Length over it is refused as soon as the headers are in, a chunked body as soon as it
passes it, and the rest is never read (the connection is closed after the answer). The answer is
the application's own: it runs on a body-less copy of the request marked REFUSED_BODY, which the
first before_request hook turns into a 413, so the API answers problem+json (`too_large`) and the
web its 413 page, with the usual headers, and no view runs.
"""
from __future__ import annotations

import io
import logging

from flask import Flask, current_app, request
from waitress import create_server
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask, WSGITask
from waitress.utilities import RequestEntityTooLarge as WaitressBodyTooLarge
from werkzeug.exceptions import RequestEntityTooLarge

# What a multipart body adds to the image it carries (boundaries, part headers, form fields).
MULTIPART_SLACK_BYTES = 64 * 1024
REFUSED_BODY = "limitup.refused_body"


def init_app(app: Flask) -> None:
    """Call last in create_app: the hook must run before every other before_request hook."""
    app.config["MAX_CONTENT_LENGTH"] = body_limit(app.config)
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_unread_body)


def body_limit(config) -> int:
    if config.get("MAX_CONTENT_LENGTH"):
        return int(config["MAX_CONTENT_LENGTH"])
    return int(config["MAX_UPLOAD_BYTES"]) + MULTIPART_SLACK_BYTES


def _refuse_unread_body():
    if request.environ.get(REFUSED_BODY):
        mb = body_limit(current_app.config) / (1024 * 1024)
        raise RequestEntityTooLarge(
            f"the request body is larger than {mb:.1f} MB, the most we accept")


def serve(app: Flask, *, host: str, port: int, threads: int) -> None:
    """waitress.serve, with waitress's body limit at the application's (see the module doc)."""
    sockets: dict = {}
    # waitress refuses at `>=` its limit, Werkzeug at `>`: one more byte makes them the same.
    server = create_server(app, map=sockets, host=host, port=port, threads=threads,
                           ident="limitup", max_request_body_size=body_limit(app.config) + 1)
    for dispatcher in list(sockets.values()):     # every listening socket (IPv4 and IPv6 ...)
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = RefusingChannel
    logging.basicConfig()
    server.print_listen("Serving on http://{}:{}")
    server.run()


class RefusedBodyTask(WSGITask):
    """The application answers a request whose body waitress refused, without the body."""

    def execute(self):
        self.set_close_on_finish()          # the unread rest of the body is never parsed
        super().execute()

    def get_environment(self):
        environ = super().get_environment()
        environ["wsgi.input"] = io.BytesIO(b"")
        environ["CONTENT_LENGTH"] = "0"
        environ[REFUSED_BODY] = True
        return environ


def _error_task(channel, parsed):
    if isinstance(parsed.error, WaitressBodyTooLarge):
        return RefusedBodyTask(channel, parsed)
    return ErrorTask(channel, parsed)


class RefusingChannel(HTTPChannel):
    error_task_class = staticmethod(_error_task)
