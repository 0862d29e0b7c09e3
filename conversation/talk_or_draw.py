"""A learned second opinion on one question: does this message ask for a picture, or is it talk?

The rules read a message by its patterns, and a remark they have no pattern for ("perfect, grandma will
cry", "wat model r u using") falls through to a picture of its words. This module weighs the whole
message at once: a logistic model over its words, word pairs and letter runs (so typos and other
languages still weigh), its first and last sentence apart (a request after praise is still a request),
and whether a picture is on screen or came with the message. It was trained by
``scripts/train_talk_or_draw.py`` on the conversations of the case files named in its model file; none of
the held-out sets written after it.

It only ever takes a picture away: when the rules would draw and the model is sure the message asks for
none, the turn is answered instead. Pure functions; the model is read once.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conversation.actions import Action, Add, Chat, Edit, Help, New, Question, Revert
from conversation.interpreter import Context
from conversation.small_talk import chat_kind

MODEL_PATH = Path(__file__).with_name("talk_or_draw.json")
CLASSES = ("draw", "chat", "question", "help")

# How sure the model must be that nothing is asked to be drawn before a picture the rules would draw is
# not drawn. Chosen on the replay of held-out sets v17 to v28 (``scripts/train_talk_or_draw.py --replay``):
# a wrong "no" costs a person a picture they asked for, a wrong "yes" a picture of their remark.
SURE = 0.9
# The share of a message's words a picture's description must say for it to count as the message drawn as typed.
OWN_WORDS = 0.6
# Words from which a message is long enough to tell a story before its request, so its last part must be talk too.
LONG = 16

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s+[—–-]\s+|\n+")
_LAST_PART = re.compile(r"[.!?…;,:]+\s*|\s+[—–-]\s+|\n+|\s+so\s+(?=i\b|we\b|could\b|can\b|would\b)", re.I)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _length(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def _runs(words: list[str], tag: str) -> set[str]:
    """A sentence's words, word pairs and triples, with its start and end marked."""
    seq = ["<s>", *words, "</s>"]
    out = {f"{tag}w:{w}" for w in words}
    out |= {f"{tag}b:{a} {b}" for a, b in zip(seq, seq[1:])}
    out |= {f"{tag}t:{a} {b} {c}" for a, b, c in zip(seq, seq[1:], seq[2:])}
    return out


@lru_cache(maxsize=512)  # both learned readings weigh the same message: its features are worked out once
def features(text: str, *, picture: bool, attached: bool) -> frozenset[str]:
    """What the model weighs in a message: a set of named features (their values are all 1)."""
    t = text.lower().strip()
    words = WORD.findall(t)
    f = {"ctx:picture" if picture else "ctx:none", f"len:{_length(len(words))}"}
    if attached:
        f.add("ctx:attached")
    f |= _runs(words, "")
    for w in words:  # letter runs, so "thx", "thanks" and "thanx" share most of their weight
        padded = f"_{w}_"
        f |= {f"c:{padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)}
    sentences = [s for s in _SENTENCE_END.split(t) if WORD.search(s)]
    if len(sentences) > 1:  # "love it! can you add a fox?": what is asked is often said last
        f |= _runs(WORD.findall(sentences[0]), "F")
        f |= _runs(WORD.findall(sentences[-1]), "L")
    f |= {name for name, there in (("p:?", "?" in t), ("p:end?", t.endswith("?")), ("p:!", "!" in t),
                                   ("p:emoji", bool(_EMOJI.search(t)))) if there}
    if picture:  # the same words say other things with a picture on screen ("again", "perfect")
        f |= {f"pic&{x}" for x in list(f) if x.startswith(("w:", "b:<s>"))}
    return frozenset(f)


@dataclass(frozen=True)
class Verdict:
    """The model's reading of a message: how likely it asks for a picture, and which kind of talk it is if not."""

    draw: float  # probability that a picture is asked for
    talk: str  # the likeliest of "chat", "question", "help"

    @property
    def sure_talk(self) -> bool:
        return 1.0 - self.draw >= SURE

    @property
    def sure_draw(self) -> bool:
        return self.draw >= SURE


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, feats: frozenset[str]) -> dict[str, float]:
        scores = list(self.bias)
        for name in feats:
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    scores[k] += wk
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}


