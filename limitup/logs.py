"""Logging of the long-running commands (`limitup serve`, `limitup worker`): one line a record
on stderr, and no ID number in any of them.

`configure_logging` puts one handler on the root logger; its `MaskIds` filter passes each
record's whole text (the message with its arguments filled in, the traceback, the stack)
through ids.mask_ids_in_text before any formatter sees it, so a message that quotes what a user
sent or what OCR read (an exception about a file, a metadata value) is logged masked whoever
logged it (limitup, Flask, waitress, dramatiq). What is logged is listed in docs/privacy.md.
"""
from __future__ import annotations

import logging
import sys

from limitup.ids import mask_ids_in_text

FORMAT = "%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"
_MARK = "_limitup_handler"


class MaskIds(logging.Filter):
    """Masks every ID number in a record's text; keeps every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:                 # arguments that do not fit the format: keep both
            message = f"{record.msg} {record.args}"
        record.msg, record.args = mask_ids_in_text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_ids_in_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_ids_in_text(record.stack_info)
        return True


def configure_logging(stream=None, level: int = logging.INFO) -> logging.Handler:
    """Send INFO and above to `stream` (stderr) through MaskIds; called again, it replaces its
    own handler rather than adding a second. Call it before create_app, so Flask does not add
    a handler of its own to the app's logger (its records reach this one)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(MaskIds())
    setattr(handler, _MARK, True)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
