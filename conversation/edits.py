"""Applying typed edit operations to a scene: pure functions, each op a small rule.

``apply_ops(scene, ops) -> (scene, changes)``: ``changes`` is the short diff the chat shows
("+ at night", "- hat", "style: anime"). An edit keeps the seed unless an op changes it.
"""

from __future__ import annotations

import re
from typing import Iterable

from prompts import lexicon as lx
from prompts.errors import PromptError
from prompts.styles import get_style, style_label

from conversation.actions import (Add, Camera, Op, Remove, Replace, SetGuidance, SetSeed, SetSize, SetSlot,
                                  SetSteps, SetStyle, SetSubject)
from conversation.scene import SLOTS, Scene
from conversation.words import find_style

_ARTICLE = r"(?:a|an|the|some|any|all|his|her|their|its|my|those|these|that|this)"
_HUES = (r"red|orange|yellow|green|blue|purple|violet|pink|black|white|grey|gray|brown|golden|gold|silver|"
         r"teal|cyan|magenta|turquoise|beige|navy|crimson|maroon|scarlet|emerald|ivory|lavender|lilac|indigo|"
         r"copper|bronze|tan|cream|khaki|olive|mint|coral|peach|amber|aqua|fuchsia|burgundy|rainbow|multicolou?red|"
         r"ginger|blond|blonde|brunette|auburn|chestnut|russet|tawny|platinum|jet-black|snow-white|pitch-black|"
         r"tabby|calico|tortoiseshell|brindle|piebald|dappled|hazel|sapphire|jade|ruby|plum|mauve|ochre|sage|mustard|"
         r"rust|periwinkle|sandy|charcoal")
_MATERIALS = (r"(?:wooden|wood|marble|glass|golden|gold|silver|metal|metallic|steel|iron|stone|brick|concrete|plastic|"
              r"leather|paper|ceramic|porcelain|crystal|velvet|wool|woolen|woollen|cotton|silk|bronze|copper|clay|"
              r"rubber|bamboo|wicker|granite|chrome|denim|lace|linen|oak|pine|walnut)")
MATERIALS = _MATERIALS
# A shade named by two words ("navy blue", "sky blue"): the first word counts only before a hue.
_SHADE = (r"(?:navy|sky|royal|baby|forest|olive|lime|emerald|mint|jet|blood|midnight|powder|electric|neon|pastel|"
          r"dusty|burnt|rose|ice|steel|charcoal|hunter|sea|cherry|wine|sand|off|lemon|bottle|candy|coral|salmon|"
          rf"slate|ash|chocolate|caramel|honey|peach|light|dark|bright|pale|deep|hot|soft|vivid)[ -](?={_HUES})")
_COLOURS = rf"{_SHADE}|{_HUES}|dark|light|bright|pale"
# One colour as people write it: "blue", "navy blue", "bright red", "light sky blue".
COLOUR_PHRASE = rf"(?:(?:bright|dark|light|pale|deep|hot|soft|vivid)\s+)?(?:{_SHADE})?(?:{_HUES})"
_CAMERA = {
    "closer": "close-up shot", "wider": "wide shot, the whole scene in view", "above": "seen from above, bird's-eye view",
    "below": "low-angle shot from below", "side": "side view", "front": "front view", "behind": "seen from behind",
}
# Words that a new time of day makes wrong, by the kind of time (prompts.lexicon knows them).
_TIME_LIGHT_CLASH = {"night": re.compile(r"\b(sun|sunny|sunlit|sunlight|daylight|golden|midday|noon|bright day)\b", re.I),
                     "day": re.compile(r"\b(moon|moonlit|moonlight|night|stars|starry|neon glow)\b", re.I)}


_WEATHER_WORDS = ("foggy", "misty", "hazy", "rainy", "snowy", "stormy", "cloudy", "overcast", "sunny", "windy", "drizzly")
_WEATHER_ADJ = re.compile(rf"\b(?:{'|'.join(_WEATHER_WORDS)})\b|\b(?:fog|mist|rain|snow|storm|cloud|sun|wind)", re.I)


