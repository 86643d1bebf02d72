"""Who leads, funds, chairs, joins and signs what: relations from titles (Mayor X, 박형준 시장, X, chairman of
Y), from cue words (led by, presided over by, 주관, 주재, 업무협약을 맺었다 …) and from lists, each with the
words that state it; and money, periods and counts (kg.draft.quantities) attached to what they are about.

Every relation says how it was found (``rule``), whether the text states it (``confidence``: explicit) or
it is read from context (implied), and whether the rules are ``sure`` of it.
"""
import re

from . import quantities as q
from .text import clause, sentence_at, sentences

INITIATIVES = frozenset(("Project", "Programme", "Plan", "Strategy", "KeyProject", "FundingCall", "Goal", "Agreement",
                         "MemorandumOfUnderstanding", "Initiative", "Task"))
MEETINGS = frozenset(("Meeting", "MeetingSeries"))
BODIES = frozenset(("Committee", "Council", "Legislature", "Coalition", "TaskForce"))
# what an anaphor's head word refers to
ANAPHOR_TYPES = {
    "project": INITIATIVES, "program": INITIATIVES, "programme": INITIATIVES, "initiative": INITIATIVES,
    "plan": {"Plan", "Strategy"}, "strategy": {"Plan", "Strategy"}, "agreement": {"Agreement", "MemorandumOfUnderstanding"},
    "meeting": MEETINGS, "ceremony": MEETINGS, "event": MEETINGS, "forum": MEETINGS | {"IndustryAssociation"},
    "council": {"Council"}, "committee": {"Committee"}, "보고회": MEETINGS, "회의": MEETINGS, "행사": MEETINGS,
    "포럼": MEETINGS | {"IndustryAssociation"}, "협의회": {"Council", "Meeting"}, "협약": {"Agreement", "MemorandumOfUnderstanding"},
    "사업": INITIATIVES, "전략": {"Plan", "Strategy"}, "계획": {"Plan", "Strategy"},
}


class Mention:
    """One occurrence of an entity in the text (or of an anaphor resolved to it)."""

    __slots__ = ("start", "end", "entity", "span")

    def __init__(self, start, end, entity, span=None):
        self.start, self.end, self.entity, self.span = start, end, entity, span


def occurrences(article, entities):
    """[Mention] of every entity in text order, anaphors ("the project", 이번 보고회) resolved to the last
    entity of their kind before them."""
    out = [Mention(s.start, s.end, e, s) for e in entities for s in e.spans]
    out.sort(key=lambda m: m.start)
    for s, e, _, what in getattr(article, "anaphors", []):
        kinds = ANAPHOR_TYPES.get(what.lower())
        if not kinds:
            continue
        before = [m for m in out if m.end <= s and m.entity.type in kinds and m.span is not None]
        if before:
            out.append(Mention(s, e, before[-1].entity))
    out.sort(key=lambda m: m.start)
    return out


def find(article, entities):
    """[relation dict] of the article."""
    text = article.text
    spans = sentences(text, article.noise)
    occ = occurrences(article, entities)
    rels = Relations(text)
    topic = None  # the initiative the article is talking about
    subject = None  # Korean: the last sentence's subject
    for s, e in spans:
        here = [m for m in occ if s <= m.start and m.end <= e]
        _titles(rels, text, here, entities, (s, e))
        if article.lang == "ko":
            subject = _korean(rels, text, here, (s, e), topic, subject)
        else:
            _english(rels, text, here, (s, e), topic)
        inits = [m for m in here if m.entity.type in INITIATIVES and m.span is not None]
        if inits:
            topic = inits[-1]
    return rels.out


class Relations:
    def __init__(self, text):
        self.text, self.out, self.seen = text, [], set()

    def add(self, agent, role, target, sentence, at, rule, confidence="explicit", sure=True):
        if agent is None or target is None or agent is target:
            return
        key = (agent.index, role, target.index)
        if key in self.seen:
            return
        self.seen.add(key)
        lo, hi = at
        quote = clause(self.text, sentence, lo, hi, 200)
        self.out.append({"agent": agent.mention, "role": role, "target": target.mention, "quote": quote,
                         "confidence": confidence, "sure": sure, "rule": rule})


def _agents(ms):
    return [m for m in ms if m.entity.type not in INITIATIVES and m.entity.type not in MEETINGS and m.span is not None
            or (m.span is None and m.entity.type not in INITIATIVES | MEETINGS)]


