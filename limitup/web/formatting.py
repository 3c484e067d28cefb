"""Pure helpers that turn stored values into what the pages print (money, times, history)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from limitup.money import fen_to_yuan_text

# Pages show Beijing time: the product's users are in China; storage stays UTC.
DISPLAY_TZ = timezone(timedelta(hours=8))

# The band labels limitup.scoring.table.TypeTable.band writes into a scoring line: "flat",
# "level <level>", "score <score> >= <min>" and "score <score> < <lowest min>". They are English
# words for the API (whose JSON keeps them as they are: a contract, SPEC) and the CLI text; the
# pages re-read them here to say the same thing in the visitor's language.
FLAT_BAND = "flat"
LEVEL_BAND_PREFIX = "level "
SCORE_BAND = re.compile(r"score (?P<score>\S+) (?P<comparison>>=|<) (?P<minimum>\S+)")

# The notes limitup.scoring.bonus writes on a line that is not counted or has no band, in the same
# English-for-the-API way; each maps to an `explain.note.*` message here. The line carries only the
# English sentence (the winner's id is nowhere else), so the page reads the sentence back.
NOTE_MESSAGES = {
    "type not in the scoring table": "explain.note.type_unscored",
    "level or score missing or not in the table": "explain.note.level_or_score_unknown",
}
BETTER_OF_TYPE_NOTE = re.compile(r"a better (?P<type_id>\S+) counts \(#(?P<credential_id>[^)]+)\)")
BETTER_OF_TYPE_MESSAGE = "explain.note.better_of_type"


def yuan(fen: int | None) -> str:
    """120000 -> '1,200'; 125 -> '1.25' (the ¥ sign comes from the message)."""
    if fen is None:
        return "—"
    if fen % 100 == 0:
        return f"{fen // 100:,}"
    whole, cents = fen_to_yuan_text(fen).split(".")
    return f"{int(whole):,}.{cents}"


def field_value(value) -> str:
    """A read field as printed: '—' when not read; a whole score without its '.0' (the view
    carries scores as numbers, 104.0; the certificate prints 104)."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def local_time(stamp: str | None) -> str:
    """'2026-11-28T14:03:05.123Z' -> '2026-11-28 22:03' (Beijing time)."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(DISPLAY_TZ).strftime("%Y-%m-%d %H:%M")


def history_line(entry: dict, t) -> str:
    """One ledger entry in plain words, through the translator `t(key, **values)`."""
    kind = entry["kind"]
    if kind == "open":
        return t("history.open", current=yuan(entry["current_after"]),
                 ceiling=yuan(entry["ceiling_after"]))
    if kind in ("raise", "lower"):
        return t(f"history.{kind}", before=yuan(entry["current_before"]),
                 after=yuan(entry["current_after"]))
    column = {"base": "base", "used": "used", "bonus": "bonus"}.get(kind)
    if column is None:
        return kind
    text = t(f"history.{kind}", before=yuan(entry[f"{column}_before"]),
             after=yuan(entry[f"{column}_after"]))
    if entry["current_before"] is not None and entry["current_after"] != entry["current_before"]:
        text += "; " + t("history.settled", after=yuan(entry["current_after"]))
    return text


def explanation_lines(line: dict | None, bonus: dict | None, t, name_of) -> list[str]:
    """How a credential's bonus was computed, in plain words: its band, its rank and share in
    its category, and any cap or rounding that applied to the account's total. `name_of(type
    id)` names a type in the visitor's language."""
    if not line:
        return []
    category = t(f"category.{line['category']}") if line.get("category") else "—"
    if line.get("band_fen") is None:
        return [t("explain.no_band", note=note_text(line.get("note"), t, name_of))]
    out = [band_text(line.get("band"), yuan(line["band_fen"]), t)]
    if line.get("counted"):
        out.append(t("explain.counted", category=category, rank=line["rank"],
                     percent=line["percent"], amount=yuan(line["amount_fen"])))
    else:
        out.append(t("explain.not_counted", note=note_text(line.get("note"), t, name_of)))
    for cat in (bonus or {}).get("categories", []):
        if cat.get("category") == line.get("category") and cat.get("cap_applied"):
            out.append(t("explain.cap", category=category, sum=yuan(cat["sum_fen"]),
                         cap=yuan(cat["cap_fen"])))
    totals = (bonus or {}).get("totals") or {}
    if totals.get("global_cap_applied"):
        out.append(t("explain.global_cap", cap=yuan(totals["global_cap_fen"])))
    if totals.get("rounded_off_fen"):
        out.append(t("explain.rounded", step=yuan(totals["step_fen"])))
    if bonus is not None:
        out.append(t("explain.total", amount=yuan(bonus.get("bonus_fen", 0))))
    return out


def band_text(label: str | None, amount: str, t) -> str:
    """A scoring line's band in the visitor's language, e.g. "等级为高级中学：¥2,500".

    The word "level" (and "score", "flat") is ours and is translated; the level itself is the
    word printed on the certificate (高级中学, A, 一级甲等) and stays verbatim in both languages:
    it is what the user sees on their photo and in the fields list, and the scoring table is
    keyed by it (an English rendering would be our guess, and one the user could not match).
    A label of a form this page does not know is shown as it is rather than dropped.
    """
    if not label or label == FLAT_BAND:
        return t("explain.band_flat", amount=amount)
    if label.startswith(LEVEL_BAND_PREFIX):
        return t("explain.band_level", level=label[len(LEVEL_BAND_PREFIX):], amount=amount)
    score_band = SCORE_BAND.fullmatch(label)
    if score_band:
        key = ("explain.band_score_reached" if score_band["comparison"] == ">="
               else "explain.band_score_below")
        return t(key, score=score_band["score"], minimum=score_band["minimum"], amount=amount)
    return t("explain.band", band=label, amount=amount)


def note_message(note: str | None) -> tuple[str, dict] | None:
    """The message key and values for a scoring note; None for a note of a form not known here."""
    if note in NOTE_MESSAGES:
        return NOTE_MESSAGES[note], {}
    better = BETTER_OF_TYPE_NOTE.fullmatch(note or "")
    if better:
        return BETTER_OF_TYPE_MESSAGE, better.groupdict()
    return None


def note_text(note: str | None, t, name_of) -> str:
    """Why a line is not counted or has no band, in the visitor's language.

    A type id in the note becomes the type's name, `name_of(type id)` (the same name the page's
    heading uses). A note of a form this page does not know is shown as it is: an English reason
    is better than none.
    """
    if not note:
        return "—"
    message = note_message(note)
    if message is None:
        return note
    key, values = message
    if "type_id" in values:
        values = dict(values)
        values["type"] = name_of(values.pop("type_id"))
    return t(key, **values)
