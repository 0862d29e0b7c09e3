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
                             r"the \w+)(?:\s+(?:in\s+)?(?:myself|later|after|in (?:photoshop|canva|post|figma)))+\W*$", re.I)
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
    message = re.sub(r"(?<=\S)[\s,.!?]+(?:sorry|soz|sry)\W*$", "", message, flags=re.I) or message  # "… a light blue background? sorry"
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
    return _TRAILING_ASIDE.sub("", text) or text


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


_PART_COMPARED = re.compile(r"^\W*(?P<the>the|his|her|its|their)\s+(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+(?P<how>(?:(?:a bit|a little|slightly|"
                            r"much|a lot|way|even)\s+)?(?:more\s+[\w-]+|[\w-]+(?:er|ier)))(?P<end>\s+(?:please|pls|now))*\W*$", re.I)
_TIME_SHOT = re.compile(r"^\W*(?:an?\s+)?(?P<time>twilight|night|nighttime|sunset|sunrise|dawn|dusk|golden hour|blue hour|daytime|evening|"
                        r"morning)\s+(?:shot|version|one|take|scene)\b", re.I)
_SOMEONE_WANTS = re.compile(r"^\W*(?:my|our|the)\s+(?:[\w-]+\s+)?(?:manager|boss|client|customer|wife|husband|partner|editor|teacher|"
                            r"kid|son|daughter|team|friend|mom|mum|dad|girlfriend|boyfriend)s?\s+(?:wants|would like|needs|asked for|"
                            r"asks for|prefers)\s+(?:it|this|the (?:picture|image|pic))\s+(?=\w)", re.I)
_MAIN_COLOUR = re.compile(r"^\W*(?:use|make|go with)\s+(?:our|my|the)?\s*(?:brand\s+)?colou?r\s+(?P<colour>[\w -]{2,20}?)\s+as\s+the\s+"
                          r"(?:main|primary|dominant|key)\s+colou?r\W*$", re.I)


_ALSO_THERE = re.compile(r"^\W*(?:and\s+|also\s+|plus\s+)?(?P<thing>(?:an?|some|two|three|a few|one)\s+[\w' -]{2,60}?)\s+(?:too|as well|also)\W*$", re.I)
_BEHIND = re.compile(r"^\W*(?:and\s+|also\s+)?(?P<thing>(?!(?:make|add|put|give|turn|change|remove|draw|show|try|do|use|set|zoom|go|get|"
                     r"take|let|have|keep|leave|move|place|bring|drop|delete|erase|clear|what|what'?s|where|who|why|how|which|is|are|"
                     r"can|could|would|will|should|i|you|we|it|that|this|there|haha\w*|lol|lmao|omg|wow|oh|ooh)\b)(?![^?]*\?)"
                     r"(?![\w' -]*\b(?:what|what'?s|where|who|why|how|which)\b)"
                     r"[\w' -]{2,50}?)\s+(?:(?:rolling|coming|creeping|peeking|drifting|flying|floating)\s+(?:in\s+|out\s+|up\s+)?)?"
                     r"(?P<where>behind|in the background|in the foreground|in the distance|in the corner|on the (?:left|right)|overhead|"
                     r"above (?:it|him|her|them))\W*$", re.I)
_IS_NOW = re.compile(r"^\W*(?:now\s+|and\s+)?(?P<the>the|his|her|its|their)\s+(?P<what>[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:is|are|should be|"
                     r"becomes?)\s+(?P<how>(?!(?:so|too|very|really|a bit|kinda|pretty)\b)[\w -]{2,30}?)\W*$", re.I)
_SHAPED_ONE = re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?(?:do|make|give me|try|get me|render)\s+(?:a|one|an)\s+(?P<shape>wide|wider|"
                         r"tall|taller|square|landscape|portrait|vertical|horizontal|widescreen)\s+(?:one|version|copy|take)\b", re.I)


_SETTING_SAID = ((re.compile(r"^\W*(?:use\s+)?(\d+)\s+steps\s+(?:is|are|was)\s+(?:fine|ok(?:ay)?|good|enough)\b.*$", re.I), r"steps \1"),
                 (re.compile(r"^\W*(?:more|fewer|less)\s+steps[,:]?\s+(?:like\s+|to\s+|say\s+|about\s+)?(\d+)\W*$", re.I), r"steps \1"),
                 (re.compile(r"\b(guidance|cfg)\s+(?:lower|higher|down|up)[,:]?\s+(?:like\s+|to\s+|say\s+|about\s+)?(\d+(?:\.\d+)?)\b", re.I),
                  r"\1 \2"),
                 (re.compile(r"^\W*(?:(?:give|show|get)\s+me\s+|make\s+|do\s+|can\s+i\s+(?:get|have|see)\s+)?(?:one\s+more|another)\s+"
                             r"(?:variation|option|version|take|variant)(?:\s+of\s+(?:that|this|it)(?:\s+one)?)?\W*$", re.I), "another one"),
                 (re.compile(r"^\W*undo\s+(?:the|that|my|your|last)\s+[\w/ -]{0,30}?(?:change|changes|edit|edits|tweak|step)\W*$", re.I),
                  "undo"))