def _is(m, kinds):
    return m is not None and m.entity.type in kinds


# --- titles -------------------------------------------------------------------------------------------

def _titles(rels, text, here, entities, sentence):
    """A person's title names the body they head, chair or belong to: the body written just before the
    title (Busan Metropolitan Council Chairperson Ahn Seongmin), around it (Busan City (Mayor Park …)), after
    it (Kim Gi-moon, chairman of the Korea Federation …; Vice Minister Noh of the Ministry …), or, for a
    post the graph knows (Mayor, 시장), the post and its government."""
    for m in here:
        sp = m.span
        if sp is None or sp.kind not in ("person",) or not sp.title:
            continue
        person = m.entity
        title_at = sp.title_start if sp.title_start is not None else sp.start
        body = None
        how = ""
        if sp.body:  # Name, title of Body; of the City Council's Committee: the committee
            inside = [o for o in here if sp.body[0] <= o.start < sp.body[1] and o.entity is not person]
            while inside and re.match(r"['’]s\b", text[inside[0].end:inside[0].end + 2]) and len(inside) > 1:
                inside = inside[1:]
            body = inside[0] if inside and inside[0].start <= sp.body[0] + 4 or (
                inside and re.match(r"['’]s\b", text[sp.body[0]:].split(" ", 1)[0][-2:] + " ")) else None
            if body is None and inside and text[sp.body[0]:inside[0].start].rstrip().endswith(("'s", "’s")):
                body = inside[0]
            how = f"'{sp.title}' of it"
        if body is None and title_at < sp.start:  # Body Title Name, or Body (Title Name)
            before = [o for o in here if o.end <= title_at and o.entity is not person and o.entity.type != "Person"]
            if before:
                gap = text[before[-1].end:title_at]
                if re.fullmatch(r"\s*(?:\(\s*)?|\s*'s\s*|’s\s*", gap):
                    body = before[-1]
                    how = f"'{sp.title}' after its name"
        if body is None and title_at < sp.start:  # Title Name of the Body
            after = re.match(r"\s*,?\s*(?:of|from|at)\s+(?:the\s+)?", text[sp.end:])
            if after:
                body = next((o for o in here if o.start == sp.end + after.end()), None)
                how = f"'{sp.title}' of it"
        if body is None and sp.title and re.search(r"[\uac00-\ud7a3]", sp.title):  # 남정은 시 청년산학국장, 박형준 부산시장
            inside = [o for o in here if title_at <= o.start < title_at + len(sp.title) and o.entity is not person
                      and o.entity.type != "Post"]
            if inside:
                body = inside[0]
                how = f"'{sp.title}'"
        post = getattr(sp, "post", None)
        gov = getattr(sp, "government", None)
        at = (min(title_at, sp.start), sp.end)
        if post is not None:
            rels.add(person, "head", post, sentence, at, f"the title '{sp.title}'")
            if gov is not None and (body is None or body.entity is gov):
                stated = body is not None or re.search(r"[\uac00-\ud7a3]{2,}시장", sp.title or "")
                rels.add(person, "head", gov, sentence, at if body is None else (min(body.start, at[0]), at[1]),
                         f"the title '{sp.title}' of {gov.mention}", "explicit" if stated else "implied", sure=bool(stated))
                continue
        if body is None:
            continue
        role = sp.role or "member"
        parent = [o for o in here if o.end <= body.start and not text[o.end:body.start].strip()]
        if body.entity.type == "RegionalUnit" and not body.entity.kg and parent and parent[-1].entity.type not in (
                "Person", "Post") and parent[-1].entity.type not in INITIATIVES:
            body = parent[-1]  # Samsung Electronics CR Division President X: a member of the company
            role = "member"
        if role == "chair" and body.entity.type not in BODIES:
            role = "head"
        if role == "head" and body.entity.type in ("Committee", "Council", "Legislature") and re.search(
                r"(?i)chair|의장|위원장", sp.title):
            role = "chair"
        lo = min(body.start, title_at, sp.start)
        hi = max(body.end, sp.end)
        rels.add(person, role, body.entity, sentence, (lo, hi), f"the title {how}")


# --- English cues -----------------------------------------------------------------------------------

def _between(here, lo, hi):
    return [m for m in here if lo <= m.start and m.end <= hi]


