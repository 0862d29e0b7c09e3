"""One request among sentences of talk: "It's beautiful. Could you make it a bit wider? The window is long and
low." The whole message, read at once, draws its remarks or is answered as one; read a sentence at a time, one
sentence asks for a change and the others are talk (the rules answer them, or the learned second opinion reads
them as talk). Then the message is that request. Pure functions.
"""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Chat, Edit, Help, New, Question, Replace
from conversation.interpreter import Context
from conversation.talk_or_draw import own_words_drawn, verdict

Read = Callable[[str, Context], tuple[Action, tuple[str, ...]]]

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"[^\W_]+")
_ASKED = re.compile(r"^\W*(?:(?:and|so|but|now|then)[\s,]+)?(?:(?:could|can|would|will|might|may)\s+(?:you|u|it|he|she|they|we|i|there)\b|"
                    r"(?:please|add|put|make|give|change|turn)\b)", re.I)


def request_among_talk(action: Action, text: str, ctx: Context, read: Read) -> Action:
    """The one sentence's request when, with a picture on screen, the whole message was read as a new picture, as
    its own words drawn, or as small talk ("Hmm, I'm not sure about the confetti. What about some balloons instead?");
    otherwise the action as read."""
    # A question asked is answered, whatever else the message says; a whole message read as a question none of its
    # sentences asks ("That's beautiful. I'd like to hang it in my hallway. Could it be taller?") is read by them.
    talk = isinstance(action, (Chat, Question))
    if ctx.scene is None and isinstance(action, Chat) and not ctx.attached and not ctx.pictures:
        return _first_asked(action, text, ctx, read)
    if ctx.scene is None or ctx.attached or ctx.keep or not (
            talk or isinstance(action, New) or own_words_drawn(action, text)):
        return action
    sentences = [s for s in _SENTENCE.split(text.strip()) if _WORD.search(s)]
    if not 2 <= len(sentences) <= 4:
        return action
    readings = [(s, read(s, ctx)[0], verdict(s, picture=True)) for s in sentences]
    # A request has a form the rules know (a change named, another one, undo), or the learned second opinion is sure
    # it asks for a picture; a sentence drawn as its own words otherwise is taken for a reason or a remark.
    if isinstance(action, Question) and any(isinstance(a, (Question, Help)) for _, a, _ in readings):
        return action
    asked = [(s, a, v) for s, a, v in readings
             if not isinstance(a, (Chat, Help, Question)) and (v.sure_draw or not own_words_drawn(a, s))]
    if len(asked) != 1:
        return action
    sentence, request, said = asked[0]
    # What was read as talk is drawn only as a change asked in words ("blue. final answer" picks, it asks nothing),
    # and when the second opinion also reads it as a request.
    # "saving it for the captain's intro" neither asks nor names a change: its words would be drawn as they are.
    if talk and (said.draw < 0.5 or isinstance(request, New) or len(_WORD.findall(sentence)) < 3
                 or own_words_drawn(request, sentence) and not _ASKED.match(sentence)):
        return action
    return _doubted_swapped(request, sentence, [s for s, _, _ in readings if s is not sentence], ctx)


# A picture asked for in so many words: "Could you make a steam train …", "I'd love a picture of …".
_MAKE = re.compile(r"^\W*(?:(?:so|and|now|well)[\s,]+)?(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+|possibly\s+|perhaps\s+)*"
                   r"(?:make|draw|paint|create|do|show\s+me|give\s+me)\s+(?:me\s+)?(?:a|an|some|one|two|three)\b|"
                   r"(?:i'?d|i\s+would)\s+(?:like|love)\s+(?:a|an|some)\s+(?:picture|painting|drawing|image|illustration)\b|"
                   r"please\s+(?:make|draw|paint|create)\b)", re.I)


def _first_asked(action: Action, text: str, ctx: Context, read: Read) -> Action:
    """Before any picture, a story told and one picture asked for in so many words ("When I was a girl we lived near a
    railway. Could you make a steam train crossing a stone viaduct?"): that picture, not an answer to the story."""
    sentences = [s for s in _SENTENCE.split(text.strip()) if _WORD.search(s)]
    if not 2 <= len(sentences) <= 4:
        return action
    asked = [s for s in sentences if _MAKE.match(s)]
    if len(asked) != 1:
        return action
    request = read(asked[0], ctx)[0]
    return request if isinstance(request, New) else action


# A doubt about one thing in the picture: "I'm not sure about the confetti", "I don't like the hat much".
_DOUBTED = re.compile(r"\b(?:not\s+(?:sure|keen|mad|crazy)\s+(?:about|on)|(?:don'?t|do\s+not)\s+(?:quite\s+|really\s+)?"
                      r"(?:like|love|care\s+for)|not\s+(?:a\s+fan\s+of|fond\s+of))\s+(?:the\s+|that\s+|those\s+|these\s+)?"
                      r"(?P<thing>[\w-]+(?:\s+[\w-]+)?)", re.I)


def _doubted_swapped(request: Action, sentence: str, others: list[str], ctx: Context) -> Action:
    """ "Not sure about the confetti. What about some balloons instead?": the confetti is what the balloons replace, not
    the picture's subject the rules would otherwise take for it."""
    if not (isinstance(request, Edit) and len(request.ops) == 1 and isinstance(request.ops[0], Replace)
            and re.search(r"\binstead\b", sentence, re.I)) or ctx.scene is None:
        return request
    doubted = [m.group("thing") for s in others for m in _DOUBTED.finditer(s)]
    doubted = [t for t in doubted if ctx.scene.mentions(t) or ctx.scene.mentions(t.split()[0])]
    if len(doubted) != 1:
        return request
    thing = doubted[0] if ctx.scene.mentions(doubted[0]) else doubted[0].split()[0]
    if thing.lower() == request.ops[0].old.lower():
        return request
    return request.model_copy(update={"ops": (Replace(old=thing, new=request.ops[0].new),)})
