"""kg.draft.quantities: money, periods and counts in English and Korean, on sentences written for these tests
in the style of Korean press releases and English news (expected values worked out by hand)."""
import doctest

import pytest

from kg.draft import quantities
from kg.draft.quantities import amounts, counts, periods


def one(items):
    assert len(items) == 1, items
    return items[0]


def spans_are_verbatim(text, items):
    for it in items:
        s, e = it["span"]
        assert text[s:e] == it["text"], it


# ------------------------------------------------------------------ amounts
AMOUNTS = [
    # (lang, text, [(value, currency, text as written)])
    ("ko", "총사업비 454억 3천만 원이 투입된다.", [(45_430_000_000, "KRW", "454억 3천만 원")]),
    ("ko", "총사업비는 454억3000만원이다.", [(45_430_000_000, "KRW", "454억3000만원")]),
    ("ko", "시는 국비 298억 원을 확보했다.", [(29_800_000_000, "KRW", "298억 원")]),
    ("ko", "5년간 1조 993억\n협의회 첫 회의", [(1_099_300_000_000, "KRW", "1조 993억")]),
    ("ko", "모두 1조993억원을 쓴다.", [(1_099_300_000_000, "KRW", "1조993억원")]),
    ("ko", "올해 예산은 7억 9600만 원으로 늘었다.", [(796_000_000, "KRW", "7억 9600만 원")]),
    ("ko", "인력양성사업(’24 부터 ’26, 73.3억 원)", [(7_330_000_000, "KRW", "73.3억 원")]),
    ("ko", "체계 구축(약 592억 원)과 기술 지원", [(59_200_000_000, "KRW", "약 592억 원")]),
    ("ko", "신산업 매출 연 20조원을 목표로 한다.", [(20_000_000_000_000, "KRW", "연 20조원")]),
    ("ko", "지난해 5800만 원에서 올해 4천500억원으로", [(58_000_000, "KRW", "5800만 원"), (450_000_000_000, "KRW", "4천500억원")]),
    ("ko", "기업당 최대 1억 5천만 원, 수출 100억 달러", [(150_000_000, "KRW", "1억 5천만 원"), (10_000_000_000, "USD", "100억 달러")]),
    ("ko", "반도체에 2조3천억 투입", [(2_300_000_000_000, "KRW", "2조3천억")]),
    ("en", "Busan secured KRW 1.927 trillion for 21 projects.", [(1_927_000_000_000, "KRW", "KRW 1.927 trillion")]),
    ("en", "It won 29.8 billion KRW in national funding.", [(29_800_000_000, "KRW", "29.8 billion KRW")]),
    ("en", "The budget rose from 58 million won ($44,000) last year.",
     [(58_000_000, "KRW", "58 million won"), (44_000, "USD", "$44,000")]),
    ("en", "1,160 Participants and 7.2749 Trillion Won Secured", [(7_274_900_000_000, "KRW", "7.2749 Trillion Won")]),
    ("en", "a total budget of KRW 1 trillion 99.3 billion", [(1_099_300_000_000, "KRW", "KRW 1 trillion 99.3 billion")]),
    ("en", "W1.5 billion and US$7.5 million and EUR 2 million",
     [(1_500_000_000, "KRW", "W1.5 billion"), (7_500_000, "USD", "US$7.5 million"), (2_000_000, "EUR", "EUR 2 million")]),
]


@pytest.mark.parametrize("lang,text,expected", AMOUNTS)
def test_amounts(lang, text, expected):
    got = amounts(text, lang)
    spans_are_verbatim(text, got)
    assert [(a["value"], a["currency"], a["text"]) for a in got] == expected


