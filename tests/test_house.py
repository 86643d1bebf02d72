"""The house rules of kg/: imports go one way (no cycle, no layer importing a higher one), lazy imports
say why, every module's doctests pass, no state outlives its graph, one error shape, and a source
checkout runs as the installed package does."""
import ast
import doctest
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"

# Lower layers never import higher ones (equal layers may, without a cycle).
LAYERS = [
    ("kg.errors", "kg.vocab", "kg.answers", "kg.process"),
    ("kg.query", "kg.names", "kg.render", "kg.library"),
    ("kg.graph",),
    ("kg.lookup", "kg.validation", "kg.rdf", "kg.network", "kg.views", "kg.curation"),
    ("kg",),  # the façade: kg/__init__.py
    ("kg.serve",),
    ("kg.cli",),
]


def _modules():
    """{module name: path} of every module of kg/ in this checkout."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name, path):
    """[(imported kg module, line, inside a function)] of one module; a package import counts as its
    __init__, and ``from P import M`` as M when M is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    inner = {id(n) for f in functions for n in ast.walk(f)}
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names if a.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module.split(".")[0] != "kg":
                continue
            subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES]
            targets = subs or [module]
        for t in targets:
            found.append((t, node.lineno, id(node) in inner))
    return found


def _layer(module):
    best = None
    for i, prefixes in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and (best is None or len(p) > best[1]):
                best = (i, len(p))
    return best[0]


def test_no_import_cycle_in_kg():
    graph = {m: {t for t, _, _ in _imports(m, p) if t != m} for m, p in MODULES.items()}
    state, cycles = {}, []

    def visit(m, stack):
        state[m] = "open"
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == "open":
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t, stack)
        stack.pop()
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [])
    assert cycles == []


def test_imports_go_down_the_layers():
    upward = [f"{m}:{line} imports {t}" for m, p in MODULES.items() for t, line, _ in _imports(m, p)
              if _layer(t) > _layer(m)]
    assert upward == []


def _lazy_imports():
    """(module, line, text) of every import inside a function, anywhere in kg/."""
    out = []
    for m, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for f in ast.walk(tree):
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in f.body:
                    for n in ast.walk(node):
                        if isinstance(n, (ast.Import, ast.ImportFrom)):
                            out.append((m, n.lineno, lines[n.lineno - 1].strip()))
    return sorted(set(out))


def test_every_lazy_import_says_why():
    """An import inside a function is for something heavy or rarely needed, and a comment on its group
    of import lines (or on the line just above the group) says what it costs or when it is needed."""
    silent = []
    for m, line, text in _lazy_imports():
        lines = MODULES[m].read_text(encoding="utf-8").splitlines()
        first = last = line - 1
        while first > 0 and lines[first - 1].strip().startswith(("import ", "from ")):
            first -= 1
        while last + 1 < len(lines) and lines[last + 1].strip().startswith(("import ", "from ")):
            last += 1
        group = lines[first:last + 1] + ([lines[first - 1]] if lines[first - 1].strip().startswith("#") else [])
        if not any("#" in g for g in group):
            silent.append(f"{m}:{line}: {text}")
    assert silent == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_doctests(module):
    failures, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_the_doctests_are_many():
    tried = sum(doctest.testmod(importlib.import_module(m))[1] for m in MODULES)
    assert tried >= 30


# --- no state outlives its graph ---------------------------------------------------------------------

TWIN = """@prefix src: <https://w3id.org/rip-kg/id/source/> . @prefix ag: <https://w3id.org/rip-kg/id/agent/> .
@prefix gr: <https://w3id.org/rip-kg/graph/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rip: <https://w3id.org/rip-kg/def#> .
src:twin a rip:Source ; dcterms:title "{title}" ; dcterms:language "en" ; rip:machineTranslated false .
gr:twin prov:wasDerivedFrom src:twin .
GRAPH gr:twin {{ ag:twin-body skos:prefLabel "Twin Body"@en . }}
"""


def test_two_graphs_opened_in_turn_each_give_their_own_sources(tmp_path):
    """The same source id with another title in each of two data sets: every answer names its own
    graph's title (a cache keyed by id(graph) once gave the other one's, when a closed graph's id was
    reused by the next one opened)."""
    dirs = {}
    for title in ("Title of the first", "Title of the second"):
        d = tmp_path / title.split()[-1]
        d.mkdir()
        (d / "twin.trig").write_text(TWIN.format(title=title), encoding="utf-8")
        dirs[title] = d
    seen = []
    for i in range(40):
        title = list(dirs)[i % 2]
        answer = kg.show("Twin Body", graph=kg.open_graph([dirs[title]]))
        seen.append([s["title"] for s in answer["sources"]])
    assert seen == [["Title of the first"], ["Title of the second"]] * 20


# --- one error shape ------------------------------------------------------------------------------------

def test_every_error_has_an_exit_status_an_http_status_and_a_dict():
    from kg import errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.KGError)]
    assert len(classes) >= 15
    codes = set()
    for cls in classes:
        assert isinstance(cls.exit_code, int) and 100 <= cls.http_status < 600 and cls.code
        codes.add(cls.code)
    assert len(codes) == len(classes)  # each class its own code
    assert errors.Ambiguous("Busan", ["x", "y"]).to_dict() == {
        "error": "ambiguous", "message": "'Busan' matches 2 entities; say which one", "candidates": ["x", "y"]}