def bare(thing: str) -> str:
    """ "the red hats from the picture" → "red hats"."""
    text = re.sub(rf"^(?:{_ARTICLE})\s+", "", thing.strip(" ,.!?"), flags=re.I)
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


def _forms(noun: str) -> str:
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


def _thing_re(thing: str) -> re.Pattern[str]:
    words = bare(thing).split()
    if not words:
        return re.compile(r"(?!x)x")
    body = r"\s+".join(re.escape(w) for w in words[:-1]) + (r"\s+" if len(words) > 1 else "") + _forms(words[-1])
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
        text = re.sub(r"\b(and|with|wearing|holding|carrying|plus|or|of|in|on|a|an|the)\s*(?=,|$)", "", text, flags=re.I)
        text = re.sub(r"(^|,)\s*(and|with)\b\s*", r"\1 ", text, flags=re.I)
        text = re.sub(r"\s+,", ",", text)
        text = re.sub(r",\s*,", ",", text)
    return text.strip(" ,")


def _cut(text: str, thing: str) -> tuple[str, bool]:
    """``text`` without ``thing`` (with its article and up to two adjectives before it)."""
    words = bare(thing).split()
    if not words:
        return text, False
    core = _thing_re(thing).pattern
    # The thing with its article, count and up to two adjectives; the word that linked it ("wearing",
    # "with", "and") stays when something else follows it and goes when nothing does (``_tidy``).
    rx = re.compile(rf"(?:\b{_ARTICLE}\s+)?"
                    rf"(?:\b(?:many|several|two|three|four|five|lots of|a group of|a crowd of|crowds of|a pair of|a pile of)\s+)?"
                    rf"(?:\b(?!(?:with|and|in|on|at|of|by|near|a|an|the|wearing|holding|carrying|plus|including|or)\b)"
                    rf"[\w-]+\s+){{0,2}}?{core}(?:\s+(?:on|in|at)\s+(?:(?:his|her|their|its|the)\s+)?(?:head|face|hand|hands|"
                    rf"neck|back|shoulders?|lap|ears?))?", re.I)
    new, n = rx.subn(" ", text)
    return (_tidy(new), True) if n else (text, False)


def _article(phrase: str) -> str:
    return re.sub(rf"^(?:{_ARTICLE})\s+", "", phrase.strip(), flags=re.I)


_ADJECTIVE = re.compile(
    r"^(?:big|small|little|large|tiny|huge|giant|old|young|new|cute|tall|short|long|fat|thin|slim|fluffy|furry|"
    r"shaggy|happy|sad|angry|sleepy|wet|dry|hot|cold|warm|cool|wild|tame|baby|elderly|ancient|modern|shiny|rusty|"
    r"dusty|cozy|cosy|tiny|wise|brave|lazy|grumpy|majestic|lonely|mysterious|friendly|fierce|proud|"
    r"(?!building|painting|drawing|clothing|ceiling|wedding|dining|living|sitting|swimming|parking|sleeping bag)"
    r"[a-z]+(?:y|ful|ous|ive|ish|ic|less|able|ible|ing|ed))$", re.I)


# Qualities of which a thing has one: a new one takes the old one's place ("short hair", not "long short hair").
_OPPOSITES = [frozenset(g.split()) for g in (
    "long short medium", "big small tiny huge large giant little massive", "old young elderly ancient new modern",
    "tall short", "fat thin slim skinny", "happy sad angry smiling crying grumpy", "curly straight wavy",
    "wet dry", "hot cold", "fluffy sleek", "bald hairy", "clean dirty", "empty full", "open closed",
)]


def _looks_adjective(word: str) -> bool:
    return bool(_ADJECTIVE.match(word)) or bool(re.fullmatch(_COLOURS, word, re.I))


