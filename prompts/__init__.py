"""Prompt templates, one Markdown file each (front matter declares name, purpose, variables).
Loaded and validated by :mod:`retrieval.answering.prompts`."""
