"""How people write names that the graph holds in full: titles before a person, abbreviations, a
parenthesised acronym, a trailing generic word, Korean particles and Korean short forms.

Each rule rewrites what was typed (query side) or adds keys to the index (Korean short forms, build
side); a rewrite is only ever accepted when the rewritten name is an exact name of the graph.

>>> [(r, t) for r, t in variants("Mayor Park Heong-joon")]
[('title', 'Park Heong-joon')]
>>> [t for _, t in variants("Korea Institute of Machinery & Materials (KIMM)")]
['Korea Institute of Machinery & Materials', 'KIMM']
>>> [t for _, t in variants("Busan TP")]
['Busan Technopark']
>>> [t for _, t in variants("부산시는")]
['부산시']
>>> korean_short_forms("부산광역시"), korean_short_forms("동아대학교"), korean_short_forms("전라북도")
(['부산시'], ['동아대'], ['전북', '전북도'])
>>> korean_short_forms("부산광역시장"), korean_short_forms("부산광역시 경제실"), korean_short_forms("제1차 종합계획안")
(['부산시장'], ['부산시 경제실'], ['제1차 종합계획'])
"""
import re

from .normalize import fold

# Titles before a person's name (English) or after it (Korean), with the post word they stand for.
TITLES = {
    "mayor": "mayor", "vice mayor": "vice", "deputy mayor": "vice", "governor": "governor",
    "vice governor": "vice", "president": "president", "chairman": "chair", "chairwoman": "chair",
    "chairperson": "chair", "chair": "chair", "minister": "minister", "vice minister": "minister",
    "director": "director", "director general": "director", "ceo": "ceo", "head": "head",
    "lawmaker": "member", "assemblyman": "member", "assemblywoman": "member", "rep": "member",
    "representative": "member", "dr": "", "prof": "", "professor": "", "mr": "", "ms": "", "mrs": "",
    "시장": "mayor", "부시장": "vice", "도지사": "governor", "지사": "governor", "원장": "president",
    "총장": "president", "회장": "chair", "위원장": "chair", "이사장": "chair", "의장": "chair",
    "장관": "minister", "차관": "minister", "의원": "member", "대표": "ceo", "청장": "head", "소장": "head",
    "센터장": "head", "단장": "head", "교수": "", "박사": "",
}
_EN_TITLE = re.compile(r"^(?:(?:the|former|then)\s+)?(?:(?!(?:vice|deputy)\b)([A-Z][\w-]+)\s+(?=(?:vice\s+|deputy\s+)?(?:mayor|governor)\b))?(" + "|".join(
    sorted((re.escape(t) for t in TITLES if t.isascii()), key=len, reverse=True)) + r")\.?\s+(?=\S)", re.I)
_KO_TITLE = re.compile(r"(?<=\S)\s+(\S*?)(" + "|".join(
    sorted((t for t in TITLES if not t.isascii()), key=len, reverse=True)) + r")$")

# An ordinal before a series' name: "39th …", "제39차 …", "제1회 …".
ORDINAL = re.compile(r"^(?:the\s+)?(?:(\d+)(?:st|nd|rd|th)|제\s*(\d+)\s*[차회])\s+(\S.*)$", re.I)

# Abbreviations as written, with the word of the graph's names.
ABBREVIATIONS = {
    "univ": "University", "inst": "Institute", "dept": "Department", "natl": "National", "nat'l": "National",
    "corp": "Corporation", "assn": "Association", "assoc": "Association", "govt": "Government",
    "gov't": "Government", "int'l": "International", "intl": "International", "tp": "Technopark",
    "cntr": "Center", "ctr": "Center", "mfg": "Manufacturing", "hq": "Headquarters", "auto": "Automotive",
}
_ABBREVIATION = re.compile(r"(?<![\w'])(" + "|".join(re.escape(a) for a in ABBREVIATIONS)
                           + r")(?:\.|(?![\w']))", re.I)
_KO_TP = re.compile(r"(?<=[\uac00-\ud7a3])\s*TP\b", re.I)  # 전북TP: TP glued to a Hangul place name
_PAREN = re.compile(r"^(.*\S)\s*[(\[（]\s*([^()\[\]（）]+?)\s*[)\]）]$")
_ACRONYM = re.compile(r"(?=.*[A-Z])[A-Za-z0-9&.\-]{2,12}")
# A trailing word that says "the area of": "North Jeolla region", "부산 지역".
TRAILING_GENERIC = ("region", "area", "regions", "areas", "side", "지역", "지방", "일대", "권")
_TRAILING = re.compile(r"^(.*\S)\s+(?:" + "|".join(TRAILING_GENERIC) + r")$", re.I)

# Korean particles, the copula and "and others" on the last word of a name, longest first.
PARTICLES = sorted("""은 는 이 가 을 를 의 와 과 도 에 로 으로 에서 에게 께서 부터 까지 만 와의 과의 으로서 로서
    에서는 에서의 에서도 에는 에도 이나 나 이며 이고 이다 다 이라는 라는 이란 란 과는 와는 에게는 으로는 로는 측은 측이
    측의 측과 측에 등 등이 등은 등을 등의 등과 등에 등도""".split(), key=len, reverse=True)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Provinces (도) and their everyday short forms: a fixed table, because no rule derives 전북 from 전라북도.
