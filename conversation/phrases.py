"""The words of a noun phrase in a scene's text: colours, materials and articles, the noun a phrase is
about, and a thing cut out of a phrase or put in another's place with its adjectives kept. Pure functions.
"""

from __future__ import annotations

import re

from conversation.scene import Scene


ARTICLE = r"(?:a|an|the|some|any|all|his|her|their|its|my|those|these|that|this)"
_HUES = (r"red|orange|yellow|green|blue|purple|violet|pink|black|white|grey|gray|brown|golden|gold|silver|"
         r"teal|cyan|magenta|turquoise|beige|navy|crimson|maroon|scarlet|emerald|ivory|lavender|lilac|indigo|"
         r"copper|bronze|tan|cream|khaki|olive|mint|coral|peach|amber|aqua|fuchsia|burgundy|rainbow|multicolou?red|"
         r"ginger|blond|blonde|brunette|auburn|chestnut|russet|tawny|platinum|jet-black|snow-white|pitch-black|"
         r"tabby|calico|tortoiseshell|brindle|piebald|dappled|hazel|sapphire|jade|ruby|plum|mauve|ochre|sage|mustard|"
         r"rust|periwinkle|sandy|charcoal|terracotta|cobalt|taupe|vermilion|cerulean|chartreuse|saffron|blush|champagne")
_MATERIALS = (r"(?:wooden|wood|marble|glass|golden|gold|silver|metal|metallic|steel|iron|stone|brick|concrete|plastic|"
              r"leather|paper|ceramic|porcelain|crystal|velvet|wool|woolen|woollen|cotton|silk|bronze|copper|clay|"
              r"rubber|bamboo|wicker|granite|chrome|denim|lace|linen|oak|pine|walnut)")
MATERIALS = _MATERIALS
# "walnut wood", "white marble", "brushed steel": a material said with its kind.
MATERIAL_PHRASE = rf"(?:(?:[a-z]+\s+)?(?:wood|marble|steel|metal|stone|glass|leather|granite)|{_MATERIALS})"
# A shade named by two words ("navy blue", "sky blue"): the first word counts only before a hue.
_SHADE = (r"(?:navy|sky|royal|baby|forest|olive|lime|emerald|mint|jet|blood|midnight|powder|electric|neon|pastel|"
          r"dusty|burnt|rose|ice|steel|charcoal|hunter|sea|cherry|wine|sand|off|lemon|bottle|candy|coral|salmon|"
          rf"slate|ash|chocolate|caramel|honey|peach|light|dark|bright|pale|deep|hot|soft|vivid)[ -](?={_HUES})")
_COLOURS = rf"{_SHADE}|{_HUES}|dark|light|bright|pale"
COLOUR_WORDS = _HUES  # the hues alone, by name
# One colour as people write it: "blue", "navy blue", "bright red", "light sky blue".
COLOUR_PHRASE = rf"(?:(?:bright|dark|light|pale|deep|hot|soft|vivid)\s+)?(?:{_SHADE})?(?:{_HUES})"
# The words that make a picture grey: taken out when colour is asked, and looked for in "the colour one".
GREY_LOOK = (r"\b(?:charcoal|graphite|(?<!colored )(?<!coloured )pencil|ink|black[- ]and[- ]white|b&w|monochrome|"
             r"gr[ae]yscale|sepia)\b")


def bare(thing: str) -> str:
    """ "the red hats from the picture" → "red hats"."""
    text = re.sub(rf"^(?:{ARTICLE})\s+", "", thing.strip(" ,.!?"), flags=re.I)
    text = re.sub(r"\s+(?:from|in|out of|off)\s+(?:it|the (?:image|picture|scene|photo|background|foreground))$",
                  "", text, flags=re.I)
    return re.sub(r"\s+(?:please|too|as well|entirely|completely|altogether)$", "", text, flags=re.I).strip()


def head_noun(thing: str) -> str:
    words = re.findall(r"[^\W_]+", bare(thing).lower())
    return words[-1] if words else ""


