"""Names in Korean text: noun phrases ended by a head word (협의회, 연구원, 사업 …) without the particle
glued to them, people before their titles (박형준 시장), quoted titles, and the items of ▲ lists and of
counted enumerations (4대 전략은 A, B, C, D다).

Where a phrase begins, and what is a particle, is told by an analyser of words (eojeol): the rules of
kg.draft.korean, or Kiwi (kiwipiepy), a Korean morphological analyser, when it is installed and asked
for (kg draft --korean kiwi; the default is the rules, see the README for the measurements).

>>> [(s.text, s.type) for s in phrases("시는 30일 제1회 부산지산학협력협의회를 열고 '부산 경제성장 혁신전략'을 확정했다.")]
[('제1회 부산지산학협력협의회', 'Meeting'), ('부산 경제성장 혁신전략', 'Strategy')]
>>> [(p.text, p.title) for p in people("박형준 시장과 남정은 시 청년산학국장은 당연직이다.")]
[('박형준', '시장'), ('남정은', '시 청년산학국장')]
"""
import re

from .english import Span
from .korean import HANGUL, NOT_HEADED, NOT_NAMES, PARTICLES, SURNAMES, TITLE_RE, TITLES, head_type, split_particle

_EOJEOL = re.compile(r"\S+")
_OPEN = "‘'“\"「『[(▲•◈·-"
_CLOSE = "’'”\"」』]),.!?:;"
# Word endings of verbs and adnominal forms: a phrase does not reach back over them.
VERBAL = re.compile(r"(?:다|고|며|면|서|해|돼|된|한|할|하는|했|있는|위한|통한|대한|관한|따른|맞춰|열린|되는|인|적|던|은|는|을|를|"
                    r"으로|에서|에|와|과|의|도|만|까지|부터|이다|이며|지만|듯|께|게|지|며|여|라|로)$")
# Modifiers that make a head word no name (핵심사업, 주요 사업, 실무회의).
GENERIC = frozenset("핵심 주요 자체 신규 기존 관련 해당 전체 각종 일부 지원 협력 공동 국가 지역 대형 중점 세부 개별 후속 실무 "
                    "전체 기타 다른 여러 각 모든 이 그 해당 본 동 총 전 후 첫 새 신 구".split())
# Nouns of action after a name (실증센터 유치, 그린데이터센터 구축): the name ends before them.
ACTIONS = frozenset("유치 구축 조성 추진 개최 운영 지원 확대 선정 설립 건립 도입 개소 출범 착공 준공 개발 육성 참여 확정 "
                    "체결 발표 시행 점검 논의 마련 수립 신설 활용 연계 협력 사업 등".split())
STRONG_PARTICLES = tuple(p for p in PARTICLES if p not in ("만", "도", "다", "며", "랑", "이", "가", "의", "과", "이나", "이자"))
TIME = re.compile(r"^(?:\d+[일월년시분]|오전|오후|올해|지난해|지난달|지난|이번|내년|올|금년|전년|당일|현재|최근|향후|앞서|"
                  r"이어|또|및|등|약|총|각|전|이|그|해당|동|본|당|이날|\d+(?:\.\d+)?(?:개|명|곳|건|차|차례|여|억|조|만|%)?)$|"
                  r"\d+\s?(?:개|명|곳|건|차례|대)")


def _words(text, start, end):
    """[(start, end, word)] of the eojeol of TEXT[start:end], without opening marks."""
    out = []
    for m in _EOJEOL.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s] in _OPEN:
            s += 1
        if s < e:
            out.append((s, e, text[s:e]))
    return out