def _english(rels, text, here, sentence, topic):
    s, e = sentence
    chunk = text[s:e]
    target_before = lambda pos, kinds: ([m for m in here if m.end <= pos and m.entity.type in kinds] or [None])[-1]  # noqa: E731
    target_after = lambda pos, kinds: next((m for m in here if m.start >= pos and m.entity.type in kinds), None)  # noqa: E731

    # X (and Y) held / will hold / hosts a meeting; presided over by P
    for c in re.finditer(r"\b(?:will hold|held|holds|to hold|hosts|hosted|to host|will host|organi[sz]ed|will organi[sz]e)\b", chunk):
        pos = s + c.start()
        meeting = target_after(pos + len(c.group(0)), MEETINGS)
        if meeting is None:
            continue
        if re.match(r"organi[sz]ed", c.group(0)) and not re.search(r"\bby\b", chunk[c.end():c.end() + 5]):
            continue
        subjects = [m for m in _agents(_between(here, s, pos)) if not _inside_parens(text, m, s)]
        for m in subjects:
            if m.entity.type == "Person" and any(o.entity.type != "Person" for o in subjects):
                continue
            rels.add(m.entity, "host", meeting.entity, sentence, (m.start, meeting.end), f"'{c.group(0)}'")
    for c in re.finditer(r"\bpresided over by\s+(?:(?:Mayor|Governor|Chairman|President|Minister)\s+)?", chunk):
        pos = s + c.end()
        who = next((m for m in here if m.start >= pos - 6 and m.entity.type == "Person"), None)
        meeting = target_before(s + c.start(), MEETINGS) or target_after(pos, MEETINGS)
        if who and meeting:
            rels.add(who.entity, "chair", meeting.entity, sentence, (min(meeting.start, who.start), max(meeting.end, who.end)),
                     "'presided over by'")

    # led by / organized by / implementing agency / in collaboration with / with … and others
    for c in re.finditer(r"\b(?:(?:jointly |co-)?led by|organi[sz]ed by|run by|managed by|funded by|sponsored by|"
                         r"implemented by|hosted by|chaired by)\s+", chunk):
        word = c.group(0).split()[-2] if c.group(0).split()[0] in ("jointly", "co-led") else c.group(0).split()[0]
        role = {"led": "lead", "co-led": "lead", "organized": "lead", "organised": "lead", "run": "lead",
                "managed": "implementer", "funded": "funder", "sponsored": "funder", "implemented": "implementer",
                "hosted": "host", "chaired": "chair"}.get(word, "lead")
        pos = s + c.end()
        stop = re.search(r",\s*with\b|;|\.\s|,\s*(?:which|and the|to )|$", text[pos:e])
        agents = _agents(_between(here, pos, pos + stop.start()))
        kinds = MEETINGS if role in ("host", "chair") else INITIATIVES
        target = target_before(s + c.start(), kinds) or (topic if role not in ("host", "chair") else None)
        if target is None:
            continue
        for a in agents:
            rels.add(a.entity, role, target.entity, sentence, (min(target.start, a.start), a.end), f"'{c.group(0).strip()}'",
                     sure=target.span is not None)
    for c in re.finditer(r"\bwith\s+(?:the\s+)?(.{3,120}?)\s+as\s+(?:the\s+|an?\s+)?(implementing agency|implementer|"
                         r"operator|lead agency|host|organi[sz]er)", chunk):
        role = {"host": "host"}.get(c.group(2), "implementer" if c.group(2) != "lead agency" else "lead")
        agents = _agents(_between(here, s + c.start(1), s + c.end(1)))
        target = target_before(s + c.start(), INITIATIVES) or topic
        for a in agents:
            if target:
                rels.add(a.entity, role, target.entity, sentence, (min(target.start, a.start), s + c.end()),
                         f"'as the {c.group(2)}'", sure=target.span is not None)
    for c in re.finditer(r"\b(?:in (?:collaboration|partnership|cooperation) with|together with|jointly with|"
                         r"(?:pursued|promoted|conducted|carried out|run)(?: since \d{4})? with)\s+", chunk):
        pos = s + c.end()
        stop = re.search(r"\.\s|;|$", text[pos:e])
        agents = _agents(_between(here, pos, pos + stop.start()))
        target = target_before(s + c.start(), INITIATIVES) or target_after(pos + stop.start(), INITIATIVES) or topic
        if target is None:
            continue
        for a in agents:
            rels.add(a.entity, "partner", target.entity, sentence, (min(target.start, a.start), a.end),
                     f"'{c.group(0).strip()}'", sure=target.span is not None)

    # the Ministry's 'X' (competition): it runs, leads what it owns
    for m in here:
        if m.entity.type in INITIATIVES or m.entity.type in MEETINGS or m.entity.type in ("Person", "Post") or m.span is None:
            continue
        poss = re.match(r"['’]s\s+[‘'“\"]", text[m.end:m.end + 5])
        if poss:
            owned = next((o for o in here if o.start == m.end + poss.end() and o.entity.type in INITIATIVES), None)
            if owned:
                rels.add(m.entity, "lead", owned.entity, sentence, (m.start, owned.end), "a body's quoted initiative ('s)",
                         sure=False)

    # X is a platform launched by Y: Y leads X (the subject)
    for c in re.finditer(r"\b(?:launched|established|created|set up|founded|introduced)\s+by\s+", chunk):
        pos = s + c.end()
        agent = next((m for m in here if m.start >= pos - 4 and m.start <= pos + 4), None)
        subject = next((m for m in here if m.start < s + c.start() and (m.entity.type in INITIATIVES or m.entity.type == "MeetingSeries"
                                                                       or m.entity.type in MEETINGS)), None)
        if agent and subject and agent.entity.type not in INITIATIVES:
            rels.add(agent.entity, "lead", subject.entity, sentence, (subject.start, agent.end), f"'{c.group(0).strip()}'")

    # X formed a consortium with A, B … : members
    for c in re.finditer(r"\b(?:formed|forms|form|launched|set up|organi[sz]ed|created)\s+(?:a|an|the)\s+"
                         r"(?:[a-z-]+\s+)?(consortium|alliance|coalition|team|task force|council|committee)\b", chunk):
        group = next((m for m in here if m.start >= s + c.start(1) - 2 and m.start <= s + c.end(1)), None)
        if group is None:
            continue
        subjects = _agents(_between(here, s, s + c.start()))
        if subjects:
            rels.add(subjects[-1].entity, "member", group.entity, sentence, (subjects[-1].start, group.end),
                     f"'{c.group(0)}'")
        aim = re.search(r",?\s+to\s+(?:plan|prepare|apply for|carry out|implement|run|bid for)\b", text[group.end:e])
        stop = group.end + aim.start() if aim else e
        for a in _agents(_between(here, group.end, stop)):
            rels.add(a.entity, "member", group.entity, sentence, (group.start, a.end), f"listed after '{c.group(0)}'")
        if aim:
            goal = next((m for m in here if m.start >= group.end + aim.end() and m.entity.type in INITIATIVES), None)
            if goal:
                rels.add(group.entity, "participant", goal.entity, sentence, (stop, goal.end), f"'{aim.group(0).strip()}'")

    # signed an agreement: signatories
    for c in re.finditer(r"\b(?:signed|sign|will sign|to sign)\s+(?:an?\s+|the\s+)?", chunk):
        agreement = target_after(s + c.start(), {"Agreement", "MemorandumOfUnderstanding"})
        if agreement is None:
            continue
        for a in _agents(_between(here, s, s + c.start())):
            rels.add(a.entity, "signatory", agreement.entity, sentence, (a.start, agreement.end), "'signed'")

    # participate / participation in
    for c in re.finditer(r"\b(?:participat(?:e|es|ed|ing) in|took part in|taking part in|joined)\s+", chunk):
        target = target_after(s + c.end(), INITIATIVES)
        if target is None:
            continue
        for a in _agents(_between(here, s, s + c.start()))[-1:]:
            rels.add(a.entity, "participant", target.entity, sentence, (a.start, target.end), f"'{c.group(0).strip()}'")


