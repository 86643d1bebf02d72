"""The second wall behind the policy: a process that runs user queries over the embedded store can
open no network socket, so a SERVICE the policy missed still fetches nothing.

pyoxigraph has no switch to turn federation off, and its HTTP client is compiled in; so the wall is
the kernel's: a seccomp filter (through libseccomp, by ctypes) makes socket(AF_INET | AF_INET6) fail
with EACCES in this process, every thread included, for the rest of its life. Unix sockets (the
worker pool's pipes) keep working. Only processes that need no network afterwards are sealed: the
query workers of kg serve, and kg sparql or kg serve --get on the embedded store.
"""
import ctypes
import ctypes.util
import errno
import socket

_ALLOW = 0x7FFF0000  # SCMP_ACT_ALLOW
_ERRNO = 0x00050000  # SCMP_ACT_ERRNO(e) = _ERRNO | e
_CMP_EQ = 4  # SCMP_CMP_EQ
_ATTR_TSYNC = 4  # SCMP_FLTATR_CTL_TSYNC: the filter applies to every thread of the process
_sealed = False


class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def _library():
    name = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
    try:
        lib = ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgCmp)]
    lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    return lib


def seal():
    """Forbid this process new network sockets; True when the kernel applied the filter (also when it
    already was), False where seccomp is not available (then the policy alone stands)."""
    global _sealed
    if _sealed:
        return True
    lib = _library()
    if lib is None:
        return False
    ctx = lib.seccomp_init(_ALLOW)
    if not ctx:
        return False
    try:
        call = lib.seccomp_syscall_resolve_name(b"socket")
        ok = call >= 0
        for family in (socket.AF_INET, socket.AF_INET6):
            rule = _ArgCmp(0, _CMP_EQ, family, 0)
            ok = ok and lib.seccomp_rule_add_array(ctx, _ERRNO | errno.EACCES, call, 1, ctypes.byref(rule)) == 0
        ok = ok and lib.seccomp_attr_set(ctx, _ATTR_TSYNC, 1) == 0
        ok = ok and lib.seccomp_load(ctx) == 0
    finally:
        lib.seccomp_release(ctx)
    _sealed = ok
    return ok
