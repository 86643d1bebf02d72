"""The draft as JSON in the shape of the development set's gold files (what its scorer reads), with the
extras a curator needs: for each entity the rule that found or linked it and the candidates when it is
not linked; for each item whether the rules are sure of it.
"""
import re

from ..vocab import shorten


def as_json(article, entities, relations, quantities, gazetteer):
    """The draft dict: file, source, entities, amounts, periods, counts, relations."""
    source = {
        "url": article.url,
        "publisher": getattr(article, "publisher", None),
        "date": article.date,
        "date_text": None,
        "date_basis": article.date_basis,
        "language": article.lang,
        "machine_translated": article.machine_translated,
        "machine_translated_note": article.machine_translated_note,
    }
    ents = []
    for e in entities:
        item = {
            "mention": e.mention,
            "other_mentions": e.others,
            "type": e.type,
            "kg_id": shorten(e.kg) if e.kg else None,
            "quote": e.quote,
            "rule": e.rule,
            "sure": bool(e.sure),
        }
        if e.candidates:
            names = gazetteer.names
            item["candidates"] = [{"id": shorten(c), "label": (names.get(c) or [shorten(c)])[0]} for c in e.candidates]
        if e.extra:
            item.update(e.extra)
        ents.append(item)
    return {
        "file": article.path,
        "source": source,
        "entities": ents,
        "amounts": quantities["amounts"],
        "periods": quantities["periods"],
        "counts": quantities["counts"],
        "relations": relations,
        "title": _title(article),
        "fingerprint": fingerprint(article.text),
    }


def _title(article):
    """The first line of the text that is not noise: the headline."""
    for line in article.text.split("\n"):
        at = article.text.find(line)
        if line.strip() and not any(a <= at < b for a, b in article.noise):
            return line.strip()
    return None


# --- TriG ------------------------------------------------------------------------------------------------

AGENT_TYPES = {"Person": "foaf:Person", "Post": "org:Post", "Organization": "org:Organization",
               "Place": "schema:Place", "AdministrativeArea": "schema:AdministrativeArea"}
INITIATIVE_TYPES = frozenset(("Project", "Programme", "Plan", "Strategy", "KeyProject", "FundingCall", "Goal", "Agreement",
                              "MemorandumOfUnderstanding", "Initiative", "Task", "Pledge"))
RELATION_CLASSES = {"head": "rip:Membership", "member": "rip:Membership", "chair": "rip:Membership",
                    "funder": "rip:FundingRole", "host": "rip:EventRole", "signatory": "rip:AgreementRole"}
ROLES = frozenset(("lead", "coordinator", "implementer", "chair", "head", "member", "participant", "funder", "host",
                   "signatory", "establisher", "approver", "announcer", "pledger", "surveyor", "contest-organiser"))
CLAIM_PROPERTIES = [(r"national|국비", "rip:nationalFunding"), (r"annual|per year|연간|yearly", "rip:annualBudget"),
                    (r"", "rip:totalCost")]
COUNT_PROPERTIES = [(r"strateg|전략", "rip:strategyCount"), (r"task|과제", "rip:taskCount"),
                    (r"key project|핵심사업|주요 사업|주요사업", "rip:keyProjectCount"), (r"project|사업", "rip:projectCount"),
                    (r"member|위원", "rip:memberCount"), (r"participant|attend|참석|명", "rip:participantCount")]
PREFIX_LINES = """@prefix rip: <https://w3id.org/rip-kg/def#> .
@prefix ag: <https://w3id.org/rip-kg/id/agent/> .
@prefix in: <https://w3id.org/rip-kg/id/initiative/> .
@prefix ev: <https://w3id.org/rip-kg/id/event/> .
@prefix rel: <https://w3id.org/rip-kg/id/relation/> .
@prefix cl: <https://w3id.org/rip-kg/id/claim/> .
@prefix pl: <https://w3id.org/rip-kg/id/place/> .
@prefix per: <https://w3id.org/rip-kg/id/period/> .
@prefix src: <https://w3id.org/rip-kg/id/source/> .
@prefix gr: <https://w3id.org/rip-kg/graph/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
"""


def fingerprint(text):
    """Six hex digits of the article's text: ids of two articles never meet, whatever their file names.

    >>> fingerprint("부산시는 …") != fingerprint("전북도는 …")
    True
    """
    from hashlib import blake2b  # only for drafts

    return blake2b(text.encode(), digest_size=3).hexdigest()