def _inside_parens(text, m, s):
    before = text[s:m.start]
    return before.count("(") > before.count(")")


# --- Korean cues ------------------------------------------------------------------------------------

_SUBJECT = re.compile(r"^(?:[’'”\"」)]*)(?:은|는|이|가|께서|에서는|도)(?![\uac00-\ud7a3])")
_LIST_JOIN = re.compile(r"^(?:[’'”\"」)]*)(?:와|과|,|및|등)")


def _korean(rels, text, here, sentence, topic, last_subject):
    s, e = sentence
    chunk = text[s:e]
    subjects = [m for m in here if _SUBJECT.match(text[m.end:m.end + 4]) and m.entity.type not in INITIATIVES]
    subject = subjects[0] if subjects else None
    if subject is None and last_subject is not None:
        subject = last_subject
    before = lambda pos, kinds: ([m for m in here if m.end <= pos and m.entity.type in kinds] or [None])[-1]  # noqa: E731

    def listed(pos):
        """The agents written as a list before POS (A와 B, C, D는 …), or the subject."""
        agents = [m for m in _agents(_between(here, s, pos)) if not _inside_parens(text, m, s)]
        return agents or ([subject] if subject else [])

    for c in re.finditer(r"주관(?:으로|하|한|하는|해|아래|기관)", chunk):
        pos = s + c.start()
        lead = ([m for m in _agents(_between(here, s, pos)) if text[m.end:pos].strip() == ""] or [None])[-1]
        target = before(pos, INITIATIVES) or topic
        if lead and target:
            rels.add(lead.entity, "lead", target.entity, sentence, (lead.start, pos + len(c.group(0))), "'주관'",
                     sure=target.span is not None)
    for c in re.finditer(r"주재(?:로|하|한|해)", chunk):
        pos = s + c.start()
        who = ([m for m in here if m.end <= pos and m.entity.type in ("Person", "Post")] or [None])[-1]
        if who is not None and who.entity.type == "Post":
            who = ([m for m in here if m.end <= pos and m.entity.type == "Person"] or [who])[-1]
        meeting = next((m for m in here if m.start >= pos and m.entity.type in MEETINGS), None) or before(pos, MEETINGS)
        if who and meeting:
            rels.add(who.entity, "chair", meeting.entity, sentence, (min(who.start, meeting.start), max(meeting.end, pos + 3)),
                     "'주재'")
    for c in re.finditer(r"(?:을|를)?\s*(?:열고|열었|열어|개최(?:하|했|한|해)|마련했)", chunk):
        pos = s + c.start()
        meeting = before(pos + 1, MEETINGS)
        if meeting and subject and subject.entity is not meeting.entity and meeting.end >= pos - 2:
            rels.add(subject.entity, "host", meeting.entity, sentence, (min(subject.start, meeting.start), s + c.end()),
                     "'열고' / '개최'")
    for c in re.finditer(r"(?:업무협약|협약|MOU|MoU)(?:을|를)?\s*(?:맺|체결)", chunk):
        pos = s + c.start()
        mou = next((m for m in here if m.entity.type in ("MemorandumOfUnderstanding", "Agreement") and
                    m.start <= pos + 4), None)
        if mou is None:
            continue
        for a in listed(mou.start):
            rels.add(a.entity, "signatory", mou.entity, sentence, (a.start, s + c.end()), "'협약을 맺었다'")
    for c in re.finditer(r"(?:을|를)\s*(?:구성|설립|출범시키|발족)", chunk):
        pos = s + c.start()
        body = before(pos + 1, BODIES | {"TaskForce"})
        if body and subject:
            rels.add(subject.entity, "establisher", body.entity, sentence, (min(subject.start, body.start), s + c.end() + 2),
                     "'구성했다'")
    for c in re.finditer(r"(?:을|를)\s*(?:심의·의결|심의 의결|의결|승인|확정)", chunk):
        pos = s + c.start()
        plan = before(pos + 1, {"Plan", "Strategy"})
        if plan and subject:
            rels.add(subject.entity, "approver", plan.entity, sentence, (min(subject.start, plan.start), s + c.end() + 2),
                     "'의결' / '확정'")
    for c in re.finditer(r"(?:이|가)\s.*?마련한", chunk):
        pos = s + c.start()
        maker = ([m for m in here if m.end <= pos + 1 and m.entity.type not in INITIATIVES] or [None])[-1]
        plan = next((m for m in here if m.entity.type in {"Plan", "Strategy"} and m.start < pos), None)
        if maker and plan:
            rels.add(maker.entity, "establisher", plan.entity, sentence, (plan.start, s + c.end()), "'마련한'")
    for c in re.finditer(r"(?:을|를)\s*(?:추진한다|추진하|추진했|추진할)", chunk):
        pos = s + c.start()
        target = before(pos + 1, INITIATIVES)
        if target and subject and target.end >= pos - 2:
            rels.add(subject.entity, "implementer", target.entity, sentence, (min(subject.start, target.start), s + c.end()),
                     "'추진한다'", confidence="explicit")
    for m in here:  # 정부의 ‘지역혁신중심 대학지원체계(RISE)’, 산업통상자원부의 … 사업공모: its owner leads it
        if m.entity.type in INITIATIVES | MEETINGS or m.entity.type in ("Person", "Post"):
            continue
        poss = re.match(r"의\s+[‘'“\"]?", text[m.end:m.end + 4])
        if poss:
            owned = next((o for o in here if o.start == m.end + poss.end() and o.entity.type in INITIATIVES), None)
            if owned:
                rels.add(m.entity, "lead", owned.entity, sentence, (m.start, owned.end), "a body's initiative (의)", sure=False)
    for c in re.finditer(r"(?:으로|로|에도|에|에서)\s*(?:최종\s*)?(?:선정돼|선정되|선정됐|선정된)", chunk):
        pos = s + c.start()
        target = before(pos + 1, INITIATIVES)
        if target and subject and target.end >= pos - 12 and subject.entity is not target.entity:
            rels.add(subject.entity, "participant", target.entity, sentence, (min(subject.start, target.start), s + c.end()),
                     "'선정됐다'", sure=False)
    for c in re.finditer(r"(?:에|에서)\s*(?:참여|참가)", chunk):
        pos = s + c.start()
        target = before(pos + 1, INITIATIVES)
        if target and subject:
            rels.add(subject.entity, "participant", target.entity, sentence, (min(subject.start, target.start), s + c.end()),
                     "'참여'")
    return subjects[0] if subjects else last_subject


