"""Named SPARQL queries shipped as .rq files; values are bound at run time, never pasted in."""
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent  # not importlib.resources: 10 ms of imports on every lookup


@cache
def text(name):
    """The text of queries/NAME.rq."""
    return (_HERE / f"{name}.rq").read_text(encoding="utf-8")
