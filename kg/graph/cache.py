"""The cache of built stores: one directory per set of input files (named by their fingerprint), for
each data set a pointer to its last good build, and a lock file per store.

A store in use is never deleted under its reader: every process that opens a store holds a shared
lock on ``<store>.lock`` for as long as it lives (``hold``), and old stores are swept only when an
exclusive lock can be had (``sweep``): a running ``kg serve`` keeps answering from the build it
started with while other commands rebuild, and a worker it replaces re-opens that same build.
"""
import fcntl
import os
import re
from pathlib import Path

try:  # hashlib would load OpenSSL first: 4 ms of every lookup, for a hash of a few file names
    from _blake2 import blake2b
except ImportError:  # not CPython
    from hashlib import blake2b

from .files import cache_dir, package_dir, user_data_dirs

# Bump when the build's output changes for the same input files.
BUILD_VERSION = "7"
_STORE_NAME = re.compile(r"[0-9a-f]{20}")  # a fingerprint: what a pointer may hold, what a sweep may delete
_TEMPORARY = re.compile(r"\.([0-9a-f]{20})\.(?:tmp|derived)-([0-9]+)(?:\.nq)?")


def fingerprint(files):
    """Hash of the files' paths, sizes, inodes and modification and change times (cheap: no file is
    read). The change time moves on every write and cannot be set back, so an edit that keeps the size
    and restores the modification time (cp -p, rsync -t, touch -r) is seen too."""
    h = blake2b(BUILD_VERSION.encode(), digest_size=10)
    real = {}  # directory -> its real path: resolved once, not once per file (10,000 files: 0.37 -> 0.05 s)
    for f in files:
        head, name = os.path.split(os.fspath(f))
        where = real.get(head)
        if where is None:
            where = real[head] = os.path.realpath(head or ".")
        st = os.stat(f)
        h.update(f"{where}/{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode())
    return h.hexdigest()


def store_dir(onto, data):
    """Where the store of these input files is (or will be) built: named by their fingerprint."""
    return cache_dir() / "stores" / fingerprint(onto + data)


def last_good_pointer(stores, data_dirs):
    """The file naming the last good build of this data set: the user's data directories and the
    shipped folders (two installs of kg sharing a cache each keep their own)."""
    dirs = [str(Path(d).resolve()) for d in user_data_dirs(data_dirs)]
    dirs += [str(package_dir("ontology")), str(package_dir("data"))]
    return stores / f"last-good-{blake2b(chr(10).join(dirs).encode(), digest_size=6).hexdigest()}"


def read_pointer(pointer):
    """The store name a pointer file holds, or '' (none, unreadable, or not a store name: a pointer
    is never used as a path)."""
    try:
        name = pointer.read_text().strip()
    except OSError:
        return ""
    return name if _STORE_NAME.fullmatch(name) else ""


def holds(path, text):
    try:
        return path.read_text() == text
    except OSError:
        return False


def write_atomic(path, text):
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)


def hold(dest):
    """A shared lock on store DEST, held until the returned file is closed (or the process ends); None
    where the cache cannot hold a lock file (read-only: nothing there is swept by kg either)."""
    dest = Path(dest)
    path = dest.with_name(dest.name + ".lock")
    while True:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            f = open(path, "a+b")
        except OSError:
            return None
        fcntl.flock(f, fcntl.LOCK_SH)
        try:
            if os.fstat(f.fileno()).st_ino == os.stat(path).st_ino:
                return f
        except FileNotFoundError:
            pass
        f.close()  # a sweep removed this lock file while we waited: take the new one


class building:
    """An exclusive lock on ``<store>.build`` while the store is built: one build of a data set at a
    time, the next process waits, then opens it. The file stays (unlinked on release, a waiter and a
    newcomer could lock two files); a sweep removes it with its store."""

    def __init__(self, dest):
        self.path = Path(dest).with_name(Path(dest).name + ".build")

    def __enter__(self):
        self.f = open(self.path, "a+b")
        fcntl.flock(self.f, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        self.f.close()


def remove_if_alone(dest, lock):
    """Delete store DEST when this process's shared LOCK on it can be made exclusive (no other process
    holds it), then share it again; whether it was deleted."""
    import shutil  # only for a damaged store

    if lock is None:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    try:
        shutil.rmtree(dest, ignore_errors=True)
    finally:
        fcntl.flock(lock, fcntl.LOCK_SH)
    return True


def sweep(stores):
    """Delete the stores no pointer names and no process holds, and what builds killed midway left
    behind; returns the names deleted."""
    import shutil  # only after a rebuild

    named = {read_pointer(p) for p in stores.glob("last-good-*")}
    gone = []
    for entry in stores.iterdir():
        temporary = _TEMPORARY.fullmatch(entry.name)
        if temporary and not _alive(int(temporary.group(2))):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            gone.append(entry.name)
            continue
        if not _STORE_NAME.fullmatch(entry.name) or entry.name in named or not entry.is_dir():
            continue
        lock_path = entry.with_name(entry.name + ".lock")
        with open(lock_path, "a+b") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # in use: a later sweep deletes it
            shutil.rmtree(entry, ignore_errors=True)
            entry.with_name(entry.name + ".build").unlink(missing_ok=True)
            lock_path.unlink(missing_ok=True)
            gone.append(entry.name)
    return gone


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
