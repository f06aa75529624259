"""Keeping a searcher on the newest commit of an index."""


def refreshed(ix, searcher):
    """A searcher on the newest commit.

    Whoosh's ``refresh()`` fails on a searcher of an empty index (its
    EmptyReader has no segments to reuse), so that one is reopened instead.
    """
    if searcher.doc_count_all() == 0:
        searcher.close()
        return ix.searcher()
    return searcher.refresh()
