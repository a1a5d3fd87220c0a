"""Casebot's domain: cases and who may see what, documents, markings, the audit log, and the
storage that holds them."""
