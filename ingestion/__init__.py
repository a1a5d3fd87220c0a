"""Ingestion: load → chunk → embed → index, with a registry that stays consistent."""
