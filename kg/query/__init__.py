"""SPARQL: one lexer and binder for query text, the read-only policy, results and their serialisers,
RDF terms as Python values, and kg's named queries (queries/*.rq)."""
