"""Lookups: who leads what, what one leads, everything about one entity, search, counts."""
from collections import OrderedDict

from .names.normalize import name_key
from .names.resolve import match, near_misses, resolve
from .vocab import PREFIXES, local_name as _local, rip, shorten

_LABEL_TYPES_SKIP = {"http://www.w3.org/2002/07/owl#NamedIndividual"}


def describe(graph, iri):
    """{'id', 'label', 'label_ko', 'types'} of an entity, for display."""
    values = {"en": [], "ko": [], "alt": [], "type": []}
    for r in graph.select("entity_summary", e=iri):
        values[r["kind"]].append(r["value"])
    return _described(iri, values)


def describe_many(graph, iris):
    """{iri: describe(graph, iri)} for many entities, in one query per 500 of them."""
    iris = list(dict.fromkeys(iris))
    values = {iri: {"en": [], "ko": [], "alt": [], "type": []} for iri in iris}
    for r in graph.select_each("entity_summary", "e", iris):
        values[r["e"]][r["kind"]].append(r["value"])
    return {iri: _described(iri, v) for iri, v in values.items()}


def _described(iri, values):
    en, ko = min(values["en"], default=None), min(values["ko"], default=None)
    alt = sorted(set(values["alt"]))
    types = sorted({_local(t) for t in values["type"] if t not in _LABEL_TYPES_SKIP})
    return {"id": shorten(iri), "iri": iri, "label": en or (alt[0] if alt else shorten(iri)), "label_ko": ko, "types": types}


def source_info(graph, src):
    """{'id', 'title', 'publisher', 'date', 'machine_translated', 'background'} of a source IRI."""
    return sources_info(graph, [src])[src]


def sources_info(graph, srcs):
    """{src: source_info(graph, src)} for many sources, those not yet known read in one query per 500
    (what is known is kept on the graph, which lives as long as its data)."""
    srcs = list(dict.fromkeys(srcs))
    known = graph.memo.setdefault("sources", {})
    missing = [s for s in srcs if s not in known]
    if missing:
        found = {}
        for r in graph.select_each("source_info", "src", missing):
            found.setdefault(r["src"], r)  # the first row, as source_info takes
        for s in missing:
            known[s] = _source(graph, s, found.get(s, {}))
    return {s: dict(known[s]) for s in srcs}


def _source(graph, src, r):
    return {
        "id": shorten(src),
        "title": r.get("title"),
        "publisher": _publisher_name(graph, r.get("publisher")),
        "date": r.get("issued") or r.get("dateText"),
        "machine_translated": r.get("mt"),
        "background": bool(r.get("background")),
    }


def _publisher_name(graph, iri):
    """The English name of a source's publisher (None if it has none), read once per graph and publisher."""
    if iri is None:
        return None
    known = graph.memo.setdefault("publishers", {})
    if iri not in known:
        d = describe(graph, iri)
        known[iri] = d["label"] if d["label"] != d["id"] else None
    return known[iri]


def _money(value, currency):
    if value is None:
        return None
    return {"value": value, "currency": currency}


def _with_details(graph, rows):
    out = []
    details = {}
    for d in graph.select_each("relation_details", "rel", [r["rel"] for r in rows]):
        details.setdefault(d["rel"], []).append(d)
    for r in rows:
        for d in details.get(r["rel"]) or [{}]:
            out.append({**r, **d})
    return out


def _group_relations(graph, rows, key_fields, other_field):
    """Merge rows of the same (agent, role, target) stated by several sources into one answer.

    A qualifier (period, money) that every source states belongs to the answer; one that only some
    state belongs to each source that states it (as Wikidata keeps a qualifier with its reference): a
    reader citing another source for it would be wrong."""
    rows = _with_details(graph, rows)
    sources_info(graph, [r["src"] for r in rows if r.get("src")])  # read at once, then from the cache
    described = describe_many(graph, [r[other_field] for r in rows])
    grouped = OrderedDict()
    for r in rows:
        k = tuple(r[f] for f in key_fields)
        g = grouped.setdefault(k, {"row": r, "periods": [], "money": [], "sources": [], "by_source": {}})
        own = g["by_source"].setdefault(shorten(r["src"]), {"periods": [], "money": []}) if r.get("src") else None
        when = r.get("period") or r.get("dateText")
        m = _money(r.get("amount"), r.get("currency"))
        for key, value in (("periods", when), ("money", m)):
            if value and value not in g[key]:
                g[key].append(value)
            if value and own is not None and value not in own[key]:
                own[key].append(value)
        if r.get("src"):
            s = source_info(graph, r["src"])
            s["quote"] = r.get("quote")
            if s not in g["sources"]:
                g["sources"].append(s)
    out = []
    for g in grouped.values():
        r = g["row"]
        shared = {key: all(sorted(map(str, own[key])) == sorted(map(str, g[key])) for own in g["by_source"].values())
                  for key in ("periods", "money")}
        for s in g["sources"]:  # what not every source states: with the sources that state it
            own = g["by_source"].get(s["id"], {"periods": [], "money": []})
            if not shared["periods"]:
                s["period"] = "; ".join(own["periods"]) or None
            if not shared["money"]:
                s["money"] = own["money"]
        out.append({
            other_field: described[r[other_field]],
            "role": r.get("roleLabel") or _local(r["role"]),
            "period": ("; ".join(g["periods"]) or None) if shared["periods"] else None,
            "money": g["money"] if shared["money"] else [],
            "sources": sorted(g["sources"], key=lambda s: s["id"]),
        })
    return out