_PHRASE_END = re.compile(
    r"\s+(?=(?:on|in|at|with|under|by|near|beside|behind|next|inside|over|above|across|through|around|between|"
    r"among|against|from|for|who|that|which|while|sitting|standing|flying|walking|running|holding|wearing|"
    r"lying|looking|playing|sleeping|eating|reading|riding|floating|hanging|perched|made|covered|filled|full)\b)", re.I)


def phrase_head(thing: str) -> str:
    """The noun a phrase is about: "a hat on the cat" → "hat", "a barista behind the counter" → "barista"."""
    return head_noun(_PHRASE_END.split(bare(thing), maxsplit=1)[0])


def noun_forms(noun: str) -> str:
    """A regex for a noun and its plural or singular."""
    n = re.escape(noun)
    if noun.lower() in ("people", "person", "persons"):
        return r"(?:people|persons?|crowds?|pedestrians?|tourists?|figures?|men|women|man|woman)"
    if noun.endswith("ies"):
        return rf"(?:{n}|{re.escape(noun[:-3])}y)"
    if noun.endswith("es") and len(noun) > 4:
        return rf"(?:{n}|{re.escape(noun[:-2])}|{re.escape(noun[:-1])})"
    if noun.endswith("s") and not noun.endswith("ss"):
        return rf"(?:{n}|{re.escape(noun[:-1])})"
    if noun.endswith("y"):
        return rf"(?:{n}|{re.escape(noun[:-1])}ies|{n}s)"
    return rf"(?:{n}(?:es|s)?)"


def thing_re(thing: str) -> re.Pattern[str]:
    words = bare(thing).split()
    if not words:
        return re.compile(r"(?!x)x")
    body = r"\s+".join(re.escape(w) for w in words[:-1]) + (r"\s+" if len(words) > 1 else "") + noun_forms(words[-1])
    return re.compile(rf"\b{body}\b", re.I)


_LINK = r"(?:with|wearing|holding|carrying|and|plus|including)"
_PREP_AFTER = (r"(?:in|on|at|under|by|near|beside|inside|over|above|through|next|during|while|who|that|sitting|standing|"
               r"walking|running|flying|lying|looking|playing|sleeping|eating|reading|riding|against|among|beneath|"
               r"underneath|atop|outside|across|along|around|behind|below|between)")


def _tidy(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text)
    for _ in range(3):
        # "a hat,  and a blue coat" (a middle item cut) → "a hat and a blue coat"
        text = re.sub(r"(?<=[^\W_]),\s*(?:,\s*)*(?=(?:and|or)\b)", " ", text, flags=re.I)
        # a link left with nothing after it: "a dog with  in a garden" → "a dog in a garden"
        text = re.sub(rf"\b(?:{_LINK[3:-1]}|in|on|at|of|under|by|near)\s+(?={_PREP_AFTER}\b)", "", text, flags=re.I)
        text = re.sub(r"\b(and|or)\s+(?=(?:and|or)\b)", "", text, flags=re.I)
        # a weighted tag whose words were cut: "( :1.2)", "[ ]"
        text = re.sub(r"\(\s*(?::\s*[\d.]+)?\s*\)|\[\s*\]|\{\s*\}", "", text)
        text = re.sub(r"\s*\b(?:full of|covered (?:in|with)|made of|filled with)\s*(?=,|$)", "", text, flags=re.I)
        text = re.sub(r"\b(wearing|with|holding|and|plus|carrying|in|on|of|a|an|the)\s+(and|,)\s*", r"\1 ", text, flags=re.I)
        # a link left at the end: "a cat on a sofa next to" (the lamp cut)
        text = re.sub(r"\s+(?:next to|beside|near|by|with|and|under|behind|holding|wearing|carrying)\s*(?=,|$)", "", text, flags=re.I)
        text = re.sub(r"\b(and|with|wearing|holding|carrying|plus|or|of|in|on|a|an|the)\s*(?=,|$)", "", text, flags=re.I)
        text = re.sub(r"(^|,)\s*(and|with)\b\s*", r"\1 ", text, flags=re.I)
        text = re.sub(r"\s+,", ",", text)
        text = re.sub(r",\s*,", ",", text)
    return text.strip(" ,")


