"""What travels through Redis, and how it is sealed.

A job carries the stored (already re-encoded, metadata-free) image; a result carries the
Recognition, whose extras hold the holder's printed ID number in clear (the server needs it to
check the MOD 11-2 digit and to compare its keyed hash with the account's). Neither may sit in
Redis readable: both are sealed with Fernet (AES-128-CBC + HMAC-SHA256, `cryptography`) under a
key derived from the service's SECRET_KEY, which every worker shares (LIMITUP_SECRET_KEY).
Anyone who can read Redis but not the secret sees opaque tokens; a token altered in Redis fails
its HMAC and is refused.

`key_id` is a short fingerprint of the derived key (not the key): the server publishes it, a
worker compares it with its own at start-up and refuses to run with a different secret (whose
results the server could not open).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import date

from cryptography.fernet import Fernet, InvalidToken

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise.result import Recognition

__all__ = ["Sealer", "InvalidToken", "recognition_to_json", "recognition_from_json"]


class Sealer:
    def __init__(self, secret_key: str):
        digest = hashlib.sha256(b"limitup-queue-seal:" + secret_key.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))
        self.key_id = hmac.new(digest, b"key-id", hashlib.sha256).hexdigest()[:16]

    def seal(self, data: bytes) -> str:
        return self._fernet.encrypt(data).decode("ascii")

    def open(self, token: str) -> bytes:
        """The sealed bytes; InvalidToken when sealed under another key or altered."""
        return self._fernet.decrypt(token.encode("ascii"))

    def seal_json(self, obj) -> str:
        return self.seal(json.dumps(obj, ensure_ascii=False, default=_plain).encode())

    def open_json(self, token: str):
        return json.loads(self.open(token))


def _plain(value):
    if isinstance(value, TextBox):
        return {"__textbox__": [value.text, value.box.to_json(), value.score]}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"cannot send {type(value).__name__} through the queue")


def _textbox(value):
    if isinstance(value, dict) and "__textbox__" in value:
        text, box, score = value["__textbox__"]
        return TextBox(text, Box.from_json(box), score)
    return value


def recognition_to_json(recognition: Recognition) -> dict:
    """Everything the server's pipeline.process() reads, extras included (sealed afterwards)."""
    return {"type": recognition.type, "confidence": recognition.confidence,
            "fields": dict(recognition.fields), "field_confidence": dict(recognition.field_confidence),
            "field_boxes": dict(recognition.field_boxes), "extras": dict(recognition.extras),
            "checks": list(recognition.checks)}


def recognition_from_json(data: dict) -> Recognition:
    restored = json.loads(json.dumps(data, default=_plain), object_hook=_textbox)
    return Recognition(type=restored["type"], confidence=restored["confidence"],
                       fields=restored["fields"], field_confidence=restored["field_confidence"],
                       field_boxes=restored["field_boxes"], extras=restored["extras"],
                       checks=restored["checks"])
