"""Validation: SHACL shapes (pySHACL) plus consistency checks the shapes cannot express well.

Each finding names the entity, the values and the sources:
- conflicting claims (two values of one quantity for one entity), with ranks and quotes; and conflicting
  targets (two sources set one indicator of one entity to different values or dates);
- parts against stated totals (money, counts of tasks and key projects), using best-ranked claims;
- counts of listed parts against stated counts ("4 strategies", "20 tasks");
- breakdowns against their total (53 + 15 + 3 = 71 key projects).
Severities: 'violation' (the data cannot all be true; exit 1), 'warning', 'info'.
"""
import unicodedata
import warnings
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from .graph.files import package_dir
from .lookup import describe
from .query.terms import DECIMAL, INTEGER
from .vocab import PREFIXES, rip, shorten

XSD = PREFIXES["xsd"]
SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}


def validate(graph, sources=None):
    """All findings, violations first. SOURCES: a directory of the articles' texts to check quotes against."""
    findings = shacl(graph) + consistency(graph) + normal_form(graph) + ill_typed(graph)
    if sources is not None:
        findings += quotes(graph, sources)
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f["severity"]], f["check"], f["entity"]["label"], f["message"]))


def _finding(graph, severity, check, iri, message, values=(), sources=()):
    e = describe(graph, iri) if iri else {"id": "-", "label": "-"}
    return {"severity": severity, "check": check, "entity": {"id": e["id"], "label": e["label"]},
            "message": message, "values": list(values), "sources": sorted(set(s for s in sources if s))}


def shacl(graph):
    """Run ontology/shapes.ttl with pySHACL over the graph (the union of its named graphs)."""
    nq = ox.serialize(graph.quads("kg validate"), format=ox.RdfFormat.N_QUADS)
    # rdflib logs a traceback for each ill-typed literal it parses; ill_typed reports them as findings
    import logging  # ~10 ms, which every lookup would pay: rdflib imports it here anyway

    rdflib_log = logging.getLogger("rdflib.term")
    level, rdflib_log.level = rdflib_log.level, logging.CRITICAL
    try:
        return _shacl(graph, nq)
    finally:
        rdflib_log.setLevel(level)


def _shacl(graph, nq):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # pySHACL and rdflib: ~1 s of imports, for kg validate only
        import pyshacl
        from rdflib import Dataset, Graph, Namespace

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = Dataset(default_union=True)
        data.parse(data=nq.decode(), format="nquads")
        shapes = Graph().parse(str(package_dir("ontology") / "shapes.ttl"), format="turtle")
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True, inference="none")
    SH = Namespace("http://www.w3.org/ns/shacl#")
    severity = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        msg = str(report.value(result, SH.resultMessage) or "does not conform")
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        text = f"{msg}" + (f" [{shorten(str(path))}]" if path is not None else "")
        out.append(_finding(graph, severity.get(report.value(result, SH.resultSeverity), "violation"), "shacl",
                            str(focus) if focus is not None and not str(focus).startswith("n") or ":" in str(focus) else None,
                            f"{shorten(str(focus))}: {text}", [str(value)] if value is not None else []))
    return out


def _best(claims):
    """Claims that count: deprecated ones never; if any is preferred, only the preferred."""
    live = [c for c in claims if c["rank"] != rip.DeprecatedRank]
    preferred = [c for c in live if c["rank"] == rip.PreferredRank]
    return preferred or live


def _fmt(v):
    return f"{v:,}" if isinstance(v, int) else str(v)


def consistency(graph):
    """The checks of sums, counts, breakdowns and conflicts."""
    out = []
    claims = defaultdict(list)  # (entity, prop) -> claims
    for r in graph.select("check_claims"):
        if not isinstance(r["value"], str):  # an ill-typed number is reported by ill_typed, not summed
            claims[(r["e"], r["prop"])].append(r)
    kinds = defaultdict(dict)
    for r in graph.select("check_quantities"):
        kinds[r["prop"]][r["kind"]] = r["other"]
    parts = defaultdict(list)  # whole -> [(part, direct, type)]
    for r in graph.select("check_parts"):
        parts[r["whole"]].append((r["part"], r["direct"], r["type"]))
    out += _conflicts(graph)
    for (whole, prop), whole_claims in sorted(claims.items()):
        label = _prop_label(prop)
        if "additive" in kinds[prop]:
            out += _sum_check(graph, whole, prop, label, whole_claims, parts, claims)
        if "counts" in kinds[prop]:
            out += _count_check(graph, whole, prop, label, whole_claims, parts, kinds[prop]["counts"])
    out += _breakdowns(graph, claims, kinds)
    # wholes that state no total but whose parts all have values: say what they sum to
    for whole, plist in sorted(parts.items()):
        direct = sorted({p for p, d, _ in plist if d})
        for prop in sorted(p for p, k in kinds.items() if "additive" in k):
            if (whole, prop) in claims or not direct:
                continue
            values = [_best(claims.get((p, prop), [])) for p in direct]
            if all(len({c["value"] for c in v}) == 1 for v in values):
                total = sum(v[0]["value"] for v in values)
                srcs = [c["src"] and shorten(c["src"]) for v in values for c in v]
                out.append(_finding(graph, "info", "sum", whole,
                                    f"{_prop_label(prop)}: its {len(direct)} parts sum to {_fmt(total)}, but no source states a total to check it against",
                                    [total], srcs))
    out += [_finding(graph, "warning", "labels", r["e"], "no English preferred label (skos:prefLabel @en)")
            for r in graph.select("check_unlabelled")]
    return out


