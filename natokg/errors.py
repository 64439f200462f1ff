"""Errors that natokg reports to people, with the file, line, term or parameter at fault."""

from __future__ import annotations


class NatokgError(Exception):
    """Base class of every error natokg raises on purpose; the CLI prints it without a traceback.

    >>> str(NatokgError("graph/x.ttl:3: bad syntax"))
    'graph/x.ttl:3: bad syntax'
    """


class InputError(NatokgError):
    """A file that is missing, unreadable or not valid RDF.

    >>> InputError("missing file", path="graph/x.ttl").path
    'graph/x.ttl'
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class QueryError(NatokgError):
    """A query that cannot run: unknown name, bad syntax, bad parameter, or refused on purpose.

    >>> str(QueryError("unknown query 'x'"))
    "unknown query 'x'"
    """
