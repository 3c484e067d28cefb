"""One Box (limitup/boxes.py): each transform and its inverse bring a box back where it was,
quarter turns move a box with the pixels PIL turns, and what is stored reads back as written."""
from __future__ import annotations

import math

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings
from PIL import Image

from limitup.boxes import Box, on_photo
from limitup.preprocess import rotate

TURNS = st.sampled_from([0, 90, 180, 270])


@st.composite
def sizes_and_boxes(draw, max_side=4000):
    """(image size, a box with whole-pixel edges inside that image)."""
    width = draw(st.integers(2, max_side))
    height = draw(st.integers(2, max_side))
    x0 = draw(st.integers(0, width - 1))
    y0 = draw(st.integers(0, height - 1))
    x1 = draw(st.integers(x0 + 1, width))
    y1 = draw(st.integers(y0 + 1, height))
    return (width, height), Box(x0, y0, x1, y1)


@st.composite
def outlined_boxes(draw):
    """A box with a quad: a rectangle turned by some angle, and the rectangle holding it."""
    cx, cy = draw(st.floats(0, 3000)), draw(st.floats(0, 3000))
    width, height = draw(st.floats(2, 800)), draw(st.floats(2, 200))
    angle = math.radians(draw(st.floats(-45, 45)))
    cos, sin = math.cos(angle), math.sin(angle)
    corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2),
               (-width / 2, height / 2)]
    return Box.around((cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in corners)


def close(a: Box, b: Box, tolerance: float = 1e-6) -> bool:
    return all(abs(p - q) <= tolerance * max(1.0, abs(p)) for p, q in zip(a, b))


def close_quads(a, b, tolerance: float = 1e-6) -> bool:
    return len(a) == len(b) and all(abs(p - q) <= tolerance * max(1.0, abs(p))
                                    for (ax, ay), (bx, by) in zip(a, b)
                                    for p, q in ((ax, bx), (ay, by)))


@given(sizes_and_boxes(), st.integers(-5000, 5000), st.integers(-5000, 5000))
def test_shifted_back(sized, dx, dy):
    _, box = sized
    assert box.shifted(dx, dy).shifted(-dx, -dy) == box


@given(outlined_boxes(), st.floats(0.05, 20), st.floats(0.05, 20))
def test_unscaled_undoes_scaled(box, fx, fy):
    back = box.scaled(fx, fy).unscaled(fx, fy)
    assert close(back, box) and close_quads(back.quad, box.quad)
    assert close(box.scaled(fx).unscaled(fx), box)


@given(sizes_and_boxes(), TURNS)
def test_unturned_undoes_turned(sized, turn):
    size, box = sized
    turned_size = size if turn in (0, 180) else size[::-1]
    turned = box.turned(turn, size)
    assert turned.has_area and turned.width * turned.height == box.width * box.height
    assert 0 <= turned.x0 and turned.x1 <= turned_size[0]
    assert 0 <= turned.y0 and turned.y1 <= turned_size[1]
    assert turned.unturned(turn, turned_size) == box


@given(outlined_boxes(), TURNS)
def test_a_quad_turns_with_its_box(box, turn):
    size = (4000, 4000)
    turned = box.turned(turn, size)
    assert close(Box.around(turned.quad), turned)
    assert close_quads(turned.unturned(turn, size).quad, box.quad)


@settings(max_examples=40, deadline=None)
@given(sizes_and_boxes(max_side=60), TURNS)
def test_turned_follows_the_pixels(sized, turn):
    """A block of pixels marked on an image, the image turned as the reader turns pages: the
    turned box is where the block went."""
    size, box = sized
    image = Image.new("L", size, 0)
    image.paste(255, tuple(box))
    turned = rotate(image, turn)
    assert Box(*turned.getbbox()) == box.turned(turn, size)


@given(outlined_boxes(), st.floats(-30, 30), st.floats(0, 3000), st.floats(0, 3000))
def test_rotated_back(box, degrees, cx, cy):
    back = box.rotated(degrees, (cx, cy)).rotated(-degrees, (cx, cy))
    assert close_quads(back.quad, box.quad, 1e-9) and close(back, box, 1e-9)


@given(sizes_and_boxes(), st.floats(-30, 30))
def test_a_rectangle_rotated_back_is_its_corners(sized, degrees):
    """Without a quad a box turns by its corners, and turned back it is the same rectangle."""
    size, box = sized
    centre = (size[0] / 2, size[1] / 2)
    back = box.rotated(degrees, centre).rotated(-degrees, centre)
    assert close(back, box, 1e-9) and close_quads(back.quad, box.corners(), 1e-9)


@given(outlined_boxes(), st.sampled_from([int, round, math.floor, math.ceil]),
       st.sampled_from([int, round, math.floor, math.ceil]))
def test_snapped_is_whole_pixels_and_keeps_the_quad(box, low, high):
    snapped = box.snapped(low, high)
    assert all(isinstance(value, int) for value in snapped)
    assert all(abs(p - q) < 1 for p, q in zip(snapped, box))
    assert snapped.quad == box.quad
    assert box.snapped(math.floor, math.ceil).x0 <= box.x0


@given(sizes_and_boxes())
def test_stored_form_reads_back(sized):
    _, box = sized
    assert box.to_json() == [box.x0, box.y0, box.x1, box.y1]
    assert Box.from_json(box.to_json()) == box


def test_stored_form_is_whole_pixels_of_the_rectangle():
    box = Box(1.4, 2.6, 30.5, 9.49, ((1.4, 2.6), (30.5, 2.6), (30.5, 9.49), (1.4, 9.49)))
    assert box.to_json() == [1, 3, 30, 9]
    assert Box.from_json((1, 2, 3.5, 4)) == Box(1, 2, 3.5, 4)


@pytest.mark.parametrize("value", [None, "x", [1, 2, 3], [1, 2, 3, 4, 5], [1, "2", 3, 4],
                                   [1, 2, None, 4], [True, 2, 3, 4], [1, 2, float("nan"), 4],
                                   {"box": [1, 2, 3, 4]}])
def test_what_is_not_a_stored_box(value):
    assert Box.from_json(value) is None


@settings(deadline=None)
@given(sizes_and_boxes(), TURNS, st.floats(0.1, 1.0))
def test_on_photo_undoes_the_readers_scale_and_turn(sized, turn, scale):
    """The reader scales the photo to the OCR page and turns it; on_photo brings a box on that
    page back onto the photo (within the page's pixel rounding)."""
    photo_size, box = sized
    scaled_size = (max(1, round(photo_size[0] * scale)), max(1, round(photo_size[1] * scale)))
    fx, fy = scaled_size[0] / photo_size[0], scaled_size[1] / photo_size[1]
    on_page = box.scaled(fx, fy).turned(turn, scaled_size)
    page_size = list(scaled_size if turn in (0, 180) else scaled_size[::-1])
    assert close(on_photo(on_page, photo_size, {"turn": turn, "size": page_size}), box)
    assert on_photo(box, photo_size, None) is box


def test_union_and_unpacking():
    joined = Box.union([Box(10, 20, 30, 40), Box(5, 25, 25, 45), Box(12, 18, 14, 19)])
    assert joined == Box(5, 18, 30, 45) and joined.quad is None
    x0, y0, x1, y1 = joined
    assert (x0, y0, x1, y1) == (joined[0], joined[1], joined[2], joined[3]) == (5, 18, 30, 45)
    assert (joined.width, joined.height) == (25, 27)
    assert not Box(5, 5, 5, 9).has_area and Box(5, 5, 6, 9).has_area


def test_covered_by_one_box_not_by_several_pieces():
    line = Box(0, 0, 100, 10)
    assert line.covered_by([Box(-5, -2, 85, 12)], 0.8)            # 85 % by one box
    assert not line.covered_by([Box(0, 0, 50, 10), Box(50, 0, 100, 10)], 0.8)
    assert not line.covered_by([Box(200, 0, 300, 10)], 0.1) and not line.covered_by([], 0.0)
