"""The words around what a message asks, taken off before it is read: disgust or an aside in front ("ew no
spiders, …", "btw …"), someone else's voice ("he says the ball should be on fire"), "the one before" for the
previous picture, an aside at the end ("… obviously", "… i'll add it myself"), and a thing taken out in another
language ("sin cilantro por favor"). A colour corrected in the same message is read by ``conversation.wishes``.
Pure functions."""

from __future__ import annotations

import re

_REPORTED = re.compile(r"^\W*(?:(?:now|ok(?:ay)?|and|so|last one|ok last one)[\s,]+)*(?:(?:my|our)\s+(?:\w+\s+)?(?:son|daughter|kid|kids|wife|husband|boss|client|friend|mom|mum|dad|partner|"
                       r"girlfriend|boyfriend|team|teacher)|he|she|they)\s+(?:says|said|wants|asked|insists)(?:\s+that)?[\s:,]+"
                       r"(?=(?:the|there|his|her|their|its)\b|it\s+(?:should|needs|must|has to)\b|(?:do|make|draw|add|try|put|give|undo|"
                       r"again|more|bigger|smaller|one more|go back|revert|back to|change|remove|use|keep|less)\b)", re.I)
_WANTS_QUOTED = re.compile(r"^\W*(?:my|our)\s+[\w' -]{1,20}?\s+(?:wants|asked for|says|would like)\s+['\"“‘](.{3,120}?)['\"”’]\W*$", re.I)
_ONE_BEFORE = re.compile(r"\bthe (one|version|picture|image|pic) before(?!\s+(?:that|the|you|adding|it|this|[\w-]+ing)\b)", re.I)
_DISGUST = re.compile(r"^\W*(?:e+w+|yuck|ick|gross|eek|blech)[\s,!.]+(?=\S)", re.I)
_ASIDE = re.compile(r"^(?:btw|by the way|oh and|oh also|random question|quick question|one more thing|another thing|anyway|anyways|fr|ngl|lowkey|"
                    r"last thing|one last thing|one more question|sorry|i'?m sorry|so sorry|sorry again|"
                    r"unrelated(?: question)?|off topic|"
                    r"side note|just curious|out of curiosity|totally unrelated)[\s,:;.!-]+(?=\S)", re.I)
_TRAILING_ASIDE = re.compile(r"[\s,]+(?:obviously|of course|ofc|duh|i guess|i think|i suppose|tbh|ngl|imo|i'?d say)\W*$|"
                             r"[\s,.;]+(?:i|i've|ive)\s+changed\s+my\s+mind\W*$|"  # "remove the dragons i changed my mind"
                             # "a bit more orange accents for our brand color": why, not what
                             r"[\s,]+(?:for|to match)\s+(?:our|my|the|their)\s+(?:brand|company|business|shop|store|client)(?:'s)?"
                             r"(?:\s+(?:colou?rs?|palette|identity|look|theme|guidelines))?\W*$|"
                             # "no caption actually, i'll add it myself": what the person will do, not the picture
                             r"[\s,;.]+(?:i'?ll|i will|i can|i'?m gonna|gonna)\s+(?:add|do|put|write|handle|fix)\s+(?:it|that|them|this|"
                             r"the \w+)(?:\s+(?:in\s+)?(?:myself|later|after|in (?:photoshop|canva|post|figma)))+\W*$|"
                             # "(big twist in my campaign lol)": an aside in brackets about the person, not the picture
                             r"\s*\((?=[^():]*\b(?:lol|lmao|haha|my|i|i'?m|we|our|long story|don'?t ask|trust me)\b)[^():]{1,80}\)\W*$|"
                             # "…, she's not an actual angel": what the thing is not, said to explain the change
                             r"[\s,;.]+(?:he|she|they|it)(?:'s|\s+is|'re|\s+are)\s+not\s+(?:an?\s+)?(?:actual|real|literal)\s+[\w -]{2,30}\W*$",
                             re.I)
_FOREIGN_WITHOUT = re.compile(r"^\W*(?:sin|sans|ohne|senza|sem|zonder)\s+(?:(?:el|la|los|las|le|les|die|der|das|den|il|lo|gli|o|a|os|as|"
                              r"het|de)\s+)?([^\W\d_][\w' -]{1,30}?)(?:\s+(?:por favor|porfa|please|pls|bitte|per favore|s'il (?:te|vous) pla[iî]t|"
                              r"alsjeblieft|graag|aub))?[\s!.]*(?:[😂🤣😅🙏]|\W)*$", re.I)


# "puoi disegnare un gondoliere …?", "¿puedes dibujar un gato?": "can you draw" asked in another language.
_DRAW_ABROAD = re.compile(r"^\W*(?:(?:ciao|hola|salut|bonjour|ol[áa]|oi|hallo|hoi|hey|hi)[\s,!.¡¿]+)?[¿¡]?(?:puoi|potresti|puedes|podr[ií]as|peux-tu|tu peux|pourrais-tu|pode|podes|voc[êe] pode|consegue|consegues)\s+"
                          r"(?:me\s+)?(?:disegnar(?:e|mi)|dibujar(?:me)?|dessiner|desenhar)\s+(?P<what>.+?)\s*\?*\s*$", re.I)


