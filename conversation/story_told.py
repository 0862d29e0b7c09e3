"""A first message that tells a story around its request: "My wife passed away last year. She loved tulips. Could you
paint a field of red tulips…", "can you make a cute cartoon of a dinosaur eating birthday cake? my son is turning 4
next week", "Dear assistant, I would be most grateful if you could produce an image of … Kind regards, Harold."

The request is what is drawn; the story before it, the news after it and a letter's greeting and signature are the
person's, answered by the picture and never sent to the model. A story that names what the request points at ("My
heroine, Maren, is a blacksmith … Could you draw her at her forge?") is kept: the request alone would lose her.
Pure functions.
"""

from __future__ import annotations

import re

_STORY_OPENS = re.compile(r"\W*(?:my|i|had|got|just|been|spent|finished|i'?m|i'?ve|i'?d|we|we'?re|we'?ve|our|today|ugh|man|so|what a|wow|hi|hello|hey|"
                          r"good (?:morning|evening|afternoon)|it'?s|this is|ha+|lol|omg|anyway|(?:long|rough|hard|busy|crazy|tough|bad|awful|slow)\s+(?:day|week|night|shift|morning)|yesterday|"
                          r"last (?:night|week|year|month|summer)|(?:she|he|they)\s+(?:was|were|is|are|'s|'re|had|has|have|loved|"
                          r"used|always|never|passed|died|lived|liked|would)|dear\s+\w+)\b", re.I)
_ASK_OPENS = re.compile(r"(?:(?:ok(?:ay)?|anyway|anyways|so|alright|right)[\s:,.!]+)*(?:please\s+|pls\s+)?(?:draw|paint|sketch|make me|"
                        r"create|generate|show me|render|i want|i'?d like|i would like|i would (?:be|love)|i'?d love|can you|"
                        r"could you|would you|i need|i was hoping|is it possible)\b", re.I)
_LEADS = re.compile(r"^(?:(?:ok(?:ay)?|anyway|anyways|so|alright|right)[\s:,.!]+)+", re.I)
# The sentence ends of a message; an emoji ends one too ("i failed my driving test today 😭 draw a sad frog").
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*(?=\S)|"
                        r",\s+(?=(?:(?:so|and|now)\s+)?(?:(?:can|could|would)\s+(?:you|u)\s+(?:please\s+)?)?(?:draw|paint|make|create|sketch|do)\b)",
                        re.I)
# A description said after the story, with no asking: "long day. a cat sleeping on a pile of books"
_DESCRIBED = re.compile(r"(?:an?|some|two|three|four)\s+\S+", re.I)
# A request that points back at the story: "could you draw her at her forge?"
_POINTS_BACK = re.compile(r"^(?:(?:please\s+)?(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:draw|paint|sketch|make|show|render|"
                          r"illustrate|create)\s+(?:(?:me\s+|us\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:picture|painting|drawing|portrait|image|photo|"
                          r"sketch)\s+of\s+)?(?:her|him|them|it|this|that|these|those)\b(?!\s+(?:an?|some)\b)", re.I)
# What a story sentence says of the person's asking, not of who is drawn: "I'm writing a fantasy novel …"
_ABOUT_THE_ASKING = re.compile(r"\W*(?:hi|hello|hey|dear\s+\w+|i'?m\s+(?:writing|making|working|doing|creating|putting|designing)|"
                               r"i\s+(?:need|want|run|teach|write|am\s+writing))\b", re.I)
# A sentence of the person's own (I, my, we, he…) tells a story when it has a verb; "My garden in june." describes.
_OWN_OPENS = re.compile(r"\W*(?:my|our|i|we|he|she|they|his|her|their)\b", re.I)
_VERB = re.compile(r"\b(?:is|are|was|were|am|has|have|had|do|does|did|can|can'?t|will|would|got|gets|get|love|loves|loved|like|likes|"
                   r"liked|want|wants|need|needs|live|lives|lived|died|passed|work|works|run|runs|teach|write|make|[a-z]{3,}ed|"
                   r"[a-z]{3,}ing)\b|'(?:m|s|re|ve|d|ll)\b", re.I)


def _told(sentence: str) -> bool:
    return bool(_STORY_OPENS.match(sentence)) and (not _OWN_OPENS.match(sentence) or bool(_VERB.search(sentence)))


# News after a request, about the person or theirs: "my son is turning 4 next week", "it's for our anniversary".
_NEWS_OPENS = re.compile(r"\W*(?:my|our|i|i'?m|i'?ve|we|we'?re|we'?ve|(?:it'?s|this\s+is|that'?s)\s+for|thanks|thank\s+you|"
                         r"cheers|kind\s+regards|best\s+regards|regards|best\s+wishes|many\s+thanks|sincerely|yours)\b", re.I)
