"""A change asked for politely, by the frame around it: "could we maybe see it at night?", "how about
adding some fog?", "what if there was a tractor?", "might be nice with some fireflies". The frame is
taken off and the change is said plainly ("make it at night", "add some fog", "add a tractor"), so the
edit rules read it as they read any order, whatever the frame's wording in between. Pure functions.
"""

from __future__ import annotations

import re

from conversation.cues import gerund_base

_SOFT = r"(?:(?:maybe|perhaps|possibly|please|pls|just|also|quickly|kindly|even|actually)\s+)*"
# What the frame is about: the picture or a thing in it, never a picture by number ("the first one").
_WHO = (r"(?:it|this|that|this one|that one|him|her|them|the\s+(?!(?:first|second|third|fourth|last|previous|original|"
        r"other|next|latest|earlier|1st|2nd|3rd|4th|one|ones|same|old|new|older|seed|seeds|prompt|steps|model|settings|"
        r"size|guidance|cfg|recipe|parameters|negative|resolution|sampler|info|details|full|exact|whole|actual|entire)\b)[\w-]+"
        r"(?!\s+(?:one|ones|version|image|"
        r"picture|pic)\b))")

# Frames whose rest is an order as it stands: "i wonder if you could put …" → "put …".
_ORDER_FRAMES = [
    rf"^(?:is|would|will) it (?:be )?(?:possible|ok|okay|alright|doable) (?:for you )?to\s+{_SOFT}",
    rf"^(?:is there )?any chance (?:you|u|we) (?:could|can|might)\s+{_SOFT}",
    rf"^(?:do you |d'?you |you )?think (?:you|u) (?:can|could|might)\s+{_SOFT}",
    rf"^i (?:was |am |'?m )?(?:just )?wonder(?:ing)? if (?:you|u|we) (?:could|can|might|would)\s+{_SOFT}",
    rf"^(?:would|could) (?:you|u) be able to\s+{_SOFT}",
    rf"^(?:are you|r u|you) able to\s+{_SOFT}",
    rf"^is (?:it )?possible (?:to |for you to )?{_SOFT}",  # "is possible more close?"
    r"^(?:can|could) (?:we|you|u) (?=go\s+(?:more|less|even more|a bit more|a little more)\b)",
    rf"^(?:maybe |perhaps )?(?:you|u|we) (?:could|can|might|should|may)\s+{_SOFT}(?=(?:make|add|remove|change|put|give|turn|"
    rf"try|draw|zoom|use|set|swap|replace|show|move|get rid|take)\b)",
]
_ORDER_FRAMES_RX = [re.compile(p, re.I) for p in _ORDER_FRAMES]
# "can u do it again but foggier": the same picture with a change, said after "again but".
_AGAIN_BUT = re.compile(rf"^(?:(?:can|could|would) (?:you|u) (?:please )?)?(?:(?:do|draw|make|run|try) it )?(?:again|once more),?"
                        rf"\s+but\s+{_SOFT}(.+)$", re.I)
# Frames with a gerund: "how about adding some fog", "mind adding a rainbow?".
_GERUND_FRAME = re.compile(rf"^(?:how about|what about|(?:would|do) (?:you|u) mind|mind|try|consider)\s+{_SOFT}"
                           r"([a-z]+ing)\b\s*(.*)$", re.I)
# Frames that show the picture some way: "could we see it at night", "i'd love to see it in autumn".
_SEE_FRAME = re.compile(rf"^(?:(?:could|can|may|might) (?:we|i|you|u)\s+{_SOFT}(?:see|get|have)|"
                        rf"(?:i'?d|id|i would|we'?d|we would) (?:really )?(?:love|like) to (?:see|have|get)|"
                        rf"(?:i'?d|id|i would|we'?d|we would) (?:really )?(?:love|like)|"
                        rf"how (?:would|will|might|could|does)(?=\s+(?:it|he|she|they)\s+look\s))\s+"
                        rf"({_WHO})\s+(?:look\s+)?(?:like\s+)?(.+)$", re.I)
# After a frame is taken off: "get it in watercolor", "see him from below".
_BARE_SEE = re.compile(rf"^(?!.*\b(?:seed|steps|guidance|cfg|sampler)\b)(?:get|have|see|show me|try)\s+({_WHO})\s+((?:in|at|as|with|without|from|during|under|like|on)\b.+)$", re.I)
# Frames that wish a thing in: "what if there was a tractor", "is it too much to ask for a sunset".
_THING_FRAME = re.compile(r"^(?:what if there (?:was|were|is|are|'?s)|what if (?:we|you|u) (?:added|add|put|had)|"
                          r"is it too much to ask for|(?:it )?(?:would|might|could) (?:also )?(?:be|look) "
                          r"(?:really |so |even )?(?:nice|cool|better|great|good|fun|interesting|neat|awesome|lovely|cute|"
                          r"nicer|cooler)\s+with|would it look (?:better|nicer|cooler|good|great|cool) with|"
                          r"(?:maybe|perhaps)(?= (?:some|a|an|more|a few|two|three)\b))\s+(.+)$", re.I)
_BECOME_FRAME = re.compile(r"^what if (it|he|she|they|the\s+[\w-]+) (?:was|were|is|are|became|got)\s+(.+)$", re.I)
_HAVE_FRAME = re.compile(r"^what if (he|she|it|they|the\s+[\w-]+) (?:had|was holding|wore|was wearing)\s+(.+)$", re.I)


