"""What a person says about their day and where the picture will go, taken off a new picture's description:
"I teach 6th grade science, I need a diagram of the water cycle for tomorrow's lesson" draws a diagram of the water
cycle, not a teacher or a lesson; "a cartoon owl wearing glasses for the library newsletter" draws no newsletter;
"deck due in an hour, need a hero image: a lighthouse on a cliff" draws the lighthouse.

What the picture is *of* stays: "a poster for the chess club" keeps its club (the poster is about it), "a cake for a
dog" keeps its dog. Pure functions.
"""

from __future__ import annotations

import re

# Where a picture is put, never what is in it: "for the parent newsletter", "for my time management workshop slides".
_PLACED_IN = (r"newsletters?|presentations?|slides?|slide ?decks?|decks?|slideshows?|reports?|report covers?|e-?mails?|"
              r"blogs?(?: posts?)?|websites?|web ?sites?|web ?pages?|landing pages?|instagram(?: posts?| stor(?:y|ies)| feed| grid)?|"
              r"insta|facebook(?: posts?| page)?|linkedin(?: posts?)?|twitter|tiktok|youtube(?: channel)?|channel|menus?|"
              r"worksheets?|handouts?|portfolio|lessons?|lectures?|listings?|brochures?|leaflets?|webinars?|workshops?|"
              r"meetings?|pitch(?:es)?|talks?|assignments?|homework|essays?|articles?|zines?|bulletins?|notice ?boards?|"
              r"assembl(?:y|ies)|campaigns?|adverts?|ads?|flyers?|posts?|threads?|podcasts?|streams?|videos?|"
              r"(?:d&d|dnd|rpg|tabletop|game)\s+(?:sessions?|games?|nights?|campaigns?|one-?shots?)|sessions?|one-?shots?|game\s+nights?|"
              r"title slides?|cover slides?|intro slides?|title cards?|annual reports?|app store(?: listing)?|"
              r"course(?:work)?|syllabus|textbooks?|study guides?|wikis?|documentation|docs|readme|pull request|"
              r"story time|storytime|class(?:room)? display|display board")
# A group the picture is made for: said after a poster or a logo it is what the picture is about, otherwise not.
_GROUPS = r"club|team|class|group|department|office|church|committee|society|association|school|staff|students|congregation"
# What a picture made for a group is about: "a poster for the chess club", "a logo for our team".
_ARTEFACT = re.compile(r"\b(?:poster|flyer|banner|logo|sign|badge|sticker|label|t-?shirt|shirt|mug|card|invitation|invite|"
                       r"emblem|crest|mascot|cover|icon|patch|pennant|flag)s?\s*$", re.I)
_WHOSE = r"(?:my|our|the|a|an|his|her|their|this|next|tomorrow'?s|today'?s|this week'?s|next week'?s|[\w-]+'s|[\w-]+s')"
_PURPOSE = re.compile(
    rf"(?P<lead>(?:\s*[,;]\s*|\s*[—–]\s*|\s+-\s+|\s+))(?:(?:it'?s|this is|that'?s)\s+)?for\s+(?:{_WHOSE}\s+){{1,2}}"
    rf"(?P<words>(?:[\w'&-]+\s+){{0,4}}?)(?P<use>{_PLACED_IN}|{_GROUPS})"
    rf"(?P<after>\s+(?:(?:i'?m|i am|we'?re|we are)\s+(?:building|making|running|planning|doing|writing|preparing|organi[sz]ing|"
    rf"hosting|putting together|teaching|giving)\b[^,.;!?]*)?)?"
    rf"(?:\s+(?:tonight|tomorrow|today|this\s+(?:week|weekend|morning|afternoon|evening)|next\s+week|on\s+\w+days?))?"
    rf"(?=\s*(?:[,.;!?—–]|\s-\s|$))", re.I)
# "for the escape room I'm building this weekend": a thing the person is making, the picture a part of it.
_OWN_MAKING = re.compile(rf"(?:\s*[,;]\s*|\s+)for\s+(?:{_WHOSE}\s+){{1,2}}(?:[\w'-]+\s+){{0,3}}?[\w'-]+\s+(?:i'?m|i am|we'?re|we are)\s+"
                         r"(?:building|making|running|planning|doing|writing|preparing|organi[sz]ing|hosting|putting together)\b"
                         r"[^,.;!?]*(?=\s*(?:[,.;!?]|$))", re.I)

# The room it will hang in, said after the picture: "…, for my kitchen", "…, for the nursery wall".
_HUNG_IN = re.compile(r",\s*(?:it'?s\s+)?for\s+(?:my|our|the|a|his|her|their)\s+(?:[\w'-]+\s+){0,2}?(?:kitchen|living\s+room|lounge|"
                      r"bedroom|hallway|hall|bathroom|nursery|office|study|classroom|wall|fridge|desk|mantelpiece|mantel|landing|"
                      r"stairs|staircase|porch|shed|caravan|flat|apartment|house|home|room)(?:\s+wall)?(?=\W*$|\s*[,.;])", re.I)
