"""Name matching: Chinese exact after normalisation; romanised through pinyin (SPEC 3)."""
import pytest

from limitup.verify.names import name_edits, names_match, romanisations, split_surname

MATCHES = [
    ("张三", "张三"), ("王 小明", "王小明"), ("阿卜杜拉·艾则孜", "阿卜杜拉•艾则孜"),
    ("ZHANG SAN", "张三"), ("San Zhang", "张三"), ("zhang-san", "张三"), ("ZHANG, San", "张三"),
    ("WANG XIAOMING", "王小明"), ("Xiao-Ming WANG", "王小明"), ("XIAOMING WANG", "王小明"),
    # polyphonic surnames read as surnames
    ("SHAN XIONGXIN", "单雄信"), ("Xiongxin Shan", "单雄信"), ("ZENG GUOFAN", "曾国藩"),
    ("XIE JINGJING", "解晶晶"), ("QIU HAO", "仇浩"), ("OU YANG", "区阳"), ("PIAO JIN", "朴进"),
    # compound surnames stay together, either order, with or without a space
    ("OUYANG XIAOMING", "欧阳晓明"), ("Xiaoming Ou-Yang", "欧阳晓明"),
    ("SIMA GUANG", "司马光"), ("ZHUGE LIANG", "诸葛亮"), ("SHANGGUAN WANER", "上官婉儿"),
    # ü written v, u or yu
    ("LV BU", "吕布"), ("LYU BU", "吕布"), ("LU BU", "吕布"),
    # the given name's reading in context and its heteronyms
    ("CHEN CHONGQING", "陈重庆"),
]
MISMATCHES = [
    ("张三", "张四"), ("ZHANG SI", "张三"), ("LI SAN", "张三"), ("DAN XIONGXIN", "单雄信"),
    ("ZENGG GUOFAN", "曾国藩"), ("OUYANG XIAO", "欧阳晓明"), ("WANG XIAOMING", "王小"),
    ("", "张三"), (None, "张三"), ("张三", ""), ("ZHANG", "张三"),
]


@pytest.mark.parametrize("printed, kyc", MATCHES)
def test_matches(printed, kyc):
    assert names_match(printed, kyc)


@pytest.mark.parametrize("printed, kyc", MISMATCHES)
def test_mismatches(printed, kyc):
    assert not names_match(printed, kyc)


def test_compound_surname_split():
    assert split_surname("欧阳晓明") == ("欧阳", "晓明")
    assert split_surname("王小明") == ("王", "小明")
    assert split_surname("欧阳") == ("欧", "阳")  # two characters: a one-character surname


def test_surname_reading_replaces_ordinary_reading():
    spellings = romanisations("单雄信")
    assert "shanxiongxin" in spellings and "danxiongxin" not in spellings


def test_latin_kyc_name_compared_by_tokens():
    assert names_match("SMITH JOHN", "John Smith")
    assert not names_match("SMITH JANE", "John Smith")


@pytest.mark.parametrize("printed, kyc, edits", [
    ("雷丽英", "雷丽英", 0), ("ZHANG SAN", "张三", 0),
    ("雷丽美", "雷丽英", 1), ("沈超", "沈超梓", 1), ("歌阳紫文", "欧阳紫文", 1),   # OCR, hard photos
    ("DONG KUAN", "董轩", 1), ("Hu LINGWE", "胡凌薇", 1), ("Lt XIYANG", "黎曦洋", 1),
    ("王小明", "李四", 3), ("XIAOHONG WANG", "王小明", 2), ("SMITH JANE", "John Smith", 3),
    (None, "张三", None), ("张三", "", None),
])
def test_name_edits_count_what_ocr_would_have_to_misread(printed, kyc, edits):
    assert name_edits(printed, kyc) == edits
