"""Layouts: a Doc becomes a clean page image (plus where the holder name and number landed).

`train` layouts: label：value side by side (booklet with photo, two-column grid), boxed score rows.
`holdout` layouts: label stacked above value, ruled tables, fill-in forms with spaced labels and
no colon, date printed under the issuer without a label, different positions. Sizes, spacing and
positions are randomised inside each layout.
"""
from __future__ import annotations

import math
import random

from limitup.samples.document import Doc, Field
from limitup.samples.fonts import FontPicker
from limitup.samples.page import Page, fitted, frame, photo_box, star, emblem, wrap_segments

INKS = ((22, 22, 22), (30, 30, 45), (40, 32, 28))
FRAMES = ((150, 30, 30), (30, 50, 120), (160, 120, 40), (40, 90, 60))


def render(doc: Doc, style: str, rng: random.Random):
    """Pick a layout of the style and draw the doc; returns (Page, layout name)."""
    fonts = FontPicker(style, doc.lang, rng)
    if doc.body:
        choices = HONOUR_LAYOUTS[style]
    else:
        choices = LAYOUTS[style]
    name = rng.choice(sorted(choices))
    return choices[name](doc, fonts, rng), name


# --- shared pieces ----------------------------------------------------------------------------

def _spaced(label: str) -> str:
    """姓名 -> 姓　名 (two-character labels are often printed spread out)."""
    return "　".join(label) if len(label) == 2 and all("\u4e00" <= c <= "\u9fff" for c in label) else label


def _labels(doc: Doc, rng, style: str, spaced: bool):
    out = []
    for f in doc.fields:
        label = f.label(rng, style)
        out.append((_spaced(label) if spaced else label, f.value, f.role))
    return out


def _title(page: Page, doc: Doc, fonts: FontPicker, rng, top: int, x: float | None = None,
           anchor: str = "ma", colour=(25, 25, 25), scale: float = 1.0) -> int:
    w, _ = page.size
    x = w / 2 if x is None else x
    size = w * rng.uniform(0.036, 0.05) * scale
    for i, line in enumerate(doc.title):
        font = fitted(fonts.title, line, size if i == len(doc.title) - 1 else size * 0.75, w * 0.8, page)
        box = page.text((x, top), line, font, fill=colour, anchor=anchor)
        top = box[3] + int(size * 0.35)
    for line in doc.subtitle:
        font = fitted(fonts.regular, line, size * 0.42, w * 0.8, page)
        box = page.text((x, top), line, font, fill=(70, 70, 70), anchor=anchor)
        top = box[3] + int(size * 0.2)
    return top + int(size * 0.3)


def _issuer(page: Page, doc: Doc, fonts: FontPicker, rng, right: int, bottom: int, size: float,
            date_text: str | None, anchor: str = "ra") -> tuple[int, int]:
    """Issuer lines and the unlabelled date, bottom-right; returns the issuer seal's centre."""
    lines = list(doc.issuer)
    y = bottom - int(size * 1.5) * (len(lines) + (1 if date_text else 0))
    first_y = y
    for line in lines:
        page.text((right, y), line, fonts.regular(size), anchor=anchor)
        y += int(size * 1.5)
    if date_text:
        page.text((right, y), date_text, fonts.regular(size), role="date", anchor=anchor)
    return int(right - size * 4), int(first_y + size * 0.8)


def _split_date(doc: Doc, fields, footer_date: bool):
    """Move the issue date out of the fields (to print under the issuer) when the layout wants it."""
    date_text = doc.footer_date
    if footer_date and date_text is None:
        for item in fields:
            if item[2] == "date":
                date_text = item[1]
        fields = [f for f in fields if f[2] != "date"]
    return fields, date_text


def _place(items, cols: int, wide) -> list[tuple[int, int, int]]:
    """Grid slots (row, col, span) for items in order; a wide item takes a whole row."""
    slots, row, col = [], 0, 0
    for item in items:
        if cols > 1 and wide(item):
            if col:
                row, col = row + 1, 0
            slots.append((row, 0, cols))
            row += 1
            continue
        slots.append((row, col, 1))
        col += 1
        if col == cols:
            row, col = row + 1, 0
    return slots


