"""Japanese written in Latin letters ("yoru ni shite kudasai", "tamago o futatsu ni shite", "sugoi!!"):
the English the rules read. Pure functions over a small vocabulary and the few shapes a follow-up takes:
"X ni shite" (make it X), "A o B ni shite" (make the A B), "X o tsuika" (add X), "X o keshite" (take X
out), "mou ichido" (again) and praise or thanks."""

from __future__ import annotations

import re

# A word made only of Japanese syllables: "yoru", "kudasai", "chotto", "shiido", "ramen".
_SYLLABLES = re.compile(r"(?:(?:([kstpcgbdmhfrz])\1)?(?:[kgszjtdnhbpmyrwf]|ch|sh|ts|ky|gy|ny|hy|by|py|my|ry)?[aiueo]|n(?![aiueo]))+")
# Words only Japanese has, of which a message must say one to be read as Japanese.
_MARKERS = re.compile(r"\b(?:shite|kudasai|onegai(?:shimasu)?|shimasu|desu|mou|ichido|ikkai|sugoi|oishisou|kawaii|kirei|"
                      r"arigat[oō]u?|tsuika|keshite|irete|nuite|hoshii|chotto|motto|subarashii|saikou|suteki|kakkoii|"
                      r"betsu|nashi)\b", re.I)
_POLITE = re.compile(r"\b(?:kudasai|onegai(?:shimasu)?|choudai|chodai|shimasu|desu|yo|ne|na|ka)\b", re.I)

_WORDS = {
    # when, weather, season
    "yoru": "night", "asa": "morning", "hiru": "midday", "yuugata": "evening", "yuuhi": "sunset", "yuuyake": "sunset",
    "ame": "rain", "yuki": "snow", "kiri": "fog", "arashi": "storm", "fuyu": "winter", "natsu": "summer", "aki": "autumn",
    "haru": "spring",
    # things
    "neko": "cat", "inu": "dog", "tori": "bird", "sakana": "fish", "hana": "flower", "ki": "tree", "umi": "sea",
    "yama": "mountain", "sora": "sky", "tsuki": "moon", "hoshi": "star", "kumo": "cloud", "kawa": "river", "mori": "forest",
    "machi": "city", "ie": "house", "hito": "person", "kuruma": "car", "tamago": "egg", "ramen": "ramen", "sushi": "sushi",
    "ocha": "tea", "koohii": "coffee", "kouhii": "coffee", "keeki": "cake", "boushi": "hat", "megane": "glasses",
    "sakura": "cherry blossom", "haikei": "background", "shiido": "seed", "niwa": "garden", "tera": "temple",
    "shiro": "white",
    # colours
    "aka": "red", "akai": "red", "ao": "blue", "aoi": "blue", "kuro": "black", "kuroi": "black", "shiroi": "white",
    "midori": "green", "kiiro": "yellow", "kiiroi": "yellow", "pinku": "pink", "murasaki": "purple", "orenji": "orange",
    "kin": "gold", "gin": "silver",
    # how
    "ookiku": "bigger", "chiisaku": "smaller", "akaruku": "brighter", "kuraku": "darker", "kawaiku": "cuter",
    "anime": "anime", "manga": "manga", "ukiyoe": "ukiyo-e", "suisai": "watercolor", "shashin": "photo",
}
_MASS = {"rain", "snow", "fog", "sushi", "ramen", "tea", "coffee", "cake", "cherry blossom"}
_NUMBERS = {"hitotsu": "one", "futatsu": "two", "mittsu": "three", "yottsu": "four", "itsutsu": "five"}
_PRAISE = re.compile(r"^(?:(?:sugoi|sugee|oishisou|oishi+|kawaii|kirei|ii|ii ne|subarashii|saikou|suteki|kakkoii|yatta|"
                     r"waa+|uwaa+|hontou ni|totemo|sugoku|desu|ne|yo|na)\s*)+$", re.I)
_THANKS = re.compile(r"^(?:(?:arigat[oō]u?|doumo|domo|gozaimasu|gozaimashita|hontou ni|desu|ne)\s*)+$", re.I)


def is_romaji(text: str) -> bool:
    """Japanese in Latin letters: every word made of its syllables, and one word only Japanese has."""
    words = re.findall(r"[a-zōū]+", text.lower())
    return bool(words) and bool(_MARKERS.search(text)) and all(_SYLLABLES.fullmatch(w.replace("ō", "ou").replace("ū", "uu"))
                                                                for w in words)


def _en(word: str) -> str:
    return _WORDS.get(word.lower(), word)


def read_romaji(text: str) -> str | None:
    """English for a follow-up in romanised Japanese, or None when it is not that or says nothing read here."""
    if not is_romaji(text):
        return None
    said = re.sub(r"[!?.~〜,]+", " ", text.lower()).strip()
    if _THANKS.fullmatch(said):
        return "thanks!"
    if _PRAISE.fullmatch(said):
        return "wow, love it!"
    said = re.sub(r"\s+", " ", _POLITE.sub(" ", said)).strip()
    if re.search(r"\b(?:mou ichido|mou ikkai|mouikkai|mou hitotsu)\b", said):
        return "another one with a new seed" if re.search(r"\bbetsu no\b", said) else "another one"
    m = re.fullmatch(r"(\w+) w?o (\w+) ni shite", said)
    if m:  # "tamago o futatsu ni shite": two eggs; "haikei o kuro ni shite": a black background
        thing, how = m.group(1), m.group(2)
        if how in _NUMBERS:
            return f"add {_NUMBERS[how]} {_en(thing)}s"
        return f"make the {_en(thing)} {_en(how)}"
    m = re.fullmatch(r"(\w+) ni shite", said)
    if m:
        return f"make it {_en(m.group(1))}"
    m = re.fullmatch(r"(\w+(?: \w+)?) w?o (?:tsuika(?: shite)?|irete|kuwaete|dashite|kaite)", said)
    if m:
        named = " ".join(_en(w) for w in m.group(1).split())
        return f"add {'' if named in _MASS or ' ' in named else 'a '}{named}"
    m = re.fullmatch(r"(\w+(?: \w+)?) (?:w?o (?:keshite|nuite|nakushite|torinozoite|kesu)|nashi de)", said)
    if m:
        return "remove the " + " ".join(_en(w) for w in m.group(1).split())
    return None
