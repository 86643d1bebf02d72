"""Money, periods and counts in English and Korean article text, by rules (standard library `re` only).

Three pure functions over a text string; every item carries the words as written (``text``, an exact
substring) and their character offsets (``span``), so a draft can quote them verbatim. Items come in text
order, one per mention: a figure repeated in the headline and the body is returned twice, and merging
them into one fact is the caller's job.

``amounts(text, lang)``: money.
  ``10 billion KRW``, ``KRW 1.927 trillion``, ``7.2749 Trillion Won``, ``KRW 1 trillion 99.3 billion``,
  ``$44,000``, ``US$7.5 million``, ``W1.5 billion``, ``298억 원``, ``454억 3천만 원``, ``454억3000만원``,
  ``4천500억원``, ``7억 9600만 원``, ``73.3억 원``, ``1조 993억`` (억/조 without 원 is money unless a counter
  such as 명 follows; 만 without 원 never is: ``2만명`` is a count), ``100억 달러`` (USD), ``약 592억 원``,
  ``연 20조원``. Values are whole units, computed exactly (no floats). ``text`` includes a directly
  preceding approximation word (약, about, around ...) or per-year word (연, 연간, annual ...); bounds (up to,
  최대, over, 이상) set ``bound`` ("max"/"min") and stay outside ``text``. ``kind`` is a guess from cue words
  in the same clause: the nearest before the amount (국비 / national funding, 시비 / city funding, 도비, 민자 /
  private funding, 총사업비 / total cost, 사업비, 예산 / budget, 기업당 / per company, 매출 / sales,
  투자 / investment), else the nearest right after it ("10 billion KRW in national funding"); weak cues
  (총, a total of) only when no other; None when there is none. Extra keys: ``bound``; ``conversion`` (an
  amount in another currency in brackets right after an amount: ``58 million won ($44,000)``). A table's
  unit (``(단위: 100만원)``, ``(Unit: 100 million won)``) is not an amount.

``periods(text, lang, article_date=None)``: years, ranges and dates.
  Kinds: "range" (``2024-2028``, ``from 2024 to 2028``, ``between 2025 and 2027``, ``’24 부터 ’28`` with a
  curly or straight apostrophe, ``2023~27년``, ``2018년부터 2021년까지``, ``’24.4.~’28.12.``, ``May 27-30``,
  ``3월 4일부터 15일까지``), "by" (end only: ``by 2030``, ``until 2029``, ``2025년까지``), "from" (start only:
  ``since 2015``, ``starting in 2016``, ``2024년부터``, ``2022년 이후`` -- a kind added to the brief's four),
  "year" (``in 2024``, ``2021년``, ``’24``, ``the end of 2024``, ``(2024, 1 billion KRW)``) and "date".
  ``start``/``end`` are years: set for dates only when the year is written (or given by a relative word).
  Relative words (올해, 지난해, 작년, 내년, this/last/next year; 지난달, 이달; 지난해 3월, March last year) are
  resolved only against ``article_date`` (``YYYY-MM-DD``); without it their years stay None and ``sure`` is
  False. A day without a month (``30일``, ``지난 24일``, ``on the 30th``) gets a ``start_date`` only from the
  article date: the same month when within 15 days, else the nearest month (``sure`` False); after 지난 the
  last such day before it, after 오는 / until the next one; never invented. A written month and day without
  a year give ``--MM-DD`` (the nearest year to the article date when it is known); a month alone ``YYYY-MM``
  or ``--MM``. Decisions: a year written with no temporal word at all (``Strategy 2030``, ``혁신전략 2030``,
  ``the 2030 global hub city``, ``the 2023 survey``) is taken as a year inside a name or label and returned as
  a horizon (kind "by", end only) with ``sure`` False and ``name`` True -- the development gold does the same
  for "the 2030 global hub city". Numeric full dates (``2025.11.10``, ``2023-10-26``, ``2023. 12. 6.``), dates
  after 입력/수정/Published/Updated, a city dateline (``SEOUL, Dec. 5 (Yonhap) --``) and a short line opened
  by a full date (``Apr 10, 2025 15 Views``) come with ``dateline`` True: the article's date, for the caller
  to use as such and to leave out of the facts. Phone numbers, clock times, ``2030년대`` and ``the past
  year`` / ``전년`` (relative to some other year) are never periods.

``counts(text, lang)``: numbers of things.
  ``four strategies``, ``20 tasks``, ``97 key projects``, ``14 cities and counties``, ``3,450 small and
  medium-sized corporations``, ``about 50 economic stakeholders``, ``from 15 to 30 per year`` (value 30,
  baseline 15, per_year), ``22개 대학``, ``2만명`` (20,000), ``1천만 명``, ``4대 전략``, ``14개 시군``, ``30여 명``
  (approximate), ``5년간`` (5 years), ``세 차례``, ``35%→20%`` (value 20, baseline 35). English number words:
  one to twenty, the tens, hyphenated compounds (twenty-five), ``a dozen``; ``dozens of`` and ``hundreds of``
  have no value and are skipped. ``unit`` is the noun as written after the number: in English the words up
  to the first plural head noun ("major projects"); in Korean the counter, plus the noun right after a
  general counter with its particle removed ("개 대학", "개 추진 과제", "명 위원"). Decisions: a percentage IS
  a count, with unit "percent" (the development gold lists them so); never counts: years (1900-2099 written
  without a thousands comma, so "2030 people" is lost), money, dates, clock times, phone numbers, ordinals and
  ranks (``51st``, ``the 10th anniversary``, ``제51차``, ``제1회``, ``2차``, ``12층``, ``1위``, ``톱 5``, ``top 10``,
  ``No. 1``), versions (``Smart Factory 2.0``), numbers glued to a word (``COVID-19``, ``소회의실2``), ages
  (``20대 청년``), page noise (``15 Views``), and any English number not followed by a plural noun (``Smart 365
  Center``, ``3 PM City Hall``, ``one team``: a count of one is not drafted). ``target`` is True when a goal cue
  is in the clause (목표, 2026년까지, 하기로, target, aim to, by 2030). Extra keys: ``bound``, ``per_year``.

``lang`` is "en", "ko" or "auto" (by the share of Hangul letters). Money and date forms of both scripts are
read in either language; ``lang`` selects the count rules (English words or Korean counters).
"""
import re

__all__ = ["amounts", "periods", "counts"]

# ------------------------------------------------------------------ shared pieces
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_PARTICLES = ("으로부터", "에서부터", "으로는", "에서는", "까지는", "부터는", "으로", "에서", "까지", "부터", "이다", "이며",
              "에는", "와의", "과의", "이나", "이고", "과", "와", "을", "를", "이", "가", "은", "는", "의", "에", "도", "로", "만", "씩", "다")
_AFTER_WORD = re.compile(r"(?:으로|에서|까지|부터|이다|이며|이나|이고|에는|과|와|을|를|이|가|은|는|의|에|도|로|만|씩|당|대|"
                         r"가량|정도|안팎|내외|남짓|이상|이하|미만|초과|규모|수준|상당|어치|짜리|중|씩|뿐|째)")
_SENT_END = re.compile(r"[.!?…;\n▲◈•◆■□○●]|\.\.\.|(?<=[다요])\.")
_SCALE_EN = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mil": 10**6, "m": 10**6,
             "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "tril": 10**12}
_BIG_KO = {"만": 10**4, "억": 10**8, "조": 10**12}
_SMALL_KO = {"천": 1000, "백": 100, "십": 10}
_CUR = {"krw": "KRW", "won": "KRW", "₩": "KRW", "w": "KRW", "원": "KRW",
        "usd": "USD", "us$": "USD", "$": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD", "달러": "USD",
        "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "유로": "EUR",
        "jpy": "JPY", "¥": "JPY", "yen": "JPY", "엔": "JPY",
        "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "위안": "CNY",
        "gbp": "GBP", "£": "GBP", "pounds": "GBP"}


def _lang(text, lang):
    if lang in ("en", "ko"):
        return lang
    if lang not in (None, "auto"):
        raise ValueError(f"lang must be 'en', 'ko' or 'auto', not {lang!r}")
    letters = sum(c.isalpha() for c in text) or 1
    return "ko" if len(_HANGUL.findall(text)) / letters > 0.2 else "en"