def _counted_type(graph, prop):
    """The type of the parts a count property counts (read once per graph)."""
    known = graph.memo.setdefault("counted_types", {})
    if prop not in known:
        rows = [r for r in graph.select("check_quantities") if r["prop"] == prop and r["kind"] == "counts"]
        known[prop] = rows[0]["other"] if rows else None
    return known[prop]


def _prop_label(prop):
    local = prop.rsplit("#", 1)[-1]
    return {"totalCost": "total cost", "taskCount": "task count", "keyProjectCount": "key project count",
            "strategyCount": "strategy count", "projectCount": "project count"}.get(local, local)


def _conflicts(graph):
    out = []
    for r in graph.select("check_conflicts"):
        ranks = [(r["r1"] or rip.NormalRank).rsplit("#", 1)[-1].replace("Rank", "").lower(),
                 (r["r2"] or rip.NormalRank).rsplit("#", 1)[-1].replace("Rank", "").lower()]
        resolved = "deprecated" in ranks or "preferred" in ranks
        year = f" in {r['year']}" if r["year"] else ""
        msg = (f"{_prop_label(r['prop'])}{year}: {_fmt(r['v1'])} ({ranks[0]}, {shorten(r['s1'] or '')}: \"{r['q1']}\") "
               f"vs {_fmt(r['v2'])} ({ranks[1]}, {shorten(r['s2'] or '')}: \"{r['q2']}\")")
        msg += "; resolved by rank" if resolved else "; not resolved: rank one of them in data/curation.trig"
        out.append(_finding(graph, "warning", "conflict", r["e"], msg, [r["v1"], r["v2"]],
                            [shorten(r["s1"] or ""), shorten(r["s2"] or "")]))
    for r in graph.select("check_target_conflicts"):
        ranks = [(r[k] or rip.NormalRank).rsplit("#", 1)[-1].replace("Rank", "").lower() for k in ("r1", "r2")]
        resolved = "deprecated" in ranks or "preferred" in ranks
        ind = describe(graph, r["ind"])["label"]
        said = [f"{_fmt(r['v' + k])}{' by ' + str(r['d' + k]) if r['d' + k] is not None else ''}" for k in ("1", "2")]
        msg = (f"target on {ind}: {said[0]} ({ranks[0]}, {shorten(r['s1'] or '')}: \"{r['q1']}\") "
               f"vs {said[1]} ({ranks[1]}, {shorten(r['s2'] or '')}: \"{r['q2']}\")")
        msg += "; resolved by rank" if resolved else "; not resolved: rank one of them in data/curation.trig"
        out.append(_finding(graph, "warning", "conflict", r["e"], msg, said,
                            [shorten(r["s1"] or ""), shorten(r["s2"] or "")]))
    return out


def _sum_check(graph, whole, prop, label, whole_claims, parts, claims):
    counted = _counted_type(graph, prop)
    direct = sorted({p for p, d, t in parts.get(whole, []) if d and t != counted})
    if not direct:
        return []
    totals = sorted({c["value"] for c in _best(whole_claims)})
    per_part = {p: _best(claims.get((p, prop), [])) for p in direct}
    missing = [p for p, v in per_part.items() if not v]
    srcs = [shorten(c["src"]) for c in whole_claims if c["src"]]
    if len(missing) == len(direct) and not all(
            t == rip.Strategy for p, d, t in parts.get(whole, []) if d and p in direct):
        return []  # the parts are examples that never carry this quantity: nothing to compare
    if missing:
        return [_finding(graph, "info", "sum", whole,
                         f"{label}: the whole states {', '.join(map(_fmt, totals))} but only {len(direct) - len(missing)} of its "
                         f"{len(direct)} parts have a value, so the sum cannot be checked", totals, srcs)]
    lows = sum(min(c["value"] for c in v) for v in per_part.values())
    highs = sum(max(c["value"] for c in v) for v in per_part.values())
    srcs += [shorten(c["src"]) for v in per_part.values() for c in v if c["src"]]
    if lows != highs:
        inside = any(lows <= t <= highs for t in totals)
        return [_finding(graph, "warning", "sum", whole,
                         f"{label}: parts carry unresolved conflicting claims and sum to {_fmt(lows)}..{_fmt(highs)}; "
                         f"the whole states {', '.join(map(_fmt, totals))} ({'inside' if inside else 'outside'} that range)",
                         [lows, highs] + totals, srcs)]
    bad = [t for t in totals if t != lows]
    if bad:
        detail = " + ".join(_fmt(v[0]["value"]) for v in per_part.values())
        return [_finding(graph, "violation", "sum", whole,
                         f"{label}: its {len(direct)} parts sum to {_fmt(lows)} ({detail}) but the whole states {', '.join(map(_fmt, bad))}",
                         [lows] + bad, srcs)]
    return []