_SIGNED = re.compile(r"\s*(?:kind\s+regards|best\s+regards|warm\s+regards|regards|best\s+wishes|many\s+thanks|thanks\s+in\s+advance|"
                     r"sincerely|yours\s+(?:truly|sincerely)|cheers)\b[\s,.!-]*(?:[A-Z][\w'-]*\s*){0,2}[.!]?\s*$", re.I)
# "I would be most grateful if you could produce …": the asking, said as plainly as the rules read it
_GRATEFUL = re.compile(r"\bi(?:\s+would|'d)\s+be\s+(?:\w+\s+)?(?:grateful|thankful|glad|happy)\s+if\s+you\s+(?:could|would)\b", re.I)
# A likeness to the person's own past, after the picture's words: ", like the place in Holland where we had our honeymoon"
_LIKE_OURS = re.compile(r",\s*(?:just\s+)?like\s+(?:the|a|an|our|my|that)\b[^,.;]*?\b(?:where|when|that|which)\s+(?:we|i|my|our)\b[^,.;]*$",
                        re.I)
_GREETED = re.compile(r"^\s*(?:dear|hello|hi|hey|greetings)\s+(?:assistant|there|friend|sir|madam|\w+)\s*[,:!]\s*", re.I)


def asked_after_story(text: str) -> str | None:
    """The request in a first message told around a story, or None when there is no story to leave out:

    - "my day has been a disaster. my car got towed. anyway. draw a tow truck …": the request after the story;
    - "can you make a cute cartoon of a dinosaur? my son is turning 4 next week": the request before the news;
    - "Dear assistant, I would be most grateful if you could produce an image of …. Kind regards, Harold.": the letter's
      greeting and signature left out."""
    t = _GRATEFUL.sub("could you", _SIGNED.sub("", _GREETED.sub("", text.strip()))) or text.strip()
    framed = t != text.strip()
    m = re.search(r"[.!?]\s+(?:ok(?:ay)?|anyway|anyways|alright|so)\s*[:.,!]\s*(?P<rest>\S.{6,})$", t, re.I)
    if m and _STORY_OPENS.match(t):
        return m.group("rest")
    sentences = [s for s in _SENTENCES.split(t) if s and s.strip()]
    if not sentences:
        return None
    start = 0
    for i in range(1, len(sentences)):
        if (_ASK_OPENS.match(sentences[i]) or _DESCRIBED.match(sentences[i])) and all(_told(s) for s in sentences[:i]):
            start = i
            break
    end = len(sentences)
    if _ASK_OPENS.match(sentences[start]):
        while end - 1 > start and _NEWS_OPENS.match(sentences[end - 1]):
            end -= 1
    asked = [_LEADS.sub("", s) for s in sentences[start:end]]
    asked[-1] = _LIKE_OURS.sub("", asked[-1].rstrip(" ?.!"))
    pointed = _POINTS_BACK.match(asked[0]) if start else None
    if pointed:  # "Could you draw her working at her forge?" after who she is: who she is, then what she does
        told = [x.rstrip(" .!") for x in sentences[:start] if not _ABOUT_THE_ASKING.match(x)] or [sentences[start - 1].rstrip(" .!")]
        asked[0] = ". ".join(told) + ", " + asked[0][pointed.end():].strip()
    said = " ".join(asked)
    if said == t.rstrip(" ?.!") and not framed:
        return None
    return said


# What introduces the picture before a colon, in the person's words: "then one last one: a campfire …", "draw my dream car:
# a 1967 mustang …", "well I'm making one anyway: a still life …". An introduction that is a picture's kind ("a logo for my
# bakery: a croissant …") stays.
_INTRO = re.compile(r"^\W*(?:(?:ok(?:ay)?|good|fair|then|well|so|and|now|next|right|alright)[\s,.!]+)*(?:(?:please\s+)?(?:draw|paint|make)\s+(?:me\s+)?)?"
                    r"(?:my|our|one|this|that|here|i'?m|i\s+am|it'?s|its|the\s+next\s+one|next\s+one|last\s+one)\b[^:;.!?]{0,40}?\s*:\s*"
                    r"(?=(?:an?|the|some|two|three|four|\d+)\s+\S+\s+\S+)", re.I)


def after_intro(text: str) -> str:
    """The picture described after an introduction of it in the person's words, asked for as a new one ("draw a campfire
    …": the introduction said it was one), or the text as it was."""
    return _INTRO.sub("draw ", text.strip(), count=1)
