"""From a description in the person's words to a scene: the subject, its details, and the slots
(where, when, weather, light...) pulled out so a later turn can change one without the rest."""

from __future__ import annotations

import re

from prompts import lexicon as lx
from prompts.text import split_phrases

from conversation.scene import Scene

# Hand-written Stable Diffusion prompts: attention weights, BREAK, LoRA tags, or a long run of tags.
_POWER = re.compile(r"\([^()]{1,80}:\s*\d(?:\.\d+)?\)|\bBREAK\b|<lora:|\(\(|\[\[|\bmasterpiece\b|\bbest quality\b", re.I)

_DRAW_PREFIX = re.compile(
    # Midjourney's command pasted with its prompt: "/imagine prompt: a floating city"
    r"^(?:/imagine\b[\s:]*(?:prompt\s*:\s*)?|prompt\s*:\s*)?"
    r"(?:(?:please|pls|hey|ok(?:ay)?|now|and|then|so|hi|hello|hey there|hi there|hello there|yo|greetings|"
    r"good (?:morning|afternoon|evening)|fine|alright|all right|right|well|sure|yes|yeah|cool|great|nice|thanks|"
    r"thank you|ha|haha|hmm+)[\s,!.]+)*"
    # "would you mind drawing a penguin": the gerund is the asking, not the picture
    r"(?:(?:would|do) you mind\s+(?:(?:drawing|painting|sketching|rendering|generating|creating|making|showing|"
    r"designing|illustrating|doing)(?:\s+(?:me|us))?\s+)?|"
    r"(?:can|could|would|will) you\s+(?:please\s+)?|i(?:'d| would) (?:like|love)(?: you to| to (?:see|have|get))?\s+|"
    r"i want(?: you to)?\s+|"
    r"i need(?: you to)?\s+|i'?m looking for\s+|(?:can|could) i (?:get|have|see)\s+|is it possible to\s+|"
    r"(?:let'?s|lets)\s+|(?:please\s+))?"
    r"(?:(?:can you\s+)?help me(?: to)?\s+)?"
    r"(?:(?:draw|paint|sketch|render|generate|create|make|show|design|illustrate|give|imagine|produce|do|picture(?!\s+(?:of|books?|frames?|perfect|postcards?)\b)|get)"
    r"(?:\s+(?:me|us))?(?:\s+|\s*:\s*))?"
    r"(?:(?:(?:an?|the|some)\s+)?(?:new\s+)?(?:image|picture|pic|version|one)s?\s+(?:of|showing|with|depicting|featuring)\s+)?"
    r"(?:(?:what|how)\s+about\s+)?",
    re.I)
_NEW_WORDS = re.compile(r"^(?:(?:a\s+)?new\s+(?:one|image|picture|pic|drawing)|something (?:new|else|different)|"
                        r"start over|from scratch|next(?: one)?)\s*(?::|-|of|with|,)?\s*", re.I)

# A slot phrase ends its noun phrase: "in the snow" is a place, "in a school uniform" and "autumn
# leaves" are not.
_PHRASE_END = (r"(?=\s*$|\s*[,.;!?]|\s+(?:with|and|at|in|on|during|under|where|while|as|that|who|by|near|over|above|"
               r"behind|beside|of|from|through|for|after|before|against|among|around|surrounded)\b)")
_TIME = re.compile(
    r"(?:,?\s+|^)(?:at|during|in|by)\s+(?:the\s+)?(golden[ -]hour|blue hour|sunset|sunrise|dawn|dusk|twilight|"
    r"midnight|night(?:time)?|noon|midday|daytime|day ?light|(?:early |late )?morning|(?:late )?afternoon|evening|day)\b"
    + _PHRASE_END, re.I)
_SEASON = re.compile(r"(?:,?\s+|^)in\s+(?:the\s+)?(winter(?:time)?|summer(?:time)?|autumn|fall|spring(?:time)?)\b" + _PHRASE_END,
                     re.I)
_WEATHER = re.compile(
    r"(?:,?\s+|^)(?:in|during|under)\s+(?:the\s+|a\s+|an\s+)?((?:heavy |light |pouring )?rain(?:storm)?|snow(?:fall|storm)?|"
    r"fog|mist|(?:thunder)?storm|blizzard|drizzle|overcast sky|cloudy sky)\b" + _PHRASE_END, re.I)
# A place: a preposition and a noun phrase ending in a word that names somewhere.
PLACE_NOUNS = (
    r"room|kitchen|studio|cafe|café|coffee shop|shop|library|bedroom|office|classroom|museum|bar|restaurant|"
    r"diner|pub|hall|church|cathedral|temple|castle|palace|house|cabin|cottage|hut|barn|garden|park|forest|woods|"
    r"jungle|desert|beach|shore|coast|ocean|sea|lake|river|pond|waterfall|mountains?|hills?|valley|canyon|cave|"
    r"meadow|field|farm|city|town|village|street|alley|road|highway|market|square|harbou?r|port|dock|pier|"
    r"bridge|station|airport|train|subway|space|outer space|moon|mars|planet|sky|clouds|underwater|reef|"
    r"island|arctic|tundra|glacier|swamp|marsh|savanna|savannah|prairie|countryside|rooftop|balcony|"
    r"window ?sill|windowsill|window|table|desk|sofa|couch|bed|shelf|stage|arena|stadium|gym|lab|laboratory|"
    r"spaceship|space station|ruins|tokyo|paris|london|new york|venice|rome|kyoto|neighbou?rhood|suburb|"
    r"backyard|yard|porch|attic|basement|garage|bathroom|living room|greenhouse|orchard|vineyard|"
    r"snow|grass|sand|leaves|flowers|water|rain|fog|mist|night sky|sunset|battlefield|graveyard|cemetery|"
    r"hospital|school|tavern|inn|throne room|dungeon|tower|lighthouse|skyline|skyscraper|metropolis|"
    r"background|landscape|world|universe|galaxy|nebula|abyss|volcano|oasis|bazaar"
)
# What a place is of or full of belongs to it: "in a field of sunflowers", "on the shore of a lake", "in a
# room full of books" are each one place, never "in a field" with "of sunflowers" left on the subject; so are
# two kinds said bare ("of roses and tulips"), while "and a dog" is another thing in the picture.
_WHAT_IT_HOLDS = (r"(?:\s+(?:of|full of|filled with|covered (?:in|with))\s+(?:(?:the|a|an|some)\s+)?"
                  r"(?!(?:in|on|at|by|with)\s)[\w'-]+(?:\s+(?!(?:in|on|at|by|of|with|and)\s)[\w'-]+){0,2}?"
                  r"(?:\s+(?:and|or)\s+(?!(?:a|an|the|some|his|her|their|two|three)\s)[\w'-]+)?)?")
