"""Vocabulary the offline rules read with: style names in any spelling, picture numbers,
aspect words, follow-ups in other languages (from the tables of ``conversation.phrasebook``,
read by ``conversation.foreign``), and the words of small talk."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from conversation import foreign, phrasebook
from conversation.romaji import is_romaji, read_romaji
from prompts.styles import get_style, list_styles

# Words people use for a style that the preset table does not list.
_MORE_STYLE_WORDS: dict[str, tuple[str, ...]] = {
    "photorealistic": ("photoreal", "real photo", "realistic photo", "hyperrealistic", "hyper realistic",
                       "lifelike", "real life"),
    "anime": ("animé", "japanese animation", "ghibli", "studio ghibli"),
    "watercolor": ("water color", "water colour", "aquarell", "acuarela", "acquerello", "aquarela"),
    "oil-painting": ("oil painting", "oil on canvas"),
    "pixel-art": ("pixel art", "pixelart", "8 bit", "16 bit", "retro game", "8 bit pixel art", "16 bit pixel art"),
    "line-art": ("line art",),
    "pop-art": ("pop art", "popart"),
    "3d-render": ("3d render", "3d-rendered", "3d rendered", "blender", "octane"),
    "stained-glass": ("stainedglass",),
    "ukiyo-e": ("ukiyo e", "japanese woodblock"),
    "comic": ("comic book style", "marvel", "dc comics"),
    "pencil-sketch": ("pencil sketch", "graphite sketch"),
    "black-and-white": ("black-and-white", "b/w", "noir"),
    "low-poly": ("low-poly",),
    "isometric-3d": ("isometric 3d",),
    "children-book": ("picture book", "kids' book", "children book"),
    "cinematic": ("film still", "cinematic still", "movie scene"),
}


def squash(text: str) -> str:
    """Lower case, accents and everything but letters and digits removed: "Ukiyo-e" → "ukiyoe"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _style_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for sid in list_styles():
        if sid == "none":
            continue
        style = get_style(sid)
        names = {sid, style.name, style.medium, *style.aliases, *_MORE_STYLE_WORDS.get(sid, ())}
        for name in names:
            if name and len(squash(name)) >= 2:
                keys.setdefault(squash(name), sid)
    # Words that name a style only when they stand for it alone ("make it a photo") are fine;
    # bare generic words that mean other things in a scene are not keys.
    for generic in ("oil", "oils", "clay", "pencil", "product", "render", "fantasy", "vintage", "3d",
                    "sketch", "comic", "pixel", "movie", "photo", "realistic", "futuristic", "retro game"):
        keys.pop(squash(generic), None)
    return keys


# Generic style words, accepted only where a style is clearly being asked for ("make it X", "X style").
_LOOSE_STYLE = {
    "photo": "photorealistic", "photograph": "photorealistic", "realistic": "photorealistic",
    "real": "photorealistic", "sketch": "pencil-sketch", "pencil": "pencil-sketch", "comic": "comic",
    "3d": "3d-render", "render": "3d-render", "clay": "claymation", "oil": "oil-painting",
    "pixel": "pixel-art", "vintage": "vintage-photo", "fantasy": "fantasy-concept-art",
    "futuristic": "sci-fi", "movie": "cinematic", "product": "product-shot",
}

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|\d+", re.UNICODE)


