"""A complaint about a thing said before the change that fixes it ("the cows ruin it, remove them",
"i don't like the rug, make it a cushion"): the complaint is said to us, not drawn, and the thing it
names is the "it" of the change."""

from __future__ import annotations

import re

from conversation.actions import Add, Op, Remove, SetSeed
from conversation.phrases import bare

# What is wrong with a thing, said before the change that fixes it: the thing, for the "it" that follows.
_BAD = r"(?:weird|off|wrong|bad|ugly|awful|terrible|distracting|out of place|creepy|strange|odd|too big|too small)"
_COMPLAINTS = [re.compile(p, re.I) for p in (
    r"^(?:i (?:don'?t|do not) (?:like|love|want)|i hate|not a fan of)\s+(?P<thing>.+)$",
    r"^(?P<thing>(?:the|that|those|these)\s+[\w' -]{1,30}?)\s+(?:ruins?|spoils?|kills?|wrecks?)\s+(?:it|the\s+\w+)$",
    rf"^(?P<thing>(?:the|that|those|these|her|his|its|their)\s+[\w' -]{{1,30}}?)\s+(?:looks?|seems?|is|are)\s+(?:kinda\s+|so\s+|really\s+|"
    rf"a bit\s+|too\s+|very\s+)?{_BAD}$",
)]


_FIX_IT = re.compile(r"\b(remove|delete|erase|get rid of|take out|take away|lose|drop|replace|swap|change|make|turn|recolou?r|"
                     r"shrink|move|fix|take|cut|leave)\s+(?:it|them|him|her|that|those)\b", re.I)


def named_for_it(text: str) -> str:
    """ "the bucket looks out of place. remove it" → "remove the bucket": what a complaint names is the "it"
    of the change that follows it."""
    m = re.match(r"^(.+?)(?:[.;!]\s+|,\s*(?:so\s+|just\s+)?|\s+(?:so|just)\s+)(?=\S)", text.strip())
    thing = complained_of(m.group(1)) if m else None
    rest = text.strip()[m.end():] if m else ""
    no = re.fullmatch(r"(?:no|not the|no more)\s+([\w' -]{2,30}s)", m.group(1).strip(), re.I) if m else None
    if thing is None and no and re.match(r"(?:make|turn)\s+them\s+(?:into\s+)?(?!more\b|less\b)[\w-]+s\W*$", rest, re.I):
        thing = bare(no.group(1))  # "no pancakes, make them omelettes": the pancakes become omelettes
    if thing is None or not _FIX_IT.search(rest):
        return text
    return _FIX_IT.sub(lambda f: f"{f.group(1)} the {thing}", rest, count=1)


def complained_of(phrase: str) -> str | None:
    """ "hmm the cows ruin it" → "cows"; None when the phrase is no complaint about a thing."""
    phrase = re.sub(r"^(?:(?:hmm+|ugh|meh|eh|ok|honestly|tbh|nah|well|lol|hm+)[\s,]+)+", "", phrase.strip(" ,.!?"), flags=re.I)
    m = next((m for m in (rx.match(phrase) for rx in _COMPLAINTS) if m), None)
    return bare(m.group("thing")) if m and bare(m.group("thing")) else None


# "her hands look weird, can you fix the hands": that part drawn well, the rest kept.
_FIX = re.compile(r"(?:^|[,.;!]\s*|\s)(?:(?:can|could|would) (?:you|u)\s+|please\s+|pls\s+|just\s+)?(?:fix|repair|correct|redo)\s+"
                  r"(?:the|her|his|its|their|those|these)\s+([\w-]+)(?:\s+(?:please|pls))?\W*$", re.I)
_NOT_A_PART = re.compile(r"(?:spelling|text|typo|typos|lettering|letters|words|colou?rs?|lighting|light|size|shape|seed|prompt)$", re.I)


def fix_asked(text: str) -> list[Op] | None:
    """ "can you fix the hands": the part asked to be fixed, drawn well; None when nothing of the picture is named."""
    m = _FIX.search(text)
    if m is None or _NOT_A_PART.match(m.group(1)):
        return None
    return [Add(thing=f"well-formed {m.group(1).lower()}")]