def _a_an(text: str) -> str:
    text = re.sub(r"\b([Aa]) (?=[aeiouAEIOU])", r"\1n ", text)
    return re.sub(r"\b([Aa])n (?=[^aeiouAEIOU\W])", r"\1 ", text)


def _replace_in(text: str, old: str, new: str) -> tuple[str, bool]:
    old_bare = bare(old)
    new = new.strip()
    modifies = head_noun(new) == head_noun(old_bare) and len(new.split()) > len(old_bare.split())
    colours = rf"(?:\b(?:{_COLOURS})[\s-]+)*"
    # The thing, its article, and up to three words before it ("a cozy coffee shop"); of those, the
    # adjectives ("cozy") belong to whatever takes its place, the nouns ("coffee") to the old thing.
    pre_words = rf"((?:\b(?!(?:{_ARTICLE}|with|and|or|in|on|at|of|by|for|to|from|wearing|holding)\b)[\w'-]+\s+){{0,3}}?)"
    rx = re.compile(rf"(\b{_ARTICLE}\s+)?{pre_words}({colours})\b({_thing_re(old_bare).pattern})", re.I)
    m = rx.search(text)
    if not m:
        return text, False
    article, pre, had_colour, noun = m.group(1) or "", m.group(2).split(), m.group(3), m.group(4)
    split = next((i for i, word in enumerate(pre) if not _looks_adjective(word)), len(pre))
    adjectives, modifiers = pre[:split], pre[split:]
    if modifies:  # "make her coat red": the coat stays, its colour changes
        said = re.sub(rf"\s*\b{re.escape(head_noun(new))}\W*$", "", _article(new), flags=re.I).strip()
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
        new_article = re.match(rf"^({_ARTICLE})\s+", new, re.I)
        art = (new_article.group(1) + " ") if new_article else article
        new_text = art + " ".join([*adjectives, _article(new)])
    out = text[:m.start()] + new_text + text[m.end():]
    return _a_an(out), True


def main_noun(scene: Scene) -> str:
    """The noun of what the picture shows ("a white horse galloping in a meadow" → "horse"), or ""
    when the subject is a hand-written tag prompt or says no plain noun phrase first."""
    if scene.verbatim or not scene.subject:
        return ""
    head = _HEAD_END.split(scene.subject, maxsplit=1)[0]
    head = re.split(r"\s*,\s*|\s+of\s+", head, maxsplit=1)[0] if not re.match(
        r"^(?:an?\s+)?(?:bowl|cup|plate|glass|slice|piece|basket|bunch|jar|pair|group|couple|pile|stack|portrait|"
        r"photo|painting|picture|drawing|sketch|logo|icon|sticker|poster)\s+of\b", head, re.I) else head
    words = re.findall(r"[^\W_]+", head)
    for i, word in enumerate(words[2:], start=2):  # "a white horse galloping" → "a white horse"
        if word.lower().endswith("ing") and len(word) > 5 and word.lower() not in _ING_NOUNS:
            words = words[:i]
            break
    return head_noun(" ".join(words)) if 0 < len(words) <= 6 else ""


_ING_NOUNS = frozenset("building painting drawing clothing ceiling pudding dumpling earring evening morning spring "
                       "string swing wedding sibling darling duckling seedling sapling gosling starling stuffing "
                       "frosting icing awning railing lightning offering sculpting carving landing".split())


_HEAD_END = re.compile(
    r"\s+(?=(?:on|in|at|with|under|by|near|beside|and|sitting|standing|flying|walking|running|holding|"
    r"wearing|lying|looking|inside|over|above|across|through|next|playing|sleeping|eating|reading|riding|"
    r"asleep|who|that|while)\b)", re.I)


def apply_ops(scene: Scene, ops: Iterable[Op]) -> tuple[Scene, list[str]]:
    changes: list[str] = []
    for op in ops:
        scene = _apply(scene, op, changes)
    return scene, _dedupe(changes)