def cut_thing(text: str, thing: str) -> tuple[str, bool]:
    """``text`` without ``thing`` (with its article and up to two adjectives before it)."""
    words = bare(thing).split()
    if not words:
        return text, False
    core = thing_re(thing).pattern
    # The thing with its article, count and up to two adjectives; the word that linked it ("wearing",
    # "with", "and") stays when something else follows it and goes when nothing does (``_tidy``).
    rx = re.compile(rf"(?:\b{ARTICLE}\s+)?"
                    rf"(?:\b(?:many|several|two|three|four|five|lots of|a group of|a crowd of|crowds of|a pair of|a pile of)\s+)?"
                    rf"(?:\b(?!(?:with|and|in|on|at|of|by|near|a|an|the|wearing|holding|carrying|plus|including|or)\b)"
                    rf"[\w-]+\s+){{0,2}}?{core}(?:\s+(?:on|in|at)\s+(?:(?:his|her|their|its|the)\s+)?(?:head|face|hand|hands|"
                    rf"neck|back|shoulders?|lap|ears?))?", re.I)
    new, n = rx.subn(" ", text)
    return (_tidy(new), True) if n else (text, False)


def without_article(phrase: str) -> str:
    return re.sub(rf"^(?:{ARTICLE})\s+", "", phrase.strip(), flags=re.I)


_ADJECTIVE = re.compile(
    r"^(?:big|small|little|large|tiny|huge|giant|old|young|new|cute|tall|short|long|fat|thin|slim|fluffy|furry|"
    r"shaggy|happy|sad|angry|sleepy|wet|dry|hot|cold|warm|cool|wild|tame|baby|elderly|ancient|modern|shiny|rusty|"
    r"dusty|cozy|cosy|tiny|wise|brave|lazy|grumpy|majestic|lonely|mysterious|friendly|fierce|proud|"
    r"(?!building|painting|drawing|clothing|ceiling|wedding|dining|living|sitting|swimming|parking|sleeping bag)"
    r"[a-z]+(?:y|ful|ous|ive|ish|ic|less|able|ible|ing|ed))$", re.I)


# Qualities of which a thing has one: a new one takes the old one's place ("short hair", not "long short hair").
_OPPOSITES = [frozenset(g.split()) for g in (
    "long short medium", "big small tiny huge large giant little massive bigger smaller larger",
    "old young elderly ancient new modern older younger", "tall short taller shorter", "fat thin slim skinny", "happy sad angry smiling crying grumpy", "curly straight wavy",
    "wet dry", "hot cold", "fluffy sleek", "bald hairy", "clean dirty", "empty full", "open closed",
)]


# Dishes named before their kind ("pizza margherita", "spaghetti carbonara").
_DISH = re.compile(r"(?:pizza|pasta|spaghetti|penne|linguine|risotto|salad|soup|curry|ramen|pho|taco|burrito|sandwich|"
                   r"burger|pie|cake|tart|omelette|omelet|crepe|sushi|bowl)s?", re.I)


# A verb of doing between a noun and its object ("flipping", "holding"), not a quality ("sleeping cat" stays one).
VERB_ING = re.compile(r"(?!(?:building|painting|drawing|clothing|ceiling|wedding|evening|morning|spring|string|swing|"
                       r"sibling|earring|dumpling|pudding|icing|frosting|awning|railing|lightning|offering)$)[a-z]{3,}ing", re.I)


_DOUBLED = frozenset("run sit hop nap dig get hug jog wag swim grin skip stop drop plan spin trot clap chat step wrap "
                     "flip shop drum tap pat rub nod bat dip".split())


def gerund(verb: str) -> str:
    """ "wave" → "waving", "hold" → "holding", "run" → "running", "lie" → "lying"."""
    v = verb.lower()
    if len(v) > 5 and v.endswith("ing") and v not in ("sing", "bring", "swing", "sting", "string", "spring", "cling", "fling", "wring"):
        return v  # "make him flexing": already said as doing
    if v in ("be", "see", "flee", "agree", "dye"):
        return v + "ing"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    if v in _DOUBLED:
        return v + v[-1] + "ing"
    return v + "ing"


