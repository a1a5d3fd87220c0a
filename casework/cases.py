"""Cases: the unit of need-to-know."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from casework.storage.models import Case


def ensure_case(session: Session, case_id: str, title: str = "") -> Case:
    """The case with this id, created if it does not exist yet."""
    case = session.get(Case, case_id)
    if case is None:
        case = Case(id=case_id, title=title, created_at=datetime.now(UTC).replace(tzinfo=None))
        session.add(case)
    return case