PROVINCES = {
    "전라북도": ("전북", "전북도"), "전북특별자치도": ("전북", "전북도"), "전라남도": ("전남", "전남도"),
    "경상북도": ("경북", "경북도"), "경상남도": ("경남", "경남도"), "충청북도": ("충북", "충북도"),
    "충청남도": ("충남", "충남도"), "강원도": ("강원",), "강원특별자치도": ("강원", "강원도"),
    "제주특별자치도": ("제주", "제주도"), "경기도": ("경기",),
}
_DRAFT = re.compile(r"(계획|전략|방침)\s*\(?안\)?$")
_METRO = re.compile(r"^(\S+?)(?:광역시|특별시|특별자치시)(?=$|\s|청$|장$)")


def variants(text):
    """(rule, rewritten text) for each rule that applies to TEXT, each applied on top of the last.

    The order is the order of trust: a title or an abbreviation changes nothing of the name itself;
    a trailing generic word or a particle might be part of it, so they come last."""
    out = []

    def add(rule, new):
        if new and new != text and new not in [t for _, t in out]:
            out.append((rule, new))

    current = text.strip()
    title, rest = strip_title(current)
    if title is not None:
        add("title", rest)
        current = rest
    expanded = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], current)
    expanded = _KO_TP.sub("테크노파크", expanded)
    if expanded != current:
        add("abbreviation", expanded)
        current = expanded
    m = _PAREN.match(current)
    if m and _ACRONYM.fullmatch(m.group(2)):  # "(Busan Research Center)" names a unit: it stays
        add("parenthesis", m.group(1))
        add("parenthesis", m.group(2))
        current = m.group(1)
    m = _TRAILING.match(current)
    if m:
        add("trailing-generic", m.group(1))
        current = m.group(1)
    for short in korean_short_forms(current):  # 부산광역시장 typed, 부산시장 held
        add("korean short form", short)
    for stem in strip_particle(current):
        add("particle", stem)
        title, rest = strip_title(stem)  # "박형준 시장과": the particle hides the title
        if title is not None:
            add("title", rest)
    return out


def strip_title(text):
    """(post word, the name without its title) or (None, TEXT); see title() for the place a title names.

    >>> strip_title("Mayor Park"), strip_title("박형준 부산시장"), strip_title("Park")
    (('mayor', 'Park'), ('mayor', '박형준'), (None, 'Park'))
    """
    post, _, rest, _ = title(text)
    return (post, rest) if post is not None else (None, text)


def title(text):
    """(post word, place the title names or "", the name without its title, the title as written), or
    (None, "", TEXT, "").

    >>> [title(t)[:3] for t in ("Seoul Mayor Park", "박형준 울산시장", "Vice Mayor Park")]
    [('mayor', 'seoul', 'Park'), ('mayor', '울산', '박형준'), ('vice', '', 'Park')]
    """
    m = _EN_TITLE.match(text)
    if m:
        return TITLES[m.group(2).lower()], (m.group(1) or "").casefold(), text[m.end():].strip(), m.group(2)
    m = _KO_TITLE.search(text)
    if m:
        place = m.group(1)
        place = place[:-1] if place.endswith(("시", "도")) and len(place) > 2 else place  # 울산시 시장 -> 울산
        return TITLES[m.group(2)], place, text[:m.start()].strip(), m.group(2)
    return None, "", text, ""


def strip_particle(text):
    """The stems of TEXT without a trailing Korean particle, longest particle first; a stem keeps two
    or more characters (so 시는 is never read as 시 + 는). Empty for text not ending in Hangul."""
    if not text or not _HANGUL.match(text[-1]):
        return []
    out = []
    for p in PARTICLES:
        if text.endswith(p):
            stem = text[: -len(p)].rstrip(" ’'\"”」』)")
            stem = stem.rstrip()
            if len(stem.replace(" ", "")) >= 2 and stem not in out:
                out.append(stem)
    return out


def korean_short_forms(label):
    """Everyday short forms of a Hangul name, only where the rule is sure: X광역시 -> X시, X대학교 -> X대,
    a province's table forms (전라북도 -> 전북, 전북도), also at the start of a longer name."""
    label = fold(label).strip()
    if not _HANGUL.search(label):
        return []
    out = []
    m = _METRO.match(label)
    if m:
        out.append(m.group(1) + "시" + label[m.end():])
    for full, shorts in PROVINCES.items():
        if label == full:
            out += shorts
        elif label.startswith(full):
            out.append(shorts[-1] + label[len(full):])
    if "대학교" in label:
        out.append(re.sub(r"대학교(?=$|\s)", "대", label))
    m = _DRAFT.search(label)
    if m:  # 종합계획안, 전략(안): a draft is named without its 안 as often as with it
        out.append(label[:m.start()] + m.group(1))
    return [s for i, s in enumerate(out) if s != label and s not in out[:i]]
