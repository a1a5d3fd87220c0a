"""Errors raised while ingesting, each meant to be shown to the person who ran the ingest.

    CasebotError                (casework/errors.py draws the whole tree)
    IngestError                 a file (or archive member) could not be ingested
    ├── UnreadableFileError     the file system refused: permissions, symlink loop, vanished
    ├── FileTooLargeError       over CASEBOT_MAX_FILE_MB
    ├── EmptyFileError          zero bytes, or no text at all after extraction
    ├── UnsupportedContentError the content is not a format Casebot reads (e.g. binary junk)
    ├── CorruptFileError        the format was recognised but the file is damaged
    ├── EncryptedFileError      a password-protected PDF or Office file
    ├── TextDecodingError       text whose character encoding cannot be determined
    └── UnsafeArchiveError      a zip bomb, a path-traversal member, too deep or too many members

Each message says what is wrong and what to do about it.
"""

from __future__ import annotations

from casework.errors import CasebotError


class IngestError(CasebotError):
    """A file could not be ingested; the message is shown to the user as is."""


class UnreadableFileError(IngestError):
    pass


class FileTooLargeError(IngestError):
    pass


class EmptyFileError(IngestError):
    pass


class UnsupportedContentError(IngestError):
    pass


class CorruptFileError(IngestError):
    pass


class EncryptedFileError(IngestError):
    pass


class TextDecodingError(IngestError):
    pass


class UnsafeArchiveError(IngestError):
    pass
