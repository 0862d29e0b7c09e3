"""The shapes one clause of an edit can take (remove, replace, add, put, camera, time, weather, tone,
style, "too ...", "he should ...", "a fox instead") and the small readers that turn one into ops.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import Add, Op, Remove, Replace, SetSize, SetSlot, SetStyle, SetSubject
from conversation.describe import PLACE_NOUNS
from conversation.interpreter import Context
from conversation.phrases import bare, gerund, main_noun, phrase_head


REMOVE = re.compile(
    r"^(?:remove|delete|erase|take out|take away|take off|get rid of|drop|lose|eliminate|cut out|cut|hide|"
    r"no more|without|with no|no|minus|don'?t (?:want|show|include|need|put|add|draw)|do not (?:want|show|include|draw)|"
    r"there should be no|there should not be|i don'?t want(?: to see)?|not|nothing like|exclude|lose the|"
    r"get the|clear (?:out|away)?|wipe(?: out)?|ditch|scrap|kill|avoid|steer clear of|"
    r"make sure (?:that )?(?:there(?:'s| is| are) no|it (?:has|shows) no|it (?:doesn'?t|does not) (?:have|show))|"
    r"(?:don'?t|do not) make (?:it|him|her|them)(?: look)?(?: too| so)?)\s+(?:any\s+|all\s+(?:the\s+)?|the\s+)?(.+?)"
    r"(?:\s+(?:out|back|gone|away|please|anymore|any more|again|too|as well|completely|entirely|altogether|"
    r"in (?:it|the (?:picture|image|scene|background))|"
    r"from (?:it|the (?:picture|image|scene|background))))*$", re.I)
GONE = re.compile(r"^(?:the\s+)?(.+?)\s+(?:has to|must|should|needs to) (?:go|be gone|be removed)$|"
                  r"^(?:make|get)\s+(?:the\s+)?(.+?)\s+(?:go away|disappear|gone|out)$|"
                  r"^(?:take|put|move|throw|clear|cut)\s+(?:the\s+|that\s+|those\s+)?(.+?)\s+(?:away|out)"
                  r"(?:\s+of\s+(?:the\s+|his\s+|her\s+|its\s+)?[\w -]{1,30})?$", re.I)
# "bring the boats back": what was taken away (or asked away) comes back.
BACK = re.compile(r"^(?:bring|put|add|get|have|i want|give me)\s+(?:back\s+)?(?:the\s+|my\s+|those\s+|that\s+)?(.+?)\s+back"
                  r"(?:\s+in)?$|^(?:bring|put|add)\s+back\s+(?:the\s+|my\s+)?(.+)$", re.I)
REPLACE = [
    re.compile(r"^(?:replace|swap|switch|exchange|substitute)\s+(?:out\s+)?(.+?)\s+(?:with|for|by|to)\s+(.+)$", re.I),
    re.compile(r"^(?:change|turn|transform|convert|make|morph)\s+(.+?)\s+(?:in)?to\s+(.+)$", re.I),
    re.compile(r"^(.+?)\s+instead of\s+(?:the\s+|a\s+|an\s+)?(.+)$", re.I),  # new instead of old (swapped below)
    re.compile(r"^instead of\s+(.+?),?\s+(?:make it\s+|use\s+|have\s+|put\s+)?(.+)$", re.I),
    re.compile(r"^(?:make|let)\s+(?:the|his|her|their|its)\s+(.+?)\s+(?:be\s+)?(an?\s+.+)$", re.I),
    re.compile(r"^(?:the\s+)?(.+?)\s+should be\s+(an?\s+.+)$", re.I),
    re.compile(r"^not (?:an?|the)\s+(.+?),?\s+but\s+(.+)$", re.I),
    re.compile(r"^(.+?)\s*(?:->|→|=>)\s*(.+)$", re.I),
]
MODIFY = [
    re.compile(r"^(?:make|paint|colou?r|turn|change)\s+(?:the|his|her|their|its|that|this)\s+(.+?)\s+"
               r"(?:be\s+|to\s+|in\s+|look\s+|seem\s+|appear\s+|feel\s+)?"
               r"((?:more\s+|a (?:bit|little) |very |really |much |slightly |bright |dark |light |pale |deep |hot )*"
               r"(?:(?:navy|sky|royal|baby|forest|olive|lime|emerald|mint|jet|blood|midnight|powder|electric|neon|pastel|"
               r"dusty|burnt|rose|ice|steel|charcoal|hunter|sea|cherry|wine|sand|off|lemon|fire[- ]engine|bottle|"
               r"candy|coral|salmon|slate|ash|chocolate|caramel|honey|peach)[ -](?:red|orange|yellow|green|blue|purple|"
               r"pink|black|white|grey|gray|brown|gold)|[\w-]+))$", re.I),
    re.compile(r"^(?:the|his|her|their|its)\s+(.+?)\s+(?:should be|must be|needs to be|to be|in)\s+(\w+)$", re.I),
]
ADD = re.compile(
    r"^(?:add|include|insert|put|place|throw in|stick|draw|paint|give (?:it|him|her|them|the \w+)|have|show|"
    r"there should be|i want|let there be|can you add|we need|plus|and|with|also(?: add)?|now with|along with|"
    r"together with|accompanied by)\s+(.+?)(?:\s+(?:in|on|to|into|onto)\s+(?:it|the (?:picture|image|scene|photo)|there))?"
    r"(?:\s+(?:too|as well|also|please))?$", re.I)
PUT = re.compile(r"^(?:put|place|move|set|bring|take|send|transport|relocate|have)\s+(?:it|him|her|them|the\s+[\w\s-]+?|everything)"
                 r"\s+(in|on|at|into|onto|to|inside|under|underneath|near|by|beside|onto|over|above|through)\s+(.+)$", re.I)
PLACE_PHRASE = re.compile(
    rf"^(in|on|at|inside|under|underneath|beneath|by|near|beside|into|onto|over|above|through|among|along|across|within)"
    rf"\s+((?:(?:the|a|an|some|my|our)\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{PLACE_NOUNS})s?)$", re.I)
PARTICIPLE = re.compile(r"^(?:on|riding|holding|wearing|carrying|sitting|standing|playing|reading|eating|drinking|"
                        r"walking|running|flying|jumping|dancing|singing|swimming|looking|smiling|laughing|crying|"
                        r"sleeping|lying|driving|fighting|chasing|hugging|next to|beside|surrounded by|covered in|"
                        r"made of|dressed (?:as|in)|in (?:a|an|the)\s+(?!\w+\s*(?:style|version))\w+(?:\s+\w+)?$)\b", re.I)

CAMERA = [
    (re.compile(r"^(?:zoom(?:ed)? (?:in|closer)|get closer|move closer|closer(?: shot| view| crop| up)?|come closer|tighter(?: shot| crop)?|"
                r"more close|more closer|more near|more nearer|"
                r"(?:a )?close-?up(?: shot| view)?|(?:extreme )?close up|crop (?:in|tighter)|punch in|up close|"
                r"focus on)\b(?:\s+(?:on|of|to|at)\s+(.+))?$", re.I), "closer"),
    (re.compile(r"^(?:zoom(?:ed)? (?:way |all the way |far |a lot |a bit |a little )?out|pull back|further (?:away|back)|"
                r"farther (?:away|back)|wider(?: shot| view| angle)?|"
                r"(?:a )?wide(?:-angle)? (?:shot|view|angle)|show (?:more|the whole|everything)|full (?:body|view|shot)|"
                r"from (?:further|farther) away|less close|step back|back up|(?:from )?far away|from (?:a|the) distance|"
                r"from afar|far off|more far(?: away)?|more distant)\b(?:\s+.*)?$", re.I), "wider"),
    (re.compile(r"^(?:(?:an?\s+|the\s+)?(?:view|shot|angle|look)\s+(?:straight\s+|directly\s+|right\s+)?from\s+above|"
                r"(?:seen |viewed |shot |looking )?(?:straight |directly |right )?from (?:straight |directly |right )?above|top[- ]down(?: view)?|overhead(?: view| shot)?|"
                r"bird'?s[- ]eye(?: view)?|aerial(?: view| shot)?|from the top|drone (?:shot|view))\b.*$", re.I), "above"),
    (re.compile(r"^(?:(?:seen |viewed |shot |looking )?from below|(?:from |at )?(?:a )?low(?:er)?[- ]angle(?: shot| view)?|"
                r"worm'?s[- ]eye(?: view)?|from (?:the )?ground(?: level)?|(?:from|at) (?:the )?(?:street|ground|water) level|"
                r"looking up)\b.*$", re.I), "below"),
    (re.compile(r"^(?:(?:from |at )?(?:a )?high(?:er)?[- ]angle(?: shot| view)?)\b.*$", re.I), "above"),
    # the camera pointed down at it looks from above; pointed up, from below
    (re.compile(r"^(?:tilt|point|angle|aim|turn)\s+(?:the\s+)?(?:camera|view|shot|it)\s+down(?:wards?)?\b.*$|"
                r"^(?:the\s+)?camera\s+(?:angled\s+|pointing\s+|looking\s+)?down\b.*$", re.I), "above"),
    (re.compile(r"^(?:tilt|point|angle|aim|turn)\s+(?:the\s+)?(?:camera|view|shot|it)\s+up(?:wards?)?\b.*$|"
                r"^(?:the\s+)?camera\s+(?:angled\s+|pointing\s+|looking\s+)?up\b.*$", re.I), "below"),
    (re.compile(r"^(?:(?:seen |viewed |shot )?from the side|side view|profile(?: view| shot)?|side profile|sideways)\b.*$", re.I), "side"),
    (re.compile(r"^(?:(?:seen |viewed |shot )?from the front|front view|(?:from|at) eye[- ]level|facing (?:the )?(?:camera|viewer|us|forward))\b.*$", re.I), "front"),
    (re.compile(r"^(?:(?:seen |viewed |shot )?from behind|from the back|rear view|back view|facing away)\b.*$", re.I), "behind"),
]

# Comparatives and adjectives that change one slot: (pattern, slot, value).
_TONES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p, re.I), slot, value) for p, slot, value in [
        (r"\b(?:warmer|warm(?:er)? (?:light|lighting|tones?|colou?rs?)|more warm(?:th)?)\b", "lighting", "warm"),
        (r"\b(?:more )?golden\b", "lighting", "golden"),
        (r"\b(?:cooler|colder|cool(?:er)? (?:light|lighting|tones?|colou?rs?)|more cool|bluer)\b", "lighting", "cool"),
        (r"\b(?:brighter|lighter|more light|bright(?:en(?: it| up)?)?|lighten(?: it)?(?: up)?|less dark|more lit|well[- ]lit)\b", "lighting", "bright"),
        (r"\b(?:darker|dark(?:en)?(?: it)?|dimmer|less bright|less light|more shadows?|low[- ]key|gloomier)\b", "lighting", "dark, low-key"),
        (r"\b(?:more )?dramatic(?: light(?:ing)?)?\b", "lighting", "dramatic"),
        (r"\b(?:softer|soft(?:er)? (?:light|lighting)|more soft|gentler)\b", "lighting", "soft"),
        (r"\b(?:neon|with neon lights)\b", "lighting", "neon"),
        (r"\b(?:more )?cinematic light(?:ing)?\b", "lighting", "cinematic"),
        (r"\b(?:more colou?rful|more vibrant|more saturated|vibrant|colou?rful|more vivid|vivid|brighter colou?rs|more colou?rs?)\b", "palette", "vibrant colors"),
        (r"\b(?:less colou?rful|less saturated|desaturated|muted(?: colou?rs| tones)?|more muted|duller)\b", "palette", "muted colors"),
        (r"\bpastel(?: colou?rs| tones)?\b", "palette", "pastel colors"),
        (r"\b(?:(?:make )?(?:the )?colou?rs (?:pop|stand out)|pop(?:py|ping)?|punchier|more punchy)\b", "palette", "vibrant colors"),
        (r"\bsepia(?: tones?| toned)?\b", "palette", "sepia tones"),
        (r"\b(?:monochrom(?:e|atic)|gr[ae]yscale)\b", "palette", "monochrome"),
        (r"\b(?:in (?:full )?colou?rs?|colou?red in|full colou?r|(?:add|with|some) colou?rs?|colou?ri[sz]ed?)\b", "palette", "full color"),
        (r"\b(?:spookier|creepier|scarier|more spooky|more creepy|more scary|spooky|creepy|scary|horror|eerie|haunting|sinister)\b", "mood", "eerie, ominous atmosphere"),
        (r"\b(?:happier|more cheerful|cheerful|joyful|happy|more joyful|more fun|playful)\b", "mood", "cheerful, joyful mood"),
        (r"\b(?:sadder|more melancholic|melancholic|melancholy|sad|gloomy|more somber|somber)\b", "mood", "melancholic mood"),
        (r"\b(?:cozier|cosier|more cozy|more cosy|cozy|cosy)\b", "mood", "cozy atmosphere"),
        (r"\b(?:calmer|more peaceful|peaceful|serene|tranquil|more relaxed|relaxing)\b", "mood", "calm, serene mood"),
        (r"\b(?:more magical|magical|dreamier|dreamy|more dreamy|ethereal)\b", "mood", "dreamy, magical atmosphere"),
        (r"\b(?:more epic|epic|grander|majestic)\b", "mood", "epic, majestic atmosphere"),
        (r"\b(?:moodier|more moody|moody)\b", "mood", "moody atmosphere"),
        (r"\b(?:more mysterious|mysterious)\b", "mood", "mysterious atmosphere"),
        (r"\b(?:more romantic|romantic)\b", "mood", "romantic atmosphere"),
    ]
]
_TIME_WORDS = re.compile(
    r"^(?:(?:at|during|in|by|around)\s+)?(?:the\s+)?(night(?:time)?|midnight|sunset|sunrise|dawn|dusk|twilight|noon|midday|"
    r"daytime|day ?time|day ?light|(?:the )?day|morning|afternoon|evening|golden[ -]hour|blue hour|late at night|"
    r"(?:early |late )?morning)(?:\s+(?:time|instead|version|scene|light|lighting))?$", re.I)
_SEASON_WORDS = re.compile(r"^(?:(?:in|during)\s+)?(?:the\s+)?(winter(?:time)?|summer(?:time)?|autumn|fall|spring(?:time)?)"
                           r"(?:\s+(?:time|instead|version|scene))?$", re.I)
_WEATHER_WORDS = re.compile(
    r"^(?:(?:in|during|under|with)\s+)?(?:the\s+|a\s+|an\s+)?((?:heavy |light |pouring )?rain(?:ing|y)?|snow(?:ing|y)?|"
    r"(?:a )?(?:thunder)?storm(?:y)?|fog(?:gy)?|mist(?:y)?|cloudy|overcast|sunny|clear skies?|blizzard|drizzle|windy|"
    r"sandstorm|snowstorm|rainstorm|hailstorm|dust ?storm|snowfall|heavy snow|hail|haz(?:e|y)|heat ?wave|"
    r"(?:a )?rainy day|(?:a )?snowy day|(?:a )?sunny day)(?:\s+(?:weather|instead|day|version))?"
    r"(?:\s+(?:rolling in|coming in|setting in|falling|pouring down|coming down|everywhere|out|outside|out there))?$", re.I)
SLOT_VALUE = {
    "time": lambda v: {"day": "during the day", "daytime": "during the day", "day time": "during the day",
                       "daylight": "in daylight", "day light": "in daylight", "late at night": "late at night",
                       "golden hour": "at golden hour", "golden-hour": "at golden hour"}.get(
        v.lower(), f"at {v.lower()}" if v.lower() not in ("morning", "afternoon", "evening", "early morning", "late morning",
                                                          "late afternoon") else f"in the {v.lower()}"),
    "season": lambda v: f"in {'autumn' if v.lower() == 'fall' else re.sub('time$', '', v.lower())}",
    "weather": lambda v: {"raining": "in the rain", "rain": "in the rain", "rainy": "on a rainy day", "snowing": "in the snow",
                          "snow": "in the snow", "snowy": "in the snow", "foggy": "in thick fog", "fog": "in thick fog",
                          "misty": "in the mist", "mist": "in the mist", "stormy": "in a storm", "storm": "in a storm",
                          "thunderstorm": "in a thunderstorm", "cloudy": "under a cloudy sky", "overcast": "under an overcast sky",
                          "sunny": "on a sunny day", "windy": "on a windy day", "hazy": "in the haze", "haze": "in the haze",
                          "hail": "in a hailstorm", "heavy snow": "in heavy snow", "snowfall": "in falling snow"}.get(
        v.lower(), f"in a {v.lower()}" if v.lower().endswith("storm") or v.lower() in ("heatwave", "heat wave") else v.lower()),
}

_STYLE_CLAUSE = re.compile(
    r"^(?:(?:make|turn|render|redo|do|draw|paint|change|switch|convert|try|go back to|back to|go with|use|"
    r"give me|show me|let'?s (?:do|try|see|go with))\s+(?:it|this|that|them|the (?:image|picture|whole thing)|everything)?\s*"
    r"(?:(?:in)?to|as|in|into|like|with)?\s*)?(?:(?:a|an|the)\s+)?(?:(?:in|as|into|like)\s+)?(?:(?:a|an|the)\s+)?"
    r"(?:style of\s+|(?:the\s+)?style of\s+)?(.+?)(?:\s+(?:style|styled|version|look|aesthetic|vibe|version of (?:it|this)|"
    r"instead|again|please|painting|art|artwork|drawing|illustration|render(?:ing)?|image|picture|one|mode|"
    r"edition|effect|filter|look(?:ing)?))*$", re.I)
NO_STYLE = re.compile(r"^(?:no style|remove (?:the )?style|without (?:a |any )?style|plain|back to normal|normal style|"
                      r"default style|clear (?:the )?style|(?:no|without) (?:any )?filter)$", re.I)
IT_ADJ = re.compile(r"^(?:make|render|paint|draw|show|do|redo|turn(?!\s+\S+\s+(?:into|to|in|around|over|off|on|up|down|upside|back|"
                    r"away|sideways|left|right)\b))\s+(?:it|this|that|them|everything|the (?:image|picture|scene))\s+"
                    r"(?:look\s+|feel\s+|seem\s+|more\s+|a (?:bit|little)(?: more)?\s+|much\s+|very\s+|really\s+|slightly\s+|"
                    r"as\s+(?=an?\s|some\s))*(.+)$", re.I)
MORE_ADJ = re.compile(r"^(?:(?:a\s+)?(?:bit|little|lot|touch|tad)\s+)?(?:more|less|much more|even more|extra|very|super|slightly)\s+(.+)$", re.I)


TOO = re.compile(
    r"^(?:(?:it|this|that|everything|the (?:image|picture|scene|photo|result|light|lighting|colou?rs?|background|sky|"
    r"whole thing))\s*(?:'s|is|are|were|was|looks|look|seems|seem|feels|feel|got|has gotten|is getting|came out|turned out)?"
    r"\s+|it'?s\s+|its\s+)?"
    r"(?:(?:a\s+)?(?:bit|little|tad|lot)\s+|way\s+|much\s+|slightly\s+|kinda\s+|kind of\s+|far\s+|rather\s+|just\s+)*"
    r"too\s+(.+)$", re.I)
# "too X" asks for the opposite of X.
_OPPOSITE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), en) for p, en in [
        (r"^(?:dark|dim|gloomy|murky|shadowy|black|underexposed)$", "brighter"),
        (r"^(?:bright|light|washed[- ]out|overexposed|glaring|harsh)$", "darker"),
        (r"^(?:warm|orange|yellow|hot|red)$", "cooler"),
        (r"^(?:cold|cool|blue|icy)$", "warmer"),
        (r"^(?:saturated|colou?rful|vivid|garish|vibrant|loud|intense)$", "muted colors"),
        (r"^(?:dull|muted|gr[ae]y|bland|flat|washed|pale|desaturated|boring)$", "more vibrant"),
        (r"^(?:happy|cheerful|cute|sweet|bright and happy)$", "moodier"),
        (r"^(?:scary|creepy|dark and scary|spooky|sad|depressing|gloomy)$", "more cheerful"),
    ]
]


def too_ops(what: str) -> list[Op] | None:
    what = re.sub(r"\s+(?:now|please|for me|imo|tbh)$", "", what.strip(" ,.!?"), flags=re.I)
    if re.fullmatch(r"much|far|many things|over the top|extra", what, re.I):
        return None  # "too much": a verdict on the change, not a thing to take away
    for rx, opposite in _OPPOSITE:
        if rx.match(what):
            ops = tone_ops(opposite)
            if ops:
                return ops
    if re.fullmatch(r"small|tiny|low[- ]res", what, re.I):
        return [SetSize(scale=1.5)]
    if re.fullmatch(r"(?:busy|cluttered|crowded|messy|chaotic|full)", what, re.I):
        return [Remove(thing="clutter"), SetSlot(slot="mood", value="calm, uncluttered composition")]
    m = re.match(r"^(?:many|much)\s+(.+)$", what, re.I)
    return [Remove(thing=bare(m.group(1) if m else what))]


RAINY_NIGHT = re.compile(r"^(?:(?:on|during|in)\s+)?(?:(?:an?|the)\s+)?(rainy|snowy|stormy|foggy|misty|sunny|cloudy|windy)\s+"
                         r"(night|day|morning|evening|afternoon)$", re.I)
SHOULD = re.compile(r"^(?!(?:what|how|why|when|where|who|which|whether|if)\b)(he|she|they|it|him|her|(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:should|must|needs? to|has to|have to|"
                    r"could|would|can)\s+(?:also\s+)?(.+)$", re.I)
PERSON_ADJ = re.compile(r"^(?:make|turn|render|paint|draw)\s+(?P<who>him|her|them|he|she|the\s+(?:man|woman|person|guy|girl|"
                        r"boy|lady|character|figure|people|kid|child))\s+(?:look\s+|a (?:bit|little)\s+|more\s+|much\s+|"
                        r"very\s+|into\s+)*(?P<rest>.+)$", re.I)


def should_ops(who: str, what: str, scene) -> list[Op] | None:
    """ "he should be holding a shield", "the dragon should breathe fire", "she should have red hair"."""
    what = re.sub(r"^(?:really|definitely|probably|maybe|totally|just|still|actually|kinda|def|obviously|clearly)\s+", "",
                  what.strip(" ,.!?"), flags=re.I)  # "she should really be holding a lantern"
    noun = re.sub(r"^the\s+", "", who, flags=re.I) if who.lower().startswith("the ") else ""
    part = re.fullmatch(r"(?:his|her|its|their)\s+([\w-]+)", who.strip(), re.I)
    if part:  # "her eyes should be green": green eyes, whoever "her" is
        said = re.match(r"^(?:be|look)\s+(?:more\s+|a bit\s+)?(.+)$", what, re.I)
        if said and len(said.group(1).split()) <= 3:
            noun = part.group(1)
            return [Replace(old=noun, new=f"{said.group(1)} {noun}")] if scene.mentions(noun) else [Add(thing=f"{said.group(1)} {noun}")]
    m = re.match(r"^(?:be|look|seem|appear)\s+(.+)$", what, re.I)
    if m:
        rest = m.group(1)
        if re.match(r"^(?:an?|the)\s", rest, re.I):  # "he should be a pirate"
            return [Replace(old=noun or main_noun(scene) or "it", new=rest)]
        if PARTICIPLE.match(rest) or re.match(r"^(?:on|in|at|under|with|by|near|next to)\b", rest, re.I):
            return [Add(thing=f"{noun} {rest}" if noun else rest)]
        if len(rest.split()) <= 3:  # "she should be taller": a quality of the one named
            target = noun or main_noun(scene)
            return [Replace(old=target, new=f"{rest} {head_of(target)}")] if target else [Add(thing=rest)]
        return [Add(thing=rest)]
    m = re.match(r"^(?:have|hold|wear|carry)\s+(.+)$", what, re.I)
    if m:
        verb = what.split()[0].lower()
        phrase = m.group(1) if verb == "have" else f"{gerund(verb)} {m.group(1)}"
        return [Add(thing=f"{noun} with {phrase}" if noun and verb == "have" else phrase)]
    m = re.match(r"^(?!(?:it|they|them|he|she|we|you|i|this|that|all|be)\b)([a-z]+)\b\s*(.*)$", what, re.I)
    if m:  # "the dragon should breathe fire" → "dragon breathing fire"
        phrase = f"{gerund(m.group(1))} {m.group(2)}".strip()
        return [Add(thing=f"{noun} {phrase}" if noun else phrase)]
    return None


_HE = re.compile(r"\b(man|boy|guy|king|prince|father|dad|grandfather|grandpa|gentleman|monk|priest|businessman|fisherman|"
                 r"cowboy|lumberjack|husband|son|brother|uncle)\b", re.I)
_SHE = re.compile(r"\b(woman|girl|lady|queen|princess|mother|mom|grandmother|grandma|witch|bride|nun|actress|waitress|"
                  r"ballerina|wife|daughter|sister|aunt)\b", re.I)


def person_of(scene, who: str) -> str:
    """The person "him" or "her" is in the scene ("a woman reading, a man with glasses": him → man), else its main noun."""
    named = re.sub(r"^the\s+", "", who.strip(), flags=re.I)
    if named != who.strip() and scene.mentions(named):
        return named  # "make the man bald"
    rx = _HE if who.lower() in ("him", "he", "his") else _SHE if who.lower() in ("her", "she") else None
    found = rx.search(" ".join(scene.phrases())) if rx else None
    return found.group(1) if found else main_noun(scene)


def person_ops(rest: str, scene, who: str = "") -> list[Op] | None:
    """ "make him older" → an older knight; "make her a queen" → a queen."""
    main = person_of(scene, who)
    if not main:
        return None
    style = style_op(rest, strict=True)
    if style:
        return [style]
    if re.match(r"^(?:an?|the)\s", rest, re.I):
        return [Replace(old=main, new=rest)]
    if len(rest.split()) <= 3:
        return [Replace(old=main, new=f"{rest} {main}")]
    return None


def head_of(phrase: str) -> str:
    words = re.findall(r"[^\W_]+", phrase)
    return words[-1] if words else phrase


# "a dog instead", "what about a fox?", "try an owl instead": another main subject in the same scene.
INSTEAD = re.compile(
    r"^(?:(?:what|how) about|try|maybe|perhaps|let'?s (?:try|do|have)|make it|do|use|go with|rather|or)?\s*"
    r"((?:an?|some|two|three)\s+[\w' -]+?)(?:\s+instead)\W*$|"
    r"^(?:(?:what|how) about|try|maybe|perhaps)\s+((?:an?|some|two|three)\s+[\w' -]+?)(?:\s+instead)?\W*$", re.I)


def instead_ops(thing: str | None, ctx: Context) -> list[Op] | None:
    if not thing:
        return None
    thing = thing.strip(" ,.!?")
    scene = ctx.scene
    if scene is None or slot_ops(thing) or style_op(thing, strict=True):
        return None
    head = phrase_head(thing)
    if head and scene.mentions(head):
        return [Add(thing=thing)]  # "same but a black cat": the cat there is changes
    main = main_noun(scene)
    return [Replace(old=main, new=thing)] if main else [SetSubject(subject=thing)]


MEANT = re.compile(r"^(?:i|we)\s+(?:meant|mean|said|asked for|wanted|was asking for|was thinking of)\s+(.+)$", re.I)


def meant_ops(thing: str, scene) -> list[Op]:
    """ "no, I meant a tabby cat": the thing said takes the place of what was drawn for it; "i meant sunrise":
    the time of day (or weather, season) said instead."""
    slot = slot_ops(thing) or tone_ops(thing)
    if slot:
        return slot
    head = phrase_head(thing)
    if head and scene.mentions(head):
        return [Add(thing=thing)]
    main = main_noun(scene)
    return [Replace(old=main, new=thing)] if main else [SetSubject(subject=thing)]


_MEDIUM_NOUNS = (r"painting|drawing|sketch|illustration|cartoon|comic strip|sculpture|statue|mosaic|tapestry|engraving|"
                 r"etching|woodcut|linocut|print|mural|fresco|collage|doodle|charcoal drawing|pastel drawing|"
                 r"chalk drawing|embroidery|origami|graffiti|blueprint|daguerreotype|postage stamp|tattoo|vase painting")
MEDIUM = re.compile(
    rf"^(?:(?:make|turn|render|redo|do|draw|paint|change)\s+(?:it|this|that|them|everything|the (?:image|picture|scene))\s+)?"
    rf"(?:look\s+|looking\s+|feel\s+)?(?:(?:in)?to|as|like|into)\s+(?:an?\s+)?((?:[\w'-]+\s+){{0,2}}(?:{_MEDIUM_NOUNS}))$", re.I)


def slot_ops(text: str) -> list[Op] | None:
    t = text.strip(" ,.!?")
    t = re.sub(r"^(?:set|change|switch)\s+(?:it\s+|the\s+(?:time|scene|weather|season)\s+)?(?:to\s+)?", "", t, flags=re.I)
    t = re.sub(r"^(?:now\s+|make it\s+|turn it\s+|let it be\s+|have it\s+|it should be\s+)", "", t, flags=re.I)
    t = re.sub(r"^let it (?:pour|rain)\b\W*$", "rain", re.sub(r"^let it snow\b\W*$", "snow", t, flags=re.I), flags=re.I)
    for rx, slot in ((_TIME_WORDS, "time"), (_SEASON_WORDS, "season"), (_WEATHER_WORDS, "weather")):
        m = rx.match(t)
        if m:
            return [SetSlot(slot=slot, value=SLOT_VALUE[slot](re.sub(r"^(?:a|the)\s+", "", m.group(1), flags=re.I)))]
    return None


def tone_ops(text: str) -> list[Op] | None:
    """ "make the light warmer and more golden" → one lighting op; "spookier" → the mood."""
    t = text.strip(" ,.!?")
    # "less scary" asks for what "too scary" does: the opposite, not more of it.
    t = re.sub(r"\bless\s+(scary|creepy|spooky|gloomy|sad|depressing|cheerful|happy|cute|sweet|warm|cold|blue|orange)\b",
               lambda m: next(en for rx, en in _OPPOSITE if rx.match(m.group(1))), t, flags=re.I)
    found: dict[str, list[str]] = {}
    rest = t
    for rx, slot, value in _TONES:
        if rx.search(rest):
            if value not in found.setdefault(slot, []):
                found[slot].append(value)
            rest = rx.sub(" ", rest)
    if not found:
        return None
    leftover = re.sub(r"\b(?:make|it|the|a|an|bit|little|lot|much|more|even|slightly|very|really|and|but|with|now|"
                      r"light|lighting|lights|colou?rs?|tones?|palette|mood|atmosphere|vibe|feel|look|overall|image|"
                      r"picture|scene|please|too|somewhat|kind of|kinda|way|super|touch|tad|less|so|to|be|should|"
                      r"turn|change|get|go|feeling|lit|much|alot|abit|way more|up|down|them|this|that|everything|"
                      r"overall|whole|thing|all|bit more|some|tone|tones|look|looks|looking|can|you|could|is|are)\b",
                      " ", rest, flags=re.I)
    if re.search(r"[^\W_]", leftover):
        return None
    ops: list[Op] = []
    for slot, values in found.items():
        if slot == "lighting":
            ops.append(SetSlot(slot="lighting", value=", ".join(values) + (" light" if len(values) == 1 or
                                                                           "low-key" not in values[-1] else " lighting")))
        else:
            ops.append(SetSlot(slot=slot, value=values[-1]))  # type: ignore[arg-type]
    return ops


def style_op(text: str, *, strict: bool) -> SetStyle | None:
    t = text.strip(" ,.!?")
    if NO_STYLE.match(t):
        return SetStyle(style="none")
    m = _STYLE_CLAUSE.match(t)
    if not m:
        return None
    core = m.group(1).strip()
    # A style whose name ends in a word the clause pattern reads as a suffix ("pop art", "line art",
    # "3d render", "oil painting") is looked for in the words with their suffixes first.
    whole = t[m.start(1):].strip()
    found = w.find_style(whole) if whole != core else None
    if found:
        core = whole
    else:
        found = w.find_style(core, loose=True)
    if not found:
        return None
    sid, said = found
    leftover = core.replace(said, " ")
    leftover = re.sub(r"\b(?:a|an|the|style|styled|version|look|like|in|as|of|please|more|it|into|to|with|"
                      r"art|artwork|painting|drawing|illustration|image|picture|kind|sort|type|bit|little|"
                      r"something|some|proper|real|classic|traditional|japanese|old|school|cool|nice|again|"
                      r"instead|go|back|vibe|aesthetic|effect|filter|render(?:ed|ing)?)\b", " ", leftover, flags=re.I)
    if re.search(r"[^\W_]", leftover) and strict:
        return None
    if re.search(r"[^\W_]", leftover) and len(core.split()) <= 4:  # "a corporate stock photo": more than the preset's name
        return SetStyle(style=sid, said=re.sub(r"^(?:an?|the)\s+", "", core, flags=re.I))
    return SetStyle(style=sid, said=own_name(sid, said))


def own_name(sid: str, said: str | None) -> str | None:
    """The person's name for a style when it names more than the preset ("ghibli" for anime), else None."""
    return said.strip() if said and _NAMED_LOOK.search(said) else None