def rules_analyse(word):
    """(stem length, nominal) of one eojeol by the rules: the stem is the word without a closing mark
    and a trailing particle; nominal when nothing verbal is left and no particle was cut."""
    core = _balanced(word)
    m = re.search(r"[’”'」』)\]]([\uac00-\ud7a3]{1,3})$", word)
    if m and m.group(1) in PARTICLES:  # ‘…’를
        stem = word[:m.start(1)].rstrip(_CLOSE + "’”'」』")
        return len(stem), False
    if core != word:
        return len(core), True
    if head_type(core) or not HANGUL.search(core[-1:]):
        return len(core), True
    stem, particle = split_particle(core)
    if particle and (head_type(re.sub(r"\([^)]*\)$", "", stem), alone=True) or (particle in STRONG_PARTICLES and len(stem) >= 2)):
        return len(stem), False
    if VERBAL.search(core) and not head_type(core):
        return len(core), None  # verbal: no part of a name
    return len(core), True


def rules(text, words):
    """[(stem length, nominal)] of WORDS by the rules (rules_analyse)."""
    return [rules_analyse(w) for _, _, w in words]


def kiwi(text, words):
    """[(stem length, nominal)] of WORDS as Kiwi analyses their sentence: the stem ends where the first
    particle or ending begins; nominal when the stem is nouns, foreign words, numbers and symbols only,
    None when a verb or an adjective is in it."""
    if not words:
        return []
    start, end = words[0][0], words[-1][1]
    tokens = _kiwi().tokenize(text[start:end])
    out = []
    k = 0
    for ws, we, _ in words:
        while k < len(tokens) and start + tokens[k].start < ws:
            k += 1
        mine = []
        while k < len(tokens) and start + tokens[k].start < we:
            mine.append(tokens[k])
            k += 1
        stem_end, nominal = we, True
        for t in mine:
            tag = t.tag.split("-")[0]
            if tag in ("SP", "SF", "SE") or (tag == "SS" and t.form in _CLOSE + "’”」』"):
                stem_end = min(stem_end, start + t.start)
                if mine.index(t) == len(mine) - 1 or tag != "SS":
                    break
                continue
            if tag.startswith(("J", "E", "VCP", "XSV", "XSA")):
                stem_end = min(stem_end, start + t.start)
                nominal = False if tag.startswith("J") or tag == "VCP" else (None if nominal is not False else False)
                break
            if tag.startswith(("V", "MAG", "MAJ", "IC")):
                nominal = None
        stem = text[ws:stem_end]
        if nominal is True and stem.rstrip(_CLOSE) != stem:
            nominal = True
        out.append((len(stem), nominal))
    return out


def _kiwi():
    global _KIWI
    if _KIWI is None:
        # kiwipiepy and its model (~1.4 s to load, 2 s more on the first sentence): only for kg draft
        # --korean kiwi, an optional extra (pip install 'rip-kg[ko]')
        from kiwipiepy import Kiwi

        _KIWI = Kiwi()
    return _KIWI


_KIWI = None


