"""What the upload and processing path takes from the configuration, handed in by its caller.

The domain modules (limitup.uploads, limitup.pipeline) never read flask's current_app: a view, a
command or a job processor builds this (limitup.store.pipeline_settings() inside an app context)
and passes it down; a test or a benchmark can build its own.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from limitup.ingest.budget import DECODES, DecodeBudget
from limitup.rules import Rules


@dataclass(frozen=True)
class PipelineSettings:
    rules: Rules                  # catalogue, checks, scoring table, limit policy
    secret_key: str               # keys the ID-number hashes
    images_dir: Path              # the stored photos
    max_upload_bytes: int         # the largest photo accepted
    decodes: DecodeBudget         # memory that decoding uploads may hold at once

    @classmethod
    def from_config(cls, config: Mapping, rules: Rules) -> PipelineSettings:
        # The decode budget is one per process (create_app sizes it from DECODE_BUDGET_MB):
        # every upload in the process draws on it, whichever app it came through.
        return cls(rules=rules, secret_key=config["SECRET_KEY"],
                   images_dir=Path(config["IMAGES_DIR"]),
                   max_upload_bytes=config["MAX_UPLOAD_BYTES"], decodes=DECODES)
