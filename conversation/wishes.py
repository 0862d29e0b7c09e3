"""Ways of asking for a change that say something else first, rewritten as the request they are: praise
before "but", wondering how it would look, "can he have …", "can the crown be gold?", "i want him to …",
"it needs more contrast"."""

from __future__ import annotations

import re

from conversation import words as w
from conversation.hedges import unhedge

_PRAISE_BUT = re.compile(r"^\W*(?:(?:ok(?:ay)?|wow|oh|yeah|honestly)[\s,]+)*(?:(?:it'?s|that'?s|this is|i)\s+(?:so |really |very )?"
                         r"(?:lovely|great|nice|perfect|amazing|beautiful|cool|gorgeous|love it|like it|close)|love it|cute|sweet|perfect|"
                         r"great|nice|lovely|beautiful|gorgeous|amazing|awesome|interesting)\s*(?:[,.!]+\s*(?:but|and|so)?\s*|\s+(?:but|and|so)\s+)(?=\S)"
                         # not "nice but the dog looks weird": a fault named, which asks another take (read elsewhere)
                         r"(?!(?:the|his|her|its|their)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:looks?|seems?)\s)", re.I)
_WONDER = re.compile(r"^(?:i\s+)?(?:wonder(?:ing)?\s+)?(?:how|what)\s+(?:it|this|that|he|she|they)(?:'d|\s+would|\s+might|\s+will)\s+"
                     r"look(?:\s+like)?\s+(.+?)[\s,.?!]*(?:(?:can|could)\s+you\s+show\s+me|show\s+me)?\W*$", re.I)
_CAN_HAVE = re.compile(r"^(?:can|could|may)\s+(?:he|she|they|it|the\s+\w+)\s+(?:have|get|wear|hold)\s+|"
                       r"^(?:can|could|may)\s+(?:we|i)\s+(?:see|get|have)\s+(?!it\b|the (?:(?:full|exact|whole|actual|real)\s+)?"
                       r"(?:seed|prompt|settings|negative prompt|recipe|parameters|model)\b)", re.I)


# A wish about the picture said as a statement: "i want him to wear a cape", "it needs more contrast".
_WANT_TO = re.compile(r"^(?:i|we)\s+(?:want|wanna|'?d like|would like|would love|'?d love|need|wish)\s+"
                      r"(him|her|it|them|the\s+[\w-]+)\s+to\s+(?:be\s+)?", re.I)
_NEEDS = re.compile(r"^(?:it|he|she|they|this|that|this one|the\s+[\w-]+)\s+(?:needs|need|could use|could do with|"
                    r"should have|should get|deserves|wants)\s+(?!to\b)(?!(?:it|this|that|one|them|the\s+best|better)\W*$)", re.I)

# A word taken back in the same message: "make the tram yellow... actually no, green".
_CORRECTED = re.compile(r"^((?:make|turn|paint|change|put|set|give)\b.*?\b)([\w-]+)\s*(?:\.{1,3}|…|,|-+|—)?\s*"
                        r"(?:actually|no wait|wait|i mean|or rather|rather(?!\s+than)|sorry|hmm+)(?:\s*,?\s*(?:no|wait))?\s*[,.]?\s+(?:make it\s+)?"
                        r"([\w-]+(?:\s+[\w-]+){0,2})(?:\s+(?:instead|please|pls))?\W*$", re.I)
# A whole request taken back and another said: "make it a yellow bird. wait no keep it blue but add flowers".
_TAKEN_BACK = re.compile(r"^.+?(?:[.,!;…]+|\s+-+)\s*(?:wait|actually|hmm+|oh|oops)[\s,]*(?:no|nah|nvm|never ?mind|scratch that)[\s,.!]+"
                         r"(?:[^.,;]{3,60}[,;.]\s*)?"  # "…, pyramids are too far from there, add a temple": the why, then the wish
                         r"(?=(?:keep|make|add|just|leave|do|put|give|turn|change|remove|let'?s)\b)(?P<rest>.+)$", re.I)


_NAME_IN_CAPS = re.compile(r"^(?:(?:[Cc]an|[Cc]ould|[Ww]ould)\s+(?:you|u)\s+)?(?:[Pp]lease\s+)?(?:[Ww]rite|[Pp]ut|[Aa]dd)\s+(?:the\s+)?"
                           r"(?:(?:band|brand|shop|store|company|title|word|words|text|team|book)\s+)?(?:name\s+|title\s+)?"
                           r"([A-Z0-9][A-Z0-9 &'!.-]{1,40}?)\s+(across|on|at|along|over|under|in)\s+(.+?)\W*$")
