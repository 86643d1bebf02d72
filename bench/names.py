"""The names corpus (tests/names_corpus.tsv) against this kg, and against another install, in one run.

    python bench/names.py [--against OTHER_PYTHON] [--show wrong|all]

Each case is a name as people write it with the entity it means, or `none` when kg must not answer with
one entity. Outcomes: correct (the entity meant), candidates (not answered; the entity meant is listed),
not found, false merge (answered with another entity: the worst answer kg can give). OTHER_PYTHON is
the python of another install (say the last release in its own venv): the same cases through its
resolver, to print beside this one's figures.
"""
import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "names_corpus.tsv"

RUN = r"""
import json, sys
import kg
from kg.vocab import shorten
g = kg.open_graph()
out = []
for q in json.load(sys.stdin):
    try:
        out.append(["answer", shorten(kg.resolve(q, graph=g) if hasattr(kg, "resolve") else
                                      __import__("kg.names.resolve", fromlist=["resolve"]).resolve(g, q))])
    except kg.Ambiguous as e:
        out.append(["ambiguous", [shorten(c) for c in e.candidates]])
    except kg.NotFound as e:
        out.append(["not_found", [shorten(c) for c in e.candidates]])
    except kg.KGError as e:
        out.append(["error", str(e)])
print(json.dumps(out))
"""


def cases():
    rows = [r for r in CORPUS.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    return [(r["query"], r["expect"], r["kind"], r["note"]) for r in csv.DictReader(rows, delimiter="\t",
                                                                                    quoting=csv.QUOTE_NONE)]


def outcome(expect, got):
    """correct, candidates, not found or false merge, for one case."""
    kind, value = got
    if kind == "answer":
        return "correct" if value == expect else "false merge"
    if expect == "none":
        return "correct"
    if kind == "ambiguous" and expect in value:
        return "candidates"
    return "not found" if kind == "not_found" else "candidates"


def run(python, queries):
    # from another directory: a checkout's kg/ beside the working directory would shadow the install
    r = subprocess.run([python, "-c", RUN], input=json.dumps(queries), capture_output=True, text=True, cwd="/")
    if r.returncode:
        raise SystemExit(f"{python} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout)


def main(argv):
    other = argv[argv.index("--against") + 1] if "--against" in argv else None
    show = argv[argv.index("--show") + 1] if "--show" in argv else "wrong"
    cs = cases()
    queries = [q for q, *_ in cs]
    mine = run(sys.executable, queries)
    theirs = run(other, queries) if other else None
    counts, before = Counter(), Counter()
    for i, (q, expect, kind, _note) in enumerate(cs):
        o = outcome(expect, mine[i])
        counts[o] += 1
        if theirs:
            before[outcome(expect, theirs[i])] += 1
        if show == "all" or (o != "correct" and show == "wrong"):
            print(f"{o:12} {kind:22} {q!r} -> {mine[i]}  (expected {expect})")
    print(f"\n{len(cs)} cases ({sum(e != 'none' for _, e, *_ in cs)} with an entity, "
          f"{sum(e == 'none' for _, e, *_ in cs)} that must not resolve)")
    print(f"{'outcome':14}{'this kg':>9}" + (f"{'other':>9}" if theirs else ""))
    for o in ("correct", "candidates", "not found", "false merge"):
        print(f"{o:14}{counts[o]:>9}" + (f"{before[o]:>9}" if theirs else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