def budget(graph, iri):
    """Money claimed for an entity: each claim with value, rank and source; best-ranked first."""
    out = []
    for r in graph.select("entity_money", e=iri):
        if r["currency"] is None:
            continue
        out.append(_claim(graph, r))
    return sorted(out, key=_claim_order)


def counts(graph, iri):
    """Counts claimed for an entity (strategies, tasks, members ...)."""
    return sorted((_claim(graph, r) for r in graph.select("entity_money", e=iri) if r["currency"] is None), key=_claim_order)


_RANK_ORDER = {"preferred": 0, "normal": 1, "deprecated": 2}


def _claim(graph, r):
    src = source_info(graph, r["src"]) if r["src"] else None
    return {
        "property": r["propLabel"] or _local(r["prop"]),
        "value": r["value"],
        "currency": r["currency"],
        "as_written": r["asWritten"],
        "approximate": bool(r["approx"]),
        "fiscal_year": r["year"],
        "rank": _local(r["rank"]).replace("Rank", "").lower() if r["rank"] else "normal",
        "rank_reason": r["reason"],
        "source": src["id"] if src else None,
        "quote": r["quote"],
        "claim": shorten(r["claim"]),
    }


def _claim_order(c):
    return (c["property"], _RANK_ORDER[c["rank"]], c["fiscal_year"] or "", c["source"] or "", c["claim"])


def who_leads(graph, name):
    """Who leads, chairs, heads or coordinates the entity NAME."""
    iri = resolve(graph, name)
    rows = graph.select("who_leads", target=iri)
    leaders = _group_relations(graph, rows, ("agent", "role"), "agent")
    return {"query": name, "entity": describe(graph, iri), "budget": budget(graph, iri), "leaders": leaders}


def leads(graph, name):
    """What NAME leads, chairs, heads or coordinates, itself or through its units."""
    iri = resolve(graph, name)
    agents = sorted({r["agent"] for r in graph.select("units_of", who=iri)} | {iri}, key=lambda a: (a != iri, a))
    rows = [r for a in agents for r in graph.select("leads", agent=a)]
    led = _group_relations(graph, rows, ("agent", "role", "target"), "target")
    for item, key in zip(led, _group_keys(rows)):
        item["via"] = describe(graph, key[0]) if key[0] != iri else None
        item["budget"] = budget(graph, item["target"]["iri"])
    return {"query": name, "entity": describe(graph, iri), "leads": led}


def _group_keys(rows):
    seen = []
    for r in rows:
        k = (r["agent"], r["role"], r["target"])
        if k not in seen:
            seen.append(k)
    return seen