_SAID_AGAIN = ((re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|now)\s+)?go\s+back\s+to\s+the\s+(?:one|picture|pic|version)\s+with\s+(?:the\s+|a\s+)?"
                           r"(?P<x>[\w' -]{2,30}?)\s+and\s+(?P<rest>.+)$", re.I), r"take the \g<x> one and \g<rest>"),
               (re.compile(r"^\W*(?:and\s+|now\s+)?the\s+(?P<x>[\w' -]{2,30}?)\s+one\s+(?P<change>(?:at|in|as|during)\s+.+)$",
                           re.I), r"take the \g<x> one and make it \g<change>"),
               (re.compile(r"^\W*(?:and\s+|now\s+|also\s+)(?:one|another one)\s+of\s+(?P<x>(?:an?|some|the|two|three)\s+.+)$", re.I),
                r"draw \g<x>"),
               (re.compile(r"^\W*(?:in|like)\s+the\s+style\s+of\s+(?=(?:an?|the)\s)", re.I), "make it look like "),  # of a thing, not a name
               (re.compile(r"^\W*ink\s+it\b[\s,]*", re.I), "make it an ink drawing, "),
               (re.compile(r"[,\s]+(?:can|could)\s+(?:you|u)\s+do\s+(?:that|this|it)\W*$", re.I), ""),
               (re.compile(r"^\W*(?:[\w']+\s+){1,2}?(?:wants|would like|needs|prefers)\s+(?:it|this|the (?:picture|image|pic))\s+(?=\w)", re.I),
                "make it "),
               (re.compile(r"^\W*now\s+(?=the\s+[\w-]+\s+(?:on|in|under|next to|beside|behind|on top of)\s)", re.I), "put "),
               (re.compile(r"^\W*what\s+would\s+(?:it|this)\s+look\s+like\s+(?=(?:in|as|with|at)\s)", re.I), "make it "),
               (re.compile(r"^\W*(?:honestly\s+)?(?:can|could)\s+(?:you|u|we)\s+swap\s+(?:all\s+)?(?:the\s+)?(?P<x>[\w -]{2,30}?)\s+for\s+", re.I),
                r"replace the \g<x> with "),
               (re.compile(r"^\W*(?:ok(?:ay)?\s+)?same\s+(?:character|guy|girl|person|dog|cat|one|scene|picture)[,\s]+(?:but\s+)?(?:now\s+)?", re.I),
                "now "),
               (re.compile(r"\b(to|at|around)\s+like\s+(?=\d)", re.I), r"\1 "),
               (re.compile(r"^\W*(?:(?:hmm+|no|nah|actually|ok)[\s,]+)*i\s+(?:preferred|prefered|liked|like)\s+it\s+(?:better\s+)?before"
                           r"(?:\s+(?:that|this|the (?:last )?change))?\W*$", re.I), "undo"),
               (re.compile(r"^\W*(?:(?:\w+[.!]\s+)*)?(?:please\s+)?(?:save|remember|note down|write down)\s+the\s+seed(?:\s+for\s+me)?(?:[,\s]+what\s+is\s+it)?",
                           re.I), "what's the seed"),
               (re.compile(r"^\W*(?:do|make|give)\s+me\s+an?\s+(?P<look>[\w -]{2,30}?)\s+(?:one|version)\b", re.I), r"make it \g<look>"),
               (re.compile(r"^\W*ad\s+(?=(?:an?|some|the|two|three)\s)", re.I), "add "),
               (re.compile(r"\bfrnt\b", re.I), "front"),
               (re.compile(r"^\W*(?:give me|show me|do|make it|try)?\s*(?:an?\s+)?full[- ](?:body|length)(?:\s+(?:shot|view|pic|picture|portrait))?\W*$",
                           re.I), "zoom out to show the full body"),
               (re.compile(r"\bseed\s*[=:]?\s*-1\b(?:\s+again)?", re.I), "new seed"),
               (re.compile(r"^\W*(?=(?:in the (?:rain|snow|fog|mist|dark|evening|morning|afternoon)|at (?:night|dawn|dusk|sunset|sunrise|noon))\b)",
                           re.I), "make it "))


def as_change(message: str, mentions) -> str:
    """A change said without its verb, as the edit rules read it: "the circle a hair thinner" → "make the circle a bit
    thinner", "twilight shot with the windows glowing" → "make it at twilight with the windows glowing", "my manager
    wants it wider" → "make it wider", "use our brand color teal as the main color" → "teal color scheme".
    ``mentions`` tells whether the picture has a thing ("the circle")."""
    m = _PART_COMPARED.match(message)
    if m and mentions(m.group("what").split()[-1]):
        return plain_degree(f"make {m.group('the')} {m.group('what')} {m.group('how')}")
    for rx, said in (*_SETTING_SAID, *_SAID_AGAIN):  # "more steps, 50", "give me one more variation", "the windmill one at night"
        message = rx.sub(said, message)
    m = _SHAPED_ONE.match(message)
    if m:  # "can you do a wide one for the website": that shape
        rest = message[m.end():]
        if re.fullmatch(r"(?:\s+(?:for|of)\s+[\w' -]+)?(?:[\s,]+(?:same thing|same picture|same as before|otherwise the same|"
                        r"same|please|pls))*\W*", rest, re.I):
            rest = ""  # "for the website, same thing": what it is for, and that the rest is kept
        return f"make it {m.group('shape')}{rest}"
    m = _ALSO_THERE.match(message)
    if m:  # "a cup of cocoa on the windowsill too": one more thing
        return f"add {m.group('thing')}"
    m = _BEHIND.match(message)
    if m and not mentions(m.group("thing").split()[-1]):  # "storm clouds rolling in behind"
        return f"add {message.strip(' .!')}"
    m = _IS_NOW.match(message)
    if m and mentions(m.group("what").split()[-1]):  # "now the little tow truck is bright yellow"
        return f"make {m.group('the')} {m.group('what')} {m.group('how')}"
    m = _TIME_SHOT.match(message)
    if m:
        return f"make it at {m.group('time')}{message[m.end():]}"
    m = _MAIN_COLOUR.match(message)
    if m:
        return f"make the color scheme {m.group('colour').strip()}"
    return _SOMEONE_WANTS.sub("make it ", message, count=1)