SETTING_PHRASE = re.compile(
    rf"(?:,?\s+|^)((?:in|on|at|inside|under|beneath|underneath|by|near|beside|among|across|through|along|over|"
    rf"above|into|onto|within|atop|outside)\s+(?:(?:the|a|an|some|my|our|his|her|their)\s+)?"
    rf"(?:(?!(?:in|on|at|by|of|with)\s)[\w'-]+\s+){{0,3}}?(?:{PLACE_NOUNS})s?{_WHAT_IT_HOLDS}){_PHRASE_END}", re.I)
# "oh and", "and also" before the next sentence or phrase: how the message goes on, not a thing to draw.
GOES_ON = re.compile(r"^(?:(?:oh|ah|ooh)[\s,]+(?=and\b|also\b))?(?:(?:and|also)[\s,]+)+(?=\S)", re.I)


# "For my daughter's bedtime story: a little hedgehog …": what the picture is for, said before what it shows
_PURPOSE_FIRST = re.compile(r"^(?:(?:this\s+is|it'?s)\s+)?for\s+(?:my|our|the|a|an)\s+[\w' -]{2,40}?\s*(?::|—|–|\s-)\s*(?=\w)", re.I)


def strip_request(text: str) -> str:
    """ "can you draw me a picture of a fox" → "a fox"; the words of asking are not the picture."""
    body = _NEW_WORDS.sub("", _PURPOSE_FIRST.sub("", text.strip(), count=1))
    stripped = _DRAW_PREFIX.sub("", body, count=1).strip()
    # "make for me image of a house", "create for me a logo": the asker named after the verb
    stripped = re.sub(r"^(?:for (?:me|us)\s+)(?:(?:an?\s+)?(?:image|picture|pic|photo|drawing|painting|illustration)\s+of\s+)?",
                      "", stripped, flags=re.I) or stripped
    return stripped if re.search(r"[^\W_]", stripped) else body.strip()


def is_power_prompt(text: str) -> bool:
    return bool(_POWER.search(text)) or len(split_phrases(text)) >= 6


def _pull(rx: re.Pattern[str], text: str, group: int = 1, *, keep: str = "") -> tuple[str | None, str]:
    m = None
    for m in rx.finditer(text):
        pass  # the last match: "a cat in a box in the kitchen" → the kitchen is the place
    if m is None:
        return None, text
    found = (keep + m.group(group)).strip() if keep else m.group(0).strip(" ,")
    rest = (text[:m.start()] + text[m.end():]).strip(" ,")
    return found, re.sub(r"\s{2,}", " ", rest)


_SLOT_OF_CATEGORY = {"time": "time", "season": "season", "weather": "weather", "lighting": "lighting",
                     "colour": "palette", "mood": "mood", "framing": "framing"}


def scene_from_description(description: str, *, base: Scene | None = None, verbatim: bool = False) -> Scene:
    """A new scene from what the person described. ``base`` carries the settings (size, seed,
    steps...) that a new picture keeps from the conversation."""
    text = description.strip()
    keep = dict(width=base.width, height=base.height, aspect=base.aspect, steps=base.steps,
                guidance=base.guidance, style=base.style) if base else {}
    if verbatim or is_power_prompt(text):
        # Sent as written: the whole text is the subject, so the words survive untouched.
        return Scene(subject=text, verbatim=True, **keep)
    phrases = split_phrases(text) or [text]
    subject, rest = phrases[0], phrases[1:]
    slots: dict[str, str] = {}
    time, subject = _pull(_TIME, subject)
    if time:
        slots["time"] = time
    season, subject = _pull(_SEASON, subject)
    if season:
        slots["season"] = season
    weather, subject = _pull(_WEATHER, subject)
    if weather:
        slots["weather"] = weather
    if len(subject.split()) > 2:
        setting, subj = _pull(SETTING_PHRASE, subject)
        if setting and subj and len(subj.split()) >= 1 and not re.fullmatch(r"(?:a|an|the)", subj, re.I):
            slots["setting"], subject = setting, subj
    details: list[str] = []
    for phrase in (GOES_ON.sub("", p) for p in rest):
        cat = lx.primary_category(phrase)
        slot = _SLOT_OF_CATEGORY.get(cat or "")
        if slot and slot not in slots:
            slots[slot] = phrase
        elif "setting" not in slots and SETTING_PHRASE.fullmatch(" " + phrase):
            slots["setting"] = phrase
        else:
            details.append(phrase)
    return Scene(subject=subject, details=tuple(details), **slots, **keep)
