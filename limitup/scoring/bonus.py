"""From verified credentials to a bounded bonus, with a line-by-line explanation (SPEC 4).

    band per credential -> best per type -> stacking within a category (100 %, 50 %, 25 %, 0)
    -> category cap -> global cap -> round down to the limit step

Every step is monotone (max, a sorted weighted sum with non-increasing weights, min, floor), so
adding a credential never lowers the bonus. Pure: no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from limitup.money import fen_to_yuan_text
from limitup.scoring.table import CATEGORIES, ScoringRules


@dataclass
class Bonus:
    total_fen: int
    lines: list = field(default_factory=list)        # one dict per credential
    categories: list = field(default_factory=list)   # one dict per category
    totals: dict = field(default_factory=dict)       # before/after global cap and rounding

    def as_data(self) -> dict:
        return {"bonus_fen": self.total_fen, "lines": self.lines,
                "categories": self.categories, "totals": self.totals}

    def text(self) -> str:
        out = []
        for line in self.lines:
            head = f"#{line['credential_id']} {line['type']} ({line['category']})"
            if line["band_fen"] is None:
                out.append(f"{head}: no band ({line['note']}), counts 0")
            elif not line["counted"]:
                out.append(f"{head}: {line['band']} = {_y(line['band_fen'])}, "
                           f"not counted ({line['note']})")
            else:
                out.append(f"{head}: {line['band']} = {_y(line['band_fen'])}, rank "
                           f"{line['rank']} in {line['category']} at {line['percent']} % "
                           f"-> {_y(line['amount_fen'])}")
        for cat in self.categories:
            capped = (f", capped at {_y(cat['cap_fen'])} (-{_y(cat['sum_fen'] - cat['after_cap_fen'])})"
                      if cat["cap_applied"] else f" (cap {_y(cat['cap_fen'])} not reached)")
            out.append(f"{cat['category']}: {_y(cat['sum_fen'])}{capped}")
        t = self.totals
        out.append(f"sum of categories: {_y(t['sum_fen'])}")
        if t["global_cap_applied"]:
            out.append(f"global cap {_y(t['global_cap_fen'])} applied "
                       f"(-{_y(t['sum_fen'] - t['after_global_cap_fen'])})")
        if t["rounded_off_fen"]:
            out.append(f"rounded down to the step of {_y(t['step_fen'])} "
                       f"(-{_y(t['rounded_off_fen'])})")
        out.append(f"bonus: {_y(self.total_fen)}")
        return "\n".join(out)


def _y(fen: int) -> str:
    return f"{fen_to_yuan_text(fen)} yuan"


def _field(credential: Mapping, name: str):
    fields_ = credential.get("fields") or {}
    return fields_.get(name, credential.get(name))


def score(credentials: Iterable[Mapping], rules) -> Bonus:
    """Bonus for a set of verified credentials. `rules`: the loaded Rules (.scoring, .limits)."""
    return score_with(credentials, rules.scoring, rules.limits.step_fen)


def score_with(credentials: Iterable[Mapping], table: ScoringRules, step_fen: int) -> Bonus:
    """Each credential: a mapping with `id`, `type` and level/score (top level or under `fields`)."""
    lines = [_band_line(table, index, credential) for index, credential in enumerate(credentials)]
    _mark_best_per_type(lines)
    categories = [_stack_category(table, name, lines) for name in CATEGORIES]
    total = sum(cat["after_cap_fen"] for cat in categories)
    after_global = min(total, table.global_cap_fen)
    rounded = after_global // step_fen * step_fen if step_fen > 0 else after_global
    totals = {"sum_fen": total, "global_cap_fen": table.global_cap_fen,
              "global_cap_applied": total > table.global_cap_fen,
              "after_global_cap_fen": after_global, "step_fen": step_fen,
              "rounded_off_fen": after_global - rounded}
    for line in lines:
        line.pop("_order", None)
    return Bonus(total_fen=rounded, lines=lines, categories=categories, totals=totals)


def _band_line(table: ScoringRules, index: int, credential: Mapping) -> dict:
    type_id = credential.get("type")
    band = table.band(type_id, _field(credential, "level"), _field(credential, "score"))
    line = {"credential_id": credential.get("id", index), "type": type_id,
            "category": table.category_of(type_id), "band": band.label if band else None,
            "band_fen": band.fen if band else None, "counted": False, "rank": None,
            "percent": 0, "amount_fen": 0, "note": None, "_order": index}
    if band is None:
        line["note"] = ("type not in the scoring table" if line["category"] is None
                        else "level or score missing or not in the table")
    return line


def _mark_best_per_type(lines: list) -> None:
    """Per type only the best counts; ties go to the earlier credential (stable)."""
    best: dict = {}
    for line in lines:
        if line["band_fen"] is None:
            continue
        held = best.get(line["type"])
        if held is None or line["band_fen"] > held["band_fen"]:
            best[line["type"]] = line
    for line in lines:
        if line["band_fen"] is None:
            continue
        winner = best[line["type"]]
        if line is winner:
            line["counted"] = True
        else:
            line["note"] = f"a better {line['type']} counts (#{winner['credential_id']})"


def _stack_category(table: ScoringRules, category: str, lines: list) -> dict:
    members = [line for line in lines if line["counted"] and line["category"] == category]
    members.sort(key=lambda line: (-line["band_fen"], str(line["type"]), line["_order"]))
    percents = table.stacking_percent
    total = 0
    for rank, line in enumerate(members, start=1):
        percent = percents[rank - 1] if rank <= len(percents) else 0
        line.update(rank=rank, percent=percent, amount_fen=line["band_fen"] * percent // 100)
        total += line["amount_fen"]
    cap = table.category_caps_fen[category]
    return {"category": category, "sum_fen": total, "cap_fen": cap, "cap_applied": total > cap,
            "after_cap_fen": min(total, cap)}
