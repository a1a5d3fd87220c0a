"""Answers from retrieved evidence: extractive by default, an LLM when one is configured."""
