"""The one interface both interpreters implement: a message and what the conversation knows
→ an :data:`~conversation.actions.Action`, with who understood it and any notes."""

from __future__ import annotations

import re
from typing import Iterator, Protocol, Union

from pydantic import BaseModel, ConfigDict

from conversation.actions import Action
from conversation.scene import Scene


class Picture(BaseModel):
    """A picture of the conversation as a question about it needs it: its number and recipe."""

    model_config = ConfigDict(frozen=True)

    number: int  # 1-based, in the order the pictures were made
    prompt_typed: str = ""
    prompt_sent: str = ""
    negative_prompt: str = ""
    seed: int | None = None
    steps: int | None = None
    guidance: float | None = None
    width: int | None = None
    height: int | None = None
    backend: str = ""
    model: str = ""
    style: str = "none"
    seconds: float | None = None
    batch: int = 1  # how many images its turn drew ("3 different logos": 3, consecutive seeds from ``seed``)
    # Its message's pictures when that message drew several different ones ("in red, blue and green"): how many,
    # and its 1-based place among them; each is a picture of its own.
    variants: int = 1
    variant: int = 1

    def says(self, word: str, *, inside: bool = False) -> bool:
        """Whether its prompt, as typed or as sent, names the word: at the start of a word ("robot" in "robots"),
        or its noun when the word is an adjective ("foggy": "fog"), or a plural's singular; ``inside``: anywhere in
        a word too ("cup" in "teacup")."""
        return _naming(word, inside).search(f"{self.prompt_sent} {self.prompt_typed}") is not None


def prompt_parts(prompt: str) -> list[str]:
    """A prompt's comma-separated parts, trimmed, empty ones left out: what two pictures' prompts are compared by."""
    return [part.strip() for part in prompt.split(",") if part.strip()]


def _naming(word: str, inside: bool) -> re.Pattern[str]:
    word = word.lower().strip()
    forms = {word}
    if len(word) > 4 and word.endswith("y"):  # "the foggy one" is the one with fog in it
        forms.add(re.sub(r"(\w)\1?y$", r"\1", word))
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if word in _ORIGIN_LOOKS:  # "the japanese one" is the ukiyo-e print
        alternatives += "|" + _ORIGIN_LOOKS[word]
    return re.compile(("" if inside else r"\b") + f"(?:{alternatives})", re.I)


# Looks named by where they come from, as people call them: the words a prompt of that look says.
_ORIGIN_LOOKS = {
    "japanese": r"ukiyo-?e|woodblock|sumi-?e|hokusai|hiroshige|edo period|anime|manga|ghibli|japan",
    "chinese": r"ink wash|guohua|shan shui|china",
    "dutch": r"vermeer|rembrandt|golden age|van gogh",
    "french": r"impressionis\w*|monet|renoir|art nouveau|mucha|paris",
    "russian": r"constructivis\w*|icon painting",
    "mexican": r"day of the dead|papel picado|frida|kahlo",
    "daytime": r"day|daylight|daytime|sunlight|sunny|noon|midday|morning|afternoon",  # "the daytime one"
    "day": r"daylight|daytime|sunlight|sunny|noon|midday|morning|afternoon",
}


class Context(BaseModel):
    """What an interpreter may read: the current scene, the pictures so far, recent messages."""

    model_config = ConfigDict(frozen=True)

    scene: Scene | None = None  # the picture being worked on; None before the first one
    pictures: tuple[Picture, ...] = ()
    history: tuple[tuple[str, str], ...] = ()  # (role, text), oldest first, a few recent turns
    target: str = "sd15"  # prompts target id of the backend that will draw
    target_label: str = "SD 1.x/2.x"
    english_only: bool = True  # the text encoder reads English only (CLIP)
    can_undo: bool = False
    keep: bool = False  # the message asked to keep the picture ("same scene, but..."): it is a change to it
    attached: bool = False  # a picture came with the message: "here's my living room, make the walls green" changes it
    given: bool = False  # the picture on screen was drawn from a picture the person gave (however many edits back)

    def earlier_saying(self, word: str) -> list[Picture]:
        """The pictures before the current one (which is "it") whose prompt names the word, oldest first."""
        return [pic for pic in self.pictures[:-1] if pic.says(word)]


class Interpretation(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    action: Action
    by: str = "rules"  # "rules", or the chat model's name
    notes: tuple[str, ...] = ()  # e.g. why a chat model's answer was not used
    translated: bool = False  # the chat model wrote English for a non-English message


# What a streaming interpreter yields: pieces of a text reply as they arrive, then the result.
StreamItem = Union[str, Interpretation]


class Interpreter(Protocol):
    name: str

    def interpret(self, text: str, context: Context) -> Interpretation: ...

    def stream(self, text: str, context: Context) -> Iterator[StreamItem]:
        """Text deltas of a reply (when the answer is prose), ending with the Interpretation."""
        ...