def slug(name, print_=""):
    """An id part from a file name and the text's fingerprint: two articles with the same file name
    (en/01.txt, ko/01.txt) or Hangul-only names never share ids, so their new bodies never merge.

    >>> slug("01_busan-robot end effector.txt", "5e1a4b"), slug("부산로봇.txt", "0c2f9d")
    ('draft-01-busan-robot-end-effector-5e1a4b', 'draft-article-0c2f9d')
    """
    import os  # only for TriG output

    base = os.path.splitext(os.path.basename(name))[0].lower()
    stem = re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "article"
    return f"draft-{stem}-{print_}" if print_ else f"draft-{stem}"


def _lit(value, lang=None, datatype=None):
    out = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    if lang:
        return f"{out}@{lang}"
    if datatype:
        return f"{out}^^{datatype}"
    return out


def _class(t):
    return AGENT_TYPES.get(t) or f"rip:{re.sub(r'[^A-Za-z]', '', t or 'Agent') or 'Agent'}"


def _namespace(t):
    if t in INITIATIVE_TYPES:
        return "in"
    if t in ("Meeting", "MeetingSeries"):
        return "ev"
    if t in ("Place", "AdministrativeArea", "IndustrialComplex"):
        return "pl"
    return "ag"


def is_a_name(mention):
    """Whether a mention can stand as a name of the body in the data: not an anaphor ("the city",
    "The ministry"), not a title or a generic word alone ("Mayor", "시", "도", "정부"); those find the body
    in this article only, and would make every later lookup of "the city" answer with it.

    >>> [is_a_name(m) for m in ("Busan City", "the city", "Mayor", "시", "부산시", "The Ministry")]
    [True, False, False, False, True, False]
    """
    from ..names.forms import TITLES  # the names' rules: only for TriG output
    from ..names.resolve import GENERIC  # the names' rules: only for TriG output

    words = mention.casefold().split()
    generic = [w in GENERIC or w in TITLES or len(w) < 2 for w in words]
    if words and words[0] in ("the", "this", "that", "these", "its", "our"):
        return not all(generic[1:])  # "the city", "the ministry": an anaphor
    return len(words) > 1 or not all(generic)