def _apply(s: Scene, op: Op, changes: list[str]) -> Scene:
    if isinstance(op, Add):
        return _add(s, op.thing, changes)
    if isinstance(op, Remove):
        return _remove(s, op.thing, changes)
    if isinstance(op, Replace):
        return _replace(s, op.old, op.new, changes)
    if isinstance(op, SetSubject):
        parts = _HEAD_END.split(s.subject, maxsplit=1)
        rest = parts[1] if len(parts) > 1 else ""
        new_subject = f"{op.subject} {rest}".strip() if rest and not _HEAD_END.search(" " + op.subject) else op.subject
        changes += [f"- {parts[0]}", f"+ {op.subject}"]
        return s.with_(subject=new_subject)
    if isinstance(op, SetSlot):
        return _set_slot(s, op.slot, op.value, changes)
    if isinstance(op, SetStyle):
        try:
            style = get_style(op.style).id
        except PromptError:
            # A chat model's style name: a preset in another spelling, or a look no preset names.
            found = find_style(op.style)
            if found is None:
                return _set_slot(s, "medium", op.style.strip(), changes)
            style = found[0]
        if style != s.style:
            changes.append(f"style: {style_label(style).lower()}" if style != "none" else "style: none")
        return s.with_(style=style, medium=None if style != "none" else s.medium)
    if isinstance(op, SetSize):
        if op.width and op.height:
            changes.append(f"{op.width}×{op.height}")
            return s.with_(width=op.width, height=op.height, aspect=None)
        if op.scale:
            if not (s.width and s.height):
                return s  # nothing drawn yet to scale: the model's default size stands
            changes.append("bigger" if op.scale > 1 else "smaller")
            return s.with_(width=round(s.width * op.scale), height=round(s.height * op.scale), aspect=None)
        if op.aspect:
            changes.append(f"aspect {op.aspect}")
            return s.with_(aspect=op.aspect, width=None, height=None)
        return s
    if isinstance(op, SetSeed):
        if op.keep:
            return s
        changes.append(f"seed {op.seed}" if op.seed is not None else "new seed")
        return s.with_(seed=op.seed)
    if isinstance(op, SetSteps):
        changes.append(f"{op.steps} steps")
        return s.with_(steps=op.steps)
    if isinstance(op, SetGuidance):
        changes.append(f"guidance {op.guidance:g}")
        return s.with_(guidance=op.guidance)
    if isinstance(op, Camera):
        framing = _CAMERA[op.move]
        if op.move == "closer" and op.on:
            on = re.sub(r"^(?:the|a|an)\s+", "", op.on.strip(), flags=re.I)
            framing = f"close-up of {on}"
        if op.move != "closer":  # "zoom out" after "close-up of a bee": the framing said in the subject goes too
            subject = re.sub(r"^(?:an?\s+)?(?:extreme\s+)?(?:close-?\s?up|macro)(?:\s+(?:shot|photo|photograph|view|"
                             r"portrait))?\s+of\s+", "", s.subject, flags=re.I)
            if subject and subject != s.subject:
                s = s.with_(subject=subject)
        return _set_slot(s, "framing", framing, changes)
    return s


