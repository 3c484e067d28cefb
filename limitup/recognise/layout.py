"""Layout over OCR text boxes: lines, label hits, and where a label's value may sit.

A label and its value may be one box ("证书编号：1234") or two: the value to the right on the same
line, or just below. Positions only rank candidates; patterns and validators decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from limitup.boxes import Box
from limitup.ocr.base import TextBox
from limitup.recognise.text import (CJK, fuzzy_find, has_cjk, key, key_with_map,
                                    min_similarity, normalise)


LABEL_SIMILARITY = 0.85
# ... but a Latin label of ten letters or more (Family Name, Total Score) tolerates two misread
# letters (Vanily Name, Tgal Score): long labels are far from each other.
LONG_LATIN_LABEL = 10
LONG_LATIN_SIMILARITY = 0.8
# A fuzzy label hit may leave out this many of the label's characters (Tes Taker Name), not a
# word: "Test Taker Profile", an ETS web page's menu, is no Test Taker Name.
MAX_LABEL_CHARS_LOST = 2
# Tolerated drift of a text line, in pixels per pixel to the right (about 3 degrees).
SKEW = 0.05


@dataclass(frozen=True)
class Item:
    """One OCR box with its normalised text."""
    index: int
    source: TextBox
    text: str            # normalise(source.text)
    key: str             # comparison form of text
    keymap: tuple        # key character i sits at text[keymap[i]]

    @property
    def box(self):
        return self.source.box

    @property
    def height(self) -> int:
        return max(1, self.box[3] - self.box[1])

    @property
    def yc(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class LabelHit:
    item: Item
    label: str
    strength: float      # 0..1 fuzzy match of the label
    start: int           # index in item.text where the label starts
    end: int             # index in item.text just after the label


def prepare(boxes: list[TextBox]) -> list[Item]:
    items = []
    for index, box in enumerate(boxes):
        text = normalise(box.text)
        if not text:
            continue
        compact_key, keymap = key_with_map(text)
        items.append(Item(index, box, text, compact_key, tuple(keymap)))
    items = join_spaced_labels(items)
    items.sort(key=lambda item: (item.yc, item.box[0]))
    return items


# A label printed with its characters spaced out (姓　　名：, 证 书 编 号) comes back from OCR as one
# box per character, or as "姓" and "名：周子昂": no label is found in any one box. One CJK
# character alone in its box, followed on its line by another such box or by one character and
# a colon, is such a piece; the pieces are read as one box.
_PIECE = re.compile(rf"[{CJK}]:?")
_LAST_PIECE = re.compile(rf"[{CJK}]:")
# Spaced labels leave about two characters between their characters; a column is further away.
PIECE_GAP = 3.0
# ... and one character's box drawn wide may overlap the next by over half a character (成 | 绩
# of a real 普通话 certificate's 成　绩, photographed at an angle: 20 px of a 49 px height).
PIECE_OVERLAP = 0.6


def join_spaced_labels(items: list[Item]) -> list[Item]:
    out = []
    for line in lines(items):
        run: list[Item] = []
        for item in line:
            if run and not _next_piece(run[-1], item):
                out.extend(_joined(run))
                run = []
            if not run_closed(run) and (_PIECE.fullmatch(item.text)
                                        or (run and _LAST_PIECE.match(item.text))):
                run.append(item)      # "名：周子昂" closes the run it ends
                continue
            out.extend(_joined(run))
            run = [item] if _PIECE.fullmatch(item.text) else []
            if not run:
                out.append(item)
        out.extend(_joined(run))
    return out


def run_closed(run: list[Item]) -> bool:
    """A piece ending in a colon ends its label."""
    return bool(run) and run[-1].text.endswith(":")


def _next_piece(previous: Item, item: Item) -> bool:
    height = max(previous.height, item.height)
    similar = 0.6 <= item.height / previous.height <= 1.6
    gap = item.box[0] - previous.box[2]
    return similar and -PIECE_OVERLAP * height <= gap <= PIECE_GAP * height


def _joined(run: list[Item]) -> list[Item]:
    """The pieces as one item when there are two or more, else the piece as it was."""
    if len(run) < 2:
        return run
    text = "".join(item.text for item in run)
    source = TextBox(text, Box.union(item.box for item in run),
                     min(item.source.score for item in run))
    compact_key, keymap = key_with_map(text)
    return [Item(run[0].index, source, text, compact_key, tuple(keymap))]


def lines(items: list[Item]) -> list[list[Item]]:
    """Items grouped into text lines (by vertical centre), each line left to right."""
    if not items:
        return []
    tolerance = 0.5 * median(item.height for item in items)
    grouped: list[list[Item]] = []
    for item in sorted(items, key=lambda it: it.yc):
        if grouped and abs(item.yc - _line_centre(grouped[-1])) <= tolerance:
            grouped[-1].append(item)
        else:
            grouped.append([item])
    return [sorted(line, key=lambda it: it.box[0]) for line in grouped]


def _line_centre(line: list[Item]) -> float:
    return sum(item.yc for item in line) / len(line)


def line_text(line: list[Item]) -> str:
    return " ".join(item.text for item in line)


def label_threshold(label_key: str) -> float:
    """How close a box must come to a label. Latin labels are mostly short and similar to each
    other (Last Name / First Name): strict, the longest a little less so. A CJK label of four
    characters or more tolerates one misread character (测试成值 for 测试成绩, 发证日朝 for
    发证日期): OCR damages a label as often as a value, and a lost label loses its value. Rival
    labels guard against mixing up two fields' labels one character apart (证书号码 / 证件号码),
    see find_labels."""
    if len(label_key) >= 4 and has_cjk(label_key):
        return min(LABEL_SIMILARITY, (len(label_key) - 1) / len(label_key))
    floor = LONG_LATIN_SIMILARITY if len(label_key) >= LONG_LATIN_LABEL else LABEL_SIMILARITY
    return max(floor, min_similarity(label_key))


def find_labels(items: list[Item], labels, rivals=()) -> list[LabelHit]:
    """Every box that holds one of `labels`; the longest label wins where several overlap.
    A fuzzy hit gives way where one of `rivals` (other fields' labels, as long or longer: "Name"
    inside "Family Name" is no rival) matches the same characters at least as well."""
    keyed = sorted({(key(label), label) for label in labels if key(label)},
                   key=lambda pair: -len(pair[0]))
    rival_keys = tuple({key(label) for label in rivals if key(label)} - {k for k, _ in keyed})
    hits = []
    for item in items:
        taken: list[tuple[int, int]] = []
        # Of labels as long as each other, one printed exactly goes first: 证书编码 fuzzily on
        # 证书编号 had taken its place and cut the value at 号 (as the set's order fell).
        for label_key, label in sorted(keyed, key=lambda pair: (
                -len(pair[0]), pair[0] not in item.key, pair[0])):
            strength, start, end = fuzzy_find(label_key, item.key, label_threshold(label_key))
            if strength <= 0 or any(start < e and end > s for s, e in taken):
                continue
            if end - start < len(label_key) - MAX_LABEL_CHARS_LOST:
                continue      # a part of the label: Test Taker of "Test Taker Profile" (a menu)
            # As long as the label, or as what it matched: "Test Taker Name" met "Test taken"
            # (10 characters, 0.82), the date's label, which matches them exactly.
            if strength < 1.0 and _rival_matches(
                    [rival for rival in rival_keys if len(rival) >= min(len(label_key),
                                                                        end - start)],
                    item.key, strength, start, end):
                continue
            if _inside_latin_word(item.text, item.keymap[start], label_key):
                continue
            taken.append((start, end))
            hits.append(LabelHit(item, label, strength, item.keymap[start],
                                 item.keymap[end - 1] + 1))
    return hits


def _inside_latin_word(text: str, text_start: int, label_key: str) -> bool:
    """A Latin label that starts inside a word is no label: Name in VIETNAMESE (a TRF's First
    Language) gave the name SE. One letter before it is a misread start a fuzzy match left
    out (Vanily Name for Family Name), not a word."""
    if has_cjk(label_key):
        return False
    prefix = re.search(r"[A-Za-z]*$", text[:text_start]).group(0)
    return len(prefix) >= 2


# A label printed over two or three lines in a narrow column (Overall | Band | Score beside the
# band on a TRF): pieces left-aligned within this share of their height, and this close.
STACK_ALIGN = 0.6
STACK_GAP = 0.6


def stacked_label_items(items: list[Item], labels) -> list[Item]:
    """Virtual items for Latin labels of several words printed one word (or two) per line,
    stacked: 'Overall', 'Band', 'Score' read as three boxes whose right neighbours are on
    none of their lines. Each joins the pieces whose words make the whole label, so the value
    beside the stack is on its line."""
    wanted = {key(label) for label in labels if not has_cjk(label) and " " in label.strip()}
    if not wanted:
        return []
    # Only boxes that hold a piece of a wanted label can be in a stack (few on any page).
    pieces = [item for item in items
              if item.key and any(item.key in label_key for label_key in wanted)]
    virtual = []
    for top in pieces:
        run = [top]
        while len(run) < 3:
            below_it = [item for item in pieces if item is not run[-1] and _stacked(run[-1], item)]
            if not below_it:
                break
            run.append(min(below_it, key=lambda item: item.box[1]))
            joined = "".join(item.key for item in run)
            if not any(label_key.startswith(joined) for label_key in wanted):
                break
            if joined in wanted:
                virtual.append(_stack(run, len(virtual)))
                break
    return virtual


def _stacked(upper: Item, lower: Item) -> bool:
    height = max(upper.height, lower.height)
    gap = lower.box[1] - upper.box[3]
    return (abs(lower.box[0] - upper.box[0]) <= STACK_ALIGN * height
            and -0.5 * height <= gap <= STACK_GAP * height and lower.yc > upper.yc
            and 0.6 <= lower.height / max(1, upper.height) <= 1.6)


def _stack(run: list[Item], number: int) -> Item:
    text = " ".join(item.text for item in run)
    source = TextBox(text, Box.union(item.box for item in run),
                     min(item.source.score for item in run))
    compact_key, keymap = key_with_map(text)
    return Item(-1000 - number, source, text, compact_key, tuple(keymap))


def _rival_matches(rival_keys, text_key: str, strength: float, start: int, end: int) -> bool:
    for rival in rival_keys:
        rival_strength, rival_start, rival_end = fuzzy_find(rival, text_key,
                                                            label_threshold(rival))
        if rival_strength >= strength and rival_start < end and rival_end > start:
            return True
    return False


def right_of(anchor: Item, items: list[Item], limit: int = 3) -> list[Item]:
    """Boxes on the same line to the right of anchor, nearest first."""
    x1 = anchor.box[2]
    found = []
    for item in items:
        if item is anchor or item.box[0] < x1 - 0.5 * anchor.height:
            continue
        if _vertical_overlap(anchor, item) >= 0.5 * min(anchor.height, item.height):
            found.append(item)
        elif abs(item.yc - anchor.yc) <= 0.4 * anchor.height + SKEW * (item.box[0] - x1):
            found.append(item)     # a tilted photo: the line drifts as it goes right
    found.sort(key=lambda item: item.box[0])
    return found[:limit]


def left_of(anchor: Item, items: list[Item]) -> Item | None:
    """The nearest box on the same line left of anchor, within a few of its heights (a score
    printed large before its label: 110 Overall)."""
    x0 = anchor.box[0]
    found = [item for item in items
             if item is not anchor and item.box[2] <= x0 + 0.5 * anchor.height
             and x0 - item.box[2] <= 4 * anchor.height
             and _vertical_overlap(anchor, item) >= 0.5 * min(anchor.height, item.height)]
    return max(found, key=lambda item: item.box[2], default=None)


def below(anchor: Item, items: list[Item], limit: int = 2, lines: float = 2.5) -> list[Item]:
    """Boxes just below anchor (within `lines` lines: about two by default) in its column:
    boxes that overlap the anchor horizontally first (a value centred under its label), nearest
    first."""
    x0, y1 = anchor.box[0], anchor.box[3]
    height = anchor.height
    x_right = max(anchor.box[2], x0 + 6 * height)
    found = []
    for item in items:
        if item is anchor or item.yc < anchor.yc + 0.5 * min(height, item.height):
            continue
        if _vertical_overlap(anchor, item) >= 0.5 * min(height, item.height):
            continue          # on the same line
        # Within about two lines of the label, or of the value's own size when it is printed
        # larger (a Duolingo score in large digits well under "Overall Score").
        if item.box[1] - y1 > lines * max(height, item.height):
            continue
        if item.box[2] < x0 - height or item.box[0] > x_right:
            continue
        found.append(item)
    found.sort(key=lambda item: (horizontal_overlap(anchor, item) <= 0, item.box[1],
                                 abs(item.box[0] - x0)))
    return found[:limit]


def horizontal_overlap(a: Item, b: Item) -> int:
    return min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])


def _vertical_overlap(a: Item, b: Item) -> int:
    return min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])


def page_bounds(items: list[Item]) -> Box:
    if not items:
        return Box(0, 0, 0, 0)
    return Box.union(item.box for item in items)


def region_around(anchor: Item, items: list[Item], value: Item | None = None,
                  vertical: bool = False) -> Box:
    """Where a re-read should look for anchor's value: the value's box if one was found; the
    label's own box (label and value printed together); else the strip where values sit on
    this document: right of the label, or under it when `vertical` (values below labels)."""
    height = anchor.height
    x0, y0, x1, y1 = anchor.box
    if value is not None and value is not anchor:
        box = value.box
    elif value is anchor:
        box = Box(x0, y0, x1 + 2 * height, y1)
    elif vertical:
        box = Box(x0 - height, y1, x0 + 10 * height, y1 + int(1.6 * height))
    else:
        right = page_bounds(items).x1
        box = Box(x1, y0, min(max(right, x1 + 4 * height), x1 + 14 * height), y1)
    pad = int(0.3 * height)
    return Box(max(0, box.x0 - pad), max(0, box.y0 - pad), box.x1 + pad, box.y1 + pad)
