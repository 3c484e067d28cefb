"""Recognition commands: scan photos, evaluate against a labelled set, benchmark the stages."""
from __future__ import annotations

import sys

import click

from limitup.cli import emit
from limitup.ocr.registry import ENGINES

ENGINE_HELP = "OCR engine: " + ", ".join(ENGINES) + " (default: default)."


def load_catalogue(rules_dir: str | None = None):
    """The catalogue alone: scanning needs neither the database nor an app context."""
    from limitup.config import load_config
    from limitup.rules import load_rules
    return load_rules(rules_dir or load_config()["RULES_DIR"]).catalogue


@click.command()
@click.option("--engine", "engine_name", default="default", show_default=True, help=ENGINE_HELP)
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None,
              help="Rules folder (default: the configured one).")
@click.argument("files", nargs=-1, required=True)
def scan(engine_name, rules_dir, files):
    """Read certificate photos: one SPEC 2 JSON line per file.

    Exits non-zero only when no file was readable."""
    from limitup.ocr import get_engine
    from limitup.reader import scan_file
    engine = get_engine(engine_name)
    catalogue = load_catalogue(rules_dir)
    readable = 0
    for path in files:
        line = scan_file(path, engine, catalogue)
        readable += "error" not in line
        emit(line)
    if not readable:
        click.echo("Error: no file was readable", err=True)
        sys.exit(1)


COMMANDS = [scan]
