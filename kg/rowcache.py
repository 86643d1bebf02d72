"""Rows of named queries kept beside the store they come from (the store never changes once built)."""


def cached_rows(graph, names):
    """The rows of the named queries, each kept as JSON beside the store it comes from: reading ~100k
    relations out of the store takes seconds at 1M triples, reading the JSON a fraction of that. A store
    never changes once built, so a file is valid as long as its store is and its query text is the same."""
    import json
    import os

    from . import queries

    out = {}
    if graph.path is None:  # a remote server: its data can change, nothing is kept
        return {name: graph.select(name) for name in names}
    for name in names:
        path = graph.path / f"rows-{name}.json"
        text = queries.text(name)
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if cached.get("query") == text:
                out[name] = cached["rows"]
                continue
        except (OSError, ValueError):
            pass
        out[name] = graph.select(name)
        try:
            tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
            tmp.write_text(json.dumps({"query": text, "rows": out[name]}, ensure_ascii=False, default=float),
                           encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache: answer anyway, just without keeping the rows
    return out
