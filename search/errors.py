"""Errors whose message is a sentence for the reader or the archivist."""


class BaokuError(Exception):
    """A problem the user can fix; ``str(error)`` says what to do."""


class QueryError(BaokuError):
    """The query cannot be run as written."""


class IndexMissing(BaokuError):
    """There is no index where one was expected."""


class IndexBusy(BaokuError):
    """Another indexer holds the index's write lock."""
