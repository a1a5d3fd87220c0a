"""Who the command line acts for: the local operator, named by ``CASEBOT_OPERATOR`` or else the
OS user, so the audit log says whose terminal a question came from."""

from __future__ import annotations

import getpass

from casework.usecases.requester import Requester

UNKNOWN_OPERATOR = "unknown"


def operator_name(configured: str | None) -> str:
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return UNKNOWN_OPERATOR


def operator_requester(configured: str | None, case_id: str | None) -> Requester:
    """Every case, or with ``--case`` that case and public material."""
    return Requester.operator(operator_name(configured), case_id)