_PERSON = r"the\s+(?:man|woman|boy|girl|guy|lady|kid|child|bride|groom|king|queen|husband|wife|mom|dad|old man|old woman)"
_TWO_PEOPLE = re.compile(rf"^give\s+({_PERSON})\s+(.+?)\s*(?:,\s*|\s+)(?:and\s+)?(?:give\s+)?({_PERSON})\s+(.+?)\W*$", re.I)


# "i kinda wish …", "we really wish …": a wish about the picture, said of it.
_I_WISH = r"^(?:i|we)\s+(?:(?:kinda|kind of|sort of|really|just|do|sorta)\s+)*wish\s+"


_WOULD_BE = (r"^(?:.{0,80}?[.!]\s+)?(?:honestly\s+|tbh\s+|but\s+)?(?:it'?d|it\s+would|would|this\s+would|that\s+would|it\s+might)\s+"
             r"(?:be|look)\s+(?:(?:so|even|way|much|a\s+lot|kinda|really)\s+)?(?:cool|nice|nicer|better|funnier|funny|perfect|great|cute|"
             r"cuter|awesome|fun|lovely|amazing|epic|neat|good|sweet)\s+")
_OBJECT = {"he": "him", "she": "her", "they": "them"}
_TAIL = r"(?:\s+(?:tbh|honestly|lol|haha|though|tho|i\s+think))?\W*$"