# A clause about the person or the hour, said before the request: "I teach 6th grade science", "teacher here",
# "deck due in an hour", "I'm presenting our Q3 results in 30 minutes", "Geography test tomorrow and".
_SITUATION = re.compile(
    r"\W*(?:(?:ok|so|hi|hey|hello|ugh|right|well)[\s,!.]+)*(?:"
    r"(?:i'?m|i am|im)\s+(?:a|an)\s+[\w -]{2,40}|"
    r"(?:i|we)\s+(?:teach|work|run|coach|volunteer|lecture|tutor|manage)\b[^.!?]{0,60}|"
    r"(?:i'?m|i am|im|we'?re|we are)\s+(?:presenting|giving|doing|running|teaching|hosting|pitching|leading|preparing)\b[^.!?]{0,60}|"
    r"(?:i|we)\s+(?:have|'ve got|got)\s+(?:a|an|my|our|the|\d+|two|three)\s+[^.!?]{0,50}?"
    r"\b(?:pitch|meeting|presentation|class|talk|deadline|deadlines|exam|test|lesson|lecture|call|interview|demo|review)\b[^.!?]{0,40}|"
    r"[\w -]{2,30}\s+here|"
    r"(?:quick one|urgent|rush job|quick question)|"
    r"[^.!?]{0,60}\b(?:due|deadline)\b[^.!?]{0,40}|"
    r"[^.!?]{0,40}\b(?:test|exam|quiz|lesson|class|presentation|pitch|meeting|talk)\s+(?:is\s+)?(?:tomorrow|today|tonight|"
    r"this (?:morning|afternoon|evening)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b[^.!?]{0,20}"
    r")\W*", re.I)
# Where the request begins after that: "…, I need a …", "… — I need …", "…. Need a …", "… and I want a visual: …".
_REQUEST_AFTER = re.compile(
    r"(?:\s*[,.;:!]\s*|\s*[—–]\s*|\s+-\s+|\s+(?:and|so)\s+)(?=(?:so\s+)?(?:i\s+|we\s+)?(?:really\s+|just\s+|urgently\s+)?"
    r"(?:need|want|would like|'d like|could use)\b|(?:can|could|would|will)\s+(?:you|u)\b|"
    r"(?:please\s+)?(?:make|draw|give|create|generate|show|design|illustrate)\s+(?:me|us)\b|i'?m\s+looking\s+for\b)", re.I)
# The asking that is left: "need an illustration of …" → "an illustration of …"; "need pic of a cup" → "a cup".
_NEED = re.compile(r"^(?:so\s+)?(?:i\s+|we\s+)?(?:really\s+|just\s+|urgently\s+)?(?:need|want|could use)\s+"
                   r"(?:(?:an?\s+)?(?:pic|picture|image|photo|visual)\s+of\s+|(?=(?:an?|some|the)\s))", re.I)
# "a hero image: a lighthouse", "a visual: a cutaway of the earth": the frame's name is not the picture.
_FRAME_NAMED = re.compile(r"^(?:an?\s+)?(?:(?:hero|header|quick|simple|nice|good|new|main|cover)\s+)?(?:image|picture|pic|visual|graphic|"
                          r"shot|photo)\s*:\s*(?=\S)", re.I)
# Haste said beside the picture: "…, asap", "quick one - …", "… by tomorrow".
_HASTE_END = re.compile(r"(?:\s*[,;—–-]\s*|\s+)(?:asap|a\.s\.a\.p\.?|urgently|by (?:tomorrow|tonight|today|this (?:afternoon|evening)|"
                        r"monday|tuesday|wednesday|thursday|friday)|(?:it'?s\s+)?due (?:tomorrow|today|tonight|in an? \w+|in \d+ \w+))"
                        r"(?=\s*(?:[,.;!?]|$))", re.I)
_HASTE_FIRST = re.compile(r"^\W*(?:quick one|quick|urgent|rush job|asap)\s*(?:[-—–:,!]+\s*)(?=\S)", re.I)


def _content_words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{3,}", text))


def _without_purpose(text: str) -> str:
    def cut(m: re.Match[str]) -> str:
        use = m.group("use").lower()
        made_for = _ARTEFACT.search(text[:m.start()])
        if made_for and (re.fullmatch(_GROUPS, use, re.I) or re.match(r"\W*(?:it'?s\s+)?for\s+an?\s", m.group(0)[len(m.group("lead")):], re.I)):
            return m.group(0)  # "a poster for the chess club", "a banner for a hackathon website": what the thing is about
        return ""
    out = _PURPOSE.sub(cut, text)
    out = _OWN_MAKING.sub("", out)
    return _HUNG_IN.sub("", out)


def without_circumstances(body: str) -> str:
    """``body`` without the person's situation, the picture's destination and their haste; ``body`` itself when
    nothing of the sort is said, or when taking it off would leave too little to draw."""
    text = body.strip()
    for said in _REQUEST_AFTER.finditer(text):
        if _SITUATION.fullmatch(text[:said.start()].strip()):
            text = text[said.end():]
            break
    text = _HASTE_FIRST.sub("", text)
    text = _NEED.sub("", text)
    text = _FRAME_NAMED.sub("", text)
    text = _HASTE_END.sub("", text)
    text = _without_purpose(text)
    text = _HASTE_END.sub("", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;—–-")
    if text == body.strip():
        return body
    return text if _content_words(text) >= 1 else body
