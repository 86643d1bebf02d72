"""The curator's decisions on a draft's items: who decided what, when, with the edits (a type, a link).

Kept as JSON beside the draft (``DRAFT.review.json``), rewritten whole after every decision (written to
a temporary file, then renamed over the old one: a crash or Ctrl-C never leaves half a file), so a review
can stop at any item and resume, and an item once rejected is never proposed again.
"""
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..errors import DataError

DECISIONS = ("accept", "reject")


class Decisions:
    """{item key: {"decision", "by", "at", and "type" or "link" when edited}} in the file at PATH."""

    def __init__(self, path):
        self.path = Path(path)
        self.entries = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = dict(data["decisions"])
            except (ValueError, KeyError, TypeError, OSError) as e:
                raise DataError(self.path, None, f"not a decisions file kg review wrote ({e}); move it away to start over") from None

    def get(self, key):
        return self.entries.get(key)

    def decided(self, key):
        return (self.entries.get(key) or {}).get("decision") in DECISIONS

    def record(self, key, decision, by, **edits):
        if decision not in DECISIONS:
            raise ValueError(decision)
        entry = {"decision": decision, "by": by, "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        entry.update({k: v for k, v in edits.items() if v})
        self.entries[key] = entry
        self.save()

    def save(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"decisions": self.entries}, f, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.path)


def default_path(draft):
    return Path(str(draft) + ".review.json")
