"""Names in English text: capitalised spans ended by a head word (University, Institute, Ministry …),
people with their titles (Mayor Park Hyung-jun; Kim Gi-moon, chairman of …), quoted titles.

Each finder returns Spans; kg.draft.mentions puts them together with the gazetteer's.

>>> [(s.text, s.type) for s in heads("He met the Korea Testing Laboratory and Pukyong National University.")]
[('Korea Testing Laboratory', 'ResearchInstitute'), ('Pukyong National University', 'University')]
>>> [(p.kind, p.text, p.title, p.role) for p in people("North Jeolla Province Gov. Kim Kwan-young and Mayor Park spoke.")]
[('person', 'Kim Kwan-young', 'Gov.', 'head'), ('surname', 'Mayor Park', 'Mayor', 'head')]
"""
import re
from dataclasses import dataclass, field

# head word (as the last word of a name, singular) -> class
HEADS = {
    "University": "University", "College": "University", "Institute": "ResearchInstitute",
    "Institution": "ResearchInstitute", "Laboratory": "ResearchInstitute", "Agency": "PromotionAgency",
    "Technopark": "Technopark", "Ministry": "Ministry", "Committee": "Committee", "Commission": "Committee",
    "Council": "Council", "Assembly": "Legislature", "Foundation": "PromotionAgency", "Center": "InnovationAgency",
    "Centre": "InnovationAgency", "Association": "IndustryAssociation", "Federation": "IndustryAssociation",
    "Chamber": "IndustryAssociation", "Cooperative": "Cooperative", "Union": "Cooperative",
    "Corporation": "Company", "Corp": "Company", "Co": "Company", "Company": "Company", "Ltd": "Company",
    "Inc": "Company", "Electronics": "Company", "Group": "Company", "Bank": "Company", "Party": "Organization",
    "Office": "GovernmentBody", "Administration": "GovernmentBody", "Service": "GovernmentBody",
    "Government": "LocalGovernment", "City": "LocalGovernment", "Province": "LocalGovernment",
    "County": "AdministrativeArea", "District": "AdministrativeArea", "Division": "RegionalUnit",
    "Department": "RegionalUnit", "Bureau": "RegionalUnit", "Headquarters": "RegionalUnit", "Branch": "RegionalUnit",
    "Alliance": "Coalition", "Consortium": "Coalition", "Coalition": "Coalition", "Forum": "Meeting",
    "Meeting": "Meeting", "Conference": "Meeting", "Ceremony": "Meeting", "Roundtable": "Meeting",
    "Summit": "Meeting", "Symposium": "Meeting", "Seminar": "Meeting", "Workshop": "Meeting", "Briefing": "Meeting",
    "Expo": "Meeting", "Fair": "Meeting", "Festival": "Meeting", "Project": "Project", "Program": "Programme",
    "Programme": "Programme", "Initiative": "Programme", "Plan": "Plan", "Strategy": "Strategy",
    "Agreement": "Agreement", "MOU": "MemorandumOfUnderstanding", "MoU": "MemorandumOfUnderstanding",
    "Contest": "FundingCall", "Competition": "FundingCall", "Call": "FundingCall", "Fund": "Programme",
    "Complex": "IndustrialComplex", "Zone": "IndustrialComplex",
    "Cluster": "Project", "Platform": "Project", "Hall": "Place", "Tower": "Place", "Force": "TaskForce",
    "TF": "TaskForce", "System": "Programme", "Academy": "University", "School": "University",
}
# Capitalised words that open a sentence or a headline, never a name.
NOT_NAME_WORDS = frozenset("""The This That These Those A An In On At By For With From To As Of And Or But If When While
    After Before Over Under Since Until During Notably Meanwhile Also Moreover However Furthermore According Starting
    Its It Their His Her Our We They He She Total Secured Selected Including""".split())
CONNECTORS = frozenset("of for and & on".split())
# Words that end a run of capitals: months, days, and the verbs of headlines (Busan Launches …).
BREAKS = frozenset("""January February March April May June July August September October November December Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Launches Launched Hosts
    Hosted Holds Held Signs Signed Secures Secured Selects Selected Opens Opened Unveils Unveiled Announces Announced Wins
    Won Joins Joined Starts Started Begins Plans Seeks Pushes Expands Supports Supported Establishes Established Creates
    Promotes Attends Attended Marks Celebrates Including Led Leads Chairs Chaired Presides Presided""".split())
