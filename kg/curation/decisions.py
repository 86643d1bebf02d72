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
    """{item key: {"decision", "by", "at", "fingerprint", and "type" or "link" when edited}} in the file
    at PATH. A decision belongs to an item by its fingerprint (what the item states), not by its id: a
    re-drafted article numbers its items anew, and a decision must never land on another item."""

    def __init__(self, path, draft=None):
        self.path = Path(path)
        self.entries, self.kept = {}, {}
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            stored = data["decisions"]
            if not isinstance(stored, dict) or not all(isinstance(e, dict) and e.get("decision") in DECISIONS
                                                       for e in stored.values()):
                raise ValueError("each decision is an object with a decision of accept or reject")
        except (ValueError, KeyError, TypeError, OSError) as e:
            raise DataError(self.path, None, f"not a decisions file kg review wrote ({e}); move it away to start over") from None
        by_print = {i.fingerprint: i.key for i in draft.items} if draft is not None else {}
        for key, entry in stored.items():
            now = by_print.get(entry.get("fingerprint")) if draft is not None else key
            if now is None:
                self.kept[key] = entry  # an item this draft no longer holds: kept in the file, never applied
            else:
                self.entries[now] = entry

    def get(self, key):
        return self.entries.get(key)

    def decided(self, key):
        return (self.entries.get(key) or {}).get("decision") in DECISIONS

    def record(self, key, decision, by, fingerprint=None, **edits):
        if decision not in DECISIONS:
            raise ValueError(decision)
        entry = {"decision": decision, "by": by, "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "fingerprint": fingerprint}
        entry.update({k: v for k, v in edits.items() if v})
        self.entries[key] = entry
        self.save()

    def save(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"decisions": {**self.kept, **self.entries}}, f, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.path)


def default_path(draft):
    return Path(str(draft) + ".review.json")
