"""Message catalogues for the pages: Simplified Chinese by default, English by choice.

The catalogues are plain YAML (messages/zh.yaml, messages/en.yaml) with dotted keys, loaded once.
`t(key, **values)` formats a message in the visitor's language; a key missing from English falls
back to Chinese, and a key missing from both shows the key itself so a gap is visible, never a
crash. The choice is kept in the (signed) session cookie, so it survives signing in and out.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from flask import session

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
MESSAGES_DIR = Path(__file__).resolve().parent / "messages"


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict:
    data = yaml.safe_load((MESSAGES_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    return _flatten(data or {})


def _flatten(tree: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def current_language() -> str:
    language = session.get("lang")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def translate(language: str, key: str, **values) -> str:
    text = catalogue(language).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**values) if values else text


def t(key: str, **values) -> str:
    return translate(current_language(), key, **values)


def has(key: str) -> bool:
    return key in catalogue(current_language()) or key in catalogue(DEFAULT_LANGUAGE)