@pytest.mark.parametrize("lang,text", [
    ("ko", "2030년까지 글로벌 도시로 도약한다."),        # a year is not money
    ("ko", "행사에는 2만명이 참석했다."),                  # 만 with a counter is a count
    ("ko", "3원칙을 세우고 제3조 2항을 고쳤다."),          # 원칙 is not 원, 3조 2항 is a law's clause
    ("ko", "문의 051-888-1234, 오후 3시 30분"),          # phone numbers and clock times
    ("ko", "(단위: 100만원) 합계 1,200"),                # a table's unit
    ("en", "The team of 3 won the award in 2024."),       # 'won' the verb
    ("en", "Call 051-888-1234 at 2 p.m. on the 30th."),
])
def test_no_amount(lang, text):
    assert amounts(text, lang) == []


def test_amount_flags_and_kinds():
    text = "총사업비 1조1200억원 중 국비 100억 원, 시비 50억원, 민자 1,200억 원을 투입하며 기업당 최대 5천만 원을 지원한다."
    got = amounts(text, "ko")
    assert [a["kind"] for a in got] == ["total cost", "national funding", "city funding", "private funding",
                                        "ceiling per company"]
    assert got[-1]["bound"] == "max"
    approx = one(amounts("전략별로 약 592억 원을 쓴다.", "ko"))
    assert approx["approximate"] and not approx["per_year"]
    yearly = one(amounts("연 20조원 매출", "ko"))
    assert yearly["per_year"] and yearly["kind"] == "sales"
    en = amounts("Busan has secured a total of 10 billion KRW in national funding, and KRW 2 billion a year from the city.", "en")
    assert [(a["kind"], a["per_year"]) for a in en] == [("national funding", False), (None, True)]
    conv = amounts("58 million won ($44,000)", "en")
    assert [a["conversion"] for a in conv] == [False, True]


# ------------------------------------------------------------------ periods
PERIODS = [
    # (lang, text, article date, [(text, start, end, kind)])
    ("ko", "구축사업(’24 부터 ’28, 170억 원)", None, [("’24 부터 ’28", 2024, 2028, "range")]),
    ("ko", "구축사업('24 부터 '28, 170억 원)", None, [("'24 부터 '28", 2024, 2028, "range")]),
    ("ko", "공동활용설비(’24, 10억 원)", None, [("’24", 2024, 2024, "year")]),
    ("ko", "종합계획안(2023~27년)을 의결했다.", None, [("2023~27년", 2023, 2027, "range")]),
    ("ko", "지난 2018년부터 2021년까지 조사했다.", None, [("지난 2018년부터 2021년까지", 2018, 2021, "range")]),
    ("ko", "전북도는 2026년까지 300개를 구축한다.", None, [("2026년까지", None, 2026, "by")]),
    ("ko", "2021년 제정된 조례", None, [("2021년", 2021, 2021, "year")]),
    ("ko", "올해부터 2028년까지 추진한다.", "2024-11-19", [("올해부터 2028년까지", 2024, 2028, "range")]),
    ("ko", "지난해 5800만 원에서 올해 7억 원으로", "2023-11-26", [("지난해", 2022, 2022, "year"), ("올해", 2023, 2023, "year")]),
    ("ko", "2022년 이후 매년", None, [("2022년 이후", 2022, None, "from")]),
    ("ko", "이 계획은 지난해 3월 처음 공개됐다.", "2025-01-05", [("지난해 3월", 2024, 2024, "date")]),
    ("ko", "사업기간(’24.4.~’28.12.)", None, [("’24.4.~’28.12.", 2024, 2028, "range")]),
    ("en", "The five projects run from 2024 to 2028.", None, [("from 2024 to 2028", 2024, 2028, "range")]),
    ("en", "(2024-2028, 15.6 billion KRW)", None, [("2024-2028", 2024, 2028, "range")]),
    ("en", "Total 17.4 Billion KRW Including National Funds by 2028", None, [("by 2028", None, 2028, "by")]),
    ("en", "It will be run until 2029, as it has been since 2015.", None,
     [("until 2029", None, 2029, "by"), ("since 2015", 2015, None, "from")]),
    ("en", "As of the end of 2024, there are 87 designated areas.", None, [("As of the end of 2024", 2024, 2024, "year")]),
    ("en", "This year's project will support 80 firms; next year more.", "2025-03-30",
     [("This year", 2025, 2025, "year"), ("next year", 2026, 2026, "year")]),
]


