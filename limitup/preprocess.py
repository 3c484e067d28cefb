"""From an uploaded file to the image OCR reads: open, orient, suppress red seals, scale.

Each step is a small function so `limitup bench` can time it and switch it off. The choices
(which steps run by default, at which sizes) come from the measurements in docs/benchmarks.md.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from limitup.errors import LimitupError

MIN_SIDE = 200                 # smaller than this cannot hold a legible certificate
MAX_PIXELS = 80_000_000        # decompression-bomb guard (a 12 MP phone photo is far below)
OCR_MAX_SIDE = 1600            # recognition crops come from an image at most this large

try:  # phone photos arrive as HEIC too
    import pillow_heif
    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    pass


class UnreadableImage(LimitupError):
    code = "unreadable_image"
    status = 422


def open_image(path: str | Path) -> Image.Image:
    """The file as an upright RGB image (EXIF orientation applied), or UnreadableImage."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableImage(f"{path}: no such file")
    try:
        with Image.open(path) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise UnreadableImage(f"{path}: image too large ({opened.width}x{opened.height})")
            opened.load()
            image = exif_upright(opened)
    except UnreadableImage:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise UnreadableImage(f"{path}: not a readable image ({error})") from None
    check_size(image, str(path))
    return image


def check_size(image: Image.Image, label: str = "image") -> None:
    if min(image.size) < MIN_SIDE:
        raise UnreadableImage(f"{label}: image too small ({image.width}x{image.height}, "
                              f"needs at least {MIN_SIDE} px on each side)")


def exif_upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation tag (phones store photos sideways and say so in EXIF)."""
    upright = ImageOps.exif_transpose(image)   # always a new image: safe past a closed file
    # convert() copies even an RGB image: on a 12 MP photo that is a second full-size copy.
    return upright if upright.mode == "RGB" else upright.convert("RGB")


# How much of a pixel's seal redness (below) is added back to its red channel. Seal ink
# multiplies the paper: under a dim phone light a seal's red channel sits well below the paper's
# (R 99 against 130 measured on a hard photo), as dark as faint print, so the red channel alone
# leaves the seal's ring and star on the page. The ink's redness says how much of it is there,
# and black print has none. 0.5 measured best against 1.0, 3.0, a factor fitted per image, and
# dividing by an estimated transmission instead: docs/benchmarks.md, seventh pass.
SEAL_LIFT = 0.5
PAPER_PERCENTILE = 90     # the page's paper brightness in the red channel: no pixel is lifted past it


def suppress_red(image: Image.Image) -> Image.Image:
    """The red channel as the grey image, seal ink lifted to the paper: red seal ink turns as
    light as the paper while black and blue print stay dark, under the seal too (print under
    ink stays dark: it has no redness of its own). A pixel is never made darker, nor lighter
    than the paper. (Red print, e.g. a red title, fades too: the reread sees colour.)"""
    import cv2    # saturating uint8 arithmetic: about 15 ms on a 1600 px page, numpy floats 50
    red, green, blue = cv2.split(np.asarray(image if image.mode == "RGB" else image.convert("RGB")))
    strongest, weakest = cv2.max(green, blue), cv2.min(green, blue)
    # Seal ink's green and blue are alike; brown wood or skin has more green than blue: its
    # redness is not the seal's, and lifting it put lines in the background (far photos).
    redness = cv2.subtract(cv2.subtract(red, strongest), cv2.subtract(strongest, weakest))
    lifted = cv2.add(red, cv2.addWeighted(redness, SEAL_LIFT, redness, 0, 0))
    counts = np.cumsum(cv2.calcHist([red], [0], None, [256], [0, 256]).ravel())
    paper = int(np.searchsorted(counts, counts[-1] * PAPER_PERCENTILE / 100))
    grey = cv2.max(cv2.min(lifted, paper), red)
    return Image.fromarray(cv2.merge((grey, grey, grey)))


def limit_size(image: Image.Image, max_side: int = OCR_MAX_SIDE) -> tuple[Image.Image, float]:
    """Scale down so the longer side is at most max_side; returns (image, scale applied)."""
    longest = max(image.size)
    if longest <= max_side:
        return image, 1.0
    scale = max_side / longest
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    # A 12 MP photo is first averaged down by a whole factor (Image.reduce, a box filter: fast),
    # then LANCZOS does the rest: 74 ms instead of 161 ms from 2938x3917 to 1600 px, measured.
    factor = int(min(image.width / size[0], image.height / size[1]))
    if factor >= 2:
        image = image.reduce(factor)
    return image.resize(size, Image.Resampling.LANCZOS), scale


def rotate(image: Image.Image, degrees: int) -> Image.Image:
    """Turn counter-clockwise by 0/90/180/270 degrees (lossless transposes)."""
    turns = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
             270: Image.Transpose.ROTATE_270}
    return image.transpose(turns[degrees % 360]) if degrees % 360 else image


SEAL_MIN_BRIGHTNESS = 120   # HSV value (0-255): seal ink is bright red, print under it is dark


def luminance(image: Image.Image) -> Image.Image:
    """The page as grey by luminance (RGB out, as OCR takes it): print of any colour is as dark
    as the eye sees it, where the red channel washes out orange and red print (a Duolingo
    certificate's orange score and link: 251/129/28, white in red, mid-grey here). Read with
    detection finer than the fast pass's (limitup.ocr.detail.COLOUR_DET_SIDE). Each pixel's
    darkest channel, used before, made that orange as dark as black print: the detector found
    the link of fewer real Duolingo certificates in it (see COLOUR_DET_SIDE), and in the colour
    image itself it found one's large score at no side. Seal ink stays visible: this view is for
    the second reading only, which fills only the key fields the first left missing or in doubt
    (limitup.ocr.detail.merge)."""
    return (image if image.mode == "L" else image.convert("L")).convert("RGB")


def remove_seal(image: Image.Image) -> Image.Image:
    """Grey image of a (small) crop with red seal ink painted paper-coloured: pixels of red hue,
    clear saturation and some brightness become the crop's paper brightness, everything else is
    kept as its luminance. Dark red-tinged pixels are print under the ink (a stamp multiplies):
    they stay. Meant for a re-read crop: on a whole page it would also erase red print."""
    import cv2
    rgb = np.asarray(image.convert("RGB"))
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, saturation, brightness = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((hue <= 12) | (hue >= 160)) & (saturation >= 50) & (brightness >= SEAL_MIN_BRIGHTNESS)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    paper = int(np.percentile(grey, 90))
    grey = grey.copy()
    grey[red] = paper
    return Image.fromarray(grey).convert("RGB")