def _add(s: Scene, thing: str, changes: list[str]) -> Scene:
    thing = re.sub(r"^(?:with|and|plus|also)\s+", "", thing.strip(" ,."), flags=re.I)
    if not thing:
        return s
    noun = phrase_head(thing)
    negatives = tuple(n for n in s.negatives if head_noun(n) != noun and bare(n).lower() != bare(thing).lower())
    if negatives != s.negatives:
        changes.append(f"no longer avoided: {', '.join(n for n in s.negatives if n not in negatives)}")
    details = list(s.details)
    if re.match(r"^(?:another|one more|a second|a third|more|other|two|three|four|five|several|many|lots of|a few|"
                r"some more|\d+)\b", thing, re.I):
        noun = ""  # "another cat": one more, not a change of the cat there is
    # "same but with blue eyes": the new eyes replace the old ones, wherever they were said.
    for i, d in enumerate(details):
        if noun and re.search(rf"\b{_forms(noun)}\b", re.sub(r"[()\[\]]|:\s*\d+(?:\.\d+)?", " ", d), re.I):
            changes += [f"- {d}", f"+ {thing}"]
            details[i] = thing
            return s.with_(details=tuple(details), negatives=negatives)
    if noun and len(thing.split()) > 1 and re.search(rf"\b{_forms(noun)}\b", s.subject, re.I):
        subject, hit = _replace_in(s.subject, noun, thing)
        if hit and subject != s.subject:
            changes += [f"+ {thing}"]
            return s.with_(subject=subject, negatives=negatives)
    if any(bare(d).lower() == bare(thing).lower() for d in details):
        return s.with_(negatives=negatives)
    changes.append(f"+ {thing}")
    return s.with_(details=(*details, thing), negatives=negatives)


def _remove(s: Scene, thing: str, changes: list[str]) -> Scene:
    what = bare(thing)
    if not what:
        return s
    subject, hit = _cut(s.subject, what) if len(s.subject.split()) > 1 else (s.subject, False)
    if hit and not re.search(r"[^\W_]", subject):
        subject, hit = s.subject, False  # never remove the subject itself to nothing
    main = main_noun(s)
    if hit and main and head_noun(what) != main and not re.search(rf"\b{re.escape(main)}\b", subject, re.I):
        subject, hit = s.subject, False  # "remove the people" from "a man in a crowd": the man stays
    details = []
    leads = re.compile(rf"^\s*(?:{_ARTICLE}\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_thing_re(what).pattern})", re.I)
    for d in s.details:
        cut, dhit = _cut(d, what)
        if dhit:
            hit = True
            # "a cat sniffing it" is about the cat: without the cat nothing of it is left to draw.
            about_it = leads.match(d) and re.match(r"^\W*(?:\w+ing\b|(?:next to|beside|near|on|under|behind|by|with)\s+"
                                                   r"(?:it|him|her|them)\b)", cut, re.I)
            if not about_it and re.search(r"[^\W_]", cut) and len(cut.split()) > 1:
                details.append(cut)
        else:
            details.append(d)
    slots = {}
    for slot in SLOTS:
        value = getattr(s, slot)
        if value and _thing_re(what).search(value):
            slots[slot] = None
            hit = True
    # "take away the mist" from "in a misty forest": the word that says it goes, the forest stays.
    word = what.lower()
    if re.fullmatch(r"[a-z]{3,}", word):
        forms = {word + "y", word + word[-1] + "y", word[:-1] + "y" if word.endswith("e") else word + "y"}
        adjective = re.compile(rf"\b(?:{'|'.join(sorted(forms))})\s+(?=[^\W\d_])", re.I)
        if adjective.search(subject):
            subject, hit = adjective.sub("", subject), True
        details = [adjective.sub("", d) for d in details]
        for slot in SLOTS:
            value = slots.get(slot, getattr(s, slot)) if slot not in slots or slots[slot] else None
            if value and adjective.search(value):
                slots[slot] = adjective.sub("", value)
    negatives = s.negatives if any(n.lower() == what.lower() for n in s.negatives) else (*s.negatives, what)
    changes.append(f"- {what}")
    return s.with_(subject=subject, details=tuple(details), negatives=negatives, **slots)


