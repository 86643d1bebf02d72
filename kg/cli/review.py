"""`kg review` at the terminal: one item at a time, a key per decision, every decision saved at once
(so Ctrl-C or q loses nothing and the next run resumes where this one stopped)."""
import sys

import click

from ..errors import KGError
from ..render.text import terminal
from ..curation.lines import item_lines

KEYS = "[a]ccept  [r]eject  [t]ype  [l]ink  [s]kip  [q]uit"


def loop(session, names, ask=input, say=print):
    """Ask about each pending item until none is left or the curator quits; returns how many were decided."""
    decided = 0
    pending = session.pending()
    if not pending:
        say("Every item of this draft has a decision.")
        return 0
    say(f"{len(pending)} of {len(session.draft.items)} items to decide ({session.by}); decisions go to {session.decisions.path}")
    for item in pending:
        say("")
        say(terminal("\n".join(item_lines(session, item, names))))
        while True:
            try:
                key = ask(KEYS + "? ").strip().lower()[:1]
            except (EOFError, KeyboardInterrupt):
                say("")
                return decided
            try:
                if key == "a":
                    session.decide(item.key, "accept")
                elif key == "r":
                    session.decide(item.key, "reject")
                elif key == "t":
                    session.decide(item.key, "accept", type=ask("type (a class, e.g. University)? "))
                elif key == "l":
                    choice = ask("link to (an id, or the number of a near candidate)? ").strip()
                    if choice.isdigit() and 1 <= int(choice) <= len(item.candidates):
                        choice = item.candidates[int(choice) - 1]
                    session.decide(item.key, "accept", link=choice)
                elif key == "s":
                    break
                elif key == "q":
                    return decided
                else:
                    say("  " + KEYS)
                    continue
            except (KGError, EOFError, KeyboardInterrupt) as e:
                say(f"  {e}" if isinstance(e, KGError) else "")
                continue
            decided += 1
            break
    return decided


def summary(result):
    """The lines that end a review: what was written where, what was held back, what validation found."""
    lines = [f"Wrote {result['written']} statements to {result['output']} (decisions: {result['decisions']})."]
    for h in result["held"]:
        lines.append(f"  held back {h['item']}: {h['why']}")
    if result["pending"]:
        lines.append(f"{len(result['pending'])} items still to decide: run kg review again to go on.")
    # every violation (the data will not build without a fix); warnings and notes on this source only
    mine = [f for f in result["findings"] if f["severity"] == "violation" or result["source"] in f.get("sources", ())]
    if result["written"]:
        n = sum(f["severity"] == "violation" for f in mine)
        lines.append(f"kg validate with it: {n} violation(s), {len(mine) - n} warning(s) and note(s) on {result['source']}.")
        for f in mine[:20]:
            lines.append(f"  {f['severity']}: {f['entity']['label']} ({f['entity']['id']}): {f['message']}")
    return "\n".join(lines)


def interactive():
    return sys.stdin.isatty()


def echo(text):
    click.echo(terminal(text))
