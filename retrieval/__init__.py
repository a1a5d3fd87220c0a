"""Retrieval: embeddings, the vector index, and (later) search and answering."""
