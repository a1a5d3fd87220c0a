"""What the command line says to its user."""

from __future__ import annotations

INGEST_HELP = "Ingest files or folders (recursively) into the index."
KIND_HELP = "note: case material (needs --case); filing: public-record material."
CASE_HELP = "The case the notes belong to; created if new."
MARKING_HELP = "Handling marking: PUBLIC, LES or 6E. Notes default to LES, filings to PUBLIC."
PRUNE_HELP = "Remove documents whose files are gone from the given folders."
JSON_HELP = "Print one JSON object instead of a summary."
VERIFY_HELP = "Check that the registry and the vector index agree."
REPAIR_HELP = "Drop orphan vectors and mark documents missing vectors for re-ingestion."
DEMO_HELP = "Ingest the fictional demo case shipped with Casebot and summarise it."

RUN_SUMMARY = (
    "Run {run_id}: {added} added, {updated} updated, {unchanged} unchanged, "
    "{removed} removed, {chunks} chunks indexed, {failed} failed, {skipped} skipped."
)
FAILED_HEADING = "Files that could not be ingested:"
SKIPPED_HEADING = "Passed over (not a format Casebot reads):"
INDEX_CONSISTENT = "Registry and vector index agree: {documents} documents, {vectors} vectors."
INDEX_INCONSISTENT = (
    "Registry and vector index disagree: {missing} documents missing vectors, "
    "{orphans} orphan versions. Run `casebot index verify --repair`, then ingest again."
)
INDEX_REPAIRED = "Repaired: orphan vectors dropped; documents missing vectors will be re-ingested."
DEMO_HEADING = "Demo case {case_id}: {title}"
DEMO_QUESTION = "Q: {question}"
DEMO_DOCUMENT_LINE = "  {kind:<6} {marking:<6} {chunks:>3} chunks  {title}"

ASK_HELP = "Answer a question from the indexed material, citing document, page and quote."
ASK_CASE_HELP = "Answer as a member of this case: public material plus this case's notes."
ASK_BATCH_HELP = "Answer one question per line of FILE ('-' for stdin; plain or JSON lines)."
ASK_NEEDS_QUESTION = "give a QUESTION, or --batch FILE"
SOURCES_HEADING = "Sources:"
CLOSEST_HEADING = "Closest documents:"
SOURCE_LINE = "  [{n}] {title}{page} ({kind}, {marking}{case})"
QUOTE_LINE = '      "{quote}"'
WITHHELD_LINE = (
    "{documents} restricted document(s) in case {case_id} also matched; "
    "ask in that case's channel or its lead."
)
NOTE_LINE = "Note: {note}"
BATCH_BAD_LINE = "line {line}: {error}"
