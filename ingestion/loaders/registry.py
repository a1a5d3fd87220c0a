"""Chooses the loader for a blob: every loader scores it, the highest wins."""

from __future__ import annotations

from collections.abc import Sequence

from ingestion import messages
from ingestion.errors import (
    CorruptFileError,
    EncryptedFileError,
    IngestError,
    UnsupportedContentError,
)
from ingestion.loaders.base import Blob, Loader
from ingestion.loaders.sniff import OCTET_STREAM, OLE_STORAGE, sniff_media_type

OOXML_EXTENSIONS = frozenset({"docx", "xlsx", "pptx", "docm", "xlsm"})


class UnsupportedFormatError(IngestError):
    """Neither the content nor the name is a format Casebot reads (an image, a stylesheet).
    Inside a folder or an archive such a file is skipped rather than failed."""


class LoaderRegistry:
    def __init__(self, loaders: Sequence[Loader]) -> None:
        self._loaders = list(loaders)

    @property
    def loaders(self) -> tuple[Loader, ...]:
        """Every loader, in the order ties between equal scores are settled."""
        return tuple(self._loaders)

    def blob(self, name: str, data: bytes) -> Blob:
        return Blob(name=name, data=data, media_type=sniff_media_type(data, name))

    def choose(self, blob: Blob) -> Loader:
        scored = [(loader.score(blob), index, loader) for index, loader in enumerate(self._loaders)]
        best_score, _, best = max(scored, key=lambda item: (item[0], -item[1]))
        if best_score > 0:
            return best
        raise self._explain_unsupported(blob)

    def _explain_unsupported(self, blob: Blob) -> IngestError:
        claimed_by = [loader for loader in self._loaders if blob.extension in loader.extensions]
        if not claimed_by:
            return UnsupportedFormatError(messages.unsupported_format(blob.media_type))
        if blob.media_type == OLE_STORAGE and blob.extension in OOXML_EXTENSIONS:
            return EncryptedFileError(messages.office_file_encrypted(blob.extension))
        if blob.media_type == OCTET_STREAM:
            return UnsupportedContentError(
                messages.binary_named_as(blob.extension, claimed_by[0].name)
            )
        return CorruptFileError(
            messages.content_does_not_match_name(blob.extension, blob.media_type)
        )
