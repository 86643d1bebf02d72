"""The example queries (*.rq): what the explorer's home and query pages list, and the README shows."""
from pathlib import Path

_HERE = Path(__file__).parent


def catalogue():
    """The example queries: [{"name", "title", "text"}] in name order, the title from the first comment."""
    out = []
    for f in sorted(_HERE.glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        first = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else f.stem
        out.append({"name": f.stem, "title": first, "text": text})
    return out
