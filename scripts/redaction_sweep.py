"""Every document kind the generator makes that prints an ID number, through the pipeline's
reading and redaction, then read again from the stored photo: how many still show the number.

    .venv/bin/python scripts/redaction_sweep.py [--tier scan] [--style train] [--seed 0]

One line per document (kind, type recognised, boxes filled, number readable after?) and a
summary line, as JSON. Real OCR (the default engine), a temporary data directory; nothing is
written to the repository. Figures are quoted in docs/privacy.md.
"""
from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from limitup import accounts, create_app, credentials, ids, pipeline  # noqa: E402
from limitup.ingest import ingest, load_stored  # noqa: E402
from limitup.ocr import get_engine  # noqa: E402
from limitup.reader import read_image  # noqa: E402
from limitup.redact import boxes_to_fill  # noqa: E402
from limitup.samples import make_certificate, make_negative  # noqa: E402
from limitup.samples.catalogue import TYPES  # noqa: E402
from limitup.samples.negatives import KINDS, NEAR_MISS_KINDS  # noqa: E402
from limitup.store import get_db, get_rules  # noqa: E402
from PIL import Image  # noqa: E402


def documents(tier: str, style: str, seed: int):
    for type_id in TYPES:
        image, label = make_certificate(type_id, tier=tier, style=style, seed=seed)
        if label["id_number"]:
            yield type_id, image, label["id_number"], label["cert_number"]
    for kind in KINDS + NEAR_MISS_KINDS:
        image, label = make_negative(kind, tier=tier, style=style, seed=seed)
        if label["id_number"]:
            yield kind, image, label["id_number"], None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tier", default="scan")
    parser.add_argument("--style", default="train")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    engine = get_engine("default")
    app = create_app({"DATA_DIR": tempfile.mkdtemp(prefix="redaction-sweep-"),
                      "SECRET_KEY": "sweep"})
    counts = {"documents": 0, "read_before": 0, "readable_after": 0, "cert_number_lost": 0}
    with app.app_context():
        db, rules = get_db(), get_rules()
        user = accounts.add_user(db, name="张三", id_number="11010519491231002X", base_fen=0,
                                 secret_key="sweep", policy=rules.limits)
        for kind, image, number, cert_number in documents(options.tier, options.style, options.seed):
            body = io.BytesIO()
            image.convert("RGB").save(body, "JPEG", quality=90)
            ingested = ingest(body.getvalue(), max_bytes=app.config["MAX_UPLOAD_BYTES"])
            credential_id = pipeline.create_credential(db, user, ingested)
            recognition, timings = read_image(ingested.image, engine, rules.catalogue)
            before = _digits(recognition.extras.get("ocr_text"))
            pipeline.process(db, credential_id, recognition)
            row = credentials.get(db, credential_id)
            stored = Image.open(io.BytesIO(load_stored(app.config["IMAGES_DIR"],
                                                        row["image_name"]))).convert("RGB")
            again, _ = read_image(stored, engine, rules.catalogue)
            after = _digits(again.extras.get("ocr_text"))
            line = {"kind": kind, "type": recognition.type,
                    "filled": len(boxes_to_fill(recognition)),
                    "read_before": number in before,
                    "readable_after": number in after or number[-8:] in after,
                    "valid_ids_after": sum(hit.valid for hit in
                                           ids.find_ids_in_text(again.extras.get("ocr_text"))),
                    # the certificate number stays readable where it was read (not filled)
                    "cert_number_kept": (cert_number in after if cert_number
                                         and cert_number in before else None),
                    "ocr_ms": timings.get("total")}
            counts["documents"] += 1
            counts["read_before"] += line["read_before"]
            counts["readable_after"] += line["readable_after"] or bool(line["valid_ids_after"])
            counts["cert_number_lost"] += line["cert_number_kept"] is False
            print(json.dumps(line, ensure_ascii=False), flush=True)
    print(json.dumps({"summary": counts, **vars(options)}))
    return 0


def _digits(text) -> str:
    return re.sub(r"[^0-9X]", "", (text or "").upper())


if __name__ == "__main__":
    sys.exit(main())
