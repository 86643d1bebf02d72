"""What kg knows of its own processes: their resident memory, and the bound on it.

A query, or a damaged store (a flipped bit made ``kg stats`` allocate until the kernel's out-of-memory
killer came, 23.9 GB), must not take the machine: every kg command and every query worker is stopped
past MEMORY_LIMIT with a message. The limit is ``$KG_MAX_MEMORY`` (MB), else half the machine's memory.
"""
import os
import threading

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_mb(pid="self"):
    """Resident memory of a process in MB (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * _PAGE / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def memory_limit_mb():
    """$KG_MAX_MEMORY (MB), else half of the machine's memory.

    >>> os.environ["KG_MAX_MEMORY"] = "1500"; memory_limit_mb()
    1500.0
    >>> del os.environ["KG_MAX_MEMORY"]; memory_limit_mb() > 100
    True
    """
    value = os.environ.get("KG_MAX_MEMORY", "")
    try:
        if value and float(value) > 0:
            return float(value)
    except ValueError:
        pass
    try:
        with open("/proc/meminfo") as f:
            total_kb = int(next(line for line in f if line.startswith("MemTotal:")).split()[1])
        return total_kb / 1000 / 2
    except (OSError, StopIteration, ValueError):
        return 8000.0


def watch_memory(on_exceed, limit_mb=None, every=0.1):
    """Call on_exceed(resident MB, limit MB) once this process grows past the limit (a daemon thread
    that looks every EVERY seconds; the engine runs without the interpreter lock, so it gets its turn)."""
    limit = limit_mb or memory_limit_mb()

    def watch():
        stop = threading.Event()
        while not stop.wait(every):
            rss = resident_mb()
            if rss > limit:
                on_exceed(rss, limit)
                return

    thread = threading.Thread(target=watch, name="kg-memory", daemon=True)
    thread.start()
    return thread
