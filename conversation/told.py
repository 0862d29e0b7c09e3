"""Something told about the person's own life, said while a picture is on screen: "saw one of those at my feeder this
morning!", "I sent the middle line last weekend, took me 40 tries", "ok ordering some driftwood tonight", "the
sellers are my aunt and uncle, they built it in the 80s", "it's for my dad, he's turning 70". A story, a plan or a
fact about them, answered and never drawn, however many drawable words it names. Pure functions."""

from __future__ import annotations

import re

_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# When it happened or will: the mark of a story or a plan, not of a picture's content
_WHEN = re.compile(
    rf"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening|week|weekend|month|year|summer|winter|spring|autumn|fall)|"
    rf"(?:last|next|this\s+coming)\s+(?:night|week|weekend|month|year|time|season|{_DAYS}|{_MONTHS}|summer|winter|spring|autumn|fall)|"
    rf"next\s+(?:firing|batch|round|session|game|bake|class|meeting|trip|episode|issue|sale|market)|on\s+{_DAYS}|for\s+(?:{_DAYS}|tomorrow|next\s+week|the\s+weekend)|every\s+(?:day|week|morning|night|{_DAYS})|"
    rf"in\s+the\s+(?:\d0s|'\d0s|(?:fifties|sixties|seventies|eighties|nineties))|\d+\s+(?:tries|attempts|times|years|months|weeks|days|"
    rf"hours)|years?\s+ago|ago\b|since\s+(?:\d{{4}}|i\s+was|we\s+were)|when\s+i\s+was|back\s+in\s+(?:the\s+day|\d{{4}}))\b", re.I)
_OPENER = r"^\W*(?:(?:ha+|haha+|oh|ooh+|ok(?:ay)?|so|lol|wow|yeah|yep|perfect|great|nice|love\s+(?:him|her|it|this|them))[,.!\s]+)*"
# I or we doing, having done or going to do something (not wanting, asking or liking)
_SELF = re.compile(_OPENER + r"(?:i|we|i'?m|im|we'?re|i'?ve|ive|we'?ve|i'?ll|we'?ll|i'?d|me\s+and\s+\w+|my\s+\w+\s+and\s+i)\s+"
                   r"(?!(?:want|wanna|need|would|'d\s+like|wish|prefer|like|love|hate|think|wonder|was\s+wondering|mean|meant|"
                   r"asked|said)\b)", re.I)
# a plan or deed said without "I": "ordering some driftwood tonight", "saw one at my feeder this morning!"
_DONE = re.compile(_OPENER + r"(?:saw|caught|found|made|built|sent|ordered|bought|booked|went|got|took|met|ran|drew|flew|rode|"
                   r"[a-z]{3,}ed|ordering|booking|buying|heading|sending|making|building|going|planning|launching|printing|"
                   r"framing)\b", re.I)
# someone of theirs doing something, said with when: "my students paint these every friday"
_THEIRS_WHEN = re.compile(_OPENER + r"(?:my|our)\s+(?:[\w-]+\s+){1,2}(?!(?:is|are|was|were|should|could|would|needs?)\b)[a-z]+\b", re.I)
# a fact about people the person knows: "the sellers are my aunt and uncle", "my players fight these on sunday",
# "he's called Pip", "everyone's going to ask about the sheep", "it's for my dad, he's turning 70"
_THEIRS = re.compile(_OPENER + r"(?:(?:the\s+[\w-]+|they|he|she)\s+(?:are|is|'re|'s|were|was)\s+(?:my|our)\s+\w+|"
                     r"(?:my|our)\s+(?:[\w-]+\s+){1,2}(?:fight|play|love|use|run|meet|come|visit|live|work|keep|raise|grow|"
                     r"[a-z]+ed)\b|(?:he|she|it)(?:'s|\s+is)\s+(?:called|named)\s+[A-Z]\w*|everyone(?:'s|\s+is)\s+(?:going\s+to|gonna)\s+"
                     r"(?:ask|love|notice|laugh|want)|(?:the\s+[\w-]+\s+(?:on|of|in)\s+)?(?:mine|ours)\s+(?:came\s+out|turned\s+out|ended\s+up|was|were|looked)\b|"
                     r"(?:it'?s|its|this\s+is)\s+for\s+(?:my|our)\s+(?:[\w'-]+\s+){0,2}[\w'-]+\s*[,.;!]\s*"
                     r"(?:he|she|they)(?:'s|\s+is|'re|\s+are)\b)", re.I)
# anywhere in it: "episode one drops next week, wish me luck"
_NEWS = re.compile(r"\bwish\s+(?:me|us)\s+luck\b|\b(?:drops|launches|airs|opens|premieres|goes\s+live|comes\s+out|is\s+due)\s+"
                   r"(?:next|this|on|tomorrow|tonight|in\s+\d+)\b", re.I)
# what asks for a picture or a change, whoever says it
_ASKS = re.compile(r"(?:^|[,.;!]\s*)(?:(?:please|pls|can\s+you|could\s+you|would\s+you)\s+)?(?:make|add|remove|draw|paint|show|"
                   r"give\s+(?:it|him|her|them|me)|put|turn|change|render|create|generate|redo|undo)\b|\bcan\s+you\b|\bcould\s+you\b|"
                   r"\bplease\b|\?", re.I)


def told_of_self(text: str) -> bool:
    """Whether the message only tells of the person's life (a story, a plan, a fact about people they know)."""
    t = text.strip()
    if not t or len(t) > 240 or _ASKS.search(t):
        return False
    if _THEIRS.search(t) or _NEWS.search(t):
        return True
    return bool(_WHEN.search(t)) and bool(_SELF.match(t) or _DONE.match(t) or _THEIRS_WHEN.match(t))