# "make the dog a cat" when the picture shows a golden retriever: the kind names the breed drawn.
_KIND_OF = {
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


def _replace(s: Scene, old: str, new: str, changes: list[str]) -> Scene:
    old_b = bare(old)
    if old_b.lower() in ("it", "this", "that", "them", "him", "her", "the image", "the picture", "everything"):
        return _apply(s, SetSubject(subject=new), changes)
    if old_b.lower() in _KIND_OF and not s.mentions(old_b):
        text = " ".join(s.phrases())
        member = next((m for m in _KIND_OF[old_b.lower()].split() if re.search(rf"\b{_forms(m)}\b", text, re.I)), None)
        if member:
            old_b = member
    subject, hit = _replace_in(s.subject, old_b, new)
    details = []
    for d in s.details:
        nd, dh = _replace_in(d, old_b, new)
        hit = hit or dh
        details.append(nd)
    slots = {}
    for slot in SLOTS:
        value = getattr(s, slot)
        if value:
            nv, sh = _replace_in(value, old_b, new)
            if sh:
                slots[slot], hit = nv, True
    if not hit:
        changes.append(f"+ {new}")
        return s.with_(details=(*s.details, new))
    changes += [f"- {old_b}", f"+ {_article(new) if head_noun(new) == head_noun(old_b) else new}"]
    negatives = tuple(n for n in s.negatives if head_noun(n) != head_noun(new))
    return s.with_(subject=subject, details=tuple(details), negatives=negatives, **slots)


def _set_slot(s: Scene, slot: str, value: str | None, changes: list[str]) -> Scene:
    old = getattr(s, slot)
    if value and old and old.lower() == value.lower():
        return s
    if old:
        changes.append(f"- {old}")
    if value:
        changes.append(f"+ {value}")
    update: dict = {slot: value}
    if slot == "time" and value:
        kind = lx.time_kind(value)
        clash = _TIME_LIGHT_CLASH.get(kind or "")
        if clash is not None:
            if s.lighting and clash.search(s.lighting):
                changes.append(f"- {s.lighting}")
                update["lighting"] = None
            details = tuple(d for d in s.details if not (clash.search(d) and len(d.split()) <= 4))
            if details != s.details:
                changes += [f"- {d}" for d in s.details if d not in details]
                update["details"] = details
            # A time of day said inside the subject ("a street at night") gives way to the new one.
            subject = re.sub(r",?\s+(?:at|during|in|by)\s+(?:the\s+)?(?:night(?:time)?|midnight|sunset|sunrise|dawn|dusk|"
                             r"twilight|noon|midday|daytime|day|golden hour|blue hour|morning|afternoon|evening)\b",
                             "", s.subject, flags=re.I)
            if subject != s.subject and subject.strip():
                update["subject"] = subject
    if slot == "weather" and value:
        # "make it sunny" on "a foggy harbour": the old weather said inside the subject or a detail goes.
        said = {m.lower() for m in _WEATHER_ADJ.findall(value)}
        other = re.compile(rf"\b(?:{'|'.join(w for w in _WEATHER_WORDS if w not in said)})\s+(?=[^\W\d_])", re.I)
        subject = other.sub("", s.subject)
        if subject != s.subject and subject.strip():
            changes.append(f"- {', '.join(sorted({m.lower() for m in other.findall(s.subject)}))}".rstrip())
            update["subject"] = subject
        details = tuple(other.sub("", d) for d in s.details)
        if details != s.details:
            update["details"] = details
    if slot == "season" and value:
        kind = lx.season_kind(value)
        clash = lx.CONFLICTS.get(kind or "")
        if clash is not None:
            details = tuple(d for d in s.details if not (clash.search(d) and len(d.split()) <= 4))
            if details != s.details:
                update["details"] = details
            if s.weather and clash.search(s.weather):
                update["weather"] = None
    if value:  # a negative must never forbid what the scene now asks for
        negatives = tuple(n for n in s.negatives if not re.search(rf"\b{re.escape(head_noun(n))}\b", value, re.I))
        update["negatives"] = negatives
    return s.with_(**update)


def _dedupe(changes: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for c in changes:
        if c not in seen:
            seen.add(c)
            out.append(c)
    adds = {c[2:].lower() for c in out if c.startswith("+ ")}
    rems = {c[2:].lower() for c in out if c.startswith("- ")}
    both = adds & rems
    return [c for c in out if not (c[:2] in ("+ ", "- ") and c[2:].lower() in both)]
