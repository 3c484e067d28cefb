"""Quick certificate renders for the OCR tests (independent of the sample generator)."""
from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NUMBER = "20234403121000123"
NAME = "王小明"


def certificate(seal: bool = False, width: int = 1400) -> Image.Image:
    """A plain teacher certificate: title, labelled fields, optionally a red seal over the number."""
    scale = width / 1400
    image = Image.new("RGB", (width, int(1000 * scale)), (250, 246, 236))
    draw = ImageDraw.Draw(image)
    title = ImageFont.truetype(FONT, int(64 * scale))
    body = ImageFont.truetype(FONT, int(40 * scale))
    draw.text((int(450 * scale), int(80 * scale)), "教师资格证书", font=title, fill=(20, 20, 20))
    rows = [("姓名", NAME), ("性别", "男"), ("资格种类", "高级中学"),
            ("证书号码", NUMBER), ("颁发日期", "2023年06月15日")]
    for index, (label, value) in enumerate(rows):
        y = int((250 + index * 110) * scale)
        draw.text((int(200 * scale), y), label, font=body, fill=(30, 30, 30))
        draw.text((int(520 * scale), y), value, font=body, fill=(30, 30, 30))
    if seal:
        # Seal ink lies over the print (multiply), as a stamp on paper does.
        layer = Image.new("RGB", image.size, (255, 255, 255))
        draw = ImageDraw.Draw(layer)
        centre, radius = (int(760 * scale), int(640 * scale)), int(150 * scale)
        box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
        draw.ellipse(box, outline=(225, 40, 45), width=int(12 * scale))
        seal_font = ImageFont.truetype(FONT, int(46 * scale))
        draw.text((centre[0] - int(120 * scale), centre[1] - int(30 * scale)), "教育厅专用章",
                  font=seal_font, fill=(225, 40, 45))
        draw.regular_polygon((centre, int(40 * scale)), 5, fill=(225, 40, 45))
        image = ImageChops.multiply(image, layer)
    return image