# Names of a look that a preset's words do not carry: a studio, an artist, a camera, an era of games.
_NAMED_LOOK = re.compile(r"\b(?:ghibli|miyazaki|pixar|disney|dreamworks|marvel|dc comics|van gogh|monet|hokusai|mucha|moebius|"
                         r"tim burton|wes anderson|banksy|warhol|picasso|dali|polaroid|noir|8 bit|16 bit|octane|game ?boy|"
                         r"nintendo|lego)\b", re.I)


# "a photo of a cat": a look with a subject of its own, not a look for the picture on screen.
OF_A = re.compile(r"\bof\s+(?:an?|the|some|my|two|three|\d+)\s+\w", re.I)
# What a thing can be made to do, said bare after it: "make the corgi smile", "make them dance".
DOING = re.compile(r"smile|laugh|cry|jump|dance|sing|run|fly|swim|sleep|sit|stand|wave|wink|yawn|bark|roar|fight|kneel|"
                   r"crouch|float|glow|shine|sparkle|burn|melt|hug|kiss|play|read|eat|drink|smoke|pose|frown|shout|scream|"
                   r"blush|grin|stretch|bow|pray|meditate|fall|climb|walk|lie|rest|relax|glare|stare", re.I)
SHOW_ME = re.compile(r"(?:(?:ok|so|then|pls|please)\s+)*(?:show me|let me see|lemme see|i wanna see|i want to see)(?: (?:it|that|one))?", re.I)
# An art movement, with or without an artist: "surrealist like dali", "cubist", "make it art deco".
MOVEMENT = re.compile(
    r"(?:(?:make|turn|render|paint|do|redo)\s+(?:it|this|that)\s+(?:in\s+|into\s+|as\s+)?|(?:in|more|go|as)\s+)?(?:an?\s+)?"
    r"(?P<movement>surreal(?:ist|ism)?|cubis[tm]|art deco|baroque|gothic|renaissance|bauhaus|expressionis[tm]|abstract|"
    r"psychedelic|futuris[tm]|brutalis[tm]|rococo|dada(?:ist)?|pointillis[tm]|fauvis[tm]|constructivis[tm]|pre-raphaelite|"
    r"romantic(?:ism)?|hyperrealis[tm]|byzantine|medieval|mughal|aboriginal|folk art)"
    r"(?:\s+(?:style|art|painting|look|version))?(?:\s*,?\s*(?:like|à la|a la|in the style of|inspired by)\s+"
    r"(?P<artist>[\w .'-]{2,30}?))?(?:\s+(?:please|pls))?", re.I)


def merge_tones(ops: list[Op]) -> list[Op]:
    """ "warmer and more golden" → one light, "warm, golden light", not the second replacing the first."""
    out: list[Op] = []
    for op in ops:
        last = out[-1] if out else None
        if (isinstance(op, SetSlot) and isinstance(last, SetSlot) and op.slot == last.slot == "lighting"
                and op.value and last.value and op.value.endswith(" light") and last.value.endswith(" light")):
            if op.value != last.value:  # "it's too dark. make it brighter": one light said twice is one
                out[-1] = SetSlot(slot="lighting", value=f"{last.value[:-6]}, {op.value}")
        else:
            out.append(op)
    return out