def as_a_request(text: str) -> str:
    """The change a wish, a question or praise-then-"but" asks for, as the edit rules read a request:
    "i want him to wear a cape" → "make him wear a cape", "can the crown be gold?" → "make the crown gold"."""
    text = _PRAISE_BUT.sub("", text) or text
    m = _TAKEN_BACK.match(text)
    if m:  # what is kept is no change: "keep it blue but add flowers" asks for the flowers
        text = re.sub(r"^(?:just\s+)?(?:keep|leave)\s+(?:it|him|her|them)\s+[\w-]+\s*,?\s+(?:but|and)\s+(?:just\s+)?", "",
                      m.group("rest"), flags=re.I)
    m = _CORRECTED.match(text)
    if m:  # "make the tram yellow... actually no, green": the last word said is the one meant
        said = re.sub(r"^(?:an?|the)\s+", "", m.group(3), flags=re.I) if re.search(r"\b(?:an?|the)\s+$", m.group(1), re.I) else m.group(3)
        before = m.group(1)
        if said.split()[-1].lower() == m.group(2).lower() and len(said.split()) > 1:  # "a red cape, wait no, blue cape"
            before = re.sub(r"(?<=\s)(?!(?:an?|the|some|his|her|its|their)\s)[\w-]+\s+$", "", before, flags=re.I)
        if re.search(r"\b(?:an?|the)\s+$", before, re.I):
            said = re.sub(r"^(?:an?|the)\s+", "", said, flags=re.I)
        text = f"{before}{said}"
    text = unhedge(text)
    # "i kinda wish the dog was bigger", "i wish there was a cat in it": the wish is the change
    text = re.sub(_I_WISH + r"there\s+(?:was|were|'?d be|would be)\s+(.+?)(?:\s+in\s+(?:it|the\s+(?:picture|pic|image|shot)))?(?=\W*$)",
                  r"add \1", text, flags=re.I)
    text = re.sub(_I_WISH + r"((?:the\s+)?[\w-]+)\s+(?:was|were)\s+(?=(?:in|on|at|behind|beside|next to|above|below|under)\s)",
                  r"add \1 ", text, flags=re.I)  # "… earth was in the background"
    text = re.sub(_I_WISH + r"(it|he|she|they|the\s+[\w-]+|\w+)\s+(?:was|were|'?d be|would be|looked|could be)\s+(?=\S)",
                  r"make \1 ", text, flags=re.I)
    # "it'd be cool if there were big waves", "would be funnier if he was melting", "it'd be perfect with a hammock",
    # "a black cat sitting between them would be perfect": what would make it better is the change
    text = re.sub(_WOULD_BE + r"if\s+there\s+(?:was|were|is|are|'?d\s+be|could\s+be)\s+(.+?)" + _TAIL, r"add \1", text, flags=re.I)
    text = re.sub(_WOULD_BE + r"if\s+(it|he|she|they|the\s+[\w-]+)\s+(?:had|could\s+have|wore|was\s+wearing|were\s+wearing|was\s+holding|were\s+holding)\s+(?=\S)",
                  lambda m: f"give {_OBJECT.get(m.group(1).lower(), m.group(1))} ", text, flags=re.I)
    text = re.sub(_WOULD_BE + r"if\s+(it|he|she|they|the\s+[\w-]+)\s+(?:was|were|'?d\s+be|could\s+be|looked)\s+(?=\S)",
                  lambda m: f"make {_OBJECT.get(m.group(1).lower(), m.group(1))} ", text, flags=re.I)
    text = re.sub(_WOULD_BE + r"with\s+(.+?)" + _TAIL, r"add \1", text, flags=re.I)
    text = re.sub(r"^(?:honestly\s+|tbh\s+)?((?:an?|some|two|three|a\s+couple\s+of|a\s+few)\s+.{3,60}?)\s+(?:would|'d|might)\s+(?:be|look)\s+"
                  r"(?:(?:so|really|just)\s+)?(?:perfect|nice|cool|great|cute|awesome|fun|lovely|amazing|good|sweet|funny)\b" + _TAIL,
                  r"add \1", text, flags=re.I)
    # "make the woman have long brown hair": give her that
    text = re.sub(r"^((?:please\s+|pls\s+)?)(?:make|let)\s+(the\s+[\w-]+|him|her|them|it)\s+(?:have|has|get)\s+(?=\S)", r"\1give \2 ",
                  text, flags=re.I)
    m = re.match(r"^(?:switch|change|go)\s+(?:it\s+)?to\s+(?:a\s+|the\s+)?(?:colou?r\s+)?palette\s+of\s+(.+?)\W*$", text, re.I)
    if m:  # "switch to a color palette of burgundy and deep purple"
        return f"add a {m.group(1)} color palette"
    m = re.match(r"^(?:i|we)\s+(?:would|'d)\s+(?:prefer|rather have|like)\s+(an?\s+.+?)(?:,?\s*(?:thank you|thanks|please|pls))?\W*$", text, re.I)
    if m:  # "I would prefer a blue vase, thank you.": that instead
        return f"add {m.group(1)}"
    text = re.sub(r"\b(he|she)\s+has\s+", lambda g: "give him " if g.group(1).lower() == "he" else "give her ", text, flags=re.I) \
        if re.match(r"^(?:he|she)\s+has\b", text, re.I) else text  # "he has a beard and she has short curly hair"
    m = _NAME_IN_CAPS.match(text)
    if m:  # "could you write the band name VOIDHAMMER across the top": those letters, where said
        return f'write "{m.group(1).strip()}" {m.group(2)} {m.group(3)}'
    # "hmm take the chair out again, it feels cluttered": the chair removed, the reason said to us
    text = re.sub(r"^(?:(?:hmm+|ok(?:ay)?|actually|nah|ugh|please|pls|just)[\s,]+)*take\s+(the\s+[\w' -]{1,30}?)\s+out(?:\s+again)?(?=\s*(?:[,.;!]|$))",
                  r"remove \1", text, flags=re.I)
    m = re.match(r"^(?:can|could|may)\s+(?:there|we)\s+(?:be|have)\s+(.+?)(?:,\s*(?:like|as|just like)\s+(?:my|our|his|her)\s+[\w\s']{2,40})?\W*$",
                 text, re.I)
    if m:  # "Could there be flowers in the front garden, like my mother used to grow?": add them
        return f"add {m.group(1)}"
    m = _TWO_PEOPLE.match(text)
    if m:  # "give the woman long brown hair and the man glasses": each with theirs
        return f"add {m.group(1)} with {m.group(2)} and {m.group(3)} with {m.group(4)}"
    # "put him some glasses": how "give him" is said in some languages, word for word
    text = re.sub(r"^((?:please\s+|pls\s+)?)put\s+(him|her|them)\s+(?=(?:some|an?|the|two|\d)\s)", r"\1give \2 ", text, flags=re.I)
    m = _WANT_TO.match(text)
    if m:
        return f"make {m.group(1)} {text[m.end():]}"
    m = _NEEDS.match(text)
    if m:
        rest = text[m.end():]
        return rest if re.match(r"(?:more|less|fewer|some more|a bit more|a little more)\b", rest, re.I) else f"add {rest}"
    m = _WONDER.match(text)
    if m:
        return m.group(1)
    m = re.match(r"^(?:can|could|should|would)\s+(the\s+[\w' -]+?|(?:his|her|its|their)\s+[\w-]+|[\w-]+'s\s+[\w-]+|it|he|she|they)\s+be\s+(.+?)\W*$",
                 text, re.I)
    if m:  # "can the crown be gold instead?": make it so
        return f"make {m.group(1)} {m.group(2)}"
    if w.picture_number(text) is not None or re.match(
            r"^(?:can|could|may) (?:i|we) (?:get|have|see)\s+(?:\d|two|three|four|several|multiple|many|a few|some more|more|"
            r"another|(?:some |a few |other |different |alternative )?(?:variations?|versions?|options|takes|alternatives))\b", text, re.I):
        return text  # "can I see the first one again?", "can i get 3 variations?": history, not a change
    text = re.sub(r"^(?:can|could|may)\s+(?:we|i)\s+see\s+it\s+(?:as|in|like)\s+", "make it ", text, flags=re.I)
    return _CAN_HAVE.sub("add ", text)