def phrases(text, start=0, end=None, analyser=rules):
    """Noun phrases ended by a head word in TEXT[start:end], as Spans (the particle left out)."""
    end = len(text) if end is None else end
    words = _words(text, start, end)
    info = analyser(text, words)
    out = []
    for i, ((ws, we, w), (stem_len, nominal)) in enumerate(zip(words, info)):
        stem = _balanced(w[:stem_len])
        dated = re.search(r"\([^)]*\d[^)]*\)$", stem)
        if dated and not re.search(r"[A-Za-z]", dated.group(0)):
            stem = stem[:dated.start()]  # 종합계획안(2023~27년): the years are no part of the name
        stem_end = ws + len(stem)
        core = re.sub(r"\([^)]*\)$", "", stem)
        found = head_type(core, alone=True) or head_type(stem, alone=True)
        if not found or nominal is None:
            continue
        # the name goes on past this head (대학 혁신 유도 전략사업): not its end
        if i + 1 < len(words) and info[i][0] == len(w) and nominal is True and not text[we:words[i + 1][0]].strip():
            nw = words[i + 1][2]
            if info[i + 1][1] is not None and not TIME.match(nw) and nw.rstrip(_CLOSE) not in ACTIONS \
                    and not any(nw.startswith(a) and info[i + 1][1] is False for a in ACTIONS):
                continue
        # reach back over bare nouns, not past an opening quote
        first = i
        while first > 0 and i - first < 7 and text[words[first][0] - 1:words[first][0]] not in "‘'“\"「『":
            ps, pe, pw = words[first - 1]
            p_len, p_nominal = info[first - 1]
            closer = text[pe - 1:pe]
            if closer in "’'”\"」』" and not text[pe:words[first][0]].strip():  # '…' 보고회: the quoted name and its head
                opener = {"’": "‘", "'": "'", "”": "“", '"': '"', "」": "「", "』": "『"}[closer]
                k = first - 1
                while k >= 0 and first - k <= 6 and text[words[k][0] - 1:words[k][0]] != opener:
                    k -= 1
                if k >= 0 and first - k <= 6:
                    first = k
                break
            if p_nominal is not True or p_len != len(pw) or TIME.match(pw) or pw in NOT_NAMES:
                break
            if text[pe:words[first][0]].strip() and not text[pe:words[first][0]].strip() in ("'", "’", "‘"):
                break
            first -= 1
        s = words[first][0]
        if first < i and text[s - 1:s] in "‘'“\"「『" and text[words[first][0]:ws].rstrip()[-1:] in "’'”\"」』":
            s -= 1  # the quoted name with its marks: ‘부산 경제성장 혁신전략’ 보고회
        if s == ws and (len(core) <= len(found[0]) or core in NOT_HEADED):
            continue  # the head word alone
        lead = words[first][2] if first < i else core[:-len(found[0])]
        if lead in GENERIC or (first < i and words[i - 1][2] in GENERIC) or core[:-len(found[0])] in GENERIC:
            continue
        span_text = text[s:stem_end]
        cls = found[1]
        if re.match(r"제\s?\d+\s?(?:회|차)\s", span_text) and cls in ("Council", "Committee", "Meeting", "IndustryAssociation"):
            cls = "Meeting"  # 제1회 부산지산학협력협의회: a session of the council
        out.append(Span(s, stem_end, span_text, "head", cls, rule=f"head word '{found[0]}'"))
    return out


def _balanced(stem):
    """STEM without closing marks, but with the closing bracket of an opened one (연구원(동남본부))."""
    out = stem.rstrip(_CLOSE)
    if out.count("(") > out.count(")") and stem[len(out):].startswith(")"):
        out += ")"
    return out


_GROUPS = re.compile(r"(?<![\w.])(\d+)\s?개(?:의)?\s?(시\s?[.·‧?]?\s?군|시군구|지자체|자치단체|대학|기관|공모사업|사업)(?=[\uac00-\ud7a3]{0,2}(?:\s|[,.]|$))")


def groups(text, start=0, end=None):
    """Bodies or initiatives named by their number: 14개 시군, 10개 지자체, 5개의 공모사업."""
    end = len(text) if end is None else end
    out = []
    for m in _GROUPS.finditer(text, start, end):
        kind = "Programme" if m.group(2).endswith("사업") else "AgentGroup"
        out.append(Span(m.start(), m.end(), m.group(0), "group", kind, rule="a counted group"))
    return out


def people(text, start=0, end=None):
    """People written before their title (박형준 시장, 남정은 시 청년산학국장): the name is a family name and one
    to three syllables, the title ends in a title word (시장, 원장, 위원장 …) with one word between at most."""
    end = len(text) if end is None else end
    words = _words(text, start, end)
    out = []
    for i, (ws, we, w) in enumerate(words):
        if not (2 <= len(w) <= 4 and w[0] in SURNAMES and all(HANGUL.match(c) for c in w)) or w in NOT_NAMES \
                or TIME.match(w) or re.search(r"(된|한|던|는|을|적|고|서|며|다|의|를|가)$", w):
            continue
        for j in (i + 1, i + 2):
            if j == i + 2 and len(words[i + 1][2]) > 4:
                break
            if j >= len(words):
                break
            ts, te, tw = words[j]
            stem = tw.rstrip(_CLOSE)
            for p in ("",) + PARTICLES:
                if p and not stem.endswith(p):
                    continue
                core = stem[:len(stem) - len(p)] if p else stem
                m = TITLE_RE.search(core)
                if m and len(core) <= 10 and not core[:1].isdigit():
                    title_start = words[i + 1][0]
                    title = text[title_start:ts + len(core)]
                    out.append(Span(ws, we, w, "person", "Person", title=title, title_start=title_start,
                                    role=TITLES[m.group(0)], rule=f"a name before the title '{title}'"))
                    break
            else:
                continue
            break
    return out