def find_style(text: str, *, loose: bool = False) -> tuple[str, str] | None:
    """(style id, the words that named it) for the longest style name in ``text``, any spelling."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    keys = _style_keys()
    best: tuple[int, str, str] | None = None
    for i in range(len(words)):
        for n in range(min(4, len(words) - i), 0, -1):
            span = words[i:i + n]
            key = squash("".join(w for w, _, _ in span))
            sid = keys.get(key) or (_LOOSE_STYLE.get(key) if loose and n == 1 else None)
            if sid and (best is None or n > best[0]):
                best = (n, sid, text[span[0][1]:span[-1][2]])
                break
    return (best[1], best[2]) if best else None


ORDINALS = {
    "first": 1, "1st": 1, "one": 1, "original": 1, "second": 2, "2nd": 2, "two": 2, "third": 3, "3rd": 3,
    "three": 3, "fourth": 4, "4th": 4, "four": 4, "fifth": 5, "5th": 5, "five": 5, "sixth": 6, "6th": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "latest": -1, "previous": -2,
    "prior": -2, "earlier": -2, "penultimate": -2,
    # other languages
    "primera": 1, "primero": 1, "erste": 1, "ersten": 1, "premier": 1, "première": 1, "primeira": 1,
    "segunda": 2, "segundo": 2, "zweite": 2, "deuxième": 2,
}


def picture_number(text: str) -> int | None:
    """The picture a message points at: "the first one" → 1, "image 3" / "#3" → 3, "the previous one" → -2."""
    m = re.search(r"(?:#|\b(?:image|picture|pic|photo|version|number|no\.?|option|one)\s*#?\s*|\bv(?=\d{1,2}\b))(\d{1,3})\b", text, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(first|1st|original|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|eighth|"
                  r"ninth|tenth|last|latest|previous|prior|earlier|penultimate|primera|primero|erste|ersten|"
                  r"premier|première|primeira|segunda|segundo|zweite|deuxième)\b(?!\s+(?:colou?r|shade|tone|layer|row|column|line|"
                  r"stripe|block|accent|element|item|person|character|figure|dog|cat|bird|tree|star|flower|light|detail|word|letter)s?\b)",
                  text, re.I)  # "add orange as a third colour": a third of something else, not a picture
    if m:
        return ORDINALS[m.group(1).lower()]
    if re.search(r"\bthe\s+(?:one|picture|image|pic|version)\s+before(?:\s+(?:that|this|it|this\s+one|that\s+one|last))?(?=\s*(?:[?.!,]|$))",
                 text, re.I):
        return -2  # "what was the seed of the one before?"; not "the one before the cat", which names what it lacked
    return None


# Aspect ratios by name, as width:height: (pattern, aspect, names the thing itself). A format word
# ("portrait format", "widescreen", "square") is taken out of the text; a noun that names what is
# made ("a banner", "a phone wallpaper") stays, unless it only wraps the content ("a phone
# wallpaper of a forest" is a forest).
_FORMAT_NOUN = r"(?:format|orientation|mode|aspect(?: ratio)?|ratio|layout|size|image|picture|pic|version|one|crop|shaped?)"
_ALONE = (r"^\W*(?:(?:now|ok(?:ay)?|then|and|make it|go|switch(?: it)? to|change(?: it)? to|in|as|do it in|do it as|try|"
          r"(?:the )?same(?: thing| picture| image| one| again)?,? but|but|"
          r"(?:can|could) (?:it|this|you make it) be|yes|yeah|sure|do|"
          r"(?:go |switch |change it |set it )?back to)\s+)*")
_END = r"(?:\s+(?:please|pls|instead|now|this time|again|for (?:this|it)))*\W*$"
_A_BIT = r"(?:(?:a (?:bit|little|lot|touch|tad)|slightly|much|way|even)\s+)?"
ASPECT_WORDS: list[tuple[re.Pattern[str], str, bool]] = [
    (re.compile(r"\b(?:phone|mobile|iphone|android|lock ?screen)\s+(?:wallpaper|background|screen)\b|"
                r"\b(?:instagram|insta|ig)\s+(?:story|stories|reel)\b|\btiktok\b", re.I), "9:16", True),
    # "now a version for stories", "for iphone": a phone's screen, upright
    (re.compile(r"\bfor\s+(?:my\s+|the\s+|a\s+|an\s+)?(?:stor(?:y|ies)|reels?|iphone|android|phone|mobile)(?:\s+(?:screen|wallpaper|"
                r"background|lock ?screen))?\b", re.I), "9:16", False),
    (re.compile(r"\bstory format\b|\bvertical video\b|\bfits? (?:on )?(?:my|a|the|your) (?:phone|mobile|iphone|android)(?: screen)?"
                r"(?: as (?:a |the )?(?:wallpaper|background|lock ?screen))?\b", re.I), "9:16", False),
    (re.compile(r"\b(?:for (?:(?:my|the|a|our) )?|on (?:my|our) )(?:desktop|computer|pc|laptop|monitor)(?: screen)?\b|"
                r"\bdesktop (?:version|size|format)\b", re.I), "16:9", False),
    (re.compile(r"\b(?:desktop|computer|pc|laptop|monitor)\s+(?:wallpaper|background)\b", re.I), "16:9", True),
    (re.compile(r"\bcinemascope\b|\bcinema(?:tic)?\s+(?:format|aspect(?: ratio)?|ratio)\b|\bwide ?screen\b|"
                r"\bultra-?wide\b|"
                # a wallpaper with no phone named is a screen's: "4k wallpaper size", "wallpaper format"
                r"\b(?:(?:4k|8k|hd|full hd|uhd|1080p|1440p)\s+)?wallpaper\s+(?:size|format|ratio|dimensions)\b|"
                r"\b(?:4k|8k|hd|full hd|uhd|1080p|1440p)\s+wallpaper\b", re.I), "16:9", False),
    (re.compile(r"\bpanoram(?:a|ic)\b|\bbanner\b", re.I), "21:9", True),
    # a wide shot asked for first is framed wide: "a wide shot of the grand canyon at sunrise"
    (re.compile(r"^\W*(?:an?\s+)?(?:extreme\s+)?wide(?:[- ]angle)?\s+shot\s+of\b", re.I), "3:2", True),
    (re.compile(r"\b(?:the\s+)?widest(?:\s+(?:one|size|format|option|shape|ratio|possible|you can(?: do| make)?))*\b", re.I), "21:9", False),
    (re.compile(r"\b(?:the\s+)?tallest(?:\s+(?:one|size|format|option|shape|ratio|possible|you can(?: do| make)?))*\b", re.I), "9:16", False),
    (re.compile(rf"\bportrait[\s-]+(?:format|orientation|mode|aspect(?: ratio)?|ratio|layout|size)\b|"
                # "a portrait image of a city", "do a portrait one then": the shape, the kind of picture kept
                rf"\bportrait(?=\s+(?:image|picture|pic|illustration|poster|photo|version|one|shot|drawing|painting|print)\b)|"
                rf"\b(?:vertical|tall|taller|upright)\s+{_FORMAT_NOUN}\b|\bin portrait\b|\bhochformat\b|\bmake it {_A_BIT}taller\b|"
                rf"\bvertikal\b|\b(?:make|get|have) it {_A_BIT}(?:tall|taller|vertical)\b|^\W*(?:vertical|vertically|upright|tall|taller)(?:\s+(?:please|pls))?(?=\s*[,.;!?])|^\W*portrait\s+(?:please|pls)(?=\s*[,.;!?])|{_ALONE}(?:portrait|vertical|vertically|upright|tall|taller)(?:\s+{_FORMAT_NOUN})?{_END}|"
                rf"(?:,\s*|\b(?:make it|as|in)\s+)(?:vertical|tall|taller)(?=\s*(?:[,.;!?]|$))|"
                rf"\b(?:make it|as|in)\s+(?:portrait|vertical|tall)(?=\s+(?:for|so|since|because|cause|as|to|like|too)\b|\s*[,;])", re.I), "2:3", False),
    (re.compile(rf"\blandscape[\s-]+(?:format|orientation|mode|aspect(?: ratio)?|ratio|layout|size)\b|"
                rf"\blandscape(?=\s+(?:image|pic|poster|version|one)\b)|"  # not "a landscape photo": of a landscape
                rf"\b(?:horizontal|wide|wider)\s+{_FORMAT_NOUN}\b|\bwider aspect\b|\bin landscape\b|\bquerformat\b|"
                rf"\b(?:make|get|have) it {_A_BIT}(?:wide|wider)(?!\s+(?:angle|shot|view))\b|^\W*(?:horizontal|horizontally|wider)(?:\s+(?:please|pls))?(?=\s*[,.;!?])|^\W*landscape\s+(?:please|pls)(?=\s*[,.;!?])|{_ALONE}(?:landscape|horizontal|horizontally|wider|wide)(?:\s+{_FORMAT_NOUN})?{_END}|"
                rf"(?:,\s*|\b(?:make it|as|in)\s+)horizontal(?=\s*(?:[,.;!?]|$))|"
                rf"\b(?:make it|as|in)\s+(?:landscape|horizontal|wide)(?=\s+(?:for|so|since|because|cause|as|to|like|too)\b|\s*[,;])", re.I), "3:2", False),
    (re.compile(rf"\bsquare\s+{_FORMAT_NOUN}\b|\b1\s*:\s*1\b|{_ALONE}square{_END}|"
                rf"^\W*square(?:\s+(?:please|pls))?(?=\s*[,.;!?]|\s+for\b)|"
                rf"(?:,\s*|\b(?:make it|as|in|and)\s+)square(?=\s*(?:[,.;!?]|$)|\s+for\s)|\bcuadrad[oa]\b|\bquadratisch\b|"
                rf"\bcarré\b", re.I), "1:1", False),
    (re.compile(r"\binstagram(?:\s+post)?\b|\bprofile (?:picture|pic|photo)\b|\bavatar\b", re.I), "1:1", True),
    (re.compile(r"\b(?:youtube )?thumbnail\b", re.I), "16:9", True),  # after the shapes: "square for the thumbnail" is square
    # a header across a page: "a header image for my blog about sourdough" is of sourdough, wide
    (re.compile(r"\b(?:header|hero)\s+(?:image|picture|pic|photo|graphic|banner)\b|\b(?:blog|website|site|web ?page|newsletter|email|"
                r"twitter|linkedin|facebook|youtube|channel)\s+(?:header|cover)(?:\s+(?:image|picture|photo))?\b|\bcover photo\b", re.I),
     "16:9", True),
    # last, so a shape said outright wins: a film's or a book's cover is upright (a movie poster is 27 × 40 inches)
    (re.compile(r"\b(?:movie|film|horror|concert|gig|theatre|theater)\s+poster\b|\bbook\s+cover\b", re.I), "2:3", True),
]

# Small talk, word by word: a message made only of these (and punctuation/emoji) is chat.
CHAT_WORDS = {
    "hi", "hii", "hiii", "hello", "hey", "heya", "hiya", "yo", "howdy", "greetings", "morning", "evening",
    "good", "great", "nice", "cool", "awesome", "amazing", "beautiful", "gorgeous", "lovely", "love", "loved",
    "perfect", "perf", "sigh", "promise", "x", "xx", "xxx", "purrfect", "pawfect", "pawsome", "peace", "wonderful", "fantastic", "excellent", "brilliant", "superb", "stunning", "incredible",
    "impressive", "neat", "sweet", "fab", "fabulous", "splendid", "magnificent", "outstanding", "marvelous",
    "marvellous", "first-rate", "top-notch", "dear", "sir", "madam", "knock", "wow", "woah", "whoa", "omg", "lol", "haha", "hahaha", "lmao", "nice", "niiice", "thanks",
    "thank", "thx", "tx", "ty", "tysm", "cheers", "appreciate", "appreciated", "it", "that", "that's", "thats",
    "this", "is", "was", "looks", "look", "so", "very", "really", "truly", "pretty", "quite", "you", "u",
    "much", "a", "lot", "job", "work", "the", "i", "i'm", "im", "just", "exactly", "what", "wanted",
    "needed", "ok", "okay", "k", "kk", "sure", "yes", "yeah", "yep", "yup", "alright", "fine", "great",
    "bye", "goodbye", "later", "see", "ya", "cya", "night", "goodnight", "done", "all", "for", "now",
    "today", "how", "are", "doing", "well", "and", "super", "cute", "adorable", "fun", "funny", "glad",
    "happy", "like", "likes", "it's", "its", "one", "picture", "image", "pic", "result", "results",
    "masterpiece", "dope", "sick", "fire", "lit", "rad", "epic", "legit", "solid", "hello!", "there",
    "bot", "buddy", "friend", "mate", "dude", "man", "haha", "heh", "hehe", "oh", "ah", "oops",
    "hmm", "hm", "hmmm", "um", "uh", "interesting", "gracias", "danke", "merci", "grazie", "obrigado",
    "obrigada", "hola", "bonjour", "hallo", "ciao", "olá", "ola", "namaste", "cracking", "smashing", "brill", "jubbly", "muchas", "schön", "sehr", "gut",
    "bien", "bueno", "muy", "bonito", "bonita", "belle", "beau", "très", "bello", "bella", "perfecto",
    "perfekt", "parfait", "genial", "génial", "toll", "super", "no", "nope", "nah", "meh", "not", "quite",
    "don't", "dont", "do", "hate", "bad", "ugly", "terrible", "awful", "weird", "wrong", "off", "hmm.",
    "right", "exactly!", "yay", "woohoo", "agreed", "indeed", "definitely", "absolutely", "totally",
    "best", "ever", "good.", "jeez", "dang", "damn", "gosh", "my", "god", "👍", "made", "did", "creation",
    "welcome", "please", "pls", "plz", "we", "go", "let's", "lets", "continue", "keep", "going",
    "you're", "youre", "ur", "genius", "legend", "hero", "champ", "rock", "rocks", "wizard", "ahead", "sounds",
    "works", "nailed", "beauty", "beautifully", "wonderfully", "gorgeously", "talented", "smart", "clever",
    "goated", "slay", "slaps", "bravo", "kudos", "congrats", "yes!", "woo", "whoa!", "omg!", "xd", "lmao",
    # laughs, mouth-watering and how-are-you: "ha, cool", "yum", "hey, how's it going", "what's up"
    "ha", "hah", "yum", "yummy", "mmm", "ooh", "tasty", "delicious", "how's", "hows", "going", "what's", "whats",
    "up", "sup", "mean", "doing", "today", "cheers", "both",
}

# Thanks, praise and greetings in the other languages people write to the chat in: a message made only
# of these is small talk there too ("valeu!", "muchas gracias", "merci beaucoup", "sehr schön").
CHAT_WORDS |= {
    "brb", "ew", "eww", "ewww", "yuck", "ick", "gross", "eek", "blech", "noice", "nicee", "gg", "vibe", "vibes", "vibey", "ikr", "idk", "welp", "oof", "yikes", "yass", "yas", "slay", "epic", "dope", "bet",
    "aw", "aww", "awww", "awwww", "yay", "tks", "thks", "thanx", "thnx", "tq", "thank's", "wooow", "wooo", "niiiice",
    # es
    "muchísimas", "mil", "lindo", "linda", "hermoso", "hermosa", "precioso", "preciosa", "guapo", "guapa", "chido",
    "padre", "buenísimo", "increíble", "excelente", "vale", "sí", "si", "qué", "que", "adiós", "buenas", "buenos",
    "días", "noches", "tardes", "gracias!", "está", "esta", "es", "me", "encanta", "gusta", "quedó", "quedo",
    # pt
    "valeu", "vlw", "obg", "brigado", "brigada", "muito", "lindo", "legal", "ótimo", "otimo", "ótima", "maravilhoso",
    "maravilhosa", "incrível", "show", "demais", "tchau", "oi", "bom", "boa", "dia", "ficou",
    # de
    "vielen", "dank", "dankeschön", "schöne", "wunderschön", "klasse", "prima", "cool", "geil", "wow", "ja", "tschüss",
    "guten", "tag", "morgen", "abend", "servus", "moin", "das", "ist", "echt", "wirklich",
    # fr
    "beaucoup", "magnifique", "génial", "joli", "jolie", "superbe", "trop", "bien", "c'est", "cest", "salut",
    "bonsoir", "oui", "d'accord", "top", "vraiment",
    # it
    "mille", "bellissimo", "bellissima", "bravo", "perfetto", "grande",
    # ja / zh in Latin letters
    "arigato", "arigatou", "arigatō", "domo", "sugoi", "kawaii", "kirei", "xiexie", "xie", "hao", "haode",
    # ru
    "спасибо", "спс", "большое", "привет", "здравствуйте", "отлично", "класс", "круто", "супер", "красиво",
    # nl, es/pt laughter and love, and the English of agreeing
    "bedankt", "hoor", "dankjewel", "dankuwel", "mooi", "prachtig", "leuk", "jaja", "jajaja", "jajajaja", "kkkk",
    "encanta", "me", "mdr", "fair", "enough", "true", "gotcha", "noted", "makes", "sense", "fine",
    "хорошо", "пока", "очень",
}

THANKS = re.compile(r"\b(thanks?|thank you|thx|tx|ty|tysm|tks|thanx|thnx|cheers|appreciate|gracias|danke|dank|dankeschön|merci|"
                    r"bedankt|dankjewel|dankuwel|"
                    r"grazie|obrigad[oa]|valeu|vlw|obg|brigad[oa]|arigato|arigatou|xiexie|xie xie|dzi[eę]ki|dzi[eę]kuj[eę]|tack|"
                    r"te[sş]ekk[üu]rler|sa[gğ]ol|makasih|terima kasih|efcharisto|efxaristo|efharisto|"
                    r"god bless (?:you|u)|d[ií]ky|d[eě]kuji|khob\s*khun(?:\s*(?:krub|ka))?|kob\s*kun|k[öo]szi|k[öo]sz[öo]n[öo]m|ta(?=\W*$)|"
                    r"c[aả]m [oơ]n|dhanyavaa?d|shukriya|shukran)\b|"
                    r"谢谢|多谢|感谢|ありがとう|どうも|감사|고마워|спасибо|спс", re.I)

# Small talk in Chinese and Japanese, where words are not spaced: a message made only of these pieces
# (and punctuation or emoji) is thanks, praise, a greeting or goodbye.
CJK_TALK = re.compile(
    r"(?:谢谢(?:你|您|啦)?|多谢|感谢|太棒了|真棒|好棒|棒|好看|好漂亮|真漂亮|漂亮|好美|真美|很好|不错|好的|好|哇|厉害|完美|喜欢|酷|太酷了|"
    r"太?可爱了?|哈+|耶|呀|啊|吧|了|"
    r"かわいい(?:すぎる)?|可愛(?:い|すぎる)|すぎる|"
    r"我很喜欢|你好|再见|拜拜|晚安|早上好|可爱|好可爱|"
    r"ありがとう(?:ございます|ございました)?|どうも|すごい|すごーい|凄い|きれい|綺麗|かわいい|可愛い|素晴らしい|最高|"
    r"いいね|いい|素敵|ステキ|完璧|了解|こんにちは|こんばんは|おはよう(?:ございます)?|さようなら|またね|おやすみ|"
    r"です|ね|よ|な|ー|~|〜|！|!|。|、|，|,|\.|\s)+")
GREETING = re.compile(r"^\W*(hi+|hello+|hey+|heya|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening|day)|"
                      r"hola|bonjour|hallo|ciao|olá|ola|你好|こんにちは)\b|^\W*(你好|こんにちは)", re.I)
BYE = re.compile(r"\b(bye|goodbye|peace(?: out)?|see (?:you|ya)|cya|good ?night|later|adios|tschüss|au revoir)\b", re.I)
NEGATIVE_ACK = re.compile(r"^\W*(no+|nope|nah|meh|not (?:quite|really|great|good)|i don'?t like (?:it|this|that)|"
                          r"hmm+|ugh|bad|ugly|wrong)\W*$", re.I)

# Languages other than English, by a few of their most common words (Latin script) or by script.
_LANG_WORDS = {
    "Spanish": r"el|la|los|las|un|una|con|de|del|en|y|por|para|ahora|más|muy|que|haz|hazlo|pon|quita|sin|"
               r"noche|perro|gato|playa|dibuja|otra|otro|estilo|hacer|cielo",
    "German": r"der|die|das|ein|eine|einen|mit|und|im|bei|jetzt|nacht|mach|mache|es|bitte|noch|ohne|auf|hund|"
              r"katze|stil|zeichne|dunkler|heller|mehr",
    "French": r"le|la|les|un|une|avec|et|dans|maintenant|nuit|fais|plus|sans|chat|chien|sur|style|dessine|"
              r"encore|une autre|rends|mets|remets|remettez|enl[eè]ve|au|aux|du|des|sous|mer|soleil|bord|ciel|tr[eè]s|plein|autres|ajoute|d'autres",
    "Portuguese": r"o|a|os|as|um|uma|com|e|no|na|agora|noite|faça|faz|mais|sem|gato|cachorro|estilo|desenhe|uns|umas|ao|"
                  r"lado|dela|dele|coloca|coloque|deixa|em|pro|atrás|agora",
    "Italian": r"il|lo|la|le|gli|una|con|e|nel|nella|adesso|ora|notte|fai|più|senza|gatto|cane|stile|disegna|al|alla|"
               r"aggiungi|togli|seduto|seduta|torna|indietro|un|di|mettila|mettilo|rendila|rendilo|fammela|fammelo|rimetti|tramonto|stile|"
               r"della|delle|dei|degli|sul|sulla|sui|nei|sono|che|per|tra|fra|accanto|sopra|sotto|vicino|davanti|dietro|"
               r"piccol[oaie]|grande|grandi|ross[oaie]|bianc[oa]|bianchi|bianche|ner[oaie]|verde|verdi|azzurr[oaie]|"
               r"giall[oaie]|vecchi[oa]|appoggiat[oaie]|vicolo|muro|strada|mare|cielo|sole|luna|albero|alberi|fiori",
    "Dutch": r"het|de|een|maak|met|en|van|nu|bij|nacht|zonder|stijl|hond|kat|sneeuw|winter|meer|graag|kan|ook|zijn|"
             r"alsjeblieft|doe|nog|weg|teken",
}
_LANG_RES = {lang: re.compile(rf"\b(?:{words})\b", re.I) for lang, words in _LANG_WORDS.items()}
_ENGLISH = re.compile(r"\b(?:the|a|an|of|with|and|in|on|at|it|make|is|to|now|please|more|add|remove|some|as|"
                      r"this|that|but|for|by|from|into|without|same|like|my|his|her|their|its|meant|mean|not|wanted|need|should|could|would)\b", re.I)


def has_english(text: str) -> bool:
    """Some common English word is in the text."""
    return bool(_ENGLISH.search(text))


_FOREIGN_WITH = re.compile(r"^\W*(?:" + "|".join(sorted({w for lang, ws in phrasebook.WITH.items() if lang not in ("zh", "ja", "ko")
                                                           for w in ws} | {w for lang, ws in phrasebook.WITHOUT.items()
                                                                          if lang not in ("zh", "ja", "ko") for w in ws},
                                                          key=len, reverse=True)) + r")\s+\S", re.I)


def foreign_word_first(text: str) -> bool:
    """A short clause that opens with another language's "with" or "without" and has no English word: "mit rauch aus
    dem schornstein", "senza nuvole"."""
    return bool(_FOREIGN_WITH.match(text)) and not has_english(text)


