"""The surname lists live in limitup.surnames; each user keeps the set it had before they moved
there: recognition, name matching, the sample generator and the merged-pinyin split accept and
reject the same names (expected values recorded from the code before the move)."""
import hashlib
import random

import pytest

from limitup import surnames
from limitup.recognise.romanised import split_merged
from limitup.recognise.values import looks_like_cjk_name, plausible_name
from limitup.rules import load_rules
from limitup.samples.people import random_name, split_pinyin
from limitup.verify.names import names_match, split_surname
from tests.fixtures import ROOT

RECOGNISED = ["上官玉辉", "司马刚婉", "欧阳晓明", "诸葛亮", "呼延明", "王小明",
              "宗政明", "万俟明"]           # rare compounds whose first character is a surname
NOT_RECOGNISED = ["第五届", "澹台明", "第五伟", "公冶长", "北京大学"]


@pytest.fixture(scope="module")
def name_spec():
    """A Chinese holder's name as the catalogue reads it (with the rules' label words)."""
    return load_rules(ROOT / "rules").catalogue["cpa"].fields["holder_name"]


@pytest.mark.parametrize("name", RECOGNISED)
def test_recognition_takes_common_compound_and_single_surnames(name, name_spec):
    assert looks_like_cjk_name(name, name_spec.words) and plausible_name(name_spec, name)


@pytest.mark.parametrize("name", NOT_RECOGNISED)
def test_recognition_does_not_look_for_rare_compound_surnames(name, name_spec):
    # 第五届 is no one's name: recognition only trusts the common compound surnames.
    assert not looks_like_cjk_name(name, name_spec.words) and not plausible_name(name_spec, name)


@pytest.mark.parametrize("printed, kyc", [
    ("SHANGGUAN YUHUI", "上官玉辉"), ("YUHUI SHANGGUAN", "上官玉辉"), ("SIMA GANGWAN", "司马刚婉"),
    ("GANGWAN SIMA", "司马刚婉"), ("WEI DIWU", "第五伟"), ("MING TANTAI", "澹台明"),
    ("MING MOQI", "万俟明"),
])
def test_name_matching_keeps_every_compound_surname_together(printed, kyc):
    assert names_match(printed, kyc)


@pytest.mark.parametrize("printed, kyc", [
    ("YUHUI SHANG", "上官玉辉"), ("GANGWAN SI", "司马刚婉"), ("WUWEI DI", "第五伟"),
])
def test_name_matching_rejects_a_compound_surname_cut_in_two(printed, kyc):
    assert not names_match(printed, kyc)


def test_name_matching_splits_rare_compound_surnames_too():
    assert split_surname("上官玉辉") == ("上官", "玉辉")
    assert split_surname("第五伟") == ("第五", "伟")
    assert split_surname("澹台明") == ("澹台", "明")


def test_sample_pinyin_keeps_the_generators_compound_surnames_together():
    assert split_pinyin("上官玉辉") == ("SHANGGUAN", "YUHUI")
    assert split_pinyin("司马刚婉") == ("SIMA", "GANGWAN")
    # The generator never draws 东方: a name with it is split as one before the move was.
    assert split_pinyin("东方明") == ("DONG", "FANGMING")


def test_sample_names_for_a_seed_are_unchanged():
    names = [random_name(random.Random(seed)) for seed in range(2000)]
    assert names[:8] == ["孔敏彬", "孔娟", "赵思", "孟婷", "朱国秀", "武琴博", "徐彬英", "罗静磊"]
    assert [names[i] for i in (31, 43, 113, 165)] == ["欧阳超敏", "司马雨勇", "诸葛紫", "上官娥"]
    digest = hashlib.sha256("\n".join(names).encode()).hexdigest()
    assert digest == "2393d3b1c63a080a59e4da3d48efef9f00e93c8d99aa568d4da3720a38ba5b7e"


def test_generator_draws_only_from_its_own_lists():
    assert len(surnames.SAMPLE_SURNAMES) == 100 and "傅" not in surnames.SAMPLE_SURNAMES
    assert surnames.SAMPLE_COMPOUND_SURNAMES == ("欧阳", "司马", "诸葛", "上官")
    for seed in range(500):
        name = random_name(random.Random(seed))
        assert name[:2] in surnames.SAMPLE_COMPOUND_SURNAMES or name[0] in surnames.SAMPLE_SURNAMES


@pytest.mark.parametrize("merged, split", [
    ("SHANGGUANYUHUI", "SHANGGUAN YUHUI"), ("SIMAGANGWAN", "SIMA GANGWAN"),
    ("OUYANGNANA", "OUYANG NANA"), ("XIAJIA", "XIA JIA"),
])
def test_merged_pinyin_splits_after_the_surname(merged, split):
    assert split_merged(merged) == split


def test_the_named_subsets_nest():
    assert set(surnames.COMMON_COMPOUND_SURNAMES) < set(surnames.COMPOUND_SURNAMES)
    assert len(set(surnames.COMPOUND_SURNAMES)) == len(surnames.COMPOUND_SURNAMES) == 36
    assert set(surnames.SAMPLE_COMPOUND_SURNAMES) < set(surnames.COMMON_COMPOUND_SURNAMES)
    assert set(surnames.SAMPLE_SURNAMES) < surnames.COMMON_SURNAMES
    assert len(surnames.COMMON_SURNAMES) == len(surnames.COMMON_SURNAMES_BY_FREQUENCY) == 255