def _scaled(number, mult=1):
    """Exact integer value of a written number ('1,927', '7.2749', '73.3') times mult."""
    number = number.replace(",", "")
    whole, _, frac = number.partition(".")
    return int(whole or 0) * mult + (int(frac) * mult // 10 ** len(frac) if frac else 0)


def _plain(number):
    """A written number as int when whole, else float."""
    number = number.replace(",", "")
    return float(number) if "." in number and number.split(".")[1].strip("0") else int(float(number))


def _free(spans, s, e):
    return all(e <= a or s >= b for a, b in spans)


def _clause(text, s, e, back=40, ahead=40):
    """(start, end) of the clause around [s, e): cut at sentence ends, at most back/ahead characters."""
    lo = max(0, s - back)
    for m in _SENT_END.finditer(text, lo, s):
        lo = m.end()
    hi = min(len(text), e + ahead)
    m = _SENT_END.search(text, e, hi)
    return lo, (m.start() if m else hi)


def _hangul_before(text, s):
    return s > 0 and bool(_HANGUL.match(text[s - 1]))


# ------------------------------------------------------------------ amounts
_APPROX_EN = r"(?:about|around|approximately|approx\.|roughly|nearly|almost|some|an estimated|an approximate|close to)"
_MIN_EN = r"(?:over|more than|at least|upwards of|in excess of|exceeding|above)"
_MAX_EN = r"(?:up to|a maximum of|maximum of|max\.? of|at most|no more than|as much as|less than|under|below|a ceiling of)"
_PER_YEAR_BEFORE = re.compile(r"(?:(?<![가-힣])(?:연간|연|매년|해마다|한 해)\s?|(?i:annual(?:ly)?|yearly|every year|each year)\s+)$")
_PER_YEAR_AFTER = re.compile(r"^\s?(?:/\s?(?:year|yr)\b|(?i:a year|per year|per annum|annually|each year|every year|yearly)\b)")
_APPROX_BEFORE = re.compile(rf"(?:(?<![가-힣])(?:약|대략|얼추)\s?|(?i:{_APPROX_EN})\s+)$")
_MIN_BEFORE = re.compile(rf"(?:(?<![가-힣])최소\s?|(?i:{_MIN_EN})\s+)$")
_MAX_BEFORE = re.compile(rf"(?:(?<![가-힣])최대\s?|(?i:{_MAX_EN})\s+)$")
_APPROX_AFTER = re.compile(r"^(?:\s?(?:가량|정도|안팎|내외|남짓|여)|대(?![가-힣])|\s(?i:or so|approximately)\b)")
_MIN_AFTER = re.compile(r"^\s?(?:이상|초과|넘게|넘는|(?i:or more|and (?:over|above|more))\b)")
_MAX_AFTER = re.compile(r"^\s?(?:이하|미만|이내|(?i:or less|at most|and (?:under|below|less))\b)")

_EN_SCALE = r"(?i:thousand|million|billion|trillion|mn|bn|tn|mil|tril)\b"
_MONEY_EN = re.compile(
    rf"(?P<pcur>(?i:KRW|USD|EUR|JPY|CNY|RMB|GBP)|US\s?\$|U\.S\.\s?\$|\$|₩|€|£|¥|(?<![A-Za-z])W(?=\d))\s?"
    rf"(?P<pnum>{_NUM})(?:[\s-]?(?P<pscale>{_EN_SCALE}|[MBK]\b))?"
    rf"|(?<![\w.,$₩€£¥])(?P<snum>{_NUM})(?:[\s-]?(?P<sscale>{_EN_SCALE}))?[\s-]?"
    rf"(?P<scur>(?i:KRW|won|USD|US dollars|dollars|euros?|EUR|yen|JPY|yuan|CNY|RMB|GBP)\b)")
_EN_COMPOUND_BEFORE = re.compile(rf"(?<![\w.,])(?P<n>{_NUM})\s?(?P<sc>(?i:trillion|billion|million))\s+(?:and\s+)?$")
_EN_COMPOUND_AFTER = re.compile(rf"\s+(?:and\s+)?(?P<n>{_NUM})\s?(?P<sc>(?i:billion|million|thousand))\b(?!\s?(?i:won|krw|dollars|usd))")
_KO_SUB = rf"(?=\d)(?:(?:{_NUM})\s?천\s?)?(?:(?:{_NUM})\s?백\s?)?(?:(?:{_NUM})\s?십\s?)?(?:{_NUM})?"
_KO_GROUP = rf"{_KO_SUB}\s?(?:여\s?)?[조억만](?:\s?여(?![가-힣]))?"
_KO_CUR = r"원|달러|유로|엔|위안"
_MONEY_KO = re.compile(
    rf"(?<![\d.,])(?P<body>{_KO_GROUP}(?:\s?{_KO_GROUP})*(?:\s?{_KO_SUB}(?<=[\d천백십])(?=\s?(?:{_KO_CUR})))?"
    rf"|{_KO_SUB}(?<=[\d천백십])(?=\s?(?:{_KO_CUR})))\s?(?P<cur>{_KO_CUR})?")
_KO_TOKENS = re.compile(rf"(?P<n>{_NUM})\s?(?P<small>[천백십])?|(?P<big>[조억만])")


def _ko_value(body):
    """(exact int value, last big unit) of a Korean number: '454억 3천만' -> 45430000000, '4천500억' -> 450000000000."""
    total, pending, last_big = 0, [], None
    for t in _KO_TOKENS.finditer(body):
        if t.group("big"):
            big = _BIG_KO[t.group("big")]
            total += sum(_scaled(n, small * big) for n, small in pending)
            pending, last_big = [], t.group("big")
        else:
            pending.append((t.group("n"), _SMALL_KO.get(t.group("small"), 1)))
    return total + sum(_scaled(n, small) for n, small in pending), last_big


_KO_COUNTERS_AFTER_MONEY = re.compile(r"^\s?(?:명|개|가구|건|톤|마리|대|곳|평|㎡|회|배럴|장|권|종|표|주|채|그루|석|병|킬로|km|t\b)")

# kind cues: (regex, kind, priority); a lower priority number wins, then the nearer cue
_KIND_CUES = [
    (r"국비|국고|정부\s?지원금|(?i:national\s+(?:funding|funds?|budget|treasury|subsid\w*)|government\s+(?:funding|funds?|subsid\w*)"
     r"|state\s+(?:funding|funds?|subsid\w*))", "national funding", 1),
    (r"시비|(?i:city\s+(?:funding|funds?|budget)|municipal\s+(?:funding|funds?|budget))", "city funding", 1),
    (r"도비|(?i:provincial\s+(?:funding|funds?|budget))", "provincial funding", 1),
    (r"구비|군비|(?i:district\s+(?:funding|funds?)|county\s+(?:funding|funds?))", "district funding", 1),
    (r"지방비|(?i:local\s+(?:government\s+)?(?:funding|funds?))", "local funding", 1),
    (r"민자|민간\s?(?:투자|자본|자금|부담)|자부담|(?i:private\s+(?:funding|funds?|investment|capital|sector\s+funding))",
     "private funding", 1),
    (r"(?:기업|업체|개사|곳|개소|기관|과제|건|1인|개)당|(?i:per\s+(?:company|corporation|firm|business|enterprise|participant|SME)"
     r"|each\s+(?:company|corporation|firm|business|enterprise))", "per company", 2),
    (r"총\s?사업비|(?i:total\s+(?:project\s+)?(?:cost|budget)|total\s+investment)", "total cost", 3),
    (r"사업비|(?i:project\s+(?:cost|budget)|program(?:me)?\s+budget)", "project cost", 4),
    (r"예산|(?i:budget)", "budget", 4),
    (r"매출|(?i:sales|revenue)", "sales", 4),
    (r"투자\s?유치|(?i:investment\s+attracted|attracted\s+investment)", "investment attracted", 4),
    (r"투자|(?i:invest(?:ment|ed|s)?)", "investment", 5),
    (r"(?<![가-힣])총(?=\s?$)|(?i:a\s+total\s+of\s*$|total\s*$|in\s+total)", "total", 5),
]
_KIND_RES = [(re.compile(p), k, pr) for p, k, pr in _KIND_CUES]
_UNIT_HEADER = re.compile(r"(?:\b(?i:units?|in)\s?:\s?|단위\s?:?\s?)$")  # "(Unit: 100 million won)": a table's unit
_AFTER_STOP = re.compile(r"(?i:including|incl\.|together with|plus|of which|out of|and|or)\b|포함|중\s|[,;(\[]|\s(?:및|등)\s")
_CONJ = re.compile(r"[,;·]|\b(?i:and|or|while|with|plus|as well as)\b|(?<=[가-힣])(?:과|와|고|며|면서|하고|이고)\s|\s(?:및|등|그리고)\s")


def _money_kind(before, after, bound):
    """Kind of an amount from cue words: the nearest cue before it, else the nearest right after it (10 billion KRW
    in national funding, 1.5 billion won per company); weak cues (총, a total of, invest) only when there is no other."""
    found = []
    for rx, kind, prio in _KIND_RES:
        for m in rx.finditer(before):
            found.append((prio >= 5, 0, len(before) - m.end(), prio, kind))
        if kind != "total":
            found.extend((prio >= 5, 1, m.start(), prio, kind) for m in rx.finditer(after))
    kind = min(found)[-1] if found else None
    if kind == "per company":
        return "ceiling per company" if bound == "max" else "per company"
    if kind is None and bound == "max":
        return "ceiling"
    return kind


def _en_money(m):
    if m.group("pcur"):
        cur, num, scale = m.group("pcur"), m.group("pnum"), m.group("pscale")
    else:
        cur, num, scale = m.group("scur"), m.group("snum"), m.group("sscale")
    key = re.sub(r"\s+", " ", cur.lower()).replace("u.s. ", "us").replace("us $", "us$")
    currency = _CUR.get(key) or _CUR.get(key.rstrip("s"))
    if currency is None:
        return None
    mult = _SCALE_EN[scale.lower()] if scale else 1
    value = _scaled(num, mult)
    if key == "won" and not scale and value < 1000:
        return None  # "3 won the award": the verb, not money
    return currency, value


def _ko_money(m, text):
    body, cur = m.group("body"), m.group("cur")
    if cur == "원" or cur == "엔":
        nxt = text[m.end():m.end() + 4]
        if nxt and _HANGUL.match(nxt[0]) and not _AFTER_WORD.match(nxt):
            cur = None  # 원칙, 원장, 엔진: not the currency
    if _hangul_before(text, m.start()) and text[m.start() - 1] not in "약총연각및등":
        return None  # a number glued to a preceding word (소회의실2, 제3조) does not start an amount
    value, last_big = _ko_value(body)
    if cur is None:
        follow = text[m.end("body"):m.end("body") + 6]
        if last_big not in ("억", "조") or _KO_COUNTERS_AFTER_MONEY.match(follow) or re.match(r"\s?(?:제\s?)?\d+\s?항", follow):
            return None  # 2만명 is a count, 3조 2항 a clause of a law
        end, currency = m.end("body"), "KRW"
    else:
        end, currency = m.end(), _CUR[cur]
    return currency, value, end, "여" in body


def _noise_spans(text):
    """Spans that are never quantities: phone numbers, clock times, URLs, e-mail addresses."""
    spans = []
    for rx in (_PHONE, _CLOCK, _URL):
        spans += [m.span() for m in rx.finditer(text)]
    return spans


_PHONE = re.compile(r"(?<![\d.])(?:\(0\d{1,2}\)\s?|0\d{1,2}[\s.-])\d{3,4}[\s.-]\d{4}(?!\d)|(?<![\d.-])1[5-8]\d{2}-\d{4}(?![\d-])"
                    r"|\+82[\d\s().-]{8,}\d")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\b\d{1,2}\s?(?:[ap]\.m\.|[AaPp][Mm]\b|o'clock)"
                    r"|(?:오전|오후|새벽|저녁|밤)\s?\d{1,2}\s?시(?:\s?\d{1,2}\s?분)?(?:\s?\d{1,2}\s?초)?|\d{1,2}\s?시\s?\d{1,2}\s?분")
_URL = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")


def amounts(text: str, lang: str = "auto") -> list[dict]:
    """Money amounts in `text`, in order: value in whole units, currency, the words as written.

    Each item: ``value`` (int), ``currency`` ("KRW", "USD", ...), ``text`` (exact substring), ``span``,
    ``approximate``, ``per_year``, ``kind`` (a guess from cue words, or None), ``bound`` ("max"/"min"/None),
    ``conversion`` (a bracketed conversion of the amount just before it).

    >>> [(a["value"], a["currency"], a["text"], a["kind"]) for a in amounts("총사업비 454억 3천만 원, 국비 298억 원", "ko")]
    [(45430000000, 'KRW', '454억 3천만 원', 'total cost'), (29800000000, 'KRW', '298억 원', 'national funding')]
    """
    _lang(text, lang)
    taken = _noise_spans(text)
    found = []
    for m in _MONEY_EN.finditer(text):
        if not _free(taken, *m.span()):
            continue
        got = _en_money(m)
        if got is None:
            continue
        s, e, value = m.start(), m.end(), got[1]
        scale = m.group("pscale") or m.group("sscale")
        if m.group("snum") and scale:  # "1 trillion 99.3 billion won": the larger part before it
            c = _EN_COMPOUND_BEFORE.search(text[max(0, s - 30):s])
            if c and _SCALE_EN[c.group("sc").lower()] > _SCALE_EN[scale.lower()] and _free(taken, s - (c.end() - c.start()), s):
                value += _scaled(c.group("n"), _SCALE_EN[c.group("sc").lower()])
                s -= c.end() - c.start()
        elif m.group("pnum") and scale and scale.lower() in _SCALE_EN:  # "KRW 1 trillion 99.3 billion"
            c = _EN_COMPOUND_AFTER.match(text, e)
            if c and _SCALE_EN[c.group("sc").lower()] < _SCALE_EN[scale.lower()]:
                value += _scaled(c.group("n"), _SCALE_EN[c.group("sc").lower()])
                e = c.end()
        found.append((s, e, got[0], value, False))
        taken.append((s, e))
    for m in _MONEY_KO.finditer(text):
        if not _free(taken, *m.span("body")):
            continue
        got = _ko_money(m, text)
        if got is None:
            continue
        currency, value, end, approx = got
        found.append((m.start(), end, currency, value, approx))
        taken.append((m.start(), end))
    found = sorted(f for f in found if not _UNIT_HEADER.search(text[max(0, f[0] - 12):f[0]]))
    out = []
    for i, (s, e, currency, value, approx) in enumerate(found):
        start, per_year, took_approx = s, False, False
        while True:  # "약 592억 원", "연 20조원", "연 약 20조원": the words that qualify the number itself
            head = text[max(0, start - 30):start]
            pm, am = _PER_YEAR_BEFORE.search(head), _APPROX_BEFORE.search(head)
            if pm and not per_year:
                per_year, start = True, start - (pm.end() - pm.start())
            elif am and not took_approx:
                approx, took_approx, start = True, True, start - (am.end() - am.start())
            else:
                break
        before_all = text[max(0, start - 40):start]
        after = text[e:e + 30]
        approx = approx or bool(_APPROX_AFTER.match(after))
        per_year = per_year or bool(_PER_YEAR_AFTER.match(after))
        bound = None
        if _MAX_BEFORE.search(before_all) or _MAX_AFTER.match(after):
            bound = "max"
        elif _MIN_BEFORE.search(before_all) or _MIN_AFTER.match(after):
            bound = "min"
        lo, hi = _clause(text, start, e)
        before_win = text[lo:start]
        if i and found[i - 1][1] > lo:
            # after another amount: its own trailing words (", of national funds and") are not this one's cue
            before_win = text[found[i - 1][1]:start]
            cut = list(_CONJ.finditer(before_win))
            if cut:
                before_win = before_win[cut[-1].end():]
        if i + 1 < len(found) and found[i + 1][0] < hi:
            hi = found[i + 1][0]
        after_win = text[e:min(hi, e + 30)]
        stop = _AFTER_STOP.search(after_win)
        if stop:
            after_win = after_win[:stop.start()]
        kind = _money_kind(before_win, after_win, bound)
        conversion = bool(i and re.fullmatch(r"\s?[(\[（]\s?(?:(?i:about|approx\.|around|약)\s?)?", text[found[i - 1][1]:start])
                          and found[i - 1][2] != currency)
        out.append({"value": value, "currency": currency, "text": text[start:e], "span": (start, e),
                    "approximate": approx, "per_year": per_year, "kind": kind, "bound": bound, "conversion": conversion})
    return out


# ------------------------------------------------------------------ periods
_Y4 = r"(?:19|20)\d{2}"
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_EN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
             r"|Nov(?:ember)?|Dec(?:ember)?)\.?")
