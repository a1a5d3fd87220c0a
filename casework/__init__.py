"""Casebot's domain: cases, documents, markings and the storage that holds them."""