# Verbs of headlines after "to" (Park Heongjoon to Host the 50th …): not the first word of a name.
TO_VERBS = frozenset("""Host Hold Sign Launch Open Unveil Announce Join Start Begin Seek Push Expand Support Establish Create
    Promote Attend Mark Celebrate Secure Select Win Lead Chair Preside Invest Build Develop Recruit""".split())



@dataclass
class Span:
    start: int
    end: int
    text: str
    kind: str                 # gazetteer, head, person, post, quote, list, acronym
    type: str = None
    entities: set = field(default_factory=set)  # gazetteer: the entities the name is known for
    key: str = None
    title: str = None         # people: the title as written
    title_start: int = None
    role: str = None          # people: head, chair or member of the body the title names
    body: tuple = None        # people: (start, end) of the body the title names, when written
    rule: str = ""


_TOKEN = re.compile(r"\([^()\n]{1,60}\)|[A-Za-z0-9][\w’'&.\-]*|&")
_ABBR = re.compile(r"\b(?:Co|Ltd|Inc|Corp|Gov|St|Dr|Mr|Ms|Prof|Rep|Jr|No)\.$")


def _runs(text, start=0, end=None):
    """Maximal runs of capitalised words (of, and, for, & inside) in TEXT[start:end]: [(s, e)].

    A run ends at a comma, a full stop, a quote mark, a line end, 's, or a word in lower case."""
    end = len(text) if end is None else end
    runs, cur = [], []
    prev_end = None
    for m in _TOKEN.finditer(text, start, end):
        tok, ts, te = m.group(0), m.start(), m.end()
        if cur and (text[prev_end:ts].strip() or "\n" in text[prev_end:ts]):
            runs.append(cur)
            cur = []
        closes = False
        if tok.endswith((".", "-")) and not _ABBR.search(tok):
            tok, te, closes = tok[:-1], te - 1, tok.endswith(".")
        if tok.endswith(("’s", "'s")):
            tok, te, closes = tok[:-2], te - 2, True
        while tok.endswith(("’", "'")) or (tok.endswith(".") and not _ABBR.search(tok)):
            tok, te, closes = tok[:-1], te - 1, True
        after = text[te:te + 1]
        if after and after in ",;:!?\"“”‘’'":
            closes = True
        paren = tok.startswith("(")
        cap = (tok[:1].isupper() or tok == "&" or bool(re.fullmatch(r"\d+(st|nd|rd|th)", tok))) and not paren
        if tok in BREAKS or (tok in TO_VERBS and not cur and re.search(r"\bto\s+$", text[max(start, ts - 4):ts])):
            cap = False
        if cap or (cur and (tok in CONNECTORS or (paren and tok[1:2].isupper()))):
            cur.append((ts, te, tok))
        else:
            if cur:
                runs.append(cur)
            cur = []
        prev_end = m.end()
        if closes and cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    split = []
    for run in runs:
        cur = []
        for i, t in enumerate(run):
            if t[2] in ("and", "&") and cur and cur[-1][2].rstrip(".") in HEADS and i + 1 < len(run):
                split.append(cur)
                cur = []
                continue
            cur.append(t)
        split.append(cur)
    out = []
    for run in split:
        while run and (run[-1][2] in CONNECTORS or run[-1][2].startswith("(")):
            run = run[:-1]
        while run and (run[0][2] in CONNECTORS or run[0][2] in NOT_NAME_WORDS or run[0][2].startswith("(")):
            run = run[1:]
        if run:
            out.append((run[0][0], run[-1][1]))
    return out


def _head_of(words):
    """(head word, class) of the last head word among WORDS, or None."""
    for w in reversed(words):
        base = w.rstrip(".")
        if base in HEADS:
            return base, HEADS[base]
    return None


