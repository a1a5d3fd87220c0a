"""What ingestion tells its user: every message says what went wrong and what to do next."""

from __future__ import annotations

NOT_FOUND = "no such file or folder; check the path"
BROKEN_LINK = "a symbolic link whose target does not exist; fix or remove the link"
SYMLINK_LOOP = "a symbolic link loop (the link points back at itself); fix or remove the link"
PERMISSION_DENIED = (
    "permission denied; give the user running Casebot read access, or copy the file somewhere "
    "readable"
)
NOT_A_REGULAR_FILE = "not a regular file (a device, socket or pipe); ingest files or folders only"
EMPTY_FILE = "the file is empty (0 bytes); check that it was copied or downloaded completely"
NO_TEXT = "no text could be extracted; if it is a scan, run OCR on it first"
NOTE_NEEDS_CASE = "case notes belong to a case: pass --case CASE_ID"
INGEST_ALREADY_RUNNING = (
    "another ingestion is running on this data folder; wait for it to finish and try again"
)


def cannot_read(error: OSError) -> str:
    return f"cannot be read ({error.strerror or error}); check the file and try again"


def too_large(size_bytes: int, limit_bytes: int) -> str:
    return (
        f"the file is {_megabytes(size_bytes)} MB, "
        f"over the {_megabytes(limit_bytes)} MB limit; "
        "split it, or raise MAX_FILE_MB"
    )


def unexpected(error: Exception) -> str:
    return (
        f"could not be ingested ({type(error).__name__}: {error}); the rest of the batch went on. "
        "If the file opens normally elsewhere, report this error"
    )


def _megabytes(size_bytes: int) -> str:
    return f"{size_bytes / 1048576:.3g}"
