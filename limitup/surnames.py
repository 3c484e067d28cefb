"""Chinese surnames, in one place: single surnames, compound surnames and their pinyin.

The lists were written by hand for this project (no external data file): single surnames in
order of how common they are, most common first; compound surnames that are still in use
(欧阳, 司马, 诸葛, 上官, ...). Before they were gathered here each user kept its own copy, and the
copies differed. Every user keeps exactly the set it had, as a named subset:

- recognise.values (looks_like_cjk_name): COMMON_SURNAMES and COMMON_COMPOUND_SURNAMES. A box
  without a label is taken for a name only if it starts with one; the rare compound surnames are
  left out because some begin ordinary words (第五届 is no one's name).
- verify.names (a Chinese KYC name against a romanised one): COMPOUND_SURNAMES, all of them, so
  that 万俟 or 第五 stays together as the family name.
- samples.people (the sample generator): SAMPLE_SURNAMES and SAMPLE_COMPOUND_SURNAMES. A seed
  fixes the generator's output, so these sequences, order included, must not change.
- recognise.romanised (splitting merged pinyin such as OUYANGNANA): SURNAME_PINYIN_BY_FREQUENCY,
  where the order decides ties.
"""
from __future__ import annotations

COMMON_SURNAMES_BY_FREQUENCY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农"
    "司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁"
    "沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
COMMON_SURNAMES = frozenset(COMMON_SURNAMES_BY_FREQUENCY)

# Compound surnames common enough for recognition to take a box starting with one for a name.
COMMON_COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延")
# Rare ones: name matching keeps them together, recognition does not look for them.
RARE_COMPOUND_SURNAMES = (
    "万俟", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "仲孙", "钟离", "闻人",
    "赫连", "拓跋", "第五")
COMPOUND_SURNAMES = COMMON_COMPOUND_SURNAMES + RARE_COMPOUND_SURNAMES

# The generator draws from the 100 commonest surnames, leaving out 傅 and 阎 (it has 付 and 闫),
# and from the four best-known compound surnames.
SAMPLE_SURNAMES = "".join(c for c in COMMON_SURNAMES_BY_FREQUENCY if c not in "傅阎")[:100]
SAMPLE_COMPOUND_SURNAMES = COMMON_COMPOUND_SURNAMES[:4]

# Pinyin of common surnames, most common first (a split of merged pinyin goes to the commoner).
# Surnames that share a spelling (李/黎 li, 石/史 shi) are listed at each of their ranks.
SURNAME_PINYIN_BY_FREQUENCY = (
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
    "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie",
    "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong",
    "yuan", "pan", "yu", "jiang", "cai", "du", "ye", "cheng", "su", "wei", "lv", "ding",
    "ren", "shen", "yao", "lu", "cui", "zhong", "tan", "fan", "jin", "shi", "liao", "jia",
    "xia", "fu", "fang", "bai", "zou", "meng", "xiong", "qin", "qiu", "yin", "xue", "yan",
    "duan", "lei", "hou", "long", "shi", "tao", "li", "mao", "hao", "gong", "shao", "wan",
    "qian", "kong", "xiang", "mo", "dai", "qi", "ou", "niu", "kang", "gu", "bao",
    "ouyang", "sima", "zhuge", "shangguan")
