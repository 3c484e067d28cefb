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


def _progress(done: int, total: int) -> None:
    if done == total or done % 10 == 0:
        click.echo(f"  {done}/{total}", err=True)


@click.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--engine", "engine_name", default="default", show_default=True, help=ENGINE_HELP)
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N images.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (for programs).")
@click.option("--failures", is_flag=True, help="Also list every image that was not fully right.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None)
@click.option("--plain/--no-plain", "with_plain", default=None,
              help="Also read each photo with one plain RapidOCR call and report the fields its "
                   "text holds and how many of those were returned (default: on when the "
                   "manifest has `legible` maps, i.e. a real-document set).")
def eval_command(folder, engine_name, limit, as_json, failures, rules_dir, with_plain):
    """Accuracy against a labelled set: FOLDER/manifest.jsonl (SPEC 2, plus `legible` on
    real-document sets), per tier and per type."""
    from limitup.evaluate import evaluate, load_manifest, table
    from limitup.ocr import get_engine
    from limitup.reader import scan_file
    entries = load_manifest(folder, limit)
    engine = get_engine(engine_name)
    catalogue = load_catalogue(rules_dir)
    if with_plain is None:
        with_plain = any("legible" in entry for entry in entries)
    report = evaluate(entries, lambda path: scan_file(path, engine, catalogue),
                      progress=None if as_json else _progress,
                      plain=_plain_text if with_plain else None,
                      type_fields={kind: cert.fields for kind, cert in catalogue.items()})
    report["engine"] = engine.name
    if as_json:
        if not failures:
            report.pop("failures")
        emit(report)
        return
    click.echo(f"engine: {engine.name}; {len(entries)} images from {folder}")
    click.echo(table(report))
    if failures:
        for failure in report["failures"]:
            emit(failure)


def _plain_text(path: str) -> str | None:
    """The text of one plain RapidOCR call (default settings) on the photo, boxes one a line."""
    from limitup.ocr import get_engine
    from limitup.preprocess import UnreadableImage, open_image
    try:
        image = open_image(path)
    except UnreadableImage:
        return None
    return "\n".join(box.text for box in get_engine("rapidocr-plain").read(image))


@click.command("bench")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--engines", default="default,tesseract", show_default=True,
              help="Comma-separated configurations: an engine name, optionally with switches "
                   "after a colon joined by '+', e.g. rapidocr:nored+noorient (switches: "
                   "nored, noorient, fullres, noreread, nozoom, nodeskew, nodetail, cascade; "
                   "openvino or onnxruntime: the runtime of a RapidOCR engine's recognition).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N images.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (for programs).")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None)
@click.option("--workers", default=None, help="Worker counts, e.g. 1,2: photos per minute through "
              "Redis and `limitup worker` processes instead (limitup/bench_workers.py).")
def bench_command(folder, engines, limit, as_json, rules_dir, workers):
    """Per-stage timings (p50/p95), engines side by side and against one plain RapidOCR call."""
    from limitup.bench import bench, list_images, table
    entries = list_images(folder, limit)
    if not entries:
        raise click.ClickException(f"no images in {folder}")
    if workers:
        from limitup.bench_workers import main as bench_workers
        return bench_workers(entries, workers, as_json)
    configurations = [c.strip().replace("+", ",") for c in engines.split(",") if c.strip()]
    result = bench(entries, configurations, load_catalogue(rules_dir),
                   progress=None if as_json else _progress)
    if as_json:
        emit(result)
    else:
        click.echo(table(result))


COMMANDS = [scan, eval_command, bench_command]
