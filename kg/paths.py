"""Where kg's files are: the packaged ontology and data, user data directories, and the cache."""
import os
from pathlib import Path

DATA_SUFFIXES = (".trig", ".ttl", ".nq", ".nt")


def package_dir(name):
    """Directory of a packaged resource folder ('ontology' or 'data')."""
    from importlib import import_module

    return Path(import_module(f"kg.{name}").__file__).parent


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
        return [directory]
    if not directory.is_dir():
        from .errors import DataError

        raise DataError(directory, None, "no such data directory")
    return sorted(p for p in directory.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())


def cache_dir():
    """kg's cache: $KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"
