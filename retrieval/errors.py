"""The roots of retrieval's errors, under :class:`~casework.errors.CasebotError` (whose docstring
draws the whole tree)::

    RetrievalError              retrieval/errors.py
    ├── ModelNotOnDiskError     the embedding model is not on this machine (retrieval/embeddings.py)
    └── AnsweringError          answering went wrong
        ├── CitationLeakError         an answer cited what its viewer may not see: a defect
        ├── AnswerServiceClosedError  a question after the service was closed
        ├── LlmAnswerRejectedError    the model's reply cited no real source
        ├── LlmSettingsError          an LLM provider without the settings it needs
        └── PromptError               a prompt template that is missing or malformed
"""

from __future__ import annotations

from casework.errors import CasebotError


class RetrievalError(CasebotError):
    pass


class AnsweringError(RetrievalError):
    pass