_ORD = r"(?:st|nd|rd|th)"
_APOS = "’'‘`"
_REL_KO = {"올해": 0, "금년": 0, "올": 0, "지난해": -1, "작년": -1, "내년": 1}
_REL_EN = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}

# atoms: (regex, type); earlier patterns claim their span first
_ATOMS = [
    # numeric full dates: datelines and captions (2025.11.10, 2023-10-26, 2023. 3. 30.)
    (re.compile(rf"(?<![\d.])(?P<y>{_Y4})\s?(?P<sep>[.\-/])\s?(?P<m>\d{{1,2}})\s?(?P=sep)\s?(?P<d>\d{{1,2}})(?:\s?\.(?!\d))?(?![\d])"),
     "numdate"),
    # year and month of a period in press-release lists: (’24.4.~’28.12.), 2024.4~2028.12, (2024. 4. ~ 2028. 12.)
    (re.compile(rf"(?<![\d.])(?:(?P<y>{_Y4})|(?P<apos>[’'‘])(?P<yy>\d{{2}}))\.\s?(?P<m>\d{{1,2}})(?!\d|\.\d|\s?월)\.?"), "ym"),
    (re.compile(rf"(?<!\d)(?P<y>{_Y4})\s?년\s?(?P<m>\d{{1,2}})\s?월(?:\s?(?P<d>\d{{1,2}})\s?일?\s?[~∼〜～\-–]\s?(?P<d2>\d{{1,2}})\s?일"
                r"|\s?(?P<d1>\d{1,2})\s?일(?!\s?(?:간|동안|째|이내|만에)))?"), "kodate"),
    (re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s?월\s?(?:(?P<d>\d{1,2})\s?일?\s?[~∼〜～\-–]\s?(?P<d2>\d{1,2})\s?일"
                r"|(?P<d1>\d{1,2})\s?일(?!\s?(?:간|동안|째|이내|만에)))"), "kodate"),
    (re.compile(rf"(?P<mon>\b{_MONTH_EN})\s+(?P<d>\d{{1,2}}){_ORD}?(?:\s?[-–~]\s?(?P<d2>\d{{1,2}}){_ORD}?)?(?:,?\s+(?P<y>{_Y4}))?"
                rf"(?![\d:])(?!\s*(?:[ap]\.?m\b|{_ORD}))"), "endate"),
    (re.compile(rf"(?<!\d)(?:(?P<d>\d{{1,2}}){_ORD}?\s?[-–~]\s?)?(?P<d2>\d{{1,2}}){_ORD}?\s+(?:of\s+)?(?P<mon>{_MONTH_EN})"
                rf"(?:,?\s+(?P<y>{_Y4}))?\b"), "endate"),
    (re.compile(rf"(?P<mon>\b{_MONTH_EN})(?:,?\s+(?P<y>{_Y4}))(?!\d)"), "enmonth"),
    (re.compile(rf"(?P<mon>\b{_MONTH_EN})(?![\w])"), "enmonth_bare"),
    (re.compile(r"(?P<rel>지난\s?달|지난달|이달|이번\s?달|다음\s?달|내달|(?i:this|last|next)\s+month)"), "relmonth"),
    (re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s?월(?!\s?(?:간|동안))"), "komonth"),
    (re.compile(rf"(?<=\bthe )(?P<d>\d{{1,2}}){_ORD}\b(?!\s+(?:anniversary|floor|session|meeting|round|century|edition|term|"
                r"place|generation|year|annual|consecutive|time|day|week|month|graduat\w*|class|grade|ceremony|conference|"
                r"congress|forum|plenary|[A-Z]))"), "enday"),
    (re.compile(r"(?<![\d.제])(?P<d>\d{1,2})\s?일(?!\s?(?:간|동안|째|이내|만에|치|분|당|대|평균|부|자|차|반|제|주일))"), "koday"),
    (re.compile(rf"(?<![\d.,$₩€£¥])(?P<y>{_Y4})(?:\s?년도?(?!\s?(?:간|동안|째|대)))?(?![\dA-Za-z]|\.\d|,\d{{3}}|\s?년대)"), "year"),
    (re.compile(rf"(?<![\w{_APOS}])(?P<apos>[{_APOS}])\s?(?P<yy>\d{{2}})(?!\d|[.,]\d|\s?(?:개|명|곳|건|대|%|st|nd|rd|th))(?:\s?년)?"),
     "apos"),
    # relative years, resolved only against the article date (not 전년 / the previous year: relative to another year)
    (re.compile(r"(?P<rel>올해|금년|지난해|작년|내년|(?<![가-힣])올(?=\s(?:상반기|하반기|연말|초|말|한 해|들어)))"), "relyear"),
    (re.compile(r"(?<!\bthe )(?<!\bThe )(?P<rel>(?i:this|last|next|the\s+current|the\s+coming))\s+(?i:year)(?!s)"), "relyear"),
]

# markers before an atom (matched against the text just before it)
_PRE_RANGE = re.compile(r"(?:(?<![가-힣])지난\s?|(?<![가-힣])오는\s?|\b(?i:from|between)\s+(?:the\s+)?)$")
_PRE_BY = re.compile(r"(?:\b(?i:by|until|till|through|thru|no later than|up to|before)(?:\s+the\s+end\s+of)?\s+)$")
_PRE_FROM = re.compile(r"(?:\b(?i:since|from|starting|starting in|starting from|starting on|beginning|beginning in|beginning on"
                       r"|effective|effective from|after)\s+(?:the\s+)?)$")
_PRE_YEAR = re.compile(r"(?:\b(?:Q[1-4]|H[12]|FY|CY)\s?$|\b(?i:(?:as of\s+)?(?:the\s+)?(?:end|beginning|start|middle|first half|second half|(?:first|second|third|fourth) quarter)"
                       r"\s+of|as of|as at|in|during|for|of|throughout|early|late|mid-?|on|at|around|within)\s+(?:the\s+)?)$")
_PRE_DATE = re.compile(r"(?:\b(?i:on|from|until|till|to|through|by|since|before|after|starting on|starting|beginning on|as of|"
                       r"effective|held on|scheduled for)\s+the\s+)$")
_PRE_DIR = re.compile(r"(?:(?<![가-힣])(?P<ko>지난|오는)\s?|\b(?P<en>(?i:last|next|this|coming))\s+)$")
_PRE_DATELINE = re.compile(r"(?:입력|수정|등록|기사입력|송고|발행|게재|작성|승인|Posted|Updated|Published|Date)\s?:?\s?$")
_CITY_DATELINE = re.compile(r"\s*[A-Z][A-Za-z.\- ]{1,30},\s*")  # "SEOUL, Dec. 5 (Yonhap) --", "Busan, March 3 --"
_CONNECT = re.compile(r"\?|\s?(?:부터|에서|[~∼〜～\-–—―]|\b(?i:to|through|until|till|thru)\b)\s?(?:[~∼〜～\-–—―]\s?)?(?:the\s)?")
_AND = re.compile(r"\s+(?i:and)\s+")
_POST_BY = re.compile(r"^\s?(?:(?:말|초|중순|하순|상순|중|말경)\s?)?(?:까지|이내)")
_POST_FROM = re.compile(r"^\s?(?:(?:말|초|중순|하순|상순|중)\s?)?(?:부터|이후)|^\s(?i:onwards?|and beyond)\b")


def _ymd(art):
    if not art:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", art.strip())
    if not m:
        raise ValueError(f"article_date must be YYYY-MM-DD, not {art!r}")
    return tuple(int(x) for x in m.groups())


def _days_in(y, m):
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _ordinal(y, m, d):
    """Days since a fixed epoch (proleptic Gregorian), for comparing dates without datetime."""
    y2 = y - (m < 3)
    era = y2 // 400
    yoe = y2 - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy


def _shift_month(y, m, k):
    m2 = m - 1 + k
    return y + m2 // 12, m2 % 12 + 1


def _resolve_day(day, art, direction):
    """(iso date, sure) of the day-of-month `day` next to the article date; direction -1 past, 1 future, 0 nearest."""
    ay, am, ad = art
    here = _ordinal(ay, am, ad)
    cands = []
    for k in (-1, 0, 1):
        y, m = _shift_month(ay, am, k)
        if day <= _days_in(y, m):
            cands.append((y, m, k))
    if direction < 0:
        cands = [c for c in cands if _ordinal(c[0], c[1], day) <= here]
    elif direction > 0:
        cands = [c for c in cands if _ordinal(c[0], c[1], day) >= here]
    if not cands:
        return None, False
    same = [c for c in cands if c[2] == 0 and abs(_ordinal(c[0], c[1], day) - here) <= 15]
    y, m, k = same[0] if same else min(cands, key=lambda c: (abs(_ordinal(c[0], c[1], day) - here), abs(c[2])))
    return f"{y:04d}-{m:02d}-{day:02d}", k == 0 or direction != 0


def _resolve_month(month, art, direction):
    ay, am, _ = art
    cands = [(ay + k, month) for k in (-1, 0, 1)]
    if direction < 0:
        cands = [c for c in cands if (c[0], c[1]) <= (ay, am)]
    elif direction > 0:
        cands = [c for c in cands if (c[0], c[1]) >= (ay, am)]
    y, m = min(cands, key=lambda c: abs((c[0] - ay) * 12 + c[1] - am))
    return f"{y:04d}-{m:02d}"


def _month_day_year(month, day, art):
    """Year for a written month and day: the one that puts the date nearest the article date."""
    ay, am, ad = art
    here = _ordinal(ay, am, ad)
    return min((ay - 1, ay, ay + 1), key=lambda y: abs(_ordinal(y, month, min(day, _days_in(y, month))) - here))


def _atoms(text):
    taken = _noise_spans(text)
    atoms = []
    for rx, typ in _ATOMS:
        for m in rx.finditer(text):
            if not _free(taken, *m.span()):
                continue
            a = _atom(m, typ, text)
            if a is None:
                continue
            taken.append(m.span())
            atoms.append(a)
    atoms.sort(key=lambda a: a["s"])
    return atoms


def _atom(m, typ, text):
    g = m.groupdict()
    a = {"s": m.start(), "e": m.end(), "type": typ, "year": None, "month": None, "day": None, "rel": None,
         "ko_year": False, "dateline": False}
    if typ == "enmonth_bare":
        if not re.search(r"(?i:\b(?:in|since|from|until|till|by|last|this|next|early|late|mid-|of|during|through|to))\s$",
                         text[max(0, m.start() - 8):m.start()]):
            return None
        if g["mon"] == "May" and not re.search(r"(?i:\b(?:in|since|until|till|last|this|next|early|late|mid-|during))\s$",
                                               text[max(0, m.start() - 8):m.start()]):
            return None
        typ = "enmonth"
    if typ == "ym":
        before = text[max(0, m.start() - 4):m.start()]
        after = text[m.end():m.end() + 4]
        if not (re.match(r"\s?(?:[~∼〜～\-–)\]]|부터|까지)", after) or re.search(r"[~∼〜～\-–]\s?$", before)):
            return None
        g = dict(g, y=g["y"] or str(2000 + int(g["yy"]) if int(g["yy"]) < 70 else 1900 + int(g["yy"])))
        typ = "enmonth"
    if typ in ("numdate", "kodate", "endate", "enmonth", "komonth"):
        if g.get("mon"):
            a["month"] = _MONTHS[g["mon"][:3].lower()]
        elif g.get("m"):
            a["month"] = int(g["m"])
        if not 1 <= (a["month"] or 0) <= 12:
            return None
        day = g.get("d") or g.get("d1") or (g.get("d2") if not g.get("d") else None)
        if day:
            a["day"] = int(day)
            if not 1 <= a["day"] <= 31:
                return None
        if g.get("d") and g.get("d2"):
            a["day2"] = int(g["d2"])
            if not a["day"] < a["day2"] <= 31:
                return None
        if g.get("y"):
            a["year"] = int(g["y"])
        if typ == "numdate":
            a["dateline"] = True
        else:
            line_start = text.rfind("\n", 0, m.start()) + 1
            head = text[line_start:m.start()]
            line_end = text.find("\n", m.end())
            rest = text[m.end():line_end if line_end >= 0 else len(text)]
            opens_line = bool(a["year"] and a["day"] and not head.strip(" \t|[]()·-")
                              and (len(rest) < 30 and not re.match(r"\s?(?:부터|까지|에|[~∼〜～\-–]|(?i:to|through|until)\b)", rest)
                                   or re.match(r"\s?(?:--|[–—]|\(\w+\))", rest)))
            a["dateline"] = (bool(_PRE_DATELINE.search(text[max(0, m.start() - 12):m.start()])) or opens_line
                             or bool(a["day"] and _CITY_DATELINE.fullmatch(head)))
        a["type"] = "date" if a["day"] else "month"
        if typ == "komonth" and (_hangul_before(text, m.start()) and text[m.start() - 1] not in "난는"):
            return None
        if typ == "komonth" and text[max(0, m.start() - 2):m.start()].rstrip().endswith("제"):
            return None
    elif typ == "relmonth":
        rel = g["rel"].lower()
        a["type"], a["rel"] = "month", (-1 if ("지난" in rel or "last" in rel) else 1 if ("다음" in rel or "내달" in rel or "next" in rel) else 0)
    elif typ in ("enday", "koday"):
        a["day"] = int(g["d"])
        if not 1 <= a["day"] <= 31:
            return None
        if typ == "enday" and not _PRE_DATE.search(text[max(0, m.start() - 30):m.start()]):
            return None
        if typ == "koday":
            if _hangul_before(text, m.start()) and text[m.start() - 1] not in "난는":
                return None
            if re.search(r"(?:제|매월|월)\s?$", text[max(0, m.start() - 3):m.start()]):
                return None
        a["type"] = "date"
    elif typ == "year":
        a["year"] = int(g["y"])
        a["ko_year"] = "년" in m.group(0)
        nxt = text[m.end():m.end() + 1]
        if not a["ko_year"] and (nxt in "%" and nxt or re.match(r"\s?(?:개|명|곳|건|대|회|억|조|만|원|여)", text[m.end():m.end() + 3])):
            return None  # 2024개, 2030억: a number, not a year
    elif typ == "apos":
        yy = int(g["yy"])
        after = text[m.end():m.end() + 6]
        if g["apos"] != "’" and not (m.group(0).endswith("년") or re.match(r"\s?(?:부터|까지|[~∼〜～\-–—,)]|\s?[~∼〜～\-–]\s?['’‘])", after)):
            return None  # a straight or opening quote before two digits is a year only in a year context
        if re.match(r"\s?[A-Za-z가-힣]", after) and not m.group(0).endswith("년") and not re.match(r"\s?(?:부터|까지|년)", after):
            return None
        a["year"] = 2000 + yy if yy < 70 else 1900 + yy
        a["type"] = "year"
        a["ko_year"] = True
    elif typ == "relyear":
        rel = g["rel"].lower()
        a["rel"], a["type"] = _REL_KO.get(rel, _REL_EN.get(rel.split()[-1])), "year"
    return a


def _fmt_date(a, art):
    """(start_date text or None, sure) for a date/month atom."""
    direction = a.get("dir", 0)
    if a.get("rel_year") and a["year"] is None:  # 지난해 3월 without an article date
        return (f"--{a['month']:02d}-{a['day']:02d}" if a["day"] else f"--{a['month']:02d}"), False
    if a["type"] == "month":
        if a["rel"] is not None:
            if not art:
                return None, False
            y, mo = _shift_month(art[0], art[1], a["rel"])
            return f"{y:04d}-{mo:02d}", True
        if a["year"]:
            return f"{a['year']:04d}-{a['month']:02d}", True
        if art:
            return _resolve_month(a["month"], art, direction), True
        return f"--{a['month']:02d}", True
    if a["month"] is None:
        if not art:
            return None, False
        return _resolve_day(a["day"], art, direction)
    if a["year"]:
        return f"{a['year']:04d}-{a['month']:02d}-{a['day']:02d}", True
    if art:
        return f"{_month_day_year(a['month'], a['day'], art):04d}-{a['month']:02d}-{a['day']:02d}", True
    return f"--{a['month']:02d}-{a['day']:02d}", True


def _year_of(a, art):
    """(year or None, sure) of a year atom."""
    if a["rel"] is not None:
        return (art[0] + a["rel"], True) if art else (None, False)
    return a["year"], True


def periods(text: str, lang: str = "auto", article_date: str | None = None) -> list[dict]:
    """Years, year ranges and dates in `text`, in order, each with the words as written.

    Each item: ``text``, ``span``, ``start`` / ``end`` (int years or None), ``start_date`` / ``end_date``
    ("YYYY-MM-DD", "--MM-DD", "YYYY-MM", "--MM" or None), ``kind`` ("range", "by", "from", "year", "date"),
    ``sure`` (False when a relative word could not be resolved or a year is only part of a name),
    ``dateline`` (a numeric date, a date after 입력/수정, or a full date opening a line) and ``name`` (a year with
    no temporal word, e.g. in "Strategy 2030").

    >>> [(p["text"], p["start"], p["end"], p["kind"]) for p in periods("’24 부터 ’28, 2023~27년, by 2030", "ko")]
    [('’24 부터 ’28', 2024, 2028, 'range'), ('2023~27년', 2023, 2027, 'range'), ('by 2030', None, 2030, 'by')]
    """
    _lang(text, lang)
    art = _ymd(article_date)
    out = []
    taken = []
    # two-digit end years: 2023~27년, 2024-28
    for m in re.finditer(rf"(?<![\d.,])(?P<y>{_Y4})\s?년?\s?[~∼〜～\-–]\s?(?P<yy>\d{{2}})(?![\d.,:]|[-/.]\d)(?:\s?년)?(?P<by>\s?까지)?",
                         text):
        y, yy = int(m.group("y")), int(m.group("yy"))
        end = y - y % 100 + yy
        if end <= y or end - y > 30 or _PHONE.search(text, max(0, m.start() - 5), m.end() + 5):
            continue
        s = m.start()
        pre = _PRE_RANGE.search(text[max(0, s - 10):s])
        if pre:
            s -= pre.end() - pre.start()
        out.append(_period(text, s, m.end(), y, end, None, None, "range", True))
        taken.append((s, m.end()))
    atoms = [a for a in _atoms(text) if _free(taken, a["s"], a["e"])]
    # direction words before days and months (지난 24일, 오는 5일, last May)
    for a in atoms:
        d = _PRE_DIR.search(text[max(0, a["s"] - 8):a["s"]])
        if d and a["type"] in ("date", "month") and a["rel"] is None:
            word = (d.group("ko") or d.group("en")).lower()
            a["dir"] = -1 if word in ("지난", "last") else 1 if word in ("오는", "next", "coming") else 0
            a["pre"] = d.end() - d.start()
        elif a["type"] == "date" and a["month"] is None and re.search(r"(?i:\b(?:until|till|by)\s+the\s+)$", text[max(0, a["s"] - 12):a["s"]]):
            a["dir"] = 1  # "until the 30th": the next such day
    # a relative year next to a month or a date gives it its year: 지난해 3월, March last year
    merged = []
    for a in atoms:
        prev = merged[-1] if merged else None
        if prev and {prev["type"], a["type"]} in ({"year", "month"}, {"year", "date"}) and not text[prev["e"]:a["s"]].strip():
            rel, day = (prev, a) if prev["type"] == "year" else (a, prev)
            if rel["rel"] is not None and day["year"] is None and day["rel"] is None and day["month"]:
                day = dict(day, s=prev["s"], e=a["e"], year=_year_of(rel, art)[0], rel_year=True)
                day.pop("pre", None)
                merged[-1] = day
                continue
        merged.append(a)
    atoms = merged
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        pre_range = _PRE_RANGE.search(text[max(0, a["s"] - 10):a["s"]])
        between = text[a["e"]:b["s"]] if b else None
        joined = b is not None and (_CONNECT.fullmatch(between) is not None
                                    or (pre_range and "between" in pre_range.group(0).lower() and _AND.fullmatch(between)))
        if joined and a["type"] == b["type"] == "year" and not a["dateline"] and not b["dateline"]:
            s = a["s"] - (pre_range.end() - pre_range.start() if pre_range else 0)
            e = b["e"]
            post = _POST_BY.match(text[e:e + 8])
            if post:
                e += post.end()
            y1, sure1 = _year_of(a, art)
            y2, sure2 = _year_of(b, art)
            out.append(_period(text, s, e, y1, y2, None, None, "range", sure1 and sure2))
            i += 2
            continue
        if joined and a["type"] in ("date", "month") and b["type"] in ("date", "month") and not a["dateline"]:
            s = a["s"] - (pre_range.end() - pre_range.start() if pre_range else a.get("pre", 0))
            e = b["e"]
            post = _POST_BY.match(text[e:e + 8])
            if post:
                e += post.end()
            if b["year"] is None and a["year"] and b["month"]:
                b["year"] = a["year"]
            if b["month"] is None and a["month"] and b["rel"] is None:
                b["month"], b["type"] = a["month"], "date"
                b["year"] = b["year"] or a["year"]
            sd, sure1 = _fmt_date(a, art)
            ed, sure2 = _fmt_date(b, art)
            out.append(_period(text, s, e, a["year"], b["year"] or a["year"], sd, ed, "range", sure1 and sure2))
            i += 2
            continue
        out.append(_single(text, a, art))
        i += 1
    out.sort(key=lambda p: p["span"])
    return out


def _period(text, s, e, start, end, start_date, end_date, kind, sure, dateline=False, name=False):
    return {"text": text[s:e], "span": (s, e), "start": start, "end": end, "start_date": start_date,
            "end_date": end_date, "kind": kind, "sure": sure, "dateline": dateline, "name": name}


def _single(text, a, art):
    s, e = a["s"], a["e"]
    before = text[max(0, s - 40):s]
    post_by = _POST_BY.match(text[e:e + 8])
    post_from = _POST_FROM.match(text[e:e + 8])
    if a["type"] in ("date", "month"):
        s -= a.get("pre", 0)
        sd, sure = _fmt_date(a, art)
        pre_date = _PRE_DATE.search(before) if a["month"] is None else None
        if pre_date:
            s -= pre_date.end() - pre_date.start()
        year = a["year"]
        if a.get("day2"):
            b = dict(a, day=a["day2"], dir=0)
            ed, sure2 = _fmt_date(b, art)
            if sd and ed and sd[:-2] != ed[:-2]:
                ed = sd[:-2] + f"{a['day2']:02d}"
            return _period(text, s, e, year, year, sd, ed, "range", sure and sure2, a["dateline"])
        if pre_date and re.match(r"(?i:until|till|through|by)\b", pre_date.group(0)):
            return _period(text, s, e, None, year, None, sd, "by", sure, a["dateline"])
        if pre_date and re.match(r"(?i:from|since|starting|beginning|effective)\b", pre_date.group(0)):
            return _period(text, s, e, year, None, sd, None, "from", sure, a["dateline"])
        if post_by:
            return _period(text, s, e + post_by.end(), None, year, None, sd, "by", sure, a["dateline"])
        if post_from:
            return _period(text, s, e + post_from.end(), year, None, sd, None, "from", sure, a["dateline"])
        return _period(text, s, e, year, year, sd, None, "date", sure, a["dateline"])
    # a year
    year, sure = _year_of(a, art)
    pre_by = _PRE_BY.search(before)
    pre_from = _PRE_FROM.search(before)
    pre_year = _PRE_YEAR.search(before)
    attributive = bool(re.search(r"\b(?i:the|a|an)\s+$", before))  # "the 2030 global hub city", "a 2024 survey"
    bracketed = before.endswith(("(", "[", "（")) and re.match(r"\s?[),;]", text[e:e + 2])  # "(2024, 1 billion KRW)"
    if a["rel"] is None and not a["ko_year"] and not bracketed and (attributive or not (pre_by or pre_from or pre_year
                                                                                       or post_by or post_from)):
        # no temporal word at all: a year inside a name or a label (Strategy 2030, 혁신전략 2030)
        if not text[a["e"]:a["e"] + 2].startswith("'s"):
            return _period(text, s, e, None, year, None, None, "by", False, name=True)
    if post_by or pre_by:
        if pre_by:
            s -= pre_by.end() - pre_by.start()
        if post_by:
            e += post_by.end()
        return _period(text, s, e, None, year, None, None, "by", sure)
    if post_from or pre_from:
        if pre_from:
            s -= pre_from.end() - pre_from.start()
        if post_from:
            e += post_from.end()
        return _period(text, s, e, year, None, None, None, "from", sure)
    if pre_year and re.search(r"(?i:end|beginning|start|middle|half|quarter|as of|as at)", pre_year.group(0)):
        s -= pre_year.end() - pre_year.start()
    return _period(text, s, e, year, year, None, None, "year", sure)


# ------------------------------------------------------------------ counts
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDNUM = (rf"(?:(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|a dozen|"
            rf"{'|'.join(sorted(_WORDS, key=len, reverse=True))})")
_EN_COUNT = re.compile(rf"(?<![\w$₩€£¥.,:/#&-])(?P<num>{_NUM}|(?i:{_WORDNUM}))(?![\w]|[.,:]\d|-\w)"
                       rf"(?:\s?(?P<scale>(?i:thousand|million|billion))\b)?"
                       rf"(?P<pct>\s?%p?|\s+(?i:percent(?:age points?)?|per\s?cent)\b)?", re.I)
_EN_STOP = set("""and or of in on at to for from by with the a an is are was were will would be been being has have had that which
who whom whose as than per each into over under between including such nationwide worth more less am pm p a.m p.m o'clock
it its their there this these those what when where while if but so not no also about around up down out off than then
across through during since until till after before against among within without via plus both all any some other
respectively each""".split())
_EN_NOISE = {"views", "view", "hits", "likes", "comments", "shares", "replies", "reads", "won", "krw", "usd", "dollars",
             "euros", "yen", "yuan", "million", "billion", "trillion", "thousand"}
_EN_IRREGULAR = {"people", "staff", "personnel", "children", "men", "women", "police", "cattle", "media", "data", "alumni",
                 "faculty", "crew", "youth", "feet", "teeth", "geese", "mice", "fish", "sheep", "deer", "series", "species",
                 "aircraft", "equipment", "percent"}
_EN_RANK_PREV = re.compile(r"(?i:\b(?:top|no\.?|number|rank(?:ed)?|grade|level|phase|round|article|chapter|section|page|pages|"
                           r"vol\.?|version|ver\.?|route|line|gate|exit|room|floor|lane|step|stage|tier|class|type|season|"
                           r"episode|part|item|table|figure|fig\.?|zone|district|block|unit|lot|building|hall|station|"
                           r"platform|terminal|pier|berth|dock|wave|batch|ward|bus)\s*$)")
_MONTH_PREV = re.compile(rf"{_MONTH_EN}\s*$")
_TIME_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "decade", "decades"}
_COUNTERS_KO = (r"개사|개소|개교|개국|개월(?:간|\s?동안)?|개년|개|명|곳|건|차례|가구|대|년간|년\s?동안|년째|일간|일\s?동안|주간|"
                r"주\s?동안|시간|종|척|"
                r"%p|%|퍼센트|회")
