"""Text rendering of answers for the terminal: lookups, counts, validation findings, SPARQL tables,
errors. The JSON format prints the answers' dicts as they are (as_json)."""
import re

import pyoxigraph as ox

from ..vocab import shorten

SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal(text):
    """TEXT safe to print on a terminal: control characters (an escape sequence in a label could move
    the cursor, retitle the window or hide lines) shown as U+FFFD; line breaks and tabs kept.

    >>> terminal("Busan\x1b]0;pwned\x07 Technopark")
    'Busan\ufffd]0;pwned\ufffd Technopark'
    """
    return _CONTROL.sub("\ufffd", text)


def as_json(value):
    """VALUE as the indented JSON every --format json prints (Hangul kept as is)."""
    import json  # ~3 ms, which a lookup printed as text never needs

    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def money(value, currency, as_written=None):
    """An amount as kg prints it everywhere, with the source's own words when they differ.

    >>> money(15600000000, "KRW", "15.6 billion KRW")
    '15,600,000,000 KRW (15.6 billion KRW)'
    >>> money(7.5, "KRW")
    '7.5 KRW'
    """
    text = f"{value:,} {currency}" if isinstance(value, int) else f"{value} {currency}"
    return f"{text} ({as_written})" if as_written and as_written not in text else text


def entity(e):
    ko = f" / {e['label_ko']}" if e.get("label_ko") else ""
    types = ", ".join(e["types"]) or "entity"
    return f"{e['label']}{ko} [{types}] ({e['id']})"


def _claims(lines, claims, indent="  "):
    for c in claims:
        value = money(c["value"], c["currency"], c["as_written"]) if c["currency"] else f"{c['value']}" + (" (approx.)" if c["approximate"] else "")
        year = f" in {c['fiscal_year']}" if c["fiscal_year"] else ""
        rank = "" if c["rank"] == "normal" else f" [{c['rank']}: {c['rank_reason']}]" if c["rank_reason"] else f" [{c['rank']}]"
        lines.append(f"{indent}{c['property']}{year}: {value}{rank}")
        lines.append(f"{indent}  {c['source']}: \"{c['quote']}\"")


def _source_details(s, sep):
    """' (publisher, date, machine-translated)' as far as known, or '' when nothing is."""
    bits = [x for x in (s.get("publisher"), s.get("date")) if x]
    if s.get("machine_translated"):
        bits.append("machine-translated")
    return f" ({sep.join(bits)})" if bits else ""


def _sources(lines, sources, indent="    "):
    for s in sources:
        own = [s["period"]] if s.get("period") else []
        own += [money(m["value"], m["currency"]) for m in s.get("money") or []]
        stated = f": {'; '.join(own)}" if own else ""  # a qualifier only this source states
        lines.append(f"{indent}source {s['id']}{_source_details(s, ', ')}{stated}")
        if s.get("quote"):
            lines.append(f"{indent}  \"{s['quote']}\"")


def who_leads(answer):
    lines = [entity(answer["entity"])]
    _claims(lines, answer["budget"])
    if not answer["leaders"]:
        lines.append("No source names who leads it.")
    for l in answer["leaders"]:
        period = f", {l['period']}" if l["period"] else ""
        lines.append(f"- {l['agent']['label']} ({l['agent']['id']}) {l['role']} it{period}")
        for m in l["money"]:
            lines.append(f"    money: {money(m['value'], m['currency'])}")
        _sources(lines, l["sources"])
    return "\n".join(lines)


def leads(answer):
    lines = [entity(answer["entity"])]
    if not answer["leads"]:
        lines.append("No source says it leads, chairs or heads anything.")
    for l in answer["leads"]:
        period = f", {l['period']}" if l["period"] else ""
        via = f" (through {l['via']['label']})" if l.get("via") else ""
        lines.append(f"- {l['role']} {l['target']['label']} [{', '.join(l['target']['types'])}] ({l['target']['id']}){period}{via}")
        best = [c for c in l.get("budget", []) if c["rank"] != "deprecated"]
        for c in best[:1]:
            lines.append(f"    {c['property']}: {money(c['value'], c['currency'], c['as_written'])}")
        _sources(lines, l["sources"])
    return "\n".join(lines)


