"""Which words say what: time of day, season, weather, lighting, framing, colour, mood,
detail, medium. Refinement replaces a whole category ("now at night" replaces the time);
enhancement only fills categories the person left empty."""

from __future__ import annotations

import re
from functools import lru_cache

_PREP = r"(?:(?:at|during|in|on|by|under|through)\s+(?:the\s+|a\s+|an\s+)?)?"

# Each category: the expressions that belong to it, as regex alternatives.
CATEGORY_TERMS: dict[str, list[str]] = {
    "time": [
        r"golden[ -]hour(?:\s+(?:light|lighting|glow|sun))?", r"blue hour", r"sunset", r"sunrise",
        r"dawn", r"dusk", r"twilight", r"midnight", r"(?:mid)?night(?:time)?", r"noon", r"midday",
        r"daytime", r"day ?light", r"(?:early |late )?morning", r"(?:late )?afternoon",
        r"evening", r"by day", r"during the day", r"in the day",
    ],
    "season": [r"winter(?:time)?", r"summer(?:time)?", r"autumn", r"(?<=in )fall", r"(?<=in the )fall",
               r"springtime", r"(?<=in )spring", r"(?<=in the )spring", r"^spring$"],
    "weather": [
        r"(?:heavy |light )?rain(?:y|ing|fall)?", r"snow(?:y|ing|fall)?", r"fog(?:gy)?", r"mist(?:y)?",
        r"(?:thunder)?storm(?:y)?", r"overcast(?: sky)?", r"cloudy(?: sky)?", r"sunny(?: day)?",
        r"clear (?:blue )?sky", r"blizzard", r"drizzle",
    ],
    "lighting": [
        r"(?:soft|hard|harsh|warm|cool|dramatic|natural|diffused|studio|cinematic|volumetric|rim|"
        r"ambient|moody|neon|low-key|high-key|bright|dim|golden|soft diffused|soft natural|"
        r"dramatic rim|crisp|gentle)\s+(?:[\w-]+\s+)?(?:light|lighting|glow)",
        r"moonlight|moonlit|sunlight|sunlit|candlelight|candlelit|backlit|backlighting|"
        r"god rays|light rays|lamplight|street ?lamps?|bright midday sun",
    ],
    "framing": [
        r"(?:extreme )?wide(?:[ -]angle)? (?:shot|view|lens)", r"wide[ -]angle", r"panoram(?:a|ic)(?: view)?",
        r"establishing shot", r"(?:extreme )?close-?up(?: shot)?", r"closeup", r"macro(?: shot)?",
        r"medium shot", r"full[ -]body(?: shot)?", r"aerial view", r"bird'?s[ -]eye view", r"low[ -]angle(?: shot)?",
        r"eye-level(?: shot)?", r"centered composition", r"rule of thirds", r"expansive view",
    ],
    "colour": [
        r"(?:vibrant|vivid|muted|pastel|warm|cool|earthy|rich|harmonious|bold|soft)\s+(?:[\w-]+\s+)?"
        r"(?:colou?rs?|colou?r palette|palette|tones|hues)",
        r"colou?rful", r"black and white", r"monochrome", r"desaturated", r"saturated colou?rs",
    ],
    "mood": [
        r"(?:serene|peaceful|calm|dramatic|moody|mysterious|eerie|whimsical|cheerful|joyful|"
        r"melancholic|cozy|cosy|epic|magical|dreamy|ominous|tranquil|gloomy|dark|bright|cheerful)"
        r"(?:\s+(?:atmosphere|mood|feel|feeling|vibe|ambience))?(?=$|[\s,])",
        r"[\w-]+ (?:atmosphere|mood|ambience)",
    ],
    "detail": [r"highly detailed", r"intricate details?", r"sharp focus", r"fine (?:details?|textures?)",
               r"high detail", r"\b[48]k\b", r"masterpiece", r"best quality", r"high quality", r"detailed"],
}


@lru_cache(maxsize=None)
def category_re(cat: str) -> re.Pattern[str]:
    alts = "|".join(CATEGORY_TERMS[cat])
    return re.compile(rf"(?<![\w-]){_PREP}(?:{alts})(?![\w-])", re.I)


def categories_of(text: str) -> set[str]:
    return {c for c in CATEGORY_TERMS if category_re(c).search(text)}


def primary_category(phrase: str) -> str | None:
    """The category a phrase is about when that category covers most of its words."""
    words = len(re.findall(r"[^\W_]+", phrase))
    best, best_cover = None, 0
    for c in CATEGORY_TERMS:
        cover = sum(len(re.findall(r"[^\W_]+", m.group(0))) for m in category_re(c).finditer(phrase))
        if cover > best_cover:
            best, best_cover = c, cover
    if best and best_cover * 2 >= words:
        return best
    return None


