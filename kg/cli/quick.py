"""The three lookups in their plain form, answered without importing click.

Importing click costs ~55 ms of a ~130 ms cold ``kg who-leads`` on this machine, more than the lookup
itself. ``kg who-leads|leads|show NAME [--data DIR]... [--format table|json]`` is recognised here and
answered by the very functions the click commands call (the kg API, kg.render, kg.cli.output for
errors); any other form (help, ``--endpoint``, an unknown option, ``--``) returns None and goes to
click, as does any run with a configured SPARQL server.
"""
import sys

import kg

from ..errors import KGError
from ..graph import open_graph, settings
from ..render import text as render
from .output import fail, warn

# command -> (the API function, its text rendering): the click commands use the same table
LOOKUPS = {"who-leads": (kg.who_leads, render.who_leads), "leads": (kg.leads, render.leads),
           "show": (kg.show, render.show)}
FORMATS = ("table", "json")


def parse(args):
    """(command, name, data dirs, format) of a plain lookup command line, else None.

    >>> parse(["who-leads", "E-Mobility laser", "--data", "mine", "--format=json"])
    ('who-leads', 'E-Mobility laser', ['mine'], 'json')
    >>> parse(["show", "--", "-x"]) is None, parse(["leads", "A", "B"]) is None, parse(["search", "A"]) is None
    (True, True, True)
    >>> parse(["leads", "A", "--format", "csv"]) is None
    True
    """
    if not args or args[0] not in LOOKUPS:
        return None
    name, data, fmt, rest, stale_ok = None, [], "table", args[1:], False
    while rest:
        a = rest.pop(0)
        if a == "--stale-ok":
            stale_ok = True
            continue
        if a in ("--data", "--format") and rest:
            value = rest.pop(0)
        elif a.startswith(("--data=", "--format=")):
            a, value = a.split("=", 1)
        elif not a.startswith("-") and name is None:
            name = a
            continue
        else:
            return None
        if a == "--data":
            data.append(value)
        elif value in FORMATS:
            fmt = value
        else:
            return None  # click's message for a bad --format
    if name is None or not name.strip():
        return None  # click's usage message
    return (args[0], name, data, fmt) + ((True,) if stale_ok else ())


def run(parsed):
    """Answer a plain lookup (what parse returned) and return True, or return False (nothing printed)
    for click to handle it."""
    command, name, data, fmt, *stale_ok = parsed
    ask, show = LOOKUPS[command]
    try:
        if settings() is not None:  # a SPARQL server is configured: the click path opens it
            return False
        graph = open_graph(data)
        warn(graph)
        answer = ask(name, graph=graph)
    except KGError as e:
        fail(e, fmt)
    sys.stdout.write((render.as_json(answer) if fmt == "json" else render.terminal(show(answer))) + "\n")
    sys.stdout.flush()
    if graph.stale and not stale_ok:
        sys.exit(1)  # answered from the last good build: said on stderr, and in the status
    return True
