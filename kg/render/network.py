"""Text and CSV rendering of the network answers (the JSON format prints the dicts as they are)."""
import csv
import io


def table(rows, columns):
    """A plain aligned table; columns are (header, key) pairs."""
    cells = [[h for h, _ in columns]] + [[_cell(r.get(k)) for _, k in columns] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def to_csv(rows, columns):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h for h, _ in columns])
    for r in rows:
        w.writerow([_cell(r.get(k)) for _, k in columns])
    return buf.getvalue()


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    return str(v)


def _entity(e):
    return f"{e['label']} [{e['type']}, {e['sector']}] ({e['id']})"


CENTRALITY = [("rank", "rank"), ("score", "score"), ("name", "label"), ("type", "type"), ("sector", "sector"), ("id", "id")]
BROKERS = [("rank", "rank"), ("cross-sector betweenness", "cross_sector_betweenness"), ("brokerage", "brokerage"),
           ("liaison", "liaison"), ("gatekeeper/representative", "gatekeeper/representative"),
           ("consultant", "consultant"), ("coordinator", "coordinator"), ("name", "label"), ("sector", "sector"), ("id", "id")]


def ranking(answer, columns, title):
    lines = [title, table(answer["results"], columns)]
    if answer.get("approximate"):
        lines.append(f"approximate: {answer['approximate']}")
    return "\n".join(lines)


def centrality(answer):
    title = (f"{answer['measure']} centrality in the institution network ({answer['nodes']} agents, "
             f"{answer['edges']} links{', units rolled up' if answer['by_parent'] else ''})")
    return ranking(answer, CENTRALITY, title)


def brokers(answer):
    title = (f"brokers across sectors in the institution network ({answer['nodes']} agents, {answer['edges']} links"
             f"{', units rolled up' if answer['by_parent'] else ''}); brokerage = Gould-Fernandez roles but coordinator")
    return ranking(answer, BROKERS, title)


def partners(answer):
    ps = answer["partners"]
    lines = [f"{_entity(answer['entity'])}: {len(ps)} partner(s)"]
    for p in ps:
        lines.append(f"  {p['label']} [{p['type']}, {p['sector']}] ({p['id']}): {p['weight']} shared")
        for s in p["shared"]:
            roles = "; ".join(f"{_short(who)} {', '.join(rs) or '(the item itself)'}" for who, rs in s["roles"].items())
            lines.append(f"    {s['label']} ({s['item']}): {roles}")
            for src, quote in dict.fromkeys((r["source"], r["quote"]) for r in s["relations"]):
                lines.append(f"      {src}: \"{quote}\"")
    return "\n".join(lines)


def _short(node_id):
    return node_id.split(":", 1)[-1]


PARTNERS = [("partner", "label"), ("id", "id"), ("type", "type"), ("sector", "sector"), ("shared", "weight"),
            ("items", "items"), ("sources", "sources")]


def partners_rows(answer):
    return [dict(p, items=[s["label"] for s in p["shared"]]) for p in answer["partners"]]


def path(answer):
    hops = answer["hops"]
    lines = [f"{_entity(answer['from'])}\n  to {_entity(answer['to'])}: {len(hops)} hop(s)"]
    for i, h in enumerate(hops, 1):
        lines.append(f"{i}. {h['statement']}")
        if h["quote"]:
            lines.append(f"   {h['source']}: \"{h['quote']}\"")
        elif h["source"]:
            lines.append(f"   stated in {h['source']}")
    return "\n".join(lines)


PATH = [("hop", "hop"), ("from", "from"), ("to", "to"), ("statement", "statement"), ("role", "role"),
        ("period", "period"), ("money", "money"), ("source", "source"), ("quote", "quote")]


def path_rows(answer):
    return [dict(h, hop=i) for i, h in enumerate(answer["hops"], 1)]


def communities(answer):
    cs = answer["communities"]
    lines = [f"{len(cs)} communities ({answer['algorithm']}, institution network)"]
    for c in cs:
        sectors = ", ".join(f"{s} {n}" for s, n in c["sectors"].items())
        lines.append(f"{c['community']}. {c['size']} member(s): {sectors}")
        lines.append("   members: " + "; ".join(f"{l} ({m})" for l, m in zip(c["labels"], c["members"])))
        if c["shared"]:
            lines.append("   sharing: " + "; ".join(f"{s['label']} ({s['links']} link(s))" for s in c["shared"]))
    return "\n".join(lines)


COMMUNITIES = [("community", "community"), ("size", "size"), ("member", "id"), ("name", "label"), ("sector", "sector")]


def communities_rows(answer):
    return [{"community": c["community"], "size": c["size"], "id": m, "label": l, "sector": s}
            for c in answer["communities"] for m, l, s in zip(c["members"], c["labels"], c["member_sectors"])]