_KNUM = rf"(?:{_KO_SUB}(?<=[\d천백십])\s?만(?:\s?{_KO_SUB}(?<=[\d천백십]))?|{_KO_SUB}(?<=[\d천백십]))"
_KO_COUNT = re.compile(rf"(?<![\d.,])(?P<num>{_KNUM})\s?(?P<approx>여)?\s?(?P<counter>{_COUNTERS_KO})")
_KO_NATIVE_WORDS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_KO_NATIVE = re.compile(r"(?P<w>다섯|여섯|일곱|여덟|아홉|한|두|세|네|열)\s(?P<counter>개국|개사|개월|개|명|곳|차례|가지|번|군데)")
_KO_CHANGE = re.compile(rf"(?<![\d.,])(?P<a>{_KNUM})\s?(?P<ca>{_COUNTERS_KO})?\s?(?:→|->|⇒|➝|에서)\s?(?P<b>{_KNUM})\s?"
                        rf"(?P<cb>{_COUNTERS_KO})(?:으로|로)?")
_EN_CHANGE = re.compile(rf"(?:(?i:from)\s+)(?P<a>{_NUM}|(?i:{_WORDNUM}))(?P<pa>\s?%|\s+(?i:percent))?(?:\s+(?P<ua>[A-Za-z][\w-]*))?"
                        rf"\s+(?i:to)\s+(?P<b>{_NUM}|(?i:{_WORDNUM}))(?P<pb>\s?%|\s+(?i:percent))?(?![\w.,]\d)|"
                        rf"(?<![\w.,])(?P<a2>{_NUM})(?P<pa2>\s?%)?\s?(?:→|->|⇒|➝)\s?(?P<b2>{_NUM})(?P<pb2>\s?%)?")