def _as_order(who: str, rest: str) -> str:
    """ "it" + "with a red roof" → "add a red roof"; + "at night" → "make it at night"."""
    rest = rest.strip()
    if re.match(r"^with\s+", rest, re.I):
        return "add " + re.sub(r"^with\s+", "", rest, flags=re.I)
    if re.match(r"^without\s+", rest, re.I):
        return "remove " + re.sub(r"^without\s+(?:any\s+)?", "", rest, flags=re.I)
    if re.match(r"^(?:from|seen from|viewed from)\s+", rest, re.I):
        return f"show {who} {rest}"
    if re.match(r"^(?:at|in|during|under|as|on a)\s", rest, re.I):
        return f"make it {rest}"  # "see the barn at night": the whole picture at night
    return f"make {who} {rest}"


# Non-native frames: "I want that the house have a red door".
_WANT_THAT = re.compile(r"^(?:i|we)\s+(?:want|would like|'?d like|wish|prefer)\s+that\s+(?=\S)", re.I)
_HAVE = re.compile(r"^(it|he|she|they|the\s+[\w-]+)\s+(?:have|has|had|will have|gets?|to have|with)\s+(?=(?:a|an|some|the|more|no)\b)",
                   re.I)
_NOT_WANTED = re.compile(r"^(?:i|we)\s+(?:really\s+)?(?:don'?t|do not|didn'?t)\s+(?:want|need|like)\s+(?:any\s+)?(?=\S)", re.I)


_WONDER_IF = re.compile(rf"^i (?:was |am |'?m |only |just )*wonder(?:ing)? (?:if|whether) (?P<who>{_WHO})\s+"
                        rf"(?:could|might|would|can)\s+(?P<verb>be|have|look|get|wear|hold)\b(?P<rest>.*)$", re.I)
_WHY_AFTER = re.compile(r",\s*(?:the way (?:it|they|he|she)\b|like (?:our|my|his|her|their) [\w' -]+ (?:was|were|did|used to)\b).*$", re.I)


def wondered(text: str) -> str:
    """ "i wonder if the sky could be pinker, the way it was on our evenings": asked as "could the sky be pinker", the
    memory that says why left out; the message as it is otherwise."""
    m = _WONDER_IF.match(text.strip())
    if m is None:
        return text
    rest = re.sub(r"^an?\s+([\w-]+)\s+one\b", r"\1", _WHY_AFTER.sub("", m.group("rest")).strip(), flags=re.I)  # "a black one"
    return f"could {m.group('who')} {m.group('verb')} {rest}"


def unhedge(text: str) -> str:
    """The change a politely framed message asks for, said plainly; the message as it is otherwise."""
    # "make it foggy out": the weather outside, not something taken out
    t = re.sub(r"\b(foggy|rainy|snowy|stormy|sunny|cloudy|windy|misty|hazy|dark|cold|hot|wet)\s+(?:out|outside|out there)\b",
               r"\1", text.strip(), flags=re.I)
    t = re.sub(r"^((?:ok(?:ay)?[\s,]+|now\s+|and\s+)*(?:make|turn|render|show|do|put|give))\s+(?:that|this) one\b", r"\1 it", t,
               flags=re.I)  # "ok make that one wider": the picture on screen
    t = re.sub(r"^(?:(?:hmm+|hm+|um+|uh+|ok(?:ay)?|so|well|alright)[\s,.]+)+(?=(?:can|could|would|is|any|how|what|i|we|maybe|"
               r"perhaps|might|mind|do you|think)\b)", "", t, flags=re.I)
    t = wondered(t)
    for _ in range(3):  # frames nest: "i wonder if you could maybe see it at night"
        before = t
        body = t.rstrip(" ?!.")
        for rx in _ORDER_FRAMES_RX:
            m = rx.match(body)
            if m and body[m.end():].strip():
                body = body[m.end():]
                break
        m = _WANT_THAT.match(body)
        if m:
            body = body[m.end():]
        m = _HAVE.match(body)
        if m and body is not t:
            body = f"give {_object(m.group(1))} {body[m.end():]}"  # "the house have a red door" → "give the house a red door"
        m = _NOT_WANTED.match(body)
        if m and not re.match(r"(?:it|this|that|them|this one|that one)\b", body[m.end():], re.I):
            body = "remove " + body[m.end():]  # "we don't want the tractor"
        m = re.match(r"^go\s+(more|less|even more|a bit more|a little more)\s+(.+)$", body, re.I)
        if m:  # "(can we) go more detailed"
            body = f"make it {m.group(1)} {m.group(2)}"
        m = _AGAIN_BUT.match(body)
        if m:
            rest = m.group(1)
            first = rest.split()[0].lower()
            body = _as_order("it", rest) if re.match(r"^(?:with|without|from|in|at|as|during|on)\b", rest, re.I) or \
                (first.endswith(("er", "ier")) and len(rest.split()) <= 3) else rest
        m = _GERUND_FRAME.match(body)
        if m and gerund_base(m.group(1)):
            body = f"{gerund_base(m.group(1))} {m.group(2)}".strip()
        m = _SEE_FRAME.match(body)
        if m:
            body = _as_order(m.group(1), m.group(2))
        m = re.match(r"^get (him|her|them|it) (?=(?:an?|some|the|his|her|its|their)\s)", body, re.I)
        if m:  # "get him a hat": give him one
            body = f"give {m.group(1)} {body[m.end():]}"
        m = _BARE_SEE.match(body)
        if m:
            body = _as_order(m.group(1), m.group(2))
        m = _HAVE_FRAME.match(body)
        if m:
            body = f"give {_object(m.group(1))} {m.group(2)}"
        m = _BECOME_FRAME.match(body)
        if m:
            body = f"make {_object(m.group(1))} {m.group(2)}"
        m = _THING_FRAME.match(body)
        if m:
            body = _as_order("it", "with " + m.group(1))
        t = body if body != t.rstrip(" ?!.") else t
        if t == before:
            break
    return t


def _object(who: str) -> str:
    return {"he": "him", "she": "her", "they": "them"}.get(who.lower(), who)
