"""The SQL registry: models, engine and migrations."""