_KO_PEOPLE_COUNTERS = ("개", "명", "곳", "대", "개사", "개소", "개교", "개국", "가구", "건", "종", "차례", "척")
_KO_VERB_END = re.compile(r"(?:다|고|며|해|돼|된|한|할|될|하는|되는|해서|하고|하여|하며|했다|됐다|겠다|려|면|지만|는데|니|하기|되기|"
                          r"키로|하게|되게|하면|되면|해야|돼야|하던|되던|인|있는|없는)$")
_AGE_NEXT = re.compile(r"\s?(?:청년|남성|여성|초반|중반|후반|이상|이하|남녀|연령|층|의\s|가\s|는\s|청소년|노인|중장년)")
_APPROX_AFTER_COUNT = re.compile(r"^\s?(?:가량|정도|안팎|내외|남짓)")
_TARGET = re.compile(r"목표|(?<!부터 )(?:19|20)\d\d\s?년\s?까지|하기로|키로|할 계획|예정|(?i:\btarget|\bgoal\b|\baim(?:s|ing)? to\b|\bby (?:19|20)\d\d\b|"
                     r"\bplans? to\b|\bincrease (?:it )?to\b|\bexpand (?:it )?to\b)")


_KO_MODIFIERS = set("주요 핵심 추진 신규 중점 세부 대표 주력 전략 우수 선도 혁신 유망 전문 협력 참여 지원 공모 시범 국가 지역 "
                    "세계 글로벌 국내 해외 중소 대형 첨단 미래 공공 민간 산업 연구".split())
