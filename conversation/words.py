"""Vocabulary the offline rules read with: style names in any spelling, picture numbers,
aspect words, a few follow-ups in other languages, and the words of small talk."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from prompts.styles import get_style, list_styles

# Words people use for a style that the preset table does not list.
_MORE_STYLE_WORDS: dict[str, tuple[str, ...]] = {
    "photorealistic": ("photoreal", "real photo", "realistic photo", "hyperrealistic", "hyper realistic",
                       "lifelike", "real life"),
    "anime": ("animé", "japanese animation", "ghibli", "studio ghibli"),
    "watercolor": ("water color", "water colour", "aquarell", "acuarela", "acquerello", "aquarela"),
    "oil-painting": ("oil painting", "oil on canvas"),
    "pixel-art": ("pixel art", "pixelart", "8 bit", "16 bit", "retro game"),
    "line-art": ("line art",),
    "pop-art": ("pop art", "popart"),
    "3d-render": ("3d render", "3d-rendered", "3d rendered", "blender", "octane"),
    "stained-glass": ("stainedglass",),
    "ukiyo-e": ("ukiyo e", "japanese woodblock"),
    "comic": ("comic book style", "marvel", "dc comics"),
    "pencil-sketch": ("pencil sketch", "charcoal sketch"),
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
    m = re.search(r"(?:#|\b(?:image|picture|pic|photo|version|number|no\.?|option|one)\s*#?\s*)(\d{1,3})\b", text, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(first|1st|original|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|eighth|"
                  r"ninth|tenth|last|latest|previous|prior|earlier|penultimate|primera|primero|erste|ersten|"
                  r"premier|première|primeira|segunda|segundo|zweite|deuxième)\b", text, re.I)
    if m:
        return ORDINALS[m.group(1).lower()]
    return None


# Aspect ratios by name, as width:height: (pattern, aspect, names the thing itself). A format word
# ("portrait format", "widescreen", "square") is taken out of the text; a noun that names what is
# made ("a banner", "a phone wallpaper") stays, unless it only wraps the content ("a phone
# wallpaper of a forest" is a forest).
_FORMAT_NOUN = r"(?:format|orientation|mode|aspect(?: ratio)?|ratio|layout|size|image|picture|pic|version|one|crop|shaped?)"
_ALONE = (r"^\W*(?:(?:now|ok(?:ay)?|then|and|make it|go|switch(?: it)? to|change(?: it)? to|in|as|do it in|do it as|try|"
          r"(?:can|could) (?:it|this|you make it) be|yes|yeah|sure|do|"
          r"(?:go |switch |change it |set it )?back to)\s+)*")
_END = r"(?:\s+(?:please|pls|instead|now|this time|again|for (?:this|it)))*\W*$"
_A_BIT = r"(?:(?:a (?:bit|little|lot|touch|tad)|slightly|much|way|even)\s+)?"
ASPECT_WORDS: list[tuple[re.Pattern[str], str, bool]] = [
    (re.compile(r"\b(?:phone|mobile|iphone|android|lock ?screen)\s+(?:wallpaper|background|screen)\b|"
                r"\b(?:instagram|insta|ig)\s+(?:story|stories|reel)\b|\btiktok\b", re.I), "9:16", True),
    (re.compile(r"\bstory format\b|\bvertical video\b", re.I), "9:16", False),
    (re.compile(r"\b(?:desktop|computer|pc|laptop|monitor)\s+(?:wallpaper|background)\b|\b(?:youtube )?thumbnail\b", re.I),
     "16:9", True),
    (re.compile(r"\bcinemascope\b|\bcinema(?:tic)?\s+(?:format|aspect(?: ratio)?|ratio)\b|\bwide ?screen\b|"
                r"\bultra-?wide\b", re.I), "16:9", False),
    (re.compile(r"\bpanoram(?:a|ic)\b|\bbanner\b", re.I), "21:9", True),
    (re.compile(rf"\bportrait\s+(?:format|orientation|mode|aspect(?: ratio)?|ratio|layout|size)\b|"
                rf"\b(?:vertical|tall|taller|upright)\s+{_FORMAT_NOUN}\b|\bin portrait\b|\bhochformat\b|\bmake it {_A_BIT}taller\b|"
                rf"\bvertikal\b|\bmake it {_A_BIT}(?:tall|taller|vertical)\b|^\W*(?:vertical|vertically|upright)(?:\s+(?:please|pls))?(?=\s*[,.;!?])|{_ALONE}(?:portrait|vertical|vertically|upright|tall|taller)(?:\s+{_FORMAT_NOUN})?{_END}|"
                rf"(?:,\s*|\b(?:make it|as|in)\s+)vertical(?=\s*(?:[,.;!?]|$))", re.I), "2:3", False),
    (re.compile(rf"\blandscape\s+(?:format|orientation|mode|aspect(?: ratio)?|ratio|layout|size)\b|"
                rf"\b(?:horizontal|wide|wider)\s+{_FORMAT_NOUN}\b|\bwider aspect\b|\bin landscape\b|\bquerformat\b|"
                rf"\bmake it {_A_BIT}(?:wide|wider)(?!\s+(?:angle|shot|view))\b|^\W*(?:horizontal|horizontally)(?:\s+(?:please|pls))?(?=\s*[,.;!?])|{_ALONE}(?:landscape|horizontal|horizontally|wider|wide)(?:\s+{_FORMAT_NOUN})?{_END}|"
                rf"(?:,\s*|\b(?:make it|as|in)\s+)horizontal(?=\s*(?:[,.;!?]|$))", re.I), "3:2", False),
    (re.compile(rf"\bsquare\s+{_FORMAT_NOUN}\b|\b1\s*:\s*1\b|{_ALONE}square{_END}|"
                rf"^\W*square(?:\s+(?:please|pls))?(?=\s*[,.;!?]|\s+for\b)|"
                rf"(?:,\s*|\b(?:make it|as|in)\s+)square(?=\s*(?:[,.;!?]|$))|\bcuadrad[oa]\b|\bquadratisch\b|"
                rf"\bcarré\b", re.I), "1:1", False),
    (re.compile(r"\binstagram(?:\s+post)?\b|\bprofile (?:picture|pic|photo)\b|\bavatar\b", re.I), "1:1", True),
]

# Small talk, word by word: a message made only of these (and punctuation/emoji) is chat.
CHAT_WORDS = {
    "hi", "hii", "hiii", "hello", "hey", "heya", "hiya", "yo", "howdy", "greetings", "morning", "evening",
    "good", "great", "nice", "cool", "awesome", "amazing", "beautiful", "gorgeous", "lovely", "love", "loved",
    "perfect", "wonderful", "fantastic", "excellent", "brilliant", "superb", "stunning", "incredible",
    "impressive", "neat", "sweet", "fab", "fabulous", "splendid", "magnificent", "outstanding", "marvelous",
    "marvellous", "wow", "woah", "whoa", "omg", "lol", "haha", "hahaha", "lmao", "nice", "niiice", "thanks",
    "thank", "thx", "ty", "tysm", "cheers", "appreciate", "appreciated", "it", "that", "that's", "thats",
    "this", "is", "was", "looks", "look", "so", "very", "really", "truly", "pretty", "quite", "you", "u",
    "much", "a", "lot", "job", "work", "the", "i", "i'm", "im", "just", "exactly", "what", "wanted",
    "needed", "ok", "okay", "k", "kk", "sure", "yes", "yeah", "yep", "yup", "alright", "fine", "great",
    "bye", "goodbye", "later", "see", "ya", "cya", "night", "goodnight", "done", "all", "for", "now",
    "today", "how", "are", "doing", "well", "and", "super", "cute", "adorable", "fun", "funny", "glad",
    "happy", "like", "likes", "it's", "its", "one", "picture", "image", "pic", "result", "results",
    "masterpiece", "dope", "sick", "fire", "lit", "rad", "epic", "legit", "solid", "hello!", "there",
    "bot", "buddy", "friend", "mate", "dude", "man", "haha", "heh", "hehe", "oh", "ah", "oops",
    "hmm", "hm", "hmmm", "um", "uh", "interesting", "gracias", "danke", "merci", "grazie", "obrigado",
    "obrigada", "hola", "bonjour", "hallo", "ciao", "olá", "ola", "muchas", "schön", "sehr", "gut",
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
    "up", "sup", "mean", "doing", "today", "cheers",
}

# Thanks, praise and greetings in the other languages people write to the chat in: a message made only
# of these is small talk there too ("valeu!", "muchas gracias", "merci beaucoup", "sehr schön").
CHAT_WORDS |= {
    "brb", "noice", "nicee", "gg", "ikr", "idk", "welp", "oof", "yikes", "yass", "yas", "slay", "epic", "dope", "bet",
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

THANKS = re.compile(r"\b(thanks?|thank you|thx|ty|tysm|tks|thanx|thnx|cheers|appreciate|gracias|danke|dank|dankeschön|merci|"
                    r"bedankt|dankjewel|dankuwel|"
                    r"grazie|obrigad[oa]|valeu|vlw|obg|brigad[oa]|arigato|arigatou|xiexie|xie xie)\b|"
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
BYE = re.compile(r"\b(bye|goodbye|see (?:you|ya)|cya|good ?night|later|adios|tschüss|au revoir)\b", re.I)
NEGATIVE_ACK = re.compile(r"^\W*(no+|nope|nah|meh|not (?:quite|really|great|good)|i don'?t like (?:it|this|that)|"
                          r"hmm+|ugh|bad|ugly|wrong)\W*$", re.I)

# Languages other than English, by a few of their most common words (Latin script) or by script.
_LANG_WORDS = {
    "Spanish": r"el|la|los|las|un|una|con|de|del|en|y|por|para|ahora|más|muy|que|haz|hazlo|pon|quita|sin|"
               r"noche|perro|gato|playa|dibuja|otra|otro|estilo|hacer|cielo",
    "German": r"der|die|das|ein|eine|einen|mit|und|im|bei|jetzt|nacht|mach|mache|es|bitte|noch|ohne|auf|hund|"
              r"katze|stil|zeichne|dunkler|heller|mehr",
    "French": r"le|la|les|un|une|avec|et|dans|maintenant|nuit|fais|plus|sans|chat|chien|sur|style|dessine|"
              r"encore|une autre|rends|mets|au|aux|du|des|sous|mer|soleil|bord|ciel|tr[eè]s|plein|autres|ajoute|d'autres",
    "Portuguese": r"o|a|os|as|um|uma|com|e|no|na|agora|noite|faça|faz|mais|sem|gato|cachorro|estilo|desenhe|uns|umas|ao|"
                  r"lado|dela|dele|coloca|coloque|deixa|em|pro|atrás|agora",
    "Italian": r"il|lo|gli|una|con|e|nel|nella|adesso|ora|notte|fai|più|senza|gatto|cane|stile|disegna|al|alla|"
               r"aggiungi|togli|seduto|seduta|torna|indietro|un|di|mettila|mettilo|rendila|rendilo|tramonto|stile",
    "Dutch": r"het|de|een|maak|met|en|van|nu|bij|nacht|zonder|stijl|hond|kat|sneeuw|winter|meer|graag|kan|ook|zijn|"
             r"alsjeblieft|doe|nog|weg|teken",
}
_LANG_RES = {lang: re.compile(rf"\b(?:{words})\b", re.I) for lang, words in _LANG_WORDS.items()}
_ENGLISH = re.compile(r"\b(?:the|a|an|of|with|and|in|on|at|it|make|is|to|now|please|more|add|remove|some|"
                      r"this|that|but|for|by|from|into|without|same|like|my|his|her|their|its)\b", re.I)


def has_english(text: str) -> bool:
    """Some common English word is in the text."""
    return bool(_ENGLISH.search(text))


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
    return None


# Follow-ups in other languages, as English the rules understand (a chat model translates properly).
FOREIGN_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), en) for p, en in [
        (r"\b(?:ahora\s+)?de noche\b|\bpor la noche\b|\bnocturn[oa]\b", "at night"),
        (r"\b(?:jetzt\s+)?(?:bei|in der) nacht\b|\bnachts\b", "at night"),
        (r"\b(?:maintenant\s+)?(?:de|la) nuit\b", "at night"), (r"\b(?:di|la) notte\b", "at night"),
        (r"\b(?:agora\s+)?(?:à|a|de) noite\b", "at night"), (r"夜晚|晚上|夜景|夜に|夜の|夜", "at night"),
        (r"\bde d[ií]a\b", "during the day"), (r"\bam tag\b|\btagsüber\b", "during the day"),
        (r"\ben la nieve\b|\bnevando\b|\bcon nieve\b", "in the snow"), (r"\bim schnee\b", "in the snow"),
        (r"\bsous la neige\b|\bdans la neige\b", "in the snow"), (r"雪", "in the snow"),
        (r"\ben invierno\b", "in winter"), (r"\bim winter\b", "in winter"), (r"\ben hiver\b", "in winter"),
        (r"冬", "in winter"),
        (r"\bbajo la lluvia\b|\blloviendo\b", "in the rain"), (r"\bim regen\b", "in the rain"),
        (r"\bsous la pluie\b", "in the rain"), (r"雨", "in the rain"),
        (r"\bal atardecer\b|\bpuesta de sol\b", "at sunset"), (r"\bbei sonnenuntergang\b", "at sunset"),
        (r"\bau coucher du soleil\b", "at sunset"), (r"日落|夕日|夕焼け|黄昏", "at sunset"),
        (r"\bm[aá]s brillante\b|\bm[aá]s clar[oa]\b|\bm[aá]s luminos[oa]\b", "brighter"),
        (r"\bheller\b", "brighter"), (r"\bplus (?:lumineux|lumineuse|clair|claire)\b", "brighter"),
        (r"\bmais clar[oa]\b|\bpiù luminos[oa]\b", "brighter"),
        (r"更亮|亮一点|明るく|明るい", "brighter"),
        (r"\bm[aá]s oscur[oa]\b", "darker"), (r"\bdunkler\b", "darker"), (r"\bplus sombre\b", "darker"),
        (r"\bmais escur[oa]\b|\bpiù scur[oa]\b", "darker"), (r"更暗|暗一点|暗く", "darker"),
        (r"水彩(?:画|风格|風)?", "make it a watercolor"), (r"アニメ(?:風|調)?|动漫|動漫|动画风格", "make it anime"),
        (r"油画|油絵", "make it an oil painting"), (r"像素(?:风格)?|ドット絵|ピクセルアート", "make it pixel art"),
        (r"素描|スケッチ|鉛筆画", "make it a pencil sketch"), (r"浮世絵|浮世绘", "make it ukiyo-e"),
        (r"\b(?:estilo\s+)?acuarela\b|\ben acuarela\b", "make it a watercolor"),
        (r"\b(?:als\s+)?aquarell\b", "make it a watercolor"), (r"\b(?:à l'|en )?aquarelle\b", "make it a watercolor"),
        (r"\b(?:estilo\s+)?anime\b", "make it anime"),
        (r"\btorna(?:re)? indietro\b|\bzur[üu]ck\b|\bvolver? atr[aá]s\b|\bvuelve atr[aá]s\b|\bga terug\b|"
         r"\bretour en arri[eè]re\b|\breviens en arri[eè]re\b|\bvolta(?:r)?\b", "go back"),
        (r"\b(?:reviens|retourne|revenir) (?:à|a) la premi[eè]re\b|\btorna alla prima\b|\bvuelve a la primera\b|"
         r"\bzur[üu]ck zum ersten\b|\bterug naar de eerste\b|\bvolta para a primeira\b", "go back to the first one"),
        (r"\bmaak het winter\b|\b(?:in de )?winter\b(?=.*\bsneeuw\b)", "in winter"), (r"\bmet sneeuw\b|\bmit schnee\b|"
         r"\bcon (?:la )?neve\b", "in the snow"),
        (r"\bin de stijl van een olieverf\w*\b|\bolieverf\w*\b", "make it an oil painting"),
        (r"\bpixel-?art(?:-?stil)?\b|\bim pixel\w*\b", "make it pixel art"),
        (r"\bbij nacht\b|\b'?s nachts\b|\bdi notte\b", "at night"),
        (r"비 ?오는|비가 오는|빗속", "in the rain"),
        (r"\bal tramonto\b|\bp[ôo]r do sol\b", "at sunset"), (r"\bdi notte\b|\bdi sera\b", "at night"),
        (r"\bstaand formaat\b|\bstaand\b", "portrait format"), (r"\bliggend formaat\b|\bliggend\b", "landscape format"),
        (r"\bm[aá]s anch[oa]\b", "wider"), (r"\bm[aá]s alt[oa]\b", "taller"),
        (r"\botr[ao](?: vez| más)?\b|\buna m[aá]s\b", "another one"), (r"\bnoch (?:eins|einmal|mal)\b|\bnoch eine(?:n)? (?:variante|version)\b", "another one"),
        (r"\bencore une\b|\bune autre\b", "another one"), (r"\bmais uma\b|\boutra\b", "another one"),
        (r"再来一张|再来一个|再生成|もう一枚|もう一度", "another one"),
        (r"\bdeshacer\b|\bdeshaz(?:lo)?\b|\brückgängig\b|\bannuler?\b|\bannulla\b|\bdesfazer\b|\bdesfaz\b|撤销|元に戻して|元に戻す",
         "undo"),
        (r"\bm[aá]s grande\b|\bgrößer\b|\bplus grand\b|更大|大きく", "bigger"),
        (r"\bm[aá]s cerca\b|\bnäher\b|\bplus près\b|近一点|近くに|アップ", "closer"),
        (r"\bsin (?:gente|personas)\b|\bohne (?:menschen|leute)\b|\bsans (?:personne|gens)\b|"
         r"\bsem pessoas\b|没有人|人なし|人を消して", "without people"),
        (r"\bm[aá]s colorid[oa]\b|\bbunter\b|\bfarbenfroher\b|\bplus color[ée]e?\b|\bpiù colorat[oa]\b|"
         r"\bmais colorid[oa]\b|更鲜艳|色鮮やか|カラフル", "more colorful"),
        (r"\ben blanco y negro\b|\bschwarz[- ]?wei(?:ß|ss)\b|\ben noir et blanc\b|\bin bianco e nero\b|"
         r"\bem preto e branco\b|黑白|白黒|モノクロ", "make it black and white"),
        (r"\bm[aá]s pequeñ[oa]\b|\bkleiner\b|\bplus petit[e]?\b|更小|小さく", "smaller"),
        (r"\bm[aá]s lejos\b|\bweiter weg\b|\bplus loin\b|远一点|引きで", "zoom out"),
        (r"\bm[aá]s realista\b|\brealistischer\b|\bplus r[ée]aliste\b|更真实|リアルに|写実的", "photorealistic"),
        (r"\b(?:en|de) verano\b|\bim sommer\b|\ben [ée]t[ée]\b|夏", "in summer"),
        (r"\ben oto[ñn]o\b|\bim herbst\b|\ben automne\b|秋", "in autumn"),
        (r"\ben primavera\b|\bim fr[üu]hling\b|\bau printemps\b|春", "in spring"),
        (r"\bcon niebla\b|\bim nebel\b|\bdans le brouillard\b|雾|霧", "in thick fog"),
        (r"\bal amanecer\b|\bbei sonnenaufgang\b|\bau lever du soleil\b|日出|朝日|日の出", "at sunrise"),
        (r"\b(?:estilo\s+)?(?:pixel art|pixelado)\b|\bpixelig\b", "make it pixel art"),
        (r"\b(?:estilo\s+)?(?:[oó]leo|pintura al [oó]leo)\b|\b(?:als\s+)?[öo]lgem[äa]lde\b|\b(?:à l'|en )?huile\b",
         "make it an oil painting"),
        (r"横版|横向|横屏|横幅|横長|横向き|\bformato horizontal\b|\bapaisado\b|\ben horizontal\b|\bformat paysage\b|"
         r"\ben paysage\b|\bformato paisagem\b|\bna horizontal\b|\bformato orizzontale\b", "landscape format"),
        (r"竖版|竖向|竖屏|縦長|縦向き|\bformato vertical\b|\ben vertical\b|\bformat portrait\b|\ben portrait\b|"
         r"\bformato retrato\b|\bna vertical\b|\bformato verticale\b", "portrait format"),
        (r"正方形|方形|\bformato cuadrado\b|\bformat carré\b|\bformato quadrado\b", "square format"),
        (r"\bgracias\b|\bdanke\b|\bmerci\b|\bgrazie\b|\bobrigad[oa]\b|\bvaleu\b|谢谢|ありがとう|спасибо", "thanks"),
        # Korean and Russian: the commonest follow-ups
        (r"밝게|더 밝|환하게", "brighter"), (r"어둡게|더 어둡", "darker"), (r"밤에|밤으로|밤 풍경|야경", "at night"),
        (r"겨울", "in winter"), (r"노을|일몰|해질녘", "at sunset"), (r"수채화", "make it a watercolor"),
        (r"흑백", "make it black and white"), (r"하나 더|한 장 더", "another one"), (r"되돌려|취소해", "undo"),
        (r"가로(?:로|형)?", "landscape format"), (r"세로(?:로|형)?", "portrait format"),
        (r"\bночью\b|\bночная\b|\bночной\b", "at night"), (r"\bярче\b|\bсветлее\b", "brighter"),
        (r"\bтемнее\b", "darker"), (r"\bзимой\b", "in winter"), (r"\bакварел\w*", "make it a watercolor"),
        (r"\bотмени(?:ть)?\b", "undo"), (r"\bещ[её] (?:одну|одна|раз)\b", "another one"),
    ]
]


# The verbs of adding and taking away in a few languages: a follow-up that starts with one edits the
# picture (its words go in as typed, with the language warning), never starts a new one.
FOREIGN_ADD = re.compile(r"^\W*(?:añade(?:le)?|agrega(?:le)?|añadir|agregar|pon(?:le)?|ponga|füge|füg|ergänze|ajoute|rajoute|"
                         r"mets|aggiungi|metti|adicione|adiciona|coloque|coloca)\s+(.+?)(?:\s+hinzu)?\W*$", re.I)
FOREIGN_REMOVE = re.compile(r"^\W*(?:quita(?:le)?|quitar|elimina|eliminar|borra|saca|entferne|lösche|nimm\s+(?:die|den|das)?|"
                            r"enlève|supprime|retire|togli|rimuovi|elimina|remova|remove|tire)\s+(.+?)(?:\s+weg)?\W*$", re.I)


# Chat shorthand and common typos, as whole words: what the rules read instead ("k now --ar 4:3", "diff seed",
# "gimme two more takes", "can u mak it wintr time").
_SHORTHAND = {"k": "ok", "kk": "ok", "okie": "ok", "okey": "ok", "diff": "different", "gimme": "give me",
              "lemme": "let me", "u": "you", "ur": "your", "rn": "now", "mak": "make", "wintr": "winter", "colorz": "colors",
              "colourz": "colours", "mor": "more", "undoo": "undo", "dat": "that", "nahh": "nah",
              "nahhh": "nah", "hr": "hour", "nvm": "never mind", "pic's": "picture's", "pls": "please", "plz": "please",
              "thx": "thanks", "w": "with", "abt": "about", "tmrw": "tomorrow", "bc": "because", "cuz": "because",
              "pic": "picture", "halp": "help", "plese": "please", "pleas": "please", "tho": "though"}
_SHORTHAND_RX = re.compile(r"(?<![\w'/&-])(" + "|".join(sorted(map(re.escape, _SHORTHAND), key=len, reverse=True)) +
                           r")(?![\w'/&=:-])", re.I)


def expand_shorthand(text: str) -> str:
    return _SHORTHAND_RX.sub(lambda m: _SHORTHAND[m.group(1).lower()], text)


def translate_followup(text: str) -> str | None:
    """English for a short non-English follow-up the rules know, or None."""
    m = re.search(r"\b(?:in|en) (?:stile|estilo|style|stijl) (?:di |de |van )?(?:un[ae]? |een )?([^\W\d_][\w -]{1,30}?)\W*$", text, re.I)
    if m and find_style(m.group(1)):  # "rendila in stile pop art": the style's own name, as English says it
        return f"make it {m.group(1)}"
    found: list[str] = []
    for rx, en in FOREIGN_PHRASES:
        if rx.search(text) and en not in found:
            found.append(en)
    if not found:
        return None
    return ", ".join(found)