def _field_rows(page: Page, items, region, cols: int, fonts: FontPicker, rng, mode: str, sep: str,
                max_size: float, ink) -> None:
    """Draw label/value items in a grid. mode: side (label：value), stacked (label above value),
    form (right-aligned label, underlined value), table (ruled cells). Values too long for a
    cell get a whole row; values are never shrunk below ~75 % of the row's size."""
    if not items:
        return
    x0, y0, x1, y1 = region
    cell_w = (x1 - x0) / cols
    size = max_size
    for _ in range(3):   # the size decides which items are wide, which decides the rows
        label_font = fonts.regular(size * (0.7 if mode == "stacked" else 1.0))
        label_w = max(page.width(lbl + sep, label_font) for lbl, _, _ in items) + size * 0.4
        if mode == "stacked":
            label_w = 0
        wide = lambda item: label_w + page.width(item[1], fonts.regular(size)) + size > cell_w * 0.98
        slots = _place(items, cols, wide)
        rows = max(r for r, _, _ in slots) + 1
        row_h = (y1 - y0) / rows
        size = min(max_size, row_h * (0.34 if mode == "stacked" else 0.56))
    row_h = min(row_h, size * (2.7 if mode == "stacked" else 2.0))   # no sparse, floating rows
    y0 += (y1 - y0 - rows * row_h) * rng.uniform(0.2, 0.5)           # the block sits mid-region
    label_font = fonts.regular(size * (0.7 if mode == "stacked" else 1.0))
    if mode != "stacked":
        label_w = max(page.width(lbl + sep, label_font) for lbl, _, _ in items) + size * 0.4
    label_ink = (90, 90, 90) if mode == "stacked" else (60, 60, 60)
    for (label, value, role), (row, col, span) in zip(items, slots):
        cx, cy, width = x0 + col * cell_w, y0 + row * row_h, cell_w * span
        if mode == "stacked":
            page.text((cx, cy), label, label_font, fill=label_ink)
            font = fitted(fonts.regular, value, size, width - size, page, min_size=int(size * 0.75))
            page.text((cx, cy + size * 0.95), value, font, fill=ink, role=role)
            continue
        vx = cx + label_w
        if mode == "form":
            page.text((cx + label_w - size * 0.8, cy), label, label_font, fill=label_ink, anchor="ra")
            vx = cx + label_w - size * 0.2
        elif mode == "table":
            top, low = cy - size * 0.3, cy + row_h - size * 0.3
            page.draw.rectangle([cx, top, cx + width, low], outline=(70, 70, 70), width=2)
            page.draw.line([cx + label_w + size * 0.1, top, cx + label_w + size * 0.1, low], fill=(70, 70, 70), width=2)
            page.text((cx + size * 0.25, cy), label, label_font, fill=label_ink)
            vx = cx + label_w + size * 0.45
        else:
            page.text((cx, cy), label + sep, label_font, fill=label_ink)
        font = fitted(fonts.regular, value, size, width - (vx - cx) - size * 0.5, page, min_size=int(size * 0.75))
        box = page.text((vx, cy), value, font, fill=ink, role=role)
        if mode == "form":
            page.draw.line([vx - 4, box[3] + 6, cx + width - size * 0.6, box[3] + 6], fill=(80, 80, 80), width=1)


def _score_cells(page: Page, scores, region, fonts: FontPicker, ink, boxed: bool) -> None:
    """Scores as a row of cells, label above value (score reports print them this way)."""
    x0, y0, x1, y1 = region
    cell_w = (x1 - x0) / len(scores)
    size = min((y1 - y0) * 0.36, cell_w * 0.22)
    for i, (label, value, role) in enumerate(scores):
        cx = x0 + i * cell_w
        if boxed:
            page.draw.rectangle([cx, y0, cx + cell_w, y1], outline=(60, 60, 60), width=2)
        label_font = fitted(fonts.regular, label, size * 0.6, cell_w * 0.9, page)
        page.text((cx + cell_w / 2, y0 + size * 0.3), label, label_font, fill=(70, 70, 70), anchor="ma")
        value_font = fonts.title(size * (1.2 if role == "score" else 1.0))
        page.text((cx + cell_w / 2, y0 + size * 1.15), value, value_font, fill=ink, role=role, anchor="ma")


