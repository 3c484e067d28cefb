"""Font sets per style: `train` and `holdout` share no font, so recognition tuned on one set is
measured on faces it has never seen."""
from __future__ import annotations

import functools
import random

from PIL import ImageFont

from limitup.errors import LimitupError

NOTO = "/usr/share/fonts/opentype/noto/"
WQY = "/usr/share/fonts/truetype/wqy/"
ARPHIC = "/usr/share/fonts/truetype/arphic/"
DEJAVU = "/usr/share/fonts/truetype/dejavu/"
LIBERATION = "/usr/share/fonts/truetype/liberation/"

# (path, ttc index). Index 2 of the Noto CJK collections is the Simplified Chinese face.
FONT_SETS = {
    "train": {
        "zh": [(NOTO + "NotoSerifCJK-Regular.ttc", 2), (NOTO + "NotoSansCJK-Regular.ttc", 2)],
        "zh_bold": [(NOTO + "NotoSerifCJK-Bold.ttc", 2), (NOTO + "NotoSansCJK-Bold.ttc", 2)],
        "en": [(DEJAVU + "DejaVuSerif.ttf", 0), (DEJAVU + "DejaVuSans.ttf", 0)],
        "en_bold": [(DEJAVU + "DejaVuSerif-Bold.ttf", 0), (DEJAVU + "DejaVuSans-Bold.ttf", 0)],
    },
    "holdout": {
        "zh": [(ARPHIC + "uming.ttc", 0), (ARPHIC + "ukai.ttc", 0), (WQY + "wqy-zenhei.ttc", 0),
               (WQY + "wqy-microhei.ttc", 0)],
        "zh_bold": [(WQY + "wqy-zenhei.ttc", 0), (ARPHIC + "ukai.ttc", 0), (WQY + "wqy-microhei.ttc", 0)],
        "en": [(LIBERATION + "LiberationSerif-Regular.ttf", 0), (LIBERATION + "LiberationSans-Regular.ttf", 0),
               (LIBERATION + "LiberationSansNarrow-Regular.ttf", 0)],
        "en_bold": [(LIBERATION + "LiberationSerif-Bold.ttf", 0), (LIBERATION + "LiberationSans-Bold.ttf", 0)],
    },
}
STYLES = tuple(FONT_SETS)


@functools.lru_cache(maxsize=32)   # CJK faces are large: keep few sizes alive
def load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, max(6, int(size)), index=index)
    except OSError as error:
        raise LimitupError(f"font {path} is missing ({error}); install the CJK fonts "
                           "(scripts/setup-system.sh)", code="font_missing") from error


class FontPicker:
    """The faces one document uses: one body face and one title face, chosen by the seed."""

    def __init__(self, style: str, lang: str, rng: random.Random):
        fonts = FONT_SETS[style]
        self.body = rng.choice(fonts[lang])
        self.bold = rng.choice(fonts[lang + "_bold"])
        self.cjk = rng.choice(fonts["zh"])   # CJK text on an English document (rare)

    def regular(self, size: int):
        return load(*self.body, int(size))

    def title(self, size: int):
        return load(*self.bold, int(size))
