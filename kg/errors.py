"""The exceptions kg raises: each carries a message fit to show a user as is."""


class KGError(Exception):
    """Base of every error kg reports to a user (exit status 1 at the command line)."""

    exit_code = 1


class DataError(KGError):
    """A data or ontology file cannot be read: names the file, the line and what is wrong."""

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class NotFound(KGError):
    """No entity matches the name; carries the nearest candidates."""

    def __init__(self, name, candidates=()):
        self.name, self.candidates = name, list(candidates)
        super().__init__(f"no entity matches {name!r}")


class Ambiguous(KGError):
    """Several entities match the name and none stands out; carries them all."""

    def __init__(self, name, candidates):
        self.name, self.candidates = name, list(candidates)
        super().__init__(f"{name!r} matches {len(self.candidates)} entities; say which one")


class QueryError(KGError):
    """A SPARQL query is malformed or asks for something kg refuses (SERVICE, updates)."""
