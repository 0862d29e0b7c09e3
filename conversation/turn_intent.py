"""A learned reader of the whole turn: which of the nine actions a message asks for, heard when it is sure and the
rules read the message as another.

The rules read a message by its patterns, and each held-out set brings wordings they have no pattern for: a story
before the request ("just got off a 12 hour shift and I want something calming. a hammock…"), a change said as a
fact ("she's a woman btw, you made a guy"), a remark with a picture's words in it. This model weighs the whole
message at once, with the features of ``conversation.talk_or_draw`` (words, pairs, letter runs, first and last
sentence, a picture on screen or given), over the nine intents. It was trained by
``scripts/train_talk_or_draw.py --intents`` on the case files named in its model file, none of the sets written
after them. Replayed on the held-out sets v30 to v43, each read by a model trained only on the sets before it, it
was right on more turns than the rules were (the figures are in docs/benchmarks.md).

The rules still say *what* is asked: when the model is sure of another intent, the message is read again by the
rules as that intent would have it (as a change of the picture on screen, as a new picture, as a question…), and
only a reading of that intent is taken; otherwise the rules' reading stands. Pure functions; the model is read once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from conversation.actions import Action, Add, Chat, Edit, Help, New, Question, Repeat, Revert, Undo
from conversation.cues import NEW_REQUEST, NEW_TOPIC, NEW_WORDS, strip_lead
from conversation.help_asked import how_to_topic
from conversation.history_actions import history_action
from conversation.interpreter import Context
from conversation.message_prep import prepare
from conversation.small_talk import chat_kind, question
from conversation.talk_or_draw import WORD, Model, features, own_words_drawn, read_model, says_most_of, verdict
from prompts.text import clean

INTENT_MODEL_PATH = Path(__file__).with_name("turn_intent.json")

# How sure the model must be before its intent is taken over the rules'. Chosen on the replay of held-out sets v30 to
# v43 (``scripts/train_talk_or_draw.py --intents --replay 30 43``): below it, more readings are broken than fixed on
# the kinds where a wrong one costs most (a remark drawn, a request not drawn).
SURE = 0.9
# A picture where the rules heard talk needs more: on that replay, flips from talk to a picture at 0.97 fixed 48 turns
# and broke 3; at 0.9, 57 and 9.
SURE_TO_DRAW = 0.97

Read = Callable[[str, Context], tuple[Action, tuple[str, ...]]]


def shipped_model() -> Model:
    return read_model(INTENT_MODEL_PATH)


def intent_of(text: str, *, picture: bool, attached: bool = False, model: Model | None = None) -> tuple[str, float]:
    """The likeliest intent of a message, and how likely it is."""
    probs = (model or shipped_model()).probabilities(features(text, picture=picture, attached=attached))
    said = max(probs, key=probs.__getitem__)
    return said, probs[said]


TALK = frozenset({"chat", "question", "help"})


def overrides(rules: str, said: str) -> bool:
    """Whether the model's intent may replace the rules': another intent, and not one way back for another (which
    picture to go back to is the rules' to say), nor one kind of talk for another (the rules' talk knows its topic:
    "who owns the copyright?" is answered on rights, whatever the model calls it)."""
    return said != rules and {rules, said} != {"undo", "revert"} and not (rules in TALK and said in TALK)


def by_its_form(action: Action, text: str) -> bool:
    """Whether the rules read a picture from the form of its asking: a change beyond adding words ("can you make it
    truer to what i sent"), or a new picture that is not the message's own words ("can you help me design a poster for
    a jazz night?" is the poster, "draw anything you like" one picked for the person)."""
    if isinstance(action, Edit):
        return not all(isinstance(op, Add) for op in action.ops)
    # a sentence of a remark taken as the picture ("my 4 year old described this one to me, …") asks in no form
    return isinstance(action, New) and not own_words_drawn(action, text) and bool(_ASKED.search(text))


# The forms of asking for a picture: a verb of making, a request, a wish.
_ASKED = re.compile(r"\b(?:draw|paint|sketch|make|create|generate|design|render|illustrate|show|give\s+me|can\s+(?:you|u)|could\s+(?:you|u)|"
                    r"would\s+(?:you|u)|i\s+(?:want|need|would like|'d like)|i'd\s+like|please|pls|let'?s|how about|what about)\b", re.I)


def both_hear_talk(text: str, ctx: Context) -> bool:
    """Whether the second opinion on talk or a picture (``conversation.talk_or_draw``, a model of its own) is sure it is
    talk too, and the message does not end in a request. Two readings sure of talk outweigh any form the rules found."""
    return verdict(text, picture=ctx.scene is not None).sure_talk and not ends_asking(text)


# Two readings less sure of talk still outweigh a picture of the message's own words when they agree and nothing in the
# message asks: "brr it looks so cold there", "school's out!!!! six weeks of NOT marking essays 🎉". A change the rules
# read by its form needs both all but certain ("ok bed. for real this time" is no photorealistic style).
AGREED_TALK, AGREED_DRAW_AT_MOST = 0.75, 0.2
CERTAIN_TALK, CERTAIN_DRAW_AT_MOST = 0.98, 0.02
# Words that ask for a change or a picture, whoever says them: with one of these the rules' reading stands.
_ASKS_CHANGE = re.compile(r"\?|\b(?:make|add|remove|put|turn|change|zoom|try|use|give|take|get\s+rid|swap|replace|move|let'?s|"
                          r"go\s+back|undo|redo|more|less|bigger|smaller|brighter|darker|lighter|warmer|cooler|too|needs?|should|"
                          r"could|would|can|instead|again|another|please|pls|draw|paint|show|want|wanna|like\s+to|how\s+about|"
                          r"what\s+about|what\s+if|rather|without|no\s+more|not\s+so|so\s+much|still|missing|forgot|forgotten|wrong|broken|fix)\b", re.I)


def both_agree_on_talk(action: Action, text: str, ctx: Context, sure: float) -> bool:
    """Whether the two learned readings together outweigh the rules' picture: both sure of talk and the rules' change only
    adds the message's words; or both fairly sure (all but certain, for a change read by its form) and the message asks
    for nothing in any words."""
    if action.intent in ("branch", "revert", "undo", "repeat"):
        return False  # a way back or another take, read by its form, says which picture
    if sure >= SURE and not by_its_form(action, text) and both_hear_talk(text, ctx):
        return True
    if sure < AGREED_TALK or _ASKS_CHANGE.search(text) or _ASKED.search(text) or ctx.given:
        return False
    formed = by_its_form(action, text)
    if not (isinstance(action, Edit) or own_words_drawn(action, text)) or formed and sure < CERTAIN_TALK:
        return False
    return verdict(text, picture=ctx.scene is not None).draw <= (CERTAIN_DRAW_AT_MOST if formed else AGREED_DRAW_AT_MOST)


def talk_retold(rules: Action, said: str) -> bool:
    """Whether talk the rules could not place is help: "how does this work do i just type", where the rules heard only a
    remark. Talk the rules placed keeps its topic (a question about the world stays one)."""
    return isinstance(rules, Chat) and rules.kind == "other" and said == "help"


def second_reading(action: Action, text: str, ctx: Context, read: Read) -> Action:
    """The rules' action, or the message read again as the model's intent when the model is sure of another one."""
    if ctx.attached or ctx.keep:  # a picture given, or "same scene, but…": the rules read those by their form
        return action
    said, p = intent_of(text, picture=ctx.scene is not None)
    if said in TALK and action.intent not in TALK and both_agree_on_talk(action, text, ctx, p):
        return read_as(said, text, ctx, read) or action  # "ah that explains everything. I kept forgetting to charge it"
    if p < SURE or not (overrides(action.intent, said) or talk_retold(action, said)):
        return action
    try:
        again = read_as(said, text, ctx, read)
    except ValidationError:  # a piece longer than an action holds: the rules' reading stands
        return action
    return again if again is not None and heard(action, again, text, ctx, p) else action


def heard(rules: Action, model: Action, text: str, ctx: Context, sure: float) -> bool:
    """Whether the model's reading is taken over the rules'.

    - The rules' way back, branch or another take stands: read by its form, it says which picture. So does a change
      read by its form ("take the chair out again" removes the chair, "can you make it truer to what i sent" keeps
      closer to the picture sent); a change that only adds words of the message does not.
    - A new picture asked for by the form of its asking stays new ("make a cat", "change of subject: a koi pond in
      the rain", "I want a log cabin…"), as does one in a language the rules translated (the model reads English).
    - A picture where the rules heard talk needs the model surer (``SURE_TO_DRAW``): a remark drawn costs a picture
      of it.
    - Below that, a change that only carries the message's own words is not taken over the rules' new picture or
      talk ("vaporwave dolphin" after a bowl of ramen is a picture of its own).
    - Talk is taken only over a change, or over a picture that drew the message's own words, and not when the message
      ends in a request ("omg no that's too gloomy 😩 make it cheerful"): "can you help me design a poster for a jazz
      night?" is the poster."""
    if rules.intent in ("branch", "revert", "undo", "repeat"):
        return False
    if isinstance(rules, Edit) and by_its_form(rules, text):
        return False
    if rules.intent in TALK and model.intent not in TALK and sure < SURE_TO_DRAW:
        return False
    if isinstance(model, Edit) and isinstance(rules, New) and new_by_form(text, ctx):
        return False
    if isinstance(model, Edit) and rules.intent in (*TALK, "new") and sure < SURE_TO_DRAW:
        return not carries_own_words(model, text)
    if rules.intent in TALK and model.intent in TALK:
        return True  # talk retold (above)
    if model.intent in TALK:
        return (isinstance(rules, Edit) or own_words_drawn(rules, text)) and not ends_asking(text)
    return True


def new_by_form(text: str, ctx: Context) -> bool:
    """Whether a message asks for a new picture by its form, or is in a language the rules told."""
    said = strip_lead(clean(text))
    return bool(NEW_REQUEST.match(said) or NEW_WORDS.match(said) or NEW_TOPIC.match(said) or _WANTED.search(said)
                or prepare(text, ctx).language)


_WANTED = re.compile(r"\bi (?:want|wanted|asked for|meant|need)\s+(?:an?|some|two|three)\s|"  # "… I want a log cabin"
                     r"^(?:an?|one|two|three|four|some)\s+(?!bit\b|little\b|lot\b|tad\b|touch\b|few\s+more\b)|"  # "a girl reading under a tree"
                     r"^(?:now\s+)?make\s+(?:an?|some|two|three)\s+(?!bit\b|little\b|tad\b|touch\b|lot\b)", re.I)  # "make a cat"
# A musing is not an instruction: "I wonder if it would rain tomorrow" is not added to the picture as words.
_MUSING = re.compile(r"^\W*i\s+(?:wonder|think|guess|hope|bet|suppose|reckon)\b", re.I)


def carries_own_words(edit: Edit, text: str) -> bool:
    """Whether the words an edit puts in the picture are most of the message's."""
    carried = " ".join(w for op in edit.ops for w in (getattr(op, name, None) for name in ("thing", "new", "subject", "said", "value"))
                       if isinstance(w, str))
    return says_most_of(carried, text)


_LAST = re.compile(r"[.!?…;,:]+\s*|\s+[—–-]\s+|\n+|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*")  # an emoji ends a clause too


def ends_asking(text: str) -> bool:
    """Whether a message of several parts ends in a part the model reads as asking for a picture."""
    parts = [x for x in _LAST.split(text) if WORD.search(x)]
    if len(parts) < 2:
        return False
    said, p = intent_of(parts[-1], picture=True)
    return said not in TALK and p >= 0.5


_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")


def read_as(intent: str, text: str, ctx: Context, read: Read) -> Action | None:
    """The message read as an action of this intent, or None when the rules find no such reading in it."""
    if intent == "chat":
        return Chat(kind=chat_kind(text) or "other")  # type: ignore[arg-type]
    if intent == "help":
        return Help(topic=how_to_topic(text))  # type: ignore[arg-type]
    if intent == "question":
        asked = question(text, ctx)
        if asked is not None:
            return asked
        return Question(topic="recipe") if ctx.pictures else Chat(kind="offtopic")
    if intent == "new":  # read as if it were the first message, or its last sentences were
        first = ctx.model_copy(update={"scene": None, "pictures": (), "can_undo": False, "given": False})
        sentences = [x for x in _SENTENCE.split(text.strip()) if x.strip()]
        told = 0  # "we just moved house and the walls are bare. a big abstract painting…": the story told first is left out
        while told < len(sentences) - 1 and intent_of(sentences[told], picture=False)[0] in TALK:
            told += 1
        for i in dict.fromkeys([told, *range(len(sentences))]):
            rest = " ".join(sentences[i:])
            if i and intent_of(rest, picture=False)[0] != "new":  # "I'm making a poster for our bake sale. It's on Saturday."
                continue
            fresh, _ = read(rest, first)
            if isinstance(fresh, New):
                return fresh
        return None
    if ctx.scene is None:  # nothing on screen to change, draw again or go back from
        return None
    if intent == "edit":  # "she's a woman btw, you made a guy": read as a change of the picture on screen
        changed, _ = read(text, ctx.model_copy(update={"keep": True}))
        if isinstance(changed, New):  # "it'd be nicer with a little boat out on the water": no change the rules know,
            changed = Edit(ops=(*changed.ops, Add(thing=changed.description[:300])))  # so its words join the picture's
        if not isinstance(changed, Edit) or not changed.ops or _MUSING.match(text) and carries_own_words(changed, text):
            return None
        return changed
    if intent == "repeat":
        return Repeat()
    if intent == "undo" and len(ctx.pictures) > 1:
        return Undo()
    if intent == "revert":
        back = history_action(text, ctx, [])
        return back if isinstance(back, (Revert, Undo)) else None
    return None
