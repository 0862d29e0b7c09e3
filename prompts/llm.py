"""Optional rewriting by a chat model (OpenAI's chat completions, or any server speaking it).

The rule-based prompt is always made first; the chat model only rewrites it. Any failure
(no answer in time, an error status, an unusable answer) keeps the rule-based prompt and
adds a warning, so a broken rewriter never stops a picture.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .values import Turn

TEMPLATE = Path(__file__).with_name("rewrite_template.txt")


@dataclass(frozen=True)
class LLMConfig:
    api_key: str
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    timeout_s: float = 8.0

    def __repr__(self) -> str:  # the key never appears in logs or tracebacks
        return f"LLMConfig(model={self.model!r}, base_url={self.base_url!r}, timeout_s={self.timeout_s})"

    @classmethod
    def from_env(cls, model: str | None = None, timeout_s: float = 8.0) -> "LLMConfig | None":
        """A config when OPENAI_API_KEY is set, else None (rewriting stays off)."""
        key = os.environ.get("OPENAI_API_KEY", "").strip()
        if not key:
            return None
        return cls(api_key=key, model=model or os.environ.get("IMAGECHAT_PROMPT_MODEL", "gpt-4o-mini"),
                   base_url=os.environ.get("OPENAI_BASE_URL") or None, timeout_s=timeout_s)


class RewriteFailed(Exception):
    """The chat model gave no usable prompt; ``reason`` is fit for the chat."""


def build_messages(*, message: str, draft: str, previous: str, history: Sequence[Turn],
                   target_label: str, wording: str, limit: str) -> list[dict]:
    wording_rule = (
        "Write short comma-separated phrases (subject first, then setting, lighting, style), not sentences."
        if wording == "tags" else
        "Write natural, concrete sentences describing the scene, the style and the light."
    )
    lines = [f"{t.role}: {t.content}" + (f" [prompt: {t.prompt}]" if t.prompt else "") for t in list(history)[-6:]]
    text = TEMPLATE.read_text(encoding="utf-8").format(
        target_label=target_label, wording_rule=wording_rule, limit=limit,
        history="\n".join(lines) or "(none)", message=message, previous=previous or "(none)", draft=draft,
    )
    return [{"role": "user", "content": text}]


def rewrite(config: LLMConfig, messages: list[dict]) -> str:
    """The rewritten prompt; raises RewriteFailed with a short reason."""
    try:
        import openai
    except ImportError as exc:  # pragma: no cover - openai is a runtime dependency
        raise RewriteFailed("the openai package is not installed") from exc
    client = openai.OpenAI(api_key=config.api_key, base_url=config.base_url,
                           timeout=config.timeout_s, max_retries=0)
    try:
        resp = client.chat.completions.create(model=config.model, messages=messages, temperature=0.4)
    except openai.APITimeoutError as exc:
        raise RewriteFailed(f"no answer within {config.timeout_s:g} s") from exc
    except openai.APIStatusError as exc:
        raise RewriteFailed(f"the server answered {exc.status_code}") from exc
    except openai.APIConnectionError as exc:
        raise RewriteFailed("could not reach the server") from exc
    except Exception as exc:  # malformed bodies surface as assorted errors inside the SDK
        raise RewriteFailed("the answer could not be read") from exc
    finally:
        client.close()
    try:
        content = resp.choices[0].message.content
    except (AttributeError, IndexError, TypeError) as exc:
        raise RewriteFailed("the answer could not be read") from exc
    text = _clean_answer(content if isinstance(content, str) else "")
    if not text:
        raise RewriteFailed("the answer was empty")
    return text


def _clean_answer(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^(?:(?:revised |rewritten |final )?prompt)\s*:\s*", "", text, flags=re.I)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`":
        text = text[1:-1].strip()
    return re.sub(r"\s+", " ", text)