# --- money, periods, counts ---------------------------------------------------------------------------

def quantities(article, entities):
    """{'amounts', 'periods', 'counts'}: each item of kg.draft.quantities with the entity it is about (the
    name just before it when it stands in its parenthesis, else the nearest initiative of its sentence,
    else the nearest body, else the article's main initiative) and its sentence (or clause) as quote."""
    text = article.text
    spans = sentences(text, article.noise)
    occ = [m for m in occurrences(article, entities)]
    main = _main_initiative(entities)
    out = {"amounts": [], "periods": [], "counts": []}
    found = {
        "amounts": q.amounts(text, article.lang),
        "periods": q.periods(text, article.lang, article_date=article.date),
        "counts": q.counts(text, article.lang),
    }
    for kind, items in found.items():
        for item in items:
            s0, e0 = item["span"]
            if any(a <= s0 < b for a, b in article.noise):
                continue
            sent = sentence_at(spans, s0)
            if sent is None:
                continue
            about = _about(text, occ, sent, s0, e0) or main
            rec = {k: v for k, v in item.items() if k != "span"}
            rec["about"] = about.mention if about is not None else None
            rec["quote"] = clause(text, sent, s0, e0, 200)
            if kind == "periods" and rec.get("start") is None and rec.get("end") is None and not rec.get("start_date"):
                continue
            out[kind].append(rec)
    return out


def _about(text, occ, sentence, s0, e0):
    s, e = sentence
    here = [m for m in occ if s <= m.start and m.end <= e]
    # "X(’24 부터 ’28, 170억 원)", "X (2024-2028, 15.6 billion KRW)": the name before the parenthesis
    opened = text.rfind("(", s, s0)
    if opened != -1 and text.find(")", opened, s0) == -1:
        named = [m for m in here if m.end <= opened and text[m.end:opened].strip() in ("", "’", "'", "”")]
        if named:
            return named[-1].entity
    inits = [m for m in here if m.entity.type in INITIATIVES]
    if inits:
        return min(inits, key=lambda m: min(abs(m.start - e0), abs(s0 - m.end)) + (0 if m.end <= s0 else 5)).entity
    bodies = [m for m in here if m.entity.type not in ("Person", "Post")]
    if bodies:
        return min(bodies, key=lambda m: min(abs(m.start - e0), abs(s0 - m.end))).entity
    return None


def _main_initiative(entities):
    inits = [e for e in entities if e.type in INITIATIVES]
    if not inits:
        return None
    return max(inits, key=lambda e: (len(e.spans), -e.spans[0].start))