def language_of(text: str) -> str | None:
    """A non-English language the message is written in, or None for English (or unsure)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cjk = sum(1 for c in letters if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    if cjk:
        kana = sum(1 for c in letters if "\u3040" <= c <= "\u30ff")
        return "Japanese" if kana else "Chinese"
    if sum(1 for c in letters if "\uac00" <= c <= "\ud7af"):
        return "Korean"
    if sum(1 for c in letters if "\u0400" <= c <= "\u04ff") * 2 > len(letters):
        return "Russian"
    if sum(1 for c in letters if "\u0600" <= c <= "\u06ff") * 2 > len(letters):
        return "Arabic"
    if is_romaji(text):
        return "Japanese"
    words = _WORD.findall(text)
    if len(words) < 2:
        return None
    # Whole words only: the "e" of "ukiyo-e" is no Portuguese "and".
    tokens = [t.lower() for t in words]
    english = sum(1 for t in tokens if _ENGLISH.fullmatch(t))
    found = {lang: [t for t in tokens if rx.fullmatch(t)] for lang, rx in _LANG_RES.items()}
    scores = {lang: len(hits) for lang, hits in found.items()}
    distinct = {lang: len(set(hits)) for lang, hits in found.items()}
    lang, hits = max(scores.items(), key=lambda kv: (distinct[kv[0]], kv[1]))
    accented = any(c in "áéíóúñ¿¡äöüßàèùâêîôûçãõ" for c in text.lower())
    if distinct[lang] >= 2 and hits > english * 1.5 or (accented and hits > english):
        return lang
    return _phrasebook_language(text)


LANGUAGE_NAMES = {"es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}


def _phrasebook_language(text: str) -> str | None:
    """A short follow-up the phrasebook reads almost whole ("vuelve a la primera"), in phrases of two words
    or more, with no English word left outside them."""
    if len(text) > 80 or len(_ENGLISH.findall(text)) > 2:
        return None  # a follow-up the phrasebook reads is short and has an English-looking word or two at most
    read = foreign.coverage(text)
    if read is None:
        return None
    code, covered, outside = read
    letters = sum(1 for c in text if c.isalnum())
    if code not in LANGUAGE_NAMES or len(covered) < 2 or sum(len(w) for w in covered) < 0.6 * letters:
        return None
    if any(_ENGLISH.fullmatch(w) for w in outside):
        return None
    return LANGUAGE_NAMES[code]


# Follow-ups in other languages, as English the rules understand (a chat model translates properly).
# The phrasebook (``conversation.phrasebook``) holds the tables; these are its concepts as patterns over
# folded text (``foreign.fold``), with the Russian follow-ups kept from before.
_RUSSIAN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(foreign.fold(p), re.I), en) for p, en in [
        (r"\bночью\b|\bночная\b|\bночной\b", "at night"), (r"\bярче\b|\bсветлее\b", "brighter"),
        (r"\bтемнее\b", "darker"), (r"\bзимой\b", "in winter"), (r"\bакварел\w*", "make it a watercolor"),
        (r"\bотмени(?:ть)?\b", "undo"), (r"\bещ[её] (?:одну|одна|раз)\b", "another one"),
        (r"\bспасибо\b", "thanks"),
    ]
]
FOREIGN_PHRASES: list[tuple[re.Pattern[str], str]] = [
    *(rx for code in phrasebook.LANGUAGES for rx in foreign.concept_patterns(code)), *_RUSSIAN]


# The verbs of adding and taking away: a follow-up that starts with one edits the picture. When its
# thing is in the phrasebook it is translated ("quita el sombrero" → "remove the hat"); when not, its
# words go in as typed, with the language warning, and never start a new picture. Verbs that also
# mean "make" or "draw" ("mach", "doe", "dibuja") are left out: they do not say add or take away.
_LOOSE_VERBS = {"mach", "mache", "doe", "zet", "dibuja(?:le)?", "dessine", "zeichne", "disegna", "desenhe", "teken",
                "setze?", "gib(?: ihm| ihr)?", "via"}
_ADD_VERBS = "|".join(v for v in foreign.verbs(phrasebook.ADD_VERBS) if v not in _LOOSE_VERBS)
_REMOVE_VERBS = "|".join(v for v in foreign.verbs(phrasebook.REMOVE_VERBS) if v not in _LOOSE_VERBS)
FOREIGN_ADD = re.compile(rf"^\W*(?:{_ADD_VERBS})\s+(.+?)(?:\s+(?:hinzu|dazu|toe|erbij))?\W*$", re.I)
FOREIGN_REMOVE = re.compile(rf"^\W*(?:{_REMOVE_VERBS})\s+(.+?)(?:\s+(?:weg|raus|eruit))?\W*$", re.I)


# Chat shorthand and common typos, as whole words: what the rules read instead ("k now --ar 4:3", "diff seed",
# "gimme two more takes", "can u mak it wintr time").
_SHORTHAND = {"k": "ok", "kk": "ok", "okie": "ok", "okey": "ok", "diff": "different", "gimme": "give me", "nother": "another",
              "anotehr": "another", "agian": "again", "remvoe": "remove", "chnage": "change", "diferent": "different",
              "diffrent": "different", "differnt": "different", "wierd": "weird", "backround": "background",
              "lemme": "let me", "u": "you", "ur": "your", "rn": "now", "mak": "make", "wintr": "winter", "colorz": "colors",
              "colourz": "colours", "mor": "more", "moar": "more", "undoo": "undo", "dat": "that", "nahh": "nah",
              "nahhh": "nah", "hr": "hour", "nvm": "never mind", "pic's": "picture's", "pls": "please", "plz": "please",
              "thx": "thanks", "np": "no problem", "nw": "no worries", "w": "with", "abt": "about", "tmrw": "tomorrow", "bc": "because", "cuz": "because",
              "pic": "picture", "halp": "help", "plese": "please", "pleas": "please", "tho": "though", "sory": "sorry",
              "sry": "sorry", "soz": "sorry", "srry": "sorry", "ment": "meant", "ment to": "meant to", "wanna": "want to",
              "u r": "you are", "ur so": "you're so", "teh": "the", "bg": "background", "culd": "could", "cud": "could",
              "coud": "could", "wud": "would", "hes": "he's", "shes": "she's", "wat": "what", "wut": "what", "wht": "what",
              "r u": "are you", "r you": "are you", "y u": "why you", "dis": "this", "dat one": "that one", "ngl": "",
              "smth": "something", "sth": "something", "pics": "pictures", "imgs": "images", "img": "image"}
_SHORTHAND_RX = re.compile(r"(?<![\w'/&-])(" + "|".join(sorted(map(re.escape, _SHORTHAND), key=len, reverse=True)) +
                           r")(?![\w'/&=:-])", re.I)


def expand_shorthand(text: str) -> str:
    return _SHORTHAND_RX.sub(lambda m: _SHORTHAND[m.group(1).lower()], text)


def translate_followup(text: str) -> str | None:
    """English for a follow-up in another language that the phrasebook reads, or None.

    Only text in another language is read: every pattern needs a word of that language (a word
    that is the same in English, like "winter" or "anime", only inside a phrase of its own)."""
    m = re.search(r"\b(?:(?:in|en) (?:stile|estilo|style|stijl) (?:di |de |van )?|a la manera de |al estilo de |à la manière de |"
                  r"im stil (?:von )?|nello stile di |no estilo d[eao] |in de stijl van )(?:un[ae]? |een )?([^\W\d_][\w -]{1,30}?)\W*$",
                  text, re.I)
    if m and find_style(m.group(1)):  # "rendila in stile pop art", "a la manera de van gogh": the style, as English says it
        return f"make it {m.group(1)}"
    # "coloca um chapéu nele": "on him" after the thing says whom it goes on, which the picture already shows
    text = re.sub(r"\s+(?:nele|nela|neles|nelas|nisso|ihm|ihr|a él|a ella|à lui|à elle|a lui|a lei)\W*$", "", text, flags=re.I)
    romaji = read_romaji(text)
    if romaji:
        return romaji
    if has_english(text) and language_of(text) is None:
        return None  # English, as the rules read it: never translated
    read = foreign.translate(text)
    found: list[str] = list(read[1]) if read else []
    folded = foreign.fold(text)
    for rx, en in _RUSSIAN:
        if rx.search(folded) and en not in found:
            found.append(en)
    if not found:
        return None
    return ", ".join(found)


def short_followup(message: str) -> bool:
    """Whether a message in another language is short enough to be a follow-up to the picture, not one of its own."""
    text = message.strip()
    if text.endswith(("?", "？")) or text.startswith("¿"):
        return False
    # "un perro en la playa", "一只猫": a thing of its own, as "a dog on the beach" is in English
    if re.match(r"^(?:un|una|unos|unas|uno|ein|eine|einen|einem|une|um|uma|umas|uns)\b", text, re.I) or \
            re.match(r"^[一两三][只个座条匹头张幅位棵朵艘辆]", text):
        return False
    spaced = len(text.split())
    unspaced = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return spaced <= 10 and (unspaced <= 16 or spaced > 1) and len(text) <= 90
