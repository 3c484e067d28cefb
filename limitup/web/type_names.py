"""A certificate type by name on the pages, in the visitor's language.

Each type names itself in its catalogue file (rules/catalogue/<id>.yaml `names`), once per page
language; the message catalogues hold no type names. A type the running rules lack (a
credential read before its type was withdrawn) shows its id.
"""
from __future__ import annotations

from limitup.store import get_rules
from limitup.web.i18n import current_language


def type_name(type_id: str) -> str:
    cert = get_rules().catalogue.get(type_id)
    return cert.names[current_language()] if cert else type_id