def show(graph, name):
    """Everything about one entity."""
    iri = resolve(graph, name)
    entity = describe(graph, iri)
    names = []
    name_rows = graph.select("entity_names_all", e=iri)
    relation_rows = graph.select("entity_relations", e=iri)
    fact_rows = graph.select("entity_facts", e=iri)
    # a hub entity has hundreds of neighbours and sources: each read in one query, not one query each
    sources_info(graph, [r["src"] for r in name_rows + relation_rows if r["src"]])
    described = describe_many(graph, [r["other"] for r in relation_rows]
                              + [r["o"] for r in fact_rows if r["p"] == rip.partOf])
    for r in name_rows:
        src = source_info(graph, r["src"]) if r["src"] else {"id": shorten(r["g"]), "background": False}
        names.append({
            "name": r["label"], "kind": _local(r["kind"]),
            "source": src["id"], "background": src.get("background", False),
        })
    names.sort(key=lambda n: (["prefLabel", "acronym", "altLabel", "romanization", "hiddenLabel"].index(n["kind"]), n["source"], n["name"]))
    relations = []
    for r in relation_rows:
        relations.append({
            "direction": r["direction"],
            "role": r["roleLabel"],
            "other": described[r["other"]],
            "period": r["period"] or r["dateText"] or (str(r["year"]) if r["year"] else None),
            "money": _money(r["amount"], r["currency"]),
            "commitment": r["commitment"],
            "source": shorten(r["src"]) if r["src"] else None,
            "quote": r["quote"],
        })
    relations.sort(key=lambda x: (x["direction"] != "out", x["role"] or "", x["other"]["label"], x["period"] or "", x["source"] or ""))
    facts, parts, wholes = [], [], []
    for r in fact_rows:
        if r["p"] == rip.partOf:
            (wholes if r["direction"] == "out" else parts).append(described[r["o"]])
            continue
        if r["o"] and str(r["o"]).startswith("_:"):
            continue
        value = r["oLabel"] or (shorten(r["o"]) if isinstance(r["o"], str) and r["o"].startswith("http") else r["o"])
        fact = {
            "direction": r["direction"], "property": r["pLabel"] or shorten(r["p"]), "value": value,
            "source": shorten(r["src"]) if r["src"] else shorten(r["g"]) if r["g"] else None,
        }
        if fact not in facts:
            facts.append(fact)
    facts.sort(key=lambda f: (f["direction"], f["property"], str(f["value"]), f["source"] or ""))
    targets = []
    for r in graph.select("entity_targets", e=iri):
        targets.append({
            "kind": _local(r["kind"]).lower(), "indicator": r["indicator"], "baseline": r["baseline"],
            "value": r["value"], "unit": r["unit"], "date": r["date"] or r["dateText"],
            "per_year": bool(r["perYear"]), "approximate": bool(r["approx"]),
            "source": shorten(r["src"]) if r["src"] else None, "quote": r["quote"],
        })
    targets.sort(key=lambda t: (t["kind"], t["indicator"] or ""))
    quotes = [{"source": shorten(r["src"]), "quote": r["quote"]} for r in graph.select("entity_quotes", e=iri)]
    quotes.sort(key=lambda q: (q["source"], q["quote"]))
    used = {x["source"] for x in relations + names + targets + quotes if x.get("source")}
    money = budget(graph, iri)
    cnt = counts(graph, iri)
    used |= {c["source"] for c in money + cnt if c["source"]}
    sources = list(sources_info(graph, [PREFIXES["src"] + s.split(":", 1)[1] for s in sorted(used) if s.startswith("src:")]).values())
    return {
        "entity": entity, "names": names, "quotes": quotes, "relations": relations, "budget": money,
        "counts": cnt, "targets": targets, "parts": _uniq_entities(parts), "part_of": _uniq_entities(wholes),
        "facts": facts, "sources": sources,
    }


def _uniq_entities(items):
    seen, out = set(), []
    for i in sorted(items, key=lambda d: d["label"]):
        if i["id"] not in seen:
            seen.add(i["id"])
            out.append(i)
    return out


def search(graph, text, *, limit=10):
    """Ranked candidate entities for TEXT (best first), with the level and rule that found each."""
    m = match(graph, text)
    score = {"exact": 1.0, "short": 0.95, "order": 0.95, "variant": 0.9, "words": 0.8, "typo": 0.7}.get(m.level, 0.0)
    ranked = [(e, score if m.sure else round(score * 0.9, 3), m.level, m.rule) for e in m.entities] if score else []
    key = name_key(text)
    if key and not ranked:  # nothing at the levels: a "did you mean"
        seen = {e for e, *_ in ranked}
        ranked += [(e, round(s * 0.75, 3), "near", "near") for e, s in near_misses(graph, key, cutoff=0.6) if e not in seen]
    ranked = sorted(ranked, key=lambda x: -x[1])[:limit]
    described = describe_many(graph, [e for e, *_ in ranked])
    out = []
    for e, s, level, rule in ranked:
        d = described[e]
        d["score"], d["match"], d["rule"] = s, level, rule
        out.append(d)
    return out


def stats(graph):
    """Counts of the graph."""
    rows = graph.select("stats")
    r = rows[0] if rows else {}
    by_type = [{"type": _local(x["type"]), "entities": x["n"]} for x in graph.select("stats_types")]
    out = {k: r.get(k) for k in ("quads", "entities", "relations", "claims", "targets", "sources", "relations_quoted", "claims_quoted")}
    facts = (r.get("relations") or 0) + (r.get("claims") or 0)  # claims include targets
    quoted = (r.get("relations_quoted") or 0) + (r.get("claims_quoted") or 0)
    out["quoted_share"] = round(quoted / facts, 4) if facts else None
    out["by_type"] = by_type
    return out
