"""What answers say to their reader, apart from the evidence itself."""

from __future__ import annotations

NO_EVIDENCE = "No indexed evidence answers this."
LLM_FAILED = (
    "The language model did not answer ({reason}); this answer was extracted directly from the "
    "sources instead."
)
LLM_UNCITED_DROPPED = "{count} statement(s) without a valid citation were left out."
LLM_NEEDS_MODEL = (
    "CASEBOT_LLM_PROVIDER={provider} needs CASEBOT_LLM_MODEL (the model's name); set it, or set "
    "CASEBOT_LLM_PROVIDER=none to answer extractively"
)
LLM_NEEDS_API_KEY = "CASEBOT_LLM_PROVIDER=anthropic needs CASEBOT_LLM_API_KEY; set it"
PARTS_NOT_ANSWERED = "The sources found do not say: {parts}."
LLM_PART_WITHOUT_EVIDENCE = "(no sentence of the sources answers this part)"
