"""One loader per family of formats (see :mod:`ingestion.loaders.catalog` for the set)."""