def is_colour(word: str) -> bool:
    return bool(re.fullmatch(_COLOURS, word, re.I))


def _looks_adjective(word: str) -> bool:
    return bool(_ADJECTIVE.match(word)) or is_colour(word)


def a_an(text: str) -> str:
    """ "a apple" → "an apple", "an lighthouse" → "a lighthouse": the article fits the word after it."""
    text = re.sub(r"\b([Aa]) (?=[aeiouAEIOU])", r"\1n ", text)
    return re.sub(r"\b([Aa])n (?=[^aeiouAEIOU\W])", r"\1 ", text)


def replace_in(text: str, old: str, new: str) -> tuple[str, bool]:
    old_bare = bare(old)
    new = new.strip()
    modifies = head_noun(new) == head_noun(old_bare) and len(new.split()) > len(old_bare.split())
    colours = rf"(?:\b(?:{_COLOURS})[\s-]+)*"
    # The thing, its article, and up to three words before it ("a cozy coffee shop"); of those, the
    # adjectives ("cozy") belong to whatever takes its place, the nouns ("coffee") to the old thing.
    pre_words = (rf"((?:\b(?!(?:{ARTICLE}|with|and|or|in|on|at|of|by|for|to|from|wearing|holding|under|over|above|below|near|"
                 rf"beside|behind|through|into|onto|inside|across|against|among|around|beneath|next|like|as|is|are|that|"
                 rf"who|text|sign|banner|caption|lettering)\b)[\w'-]+\s+){{0,3}}?)")
    rx = re.compile(rf"(\b{ARTICLE}\s+)?{pre_words}({colours})\b({thing_re(old_bare).pattern})", re.I)
    m = rx.search(text)
    if not m:
        return text, False
    article, pre, had_colour, noun = m.group(1) or "", m.group(2).split(), m.group(3), m.group(4)
    verb = max((i for i, word in enumerate(pre[1:], start=1) if VERB_ING.fullmatch(word)), default=None)
    if verb is not None:  # "a chef flipping pancakes": the chef stays, only what he flips changes
        kept = article + " ".join(pre[:verb + 1]) + " "
        rest, hit = replace_in(text[m.start() + len(kept):], old, new)
        return (a_an(text[:m.start()] + kept + rest), True) if hit else (text, False)
    split = next((i for i, word in enumerate(pre) if not _looks_adjective(word)), len(pre))
    adjectives, modifiers = pre[:split], pre[split:]
    if modifies:  # "make her coat red": the coat stays, its colour changes
        said = re.sub(rf"\s*\b(?:{re.escape(old_bare)}|{re.escape(head_noun(new))})\W*$", "", without_article(new), flags=re.I).strip()
        if re.search(rf"\b(?:{_COLOURS})\b", said, re.I):
            had_colour = ""  # the new colour takes the old one's place
        said_words = {x.lower() for x in said.split()}
        clash = set().union(*(g for g in _OPPOSITES if g & said_words)) if said_words else set()
        adjectives = [a for a in adjectives if a.lower() not in clash or a.lower() in said_words]  # "long" → "short"
        # A new colour or material takes the place of the one said before, wherever it stood:
        # "a red vintage car" + "blue car" → "a blue vintage car", not "a red blue vintage car".
        for kind in (rf"(?:{_COLOURS})", _MATERIALS):
            if re.search(rf"\b{kind}\b", said, re.I):
                adjectives = [a for a in adjectives if not re.fullmatch(kind, a, re.I)]
                modifiers = [x for x in modifiers if not re.fullmatch(kind, x, re.I)]
        if had_colour == "" and re.search(rf"\b(?:{_COLOURS})\b", said, re.I):
            words = [*adjectives, said, *modifiers, noun]  # "shining gold armor"
        else:
            words = [said, *adjectives, *modifiers, had_colour.strip(), noun]  # "short curly hair"
        new_text = article + " ".join(w for w in words if w)
    else:  # "a dog" → "a cat" (a fluffy dog → a fluffy cat; its colour and kind go with it)
        new_article = re.match(rf"^({ARTICLE})\s+", new, re.I)
        art = (new_article.group(1) + " ") if new_article else article
        if modifiers and _DISH.fullmatch(modifiers[-1]) and not _DISH.search(new):
            adjectives = [*adjectives, *modifiers]  # "a pizza margherita" → "a pizza pepperoni": only the kind changes
        new_text = art + " ".join([*adjectives, without_article(new)])
    out = text[:m.start()] + new_text + text[m.end():]
    return a_an(out), True


