"""Documents that are not in the catalogue but come close to a type in it: other qualifications
with nearly the same title (审计 vs 会计专业技术资格证书), other tests of the same body (TOEFL
Junior, TOEFL ITP), certificates of the same profession that are not the one in SPEC 1. Each
carries a valid name, ID number and number: every one must come back with no type (issue 3:
no non-catalogue document given a type)."""
from __future__ import annotations

import pytest

from limitup.recognise import recognise
from tests.recognise.conftest import TODAY, boxes

ID = "310115199705314282"
NEAR_MISSES = {
    "pharmacist": ["执业药师职业资格证书", "姓名：王小明", "性别：男", "身份证号：" + ID,
                   "专业：药学", "管理号：2019032110440123", "批准日期：2019年10月20日",
                   "国家药品监督管理局"],
    "veterinarian": ["执业兽医资格证书", "姓名：王小明", "身份证号：" + ID, "资格类别：执业兽医师",
                     "证书编号：2019032110440123", "发证日期：2019年10月20日", "农业农村部"],
    "economist": ["经济专业技术资格证书", "姓名：王小明", "身份证号：" + ID, "级别：中级",
                  "专业：人力资源管理", "管理号：2019032110440123", "批准日期：2019年10月20日",
                  "中华人民共和国人力资源和社会保障部"],
    "auditor": ["审计专业技术资格证书", "姓名：王小明", "身份证号：" + ID, "级别：初级",
                "管理号：2019032110440123", "批准日期：2019年10月20日"],
    "statistician": ["统计专业技术资格证书", "姓名：王小明", "身份证号：" + ID, "级别：中级",
                     "管理号：2019032110440123", "批准日期：2019年10月20日"],
    "nurse title": ["护理学专业技术资格证书", "姓名：王小明", "身份证号：" + ID, "资格名称：护师",
                    "管理号：2019032110440123", "批准日期：2019年10月20日"],
    "computer exam results": ["全国计算机技术与软件专业技术资格（水平）考试", "成绩通知单",
                              "姓名：王小明", "准考证号：310112231100123", "上午成绩：50",
                              "下午成绩：48"],
    "toefl junior": ["TOEFL Junior Standard Test Taker Score Report", "Name: Wang Xiaoming",
                     "Date of Birth: May 31, 2009", "Test Date: June 10, 2023",
                     "Reading Comprehension 290", "Total Score 855",
                     "Appointment Number 1234567890123456"],
    "toefl itp": ["TOEFL ITP Score Report", "Name: Wang Xiaoming", "Test Date: June 10, 2023",
                  "Total Score 550", "Appointment Number 1234567890123456"],
    "accounting (abolished)": ["会计从业资格证书", "姓名：王小明", "身份证号：" + ID,
                               "证书编号：310112201512345678", "发证日期：2015年03月19日"],
    "ncre": ["全国计算机等级考试", "合格证书", "姓名：王小明", "证件号码：" + ID, "级别：二级",
             "证书编号：212345678901234", "2023年6月10日"],
    "physician practice": ["医师执业证书", "姓名：王小明", "身份证号：" + ID, "执业类别：临床",
                           "证书编码：110310000012345", "发证日期：2019年10月20日"],
    "ielts indicator": ["IELTS Indicator", "Test Report Form", "Candidate Name: WANG XIAOMING",
                        "Test Date: 10/06/2023", "Overall Band Score 6.5",
                        "Test Report Form Number 23CN123456WANX001I"],
    "gre": ["GRE General Test", "Test Taker Score Report", "Name: Wang Xiaoming",
            "Test Date: June 10, 2023", "Verbal Reasoning 158", "Quantitative Reasoning 165",
            "Registration Number 0000000012345678", "Appointment Number 1234567890123456", "ETS"],
    "toeic": ["TOEIC Listening and Reading", "Official Score Certificate", "Name: WANG XIAOMING",
              "Test Date: 10/06/2023", "Listening 450", "Reading 400", "Total Score 850", "ETS"],
    "duolingo practice": ["Duolingo English Test", "Practice Test Results", "Name: Wang Xiaoming",
                          "Date: June 10, 2023", "Estimated score range 105-115",
                          "Certificate ID 1f946fc9a9b5f44e"],
    # Schools' own tests borrowing the name (2022-2023, holdout4b and holdout5): the paper
    # test's sections, no iBT; and ETS's booking page, no scores.
    "toefl-like school test": ["UNIVERSITAS NUSANTARA", "TOEFL-Like Test Score Report",
                               "This is to certify that", "Budi Santoso",
                               "has taken the test on July 14, 2023",
                               "Listening Comprehension 500",
                               "Structure and Written Expression 400",
                               "Reading Comprehension 480", "Total 460"],
    "toefl-prediction certificate": ["ENGLISH PROFICIENCY TEST", "(TOEFL-PREDICTION)",
                                     "Certificate of Achievement",
                                     "Number of Certificate: 294.23/PHB/III/2022",
                                     "This is to certify that:", "SITI RAHAYU",
                                     "Listening Comprehension 41",
                                     "Structure and Written Expressions 36",
                                     "Reading Comprehension 43", "Overall Score 400",
                                     "Date of Issue: Tegal, 24 March 2022"],
    "toefl booking page": ["TOEFL iBT - Appointment Details", "Test Appointment Details",
                           "Appointment#:5212208263266562", "TOEFL iBT | Test Center",
                           "Test Taker Name:", "Ravi Kumar", "Appointment Number:",
                           "5212208263266562", "Test Date/Time:",
                           "Saturday, August 1, 2026, 10:00 AM"],
    # An online course about the tests (holdout6b, 2021): its title names TOEFL iBT, TOEIC
    # and GRE; typed toefl before. Course platforms' certificates are no test report.
    "course certificate": ["Certificado de Conclusão", "Certificamos que Ana Paula Souza",
                           "concluiu com êxito 1 hora no total do curso online",
                           "Master English Vocabulary (TOEFL iBT, TOEIC,",
                           "GRE) em 20 de Junho de 2021", "Marco Rossi",
                           "Marco Rossi, Instrutor", "Udemy",
                           "Nº do certificado: UC-1a2b3c4d-0000-1111-2222-333344445555"],
    "course certificate (english)": ["Certificate of Completion", "IELTS Academic Preparation",
                                     "This is to certify that Wang Xiaoming",
                                     "successfully completed the online course",
                                     "Instructor: Marco Rossi",
                                     "Overall Band Score 7.5 practice", "June 10, 2023"],
    "merit student": ["荣誉证书", "王小明同学：", "在2022-2023学年度中被评为三好学生，特发此证。",
                      "中山大学", "2023年10月1日"],
    # Families named in issue 18 with no real example yet for these types: a school's mock
    # test, the list of a scholarship's awardees, its application form, and exam tickets.
    "cet mock test": ["大学英语四级模拟考试", "成绩单", "姓名：王小明", "总分：512", "听力：180",
                      "阅读：190", "写作和翻译：142", "2023年5月"],
    "scholarship awardee list": ["关于2023年国家奖学金获奖学生名单的公示", "王小明 计算机学院",
                                 "李华 数学学院", "公示期：2023年10月20日至26日", "学生处"],
    "school scholarship list": ["2023-2024学年校级奖学金拟获奖学生名单", "一等奖学金", "王小明",
                                "二等奖学金", "李华"],
    "scholarship application form": ["国家奖学金申请审批表", "姓名：王小明", "学号：20201234",
                                     "申请理由", "学院意见", "2023年10月"],
    "teacher interview ticket": ["中小学教师资格考试", "面试准考证", "姓名：王小明",
                                 "准考证号：123456789012", "面试时间：2023年12月16日"],
    "teacher written results": ["中小学教师资格考试", "笔试成绩查询结果", "姓名：王小明",
                                "科目一 综合素质 98 合格", "有效期：2025年"],
    "computer exam ticket": ["计算机技术与软件专业技术资格（水平）考试", "准考证", "姓名：王小明",
                             "准考证号：123456789012", "资格名称：软件设计师",
                             "考试时间：2023年11月4日"],
    # holdout13: a blank CET answer sheet (its title, 准考证号 and a bubble grid) was typed
    # cet4 on a misread word taken for a name; NEEA's IELTS pages other than the results one.
    "cet answer sheet": ["全国大学英语四级考试答题卡", "准考证号", "学校：", "姓名：王小明",
                         "请将试题册背面条形码粘贴", "条形码粘贴位置", "Part I Writing",
                         "全国大学英语四、六级考试委员会监制"],
    # HONORARY CREDENTIAL is a scholarship title since holdout14a: honour certificates and
    # competition awards print it too, and stay untyped.
    "honour title, english line": ["荣誉证书", "HONORARY CREDENTIAL", "王小明同学：",
                                   "在2022-2023学年被评为校级“三好学生”", "特发此证，以资鼓励。",
                                   "某某大学", "2023年12月"],
    "competition award, english line": ["获奖证书", "HONORARY CREDENTIAL", "王小明同学：",
                                        "在第十届全国大学生数学竞赛中荣获一等奖", "特发此证，以资鼓励。",
                                        "某某大学", "2023年12月"],
    "ielts registration page": ["雅思网上报名 - 教育部考试中心", "我的主页", "报名",
                                "姓名 (拼音/英文)", "WANG XIAOMING", "考试 雅思考试",
                                "笔试日期 2023年5月20日星期六", "考点名称 某某大学IELTS考试中心",
                                "考试类型 学术类", "打印准考证"],
}


@pytest.mark.parametrize("name", list(NEAR_MISSES))
def test_a_near_miss_gets_no_type(catalogue, name):
    page = boxes([(text, 100, 40 + 50 * row) for row, text in enumerate(NEAR_MISSES[name])])
    result = recognise(page, catalogue, today=TODAY)
    assert result.type is None, f"{name} typed {result.type} ({result.confidence:.2f})"


def test_the_real_ones_beside_them_still_get_their_type(catalogue):
    # The same page with the catalogue's own title: typed, so the rules above are not blanket.
    accounting = ["会计专业技术资格证书", "姓名：王小明", "身份证号：" + ID, "级别：初级",
                  "管理号：2019032110440123", "批准日期：2019年10月20日", "中华人民共和国财政部"]
    page = boxes([(text, 100, 40 + 50 * row) for row, text in enumerate(accounting)])
    assert recognise(page, catalogue, today=TODAY).type == "accounting_junior"
