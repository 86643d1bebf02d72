"""Relations (stub while being written)."""


def find(article, entities):
    return []


def quantities(article, entities):
    return {"amounts": [], "periods": [], "counts": []}
