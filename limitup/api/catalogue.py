"""GET /catalogue: the certificate types, their categories and bonus bands (public)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from limitup.api.schemas import CatalogueSchema
from limitup.store import get_rules

blp = Blueprint("catalogue", __name__, url_prefix="/api/v1",
                description="What can be uploaded and what each type earns")


@blp.route("/catalogue")
class Catalogue(MethodView):
    @blp.doc(security=[])
    @blp.response(200, CatalogueSchema)
    def get(self):
        """The catalogue: types, categories, bonus bands and caps (no token needed)."""
        return catalogue_view(get_rules())


def catalogue_view(rules) -> dict:
    scoring = rules.scoring
    types = []
    for type_id, table in scoring.types.items():
        entry = rules.catalogue[type_id]     # the rules score exactly the catalogue's types
        types.append({"id": type_id, "names": entry.names, "category": table.category,
                      "titles": [term.text for term in entry.titles], **_bands(table)})
    return {
        "types": types,
        "categories": [{"id": name, "cap_fen": cap}
                       for name, cap in scoring.category_caps_fen.items()],
        "stacking_percent": list(scoring.stacking_percent),
        "global_cap_fen": scoring.global_cap_fen,
        "step_fen": rules.limits.step_fen,
    }


def _bands(table) -> dict:
    if table.flat_fen is not None:
        return {"banding": "flat", "bands": [{"label": "any", "bonus_fen": table.flat_fen}]}
    if table.levels_fen:
        return {"banding": "level",
                "bands": [{"label": level, "level": level, "bonus_fen": fen}
                          for level, fen in table.levels_fen.items()]}
    bands = [{"label": f"score >= {minimum}", "min_score": float(minimum), "bonus_fen": fen}
             for minimum, fen in table.score_bands]
    lowest = table.score_bands[-1][0] if table.score_bands else 0
    bands.append({"label": f"score < {lowest}", "min_score": None, "bonus_fen": 0})
    return {"banding": "score", "bands": bands}
