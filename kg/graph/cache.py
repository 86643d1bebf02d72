"""The cache of built stores: one directory per set of input files (named by their fingerprint), and
for each set of data directories a pointer to its last good build."""
import os
from pathlib import Path

try:  # hashlib would load OpenSSL first: 4 ms of every lookup, for a hash of a few file names
    from _blake2 import blake2b
except ImportError:  # not CPython
    from hashlib import blake2b

from .files import cache_dir, user_data_dirs

# Bump when the build's output changes for the same input files.
BUILD_VERSION = "6"


def fingerprint(files):
    """Hash of the files' paths, sizes and modification times (cheap: no file is read)."""
    h = blake2b(BUILD_VERSION.encode(), digest_size=10)
    for f in files:
        st = os.stat(f)
        h.update(f"{Path(f).resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def store_dir(onto, data):
    """Where the store of these input files is (or will be) built: named by their fingerprint."""
    return cache_dir() / "stores" / fingerprint(onto + data)


def last_good_pointer(stores, data_dirs):
    """The file naming the last good build of this set of data directories (each set keeps its own)."""
    dirs = [str(Path(d).resolve()) for d in user_data_dirs(data_dirs)]
    return stores / f"last-good-{blake2b(chr(10).join(dirs).encode(), digest_size=6).hexdigest()}"


def retire(stores, pointer, fp):
    """Delete the store this data set used before, now that a new one is built."""
    old = pointer.read_text().strip() if pointer.exists() else ""
    if old and old != fp:
        import shutil  # only after a rebuild

        shutil.rmtree(stores / old, ignore_errors=True)


def holds(path, text):
    try:
        return path.read_text() == text
    except OSError:
        return False


def write_atomic(path, text):
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)
