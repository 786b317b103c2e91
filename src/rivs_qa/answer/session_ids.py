"""Session ids: made here, or sent by clients and checked before any store sees them."""

from __future__ import annotations

import re
import uuid

from rivs_qa.errors import BadQuestion

SESSION_ID_MAX = 128
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
SESSION_ID_RULE = f"a session id is 1-{SESSION_ID_MAX} characters of A-Z, a-z, 0-9, '_' or '-'"


def new_session_id() -> str:
    """A fresh random id: 32 hex characters (uuid4)."""
    return uuid.uuid4().hex


def validate_session_id(session_id: object) -> str:
    """``session_id`` if it is a well-formed id; :class:`BadQuestion` otherwise."""
    if not isinstance(session_id, str) or _SESSION_ID.fullmatch(session_id) is None:
        raise BadQuestion(f"invalid session id: {SESSION_ID_RULE}")
    return session_id
