"""Credentials kept out of logs: URLs with their passwords blanked, and a filter that does it to
the HTTP clients' per-request log lines."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit


def redact_url(url: str | None) -> str | None:
    """A URL fit for logs: any password replaced; a user name given alone too, since a token in
    that place (``https://TOKEN@host``) is the password."""
    if not url:
        return url
    parts = urlsplit(url)
    host = f"{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    if parts.password:
        return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
    if parts.username:
        return urlunsplit(parts._replace(netloc=f"***@{host}"))
    return url


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>]+")
# The loggers that write a URL per request: httpx2's "HTTP Request: POST <url>" line (INFO) and the
# openai SDK's "HTTP Response: POST <url>" (DEBUG).
HTTP_LOGGERS = ("httpx2", "httpx", "openai._base_client")


class RedactUrls(logging.Filter):
    """Passwords in URLs blanked (with :func:`redact_url`) in every record of the logger it is on."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "@" in message:
            redacted = _URL.sub(lambda m: _redact_logged(m.group(0)), message)
            if redacted != message:
                record.msg, record.args = redacted, None
        return True


def _redact_logged(url: str) -> str:
    try:
        return redact_url(url) or ""
    except ValueError:  # not a URL after all (a bad port): keep only its scheme, never fail a log call
        return url.split("://", 1)[0] + "://[redacted]"


def redact_http_logs() -> None:
    """Keep credentials given in a server's URL (``OPENAI_BASE_URL=http://user:key@host``) out of
    the HTTP clients' per-request log lines. Idempotent."""
    for name in HTTP_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactUrls) for f in logger.filters):
            logger.addFilter(RedactUrls())
