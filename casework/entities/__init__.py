"""Entities (identifiers and names), where they are mentioned, and the cases they connect."""
