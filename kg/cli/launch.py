"""The ``kg`` command's entry point: opens the store in a thread while the command loads.

A plain lookup (``kg who-leads NAME``, see kg.cli.quick) is answered without click; the rest goes to
click. A cold lookup is mostly start-up: importing click (~55 ms here), importing pyoxigraph (~7 ms)
and opening RocksDB (~20 ms). Opening the store does not need click, so a thread does it while the
main thread imports click. The thread guesses the data directories from ``--data`` in argv;
kg.graph.embedded uses what it opened only if it is the very store the parsed command asks for, so a
wrong guess costs time, never a wrong answer.
"""
import os
import sys

from ..graph import ahead
from ..process import watch_memory
from . import quick


def _too_big(rss, limit):
    sys.stderr.write(f"Error: kg grew to {rss:,.0f} MB of memory, past its limit of {limit:,.0f} MB, and was stopped "
                     "(a query too large, or a damaged store: delete the cache's stores to rebuild them; "
                     "$KG_MAX_MEMORY sets the limit in MB)\n")
    sys.stderr.flush()
    os._exit(1)


def main():
    watch_memory(_too_big)
    dirs = data_dirs_in(sys.argv[1:])
    # Every module both threads need is imported above, before the thread starts: no module is ever
    # imported by both threads at once.
    thread = ahead.start(dirs) if dirs is not None else None
    plain = quick.parse(sys.argv[1:])
    if plain is not None:  # a plain lookup: answered without importing click (~55 ms)
        if thread is not None:
            thread.join()
        try:
            if quick.run(plain):
                return
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted.\n")
            sys.exit(130)
        except BrokenPipeError:  # `kg show X | head -1`: the reader left, nothing more to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
    from .commands import main as run  # click: the import the thread overlaps

    if thread is not None:
        thread.join()
    run()


def data_dirs_in(args):
    """The --data directories of a command line, or None when it runs no command.

    >>> data_dirs_in(["who-leads", "E-Mobility laser", "--data", "mine", "--data=theirs"])
    ['mine', 'theirs']
    >>> data_dirs_in(["--version"]) is None
    True
    >>> data_dirs_in(["show", "--", "--data"])
    []
    """
    if not args or args[0].startswith("-"):
        return None
    dirs, i = [], 1
    while i < len(args):
        a = args[i]
        if a == "--":
            break
        if a == "--data" and i + 1 < len(args):
            dirs.append(args[i + 1])
            i += 1
        elif a.startswith("--data="):
            dirs.append(a[len("--data="):])
        i += 1
    return dirs
