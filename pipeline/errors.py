"""Domain errors. Each carries a message a person can act on; none carries a secret."""

from __future__ import annotations


class GenerationError(Exception):
    """Base: ``reason`` is a short code, ``user_message`` is what the chat shows."""

    reason = "error"

    def __init__(self, user_message: str, *, reason: str | None = None):
        super().__init__(user_message)
        self.user_message = user_message
        if reason is not None:
            self.reason = reason


class InvalidRequest(GenerationError):
    """A request argument is out of range or unsupported; ``field`` names it."""

    reason = "invalid_request"

    def __init__(self, field: str, user_message: str):
        super().__init__(user_message)
        self.field = field


class BackendUnavailable(GenerationError):
    reason = "backend_unavailable"


class ModelNotFound(GenerationError):
    reason = "model_not_found"


class ContentRefused(GenerationError):
    reason = "content_policy"


class AuthenticationFailed(GenerationError):
    reason = "auth"


class RateLimited(GenerationError):
    reason = "rate_limited"


class BackendTimeout(GenerationError):
    reason = "timeout"


class OutOfMemory(GenerationError):
    reason = "oom"


class BackendFailure(GenerationError):
    """The backend answered with something unusable (5xx, malformed body, bad image)."""

    reason = "backend_error"


class QueueFull(GenerationError):
    """Too many waiting jobs: ``scope`` is "user" (this person's cap) or "global" (the server's)."""

    reason = "queue_full"

    def __init__(self, user_message: str, *, scope: str):
        super().__init__(user_message)
        self.scope = scope


class TooManyRequests(GenerationError):
    """One person asked for more images per minute than this server allows."""

    reason = "user_rate_limit"

    def __init__(self, user_message: str, *, retry_after_s: float):
        super().__init__(user_message)
        self.retry_after_s = retry_after_s
