"""Search hits built by hand, for tests of answering that need no index."""

from __future__ import annotations

from datetime import date

from retrieval.search import Hit


def hit(text: str, chunk: str = "d1:0", title: str = "Release") -> Hit:
    """A public hit of one chunk (``"document:ordinal"``) holding ``text`` from its start."""
    document = chunk.split(":")[0]
    return Hit(
        chunk_id=chunk,
        document_id=document,
        title=title,
        source=f"/corpus/{document}.txt",
        url=None,
        page=None,
        kind="public",
        case_id=None,
        marking="public",
        document_date=date(2020, 1, 1),
        text=text,
        char_start=0,
        char_end=len(text),
        score=1.0,
        dense_similarity=0.5,
        lexical_score=1.0,
    )