# --- layouts ---------------------------------------------------------------------------------

def _portrait(doc: Doc, rng) -> bool:
    return bool(doc.scores) and rng.random() < 0.7


def _size(portrait: bool, rng) -> tuple[int, int]:
    long_side, short_side = rng.randrange(1380, 1480), rng.randrange(960, 1040)
    return (short_side, long_side) if portrait else (long_side, short_side)


def booklet(doc: Doc, fonts: FontPicker, rng) -> Page:
    """Train: framed booklet page, photo on one side, label：value rows (score reports portrait)."""
    page = Page(_size(_portrait(doc, rng), rng))
    w, h = page.size
    inner = frame(page, rng, rng.choice(FRAMES))
    ink = rng.choice(INKS)
    emblem(page, (w / 2, inner + 40), 32, (170, 40, 40)) if doc.lang == "zh" and rng.random() < 0.5 else None
    top = _title(page, doc, fonts, rng, inner + (90 if doc.lang == "zh" else 30))
    sep = "：" if doc.lang == "zh" else ": "
    items = _labels(doc, rng, "train", spaced=False)
    items, date_text = _split_date(doc, items, footer_date=False)
    bottom = h - inner - (170 if doc.issuer else 40)
    photo_left = rng.random() < 0.5
    x0, x1 = inner + 40, w - inner - 40
    if doc.photo:
        pw = int(w * 0.14)
        px = x0 if photo_left else x1 - pw
        photo_box(page, (px, top + 10, px + pw, top + 10 + int(pw * 1.35)))
        x0, x1 = (x0 + pw + 50, x1) if photo_left else (x0, x1 - pw - 50)
    score_h = 130 if doc.scores else 0
    cols = 2 if len(items) > 7 and w > h else 1
    _field_rows(page, items, (x0, top + 10, x1, bottom - score_h), cols, fonts, rng, "side", sep,
                max(w, h) * 0.026, ink)
    if doc.scores:
        _score_cells(page, doc.scores, (inner + 40, bottom - score_h + 10, w - inner - 40, bottom - 10), fonts, ink, True)
    seal = _issuer(page, doc, fonts, rng, w - inner - 60, h - inner - 30, w * 0.018, date_text)
    _footnote(page, doc, fonts, inner)
    page.boxes["issuer_seal"] = [(seal[0] - 1, seal[1] - 1, seal[0] + 1, seal[1] + 1)]
    return page


def grid(doc: Doc, fonts: FontPicker, rng) -> Page:
    """Train: title left or centred, two columns of label：value, score table, issuer bottom."""
    portrait = _portrait(doc, rng)
    page = Page(_size(portrait, rng))
    w, h = page.size
    inner = frame(page, rng, rng.choice(FRAMES)) if rng.random() < 0.6 else 50
    ink = rng.choice(INKS)
    centred = rng.random() < 0.5
    top = _title(page, doc, fonts, rng, inner + 30, x=None if centred else inner + 30, anchor="ma" if centred else "la")
    sep = "：" if doc.lang == "zh" else ": "
    items = _labels(doc, rng, "train", spaced=False)
    items, date_text = _split_date(doc, items, footer_date=False)
    bottom = h - inner - (160 if doc.issuer else 40)
    x0, x1 = inner + 30, w - inner - 30
    if doc.photo:
        pw = int(min(w, h) * 0.16)
        photo_box(page, (x1 - pw, top, x1, top + int(pw * 1.3)))
        x1 -= pw + 40
    score_h = int(h * 0.14) if doc.scores else 0
    cols = 1 if portrait else 2
    _field_rows(page, items, (x0, top + 10, x1, bottom - score_h - 20), cols, fonts, rng, "side", sep, w * 0.028, ink)
    if doc.scores:
        _score_cells(page, doc.scores, (inner + 30, bottom - score_h, w - inner - 30, bottom - 20), fonts, ink, rng.random() < 0.7)
    seal = _issuer(page, doc, fonts, rng, w - inner - 40, h - inner - 30, w * 0.02, date_text)
    _footnote(page, doc, fonts, inner)
    page.boxes["issuer_seal"] = [(seal[0] - 1, seal[1] - 1, seal[0] + 1, seal[1] + 1)]
    return page


