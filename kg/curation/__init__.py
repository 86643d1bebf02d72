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

    def __init__(self, draft, decisions=None, by=None, graph=None):
        self.draft = read(draft)
        self.decisions = Decisions(decisions or default_path(draft), self.draft)
        self.by = by or _who()
        self.graph = graph  # when given, a type must be a class of the ontology and a link an entity

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
        if type is not None:
            type = self._class(type)
        if link is not None:
            link = self._entity(link)
        self.decisions.record(item.key, decision, self.by, item.fingerprint, type=type, link=link)
        return item

    def _class(self, text):
        """TEXT (University, rip:University) as a class of the ontology, compact; QueryError when it is not one."""
        text = text.strip()
        compact = text if ":" in text else f"rip:{text}"
        iri = accepted.expand(compact)
        if not text or (self.graph is not None and not self.graph.select("is_class", c=iri)):
            raise QueryError(f"{text!r} is not a class of kg's ontology (e.g. University, Project, Council)")
        return compact

    def _entity(self, text):
        """TEXT (ag:busan-city) as an entity the graph holds; QueryError when it holds none."""
        text = text.strip()
        if not text or (self.graph is not None and not self.graph.exists(accepted.expand(text))):
            raise QueryError(f"{text!r} is no entity of the graph: give an id such as ag:busan-city (kg search finds it)")
        return text

    def write(self, path):
        """Write the accepted items to PATH (a .trig file); returns (statements, held back)."""
        path = Path(path)
        if path.resolve() == Path(self.draft.path).resolve():
            raise DataError(path, None, "is the draft itself: the accepted items go to another file (-o FILE)")
        if path.is_dir():
            raise DataError(path, None, "is a directory: give the file to write (-o DIR/NAME.trig)")
        if not path.parent.is_dir():
            raise DataError(path, None, f"cannot be written: no directory {path.parent}")
        try:
            return accepted.write(self.draft, self.decisions, path)
        except OSError as e:
            raise DataError(path, None, f"cannot be written: {e.strerror or e}") from None
        except ValueError as e:  # an id in a decisions file edited by hand that is no IRI
            raise DataError(self.decisions.path, None, f"a decision holds an id that is not an IRI ({e})") from None


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
            if int(a) > int(b):
                raise QueryError(f"{part!r} runs backwards: write {b}-{a}")
            out += [session.find(n) for n in range(int(a), int(b) + 1)]
        else:
            out.append(session.find(part))
    return out


def default_output(draft):
    """Beside the draft: article.draft.trig -> article.trig; any other name -> NAME.accepted.trig (never
    the draft itself)."""
    name = Path(draft).name
    if name.endswith(".draft.trig"):
        return Path(draft).with_name(name[: -len(".draft.trig")] + ".trig")
    return Path(draft).with_name((name[:-5] if name.endswith(".trig") else name) + ".accepted.trig")


def _who():
    try:
        return os.environ.get("KG_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no user name in a container without a passwd entry
        return "unknown"