# Subject kinds decide which details enhancement adds.
KIND_WORDS = {
    "person": r"man|woman|men|women|girl|boy|person|people|child|children|kid|lady|guy|king|queen|"
              r"princess|prince|knight|wizard|witch|warrior|astronaut|soldier|farmer|chef|dancer|"
              r"musician|portrait|face|elder|grandmother|grandfather|samurai|ninja|pirate|doctor|student|"
              r"family|couple|crowd|self|selfie",
    "animal": r"cats?|kittens?|dogs?|puppy|puppies|fox(?:es)?|wolf|wolves|birds?|owls?|horses?|lions?|"
              r"tigers?|bears?|rabbits?|bunny|deer|elephants?|monkeys?|dragons?|unicorns?|fish|whales?|"
              r"dolphins?|penguins?|frogs?|turtles?|butterfly|butterflies|squirrels?|hamsters?|parrots?|"
              r"eagles?|cows?|sheep|goats?|pigs?|ducks?|mouse|mice|raccoons?|otters?|pandas?|koalas?",
    "scene": r"landscape|mountains?|forest|lake|beach|ocean|sea|river|valley|desert|city|cityscape|"
             r"skyline|village|town|street|castle|island|waterfall|canyon|meadow|field|harbou?r|"
             r"countryside|jungle|glacier|volcano|coast|park|garden|bridge|lighthouse",
}
KIND_RES = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in KIND_WORDS.items()}

FANTASY = re.compile(
    r"\b(dragons?|unicorns?|wizard|witch|elf|elves|fairy|fairies|goblin|orc|castle in the sky|"
    r"spaceship|alien|robot|cyborg|mermaid|phoenix|magic|magical|floating island|griffin)\b", re.I)

INDOOR = re.compile(
    r"\b(room|kitchen|studio|cafe|café|library|bedroom|office|indoors?|inside|windowsill|table|desk|"
    r"sofa|couch|bed|shelf|interior|hall|classroom|museum|shop|bar|restaurant)\b", re.I)

# A place already named: a preposition of place followed by a noun phrase.
SETTING = re.compile(
    r"\b(in|on|at|inside|under|beneath|above|over|by|near|beside|across|through|along|among|"
    r"underwater|outdoors|floating)\b(?!\s+(?:the\s+)?(?:style|manner|form|shape|colou?rs?|"
    r"watercolou?r|oil|pixel|anime|ink|pencil)\b)", re.I)

MEDIUM = re.compile(
    r"\b(photo|photograph|photography|painting|painted|illustration|drawing|drawn|sketch|render|"
    r"rendered|artwork|art|watercolou?r|oil|pixel|anime|cartoon|comic|3d|cgi|poster|print|"
    r"sculpture|portrait|film still|still|engraving|mosaic|graffiti|mural|vector)\b", re.I)

# Words that a new time of day or season makes wrong.
CONFLICTS: dict[str, re.Pattern[str]] = {
    "night": re.compile(r"\b(sun|sunny|sunlit|sunlight|daylight|golden|midday|noon|blue sky|bright day)\b", re.I),
    "day": re.compile(r"\b(moon|moonlit|moonlight|night|stars|starry|street ?lamps?|neon glow)\b", re.I),
    "winter": re.compile(r"\b(summer|spring|autumn|lush green|blooming|in bloom|falling leaves|sunbathing)\b", re.I),
    "summer": re.compile(r"\b(winter|snow|snowy|frost|frosty|icy|autumn|falling leaves)\b", re.I),
    "autumn": re.compile(r"\b(winter|summer|spring|snowy|in bloom|blooming)\b", re.I),
    "spring": re.compile(r"\b(winter|summer|autumn|snowy|falling leaves)\b", re.I),
}


def time_kind(text: str) -> str | None:
    t = text.lower()
    if re.search(r"night|midnight|moon", t):
        return "night"
    if re.search(r"noon|midday|daytime|day ?light|by day|during the day|morning|afternoon|sunny", t):
        return "day"
    if re.search(r"sunset|dusk|twilight|golden hour|evening|blue hour", t):
        return "dusk"
    if re.search(r"sunrise|dawn", t):
        return "dawn"
    return None


def season_kind(text: str) -> str | None:
    m = re.search(r"winter|summer|autumn|fall|spring", text.lower())
    if not m:
        return None
    return {"fall": "autumn"}.get(m.group(0), m.group(0))
