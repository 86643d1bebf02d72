"""Named SPARQL queries shipped as .rq files; values are bound at run time, never pasted in."""
from functools import cache
from importlib.resources import files


@cache
def text(name):
    """The text of queries/NAME.rq."""
    return files(__name__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