def show(answer):
    e = answer["entity"]
    lines = [entity(e), "", "Names:"]
    for n in answer["names"]:
        origin = "background" if n["background"] else n["source"]
        lines.append(f"  {n['kind']:<12} {n['name']}  ({origin})")
    if answer["quotes"]:
        lines += ["", "In the sources:"]
        lines += [f"  {q['source']}: \"{q['quote']}\"" for q in answer["quotes"]]
    if answer["part_of"] or answer["parts"]:
        lines += ["", "Structure:"]
        lines += [f"  part of {p['label']} ({p['id']})" for p in answer["part_of"]]
        lines += [f"  has part {p['label']} [{', '.join(p['types'])}] ({p['id']})" for p in answer["parts"]]
    if answer["budget"] or answer["counts"]:
        lines += ["", "Money and counts:"]
        _claims(lines, answer["budget"] + answer["counts"])
    if answer["targets"]:
        lines += ["", "Targets and findings:"]
        for t in answer["targets"]:
            base = f"{t['baseline']} -> " if t["baseline"] is not None else ""
            unit = f" {t['unit']}" if t["unit"] else ""
            rate = " per year" if t["per_year"] else ""
            when = f" by {t['date']}" if t["date"] else ""
            approx = "about " if t["approximate"] else ""
            lines.append(f"  {t['kind']}: {t['indicator']}: {base}{approx}{t['value']}{unit}{rate}{when}")
            lines.append(f"    {t['source']}: \"{t['quote']}\"")
    if answer["relations"]:
        lines += ["", "Relations:"]
        for r in answer["relations"]:
            period = f", {r['period']}" if r["period"] else ""
            m = f", {money(r['money']['value'], r['money']['currency'])}" if r["money"] else ""
            if r["direction"] == "out":
                lines.append(f"  {r['role']} {r['other']['label']} ({r['other']['id']}){period}{m}")
            else:
                lines.append(f"  {r['other']['label']} ({r['other']['id']}) {r['role']} it{period}{m}")
            if r["commitment"]:
                lines.append(f"    commitment: {r['commitment']}")
            lines.append(f"    {r['source']}: \"{r['quote']}\"")
    if answer["facts"]:
        lines += ["", "Other facts:"]
        for f in answer["facts"]:
            arrow = f"{f['property']}: {f['value']}" if f["direction"] == "out" else f"{f['value']} {f['property']} it"
            lines.append(f"  {arrow}  ({f['source']})")
    if answer["sources"]:
        lines += ["", "Sources:"]
        for s in answer["sources"]:
            lines.append(f"  {s['id']}: {s['title']}{_source_details(s, '; ')}")
    return "\n".join(lines)


def search(results):
    if not results:
        return "No entity matches."
    return "\n".join(f"{r['score']:.2f}  {r['label']} [{', '.join(r['types'])}] ({r['id']})"
                     + (f"  by {r['rule']}" if r.get("rule") else "") for r in results)


def stats(s):
    lines = [f"quads: {s['quads']}", f"entities: {s['entities']}", f"qualified relations: {s['relations']}",
             f"claims (money, counts, targets, findings): {s['claims']}", f"sources: {s['sources']}",
             f"relations and claims with a quote: {s['quoted_share']:.1%}", "entities by type:"]
    lines += [f"  {t['type']}: {t['entities']}" for t in s["by_type"]]
    return "\n".join(lines)


def table(variables, rows):
    """A plain text table of SPARQL SELECT rows (values already strings)."""
    widths = [min(60, max([len(v)] + [len(r.get(v) or "") for r in rows])) for v in variables]
    def cut(s, w):
        return s if len(s) <= w else s[: w - 1] + "…"
    out = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        out.append("  ".join(cut(r.get(v) or "", w).ljust(w) for v, w in zip(variables, widths)).rstrip())
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def findings(items):
    """The validation report: one block per finding, then a summary line."""
    lines = []
    for f in items:
        src = f" [{', '.join(f['sources'])}]" if f["sources"] else ""
        lines.append(f"{f['severity'].upper():<9} {f['check']:<9} {f['entity']['label']} ({f['entity']['id']}){src}")
        lines.append(f"          {f['message']}")
    n = {s: sum(1 for f in items if f["severity"] == s) for s in SEVERITY_ORDER}
    lines.append(f"{n['violation']} violation(s), {n['warning']} warning(s), {n['info']} note(s)")
    return "\n".join(lines)


def cell(term):
    """An RDF term in a terminal table: ids short, English tags dropped, other language tags kept."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value + (f"@{term.language}" if term.language and term.language != "en" else "")


def sparql_result(result, fmt):
    """A kg.query.results.Result as the text or bytes kg sparql prints: a table (the default for SELECT
    and ASK), Turtle (the default for graphs), or FMT."""
    if result.kind == "graph":
        return result.serialize(fmt or "ttl")
    if fmt in (None, "table"):
        if result.kind == "ask":
            return "true" if result.boolean else "false"
        return table(result.variables, [{v: cell(r[v]) for v in result.variables} for r in result.rows])
    return result.serialize(fmt)


def error_lines(error):
    """The lines kg prints on standard error for a KGError: the message, then its candidates."""
    lines = [f"Error: {error}"]
    shown = getattr(error, "entities", None) or getattr(error, "candidates", None)
    if shown:
        lines.append("Did you mean:" if getattr(error, "code", "") == "not_found" else "Candidates:")
        lines += [f"  {entity(c) if isinstance(c, dict) else c}" for c in shown]
    elif getattr(error, "code", "") == "not_found":
        lines.append("No similar names either; try 'kg search WORDS'.")
    return lines
