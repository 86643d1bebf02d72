"""What the command line prints, without click (the fast path of plain lookups uses it too): answers
on standard output, errors in one shape: text on standard error, or with ``--format json`` the error's
dict on standard output, so that scripts need not parse English. Then the error's exit status."""
import sys

from ..render.text import as_json, error_lines, terminal


def report(error, fmt=None):
    """Print a KGError: its dict as JSON on stdout with FMT json, else its lines on stderr."""
    if fmt == "json":
        sys.stdout.write(as_json(error.to_dict()) + "\n")
    else:
        sys.stderr.write(terminal("".join(line + "\n" for line in error_lines(error))))
    sys.stdout.flush()
    sys.stderr.flush()


def fail(error, fmt=None):
    """Report a KGError (never a traceback) and exit with its status."""
    report(error, fmt)
    sys.exit(error.exit_code)


def warn(graph):
    """The graph's warnings (e.g. answering from the last good build), once, on standard error."""
    for w in graph.warnings:
        sys.stderr.write(terminal(f"Warning: {w}\n"))