def heads(text, start=0, end=None, masked=()):
    """Spans of capitalised names with a head word in TEXT[start:end] (outside the MASKED spans)."""
    out = []
    for s, e in _runs(text, start, end):
        for ps, pe in _unmasked(s, e, masked):
            piece = text[ps:pe]
            words = re.findall(r"[\w&]+\.?", re.sub(r"\([^)]*\)", " ", piece))
            found = _head_of(words)
            if not found:
                continue
            ps, pe = _trim_words(text, ps, pe)
            if pe - ps < 4:
                continue
            if len(words) == 1 and words[0].rstrip(".") in HEADS:
                continue  # a head word alone ("Ministry") is no name
            cls = found[1]
            if cls == "Council" and re.search(r"\b(City|Metropolitan|Provincial|National)\s+Council\b", piece):
                cls = "Legislature"
            if cls == "Meeting" and re.match(r"\d+(st|nd|rd|th)\b", piece) is None and found[0] in ("Meeting",):
                cls = "Meeting"
            out.append(Span(ps, pe, text[ps:pe], "head", cls, rule=f"head word '{found[0]}'"))
    return out


def _trim_words(text, s, e):
    while e > s and (text[e - 1] in " (" or (text[e - 1] == ")" and text[s:e].count("(") < text[s:e].count(")"))):
        e -= 1
    while s < e and (text[s] in " )," or (text[s] == "(" and text[s:e].count("(") > text[s:e].count(")"))):
        s += 1
    while True:
        m = re.match(r"\s+|(?:and|of|for|&|on|the|The)\b\s*|[,.;:]\s*", text[s:e])
        if not m or not m.end():
            break
        s += m.end()
    while e > s and text[e - 1] in " ,.-&":
        if text[e - 1] == "." and re.search(r"\b(Co|Ltd|Inc|Corp)\.$", text[s:e]):
            break
        e -= 1
    return s, e


def _unmasked(s, e, masked):
    """The parts of [s, e) outside the MASKED spans."""
    parts = [(s, e)]
    for ms, me in masked:
        nxt = []
        for a, b in parts:
            if me <= a or ms >= b:
                nxt.append((a, b))
                continue
            if ms > a:
                nxt.append((a, ms))
            if me < b:
                nxt.append((me, b))
        parts = nxt
    return [(a, b) for a, b in parts if b > a]


# --- people ---------------------------------------------------------------------------------------

SURNAMES = frozenset("""Kim Lee Yi Rhee Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Han Oh
    Seo Suh Shin Sin Kwon Hwang Ahn An Song Yoo Yu Ryu Hong Jeon Jun Ko Go Moon Mun Yang Son Sohn Bae Baek Paik Heo Huh
    Nam Shim Sim Noh Roh Ha Kwak Seong Sung Cha Joo Ju Woo Koo Ku Min Na Jin Ji Eom Um Chae Won Cheon Chun Bang Gong
    Kong Hyun Ham Byun Yeo Choo Do Seok Sul Ma Gil Yeon Wi Pyo Myung Ki Ban Ra Wang Geum Ok Yook In Maeng Je Mo Tak
    Guk Eo Eun Pyeon Yong Ye Kyung Bong Sa Boo Gam Heung Namgung Hwangbo Jegal Seonu Dokgo""".split())
_GIVEN = r"[A-Z][a-z]+(?:-[a-z]+)?"
_SYLLABLE = re.compile(r"(?:kk|tt|pp|ss|jj|ch|gw|kw|hw|sh|[gkndtrlmbpsjchyw])?"
                       r"(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|you|a|e|o|u|i)"
                       r"(?:ng|[nmlkptgbr])?")


def romanised_given_name(word):
    """Whether WORD reads as a romanised Korean given name: one to three syllables (Hyung-jun,
    Heongjoon, Joon), not an English word (Secured).

    >>> romanised_given_name("Heongjoon"), romanised_given_name("Kwan-young"), romanised_given_name("Secured")
    (True, True, False)
    """
    parts = word.lower().split("-")
    return all(_segments(p, 3 if len(parts) == 1 else 2) for p in parts)


def _segments(w, most):
    if not w:
        return True
    if most == 0:
        return False
    return any(_segments(w[m.end():], most - 1) for m in [_SYLLABLE.match(w)] if m and m.end()) or any(
        _segments(w[k:], most - 1) for k in range(1, len(w) + 1) if _SYLLABLE.fullmatch(w[:k]))