def unframed(message: str, *, on_screen: bool, drawn_before: bool) -> str:
    """The message without the words in front that ask nothing, "can you draw" in another language said as
    "draw me", and "the one before" said as "the previous one" once there are pictures."""
    abroad = _DRAW_ABROAD.match(message)
    if abroad:  # the picture asked for, as "draw me …" is read
        message = f"draw me {abroad.group('what')}"
    if drawn_before:  # "haha the one before was funnier": the previous picture
        message = _ONE_BEFORE.sub(r"the previous \1", message)
    if on_screen:  # "nice — add a birch": a dash between two clauses
        message = re.sub(r"\s+[—–]\s+|(?<=\w)[—–](?=\s)", ", ", message)
    message = re.sub(r"(?<=\S)[\s,.!]+(?:sorry|soz|sry)\W*$|(?<=\S)\s*[,.!]?\s*(?:sorry[,.]?\s*)?just\s+(?:checking|wondering|curious|asking)\W*$",
                     "", message, flags=re.I) or message  # "… a light blue background? sorry", "… same seed? sorry, just checking"
    message = _DISGUST.sub("", message) or message  # "ew no spiders, make it a ladybug": what follows is asked
    for _ in range(3):  # "Sorry, last thing, could the scarf be yellow?": each aside in front
        message = _ASIDE.sub("", message) or message  # "btw who's gonna win the league": what follows is what is said
    message = re.sub(r"\s+(?:tbh|ngl|imo|honestly)(?=\s*,)", "", message, flags=re.I)  # "more like a pencil sketch tbh, black and white"
    quoted = _WANTS_QUOTED.match(message)
    if quoted and not on_screen:  # "my 5yo wants 'a unicorn that is also a cupcake' 😂": that picture
        message = f"draw {quoted.group(1)}"
    if on_screen:  # "he says the ball should be on fire 🔥": what someone else asks is asked
        message = _REPORTED.sub("", message) or message
        message = re.sub(r"^((?:the|his|her|its|their)\s+[\w-]+(?:\s+[\w-]+)?)\s+to\s+be\s+", r"make \1 ", message, flags=re.I)  # "…the dinosaur to be green"
    return message


# Emoji said in place of a word, in a message that asks a change: "more 🔥 on the stove".
_EMOJI_WORDS = {"🔥": "fire", "❄️": "snow", "❄": "snow", "🌧️": "rain", "🌧": "rain", "☔": "rain", "🌙": "moon", "⭐": "stars",
                "✨": "sparkles", "🌸": "cherry blossoms", "🌹": "roses", "🌻": "sunflowers", "🌈": "a rainbow", "☀️": "sun",
                "☀": "sun", "🌊": "waves", "💧": "water drops", "🎈": "balloons", "🐱": "a cat", "🐶": "a dog", "🦋": "butterflies",
                "🍂": "autumn leaves", "🌲": "pine trees", "🌴": "palm trees", "💎": "diamonds", "⚡": "lightning", "🕯️": "candles",
                "🎃": "pumpkins", "👑": "a crown", "🎩": "a top hat", "🕶️": "sunglasses", "🕶": "sunglasses"}
_ASKS_CHANGE = re.compile(r"^\W*(?:more|less|add|some|no|with|without|make|put|give|and)\b", re.I)


def emoji_said(message: str) -> str:
    """ "more 🔥 on the stove" → "more fire on the stove"; other messages as they are (a lone "🔥" is praise)."""
    if not _ASKS_CHANGE.match(message) or not any(e in message for e in _EMOJI_WORDS):
        return message
    for emoji, word in _EMOJI_WORDS.items():
        message = message.replace(emoji, f" {word} ")
    return re.sub(r"\s{2,}", " ", message).strip()


def without_trailing_aside(text: str) -> str:
    """ "now it should be night obviously" → "now it should be night"."""
    while (shorter := _TRAILING_ASIDE.sub("", text)) and shorter != text:  # "…, she's not an actual angel (long story lol)"
        text = shorter
    return text


def taken_out_abroad(message: str) -> str | None:
    """ "sin cilantro por favor 😂" → "cilantro": a thing taken out, said in another language; None otherwise."""
    m = _FOREIGN_WITHOUT.match(message)
    return m.group(1) if m else None


# How much, said many ways: "a teeny bit", "a hair", "a smidge", "a touch", "ever so slightly" are all "a bit".
_DEGREE = re.compile(r"\b(?:a\s+(?:teeny|tiny|wee|teensy|itty bitty|little)(?:\s+(?:little|tiny))?\s+bit|a\s+(?:hair|smidge|smidgen|skosh|"
                     r"touch|tad|notch|whisker)|ever\s+so\s+(?:slightly|little)|just\s+a\s+(?:hair|smidge|touch|tad))\b(?!\s+of\b)", re.I)


def plain_degree(message: str) -> str:
    """ "a teeny bit more glossy" → "a bit more glossy"; "the circle a hair thinner" → "the circle a bit thinner"."""
    said = _DEGREE.sub("a bit", message)
    # "make the sky a little brighter": the sky brighter, not the sky made into "a little brighter"
    return re.sub(r"(\bmake\s+(?:the|his|her|its|their)\s+[\w-]+(?:\s+[\w-]+)?\s+)a\s+(?:bit|little)\s+(?=(?:[\w-]+(?:er|ier)|more|less)\b)",
                  r"\1slightly ", said, flags=re.I)