def model_from(data: dict) -> Model:
    return Model(classes=tuple(data["classes"]), bias=tuple(data["bias"]),
                 weights={k: tuple(v) for k, v in data["weights"].items()})


@lru_cache(maxsize=4)
def read_model(path: Path) -> Model:
    """A model file, read once."""
    return model_from(json.loads(path.read_text(encoding="utf-8")))


def shipped_model() -> Model:
    return read_model(MODEL_PATH)


def verdict(text: str, *, picture: bool, attached: bool = False, model: Model | None = None) -> Verdict:
    probs = (model or shipped_model()).probabilities(features(text, picture=picture, attached=attached))
    talk = max(("chat", "question", "help"), key=lambda c: probs.get(c, 0.0))
    return Verdict(draw=probs.get("draw", 0.0), talk=talk)


def answered_instead(action: Action, text: str, ctx: Context) -> Action:
    """The rules' action, or talk when the model is sure no picture is asked for and the rules drew the message's
    own words: "perfect, grandma will cry" is thanked, "wat model r u using" is answered from the picture's recipe.

    A reading the rules made from a request's form is left alone, whatever the model says: an operation beyond
    adding words ("what about removing the fence?", "write 'Good Luck' on it"), a picture whose description is
    not mostly the message ("can you help me design a poster for a jazz night?"), another one, undo, a message
    that asks to keep the picture ("same scene, but …") or comes with a picture. So is a message whose last part
    reads as a request."""
    if ctx.keep or ctx.attached or not (isinstance(action, Revert) or own_words_drawn(action, text)):
        return action
    v = verdict(text, picture=ctx.scene is not None)
    # a way back said after a remark ends in it, however short: "the second one was nicest tbh. use that one"
    least = 0 if isinstance(action, Revert) else LONG
    if not v.sure_talk or not last_part_talk(text, picture=ctx.scene is not None, least=least):
        return action
    if v.talk == "help":
        return Help()
    if v.talk == "question" and ctx.pictures:
        return Question(topic="recipe")
    return Chat(kind=chat_kind(text) or "other")  # type: ignore[arg-type]


def last_part_talk(text: str, *, picture: bool, model: Model | None = None, least: int = LONG) -> bool:
    """Whether a long message's last part, after its last sentence end, comma or "so", is talk too: a story told
    first ("we honeymooned in Venice in 1968, so I thought a gondola at twilight might cheer her up") ends in its
    request."""
    parts = [p for p in _LAST_PART.split(text) if WORD.search(p)]
    if len(parts) < 2 or len(WORD.findall(text)) < least:  # a short remark's last part alone says too little
        return True
    return verdict(parts[-1], picture=picture, model=model).sure_talk


# Words of courtesy around what is said, which no picture's words are made of.
COURTESY = frozenset("oh ah aw wow thank thanks you please dear lovely beautiful hmm ok okay well yes haha lol".split())


def own_words_drawn(action: Action, text: str) -> bool:
    """Whether the rules took the message for the picture's words: a new picture, or only things added, that say
    most of what was typed."""
    if isinstance(action, New):
        content = action.description
    elif isinstance(action, Edit) and action.ops and all(isinstance(op, Add) for op in action.ops):
        content = " ".join(op.thing for op in action.ops)
    else:
        return False
    return says_most_of(content, text)


def says_most_of(content: str, text: str) -> bool:
    """Whether ``content`` says most of the words of a message, its courtesies aside."""
    said = set(WORD.findall(text.lower())) - COURTESY  # "Oh that's lovely, it looks like 1963! Thank you."
    return bool(said) and len(said & set(WORD.findall(content.lower()))) >= OWN_WORDS * len(said)
