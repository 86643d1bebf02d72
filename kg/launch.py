"""The ``kg`` command's entry point: opens the store in a thread while the command loads.

A plain lookup (``kg who-leads NAME``, see kg.quick) is answered without click; the rest goes to click.

A cold lookup is mostly start-up: importing click (~55 ms here), importing pyoxigraph (~7 ms) and
opening RocksDB (~20 ms). The last two do not need click, so a thread does them while the main thread
imports it (measured: 20-30 ms less per cold process on 2 cores). The thread guesses the data
directories from ``--data`` in argv; kg.store uses what it opened only if it is the very store the
parsed command asks for, so a wrong guess costs time, never a wrong answer.
"""
import sys
import threading

_ahead = {"thread": None, "stores": {}}  # stores: store directory -> pyoxigraph Store opened ahead


def main():
    dirs = data_dirs_in(sys.argv[1:])
    thread = None
    if dirs is not None:
        # No module is ever imported by both threads at once: what both need is imported here first
        # (the data and ontology folders are namespace packages), the thread imports kg.store and
        # pyoxigraph, and the command starts, importing the rest, only once the thread is done.
        from . import errors, paths  # noqa: F401

        paths.package_dir("ontology")
        paths.package_dir("data")
        thread = _ahead["thread"] = threading.Thread(target=_open_ahead, args=(dirs,), daemon=True)
        thread.start()
    from . import quick

    plain = quick.parse(sys.argv[1:])
    if plain is not None:  # a plain lookup: answered without importing click (~55 ms)
        if thread is not None:
            thread.join()
        if quick.run(plain):
            return
    from .cli import main as run  # click: the import the thread overlaps

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


def _open_ahead(dirs):
    try:
        from .store import open_built

        found = open_built(dirs)
        if found is not None:
            _ahead["stores"][found[0]] = found[1]
    except Exception:  # noqa: BLE001 - the main thread opens the store itself and reports any problem
        pass


def opened_ahead(dest):
    """The store for directory ``dest`` if the thread opened it (waiting for the thread), else None."""
    thread = _ahead["thread"]
    if thread is None:
        return None
    thread.join()
    return _ahead["stores"].pop(str(dest), None)