def _holdout_page(doc: Doc, fonts: FontPicker, rng, mode: str) -> Page:
    portrait = rng.random() < (0.6 if doc.scores else 0.25)
    page = Page(_size(portrait, rng), paper=rng.choice(((250, 250, 250), (248, 244, 232), (244, 248, 246))))
    w, h = page.size
    inner = frame(page, rng, rng.choice(FRAMES)) if rng.random() < 0.5 else 45
    ink = rng.choice(INKS)
    title_at_left = mode == "table" and rng.random() < 0.5
    top = _title(page, doc, fonts, rng, inner + rng.randrange(20, 80), x=inner + 20 if title_at_left else None,
                 anchor="la" if title_at_left else "ma", scale=rng.uniform(0.8, 1.15))
    spaced = doc.lang == "zh" and mode == "form" or rng.random() < 0.3
    sep = "" if mode in ("form", "table") else ("：" if doc.lang == "zh" and rng.random() < 0.5 else ": " if doc.lang == "en" else ":")
    items = _labels(doc, rng, "holdout", spaced=spaced)
    items, date_text = _split_date(doc, items, footer_date=rng.random() < 0.5)
    rng.shuffle(items) if rng.random() < 0.3 else None
    x0, x1 = inner + 30, w - inner - 30
    scores_first = doc.scores and rng.random() < 0.5
    score_h = int(h * 0.13) if doc.scores else 0
    bottom = h - inner - (190 if doc.issuer or date_text else 40)
    if doc.photo and rng.random() < 0.7:
        pw = int(min(w, h) * 0.15)
        py = bottom - int(pw * 1.3) - score_h if rng.random() < 0.5 else top
        photo_box(page, (x0, py, x0 + pw, py + int(pw * 1.3)))
        x0 += pw + 40
    cols = 1 if w < 1100 and mode != "stacked" else (3 if mode == "stacked" and w > 1100 else 2)
    fields_top, fields_bottom = (top + score_h + 20, bottom) if scores_first else (top + 10, bottom - score_h - 10)
    _field_rows(page, items, (x0, fields_top, x1, fields_bottom), cols, fonts, rng, mode, sep, max(w, h) * rng.uniform(0.021, 0.027), ink)
    if doc.scores:
        sy = top if scores_first else bottom - score_h
        if mode == "stacked" or rng.random() < 0.5:
            _score_cells(page, doc.scores, (inner + 30, sy, w - inner - 30, sy + score_h - 10), fonts, ink, mode == "table")
        else:
            _field_rows(page, doc.scores, (inner + 30, sy, w - inner - 30, sy + score_h), 3, fonts, rng, "side",
                        sep or " ", w * 0.024, ink)
    left_issuer = rng.random() < 0.35
    seal = _issuer(page, doc, fonts, rng, inner + 60 if left_issuer else w - inner - 60, h - inner - 30,
                   w * rng.uniform(0.016, 0.022), date_text, anchor="la" if left_issuer else "ra")
    if left_issuer:
        seal = (seal[0] + int(w * 0.15), seal[1])
    _footnote(page, doc, fonts, inner)
    page.boxes["issuer_seal"] = [(seal[0] - 1, seal[1] - 1, seal[0] + 1, seal[1] + 1)]
    return page


def stacked(doc, fonts, rng):
    """Holdout: small grey label above each value, 2–3 columns."""
    return _holdout_page(doc, fonts, rng, "stacked")


def table(doc, fonts, rng):
    """Holdout: ruled table cells, label | value, no colon."""
    return _holdout_page(doc, fonts, rng, "table")


def form(doc, fonts, rng):
    """Holdout: right-aligned spaced labels, underlined fill-in values, no colon."""
    return _holdout_page(doc, fonts, rng, "form")


def _footnote(page: Page, doc: Doc, fonts: FontPicker, inner: int) -> None:
    if doc.footnote:
        w, h = page.size
        page.text((w / 2, h - inner - 22), doc.footnote, fonts.regular(15), fill=(110, 110, 110), anchor="ma")


# --- honour certificates ------------------------------------------------------------------------