_KQUOTE = re.compile(r"‘([^‘’\n]{2,60}?)’|'([^'\n]{2,60}?)'|“([^“”\n]{2,60}?)”|\"([^\"\n]{2,60}?)\"|「([^「」\n]{2,60}?)」")


def quoted(text, start=0, end=None):
    """Quoted names in Korean text: not a sentence (no final verb ending, no full stop)."""
    end = len(text) if end is None else end
    out = []
    for m in _KQUOTE.finditer(text, start, end):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        s, e = m.start(g), m.end(g)
        inner = text[s:e].strip()
        if not HANGUL.search(inner) or re.search(r"(다|요|죠|까|습니다)[.!?]?$|[.!?]$", inner):
            continue
        found = head_type(re.sub(r"\([^)]*\)$", "", inner))
        out.append(Span(s, e, text[s:e], "quote", found[1] if found else None, rule="a quoted title"))
    return out


_COUNTED = re.compile(r"(\d+|[한두세네다섯여섯일곱]+)\s?(대|개)\s?([\uac00-\ud7a3]+?)(?:은|는)\s")
_NUMBERS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7}


def items(text, start=0, end=None):
    """The named items of a ▲ list, and of a counted enumeration whose items are as many as it says
    (4대 전략은 A, B, C, D다): each without its parenthesis, particle or copula."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    out = []
    if "▲" in chunk:
        marks = [m.start() for m in re.finditer("▲", chunk)]
        topic = _COUNTED.search(chunk[:marks[0]] + " ")
        kind = head_type(topic[3]) if topic else None
        for k, pos in enumerate(marks):
            s = start + pos + 1
            e = start + (marks[k + 1] if k + 1 < len(marks) else len(chunk))
            out += _item(text, s, e, kind[1] if kind else "Project")
        return out
    m = _COUNTED.search(chunk)
    if m:
        n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1], 0)
        body_start = start + m.end()
        parts, at = [], body_start
        depth = 0
        for i in range(body_start, end):
            c = text[i]
            depth += c == "("
            depth -= c == ")"
            if c == "," and depth == 0:
                parts.append((at, i))
                at = i + 1
        parts.append((at, end))
        if n and len(parts) == n:
            kind = head_type(m[3])
            for s, e in parts:
                out += _item(text, s, e, kind[1] if kind else None)
    return out


def _item(text, s, e, cls):
    while s < e and text[s].isspace():
        s += 1
    piece = text[s:e]
    cut = re.search(r"\s*\((?=[^)]*(?:\d|’|'|약))", piece)
    if cut:
        piece = piece[:cut.start()]
    piece = piece.rstrip(" .,")
    for tail in ("이다", "다", "이며", "며", " 등"):
        if piece.endswith(tail) and not cut:
            piece = piece[:-len(tail)]
            break
    piece = piece.rstrip(" .,")
    if len(piece) < 2 or len(piece) > 60:
        return []
    found = head_type(re.sub(r"\([^)]*\)$", "", piece))
    if not HANGUL.search(piece[:1]):  # an English item: its leading capitalised words (▲ Human Wave for …)
        m = re.match(r"[A-Z][\w-]*(?: [A-Z][\w-]*)*", piece)
        if not m:
            return []
        piece = m.group(0)
    return [Span(s, s + len(piece), piece, "list", found[1] if found else cls, rule="an item of a list")]