_NAME = rf"(?:{'|'.join(sorted(SURNAMES, key=len, reverse=True))}) {_GIVEN}"
# Titles before a name, with the role they give (longest first).
TITLES = {
    "Executive Vice Chairman": "member", "Vice Chairman": "member", "Vice Chairperson": "member",
    "Vice Chair": "member", "Vice President": "member", "Vice Minister": "member", "Vice Mayor": "member",
    "Vice Governor": "member", "Deputy Mayor": "member", "Deputy Minister": "member", "Deputy Director": "member",
    "Acting Superintendent": "head", "Superintendent": "head", "Chairperson": "chair", "Chairman": "chair",
    "Chairwoman": "chair", "Chair": "chair", "President": "head", "Mayor": "head", "Governor": "head", "Gov.": "head",
    "CEO": "head", "Director General": "head", "Director": "head", "Minister": "head", "Commissioner": "head",
    "Administrator": "head", "Head": "head", "Dean": "head", "Secretary General": "head", "Chief": "head",
    "Representative": "member", "Rep.": "member", "lawmaker": "member", "Lawmaker": "member", "Officer": "member",
    "Professor": "member", "Prof.": "member", "Researcher": "member", "Manager": "member", "Senator": "member",
    "Ambassador": "head", "reporter": "member", "Reporter": "member", "Team Leader": "member",
}
_TITLE = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
# Title Name ("Mayor Park Hyung-jun", "(President Kim Hyung-gyun)"), and Name, title of|from Body
_TITLED = re.compile(rf"\b(?P<title>(?:[A-Z][\w-]* )*?(?:{_TITLE}))\s+(?P<name>{_NAME})\b")
_APPOSED = re.compile(rf"\b(?P<name>{_NAME}),\s+(?P<title>(?:[A-Za-z][\w'-]* ){{0,4}}?(?:{_TITLE}|{_TITLE.lower()}))"
                      rf"\s+(?:of|from|at)\s+(?:the\s+)?(?P<body>[A-Z][^,.;\n]*)")
_BARE = re.compile(rf"\b(?P<name>{_NAME})\b")
_SURNAME_ONLY = re.compile(rf"\b(?P<title>{_TITLE})\s+(?P<name>(?:{'|'.join(SURNAMES)}))\b(?!\s+[A-Z])")


def _role(title, body_text=""):
    t = title.split()[-1] if title not in TITLES else title
    for k in sorted(TITLES, key=len, reverse=True):
        if title.endswith(k) or title.lower().endswith(k.lower()):
            role = TITLES[k]
            break
    else:
        role = TITLES.get(t, "member")
    if role == "chair" and body_text and not re.search(r"Committee|Council|Assembly|Commission|Board", body_text):
        role = "head"  # the chairman of a federation or a company heads it
    if role == "chair" and not body_text:
        role = "chair"
    return role


def people(text, start=0, end=None):
    """People named with a Korean family name: with a title before the name (Mayor Park Hyung-jun), a
    title after it (Kim Gi-moon, chairman of the …), or alone (Park Heongjoon to Host …); and a title
    with the family name only (Mayor Park), which refers to a person named in full elsewhere."""
    end = len(text) if end is None else end
    out, taken = [], []
    chunk = text[start:end]
    for m in _TITLED.finditer(chunk):
        title = m["title"]
        # only the title words proper: "North Jeolla Province Gov." -> "Gov."
        tm = re.search(rf"(?:(?:Executive|Acting|Vice|Deputy|First|Senior) )*(?:{_TITLE})$", title)
        ts = m.start("title") + (tm.start() if tm else 0)
        title = chunk[ts:m.end("title")]
        s, e = start + m.start("name"), start + m.end("name")
        if not romanised_given_name(m["name"].split()[1]):
            continue
        out.append(Span(s, e, text[s:e], "person", "Person", title=title, title_start=start + ts, role=_role(title),
                        rule=f"title '{title}' before a name"))
        taken.append((s, e))
    for m in _APPOSED.finditer(chunk):
        s, e = start + m.start("name"), start + m.end("name")
        if any(a <= s < b for a, b in taken):
            continue
        title = m["title"]
        bs = start + m.start("body")
        body_end = bs + len(m["body"])
        out.append(Span(s, e, text[s:e], "person", "Person", title=title, title_start=start + m.start("title"),
                        role=_role(title, m["body"]), body=(bs, body_end), rule=f"title '{title}' after a name"))
        taken.append((s, e))
    for m in _BARE.finditer(chunk):
        s, e = start + m.start("name"), start + m.end("name")
        if any(a <= s < b for a, b in taken) or not romanised_given_name(m["name"].split()[1]):
            continue
        out.append(Span(s, e, text[s:e], "person", "Person", rule="a Korean name"))
        taken.append((s, e))
    for m in _SURNAME_ONLY.finditer(chunk):
        s, e = start + m.start("name"), start + m.end("name")
        if any(a <= s < b for a, b in taken):
            continue
        out.append(Span(start + m.start("title"), e, text[start + m.start("title"):e], "surname", "Person",
                        title=m["title"], title_start=start + m.start("title"), role=_role(m["title"]),
                        rule="a title and a family name"))
    return sorted(out, key=lambda p: p.start)