def _honour(doc: Doc, fonts: FontPicker, rng, variant: str) -> Page:
    """荣誉证书: big title, a sentence naming the holder and the award, issuer, date.

    centred (train): body lines centred, number top-right; plain (train): body left-aligned,
    number top-right; band (holdout): coloured band, indented paragraph, number top-right or
    bottom-left; bottom (holdout): portrait or landscape, number bottom-left, name on its own line."""
    style = "holdout" if variant in ("band", "bottom") else "train"
    page = Page(_size(style == "holdout" and rng.random() < 0.4, rng),
                paper=rng.choice(((252, 248, 236), (250, 250, 250), (255, 246, 240))))
    w, h = page.size
    colour = rng.choice(((180, 30, 30), (170, 130, 40))) if rng.random() < 0.7 else (30, 30, 30)
    inner = frame(page, rng, colour)
    if variant == "band":   # a coloured band on the left
        page.draw.rectangle([inner, inner, inner + int(w * 0.06), h - inner], fill=(200, 60, 50))
        inner += int(w * 0.06)
    title_colour = colour if rng.random() < 0.5 else (30, 30, 30)
    top = _title(page, doc, fonts, rng, inner + rng.randrange(40, 110), colour=title_colour, scale=rng.uniform(1.3, 1.8))
    ink = rng.choice(INKS)
    size = max(w, h) * rng.uniform(0.024, 0.031)
    small = fonts.regular(size * 0.7)
    number = [(f.label(rng, style), f.value, f.role) for f in doc.fields]
    num_at_top = variant in ("centred", "plain") or (variant == "band" and rng.random() < 0.5)
    if number and num_at_top:
        y = inner + 20
        for label, value, role in number:
            lbl = page.text((w - inner - 30 - page.width(value, small) - 10, y), label + "：", small, anchor="ra")
            page.text((lbl[2] + 4, y), value, small, fill=ink, role=role)
            y += int(size * 1.1)
    font = fonts.regular(size)
    x0, x1 = inner + w * 0.08, w - inner - w * 0.08
    y = top + size
    body = list(doc.body)
    if variant == "bottom":   # the name (with 同学：) on a line of its own
        name_text, rest = body[0], body[1][0]
        head, _, tail = rest.partition("：")
        page.text((x0, y), name_text[0], fonts.title(size * 1.15), fill=ink, role="name")
        page.text((x0 + page.width(name_text[0], fonts.title(size * 1.15)) + 6, y), head.strip() + "：", font, fill=ink)
        y += int(size * 1.9)
        body = [(tail, None)]
    for i, line in enumerate(wrap_segments(page, body, font, x1 - x0 - size * 2)):
        widths = sum(page.width(text, fonts.title(size * 1.15) if role == "name" else font) for text, role in line)
        x = x0 + (size * 2 if i == 0 and variant in ("band", "bottom") else 0)
        if variant == "centred":
            x = (x0 + x1) / 2 - widths / 2
        for text, role in line:
            run_font = fonts.title(size * 1.15) if role == "name" else font
            box = page.text((x, y), text, run_font, fill=ink, role=role)
            x = box[2] + (4 if role == "name" else 0)
        y += int(size * (1.9 if variant != "bottom" else 1.6))
    seal = _issuer(page, doc, fonts, rng, w - inner - 80, h - inner - 60, size * 0.95, doc.footer_date)
    if number and not num_at_top:
        label, value, role = number[0]
        page.text((inner + 30, h - inner - 40), f"{label}：", small)
        page.text((inner + 30 + page.width(f"{label}：", small), h - inner - 40), value, small, fill=ink, role=role)
    page.boxes["issuer_seal"] = [(seal[0] - 1, seal[1] - 1, seal[0] + 1, seal[1] + 1)]
    return page


LAYOUTS = {"train": {"booklet": booklet, "grid": grid},
           "holdout": {"stacked": stacked, "table": table, "form": form}}
HONOUR_LAYOUTS = {"train": {"honour_centred": lambda d, f, r: _honour(d, f, r, "centred"),
                            "honour_plain": lambda d, f, r: _honour(d, f, r, "plain")},
                  "holdout": {"honour_band": lambda d, f, r: _honour(d, f, r, "band"),
                              "honour_bottom": lambda d, f, r: _honour(d, f, r, "bottom")}}