def test_a_name_not_found_as_json_is_a_dict_on_stdout(run):
    r = run("who-leads", "Technopark of Marz", "--format", "json")
    assert (r.returncode, r.stderr) == (1, "")
    error = json.loads(r.stdout)
    assert error["error"] == "not_found" and error["message"] == "no entity matches 'Technopark of Marz'"
    # the nearest names, described as lookups describe entities
    assert any(c["id"] == "ag:busan-technopark" and c["label"] == "Busan Technopark" for c in error["candidates"])


def test_the_same_error_as_text_goes_to_stderr(run):
    r = run("who-leads", "Technopark of Marz")
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr.startswith("Error: no entity matches 'Technopark of Marz'\nDid you mean:\n")
    assert "  Busan Technopark / 부산테크노파크 [Technopark] (ag:busan-technopark)\n" in r.stderr


def test_json_errors_of_the_click_commands(run, tmp_path):
    r = run("partners", "Technopark of Marz", "--format", "json")
    assert (r.returncode, r.stderr) == (1, "") and json.loads(r.stdout)["error"] == "not_found"
    r = run("sparql", "SELECT ?x WHERE { ?x ?y }", "--format", "json")
    assert (r.returncode, r.stderr) == (1, "") and json.loads(r.stdout)["error"] == "bad_query"
    assert "malformed SPARQL at line 1" in json.loads(r.stdout)["message"]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.ttl").write_text("<a> <b> .\n")
    r = run("validate", "--data", str(bad), "--format", "json")
    assert (r.returncode, r.stderr) == (1, "") and json.loads(r.stdout)["error"] == "bad_data"
    assert "broken.ttl, line 1" in json.loads(r.stdout)["message"]


def test_export_and_validate_need_the_store_and_say_so_on_a_server():
    """Both read the store's quads; on a server they say so (they used to fail with AttributeError)."""
    from kg.errors import NotOnServer
    from kg.graph.remote import RemoteGraph
    from kg.graph.settings import Endpoint

    server = RemoteGraph(Endpoint("http://127.0.0.1:9/sparql"))  # never contacted: refused before any query
    with pytest.raises(NotOnServer, match="kg export works on the embedded store, not on a server"):
        kg.export("trig", graph=server)
    with pytest.raises(NotOnServer, match="kg validate works on the embedded store"):
        kg.validate(graph=server)
    with pytest.raises(NotOnServer, match="kg push works on the embedded store"):
        kg.push(Endpoint("http://127.0.0.1:9/sparql", store="http://127.0.0.1:9/store"), graph=server)


# --- a checkout runs --------------------------------------------------------------------------------------

def test_a_checkout_runs_cli_py_from_its_own_code(tmp_path):
    """`python cli.py …` in the repository imports the checkout's kg, which finds ontology/ and data/ at
    the top level (installed, they are inside the package)."""
    code = ("import runpy, sys; sys.argv = ['cli.py', 'who-leads', 'E-Mobility laser']; "
            "runpy.run_path('cli.py', run_name='__main__'); import kg; print(kg.__file__, file=sys.stderr)")
    env = {"KG_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == str(ROOT / "kg" / "__init__.py")
    assert "- Korea Institute of Machinery and Materials Busan Machinery Technology Research Center" in r.stdout


def test_the_server_answers_a_json_client_the_same_error_dict(run):
    query = "/sparql?query=ASK%20%7B%20SERVICE%20%3Chttp%3A%2F%2Fexample.org%2F%3E%20%7B%7D%20%7D"
    r = run("serve", "--get", query, "--accept", "application/json", "-i")
    head, _, body = r.stdout.partition("\n\n")
    assert r.returncode == 1 and head.startswith("HTTP/1.1 403 Forbidden\nContent-Type: application/json\n")
    assert json.loads(body) == {"error": "bad_request",
                                "message": "SERVICE is refused: kg does not fetch data from other endpoints"}
    r = run("serve", "--get", "/entity/ag:no-such-body/view", "--accept", "application/json", "-i")
    assert r.stdout.startswith("HTTP/1.1 404 Not Found\n")  # a page: HTML whatever the Accept
    r = run("serve", "--get", query, "-i")  # any other client: the message as text
    assert r.stdout.endswith("\n\nError: SERVICE is refused: kg does not fetch data from other endpoints\n")


def test_the_closed_term_sets_name_only_declared_terms():
    """kg.vocab's terms of the rip: namespace are declared in the ontology (a typo there would be a
    closed set that raises on the right name and accepts the wrong one)."""
    from rdflib import Graph, URIRef

    from kg import vocab
    from kg.graph.files import package_dir

    onto = Graph().parse(str(package_dir("ontology") / "rip.ttl"))
    declared = {str(s) for s in onto.subjects()}
    assert [t for t in vocab.rip if t not in declared] == []
    assert URIRef(vocab.rip.partOf) in set(onto.subjects())
    with pytest.raises(AttributeError, match="rip:partof is not a term kg knows"):
        getattr(vocab.rip, "partof")  # noqa: B009 - the typo is the point


def test_no_module_hides_behind_an_api_function():
    """`import kg.sparql.x` would find the function kg.sparql, not a package: no submodule of kg is
    named as an attribute of the façade."""
    names = {m.split(".")[1] for m in MODULES if m.count(".") >= 1}
    clash = sorted(n for n in names if n in kg.__all__ or (callable(getattr(kg, n, None)) and
                                                          not hasattr(getattr(kg, n), "__path__")
                                                          and not hasattr(getattr(kg, n), "__file__")))
    assert clash == []
