"""Who a person is, spelled once: the ``user`` string every table and query is keyed by.

- a name from ``--auth`` (or an API token's owner): the name itself;
- a visitor signed in with Hugging Face: ``hf:<username>``;
- an anonymous visitor (one browser, or one anonymous API caller): ``anon:<32 hex>``;
- ``None``: the one shared person of a single-user app on 127.0.0.1.

Retention and quotas apply to anonymous visitors only, so the prefix is what they test.
"""

from __future__ import annotations

import re
import secrets

ANONYMOUS_PREFIX = "anon:"
HUGGING_FACE_PREFIX = "hf:"
# Also matched in SQL (regexp_full_match) by retention and stats.
ANONYMOUS_PATTERN = r"anon:[0-9a-f]{32}"
_ANONYMOUS = re.compile(ANONYMOUS_PATTERN)


def new_anonymous() -> str:
    """A fresh anonymous visitor id, unguessable (128 random bits)."""
    return ANONYMOUS_PREFIX + secrets.token_hex(16)


def is_anonymous(user: str | None) -> bool:
    """True for an anonymous visitor's id (not for ``None``, the single-user app's person)."""
    return user is not None and _ANONYMOUS.fullmatch(user) is not None


def hugging_face(username: str) -> str:
    """The ``user`` of a visitor signed in with Hugging Face as ``username``."""
    return HUGGING_FACE_PREFIX + username


def is_signed_in(user: str | None) -> bool:
    return user is not None and user.startswith(HUGGING_FACE_PREFIX)
