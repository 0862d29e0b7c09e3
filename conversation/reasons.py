"""A request with the reason for it said after: "Landscape please so it fits at the top of the page", "Widescreen
please, I'm putting it in a presentation", "needs to be square, my VTT grid is square", "make it brighter, it's for
kids". The reason tells why, not what to draw: it is left out of what is read, so the request is read alone.
Pure functions."""

from __future__ import annotations

import re
from typing import Callable

# "so it fits …", "because my grid is square", "since i'm printing it": a reason, by its first words.
_BECAUSE = re.compile(r"(?:\s*[,.;:!-]+\s*|\s+)(?:so(?:\s+that)?|because|cause|'cause|cuz|coz|bc|since)\s+"
                      r"(?=(?:it|it'?s|its|they|they'?re|i|i'?m|im|i'?ll|we|we'?re|he|she|the|my|our|this|that|you|"
                      r"people|kids|everyone)\b)(?![^,.;]*\b(?:space|room|clear|empty)\b)", re.I)  # "so there's room for a headline" says what
_OWN_PLAN = re.compile(r"\W*(?:so(?:\s+that)?|because|cause|cuz|coz|bc|since)\s+(?:i|we)\s+(?:can|could|will|'ll|might|may|want\s+to)\b",
                       re.I)
# A clause after the request: ", I'm putting it in a presentation", ". It's for kids", ", my VTT grid is square".
_CLAUSE = re.compile(r"\s*(?:[,;]|\.(?=\s)|!|—|\s-(?=\s))\s*")
# "needs to be square", "it has to be landscape", "should be widescreen": what it is to be, asked.
_TO_BE = re.compile(r"^\W*(?:(?:it|this|the (?:picture|image|pic|photo))\s+)?(?:needs to|has to|must|should|gotta|got to|'?ll have to)"
                    r"\s+be\s+(?=\S)", re.I)
# A clause about the person or the picture's use, not its content: "I'm putting it in a presentation", "my grid is square",
# "it's for kids" (not "it's sleeping", which says what to draw).
_ABOUT_US = re.compile(r"^\W*(?:sorry[\s,]+)?(?:i|i'?m|im|i'?ll|i'?ve|i'?d|we|we'?re|we'?ll|my|our|it'?s\s+for|its\s+for|this\s+is\s+for|"
                       r"(?:he|she|they|it)\s+(?:changes?|keeps?|kept|always|never|loves?|hates?|thinks?|says?|said)|"
                       r"the\s+\w+\s+(?:says|said|thinks|wants|insists)|it\s+(?:looks|seems|feels)\s+(?:a bit\s+|too\s+|kinda\s+|so\s+)?(?:overcooked|fried|"
                       r"burnt|weird|off|muddy|noisy|flat|busy|dull|cheap)|it\s+(?:runs|goes|sits|hangs|wraps|will\s+(?:go|sit|hang|run))|"
                       r"it'?s\s+going\s+(?:on|in|at|to|above|over|by)\b|"
                       r"the\s+(?:sign|banner|page|wall|card|cover|poster|screen|frame|slot|space|print|website|site|post|header|"
                       r"book|flyer|label|box|mug|shirt|sofa|couch|table|room|window|space|frame|mantel|mantelpiece|shelf|bed|desk|"
                       r"hallway|hall|door|stairs)\s+(?:is|are|was|will\s+be)\s+(?:long|wide|tall|narrow|small|big|square|round|"
                       r"thin|short|huge|tiny)|"
                       r"that'?s\s+for|(?:it|this)\s+(?:goes|will go)\s+(?:on|in|at)|for\s+(?:my|our|the)\s+\w+$|"
                       # "it's his birthday", "it's a gift": the occasion, not the content
                       r"it'?s\s+(?:(?:his|her|their|my|our|your)\s+(?:birthday|anniversary|wedding|graduation|retirement|big\s+day|"
                       r"first\s+\w+)|(?:a|an)\s+(?:gift|present|surprise))\W*$)\b", re.I)
_SAID_OF_US = re.compile(r"\W*(?:it'?s|its|this is|that'?s|for)\b|\W*(?:sorry[\s,]+)?(?:i|we|he|she|they|the\s+\w+|it)\s+\w+|\W*(?:my|our)\s+(?:[\w-]+\s+){1,3}(?:is|are|was|were|uses|needs|has|have)\b",
                         re.I)
# What asks for something even inside a clause that sounds like a statement.
_ASKS = re.compile(r"\b(?:make|add|remove|give|put|turn|change|take|draw|show|try|use|zoom|more|less|too|instead|without|no|"
                   r"please|pls|can you|could you|mean|meant|want(?:ed)?(?!\s+to\s+(?:see|know|check|find out)\b)|need|prefer|wish|rather|'d like|would like)\b|\?", re.I)

Statement = Callable[[str], bool]


def without_reason(message: str, is_statement: Statement) -> str:
    """The request of ``message`` without the reason said after it; the message as it was when no request comes first
    or nothing follows it. ``is_statement`` tells a clause that asks for nothing ("I'm putting it in a presentation")."""
    text = _TO_BE.sub("make it ", message.strip(), count=1)
    text = re.sub(r"^\W*(?:can|could|would)\s+(?:it|this|the (?:picture|image))\s+(?:maybe\s+|perhaps\s+|possibly\s+|just\s+)?(look|be|feel)\s+(?!(?:possible|ok(?:ay)?|able|better|worse|nicer|prettier|a problem)\b)(?=\w)",
                  lambda m: "make it look " if m.group(1).lower() == "look" else "make it ", text, count=1, flags=re.I)
    cut = _BECAUSE.search(text)
    own_plan = cut and _OWN_PLAN.match(text[cut.start():])  # "so i can make more later": the person's plan, asking nothing here
    # the question mark that ends the message is the request's: "could you show workers, so the kids see how it was made?"
    if cut and cut.start() > 0 and (own_plan or not _ASKS.search(text[cut.start():].rstrip(" ?"))) \
            and not re.fullmatch(r"\W*(?:(?:ok(?:ay)?|and|well|hmm+|yeah|yes|no|oh|right)\W*)*", text[:cut.start()], re.I):
        text = text[:cut.start()]  # "landscape please so it fits the page"; not "ok so this is close … could you add a cat"
    parts = [p for p in _CLAUSE.split(text) if p and p.strip(" .!?")]
    while len(parts) > 1 and _ABOUT_US.match(parts[-1]) and (is_statement(parts[-1]) or _SAID_OF_US.match(parts[-1])) \
            and not _ASKS.search(parts[-1]):
        parts.pop()
    head = ", ".join(p.strip() for p in parts)
    if head == ", ".join(p.strip() for p in _CLAUSE.split(message.strip()) if p and p.strip(" .!?")):
        return message  # nothing was left out: the message as typed, its own punctuation kept
    return head if 0 < len(head.split()) <= 12 else message
