"""Chunks fit the embedding model whole, keep exact offsets and pages, and cover the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.chunking import Chunker
from ingestion.loaders.base import Section
from retrieval.embeddings import SentenceTransformerEmbedder
from retrieval.testing import WordTokenizer


@pytest.fixture(scope="module")
def real_tokenizer_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def statute_text(corpus_dir: Path) -> str:
    files = sorted((corpus_dir / "us-code-ip-enforcement-statutes").rglob("*.md"))
    return "\n\n".join(path.read_text() for path in files[:6])


def test_embedded_text_never_exceeds_the_model_limit(
    corpus_dir: Path, real_tokenizer_embedder: SentenceTransformerEmbedder
) -> None:
    tokenizer = real_tokenizer_embedder.tokenizer
    chunker = Chunker(tokenizer, real_tokenizer_embedder.max_tokens, 400, 40)
    long_title = "Trafficking in counterfeit goods or services " * 10
    plan = chunker.plan(long_title, [Section(statute_text(corpus_dir), page=3)])

    assert len(plan.pieces) > 10
    for text in plan.embedding_texts():
        assert tokenizer.count(text) <= real_tokenizer_embedder.max_tokens


def test_chunks_quote_the_document_text_exactly(corpus_dir: Path) -> None:
    chunker = Chunker(WordTokenizer(), 126, 80, 16)
    sections = [
        Section("First page. It talks about seizures at the port.", page=1),
        Section(statute_text(corpus_dir), page=2),
    ]
    plan = chunker.plan("Title", sections)

    for piece in plan.pieces:
        assert plan.full_text[piece.char_start : piece.char_end] == piece.text
    assert plan.pieces[0].page == 1
    assert {piece.page for piece in plan.pieces[1:]} == {2}


def test_chunks_cover_every_word_and_overlap_a_little(corpus_dir: Path) -> None:
    text = statute_text(corpus_dir)
    chunker = Chunker(WordTokenizer(), 126, 80, 16)
    plan = chunker.plan("Title", [Section(text)])

    covered = [False] * len(text)
    for piece in plan.pieces:
        for index in range(piece.char_start, piece.char_end):
            covered[index] = True
    uncovered = "".join(char for char, seen in zip(text, covered, strict=True) if not seen)
    assert uncovered.strip() == ""
    pairs = list(zip(plan.pieces, plan.pieces[1:], strict=False))
    overlaps = [previous.char_end - current.char_start for previous, current in pairs]
    gaps = [text[previous.char_end : current.char_start] for previous, current in pairs]
    assert all(
        gap.strip() == "" for gap, overlap in zip(gaps, overlaps, strict=True) if overlap < 0
    )
    assert sum(overlap > 0 for overlap in overlaps) > len(overlaps) / 4


def test_cuts_prefer_sentence_ends() -> None:
    sentences = [
        f"Sentence number {index} mentions container MSCU{index:07d}." for index in range(60)
    ]
    chunker = Chunker(WordTokenizer(), 126, 40, 0)
    plan = chunker.plan("Log", [Section(" ".join(sentences))])

    assert all(piece.text.endswith(".") for piece in plan.pieces)
    assert all(piece.token_count <= 40 for piece in plan.pieces)
