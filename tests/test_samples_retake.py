"""`limitup samples distance` / `tilt` / `small`: a labelled set photographed from a distance,
askew, or sent small; same labels."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from limitup.cli import main
from limitup.samples.retake import (FRAME_LONG_SIDE, SHARE_OF_FRAME, TILT_DEGREES,
                                    make_distance_set, make_small_set, make_tilted_set)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_certs"


def _source(tmp_path, count=3) -> Path:
    """The first `count` rows of the committed set (one of them turned by EXIF, if any)."""
    rows = [json.loads(line) for line in (SAMPLES / "manifest.jsonl").read_text().splitlines()]
    turned = [row for row in rows if row.get("exif_orientation")][:1]
    chosen = turned + [row for row in rows if row not in turned][:count - len(turned)]
    source = tmp_path / "source"
    source.mkdir()
    for row in chosen:
        (source / row["file"]).write_bytes((SAMPLES / row["file"]).read_bytes())
    (source / "manifest.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                   for r in chosen))
    return source


def test_far_photos_keep_labels_and_are_phone_sized(tmp_path):
    source = _source(tmp_path)
    rows = make_distance_set(source, tmp_path / "far", seed=3)
    originals = {json.loads(line)["file"]: json.loads(line)
                 for line in (source / "manifest.jsonl").read_text().splitlines()}
    assert len(rows) == len(originals)
    for row in rows:
        label = originals[row["file"]]
        assert {k: v for k, v in row.items() if k != "exif_orientation"} == \
            {k: v for k, v in label.items() if k != "exif_orientation"}
        assert row["exif_orientation"] is None      # pixels already upright
        with Image.open(tmp_path / "far" / row["file"]) as frame:
            assert FRAME_LONG_SIDE[0] <= max(frame.size) < FRAME_LONG_SIDE[1]
            assert not frame.getexif().get(0x0112)
    written = (tmp_path / "far" / "manifest.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in written] == rows


def test_same_seed_same_photos(tmp_path):
    source = _source(tmp_path, count=1)
    make_distance_set(source, tmp_path / "a", seed=7)
    make_distance_set(source, tmp_path / "b", seed=7)
    name = json.loads((source / "manifest.jsonl").read_text())["file"]
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_page_share_of_the_frame_is_in_range(tmp_path):
    from random import Random
    from limitup.samples.retake import place_far
    page = Image.new("RGB", (1000, 700), (250, 250, 250))
    for seed in range(5):
        frame = np.asarray(place_far(page, Random(seed)))
        page_pixels = frame[:, :, 0] > 235              # the desk is 0.8 x the page's tone
        columns, rows = np.flatnonzero(page_pixels.any(0)), np.flatnonzero(page_pixels.any(1))
        share = max(columns[-1] - columns[0] + 1, rows[-1] - rows[0] + 1) / max(frame.shape[:2])
        assert SHARE_OF_FRAME[0] - 0.01 <= share <= SHARE_OF_FRAME[1] + 0.01


@pytest.mark.parametrize("args", [["{tmp}/missing", "--out", "{tmp}/out"],
                                  ["{tmp}", "--out", "{tmp}/out"],
                                  ["{tmp}", "--out", "{tmp}/out", "--seed", "-2"]])
@pytest.mark.parametrize("command", ["distance", "tilt", "small"])
def test_cli_refuses_bad_arguments_without_traceback(tmp_path, args, command, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["samples", command, *[a.replace("{tmp}", str(tmp_path)) for a in args]])
    assert exited.value.code not in (0, None)
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr and "Error" in stderr


def test_cli_refuses_a_broken_manifest_with_a_reason(tmp_path, capsys):
    (tmp_path / "manifest.jsonl").write_text('{"no_file_key": 1}\n')
    with pytest.raises(SystemExit) as exited:
        main(["samples", "distance", str(tmp_path), "--out", str(tmp_path / "out")])
    assert exited.value.code not in (0, None)
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr and "manifest.jsonl" in stderr


def test_tilted_photos_keep_labels_and_are_turned(tmp_path):
    source = _source(tmp_path, count=2)
    rows = make_tilted_set(source, tmp_path / "tilt", seed=4)
    for row in rows:
        with Image.open(source / row["file"]) as original, \
                Image.open(tmp_path / "tilt" / row["file"]) as turned:
            from PIL import ImageOps
            width, height = ImageOps.exif_transpose(original).size
            low, high = (math.radians(d) for d in TILT_DEGREES)
            # A w x h image turned by a grows to w cos a + h sin a wide.
            assert width * math.cos(high) + height * math.sin(low) - 3 <= turned.width \
                <= width * math.cos(low) + height * math.sin(high) + 3
        assert row["exif_orientation"] is None


def test_cli_makes_a_tilted_set(tmp_path):
    source = _source(tmp_path, count=1)
    main_args = ["samples", "tilt", str(source), "--out", str(tmp_path / "t"), "--seed", "2"]
    try:
        main(main_args)
    except SystemExit as exited:          # click may end a successful run with exit code 0
        assert exited.code in (0, None)
    assert len((tmp_path / "t" / "manifest.jsonl").read_text().splitlines()) == 1


def test_small_photos_keep_labels_and_are_scaled_down_only(tmp_path):
    source = _source(tmp_path, count=3)
    rows = make_small_set(source, tmp_path / "small", long_side=700)
    assert len(rows) == 3
    for row in rows:
        with Image.open(tmp_path / "small" / row["file"]) as small:
            assert max(small.size) == 700
        assert row["exif_orientation"] is None
    big = make_small_set(source, tmp_path / "same", long_side=4000)   # never scaled up
    for row in big:
        with Image.open(source / row["file"]) as original, \
                Image.open(tmp_path / "same" / row["file"]) as kept:
            from PIL import ImageOps
            assert kept.size == ImageOps.exif_transpose(original).size


def test_cli_makes_a_small_set_and_refuses_a_tiny_side(tmp_path, capsys):
    source = _source(tmp_path, count=1)
    try:
        main(["samples", "small", str(source), "--out", str(tmp_path / "s"), "--long-side", "640"])
    except SystemExit as exited:
        assert exited.code in (0, None)
    assert len((tmp_path / "s" / "manifest.jsonl").read_text().splitlines()) == 1
    with pytest.raises(SystemExit) as exited:
        main(["samples", "small", str(source), "--out", str(tmp_path / "t"), "--long-side", "50"])
    assert exited.value.code not in (0, None)
    assert "Traceback" not in capsys.readouterr().err