def _count_check(graph, whole, prop, label, whole_claims, parts, counted_type):
    listed = sorted({p for p, _, t in parts.get(whole, []) if t == counted_type})
    stated = sorted({c["value"] for c in _best(whole_claims)})
    srcs = [shorten(c["src"]) for c in whole_claims if c["src"]]
    kind = counted_type.rsplit("#", 1)[-1]
    out = []
    for n in stated:
        if not listed:
            continue  # the source gives a count without naming the parts
        if len(listed) > n:
            out.append(_finding(graph, "violation", "count", whole,
                                f"{label}: the source states {n} but the graph lists {len(listed)} parts of type {kind}", [n, len(listed)], srcs))
        elif len(listed) < n:
            out.append(_finding(graph, "info", "count", whole,
                                f"{label}: the source states {n}; the graph lists {len(listed)} of them by name", [n, len(listed)], srcs))
    return out


def _breakdowns(graph, claims, kinds):
    out = []
    components = defaultdict(list)  # total prop -> component props
    for prop, k in kinds.items():
        if "component" in k:
            components[k["component"]].append(prop)
    for (e, prop), cs in sorted(claims.items()):
        comps = components.get(prop)
        if not comps:
            continue
        values = [_best(claims.get((e, c), [])) for c in sorted(comps)]
        if not all(len({c["value"] for c in v}) == 1 for v in values):
            continue
        total = sum(v[0]["value"] for v in values)
        for t in sorted({c["value"] for c in _best(cs)}):
            if t != total:
                srcs = [shorten(c["src"]) for v in values for c in v if c["src"]]
                out.append(_finding(graph, "violation", "breakdown", e,
                                    f"{_prop_label(prop)}: the breakdown sums to {total} but the total stated is {t}", [total, t], srcs))
    return out


def normal_form(graph):
    """Text that is not in Unicode NFC: the same Hangul written two ways never matches a search."""
    out = []
    for q in graph.quads("kg validate"):
        o = q.object
        if isinstance(o, ox.Literal) and not unicodedata.is_normalized("NFC", o.value):
            out.append(_finding(graph, "warning", "text", q.subject.value if isinstance(q.subject, ox.NamedNode) else None,
                                f"{shorten(q.predicate.value)} {o.value!r} is not in Unicode NFC", [o.value]))
    return out


_LEXICAL = {XSD + t: (INTEGER, t) for t in ("integer", "int", "long", "nonNegativeInteger")}
_LEXICAL[XSD + "decimal"] = (DECIMAL, "decimal")


def ill_typed(graph):
    """Numbers whose text is not of their datatype ("1.2.3"^^xsd:decimal, "abc"^^xsd:integer): lookups
    show them as written, sums leave them out, and here each is a violation."""
    out = []
    for q in graph.quads("kg validate"):
        o = q.object
        if isinstance(o, ox.Literal) and o.datatype is not None and o.datatype.value in _LEXICAL:
            pattern, name = _LEXICAL[o.datatype.value]
            if not pattern.fullmatch(o.value):
                out.append(_finding(graph, "violation", "datatype",
                                    q.subject.value if isinstance(q.subject, ox.NamedNode) else None,
                                    f"{shorten(q.predicate.value)} {o.value!r} is not an xsd:{name}", [o.value],
                                    [shorten(q.graph_name.value)] if isinstance(q.graph_name, ox.NamedNode) else []))
    return out


def _plain(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def quotes(graph, sources):
    """Each quote must appear verbatim (up to spacing) in its source's text file, found in SOURCES (a
    directory, or several: the seeds in one, the Korean reports in another)."""
    dirs = [Path(sources)] if isinstance(sources, (str, Path)) else [Path(d) for d in sources]
    texts, out, unread = {}, [], defaultdict(int)
    for r in graph.select("check_quotes"):
        if not r["file"]:
            continue  # a background source with no text of its own
        if r["file"] not in texts:
            path = next((d / r["file"] for d in dirs if (d / r["file"]).is_file()), None)
            texts[r["file"]] = _plain(path.read_text(encoding="utf-8")) if path else None
        if texts[r["file"]] is None:
            unread[(r["src"], r["file"])] += 1
        elif _plain(r["quote"]) not in texts[r["file"]]:
            out.append(_finding(graph, "violation", "quote", r["node"] if not r["node"].startswith("_:") else None,
                                f"quote not found verbatim in {r['file']}: \"{r['quote']}\"", [r["quote"]], [shorten(r["src"])]))
    for (src, file), n in sorted(unread.items()):
        where = " or ".join(str(d) for d in dirs)
        out.append(_finding(graph, "info", "quote", None, f"{file} is not in {where}: {n} quote(s) of {shorten(src)} not checked",
                            [n], [shorten(src)]))
    return out