_KO_NOT_UNIT = set("구축 선정 확보 조성 육성 개발 설립 유치 운영 도입 달성 증가 감소 확대 투입 발굴 배출 양성 창출 신설 완료 돌파 "
                   "이상 이하 미만 초과 규모 수준 내외 이내 가량 정도 안팎 남짓 참석 참여 이어 추가 늘어 줄어 등 중 모두 전체 각각".split())


def _ko_unit_noun(text, pos):
    """(noun words, end offset) right after a Korean general counter (22개 대학, 20개 추진 과제), particles removed."""
    words, end = [], pos
    for _ in range(2):
        m = re.match(r"[ \t]([가-힣A-Za-z][가-힣A-Za-z·ㆍ]*)", text[end:end + 30])
        if not m:
            break
        tok = m.group(1).rstrip("·ㆍ")
        stem = tok
        for p in _PARTICLES:
            if tok.endswith(p) and len(tok) - len(p) >= 2 and not tok[: -len(p)].endswith(("·", "ㆍ")):
                stem = tok[: -len(p)]
                break
        if _KO_VERB_END.search(stem) or stem in _KO_NOT_UNIT and not (not words and stem in _KO_MODIFIERS):
            break
        words.append(stem)
        end = end + m.start(1) + len(stem)
        if stem != tok or stem not in _KO_MODIFIERS:
            break
    if len(words) == 1 and words[0] in _KO_NOT_UNIT:
        return None, pos  # 추진, 참여 with no noun after them
    return (" ".join(words), end) if words else (None, pos)