# --- quoted titles ----------------------------------------------------------------------------------

_QUOTED = re.compile(r"‘([^‘’\n]{3,120}?)’(?![A-Za-z])|'([^'\n]{3,120}?)'(?![A-Za-z])|“([^“”\n]{3,120}?)”|"
                     r"\"([^\"\n]{3,120}?)\"|「([^「」\n]{3,120}?)」|『([^『』\n]{3,120}?)』")


def quoted(text, start=0, end=None):
    """Quoted names: ‘Robot End-Effector Demonstration Support Center’, "Busan RISE Basic Plan"; a quote
    that reads as a sentence (a verb, or more than 14 words) is speech, not a name."""
    end = len(text) if end is None else end
    out = []
    for m in _QUOTED.finditer(text, start, end):
        g = next(i for i in range(1, 7) if m.group(i) is not None)
        s, e = m.start(g), m.end(g)
        while e > s and text[e - 1] in " .,":
            e -= 1
        inner = text[s:e]
        words = inner.split()
        if not words or len(words) > 14 or not inner[:1].isupper():
            continue
        caps = sum(1 for w in words if w[:1].isupper() or w in CONNECTORS or w[:1].isdigit())
        if caps < max(1, len(words) - 1):
            continue  # a name is written in title case
        found = _head_of(re.findall(r"[\w&]+\.?", inner))
        cls = found[1] if found else None
        if m.group(0)[0] in "'’" and text[m.start() - 1:m.start()].isalpha():
            continue  # an apostrophe inside a word
        out.append(Span(s, e, inner, "quote", cls, rule="a quoted title"))
    return out


def acronym_after(text, end):
    """(start, end) of '(ACRONYM)' right after END ("Korea Federation … (K-Biz)"), or None."""
    m = re.match(r"\s*\(([A-Z][A-Za-z&\-]{1,9}|[A-Z]{2,}[\w&\-]{0,8})\)", text[end:])
    if m:
        return end + m.start(1), end + m.end(1)
    return None


_EN_GROUPS = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+)?(local governments|universities|"
                        r"cities and counties|municipalities|provinces|research institutes|institutions)"
                        r"(?:\s+in\s+the\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+area)?")
_COLLECTIVE = re.compile(r"\b(?:formed|forms|form|launched|set up|created|organi[sz]ed|established)\s+(?:a|an)\s+"
                         r"(?:[a-z-]+\s+)?(consortium|alliance|coalition|task force)\b")


def groups(text, start=0, end=None):
    """Bodies named by their number (10 local governments, 22 universities in the Busan area) and the
    collective a sentence forms (formed a consortium with …)."""
    end = len(text) if end is None else end
    out = [Span(m.start(), m.end(), m.group(0), "group", "AgentGroup", rule="a counted group")
           for m in _EN_GROUPS.finditer(text, start, end)]
    for m in _COLLECTIVE.finditer(text, start, end):
        cls = "TaskForce" if m.group(1) == "task force" else "Coalition"
        out.append(Span(m.start(1), m.end(1), m.group(1), "group", cls, rule=f"'{m.group(0)}'"))
    return out