# "it's kinda blurry": a fault of the whole picture said, not asked about; fixed by asking for focus and detail.
_UNSHARP = re.compile(r"^\W*(?:(?:ugh|hmm+|meh|eh|ok(?:ay)?|honestly|tbh|lol|but|hm+|well)[\s,]+)*(?:it'?s|its|it is|this is|that'?s|"
                      r"(?:it\s+)?looks|everything'?s|everything is|the (?:image|picture|pic|photo|whole thing) (?:is|looks))\s+"
                      r"(?:(?:kinda|kind of|a bit|a little|so|too|very|really|pretty|super|way too|still)\s+)*(?P<fault>blurry|blurred|"
                      r"fuzzy|out of focus|grainy|noisy|pixelated|pixely|low[- ]res|muddy)(?:\s+(?:tbh|though|tho|now|lol|again))*\W*$", re.I)


def unsharp_fixed(text: str) -> list[Op] | None:
    """ "it's kinda blurry" → sharp focus added, the fault kept out; None when the message says no such fault."""
    m = _UNSHARP.match(text.strip())
    if m is None or text.rstrip().endswith("?"):
        return None
    fault = m.group("fault").lower()
    kept_out = {"blurred": "blurry", "out of focus": "blurry", "pixely": "pixelated", "low res": "low resolution",
                "low-res": "low resolution"}.get(fault, fault)
    return [Add(thing="sharp focus, crisp fine detail"), Remove(thing=kept_out)]


# "try again, it still has six fingers", "it has six fingers on one hand, fix it": a flaw of the drawing, and another try
_FLAW = re.compile(r"\b(?:(?:six|6|seven|7|extra|too\s+many)\s+(?:fingers|toes|arms|legs|limbs|hands|eyes)|(?:three|3)\s+(?:arms|legs|hands))\b",
                   re.I)  # miscounted: what "weird" or "melted" hands ask is read elsewhere
_AGAIN_OR_FIX = re.compile(r"\b(?:try\s+again|again|retry|re-?roll|redo|fix\s+(?:it|that|this|them)|another\s+(?:try|go|one)|new\s+seed)\b", re.I)
_PARTS = {"fingers": "hands with five fingers", "toes": "feet with five toes", "hands": "well-formed hands", "hand": "well-formed hands",
          "arms": "two arms", "legs": "two legs", "limbs": "correct anatomy", "eyes": "two eyes", "face": "a well-formed face",
          "feet": "well-formed feet"}


def flaw_again(text: str) -> list[Op] | None:
    """The part drawn right on a new seed when a flaw is told with a request to try again or fix it; None otherwise."""
    flaw = _FLAW.search(text)
    if flaw is None or not _AGAIN_OR_FIX.search(text):
        return None
    part = next((word for word in re.findall(r"[a-z]+", flaw.group(0).lower()) if word in _PARTS), "limbs")
    return [Add(thing=_PARTS[part]), Remove(thing=f"extra {part}" if part in ("fingers", "toes", "arms", "legs", "limbs") else
                                        f"deformed {part}"), SetSeed(seed=None)]


# A fault named, then "fix it": "the tower is crooked 😂 fix it", "her hand looks weird, can you fix that".
_FAULT_THEN_FIX = re.compile(
    r"^\W*(?:(?:lol|haha+|ugh|hmm+|oh|ok(?:ay)?)[\s,!.]+)*(?:the|his|her|its|their)\s+(?P<thing>[\w-]+(?:\s+[\w-]+)?)\s+(?:is|are|looks?|seems?)\s+"
    r"(?:(?:all|kinda|kind\s+of|a\s+bit|so|really|totally|very|super)\s+)*(?P<fault>crooked|wonky|warped|broken|bent|melted|wrong|weird|off|"
    r"messed\s+up|deformed|squished|stretched|lopsided|twisted|mangled|cursed|creepy|strange|odd)"
    r"[^\w]*?(?:\s*(?:so|just|pls|please|can\s+you|could\s+you)\s+)*(?:fix|redo|repair|sort\s+out)\s+(?:it|that|this|them|him|her)"
    r"(?:\s+(?:pls|please))?\W*$", re.I)


def fault_then_fix(text: str) -> list[Op] | None:
    """ "the tower is crooked 😂 fix it": the thing drawn well on a new seed, the fault kept out; None otherwise."""
    m = _FAULT_THEN_FIX.match(text.strip())
    if m is None or _NOT_A_PART.match(m.group("thing")):
        return None
    thing, fault = m.group("thing").lower(), re.sub(r"\s+", " ", m.group("fault").lower())
    return [Add(thing=f"well-formed {thing}"), Remove(thing=f"{fault} {thing}"), SetSeed(seed=None)]