def _en_number(s):
    t = s.lower().replace(",", "")
    if t in _WORDS:
        return _WORDS[t]
    if t == "a dozen":
        return 12
    if "-" in t:
        tens, unit = t.split("-")
        return _WORDS[tens] + _WORDS[unit]
    return _plain(t)


def _ko_number(s):
    """'2만' -> 20000, '1만 2천' -> 12000, '3천' -> 3000, '1.5' -> 1.5."""
    if re.fullmatch(rf"{_NUM}", s.strip()):
        return _plain(s.strip())
    return _ko_value(s)[0]


def _is_plural(w):
    lw = w.lower()
    if lw in _EN_IRREGULAR:
        return True
    return len(lw) >= 3 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s"))


def _en_unit(text, pos):
    """(unit words, end offset) after an English number at pos, or None."""
    m = re.match(r"[ \t]+", text[pos:])
    if not m:
        return None
    i = pos + m.end()
    limit = re.search(r"[,.;:!?()\[\]\n\"“”‘’]|\s[-–—]\s", text[i:i + 80])
    chunk = text[i:i + (limit.start() if limit else 80)]
    chunk = re.sub(r"(?i)\b(small|large|medium)(-sized)? and (small|medium|large)(-sized)?\b",
                   lambda x: x.group(0).replace(" ", "\0"), chunk)
    words = []
    pos_w = 0
    for wm in re.finditer(r"\S+", chunk):
        w = wm.group(0)
        lw = w.lower().replace("\0", " ")
        if not re.fullmatch(r"[A-Za-z][\w&'\-\0]*", w) or lw in _EN_STOP:
            break
        if not words and (lw in _EN_NOISE or _MONTHS.get(lw[:3]) and re.fullmatch(_MONTH_EN, w)):
            return None
        words.append(w.replace("\0", " "))
        pos_w = wm.end()
        if _is_plural(w.split("\0")[-1]):
            nxt = re.match(r"\s+(?:and|or|&)\s+([A-Za-z][\w'\-]*)", chunk[pos_w:])
            if nxt and _is_plural(nxt.group(1)) and nxt.group(1).lower() not in _EN_STOP:
                pos_w += nxt.end()
                words.append(chunk[wm.end():pos_w].strip())
            return " ".join(words), i + pos_w
        if len(words) >= 4:
            break
    return None


