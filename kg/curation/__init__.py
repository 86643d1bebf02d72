"""Reviewing a draft: the curator accepts, rejects or edits each drafted item; the accepted ones become
ordinary data with their quotes, validated like the rest.

>>> # s = Session("article.draft.trig"); s.decide(s.pending()[0].key, "accept", by="me"); s.write(Path("data"))
"""
import getpass
import os
from pathlib import Path

from ..errors import DataError, QueryError
from . import accepted
from .decisions import Decisions, default_path
from .items import read


class Session:
    """A draft and its decisions; PENDING items are those with no decision yet, in the draft's order."""

    def __init__(self, draft, decisions=None, by=None):
        self.draft = read(draft)
        self.decisions = Decisions(decisions or default_path(draft))
        self.by = by or _who()

    def pending(self):
        return [i for i in self.draft.items if not self.decisions.decided(i.key)]

    def number(self, item):
        """An item's number (from 1) in the draft: what --accept and the prompt use."""
        return self.draft.items.index(item) + 1

    def find(self, ref):
        """The item REF names: its number or its key; QueryError when none."""
        ref = str(ref).strip()
        if ref.isdigit() and 1 <= int(ref) <= len(self.draft.items):
            return self.draft.items[int(ref) - 1]
        item = self.draft.item(ref)
        if item is None:
            raise QueryError(f"the draft has no item {ref!r} (items are 1-{len(self.draft.items)} or their ids)")
        return item

    def decide(self, ref, decision, *, type=None, link=None):
        item = self.find(ref)
        if type and item.kind != "entity":
            raise QueryError(f"item {self.number(item)} is a {item.kind}: only a new entity's type can be edited")
        if link and item.kind not in ("entity", "names"):
            raise QueryError(f"item {self.number(item)} is a {item.kind}: only an entity is linked")
        self.decisions.record(item.key, decision, self.by, type=type, link=link)
        return item

    def write(self, path):
        """Write the accepted items to PATH (a .trig file); returns (statements, held back)."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise DataError(path, None, "is a directory: give the file to write (-o DIR/NAME.trig)")
        return accepted.write(self.draft, self.decisions, path)


def expand_refs(session, text):
    """Items of a list as typed: "all", "1,3,5-7", ids ("rel:draft-01-r2"); QueryError on a bad one."""
    if text.strip() == "all":
        return list(session.draft.items)
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        a, dash, b = part.partition("-")
        if dash and a.isdigit() and b.isdigit():
            out += [session.find(n) for n in range(int(a), int(b) + 1)]
        else:
            out.append(session.find(part))
    return out


def default_output(draft):
    """Beside the draft, named after its source: article.draft.trig -> article.trig."""
    name = Path(draft).name
    for end in (".draft.trig", ".trig"):
        if name.endswith(end):
            name = name[: -len(end)]
            break
    return Path(draft).with_name(name + ".trig")


def _who():
    try:
        return os.environ.get("KG_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no user name in a container without a passwd entry
        return "unknown"