def as_trig(d):
    """The draft D (as_json's dict) as TriG: a new source, its named graph, and in it every drafted item
    with rip:draftStatus "proposed" (entities new to the graph with their candidates, names of linked
    entities as this source writes them, qualified relations, money, counts and periods), each with its
    quote. Parsed by pyoxigraph like the data files."""
    sid = slug(d["file"], d.get("fingerprint") or "")
    lang = d["source"]["language"] or "en"
    src = d["source"]
    lines = [f"# kg draft of {d['file']}: every item is proposed (rip:draftStatus), for kg review to accept or reject.",
             PREFIX_LINES]
    title = next((ln.strip() for ln in (d.get("title") or "").split("\n") if ln.strip()), None) or d["file"]
    head = [f"src:{sid} a rip:Source", f"dcterms:title {_lit(title, lang)}", f"dcterms:language {_lit(lang)}",
            f"rip:localFile {_lit(d['file'])}", 'rip:draftStatus "proposed"']
    if src.get("machine_translated") is not None:
        head.append(f"rip:machineTranslated {'true' if src['machine_translated'] else 'false'}")
    else:
        head.append(f"rip:note {_lit('machine translation: not stated in the text')}")
    if src.get("url"):
        head.append(f"dcterms:source {_lit(src['url'])}")
    if src.get("date"):
        head.append(f"dcterms:issued {_lit(src['date'], datatype='xsd:date')}")
    if src.get("date_basis"):
        head.append(f"rip:dateText {_lit(src['date_basis'])}")
    if src.get("publisher_kg_id"):
        head.append(f"dcterms:publisher {src['publisher_kg_id']}")
    elif src.get("publisher"):
        head.append(f"rip:note {_lit('publisher: ' + src['publisher'])}")
    lines.append(" ;\n    ".join(head) + " .")
    lines.append(f"gr:{sid} a rip:SourceGraph ; prov:wasDerivedFrom src:{sid} .\n")
    lines.append(f"GRAPH gr:{sid} {{")
    ids = {}
    for i, e in enumerate(d["entities"]):
        if e.get("kg_id"):
            iri = e["kg_id"]
            names = [n for n in [e["mention"]] + e["other_mentions"] if is_a_name(n)]
            props = [f"skos:altLabel {', '.join(_lit(n, lang) for n in names)}"] if names else []
        else:
            iri = f"{_namespace(e['type'])}:{sid}-e{i + 1}"
            props = [f"a {_class(e['type'])}", f"skos:prefLabel {_lit(e['mention'], lang)}", 'rip:draftStatus "proposed"']
            if e["other_mentions"]:
                props.append(f"skos:altLabel {', '.join(_lit(n, lang) for n in e['other_mentions'])}")
            for c in e.get("candidates") or []:
                props.append(f"rip:note {_lit('near candidate: ' + c['id'] + ' (' + c['label'] + ')')}")
        if e.get("rule"):
            props.append(f"rip:note {_lit('found by ' + e['rule'])}")
        props.append(f"rip:quote {_lit(e['quote'])}")
        for name in [e["mention"]] + e["other_mentions"]:
            ids.setdefault(name, iri)
        lines.append(f"  {iri} " + " ;\n      ".join(props) + " .")
    for i, r in enumerate(d["relations"]):
        agent, target = ids.get(r["agent"]), ids.get(r["target"])
        if not agent or not target:
            continue
        role = r["role"] if r["role"] in ROLES else "participant"
        props = [f"a {RELATION_CLASSES.get(role, 'rip:ProjectRole')}", f"prov:agent {agent}", f"prov:hadRole rip:role-{role}",
                 f"rip:target {target}", f"rip:quote {_lit(r['quote'])}", 'rip:draftStatus "proposed"',
                 f"rip:note {_lit(r['confidence'] + ('' if r.get('sure', True) else ', unsure') + ': ' + r.get('rule', ''))}"]
        if role != r["role"]:
            props.append(f"rip:note {_lit('drafted as ' + r['role'] + ', which the ontology does not have yet')}")
        lines.append(f"  rel:{sid}-r{i + 1} " + " ;\n      ".join(props) + " .")
    for i, a in enumerate(d["amounts"]):
        about = ids.get(a.get("about"))
        prop = next(p for pat, p in CLAIM_PROPERTIES if re.search(pat, a.get("kind") or "", re.I))
        props = ["a rip:QuantityClaim", f"rip:claimProperty {prop}", f"schema:value {int(a['value']) if float(a['value']).is_integer() else a['value']}",
                 f"schema:currency {_lit(a['currency'])}", f"rip:asWritten {_lit(a['text'])}", f"rip:quote {_lit(a['quote'])}",
                 'rip:draftStatus "proposed"']
        if about:
            props.insert(1, f"rip:about {about}")
        if a.get("approximate"):
            props.append("rip:approximate true")
        if a.get("kind"):
            props.append(f"rip:note {_lit('kind: ' + str(a['kind']))}")
        lines.append(f"  cl:{sid}-a{i + 1} " + " ;\n      ".join(props) + " .")
    for i, c in enumerate(d["counts"]):
        about = ids.get(c.get("about"))
        unit = str(c.get("unit") or "")
        prop = next((p for pat, p in COUNT_PROPERTIES if re.search(pat, unit, re.I)), None)
        props = ["a rip:QuantityClaim", f"schema:value {c['value']}", f"rip:unit {_lit(unit)}", f"rip:asWritten {_lit(c.get('text') or unit)}",
                 f"rip:quote {_lit(c['quote'])}", 'rip:draftStatus "proposed"']
        if prop:
            props.insert(1, f"rip:claimProperty {prop}")
        if about:
            props.insert(1, f"rip:about {about}")
        lines.append(f"  cl:{sid}-c{i + 1} " + " ;\n      ".join(props) + " .")
    for i, p in enumerate(d["periods"]):
        about = ids.get(p.get("about"))
        pid = f"per:{sid}-p{i + 1}"
        props = ["a time:ProperInterval", f"rip:asWritten {_lit(p['text'])}",
                 f"rip:quote {_lit(p['quote'])}", 'rip:draftStatus "proposed"']
        if p.get("start") is not None:
            props.append(f"time:hasBeginning [ time:inXSDgYear {_lit(p['start'], datatype='xsd:gYear')} ]")
        if p.get("end") is not None:
            props.append(f"time:hasEnd [ time:inXSDgYear {_lit(p['end'], datatype='xsd:gYear')} ]")
        for key in ("start_date", "end_date"):
            if p.get(key):
                props.append(f"rip:dateText {_lit(key.replace('_', ' ') + ': ' + p[key])}")
        lines.append(f"  {pid} " + " ;\n      ".join(props) + " .")
        if about:
            lines.append(f"  {about} rip:period {pid} .")
    lines.append("}")
    return "\n".join(lines) + "\n"
