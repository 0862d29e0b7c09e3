"""Words asked to be lettered on the picture, said without quotes: "can you write Happy 60th Dad along the top in
gold", "put THE LOW TIDES in big letters at the top", "can it say Welcome Baby Amara in the middle", "write Isla in the
balloon in a nice script". The words are a name or a greeting (capitals tell them), and where and how they go follow
them. Quoted words are read by ``short_followups.lettering``. Pure functions.
"""

from __future__ import annotations

import re

from conversation.actions import Add

_LEAD = (r"^\W*(?:(?:and|now|ok(?:ay)?|also|then)[\s,]+)*(?:please\s+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?|"
         r"(?:can|could)\s+(?:it|this|the\s+[\w-]+)\s+)?")
_PLACE = (r"(?:along|across|at|on|in|over|under|above|below|inside|around|near)\s+(?:the\s+)?(?:very\s+)?"
          r"(?:top|bottom|middle|cent(?:er|re)|sky|side|left|right|banner|balloon|front|back|corner|sign|cake|card|ribbon|"
          r"flag|board|door|wall|header|footer|edge)(?:\s+(?:left|right|edge|corner|half|of\s+(?:it|the\s+[\w-]+)))?")
_HOW = r"(?:(?:in|with)\s+(?:big|small|large|gold(?:en)?|silver|white|black|red|nice|pretty|fancy|bold|curly|[\w-]+)\s+(?:letters|lettering|script|writing|font|text|calligraphy)|in\s+(?:gold|silver|white|black|red|blue|pink|green)|in\s+(?:a\s+)?(?:nice|pretty|fancy|bold|curly|elegant|handwritten)\s+(?:script|font|hand))"
# Case matters for the words only: the asking, the place and the manner are read in any case.
_ASKED = re.compile(
    f"(?i:{_LEAD})" + rf"(?i:(?P<verb>write|put|add|letter|print|spell)|say|read)\s+(?P<words>[A-Z0-9][^?!.]{{0,60}}?)"
    rf"(?P<rest>(?:\s+(?i:{_HOW}|{_PLACE}))+)?(?i:\s+(?:please|pls))?\W*$")


def _lettered(words: str) -> bool:
    """A name or a greeting: each word starts with a capital or a digit, or the words are in capitals."""
    tokens = words.split()
    small = {"you", "to", "of", "and", "the", "a", "on", "for", "my", "our", "in", "at", "de", "von"}
    return bool(tokens) and len(tokens) <= 8 and all(t[0].isupper() or t[0].isdigit() or t.lower() in small for t in tokens) \
        and not re.match(r"(?:I|It|This|That|The|A|An)\b", words)


def words_asked(text: str) -> list[Add] | None:
    """The lettering a message asks to put on the picture, or None."""
    said = re.sub(r"^\W*(?:(?:oh\s+my|oh|wow|ooh|aww+|lovely|nice|great|perfect|ok(?:ay)?)[\s,]*[.!]+\s+)+(?=\S)", "", text.strip(), flags=re.I)
    m = _ASKED.match(said)  # "Oh my. Can it say Merry Christmas at the top?": the exclamation before is no part of it
    if m is None or not _lettered(m.group("words")):
        return None
    if not m.group("verb") and not m.group("rest"):
        return None  # "can it say Hello?": lettering asked only with where or how it goes
    rest = (m.group("rest") or "").strip()
    return [Add(thing=f'the text "{m.group("words").strip()}"' + (f" {rest}" if rest else ""))]
