"""Where kg's input files are: the shipped ontology and data, and the user's data directories.

Installed, ``ontology/`` and ``data/`` sit inside the package (pyproject maps them there); in a source
checkout they sit beside it, at the repository's top level. Both are found without importing anything.
"""
import os
from pathlib import Path

from ..errors import DataError

DATA_SUFFIXES = (".trig", ".ttl", ".nq", ".nt")
DRAFT_SUFFIX = ".draft.trig"
# RDF in a syntax kg does not read: said, not skipped in silence
UNREAD = {".rdf": "RDF/XML", ".owl": "RDF/XML", ".xml": "RDF/XML", ".jsonld": "JSON-LD", ".n3": "N3"}
_PACKAGE = Path(__file__).resolve().parent.parent  # kg/


def package_dir(name):
    """Directory of a shipped resource folder ('ontology' or 'data'): inside the installed package, else
    at the top of the source checkout."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    beside = _PACKAGE.parent / name
    if beside.is_dir():
        return beside
    raise DataError(inside, None, f"the shipped {name} folder is missing: reinstall kg")


def user_data_dirs(extra=()):
    """User data directories: those given (--data) plus $KG_DATA (os.pathsep-separated)."""
    dirs = [Path(d) for d in extra]
    env = os.environ.get("KG_DATA", "")
    dirs += [Path(d) for d in env.split(os.pathsep) if d]
    return dirs


def data_files(directory):
    """The RDF files of one data directory, in a stable order."""
    directory = Path(directory)
    if directory.is_file():
        suffix = directory.suffix.lower()
        if suffix not in DATA_SUFFIXES:
            what = f"{UNREAD[suffix]} is not read by kg" if suffix in UNREAD else "not a data file kg reads"
            raise DataError(directory, None, f"{what}: give Turtle or TriG (.ttl, .trig; also .nt, .nq)")
        return [directory]
    if not directory.is_dir():
        raise DataError(directory, None, "no such data directory")
    with os.scandir(directory) as entries:  # the directory's own listing: no stat per file
        files = [directory / name for name in sorted(e.name for e in entries if e.is_file())]
    for p in files:
        if p.suffix.lower() in UNREAD:
            raise DataError(p, None, f"{UNREAD[p.suffix.lower()]} is not read by kg: convert it to Turtle or TriG "
                                     "(.ttl, .trig; also .nt, .nq), e.g. with rdflib or riot")
    # A draft (kg draft's ARTICLE.draft.trig) is proposals, not data: kg review turns it into data.
    return [p for p in files if p.suffix.lower() in DATA_SUFFIXES and not p.name.lower().endswith(DRAFT_SUFFIX)]


def input_files(data_dirs=()):
    """(ontology files, data files): the shipped ones first, then the user's."""
    onto = data_files(package_dir("ontology"))
    data = data_files(package_dir("data"))
    for d in user_data_dirs(data_dirs):
        data += data_files(d)
    return onto, data


def cache_dir():
    """kg's cache: $KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"