def main_noun(scene: Scene) -> str:
    """The noun of what the picture shows ("a white horse galloping in a meadow" → "horse"), or ""
    when the subject is a hand-written tag prompt or says no plain noun phrase first."""
    if scene.verbatim or not scene.subject:
        return ""
    head = HEAD_END.split(scene.subject, maxsplit=1)[0]
    head = re.split(r"\s+for\s+", head, maxsplit=1)[0]  # "a logo for a bakery": the logo
    head = re.split(r"\s*,\s*|\s+of\s+", head, maxsplit=1)[0] if not re.match(
        r"^(?:an?\s+)?(?:bowl|cup|plate|glass|slice|piece|basket|bunch|jar|pair|group|couple|pile|stack|portrait|"
        r"photo|painting|picture|drawing|sketch|logo|icon|sticker|poster)\s+of\b", head, re.I) else head
    words = re.findall(r"[^\W_]+", head)
    for i, word in enumerate(words[2:], start=2):  # "a white horse galloping" → "a white horse"
        if word.lower().endswith("ing") and len(word) > 4 and word.lower() not in _ING_NOUNS:
            words = words[:i]
            break
    return head_noun(" ".join(words)) if 0 < len(words) <= 6 else ""


_ING_NOUNS = frozenset("building painting drawing clothing ceiling pudding dumpling earring evening morning spring "
                       "string swing wedding sibling darling duckling seedling sapling gosling starling stuffing "
                       "frosting icing awning railing lightning offering sculpting carving landing thing sling sting bling "
                       "something nothing anything everything ceiling".split())


HEAD_END = re.compile(
    r"\s+(?=(?:on|in|at|with|under|by|near|beside|and|sitting|standing|flying|walking|running|holding|"
    r"wearing|lying|looking|inside|over|above|across|through|next|playing|sleeping|eating|reading|riding|"
    r"asleep|who|that|while|crossing|floating|climbing|swimming|jumping|dancing|singing|crawling|perched|hovering|driving|"
    r"sailing|racing|resting|chasing|catching|carrying|leaning|emerging|rising|along|behind|beneath|below|among|atop|"
    r"against)\b)", re.I)


def said_thing(words: str, scene: Scene | None) -> tuple[str, str] | None:
    """ "buses yellow" of "make the buses yellow taxis": the thing in the picture ("buses") and the words after it."""
    said = words.split()
    if len(said) < 2 or scene is None or scene.mentions(words):
        return None
    for k in range(len(said) - 1, 0, -1):
        if scene.mentions(" ".join(said[:k])):
            return " ".join(said[:k]), " ".join(said[k:])
    return None


# "make the dog a cat" when the picture shows a golden retriever: the kind names the breed drawn.
KIND_OF = {
    "dog": "retriever labrador lab corgi poodle husky beagle dachshund shepherd terrier bulldog pug spaniel collie "
           "chihuahua dalmatian puppy pup shiba rottweiler doberman greyhound sheepdog hound mastiff pomeranian samoyed",
    "puppy": "retriever labrador corgi poodle husky beagle dachshund pug dog pup",
    "cat": "kitten kitty tabby siamese persian sphynx ragdoll",
    "kitten": "cat kitty tabby",
    "bird": "parrot owl eagle hawk sparrow robin hummingbird crow raven pigeon dove swan duck goose flamingo penguin "
            "peacock toucan heron falcon seagull parakeet finch",
    "flower": "rose tulip sunflower daisy lily orchid peony lotus poppy hibiscus dandelion",
    "flowers": "roses tulips sunflowers daisies lilies orchids peonies poppies",
    "car": "sedan suv truck convertible coupe jeep taxi roadster hatchback",
}