def _count(text, s, e, value, unit, approx=False, baseline=None, bound=None, per_year=False):
    lo, hi = _clause(text, s, e, back=40, ahead=20)
    target = bool(_TARGET.search(text[lo:hi]))
    return {"value": value, "unit": unit, "text": text[s:e], "span": (s, e), "approximate": approx,
            "baseline": baseline, "target": target, "bound": bound, "per_year": per_year}


def _count_mods(text, s, e, ko, time_unit=False):
    """(new start, approximate, bound, per_year) from the words around a count."""
    before = text[max(0, s - 30):s]
    approx, bound, per_year = False, None, False
    am = _APPROX_BEFORE.search(before)
    if am:
        approx, s = True, s - (am.end() - am.start())
        before = text[max(0, s - 30):s]
    pm = _PER_YEAR_BEFORE.search(before)
    if pm:
        per_year = True
    after = text[e:e + 20]
    if _APPROX_AFTER_COUNT.match(after):
        approx = True
    if _PER_YEAR_AFTER.match(after):
        per_year = True
    if _MAX_BEFORE.search(before) or _MAX_AFTER.match(after):
        bound = "max"
    elif (_MIN_BEFORE.search(before) and not (time_unit and re.search(r"(?i:over)\s+$", before))) or _MIN_AFTER.match(after):
        bound = "min"
    return s, approx, bound, per_year


def counts(text: str, lang: str = "auto") -> list[dict]:
    """Counts of things in `text`, in order: value, the unit as written, and the words as written.

    Each item: ``value`` (int or float), ``unit``, ``text``, ``span``, ``approximate``, ``baseline`` (the
    earlier figure of "from 15 to 30", "15개→30개"), ``target`` (a goal cue in the clause), ``bound``
    ("min" for over / 이상, "max" for up to / 최대) and ``per_year``.

    >>> [(c["value"], c["unit"]) for c in counts("4대 전략, 20개 과제, 2만명, 제51차 회의", "ko")]
    [(4, '대 전략'), (20, '개 과제'), (20000, '명')]
    """
    lang = _lang(text, lang)
    taken = _noise_spans(text)
    taken += [a["span"] for a in amounts(text, lang)]
    taken += [p["span"] for p in periods(text, lang) if p["start"] or p["end"] or p["start_date"] or p["dateline"]]
    taken += [(m.start(), m.end()) for m in re.finditer(r"(?<![\w.])(?:19|20)\d{2}(?![\d]|,\d{3})", text)]
    out = []
    if lang == "ko":
        for m in _KO_CHANGE.finditer(text):
            if not _free(taken, *m.span()):
                continue
            if m.group("ca") and m.group("ca") != m.group("cb"):
                continue
            if _hangul_before(text, m.start()) and text[m.start() - 1] not in "약총연각":
                continue
            unit = "percent" if m.group("cb") in ("%", "퍼센트") else m.group("cb")
            s, approx, bound, per_year = _count_mods(text, m.start(), m.end(), True)
            out.append(_count(text, m.start(), m.end(), _ko_number(m.group("b")), unit, approx,
                              _ko_number(m.group("a")), bound, per_year))
            taken.append(m.span())
        for m in _KO_NATIVE.finditer(text):
            if not _free(taken, *m.span()) or (_hangul_before(text, m.start())):
                continue
            after = text[m.end():m.end() + 6]
            if after[:1] and _HANGUL.match(after[0]) and not _AFTER_WORD.match(after):
                continue
            if m.group("w") == "한" and m.group("counter") == "번":
                continue  # 한 번: "once", an idiom more than a count
            s2, approx, bound, per_year = _count_mods(text, m.start(), m.end(), True)
            out.append(_count(text, s2, m.end(), _KO_NATIVE_WORDS[m.group("w")], m.group("counter"), approx, None, bound, per_year))
            taken.append(m.span())
        for m in _KO_COUNT.finditer(text):
            s, e = m.span()
            if not _free(taken, s, e):
                continue
            if _hangul_before(text, s) and text[s - 1] not in "약총연각및":
                continue
            if re.search(r"(?:제|톱|(?i:top|no\.?))\s?$", text[max(0, s - 4):s]):
                continue
            counter = re.sub(r"\s", " ", m.group("counter"))
            after = text[e:e + 6]
            if counter not in ("%", "%p") and after[:1] and _HANGUL.match(after[0]) and not _AFTER_WORD.match(after):
                continue  # 4대강, 3원칙-like compounds and words that merely start with a counter
            value = _ko_number(m.group("num"))
            if counter == "대" and isinstance(value, int) and 10 <= value <= 90 and value % 10 == 0 and _AGE_NEXT.match(after):
                continue  # 20대 청년: an age group
            unit = counter
            if counter in ("%", "퍼센트"):
                unit = "percent"
            elif counter == "%p":
                unit = "percentage points"
            elif counter in _KO_PEOPLE_COUNTERS and (not _HANGUL.match(after[:1] or " ") or after[:1] == "의"):
                noun, noun_end = _ko_unit_noun(text, e + (after[:1] == "의"))
                if noun:
                    unit, e = f"{counter} {noun}", noun_end
            s2, approx, bound, per_year = _count_mods(text, s, m.end(), True, counter.startswith(("년", "개월", "일", "주")))
            out.append(_count(text, s2, e, value, unit, approx or bool(m.group("approx")), None, bound, per_year))
            taken.append((s, e))
        out.sort(key=lambda c: c["span"])
        return out
    for m in _EN_CHANGE.finditer(text):
        if not _free(taken, *m.span()):
            continue
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("a2"), m.group("b2"))
        pct = bool(m.group("pb") or m.group("pb2") or m.group("pa") or m.group("pa2"))
        e = m.end()
        unit = "percent" if pct else (m.group("ua") or None)
        if not pct and unit is None:
            got = _en_unit(text, e)
            if got:
                unit, e = got
        s, approx, bound, per_year = _count_mods(text, m.start(), e, False)
        pyear = _PER_YEAR_AFTER.match(text[e:e + 20])
        if pyear and unit is None:
            per_year = True
        out.append(_count(text, m.start(), e, _en_number(b), unit, approx, _en_number(a), bound, per_year))
        taken.append((m.start(), e))
    for m in _EN_COUNT.finditer(text):
        s = m.start()
        if not _free(taken, s, m.end()):
            continue
        before = text[max(0, s - 25):s]
        if _EN_RANK_PREV.search(before) or _MONTH_PREV.search(before) or re.search(r"[A-Za-z]-\s*$|#\s*$", before):
            continue
        raw = m.group("num")
        value = _en_number(raw)
        if m.group("scale"):
            value = _scaled(raw.replace(",", ""), _SCALE_EN[m.group("scale").lower()]) if raw[0].isdigit() else value * _SCALE_EN[m.group("scale").lower()]
        if m.group("pct"):
            e = m.end()
            unit = "percent"
        else:
            got = _en_unit(text, m.end())
            if got is None:
                continue
            unit, e = got
        s2, approx, bound, per_year = _count_mods(text, s, e, False, unit.split()[-1].lower() in _TIME_UNITS)
        out.append(_count(text, s2, e, value, unit, approx, None, bound, per_year))
        taken.append((s, e))
    out.sort(key=lambda c: c["span"])
    return out