@pytest.mark.parametrize("lang,text,date,expected", PERIODS)
def test_periods(lang, text, date, expected):
    got = periods(text, lang, date)
    spans_are_verbatim(text, got)
    assert [(p["text"], p["start"], p["end"], p["kind"]) for p in got] == expected
    assert all(p["sure"] for p in got)


def test_relative_words_need_the_article_date():
    got = one(periods("올해 사업비 10억 원을 투입한다.", "ko"))
    assert (got["start"], got["end"], got["sure"]) == (None, None, False)
    got = one(periods("this year", "en"))
    assert got["start"] is None and not got["sure"]


def test_days_resolved_only_against_the_article_date():
    assert one(periods("시는 30일 오후 협의회를 열었다.", "ko"))["start_date"] is None
    got = one(periods("시는 30일 오후 협의회를 열었다.", "ko", "2023-03-30"))
    assert (got["start_date"], got["start"], got["kind"]) == ("2023-03-30", None, "date")
    # 지난 = the last such day before the article date, even across a month
    assert one(periods("지난 24일 협약을 맺었다.", "ko", "2023-12-02"))["start_date"] == "2023-11-24"
    assert one(periods("It was held on the 16th at City Hall.", "en", "2024-12-16"))["start_date"] == "2024-12-16"
    # a month and day without a year: --MM-DD, never an invented year
    got = one(periods("The call was held from May 27 to July 16.", "en"))
    assert (got["start_date"], got["end_date"], got["start"], got["kind"]) == ("--05-27", "--07-16", None, "range")


def test_dates_with_years_and_datelines():
    got = one(periods("2025년 3월 30일부터 4월 15일까지 접수한다.", "ko"))
    assert (got["start_date"], got["end_date"], got["start"]) == ("2025-03-30", "2025-04-15", 2025)
    caption = one(periods("[사진=부산시] 2025.11.10", "ko"))
    assert caption["dateline"] and caption["start_date"] == "2025-11-10"
    assert one(periods("Apr 10, 2025 15  Views", "en"))["dateline"]


def test_year_in_a_name_is_a_horizon_and_unsure():
    got = one(periods("부산 디지털경제 혁신전략 2030은 새 전략이다.", "ko"))
    assert (got["end"], got["start"], got["kind"], got["sure"], got["name"]) == (2030, None, "by", False, True)
    got = one(periods("Busan Digital Economy Innovation Strategy 2030 was announced.", "en"))
    assert got["name"] and not got["sure"]


@pytest.mark.parametrize("lang,text", [
    ("ko", "문의: 051-888-1234"),
    ("ko", "제51차 회의가 12층에서 오후 2시에 열렸다."),
    ("ko", "신청 기업은 2024개, 예산은 2030억 원이다."),
    ("en", "COVID-19 hit 3,450 firms at 3:00 p.m."),
])
def test_no_period(lang, text):
    assert periods(text, lang, "2024-05-01") == []


