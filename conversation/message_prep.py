"""A message made ready for the rules to read: tidied as a person meant it, and put in English where it can be.

Shorthand is spelled out ("w/" as "with"), caps lock undone, remarks and asides around a request taken off
("lol that's cursed, make him smile"), reasons after a request dropped ("landscape please so it fits the
page") and a short follow-up in another language translated. What the rules then read is a
:class:`Prepared`; the message as typed is kept beside it for readings that need every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prompts.text import clean

from conversation import words as w
from conversation.foreign_asking import last_foreign_ask, said_plainly
from conversation.foreign_praise import after_foreign_praise
from conversation.hedges import wondered
from conversation.interpreter import Context
from conversation.leftover import is_statement, order_after_remark
from conversation.loose_words import as_change
from conversation.message_frame import emoji_said, plain_degree, unframed
from conversation.phrasebook import QUESTIONS_AND_HELP
from conversation.reasons import without_reason
from conversation.remark_then import after_remarks, laugh_aside, past_manners, told_about_it
from conversation.slips import scene_slips
from conversation.small_talk import after_small_talk
from conversation.story_told import after_intro, asked_after_story

# What a message in another language may be read as before any picture: a question about the chat, or thanks.
_ANSWERED = frozenset({"thanks", *QUESTIONS_AND_HELP})


# "the first one" said in another language inside an English sentence: "nah la primera was better"
_ORDINALS = {"primera": "first", "primero": "first", "première": "first", "premier": "first", "erste": "first", "ersten": "first",
             "prima": "first", "primo": "first", "primeira": "first", "primeiro": "first", "segunda": "second", "segundo": "second",
             "seconde": "second", "second": "second", "zweite": "second", "seconda": "second", "secondo": "second"}
_ORDINAL_ABROAD = re.compile(r"\b(?:la|el|le|die|der|das|il|a|o)\s+(primera|primero|première|premier|erste|ersten|prima|primo|primeira|"
                             r"primeiro|segunda|segundo|seconde|zweite|seconda|secondo)(?=\s+(?:was|is|looked|one|better|pls|please)\b)",
                             re.I)


_REPORTED_SPEECH = re.compile(r"(?<=\?)(\s+(?:[\w']+\s+){0,3}?(?:keeps?\s+saying|says|said|told\s+me|tells\s+me|keeps?\s+telling\s+me))\s*[:,]?\s*"
                              r"(?:\"[^\"]{1,80}\"|“[^”]{1,80}”|'[^']{1,80}'|‘[^’]{1,80}’)", re.I)
# A fault said with "so" rather than "too", with no praise after it ("it's so dark and moody, love it" is praise).
_SO_AS_TOO = re.compile(r"\b(it'?s|it\s+is|its|(?:this|that)\s+is|(?:it|this)\s+looks?)\s+(?:so|really|very|way|super|soo+)\s+(dark|dim|bright|"
                        r"blurry|busy|cluttered|crowded|empty|plain|boring|flat|dull|washed\s+out|saturated|grainy|noisy|cold|pale|"
                        r"small|tiny)\b(?![^.!?]*\b(?:love|like|great|perfect|beautiful|amazing|cool|nice|gorgeous|moody|cozy|cosy)\b)",
                        re.I)


_CANT_SEE = re.compile(r"(?<=\btoo\s)(\w+)\b[\s,.]*(?:and\s+|so\s+)?(?:i|you|we)\s+can(?:'?t|not|\s+(?:barely|hardly))\s+(?:see|make\s+out|"
                       r"tell)\b[^.!?]*", re.I)


_FEEL_LIKE = re.compile(r"^\W*(?:(?:hmm+|honestly|tbh|ok(?:ay)?)[\s,.!]+)*i\s+(?:feel\s+like|think|reckon|guess)\s+(?=(?:it|this|the\s+[\w-]+)\s+"
                        r"(?:needs|could\s+use|should|is\s+missing|lacks)\b)", re.I)
# A wish relayed as a question, or said after a fact: "she asked if the tooth fairy could have a little backpack", "the mouse is
# a girl and she needs a little red cape"
_ASKED_IF = re.compile(r"^\W*(?:(?:lol|haha|ok(?:ay)?|now|and)[\s,]+)*(?:he|she|they|(?:my|our)\s+\w+)\s+(?:asked|asks|is\s+asking|wants\s+to\s+know|"
                       r"wonders|wondered|was\s+wondering)\s+(?:me\s+|us\s+)?(?:if|whether)\s+(?=.{3,60}?\b(?:could|can|might)\s+(?:have|get|wear|"
                       r"hold|carry)\b)", re.I)
_AND_NEEDS = re.compile(r"^[^,.;!?]{3,80}?\s+and\s+(?=(?:he|she|it|they)\s+(?:also\s+)?(?:needs|should\s+have|wants|could\s+use|must\s+have|"
                        r"has\s+to\s+have)\b)", re.I)
_MISSING = re.compile(r"^\W*(?:(?:wait|hmm+|oh|um+|but|and|also|hey)[\s,]+)*(?:the\s+)?([\w'-]+(?:\s+[\w'-]+){0,3}?)\s+(?:is|are)\s+(?:still\s+)?"
                      r"missing\b", re.I)
_IN_THAT_ONE = re.compile(r"(?<=\w)\s+(?:in|on|for)\s+(?:that|this|the\s+last)\s+one\b(?=\s*(?:[,.;!?]|$))", re.I)
# A change said in a learner's words or as a need: the request the rules read
_LEARNER = [
    (re.compile(r"\bi\s+(?:want|would\s+like|wish)\s+that\s+(the\s+[\w-]+|he|she|it|they)\s+(?:have|has|had)\s+", re.I), r"give \1 "),
    (re.compile(r"^(?:\W*(?:please|pls)\s+)?do\s+(him|her|it|them)\s+(?=more\s+\w|less\s+\w|\w+er\b)", re.I), r"make \1 "),
    (re.compile(r"^\W*(?:it\s+)?(?:is|will\s+be|would\s+be)\s+(?:more\s+)?(?:better|nicer|more\s+nice)\s+if\s+there\s+(?:is|are|was|were)\s+", re.I), "add "),
    (re.compile(r"^\W*(he|she|they|the\s+[\w-]+)\s+needs?\s+to\s+look\s+", re.I), r"make \1 look "),
    (re.compile(r"^\W*(?:the\s+)?([\w-]+)\s+looks?\s+(?:a\s+bit\s+|kinda\s+|so\s+|really\s+|too\s+|pretty\s+)?(?:boring|plain|dull|bland)\b"
                r"(?:\s+(?:tbh|honestly|imo|now))?\W*$", re.I), r"make the \1 more dramatic"),
]


def _as_asked(message: str) -> str:
    for rx, said in _LEARNER:
        message = rx.sub(said, message, count=1)
    return message


_BETTER_ABROAD = re.compile(r"^\W*(?:(?:no|non|nein|nee|não|nah|hmm+)[\s,]+)?(?:la|el|le|die|der|das|il|a|o)\s+(primera|primero|première|premier|erste|"
                            r"ersten|prima|primo|primeira|primeiro|segunda|segundo|seconde|zweite|seconda|secondo)\s+(?:era|fue|es|était|est|war|"
                            r"ist|è|é|foi|estaba)\s+(?:mucho\s+|bien\s+|viel\s+|molto\s+|muito\s+)?(?:mejor|meilleure?|mieux|besser|schöner|"
                            r"migliore|meglio|melhor)\b\W*$", re.I)


@dataclass(frozen=True)
class Prepared:
    """A message as the rules read it. ``english`` is ``message`` itself (the same string) unless it was translated."""

    message: str
    english: str
    language: str | None
    notes: tuple[str, ...]


def prepare(text: str, ctx: Context) -> Prepared:
    """The message tidied, its language told, and translated where a follow-up in another language can be."""
    message = re.sub(r"(?<![\w/])w/(?=\s|\w)\s*", "with ", clean(text))  # "again w/ a fresh seed"
    letters = [c for c in message if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        message = message.lower()  # "I WOULD LIKE A PICTURE OF A BLUEBIRD": caps lock on, the words as any others
    if ctx.scene is not None or len(message.split()) <= 12:  # a long new prompt stays as typed
        message = w.expand_shorthand(message)
    message = _BETTER_ABROAD.sub(lambda m: f"the {_ORDINALS[m.group(1).lower()]} one was better", message)  # "la primera era mejor"
    message = _ORDINAL_ABROAD.sub(lambda m: f"the {_ORDINALS[m.group(1).lower()]} one", message)  # "nah la primera was better"
    message = _REPORTED_SPEECH.sub(r"\1 so", message)  # "what's a seed? my friend keeps saying 'use the same seed'": theirs
    message = after_intro(message)  # "then one last one: a campfire on a beach …"
    message = after_small_talk(message)
    message = unframed(message, on_screen=ctx.scene is not None, drawn_before=bool(ctx.pictures))
    if ctx.scene is None:
        message = asked_after_story(message) or message  # "my car got towed. anyway. draw a tow truck …"
    if ctx.scene is not None:
        message = _CANT_SEE.sub(r"\1", _SO_AS_TOO.sub(r"\1 too \2", message))  # "it's so dark I can barely see anything": "too dark"
        message = emoji_said(after_remarks(laugh_aside(message)))  # "now pixel art lol", "It is lovely. Could there be …"
        message = wondered(message)  # "I wonder if the sky could be a touch more pink": could it be
        message = _FEEL_LIKE.sub("", message)  # "i feel like it needs more light": it needs more light
        message = _ASKED_IF.sub("", _AND_NEEDS.sub("", message))  # "she asked if the fairy could have a backpack": it could
        message = _MISSING.sub(r"add \1", _IN_THAT_ONE.sub("", message))  # "saturn's rings are missing!", "fix his eyes in that one"
        message = re.sub(r"^\W*(?:(?:ok(?:ay)?|alright|right|so|now|then|hmm+)[\s,.!]+)+(?=try\s+[a-z]+ing\b)", "", message, flags=re.I)
        message = _as_asked(message)  # "Now I want that the tree have red leaves", "please do him more happy", "he needs to look shiftier"
        message = order_after_remark(message, ctx) or message  # "lol that's cursed, make him smile"
        message = told_about_it(message, ctx) or message  # "she is orange": draw her so
        message = message if w.language_of(message) else scene_slips(message, ctx.scene.phrases())  # "make the cta fluffier"
        # "a teeny bit more glossy", "the circle a hair thinner"; "the background a bit more pastel" once "make" is put before it
        message = plain_degree(as_change(plain_degree(message), ctx.scene.mentions))
        message = without_reason(message, lambda part: is_statement(part, ctx))  # "landscape please so it fits the page"
        message = as_change(message, ctx.scene.mentions)  # "needs to be square, …" read as "make it square"
    notes: list[str] = []
    polite = re.sub(r"[\s,]+(?:please|pls|plz|thanks|lol|haha+|por\s+favor|porfa|per\s+favore|svp|stp|s'il\s+(?:vous|te)\s+pla[îi]t|bitte|"
                    r"alsjeblieft)\W*$", "", message, flags=re.I)
    if polite != message and not w.has_english(polite) and (w.language_of(polite) or w.translate_followup(polite)):
        message = polite  # "noch einmal pls": the English courtesy aside, the request is in German
    if ctx.scene is not None and (w.language_of(message) or not w.has_english(message)):
        message = last_foreign_ask(message)  # "me gusta mucho, pero se ve un poco vacía... ¿le pones un perro?"
    message, praised_in = after_foreign_praise(message)
    language = w.language_of(message) or praised_in
    english = message
    translated = w.translate_followup(message)
    # A short follow-up too short to tell its language by ("sin gente", "plus sombre", "di notte").
    short_foreign = bool(translated) and len(message.split()) <= 5 and not w.has_english(message)
    if language or short_foreign:
        if translated and (ctx.scene is not None or translated in _ANSWERED):
            english = past_manners(translated)
        elif ctx.english_only and language:
            notes.append(f"This looks like {language}. {ctx.target_label} reads English only, so the words were sent as "
                         "typed and may be misread; a chat model (--chat-model) would translate them.")
    if language and english == message:  # "hola! quiero un dibujo de una casa …": the picture, without the asking around it
        english = message = said_plainly(message, asking=ctx.scene is None)
    return Prepared(message=message, english=english, language=language, notes=tuple(notes))
