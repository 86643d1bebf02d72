"""The institution network: projections of the graph (projections), measures on them (measures,
graph-first networkx functions that return raw scores), and the API that resolves names (api)."""