# ------------------------------------------------------------------ counts
COUNTS = [
    # (lang, text, [(value, unit)])
    ("ko", "4대 전략, 20개 추진 과제, 97개 주요 사업을 선정했다.", [(4, "대 전략"), (20, "개 추진 과제"), (97, "개 주요 사업")]),
    ("ko", "지역 22개 대학과 14개 시군이 참여한다.", [(22, "개 대학"), (14, "개 시군")]),
    ("ko", "행사에 2만명이 몰렸다.", [(20000, "명")]),
    ("ko", "기업 대표 등 30여 명이 참석했다.", [(30, "명")]),
    ("ko", "15명 위원이 선정됐다.", [(15, "명 위원")]),
    ("ko", "오는 2028년까지 5년간 추진한다.", [(5, "년간")]),
    ("ko", "생산성은 44% 향상됐다.", [(44, "percent")]),
    ("ko", "세 차례 회의를 열었다.", [(3, "차례")]),
    ("ko", "17개 시·도 가운데 7위", [(17, "개 시·도")]),
    ("en", "The plan has four strategies, 20 tasks and 97 key projects.",
     [(4, "strategies"), (20, "tasks"), (97, "key projects")]),
    ("en", "It signed with 14 cities and counties, Samsung Electronics Co., and others.", [(14, "cities and counties")]),
    ("en", "Samsung supported 3,450 small and medium-sized corporations.", [(3450, "small and medium-sized corporations")]),
    ("en", "About 150 officials and twenty-five universities attended.", [(150, "officials"), (25, "universities")]),
    ("en", "Productivity increased by about 33%.", [(33, "percent")]),
]


@pytest.mark.parametrize("lang,text,expected", COUNTS)
def test_counts(lang, text, expected):
    got = counts(text, lang)
    spans_are_verbatim(text, got)
    assert [(c["value"], c["unit"]) for c in got] == expected


def test_count_flags():
    assert one(counts("기업 대표 등 30여 명이 참석했다.", "ko"))["approximate"]
    assert one(counts("About 150 officials attended.", "en"))["approximate"]
    over = one(counts("It will support over 200 smart factories.", "en"))
    assert over["bound"] == "min" and not over["approximate"]
    change = one(counts("사업 대상(연간 15개→30개)은 늘렸다.", "ko"))
    assert (change["value"], change["baseline"], change["per_year"]) == (30, 15, True)
    change = one(counts("Targeted companies rose from 15 to 30 per year.", "en"))
    assert (change["value"], change["baseline"], change["per_year"]) == (30, 15, True)
    share = one(counts("자부담(35%→20%)은 줄었다.", "ko"))
    assert (share["value"], share["baseline"], share["unit"]) == (20, 35, "percent")
    assert one(counts("전북도는 2026년까지 스마트공장 300개를 구축한다.", "ko"))["target"]


@pytest.mark.parametrize("lang,text", [
    ("ko", "제51차 비상경제대책회의를 열었다."),               # ordinal
    ("ko", "제1회 협의회가 12층 소회의실2에서 오후 2시에 열렸다."),  # ordinal, floor, room, clock time
    ("ko", "글로벌 톱 5 해양도시, 2030년, 30일, 1위"),           # rank, year, date, rank
    ("ko", "20대 청년 일자리, 문의 051-888-1234"),               # an age group, a phone number
    ("ko", "국비 298억 원을 확보했다."),                        # money is not a count
    ("en", "the 51st meeting, the 10th anniversary, Smart Factory 2.0, COVID-19"),
    ("en", "Call 051-888-1234 at 3 PM City Hall; Smart 365 Center; top 10 cities; No. 1 port"),
    ("en", "In 2024, 10 billion won was spent; Apr 10, 2025 15  Views"),
    ("en", "The meeting on May 27 began at 2 p.m.; in 2030 the 2030 global hub city."),
])
def test_no_count(lang, text):
    assert counts(text, lang) == []


# ------------------------------------------------------------------ the module
def test_doctests():
    result = doctest.testmod(quantities)
    assert result.attempted >= 3 and result.failed == 0


def test_language_is_checked_and_detected():
    with pytest.raises(ValueError):
        amounts("10억 원", "fr")
    assert counts("22개 대학", "auto")[0]["value"] == 22
    assert counts("22 universities", "auto")[0]["value"] == 22


def test_import_is_cheap():
    import sys

    src = open(quantities.__file__, encoding="utf-8").read()
    imports = [ln for ln in src.splitlines() if ln.startswith(("import ", "from "))]
    assert imports == ["import re"]
    assert "re" in sys.modules
